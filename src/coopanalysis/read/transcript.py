"""Read any replay transcript into a :class:`~coopanalysis.model.Transcript`; write VTT/SRT.

``read_transcript`` decodes (``read.encoding``), detects the format from the content
(``read.formats``), moves speaker labels out of the text (``read.labels``), checks the
times and builds the ``schema.CUES``/``schema.WORDS`` tables. Defined behaviour on bad
input, and the path-or-text rule: ``docs/transcripts.md``.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard, cast

import numpy as np
import pandas as pd

from coopanalysis import schema
from coopanalysis.errors import TranscriptError
from coopanalysis.model import Transcript
from coopanalysis.read import labels as speakers_text
from coopanalysis.read.encoding import decode, decoding_warnings
from coopanalysis.read.formats import (
    READERS,
    autodetect_format,
    canonical_name,
    srt,
    webvtt,
    youtube,
)
from coopanalysis.read.formats.base import Parsed, normalize_many, snippet
from coopanalysis.read.source import Source, load
from coopanalysis.timecode import format_hms

if TYPE_CHECKING:
    import webvtt as webvtt_py

MAX_WARNINGS_PER_KIND = 20


def read_transcript(source: Source | webvtt_py.WebVTT, format: str | None = None, *,
                    encoding: str | None = None) -> Transcript:
    """Read a transcript from a path, its text, bytes or a file object.

    Args:
        source: a file path (``str`` or ``Path``), the transcript text itself (a ``str``
            holding a line break or starting with ``WEBVTT``, ``{`` or ``[``: the rule of
            ``coopanalysis.read.source.is_text``), ``bytes``, an open file object (text or
            binary), or a ``webvtt.WebVTT`` of webvtt-py (read from its WebVTT text, so
            voices ``<v Name>`` become speakers as from the file).
        format: ``"webvtt"``, ``"youtube"``, ``"srt"``, ``"sbv"``, ``"whisper_json"``
            (or ``"vtt"``, ``"json"``…); ``None`` detects it from the content.
        encoding: a codec name to decode bytes with, instead of detecting it (for a
            file the detection gets wrong, e.g. a Polish cp1250 file read as cp1252).

    Returns:
        A ``Transcript``: ``cues`` (``schema.CUES``: ``cue_id``, ``start``/``end`` in
        float seconds, ``speaker``, ``text``, ``identifier``, ``settings``, ``line``,
        plus ``speaker_change`` when the text marks speaker changes), ``words``
        (``schema.WORDS``: ``word_id``, ``cue_id``, ``start``, ``end``, ``word``,
        ``speaker``, plus ``interpolated`` for YouTube) or ``None``, ``format``,
        ``encoding``, ``language``, ``warnings``, ``metadata``.

    Raises:
        TranscriptError: the input cannot be read; the message names the source and,
            where it applies, the line and what was expected.
    """
    raw: bytes | str
    if _is_webvtt_document(source):
        raw, name = _webvtt_text(source)
    else:
        raw, name = load(cast("Source", source), error=TranscriptError, what="transcript")
    if isinstance(raw, str) and not raw.strip():
        raise TranscriptError("empty transcript: no text to read", name, None)
    forced = None
    if encoding is not None and isinstance(raw, bytes):
        try:
            raw, forced = raw.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError) as error:
            raise TranscriptError(f"cannot decode as {encoding!r}: {error}", name, None) from None
    text, detected = decode(raw, source=name, error=TranscriptError)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    fmt = canonical_name(format) if format else autodetect_format(text, source=name)
    parsed = _parse(text, fmt, name, explicit=format is not None)
    parsed.cues["text"] = normalize_many(parsed.cues["text"])
    if parsed.format != "whisper_json":  # JSON carries speakers in their own field
        summary = speakers_text.apply(parsed.cues)
        if summary:
            parsed.metadata["speaker_labels"] = summary
    transcript = _assemble(parsed, name, forced or detected)
    transcript.warnings.extend(decoding_warnings(raw, detected))
    return transcript


def _is_webvtt_document(value: object) -> TypeGuard[webvtt_py.WebVTT]:
    """Is ``value`` a ``webvtt.WebVTT``? Checked without importing webvtt-py: whoever made
    one has imported it."""
    module = sys.modules.get("webvtt")
    return module is not None and isinstance(value, module.WebVTT)


def _webvtt_text(document: webvtt_py.WebVTT) -> tuple[str, str]:
    """The WebVTT text of a webvtt-py document, and a name for messages (its file)."""
    name = str(getattr(document, "file", None) or "<webvtt.WebVTT>")
    try:
        return str(document.content), name
    except ValueError as error:  # webvtt-py refuses to write what it could not read back
        raise TranscriptError(f"webvtt-py cannot write this document: {error}",
                              name, None) from None


def _parse(text: str, fmt: str, source: str, *, explicit: bool) -> Parsed:
    """Run the format's reader; WebVTT and SRT may turn out to be YouTube captions."""
    if fmt in ("webvtt", "youtube") and text.lstrip("\n").startswith("WEBVTT"):
        document = webvtt.parse_document(text, source=source)
        if fmt == "youtube" or (not explicit and youtube.looks_like_youtube_vtt(document)):
            return youtube.from_webvtt(document)
        return webvtt.to_parsed(document)
    if fmt in ("srt", "youtube"):
        cues, warnings = srt.parse_raw(text, source=source)
        if fmt == "youtube" or (not explicit and youtube.looks_like_youtube_srt(cues)):
            return youtube.from_srt(cues, warnings)
        return srt.to_parsed(cues, warnings)
    if fmt == "webvtt":
        return webvtt.parse(text, source=source)  # raises on the missing signature
    return READERS[fmt](text, source=source)


def _assemble(parsed: Parsed, source: str, encoding: str | None) -> Transcript:
    """Check the times and build the DataFrames."""
    cues = parsed.cues
    warnings = list(parsed.warnings)
    starts = np.asarray(cues["start"], dtype="float64")
    ends = np.asarray(cues["end"], dtype="float64")
    warnings.extend(time_warnings(starts, ends, cues["line"]))
    if not len(starts):
        warnings.append("no cues in the transcript")
    frame: dict[str, Any] = {
        "cue_id": np.arange(len(starts), dtype="int64"),
        "start": starts,
        "end": ends,
        "speaker": pd.array(cues["speaker"], dtype="string"),
        "text": pd.array(cues["text"], dtype="string"),
        "identifier": pd.array(cues["identifier"], dtype="string"),
        "settings": pd.array(cues["settings"], dtype="string"),
        "line": pd.array(cues["line"], dtype="Int64"),
    }
    if "speaker_change" in cues:
        frame["speaker_change"] = np.asarray(cues["speaker_change"], dtype=bool)
    cue_frame = schema.conform(pd.DataFrame(frame), schema.CUES)
    words = None
    if parsed.words is not None:
        words = _words_frame(parsed.words)
    metadata = dict(parsed.metadata)
    metadata["ordered"] = bool(np.all(np.diff(starts) >= 0)) if len(starts) > 1 else True
    return Transcript(cues=cue_frame, words=words, source=source, format=parsed.format,
                      encoding=encoding, language=parsed.language, warnings=warnings,
                      metadata=metadata)


def _words_frame(words: dict[str, list[Any]]) -> pd.DataFrame:
    frame: dict[str, Any] = {
        "word_id": np.arange(len(words["word"]), dtype="int64"),
        "cue_id": np.asarray(words["cue_index"], dtype="int64"),
        "start": np.asarray(words["start"], dtype="float64"),
        "end": np.asarray(words["end"], dtype="float64"),
        "word": pd.array(words["word"], dtype="string"),
        "speaker": pd.array(words["speaker"], dtype="string"),
    }
    for key, values in words.items():
        if key not in ("cue_index", "start", "end", "word", "speaker"):
            frame[key] = values
    return schema.conform(pd.DataFrame(frame), schema.WORDS)


def time_warnings(starts: np.ndarray, ends: np.ndarray,
                  lines: Iterable[int | None]) -> list[str]:
    """Warnings for cues ending before they start, overlapping or out of order.

    Each names the cue's source line (or its position when the source has no lines);
    beyond ``MAX_WARNINGS_PER_KIND`` of a kind, one summary line gives the count.
    """
    line_list = list(lines)

    def where(i: int) -> str:
        line = line_list[i] if i < len(line_list) else None
        return f"line {line}" if line is not None else f"cue {i}"

    checks = (
        ("ends before it starts", np.flatnonzero(ends < starts),
         lambda i: f"{where(i)}: cue ends ({ends[i]:.3f} s) before it starts ({starts[i]:.3f} s);"
                   " kept as read"),
        ("starts before the previous cue starts", np.flatnonzero(starts[1:] < starts[:-1]) + 1,
         lambda i: f"{where(i)}: cue starts ({starts[i]:.3f} s) before the previous cue "
                   f"({starts[i - 1]:.3f} s); kept in file order"),
        ("overlaps the previous cue", np.flatnonzero(
            (starts[1:] < ends[:-1]) & (starts[1:] >= starts[:-1])) + 1,
         lambda i: f"{where(i)}: cue starts ({starts[i]:.3f} s) before the previous cue ends "
                   f"({ends[i - 1]:.3f} s); kept"),
    )
    warnings: list[str] = []
    for kind, indexes, message in checks:
        for i in indexes[:MAX_WARNINGS_PER_KIND]:
            warnings.append(message(int(i)))
        if len(indexes) > MAX_WARNINGS_PER_KIND:
            rest = [where(int(i)) for i in indexes[MAX_WARNINGS_PER_KIND:]]
            shown = ", ".join(rest[:10]) + (", …" if len(rest) > 10 else "")
            warnings.append(f"{len(rest)} more cues that {kind} ({shown})")
    return warnings


# --------------------------------------------------------------------------- writing

def write_vtt(transcript_or_cues: Transcript | pd.DataFrame,
              path: str | os.PathLike[str] | None = None) -> str:
    """Write cues as WebVTT; returns the text (also written to ``path`` when given).

    Speakers become ``<v Name>`` voice spans, identifiers and settings are kept,
    ``&``, ``<`` and ``>`` in text are escaped; ``Language:`` is written when known.

    Raises:
        TranscriptError: for a cue without times (naming it, 1-based) or an identifier
            holding ``-->``. Blank lines inside a cue's text are dropped (they would end it).
    """
    cues, language = _cues_of(transcript_or_cues)
    out = io.StringIO()
    out.write("WEBVTT\n")
    if language:
        out.write(f"Language: {language}\n")
    for number, row in enumerate(cues.itertuples(index=False), start=1):
        out.write("\n")
        identifier = _optional(getattr(row, "identifier", None))
        if identifier:
            if "-->" in identifier or "\n" in identifier:
                raise TranscriptError(f"cue identifier {snippet(identifier)} cannot hold "
                                      "'-->' or a line break in WebVTT", None, None)
            out.write(f"{identifier}\n")
        settings = _optional(getattr(row, "settings", None))
        timing = _timing(row, number, ".")
        out.write(f"{timing} {settings}\n" if settings else f"{timing}\n")
        text = _one_block(_escape(_optional(row.text) or ""))
        speaker = _optional(row.speaker)
        if speaker:
            text = f"<v {_escape(speaker)}>{text}</v>"
        out.write(f"{text}\n")
    return _finish(out.getvalue(), path)


def write_srt(transcript_or_cues: Transcript | pd.DataFrame,
              path: str | os.PathLike[str] | None = None) -> str:
    """Write cues as SRT; returns the text (also written to ``path`` when given).

    Cues are numbered from 1; a speaker is written as a ``Name: `` prefix (the
    convention ``read_transcript`` reads back when most cues carry one); ``&`` and
    ``<`` are escaped as ``&amp;`` and ``&lt;``.
    """
    cues, _ = _cues_of(transcript_or_cues)
    out = io.StringIO()
    for number, row in enumerate(cues.itertuples(index=False), start=1):
        text = _one_block(_escape(_optional(row.text) or ""))
        speaker = _optional(row.speaker)
        if speaker:
            text = f"{speaker}: {text}"
        out.write(f"{number}\n{_timing(row, number, ',')}\n{text}\n\n")
    return _finish(out.getvalue(), path)


def _cues_of(value: Transcript | pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    if isinstance(value, Transcript):
        return value.cues, value.language
    if isinstance(value, pd.DataFrame):
        missing = {"start", "end", "text"} - set(value.columns)
        if missing:
            raise TranscriptError(f"cues lack the columns {sorted(missing)}", None, None)
        # Not schema.conform: it cannot fill a missing int64 "cue_id"; the writers read
        # the optional columns (speaker, identifier, settings) with getattr instead.
        for column in ("speaker", "identifier", "settings"):
            if column not in value.columns:
                value = value.assign(**{column: None})
        return value, None
    raise TranscriptError(f"expected a Transcript or a cues DataFrame, got "
                          f"{type(value).__name__}", None, None)


def _optional(value: Any) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    return str(value)


def _one_block(text: str) -> str:
    """Cue text without blank lines: in WebVTT and SRT a blank line ends the cue, and the
    lines after it would be read back as stray text (skipped) or merged into the next cue."""
    return "\n".join(line for line in text.split("\n") if line.strip())


def _timing(row: Any, number: int, separator: str) -> str:
    """``start --> end`` of a cue; a TranscriptError names the cue (1-based) otherwise."""
    try:
        return f"{_time(row.start, separator)} --> {_time(row.end, separator)}"
    except TranscriptError as error:
        raise TranscriptError(f"cue {number}: {error.reason}", None, None) from None


def _time(seconds: Any, separator: str) -> str:
    try:
        value = float(seconds)
    except (TypeError, ValueError):
        value = float("nan")
    if np.isnan(value) or value < 0:
        raise TranscriptError(f"cannot write the time {seconds!r}: expected seconds ≥ 0",
                              None, None)
    return format_hms(value, millis=True).replace(".", separator)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _finish(text: str, path: str | os.PathLike[str] | None) -> str:
    if path is not None:
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as error:  # a folder, a missing parent folder, no permission
            raise TranscriptError(f"cannot write the file: {error.strerror or error}",
                                  os.fspath(path), None) from None
    return text
