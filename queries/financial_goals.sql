-- grain: one row per financial goal and year
-- params: none
-- columns: goal_key, year, value, target_text, met, basis, note, source_lines
SELECT goal_key, year, value, target_text, met, basis, note, source_lines
FROM financial_goal
ORDER BY goal_key, year;
