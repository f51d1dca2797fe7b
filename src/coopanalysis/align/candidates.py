"""Stage 2 of the aligner: where in the stream a quote may have been said.

An index of the stream's 1-, 2- and 3-grams; each n-gram of a quote found in the stream
votes for a diagonal, weighted by its rarity, and the best-voted places plus the stated
time become windows, each aligned word by word (:mod:`coopanalysis.align.local`).
See ``docs/align.md`` ("How it works", step 2).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from coopanalysis.align.kernels import best_bins, ngram_hits, ngram_order
from coopanalysis.align.local import USEFUL_SHARE, Hit, align_window, align_windows
from coopanalysis.align.rules import SEARCH, STATUS_RULES
from coopanalysis.align.tokens import Quote, Stream

# --------------------------------------------------------------------------- n-gram index


class NgramIndex:
    """Sorted 1-, 2- and 3-gram keys of the stream, for ``searchsorted`` look-ups."""

    def __init__(self, codes: np.ndarray):
        codes = np.asarray(codes, dtype=np.int64)
        self.base = int(codes.max()) + 2 if len(codes) else 2
        self.size = max(len(codes), 1)
        self.sorted: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        order = np.empty(0, dtype=np.int64)
        for n in (1, 2, 3):
            keys = self._keys(codes, n)
            # Speed (issue #11): a counting sort by word code from the (n−1)-grams' order;
            # the stable order argsort gave.
            order = ngram_order(codes, n, self.base, order) if len(keys) else keys
            self.sorted[n] = (keys[order], order)
        # Speed (issue #11): where the n-grams starting with each word begin in the sorted
        # keys, so that an n-gram is looked for among those of its first word only.
        self.first = {n: np.searchsorted(self.sorted[n][0],
                                         np.arange(self.base + 1) * self.base ** (n - 1))
                      for n in (1, 2, 3)}
        # The weight of an n-gram found ``count`` times, by count (up to the hit limits).
        most = max(SEARCH["max_ngram_hits"], SEARCH["max_word_hits"])
        self.rarity = np.array([0.0] + [math.log1p(self.size / count)
                                        for count in range(1, most + 1)])

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
        limit = SEARCH["max_ngram_hits"] if n > 1 else SEARCH["max_word_hits"]
        return ngram_hits(np.asarray(q_codes, dtype=np.int64), n, keys_sorted, order,
                          self.first[n], limit, self.rarity, self.base)


# --------------------------------------------------------------------------- search



def search(q: Quote, stream: Stream, index: NgramIndex, *, prior: float,
           max_offset: float | None, ngrams: bool = True) -> list[Hit]:
    """Places of a quote, best first: its candidate windows, each aligned word by word."""
    if not q.tokens or not len(stream.codes):
        return []
    bounds = _bounds(q, stream, max_offset)
    windows = _candidate_windows(q, index, bounds) if ngrams else []
    if math.isfinite(prior):
        windows.append(_time_window(q, stream, prior))
    windows = _merge_windows(windows, bounds)
    hits = align_windows(q, stream, windows)
    sort_unique(hits)
    if hits:
        # The same words said twice a few seconds apart fall in one window: look again there.
        best = hits[0]
        # Only a rival or a rescue near the stated time matters (``decide``): a weaker
        # second place is not looked for.
        floor = best.evidence * USEFUL_SHARE
        again = align_window(q, stream, *best.window, exclude=(best.first, best.last),
                             floor=floor, scored=best.scored)
        if again is not None:
            hits.append(again)
            sort_unique(hits)
    return hits


def _bounds(q: Quote, stream: Stream, max_offset: float | None) -> tuple[int, int]:
    if max_offset is None or not math.isfinite(q.stated_start):
        return 0, len(stream.codes)
    lo = stream.index_at(q.stated_start - max_offset)
    hi = stream.index_at(q.stated_start + max_offset + _quote_seconds(q))
    return lo, hi


def _quote_seconds(q: Quote) -> float:
    # About 2.6 words per second in French speech, plus what cuts may hide.
    return len(q.tokens) / 2.6 + 30.0 * len(q.marked_cuts)


def _candidate_windows(q: Quote, index: NgramIndex, bounds: tuple[int, int]
                       ) -> list[tuple[int, int]]:
    found = [index.hits(q.codes, n) for n in (1, 2, 3)]
    diags = np.concatenate([f[0] for f in found])
    if not len(diags):
        return []
    ids = np.concatenate([f[1] for f in found])
    weights = np.concatenate([f[2] for f in found])
    size = SEARCH["bin_tokens"]
    # One vote per n-gram per bin, weighted by the n-gram's rarity; the best-voted bins,
    # more than 4 bins apart. The hits sorted by bin, then by their order (n-gram id).
    keys = np.sort((diags // size) * 2**32 + np.arange(len(diags)))
    chosen = best_bins(keys, ids, weights, SEARCH["candidates"], 4).tolist()
    pad = SEARCH["pad_tokens"]
    length = (len(q.tokens) + SEARCH["cut_slack_tokens"] * len(q.marked_cuts)
              + SEARCH["sentence_slack_tokens"] * (len(q.jumps) - len(q.marked_cuts)))
    windows = [(b * size - size - pad, b * size + 4 * size + length + pad) for b in chosen]
    return [(max(lo, bounds[0]), min(hi, bounds[1])) for lo, hi in windows]


def _time_window(q: Quote, stream: Stream, at: float) -> tuple[int, int]:
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


def sort_unique(hits: list[Hit]) -> None:
    """Best first; a hit overlapping a better one is the same place and is dropped."""
    hits.sort(key=lambda h: -h.evidence)
    kept: list[Hit] = []
    for hit in hits:
        if all(hit.last < k.first or hit.first > k.last for k in kept):
            kept.append(hit)
    hits[:] = kept

