"""YouTube automatic captions, as yt-dlp writes them (WebVTT) or converted to SRT.

YouTube shows auto-captions as a two-line roll-up: every caption line is shown
first at the bottom while it is spoken (a long cue, with word timings
``mot<00:00:17.560><c> suivant</c>``), then moves to the top while the next line
is spoken. Between the two, a ~10 ms "flicker" cue repeats the line alone. Read
naively, each word comes out three times (48.8 k words instead of 16.3 k on
Thinkerview WyTQlf2rijs, see corpus PARSERS.md).

This reader keeps each caption line once: a cue's leading lines that repeat the
trailing lines of the previous cue are the roll-up, the rest is new. Lines that
carry word timings are always new. A cue with no text does not break the chain.
Each new line becomes one output cue (times of the cue where it appeared); its
timed words go to ``words`` (a word ends where the next one starts, the last one at
the end of the cue). Words of a line without timings, or several words between two
timings (the translated ``.en`` tracks), get times spread evenly over their segment
and ``interpolated=True``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from coopanalysis.read.formats import srt as srt_format
from coopanalysis.read.formats import webvtt as webvtt_format
from coopanalysis.read.formats.base import WORD_KEYS, Parsed, new_columns
from coopanalysis.text.normalize import normalize_text

_INLINE_TIME_RE = re.compile(r"<(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})>")
_DETECT_RE = re.compile(r"<\d{2}:\d{2}:\d{2}\.\d{3}><c[>.]")
_TAG_RE = re.compile(r"<[^>]*>")
_NON_TIME_TAG_RE = re.compile(r"<(?!\d)[^>]*>")
# A roll-up file has its lines repeated by the next cue and short "flicker" cues.
ROLLING_MIN_SHARE = 0.3
FLICKER_MAX_SECONDS = 0.02
FLICKER_MIN_SHARE = 0.2
# YouTube hides swear words as "[&nbsp;__&nbsp;]": one word, not three.
_CENSORED = "[\u00a0__\u00a0]"
CENSORED_WORD = "[__]"
# ">>" marks a speaker change in captions; it is not a spoken word.
_NOT_WORDS = frozenset({">>", ">>>"})


def looks_like_youtube_vtt(document: webvtt_format.Document) -> bool:
    """True when WebVTT cues carry YouTube inline word timings or the roll-up layout."""
    for cue in document.cues[:400]:
        if _DETECT_RE.search(cue.raw_text):
            return True
    return is_rolling([cue.raw_text.split("\n") for cue in document.cues],
                      [cue.end - cue.start for cue in document.cues])


def looks_like_youtube_srt(cues: Sequence[srt_format.RawCue]) -> bool:
    """True when SRT cues have the YouTube roll-up layout (converted auto-captions)."""
    return is_rolling([cue.lines for cue in cues], [cue.end - cue.start for cue in cues])


def is_rolling(cue_lines: Sequence[Sequence[str]], durations: Sequence[float]) -> bool:
    """Whether cues repeat the previous cue's last line and flicker often enough."""
    if len(cue_lines) < 4:
        return False
    flicker = sum(1 for d in durations if 0 <= d <= FLICKER_MAX_SECONDS)
    if flicker / len(durations) < FLICKER_MIN_SHARE:
        return False
    previous: list[str] = []
    rolled = with_text = 0
    for lines in cue_lines:
        plain = [line.strip() for line in lines if line.strip()]
        if not plain:
            continue
        with_text += 1
        rolled += bool(previous) and _strip_tags(plain[0]) == previous[-1]
        previous = [_strip_tags(line) for line in plain]
    return with_text > 0 and rolled / with_text >= ROLLING_MIN_SHARE


def from_webvtt(document: webvtt_format.Document) -> Parsed:
    """De-duplicated cues and timed words of a YouTube WebVTT document."""
    parsed = webvtt_format.to_parsed(webvtt_format.Document(
        header=document.header, cues=[], title=document.title, notes=document.notes,
        warnings=document.warnings))
    parsed.format = "youtube"
    parsed.metadata["container"] = "webvtt"
    parsed.words = new_columns((*WORD_KEYS, "interpolated"))
    builder = _Builder(parsed)
    for cue in document.cues:
        builder.add(cue.raw_text.split("\n"), cue.start, cue.end, cue.line, cue.settings)
    builder.finish(len(document.cues))
    return parsed


def from_srt(cues: Sequence[srt_format.RawCue], warnings: list[str]) -> Parsed:
    """De-duplicated cues of YouTube captions converted to SRT (no word timings)."""
    parsed = Parsed(format="youtube", warnings=list(warnings))
    parsed.metadata["container"] = "srt"
    builder = _Builder(parsed)
    for cue in cues:
        builder.add(cue.lines, cue.start, cue.end, cue.line, cue.settings)
    builder.finish(len(cues))
    return parsed


class _Builder:
    """Walks the cues, keeps the new lines, and fills ``parsed``."""

    def __init__(self, parsed: Parsed):
        self.parsed = parsed
        self.previous: list[str] = []
        self.repeated = 0

    def add(self, raw_lines: Sequence[str], start: float, end: float, line: int,
            settings: str) -> None:
        entries = []
        for raw in raw_lines:
            plain = _strip_tags(raw) if "<" in raw or "&" in raw else " ".join(raw.split())
            if plain:
                entries.append((plain, raw))
        if not entries:
            return
        overlap = _overlap(self.previous, entries)
        self.repeated += overlap
        for plain, raw in entries[overlap:]:
            self._emit(plain, raw, start, end, line, settings)
        self.previous = [plain for plain, _ in entries]

    def _emit(self, plain: str, raw: str, start: float, end: float, line: int,
              settings: str) -> None:
        parsed = self.parsed
        if parsed.words is not None:
            _add_words(parsed.words, parsed.n_cues, raw, start, end)
        # The text is normalised later with all the others (base.normalize_many).
        parsed.add_cue(start, end, plain, line=line, settings=settings or None)

    def finish(self, n_source_cues: int) -> None:
        self.parsed.metadata["source_cues"] = n_source_cues
        self.parsed.metadata["repeated_lines_removed"] = self.repeated


def _overlap(previous: list[str], entries: list[tuple[str, str]]) -> int:
    """How many leading lines of this cue repeat the last lines of the previous one."""
    for size in range(min(len(previous), len(entries)), 0, -1):
        if all(previous[len(previous) - size + i] == entries[i][0]
               and not _INLINE_TIME_RE.search(entries[i][1]) for i in range(size)):
            return size
    return 0


def _strip_tags(raw: str) -> str:
    text = _TAG_RE.sub("", raw) if "<" in raw else raw
    if "&" in text:
        text = html.unescape(text)
    if _CENSORED in text:
        text = text.replace(_CENSORED, CENSORED_WORD)
    return " ".join(text.split())


def _add_words(words: dict[str, list[Any]], cue_index: int, raw: str, start: float,
               end: float) -> None:
    """Append the words of one caption line with their times to the ``words`` columns.

    A segment runs from one inline timing to the next (the first from the cue start,
    the last to the cue end); a segment of several words has its time spread evenly.
    """
    line = _NON_TIME_TAG_RE.sub("", raw) if "<" in raw else raw
    if "&" in line:
        line = html.unescape(line).replace(_CENSORED, CENSORED_WORD)
    pieces = _INLINE_TIME_RE.split(line)
    # re.split with 4 groups gives: text, h, m, s, ms, text, h, m, s, ms, text...
    times = [start]
    texts = [pieces[0]]
    for i in range(1, len(pieces), 5):
        hours, minutes, secs, millis = pieces[i:i + 4]
        times.append(int(hours or 0) * 3600 + int(minutes) * 60 + int(secs) + int(millis) / 1000)
        texts.append(pieces[i + 4])
    times.append(end)
    untimed = len(texts) == 1
    add_cue, add_start, add_end = (words["cue_index"].append, words["start"].append,
                                   words["end"].append)
    add_word, add_speaker, add_flag = (words["word"].append, words["speaker"].append,
                                       words["interpolated"].append)
    for position, text in enumerate(texts):
        seg_start = times[position]
        # The last word's timing can fall 10 ms after the cue's end: never end before start.
        seg_end = max(times[position + 1], seg_start)
        tokens = [w if w.isascii() else normalize_text(w) for w in text.split()]
        tokens = [w for w in tokens if w and w not in _NOT_WORDS]
        step = (seg_end - seg_start) / len(tokens) if tokens else 0.0
        spread = untimed or len(tokens) > 1
        for k, token in enumerate(tokens):
            add_cue(cue_index)
            add_start(seg_start + k * step)
            add_end(seg_start + (k + 1) * step if spread else seg_end)
            add_word(token)
            add_speaker(None)
            add_flag(spread)


def _clean_word(word: str) -> str:
    return word if word.isascii() else normalize_text(word)
