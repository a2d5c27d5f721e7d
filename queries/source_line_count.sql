-- grain: one row: the number of lines in the bundled source document (the report database's own, ar2018)
-- params: none
-- columns: lines
SELECT count(*) AS lines
FROM source_line
WHERE document = (SELECT document FROM src.source_document ORDER BY added_at, document LIMIT 1);
