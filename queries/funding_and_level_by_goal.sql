-- grain: one row per goal: projects and SEK granted in one year, and the goal's level that year
-- params: year
-- columns: goal_id, name_sv, name_en, projects, amount_sek, level, level_basis
SELECT g.goal_id, g.name_sv, g.name_en,
       count(p.project) AS projects,
       coalesce(sum(p.amount_sek), 0)::BIGINT AS amount_sek,
       a.level, a.basis AS level_basis
FROM goal g
LEFT JOIN project_grant p ON p.goal_id = g.goal_id AND p.year = $year
LEFT JOIN goal_assessment a ON a.goal_id = g.goal_id AND a.year = $year
GROUP BY g.goal_id, g.name_sv, g.name_en, a.level, a.basis
ORDER BY g.goal_id;
