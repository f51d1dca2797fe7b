"""The few core objects: a transcript and an article, as dataclasses holding DataFrames.

Column contracts live in :mod:`coopanalysis.schema`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd


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

    def __repr__(self) -> str:
        n_words = "no word timings" if self.words is None else f"{len(self.words)} timed words"
        return (f"Transcript({self.source!r}, format={self.format!r}, {len(self.cues)} cues, "
                f"{n_words}, {self.duration:.1f} s)")


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
