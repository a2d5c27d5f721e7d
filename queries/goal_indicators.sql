-- grain: one row per result indicator of one goal and year
-- params: goal_id
-- columns: goal_id, indicator_order, indicator, indicator_en, value, qualifier, year, basis, note, source_lines, document
SELECT goal_id, indicator_order, indicator, indicator_en, value, qualifier, year, basis, note, source_lines, document
FROM goal_indicator
WHERE goal_id = $goal_id
ORDER BY year DESC, indicator_order;
