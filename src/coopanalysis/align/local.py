"""Stage 3 of the aligner: a word-level Smith–Waterman alignment inside one window.

The score table is filled one numpy row at a time (linear gaps; bounded jumps at the
quote's cuts and sentence starts); the traceback gives the pairs of printed and spoken
tokens, and from them the list of :class:`~coopanalysis.align.diff.Op` of the place.
See ``docs/align.md`` ("How it works", step 3).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
from rapidfuzz import fuzz, process

from coopanalysis.align.diff import ADDED, CHANGED, CUT, INSERTED, KEPT, MARKED_CUT, REPLACED, Op
from coopanalysis.align.rules import SCORING, STATUS_RULES
from coopanalysis.align.tokens import Quote, Stream

#: The smallest share of the best evidence a place needs for any later step to use it: a
#: rival is at least ``ambiguous_ratio`` of it, a place rescued near the stated time at
#: least ``prior_rescue_ratio`` (``decide``).
USEFUL_SHARE = min(STATUS_RULES["ambiguous_ratio"], STATUS_RULES["prior_rescue_ratio"])


@dataclass
class Hit:
    """The best local alignment of a quote inside one window of the stream."""

    evidence: float
    first: int          # stream index of the first spoken token matched
    last: int           # stream index of the last
    start: float
    end: float
    window: tuple[int, int]
    build_ops: Callable[[], list[Op]]   # the word-level edit, built only for the chosen hit
    perfect: bool = False               # every printed word heard, exactly
    scored: _Window | None = None       # the window's pairing scores, to look again there


def align_window(q: Quote, stream: Stream, lo: int, hi: int,
                 exclude: tuple[int, int] | None = None, *, floor: float = 0.0,
                 scored: _Window | None = None) -> Hit | None:
    """Best local alignment in ``stream[lo:hi]``, avoiding the stream span ``exclude``.

    ``floor``: a hit with less evidence is of no use to the caller; when the window cannot
    give that much (each printed token's best pairing, summed, is an upper bound of any
    alignment's evidence), no alignment is run. ``scored``: the window's pairing scores
    from an earlier look (``Hit.scored``), not recomputed.
    """
    if hi <= lo:
        return None
    window = scored if scored is not None else _score_windows(q, stream, [(lo, hi)])[0]
    if exclude is not None:
        subst = window.subst.copy()
        subst[:, max(exclude[0] - lo, 0): max(exclude[1] + 1 - lo, 0)] = -1e6
        window = _Window(window.lo, window.hi, window.w_tokens, subst, window.kinds,
                         window.limits)
    # Speed (issue #11): the upper bound spares most second looks in a window.
    if floor > 0 and float(np.maximum(window.subst.max(axis=1), 0.0).sum()) < floor:
        return None
    return _best_hit(q, stream, window, _fill(q, window.subst, window.limits))


def align_windows(q: Quote, stream: Stream, windows: list[tuple[int, int]]) -> list[Hit]:
    """The hit of each window (``align_window`` of each), the windows scored together."""
    windows = [(lo, hi) for lo, hi in windows if hi > lo]
    if not windows:
        return []
    scored = _score_windows(q, stream, windows)
    # Speed (issue #11): windows in order of their evidence bound (each printed token's
    # best pairing, summed); a window whose bound is under ``USEFUL_SHARE`` of the best
    # evidence found so far can only give a place no later step looks at.
    bounds = [float(np.maximum(w.subst.max(axis=1), 0.0).sum()) for w in scored]
    hits: list[Hit] = []
    best = 0.0
    for k in sorted(range(len(scored)), key=lambda k: -bounds[k]):
        if bounds[k] < USEFUL_SHARE * best:
            continue
        hit = _best_hit(q, stream, scored[k], _fill(q, scored[k].subst, scored[k].limits))
        if hit is not None:
            hits.append(hit)
            best = max(best, hit.evidence)
    return hits


@dataclass
class _Window:
    """One window of the stream with the quote's pairing scores against its tokens."""

    lo: int
    hi: int
    w_tokens: list[str]
    subst: np.ndarray
    kinds: np.ndarray
    limits: dict[int, np.ndarray]


def _score_windows(q: Quote, stream: Stream, windows: list[tuple[int, int]]) -> list[_Window]:
    # Speed (issue #11): the windows' tokens are scored in one call and split afterwards;
    # each pair is scored on its own, so the numbers are those of one call per window.
    codes = np.concatenate([stream.codes[lo:hi] for lo, hi in windows])
    tokens = [stream.vocab_list[c] for c in codes.tolist()]
    subst, kinds = _substitution(q, codes, tokens)
    out = []
    at = 0
    for lo, hi in windows:
        part = slice(at, at + hi - lo)
        out.append(_Window(lo, hi, tokens[part], subst[:, part], kinds[:, part],
                           _jump_limits(q, stream.start[lo:hi])))
        at += hi - lo
    return out


def _best_hit(q: Quote, stream: Stream, window: _Window, table: np.ndarray) -> Hit | None:
    """The best local alignment of a window from its filled table (None: nothing matched)."""
    lo, subst, kinds, limits = window.lo, window.subst, window.kinds, window.limits
    i, j = np.unravel_index(int(np.argmax(table)), table.shape)
    evidence = float(table[i, j])
    if evidence <= 0:
        return None
    pairs, spoken_skips = _traceback(q, table, subst, limits, int(i), int(j))
    if not pairs:
        return None
    pairs = _extend_edges(q, stream, lo, len(window.w_tokens), pairs, subst)
    first, last = lo + pairs[0][1], lo + pairs[-1][1]
    build = partial(_ops, q, window.w_tokens, kinds, pairs, spoken_skips)
    perfect = len(pairs) == len(q.tokens) and all(kinds[i, j] == 0 for i, j in pairs)
    return Hit(evidence=evidence, first=first, last=last, start=float(stream.start[first]),
               end=float(stream.end[last]), window=(lo, window.hi), build_ops=build,
               perfect=perfect, scored=window)


def _extend_edges(q: Quote, stream: Stream, lo: int, n: int, pairs: list[tuple[int, int]],
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


def _substitution(q: Quote, w_codes: np.ndarray, w_tokens: list[str]
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


def _fill(q: Quote, subst: np.ndarray, limits: dict[int, np.ndarray]) -> np.ndarray:
    """Smith–Waterman table, one numpy row at a time (linear gaps; bounded jumps at cuts)."""
    m, n = subst.shape
    table = np.zeros((m + 1, n + 1))
    skip_spoken = SCORING["skip_spoken"]
    skip_printed = SCORING["skip_printed"]
    ramp = skip_spoken * np.arange(n + 1)
    columns = np.arange(n)
    # Speed (issue #11): the windows are small (≈ 25 × 100), so numpy's per-call cost
    # dominates; each row is computed in two reused buffers (``out=``) with the same
    # operations in the same order as before, so the scores are identical to the bit.
    diag = np.empty(n)
    up = np.empty(n)
    shifted = np.zeros(n + 1)   # row − ramp; column 0 stays 0
    for i in range(1, m + 1):
        prev = table[i - 1]
        np.add(prev[:-1], subst[i - 1], out=diag)
        if (i - 1) in q.jumps:
            # Pairing printed i−1 with spoken j may follow any column from limits[i−1][j] to j.
            best_before = _range_max(prev, limits[i - 1], columns)
            np.maximum(diag, best_before + q.jumps[i - 1] + subst[i - 1], out=diag)
        np.add(prev[1:], skip_printed, out=up)
        np.maximum(diag, up, out=diag)
        np.maximum(diag, 0.0, out=diag)
        # Spoken words skipped inside the quote: row[j] = max_k≤j row[k] + skip·(j−k).
        np.subtract(diag, ramp[1:], out=shifted[1:])
        np.maximum.accumulate(shifted, out=table[i])
        table[i] += ramp
    return table


def _jump_limits(q: Quote, w_start: np.ndarray) -> dict[int, np.ndarray]:
    """For each jump row, the first column a jump to spoken token j may come from."""
    times = np.maximum.accumulate(w_start) if len(w_start) else w_start
    return {i: np.searchsorted(times, w_start - q.jump_seconds[i], side="left")
            for i in q.jumps}


def _range_max(values: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """``max(values[lo[k]: hi[k] + 1])`` for every k (a sparse table: log n numpy steps)."""
    if not lo.any():
        # Speed (issue #11): in half the windows a cut may reach back to the window's
        # first column for every j; the range maximum is then a running maximum.
        return np.maximum.accumulate(values)[hi]
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


def _traceback(q: Quote, table: np.ndarray, subst: np.ndarray, limits: dict[int, np.ndarray],
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


def _ops(q: Quote, w_tokens: list[str], kinds: np.ndarray, pairs: list[tuple[int, int]],
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
        ops.extend(Op(INSERTED, printed=t) for t in insertions.get(i, []))
        if first_i < i <= end_i:
            kind = MARKED_CUT if i in q.marked_cuts else CUT
            ops.extend(Op(kind, spoken=w_tokens[j]) for j in skips.get(i, []) if j > first_j)
        if i in paired:
            j = paired[i]
            kind = (KEPT, CHANGED, REPLACED)[int(kinds[i, j])]
            ops.append(Op(kind, printed=token, spoken=w_tokens[j]))
        else:
            ops.append(Op(ADDED, printed=token))
    ops.extend(Op(INSERTED, printed=t) for t in insertions.get(len(q.tokens), []))
    return ops

