-- grain: one row per line of a finance topic (other_core_operations, member_fees, pension, personnel_*) and year
-- params: none
-- columns: topic, line_order, line, line_en, kind, year, value, unit, basis, note, other_values, other_lines, source_lines, document
SELECT topic, line_order, line, line_en, kind, year, value, unit, basis, note, other_values, other_lines, source_lines,
       document
FROM finance_detail
ORDER BY topic, line_order, year DESC;
