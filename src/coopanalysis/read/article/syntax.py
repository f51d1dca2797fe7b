"""People from sentence structure (spaCy's dependency parse), for what surface rules miss.

A person entity in apposition to a role noun ("L'adjointe aux affaires scolaires, Nadia
Ferhat, a détaillé…") is presented with that role; a person entity (or that role noun) as
the subject of a reporting verb speaks. The subject of the clause that introduces a
quotation ("Un berger a interpellé la préfète : « … »") says who speaks, whatever other
people the clause names. See ``docs/article.md`` (attribution).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from coopanalysis.read.article import rules
from coopanalysis.text.normalize import fold

#: Dependency labels of a subject, and of a name attached to a noun before it.
SUBJECT_DEPS = ("nsubj", "nsubj:pass")
APPOSITION_DEPS = ("appos", "conj")
#: At most this many tokens in a role phrase taken from the parse.
ROLE_MAX_TOKENS = 8
#: Determiners opening a noun phrase that designates someone ("la cheffe", "une commerçante").
DETERMINERS: frozenset[str] = frozenset({
    "le", "la", "l'", "l’", "les", "un", "une", "des", "ce", "cet", "cette", "ces"})
#: Subject pronouns that refer back to a person (the pronoun rules resolve them).
PERSON_PRONOUNS: frozenset[str] = frozenset({"il", "elle", "ils", "elles"})
#: Determiners and words that open a subject naming someone the article does not identify:
#: "un berger", "une habitante", "plusieurs parents", "quelqu'un".
INDEFINITE_OPENERS: frozenset[str] = frozenset({
    "un", "une", "des", "plusieurs", "quelques", "certains", "certaines", "d'autres",
    "quelqu'un", "quelqu'une", "chacun", "chacune", "beaucoup", "nombre"})


@dataclass(frozen=True)
class Subject:
    """The grammatical subject of the clause that introduces a quotation.

    ``start``/``end``: character offsets of the whole subject phrase in the paragraph;
    ``text``: the phrase as printed; ``is_pronoun``: it is "il"/"elle"/"ils"/"elles";
    ``indefinite``: it opens with an indefinite word ("un berger").
    """

    start: int
    end: int
    text: str
    is_pronoun: bool
    indefinite: bool


def introducing_subject(parsed: Any, start: int, end: int) -> Subject | None:
    """The subject of the speech verb nearest before a quotation, in ``start:end`` (the
    prose before it, same sentence): "Un berger a interpellé la préfète : « … »" gives "Un
    berger"; "X rappelle que les élus ont un rôle… :" gives X (only a verb of
    ``rules.REPORTING_VERBS`` counts). None when there is no such clause ("Selon X, « … »",
    "Pour X, l'élu doit… :") or its subject follows the verb ("comme le dit X :"): the
    surface rules decide."""
    if parsed is None:
        return None
    region = [t for t in parsed if start <= t.idx and t.idx + len(t) <= end]
    # An active verb only: "un appel à projets serait lancé" is not someone speaking.
    clauses = [(verb, child) for verb in region for child in verb.children
               if child.dep_ in SUBJECT_DEPS and start <= child.idx < end
               and fold(verb.text) in rules.REPORTING_VERBS
               and not any(c.dep_ == "aux:pass" for c in verb.children)]
    if not clauses:
        return None
    verb, head = max(clauses, key=lambda pair: pair[0].i)
    left, right = head.left_edge, head.right_edge
    if right.i >= verb.i or left.idx < start:
        return None  # an inverted subject, or one that starts before the sentence
    return Subject(left.idx, right.idx + len(right), parsed[left.i:right.i + 1].text,
                   left.i == right.i and fold(head.text) in PERSON_PRONOUNS,
                   fold(left.text) in INDEFINITE_OPENERS)


#: Endings of French agent nouns (people by what they do): "randonneuse", "riverain"…
AGENT_NOUN_RE = re.compile(r"(?:euse|eur|rice|iste|ienne|ien|ière|ier|ante|ant|aine|ain)$")


def person_subjects(parsed: Any, start: int, end: int
                    ) -> list[tuple[int, int, str, str, bool]]:
    """Subjects in ``start:end`` that designate a person by a common noun with a determiner
    ("La cheffe de projet du syndicat détaille…", "Une commerçante … prend la parole"):
    ``(start, end, text, head noun folded, indefinite)`` of each. A pronoun after them
    refers to that person."""
    if parsed is None:
        return []
    found = []
    for token in parsed:
        if not (start <= token.idx < end) or token.dep_ not in SUBJECT_DEPS:
            continue
        left = token.left_edge
        indefinite = fold(left.text) in INDEFINITE_OPENERS
        if fold(left.text) not in DETERMINERS or not (
                fold(token.text) in rules.PERSON_NOUNS
                # "Une randonneuse prend le micro": an agent noun after "un/une".
                or (indefinite and token.is_lower
                    and AGENT_NOUN_RE.search(token.text))):
            continue
        right = token.right_edge
        found.append((left.idx, right.idx + len(right), parsed[left.i:right.i + 1].text,
                      fold(token.text), indefinite))
    return found


def parsed_people(parsed: Any) -> list[tuple[int, int, str | None, bool]]:
    """(start, end, role phrase before the name or None, subject of a reporting verb) for
    each person entity of a parsed paragraph."""
    found: list[tuple[int, int, str | None, bool]] = []
    for ent in parsed.ents:
        if ent.label_ != "PER":
            continue
        token, role = ent.root, None
        while token.dep_ == "flat:name" and token.head.i < token.i:
            token = token.head  # "M. Joël Cadiou": the title heads the name in the parse
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


def is_subject_at(parsed: Any, start: int) -> bool:
    """Is the name starting at character ``start`` the subject of its clause ("Mélanie X
    a répondu à Yasmine Y": X is, Y is not)?"""
    if parsed is None:
        return False
    token = next((t for t in parsed if t.idx == start), None)
    if token is None:
        return False
    while token.dep_ == "flat:name" and token.head.i < token.i:
        token = token.head
    return token.dep_ in SUBJECT_DEPS
