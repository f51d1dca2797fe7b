"""Clues that name a speaker in a transcript: introductions ("je suis X"), hand-offs ("la
parole est à X", "Madame X ?") and thanks ("merci X"), and the resolution of the words they
give to a person (``Names``). Used by ``tag.naming`` (labelled turns) and ``tag.spans``
(named spans when a transcript has no labels).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS
from spacy.lang.fr.stop_words import STOP_WORDS as FRENCH_STOP_WORDS

from coopanalysis.text.normalize import fold

__all__ = ["EVIDENCE_RULES", "Evidence", "Names", "match_clues"]

# A run of one to three words that may be a name; checked by ``Names.resolve``.
_WORDS = r"(?P<name>[\w'’-]+\.?(?:[ \t]+[\w'’-]+){0,2})"

# Titles and honorifics said before a name, French and English (a regex alternation).
_TITLE_WORDS = (r"madame|monsieur|mademoiselle|mme|mlle|m\.|ma[iî]tre|docteure?|dr\.?|"
                r"professeure?|pr[ée]sidente?|madam|mrs?\.?|ms\.?|miss|council ?member|"
                r"commissioner|chair(?:wo)?man|president|vice[ -]mayor|mayor|senator|"
                r"s[ée]nat(?:eur|rice)|d[ée]put[ée]e?|pro tem")
_TITLE_RE = re.compile(rf"^(?:{_TITLE_WORDS})$", re.IGNORECASE)

# Rules are data: (source, direction, pattern). ``direction`` says whose turn the name is:
# "self" the speaker's own (an introduction), "next" the next turn of another label (the
# moderator gives the floor), "previous" the turn before (the moderator thanks). Forms are
# those of French and English broadcast talk: a host opens by "je suis X" and hands over
# by naming ("X, vous avez la parole", "Madame X ?") then thanks ("merci X").
EVIDENCE_RULES: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (source, direction, re.compile(pattern, re.IGNORECASE)) for source, direction, pattern in (
        ("introduction", "self", rf"\b(?:je suis|je m['’]appelle|moi,? c['’]est) {_WORDS}"),
        ("introduction", "self", rf"\b(?:this is|i['’]m|i am|my name is) {_WORDS}"),
        # "X, je suis maire…" introduces X; "X, je suis d'accord" addresses X: an attitude
        # after "je suis" is not who one is.
        ("introduction", "self", rf"^{_WORDS}, je suis\b(?! (?:pas|plus|d['’]accord|très|"
                                 r"tout à fait|assez|un peu|ravie?|contente?|désolée?|"
                                 r"surprise?|sûre?|convaincue?|inquiète?|inquiet|heureuse?|"
                                 r"heureux|étonnée?|choquée?|partagée?))"),
        ("hand-off", "previous", rf"\bmerci(?: beaucoup| bien)?,? {_WORDS}"),
        ("hand-off", "previous", rf"\bthank you,? {_WORDS}"),
        ("hand-off", "next", rf"\bje me tourne vers {_WORDS}"),
        ("hand-off", "next", rf"\bla parole (?:est )?à {_WORDS}"),
        # A title then a name, calling on someone ("Madame Durand ?", "councilmember
        # kalb?"); not after an article ("le président Dupont, lui…" speaks of him).
        ("hand-off", "next", r"(?<!\ble )(?<!\bla )(?<!\bdu )(?<!\bau )(?<!\bthe )"
                             rf"\b(?P<name>(?:{_TITLE_WORDS})[ \t]+[\w'’-]+"
                             r"(?:[ \t]+[\w'’-]+)?)\s*[,?]"),
        ("hand-off", "next", rf"(?:^|[.!?] ){_WORDS},? (?:vous avez la parole|à vous|"
                             r"qu['’]en pensez-vous|votre avis)"),
        ("hand-off", "next", rf"\bet vous,? {_WORDS}\s*\?"),
    ))

# Words a capital letter does not make a name (sentence starts, titles, greetings).
_NOT_NAMES = frozenset(fold(w) for w in (
    "alors", "bon", "bien", "oui", "non", "merci", "bonjour", "bonsoir", "et", "mais", "donc",
    "madame", "monsieur", "mesdames", "messieurs", "maire", "le", "la", "les", "un", "une",
    "vous", "je", "nous", "tous", "toutes", "à", "pour", "avec", "well", "so", "okay", "yes",
    "no", "and", "the", "hello", "in", "from", "thank", "thanks",
    # role nouns said after a title ("Madame la Présidente", "MADAM Chair")
    "chair", "clerk", "president", "presidente", "ministre", "minister", "prefet",
    "prefete", "secretaire", "secretary", "rapporteur", "rapporteure", "directeur",
    "directrice", "everyone", "everybody", "all"))
# Common words never taken for a lowercase name after a title.
_COMMON_WORDS = frozenset(FRENCH_STOP_WORDS | ENGLISH_STOP_WORDS)
# Fuzzy equality of two folded names (ASR spellings: "manon loiselle" / "Manon Loiseau").
_FUZZY = 0.82


@dataclass(frozen=True)
class Evidence:
    """One clue: ``name`` is the speaker of ``label``'s turn, says ``text`` at ``start``."""

    label: str
    name: str
    source: str
    text: str
    start: float
    said_by: str


class Names:
    """Resolves word runs to people: the article's, else names the transcript spells out."""

    def __init__(self, people: Iterable[str]):
        self.people = list(dict.fromkeys(p.strip() for p in people if p and p.strip()))

    def resolve(self, words: str) -> str | None:
        """The person ``words`` start with: one of ``people`` (fuzzily), else a run of
        capitalised words, else, right after a title ("councilmember kalb"), a lowercase
        word that is no common word (auto-captions write names in lowercase)."""
        tokens = words.split()
        titled = False
        for size in (2, 1):  # "council member kalb", "Madame Durand"
            if len(tokens) > size and _TITLE_RE.match(" ".join(tokens[:size]).strip(" ,;:!?")):
                tokens, titled = tokens[size:], True
                break
        for size in range(len(tokens), 0, -1):  # the longest run that is a name
            candidate = " ".join(tokens[:size]).strip(" ,.;:!?'’")
            person = self._person(candidate)
            if person:
                return person
            if self._capitalized(tokens[:size]) or (titled and _lowercase_name(tokens[:size])):
                return candidate
        return None

    def _person(self, candidate: str) -> str | None:
        key = fold(candidate)
        if not key:
            return None
        scored = []
        for person in self.people:
            full = fold(person)
            parts = full.split()
            ratio = max([difflib.SequenceMatcher(None, key, full).ratio()]
                        + [difflib.SequenceMatcher(None, key, p).ratio() for p in parts
                           if len(key.split()) == 1 and len(p) > 2])
            scored.append((ratio, person))
        good = [p for r, p in scored if r >= _FUZZY]
        return good[0] if len(good) == 1 else None  # two people fit: not a name we can tell

    @staticmethod
    def _capitalized(tokens: Sequence[str]) -> bool:
        words = [t.strip(" ,.;:!?") for t in tokens]
        return bool(words) and all(
            w[:1].isupper() and fold(w) not in _NOT_NAMES and len(w) > 1 for w in words)


def _lowercase_name(tokens: Sequence[str]) -> bool:
    """One or two lowercase words that may be a surname: letters only, no common word."""
    words = [t.strip(" ,.;:!?") for t in tokens]
    return 0 < len(words) <= 2 and all(
        len(w) > 2 and w.replace("-", "").replace("'", "").isalpha()
        and fold(w) not in _NOT_NAMES and w.lower() not in _COMMON_WORDS for w in words)


def match_clues(text: str, names: Names) -> list[tuple[str, str, str, int]]:
    """(source, direction, name, end offset) of every clue of ``EVIDENCE_RULES`` in ``text``.

    Thanks followed by a question ("merci, Madame Durand ?", "thank you, councilmember
    kalb?") thank the last speaker and call on the next one: the name is the next turn's.
    """
    found: list[tuple[str, str, str, int]] = []
    spans: list[tuple[int, int]] = []
    for source, direction, pattern in EVIDENCE_RULES:
        for match in pattern.finditer(text):
            name = names.resolve(match.group("name"))
            if not name:
                continue
            if direction == "previous" and text[match.end():].lstrip().startswith("?"):
                direction = "next"
            span = match.span("name")
            # One mention, one clue: "merci Madame Durand," is thanks, not also a call.
            if any(a < span[1] and span[0] < b for a, b in spans):
                continue
            found.append((source, direction, name, match.end()))
            spans.append(span)
    return found
