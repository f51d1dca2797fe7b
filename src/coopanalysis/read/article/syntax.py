"""People from sentence structure (spaCy's dependency parse), for what surface rules miss.

A person entity in apposition to a role noun ("L'adjointe aux affaires scolaires, Nadia
Ferhat, a détaillé…") is presented with that role; a person entity (or that role noun) as
the subject of a reporting verb speaks. See ``docs/article.md`` (attribution).
"""

from __future__ import annotations

from typing import Any

from coopanalysis.read.article import rules
from coopanalysis.text.normalize import fold

#: Dependency labels of a subject, and of a name attached to a noun before it.
SUBJECT_DEPS = ("nsubj", "nsubj:pass")
APPOSITION_DEPS = ("appos", "conj")
#: At most this many tokens in a role phrase taken from the parse.
ROLE_MAX_TOKENS = 8


def parsed_people(parsed: Any) -> list[tuple[int, int, str | None, bool]]:
    """(start, end, role phrase before the name or None, subject of a reporting verb) for
    each person entity of a parsed paragraph."""
    found: list[tuple[int, int, str | None, bool]] = []
    for ent in parsed.ents:
        if ent.label_ != "PER":
            continue
        token, role = ent.root, None
        head = token.head
        if (token.dep_ in APPOSITION_DEPS and head.i < ent.start and head.is_alpha
                and head.text.islower() and 0 < ent.start - head.i <= ROLE_MAX_TOKENS
                and parsed[ent.start - 1].text == ","):
            role = parsed[head.i:ent.start - 1].text.strip(" ,")
            token = head
        speaks = (token.dep_ in SUBJECT_DEPS
                  and (fold(token.head.text) in rules.REPORTING_VERBS))
        if role or speaks:
            found.append((ent.start_char, ent.end_char, role, speaks))
    return found
