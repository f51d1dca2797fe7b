"""Quotations inside a quotation: the words a speaker quotes get a row of their own.

A speaker who says « Comme le disait X, “…” » or « Mon père répétait : ‘…’ » reports someone
else's words: French newsroom usage keeps the inner marks (“ ” or ‘ ’ inside « », « »
inside an interview answer) so the reader can tell the two voices apart. The inner words are
a row right after their parent's, with no speaker — they are not the speaker's own, and the
person they come from is cited, not present (a wrong speaker is worse than none). A few
words only are a ``term`` ("beaucoup de « grandes ambitions »"). See ``docs/article.md``
(nested quotations).
"""

from __future__ import annotations

from typing import Any

from coopanalysis.read.article import rules
from coopanalysis.read.article.layout import Paragraph, Span

#: Opening marks of a nested quotation and the mark that closes each.
_PAIRS = {"«": "»", "“": "”", rules.SINGLE_OPEN: rules.SINGLE_CLOSE, "‹": "›"}


def nested_spans(para: Paragraph, span: Span) -> list[tuple[int, int]]:
    """(opening mark, closing mark) of each balanced quotation directly inside ``span``.

    A single mark (‘ ’) opens only after a space or punctuation and closes only before one,
    so that an apostrophe (’) is never read as a closing mark.
    """
    text = para.masked
    start = span.open + 1 if span.has_open_mark else span.open
    limit = min(span.close, len(text))
    found: list[tuple[int, int]] = []
    i = start
    while i < limit:
        char = text[i]
        closer = _PAIRS.get(char)
        if closer is None or not _opens(text, i):
            i += 1
            continue
        end = _closing(text, i + 1, limit, char, closer)
        if end is None:
            i += 1
            continue
        if text[i + 1:end].strip(" *_"):
            found.append((i, end))
        i = end + 1
    return found


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == rules.SINGLE_OPEN:
        return before in rules.SINGLE_OPEN_AFTER and not after.isspace()
    return True


def _closing(text: str, start: int, limit: int, opener: str, closer: str) -> int | None:
    depth = 0
    for j in range(start, limit):
        char = text[j]
        if char == opener and _opens(text, j):
            depth += 1
        elif char == closer and (closer != rules.SINGLE_CLOSE or _single_closes(text, j)):
            if depth == 0:
                return j
            depth -= 1
    return None


def _single_closes(text: str, j: int) -> bool:
    after = text[j + 1] if j + 1 < len(text) else " "
    return after in rules.SINGLE_CLOSE_BEFORE


def nested_kind(words: int) -> str:
    """A few words are a name for something (``term``); a sentence is someone's ``quote``."""
    return "term" if words <= rules.TERM_MAX_WORDS else "quote"


def is_nested(row: dict[str, Any]) -> bool:
    return bool(row.get("_nested"))
