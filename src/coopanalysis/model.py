"""The few core objects: a transcript and an article, as dataclasses holding DataFrames.

Column contracts live in :mod:`coopanalysis.schema`; see ``docs/transcripts.md`` and
``docs/article.md``.
"""

from __future__ import annotations

import inspect
import math
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import pandas as pd

from coopanalysis.errors import TranscriptError
from coopanalysis.timecode import format_hms

if TYPE_CHECKING:
    import webvtt


@dataclass
class Transcript:
    """A replay transcript.

    Attributes:
        cues: one row per cue, columns of ``schema.CUES`` (``cue_id``, ``start``, ``end``
            in float seconds, ``speaker``, ``text``, ``identifier``, ``settings``, ``line``).
        words: one row per timed word, columns of ``schema.WORDS``, or ``None`` when the
            source has no word timings.
        source: the file path, or ``"<string>"`` for inline text.
        format: detected format name (``"webvtt"``, ``"youtube"``, ``"srt"``, ``"sbv"``,
            ``"whisper_json"``…).
        encoding: the text encoding that was detected (``"utf-8"``, ``"utf-16"``, ``"cp1252"``…).
        language: language declared by the source (``"fr"``), ``None`` when not declared.
        warnings: what the reader kept but found doubtful (overlaps, unordered cues, ...),
            each naming the line.
        metadata: anything else the source declares (header fields, cue settings...).
    """

    cues: pd.DataFrame
    words: pd.DataFrame | None = None
    source: str = "<string>"
    format: str = "unknown"
    encoding: str | None = None
    language: str | None = None
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def duration(self) -> float:
        """Seconds from 0 to the end of the last cue (0.0 when empty)."""
        return float(self.cues["end"].max()) if len(self.cues) else 0.0

    @property
    def text(self) -> str:
        """All cue texts joined by spaces."""
        return " ".join(self.cues["text"].fillna("").astype(str))

    def with_cues(self, cues: pd.DataFrame) -> Transcript:
        """A copy of this transcript with other cues (words and metadata kept)."""
        return replace(self, cues=cues, warnings=list(self.warnings),
                       metadata=dict(self.metadata))

    def to_webvtt(self) -> webvtt.WebVTT:
        """These cues as a ``webvtt.WebVTT`` of webvtt-py, to edit or save with its tools.

        One caption per cue: ``start``/``end``, ``identifier`` and cue settings when known,
        the text with ``&``, ``<``, ``>`` escaped and blank lines dropped, and the speaker as
        a voice span ``<v Name>…</v>`` (which ``read_transcript`` reads back as the speaker);
        ``Language:`` goes in the header metadata when known.

        Raises:
            TranscriptError: a cue without times (naming it, 1-based), or an identifier
                holding ``-->`` or a line break.
        """
        import webvtt  # webvtt-py: imported only by those who ask for its objects

        takes_settings = "settings" in inspect.signature(webvtt.Caption).parameters
        captions = []
        for number, row in enumerate(self.cues.itertuples(index=False), start=1):
            identifier = _present(getattr(row, "identifier", None))
            if identifier and ("-->" in identifier or "\n" in identifier):
                raise TranscriptError(f"cue {number}: identifier {identifier!r} cannot hold "
                                      "'-->' or a line break in WebVTT", self.source)
            text = "\n".join(line for line in _escape(_present(row.text) or "").split("\n")
                             if line.strip())
            speaker = _present(row.speaker)
            if speaker:
                text = f"<v {_escape(speaker)}>{text}</v>"
            options: dict[str, Any] = {"identifier": identifier}
            settings = _present(getattr(row, "settings", None))
            if settings and takes_settings:
                options["settings"] = settings
            captions.append(webvtt.Caption(_caption_time(row.start, number, self.source),
                                           _caption_time(row.end, number, self.source),
                                           text, **options))
        document = webvtt.WebVTT(captions=captions)
        if self.language and hasattr(document, "metadata"):
            document.metadata = [f"Language: {self.language}"]
        return document

    def __repr__(self) -> str:
        n_words = "no word timings" if self.words is None else f"{len(self.words)} timed words"
        return (f"Transcript({self.source!r}, format={self.format!r}, {len(self.cues)} cues, "
                f"{n_words}, {self.duration:.1f} s)")

    def _own_labels(self) -> int:
        """Distinct speaker labels the transcript itself gives (not names from quotes)."""
        column = "transcript_label" if "transcript_label" in self.cues else "speaker"
        return int(self.cues[column].dropna().nunique()) if column in self.cues else 0

    def _repr_html_(self) -> str:
        """Notebook display: a summary, the first cues and the first warnings (escaped)."""
        items = [("Source", str(self.source)), ("Format", self.format),
                 ("Cues", f"{len(self.cues)} ({self._own_labels()} speakers)"),
                 ("Duration", format_hms(self.duration)),
                 ("Encoding", str(self.encoding or "")), ("Language", str(self.language or "")),
                 ("Warnings", str(len(self.warnings)))]
        head = self.cues.head(HTML_ROWS)
        shown = head[[c for c in ("cue_id", "start", "end", "speaker", "text")
                      if c in head.columns]].assign(
            **{c: head[c].map(lambda v: "" if pd.isna(v) else format_hms(float(v),
                                                                          millis=True))
               for c in ("start", "end") if c in head.columns})
        return _html_card("Transcript", items, shown, len(self.cues), "cues", self.warnings)


@dataclass
class Article:
    """An article quoting the speakers of a round table.

    Attributes:
        text: the article text as parsed (after decoding and newline normalisation);
            ``char_start``/``char_end`` in the tables point into it.
        speakers: columns of ``schema.ARTICLE_SPEAKERS``.
        quotes: columns of ``schema.QUOTES``.
        sections: headings in reading order.
        metadata: ``title``, ``author``, ``date`` when found, ``source``.
        warnings: doubtful places, each naming the line.
    """

    text: str
    speakers: pd.DataFrame
    quotes: pd.DataFrame
    sections: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        title = self.metadata.get("title") or self.metadata.get("source") or "untitled"
        return (f"Article({title!r}, {len(self.speakers)} speakers, {len(self.quotes)} quotes, "
                f"{len(self.sections)} sections)")

    def _repr_html_(self) -> str:
        """Notebook display: a summary, the first quotes and the first warnings (escaped)."""
        items = [("Title", str(self.metadata.get("title") or "")),
                 ("Source", str(self.metadata.get("source") or "")),
                 ("Speakers", ", ".join(self.speakers["speaker"].dropna().astype(str))
                  if "speaker" in self.speakers.columns else str(len(self.speakers))),
                 ("Quotes", str(len(self.quotes))), ("Sections", str(len(self.sections))),
                 ("Warnings", str(len(self.warnings)))]
        columns = [c for c in ("quote_id", "speaker", "kind", "stated_start", "text")
                   if c in self.quotes.columns]
        return _html_card("Article", items, self.quotes.head(HTML_ROWS)[columns],
                          len(self.quotes), "quotes", self.warnings)


#: Rows shown by the notebook display of a ``Transcript`` or an ``Article``.
HTML_ROWS = 10


def _html_card(kind: str, items: list[tuple[str, str]], rows: pd.DataFrame, total: int,
               noun: str, warnings: list[str]) -> str:
    """The notebook HTML of a core object: summary, first rows, first warnings."""
    from html import escape

    summary = "".join(f"<tr><th style='text-align:left'>{escape(k)}</th>"
                      f"<td style='text-align:left'>{escape(v)}</td></tr>" for k, v in items)
    head = "".join(f"<th>{escape(str(c))}</th>" for c in rows.columns)
    body = "".join("<tr>" + "".join(
        f"<td style='text-align:left'>{'' if _present(v) is None else escape(str(v))}</td>"
        for v in record) + "</tr>" for record in rows.itertuples(index=False))
    more = f"<p>… {total - len(rows)} more {noun}</p>" if total > len(rows) else ""
    shown = "".join(f"<li>{escape(w)}</li>" for w in warnings[:5])
    more_warnings = f"<li>… {len(warnings) - 5} more</li>" if len(warnings) > 5 else ""
    notes = f"<ul>{shown}{more_warnings}</ul>" if warnings else ""
    return (f"<div><strong>coopanalysis {escape(kind)}</strong><table>{summary}</table>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"
            f"{notes}</div>")


def _present(value: Any) -> str | None:
    """``value`` as text, or None when missing (None, NA, NaN)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _caption_time(seconds: Any, number: int, source: str) -> str:
    try:
        value = float(seconds)
    except (TypeError, ValueError):
        value = math.nan
    if math.isnan(value) or value < 0:
        raise TranscriptError(f"cue {number}: cannot write the time {seconds!r}: expected "
                              "seconds ≥ 0", source)
    return format_hms(value, millis=True)
