"""Whisper JSON and its relatives: one reader for the segment/word layouts in use.

* OpenAI Whisper (``--output_format json``) and whisper-ctranslate2:
  ``{"text", "language", "segments": [{"start", "end", "text", "words": [{"word",
  "start", "end", "probability"}] | null, "speaker"?}]}``;
* whisper-timestamped: words are ``{"text", "start", "end", "confidence"}``;
* WhisperX: segments and words may carry ``"speaker"``; words it could not align
  (numbers, symbols) have no ``start``/``end`` — kept with NaN times and a warning;
* a bare list of segments is accepted too.

Cues are the segments (``line`` is NA: JSON has no meaningful lines); ``words`` when
any segment has words. Word ``speaker`` falls back to the segment's speaker.
"""

from __future__ import annotations

import json
import math
from typing import Any

from coopanalysis.errors import TranscriptError
from coopanalysis.read.formats.base import WORD_KEYS, Parsed, new_columns
from coopanalysis.text.normalize import normalize_text

# Keys under which the tools put a word's text.
_WORD_TEXT_KEYS = ("word", "text")


def parse(text: str, *, source: str) -> Parsed:
    """Read Whisper-style JSON ``text`` into cues and words (format ``"whisper_json"``).

    Raises:
        TranscriptError: on invalid JSON, or JSON without a list of timed segments.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise TranscriptError(f"invalid JSON: {error.msg}", source, error.lineno) from None
    if isinstance(data, list):
        data = {"segments": data}
    segments = data.get("segments") if isinstance(data, dict) else None
    if not isinstance(segments, list):
        raise TranscriptError(
            "JSON without a 'segments' list: expected Whisper / WhisperX output", source, None)
    parsed = Parsed(format="whisper_json")
    if isinstance(data.get("language"), str):
        parsed.language = data["language"]
    parsed.metadata.update({k: v for k, v in data.items()
                            if k not in ("segments", "text", "word_segments")
                            and isinstance(v, str | int | float)})
    words = new_columns(WORD_KEYS)
    # Whisper's word "probability" (whisper-timestamped: "confidence"), 0-1, NaN when absent:
    # the aligner's evidence that a printed word heard otherwise was misheard.
    probabilities: list[float] = []
    untimed = 0
    for position, segment in enumerate(segments):
        if not isinstance(segment, dict):
            raise TranscriptError(f"segment {position} is not an object", source, None)
        start = _time(segment.get("start"), f"segment {position} 'start'", source)
        end = _time(segment.get("end"), f"segment {position} 'end'", source)
        speaker = _speaker(segment.get("speaker"))
        cue_index = parsed.n_cues
        segment_words = segment.get("words") or []
        if not isinstance(segment_words, list):
            raise TranscriptError(f"segment {position} 'words' is not a list", source, None)
        for word in segment_words:
            if not isinstance(word, dict):
                raise TranscriptError(f"segment {position}: a word is not an object", source, None)
            value = next((word[k] for k in _WORD_TEXT_KEYS if isinstance(word.get(k), str)), "")
            value = normalize_text(value)
            if not value:
                continue
            word_start = _optional_time(word.get("start"))
            word_end = _optional_time(word.get("end"))
            untimed += math.isnan(word_start) or math.isnan(word_end)
            words["cue_index"].append(cue_index)
            words["start"].append(word_start)
            words["end"].append(word_end)
            words["word"].append(value)
            words["speaker"].append(_speaker(word.get("speaker")) or speaker)
            probabilities.append(_probability(word))
        text_value = segment.get("text")
        if not isinstance(text_value, str):
            text_value = " ".join(words["word"][i] for i in range(len(words["word"]))
                                  if words["cue_index"][i] == cue_index)
        parsed.add_cue(start, end, normalize_text(text_value), speaker=speaker,
                       identifier=_identifier(segment.get("id")))
    if words["word"]:
        if any(not math.isnan(p) for p in probabilities):
            words["probability"] = probabilities
        parsed.words = words
    if untimed:
        parsed.warnings.append(f"{untimed} words without start/end (not aligned by the tool); "
                               "kept with NaN times")
    return parsed


def _time(value: Any, what: str, source: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise TranscriptError(f"{what} is {value!r}: expected a number of seconds", source, None)
    return float(value)


def _optional_time(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return math.nan
    return float(value)


def _speaker(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return normalize_text(value)
    return None


def _identifier(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    return str(value)


def _probability(word: dict[str, Any]) -> float:
    """The word's recognition probability (0-1), NaN when absent or not a number in 0-1."""
    for key in ("probability", "confidence"):
        value = word.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1:
            return float(value)
    return float("nan")
