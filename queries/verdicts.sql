-- grain: one row per verdict and year (the region's first, then the auditors', each in the report's order: by its last cited line)
-- params: none
-- columns: year, verdict_key, given_by, scope, wording_sv, outcome, basis, note, source_lines
SELECT year, verdict_key, given_by, scope, wording_sv, outcome, basis, note, source_lines
FROM verdict
ORDER BY year, given_by = 'auditors', coalesce(TRY_CAST(regexp_extract(source_lines, '([0-9]+)$', 1) AS INTEGER), 0),
         verdict_key;
