"""Transcript noise or editing: the evidence for one printed word the captions did not give.

A printed content word not heard at its place, with its neighbours heard, is either the
writer's edit or the transcript's error. Evidence, from the transcript itself: Whisper's
word ``probability`` next to it (a confident transcript rarely drops a word; a doubtful one
often does), and how the transcript renders that word elsewhere (never as printed while a
word that sounds like it occurs: the recogniser does not know the word). ``edge_ops``
aligns the printed words of a quote's unheard ends with the speech next to the match.
Definitions and rules: ``docs/align.md`` ("Verdicts").
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from coopanalysis.align.diff import ADDED, CHANGED, CUT, KEPT, REPLACED, Op
from coopanalysis.align.rules import NOISE_RULES
from coopanalysis.align.tokens import Stream
from coopanalysis.text.lexicon import FILLERS, FUNCTION_WORDS
from coopanalysis.text.phonetic import SOUNDS_ALIKE, phonetic_key

#: Kind of the spoken words next to a match whose printed ends were not heard and could not
#: be anchored: compared for numbers and quantifiers only (``verdict._gaps``).
EDGE = "edge"

__all__ = ["EDGE", "content_word", "edge_ops", "noise_words", "spoken_probabilities"]


def content_word(word: str, compounds: frozenset[str] = frozenset()) -> bool:
    """A folded token that carries content: not a function word, filler or bare digit.

    Three letters or more, or a part of a hyphenated compound of the texts compared
    (``compounds``: "mi" of "mi-temps" is as much content as "plein" of "plein temps").
    """
    if word in FUNCTION_WORDS or word in FILLERS or word.isdigit():
        return False
    return len(word) >= 3 or word in compounds


def compound_parts(*texts: str) -> frozenset[str]:
    """Folded parts of the hyphenated words of ``texts`` ("mi-temps" → {"mi", "temps"})."""
    from coopanalysis.text.normalize import fold

    parts: set[str] = set()
    for text in texts:
        if "-" not in text:
            continue
        for word in text.split():
            if "-" in word.strip("-"):
                parts.update(p for p in fold(word).strip(".,;:!?»«\"()").split("-")
                             if p.isalpha())
    return frozenset(parts)


def spoken_probabilities(ops: Sequence[Op], stream: Stream, first: int) -> list[float]:
    """Whisper's probability of each op's spoken word (NaN when unknown or no spoken word).

    The spoken tokens of ``ops`` are the stream's from ``first`` on, in order; fillers put
    back by the aligner are not in the stream and get NaN.
    """
    out = [math.nan] * len(ops)
    probability = stream.unit_probability
    if probability is None:
        return out
    position = first
    for i, op in enumerate(ops):
        if not op.spoken or op.spoken in FILLERS:
            continue
        if position >= len(stream.unit):
            break
        out[i] = float(probability[int(stream.unit[position])])
        position += 1
    return out


def noise_words(ops: Sequence[Op], stream: Stream, first: int) -> tuple[set[int], list[str]]:
    """Printed content words not heard that are plausibly the transcript's errors.

    Returns the indices in ``ops`` of those words and the notes for the warning. A word
    counts when it is alone in its gap (its neighbours heard, at most one word spoken in
    its place) and the evidence does not say the transcript heard that place well:

    - nothing or a function word heard in its place: captions drop and garble words; with
      word probabilities, only when the neighbours were heard with less than
      ``confident`` probability (a confident transcript rarely drops a word);
    - nothing or a function word heard with confident neighbours, when the transcript never
      writes the printed word while it writes a word that sounds like it elsewhere
      (``renders_as``): the recogniser does not know the word;
    - another content word heard with less than ``low_probability``. (A content word
      heard that does not sound like the printed one is still a ``word`` change for the
      meaning checks: the evidence only decides verbatim against edited.)
    """
    probabilities = spoken_probabilities(ops, stream, first)
    found: set[int] = set()
    notes: list[str] = []
    for i, op in enumerate(ops):
        if op.kind not in (ADDED, REPLACED) or not content_word(op.printed):
            continue
        left = _heard_neighbour(ops, i, -1)
        right = _heard_neighbour(ops, i, 1)
        if left is None or right is None:
            continue
        gap = ops[left + 1: right]
        if sum(1 for g in gap if g.printed) != 1 or sum(
                1 for g in gap if g.spoken and g.spoken not in FILLERS) > 1:
            continue
        spoken = op.spoken or next((g.spoken for g in gap if g.spoken
                                    and g.spoken not in FILLERS), "")
        around = [p for p in (probabilities[left], probabilities[right]) if p == p]
        reason = None
        if not spoken or not content_word(spoken):
            if not around or min(around) < NOISE_RULES["confident"]:
                reason = "not heard"
            else:
                rendered = renders_as(stream, op.printed)
                if rendered:
                    reason = f"the transcript never has it, has {rendered}"
        else:
            p = next((probabilities[k] for k in range(left + 1, right)
                      if probabilities[k] == probabilities[k]), math.nan)
            if p == p and p < NOISE_RULES["low_probability"]:
                reason = f"heard with probability {p:.2f}"
        if reason:
            found.add(i)
            shown = f"{op.printed}→{spoken}" if spoken else op.printed
            notes.append(f"{shown} ({reason})")
    if notes:
        notes = [f"printed words taken as transcript noise: {'; '.join(notes)} "
                 "(check the replay)"]
    return found, notes


def _heard_neighbour(ops: Sequence[Op], i: int, step: int) -> int | None:
    """The nearest printed word heard from ``ops[i]`` on (``step`` ±1), spoken-only steps
    passed over; None at the quote's end or when another printed word is not heard first."""
    j = i + step
    while 0 <= j < len(ops):
        if ops[j].kind in (KEPT, CHANGED):
            return j
        if ops[j].printed:
            return None
        j += step
    return None


def renders_as(stream: Stream, word: str) -> str | None:
    """A word of the transcript that sounds like ``word`` when ``word`` itself never occurs.

    None when the transcript has ``word`` (it can render it) or nothing sounds like it.
    The vocabulary's sound keys are computed once per stream, on the first call.
    """
    if word in stream.vocab:
        return None
    key = phonetic_key(word)
    if len(key) < 3:
        return None
    if stream.sound_keys is None:
        stream.sound_keys = [phonetic_key(w) if len(w) >= 3 else "" for w in stream.vocab_list]
    best = process.extractOne(key, stream.sound_keys, scorer=fuzz.ratio,
                              score_cutoff=100 * max(SOUNDS_ALIKE, NOISE_RULES["renders_as"]))
    return stream.vocab_list[best[2]] if best else None


def edge_ops(printed: Sequence[str], spoken: Sequence[str], *, tail: bool) -> list[Op] | None:
    """The unheard printed words of one end aligned with the speech next to the match.

    ``printed``: the end's printed words (reading order); ``spoken``: the spoken tokens
    after the match (``tail``) or before it (reading order). Anchored on printed content
    words heard there (same word or a spelling variant, in order): the words before an
    anchor are compared as a gap ("mais avec des problèmes" said "sans problème": the
    anchor is "problème", the gap "avec des" against "sans"). None without an anchor: the
    speech there may be the next sentence, only numbers and quantifiers are compared.
    """
    p = list(printed) if tail else list(printed)[::-1]
    s = list(spoken) if tail else list(spoken)[::-1]
    pairs: list[tuple[int, int, bool]] = []
    j = 0
    for i, word in enumerate(p):
        if not content_word(word):
            continue
        for k in range(j, len(s)):
            if s[k] == word or fuzz.ratio(s[k], word) >= NOISE_RULES["variant_ratio"]:
                pairs.append((i, k, s[k] == word))
                j = k + 1
                break
    if not pairs:
        return None
    ops: list[Op] = []
    pi = sj = 0
    for i, k, same in pairs:
        ops += [Op(ADDED, printed=w) for w in p[pi:i]]
        ops += [Op(CUT, spoken=w) for w in s[sj:k]]
        ops.append(Op(KEPT if same else CHANGED, p[i], s[k]))
        pi, sj = i + 1, k + 1
    rest = p[pi:]
    ops += [Op(ADDED, printed=w) for w in rest]
    if rest:  # printed words past the last anchor: the speech there, as an unanchored edge
        ops += [Op(EDGE, spoken=w) for w in s[sj: sj + len(rest) + 1]]
    return ops if tail else ops[::-1]
