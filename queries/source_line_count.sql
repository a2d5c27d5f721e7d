-- grain: one row: the number of lines in the source document
-- params: none
-- columns: lines
SELECT count(*) AS lines FROM source_line;
