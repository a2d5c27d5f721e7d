-- grain: one row per sub-goal of one goal
-- params: goal_id
-- columns: subgoal_id, text_sv, source_lines
SELECT subgoal_id, text_sv, source_lines
FROM subgoal
WHERE goal_id = $goal_id
ORDER BY string_split(subgoal_id, '.')[2]::INTEGER;
