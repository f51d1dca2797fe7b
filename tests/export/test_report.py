"""The HTML report: escaping, content, the files written, and the page in headless Chromium."""

from __future__ import annotations

import base64
import html
import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from coopanalysis.analyse.stats import theme_stats as theme_stats_of
from coopanalysis.errors import ExportError
from coopanalysis.export.report import render_html, write_report
from coopanalysis.model import Article, Transcript
from coopanalysis.run.analysis import Analysis
from coopanalysis.schema import (
    ALIGNED,
    ARTICLE_SPEAKERS,
    CUES,
    DIFF_OPS,
    ENTITIES,
    QUOTES,
    SENTENCES,
    THEMES,
    TURNS,
    conform,
    empty,
)
from coopanalysis.tag.fit import MEASURED_ACCURACY

# A quote text that would run a script or break the page if it were not escaped.
HOSTILE = "<script>document.title='pwned'</script> & « ça » <b>gras</b>"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def kept(words: str) -> list[tuple[str, str, str]]:
    return [("kept", word, word) for word in words.split()]


def small_analysis() -> Analysis:
    """An Analysis built by hand: two speakers, two quotes (one matched, one not)."""
    cues = conform(pd.DataFrame({
        "cue_id": [0, 1, 2],
        "start": [0.0, 4.0, 9.0],
        "end": [4.0, 9.0, 12.0],
        "speaker": ["Aurélie Mézière", "Aurélie Mézière", "Brice Comment"],
        "text": ["faire de la politique avec les gens", "et non pour les gens",
                 "il faut collaborer"],
    }), CUES)
    transcript = Transcript(cues=cues, source="simulated_captions.vtt", format="webvtt",
                            metadata={"notes": ["SIMULATED captions <not real>"]})
    quotes = conform(pd.DataFrame({
        "quote_id": ["q01", "q02"],
        "speaker": ["Aurélie Mézière", "Brice Comment"],
        "text": ["faire de la politique avec les gens et non pour les gens", HOSTILE],
        "kind": ["quote", "quote"],
        "stated_start": [1470.0, float("nan")],
        "char_start": [0, 100], "char_end": [50, 160], "line": [3, 5],
    }), QUOTES)
    speakers = conform(pd.DataFrame({
        "speaker": ["Aurélie Mézière", "Brice Comment"], "role": ["maire", "président"],
        "organization": ["Plessé", "ALons'ZI"], "first_mention": [0, 90],
    }), ARTICLE_SPEAKERS)
    article = Article(text="…", speakers=speakers, quotes=quotes,
                      metadata={"title": "La coopération <territoriale>"})
    aligned = conform(pd.DataFrame({
        "quote_id": ["q01", "q02"],
        "speaker": ["Aurélie Mézière", "Brice Comment"],
        "stated_start": [1470.0, float("nan")],
        "start": [0.0, float("nan")], "end": [9.0, float("nan")],
        "cue_ids": [[0, 1], []],
        "transcript_text": ["faire de la politique avec les gens et non pour les gens", pd.NA],
        "score": [0.97, 0.1], "status": ["matched", "unmatched"],
        "offset": [-1470.0, float("nan")],
        "diff": ["= faire de la politique avec les gens | - euh | = et non pour les gens", pd.NA],
        "fidelity": [1.0, float("nan")], "verdict": ["verbatim", pd.NA],
        "diff_ops": [(*kept("faire de la politique avec les gens"), ("cut", "", "euh"),
                      *kept("et non pour les gens")), ()],
    }), ALIGNED)
    turns = conform(pd.DataFrame({
        "turn_id": [0, 1], "speaker": ["Aurélie Mézière", "Brice Comment"],
        "start": [0.0, 9.0], "end": [9.0, 12.0],
        "text": ["faire de la politique avec les gens et non pour les gens",
                 "il faut collaborer"],
        "n_words": [12, 3], "first_cue_id": [0, 2], "last_cue_id": [1, 2],
    }), TURNS)
    sentences = conform(turns.rename(columns={"turn_id": "sentence_id"})
                        .assign(turn_id=[0, 1]), SENTENCES)
    themes = conform(pd.DataFrame({
        "unit_id": ["1"], "speaker": ["Brice Comment"], "start": [9.0], "end": [12.0],
        "theme": ["cooperation"], "term": ["collaborer"], "lemma": ["collaborer"],
        "char_start": [8], "char_end": [18],
    }), THEMES)
    speaker_stats = pd.DataFrame({"speaker": ["Aurélie Mézière", "Brice Comment"],
                                  "speaking_time": [9.0, 3.0], "share": [0.75, 0.25]})
    theme_stats = pd.DataFrame({"theme": ["cooperation"], "count": [1]})
    by_speaker = theme_stats_of(themes, units=sentences, by="speaker")
    return Analysis(transcript=transcript, cues=cues, turns=turns, sentences=sentences,
                    themes=themes, entities=empty(ENTITIES), speaker_stats=speaker_stats,
                    theme_stats=theme_stats, theme_stats_by_speaker=by_speaker,
                    article=article, quotes=quotes,
                    article_speakers=speakers, aligned=aligned,
                    warnings=["quote q02: <not found> in the transcript"])


# --- pure HTML ------------------------------------------------------------------------------

def test_render_html_has_the_tables_and_escapes_inputs() -> None:
    page = render_html(small_analysis())
    assert page.startswith("<!DOCTYPE html>")
    for table_id in ("quotes-table", "speakers-table", "themes-table", "themes-by-speaker-table"):
        assert f"id='{table_id}'" in page
    assert "<script" not in page  # the hostile quote is text, and the page has no script
    assert html.escape(HOSTILE) in page
    assert "La coopération &lt;territoriale&gt;" in page
    assert "&lt;not found&gt;" in page  # warnings shown, escaped
    assert "has not been measured" in page  # no codebook given: no accuracy to claim
    assert "marked as SIMULATED" in page  # the notice says the captions are not real
    assert "SIMULATED captions &lt;not real&gt;" in page  # the file's own NOTE, escaped
    # Nothing is loaded from elsewhere: no src/href to another host, no @import.
    assert "http://" not in page and "https://" not in page and "@import" not in page


def test_analysis_summary_and_notebook_display() -> None:
    analysis = small_analysis()
    text = analysis.summary()
    assert "1 matched, 0 uncertain, 1 unmatched" in text
    assert "simulated_captions.vtt" in text
    shown = analysis._repr_html_()
    assert "q01" in shown and "<script" not in shown
    assert set(analysis.tables()) == {"aligned", "diff_ops", "quotes", "article_speakers",
                                      "speaker_stats", "theme_stats", "theme_stats_by_speaker",
                                      "themes", "entities", "turns", "sentences", "cues"}


def test_the_quote_table_colours_the_diff_from_the_diff_ops_table() -> None:
    analysis = small_analysis()
    assert analysis.diff_ops is not None  # derived once from aligned.diff_ops
    assert analysis.diff_ops["op"].tolist() == ["kept"] * 7 + ["cut"] + ["kept"] * 5
    page = render_html(analysis)
    assert ("<td class='diff'><span class='kept'>= faire de la politique avec les gens</span> "
            "<span class='cut'>- euh</span> <span class='kept'>= et non pour les gens</span>"
            "</td>") in page
    # Without operations (an aligned table from elsewhere) the diff string is plain text.
    bare = small_analysis()
    bare.diff_ops = bare.diff_ops.iloc[0:0]
    page = render_html(bare)
    assert ("<td class='diff'>= faire de la politique avec les gens | - euh | "
            "= et non pour les gens</td>") in page


def test_tables_give_the_diff_as_its_own_table_not_an_object_column(tmp_path: Path) -> None:
    analysis = small_analysis()
    tables = analysis.tables()
    assert "diff_ops" not in tables["aligned"].columns
    assert "diff_ops" in analysis.aligned.columns  # the attribute keeps the tuples
    assert list(tables["diff_ops"].columns) == list(DIFF_OPS)
    index = write_report(analysis, tmp_path / "out", figures=False, qdpx=False)
    ops = pd.read_csv(index.parent / "tables" / "diff_ops.csv")
    assert ops["op"].tolist()[7] == "cut" and ops["spoken"].tolist()[7] == "euh"


# --- headless Chromium -----------------------------------------------------------------------

def chromium_or_skip() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("CI") == "true":
        pytest.fail(f"chromium not found at {CHROMIUM}: CI must install it "
                    "(apt-get install chromium)")
    pytest.skip("chromium not installed (apt-get install chromium)")


def run_chromium(page: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [
        chromium_or_skip(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={tmp_path / 'chromium-profile'}", *extra,
        page.resolve().as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_report_page_renders_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text(render_html(small_analysis()), encoding="utf-8")
    result = run_chromium(page, tmp_path, "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    for table_id in ("quotes-table", "speakers-table", "themes-table", "themes-by-speaker-table"):
        assert f'id="{table_id}"' in dom
    # The browser parsed the hostile quote as text: no script element, title intact.
    assert "<script" not in dom
    assert "&lt;script&gt;" in dom
    assert "<title>coopanalysis report" in dom
    assert "q01" in dom and "Aurélie Mézière" in dom and "verbatim" in dom


def test_report_page_screenshot_is_drawn(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text(render_html(small_analysis()), encoding="utf-8")
    shot = tmp_path / "shot.png"
    result = run_chromium(page, tmp_path, f"--screenshot={shot}", "--window-size=1200,900")
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


# --- the whole report on the reference data -------------------------------------------------



@pytest.fixture(scope="module")
def reference_report(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    from coopanalysis.export.report import write_report
    from coopanalysis.run.analysis import analyze

    captions = data_dir / "rnct2025_simulated_captions.vtt"
    if not captions.exists():
        pytest.skip("waiting for data/rnct2025_simulated_captions.vtt (align engineer)")
    result = analyze(captions, data_dir / "rnct2025_article.md",
                     replay_url="https://example.org/replay")
    out = tmp_path_factory.mktemp("report")
    return write_report(result, out)


def test_write_report_writes_tables_figures_and_qdpx(reference_report: Path) -> None:
    out = reference_report.parent
    assert reference_report.name == "index.html"
    pngs = sorted((out / "figures").glob("*.png"))
    assert pngs and all(p.read_bytes()[:4] == b"\x89PNG" for p in pngs)
    assert any((out / "tables").rglob("*.csv"))
    assert (out / "project.qdpx").stat().st_size > 0
    page = reference_report.read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == len(pngs)
    assert "SIMULATED" in page
    # the themes come with the accuracy measured for the default codebook, out of sample
    assert "(territorial_cooperation, codebook method;" in page
    _, precision, recall = MEASURED_ACCURACY[("territorial_cooperation", "codebook")][0]
    assert f"precision {precision:.2f}" in page and f"recall {recall:.2f}" in page
    assert "check a sample of tags" in page


# Appended to a copy of the page (the report itself has no script): after load, write into
# the DOM how many images decoded and whether any script error or failed resource occurred.
PROBE = """<script>
var problems = [];
window.addEventListener("error", function (e) {
  problems.push((e.target && e.target.src) ? "resource:" + e.target.src.slice(0, 40)
                                             : "error:" + e.message);
}, true);
window.addEventListener("load", function () {
  var images = Array.from(document.images);
  var decoded = images.filter(function (i) { return i.complete && i.naturalWidth > 0; });
  var out = document.createElement("pre");
  out.id = "probe";
  out.textContent = "images " + decoded.length + "/" + images.length + " problems "
                    + problems.length + " " + problems.join(" ");
  document.body.appendChild(out);
});
</script>"""


def test_reference_report_renders_in_chromium(reference_report: Path, tmp_path: Path) -> None:
    probed = reference_report.parent / "probed.html"
    page = reference_report.read_text(encoding="utf-8")
    probed.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    result = run_chromium(probed, tmp_path, "--dump-dom", "--virtual-time-budget=5000")
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    for table_id in ("quotes-table", "speakers-table", "themes-table", "files-table"):
        assert f'id="{table_id}"' in dom
    assert "Rebsamen" in dom and "matched" in dom
    n_figures = len(list((reference_report.parent / "figures").glob("*.png")))
    assert f"images {n_figures}/{n_figures} problems 0" in dom


def test_write_report_files_without_figures(tmp_path: Path) -> None:
    analysis = small_analysis()
    index = write_report(analysis, tmp_path / "out", figures=False)
    out = index.parent
    assert index == out / "index.html"
    page = index.read_text(encoding="utf-8")
    assert "id='quotes-table'" in page and html.escape(HOSTILE) in page
    # Every table is written and linked from the page with a relative path.
    for name in analysis.tables():
        csv = out / "tables" / f"{name}.csv"
        assert csv.exists(), name
        assert f"href='tables/{name}.csv'>csv</a>" in page
    assert "href='project.qdpx'" in page and (out / "project.qdpx").stat().st_size > 0
    assert not (out / "figures").exists() and "data:image/png" not in page
    quotes = pd.read_csv(out / "tables" / "quotes.csv")
    assert HOSTILE in set(quotes["text"])  # the table files keep the text as it was


def test_write_report_embeds_the_figures(tmp_path: Path) -> None:
    index = write_report(small_analysis(), tmp_path, qdpx=False)
    pngs = sorted((tmp_path / "figures").glob("*.png"))
    assert [p.stem for p in pngs] == sorted(["speaker_timeline", "share_of_voice",
                                             "theme_heatmap", "themes_by_speaker"])
    page = index.read_text(encoding="utf-8")
    for png in pngs:
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert base64.b64encode(data).decode("ascii") in page  # embedded, not linked
    assert not (tmp_path / "project.qdpx").exists()


def test_write_report_into_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_text("x")
    analysis = small_analysis()
    with pytest.raises(ExportError, match="not a folder"):
        write_report(analysis, target, figures=False, qdpx=False)
