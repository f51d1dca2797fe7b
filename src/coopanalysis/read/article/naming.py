"""Naming formulas: a person described, quoted, then named ("Elle s'appelle X", "X, c'est
son nom", "X, puisque c'est de lui qu'il s'agit", "Il s'agit de X").

The press first shows someone by what they do ("un éleveur a demandé le micro : « … »") and
names them in the next sentence with one of these formulas: the name is a speaker, and the
quotation just before is theirs.
"""

from __future__ import annotations

import re

from coopanalysis.read.article.layout import Paragraph
from coopanalysis.read.article.spans import sentence_end

#: Before the name: "Elle s'appelle X", "Il se nomme X", "Il s'agit de X".
FORMULA_BEFORE_RE = re.compile(
    r"(?:^|(?<=[.!?»)]\s))\s*(?:Il|Elle)\s+(?:s['’]appelle|se\s+nomme|s['’]agit\s+d['’]|"
    r"s['’]agit\s+de)\s*$")
#: After the name: ", c'est son nom", ", puisque c'est de lui qu'il s'agit".
FORMULA_AFTER_RE = re.compile(
    r"\s*,\s*(?:c['’]est\s+son\s+nom|(?:puisque|car)\s+c['’]est\s+d(?:e\s+lui|['’]elle)\s+"
    r"qu['’]il\s+s['’]agit)\b", re.IGNORECASE)


def named_by_formula(masked: str, start: int, end: int) -> bool:
    """Is the name at ``masked[start:end]`` given by a naming formula?"""
    return bool(FORMULA_BEFORE_RE.search(masked[max(0, start - 30):start])
                or FORMULA_AFTER_RE.match(masked, end))


def named_next(para: Paragraph, span_close: int) -> str | None:
    """The speaker named by a formula in the sentence right after the quotation closing at
    ``span_close`` ("« … » Franck Audouze, c'est son nom, a précisé…"), or None."""
    following = sentence_end(para, span_close)
    if following >= len(para.masked):
        return None
    limit = sentence_end(para, following)
    mention = next((m for m in para.mentions if following <= m.start < limit), None)
    if mention is None:
        return None
    lead = para.masked[following:mention.start]
    if (not lead.strip() or FORMULA_BEFORE_RE.search(lead)) and named_by_formula(
            para.masked, mention.start, mention.end):
        return mention.speaker
    return None
