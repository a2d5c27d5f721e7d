"""Reconciliation tests for the Regional Plan's six goals (2018 annual report).

Files: data/goal.csv, subgoal.csv, goal_assessment.csv, recommendation_progress.csv, goal_text.csv.
Sources: the summary assessment (lines 528-661) and "Regionplanens mål – samlad bedömning"
(lines 3747-5110). The goals section's pages are interleaved in the PDF text, so every value is
checked against the line range it cites, and every cited range must lie inside its goal's section.
"""

import csv
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"

COLS = {
    "goal": ["goal_id", "name_sv", "name_en", "source_lines"],
    "subgoal": ["subgoal_id", "goal_id", "text_sv", "source_lines"],
    "goal_assessment": ["goal_id", "year", "level", "basis", "note", "source_lines"],
    "recommendation_progress": ["goal_id", "year", "progress", "basis", "note", "source_lines"],
    "goal_text": ["goal_id", "year", "kind", "text_sv", "source_lines"],
}
BASES = {"stated", "derived", "reconstructed", "not_stated", "entered"}

# Each goal's block of lines in "Regionplanens mål – samlad bedömning" (from the first line of
# the goal's pages to the last line before the next goal's pages).
GOAL_SPAN = {
    1: (3813, 4118),  # 3813 "I årsredovisningen 2017 bedömdes ..." .. 4118 "TOTALT: 11 PROJEKT  13 257 349"
    2: (4123, 4336),  # 4123 "MÅLET HAR DELVIS UPPNÅTTS (2)." .. 4336 "nansiering från Region Västerbotten."
    3: (4337, 4474),  # 4337 "Miljödriven utveckling" .. 4474 "TOTALT: 2 PROJEKT   1 010 700"
    4: (4476, 4649),  # 4477 "MÅLET ÄR PÅ GOD VÄG ATT UPPNÅS (3)" .. 4649 "regionala tillväxtmedel."
    5: (4650, 4913),  # 4650 "Platsbaserad" .. 4913 "TOTALT: 24 PROJEKT  24 760 387"
    6: (4915, 5110),  # 4916 "MÅLET HAR DELVIS UPPNÅTTS (2)." .. 5110 "... 23 miljoner kronor."
}
SUMMARY_SECTION = (528, 661)  # "VERKSAMHETSMÅL" .. end of the goal 6 paragraph

# The 2018 levels as printed (and the line printing them).
LEVEL_2018 = {
    1: (2, 3894),  # line 3894 "MÅLET HAR DELVIS UPPNÅTTS (2)"
    2: (2, 4123),  # line 4123 "MÅLET HAR DELVIS UPPNÅTTS (2)."
    3: (2, 4415),  # line 4415 "MÅLET HAR DELVIS UPPNÅTTS (2)"
    4: (3, 4477),  # line 4477 "MÅLET ÄR PÅ GOD VÄG ATT UPPNÅS (3)"
    5: (1, 4715),  # line 4715 "MÅLET HAR I LITEN GRAD UPPNÅTTS (1)."
    6: (2, 4916),  # line 4916 "MÅLET HAR DELVIS UPPNÅTTS (2)."
}
LEVEL_PHRASE = {  # line 3802-3806: the three levels
    3: "MÅLET ÄR PÅ GOD VÄG ATT UPPNÅS",
    2: "MÅLET HAR DELVIS UPPNÅTTS",
    1: "MÅLET HAR I LITEN GRAD UPPNÅTTS",
}
NUMBER_WORD = {1: "ETT", 2: "TVÅ", 3: "TRE", 4: "FYRA", 5: "FEM", 6: "SEX"}  # "1 MÅL  ETT" etc.

# Sub-goals as printed: 16 lines in the whole document start with "<goal>.<n>  <Capital>".
SUBGOAL_COUNT = {1: 4, 2: 1, 3: 3, 4: 2, 5: 3, 6: 3}

# Lines where the 2018 judgement on the recommendations is printed: (UTFALL, summary 530-661).
PROGRESS_2018_LINES = {
    1: ((3884, 3886), (554, 556)),  # "Arbetet bedöms utvecklas i enlighet med ..." / "Arbetet mot mål 1 bedöms ..."
    2: (
        (4227, 4227),
        (573, 575),
    ),  # "Arbetet utvecklas delvis enligt ..." / "Arbetet bedöms delvis utvecklas i riktning mot ..."
    3: (
        (4401, 4403),
        (593, 595),
    ),  # "... delvis utvecklas enligt ..." / "... därmed delvis utvecklas i enlighet med ..."
    4: (
        (4568, 4570),
        (597, 601),
    ),  # "Arbetet fortsätter att utvecklas i enlighet med ..." / "... fortsatt utvecklas i enlighet med ..."
    5: ((4699, 4701), (635, 637)),  # "... i liten utsträckning ..." / "... därmed i liten grad utvecklas ..."
    6: ((5006, 5008), (659, 661)),  # "... delvis utvecklas i enlighet med ..." / "... därmed delvis utvecklas ..."
}
# The 2018 report's retelling of the 2017 judgement ("I årsredovisningen 2017 bedömdes ...").
PROGRESS_2017_LINES = {
    1: (3813, 3815),
    2: (4175, 4177),
    3: (4357, 4359),
    4: (4538, 4540),
    5: (4669, 4671),
    6: (4966, 4968),
}
ORDER = {"little": 1, "partly": 2, "in_line": 3}

# The 2018 work: the paragraphs between the "previous" paragraph and UTFALL (goal 1: and the goal's
# name heading), outside "SAMMANFATTNING AV ARBETET UNDER 2018". They open each goal's summary text.
# goal: (range, first words as printed on the range's first line, last words of the block)
WORK_2018 = {
    1: (
        "3825-3855",
        "Under 2018 har en stor mängd aktiviteter genomförts inom",  # line 3825
        "relativt få exempel på direkta insatser inom mål 1 kopplat till andra delar av verksamheten.",
    ),  # 3849-3855
    2: (
        "4187-4223",
        "Under 2018 deltar Region Västerbotten på olika sätt i",  # line 4187 (".. i inno-")
        "som i antalet aktiviteter och initiativ.",
    ),  # 4221-4223
    3: (
        "4373-4397",
        "Under 2018 finns exempel på genomförda aktiviteter",  # line 4373
        "relativt få projekt medfinansieras med regionala tillväxtmedel.",
    ),  # 4395-4397
    4: (
        "4548-4564",
        "Under 2018 har ett stort antal aktiviteter genomförts mot",  # line 4548
        "En fördjupning inom arbetet med utbildningsväsendet har också tydliggjorts under året.",
    ),  # 4562-4564
    5: (
        "4677-4695",
        "Under 2018 har många aktiviteter genomförts inom delmål",  # line 4677
        "Under året finns en relativt god spridning av insatser mot olika fokusområden.",
    ),  # 4693-4695
    6: (
        "4976-5002",
        "Under 2018 har Region Västerbotten fortsatt att utveckla",  # line 4976
        "Länstransportplanen som styr användandet av de regionala infrastrukturmedlen har under året beslutats.",
    ),  # 5000-5002
}


# ---------------------------------------------------------------- helpers
def _source_path():
    for p in (DATA / "source" / "arsredovisning-2018.txt", Path("/work/shared/source/arsredovisning-2018.txt")):
        if p.exists():
            return p
    pytest.skip("source document not found")


@pytest.fixture(scope="module")
def src():
    lines = _source_path().read_text(encoding="utf-8").split("\n")
    return {i + 1: t for i, t in enumerate(lines)}


def _read(name):
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        r = csv.DictReader(f)
        assert r.fieldnames == COLS[name], name
        return list(r)


@pytest.fixture(scope="module")
def goals():
    return _read("goal")


@pytest.fixture(scope="module")
def subgoals():
    return _read("subgoal")


@pytest.fixture(scope="module")
def assess():
    return _read("goal_assessment")


@pytest.fixture(scope="module")
def progress():
    return _read("recommendation_progress")


@pytest.fixture(scope="module")
def texts():
    return _read("goal_text")


def ranges(spec):
    out = []
    for part in spec.split(";"):
        a, _, b = part.partition("-")
        a, b = int(a), int(b or a)
        assert a <= b, spec
        out.append((a, b))
    return out


def nums(spec):
    return [n for a, b in ranges(spec) for n in range(a, b + 1)]


def raw(src, spec):
    return "\n".join(src[n] for n in nums(spec))


def norm(src, spec):
    """Text of the cited lines: whitespace collapsed, end-of-line hyphenation undone."""
    out = ""
    for n in nums(spec):
        s = " ".join(src[n].split())
        if not s:
            continue
        if (
            out.endswith("-")
            and s.split(" ")[0] not in ("och", "eller", "samt")
            and out[-2].islower()
            and s[0].islower()
        ):
            out = out[:-1] + s
        elif out.endswith("-") and s.split(" ")[0] not in ("och", "eller", "samt"):
            out = out + s
        else:
            out = (out + " " + s) if out else s
    return out


def squash(text):
    """Lower case without whitespace or hyphens: robust to wrapping and hyphenation."""
    return re.sub(r"[\s\-]", "", text).lower()


def ws(text):
    return " ".join(text.split())


def classify(sentence):
    """Map a printed judgement on the recommendations onto the vocabulary (None = no match)."""
    s = squash(sentence)
    if "iliten" in s:
        return "little"
    if "delvis" in s:
        return "partly"
    if "ienlighetmedrekommendationerna" in s or "enligtrekommendationerna" in s:
        return "in_line"
    return None


def in_span(gid, spec):
    lo, hi = GOAL_SPAN[gid]
    return all(lo <= a and b <= hi for a, b in ranges(spec))


# ---------------------------------------------------------------- goal
def test_six_goals(goals):
    assert [int(g["goal_id"]) for g in goals] == [1, 2, 3, 4, 5, 6]  # line 3765 "Regionplanens sex inriktningsmål"
    for g in goals:
        assert g["name_sv"].strip() and g["name_en"].strip()
        assert g["name_sv"] == ws(g["name_sv"]) and g["name_en"] == ws(g["name_en"])


def test_goal_names_in_their_source_lines(goals, src):
    for g in goals:
        gid = int(g["goal_id"])
        assert in_span(gid, g["source_lines"]), g
        parts = [norm(src, f"{a}-{b}") for a, b in ranges(g["source_lines"])]
        assert g["name_sv"] in parts, (g, parts)
        # the goal's number heading, e.g. line 3880 "1 MÅL  ETT"
        assert any(re.fullmatch(rf"{gid} MÅL +{NUMBER_WORD[gid]}", p) for p in parts), (g, parts)


def test_goal_names_match_the_summary_assessment(goals, src):
    # lines 540-639 name each goal in parentheses: "mål 1 (Samhällen som inkluderar och utvecklar människor)"
    summary = squash(norm(src, f"{SUMMARY_SECTION[0]}-{SUMMARY_SECTION[1]}"))
    for g in goals:
        assert squash(f"mål {g['goal_id']} ({g['name_sv']})") in summary, g


# ---------------------------------------------------------------- subgoal
def test_subgoals_complete(subgoals, src):
    ids = [s["subgoal_id"] for s in subgoals]
    assert len(ids) == len(set(ids)) == 16
    printed = sorted(
        re.match(r"\s*(\d\.\d)", t).group(1) for t in src.values() if re.match(r"^\s*[1-6]\.[1-9]\s+[A-ZÅÄÖ]", t)
    )
    assert sorted(ids) == printed  # every sub-goal line printed in the document, and no other
    for gid, n in SUBGOAL_COUNT.items():
        assert sum(int(s["goal_id"]) == gid for s in subgoals) == n, gid


def test_subgoal_prefix_and_text(subgoals, goals, src):
    goal_ids = {g["goal_id"] for g in goals}
    for s in subgoals:
        assert s["goal_id"] in goal_ids
        assert s["subgoal_id"].split(".")[0] == s["goal_id"], s
        assert in_span(int(s["goal_id"]), s["source_lines"]), s
        first = src[ranges(s["source_lines"])[0][0]].strip()
        assert first.startswith(s["subgoal_id"] + " "), s
        text = s["text_sv"]
        assert text == ws(text) and text[0].isupper() and "\n" not in text
        # the whole cited range is the sub-goal: id + text, nothing more, nothing less
        assert norm(src, s["source_lines"]) == ws(f"{s['subgoal_id']} {text}"), s


def test_subgoals_5_match_summary_quotes(subgoals, src):
    # lines 611-635 quote sub-goals 5.1, 5.3 and 5.2 in parentheses
    quoted = squash(norm(src, "611-635"))
    for s in subgoals:
        if s["goal_id"] == "5":
            assert squash(s["text_sv"]) in quoted, s


# ---------------------------------------------------------------- goal_assessment
def test_assessment_keys_and_levels(assess):
    keys = [(int(r["goal_id"]), int(r["year"])) for r in assess]
    assert len(keys) == 18 and len(set(keys)) == 18
    assert set(keys) == {(g, y) for g in range(1, 7) for y in (2016, 2017, 2018)}
    for r in assess:
        assert r["basis"] in BASES and r["basis"] != "entered"
        assert (r["level"] == "") == (r["basis"] == "not_stated"), r
        if r["level"]:
            assert r["level"] in {"1", "2", "3"}, r
        else:
            assert len(r["note"]) > 40, r  # every gap says why
        assert r["source_lines"], r
    bases = [r["basis"] for r in assess]
    assert (bases.count("stated"), bases.count("derived"), bases.count("not_stated")) == (6, 4, 8)


def test_assessment_2018_matches_printed_phrase(assess, src):
    rows = {int(r["goal_id"]): r for r in assess if r["year"] == "2018"}
    for gid, (level, line_no) in LEVEL_2018.items():
        r = rows[gid]
        assert r["basis"] == "stated"
        assert int(r["level"]) == level, gid
        assert r["source_lines"] == str(line_no)
        assert in_span(gid, r["source_lines"])
        text = raw(src, r["source_lines"])
        assert f"({level})" in text, (gid, text)
        assert LEVEL_PHRASE[level] in text, (gid, text)


def test_exactly_six_level_lines_in_goals_section(src):
    found = {n for n, t in src.items() if 3747 <= n <= 5110 and re.search(r"MÅLET (HAR|ÄR) .*\([123]\)", t)}
    assert found == {ln for _, ln in LEVEL_2018.values()}


def test_assessment_2017_derived_from_line_530_as_the_2018_level(assess, src):
    """Goals 1-4 in 2017: derived from 'samma nivå som i årsredovisningen 2017', level as printed for 2018."""
    sentence = "Bedömningen är att mål 1-4 ligger kvar på samma nivå som i årsredovisningen 2017."
    assert sentence in ws(raw(src, "530-532"))  # lines 530-532
    assert "Måluppfyllelsen har graderats i tre nivåer" in raw(src, "3800")  # 'nivå' is the 1-3 scale
    # 'nivå' is never used for progress against the recommendations: no other 'nivå' has 'rekommend' nearby
    near = [
        n
        for n, text in src.items()
        if re.search(r"nivå", text, re.I)
        and n not in (530, 3800)
        and any("rekommend" in src.get(m, "").lower() for m in range(n - 2, n + 3))
    ]
    assert near == [], [src[n] for n in near]
    rows = {(int(r["goal_id"]), int(r["year"])): r for r in assess}
    for gid in (1, 2, 3, 4):
        r = rows[(gid, 2017)]
        level, line = LEVEL_2018[gid]
        assert r["basis"] == "derived" and int(r["level"]) == level, r
        assert r["source_lines"].split(";") == ["530-532", "3800", str(line)], r
        assert f"({level})" in raw(src, str(line))
        assert sentence in r["note"] and "three-level scale" in r["note"] and "line 3800" in r["note"], r
        assert "2017 annual report" in r["note"], r  # staff can replace it
    for gid in (5, 6):  # line 530 says nothing about the level of goals 5 and 6
        assert rows[(gid, 2017)]["basis"] == "not_stated" and rows[(gid, 2017)]["level"] == ""
    for gid in range(1, 7):  # no 2016 level is printed anywhere: the chart bars are lost
        assert rows[(gid, 2016)]["basis"] == "not_stated" and rows[(gid, 2016)]["level"] == ""


def test_not_stated_rows_point_at_chart_labels_where_they_survive(assess, src):
    chart = {1: "3918-3924", 5: "4759-4765", 6: "5033-5039"}
    for r in assess:
        gid = int(r["goal_id"])
        if r["basis"] == "not_stated" and gid in chart:
            text = raw(src, chart[gid])
            assert "2016" in text and "2017" in text and "Målet har delvis uppnåtts 2" in text, r
            if (
                r["source_lines"].split(";")[0] == "530-532"
            ):  # goal 1, 2017: cites the sentence; the note names the chart
                assert chart[gid] in r["note"], r
            else:
                assert chart[gid] in r["source_lines"].split(";"), r


# ---------------------------------------------------------------- recommendation_progress
def test_progress_keys_and_vocabulary(progress):
    keys = [(int(r["goal_id"]), int(r["year"])) for r in progress]
    assert len(keys) == 12 and set(keys) == {(g, y) for g in range(1, 7) for y in (2017, 2018)}
    for r in progress:
        assert r["basis"] in BASES and r["basis"] != "entered"
        assert (r["progress"] == "") == (r["basis"] == "not_stated"), r
        assert r["progress"] in {"", "in_line", "partly", "little"}, r
        if not r["progress"]:
            assert len(r["note"]) > 40, r


def test_progress_2018_goal_section_and_summary_agree(progress, src):
    rows = {int(r["goal_id"]): r for r in progress if r["year"] == "2018"}
    for gid, (utfall, summ) in PROGRESS_2018_LINES.items():
        r = rows[gid]
        cited = r["source_lines"].split(";")
        assert f"{utfall[0]}-{utfall[1]}" in cited or str(utfall[0]) in cited, r
        assert f"{summ[0]}-{summ[1]}" in cited, r
        assert in_span(gid, f"{utfall[0]}-{utfall[1]}")
        sent_goal = re.search(r"Arbetet[^.]*rekommendationerna", norm(src, f"{utfall[0]}-{utfall[1]}")).group(0)
        sent_summ = re.search(r"(Arbetet|Det arbete)[^.]*rekommendationerna", norm(src, f"{summ[0]}-{summ[1]}")).group(
            0
        )
        assert classify(sent_goal) == classify(sent_summ) == r["progress"], (gid, sent_goal, sent_summ)
        assert r["basis"] == "stated"


def test_progress_2017_as_retold(progress, src):
    rows = {int(r["goal_id"]): r for r in progress if r["year"] == "2017"}
    for gid, (a, b) in PROGRESS_2017_LINES.items():
        r = rows[gid]
        assert f"{a}-{b}" in r["source_lines"].split(";"), r
        sentence = norm(src, f"{a}-{b}").split(".")[0]
        assert sentence.startswith("I årsredovisningen 2017"), sentence
        expected = classify(sentence)
        assert (r["progress"] or None) == expected, (gid, sentence)
        assert r["basis"] == ("stated" if expected else "not_stated")
        assert "2018 report" in r["note"]
    assert rows[2]["progress"] == ""  # "ytterligare kan utvecklas i riktning mot" fixes no category


def test_progress_summary_opening(progress, src):
    # lines 532-538: "Mål 5 och 6 bedöms under perioden i mindre utsträckning ha utvecklats enligt
    # rekommendationerna ... från årsredovisningen 2017": both fell compared with 2017.
    assert "Mål 5 och 6 bedöms under perioden i mindre utsträckning" in ws(raw(src, "532-534"))
    p = {(int(r["goal_id"]), int(r["year"])): r["progress"] for r in progress}
    for gid in (5, 6):
        assert ORDER[p[(gid, 2018)]] < ORDER[p[(gid, 2017)]], gid
    for gid in (1, 3, 4):  # line 530: goals 1-4 unchanged (where the 2017 judgement is classifiable)
        assert p[(gid, 2018)] == p[(gid, 2017)], gid


# ---------------------------------------------------------------- goal_text
def test_text_keys(texts):
    keys = [(int(r["goal_id"]), int(r["year"]), r["kind"]) for r in texts]
    assert len(keys) == len(set(keys)) == 24
    assert set(keys) == {
        (g, 2018, k) for g in range(1, 7) for k in ("outcome", "recommendation", "summary", "previous")
    }


def test_text_format(texts):
    for r in texts:
        t = r["text_sv"]
        assert t == t.strip() and t, r
        for para in t.split("\n\n"):
            assert para and para == ws(para), (r["goal_id"], r["kind"], para[:60])
        # PDF debris that must not leak into a text
        for junk in (
            "Regionplanens mål – samlad bedömning",
            "Målet är på god väg",
            "Målet har i liten grad",
            "PROJEKT MED",
            "PROJEKTÄGARE",
            "SAMMANFATTNING",
            "UTFALL",
            "DELMÅL",
            "2016 2017 2018",
        ):
            assert junk not in t, (r["goal_id"], r["kind"], junk)
        # no line-break hyphen left: "word- word" only for "miljö- och" style compounds
        for m in re.finditer(r"\w- (\w+)", t):
            assert m.group(1) in ("och", "eller", "samt"), (r["goal_id"], r["kind"], t[m.start() - 20 : m.end() + 20])
        assert t[-1] in ".)", (r["goal_id"], r["kind"])


def test_text_source_lines(texts, src):
    for r in texts:
        gid, spec, t = int(r["goal_id"]), r["source_lines"], r["text_sv"]
        assert in_span(gid, spec), r
        rs = ranges(spec)
        assert rs == sorted(rs) and all(b1 < a2 for (_, b1), (a2, _) in zip(rs, rs[1:])), r  # document order
        source = norm(src, spec)
        assert ws(t)[:40] in source, (gid, r["kind"], ws(t)[:40])  # first ~40 chars as printed
        if r["kind"] == "recommendation":
            assert squash(t) in squash(source)
        elif r["kind"] == "summary":
            # the 2018-work block comes first in the text, then the SAMMANFATTNING ranges in document order;
            # together exactly the cited lines (header/chart/table lines are outside the ranges)
            work = WORK_2018[gid][0]
            assert work in spec.split(";"), r
            rest = ";".join(p for p in spec.split(";") if p != work)
            assert squash(t) == squash(norm(src, work)) + squash(norm(src, rest)), gid
            assert sorted(nums(spec)) == sorted(nums(work) + nums(rest))
        else:  # the text is exactly the cited lines (header/chart/table lines are outside the ranges)
            assert squash(t) == squash(source), (gid, r["kind"])


def test_summary_opens_with_the_2018_work(texts, src):
    by = {(int(r["goal_id"]), r["kind"]): r for r in texts}
    for gid, (work, first, last) in WORK_2018.items():
        a, b = ranges(work)[0]
        assert ws(src[a]).startswith(first), (gid, src[a])  # the block's first line as printed
        assert ws(norm(src, work)).endswith(last), gid
        summ = by[(gid, "summary")]["text_sv"]
        assert summ.startswith(first), gid  # the block's first words open the summary
        # the block is its own paragraph(s): a paragraph break falls right after its last words
        paras = summ.split("\n\n")
        k = next(i for i, p in enumerate(paras) if p.endswith(last)) + 1
        assert squash("".join(paras[:k])) == squash(norm(src, work)), gid
        assert 1 < k < len(paras), gid  # SAMMANFATTNING paragraphs follow
        # ... and the SAMMANFATTNING text follows it: the first words after the heading come next
        heading = next(n for n in range(*GOAL_SPAN[gid]) if src[n].strip() == "SAMMANFATTNING AV ARBETET UNDER 2018")
        n = heading + 1
        while not src[n].strip():
            n += 1
        assert paras[k].startswith(ws(src[n])[:30]), (gid, paras[k][:40], src[n])
        # no other row holds these lines
        for (g, kind), r in by.items():
            if kind != "summary":
                assert not set(nums(work)) & set(nums(r["source_lines"])), (gid, kind)


def test_text_boundaries(texts, goals, src):
    by_name = {int(g["goal_id"]): g["name_sv"] for g in goals}

    def prev_nonblank(n):
        n -= 1
        while not src[n].strip():
            n -= 1
        return src[n].strip()

    def next_nonblank(n):
        n += 1
        while not src[n].strip():
            n += 1
        return src[n].strip()

    by = {(int(r["goal_id"]), r["kind"]): r for r in texts}
    for gid in range(1, 7):
        out, rec = by[(gid, "outcome")], by[(gid, "recommendation")]
        assert prev_nonblank(ranges(out["source_lines"])[0][0]) == "UTFALL"
        assert out["text_sv"].endswith(rec["text_sv"])  # the recommendation closes the UTFALL text
        assert rec["text_sv"].startswith("För ") and "måluppfyllelse" in rec["text_sv"][:40]
        assert rec["text_sv"].count(". ") == 0  # a single sentence

        summ = by[(gid, "summary")]
        work = ranges(WORK_2018[gid][0])[0]
        prev_end = ranges(by[(gid, "previous")]["source_lines"])[-1][1]
        # the 2018-work block: everything from the line after "previous" up to UTFALL (goal 1: its name heading)
        assert prev_nonblank(work[0]) == src[prev_end].strip(), gid
        assert next_nonblank(work[1]) == "UTFALL" or by_name[gid].startswith(next_nonblank(work[1])), gid
        assert work in ranges(summ["source_lines"])
        r0 = [x for x in ranges(summ["source_lines"]) if x != work]  # the SAMMANFATTNING ranges
        assert prev_nonblank(r0[0][0]) == "SAMMANFATTNING AV ARBETET UNDER 2018"
        proj = [n for n in range(*GOAL_SPAN[gid]) if src[n].strip() == "PROJEKT MED REGIONALA TILLVÄXTMEDEL"]
        assert len(proj) == 1 and r0[-1][1] < proj[0]  # stops before the grants part
        # every break in the cited ranges is a block boundary of the PDF page, not a skipped paragraph
        header = "Regionplanens mål – samlad bedömning"
        out_end = ranges(out["source_lines"])[-1][1]
        for (a1, b1), (a2, b2) in zip(r0, r0[1:]):
            after = next_nonblank(b1)
            assert (
                after in (header, "BEVILJADE PROJEKT UNDER ÅRET")
                or re.match(r"\d MÅL ", after)
                or after.startswith("I årsredovisningen 2017")
                or by_name[gid].startswith(after)
            ), (gid, b1, after)
            before = prev_nonblank(a2)
            assert (
                before == header
                or before.startswith("Målet har i liten grad uppnåtts")
                or prev_nonblank(a2) == src[out_end].strip()
            ), (gid, a2, before)
        assert next_nonblank(r0[-1][1]) in ("PROJEKT MED REGIONALA TILLVÄXTMEDEL", "BEVILJADE PROJEKT UNDER ÅRET")

        # outcome, summary and previous of a goal never share a line
        used = [set(nums(by[(gid, k)]["source_lines"])) for k in ("outcome", "summary", "previous")]
        assert not (used[0] & used[1] or used[0] & used[2] or used[1] & used[2]), gid

        prev = by[(gid, "previous")]
        assert prev["text_sv"].startswith("I årsredovisningen 2017 bedömdes")
        assert "\n\n" not in prev["text_sv"]
        end = ranges(prev["source_lines"])[-1][1]
        assert next_nonblank(end).startswith("Under 2018"), gid  # where the 2018 work starts
