"""Shared views: the quote table, HTML tables with the diff from DIFF_OPS, terminal tables."""

from __future__ import annotations

import html
import re

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from coopanalysis.export.views import (
    alignment_view,
    html_table,
    quote_table_frame,
    render_diff,
    render_diffs,
    text_table,
    time_or_blank,
)
from coopanalysis.schema import ALIGNED, DIFF_OPS, QUOTES, conform

HOSTILE = "<script>document.title='pwned'</script> & « ça » <b>gras</b>"

ALIGNED_TABLE = conform(pd.DataFrame({
    "quote_id": ["q01", "q02"], "speaker": ["Aurélie Mézière", "Brice Comment"],
    "stated_start": [1470.0, float("nan")], "start": [1224.4, float("nan")],
    "end": [1230.0, float("nan")], "transcript_text": ["avec les gens", pd.NA],
    "score": [0.971, 0.1], "status": ["matched", "unmatched"], "offset": [-245.6, float("nan")],
    "diff": ["= avec les gens", pd.NA], "fidelity": [1.0, float("nan")],
    "verdict": ["verbatim", pd.NA],
}), ALIGNED)


def ops(*rows: tuple[str, str | None, str | None], quote_id: str = "q01") -> pd.DataFrame:
    return conform(pd.DataFrame([{"quote_id": quote_id, "position": i, "op": op,
                                  "printed": printed, "spoken": spoken}
                                 for i, (op, printed, spoken) in enumerate(rows)]), DIFF_OPS)


def test_html_table_escapes_every_cell_and_heading() -> None:
    frame = pd.DataFrame({"<th>": [HOSTILE], "n": [3]})
    page = html_table(frame)
    assert "<script>" not in page and "<b>" not in page
    assert "<th>&lt;th&gt;</th>" in page
    assert html.escape(HOSTILE) in page
    assert "<td class='num'>3</td>" in page


def test_html_table_links_only_web_urls() -> None:
    frame = pd.DataFrame({"link": ["https://example.org/v?t=12", "javascript:alert(1)"]})
    page = html_table(frame)
    assert "<a href='https://example.org/v?t=12'>" in page
    assert "href='javascript" not in page
    assert "javascript:alert(1)" in page  # kept as text, not lost


def test_html_table_says_how_many_rows_are_left_out() -> None:
    page = html_table(pd.DataFrame({"n": range(30)}), max_rows=20, rest_in="Analysis.aligned")
    assert page.count("<tr class=''>") == 20
    assert "10 more rows in Analysis.aligned." in page


def test_render_diff_colours_each_kind_of_operation_and_escapes() -> None:
    out = render_diff(ops(("kept", "avec", "avec"), ("kept", "les", "les"),
                          ("cut", None, "euh <cut>"), ("added", "ajouté", None),
                          ("changed", "batit", "bati"), ("inserted", "x", None),
                          ("marked_cut", None, "dit"), ("marked_cut", None, "il"),
                          ("replaced", "gens", "jeunes")))
    assert "<span class='kept'>= avec les</span>" in out
    assert "<span class='cut'>- euh &lt;cut&gt;</span>" in out
    assert "<span class='added'>+ ajouté</span>" in out
    assert "<span class='variant'>~ batit→bati</span>" in out
    assert "<span class='insertion'>[x]</span>" in out
    assert "<span class='marked-cut'>[…] - dit il</span>" in out
    assert "<span class='replaced'>! gens→jeunes</span>" in out


def test_render_diffs_by_quote_in_position_order() -> None:
    table = pd.concat([ops(("kept", "b", "b"), ("cut", None, "euh"), quote_id="q02"),
                       ops(("kept", "a", "a"))]).iloc[::-1]
    rendered = render_diffs(table)
    assert rendered == {"q01": "<span class='kept'>= a</span>",
                        "q02": "<span class='kept'>= b</span> <span class='cut'>- euh</span>"}
    assert render_diffs(None) == {} and render_diffs(ops()) == {}


def test_the_diff_cell_takes_the_rendered_diff_of_its_quote() -> None:
    frame = quote_table_frame(ALIGNED_TABLE)
    page = html_table(frame, diffs={"q01": "<span class='kept'>= avec les gens</span>"})
    assert "<td class='diff'><span class='kept'>= avec les gens</span></td>" in page
    assert page.count("<td class='diff'>") == 2  # q02: no diff, an empty cell


def test_time_or_blank() -> None:
    assert time_or_blank(1224.0) == "00:20:24"
    assert time_or_blank(float("nan")) == ""
    assert time_or_blank(pd.NA) == ""


def test_quote_table_frame_is_the_one_quote_table() -> None:
    quotes = conform(pd.DataFrame({"quote_id": ["q01", "q02"], "text": ["« avec les gens »",
                                                                        HOSTILE]}), QUOTES)
    frame = quote_table_frame(ALIGNED_TABLE, quotes)
    assert list(frame.columns) == ["quote_id", "speaker", "stated", "found", "offset", "score",
                                   "status", "verdict", "fidelity", "notes", "printed", "spoken",
                                   "diff", *(["changes"] if "changes" in ALIGNED_TABLE else [])]
    assert frame["found"].tolist() == ["00:20:24", ""]
    assert frame["score"].tolist() == [0.97, 0.1]
    assert frame["printed"].tolist() == ["« avec les gens »", HOSTILE]
    short = quote_table_frame(ALIGNED_TABLE, with_text=False)
    assert list(short.columns) == list(frame.columns[:9])
    assert quote_table_frame(None).empty


def test_the_terminal_view_is_the_same_table_in_minutes() -> None:
    text = alignment_view(ALIGNED_TABLE)
    header, first, second = text.splitlines()
    assert header.split() == ["quote_id", "speaker", "stated", "found", "offset", "score",
                              "status", "verdict", "fidelity"]
    assert "24min30" in first and "20min24" in first and "-245.6" in first
    assert second.split()[:3] == ["q02", "Brice", "Comment"]
    assert text_table(ALIGNED_TABLE.iloc[0:0], ["quote_id"]) == "(no rows)"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_cell_text_is_escaped_and_kept(text: str) -> None:
    page = html_table(pd.DataFrame({"speaker": [text or "x"]}))
    cell = re.search(r"<td class='speaker'>(.*?)</td>", page, flags=re.DOTALL)
    assert cell is not None
    assert "<" not in cell.group(1) and ">" not in cell.group(1)
    assert html.unescape(cell.group(1)) == (text or "x")


WORD = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Cc")), min_size=1)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["kept", "changed", "replaced", "added", "cut",
                                           "marked_cut", "inserted"]), WORD, WORD), min_size=1))
def test_any_diff_is_escaped_and_reads_as_the_diff_string(
        steps: list[tuple[str, str, str]]) -> None:
    from coopanalysis.align.diff import format_diff

    out = render_diff(ops(*steps))
    spans = re.findall(r"<span class='[a-z-]*'>(.*?)</span>", out, flags=re.DOTALL)
    assert all("<" not in s and ">" not in s for s in spans)
    assert " | ".join(html.unescape(s) for s in spans) == format_diff(steps)
