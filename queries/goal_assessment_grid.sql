-- grain: one row per goal and assessed year (a year with no row for a goal is not in the data)
-- params: none
-- columns: goal_id, name_sv, name_en, year, level, basis, note, document, source_lines
SELECT a.goal_id, g.name_sv, g.name_en, a.year, a.level, a.basis, a.note, a.document, a.source_lines
FROM goal_assessment a
JOIN goal g USING (goal_id)
ORDER BY a.goal_id, a.year;
