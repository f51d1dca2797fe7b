"""The diff in the words as printed and as spoken: accents, apostrophes, digits kept.

Comparison runs on folded tokens ("l'équipe" → ``l``, ``equipe``; "33" → ``trente``,
``trois``); ``surface_ops`` gives each operation back the text it came from, on both sides
("l'", "équipe", "33"), and merges the operations of one printed word split into several
tokens when they agree ("= 33" rather than "= trente trois"). ``docs/align.md`` ("The diff
as data").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from coopanalysis.align.diff import ADDED, CHANGED, CUT, INSERTED, KEPT, MARKED_CUT, REPLACED, Op
from coopanalysis.text.normalize import fold, match_tokens

__all__ = ["surface_ops", "word_surfaces"]

#: How far (tokens) a printed or spoken token is looked for ahead of the last one mapped:
#: tokens the comparison left out (a timestamp, a link, a filler) are passed over.
LOOKAHEAD = 8

_EDGE_PUNCT = ".,;:!?…«»\"“”()[]{}/*_"
_PIECE_RE = re.compile(r"(?<=['’])|-")

#: One token: (folded token, its text as written, the index of the word it came from).
Surface = tuple[str, str, int]


@lru_cache(maxsize=100_000)
def _chunk(chunk: str) -> tuple[tuple[str, str], ...]:
    stripped = chunk.strip(_EDGE_PUNCT)
    tokens = [t if t.isascii() else fold(t) for t in match_tokens(stripped, drop_fillers=False)]
    if not tokens:
        return ()
    pieces = [p for p in _PIECE_RE.split(stripped) if p.strip(_EDGE_PUNCT)]
    if len(pieces) == len(tokens):
        return tuple(zip(tokens, (p.strip(_EDGE_PUNCT + "-") or p for p in pieces), strict=True))
    return tuple((t, stripped) for t in tokens)


def word_surfaces(words: Sequence[str]) -> list[Surface]:
    """The tokens of ``words`` (whitespace-separated chunks) with their written form."""
    out: list[Surface] = []
    for index, word in enumerate(words):
        out.extend((token, text, index) for token, text in _chunk(word))
    return out


def _mapper(surfaces: list[Surface]) -> Callable[[str], tuple[str, int] | None]:
    """A lookup of the next token equal to the given one, in order, within ``LOOKAHEAD``."""
    position = 0

    def find(token: str) -> tuple[str, int] | None:
        nonlocal position
        for k in range(position, min(position + LOOKAHEAD, len(surfaces))):
            if surfaces[k][0] == token:
                position = k + 1
                return surfaces[k][1], surfaces[k][2]
        return None
    return find


def surface_ops(ops: Sequence[Op], printed_text: str, spoken_words: Sequence[str]) -> list[Op]:
    """``ops`` with the printed and spoken words as written, one printed word per operation.

    ``printed_text``: the quote as printed; ``spoken_words``: the transcript's words the
    spoken side of ``ops`` comes from, in order. A token that cannot be found keeps its
    folded form. Consecutive operations of one kind on the same printed word (or, for
    spoken-only operations, the same spoken word) become one.
    """
    find_printed = _mapper(word_surfaces(printed_text.split()))
    find_spoken = _mapper(word_surfaces(list(spoken_words)))
    out: list[tuple[str, str, str, int | None, int | None]] = []
    for op in ops:
        printed, p_id = op.printed, None
        spoken, s_id = op.spoken, None
        if op.printed and op.kind != INSERTED:
            found = find_printed(op.printed)
            if found:
                printed, p_id = found
        if op.spoken:
            found = find_spoken(op.spoken)
            if found:
                spoken, s_id = found
        if out and _same_word(out[-1], op.kind, (printed, p_id), (spoken, s_id)):
            kind, last_p, last_s, last_pid, last_sid = out[-1]
            joined = last_s if s_id is not None and s_id == last_sid else (
                f"{last_s} {spoken}".strip())
            out[-1] = (kind, last_p, joined, last_pid, s_id if s_id is not None else last_sid)
            continue
        out.append((op.kind, printed, spoken, p_id, s_id))
    return [Op(kind, printed, spoken) for kind, printed, spoken, _, _ in out]


def _same_word(last: tuple[str, str, str, int | None, int | None], kind: str,
               printed: tuple[str, int | None], spoken: tuple[str, int | None]) -> bool:
    """Whether an operation continues the previous one's word: the same word, written as
    one ("33" for "trente trois"), on the printed side (or the spoken side of a cut)."""
    if last[0] != kind:
        return False
    if kind in (KEPT, CHANGED, REPLACED, ADDED):
        return printed[1] is not None and (printed[1], printed[0]) == (last[3], last[1])
    if kind in (CUT, MARKED_CUT):
        return spoken[1] is not None and (spoken[1], spoken[0]) == (last[4], last[2])
    return False
