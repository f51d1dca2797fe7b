"""Meaning cut at a quote's edges: a hedge or a negation spoken just outside the match.

A journalist who starts a quote right after "je pense que" or ends it right before "je
crois" or "pas" prints only words that were said, in order, yet removes what the speaker
committed to (docs/align.md, "Verdicts"). The word alignment cannot see it: the cut words
lie outside the matched span. ``boundary_changes`` reads the transcript's tokens next to
the span, in the same clause (a few function words, no long pause).
"""

from __future__ import annotations

from collections.abc import Sequence

from coopanalysis.align.diff import ADDED, CHANGED, KEPT, REPLACED, Op
from coopanalysis.align.rules import BOUNDARY_RULES, SELF_CORRECTION_MARKERS
from coopanalysis.align.tokens import Stream
from coopanalysis.text.lexicon import FILLERS, FUNCTION_WORDS, NE_PARTICLE
from coopanalysis.text.meaning import (
    LEAD_ADVERB_HEDGES,
    LEAD_HEDGES,
    TAIL_ADVERB_HEDGES,
    TAIL_HEDGE_BLOCKERS,
    TAIL_HEDGE_FOLLOWERS,
    TAIL_HEDGE_NOT_AFTER,
    TAIL_HEDGES,
    TAIL_NEGATION_NOT_BEFORE,
    TAIL_NEGATIONS,
    opposed,
    scale_of,
)

__all__ = ["boundary_changes", "lead_hedge", "tail_hedge", "tail_negation"]

_LEAD = tuple(sorted((tuple(h.split()) for h in LEAD_HEDGES), key=len, reverse=True))
_TAIL = tuple(sorted((tuple(h.split()) for h in TAIL_HEDGES), key=len, reverse=True))


#: Words that join two clauses: a sentence adverb before them belongs to the first one.
CLAUSE_LINKS = frozenset({"mais", "et", "donc", "or", "car", "puis", "alors", "sinon"})


def lead_hedge(before: Sequence[str]) -> str | None:
    """The hedge that governs a clause starting after the folded tokens ``before``.

    The hedge ends the tokens, or is followed by at most ``lead_gap_words`` function words,
    fillers or self-corrections ("je pense que c est | les gens qui paient", "je pense que
    tu enfin | on n'a pas").

    >>> lead_hedge("alors je pense qu".split()), lead_hedge("c est bon je pense".split())
    ('je pense qu', None)
    """
    gap_max = int(BOUNDARY_RULES["lead_gap_words"])
    for gap in range(min(gap_max, len(before)) + 1):
        word = before[len(before) - gap] if gap else ""
        if gap and not (word in FUNCTION_WORDS or word in FILLERS
                        or word in SELF_CORRECTION_MARKERS):
            return None
        end = len(before) - gap
        for hedge in _LEAD:
            if end >= len(hedge) and tuple(before[end - len(hedge):end]) == hedge:
                phrase = " ".join(hedge)
                subject = before[end - len(hedge) - 1] if end > len(hedge) else ""
                if subject in TAIL_HEDGE_NOT_AFTER.get(phrase, frozenset()):
                    continue  # "ça peut être | …": the verb "pouvoir être"
                if phrase in LEAD_ADVERB_HEDGES and set(before[end:]) & CLAUSE_LINKS:
                    continue  # "peut-être, mais | on a besoin…": the adverb ends a clause
                return phrase
    return None


def tail_hedge(last: str, after: Sequence[str]) -> str | None:
    """The hedge that closes a clause ending with ``last``, said in the folded ``after``.

    >>> tail_hedge("solution", "je crois et puis".split())
    'je crois'
    >>> tail_hedge("solution", "je pense que demain".split()), tail_hedge("ca", ["peut", "etre"])
    (None, None)
    """
    for hedge in _TAIL:
        if tuple(after[:len(hedge)]) == hedge:
            phrase = " ".join(hedge)
            following = after[len(hedge)] if len(after) > len(hedge) else ""
            adverb_inside = phrase in TAIL_ADVERB_HEDGES and following not in TAIL_HEDGE_FOLLOWERS
            blocked = (following in TAIL_HEDGE_BLOCKERS or adverb_inside
                       or last in TAIL_HEDGE_NOT_AFTER.get(phrase, frozenset()))
            return None if blocked else phrase
    return None


def tail_negation(last: str, after: Sequence[str]) -> str | None:
    """A negation that closes the verb group ending with ``last``: "je sais | pas".

    A word said twice ("pas pas") is a stumble, not a negation the quote left out; "pas
    mal" is "quite a lot"; a quote ending on "ne" prints the negation's first half.
    """
    if not after or after[0] not in TAIL_NEGATIONS or after[0] == last or last in NE_PARTICLE:
        return None
    following = after[1] if len(after) > 1 else ""
    return None if following in TAIL_NEGATION_NOT_BEFORE else after[0]


def boundary_changes(ops: Sequence[Op], stream: Stream, first: int, last: int) -> list[str]:
    """Hedges and negations spoken next to the match ``stream[first:last + 1]`` and cut.

    Only when the quote's first (last) printed word was heard there: otherwise the edge of
    the match is not the edge of the quote. Returns ``changes`` entries, said→printed:
    ``hedge cut: je pense que``, ``hedge cut: je crois``, ``negation cut: pas``.
    """
    printed = [op for op in ops if op.printed and op.kind != "inserted"]
    if not printed:
        return []
    out: list[str] = []
    if printed[0].kind in (REPLACED, ADDED) and scale_of(printed[0].printed or ""):
        # "Certaines innovations…" printed where "toutes les innovations" was said: the
        # quantifier stands just before the match, which starts at "les".
        said = stream.tokens(max(0, first - 2), first + 1)
        swapped = next((w for w in said if opposed(printed[0].printed or "", w)), None)
        if swapped:
            out.append(f"quantifier: {swapped}→{printed[0].printed}")
    width = len(max(_LEAD, key=len)) + int(BOUNDARY_RULES["lead_gap_words"])
    if printed[0].kind in (KEPT, CHANGED):
        lo = _clause_start(stream, first, width)
        hedge = lead_hedge(stream.tokens(lo, first))
        if hedge:
            out.append(f"hedge cut: {hedge}")
    hi = _clause_end(stream, last, len(max(_TAIL, key=len)) + 1)
    if printed[-1].kind == REPLACED and last > first:
        # The quote's last word misheard as the hedge's first ("Le Maire | peut-être"
        # heard "Lomer peut | être"): a hedge of several words starts inside the match.
        hedge = tail_hedge(stream.tokens(last - 1, last)[0], stream.tokens(last, hi))
        if hedge and len(hedge.split()) > 1:
            out.append(f"hedge cut: {hedge}")
    if printed[-1].kind in (KEPT, CHANGED):
        after, final = stream.tokens(last + 1, hi), stream.tokens(last, last + 1)[0]
        hedge = tail_hedge(final, after)
        if hedge:
            out.append(f"hedge cut: {hedge}")
        negation = tail_negation(final, after)
        if negation:
            out.append(f"negation cut: {negation}")
    return out


def _clause_start(stream: Stream, first: int, width: int) -> int:
    """The first of at most ``width`` tokens before ``first`` with no long pause between."""
    lo = first
    while lo > 0 and first - lo < width and not _pause(stream, lo - 1, lo):
        lo -= 1
    return lo


def _clause_end(stream: Stream, last: int, width: int) -> int:
    """One past the last of at most ``width`` tokens after ``last`` with no long pause."""
    hi = last + 1
    while hi < len(stream.codes) and hi - last <= width and not _pause(stream, hi - 1, hi):
        hi += 1
    return hi


def _pause(stream: Stream, a: int, b: int) -> bool:
    """Whether the speech stops between tokens ``a`` and ``b`` (NaN times: no pause known)."""
    return bool(stream.start[b] - stream.end[a] > BOUNDARY_RULES["pause_seconds"])
