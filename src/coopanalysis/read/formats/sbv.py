"""SBV (YouTube's "SubViewer" export): ``0:00:01.000,0:00:03.500`` then text lines.

A line that starts with a digit and looks like an SBV timing (``h:mm:ss.ttt,``) but
cannot be read is an error naming the line (webvtt-py skips such cues silently).
"""

from __future__ import annotations

import re

from coopanalysis.errors import TranscriptError
from coopanalysis.read.formats.base import Parsed, snippet
from coopanalysis.read.formats.srt import plain_text

_TIME = r"(\d+):(\d{1,2}):(\d{1,2})\.(\d{1,3})"
TIMING_RE = re.compile(rf"[ \t]*{_TIME}[ \t]*,[ \t]*{_TIME}[ \t]*$")
# Something that tries to be a timing line: "0:00:13.f89,0:00:15.489".
_TIMING_LIKE_RE = re.compile(r"[ \t]*\d+:\d+:[^,\s]*,\s*\d")


def parse(text: str, *, source: str) -> Parsed:
    """Read SBV ``text`` into cues (format ``"sbv"``).

    Raises:
        TranscriptError: on an unreadable timing line, or when there is no cue.
    """
    lines = text.split("\n")
    timings: list[tuple[int, float, float]] = []
    for number, line in enumerate(lines):
        if not line[:1].isdigit() and not line.lstrip()[:1].isdigit():
            continue
        match = TIMING_RE.match(line)
        if match:
            groups = match.groups()
            timings.append((number, _seconds(groups[:4], source, number + 1),
                            _seconds(groups[4:], source, number + 1)))
        elif _TIMING_LIKE_RE.match(line):
            raise TranscriptError(
                f"invalid SBV timing {snippet(line)}: expected 'H:MM:SS.mmm,H:MM:SS.mmm'",
                source, number + 1)
    if not timings:
        raise TranscriptError("no SBV timing line found: expected 'H:MM:SS.mmm,H:MM:SS.mmm'",
                              source, None)
    parsed = Parsed(format="sbv")
    for n, line in enumerate(lines[:timings[0][0]]):
        if line.strip():
            parsed.warnings.append(f"line {n + 1}: text before the first cue skipped: "
                                   f"{snippet(line)}")
    for position, (number, start, end) in enumerate(timings):
        stop = timings[position + 1][0] if position + 1 < len(timings) else len(lines)
        body = lines[number + 1:stop]
        while body and not body[-1].strip():
            body.pop()
        text_value, speaker = plain_text("\n".join(body))
        parsed.add_cue(start, end, text_value, speaker=speaker, line=number + 1)
    return parsed


def _seconds(parts: tuple[str, ...], source: str, line: int) -> float:
    hours, minutes, secs, fraction = parts
    if int(minutes) > 59 or int(secs) > 59:
        raise TranscriptError("invalid time: minutes and seconds go up to 59", source, line)
    return int(hours) * 3600 + int(minutes) * 60 + int(secs) + int(fraction) / 10 ** len(fraction)
