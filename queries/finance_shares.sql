-- grain: one row per chart of shares (cost_distribution, revenue, costs), line and year
-- params: none
-- columns: chart, line_order, line, line_en, year, share_pct, basis, note, source_lines
SELECT chart, line_order, line, line_en, year, share_pct, basis, note, source_lines
FROM finance_share
ORDER BY chart, year DESC, line_order;
