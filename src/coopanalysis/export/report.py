"""The report folder of an analysis: tables, figures, a REFI-QDA project and ``index.html``.

``write_report(analysis, out_dir)`` writes ``index.html`` (one self-contained page: inline
CSS, figures as data URIs, no script), ``tables/`` (``write_tables``), ``figures/*.png`` and
``project.qdpx``. It reads the tables of any object shaped like ``ReportSource`` (an
``Analysis``). Text from the inputs is HTML-escaped. See ``docs/cli.md``.
"""

from __future__ import annotations

import base64
import html
import io
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pandas as pd

from coopanalysis.errors import ExportError
from coopanalysis.export.readable import (
    percent_table,
    theme_view,
)
from coopanalysis.export.speaker_section import speaker_section
from coopanalysis.export.views import html_table, quote_table_frame, render_diffs
from coopanalysis.model import Article, Transcript
from coopanalysis.progress import progress_steps
from coopanalysis.tag.fit import accuracy_note

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class ReportSource(Protocol):
    """What the report reads: the tables and a few attributes of an ``Analysis``."""

    transcript: Transcript
    article: Article | None
    quotes: pd.DataFrame | None
    aligned: pd.DataFrame | None
    diff_ops: pd.DataFrame | None
    turns: pd.DataFrame
    sentences: pd.DataFrame
    themes: pd.DataFrame
    speaker_stats: pd.DataFrame
    theme_stats: pd.DataFrame
    theme_stats_by_speaker: pd.DataFrame | None
    warnings: list[str]

    @property
    def codebook(self) -> Any: ...  # a Codebook, or None

    def tables(self) -> dict[str, pd.DataFrame]: ...

    def summary_items(self) -> list[tuple[str, str]]: ...


#: Name of the REFI-QDA project written beside index.html.
QDPX_NAME = "project.qdpx"
#: How the speakers table names cues without a known speaker.
NO_SPEAKER = "(no speaker)"

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto;
       max-width: 1200px; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
th, td { border: 1px solid #ddd; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.matched td.status { background: #e3f4e1; }
tr.uncertain td.status { background: #fff2cc; }
tr.unmatched td.status { background: #eee; color: #666; }
td.verdict-altered { background: #fbe0e0; font-weight: bold; }
td.verdict-verbatim { background: #e3f4e1; }
.notice { background: #fff8e1; border-left: 4px solid #e0a800; padding: 0.5em 1em; }
.notice pre { white-space: pre-wrap; font-size: 0.85em; }
.diff span { padding: 0 0.1em; }
.diff .cut, .diff .marked-cut { color: #777; text-decoration: line-through; }
.diff .added, .diff .replaced { background: #fbe0e0; font-weight: bold; }
.diff .variant { background: #fff2cc; }
.diff .insertion { color: #555; font-style: italic; }
dl.summary { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
dl.summary dt { font-weight: bold; } dl.summary dd { margin: 0; }
figure { margin: 1em 0; } figure img { max-width: 100%; border: 1px solid #eee; }
ul.warnings { font-size: 0.9em; color: #6a4b00; }
div.scroll { overflow-x: auto; max-width: 100%; }
div.scroll table { margin: 0.5em 0; }
#quotes-table td.printed, #quotes-table td.spoken, #quotes-table td.diff { min-width: 16em; }
#quotes-table td.notes { min-width: 12em; color: #6a4b00; }
#quotes-table td.notes:empty { background: none; }
.coverage { background: #fbe0e0; border-left: 4px solid #c00; padding: 0.5em 1em; }
"""


@dataclass(frozen=True)
class FigureSpec:
    """One figure of the report: file stem, caption, and how to draw it from the tables."""

    name: str
    caption: str
    draw: Callable[[ReportSource], Figure]


def write_report(analysis: ReportSource, out_dir: str | Path, *, figures: bool = True,
                 qdpx: bool = True, progress: bool = False) -> Path:
    """Write the report folder of ``analysis`` and return the path of its ``index.html``.

    Args:
        analysis: the result of :func:`coopanalysis.analyze` (any ``ReportSource``).
        out_dir: folder to write (created when missing; existing files are replaced).
        figures: draw the figures (PNG files, embedded in the page).
        qdpx: write the REFI-QDA project ``project.qdpx``.
        progress: show a progress bar of the steps on stderr.

    Raises:
        CoopanalysisError: ``out_dir`` is an existing file or cannot be created.
        ExportError: a file of the report cannot be written.
    """
    from coopanalysis.export.tables import output_folder, write_tables

    out = output_folder(out_dir)
    pngs: dict[str, tuple[str, bytes]] = {}
    qdpx_path: Path | None = None
    notes: list[str] = []
    n_steps = 2 + int(figures) + int(qdpx)
    with progress_steps(n_steps, enabled=progress, desc="report") as step:
        written = step("tables", lambda: write_tables(analysis.tables(), out / "tables"))
        if figures:
            pngs = step("figures", lambda: write_figures(analysis, out / "figures"))
        if qdpx:
            qdpx_path, notes = step("qdpx", lambda: _write_qdpx(analysis, out / QDPX_NAME))
        page = step("html", lambda: render_html(
            analysis, figures=pngs, files=_relative_paths(written, out),
            qdpx_file=None if qdpx_path is None else qdpx_path.name, notes=notes))
    index = out / "index.html"
    try:
        index.write_text(page, encoding="utf-8")
    except OSError as error:
        raise ExportError(f"cannot write the report page: {error.strerror or error}",
                          str(index)) from None
    return index


def figure_specs() -> list[FigureSpec]:
    """The figures of a report, drawn with :mod:`coopanalysis.export.plots`."""
    from coopanalysis.export import plots

    return [
        FigureSpec("speaker_timeline", "Who speaks when (turns); aligned quotes marked.",
                   lambda a: plots.plot_speaker_timeline(a.turns, a.aligned)),
        FigureSpec("share_of_voice", "Share of speaking time per speaker.",
                   lambda a: plots.plot_share_of_voice(a.speaker_stats)),
        FigureSpec("theme_heatmap", "Themes over time (tags per 5-minute bin).",
                   lambda a: plots.plot_theme_heatmap(a.themes)),
        FigureSpec("themes_by_speaker", "Theme tags by speaker.",
                   lambda a: plots.plot_themes_by_speaker(
                       a.themes if a.theme_stats_by_speaker is None
                       else a.theme_stats_by_speaker)),
    ]


def write_figures(analysis: ReportSource, out_dir: str | Path) -> dict[str, tuple[str, bytes]]:
    """Draw the report figures and save them as PNG in ``out_dir``.

    Returns ``{name: (caption, png_bytes)}`` in the order of ``figure_specs()``.
    """
    from coopanalysis.export.tables import output_folder

    folder = output_folder(out_dir)
    pngs: dict[str, tuple[str, bytes]] = {}
    for spec in figure_specs():
        figure = spec.draw(analysis)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
        data = buffer.getvalue()
        path = folder / f"{spec.name}.png"
        try:
            path.write_bytes(data)
        except OSError as error:
            raise ExportError(f"cannot write the figure: {error.strerror or error}",
                              str(path)) from None
        pngs[spec.name] = (spec.caption, data)
    return pngs


def _write_qdpx(analysis: ReportSource, path: Path) -> tuple[Path, list[str]]:
    """Write the REFI-QDA project; returns its path and the writer's warnings (tags not placed)."""
    from coopanalysis.export.qdpx import write_qdpx

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        written = write_qdpx(path, transcript=analysis.transcript, codebook=analysis.codebook,
                             themes=analysis.themes, units=analysis.sentences)
    return Path(written), [f"{path.name}: {w.message}" for w in caught]


def _relative_paths(written: Mapping[str, list[Path]], root: Path) -> list[str]:
    """The files of ``write_tables`` (``{format: [paths]}``) relative to ``root``, for links."""
    base = root.resolve()
    return sorted(Path(path).resolve().relative_to(base).as_posix()
                  for paths in written.values() for path in paths)


# --- HTML ------------------------------------------------------------------------------------

def render_html(analysis: ReportSource, *, figures: dict[str, tuple[str, bytes]] | None = None,
                files: list[str] | None = None, qdpx_file: str | None = None,
                notes: list[str] | None = None) -> str:
    """The report page as one HTML string (no external resource, all text escaped).

    ``notes`` are warnings of the report writing itself, listed after the analysis warnings.
    """
    title = _title(analysis)
    body = [
        f"<h1>{html.escape(title)}</h1>",
        _notice(analysis),
        "<h2 id='summary'>Summary</h2>",
        _summary_list(analysis),
    ]
    if analysis.aligned is not None:
        body += [
            "<h2 id='quotes'>Quotes: fact-check against the transcript</h2>",
            "<p>Each quote of the article located in the transcript. <em>matched</em>: found "
            "with confidence; <em>uncertain</em>: a candidate place, check it; "
            "<em>unmatched</em>: not found, no time is given. The verdict compares the printed "
            "words with the spoken ones (<em>verbatim</em>, <em>edited</em>: cuts, fillers, "
            "numbers; <em>altered</em>: words printed that were not said).</p>",
            "<p>Diff: <span class='diff'><span class='kept'>= printed and spoken</span> "
            "<span class='variant'>~ spelling variant</span> "
            "<span class='replaced'>! printed→spoken replaced</span> "
            "<span class='added'>+ printed, not spoken</span> "
            "<span class='cut'>- spoken, cut by the writer</span></span></p>",
            _scroll(html_table(quote_table_frame(analysis.aligned, analysis.quotes),
                               table_id="quotes-table", row_class="status",
                               diffs=render_diffs(analysis.diff_ops))),
        ]
    trust = accuracy_note(analysis.codebook, theme_method(analysis.themes))
    body += [
        "<h2 id='speakers'>Speakers</h2>",
        speaker_section(analysis, no_speaker=NO_SPEAKER),
        "<h2 id='themes'>Themes</h2>",
        f"<p class='accuracy'>{html.escape(trust)}</p>",
        _scroll(html_table(theme_view(analysis.theme_stats), table_id="themes-table",
                           max_rows=200)),
        "<h3>Share of each speaker's talk per theme</h3>",
        "<p>Words of the speaker's sentences tagged with the theme, over all the speaker's "
        "words (a sentence can carry several themes).</p>",
        _scroll(html_table(percent_table(themes_by_speaker(analysis)),
                           table_id="themes-by-speaker-table")),
    ]
    if figures:
        body.append("<h2 id='figures'>Figures</h2>")
        body += [_figure(name, caption, data) for name, (caption, data) in figures.items()]
    in_rows = _quote_row_warnings(analysis)
    all_warnings = [w for w in [*analysis.warnings, *(notes or [])] if w not in in_rows]
    if all_warnings or in_rows:
        body.append(f"<h2 id='warnings'>Warnings ({len(all_warnings)})</h2>")
        if in_rows:
            body.append(f"<p>{len(in_rows)} quote warnings are in their rows of the "
                        "<a href='#quotes'>quote table</a>.</p>")
        items = "".join(f"<li>{html.escape(w)}</li>" for w in all_warnings)
        if items:
            body.append(f"<ul class='warnings'>{items}</ul>")
    if files or qdpx_file:
        body += ["<h2 id='files'>Files</h2>", _files_section(files or [], qdpx_file)]
    body.append("<p><small>Written by coopanalysis.</small></p>")
    return ("<!DOCTYPE html>\n<html lang='fr'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>"
            f"<body>{''.join(body)}</body></html>\n")


def theme_method(themes: pd.DataFrame) -> str:
    """``"hybrid"`` when the tags carry the model's probability, ``"fast"`` when that
    model read through its static encoder (its evidence says "static"), else
    ``"codebook"`` (a hybrid run that tagged nothing reads as the codebook's)."""
    has_model = "probability" in themes.columns and bool(themes["probability"].notna().any())
    if not has_model:
        return "codebook"
    static = themes["evidence"].astype(str).str.contains("(static ", regex=False)
    return "fast" if bool(static.any()) else "hybrid"


def themes_by_speaker(analysis: ReportSource) -> pd.DataFrame:
    """Speakers × themes: the share of each speaker's words spent on each theme (0–1).

    The wide view of ``analysis.theme_stats_by_speaker`` (empty without tags or that table).
    """
    from coopanalysis.analyse.stats import theme_pivot

    long = analysis.theme_stats_by_speaker
    if long is None or not len(analysis.themes) or not len(long):
        return pd.DataFrame()
    wide = theme_pivot(long, index="speaker", values="share_of_talk")
    return _named_speakers(wide.reset_index())


def _scroll(table: str) -> str:
    """A table in a box that scrolls sideways instead of widening the page."""
    return f"<div class='scroll'>{table}</div>"


def _quote_row_warnings(analysis: ReportSource) -> set[str]:
    """The analysis warnings that repeat a quote's own (``quote q01: …``), shown in its row."""
    aligned = analysis.aligned
    if aligned is None or "warning" not in aligned.columns:
        return set()
    rows = aligned[aligned["warning"].notna()]
    return {f"quote {q}: {w}" for q, w in zip(rows["quote_id"], rows["warning"], strict=True)}



def _named_speakers(frame: pd.DataFrame) -> pd.DataFrame:
    """Show the NA speaker (cues nobody is known to have said) as ``(no speaker)``."""
    if "speaker" not in frame.columns:
        return frame
    return frame.assign(speaker=frame["speaker"].astype("string").fillna(NO_SPEAKER))


def _files_section(files: list[str], qdpx_file: str | None) -> str:
    """One row per table with a link per format, then the other files (workbook, .qdpx)."""
    by_table: dict[str, list[str]] = {}
    others: list[str] = []
    for name in files:
        path = Path(name)
        if path.suffix in (".csv", ".parquet"):
            by_table.setdefault(path.stem, []).append(name)
        else:
            others.append(name)
    rows = "".join(
        f"<tr><td>{html.escape(stem)}</td><td>"
        + " ".join(f"<a href='{html.escape(f, quote=True)}'>{html.escape(Path(f).suffix[1:])}"
                   "</a>" for f in sorted(paths))
        + "</td></tr>"
        for stem, paths in by_table.items()
    )
    table = f"<table id='files-table'><tbody>{rows}</tbody></table>" if rows else ""
    extra = [*others, *([qdpx_file] if qdpx_file else [])]
    items = "".join(f"<li><a href='{html.escape(f, quote=True)}'>{html.escape(f)}</a></li>"
                    for f in extra)
    return table + (f"<ul>{items}</ul>" if items else "")


def _title(analysis: ReportSource) -> str:
    article_title = None if analysis.article is None else analysis.article.metadata.get("title")
    return f"coopanalysis report — {article_title or Path(analysis.transcript.source).name}"


def _notice(analysis: ReportSource) -> str:
    """Say where the times come from, warn loudly when the captions are not real, and show
    the notes the transcript file carries (a WebVTT ``NOTE`` often says what the file is)."""
    notes = analysis.transcript.metadata.get("notes") or []
    if isinstance(notes, str):
        notes = [notes]
    searched = " ".join([str(analysis.transcript.source), *map(str, notes)]).lower()
    flags = [word for word in ("simulated", "reconstruction") if word in searched]
    parts = [f"Transcript: {analysis.transcript.source}."]
    if flags:
        parts.append("This transcript is marked as " + " / ".join(flags).upper()
                     + ": it is not the replay's real captions; its times and words are "
                       "not a record of what was said.")
    parts.append("Times are seconds into the transcript; check any cited time in the replay.")
    shown = "".join(f"<pre>{html.escape(str(note))}</pre>" for note in notes)
    if shown:
        shown = f"<details open><summary>Notes in the transcript file</summary>{shown}</details>"
    return f"<div class='notice'><p>{html.escape(' '.join(parts))}</p>{shown}</div>"


def _summary_list(analysis: ReportSource) -> str:
    items = "".join(f"<dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd>"
                    for label, value in analysis.summary_items())
    return f"<dl class='summary'>{items}</dl>"


def _figure(name: str, caption: str, png: bytes) -> str:
    data = base64.b64encode(png).decode("ascii")
    return (f"<figure id='figure-{html.escape(name, quote=True)}'>"
            f"<img alt='{html.escape(caption, quote=True)}' src='data:image/png;base64,{data}'>"
            f"<figcaption>{html.escape(caption)}</figcaption></figure>")
