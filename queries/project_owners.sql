-- grain: one row per project owner, with the number of granted projects and the SEK granted
-- params: none
-- columns: owner, projects, amount_sek
SELECT owner, count(*) AS projects, sum(amount_sek)::BIGINT AS amount_sek
FROM project_grant
GROUP BY owner
ORDER BY owner;
