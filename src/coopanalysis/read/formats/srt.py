"""SubRip (SRT), read leniently where real files differ, strictly on timings.

Real SRT files break the textbook layout (index, timing, text, blank line) in ways
this reader accepts, each seen in the shared corpus:

* no cue numbers at all (pysrt ``no-indexes.srt``);
* cues with no text line, or a whitespace-only line (YouTube captions converted to
  SRT by DownSub, BDX I/O files) — kept as cues with empty text;
* blank lines inside a cue's text — the text runs to the next timing line;
* ``.`` instead of ``,`` before the milliseconds, positions ``X1:… Y2:…`` after the
  timing, CRLF/CR line ends;
* HTML-like tags (``<i>``, ``<font color=…>``) and ASS overrides (``{\\an8}``) — stripped.

A line that starts with a digit and contains ``-->`` but is not a valid timing is an
error (``TranscriptError`` naming the line): guessing would misplace every later cue.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from coopanalysis.errors import TranscriptError
from coopanalysis.read.formats.base import Parsed, snippet
from coopanalysis.text.normalize import normalize_text

_TIME = r"(\d+):(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3}))?"
_TIMING_RE = re.compile(rf"[ \t]*{_TIME}[ \t]*-->[ \t]*{_TIME}(?:[ \t]+(.*))?[ \t]*$")
_INDEX_RE = re.compile(r"[ \t]*\d+[ \t]*$")
# Tags and ASS override blocks; "<" must be followed by a letter or "/" so that
# "a < b" stays text.
_MARKUP_RE = re.compile(r"</?[A-Za-z][^>\n]*>|\{\\[^}\n]*\}")
_VOICE_RE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+([^>\n]+)>")


@dataclass(slots=True)
class RawCue:
    """A cue as found in the file: times, identifier, text lines, 1-based timing line."""

    start: float
    end: float
    identifier: str
    settings: str
    lines: list[str]
    line: int


def parse(text: str, *, source: str) -> Parsed:
    """Read SRT ``text`` into cues (format ``"srt"``)."""
    cues, warnings = parse_raw(text, source=source)
    return to_parsed(cues, warnings)


def to_parsed(cues: list[RawCue], warnings: list[str]) -> Parsed:
    """Cues (format ``"srt"``) from the raw cues of ``parse_raw``."""
    parsed = Parsed(format="srt", warnings=list(warnings))
    for cue in cues:
        raw = "\n".join(cue.lines)
        text_value, speaker = plain_text(raw)
        parsed.add_cue(cue.start, cue.end, text_value, speaker=speaker,
                       identifier=cue.identifier or None, settings=cue.settings or None,
                       line=cue.line)
    return parsed


def plain_text(raw: str) -> tuple[str, str | None]:
    """Text without tags, entities decoded; and a ``<v>`` voice if any.

    The text is normalised later, all cues at once (``base.normalize_many``).
    """
    speaker = None
    if "<" in raw or "{" in raw:
        voice = _VOICE_RE.search(raw)
        if voice:
            speaker = normalize_text(voice.group(1)) or None
        raw = _MARKUP_RE.sub("", raw)
    if "&" in raw:
        raw = html.unescape(raw)
    return raw, speaker


def parse_raw(text: str, *, source: str) -> tuple[list[RawCue], list[str]]:
    """Find the timing lines of ``text`` and cut the cues between them.

    Raises:
        TranscriptError: on a timing-like line that cannot be read, or when there is
            no timing line at all.
    """
    lines = text.split("\n")
    timings: list[tuple[int, float, float, str]] = []
    for number, line in enumerate(lines):
        if "-->" not in line:
            continue
        match = _TIMING_RE.match(line)
        if match is None:
            if line.lstrip()[:1].isdigit():
                raise TranscriptError(
                    f"invalid timing line {snippet(line)}: expected "
                    "'HH:MM:SS,mmm --> HH:MM:SS,mmm'", source, number + 1)
            continue  # "-->" inside ordinary text
        groups = match.groups()
        start = _seconds(groups[0:4], source=source, line=number + 1)
        end = _seconds(groups[4:8], source=source, line=number + 1)
        timings.append((number, start, end, (groups[8] or "").strip()))
    if not timings:
        raise TranscriptError(
            "no SRT timing line found: expected 'HH:MM:SS,mmm --> HH:MM:SS,mmm'", source, None)
    warnings = _leading_text(lines, timings[0][0])
    cues = []
    for position, (number, start, end, settings) in enumerate(timings):
        stop = timings[position + 1][0] if position + 1 < len(timings) else len(lines)
        identifier = ""
        if number > 0 and _INDEX_RE.match(lines[number - 1]):
            identifier = lines[number - 1].strip()
        body = lines[number + 1:stop]
        # The next cue's number and the blank lines before it are not this cue's text.
        if stop < len(lines) and body and _INDEX_RE.match(body[-1]):
            body = body[:-1]
        while body and not body[-1].strip():
            body.pop()
        cues.append(RawCue(start, end, identifier, settings, body, number + 1))
    return cues, warnings


def _leading_text(lines: list[str], first_timing: int) -> list[str]:
    """Warnings for text found before the first cue (other than its number)."""
    before = [(n, line) for n, line in enumerate(lines[:first_timing]) if line.strip()]
    if before and _INDEX_RE.match(before[-1][1]) and before[-1][0] == first_timing - 1:
        before.pop()
    return [f"line {n + 1}: text before the first cue skipped: {snippet(line)}"
            for n, line in before]


def _seconds(parts: tuple[str | None, ...], *, source: str, line: int) -> float:
    hours, minutes, secs, fraction = parts
    if int(minutes or 0) > 59 or int(secs or 0) > 59:
        raise TranscriptError("invalid time: minutes and seconds go up to 59", source, line)
    value = int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(secs or 0)
    if fraction:
        # SRT writes milliseconds; a short fraction ("5" in "00:00:01,5") is a decimal one.
        value += int(fraction) / 10 ** len(fraction)
    return float(value)
