"""Stage 3 of the aligner: a word-level Smith–Waterman alignment inside one window.

The pairing scores of a quote against its windows, then in each window the score table
(linear gaps; bounded jumps at the quote's cuts and sentence starts) and its traceback, in
compiled loops (:mod:`~coopanalysis.align.kernels`); the traceback gives the pairs of
printed and spoken tokens, and from them the list of :class:`~coopanalysis.align.diff.Op`
of the place.
See ``docs/align.md`` ("How it works", step 3).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
from rapidfuzz import fuzz, process

from coopanalysis.align import kernels
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
        window = _Window(window.lo, window.hi, subst, window.kinds, window.jumps,
                         window.limits, float(np.maximum(subst.max(axis=1), 0.0).sum()))
    # Speed (issue #11): the upper bound spares most second looks in a window.
    if floor > 0 and window.bound < floor:
        return None
    return _best_hit(q, stream, window)


def align_windows(q: Quote, stream: Stream, windows: list[tuple[int, int]]) -> list[Hit]:
    """The hit of each window (``align_window`` of each), the windows scored together."""
    windows = [(lo, hi) for lo, hi in windows if hi > lo]
    if not windows:
        return []
    scored = _score_windows(q, stream, windows)
    # Speed (issue #11): windows in order of their evidence bound (each printed token's
    # best pairing, summed); a window whose bound is under ``USEFUL_SHARE`` of the best
    # evidence found so far can only give a place no later step looks at.
    hits: list[Hit] = []
    best = 0.0
    for window in sorted(scored, key=lambda w: -w.bound):
        if window.bound < USEFUL_SHARE * best:
            continue
        hit = _best_hit(q, stream, window)
        if hit is not None:
            hits.append(hit)
            best = max(best, hit.evidence)
    return hits


@dataclass
class _Window:
    """One window of the stream with the quote's pairing scores against its tokens."""

    lo: int
    hi: int
    subst: np.ndarray     # (printed, spoken) pairing score
    kinds: np.ndarray     # ... and its kind: 0 =, 1 ~, 2 !
    jumps: _Jumps         # the quote's jumps, as arrays
    limits: np.ndarray    # (jump, spoken j): first column a jump to j may come from
    bound: float          # each printed token's best pairing, summed (≥ any evidence)


@dataclass
class _Jumps:
    """A quote's jumps as arrays for :func:`kernels.best_path`, in printed order."""

    cost: np.ndarray      # per printed token (0 where it has no jump)
    row: np.ndarray       # per printed token: its row in ``limits``, −1 without a jump
    seconds: np.ndarray   # per jump: the longest speech it may skip


def _jumps(q: Quote) -> _Jumps:
    cost = np.zeros(len(q.tokens))
    row = np.full(len(q.tokens), -1, dtype=np.int64)
    for r, i in enumerate(sorted(q.jumps)):
        cost[i], row[i] = q.jumps[i], r
    return _Jumps(cost, row, np.array([q.jump_seconds[i] for i in sorted(q.jumps)], dtype=float))


def _score_windows(q: Quote, stream: Stream, windows: list[tuple[int, int]]) -> list[_Window]:
    """The windows' pairing scores, computed together (one ``cdist``, one compiled loop)."""
    spans = np.array(windows, dtype=np.int64).reshape(-1, 2)
    # Each distinct spoken token is compared once with the printed ones.
    distinct, column = kernels.distinct(stream.codes, spans, len(stream.vocab_list))
    spoken = list(map(stream.vocab_list.__getitem__, distinct.tolist()))
    ratio = process.cdist(q.tokens, spoken, scorer=fuzz.ratio,
                          score_cutoff=SCORING["variant_ratio"], workers=1)
    jumps = _jumps(q)
    subst, kinds, best, limits = kernels.score_windows(
        q.codes, q.weights, stream.codes, stream.start, spans, ratio, column, jumps.seconds,
        SCORING["variant_share"], SCORING["mismatch"])
    # (numpy sums each row of a 2-d array as it sums a 1-d array: one window's bound.)
    bounds = np.maximum(best, 0.0).sum(axis=1).tolist()
    m, n_jumps = len(q.tokens), len(jumps.seconds)
    out = []
    offset = 0
    for k, (lo, hi) in enumerate(windows):
        n = hi - lo
        part = slice(m * offset, m * (offset + n))
        jump_part = slice(n_jumps * offset, n_jumps * (offset + n))
        out.append(_Window(lo, hi, subst[part].reshape(m, n), kinds[part].reshape(m, n),
                           jumps, limits[jump_part].reshape(n_jumps, n), bounds[k]))
        offset += n
    return out


def _best_hit(q: Quote, stream: Stream, window: _Window) -> Hit | None:
    """The best local alignment of a window (None: nothing matched)."""
    lo, subst, kinds, limits, jumps = (window.lo, window.subst, window.kinds, window.limits,
                                       window.jumps)
    evidence, pair_i, pair_j, skip_i, skip_j = kernels.best_path(
        subst, jumps.cost, jumps.row, limits, SCORING["skip_spoken"], SCORING["skip_printed"])
    if evidence <= 0 or not len(pair_i):
        return None
    pairs = list(zip(pair_i[::-1].tolist(), pair_j[::-1].tolist(), strict=True))
    pairs = _extend_edges(q, stream, lo, window.hi - lo, pairs, subst)
    first, last = lo + pairs[0][1], lo + pairs[-1][1]
    build = partial(_ops, q, stream, window, pairs, (skip_i, skip_j))
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


def _ops(q: Quote, stream: Stream, window: _Window, pairs: list[tuple[int, int]],
         spoken_skips: tuple[np.ndarray, np.ndarray]) -> list[Op]:
    """Operations in printed order, from the first printed word to the last.

    ``spoken_skips``: the spoken tokens the path skipped, as (printed token they lie
    before, spoken token) (``kernels.best_path``).
    """
    codes, kinds = stream.codes[window.lo: window.hi].tolist(), window.kinds
    skips: dict[int, list[int]] = {}
    for i, j in zip(*(part.tolist() for part in spoken_skips), strict=True):
        skips.setdefault(i, []).append(j)
    for spoken in skips.values():
        spoken.sort()
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
            ops.extend(Op(kind, spoken=stream.vocab_list[codes[j]])
                       for j in skips.get(i, []) if j > first_j)
        if i in paired:
            j = paired[i]
            kind = (KEPT, CHANGED, REPLACED)[int(kinds[i, j])]
            ops.append(Op(kind, printed=token, spoken=stream.vocab_list[codes[j]]))
        else:
            ops.append(Op(ADDED, printed=token))
    ops.extend(Op(INSERTED, printed=t) for t in insertions.get(len(q.tokens), []))
    return ops

