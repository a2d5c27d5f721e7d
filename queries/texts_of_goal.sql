-- grain: one row per year and kind of text (outcome, recommendation, summary, previous) of one goal
-- params: goal_id
-- columns: year, kind, text_sv, document, source_lines
SELECT year, kind, text_sv, document, source_lines
FROM goal_text
WHERE goal_id = $goal_id
ORDER BY year, kind;
