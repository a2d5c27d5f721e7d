"""Källor / Sources: the data basis — how many figures are stated, derived, reconstructed or not stated,
and every figure with its source lines and the quoted passage."""

import streamlit as st

from malbild import fmt
from malbild.data.store import query
from malbild.texts import register
from malbild.ui.widgets import page_setup
from malbild.views.sources import BASES, basis_table, basis_totals, dataset_label, filter_figures

register(
    {
        "src_heading": ("Källor och dataunderlag", "Sources and data basis"),
        "src_intro": (
            "Alla siffror i Målbild kommer från Region Västerbottens årsredovisning 2018 (Regionförbundet "
            "Västerbottens län). Varje siffra har radnummer i rapportens text och citeras nedan. Siffror som "
            "rapporten inte anger visas som luckor – de fylls inte i med gissningar.",
            "Every figure in Målbild comes from Region Västerbotten's annual report 2018 (Regionförbundet "
            "Västerbottens län). Each figure carries the line numbers in the report's text and is quoted below. "
            "Figures the report does not give are shown as gaps – they are never filled with guesses.",
        ),
        "src_bases": ("Så har siffrorna tagits fram", "How the figures were obtained"),
        "src_basis_help_stated": ("Står i rapporten som tal eller ord.", "Printed in the report as a number or word."),
        "src_basis_help_derived": ("Följer entydigt av rapportens text; anmärkningen säger hur.", "Follows unambiguously from the report's text; the note says how."),
        "src_basis_help_reconstructed": (
            "Återskapat ur diagrametiketter och bevisat mot summor eller medelvärden i rapporten.",
            "Rebuilt from chart labels and proven against totals or averages in the report.",
        ),
        "src_basis_help_not_stated": ("Rapporten anger inget värde: visas som lucka.", "The report gives no value: shown as a gap."),
        "src_basis_help_entered": ("Inmatat av personal efter rapporten.", "Entered by staff after the report."),
        "src_per_dataset": ("Antal siffror per område och underlag", "Figures per area and basis"),
        "src_list": ("Alla siffror med källa", "Every figure with its source"),
        "src_filter_dataset": ("Område", "Area"),
        "src_filter_basis": ("Underlag", "Basis"),
        "src_filter_text": ("Sök i benämning eller citat", "Search in name or passage"),
        "src_any": ("Alla", "All"),
        "src_shown": ("{n} av {total} siffror visas.", "{n} of {total} figures shown."),
        "src_col_figure": ("Siffra", "Figure"),
        "src_col_value": ("Värde", "Value"),
        "src_col_passage": ("Citat ur rapporten", "Passage from the report"),
        "src_document": ("Källdokumentet", "The source document"),
        "src_document_text": (
            "Rapportens text (utdrag ur PDF) följer med appen i data/source/arsredovisning-2018.txt, {n} rader.",
            "The report's text (extracted from its PDF) ships with the app in data/source/arsredovisning-2018.txt, {n} lines.",
        ),
    }
)

ctx = page_setup("page_sources")
st.title(ctx.t("src_heading"))
st.markdown(ctx.t("src_intro"))

counts = query("figure_counts_by_basis")
totals = basis_totals(counts)
st.header(ctx.t("src_bases"))
cols = st.columns(len(BASES))
for col, basis in zip(cols, BASES):
    col.metric(ctx.t(f"basis_{basis}"), fmt.number(totals[basis], lang=ctx.lang), help=ctx.t(f"src_basis_help_{basis}"))
    if not ctx.present:
        col.caption(ctx.t(f"src_basis_help_{basis}"))

st.subheader(ctx.t("src_per_dataset"))
st.dataframe(basis_table(counts, ctx.lang), hide_index=True)

st.header(ctx.t("src_list"))
figures = query("figures_with_passage")
datasets = sorted(figures["dataset"].unique(), key=lambda d: dataset_label(d, ctx.lang))
a, b, c = st.columns([2, 2, 3])
dataset = a.selectbox(
    ctx.t("src_filter_dataset"), [None, *datasets],
    format_func=lambda d: ctx.t("src_any") if d is None else dataset_label(d, ctx.lang), key="src_dataset",
)
basis = b.selectbox(
    ctx.t("src_filter_basis"), [None, *BASES],
    format_func=lambda x: ctx.t("src_any") if x is None else ctx.t(f"basis_{x}"), key="src_basis",
)
text = c.text_input(ctx.t("src_filter_text"), key="src_text")
shown = filter_figures(figures, dataset, basis, text.strip() or None)
st.caption(ctx.t("src_shown", n=fmt.number(len(shown), lang=ctx.lang), total=fmt.number(len(figures), lang=ctx.lang)))
if shown.empty:
    st.info(ctx.t("no_rows"))
else:
    table = shown.assign(
        dataset=shown["dataset"].map(lambda d: dataset_label(d, ctx.lang)),
        basis=shown["basis"].map(lambda x: ctx.t(f"basis_{x}")),
        value=shown["value"].map(lambda v: fmt.number(v, 0 if fmt.is_missing(v) or float(v).is_integer() else 2, ctx.lang)),
    )[["dataset", "figure_key", "year", "value", "basis", "source_lines", "passage"]]
    table.columns = [ctx.t("src_filter_dataset"), ctx.t("src_col_figure"), ctx.t("year"), ctx.t("src_col_value"),
                     ctx.t("basis"), ctx.t("source_lines"), ctx.t("src_col_passage")]
    st.dataframe(table, hide_index=True, height=480 if not ctx.present else 360,
                 column_config={ctx.t("year"): st.column_config.NumberColumn(format="%d")})

st.subheader(ctx.t("src_document"))
n_lines = int(query("source_line_count")["lines"].iloc[0])
st.markdown(ctx.t("src_document_text", n=fmt.number(n_lines, lang=ctx.lang)))
