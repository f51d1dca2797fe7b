"""WebVTT, read the way the W3C parser algorithm reads it (https://www.w3.org/TR/webvtt1/).

Our own parser rather than ``webvtt.read``: webvtt-py departs from the web-platform-tests
on 4 of 33 files and from vtt.js on 4 of 75, keeps whole seconds in ``start_in_seconds``
and is slower (``benchmarks/read.py``). ``<v Name>`` voices give the cue's ``speaker``;
other tags are removed and character references decoded. Rules, one by one:
``docs/transcripts.md`` (WebVTT).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

from coopanalysis.errors import TranscriptError
from coopanalysis.read.formats.base import Parsed, snippet
from coopanalysis.text.normalize import normalize_text

# A WebVTT timestamp: "mm:ss.ttt" or "h…h:mm:ss.ttt". Possessive "++" reads digits the
# way the spec's "collect a sequence of digits" does (no backtracking into a shorter run);
# the number of digits in each part is checked in ``_seconds``.
_TIMESTAMP = r"(\d++):(\d++)(?::(\d++))?\.(\d++)"
# Spec whitespace is space, tab, form feed (and CR/LF, gone once lines are split); a
# vertical tab is NOT whitespace (wpt whitespace-chars.vtt).
_WS = r"[ \t\f\r]*"
_TIMING_RE = re.compile(rf"{_WS}{_TIMESTAMP}{_WS}-->{_WS}{_TIMESTAMP}(.*)", re.DOTALL)
# Microsoft Teams once wrote "0:0:1.130" (webvtt-py teams_timeframe.vtt), and converters
# that put a WEBVTT header on an SRT file keep its "00:00:01,000": invalid for the spec,
# used only when no timing of the file is valid (see ``parse_document``) — else every cue
# was skipped and the transcript came out empty.
_TEAMS_TIMESTAMP = r"(\d{1,2}):(\d{1,2}):(\d{1,2})[.,](\d{1,3})(?=[ \t]|$)"
_LENIENT_TIMING_RE = re.compile(
    rf"{_WS}{_TEAMS_TIMESTAMP}{_WS}-->{_WS}{_TEAMS_TIMESTAMP}(.*)", re.DOTALL)
# The common case, checked first for speed; anything else goes through _TIMING_RE.
_FAST_TIMING_RE = re.compile(
    r"(\d\d):([0-5]\d):([0-5]\d)\.(\d\d\d) --> (\d\d):([0-5]\d):([0-5]\d)\.(\d\d\d)"
    r"(?:[ \t]+(.*))?\Z", re.DOTALL)
_NOTE_RE = re.compile(r"NOTE(?:[ \t]|$)")
_STYLE_RE = re.compile(r"(?:STYLE|REGION)[ \t\f\r]*$")
_HEADER_FIELD_RE = re.compile(r"^([A-Za-z][\w-]*)\s*:\s*(.*)$")
# A tag runs from "<" to ">" or to the end of the cue text (spec cue text tokenizer).
_TAG_RE = re.compile(r"<([^>]*)(?:>|\Z)")
_ANNOTATION_SPLIT_RE = re.compile(r"[ \t\n\f\r]+")


@dataclass(slots=True)
class RawCue:
    """A cue as found in the file, before its text is interpreted."""

    start: float
    end: float
    identifier: str
    settings: str
    raw_text: str
    line: int


@dataclass
class Document:
    """A parsed WebVTT file: header lines, raw cues, comments and skipped blocks."""

    header: list[str]
    cues: list[RawCue]
    title: str = ""
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    blocks: dict[str, list[str]] = field(default_factory=dict)


def parse(text: str, *, source: str) -> Parsed:
    """Read WebVTT ``text`` into cues (format ``"webvtt"``)."""
    document = parse_document(text, source=source)
    return to_parsed(document)


def parse_document(text: str, *, source: str) -> Document:
    """Split WebVTT ``text`` into header, cues and comments (W3C file parsing algorithm).

    ``text`` has ``\\n`` line ends and no BOM.

    Raises:
        TranscriptError: when the file does not start with the ``WEBVTT`` signature.
    """
    # The spec replaces NUL with U+FFFD before parsing (wpt nulls.vtt).
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    lines = text.split("\n")
    first = lines[0]
    if not first.startswith("WEBVTT") or (len(first) > 6 and first[6] not in " \t"):
        raise TranscriptError(
            f"expected 'WEBVTT' (alone or followed by a space) at the start of the file, "
            f"found {snippet(first)}", source, 1)
    document = _read_lines(lines, lenient=False)
    invalid = sum("invalid cue timing" in w for w in document.warnings)
    if not document.cues and invalid:
        lenient = _read_lines(lines, lenient=True)
        # Only a file written consistently in one lenient style is read so: in a file of
        # garbage timings (wpt timings-garbage.vtt), one comma timing is garbage too.
        if len(lenient.cues) >= invalid / 2:
            lenient.warnings.insert(0, "no timing line follows the WebVTT rules "
                                    "('hh:mm:ss.ttt'); read leniently (e.g. Teams '0:0:1.130', "
                                    "SRT-style '00:00:01,000')")
            return lenient
    return document


def _read_lines(lines: list[str], *, lenient: bool) -> Document:
    n_lines = len(lines)
    header: list[str] = []
    index = 1
    # Header: the lines after the signature, up to a blank line or a timing line.
    while index < n_lines and lines[index] != "" and "-->" not in lines[index]:
        header.append(lines[index])
        index += 1
    document = Document(header=header, cues=[], title=lines[0][6:].strip())
    seen_cue = False
    while index < n_lines:
        if lines[index] == "":
            index += 1
            continue
        index, seen_cue = _collect_block(lines, index, document, seen_cue, lenient)
    return document


def _collect_block(lines: list[str], index: int, document: Document,
                   seen_cue: bool, lenient: bool) -> tuple[int, bool]:
    """Collect one block starting at ``lines[index]``; returns the next index.

    Follows "collect a WebVTT block" of the spec: the timing line may be line 1 or
    line 2 of the block; any later ``-->`` line ends the block there.
    """
    n_lines = len(lines)
    block_start = index
    buffer: list[str] = []
    line_count = 0
    seen_arrow = False
    cue: RawCue | None = None
    failed_timing: int | None = None
    previous = index
    while index < n_lines:
        line = lines[index]
        index += 1
        line_count += 1
        if "-->" in line:
            if line_count == 1 or (line_count == 2 and not seen_arrow):
                seen_arrow = True
                previous = index
                cue = _cue_from_timing(line, "\n".join(buffer), index, lenient)
                if cue is None:
                    failed_timing = index
                else:
                    buffer = []
                    seen_cue = True
            else:
                index = previous
                break
        elif line == "":
            break
        else:
            buffer.append(line)
            previous = index
    if cue is not None:
        cue.raw_text = "\n".join(buffer)
        document.cues.append(cue)
    else:
        _skip_block(buffer, block_start, failed_timing, lines, document, seen_cue)
    return index, seen_cue


def _skip_block(buffer: list[str], block_start: int, failed_timing: int | None,
                lines: list[str], document: Document, seen_cue: bool) -> None:
    """Record why a block without a cue was left out (comment, style, or a bad timing)."""
    first = buffer[0] if buffer else ""
    if failed_timing is not None:
        document.warnings.append(
            f"line {failed_timing}: invalid cue timing {snippet(lines[failed_timing - 1])} "
            f"(expected 'hh:mm:ss.ttt --> hh:mm:ss.ttt'); "
            f"block skipped: {snippet(' '.join(buffer), limit=2000)}")
    elif _NOTE_RE.match(first):
        document.notes.append("\n".join(buffer)[4:].strip())
    elif _STYLE_RE.match(first) and not seen_cue:
        # Style sheets and regions are presentation, kept apart from the cues.
        kind = "styles" if first.startswith("STYLE") else "regions"
        document.blocks.setdefault(kind, []).append("\n".join(buffer[1:]))
    elif any(line.strip() for line in buffer):
        document.warnings.append(
            f"line {block_start + 1}: text without a timing line skipped: "
            f"{snippet(' '.join(buffer), limit=2000)}")


def _cue_from_timing(line: str, identifier: str, line_number: int,
                     lenient: bool = False) -> RawCue | None:
    fast = None if lenient else _FAST_TIMING_RE.match(line)
    if fast is not None:
        # The usual "hh:mm:ss.ttt --> hh:mm:ss.ttt settings" line, valid by construction.
        h1, m1, s1, f1, h2, m2, s2, f2, rest = fast.groups()
        return RawCue(int(h1) * 3600 + int(m1) * 60 + int(s1) + int(f1) / 1000,
                      int(h2) * 3600 + int(m2) * 60 + int(s2) + int(f2) / 1000,
                      identifier, " ".join(rest.split()) if rest else "", "", line_number)
    match = (_LENIENT_TIMING_RE if lenient else _TIMING_RE).match(line)
    if match is None:
        return None
    groups = match.groups()
    if lenient:
        start: float | None = _lenient_seconds(groups[0:4])
        end: float | None = _lenient_seconds(groups[4:8])
    else:
        start = _seconds(groups[0], groups[1], groups[2], groups[3])
        end = _seconds(groups[4], groups[5], groups[6], groups[7])
    if start is None or end is None:
        return None
    settings = groups[8]
    return RawCue(start, end, identifier, " ".join(settings.split()) if settings else "",
                  "", line_number)


def _seconds(first: str, second: str, third: str | None, fraction: str) -> float | None:
    """Seconds of a timestamp's parts, or None when the spec rejects it."""
    if len(fraction) != 3 or len(second) != 2:
        return None
    if third is None:
        # "mm:ss.ttt": minutes must be exactly two digits (else they are hours
        # and a third part is required).
        if len(first) != 2:
            return None
        hours, minutes, secs = 0, int(first), int(second)
    else:
        if len(third) != 2:
            return None
        hours, minutes, secs = int(first), int(second), int(third)
    if minutes > 59 or secs > 59:
        return None
    return hours * 3600 + minutes * 60 + secs + int(fraction) / 1000


def _lenient_seconds(parts: tuple[str | None, ...]) -> float:
    hours, minutes, secs, fraction = parts
    return (int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(secs or 0)
            + int(fraction or 0) / 10 ** len(fraction or "0"))


def to_parsed(document: Document) -> Parsed:
    """Interpret the cue texts of ``document`` (voices, tags, entities).

    Texts are left un-normalised: ``transcript.read_transcript`` normalises all cue
    texts at once (``base.normalize_many``), which is much faster than cue by cue.
    """
    parsed = Parsed(format="webvtt")
    parsed.warnings.extend(document.warnings)
    _read_header(document, parsed)
    for cue in document.cues:
        raw = cue.raw_text
        text, voices = cue_text(raw, normalize=False)
        if "<" in raw and raw.rfind("<") > raw.rfind(">"):
            parsed.warnings.append(
                f"line {cue.line}: tag without '>' runs to the end of the cue and is dropped "
                f"(WebVTT rule): {snippet(raw[raw.rfind('<'):], limit=2000)}")
        speaker = voices[0] if voices else None
        if len(voices) > 1 and len(set(voices)) > 1:
            parsed.warnings.append(
                f"line {cue.line}: several voices in one cue ({', '.join(dict.fromkeys(voices))}); "
                f"speaker set to the first")
        parsed.add_cue(cue.start, cue.end, text, speaker=speaker,
                       identifier=cue.identifier or None, settings=cue.settings or None,
                       line=cue.line)
    return parsed


def _read_header(document: Document, parsed: Parsed) -> None:
    fields: dict[str, str] = {}
    for line in document.header:
        match = _HEADER_FIELD_RE.match(line)
        if match:
            fields[match.group(1)] = match.group(2).strip()
    if fields:
        parsed.metadata["header"] = fields
    if len(fields) < len(document.header):
        # Lines that are not "Name: value" (yt-dlp's "##", CSS...): kept as they are.
        parsed.metadata["header_text"] = "\n".join(document.header)
    language = fields.get("Language") or fields.get("language")
    if language:
        parsed.language = language
    if document.notes:
        parsed.metadata["notes"] = document.notes
    if document.title:
        parsed.metadata["title"] = document.title
    parsed.metadata.update(document.blocks)


def cue_text(raw: str, *, normalize: bool = True) -> tuple[str, list[str]]:
    """Plain text and voice names of a WebVTT cue payload.

    >>> cue_text("<v.loud Mary>Bonjour &amp; <i>bienvenue</i></v>")
    ('Bonjour & bienvenue', ['Mary'])
    """
    voices: list[str] = []
    if "<" in raw:
        if "<v" in raw:
            for tag in _TAG_RE.findall(raw):
                voice = _voice(tag)
                if voice:
                    voices.append(voice)
        raw = _TAG_RE.sub("", raw)
    if "&" in raw:
        raw = html.unescape(raw)
    return (normalize_text(raw) if normalize else raw), voices


@lru_cache(maxsize=4096)
def _voice(tag: str) -> str | None:
    """The annotation of a ``<v …>`` start tag, None for any other tag."""
    if not tag or tag[0] != "v" or (len(tag) > 1 and tag[1] not in ". \t\n\f\r"):
        return None
    parts = _ANNOTATION_SPLIT_RE.split(tag, maxsplit=1)
    if len(parts) < 2:
        return None
    name = html.unescape(parts[1]) if "&" in parts[1] else parts[1]
    return normalize_text(name) or None
