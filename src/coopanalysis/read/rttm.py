"""RTTM diarization files (as pyannote writes them) read into the ``schema.RTTM`` table.

``tag_speakers`` names the cues from this table; see ``docs/speakers.md``.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import IO, Any

import pandas as pd

from coopanalysis import schema
from coopanalysis.errors import DiarizationError
from coopanalysis.schema import RTTM

__all__ = ["RTTM", "parse_rttm", "read_rttm", "write_rttm"]

# NIST RTTM record types other than SPEAKER: metadata about the same audio, not turns.
_RTTM_OTHER_TYPES = frozenset({
    "SEGMENT", "NOSCORE", "NO_RT_METADATA", "LEXEME", "NON-LEX", "NON-SPEECH", "FILLER",
    "EDITABLE", "IP", "SU", "CB", "A/P", "SPKR-INFO",
})
_RTTM_MIN_FIELDS = 8  # type, file, channel, start, duration, ortho, subtype, speaker


def read_rttm(path: str | os.PathLike[str] | IO[str]) -> pd.DataFrame:
    """Read the SPEAKER records of an RTTM diarization file (as pyannote writes them).

    Each record is ``SPEAKER file channel start duration <NA> <NA> label <NA> [<NA>]``.
    Blank lines, ``;;`` comments and the other NIST record types (``SPKR-INFO``,
    ``LEXEME``…) are skipped.

    Args:
        path: a file path, or an open text file.

    Returns:
        Columns of :data:`RTTM`: ``file_id``, ``speaker``, ``start``, ``end`` (float
        seconds), then ``channel`` and ``line``; rows in file order.

    Raises:
        DiarizationError: naming the file and line, on a short line, a time that is not a
            number, a negative start or duration, an unknown record type, or bytes that are
            not UTF-8.
    """
    if hasattr(path, "read"):
        source = str(getattr(path, "name", "<stream>"))
        return parse_rttm(path.read(), source=source)
    source = os.fspath(path)
    try:
        raw = Path(source).read_bytes()
    except OSError as exc:
        raise DiarizationError(f"cannot read the RTTM file ({exc.strerror})", source) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DiarizationError("not UTF-8 text", source, line) from None
    return parse_rttm(text, source=source)


def parse_rttm(text: str, *, source: str = "<string>") -> pd.DataFrame:
    """Parse RTTM text (see :func:`read_rttm`); ``source`` names it in errors."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split()
        if not fields or fields[0].startswith(";;") or fields[0].startswith("#"):
            continue
        kind = fields[0].upper()
        if kind in _RTTM_OTHER_TYPES:
            continue
        if kind != "SPEAKER":
            raise DiarizationError(
                f"unknown RTTM record type {fields[0]!r}; expected SPEAKER", source, number)
        rows.append(_rttm_row(fields, source, number))
    frame = pd.DataFrame(rows, columns=["file_id", "channel", "start", "end", "speaker", "line"])
    return schema.conform(frame, RTTM)


def _rttm_row(fields: list[str], source: str, number: int) -> dict[str, Any]:
    if len(fields) < _RTTM_MIN_FIELDS:
        raise DiarizationError(
            f"{len(fields)} fields; expected 'SPEAKER file channel start duration <NA> <NA> "
            "speaker <NA> <NA>'", source, number)
    start = _rttm_seconds(fields[3], "start", source, number)
    duration = _rttm_seconds(fields[4], "duration", source, number)
    return {"file_id": fields[1], "channel": fields[2], "start": start,
            "end": start + duration, "speaker": fields[7], "line": number}


def _rttm_seconds(field: str, what: str, source: str, number: int) -> float:
    try:
        value = float(field)
    except ValueError:
        raise DiarizationError(f"{what} {field!r} is not a number of seconds",
                               source, number) from None
    if not math.isfinite(value) or value < 0:
        raise DiarizationError(f"{what} {field!r} must be a finite number ≥ 0", source, number)
    return value


def write_rttm(table: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """Write a diarization table (``speaker``, ``start``, ``end``; ``file_id`` and
    ``channel`` optional) as RTTM SPEAKER records, which :func:`read_rttm` reads back.

    Raises:
        DiarizationError: naming ``path``, on missing columns, times that are not finite
            numbers ≥ 0, an end before its start, a label with spaces, or a failed write.
    """
    target = os.fspath(path)
    missing = {"speaker", "start", "end"} - set(table.columns)
    if missing:
        raise DiarizationError(f"the table lacks columns {sorted(missing)}; expected those of "
                               "read_rttm (file_id, speaker, start, end)", target)
    default_id = Path(target).stem
    lines = []
    for index, row in table.iterrows():
        start, end = float(row["start"]), float(row["end"])
        if not (math.isfinite(start) and math.isfinite(end)) or start < 0 or end < start:
            raise DiarizationError(f"row {index}: times {start!r}–{end!r} are not a span "
                                   "of seconds ≥ 0", target)
        fields = [row.get("file_id"), row.get("channel"), row["speaker"]]
        file_id, channel, speaker = (None if pd.isna(v) else str(v) for v in fields)
        for name, value in (("speaker", speaker), ("file_id", file_id)):
            if value is not None and (not value or any(c.isspace() for c in value)):
                raise DiarizationError(f"row {index}: {name} {value!r} is empty or holds "
                                       "spaces, which RTTM fields cannot", target)
        if speaker is None:
            raise DiarizationError(f"row {index}: no speaker", target)
        lines.append(f"SPEAKER {file_id or default_id} {channel or 1} {start:.3f} "
                     f"{end - start:.3f} <NA> <NA> {speaker} <NA> <NA>\n")
    try:
        Path(target).write_text("".join(lines), encoding="utf-8")
    except OSError as exc:
        raise DiarizationError(f"cannot write the RTTM file ({exc.strerror})", target) from None
