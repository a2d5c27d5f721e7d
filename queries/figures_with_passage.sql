-- grain: one row per figure, with its document, source lines and the quoted passage from that document
-- params: none
-- columns: dataset, figure_key, year, value, basis, document, source_lines, passage
WITH f AS (
    SELECT row_number() OVER () AS fid, * FROM figure
), ranges AS (
    SELECT fid, document, trim(unnest(string_split(source_lines, ';'))) AS rng FROM f
), bounds AS (
    SELECT fid, document,
           TRY_CAST(split_part(rng, '-', 1) AS INTEGER) AS lo,
           TRY_CAST(coalesce(nullif(split_part(rng, '-', 2), ''), split_part(rng, '-', 1)) AS INTEGER) AS hi
    FROM ranges
), passages AS (
    SELECT b.fid, string_agg(trim(s.text), ' ' ORDER BY s.line_no) AS passage
    FROM bounds b
    JOIN source_line s ON s.document = b.document AND s.line_no BETWEEN b.lo AND b.hi AND trim(s.text) <> ''
    GROUP BY b.fid
)
SELECT f.dataset, f.figure_key, f.year, f.value, f.basis, f.document, f.source_lines, p.passage
FROM f
LEFT JOIN passages p USING (fid)
ORDER BY f.dataset, f.figure_key, f.year;
