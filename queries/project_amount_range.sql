-- grain: one row: the smallest and largest grant, and the years with grants
-- params: none
-- columns: min_amount, max_amount, first_year, last_year, projects
SELECT min(amount_sek)::BIGINT AS min_amount, max(amount_sek)::BIGINT AS max_amount,
       min(year) AS first_year, max(year) AS last_year, count(*) AS projects
FROM project_grant;
