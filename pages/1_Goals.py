"""Mål / Goals: one goal at a time — sub-goals, levels, progress, the reasoning, its projects, funding vs level."""

import streamlit as st

from malbild import fmt
from malbild.charts.goals import funding_vs_level, goal_projects, level_history
from malbild.data.store import query
from malbild.texts import name_col, register
from malbild.texts.labels import goal_labels, level_label, progress_label
from malbild.ui.widgets import chart, page_setup, source_note, url_selectbox
from malbild.views.goal import split_paragraphs, texts_by_kind

register(
    {
        "gp_pick": ("Välj mål", "Choose a goal"),
        "gp_subgoals": ("Delmål", "Sub-goals"),
        "gp_levels": ("Måluppfyllelse per år", "Goal fulfilment by year"),
        "gp_levels_alt": ("Linjediagram: målets nivå per år. {items}.", "Line chart: the goal's level by year. {items}."),
        "gp_progress": ("Arbetet i förhållande till föregående års rekommendationer", "Work against the previous year's recommendations"),
        "gp_level_year": ("Måluppfyllelse {year}", "Goal fulfilment {year}"),
        "gp_progress_year": ("Bedömning {year}", "Assessment {year}"),
        "gp_why": ("Varför bedömningen blir som den blir", "Why the judgement is what it is"),
        "gp_outcome": ("Utfall {year}", "Outcome {year}"),
        "gp_recommendation": ("Rekommendationer", "Recommendations"),
        "gp_previous": ("Vad årsredovisningen 2017 sa", "What the 2017 annual report said"),
        "gp_summary": ("Sammanfattning av arbetet under {year}", "Summary of the work in {year}"),
        "gp_projects": ("Beviljade projekt {year}", "Projects granted in {year}"),
        "gp_projects_total": ("{n} projekt, totalt {amount}", "{n} projects, {amount} in total"),
        "gp_projects_alt": (
            "Stapeldiagram: {n} projekt beviljade {year} under mål {goal}, totalt {amount}. Störst: {top}.",
            "Bar chart: {n} projects granted in {year} under goal {goal}, {amount} in total. Largest: {top}.",
        ),
        "gp_funding_vs_level": ("Finansiering mot måluppfyllelse, alla mål", "Funding against goal fulfilment, all goals"),
        "gp_funding_alt": (
            "Punktdiagram: beviljat belopp {year} per mål mot målets nivå samma år. {items}.",
            "Scatter chart: amount granted in {year} per goal against the goal's level that year. {items}.",
        ),
        "gp_no_projects": ("Inga projekt beviljades under detta mål {year}.", "No projects were granted under this goal in {year}."),
        "gp_all_projects": ("Se och ladda ned projekten", "See and download the projects"),
    }
)

ctx = page_setup("page_goals")
goals = query("goals")
options = goal_labels(goals, ctx.lang)
goal_id = url_selectbox(ctx.t("gp_pick"), options, key="goal")
goal = goals[goals["goal_id"] == goal_id].iloc[0]
st.title(options[goal_id])
source_note(ctx, goal["source_lines"])

grid = query("goal_assessment_grid")
levels = grid[grid["goal_id"] == goal_id][["year", "level", "basis", "note", "source_lines"]]
latest_year = int(levels["year"].max())
latest = levels[levels["year"] == latest_year].iloc[0]
st.metric(ctx.t("gp_level_year", year=latest_year), level_label(latest["level"], ctx.lang, short=False))

left, right = st.columns([2, 3])
with left:
    st.header(ctx.t("gp_subgoals"))
    subgoals = query("subgoals_of_goal", goal_id=goal_id)
    st.markdown("\n".join(f"- **{r.subgoal_id}** {r.text_sv}" for r in subgoals.itertuples()))
    source_note(ctx, subgoals["source_lines"].tolist())
with right:
    st.header(ctx.t("gp_levels"))
    items = "; ".join(f"{int(r.year)}: {level_label(r.level, ctx.lang, short=False)}" for r in levels.itertuples())
    chart(ctx, level_history(levels, ctx.lang, ctx.present), levels, ctx.t("gp_levels_alt", items=items),
          levels["source_lines"].tolist(), key="gp_levels_chart")

st.header(ctx.t("gp_progress"))
progress = query("recommendation_progress_of_goal", goal_id=goal_id)
cols = st.columns(max(len(progress), 1))
for col, row in zip(cols, progress.itertuples()):
    col.markdown(f"**{ctx.t('gp_progress_year', year=int(row.year))}**  \n{progress_label(row.progress, ctx.lang)}")
source_note(ctx, progress["source_lines"].tolist())

st.header(ctx.t("gp_why"))
texts = texts_by_kind(query("texts_of_goal", goal_id=goal_id))
if ctx.lang == "en":
    st.caption(ctx.t("swedish_text_note"))
columns = st.columns(3)
for col, kind, title in (
    (columns[0], "outcome", ctx.t("gp_outcome", year=latest_year)),
    (columns[1], "recommendation", ctx.t("gp_recommendation")),
    (columns[2], "previous", ctx.t("gp_previous")),
):
    with col:
        st.subheader(title)
        text = texts.get(kind)
        if text is None:
            st.markdown(f"*{ctx.t('no_data')}*")
            continue
        st.markdown("\n\n".join(split_paragraphs(text["text_sv"])))
        source_note(ctx, text["source_lines"])
summary = texts.get("summary")
if summary is not None and not ctx.present:
    with st.expander(ctx.t("gp_summary", year=latest_year)):
        st.markdown("\n\n".join(split_paragraphs(summary["text_sv"])))
        st.caption(ctx.t("source_caption", lines=summary["source_lines"]))

st.header(ctx.t("gp_projects", year=latest_year))
projects = query("filtered_project_grants", goal_ids=[goal_id], owners=[], min_amount=None, max_amount=None, text=None)
projects = projects[projects["year"] == latest_year]
if projects.empty:
    st.info(ctx.t("gp_no_projects", year=latest_year))
else:
    total = fmt.sek(projects["amount_sek"].sum(), ctx.lang)
    st.markdown(ctx.t("gp_projects_total", n=len(projects), amount=total))
    table = projects[["owner", "project", "amount_sek"]].rename(
        columns={"owner": ctx.t("owner"), "project": ctx.t("project"), "amount_sek": ctx.t("amount_sek")}
    )
    st.dataframe(table.style.format({ctx.t("amount_sek"): lambda v: fmt.sek(v, ctx.lang)}), hide_index=True)
    top = projects.iloc[0]
    chart(
        ctx,
        goal_projects(projects, goal_id, latest_year, ctx.lang, ctx.present),
        projects[["owner", "project", "amount_sek"]],
        ctx.t("gp_projects_alt", n=len(projects), year=latest_year, goal=goal_id, amount=total,
              top=f"{top['project']} ({fmt.sek(top['amount_sek'], ctx.lang)})"),
        projects["source_lines"].tolist(),
        key="gp_projects_chart",
    )
st.page_link("pages/2_Projects.py", label=ctx.t("gp_all_projects"), icon="➡️",
             query_params={"goal": str(goal_id), **({"lang": "en"} if ctx.lang == "en" else {})})

st.header(ctx.t("gp_funding_vs_level"))
funding = query("funding_and_level_by_goal", year=latest_year)
items = "; ".join(
    f"{ctx.t('goal_n', n=int(r.goal_id))}: {fmt.sek(r.amount_sek, ctx.lang)}, {level_label(r.level, ctx.lang)}"
    for r in funding.itertuples()
)
chart(
    ctx,
    funding_vs_level(funding, latest_year, ctx.lang, ctx.present),
    funding[["goal_id", name_col(ctx.lang), "projects", "amount_sek", "level"]],
    ctx.t("gp_funding_alt", year=latest_year, items=items),
    grid[grid["year"] == latest_year]["source_lines"].tolist(),
    key="gp_funding_chart",
)
