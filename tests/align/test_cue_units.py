"""The vectorised cue splitting (issue #11) gives what a plain loop over the cues gives."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from coopanalysis.align.rules import ROLLING_MAX_GAP
from coopanalysis.align.tokens import _IS_SPACE, _cue_units, _rolling_overlap


def _loop_units(cues: pd.DataFrame) -> tuple[list[str], list[float], list[float], list[int]]:
    """The cue splitting as written before issue #11: one ``re.finditer`` per cue."""
    texts: list[str] = []
    starts: list[float] = []
    ends: list[float] = []
    cue_ids: list[int] = []
    for cue_id, start, end, text in zip(cues["cue_id"].astype("int64").tolist(),
                                        cues["start"].astype(float).tolist(),
                                        cues["end"].astype(float).tolist(),
                                        cues["text"].fillna("").astype(str).tolist(),
                                        strict=True):
        spoken = re.sub(r"\[[^\]]*\]", lambda m: " " * len(m.group(0)), text)
        chunks = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"\S+", spoken)]
        if not chunks:
            continue
        follows = bool(ends) and start - ends[-1] <= ROLLING_MAX_GAP
        skip = _rolling_overlap(texts, [c for c, _, _ in chunks]) if follows else 0
        length = max(len(text), 1)
        duration = max(end - start, 0.0)
        for chunk, c_start, c_end in chunks[skip:]:
            texts.append(chunk)
            starts.append(start + duration * c_start / length)
            ends.append(start + duration * c_end / length)
            cue_ids.append(cue_id)
    return texts, starts, ends, cue_ids


def _same_as_loop(cues: pd.DataFrame) -> None:
    units = _cue_units(cues)
    assert (units.text, np.asarray(units.start).tolist(), np.asarray(units.end).tolist(),
            np.asarray(units.cue).tolist()) == _loop_units(cues)
    assert units.factorized is not None
    codes, distinct = units.factorized
    assert [distinct[c] for c in codes.tolist()] == units.text
    assert distinct == list(dict.fromkeys(units.text))  # order of first appearance


def _cues(rows: list[tuple[float, float, str | None]]) -> pd.DataFrame:
    return pd.DataFrame({"cue_id": range(len(rows)),
                         "start": [r[0] for r in rows], "end": [r[1] for r in rows],
                         "text": pd.array([r[2] for r in rows], dtype="string")})


def test_whitespace_table_is_str_isspace() -> None:
    assert [c for c in range(0x110000) if chr(c).isspace()] == np.flatnonzero(_IS_SPACE).tolist()


def test_awkward_cues_split_as_the_loop_splits_them() -> None:
    _same_as_loop(_cues([
        (0.0, 2.0, "nous avons ouvert nos commissions"),
        (2.0, 2.01, "nous avons ouvert nos commissions"),          # flicker cue
        (2.01, 4.0, "nous avons ouvert nos commissions à tous"),   # roll-up
        (4.0, 4.0, "[Musique] à tous\u00a0les\u3000habitants"),     # tag, odd spaces, 0 s
        (4.5, 6.0, None), (6.0, 7.0, ""), (7.0, 8.0, " \n\t "),
        (3.0, 5.0, "l'avenir 2025 c'est\x1cdéjà [Applaudissements"),  # out of order
        (60.0, 62.0, "à tous l'avenir"),                           # after a gap: kept
        (62.0, 63.0, "[Rires] [Musique]"),
    ]))
    _same_as_loop(_cues([]))


_WORD = st.sampled_from(["a", "de", "la", "l'avenir", "été", "[Musique]", "[x", "]", "2025",
                         "😀"])
_SPACE = st.sampled_from([" ", "  ", "\n", "\u00a0", "\u2028", "\x1f", "\u3000", "\t"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3),
                          st.lists(st.tuples(_WORD, _SPACE), max_size=8)), max_size=12))
def test_random_cues_split_as_the_loop_splits_them(
        rows: list[tuple[int, int, list[tuple[str, str]]]]) -> None:
    cues, clock = [], 0.0
    for gap, length, words in rows:
        clock += gap * 0.6
        cues.append((clock, clock + length * 0.7, "".join(w + s for w, s in words)))
    _same_as_loop(_cues(cues))
