-- grain: one row: the report database's own (bundled) document, the one source_passage quotes when given none
-- params: none
-- columns: document
SELECT document FROM src.source_document ORDER BY added_at, document LIMIT 1;
