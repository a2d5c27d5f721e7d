-- grain: one row per year, age band and group (all, women, men)
-- params: none
-- columns: year, band, grp, persons, basis, note, source_lines
SELECT year, band, grp, persons, basis, note, source_lines
FROM hr_age_band
ORDER BY year, band, grp;
