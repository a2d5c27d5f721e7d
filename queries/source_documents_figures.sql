-- grain: one row per source document: its title, the year it reports, its lines and the figures citing it
-- params: none
-- columns: document, title, report_year, lines, figures
WITH lines AS (
    SELECT document, count(*) AS lines FROM source_line GROUP BY document
), figures AS (
    SELECT document, count(*) AS figures FROM figure WHERE document IS NOT NULL GROUP BY document
)
SELECT d.document, d.title, d.report_year, coalesce(l.lines, 0) AS lines, coalesce(f.figures, 0) AS figures
FROM source_document d
LEFT JOIN lines l USING (document)
LEFT JOIN figures f USING (document)
ORDER BY d.report_year, d.added_at, d.document;
