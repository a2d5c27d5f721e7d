-- grain: one row per goal of the Regional Plan
-- params: none
-- columns: goal_id, name_sv, name_en, subgoals, source_lines
SELECT g.goal_id, g.name_sv, g.name_en,
       (SELECT count(*) FROM subgoal s WHERE s.goal_id = g.goal_id) AS subgoals,
       g.source_lines
FROM goal g
ORDER BY g.goal_id;
