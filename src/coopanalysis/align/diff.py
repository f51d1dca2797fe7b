"""What was really said: the word-level edit of one aligned quote, as data and as text.

The local alignment (:mod:`coopanalysis.align.local`) gives a list of :class:`Op`, one per
printed word and per spoken word it passed over. ``align_quotes`` stores them in the
``diff_ops`` column; the ``diff`` string, ``fidelity`` and ``verdict`` are derived from them
here, and :func:`diff_table` explodes them into the long ``schema.DIFF_OPS`` table.
Kinds, signs and verdict rules: ``docs/align.md`` ("Verdicts", "The diff as data").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import pandas as pd

from coopanalysis import schema
from coopanalysis.align.rules import VERDICT_RULES
from coopanalysis.errors import AlignmentError
from coopanalysis.text.lexicon import NEGATIONS

__all__ = ["Op", "diff_table", "fidelity", "format_diff", "longest_missing_run", "notes",
           "verdict"]

#: Kinds of operation, as ``diff_ops`` and ``DIFF_OPS.op`` name them.
KEPT = "kept"               # printed and spoken
CHANGED = "changed"         # printed and spoken with another spelling (ASR variant, agreement)
REPLACED = "replaced"       # printed word, another word spoken in its place
ADDED = "added"             # printed but not spoken
CUT = "cut"                 # spoken but cut by the writer
MARKED_CUT = "marked_cut"   # ... where the article marks the cut ("...", "[…]")
INSERTED = "inserted"       # an editorial insertion in brackets, not expected in the speech

#: The sign of each kind in the ``diff`` string (``"= kept | - cut | ~ printed→spoken"``).
SIGNS: dict[str, str] = {
    KEPT: "=", CHANGED: "~", REPLACED: "!", ADDED: "+", CUT: "-", MARKED_CUT: "[…] -",
    INSERTED: "[]",
}

#: Kinds that stand for a printed word (``fidelity`` counts them).
_PRINTED_KINDS = frozenset({KEPT, CHANGED, REPLACED, ADDED})


class Op(NamedTuple):
    """One step of a word alignment: ``(kind, printed, spoken)``.

    Attributes:
        kind: one of ``KEPT``, ``CHANGED``, ``REPLACED``, ``ADDED``, ``CUT``, ``MARKED_CUT``,
            ``INSERTED``.
        printed: the printed word (folded token; the bracketed text of an insertion),
            ``""`` for spoken-only steps.
        spoken: the spoken word (folded token), ``""`` for printed-only steps.
    """

    kind: str
    printed: str = ""
    spoken: str = ""


def as_data(ops: Iterable[Sequence[str]]) -> tuple[tuple[str, str, str], ...]:
    """The ``diff_ops`` value of a quote: plain ``(kind, printed, spoken)`` tuples."""
    return tuple((str(kind), str(printed), str(spoken)) for kind, printed, spoken in ops)


def format_diff(ops: Iterable[Sequence[str]]) -> str | None:
    """The ``diff`` string: consecutive operations of one kind grouped, ``" | "`` between.

    ``ops`` are :class:`Op` or ``(kind, printed, spoken)`` triples (a ``diff_ops`` value, also
    as read back from Parquet). ``"= a b c | - euh | ~ batit→bati | [x] | + d"``; None when
    there is no operation (an unmatched quote).
    """
    groups: list[tuple[str, list[str]]] = []
    for kind, printed, spoken in ops:
        word = _op_word(kind, printed, spoken)
        if groups and groups[-1][0] == kind and kind != INSERTED:
            groups[-1][1].append(word)
        else:
            groups.append((kind, [word]))
    if not groups:
        return None
    return " | ".join(_group_text(kind, words) for kind, words in groups)


def diff_table(aligned: pd.DataFrame) -> pd.DataFrame:
    """The word-level edits of ``align_quotes`` as a long table, one row per operation.

    Args:
        aligned: the ``align_quotes`` table (``quote_id`` and ``diff_ops`` columns); a
            ``diff_ops`` read back from CSV (JSON text) is accepted too.

    Returns:
        Columns of ``schema.DIFF_OPS``: ``quote_id``, ``position`` (0-based, reading order),
        ``op`` (the kinds of :class:`Op`), ``printed`` (NA for a spoken-only operation),
        ``spoken`` (NA for a printed-only one). Unmatched quotes have no rows.

    Raises:
        AlignmentError: when ``aligned`` has no ``quote_id`` or ``diff_ops`` column, or a
            ``diff_ops`` value is not a sequence of ``(kind, printed, spoken)``.
    """
    missing = [c for c in ("quote_id", "diff_ops") if c not in getattr(aligned, "columns", ())]
    if missing:
        raise AlignmentError(f"diff_table needs the align_quotes table; missing {missing}",
                             "<aligned>")
    rows: list[dict[str, Any]] = []
    for quote_id, ops in zip(aligned["quote_id"], aligned["diff_ops"], strict=True):
        for position, (kind, printed, spoken) in enumerate(_ops_of(ops, quote_id)):
            rows.append({"quote_id": quote_id, "position": position, "op": kind,
                         "printed": printed or pd.NA, "spoken": spoken or pd.NA})
    if not rows:
        return schema.empty(schema.DIFF_OPS)
    return schema.conform(pd.DataFrame(rows), schema.DIFF_OPS)


def _ops_of(value: Any, quote_id: Any) -> list[Sequence[str]]:
    if isinstance(value, str):  # a CSV export holds the tuples as JSON text
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            value = None
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return []
    ops = list(value)
    if not all(len(op) == 3 for op in ops):
        raise AlignmentError(f"diff_ops of quote {quote_id!r} is not a sequence of "
                             f"(kind, printed, spoken): {value!r}", "<aligned>")
    return ops


def fidelity(ops: Sequence[Op]) -> float:
    """Share of printed words spoken in order (``KEPT`` or ``CHANGED``); NaN without words."""
    printed = [op for op in ops if op.kind in _PRINTED_KINDS]
    if not printed:
        return float("nan")
    spoken = sum(op.kind in (KEPT, CHANGED) for op in printed)
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
        elif op.kind in (KEPT, CHANGED):
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


def _op_word(kind: str, printed: str, spoken: str) -> str:
    if kind in (CHANGED, REPLACED):
        return f"{printed}→{spoken}"
    if kind in (CUT, MARKED_CUT):
        return spoken
    if kind == INSERTED:
        return f"[{printed}]"
    return printed


def _group_text(kind: str, words: list[str]) -> str:
    if kind == INSERTED:
        return " ".join(words)
    return f"{SIGNS.get(kind, kind)} {_joined(words)}"


def _joined(words: list[str]) -> str:
    """Words joined by spaces, an elided word to the next without one ("l'équipe")."""
    out = ""
    for word in words:
        out += word if not out or out.endswith(("'", "’")) else f" {word}"
    return out
