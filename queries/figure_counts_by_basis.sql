-- grain: one row per dataset and basis: how many figures the data holds
-- params: none
-- columns: dataset, basis, figures
SELECT dataset, basis, count(*) AS figures
FROM figure
GROUP BY dataset, basis
ORDER BY dataset, basis;
