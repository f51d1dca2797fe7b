"""Numbers in a verdict: the values a printed quote states against the speech's.

Printed and spoken numbers are compared as values (digits, words, thousands with any space,
percentages, approximate quantities, fractions), in order; a printed value the speech does
not state is a change, said→printed (``number: 350→150``). See ``docs/align.md`` (Verdicts).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from coopanalysis.align.diff import CHANGED, KEPT, REPLACED, Op
from coopanalysis.text.lexicon import FILLERS
from coopanalysis.text.normalize import fold, match_tokens
from coopanalysis.text.numbers import CARDINALS, NumberMention, numbers_in

#: Number words captions may cut short ("deuxè" for "deuxième"), longest first.
CUT_SHORT_NUMBERS: tuple[tuple[str, int], ...] = tuple(sorted(
    ((word, value) for word, value in CARDINALS.items() if len(word) >= 4),
    key=lambda pair: -len(pair[0])))


@lru_cache(maxsize=65536)
def is_number_word(token: str) -> bool:
    """Whether a folded token states a number ("dix", "2019", "troisieme")."""
    return bool(numbers_in(token))


def number_changes(printed_text: str, spoken_text: str,
                   ops: Sequence[Op]) -> tuple[list[str], list[str]]:
    """Printed values the speech does not state (values compared, not spellings).

    A spoken value the quote lacks is a cut, not a change; a printed value that is not
    spoken is paired, in order, with the spoken values the quote lacks: a change. A printed
    value with no spoken value to pair with may be a number the captions misheard as a
    word ("six" → "ici"): a note, not a change. A printed number whose words were all heard
    in the word alignment ("67" → "soizante sept", a variant of "soixante") is not missing.
    """
    if not any(is_number_word(op.printed) for op in ops if op.printed):
        return [], []  # nothing printed states a number (most quotes): nothing to compare
    if all(op.kind == KEPT for op in ops
           if (op.printed and is_number_word(op.printed))
           or (op.spoken and is_number_word(op.spoken))):
        return [], []  # every number word printed and spoken alike, in place: same values
    printed = numbers_in(printed_text)
    # "soixante euh sept" is 67: fillers do not split a spoken number.
    spoken = numbers_in(" ".join(w for w in spoken_text.split() if fold(w) not in FILLERS))
    left = Counter(m.value for m in spoken)
    heard = " ".join(op.printed for op in ops if op.kind in (KEPT, CHANGED))
    missing = []
    for mention in printed:
        tokens = f" {' '.join(match_tokens(mention.text))} "
        if left[mention.value] > 0:
            left[mention.value] -= 1
        elif tokens not in f" {heard} " or any(
                tokens in f" {' '.join(match_tokens(m.text))} " for m in spoken
                if left[m.value] > 0):
            # Not heard, or heard only as part of another spoken value ("trois" of "zéro
            # virgule trois": 0,3 said, 3 printed).
            missing.append(mention)
    if not missing:
        return [], []
    extra = []
    for mention in spoken:
        if left[mention.value] > 0:
            left[mention.value] -= 1
            extra.append(mention)
    changes = [f"number: {o.text}→{m.text}" for m, o in zip(missing, extra, strict=False)]
    lone = []
    for mention in missing[len(extra):]:
        heard_as = _cut_short_number(ops, mention) or _said_as_one(ops, mention)
        if heard_as is not None:
            changes.append(f"number: {heard_as}→{mention.text}")
        else:
            lone.append(mention.text)
    notes = [f"printed number not heard: {', '.join(lone)} (check the replay)"] if lone else []
    return changes, notes


def _cut_short_number(ops: Sequence[Op], mention: NumberMention) -> str | None:
    """The spoken word heard in place of a printed number word, when captions cut it short
    but kept a number's start with another value: "deuxè" (deuxième) where "troisième" is
    printed. None when the spoken word starts no number, or the same one."""
    printed = set(match_tokens(mention.text))
    for op in ops:
        if op.kind != REPLACED or op.printed not in printed or not op.spoken:
            continue
        for word, value in CUT_SHORT_NUMBERS:
            if (op.spoken.startswith(word) and op.spoken != word
                    and len(op.spoken) <= len(word) + 4 and value != mention.value):
                return op.spoken
    return None


def _said_as_one(ops: Sequence[Op], mention: NumberMention) -> str | None:
    """"un"/"une" said in place of a printed number ("dans un an" printed "dans dix ans"):
    the article is also the number one, a value the quote changed."""
    printed = set(match_tokens(mention.text))
    for op in ops:
        if (op.kind == REPLACED and op.printed in printed and op.spoken in ("un", "une")
                and mention.value != 1):
            return op.spoken
    return None

