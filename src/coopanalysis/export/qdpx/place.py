"""Where each theme tag falls in the project's source text (``place_tags``).

A tag gives offsets in its unit's text; the unit's anchors in the cues carry them to the
source text without searching it. Rules, in order: ``cue`` (the unit is a cue), ``unit``
(a sentence anchored by ``first_cue_id``/``first_char``, or a turn made of whole cues
``first_cue_id``..``last_cue_id``), ``search`` (fallback for tags whose unit is not given or
has no anchors: the term among the cues at the tag's time). See ``docs/analysis.md``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coopanalysis.export.qdpx.source import CueLine, one_line, source_text
from coopanalysis.model import Transcript
from coopanalysis.text.normalize import fold

_TIME_TOLERANCE = 0.001  # seconds: a unit "starts at" a cue when within a millisecond

Placement = tuple[Any, Any, Any, Any]  # source_start, source_end, placed_by, warning


@dataclass(frozen=True)
class _Piece:
    """One cue's stripped text in a window: window offsets, source offset, cue row, lead."""

    start: int
    end: int
    source_start: int
    row: int
    lead: int  # spaces stripped before the text in the cue


@dataclass(frozen=True)
class _Window:
    """Stripped cue texts joined by one space (as ``turns`` joins them), mapped to the source."""

    text: str
    pieces: list[_Piece]

    def to_source(self, start: int, end: int) -> tuple[int, int] | None:
        first = next((p for p in self.pieces if p.start <= start < p.end), None)
        last = next((p for p in self.pieces if p.start < end <= p.end), None)
        if first is None or last is None:
            return None
        return first.source_start + start - first.start, last.source_start + end - last.start

    def at_cue(self, row: int, char: int) -> int | None:
        """Window offset of character ``char`` of the cue text of ``row``."""
        piece = next((p for p in self.pieces if p.row == row), None)
        if piece is None or not 0 <= char - piece.lead <= piece.end - piece.start:
            return None
        return piece.start + char - piece.lead


class _Layout:
    """The cue lines with their times as arrays, for fast lookups by time and by cue id."""

    def __init__(self, lines: list[CueLine]):
        self.lines = lines
        self.starts = np.array([line.start for line in lines], dtype=float)
        self.ends = np.array([line.end for line in lines], dtype=float)
        self.row_of_cue = {line.cue_id: i for i, line in enumerate(lines)}

    def __getitem__(self, row: int) -> CueLine:
        return self.lines[row]

    def row(self, cue_id: Any) -> int | None:
        """The row of the cue ``cue_id`` (any number-like value), ``None`` if absent."""
        number = _int_or_none(cue_id)
        return None if number is None else self.row_of_cue.get(number)

    def window(self, rows: Iterable[int]) -> _Window:
        parts: list[str] = []
        pieces: list[_Piece] = []
        offset = 0
        for row in rows:
            raw = self.lines[row].text
            stripped = raw.strip()
            if not stripped:
                continue
            if parts:
                offset += 1  # the joining space
            lead = len(raw) - len(raw.lstrip())
            pieces.append(_Piece(offset, offset + len(stripped),
                                 self.lines[row].text_start + lead, row, lead))
            parts.append(stripped)
            offset += len(stripped)
        return _Window(" ".join(parts), pieces)


def place_tags(
    transcript: Transcript | pd.DataFrame,
    themes: pd.DataFrame,
    *,
    units: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Where each theme tag falls in the source text of :func:`source_text`.

    Args:
        transcript: the transcript the source text is laid out from.
        themes: the tags (``schema.THEMES``): ``unit_id``, ``char_start``/``char_end`` in
            the unit's text, ``term``, ``start``, ``speaker``.
        units: the table that was tagged when it is not the cues: sentences (anchored by
            ``first_cue_id``, ``first_char``) or turns (``first_cue_id``, ``last_cue_id``).

    Returns:
        ``themes`` with ``source_start``, ``source_end`` (Int64 offsets in the source text,
        NA when not placed), ``placed_by`` (``cue`` | ``unit`` | ``search``, NA when not
        placed) and ``placement_warning`` (why a tag could not be placed, NA otherwise).
    """
    layout = _Layout(source_text(transcript).lines)
    unit_rows = _unit_lookup(units)
    placed = [_place_one({str(k): v for k, v in tag.items()}, layout, unit_rows)
              for tag in themes.reset_index(drop=True).to_dict("records")]
    out = themes.reset_index(drop=True).copy()
    out["source_start"] = pd.array([p[0] for p in placed], dtype="Int64")
    out["source_end"] = pd.array([p[1] for p in placed], dtype="Int64")
    out["placed_by"] = pd.array([p[2] for p in placed], dtype="string")
    out["placement_warning"] = pd.array([p[3] for p in placed], dtype="string")
    return out


def _unit_lookup(units: pd.DataFrame | None) -> dict[str, dict[str, Any]]:
    if units is None:
        return {}
    from coopanalysis.analyse.stats import unit_ids

    ids = unit_ids(units)
    return {str(i): {str(k): v for k, v in row.items()}
            for i, row in zip(ids, units.to_dict("records"), strict=True) if not pd.isna(i)}


def _place_one(tag: Mapping[str, Any], layout: _Layout,
               unit_rows: Mapping[str, Mapping[str, Any]]) -> Placement:
    char_start, char_end = _int_or_none(tag.get("char_start")), _int_or_none(tag.get("char_end"))
    term = tag.get("term")
    term = None if term is None or pd.isna(term) else str(term)
    if char_start is None or char_end is None or char_end <= char_start:
        if term is None:
            return pd.NA, pd.NA, pd.NA, "no character offsets and no term"
        char_start, char_end = 0, len(term)
    on_cue = _on_cue(tag, char_start, char_end, term, layout)
    if on_cue is not None:
        return (*on_cue, "cue", pd.NA)
    unit = unit_rows.get(str(tag.get("unit_id")))
    if unit is not None:
        in_unit = _in_unit(unit, char_start, char_end, term, layout)
        if in_unit is not None:
            return (*in_unit, "unit", pd.NA)
    # Fallback: a unit not given (units=None) or without anchors in the cues.
    if term is None:
        return pd.NA, pd.NA, pd.NA, "unit not found and no term to search for"
    found = _search(tag, char_start, term, layout)
    if found is not None:
        return (*found, "search", pd.NA)
    return pd.NA, pd.NA, pd.NA, f"term {term!r} not found in the cues at the tag's time"


def _on_cue(tag: Mapping[str, Any], char_start: int, char_end: int, term: str | None,
            layout: _Layout) -> tuple[int, int] | None:
    row = layout.row(tag.get("unit_id"))
    if row is None:
        return None
    start, line = tag.get("start"), layout[row]
    if (isinstance(start, int | float) and _is_number(start) and _is_number(line.start)
            and abs(start - line.start) > _TIME_TOLERANCE):
        return None  # a turn or sentence that happens to share the number of a cue
    if char_end > len(line.text) or not _reads(line.text[char_start:char_end], term):
        return None
    return line.text_start + char_start, line.text_start + char_end


def _in_unit(unit: Mapping[str, Any], char_start: int, char_end: int, term: str | None,
             layout: _Layout) -> tuple[int, int] | None:
    """The tag's offsets carried through its unit's anchors in the cues."""
    text = unit.get("text")
    first, last = layout.row(unit.get("first_cue_id")), layout.row(unit.get("last_cue_id"))
    if not isinstance(text, str) or first is None or last is None or char_end > len(text):
        return None
    text = one_line(text)  # as the cue texts are written in the source
    window = layout.window(range(first, last + 1))
    first_char = _int_or_none(unit.get("first_char"))
    if first_char is not None:  # a sentence: its first non-space character is anchored
        at = window.at_cue(first, first_char)
        if at is None:
            return None
        origin = at - (len(text) - len(text.lstrip()))
    elif window.text == text.strip():  # a turn: its cues, joined
        origin = -(len(text) - len(text.lstrip()))
    else:
        return None
    mapped = window.to_source(origin + char_start, origin + char_end)
    if mapped is None or not _reads(window.text[origin + char_start:origin + char_end], term):
        return None
    return mapped


def _rows_in_time(item: Mapping[str, Any], layout: _Layout) -> list[list[int]]:
    start, end = item.get("start"), item.get("end")
    if not (isinstance(start, int | float) and _is_number(start)):
        return []
    if not (isinstance(end, int | float) and _is_number(end) and end >= start):
        end = start
    overlap = (layout.starts <= end + _TIME_TOLERANCE) & (layout.ends >= start - _TIME_TOLERANCE)
    rows = [int(i) for i in np.flatnonzero(overlap)]
    speaker = item.get("speaker")
    if speaker is None or pd.isna(speaker):
        return [rows] if rows else []
    same = [r for r in rows if layout[r].speaker == speaker]
    return [r for r in (same, rows) if r]


def _search(tag: Mapping[str, Any], char_start: int, term: str,
            layout: _Layout) -> tuple[int, int] | None:
    for rows in _rows_in_time(tag, layout):
        window = layout.window(rows)
        hits = _occurrences(window.text, term)
        if hits:
            best = min(hits, key=lambda at: abs(at - char_start))
            mapped = window.to_source(best, best + len(term))
            if mapped is not None:
                return mapped
    return None


def _occurrences(text: str, term: str) -> list[int]:
    hits = []
    for haystack, needle in ((text, term), (text.casefold(), term.casefold())):
        at = haystack.find(needle)
        while at >= 0:
            hits.append(at)
            at = haystack.find(needle, at + 1)
        if hits or len(haystack) != len(text):  # casefold changed lengths: offsets unsafe
            break
    return hits


def _reads(text: str, term: str | None) -> bool:
    return bool(text.strip()) and (term is None or fold(text) == fold(term))


def _int_or_none(value: Any) -> int | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if not math.isnan(number) and number == int(number) else None


def _is_number(value: Any) -> bool:
    """A real number, not NaN (NaN compares False with everything)."""
    return isinstance(value, int | float) and not math.isnan(value)
