-- grain: one row per source document (the bundled report and every report staff added)
-- params: none
-- columns: document, title, report_year
SELECT document, title, report_year
FROM source_document
ORDER BY report_year, added_at, document;
