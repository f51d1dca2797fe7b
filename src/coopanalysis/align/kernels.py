"""The aligner's inner loops, compiled with numba (issue #11).

The windows are small (≈ 25 printed × 100–600 spoken tokens), so numpy's cost per call, not
the arithmetic, made most of the search time; these loops do the same float operations in
the same order as the numpy code they replaced, so every score is the same to the bit
(the benchmarks compare every output row). ``cache=True``: compiled once per machine and
loaded from ``__pycache__`` afterwards.

- :func:`spread_tokens`: the stream's tokens and times from its words (``tokens``);
- :func:`ngram_order`: the stable order of the stream's n-gram keys (``candidates``);
- :func:`ngram_hits`, :func:`best_bins`: a quote's n-gram hits, the best-voted places;
- :func:`distinct`, :func:`score_windows`: pairing scores of a quote against its windows
  (``local``);
- :func:`best_path`: the Smith–Waterman alignment of one window, its score and path.
"""

from __future__ import annotations

import numba
import numpy as np

# --------------------------------------------------------------------------- token stream


@numba.njit(cache=True)
def spread_tokens(unit_codes: np.ndarray, n_tokens: np.ndarray, first_token: np.ndarray,
                  token_ids: np.ndarray, u_start: np.ndarray, u_end: np.ndarray,
                  u_cue: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Token codes, start, end, cue and unit of the stream, unit by unit.

    Unit u (distinct unit ``unit_codes[u]``) gives the ``n_tokens`` tokens of its distinct
    unit, ``token_ids[first_token:…]``, which share its time span in equal steps:
    ``start = u_start + rank * step``, ``end = start + step``.
    """
    total = 0
    for u in range(len(unit_codes)):
        total += n_tokens[unit_codes[u]]
    codes = np.empty(total, dtype=np.int64)
    start = np.empty(total)
    end = np.empty(total)
    cue = np.empty(total, dtype=np.int64)
    unit = np.empty(total, dtype=np.int64)
    at = 0
    for u in range(len(unit_codes)):
        c = unit_codes[u]
        count = n_tokens[c]
        step = (u_end[u] - u_start[u]) / max(count, 1)
        for rank in range(count):
            codes[at] = token_ids[first_token[c] + rank]
            start[at] = u_start[u] + rank * step
            end[at] = start[at] + step
            cue[at] = u_cue[u]
            unit[at] = u
            at += 1
    return codes, start, end, cue, unit


# --------------------------------------------------------------------------- n-gram index


@numba.njit(cache=True)
def ngram_order(codes: np.ndarray, n: int, base: int, shorter: np.ndarray) -> np.ndarray:
    """Stable argsort of the n-gram keys ``codes[p] * base^(n-1) + … + codes[p+n-1]``.

    ``shorter``: this order for the (n−1)-grams (unused for n = 1). The positions p + 1
    in that order are sorted by the n-gram's last n − 1 words, ties by position; one
    stable counting sort by the first word then sorts them by the whole key (each code
    < ``base``), ties by position: the order ``np.argsort(keys, kind="stable")`` gives.
    """
    size = len(codes) - n + 1
    if n == 1:
        tail = np.arange(size)
    else:
        tail = np.empty(size, dtype=np.int64)
        at = 0
        for q in shorter:
            if q >= 1:
                tail[at] = q - 1
                at += 1
    starts = np.zeros(base + 1, dtype=np.int64)
    for p in range(size):
        starts[codes[p] + 1] += 1
    for c in range(base):
        starts[c + 1] += starts[c]
    order = np.empty(size, dtype=np.int64)
    for position in tail:
        order[starts[codes[position]]] = position
        starts[codes[position]] += 1
    return order


@numba.njit(cache=True)
def ngram_hits(q_codes: np.ndarray, n: int, keys_sorted: np.ndarray, order: np.ndarray,
               first: np.ndarray, limit: int, rarity: np.ndarray, base: int
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Diagonal, n-gram id (``n * 10_000 + position``) and weight of each hit of a quote.

    Hits laid out n-gram by n-gram in quote order, each n-gram's in stream order; an
    n-gram with an unknown word (code < 0) or more than ``limit`` hits gives none.
    ``first[c]``: where the keys of the n-grams starting with word c begin in
    ``keys_sorted``; ``rarity[count]``: the weight of an n-gram found ``count`` times.
    """
    m = len(q_codes) - n + 1
    lo = np.zeros(max(m, 0), dtype=np.int64)
    counts = np.zeros(max(m, 0), dtype=np.int64)
    total = 0
    for i in range(m):
        key = 0
        valid = True
        for k in range(n):
            c = q_codes[i + k]
            if c < 0:
                valid = False
            key = key * base + max(c, 0)
        if not valid:
            continue
        # Speed (issue #11): the key is looked for among those of its first word only, and
        # its end near its start (only counts up to ``limit`` matter).
        begin, stop = first[q_codes[i]], first[q_codes[i] + 1]
        a = begin + np.searchsorted(keys_sorted[begin:stop], key, side="left")
        stop = min(a + limit + 1, stop)
        b = a + np.searchsorted(keys_sorted[a:stop], key, side="right")
        if 0 < b - a <= limit:
            lo[i] = a
            counts[i] = b - a
            total += b - a
    diags = np.empty(total, dtype=np.int64)
    ids = np.empty(total, dtype=np.int64)
    weights = np.empty(total)
    at = 0
    for i in range(m):
        for r in range(counts[i]):
            diags[at] = order[lo[i] + r] - i
            ids[at] = n * 10_000 + i
            weights[at] = rarity[counts[i]]
            at += 1
    return diags, ids, weights


@numba.njit(cache=True)
def best_bins(keys: np.ndarray, ids: np.ndarray, weights: np.ndarray, count: int,
              apart: int) -> np.ndarray:
    """The ``count`` best-voted bins, best first, each more than ``apart`` bins from a better one.

    ``keys``: ``bin * 2**32 + h`` for every hit h (``ids[h]``: its n-gram, ``weights[h]``
    the n-gram's weight; hits in ascending n-gram id), sorted. One vote per n-gram per bin,
    summed in ascending n-gram id; then, since a cut in the quote moves the diagonal, the
    votes of the bins −1 and +3 (half) and +1, +2 (whole) added in that order. Ties go to
    the lower bin (a stable sort of the scores).
    """
    bins, score = _bin_votes(keys, ids, weights)
    chosen = np.empty(count, dtype=np.int64)
    n_chosen = 0
    while n_chosen < count:
        # The best bin not near a chosen one is the next one a walk down the scores takes.
        best = -1
        for k in range(len(bins)):
            near = False
            for c in range(n_chosen):
                near = near or abs(bins[k] - chosen[c]) <= apart
            if not near and (best < 0 or score[k] > score[best]):
                best = k
        if best < 0:
            break
        chosen[n_chosen] = bins[best]
        n_chosen += 1
    return chosen[:n_chosen]


@numba.njit(cache=True)
def _bin_votes(keys: np.ndarray, ids: np.ndarray, weights: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
    """The voted bins (ascending) and their scores (see :func:`best_bins`)."""
    bins = np.empty(len(keys), dtype=np.int64)
    counts = np.zeros(len(keys))
    n_bins = 0
    last_id = -1
    for k in range(len(keys)):
        b = keys[k] >> 32
        hit = keys[k] & 0xFFFFFFFF
        if n_bins == 0 or bins[n_bins - 1] != b:
            bins[n_bins] = b
            n_bins += 1
        elif ids[hit] == last_id:
            continue   # this n-gram already voted for this bin
        last_id = ids[hit]
        counts[n_bins - 1] += weights[hit]
    bins = bins[:n_bins]
    counts = counts[:n_bins]
    score = np.empty(n_bins)
    for k in range(n_bins):
        # The bins are distinct and ascending: bin + 1, + 2, + 3 can only follow within
        # three places, in that order, and bin − 1 be just before.
        total = counts[k]
        if k > 0 and bins[k - 1] == bins[k] - 1:
            total += counts[k - 1] * 0.5
        for t in range(k + 1, min(k + 4, n_bins)):
            shift = bins[t] - bins[k]
            if shift <= 2:
                total += counts[t] * 1.0
            elif shift == 3:
                total += counts[t] * 0.5
        score[k] = total
    return bins, score


# --------------------------------------------------------------------------- local alignment


@numba.njit(cache=True)
def distinct(codes: np.ndarray, windows: np.ndarray, n_codes: int
             ) -> tuple[np.ndarray, np.ndarray]:
    """The distinct codes of ``codes[lo:hi]`` for each (lo, hi) of ``windows`` (in order of
    first appearance), and the rank there of each token of the windows, end to end."""
    rank = np.full(n_codes, -1, dtype=np.int64)
    total = 0
    for w in range(len(windows)):
        total += windows[w, 1] - windows[w, 0]
    seen = np.empty(total, dtype=np.int64)
    column = np.empty(total, dtype=np.int64)
    count = 0
    at = 0
    for w in range(len(windows)):
        for p in range(windows[w, 0], windows[w, 1]):
            c = codes[p]
            if rank[c] < 0:
                rank[c] = count
                seen[count] = c
                count += 1
            column[at] = rank[c]
            at += 1
    return seen[:count], column


@numba.njit(cache=True)
def score_windows(q_codes: np.ndarray, weights: np.ndarray, codes: np.ndarray,
                  start: np.ndarray, windows: np.ndarray, ratio: np.ndarray,
                  column: np.ndarray, jump_seconds: np.ndarray, variant_share: float,
                  mismatch: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Pairing scores of a quote against its windows ``codes[lo:hi]``, and their jump limits.

    Returns, for the windows end to end (window k's part from ``offset = Σ n`` of those
    before it): ``subst`` and ``kinds`` (0 =, 1 ~, 2 !) of printed token i with spoken
    token j, as ``(m, n)`` from ``m * offset``; ``bound[k, i]``, printed token i's best
    score in window k; ``limits``, as ``(jumps, n)`` from ``jumps * offset``: the first
    column a jump (``jump_seconds``: the speech it may skip) to spoken token j may come
    from, the window's times read as their running maximum. ``ratio[i, column[t]]``: the
    ``fuzz.ratio`` of a pair (0 under the variant cutoff), ``t`` counting the windows'
    tokens end to end.
    """
    m = len(q_codes)
    total = len(column)
    subst = np.empty(m * total)
    kinds = np.empty(m * total, dtype=np.int8)
    bound = np.empty((len(windows), m))
    limits = np.empty(len(jump_seconds) * total, dtype=np.int64)
    offset = 0
    for w in range(len(windows)):
        lo, hi = windows[w, 0], windows[w, 1]
        n = hi - lo
        for i in range(m):
            best = -np.inf
            at = m * offset + i * n
            for j in range(n):
                if q_codes[i] == codes[lo + j]:
                    value, kind = weights[i], 0
                elif ratio[i, column[offset + j]] > 0:
                    value, kind = weights[i] * variant_share, 1
                else:
                    value, kind = mismatch, 2
                subst[at + j] = value
                kinds[at + j] = kind
                best = max(best, value)
            bound[w, i] = best
        times = start[lo:hi].copy()
        for j in range(1, n):
            times[j] = max(times[j], times[j - 1])
        for r in range(len(jump_seconds)):
            at = len(jump_seconds) * offset + r * n
            limits[at: at + n] = np.searchsorted(times, start[lo:hi] - jump_seconds[r],
                                                 side="left")
        offset += n
    return subst, kinds, bound, limits


@numba.njit(cache=True)
def best_path(subst: np.ndarray, jump_cost: np.ndarray, jump_row: np.ndarray,
              limits: np.ndarray, skip_spoken: float, skip_printed: float
              ) -> tuple[float, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The best local alignment of a window: its score and its path (see :func:`_fill`,
    :func:`_traceback`); the path is empty when the score is not positive."""
    table, i, j = _fill(subst, jump_cost, jump_row, limits, skip_spoken, skip_printed)
    evidence = table[i, j]
    if evidence <= 0:
        i = j = 0
    return (evidence, *_traceback(table, subst, jump_cost, jump_row, limits, skip_printed,
                                  i, j))


@numba.njit(cache=True)
def _fill(subst: np.ndarray, jump_cost: np.ndarray, jump_row: np.ndarray, limits: np.ndarray,
          skip_spoken: float, skip_printed: float) -> tuple[np.ndarray, int, int]:
    """Smith–Waterman table of a window, and the (row, column) of its first maximum.

    Linear gaps; printed token i with ``jump_row[i] ≥ 0`` may follow any column from
    ``limits[jump_row[i], j]`` to j for ``jump_cost[i]``. Each cell is computed as the
    numpy rows did: ``max(prev + s, best_before + jump + s, up + skip_printed, 0)``, then
    spoken words skipped as ``max_k≤j (row[k] − ramp[k]) + ramp[j]``.
    """
    m, n = subst.shape
    table = np.zeros((m + 1, n + 1))   # row 0 and column 0 stay 0
    ramp = np.empty(n + 1)
    for j in range(n + 1):
        ramp[j] = skip_spoken * j
    best_before = np.empty(n)
    cells = np.empty(n)
    best, best_i, best_j = 0.0, 0, 0
    for i in range(1, m + 1):
        prev, row, pairing = table[i - 1], table[i], subst[i - 1]
        # (Each max is exact: their order does not change a score.)
        for j in range(n):
            cells[j] = max(max(prev[j] + pairing[j], prev[j + 1] + skip_printed), 0.0)
        if jump_row[i - 1] >= 0:
            _range_max(prev, limits[jump_row[i - 1]], best_before)
            for j in range(n):
                cells[j] = max(cells[j], best_before[j] + jump_cost[i - 1] + pairing[j])
        running = 0.0
        for j in range(n):
            running = max(running, cells[j] - ramp[j + 1])
            row[j + 1] = running + ramp[j + 1]
            if row[j + 1] > best:
                best, best_i, best_j = row[j + 1], i, j + 1
    return table, best_i, best_j


@numba.njit(cache=True)
def _range_max(values: np.ndarray, lo: np.ndarray, out: np.ndarray) -> None:
    """``out[j] = max(values[lo[j]: j + 1])`` for every j (a sparse table)."""
    size = len(values)
    depth = 1
    while (1 << depth) <= size:
        depth += 1
    levels = np.empty((depth, size))
    levels[0] = values
    width = 1
    for k in range(1, depth):
        for x in range(size - 2 * width + 1):
            levels[k, x] = max(levels[k - 1, x], levels[k - 1, x + width])
        width *= 2
    for j in range(len(out)):
        span = j - lo[j] + 1
        k = 0
        while (2 << k) <= span:
            k += 1
        out[j] = max(levels[k, lo[j]], levels[k, j - (1 << k) + 1])


@numba.njit(cache=True)
def _traceback(table: np.ndarray, subst: np.ndarray, jump_cost: np.ndarray,
               jump_row: np.ndarray, limits: np.ndarray, skip_printed: float, i: int, j: int
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The path back from cell (i, j) of a table :func:`_fill` made.

    Returns the pairs (printed, spoken) from the last to the first, and the skipped spoken
    tokens as (printed token they lie before, spoken). The tests of each step are those of
    the Python loop this replaced: ``math.isclose(…, abs_tol=1e-9)`` for a pairing or a
    printed word skipped, ``np.isclose(…, atol=1e-9)`` for the column a jump came from.
    """
    pair_i = np.empty(i, dtype=np.int64)
    pair_j = np.empty(i, dtype=np.int64)
    skip_i = np.empty(j, dtype=np.int64)
    skip_j = np.empty(j, dtype=np.int64)
    n_pairs = 0
    n_skips = 0
    while i > 0 and j > 0 and table[i, j] > 1e-9:
        value = table[i, j]
        s = subst[i - 1, j - 1]
        if _math_isclose(value, table[i - 1, j - 1] + s):
            pair_i[n_pairs], pair_j[n_pairs] = i - 1, j - 1
            n_pairs += 1
            i, j = i - 1, j - 1
            continue
        if jump_row[i - 1] >= 0:
            target = value - s - jump_cost[i - 1]
            lo = limits[jump_row[i - 1], j - 1]
            k = -1
            for x in range(j - 2, lo - 1, -1):
                y = table[i - 1, x]
                if (abs(y - target) <= 1e-9 + 1e-5 * abs(target)
                        and np.isfinite(target)) or y == target:
                    k = x
                    break
            if k >= 0:
                pair_i[n_pairs], pair_j[n_pairs] = i - 1, j - 1
                n_pairs += 1
                for x in range(k, j - 1):
                    skip_i[n_skips], skip_j[n_skips] = i - 1, x
                    n_skips += 1
                i, j = i - 1, k
                continue
        if _math_isclose(value, table[i - 1, j] + skip_printed):
            i -= 1
            continue
        skip_i[n_skips], skip_j[n_skips] = i, j - 1
        n_skips += 1
        j -= 1
    return pair_i[:n_pairs], pair_j[:n_pairs], skip_i[:n_skips], skip_j[:n_skips]


@numba.njit(cache=True)
def _math_isclose(a: float, b: float) -> bool:
    """``math.isclose(a, b, abs_tol=1e-9)``, as CPython computes it."""
    if a == b:
        return True
    if np.isinf(a) or np.isinf(b):
        return False
    diff = abs(b - a)
    return diff <= abs(1e-9 * b) or diff <= abs(1e-9 * a) or diff <= 1e-9
