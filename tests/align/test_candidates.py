"""The n-gram index: its vectorised look-ups against the plain loop they replaced (#11)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from coopanalysis.align.candidates import NgramIndex
from coopanalysis.align.rules import SEARCH


def _hits_by_loop(index: NgramIndex, q_codes: np.ndarray, n: int
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    keys_sorted, order = index.sorted[n]
    valid = [bool((q_codes[i: i + n] >= 0).all()) for i in range(len(q_codes) - n + 1)]
    q_keys = index._keys(np.where(q_codes < 0, 0, q_codes), n)
    lo = np.searchsorted(keys_sorted, q_keys, side="left")
    hi = np.searchsorted(keys_sorted, q_keys, side="right")
    limit = SEARCH["max_ngram_hits"] if n > 1 else SEARCH["max_word_hits"]
    diags, ids, weights = [], [], []
    for i, (a, b) in enumerate(zip(lo, hi, strict=True)):
        if valid[i] and 0 < b - a <= limit:
            diags += list(order[a:b] - i)
            ids += [n * 10_000 + i] * int(b - a)
            weights += [math.log1p(index.size / (b - a))] * int(b - a)
    return np.array(diags, dtype=np.int64), np.array(ids, dtype=np.int64), np.array(weights)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_hits_equal_the_plain_loop(seed: int) -> None:
    rng = np.random.default_rng(seed)
    # Skewed word frequencies: frequent words pass the hit limits, rare ones do not.
    codes = np.minimum(rng.zipf(1.3, 20_000), 3000).astype(np.int64) - 1
    index = NgramIndex(codes)
    for _ in range(20):
        first = int(rng.integers(0, len(codes) - 30))
        quote = codes[first: first + 25].copy()
        quote[rng.random(25) < 0.1] = -1   # words the transcript never says
        for n in (1, 2, 3):
            got = index.hits(quote, n)
            want = _hits_by_loop(index, quote, n)
            for g, w in zip(got, want, strict=True):
                assert np.array_equal(g, w)
                assert g.dtype == w.dtype


def test_sorted_keys_are_a_stable_order() -> None:
    codes = np.array([3, 1, 3, 1, 2, 3, 1], dtype=np.int64)
    keys, order = NgramIndex(codes).sorted[1]
    assert keys.tolist() == [1, 1, 1, 2, 3, 3, 3]
    assert order.tolist() == [1, 3, 6, 4, 0, 2, 5]
