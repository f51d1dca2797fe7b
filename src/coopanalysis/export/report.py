"""The report folder of an analysis: tables, figures, a REFI-QDA project and ``index.html``.

``write_report(analysis, out_dir)`` writes::

    out_dir/
        index.html          one self-contained page: inline CSS, figures as data URIs,
                            no script, no external resource; readable offline
        tables/             every table of Analysis.tables() (export.write_tables)
        figures/*.png       the figures of plots.py, also embedded in index.html
        <name>.qdpx         the REFI-QDA project (transcript, codebook, theme codings)

Every piece of text that comes from the inputs (quotes, names, file names) is
HTML-escaped: articles and captions are third-party text.
"""

from __future__ import annotations

import base64
import html
import io
import math
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from coopanalysis.timecode import format_hms

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from coopanalysis.run.analysis import Analysis

#: Name of the REFI-QDA project written beside index.html.
QDPX_NAME = "project.qdpx"
#: How the speakers table names cues without a known speaker.
NO_SPEAKER = "(no speaker)"

# Columns of the fact-check table, as (column, heading). Times shown as HH:MM:SS.
_QUOTE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("quote_id", "Quote"),
    ("speaker", "Speaker (article)"),
    ("stated", "Stated"),
    ("found", "Found"),
    ("offset", "Offset (s)"),
    ("score", "Score"),
    ("status", "Status"),
    ("verdict", "Verdict"),
    ("fidelity", "Fidelity"),
    ("printed", "Printed in the article"),
    ("spoken", "Spoken in the transcript"),
    ("diff", "Diff"),
    ("link", "Replay"),
)

# Diff operations of coopanalysis.align.diff → CSS class; longer signs first ("[…] -" before "[").
_DIFF_CLASSES: tuple[tuple[str, str], ...] = (
    ("[…] -", "marked-cut"), ("=", "kept"), ("~", "variant"), ("!", "replaced"),
    ("+", "added"), ("-", "cut"), ("[", "insertion"),
)

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
"""


@dataclass(frozen=True)
class FigureSpec:
    """One figure of the report: file stem, caption, and how to draw it from an Analysis."""

    name: str
    caption: str
    draw: Callable[[Analysis], Figure]


def write_report(analysis: Analysis, out_dir: str | Path, *, figures: bool = True,
                 qdpx: bool = True, progress: bool = False) -> Path:
    """Write the report folder of ``analysis`` and return the path of its ``index.html``.

    Args:
        analysis: the result of :func:`coopanalysis.analyze`.
        out_dir: folder to write (created when missing; existing files are replaced).
        figures: draw the figures (PNG files, embedded in the page).
        qdpx: write the REFI-QDA project ``project.qdpx``.
        progress: show a progress bar of the steps on stderr.

    Raises:
        CoopanalysisError: ``out_dir`` is an existing file or cannot be created.
    """
    from coopanalysis.export.tables import output_folder, write_tables
    from coopanalysis.run.analysis import progress_steps

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
    index.write_text(page, encoding="utf-8")
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
                   lambda a: plots.plot_themes_by_speaker(a.themes)),
    ]


def write_figures(analysis: Analysis, out_dir: str | Path) -> dict[str, tuple[str, bytes]]:
    """Draw the report figures and save them as PNG in ``out_dir``.

    Returns ``{name: (caption, png_bytes)}`` in the order of ``figure_specs()``.
    """
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    pngs: dict[str, tuple[str, bytes]] = {}
    for spec in figure_specs():
        figure = spec.draw(analysis)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
        data = buffer.getvalue()
        (folder / f"{spec.name}.png").write_bytes(data)
        pngs[spec.name] = (spec.caption, data)
    return pngs


def _write_qdpx(analysis: Analysis, path: Path) -> tuple[Path, list[str]]:
    """Write the REFI-QDA project; returns its path and the writer's warnings (tags not placed)."""
    from coopanalysis.export.qdpx import write_qdpx
    from coopanalysis.run.analysis import sentence_units

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        written = write_qdpx(path, transcript=analysis.transcript, codebook=analysis.codebook,
                             themes=analysis.themes, units=sentence_units(analysis.sentences))
    return Path(written), [f"{path.name}: {w.message}" for w in caught]


def _relative_paths(written: Mapping[str, list[Path]], root: Path) -> list[str]:
    """The files of ``write_tables`` (``{format: [paths]}``) relative to ``root``, for links."""
    base = root.resolve()
    return sorted(Path(path).resolve().relative_to(base).as_posix()
                  for paths in written.values() for path in paths)


# --- HTML ------------------------------------------------------------------------------------

def render_html(analysis: Analysis, *, figures: dict[str, tuple[str, bytes]] | None = None,
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
            html_table(quote_table_frame(analysis), table_id="quotes-table",
                       row_class="status"),
        ]
    body += [
        "<h2 id='speakers'>Speakers</h2>",
        html_table(_named_speakers(analysis.speaker_stats), table_id="speakers-table"),
        "<h2 id='themes'>Themes</h2>",
        html_table(analysis.theme_stats, table_id="themes-table", max_rows=200),
        "<h3>Share of each speaker's talk per theme</h3>",
        "<p>Words of the speaker's sentences tagged with the theme, over all the speaker's "
        "words (a sentence can carry several themes).</p>",
        html_table(themes_by_speaker(analysis), table_id="themes-by-speaker-table"),
    ]
    if figures:
        body.append("<h2 id='figures'>Figures</h2>")
        body += [_figure(name, caption, data) for name, (caption, data) in figures.items()]
    all_warnings = [*analysis.warnings, *(notes or [])]
    if all_warnings:
        body.append(f"<h2 id='warnings'>Warnings ({len(all_warnings)})</h2>")
        items = "".join(f"<li>{html.escape(w)}</li>" for w in all_warnings)
        body.append(f"<ul class='warnings'>{items}</ul>")
    if files or qdpx_file:
        body += ["<h2 id='files'>Files</h2>", _files_section(files or [], qdpx_file)]
    body.append("<p><small>Written by coopanalysis.</small></p>")
    return ("<!DOCTYPE html>\n<html lang='fr'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>"
            f"<body>{''.join(body)}</body></html>\n")


def themes_by_speaker(analysis: Analysis) -> pd.DataFrame:
    """Speakers × themes: the share of each speaker's words spent on each theme (0–1)."""
    from coopanalysis.analyse.stats import theme_pivot, theme_stats
    from coopanalysis.run.analysis import sentence_units

    if not len(analysis.themes):
        return pd.DataFrame()
    long = theme_stats(analysis.themes, units=sentence_units(analysis.sentences), by="speaker")
    wide = theme_pivot(long, index="speaker", values="share_of_talk")
    return _named_speakers(wide.reset_index())


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


def _title(analysis: Analysis) -> str:
    article_title = None if analysis.article is None else analysis.article.metadata.get("title")
    return f"coopanalysis report — {article_title or Path(analysis.transcript.source).name}"


def _notice(analysis: Analysis) -> str:
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


def _summary_list(analysis: Analysis) -> str:
    items = "".join(f"<dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd>"
                    for label, value in analysis.summary_items())
    return f"<dl class='summary'>{items}</dl>"


def _figure(name: str, caption: str, png: bytes) -> str:
    data = base64.b64encode(png).decode("ascii")
    return (f"<figure id='figure-{html.escape(name, quote=True)}'>"
            f"<img alt='{html.escape(caption, quote=True)}' src='data:image/png;base64,{data}'>"
            f"<figcaption>{html.escape(caption)}</figcaption></figure>")


def quote_table_frame(analysis: Analysis, *, with_text: bool = True) -> pd.DataFrame:
    """The fact-check table as displayed: one row per aligned quote, times as ``HH:MM:SS``.

    Columns: ``quote_id``, ``speaker``, ``stated``, ``found``, ``offset``, ``score``,
    ``status``, ``verdict``, ``fidelity`` and, with ``with_text``, ``printed`` (the article's
    text), ``spoken`` (the transcript's words), ``diff`` and ``link`` (when replay links exist).
    """
    aligned = analysis.aligned
    if aligned is None:
        return pd.DataFrame(columns=[c for c, _ in _QUOTE_COLUMNS])
    frame = pd.DataFrame({
        "quote_id": aligned["quote_id"],
        "speaker": aligned["speaker"],
        "stated": aligned["stated_start"].map(time_or_blank),
        "found": aligned["start"].map(time_or_blank),
        "offset": aligned["offset"].round(1),
        "score": aligned["score"].round(2),
        "status": aligned["status"],
        "verdict": aligned["verdict"],
        "fidelity": aligned["fidelity"].round(2),
    })
    if not with_text:
        return frame
    printed = _printed_texts(analysis)
    frame["printed"] = aligned["quote_id"].map(printed)
    frame["spoken"] = aligned["transcript_text"]
    frame["diff"] = aligned["diff"]
    if "replay_link" in aligned.columns:
        frame["link"] = aligned["replay_link"]
    return frame


def _printed_texts(analysis: Analysis) -> dict[str, str]:
    quotes = analysis.quotes
    if quotes is None or "quote_id" not in quotes.columns:
        return {}
    return dict(zip(quotes["quote_id"].astype(str), quotes["text"], strict=True))


def time_or_blank(seconds: Any) -> str:
    """``HH:MM:SS`` for a time in seconds, ``""`` for NaN/NA."""
    if seconds is None or pd.isna(seconds):
        return ""
    return format_hms(float(seconds))


def html_table(frame: pd.DataFrame | None, *, table_id: str | None = None,
               row_class: str | None = None, max_rows: int = 500,
               rest_in: str = "the table files") -> str:
    """Render ``frame`` as an HTML table, every cell escaped.

    ``row_class`` names a column whose value becomes each row's CSS class (e.g. the status);
    beyond ``max_rows`` a line says how many rows are left out and where they are (``rest_in``).
    Cells of the ``diff`` column are coloured by operation, of ``link`` become links
    (``http``/``https`` only), numbers are right-aligned.
    """
    if frame is None or not len(frame):
        return "<p><em>Nothing to show.</em></p>"
    id_attr = f" id='{html.escape(table_id, quote=True)}'" if table_id else ""
    head = "".join(f"<th>{html.escape(_heading(c))}</th>" for c in frame.columns)
    rows = []
    for record in frame.head(max_rows).to_dict("records"):
        css = _css_token(record.get(row_class)) if row_class else ""
        cells = "".join(_cell(column, value) for column, value in record.items())
        rows.append(f"<tr class='{css}'>{cells}</tr>")
    more = ""
    if len(frame) > max_rows:
        more = (f"<p><em>{len(frame) - max_rows} more rows in "
                f"{html.escape(rest_in)}.</em></p>")
    return (f"<table{id_attr}><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{more}")


def _heading(column: Any) -> str:
    headings = dict(_QUOTE_COLUMNS)
    return headings.get(str(column), str(column))


def _cell(column: Any, value: Any) -> str:
    name = str(column)
    if _is_missing(value):
        return f"<td class='{_css_token(name)}'></td>"
    if name == "diff":
        return f"<td class='diff'>{render_diff(str(value))}</td>"
    if name in ("link", "replay_link"):
        return f"<td>{_link(str(value))}</td>"
    if name == "verdict":
        return f"<td class='verdict-{_css_token(value)}'>{html.escape(str(value))}</td>"
    if isinstance(value, bool):
        return f"<td>{'yes' if value else 'no'}</td>"
    if isinstance(value, int | float):
        text = f"{value:.3g}" if isinstance(value, float) and abs(value) < 1 else _number(value)
        return f"<td class='num'>{html.escape(text)}</td>"
    if isinstance(value, list | tuple):
        value = ", ".join(map(str, value))
    return f"<td class='{_css_token(name)}'>{html.escape(str(value))}</td>"


def _number(value: float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def _is_missing(value: Any) -> bool:
    if isinstance(value, list | tuple):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _css_token(value: Any) -> str:
    """A safe CSS class from a value: letters, digits and dashes only."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return "".join(c if c.isalnum() or c == "-" else "-" for c in str(value).lower())


def _link(url: str) -> str:
    # Only web links become anchors: a "javascript:" URL in a table must stay text.
    if not url.lower().startswith(("http://", "https://")):
        return html.escape(url)
    return f"<a href='{html.escape(url, quote=True)}'>replay</a>"


def render_diff(diff: str) -> str:
    """Colour the aligner's word-level diff (see :mod:`coopanalysis.align.diff`), text escaped.

    Operations are separated by ``" | "``: ``=`` kept, ``~`` spelling variant, ``!`` printed
    word replaced by another spoken one, ``+`` printed but not spoken, ``-`` spoken but cut
    by the writer (``[…] -`` when the article marks the cut), ``[x]`` editorial insertion.
    """
    spans = []
    for part in diff.split(" | "):
        css = next((c for sign, c in _DIFF_CLASSES if part.startswith(sign)), "")
        spans.append(f"<span class='{css}'>{html.escape(part)}</span>")
    return " ".join(spans)
