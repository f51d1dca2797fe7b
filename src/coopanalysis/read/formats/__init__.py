"""Transcript formats: one module per format, a plain registry, content sniffing.

``READERS`` maps a format name to its ``parse(text, *, source) -> Parsed``;
``autodetect_format(text)`` names the format from the content (never from the file
name: YouTube captions arrive as ``.vtt`` or converted to ``.srt``, Whisper JSON as
``.json`` or ``.txt``). The steps to add a format are in :mod:`coopanalysis.read.formats.base`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from coopanalysis.errors import TranscriptError
from coopanalysis.read.formats import sbv, srt, webvtt, whisper_json
from coopanalysis.read.formats.base import Parsed

Reader = Callable[..., Parsed]

#: Format name → reader. "youtube" is found by ``transcript.read_transcript`` inside
#: WebVTT and SRT content (see ``formats.youtube``), so it has no entry of its own here.
READERS: dict[str, Reader] = {
    "webvtt": webvtt.parse,
    "srt": srt.parse,
    "sbv": sbv.parse,
    "whisper_json": whisper_json.parse,
}

#: Other names users give to the formats.
ALIASES: dict[str, str] = {
    "vtt": "webvtt", "subrip": "srt", "json": "whisper_json", "whisper": "whisper_json",
    "whisperx": "whisper_json", "youtube_vtt": "youtube", "yt": "youtube",
}

FORMAT_NAMES: tuple[str, ...] = (*READERS, "youtube")

# Content signatures, tried in order on the first lines of the text.
_SRT_TIMING_RE = re.compile(r"^[ \t]*\d+:\d{1,2}:\d{1,2}(?:[,.]\d+)?[ \t]*-->", re.MULTILINE)
_VTT_TIMING_RE = re.compile(r"^[ \t]*(?:\d+:)?\d{2}:\d{2}\.\d{3}[ \t]*-->", re.MULTILINE)
_SBV_TIMING_RE = re.compile(r"^[ \t]*\d+:\d{1,2}:\d{1,2}\.\d{1,3},\d+:\d{1,2}:\d{1,2}\.\d{1,3}"
                            r"[ \t]*$", re.MULTILINE)
_SNIFF_CHARS = 20_000


def canonical_name(name: str) -> str:
    """The registered name for a user-given format name.

    Raises:
        TranscriptError: for an unknown name (the message lists the known ones).
    """
    key = name.strip().lower().replace("-", "_")
    key = ALIASES.get(key, key)
    if key not in FORMAT_NAMES:
        raise TranscriptError(
            f"unknown format {name!r}: expected one of {', '.join(FORMAT_NAMES)}", None, None)
    return key


def autodetect_format(text: str, *, source: str = "<string>") -> str:
    """Name the format of decoded ``text`` from its content.

    ``"webvtt"`` for a ``WEBVTT`` signature (even after blank lines, so that the WebVTT
    reader can say precisely what is wrong), ``"whisper_json"`` for a JSON object or
    array, ``"sbv"`` and ``"srt"`` for their timing lines. YouTube captions are found
    later, by the WebVTT and SRT readers' output.

    Raises:
        TranscriptError: when the text is empty or no format matches.
    """
    head = text[:_SNIFF_CHARS]
    stripped = head.lstrip("\ufeff \t\n\f")
    if not stripped:
        raise TranscriptError("empty transcript: no text to read", source, None)
    if stripped.startswith("WEBVTT"):
        return "webvtt"
    if stripped[0] in "{[" and not _SRT_TIMING_RE.search(head):
        return "whisper_json"
    if _SBV_TIMING_RE.search(head):
        return "sbv"
    if _SRT_TIMING_RE.search(head):
        return "srt"
    if _VTT_TIMING_RE.search(head):
        raise TranscriptError(
            "WebVTT-like timings without the 'WEBVTT' signature on line 1", source, 1)
    raise TranscriptError(
        "unrecognised transcript format: expected a 'WEBVTT' header, SRT or SBV timing "
        "lines ('00:00:01,000 --> 00:00:02,000') or Whisper JSON", source, None)
