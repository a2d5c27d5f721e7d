-- grain: one row per personnel metric, year and group (all, women, men)
-- params: none
-- columns: metric, year, grp, value, unit, basis, note, source_lines
SELECT metric, year, grp, value, unit, basis, note, source_lines
FROM hr_metric
ORDER BY metric, year, grp;
