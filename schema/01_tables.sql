-- Målbild storage tables (schema src). One table per file in data/; the contract is the views
-- in 02_views.sql. Levels, bases and vocabularies are enforced here with CHECK constraints.
CREATE SCHEMA IF NOT EXISTS src;

-- The source documents (annual reports) the figures are transcribed from: data/source/documents.csv. Every row of
-- the tables below names its document and its lines in it (document, source_lines). Reports staff add later live
-- in the entries store and are laid over the contract views source_document and source_line.
CREATE TABLE src.source_document (
    document     VARCHAR PRIMARY KEY CHECK (regexp_full_match(document, '[a-z0-9][a-z0-9_-]*')),
    title        VARCHAR NOT NULL,
    report_year  INTEGER NOT NULL CHECK (report_year BETWEEN 2000 AND 2100),
    publisher    VARCHAR NOT NULL,
    file_name    VARCHAR NOT NULL,
    sha256       VARCHAR NOT NULL UNIQUE CHECK (regexp_full_match(sha256, '[0-9a-f]{64}')),
    pages        INTEGER CHECK (pages >= 1),
    added_at     TIMESTAMP NOT NULL,
    added_by     VARCHAR NOT NULL
);

-- Each document's text, one row per line (numbered from 1 within the document), with its page when the text has
-- pages (a PDF's, or a text file's form feeds; NULL when the text has none), so every figure can quote its passage.
CREATE TABLE src.source_line (
    document     VARCHAR NOT NULL REFERENCES src.source_document (document),
    line_no      INTEGER NOT NULL CHECK (line_no >= 1),
    page         INTEGER CHECK (page >= 1),
    text         VARCHAR NOT NULL,
    PRIMARY KEY (document, line_no)
);

CREATE TABLE src.goal (
    goal_id      INTEGER PRIMARY KEY CHECK (goal_id >= 1),
    name_sv      VARCHAR NOT NULL,
    name_en      VARCHAR NOT NULL,
    document     VARCHAR NOT NULL REFERENCES src.source_document (document),
    source_lines VARCHAR NOT NULL
);

CREATE TABLE src.subgoal (
    subgoal_id   VARCHAR PRIMARY KEY,
    goal_id      INTEGER NOT NULL REFERENCES src.goal (goal_id),
    text_sv      VARCHAR NOT NULL,
    document     VARCHAR NOT NULL REFERENCES src.source_document (document),
    source_lines VARCHAR NOT NULL
);

CREATE TABLE src.goal_assessment (
    goal_id      INTEGER NOT NULL REFERENCES src.goal (goal_id),
    year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    level        INTEGER CHECK (level BETWEEN 1 AND 3),
    basis        VARCHAR NOT NULL CHECK (basis IN ('stated', 'derived', 'reconstructed', 'not_stated', 'entered')),
    note         VARCHAR,
    document     VARCHAR NOT NULL REFERENCES src.source_document (document),
    source_lines VARCHAR NOT NULL,
    PRIMARY KEY (goal_id, year),
    CHECK ((level IS NULL) = (basis = 'not_stated'))
);

CREATE TABLE src.recommendation_progress (
    goal_id      INTEGER NOT NULL REFERENCES src.goal (goal_id),
    year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    progress     VARCHAR CHECK (progress IN ('in_line', 'partly', 'little')),
    basis        VARCHAR NOT NULL CHECK (basis IN ('stated', 'derived', 'reconstructed', 'not_stated', 'entered')),
    note         VARCHAR,
    document     VARCHAR NOT NULL REFERENCES src.source_document (document),
    source_lines VARCHAR NOT NULL,
    PRIMARY KEY (goal_id, year),
    CHECK ((progress IS NULL) = (basis = 'not_stated'))
);

CREATE TABLE src.goal_text (
    goal_id      INTEGER NOT NULL REFERENCES src.goal (goal_id),
    year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    kind         VARCHAR NOT NULL CHECK (kind IN ('outcome', 'recommendation', 'summary', 'previous')),
    text_sv      VARCHAR NOT NULL,
    document     VARCHAR NOT NULL REFERENCES src.source_document (document),
    source_lines VARCHAR NOT NULL,
    PRIMARY KEY (goal_id, year, kind)
);

CREATE TABLE src.project_grant (
    goal_id      INTEGER NOT NULL REFERENCES src.goal (goal_id),
    year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    owner        VARCHAR NOT NULL,
    project      VARCHAR NOT NULL,
    amount_sek   BIGINT NOT NULL CHECK (amount_sek >= 0),
    basis        VARCHAR NOT NULL CHECK (basis IN ('stated', 'derived', 'reconstructed', 'entered')),
    document     VARCHAR NOT NULL REFERENCES src.source_document (document),
    source_lines VARCHAR NOT NULL,
    PRIMARY KEY (goal_id, year, owner, project)
);

CREATE TABLE src.goal_portfolio (
    goal_id      INTEGER REFERENCES src.goal (goal_id),
    year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    metric       VARCHAR NOT NULL CHECK (metric IN ('ongoing_projects', 'ongoing_amount_msek', 'granted_projects',
                                                    'granted_amount_sek', 'granted_amount_msek_text',
                                                    'share_of_year_total_pct')),
    value        DOUBLE,
    unit         VARCHAR NOT NULL,
    basis        VARCHAR NOT NULL CHECK (basis IN ('stated', 'derived', 'reconstructed', 'not_stated', 'entered')),
    note         VARCHAR,
    document     VARCHAR NOT NULL REFERENCES src.source_document (document),
    source_lines VARCHAR NOT NULL,
    UNIQUE (goal_id, year, metric),
    CHECK ((value IS NULL) = (basis = 'not_stated'))
);

CREATE TABLE src.ongoing_project (
    area         VARCHAR NOT NULL,
    project      VARCHAR NOT NULL,
    document     VARCHAR NOT NULL REFERENCES src.source_document (document),
    source_lines VARCHAR NOT NULL,
    PRIMARY KEY (area, project)
);

CREATE TABLE src.hr_metric (
    metric       VARCHAR NOT NULL,
    year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    grp          VARCHAR NOT NULL CHECK (grp IN ('all', 'women', 'men')),
    value        DOUBLE,
    unit         VARCHAR NOT NULL CHECK (unit IN ('persons', 'count', 'years', 'pct', 'ratio')),
    basis        VARCHAR NOT NULL CHECK (basis IN ('stated', 'derived', 'reconstructed', 'not_stated', 'entered')),
    note         VARCHAR,
    document     VARCHAR NOT NULL REFERENCES src.source_document (document),
    source_lines VARCHAR NOT NULL,
    PRIMARY KEY (metric, year, grp),
    CHECK ((value IS NULL) = (basis = 'not_stated'))
);

CREATE TABLE src.hr_age_band (
    year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    band         VARCHAR NOT NULL CHECK (band IN ('20-29', '30-39', '40-49', '50-59', '60+')),
    grp          VARCHAR NOT NULL CHECK (grp IN ('all', 'women', 'men')),
    persons      INTEGER CHECK (persons >= 0),
    basis        VARCHAR NOT NULL CHECK (basis IN ('stated', 'derived', 'reconstructed', 'not_stated', 'entered')),
    note         VARCHAR,
    document     VARCHAR NOT NULL REFERENCES src.source_document (document),
    source_lines VARCHAR NOT NULL,
    PRIMARY KEY (year, band, grp),
    CHECK ((persons IS NULL) = (basis = 'not_stated'))
);

CREATE TABLE src.financial_goal (
    goal_key     VARCHAR NOT NULL CHECK (goal_key IN ('liquidity_ratio', 'budget_balanced', 'result_positive',
                                                      'pension_balanced', 'equity_share_pct')),
    year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    value        DOUBLE,
    target_text  VARCHAR NOT NULL,
    met          BOOLEAN,
    basis        VARCHAR NOT NULL CHECK (basis IN ('stated', 'derived', 'reconstructed', 'not_stated', 'entered')),
    note         VARCHAR,
    document     VARCHAR NOT NULL REFERENCES src.source_document (document),
    source_lines VARCHAR NOT NULL,
    PRIMARY KEY (goal_key, year)
);

CREATE TABLE src.finance_line (
    statement    VARCHAR NOT NULL CHECK (statement IN ('income', 'balance', 'operating', 'cashflow',
                                                        'balance_requirement', 'turnover')),
    line_order   INTEGER NOT NULL CHECK (line_order >= 1),
    line         VARCHAR NOT NULL,
    line_en      VARCHAR NOT NULL,
    section      VARCHAR,
    kind         VARCHAR NOT NULL CHECK (kind IN ('item', 'subtotal', 'total')),
    year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    amount_tkr   DOUBLE,
    budget_tkr   DOUBLE,
    basis        VARCHAR NOT NULL CHECK (basis IN ('stated', 'derived', 'reconstructed', 'not_stated', 'entered')),
    note         VARCHAR,
    document     VARCHAR NOT NULL REFERENCES src.source_document (document),
    source_lines VARCHAR NOT NULL,
    PRIMARY KEY (statement, line_order, year)
);

-- The report's own verdicts on goal fulfilment: the region's (Sammanfattande bedömning god ekonomisk hushållning)
-- and the auditors' (Revisionsberättelse). The wording is quoted from the report; each key belongs to one giver.
CREATE TABLE src.verdict (
    year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    verdict_key  VARCHAR NOT NULL CHECK (verdict_key IN ('operational_goals', 'financial_goals', 'sound_management',
                                                         'management', 'accounts', 'internal_control',
                                                         'financial_result', 'operational_result', 'discharge',
                                                         'approval')),
    given_by     VARCHAR NOT NULL CHECK (given_by IN ('region', 'auditors')),
    scope        VARCHAR NOT NULL CHECK (scope IN ('operational', 'financial', 'overall')),
    wording_sv   VARCHAR NOT NULL CHECK (length(trim(wording_sv)) > 0),
    outcome      VARCHAR CHECK (outcome IN ('yes', 'mostly', 'partly', 'no')),
    basis        VARCHAR NOT NULL CHECK (basis IN ('stated', 'entered')),
    note         VARCHAR,
    document     VARCHAR NOT NULL REFERENCES src.source_document (document),
    source_lines VARCHAR NOT NULL,
    PRIMARY KEY (year, verdict_key),
    CHECK ((given_by = 'region') = (verdict_key IN ('operational_goals', 'financial_goals', 'sound_management')))
);

-- Shares in percent the report prints beside its statements: the cost distribution and the revenue and cost pies.
CREATE TABLE src.finance_share (
    chart        VARCHAR NOT NULL CHECK (chart IN ('cost_distribution', 'revenue', 'costs')),
    line_order   INTEGER NOT NULL CHECK (line_order >= 1),
    line         VARCHAR NOT NULL,
    line_en      VARCHAR NOT NULL,
    year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    share_pct    DOUBLE CHECK (share_pct BETWEEN 0 AND 100),
    basis        VARCHAR NOT NULL CHECK (basis IN ('stated', 'derived', 'reconstructed', 'not_stated', 'entered')),
    note         VARCHAR,
    document     VARCHAR NOT NULL REFERENCES src.source_document (document),
    source_lines VARCHAR NOT NULL,
    PRIMARY KEY (chart, line_order, year),
    CHECK ((share_pct IS NULL) = (basis = 'not_stated'))
);

-- Result indicators the goal summaries state: what the work achieved (counts and amounts in the report's prose).
CREATE TABLE src.goal_indicator (
    goal_id         INTEGER NOT NULL REFERENCES src.goal (goal_id),
    indicator_order INTEGER NOT NULL CHECK (indicator_order >= 1),
    indicator       VARCHAR NOT NULL CHECK (length(trim(indicator)) > 0),
    indicator_en    VARCHAR NOT NULL CHECK (length(trim(indicator_en)) > 0),
    value           DOUBLE,
    qualifier       VARCHAR NOT NULL CHECK (qualifier IN ('exact', 'about', 'more_than')),
    year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    basis           VARCHAR NOT NULL CHECK (basis IN ('stated', 'derived', 'reconstructed', 'not_stated', 'entered')),
    note            VARCHAR,
    document        VARCHAR NOT NULL REFERENCES src.source_document (document),
    source_lines    VARCHAR NOT NULL,
    PRIMARY KEY (goal_id, year, indicator_order),
    CHECK ((value IS NULL) = (basis = 'not_stated'))
);

-- What the report states about the project portfolio beside goal_portfolio's metrics: the share of growth funds to
-- projects with EU co-funding, new projects under a measure, projects ongoing from earlier years, projects closed.
CREATE TABLE src.portfolio_detail (
    goal_id      INTEGER REFERENCES src.goal (goal_id),
    year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    detail       VARCHAR NOT NULL CHECK (detail IN ('eu_cofunded_share_pct', 'granted_under_measure',
                                                    'earlier_projects', 'closed_projects')),
    measure      VARCHAR,
    value        DOUBLE,
    unit         VARCHAR NOT NULL CHECK (unit IN ('count', 'pct')),
    basis        VARCHAR NOT NULL CHECK (basis IN ('stated', 'derived', 'reconstructed', 'not_stated', 'entered')),
    note         VARCHAR,
    document     VARCHAR NOT NULL REFERENCES src.source_document (document),
    source_lines VARCHAR NOT NULL,
    UNIQUE (goal_id, year, detail, measure),
    CHECK ((value IS NULL) = (basis = 'not_stated')),
    CHECK ((measure IS NOT NULL) = (detail = 'granted_under_measure'))
);

-- Finance figures the report states beside its statements: the table Övrig basverksamhet, the member fees, the
-- pension figures and the personnel costs of notes 4, 5 and 16. other_values/other_lines: where the report prints the
-- same figure differently elsewhere (';'-separated, in the same order).
CREATE TABLE src.finance_detail (
    topic        VARCHAR NOT NULL CHECK (topic IN ('other_core_operations', 'grants_non_members', 'member_fees', 'pension',
                                                  'personnel_core', 'personnel_projects', 'personnel_group',
                                                  'project_result')),
    line_order   INTEGER NOT NULL CHECK (line_order >= 1),
    line         VARCHAR NOT NULL,
    line_en      VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL CHECK (kind IN ('item', 'of_which', 'subtotal', 'total')),
    year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    value        DOUBLE,
    unit         VARCHAR NOT NULL CHECK (unit IN ('tkr', 'msek', 'pct')),
    basis        VARCHAR NOT NULL CHECK (basis IN ('stated', 'derived', 'reconstructed', 'not_stated', 'entered')),
    note         VARCHAR,
    other_values VARCHAR,
    other_lines  VARCHAR,
    document     VARCHAR NOT NULL REFERENCES src.source_document (document),
    source_lines VARCHAR NOT NULL,
    PRIMARY KEY (topic, line_order, year),
    CHECK ((value IS NULL) = (basis = 'not_stated')),
    CHECK ((other_values IS NULL) = (other_lines IS NULL))
);

-- Build metadata: checksum of the bundled data, build time.
CREATE TABLE src.build_info (
    key          VARCHAR PRIMARY KEY,
    value        VARCHAR NOT NULL
);
