"""What the reader of the report sees: warnings in their rows, readable tables, no overflow."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from coopanalysis.analyse.stats import theme_stats
from coopanalysis.export.readable import mmss, percent, speaker_view, theme_view
from coopanalysis.export.report import render_html
from coopanalysis.export.views import quote_table_frame, strip_emphasis
from coopanalysis.schema import THEMES, conform

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Appended to a copy of the page: the browser measures the layout and writes it in the DOM.
_PROBE = """<script>window.addEventListener('load', function () {
  var rows = Array.from(document.querySelectorAll('#quotes-table tbody tr'));
  var out = {scroll: document.documentElement.scrollWidth, width: window.innerWidth,
             rows: rows.map(function (tr) {
               var cells = tr.querySelectorAll('td');
               var notes = tr.querySelector('td.notes');
               return {id: cells[0].textContent, status: tr.className,
                       notes: notes ? notes.textContent : null}; })};
  var pre = document.createElement('pre'); pre.id = 'probe';
  pre.textContent = JSON.stringify(out); document.body.appendChild(pre); });</script>"""


def test_quote_rows_carry_their_warnings_and_unmatched_rows_say_why() -> None:
    aligned = pd.DataFrame({
        "quote_id": ["q01", "q02", "q03"], "speaker": ["A", "B", "C"],
        "stated_start": [10.0, 20.0, 30.0], "start": [11.0, 2720.0, float("nan")],
        "score": [1.0, 0.6, 0.1], "status": ["matched", "uncertain", "unmatched"],
        "verdict": ["edited", "edited", pd.NA], "fidelity": [0.9, 0.8, float("nan")],
        "offset": [1.0, 2700.0, float("nan")], "transcript_text": ["a", "b", pd.NA],
        "diff": ["= a", "= b", pd.NA],
        "warning": ["printed negation not heard: non (check the replay)",
                    "found +2,700 s from the stated time", pd.NA],
        "changes": ["negation: non→", pd.NA, pd.NA],
    })
    quotes = pd.DataFrame({"quote_id": ["q01", "q02", "q03"],
                           "text": ["la coopération du* partenariat", "b", "c"]})
    frame = quote_table_frame(aligned, quotes)
    assert frame["notes"].tolist() == ["printed negation not heard: non (check the replay)",
                                       "found +2,700 s from the stated time",
                                       "not found in the transcript"]
    assert frame["changes"].tolist()[0] == "negation: non→"
    assert frame["printed"].tolist()[0] == "la coopération du partenariat"


@pytest.mark.parametrize(("text", "plain"), [
    ("du* partenariat", "du partenariat"), ("*la coopération* est", "la coopération est"),
    ("dit **oui**.", "dit oui."), ("__gras__ ok", "gras ok"),
    ("snake_case reste", "snake_case reste"), ("3 * 4", "3 * 4"),
])
def test_printed_text_loses_markdown_emphasis(text: str, plain: str) -> None:
    assert strip_emphasis(text) == plain


def test_readable_numbers() -> None:
    assert mmss(725.4) == "12:05" and mmss(3725) == "1:02:05" and mmss(float("nan")) == ""
    assert percent(0.4231) == "42 %" and percent(0.4231, 1) == "42.3 %"


def test_speaker_table_mmss_and_share_of_named_time() -> None:
    stats = pd.DataFrame({"speaker": pd.array(["Alice", "Bob", pd.NA], dtype="string"),
                          "speaking_time": [600.0, 200.0, 200.0], "share": [0.6, 0.2, 0.2],
                          "n_words": [1500, 500, 400], "words_per_minute": [150.2, 150.0, 120.0],
                          "n_turns": [3, 2, 1], "mean_turn": [200.0, 100.0, 200.0],
                          "longest_turn": [300.0, 120.0, 200.0], "interruptions": [0, 1, 0]})
    view = speaker_view(stats, no_speaker="(no speaker)")
    assert view["speaking time"].tolist() == ["10:00", "3:20", "3:20"]
    assert view["share of named time"].tolist() == ["75 %", "25 %", ""]
    assert view["words/min"].tolist() == ["150", "150", "120"]


def test_theme_table_has_labels_and_no_repeated_column() -> None:
    units = pd.DataFrame({"sentence_id": [0, 1], "speaker": ["A", "B"], "start": [0.0, 5.0],
                          "text": ["la coopération des gens", "il faut collaborer"]})
    themes = conform(pd.DataFrame({"unit_id": ["0", "1"], "speaker": ["A", "B"],
                                   "start": [0.0, 5.0], "theme": ["cooperation"] * 2}), THEMES)
    stats = theme_stats(themes, units=units, labels={"cooperation": "Coopération"})
    assert stats.columns[:2].tolist() == ["theme", "label"]
    assert str(stats["label"].dtype) == "string" and stats["label"].tolist() == ["Coopération"]
    view = theme_view(stats)
    assert "n_words" not in view.columns and view["label"].tolist() == ["Coopération"]
    assert view["share of talk"].tolist() == ["100.0 %"]


def test_low_speaker_coverage_leads_the_speaker_section() -> None:
    from tests.export.test_report import small_analysis

    analysis = small_analysis()
    analysis.speaker_stats = pd.DataFrame({
        "speaker": pd.array(["Alice", pd.NA], dtype="string"),
        "speaking_time": [30.0, 70.0], "share": [0.3, 0.7]})
    analysis.speaker_coverage = 0.3
    page = render_html(analysis)
    speakers = page[page.index("id='speakers'"):page.index("id='speakers-table'")]
    assert "Low speaker coverage" in speakers and "30 %" in speakers
    analysis.speaker_coverage = 0.9
    page = render_html(analysis)
    assert "Low speaker coverage" not in page and "90 %" in page


def test_speaker_section_without_a_figure_measures_the_cues() -> None:
    # One measure of coverage (tag.naming.speaker_coverage): an anonymous label is not a
    # name, whatever the speakers table says.
    from tests.export.test_report import small_analysis

    analysis = small_analysis()
    analysis.speaker_coverage = float("nan")
    cues = analysis.transcript.cues.copy()
    cues["speaker"] = pd.array(["Aurélie Mézière", "SPEAKER_01", "SPEAKER_01"], dtype="string")
    analysis.transcript = analysis.transcript.with_cues(cues)
    page = render_html(analysis)
    assert "Low speaker coverage" in page and "33 %" in page  # 4 s named of 12 s


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> dict:
    """The reference report measured by headless Chromium at 1,400 px wide."""
    from coopanalysis.export.report import write_report
    from coopanalysis.run.analysis import analyze

    result = analyze(data_dir / "rnct2025_simulated_captions.vtt",
                     data_dir / "rnct2025_article.md")
    out = tmp_path_factory.mktemp("readable")
    index = write_report(result, out, qdpx=False)
    probe = out / "probe.html"
    probe.write_text(index.read_text(encoding="utf-8").replace("</body>", _PROBE + "</body>"),
                     encoding="utf-8")
    run = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                          "--window-size=1400,900", "--virtual-time-budget=5000",
                          f"--user-data-dir={out / 'profile'}", "--dump-dom", probe.as_uri()],
                         capture_output=True, text=True, timeout=120, check=False)
    found = re.search(r'<pre id="probe">(.*?)</pre>', run.stdout, re.S)
    assert found, run.stderr[-2000:]
    import html

    data = json.loads(html.unescape(found.group(1)))
    data["aligned"] = result.aligned
    return data


def test_report_does_not_overflow_a_1400px_window(measured: dict) -> None:
    assert measured["width"] == 1400
    assert measured["scroll"] <= measured["width"]


def test_each_warning_is_inside_its_quote_row(measured: dict) -> None:
    aligned = measured["aligned"]
    rows = {row["id"]: row for row in measured["rows"]}
    assert len(rows) == len(aligned)
    for quote in aligned.itertuples():
        row = rows[quote.quote_id]
        if not pd.isna(quote.warning):
            assert row["notes"] == quote.warning
        if quote.status == "unmatched":
            assert row["notes"]  # says why


def test_transcript_and_article_display_as_html(data_dir: Path) -> None:
    from coopanalysis import read_article, read_transcript

    transcript = read_transcript(data_dir / "rnct2025_simulated_captions.vtt")
    page = transcript._repr_html_()
    assert "coopanalysis Transcript" in page and "00:55:12" in page
    assert page.count("<tr>") >= 10 and "more cues" in page
    article = read_article(data_dir / "rnct2025_article.md")
    page = article._repr_html_()
    assert "coopanalysis Article" in page and "Aurélie Mézière" in page and "q01" in page
    hostile = read_transcript("WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>x &lt;script&gt;\n")
    assert "<script" not in hostile._repr_html_()

