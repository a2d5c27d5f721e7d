-- grain: one row per portfolio detail of one goal (goal_id NULL: of all goals) and year
-- params: goal_id
-- columns: goal_id, year, detail, measure, value, unit, basis, note, source_lines, document
SELECT goal_id, year, detail, measure, value, unit, basis, note, source_lines, document
FROM portfolio_detail
WHERE goal_id IS NOT DISTINCT FROM $goal_id
ORDER BY year DESC, detail, measure;
