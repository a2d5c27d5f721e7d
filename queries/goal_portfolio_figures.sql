-- grain: one row per goal (NULL = all goals), year and stated portfolio figure
-- params: none
-- columns: goal_id, year, metric, value, unit, basis, note, source_lines
SELECT goal_id, year, metric, value, unit, basis, note, source_lines
FROM goal_portfolio
ORDER BY goal_id NULLS LAST, year, metric;
