"""Key families: the texts chosen by a code from the data ('derived' → basis_derived), each key written out, so that
`pybabel extract` finds it and `grep -rn basis_derived` shows where the text is used. A code without a text is left
out (the caller shows the code itself, or a gap)."""

from __future__ import annotations

from malbild.texts import N_

LEVEL = {3: N_("level_3"), 2: N_("level_2"), 1: N_("level_1")}
LEVEL_SHORT = {3: N_("level_3_short"), 2: N_("level_2_short"), 1: N_("level_1_short")}
PROGRESS = {"in_line": N_("progress_in_line"), "partly": N_("progress_partly"), "little": N_("progress_little")}
PROGRESS_SHORT = {
    "in_line": N_("progress_in_line_short"),
    "partly": N_("progress_partly_short"),
    "little": N_("progress_little_short"),
}
# A figure's basis: in words, as a table's column, in the deck, as the Sources page's help.
BASIS = {
    "stated": N_("basis_stated"),
    "derived": N_("basis_derived"),
    "reconstructed": N_("basis_reconstructed"),
    "not_stated": N_("basis_not_stated"),
    "entered": N_("basis_entered"),
}
BASIS_COL = {
    "stated": N_("basis_col_stated"),
    "derived": N_("basis_col_derived"),
    "reconstructed": N_("basis_col_reconstructed"),
    "entered": N_("basis_col_entered"),
}
DECK_BASIS = {
    "stated": N_("deck_basis_stated"),
    "derived": N_("deck_basis_derived"),
    "reconstructed": N_("deck_basis_reconstructed"),
    "not_stated": N_("deck_basis_not_stated"),
    "entered": N_("deck_basis_entered"),
}
BASIS_HELP = {
    "stated": N_("src_basis_help_stated"),
    "derived": N_("src_basis_help_derived"),
    "reconstructed": N_("src_basis_help_reconstructed"),
    "not_stated": N_("src_basis_help_not_stated"),
    "entered": N_("src_basis_help_entered"),
}
MARK = {
    "derived": N_("hr_mark_derived"),
    "reconstructed": N_("hr_mark_reconstructed"),
    "entered": N_("hr_mark_entered"),
}

GOAL_TEXT = {
    "outcome": N_("gp_text_outcome"),
    "recommendation": N_("gp_text_recommendation"),
    "previous": N_("gp_text_previous"),
    "summary": N_("gp_text_summary"),
}
GOAL_CHANGE = {
    "worse": N_("gp_change_worse"),
    "better": N_("gp_change_better"),
    "same": N_("gp_change_same"),
    "gap": N_("gp_change_gap"),
}
GOAL_CHANGE_SHORT = {
    "worse": N_("gp_change_worse_short"),
    "better": N_("gp_change_better_short"),
    "same": N_("gp_change_same_short"),
    "gap": N_("gp_change_gap_short"),
}

FINANCIAL_GOAL = {
    "budget_balanced": N_("fin_goal_budget_balanced"),
    "equity_share_pct": N_("fin_goal_equity_share_pct"),
    "liquidity_ratio": N_("fin_goal_liquidity_ratio"),
    "pension_balanced": N_("fin_goal_pension_balanced"),
    "result_positive": N_("fin_goal_result_positive"),
}
FLOW = {"income": N_("fin_flow_income"), "cost": N_("fin_flow_cost")}
SHARE = {
    "revenue": N_("fin_share_revenue"),
    "costs": N_("fin_share_costs"),
    "cost_distribution": N_("fin_share_cost_distribution"),
}

HR_KIND = {"permanent": N_("hr_kind_permanent"), "temporary": N_("hr_kind_temporary")}
HR_METRIC = {
    "afa_incidents_reported": N_("hr_metric_afa_incidents_reported"),
    "avg_age": N_("hr_metric_avg_age"),
    "avg_employees": N_("hr_metric_avg_employees"),
    "base_funded_avg_employees": N_("hr_metric_base_funded_avg_employees"),
    "base_share_pct": N_("hr_metric_base_share_pct"),
    "board_members": N_("hr_metric_board_members"),
    "cpr_trained_pct": N_("hr_metric_cpr_trained_pct"),
    "cpr_trained_target_pct": N_("hr_metric_cpr_trained_target_pct"),
    "employees_per_manager": N_("hr_metric_employees_per_manager"),
    "employments": N_("hr_metric_employments"),
    "headcount": N_("hr_metric_headcount"),
    "healthy_share_pct": N_("hr_metric_healthy_share_pct"),
    "long_term_sick_share_pct": N_("hr_metric_long_term_sick_share_pct"),
    "management_group_share_pct": N_("hr_metric_management_group_share_pct"),
    "management_group_unit_managers": N_("hr_metric_management_group_unit_managers"),
    "manager_persons": N_("hr_metric_manager_persons"),
    "manager_share_pct": N_("hr_metric_manager_share_pct"),
    "managers": N_("hr_metric_managers"),
    "new_hires": N_("hr_metric_new_hires"),
    "new_hires_refills": N_("hr_metric_new_hires_refills"),
    "occupational_health_preventive_share_pct": N_("hr_metric_occupational_health_preventive_share_pct"),
    "occupational_health_rehab_share_pct": N_("hr_metric_occupational_health_rehab_share_pct"),
    "permanent": N_("hr_metric_permanent"),
    "permanent_share_pct": N_("hr_metric_permanent_share_pct"),
    "project_funded_avg_employees": N_("hr_metric_project_funded_avg_employees"),
    "project_positions": N_("hr_metric_project_positions"),
    "project_share_pct": N_("hr_metric_project_share_pct"),
    "sick_leave_pct": N_("hr_metric_sick_leave_pct"),
    "temporary": N_("hr_metric_temporary"),
    "temporary_prose": N_("hr_metric_temporary_prose"),
    "temporary_share_pct": N_("hr_metric_temporary_share_pct"),
    "turnover_pct": N_("hr_metric_turnover_pct"),
    "wellness_use_pct": N_("hr_metric_wellness_use_pct"),
}

VERDICT_OUTCOME = {
    "yes": N_("vd_outcome_yes"),
    "mostly": N_("vd_outcome_mostly"),
    "partly": N_("vd_outcome_partly"),
    "no": N_("vd_outcome_no"),
}
VERDICT_KEY = {
    "operational_goals": N_("vd_key_operational_goals"),
    "financial_goals": N_("vd_key_financial_goals"),
    "sound_management": N_("vd_key_sound_management"),
    "management": N_("vd_key_management"),
    "accounts": N_("vd_key_accounts"),
    "internal_control": N_("vd_key_internal_control"),
    "financial_result": N_("vd_key_financial_result"),
    "operational_result": N_("vd_key_operational_result"),
    "discharge": N_("vd_key_discharge"),
    "approval": N_("vd_key_approval"),
}
VERDICT_MESSAGE = {
    "sound_management": N_("vd_msg_sound_management"),
    "operational_result": N_("vd_msg_operational_result"),
    "financial_result": N_("vd_msg_financial_result"),
}
VERDICT_BY = {"region": N_("vd_by_region"), "auditors": N_("vd_by_auditors")}
VERDICT_GIVER = {"region": N_("vd_giver_region"), "auditors": N_("vd_giver_auditors")}

# The Sources page: datasets, units, portfolio figures, stated shares and statements.
DATASET = {
    "goal_assessment": N_("ds_goal_assessment"),
    "recommendation_progress": N_("ds_recommendation_progress"),
    "project_grant": N_("ds_project_grant"),
    "goal_portfolio": N_("ds_goal_portfolio"),
    "hr_metric": N_("ds_hr_metric"),
    "hr_age_band": N_("ds_hr_age_band"),
    "verdict": N_("ds_verdict"),
    "financial_goal": N_("ds_financial_goal"),
    "finance_line": N_("ds_finance_line"),
    "finance_share": N_("ds_finance_share"),
    "goal_indicator": N_("ds_goal_indicator"),
    "portfolio_detail": N_("ds_portfolio_detail"),
    "finance_detail": N_("ds_finance_detail"),
}
SOURCE_UNIT = {"persons": N_("src_unit_persons"), "years": N_("src_unit_years")}
PORTFOLIO_FIGURE = {
    "granted_amount_msek_text": N_("src_pf_granted_amount_msek_text"),
    "granted_amount_sek": N_("src_pf_granted_amount_sek"),
    "granted_projects": N_("src_pf_granted_projects"),
    "ongoing_amount_msek": N_("src_pf_ongoing_amount_msek"),
    "ongoing_projects": N_("src_pf_ongoing_projects"),
    "share_of_year_total_pct": N_("src_pf_share_of_year_total_pct"),
}
SOURCE_SHARE = {
    "revenue": N_("src_share_revenue"),
    "costs": N_("src_share_costs"),
    "cost_distribution": N_("src_share_cost_distribution"),
}
SOURCE_STATEMENT = {
    "income": N_("src_stmt_income"),
    "balance": N_("src_stmt_balance"),
    "operating": N_("src_stmt_operating"),
    "cashflow": N_("src_stmt_cashflow"),
    "balance_requirement": N_("src_stmt_balance_requirement"),
    "turnover": N_("src_stmt_turnover"),
}

# The app's frame: why the database cannot be used, the signed-in role, the walk-through's failed exports.
DB_REASON = {
    "build_failed": N_("db_reason_build_failed"),
    "unwritable": N_("db_reason_unwritable"),
    "directory": N_("db_reason_directory"),
    "locked": N_("db_reason_locked"),
    "unreadable": N_("db_reason_unreadable"),
    "entered": N_("db_reason_entered"),
}
ROLE = {"editor": N_("auth_role_editor"), "viewer": N_("auth_role_viewer")}
EXPORT_FAILED = {"deck": N_("wk_deck_failed"), "snapshot": N_("wk_snapshot_failed")}
DOWNLOAD = {"csv": N_("prj_dl_csv"), "xlsx": N_("prj_dl_xlsx")}
EDIT_COLUMN = {
    "version": N_("ed_col_version"),
    "action": N_("ed_col_action"),
    "who": N_("ed_col_who"),
    "when": N_("ed_col_when"),
    "old": N_("ed_col_old"),
    "new": N_("ed_col_new"),
    "reason": N_("ed_col_reason"),
    "table": N_("ed_col_table"),
    "figure": N_("ed_col_figure"),
    "import": N_("ed_col_import"),
}
# The balance sheet's headings (finance_line.section) as printed; an unknown heading is shown as printed.
SECTION = {
    "Tillgångar": N_("fin_section_assets"),
    "Anläggningstillgångar": N_("fin_section_fixed_assets"),
    "Materiella anläggningstillgångar": N_("fin_section_tangible_fixed_assets"),
    "Finansiella anläggningstillgångar": N_("fin_section_financial_fixed_assets"),
    "Omsättningstillgångar": N_("fin_section_current_assets"),
    "Eget kapital, avsättningar och skulder": N_("fin_section_equity_provisions_liabilities"),
    "Eget kapital": N_("fin_section_equity"),
    "Avsättningar": N_("fin_section_provisions"),
    "Skulder": N_("fin_section_liabilities"),
    "Ansvarsförbindelse": N_("fin_section_contingent_liability"),
    "Intäkter": N_("fin_section_revenue"),
    "Kostnader": N_("fin_section_costs"),
}
# A result indicator's qualifier as printed ('about' → 'ca 250'); 'exact' shows the number alone.
INDICATOR_QUALIFIER = {"about": N_("gr_about"), "more_than": N_("gr_more_than")}
# What the report states about the project portfolio (portfolio_detail.detail).
PORTFOLIO_DETAIL = {
    "eu_cofunded_share_pct": N_("pd_name_eu_cofunded_share_pct"),
    "granted_under_measure": N_("pd_name_granted_under_measure"),
    "earlier_projects": N_("pd_name_earlier_projects"),
    "closed_projects": N_("pd_name_closed_projects"),
}
# The topics of the finance details (finance_detail.topic).
FINANCE_DETAIL_TOPIC = {
    "other_core_operations": N_("fd_topic_other_core_operations"),
    "grants_non_members": N_("fd_topic_grants_non_members"),
    "member_fees": N_("fd_topic_member_fees"),
    "pension": N_("fd_topic_pension"),
    "personnel_core": N_("fd_topic_personnel_core"),
    "personnel_projects": N_("fd_topic_personnel_projects"),
    "personnel_group": N_("fd_topic_personnel_group"),
    "project_result": N_("fd_topic_project_result"),
}
# A portfolio detail as a sentence (portfolio_detail.detail).
PORTFOLIO_DETAIL_SENTENCE = {
    "eu_cofunded_share_pct": N_("pd_eu_cofunded_share_pct"),
    "granted_under_measure": N_("pd_granted_under_measure"),
    "earlier_projects": N_("pd_earlier_projects"),
    "closed_projects": N_("pd_closed_projects"),
}
