"""Shared views of the tables: the quote table, HTML tables and terminal tables.

One quote table (``quote_table_frame``) is shown by the command line, the notebook display
(``Analysis._repr_html_``) and the HTML report; ``html_table`` renders any table as escaped
HTML, the diff coloured from ``schema.DIFF_OPS`` rows (never by parsing the ``diff`` string).
See ``docs/cli.md``.
"""

from __future__ import annotations

import html
import math
import re
import textwrap
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd

from coopanalysis.model import Article, Transcript
from coopanalysis.timecode import format_hms, format_minsec

#: Columns of the quote table, as (column, heading).
QUOTE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("quote_id", "Quote"),
    ("speaker", "Speaker (article)"),
    ("stated", "Stated"),
    ("found", "Found"),
    ("offset", "Offset (s)"),
    ("score", "Score"),
    ("status", "Status"),
    ("verdict", "Verdict"),
    ("fidelity", "Fidelity"),
    ("notes", "Warnings"),
    ("printed", "Printed in the article"),
    ("spoken", "Spoken in the transcript"),
    ("diff", "Diff"),
    ("changes", "Changes"),
    ("link", "Replay"),
)

#: Why an ``unmatched`` row has no time, when the aligner gave no reason.
UNMATCHED_REASON = "not found in the transcript"

#: CSS class of each diff operation kind (``DIFF_OPS.op``) in the HTML views.
DIFF_CLASSES: dict[str, str] = {
    "kept": "kept", "changed": "variant", "replaced": "replaced", "added": "added",
    "cut": "cut", "marked_cut": "marked-cut", "inserted": "insertion",
}

# Columns printed by the command line (the CSV output keeps every column).
QUOTES_VIEW = ("quote_id", "speaker", "kind", "stated", "text")
CUES_VIEW = ("cue_id", "start", "end", "speaker", "text")
TEXT_WIDTH = 60  # characters of quote text shown in terminal tables
HEAD_ROWS = 10  # cues shown by ``transcript_view``
MAX_WARNINGS = 20  # warnings printed; the rest are counted


# --------------------------------------------------------------------------- formatting


def plural(n: int, word: str) -> str:
    """``"1 turn"``, ``"2 turns"``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def time_or_blank(seconds: Any) -> str:
    """``HH:MM:SS`` for a time in seconds, ``""`` for NaN/NA."""
    if seconds is None or pd.isna(seconds):
        return ""
    return format_hms(float(seconds))


def minsec_or_blank(seconds: Any) -> str:
    """``20min24`` for a time in seconds (the articles' notation), ``""`` for NaN/NA."""
    if seconds is None or pd.isna(seconds):
        return ""
    return format_minsec(float(seconds))


def millis_or_blank(seconds: Any) -> str:
    """``HH:MM:SS.mmm`` for a time in seconds, ``""`` for NaN/NA."""
    if seconds is None or pd.isna(seconds):
        return ""
    return format_hms(float(seconds), millis=True)


def shorten(text: Any, width: int = TEXT_WIDTH) -> str:
    """``text`` cut to ``width`` characters with ``…``; ``""`` for NA."""
    value = "" if text is None or pd.isna(text) else str(text)
    return value if len(value) <= width else value[: width - 1] + "…"


# --------------------------------------------------------------------------- quote table


def quote_table_frame(aligned: pd.DataFrame | None, quotes: pd.DataFrame | None = None, *,
                      with_text: bool = True,
                      clock: Callable[[Any], str] = time_or_blank) -> pd.DataFrame:
    """The fact-check table as displayed: one row per aligned quote.

    Columns: ``quote_id``, ``speaker``, ``stated``, ``found`` (times written by ``clock``,
    default ``HH:MM:SS``), ``offset``, ``score``, ``status``, ``verdict``, ``fidelity`` and,
    with ``with_text``, ``notes`` (the quote's warnings; why, for an ``unmatched`` row),
    ``printed`` (without Markdown emphasis) (the article's text, from ``quotes``), ``spoken`` (the
    transcript's words), ``diff`` and ``link`` (when ``aligned`` has replay links).
    """
    if aligned is None:
        return pd.DataFrame(columns=[c for c, _ in QUOTE_COLUMNS])
    frame = pd.DataFrame({
        "quote_id": aligned["quote_id"],
        "speaker": aligned["speaker"],
        "stated": aligned["stated_start"].map(clock),
        "found": aligned["start"].map(clock),
        "offset": aligned["offset"].round(1),
        "score": aligned["score"].round(2),
        "status": aligned["status"],
        "verdict": aligned["verdict"],
        "fidelity": aligned["fidelity"].round(2),
    })
    if not with_text:
        return frame
    frame["notes"] = quote_notes(aligned)
    frame["printed"] = aligned["quote_id"].map(_printed_texts(quotes)).map(
        strip_emphasis).astype("string")
    frame["spoken"] = aligned["transcript_text"]
    frame["diff"] = aligned["diff"]
    if "changes" in aligned.columns:
        frame["changes"] = aligned["changes"].map(_joined).astype("string")
    if "replay_link" in aligned.columns:
        frame["link"] = aligned["replay_link"]
    return frame


def quote_notes(aligned: pd.DataFrame) -> pd.Series:
    """Each quote's warnings, for its own row; an ``unmatched`` row always says why."""
    warning = (aligned["warning"] if "warning" in aligned.columns
               else pd.Series(pd.NA, index=aligned.index, dtype="string"))
    notes = warning.astype("string")
    unmatched = aligned["status"].astype("string").eq("unmatched").fillna(False)
    return notes.mask(unmatched & notes.isna(), UNMATCHED_REASON).astype("string")


_EMPHASIS_RE = re.compile(r"(?<![\w*_])[*_]{1,3}(?=\w)|(?<=[\w.,;:!?…»”'’])[*_]{1,3}(?![\w*_])")


def strip_emphasis(text: Any) -> Any:
    """``text`` without Markdown emphasis markers (``du* partenariat`` → ``du partenariat``);
    NA stays NA. Underscores and stars inside a word (``snake_case``) are kept."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return text
    return _EMPHASIS_RE.sub("", str(text))


def _joined(value: Any) -> Any:
    """A list of changes as one ``; ``-separated text, a text as is, NA for nothing."""
    if isinstance(value, list | tuple):
        return "; ".join(map(str, value)) or pd.NA
    return value


def _printed_texts(quotes: pd.DataFrame | None) -> dict[str, str]:
    if quotes is None or "quote_id" not in quotes.columns:
        return {}
    return dict(zip(quotes["quote_id"].astype(str), quotes["text"], strict=True))


# --------------------------------------------------------------------------- diff


def render_diffs(diff_ops: pd.DataFrame | None) -> dict[str, str]:
    """Each quote's diff as coloured HTML, from its ``schema.DIFF_OPS`` rows (by quote id).

    Consecutive operations of one kind form one span (an insertion stays alone), whose text
    is :func:`coopanalysis.align.diff.format_diff` of those operations and whose CSS class
    is the kind's in ``DIFF_CLASSES``; every word is escaped.
    """
    if diff_ops is None or not len(diff_ops):
        return {}
    ordered = diff_ops.sort_values(["quote_id", "position"], kind="stable")
    return {str(quote_id): render_diff(rows)
            for quote_id, rows in ordered.groupby("quote_id", sort=False)}


def render_diff(ops: pd.DataFrame) -> str:
    """One quote's ``DIFF_OPS`` rows (in ``position`` order) as coloured, escaped spans."""
    from coopanalysis.align.diff import format_diff

    groups: list[tuple[str, list[tuple[str, str, str]]]] = []
    for op, printed, spoken in zip(ops["op"], ops["printed"], ops["spoken"], strict=True):
        step = (str(op), _text(printed), _text(spoken))
        if groups and groups[-1][0] == step[0] and step[0] != "inserted":
            groups[-1][1].append(step)
        else:
            groups.append((step[0], [step]))
    return " ".join(
        f"<span class='{DIFF_CLASSES.get(kind, css_token(kind))}'>"
        f"{html.escape(format_diff(steps) or '')}</span>"
        for kind, steps in groups)


def _text(value: Any) -> str:
    return "" if value is None or pd.isna(value) else str(value)


# --------------------------------------------------------------------------- HTML


def html_table(frame: pd.DataFrame | None, *, table_id: str | None = None,
               row_class: str | None = None, max_rows: int = 500,
               rest_in: str = "the table files",
               diffs: Mapping[str, str] | None = None) -> str:
    """Render ``frame`` as an HTML table, every cell escaped.

    ``row_class`` names a column whose value becomes each row's CSS class (e.g. the status);
    beyond ``max_rows`` a line says how many rows are left out and where they are (``rest_in``).
    Cells of the ``diff`` column show the row's entry of ``diffs`` (HTML of
    :func:`render_diffs`, by ``quote_id``), the plain text otherwise; cells of ``link`` become
    links (``http``/``https`` only); numbers are right-aligned.
    """
    if frame is None or not len(frame):
        return "<p><em>Nothing to show.</em></p>"
    id_attr = f" id='{html.escape(table_id, quote=True)}'" if table_id else ""
    head = "".join(f"<th>{html.escape(_heading(c))}</th>" for c in frame.columns)
    rows = []
    for record in frame.head(max_rows).to_dict("records"):
        css = css_token(record.get(row_class)) if row_class else ""
        diff = None if diffs is None else diffs.get(str(record.get("quote_id")))
        cells = "".join(_cell(column, value, diff) for column, value in record.items())
        rows.append(f"<tr class='{css}'>{cells}</tr>")
    more = ""
    if len(frame) > max_rows:
        more = (f"<p><em>{len(frame) - max_rows} more rows in "
                f"{html.escape(rest_in)}.</em></p>")
    return (f"<table{id_attr}><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{more}")


def _heading(column: Any) -> str:
    return dict(QUOTE_COLUMNS).get(str(column), str(column))


def _cell(column: Any, value: Any, diff: str | None = None) -> str:
    name = str(column)
    if name == "diff" and diff is not None:
        return f"<td class='diff'>{diff}</td>"
    if _is_missing(value):
        return f"<td class='{css_token(name)}'></td>"
    if name in ("link", "replay_link"):
        return f"<td>{_link(str(value))}</td>"
    if name == "verdict":
        return f"<td class='verdict-{css_token(value)}'>{html.escape(str(value))}</td>"
    if isinstance(value, bool):
        return f"<td>{'yes' if value else 'no'}</td>"
    if isinstance(value, int | float):
        text = f"{value:.3g}" if isinstance(value, float) and abs(value) < 1 else _number(value)
        return f"<td class='num'>{html.escape(text)}</td>"
    if isinstance(value, list | tuple):
        value = ", ".join(map(str, value))
    return f"<td class='{css_token(name)}'>{html.escape(str(value))}</td>"


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


def css_token(value: Any) -> str:
    """A safe CSS class from a value: letters, digits and dashes only."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return "".join(c if c.isalnum() or c == "-" else "-" for c in str(value).lower())


def _link(url: str) -> str:
    # Only web links become anchors: a "javascript:" URL in a table must stay text.
    if not url.lower().startswith(("http://", "https://")):
        return html.escape(url)
    return f"<a href='{html.escape(url, quote=True)}'>replay</a>"


# --------------------------------------------------------------------------- terminal


def text_table(frame: pd.DataFrame, columns: Sequence[str]) -> str:
    """``columns`` of ``frame`` (those present) as a plain-text table; ``(no rows)`` if empty."""
    shown = frame[[c for c in columns if c in frame.columns]]
    if not len(shown):
        return "(no rows)"
    return shown.astype("object").fillna("").astype(str).to_string(index=False)


def alignment_view(aligned: pd.DataFrame) -> str:
    """The quote table without text, times as ``20min24``, for the terminal."""
    frame = quote_table_frame(aligned, with_text=False, clock=minsec_or_blank)
    return text_table(frame, list(frame.columns))


def transcript_view(transcript: Transcript) -> str:
    """What ``coopanalysis transcript`` prints: summary, speakers, first cues, warnings."""
    lines = [repr(transcript)]
    speakers = transcript.cues["speaker"].value_counts()
    if len(speakers):
        lines.append("speakers: " + ", ".join(f"{s} ({plural(int(n), 'cue')})"
                                              for s, n in speakers.items()))
    if transcript.language:
        lines.append(f"language: {transcript.language}")
    cues = transcript.cues
    view = cues.assign(start=cues["start"].map(millis_or_blank),
                       end=cues["end"].map(millis_or_blank), text=cues["text"].map(shorten))
    lines.append(text_table(view.head(HEAD_ROWS), CUES_VIEW))
    if len(cues) > HEAD_ROWS:
        lines.append(f"… {len(cues) - HEAD_ROWS} more cues (--csv prints them all)")
    lines += warning_lines(transcript.warnings)
    return "\n".join(lines)


def quotes_view(article: Article) -> str:
    """What ``coopanalysis quotes`` prints: summary, one row per quote, warnings."""
    quotes = article.quotes
    view = quotes.assign(stated=quotes["stated_start"].map(minsec_or_blank),
                         text=quotes["text"].map(strip_emphasis).map(shorten))
    return "\n".join([repr(article), text_table(view, QUOTES_VIEW),
                      *warning_lines(article.warnings)])


def warning_lines(warnings: Sequence[str], *, limit: int = MAX_WARNINGS) -> list[str]:
    """``warning: …`` lines, the first ``limit`` of them, then how many more."""
    lines = [f"warning: {warning}" for warning in warnings[:limit]]
    if len(warnings) > limit:
        lines.append(f"… {len(warnings) - limit} more warnings")
    return lines


def format_quotes_table(quotes: pd.DataFrame, *, width: int = 72) -> str:
    """A plain-text view of ``Article.quotes`` for terminals (one line per quote).

    Columns: id, time (``20min24``, blank when untimed), kind, speaker, text (cut to
    ``width`` characters), ``= qNN`` when the row repeats an earlier quote, ``!`` when it
    carries a warning.
    """
    lines = [f"{'id':<5} {'time':>9}  {'kind':<10} {'speaker':<22} text"]
    for row in quotes.to_dict("records"):
        time = minsec_or_blank(row["stated_start"])
        speaker = "" if pd.isna(row["speaker"]) else str(row["speaker"])
        text = str(strip_emphasis(row["text"]))
        if len(text) > width:
            text = text[: width - 1] + "…"
        extra = "" if pd.isna(row["duplicate_of"]) else f"  = {row['duplicate_of']}"
        if not pd.isna(row["warning"]):
            extra += "  !"
        lines.append(f"{row['quote_id']:<5} {time:>9}  {row['kind']:<10} {speaker:<22} "
                     f"{text}{extra}")
    return "\n".join(lines)


def format_alignment_table(aligned: pd.DataFrame, *, width: int = 100) -> str:
    """A readable terminal rendering: one block per quote with times, status, verdict, diff."""
    from coopanalysis.align import estimate_offset

    lines: list[str] = []
    for row in aligned.to_dict("records"):
        stated = _hms_or_dash(row.get("stated_start"))
        start, end = _hms_or_dash(row.get("start")), _hms_or_dash(row.get("end"))
        offset, score, fid = row.get("offset"), row.get("score"), row.get("fidelity")
        offset_text = f"{offset:+.1f} s" if _finite(offset) else "—"
        score_text = f"{score:.2f}" if _finite(score) else "—"
        fid_text = f"{fid:.0%}" if _finite(fid) else "—"
        lines.append(f"{_text(row.get('quote_id')) or '?'}  {_text(row.get('speaker'))}  "
                     f"stated {stated}  found {start}–{end} ({offset_text})  "
                     f"{row.get('status')} {score_text}  {_text(row.get('verdict'))} {fid_text}")
        for label, column in (("printed: ", "text"), ("spoken:  ", "transcript_text"),
                              ("diff:    ", "diff"), ("warning: ", "warning")):
            value = _text(row.get(column))
            if column == "text":
                value = strip_emphasis(value)
            if value:
                lines.append(textwrap.fill(label + value, width=width,
                                           subsequent_indent="         "))
        lines.append("")
    offset_all = estimate_offset(aligned)
    summary = Counter(_text(s) for s in aligned.get("status", []))
    counts = ", ".join(f"{n} {s}" for s, n in sorted(summary.items()))
    lines.append(f"{plural(len(aligned), 'quote')}: {counts}"
                 + (f"; replay offset {offset_all:+.1f} s" if math.isfinite(offset_all) else ""))
    return "\n".join(lines)


def _finite(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value))


def _hms_or_dash(value: Any) -> str:
    return format_hms(float(value)) if _finite(value) and float(value) >= 0 else "—"
