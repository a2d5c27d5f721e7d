-- grain: one row per non-empty line of one source document within the given line ranges ('4421-4440;4450')
-- params: document, source_lines
-- columns: line_no, page, text
-- document: a key of source_document ('ar2018'); NULL means the report database's own (bundled) document.
WITH ranges AS (
    SELECT trim(unnest(string_split($source_lines, ';'))) AS rng
), bounds AS (
    SELECT TRY_CAST(split_part(rng, '-', 1) AS INTEGER) AS lo,
           TRY_CAST(coalesce(nullif(split_part(rng, '-', 2), ''), split_part(rng, '-', 1)) AS INTEGER) AS hi
    FROM ranges
), doc AS (
    SELECT coalesce($document, (SELECT document FROM src.source_document ORDER BY added_at, document LIMIT 1))
        AS document
)
SELECT DISTINCT s.line_no, s.page, s.text
FROM source_line s
JOIN doc d ON s.document = d.document
JOIN bounds b ON s.line_no BETWEEN b.lo AND b.hi
WHERE trim(s.text) <> ''
ORDER BY s.line_no;
