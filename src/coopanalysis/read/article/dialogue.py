"""Dialogues printed line by line ("— …" under "— …"): whose voice each line is.

French dialogue changes the voice at each dash. ``qa.py`` marks the lines (``Span.dialogue``);
the ordinary rules attribute the lines with an incise ("…, répond B"); the functions here give
the other lines their voice afterwards, from the lines around them or from a lead-in naming
the two people ("Un échange s'engage alors entre A et B :").
"""

from __future__ import annotations

from typing import Any

from coopanalysis.read.article.layout import Paragraph
from coopanalysis.read.article.nested import is_nested
from coopanalysis.read.article.rows import lead_in_sentence


def lead_in_pair(para: Paragraph) -> tuple[str, str] | None:
    """The two speakers a lead-in names for the dialogue after it ("Un échange s'engage
    alors entre M. Lavit et Mme Ferracci :"), in the order named; None unless exactly two."""
    start = lead_in_sentence(para, quotes_allowed=True)
    if start is None:
        return None
    named = list(dict.fromkeys(m.speaker for m in para.mentions if m.start >= start))
    return (named[0], named[1]) if len(named) == 2 else None


def alternate_dialogue(rows: list[dict[str, Any]]) -> None:
    """In a dialogue printed line by line, each dash changes the voice. A line without an
    incise takes the voice of the line before last when the two lines before it are two
    different people ("— Combien ? demande A. / — Tant, répond B. / — Et l'an prochain ? /
    — Pas encore."), or, after a lead-in naming two people ("Un échange entre A et B :",
    ``Row _voices``), the voices in turn from the first line."""
    lines: list[list[dict[str, Any]]] = []
    for row in rows:
        if is_nested(row) or row["kind"] == "term" or not row.get("_dialogue"):
            if row["kind"] != "term" and not is_nested(row):
                lines.append([])  # prose between: a new exchange
            continue
        if lines and lines[-1] and lines[-1][0]["_line"] == row["_line"]:
            lines[-1].append(row)
        else:
            lines.append([row])

    def voice(line: list[dict[str, Any]]) -> str | None:
        return next((r["speaker"] for r in line if r["speaker"] is not None), None)

    def open_line(line: list[dict[str, Any]]) -> bool:
        return bool(line) and voice(line) is None and not any(
            r.get("_blocked") and r["_dialogue"] != "question" for r in line)

    seed: tuple[str, str] | None = None
    turn = 0
    for index, line in enumerate(lines):
        if not line:
            seed = None
            continue
        if line[0].get("_voices"):
            seed, turn = line[0]["_voices"], 0
        if seed is not None:
            if open_line(line):
                for row in line:
                    row["speaker"], row["attribution"] = seed[turn % 2], "dialogue"
            elif voice(line) in seed:
                turn = seed.index(voice(line))
            turn += 1
            continue
        if index < 2 or not open_line(line):
            continue
        first, second = voice(lines[index - 2]), voice(lines[index - 1])
        if first is not None and second is not None and first != second:
            for row in line:
                row["speaker"], row["attribution"] = first, "dialogue"
