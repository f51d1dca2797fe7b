"""What was really said: the word-level edit, fidelity and verdict of one aligned quote.

The aligner (:mod:`coopanalysis.align.aligner`) produces a list of :class:`Op` — one per printed
word and per spoken word it passed over — and this module turns them into the three
fact-check columns of ``schema.ALIGNED``:

- ``diff``: a readable word-level edit, operations separated by ``" | "``::

      = l avenir de nos territoires | - euh donc | ~ batit→bati | + seul | […] - dit il

  ``=`` printed and spoken, ``~`` printed and spoken with another spelling (an ASR
  variant or a grammatical change: ``territoire``/``territoires``), ``!`` printed word
  replaced by another spoken word (``! printed→spoken``), ``+`` printed but not spoken,
  ``-`` spoken but cut by the writer (``[…] -`` when the article marks the cut with an
  ellipsis), ``[x]`` an editorial insertion in brackets (not expected in the speech).
- ``fidelity``: the share of printed words that were spoken, in order (``=`` and ``~``).
- ``verdict``: ``verbatim`` (every printed word spoken, nothing cut but repetitions, no
  filler dropped, numbers written as said, no bracketed insertion),
  ``edited`` (cuts, marked or not, spelling variants, a few isolated words not heard —
  ASR errors look like that), ``altered`` (a run of printed words that were not said,
  fidelity below the threshold, or a spoken negation cut without a mark). A printed
  negation that was not heard is reported by ``notes`` (ASR drops "pas" too).

Words are compared after ``textnorm.match_tokens`` (folded, fillers dropped, numbers in
words), so accents, capitals, punctuation, fillers and ``10``/``dix`` never count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coopanalysis.text.lexicon import NEGATIONS

#: Kinds of operation, in the order ``diff`` writes them.
KEPT, VARIANT, REPLACED, ADDED, CUT, MARKED_CUT, INSERTION = "=", "~", "!", "+", "-", "[…] -", "[]"

#: Verdict thresholds. ASR captions mishear isolated words (about one in seven at 15 %
#: word error), so one missing word is not proof of an invented quote; a run of missing
#: printed words is. These values keep every half-invented benchmark quote ``altered``
#: and 15 %-noise verbatim quotes ``edited`` (see docs/align.md).
VERDICT_RULES: dict[str, float] = {
    "altered_below_fidelity": 0.75,   # fewer than 3 printed words in 4 were heard
    "altered_missing_run": 3,         # this many consecutive printed words not heard
    "negation_cut_words": 2,          # a cut this short that removes a negation reverses it
}



@dataclass(frozen=True)
class Op:
    """One step of a word alignment.

    Attributes:
        kind: one of ``KEPT``, ``VARIANT``, ``REPLACED``, ``ADDED``, ``CUT``, ``MARKED_CUT``,
            ``INSERTION``.
        printed: the printed word (folded token), ``""`` for spoken-only steps.
        spoken: the spoken word (folded token), ``""`` for printed-only steps.
    """

    kind: str
    printed: str = ""
    spoken: str = ""


def format_diff(ops: Sequence[Op]) -> str:
    """Group consecutive operations of one kind: ``"= a b c | - euh | + d"``."""
    groups: list[tuple[str, list[str]]] = []
    for op in ops:
        word = _op_word(op)
        if groups and groups[-1][0] == op.kind and op.kind != INSERTION:
            groups[-1][1].append(word)
        else:
            groups.append((op.kind, [word]))
    return " | ".join(_group_text(kind, words) for kind, words in groups)


def fidelity(ops: Sequence[Op]) -> float:
    """Share of printed words spoken in order (``KEPT`` or ``VARIANT``); NaN without words."""
    printed = [op for op in ops if op.kind in (KEPT, VARIANT, REPLACED, ADDED)]
    if not printed:
        return float("nan")
    spoken = sum(op.kind in (KEPT, VARIANT) for op in printed)
    return spoken / len(printed)


def verdict(ops: Sequence[Op], *, other_edits: bool = False) -> str:
    """``verbatim``, ``edited`` or ``altered`` (rules in ``VERDICT_RULES`` and ``NEGATIONS``).

    ``other_edits``: the writer changed what the words do not show (fillers dropped,
    numbers written in digits): such a quote is at best ``edited``.
    """
    value = fidelity(ops)
    if value != value:  # NaN: nothing printed to check
        return "altered"
    if value < VERDICT_RULES["altered_below_fidelity"]:
        return "altered"
    if longest_missing_run(ops) >= VERDICT_RULES["altered_missing_run"]:
        return "altered"
    if _negation_changed(ops):
        return "altered"
    if other_edits or not all(op.kind == KEPT or _is_repetition(ops, i)
                              for i, op in enumerate(ops)):
        return "edited"
    return "verbatim"


def longest_missing_run(ops: Sequence[Op]) -> int:
    """Longest run of consecutive printed words that were not spoken (``+`` or ``!``)."""
    best = run = 0
    for op in ops:
        if op.kind in (ADDED, REPLACED):
            run += 1
            best = max(best, run)
        elif op.kind in (KEPT, VARIANT):
            run = 0
    return best


def notes(ops: Sequence[Op]) -> list[str]:
    """Doubts worth a warning: a printed negation that was not heard.

    ASR drops short words like "pas" too, so this is a warning, not an ``altered`` verdict.
    """
    missing = sorted({op.printed for op in ops
                      if op.kind in (ADDED, REPLACED) and op.printed in NEGATIONS})
    if not missing:
        return []
    return [f"printed negation not heard: {', '.join(missing)} (check the replay)"]


def _negation_changed(ops: Sequence[Op]) -> bool:
    """A spoken negation cut without a mark: "n'étaient pas les mêmes" → "étaient les mêmes".

    Only short cuts count (one or two words, inside a kept clause): a whole sentence left
    out between two printed ones may contain "pas" without reversing what is printed.
    """
    run: list[Op] = []
    for op in [*ops, Op(KEPT)]:
        if op.kind == CUT:
            run.append(op)
            continue
        if run and len(run) <= VERDICT_RULES["negation_cut_words"] and any(
                r.spoken in NEGATIONS for r in run):
            return True
        run = []
    return False


def _is_repetition(ops: Sequence[Op], index: int) -> bool:
    """A spoken word cut because the speaker said it twice ("je je pense")."""
    op = ops[index]
    if op.kind != CUT:
        return False
    neighbours = [ops[j] for j in (index - 1, index + 1) if 0 <= j < len(ops)]
    return any(n.spoken == op.spoken or n.printed == op.spoken for n in neighbours)


def _op_word(op: Op) -> str:
    if op.kind in (VARIANT, REPLACED):
        return f"{op.printed}→{op.spoken}"
    if op.kind in (CUT, MARKED_CUT):
        return op.spoken
    if op.kind == INSERTION:
        return f"[{op.printed}]"
    return op.printed


def _group_text(kind: str, words: list[str]) -> str:
    if kind == INSERTION:
        return " ".join(words)
    return f"{kind} {' '.join(words)}"
