"""Find where each quote of an article was spoken in a replay, and what was really said.

The pipeline for one call of :func:`align_quotes`:

1. **Token stream.** The transcript becomes one stream of comparison tokens
   (``textnorm.match_tokens``: folded, no punctuation, fillers dropped, numbers in words),
   each with a start and end time. With word timings (``Transcript.words``) the times are
   the words'; otherwise they are interpolated inside each cue by character position.
   Rolling YouTube cues that repeat the previous line are de-duplicated again here, in
   case the reader did not.
2. **Candidates.** An index of the stream's 3-grams and 2-grams finds where a quote's
   n-grams occur; hits vote for the diagonal (transcript position − quote position) and
   the best-voted places become candidate windows. The stated time (``stated_start`` plus
   the global offset) adds one more window, so a heavily misheard quote is still tried
   where the article says it was spoken. ``max_offset`` restricts a timed quote's search to
   ``stated_start ± max_offset``.
3. **Word-level local alignment.** In each window a Smith–Waterman alignment on tokens
   (rapidfuzz ``fuzz.ratio`` ≥ 75 counts a misheard word as a variant) gives the exact first
   and last spoken words. Quotes cut with ``...``/``[…]`` and bracketed insertions
   (``[la coopération]``) are split into pieces: between pieces the alignment may skip any
   number of spoken words at a fixed cost, so every piece is aligned inside one window.
   Printed sentence starts allow the same jump at a higher cost (a quote condensed from
   several sentences without a mark).
4. **Decision.** The evidence of a window is the alignment score (2 per content word, 1 per
   function word, minus gaps and mismatches). ``score`` is that evidence over what a full
   quote of ``EVIDENCE_FULL`` could give, capped at 1. Two places with nearly the same
   evidence are a repeated phrasing: the stated time (with the offset estimated from the
   quotes that matched unambiguously) chooses between them when exactly one lies within
   ``prior_tolerance``; otherwise the row is ``uncertain``. The prior only ever chooses between
   places that match on their own: it never creates a match.

Statuses: ``matched`` (score ≥ ``min_score``, a single place or one chosen by the stated time,
at least ``STATUS_RULES["min_tokens"]`` words or a short quote confirmed by the stated time),
``uncertain`` (located but not settled: short, ambiguous or weak), ``unmatched`` (no place
with enough evidence; ``start``/``end`` are NaN).
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from coopanalysis import schema
from coopanalysis.align.diff import (
    ADDED,
    CUT,
    INSERTION,
    KEPT,
    MARKED_CUT,
    REPLACED,
    VARIANT,
    Op,
    fidelity,
    format_diff,
    notes,
    verdict,
)
from coopanalysis.errors import AlignmentError, TimecodeError
from coopanalysis.model import Transcript
from coopanalysis.text.lexicon import FUNCTION_WORDS
from coopanalysis.text.normalize import FILLERS, fold, match_tokens, normalize_text
from coopanalysis.timecode import find_timestamps, format_hms, parse_time

__all__ = ["align_quotes", "estimate_offset", "format_alignment_table"]

#: Scores of the word-level alignment. A content word is stronger evidence of a place than
#: "de" or "la", so it weighs twice as much; skipping a spoken word (a repetition, an ASR
#: insertion, an unmarked cut) costs less than losing a printed one.
SCORING: dict[str, float] = {
    "content_word": 2.0,
    "function_word": 1.0,
    "variant_ratio": 75.0,     # rapidfuzz fuzz.ratio from which two words are variants
    "variant_share": 0.5,      # a variant earns this share of a match
    "mismatch": -0.7,
    "skip_spoken": -0.5,       # a spoken word the quote does not have
    "skip_printed": -1.0,      # a printed word that was not heard
    "cut_jump": -1.0,          # any number of spoken words skipped at a marked cut
    "sentence_jump": -3.0,     # ... between two printed sentences (an unmarked condensation)
}

#: Evidence (alignment score) at which a place is certain: about eight content words
#: heard in order. Shorter quotes are scored against their own maximum.
EVIDENCE_FULL = 16.0

#: Decision rules (see the module docstring).
STATUS_RULES: dict[str, float] = {
    "min_tokens": 5,            # shorter quotes are uncertain unless the stated time confirms
    "uncertain_share": 0.7,     # score ≥ this share of min_score: uncertain, below: unmatched
    "ambiguous_ratio": 0.7,     # a second place with this share of the best evidence is a rival
    "rival_distance": 3.0,      # seconds apart for two places to count as different
    "prior_tolerance": 90.0,    # seconds around stated_start + offset where the prior holds
    "prior_rescue_ratio": 0.5,  # a weaker place near the stated time is kept (uncertain)
    "min_evidence": 3.0,        # below this, nothing is located
    "edge_words": 2,            # misheard words at either end paired with adjacent speech
    "edge_seconds": 1.0,        # ... when they follow within this many seconds per word
}

#: Candidate search: places per quote, and how often an n-gram may occur before it stops
#: telling places apart ("de la" occurs thousands of times in a long replay).
SEARCH: dict[str, int] = {
    "candidates": 4,
    "bin_tokens": 8,
    "max_ngram_hits": 200,
    "max_word_hits": 20,        # single words only vote when rare ("sonar", "glassine")
    "pad_tokens": 12,
    "cut_slack_tokens": 80,     # spoken words a marked cut may hide
    "sentence_slack_tokens": 30,  # ... and an unmarked cut between two printed sentences
    "cut_seconds": 120,         # longest speech a marked cut (or an insertion) may skip
    "sentence_seconds": 20,     # longest speech left out between two printed sentences
}

#: Seconds between a cue and the previous one for the cue to be a YouTube roll-up repeat
#: (roll-up cues follow each other with no gap; a 10 ms "flicker" cue in between).
ROLLING_MAX_GAP = 1.0

#: Offset consensus: matched quotes within this many seconds of the median agree.
OFFSET_AGREEMENT = 60.0


_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_CUT_RE = re.compile(r"[\[(]\s*\.{3,}\s*[\])]|\.{3,}")
_INSERTION_RE = re.compile(r"\[([^\]]*)\]")
_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_DIGIT_RE = re.compile(r"\d")


# --------------------------------------------------------------------------- public API


def align_quotes(
    quotes: pd.DataFrame,
    transcript: Transcript,
    *,
    max_offset: float | None = None,
    min_score: float = 0.6,
) -> pd.DataFrame:
    """Locate each quote in the transcript and compare the printed words with the spoken ones.

    Args:
        quotes: ``Article.quotes`` or any DataFrame with a ``text`` column; optional
            ``quote_id`` (missing or empty: ``row1``, ``row2``… by position), ``speaker``,
            ``stated_start`` (float seconds), ``clean_text``.
        transcript: a :class:`~coopanalysis.model.Transcript` (words used when present).
        max_offset: when given, a quote with a ``stated_start`` is only searched within
            ``stated_start ± max_offset`` seconds.
        min_score: location score (0–1) from which a single place is ``matched``.

    Returns:
        One row per quote, columns of ``schema.ALIGNED`` (``quote_id``, ``speaker``,
        ``stated_start``, ``start``, ``end`` in seconds, ``cue_ids``, ``transcript_text``,
        ``score``, ``status``, ``offset`` = start − stated_start, ``diff``,
        ``transcript_speaker``, ``fidelity``, ``verdict``, ``warning``), then ``text`` (the
        printed quote) and ``n_tokens`` (its comparison words).

    Raises:
        AlignmentError: when ``quotes`` has no ``text`` column, ``transcript`` has no cues,
            ``max_offset`` is not seconds ≥ 0 or ``min_score`` is not a number from 0 to 1.
    """
    _check_inputs(quotes, transcript)
    _check_options(max_offset=max_offset, min_score=min_score)
    stream = _build_stream(transcript)
    index = _NgramIndex(stream.codes)
    records: list[dict[str, Any]] = [
        {str(k): v for k, v in row.items()} for row in quotes.to_dict("records")]
    prepared = [_prepare_quote(row, position, stream.vocab)
                for position, row in enumerate(records)]
    searches = [_search(q, stream, index, prior=q.stated_start, max_offset=max_offset)
                for q in prepared]
    offset = _first_pass_offset(prepared, searches)
    if math.isfinite(offset) and abs(offset) > STATUS_RULES["prior_tolerance"] / 2:
        # The first pass tried each stated time as printed; with a pre-roll, try it shifted.
        for q, hits in zip(prepared, searches, strict=True):
            if math.isfinite(q.stated_start):
                hits.extend(_search(q, stream, index, prior=q.stated_start + offset,
                                    max_offset=max_offset, ngrams=False))
                _sort_unique(hits)
    rows = [_decide(q, hits, stream, offset=offset, min_score=min_score)
            for q, hits in zip(prepared, searches, strict=True)]
    frame = pd.DataFrame(rows, columns=[*schema.ALIGNED, "text", "n_tokens"])
    return schema.conform(frame, schema.ALIGNED)


def estimate_offset(aligned: pd.DataFrame) -> float:
    """The replay-versus-article clock offset (seconds), from the ``matched`` rows.

    The median of ``start − stated_start`` over matched rows with a stated time, after
    dropping rows more than ``OFFSET_AGREEMENT`` seconds from that median. NaN when fewer
    than two rows agree or when they are not a majority of the timed matched rows.
    """
    if aligned.empty or "offset" not in aligned:
        return float("nan")
    mask = aligned["status"].astype("string").eq("matched").fillna(False)
    values = pd.to_numeric(aligned.loc[mask, "offset"], errors="coerce").dropna()
    return _consensus(values.to_numpy(dtype=float))


def format_alignment_table(aligned: pd.DataFrame, *, width: int = 100) -> str:
    """A readable terminal rendering: one block per quote with times, status, verdict, diff."""
    lines: list[str] = []
    for row in aligned.to_dict("records"):
        stated = _fmt_time(row.get("stated_start"))
        start, end = _fmt_time(row.get("start")), _fmt_time(row.get("end"))
        offset = row.get("offset")
        offset_text = f"{offset:+.1f} s" if _finite(offset) else "—"
        score = row.get("score")
        score_text = f"{score:.2f}" if _finite(score) else "—"
        fid = row.get("fidelity")
        fid_text = f"{fid:.0%}" if _finite(fid) else "—"
        head = (f"{_text(row.get('quote_id')) or '?'}  {_text(row.get('speaker'))}  "
                f"stated {stated}  found {start}–{end} ({offset_text})  "
                f"{row.get('status')} {score_text}  {_text(row.get('verdict'))} {fid_text}")
        lines.append(head)
        if _text(row.get("text")):
            lines.append(_wrap("printed: " + _text(row.get("text")), width))
        if _text(row.get("transcript_text")):
            lines.append(_wrap("spoken:  " + _text(row.get("transcript_text")), width))
        if _text(row.get("diff")):
            lines.append(_wrap("diff:    " + _text(row.get("diff")), width))
        if _text(row.get("warning")):
            lines.append(_wrap("warning: " + _text(row.get("warning")), width))
        lines.append("")
    offset_all = estimate_offset(aligned)
    summary = Counter(_text(s) for s in aligned.get("status", []))
    plural = "s" if len(aligned) != 1 else ""
    counts = ", ".join(f"{n} {s}" for s, n in sorted(summary.items()))
    lines.append(f"{len(aligned)} quote{plural}: {counts}"
                 + (f"; replay offset {offset_all:+.1f} s" if math.isfinite(offset_all) else ""))
    return "\n".join(lines)


# --------------------------------------------------------------------------- token stream


@dataclass
class _Stream:
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

    def tokens(self, lo: int, hi: int) -> list[str]:
        return [self.vocab_list[c] for c in self.codes[lo:hi]]

    def index_at(self, seconds: float, side: str = "left") -> int:
        """Stream position of a time; cues out of order are read as the running maximum."""
        if self.search_start is None:
            self.search_start = np.maximum.accumulate(self.start) if len(self.start) else self.start
        return int(np.searchsorted(self.search_start, seconds, side=side))  # type: ignore[call-overload]


@lru_cache(maxsize=200_000)
def _unit_tokens(text: str) -> tuple[str, ...]:
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
    start: list[float] = field(default_factory=list)
    end: list[float] = field(default_factory=list)
    cue: list[int] = field(default_factory=list)


def _build_stream(transcript: Transcript) -> _Stream:
    words = transcript.words
    word_speakers: dict[int, str] = {}
    word_timed = words is not None and len(words) > 0
    if word_timed:
        assert words is not None
        units = _Units(words["word"].astype(object).where(words["word"].notna(), "").tolist(),
                       words["start"].astype(float).tolist(), words["end"].astype(float).tolist(),
                       words["cue_id"].astype("int64").tolist())
        if "speaker" in words:
            word_speakers = {k: s for k, s in enumerate(words["speaker"].tolist())
                             if isinstance(s, str)}
    else:
        units = _cue_units(transcript.cues)
    cues = transcript.cues
    speakers = {int(c): s for c, s in zip(cues["cue_id"], cues["speaker"], strict=True)
                if isinstance(s, str)}
    return _tokenize_units(units, speakers=speakers, word_speakers=word_speakers,
                           word_timed=word_timed)


def _tokenize_units(units: _Units, *, speakers: dict[int, str], word_speakers: dict[int, str],
                    word_timed: bool) -> _Stream:
    """Tokenise each distinct unit once, then spread tokens and times with numpy.

    A unit giving several tokens ("l'avenir", "2025") shares its time span between them.
    """
    unit_codes, uniques = pd.factorize(pd.Series(units.text, dtype=object))
    token_tuples = [_unit_tokens(str(u)) for u in uniques]
    vocab: dict[str, int] = {}
    flat_ids = np.fromiter((vocab.setdefault(t, len(vocab)) for tup in token_tuples for t in tup),
                           dtype=np.int64)
    n_unique = np.array([len(t) for t in token_tuples], dtype=np.int64)
    unique_offsets = (np.cumsum(n_unique) - n_unique).astype(np.int64)
    per_unit = n_unique[unit_codes] if len(unit_codes) else np.empty(0, dtype=np.int64)
    unit_index = np.repeat(np.arange(len(per_unit)), per_unit)
    first_token = (np.cumsum(per_unit) - per_unit).astype(np.int64)
    rank = np.arange(len(unit_index)) - np.repeat(first_token, per_unit)
    codes = flat_ids[np.repeat(unique_offsets[unit_codes], per_unit) + rank]
    u_start = np.asarray(units.start, dtype=float)
    u_end = np.asarray(units.end, dtype=float)
    step = ((u_end - u_start)[unit_index] / np.maximum(per_unit[unit_index], 1))
    start = u_start[unit_index] + rank * step
    return _Stream(
        codes=codes, start=start, end=start + step,
        cue_id=np.asarray(units.cue, dtype=np.int64)[unit_index], unit=unit_index,
        unit_text=units.text, vocab=vocab, vocab_list=list(vocab), speakers=speakers,
        word_speakers=word_speakers, word_timed=word_timed,
    )


_CHUNK_RE = re.compile(r"\S+")
# Sound tags of automatic captions ("[Musique]", "[Applaudissements]") are not speech.
_SOUND_TAG_RE = re.compile(r"\[[^\]]*\]")


def _cue_units(cues: pd.DataFrame) -> _Units:
    """Cue text split on whitespace; times interpolated by character position in the cue.

    YouTube rolling captions repeat the previous line at the top of each cue (and in
    10 ms "flicker" cues); when a cue starts with the last words already in the stream,
    those words are skipped (three words or more, or the whole cue).
    """
    units = _Units()
    for cue_id, start, end, text in zip(cues["cue_id"].astype("int64").tolist(),
                                        cues["start"].astype(float).tolist(),
                                        cues["end"].astype(float).tolist(),
                                        cues["text"].fillna("").astype(str).tolist(),
                                        strict=True):
        spoken = _SOUND_TAG_RE.sub(lambda m: " " * len(m.group(0)), text)
        chunks = [(m.group(0), m.start(), m.end()) for m in _CHUNK_RE.finditer(spoken)]
        if not chunks:
            continue
        # Only a cue that follows the previous one at once can be a roll-up: the same
        # words said again later (a repeated sentence) must stay, or the aligner would
        # see one place where there are two.
        follows = bool(units.end) and start - units.end[-1] <= ROLLING_MAX_GAP
        skip = _rolling_overlap(units.text, [c for c, _, _ in chunks]) if follows else 0
        length = max(len(text), 1)
        duration = max(end - start, 0.0)
        for chunk, c_start, c_end in chunks[skip:]:
            units.text.append(chunk)
            units.start.append(start + duration * c_start / length)
            units.end.append(start + duration * c_end / length)
            units.cue.append(cue_id)
    return units


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


# --------------------------------------------------------------------------- n-gram index


class _NgramIndex:
    """Sorted 1-, 2- and 3-gram keys of the stream, for ``searchsorted`` look-ups."""

    def __init__(self, codes: np.ndarray):
        self.base = int(codes.max()) + 2 if len(codes) else 2
        self.size = max(len(codes), 1)
        self.sorted: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for n in (1, 2, 3):
            keys = self._keys(codes, n)
            order = np.argsort(keys, kind="stable")
            self.sorted[n] = (keys[order], order)

    def _keys(self, codes: np.ndarray, n: int) -> np.ndarray:
        if len(codes) < n:
            return np.empty(0, dtype=np.int64)
        keys = codes[: len(codes) - n + 1].astype(np.int64)
        for k in range(1, n):
            keys = keys * self.base + codes[k: len(codes) - n + 1 + k]
        return keys

    def hits(self, q_codes: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Diagonal (transcript position − quote position), n-gram number and weight of hits.

        The weight is the n-gram's inverse frequency, ``log(1 + N / count)``: "donc c'est un"
        occurs everywhere and says little about where a quote was spoken.
        """
        keys_sorted, order = self.sorted[n]
        empty = np.empty(0, dtype=np.int64)
        if len(q_codes) < n or not len(keys_sorted):
            return empty, empty, np.empty(0)
        valid = np.array([(q_codes[i: i + n] >= 0).all() for i in range(len(q_codes) - n + 1)])
        q_keys = self._keys(np.where(q_codes < 0, 0, q_codes), n)
        lo = np.searchsorted(keys_sorted, q_keys, side="left")
        hi = np.searchsorted(keys_sorted, q_keys, side="right")
        limit = SEARCH["max_ngram_hits"] if n > 1 else SEARCH["max_word_hits"]
        diags: list[np.ndarray] = []
        ids: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        for i, (a, b) in enumerate(zip(lo, hi, strict=True)):
            if valid[i] and 0 < b - a <= limit:
                diags.append(order[a:b] - i)
                ids.append(np.full(b - a, n * 10_000 + i, dtype=np.int64))
                weights.append(np.full(b - a, math.log1p(self.size / (b - a))))
        if not diags:
            return empty, empty, np.empty(0)
        return np.concatenate(diags), np.concatenate(ids), np.concatenate(weights)


# --------------------------------------------------------------------------- quotes


@dataclass
class _Quote:
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


def _prepare_quote(row: dict[str, Any], position: int, vocab: dict[str, int]) -> _Quote:
    text = _text(row.get("text"))
    clean = _text(row.get("clean_text"))
    source = text if (text and _has_editing_marks(text)) or not clean else clean
    if _ENTITY_RE.search(source):
        # Quotes pasted from a web page's source or a CMS export: "c&#8217;est" compared
        # as "c huit mille deux cent dix-sept est" made a verbatim quote "altered".
        source = html.unescape(source)
    tokens, jumps, marked, insertions = _split_pieces(source)
    codes = np.array([vocab.get(t, -1) for t in tokens], dtype=np.int64)
    weights = np.array([SCORING["function_word"] if t in FUNCTION_WORDS
                        else SCORING["content_word"] for t in tokens], dtype=float)
    stated_start, stated_warning = _stated_seconds(row.get("stated_start"))
    return _Quote(
        position=position, quote_id=_text(row.get("quote_id")) or f"row{position + 1}",
        speaker=_text(row.get("speaker")) or None, text=text or clean,
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
    if value is not None and _finite(value):
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


# --------------------------------------------------------------------------- search


@dataclass
class _Hit:
    """The best local alignment of a quote inside one window of the stream."""

    evidence: float
    first: int          # stream index of the first spoken token matched
    last: int           # stream index of the last
    start: float
    end: float
    window: tuple[int, int]
    build_ops: Callable[[], list[Op]]   # the word-level edit, built only for the chosen hit
    perfect: bool = False               # every printed word heard, exactly


def _search(q: _Quote, stream: _Stream, index: _NgramIndex, *, prior: float,
            max_offset: float | None, ngrams: bool = True) -> list[_Hit]:
    if not q.tokens or not len(stream.codes):
        return []
    bounds = _bounds(q, stream, max_offset)
    windows = _candidate_windows(q, index, bounds) if ngrams else []
    if math.isfinite(prior):
        windows.append(_time_window(q, stream, prior))
    windows = _merge_windows(windows, bounds)
    hits = [hit for lo, hi in windows if (hit := _align_window(q, stream, lo, hi))]
    _sort_unique(hits)
    if hits:
        # The same words said twice a few seconds apart fall in one window: look again there.
        best = hits[0]
        again = _align_window(q, stream, *best.window, exclude=(best.first, best.last))
        if again is not None:
            hits.append(again)
            _sort_unique(hits)
    return hits


def _bounds(q: _Quote, stream: _Stream, max_offset: float | None) -> tuple[int, int]:
    if max_offset is None or not math.isfinite(q.stated_start):
        return 0, len(stream.codes)
    lo = stream.index_at(q.stated_start - max_offset)
    hi = stream.index_at(q.stated_start + max_offset + _quote_seconds(q))
    return lo, hi


def _quote_seconds(q: _Quote) -> float:
    # About 2.6 words per second in French speech, plus what cuts may hide.
    return len(q.tokens) / 2.6 + 30.0 * len(q.marked_cuts)


def _candidate_windows(q: _Quote, index: _NgramIndex, bounds: tuple[int, int]
                       ) -> list[tuple[int, int]]:
    found = [index.hits(q.codes, n) for n in (1, 2, 3)]
    diags = np.concatenate([f[0] for f in found])
    if not len(diags):
        return []
    ids = np.concatenate([f[1] for f in found])
    weights = np.concatenate([f[2] for f in found])
    size = SEARCH["bin_tokens"]
    bins = diags // size
    # One vote per n-gram per bin, weighted by the n-gram's rarity (ids < 40 000).
    pair_keys, first = np.unique(bins * 40_000 + ids, return_index=True)
    unique_bins, inverse = np.unique(pair_keys // 40_000, return_inverse=True)
    counts = np.bincount(inverse, weights=weights[first])
    # A cut in the quote moves the diagonal: votes of the next bins count too.
    score = counts.copy()
    for shift in (-1, 1, 2, 3):
        where = np.searchsorted(unique_bins, unique_bins + shift)
        ok = (where < len(unique_bins)) & (unique_bins[np.minimum(where, len(unique_bins) - 1)]
                                           == unique_bins + shift)
        score[ok] += counts[where[ok]] * (0.5 if shift in (-1, 3) else 1.0)
    chosen: list[int] = []
    for k in np.argsort(-score, kind="stable"):
        b = int(unique_bins[k])
        if all(abs(b - c) > 4 for c in chosen):
            chosen.append(b)
        if len(chosen) >= SEARCH["candidates"]:
            break
    pad = SEARCH["pad_tokens"]
    length = (len(q.tokens) + SEARCH["cut_slack_tokens"] * len(q.marked_cuts)
              + SEARCH["sentence_slack_tokens"] * (len(q.jumps) - len(q.marked_cuts)))
    windows = [(b * size - size - pad, b * size + 4 * size + length + pad) for b in chosen]
    return [(max(lo, bounds[0]), min(hi, bounds[1])) for lo, hi in windows]


def _time_window(q: _Quote, stream: _Stream, at: float) -> tuple[int, int]:
    tolerance = STATUS_RULES["prior_tolerance"]
    lo = stream.index_at(at - tolerance)
    hi = stream.index_at(at + tolerance + _quote_seconds(q), side="right")
    return lo, hi


def _merge_windows(windows: Iterable[tuple[int, int]], bounds: tuple[int, int]
                   ) -> list[tuple[int, int]]:
    clipped = sorted((max(lo, bounds[0]), min(hi, bounds[1])) for lo, hi in windows)
    merged: list[tuple[int, int]] = []
    for lo, hi in clipped:
        if hi <= lo:
            continue
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def _sort_unique(hits: list[_Hit]) -> None:
    """Best first; a hit overlapping a better one is the same place and is dropped."""
    hits.sort(key=lambda h: -h.evidence)
    kept: list[_Hit] = []
    for hit in hits:
        if all(hit.last < k.first or hit.first > k.last for k in kept):
            kept.append(hit)
    hits[:] = kept


# --------------------------------------------------------------------------- local alignment


def _align_window(q: _Quote, stream: _Stream, lo: int, hi: int,
                  exclude: tuple[int, int] | None = None) -> _Hit | None:
    """Best local alignment in ``stream[lo:hi]``, avoiding the stream span ``exclude``."""
    w_codes = stream.codes[lo:hi]
    w_tokens = stream.tokens(lo, hi)
    if not len(w_codes):
        return None
    subst, kinds = _substitution(q, w_codes, w_tokens)
    if exclude is not None:
        subst[:, max(exclude[0] - lo, 0): max(exclude[1] + 1 - lo, 0)] = -1e6
    limits = _jump_limits(q, stream.start[lo:hi])
    table = _fill(q, subst, limits)
    i, j = np.unravel_index(int(np.argmax(table)), table.shape)
    evidence = float(table[i, j])
    if evidence <= 0:
        return None
    pairs, spoken_skips = _traceback(q, table, subst, limits, int(i), int(j))
    if not pairs:
        return None
    pairs = _extend_edges(q, stream, lo, len(w_codes), pairs, subst)
    first, last = lo + pairs[0][1], lo + pairs[-1][1]
    build = partial(_ops, q, w_tokens, kinds, pairs, spoken_skips)
    perfect = len(pairs) == len(q.tokens) and all(kinds[i, j] == 0 for i, j in pairs)
    return _Hit(evidence=evidence, first=first, last=last, start=float(stream.start[first]),
                end=float(stream.end[last]), window=(lo, hi), build_ops=build, perfect=perfect)


def _extend_edges(q: _Quote, stream: _Stream, lo: int, n: int, pairs: list[tuple[int, int]],
                  subst: np.ndarray) -> list[tuple[int, int]]:
    """Pair one or two misheard printed words at either end with the adjacent spoken words.

    A local alignment drops a first or last word that ASR misheard, which moves ``start`` a
    word late; when the spoken words just before (after) the match follow without a pause,
    they are taken as the misheard words. More than two unmatched words at an end are not a
    mishearing but words that were not said (a half-invented quote): no extension then.
    """
    edge = int(STATUS_RULES["edge_words"])
    i0, j0 = pairs[0]
    if 1 <= i0 <= edge and j0 - i0 >= 0:
        span = stream.start[lo + j0] - stream.start[lo + j0 - i0]
        if span <= STATUS_RULES["edge_seconds"] * i0 and subst[0, j0 - i0] > -1e5:
            pairs = [(k, j0 - i0 + k) for k in range(i0)] + pairs
    i1, j1 = pairs[-1]
    rest = len(q.tokens) - 1 - i1
    if 1 <= rest <= edge and j1 + rest < n:
        span = stream.end[lo + j1 + rest] - stream.end[lo + j1]
        if span <= STATUS_RULES["edge_seconds"] * rest and subst[-1, j1 + rest] > -1e5:
            pairs = pairs + [(i1 + k, j1 + k) for k in range(1, rest + 1)]
    return pairs


def _substitution(q: _Quote, w_codes: np.ndarray, w_tokens: list[str]
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Score of pairing printed token i with spoken token j, and its kind (=, ~ or !)."""
    exact = q.codes[:, None] == w_codes[None, :]
    ratio = process.cdist(q.tokens, w_tokens, scorer=fuzz.ratio,
                          score_cutoff=SCORING["variant_ratio"], workers=1)
    variant = ~exact & (ratio > 0)
    weights = q.weights[:, None]
    subst = np.where(exact, weights, np.where(variant, weights * SCORING["variant_share"],
                                              SCORING["mismatch"]))
    kinds = np.where(exact, 0, np.where(variant, 1, 2))
    return subst, kinds


def _fill(q: _Quote, subst: np.ndarray, limits: dict[int, np.ndarray]) -> np.ndarray:
    """Smith–Waterman table, one numpy row at a time (linear gaps; bounded jumps at cuts)."""
    m, n = subst.shape
    table = np.zeros((m + 1, n + 1))
    skip_spoken = SCORING["skip_spoken"]
    ramp = skip_spoken * np.arange(n + 1)
    columns = np.arange(n)
    for i in range(1, m + 1):
        prev = table[i - 1]
        diag = prev[:-1] + subst[i - 1]
        if (i - 1) in q.jumps:
            # Pairing printed i−1 with spoken j may follow any column from limits[i−1][j] to j.
            best_before = _range_max(prev, limits[i - 1], columns)
            diag = np.maximum(diag, best_before + q.jumps[i - 1] + subst[i - 1])
        row = np.zeros(n + 1)
        row[1:] = np.maximum(np.maximum(diag, prev[1:] + SCORING["skip_printed"]), 0.0)
        # Spoken words skipped inside the quote: row[j] = max_k≤j row[k] + skip·(j−k).
        table[i] = np.maximum.accumulate(row - ramp) + ramp
    return table


def _jump_limits(q: _Quote, w_start: np.ndarray) -> dict[int, np.ndarray]:
    """For each jump row, the first column a jump to spoken token j may come from."""
    times = np.maximum.accumulate(w_start) if len(w_start) else w_start
    return {i: np.searchsorted(times, w_start - q.jump_seconds[i], side="left")
            for i in q.jumps}


def _range_max(values: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """``max(values[lo[k]: hi[k] + 1])`` for every k (a sparse table: log n numpy steps)."""
    levels = [values]
    width = 1
    while 2 * width <= len(values):
        last = levels[-1]
        levels.append(np.maximum(last[:-width], last[width:]))
        width *= 2
    level = np.floor(np.log2(hi - lo + 1)).astype(np.int64)
    out = np.empty(len(lo))
    for k in np.unique(level):
        mask = level == k
        table = levels[int(k)]
        out[mask] = np.maximum(table[lo[mask]], table[hi[mask] - (1 << int(k)) + 1])
    return out


def _traceback(q: _Quote, table: np.ndarray, subst: np.ndarray, limits: dict[int, np.ndarray],
               i: int, j: int) -> tuple[list[tuple[int, int]], dict[int, list[int]]]:
    """Pairs (printed i, spoken j) in order, spoken tokens skipped before printed token i."""
    pairs: list[tuple[int, int]] = []
    skips: dict[int, list[int]] = {}
    while i > 0 and j > 0 and table[i, j] > 1e-9:
        value = table[i, j]
        s = subst[i - 1, j - 1]
        if math.isclose(value, table[i - 1, j - 1] + s, abs_tol=1e-9):
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
            continue
        if (i - 1) in q.jumps:
            target = value - s - q.jumps[i - 1]
            lo = int(limits[i - 1][j - 1])
            before = np.flatnonzero(np.isclose(table[i - 1, lo: j - 1], target, atol=1e-9))
            if len(before):
                k = lo + int(before[-1])
                pairs.append((i - 1, j - 1))
                skips.setdefault(i - 1, []).extend(range(k, j - 1))
                i, j = i - 1, k
                continue
        if math.isclose(value, table[i - 1, j] + SCORING["skip_printed"], abs_tol=1e-9):
            i -= 1
            continue
        skips.setdefault(i, []).append(j - 1)  # spoken token j-1 lies before printed token i
        j -= 1
    pairs.reverse()
    return pairs, {k: sorted(v) for k, v in skips.items()}


def _ops(q: _Quote, w_tokens: list[str], kinds: np.ndarray, pairs: list[tuple[int, int]],
         skips: dict[int, list[int]]) -> list[Op]:
    """Operations in printed order, from the first printed word to the last."""
    paired = dict(pairs)
    first_i, first_j = pairs[0]
    end_i = pairs[-1][0]
    insertions: dict[int, list[str]] = {}
    for at, text in q.insertions:
        insertions.setdefault(at, []).append(text)
    ops: list[Op] = []
    for i, token in enumerate(q.tokens):
        ops.extend(Op(INSERTION, printed=t) for t in insertions.get(i, []))
        if first_i < i <= end_i:
            kind = MARKED_CUT if i in q.marked_cuts else CUT
            ops.extend(Op(kind, spoken=w_tokens[j]) for j in skips.get(i, []) if j > first_j)
        if i in paired:
            j = paired[i]
            kind = (KEPT, VARIANT, REPLACED)[int(kinds[i, j])]
            ops.append(Op(kind, printed=token, spoken=w_tokens[j]))
        else:
            ops.append(Op(ADDED, printed=token))
    ops.extend(Op(INSERTION, printed=t) for t in insertions.get(len(q.tokens), []))
    return ops


# --------------------------------------------------------------------------- decision


def _first_pass_offset(prepared: Sequence[_Quote], searches: Sequence[list[_Hit]]) -> float:
    """Offset from quotes whose best place is confident and has no rival."""
    offsets = []
    for q, hits in zip(prepared, searches, strict=True):
        if not hits or not math.isfinite(q.stated_start) or len(q.tokens) < 5:
            continue
        if _location_score(q, hits[0]) < 0.8 or _rivals(q, hits, hits[0], 0.6):
            continue
        offsets.append(hits[0].start - q.stated_start)
    return _consensus(np.asarray(offsets, dtype=float))


def _consensus(values: np.ndarray) -> float:
    values = values[np.isfinite(values)]
    if len(values) < 2:
        return float("nan")
    median = float(np.median(values))
    agree = values[np.abs(values - median) <= OFFSET_AGREEMENT]
    if len(agree) < 2 or len(agree) * 2 <= len(values):
        return float("nan")
    return float(np.median(agree))


def _location_score(q: _Quote, hit: _Hit) -> float:
    """Evidence over what the quote could give (capped at ``EVIDENCE_FULL``).

    Below ``EVIDENCE_FULL`` the evidence alone does not tell a short quote from a common
    phrase ("c'est quelque chose qui est…"), so the share of the quote heard weighs in too.
    """
    full = min(q.max_evidence, EVIDENCE_FULL)
    score = min(1.0, hit.evidence / full)
    if hit.evidence < EVIDENCE_FULL and q.max_evidence < 1.5 * EVIDENCE_FULL:
        score *= math.sqrt(min(1.0, hit.evidence / q.max_evidence))
    return score


def _rivals(q: _Quote, hits: Sequence[_Hit], best: _Hit, min_score: float) -> list[_Hit]:
    """Other places that match the quote on their own almost as well as the best one.

    ASR noise differs between two sayings of one sentence, so a rival only needs
    ``ambiguous_ratio`` of the best evidence and a location score in the uncertain range.
    A place where every printed word was heard exactly has no imperfect rival: a clean
    transcript that says "maintenir" at one place and "ajouter" at the other is not ambiguous.
    """
    return [h for h in hits if h is not best and (h.perfect or not best.perfect)
            and h.evidence >= STATUS_RULES["ambiguous_ratio"] * best.evidence
            and _location_score(q, h) >= STATUS_RULES["uncertain_share"] * min_score
            and abs(h.start - best.start) > STATUS_RULES["rival_distance"]]


def _weaker_near_prior(q: _Quote, hits: Sequence[_Hit], best: _Hit, prior: float,
                       min_score: float) -> _Hit | None:
    near = [h for h in hits if h is not best
            and abs(h.start - prior) <= STATUS_RULES["prior_tolerance"]
            and h.evidence >= STATUS_RULES["prior_rescue_ratio"] * best.evidence
            and h.evidence >= 2 * STATUS_RULES["min_evidence"]]
    return near[0] if near else None


def _decide(q: _Quote, hits: list[_Hit], stream: _Stream, *, offset: float,
            min_score: float) -> dict[str, Any]:
    row: dict[str, Any] = {
        "quote_id": q.quote_id, "speaker": q.speaker, "stated_start": q.stated_start,
        "text": q.text, "n_tokens": len(q.tokens), "cue_ids": [],
    }
    first_notes = [q.warning] if q.warning else []
    if not q.tokens:
        return _unmatched(row, 0.0, [*first_notes, "no words to align"])
    if not hits or hits[0].evidence < STATUS_RULES["min_evidence"]:
        return _unmatched(row, _score_or_zero(q, hits),
                          [*first_notes, "not found in the transcript"])
    prior = q.stated_start + (offset if math.isfinite(offset) else 0.0)
    choice = _choose_place(q, hits, prior=prior, offset=offset, min_score=min_score)
    status = "uncertain" if choice.rescued else _status(choice.score, settled=choice.settled,
                                                         min_score=min_score)
    if status == "unmatched":
        return _unmatched(row, choice.score, [*first_notes, "not found in the transcript"])
    located = _located(q, choice.hit, stream)
    warnings = [*first_notes, *choice.warnings, *located.pop("notes")]
    time_problem = _time_problem(located["start"], located["end"])
    if time_problem:
        # The place is right but its time is not: never "matched" with a time to cite.
        status = "uncertain"
        warnings.append(time_problem)
    row.update(located)
    row.update(status=status, score=choice.score,
               warning="; ".join(warnings) if warnings else None)
    return row


@dataclass
class _Choice:
    """The place chosen for a quote, how sure, and why not surer."""

    hit: _Hit
    score: float
    settled: bool = True         # False: uncertain whatever the score
    rescued: bool = False        # a weaker place kept because the stated time points to it
    warnings: list[str] = field(default_factory=list)


def _choose_place(q: _Quote, hits: list[_Hit], *, prior: float, offset: float,
                  min_score: float) -> _Choice:
    """Best place; among rivals the one at the stated time; short quotes need the prior."""
    best = hits[0]
    choice = _Choice(best, _location_score(q, best))
    tolerance = STATUS_RULES["prior_tolerance"]
    rivals = _rivals(q, hits, best, min_score)
    if rivals:
        contenders = [best, *rivals]
        near = [h for h in contenders if math.isfinite(prior) and abs(h.start - prior) <= tolerance]
        others = ", ".join(format_hms(max(h.start, 0.0)) for h in contenders)
        if len(near) == 1:
            choice = _Choice(near[0], _location_score(q, near[0]))
            choice.warnings.append(f"same words also at {others}; the stated time chose "
                                   f"{format_hms(max(near[0].start, 0.0))}")
        else:
            choice.settled = False
            choice.score = min(choice.score, 0.5)
            choice.warnings.append(f"ambiguous: the same words at {others}")
    elif math.isfinite(prior) and abs(best.start - prior) > tolerance:
        weaker = _weaker_near_prior(q, hits, best, prior, min_score)
        if weaker is not None:
            # A repeated phrasing heard worse where the article says it was spoken: the prior
            # may pick it, but only as uncertain, with both places named.
            choice = _Choice(weaker, _location_score(q, weaker), settled=False, rescued=True)
            choice.warnings.append(
                f"the best match is at {format_hms(max(best.start, 0.0))}, "
                f"{best.start - prior:+.0f} s from the stated time; a weaker one "
                f"at {format_hms(max(weaker.start, 0.0))} fits the stated time")
        else:
            choice.warnings.append(
                f"found {best.start - q.stated_start:+.0f} s from the stated time"
                + (f" (replay offset {offset:+.0f} s)" if math.isfinite(offset) else ""))
    near_prior = math.isfinite(prior) and abs(choice.hit.start - prior) <= tolerance
    if len(q.tokens) < STATUS_RULES["min_tokens"] and not (near_prior and not rivals):
        choice.settled = False
        choice.warnings.append(
            f"short quote ({len(q.tokens)} words): too common to place for sure")
    return choice


def _time_problem(start: float, end: float) -> str | None:
    """Why the matched words' times cannot be cited, or None when they can."""
    if not (math.isfinite(start) and math.isfinite(end)):
        return "the matched words have no time in the transcript (word or cue times missing)"
    if end < start:
        return (f"the matched words go back in time ({format_hms(max(start, 0.0))} → "
                f"{format_hms(max(end, 0.0))}): the transcript's cues are out of order here")
    return None


def _unmatched(row: dict[str, Any], score: float, warnings: list[str]) -> dict[str, Any]:
    return {**row, "status": "unmatched", "score": score, "warning": "; ".join(warnings)}


def _status(score: float, *, settled: bool, min_score: float) -> str:
    if score >= min_score and settled:
        return "matched"
    if score >= STATUS_RULES["uncertain_share"] * min_score:
        return "uncertain"
    return "unmatched"


def _score_or_zero(q: _Quote, hits: Sequence[_Hit]) -> float:
    return _location_score(q, hits[0]) if hits else 0.0


def _located(q: _Quote, hit: _Hit, stream: _Stream) -> dict[str, Any]:
    units = stream.unit[hit.first: hit.last + 1]
    spoken = [stream.unit_text[u] for u in range(int(units[0]), int(units[-1]) + 1)]
    # Tokens of the first word that lie before the match ("l" of "l'avenir" when only
    # "avenir" matched).
    before = hit.first - int(np.searchsorted(stream.unit, units[0], side="left"))
    ops = _with_fillers(hit.build_ops(), spoken, before)
    text = " ".join(spoken)
    cue_ids = sorted({int(c) for c in stream.cue_id[hit.first: hit.last + 1]})
    return {
        "start": hit.start, "end": hit.end, "cue_ids": cue_ids, "transcript_text": text,
        "offset": hit.start - q.stated_start if math.isfinite(q.stated_start) else float("nan"),
        "diff": format_diff(ops), "fidelity": fidelity(ops),
        "verdict": verdict(ops, other_edits=_unseen_edits(q, spoken)),
        "transcript_speaker": _speaker_at(stream, hit, cue_ids), "notes": notes(ops),
    }


def _with_fillers(ops: list[Op], spoken: list[str], before: int) -> list[Op]:
    """Put back the fillers the comparison dropped, as spoken words the writer cut.

    ``spoken`` are the transcript's words from the first to the last matched one; the
    spoken tokens of ``ops`` follow them in order, from the ``before``-th token on.
    """
    fillers_before: list[list[str]] = []   # fillers said just before each spoken token
    pending: list[str] = []
    for unit in spoken:
        tokens = _unit_tokens(unit)
        if not tokens:
            pending.extend(t for t in match_tokens(unit, drop_fillers=False) if t in FILLERS)
            continue
        for _ in tokens:
            fillers_before.append(pending)
            pending = []
    out: list[Op] = []
    position = before
    for op in ops:
        if op.spoken:
            if before < position < len(fillers_before):
                out.extend(Op(CUT, spoken=filler) for filler in fillers_before[position])
            position += 1
        out.append(op)
    return out


@lru_cache(maxsize=50_000)
def _has_filler(unit: str) -> bool:
    return any(t in FILLERS for t in match_tokens(unit, drop_fillers=False))


def _unseen_edits(q: _Quote, spoken: list[str]) -> bool:
    """Edits the token comparison cannot see: fillers dropped, digits for spoken numbers."""
    fillers = any(_has_filler(unit) for unit in spoken)
    printed = html.unescape(q.text) if _ENTITY_RE.search(q.text) else q.text
    digits = bool(_DIGIT_RE.search(printed)) and not any(_DIGIT_RE.search(u) for u in spoken)
    return fillers or digits


def _speaker_at(stream: _Stream, hit: _Hit, cue_ids: list[int]) -> str | None:
    names: Counter[str] = Counter()
    if stream.word_speakers:
        for u in stream.unit[hit.first: hit.last + 1]:
            if int(u) in stream.word_speakers:
                names[stream.word_speakers[int(u)]] += 1
    if not names:
        for cue in stream.cue_id[hit.first: hit.last + 1]:
            if int(cue) in stream.speakers:
                names[stream.speakers[int(cue)]] += 1
    return names.most_common(1)[0][0] if names else None


# --------------------------------------------------------------------------- helpers


def _check_inputs(quotes: pd.DataFrame, transcript: Transcript) -> None:
    if not isinstance(quotes, pd.DataFrame) or "text" not in quotes.columns:
        columns = list(quotes.columns) if isinstance(quotes, pd.DataFrame) else type(quotes)
        raise AlignmentError(f"quotes need a 'text' column; got {columns}", "<quotes>")
    cues = getattr(transcript, "cues", None)
    if not isinstance(cues, pd.DataFrame) or not {"start", "end", "text", "cue_id"} <= set(cues):
        raise AlignmentError("transcript has no cues table with cue_id/start/end/text",
                             getattr(transcript, "source", "<transcript>"))


def _check_options(*, max_offset: Any, min_score: Any) -> None:
    # A negative or NaN max_offset, or a min_score above 1, made every quote unmatched
    # without a word; a string (from a config file) failed deep in the search.
    if max_offset is not None and not (_is_number(max_offset) and max_offset >= 0):
        raise AlignmentError(f"max_offset must be None or seconds ≥ 0; got {max_offset!r}",
                             "<arguments>")
    if not (_is_number(min_score) and 0 <= min_score <= 1):
        raise AlignmentError(f"min_score must be a number from 0 to 1; got {min_score!r}",
                             "<arguments>")


def _is_number(value: Any) -> bool:
    return (isinstance(value, int | float | np.integer | np.floating)
            and not isinstance(value, bool) and not math.isnan(value))


def _text(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _finite(value: Any) -> bool:
    try:
        return value is not None and value is not pd.NA and math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def _fmt_time(value: Any) -> str:
    return format_hms(float(value)) if _finite(value) and float(value) >= 0 else "—"


def _wrap(text: str, width: int) -> str:
    import textwrap

    return textwrap.fill(text, width=width, subsequent_indent="         ")
