"""Stage 1 of the aligner: the transcript as one token stream, and the quotes prepared.

The stream holds every comparison token of the transcript with its time, cue and source
word (word timings when the transcript has them, else times interpolated inside cues;
rolling YouTube repeats dropped). A prepared quote holds its tokens, weights and the places
where the speech may be skipped (marked cuts, insertions, sentence starts).
See ``docs/align.md`` ("How it works", step 1).
"""

from __future__ import annotations

import html
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from coopanalysis.align.kernels import spread_tokens
from coopanalysis.align.rules import ROLLING_MAX_GAP, SCORING, SEARCH
from coopanalysis.errors import TimecodeError
from coopanalysis.model import Transcript
from coopanalysis.text.lexicon import FUNCTION_WORDS
from coopanalysis.text.normalize import fold, match_tokens, normalize_text
from coopanalysis.timecode import find_timestamps, parse_time

_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_CUT_RE = re.compile(r"[\[(]\s*\.{3,}\s*[\])]|\.{3,}")
_INSERTION_RE = re.compile(r"\[([^\]]*)\]")
_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")


# --------------------------------------------------------------------------- token stream


@dataclass
class Stream:
    """The transcript as comparison tokens, with times, cues and the words they came from."""

    codes: np.ndarray          # int64 token ids (index into ``vocab_list``)
    start: np.ndarray          # seconds
    end: np.ndarray
    cue_id: np.ndarray         # int64
    unit: np.ndarray           # index into unit_text: the word/chunk a token came from
    unit_text: list[str]
    vocab: dict[str, int]
    vocab_list: list[str]
    speakers: dict[int, str]   # cue_id → speaker (only cues that have one)
    word_speakers: dict[int, str] = field(default_factory=dict)  # unit → speaker, words only
    word_timed: bool = False
    search_start: np.ndarray | None = None
    unit_probability: np.ndarray | None = None  # Whisper word probability per unit (NaN: none)
    sound_keys: list[str] | None = None  # phonetic keys of vocab_list, built when first needed

    def tokens(self, lo: int, hi: int) -> list[str]:
        # .tolist() first: indexing a list with Python ints is faster than with numpy ints.
        return list(map(self.vocab_list.__getitem__, self.codes[lo:hi].tolist()))

    def index_at(self, seconds: float, side: str = "left") -> int:
        """Stream position of a time; cues out of order are read as the running maximum."""
        if self.search_start is None:
            self.search_start = np.maximum.accumulate(self.start) if len(self.start) else self.start
        return int(np.searchsorted(self.search_start, seconds, side=side))  # type: ignore[call-overload]


@lru_cache(maxsize=200_000)
def unit_tokens(text: str) -> tuple[str, ...]:
    """Comparison tokens of one transcript word or chunk (cached: a replay repeats words)."""
    if text.startswith("[") and text.endswith("]"):  # "[Musique]": a sound, not speech
        return ()
    return tuple(_tokens(text))


def _tokens(text: str) -> list[str]:
    # match_tokens spells digits after folding, so "0" gives an accented "zéro": fold again.
    return [t if t.isascii() else fold(t) for t in match_tokens(text)]


@dataclass
class _Units:
    """Words (or whitespace chunks of cue text) with their times and cue, before tokenising."""

    text: list[str] = field(default_factory=list)
    start: list[float] | np.ndarray = field(default_factory=list)
    end: list[float] | np.ndarray = field(default_factory=list)
    cue: list[int] | np.ndarray = field(default_factory=list)
    #: ``pd.factorize`` of ``text`` when already known (unit code of each unit, distinct units).
    factorized: tuple[np.ndarray, list[str]] | None = None


def build_stream(transcript: Transcript) -> Stream:
    """The transcript's comparison tokens with times: its words when timed, else its cues."""
    words = transcript.words
    word_speakers: dict[int, str] = {}
    word_timed = words is not None and len(words) > 0
    if word_timed:
        assert words is not None
        # Times stay numpy arrays (a million words: no round trip through Python floats).
        units = _Units([], words["start"].to_numpy(dtype=float),
                       words["end"].to_numpy(dtype=float), words["cue_id"].to_numpy(dtype=np.int64))
        units.text, units.factorized = _word_texts(words["word"])
        if "speaker" in words:
            word_speakers = _named(range(len(words)), words["speaker"])
    else:
        units = _cue_units(transcript.cues)
    probability = None
    if word_timed and words is not None and "probability" in words:
        probability = pd.to_numeric(words["probability"], errors="coerce").to_numpy(dtype=float)
    cues = transcript.cues
    speakers = _named(cues["cue_id"].astype("int64").tolist(), cues["speaker"])
    stream = _tokenize_units(units, speakers=speakers, word_speakers=word_speakers,
                             word_timed=word_timed)
    stream.unit_probability = probability
    return stream


def _word_texts(word: pd.Series) -> tuple[list[str], tuple[np.ndarray, list[str]] | None]:
    """The words as Python strings ("" when missing), and their factorisation when cheap."""
    if isinstance(word.dtype, pd.StringDtype) and not word.isna().any():
        # Speed (issue #11): a string column is factorised as stored (Arrow strings: about
        # ten times faster than a million Python objects), and the list of words rebuilt
        # from its few thousand distinct words. Same words, same order of first appearance.
        codes, uniques = pd.factorize(word)
        distinct = [str(u) for u in uniques]
        return [distinct[c] for c in codes.tolist()], (codes, distinct)
    return word.astype(object).where(word.notna(), "").tolist(), None


def _named(keys: Sequence[int], speakers: pd.Series) -> dict[int, str]:
    """``{key: speaker}`` for the rows whose speaker is a string."""
    # Speed (issue #11): a 100-hour replay has a million words and usually no speakers;
    # missing values are never strings, so only the rows with a value are looked at.
    rows = np.flatnonzero(speakers.notna().to_numpy(dtype=bool)).tolist()
    values = speakers.iloc[rows].tolist()
    return {int(keys[k]): value for k, value in zip(rows, values, strict=True)
            if isinstance(value, str)}


def _tokenize_units(units: _Units, *, speakers: dict[int, str], word_speakers: dict[int, str],
                    word_timed: bool) -> Stream:
    """Tokenise each distinct unit once, then spread tokens and times in one compiled pass.

    A unit giving several tokens ("l'avenir", "2025") shares its time span between them.
    """
    unit_codes, uniques = units.factorized or pd.factorize(pd.Series(units.text, dtype=object))
    token_tuples = [unit_tokens(str(u)) for u in uniques]
    vocab: dict[str, int] = {}
    flat_ids = np.fromiter((vocab.setdefault(t, len(vocab)) for tup in token_tuples for t in tup),
                           dtype=np.int64)
    n_unique = np.array([len(t) for t in token_tuples], dtype=np.int64)
    unique_offsets = (np.cumsum(n_unique) - n_unique).astype(np.int64)
    # Speed (issue #11): one compiled pass instead of a dozen numpy passes over a million
    # tokens; the same float operations (``kernels.spread_tokens``).
    codes, start, end, cue_id, unit_index = spread_tokens(
        np.asarray(unit_codes, dtype=np.int64), n_unique, unique_offsets, flat_ids,
        np.asarray(units.start, dtype=float), np.asarray(units.end, dtype=float),
        np.asarray(units.cue, dtype=np.int64))
    return Stream(
        codes=codes, start=start, end=end, cue_id=cue_id, unit=unit_index,
        unit_text=units.text, vocab=vocab, vocab_list=list(vocab), speakers=speakers,
        word_speakers=word_speakers, word_timed=word_timed,
    )


# ``_IS_SPACE[code point]``: what ``str.isspace`` (so ``\s`` and ``str.split``) calls
# whitespace; U+3000 (ideographic space) is the last one (checked in the tests).
_IS_SPACE = np.zeros(0x110000, dtype=bool)
_IS_SPACE[[c for c in range(0x3001) if chr(c).isspace()]] = True
# Sound tags of automatic captions ("[Musique]", "[Applaudissements]") are not speech.
_SOUND_TAG_RE = re.compile(r"\[[^\]]*\]")


def _cue_units(cues: pd.DataFrame) -> _Units:
    """Cue text split on whitespace; times interpolated by character position in the cue.

    YouTube rolling captions repeat the previous line at the top of each cue (and in
    10 ms "flicker" cues); when a cue starts with the last words already in the stream,
    those words are skipped (three words or more, or the whole cue).
    """
    # Speed (issue #11): a 100-hour replay has 150,000 cues and a million chunks. The cues
    # are split by one ``str.split`` of their joined text, and the chunks' character
    # positions, cues and times are computed with numpy; only the roll-up check still loops
    # over the cues. Same chunks and the same float operations as a loop over
    # ``re.finditer(r"\S+")`` in each cue (``\S`` and ``str.split`` both follow
    # ``str.isspace``); a test compares the two.
    texts = cues["text"].fillna("").astype(str).tolist()
    spoken = [_SOUND_TAG_RE.sub(_blank, t) if "[" in t else t for t in texts]
    chunks = _split_chunks(spoken)
    start = cues["start"].to_numpy(dtype=float)
    duration = np.maximum(cues["end"].to_numpy(dtype=float) - start, 0.0)
    length = np.maximum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)), 1)
    cue = chunks.cue
    chunk_start = start[cue] + duration[cue] * chunks.begin / length[cue]
    chunk_end = start[cue] + duration[cue] * chunks.stop / length[cue]
    keep = _rolled_up_kept(chunks.text, cue, start, chunk_end)
    words = list(itertools.compress(chunks.text, keep.tolist()))
    # Speed (issue #11): the factorisation ``_tokenize_units`` needs, from a dict (codes in
    # order of first appearance, as pd.factorize gives them; faster on a list of str).
    distinct: dict[str, int] = {}
    codes = np.fromiter((distinct.setdefault(w, len(distinct)) for w in words), dtype=np.int64,
                        count=len(words))
    cue_ids = cues["cue_id"].to_numpy(dtype=np.int64)
    return _Units(words, chunk_start[keep], chunk_end[keep], cue_ids[cue[keep]],
                  factorized=(codes, list(distinct)))


def _blank(match: re.Match[str]) -> str:
    """Spaces in place of a sound tag, so the other chunks keep their character positions."""
    return " " * len(match.group(0))


@dataclass
class _Chunks:
    """Whitespace-separated chunks of the cue texts: text, cue row, characters in the cue."""

    text: list[str]
    cue: np.ndarray
    begin: np.ndarray
    stop: np.ndarray


def _split_chunks(texts: list[str]) -> _Chunks:
    """Every chunk of ``texts`` with its row and its [begin, stop) character span there."""
    joined = "\n".join(texts)
    # One code point per character: positions count characters, as Python's do.
    points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    solid = (~_IS_SPACE[points]).astype(np.int8)
    edges = np.diff(solid, prepend=np.int8(0), append=np.int8(0))
    begin = np.flatnonzero(edges == 1)
    stop = np.flatnonzero(edges == -1)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    row_offset = np.cumsum(lengths + 1) - (lengths + 1)  # the "\n" between rows
    row = np.searchsorted(row_offset, begin, side="right") - 1
    return _Chunks(joined.split(), row, begin - row_offset[row], stop - row_offset[row])


def _rolled_up_kept(chunks: list[str], cue: np.ndarray, cue_start: np.ndarray,
                    chunk_end: np.ndarray) -> np.ndarray:
    """Mask of the chunks kept once the leading repeats of rolling captions are dropped."""
    if not chunks:
        return np.zeros(0, dtype=bool)
    first = np.flatnonzero(np.diff(cue, prepend=-1))  # first chunk of each cue with chunks
    last = np.append(first[1:], len(chunks))
    ends = chunk_end.tolist()
    kept: list[str] = []
    skips: list[int] = []
    previous_end: float | None = None
    for lo, hi, start in zip(first.tolist(), last.tolist(), cue_start[cue[first]].tolist(),
                             strict=True):
        chunk = chunks[lo:hi]
        # Only a cue that follows the previous one at once can be a roll-up: the same
        # words said again later (a repeated sentence) must stay, or the aligner would
        # see one place where there are two.
        follows = previous_end is not None and start - previous_end <= ROLLING_MAX_GAP
        skip = _rolling_overlap(kept, chunk) if follows else 0
        if skip < hi - lo:
            kept.extend(chunk[skip:])
            previous_end = ends[hi - 1]
        skips.append(skip)
    counts = last - first
    rank = np.arange(len(chunks)) - np.repeat(first, counts)
    return rank >= np.repeat(np.array(skips, dtype=np.int64), counts)


def _rolling_overlap(previous: list[str], chunks: list[str]) -> int:
    """Number of leading words of a cue that repeat the last words already read."""
    tail = previous[-len(chunks):]
    first = chunks[0]
    for p, word in enumerate(tail):
        if word != first:
            continue
        k = len(tail) - p
        if (k >= 3 or k == len(chunks)) and tail[p:] == chunks[:k]:
            return k
    return 0



# --------------------------------------------------------------------------- quotes


@dataclass
class Quote:
    """A quote prepared for alignment: its tokens, cut points and editorial insertions."""

    position: int
    quote_id: str | None
    speaker: str | None
    text: str
    stated_start: float
    tokens: list[str]
    codes: np.ndarray
    weights: np.ndarray
    jumps: dict[int, float]              # token index → cost of skipping speech before it
    jump_seconds: dict[int, float]       # token index → longest speech that jump may skip
    marked_cuts: frozenset[int]          # token indices after a cut marked with "..."
    insertions: list[tuple[int, str]]    # (token index it stands before, bracketed text)
    warning: str | None = None           # a problem with the row itself (unreadable time)

    @property
    def max_evidence(self) -> float:
        return float(self.weights.sum())


def prepare_quote(row: dict[str, Any], position: int, vocab: dict[str, int]) -> Quote:
    """One row of the quotes table ready to align (``vocab``: the stream's token ids)."""
    text = as_text(row.get("text"))
    clean = as_text(row.get("clean_text"))
    source = text if (text and _has_editing_marks(text)) or not clean else clean
    # Quotes pasted from a web page's source or a CMS export: "c&#8217;est" compared
    # as "c huit mille deux cent dix-sept est" made a verbatim quote "altered".
    source = unescaped(source)
    tokens, jumps, marked, insertions = _split_pieces(source)
    codes = np.array([vocab.get(t, -1) for t in tokens], dtype=np.int64)
    weights = np.array([SCORING["function_word"] if t in FUNCTION_WORDS
                        else SCORING["content_word"] for t in tokens], dtype=float)
    stated_start, stated_warning = _stated_seconds(row.get("stated_start"))
    return Quote(
        position=position, quote_id=as_text(row.get("quote_id")) or f"row{position + 1}",
        speaker=as_text(row.get("speaker")) or None, text=text or clean,
        stated_start=stated_start,
        tokens=tokens, codes=codes, weights=weights, jumps=jumps,
        jump_seconds={k: SEARCH["cut_seconds"] if k in marked else SEARCH["sentence_seconds"]
                      for k in jumps},
        marked_cuts=frozenset(marked), insertions=insertions, warning=stated_warning,
    )


def _stated_seconds(value: Any) -> tuple[float, str | None]:
    """``stated_start`` as seconds; spreadsheets may hold "20min24" or "00:20:24" as text."""
    if isinstance(value, str) and value.strip():
        try:
            return parse_time(value), None
        except TimecodeError:
            return float("nan"), f"unreadable stated time {value!r} ignored"
    if value is not None and is_finite(value):
        return float(value), None
    return float("nan"), None


def _has_editing_marks(text: str) -> bool:
    normal = normalize_text(text)
    return bool(_CUT_RE.search(normal) or "[" in normal)


_SENTENCE_END_RE = re.compile(r"(?<=[.!?;:])\s+")


def _split_pieces(text: str) -> tuple[list[str], dict[int, float], set[int],
                                      list[tuple[int, str]]]:
    """Tokens of a printed quote, and where the speech may be skipped between them.

    Returns the tokens, ``jumps`` (token index → cost of skipping any number of spoken words
    before it: ``cut_jump`` where the writer cut with ``...`` or inserted ``[x]``,
    ``sentence_jump`` at a sentence start, since writers condense several sentences without
    marking it), the indices of the marked cuts, and the insertions.
    """
    normal = normalize_text(text)
    for stamp in reversed(find_timestamps(normal)):
        normal = normal[: stamp.start_char] + " " + normal[stamp.end_char:]
    normal = _LINK_RE.sub(r"\1", normal)
    tokens: list[str] = []
    jumps: dict[int, float] = {}
    marked: set[int] = set()
    insertions: list[tuple[int, str]] = []

    def add(segment: str) -> None:
        for n_sentence, sentence in enumerate(_SENTENCE_END_RE.split(segment)):
            if n_sentence and tokens:
                jumps.setdefault(len(tokens), SCORING["sentence_jump"])
            tokens.extend(_tokens(sentence))

    for n_piece, piece in enumerate(_CUT_RE.split(normal)):
        if n_piece and tokens:
            jumps[len(tokens)] = SCORING["cut_jump"]
            marked.add(len(tokens))
        cursor = 0
        for match in _INSERTION_RE.finditer(piece):
            add(piece[cursor: match.start()])
            if tokens:
                jumps[len(tokens)] = SCORING["cut_jump"]
            insertions.append((len(tokens), match.group(1).strip()))
            cursor = match.end()
        add(piece[cursor:])
    jumps.pop(len(tokens), None)
    jumps.pop(0, None)
    marked.discard(len(tokens))
    return tokens, jumps, marked, insertions



# --------------------------------------------------------------------------- helpers


def as_text(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def is_finite(value: Any) -> bool:
    try:
        return value is not None and value is not pd.NA and math.isfinite(float(value))
    except (TypeError, ValueError):
        return False



def unescaped(text: str) -> str:
    """``text`` with its HTML entities decoded, when it has any."""
    return html.unescape(text) if _ENTITY_RE.search(text) else text
