-- grain: one row per year in which one goal's progress against recommendations is recorded
-- params: goal_id
-- columns: year, progress, basis, note, document, source_lines
SELECT year, progress, basis, note, document, source_lines
FROM recommendation_progress
WHERE goal_id = $goal_id
ORDER BY year;
