-- grain: one row per ongoing project listed under an activity area
-- params: none
-- columns: area, project, source_lines
SELECT area, project, source_lines
FROM ongoing_project
ORDER BY area, project;
