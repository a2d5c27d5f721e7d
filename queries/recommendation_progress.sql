-- grain: one row per goal and year in which progress against the recommendations is recorded
-- params: none
-- columns: goal_id, year, progress, basis, document, source_lines
SELECT goal_id, year, progress, basis, document, source_lines
FROM recommendation_progress
ORDER BY goal_id, year;
