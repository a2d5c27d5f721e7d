-- grain: one row per non-empty source line within the given line ranges ('4421-4440;4450')
-- params: source_lines
-- columns: line_no, text
WITH ranges AS (
    SELECT trim(unnest(string_split($source_lines, ';'))) AS rng
), bounds AS (
    SELECT TRY_CAST(split_part(rng, '-', 1) AS INTEGER) AS lo,
           TRY_CAST(coalesce(nullif(split_part(rng, '-', 2), ''), split_part(rng, '-', 1)) AS INTEGER) AS hi
    FROM ranges
)
SELECT DISTINCT s.line_no, s.text
FROM source_line s
JOIN bounds b ON s.line_no BETWEEN b.lo AND b.hi
WHERE trim(s.text) <> ''
ORDER BY s.line_no;
