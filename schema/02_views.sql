-- Målbild data contract: the views analysts and the app read (docs/data-contract.md).
-- Changing a view or a column needs a note in docs/migrations.md.

CREATE OR REPLACE VIEW goal AS
SELECT goal_id, name_sv, name_en, document, source_lines FROM src.goal;

CREATE OR REPLACE VIEW subgoal AS
SELECT subgoal_id, goal_id, text_sv, document, source_lines FROM src.subgoal;

CREATE OR REPLACE VIEW goal_assessment AS
SELECT goal_id, year, level, basis, note, document, source_lines FROM src.goal_assessment;

CREATE OR REPLACE VIEW recommendation_progress AS
SELECT goal_id, year, progress, basis, note, document, source_lines FROM src.recommendation_progress;

CREATE OR REPLACE VIEW goal_text AS
SELECT goal_id, year, kind, text_sv, document, source_lines FROM src.goal_text;

CREATE OR REPLACE VIEW project_grant AS
SELECT goal_id, year, owner, project, amount_sek, basis, document, source_lines FROM src.project_grant;

CREATE OR REPLACE VIEW goal_portfolio AS
SELECT goal_id, year, metric, value, unit, basis, note, document, source_lines FROM src.goal_portfolio;

CREATE OR REPLACE VIEW ongoing_project AS
SELECT area, project, document, source_lines FROM src.ongoing_project;

CREATE OR REPLACE VIEW hr_metric AS
SELECT metric, year, grp, value, unit, basis, note, document, source_lines FROM src.hr_metric;

CREATE OR REPLACE VIEW hr_age_band AS
SELECT year, band, grp, persons, basis, note, document, source_lines FROM src.hr_age_band;

CREATE OR REPLACE VIEW financial_goal AS
SELECT goal_key, year, value, target_text, met, basis, note, document, source_lines FROM src.financial_goal;

CREATE OR REPLACE VIEW finance_line AS
SELECT statement, line_order, line, line_en, section, kind, year, amount_tkr, budget_tkr, basis, note,
       document, source_lines
FROM src.finance_line;

CREATE OR REPLACE VIEW verdict AS
SELECT year, verdict_key, given_by, scope, wording_sv, outcome, basis, note, document, source_lines FROM src.verdict;

CREATE OR REPLACE VIEW finance_share AS
SELECT chart, line_order, line, line_en, year, share_pct, basis, note, document, source_lines FROM src.finance_share;

CREATE OR REPLACE VIEW source_document AS
SELECT document, title, report_year, publisher, file_name, sha256, pages, added_at, added_by FROM src.source_document;

CREATE OR REPLACE VIEW goal_indicator AS
SELECT goal_id, indicator_order, indicator, indicator_en, value, qualifier, year, basis, note, document, source_lines
FROM src.goal_indicator;

CREATE OR REPLACE VIEW portfolio_detail AS
SELECT goal_id, year, detail, measure, value, unit, basis, note, document, source_lines
FROM src.portfolio_detail;

CREATE OR REPLACE VIEW finance_detail AS
SELECT topic, line_order, line, line_en, kind, year, value, unit, basis, note, other_values, other_lines, document,
       source_lines
FROM src.finance_detail;

CREATE OR REPLACE VIEW source_line AS
SELECT document, line_no, page, text FROM src.source_line;

-- Every figure the app can show, with its basis, document and lines: the Sources page counts and lists these.
CREATE OR REPLACE VIEW figure AS
SELECT 'goal_assessment' AS dataset, 'goal ' || goal_id AS figure_key, year, level::DOUBLE AS value,
       basis, document, source_lines
FROM src.goal_assessment
UNION ALL
SELECT 'recommendation_progress', 'goal ' || goal_id || ': ' || coalesce(progress, '–'), year, NULL, basis,
       document, source_lines
FROM src.recommendation_progress
UNION ALL
SELECT 'project_grant', owner || ' – ' || project, year, amount_sek::DOUBLE, basis, document, source_lines
FROM src.project_grant
UNION ALL
SELECT 'goal_portfolio', coalesce('goal ' || goal_id, 'all goals') || ': ' || metric, year, value, basis,
       document, source_lines
FROM src.goal_portfolio
UNION ALL
SELECT 'hr_metric', metric || ' (' || grp || ')', year, value, basis, document, source_lines FROM src.hr_metric
UNION ALL
SELECT 'hr_age_band', band || ' (' || grp || ')', year, persons::DOUBLE, basis, document, source_lines FROM src.hr_age_band
UNION ALL
SELECT 'financial_goal', goal_key, year, value, basis, document, source_lines FROM src.financial_goal
UNION ALL
SELECT 'finance_line', statement || ': ' || line, year, amount_tkr, basis, document, source_lines FROM src.finance_line
UNION ALL
SELECT 'verdict', given_by || ': ' || verdict_key || ': ' || coalesce(outcome, '–'), year, NULL, basis, document, source_lines
FROM src.verdict
UNION ALL
SELECT 'finance_share', chart || ': ' || line, year, share_pct, basis, document, source_lines FROM src.finance_share
UNION ALL
SELECT 'goal_indicator', 'goal ' || goal_id || ': ' || qualifier || ': ' || indicator, year, value, basis, document,
       source_lines
FROM src.goal_indicator
UNION ALL
SELECT 'portfolio_detail', coalesce('goal ' || goal_id, 'all goals') || ': ' || detail, year, value, basis, document,
       source_lines
FROM src.portfolio_detail
UNION ALL
SELECT 'finance_detail', topic || ': ' || unit || ': ' || line, year, value, basis, document, source_lines
FROM src.finance_detail;
