-- grain: one row per line of one financial statement and year
-- params: statement
-- columns: line_order, line, line_en, section, kind, year, amount_tkr, budget_tkr, basis, note, source_lines
SELECT line_order, line, line_en, section, kind, year, amount_tkr, budget_tkr, basis, note, source_lines
FROM finance_line
WHERE statement = $statement
ORDER BY year DESC, line_order;
