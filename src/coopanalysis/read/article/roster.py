"""The attendance list of minutes and programmes: "Présents : M. Paul Roux, maire ; Mme Anne
Vidal, adjointe…", "Invité : le capitaine Jean Marty", "Intervenants : …".

Such a list names the people in the room, often the only place their first names appear;
the text then says "M. Roux", "Mme Vidal", "le capitaine Marty". Like every speaker found
in the text, a listed person stays in ``Article.speakers`` only when some quotation or
paraphrase is attributed to them (``parse_article``): an attendee who never speaks is not
a speaker. People listed as absent or excused are not in the room and are not read.
"""

from __future__ import annotations

import itertools
import re

from coopanalysis.read.article import rules
from coopanalysis.read.article.layout import Document, Speaker
from coopanalysis.read.article.spans import no_abbreviation_dots
from coopanalysis.text.normalize import fold

#: The label opening a list of people present at the event (French minutes and programmes).
ROSTER_LABEL_RE = re.compile(
    r"^[\s*_]*(?:(?i:présents?|présentes?|étaient\s+présents?|étaient\s+présentes?|invitée?s?"
    r"|intervenante?s?|participante?s?|avec|autour\s+de\s+la\s+table|en\s+présence\s+de"
    r"|panélistes?|orateurs?|oratrices?)[\s*_]*:\s*"
    # A role as the label: "Rapporteur : M. X", "Modératrice : Mme Y" (the role is theirs).
    r"|(?P<role>(?i:rapporteure?|présidente?|modérat(?:eur|rice)|animat(?:eur|rice)))"
    r"[\s*_]*:\s*"
    # "Présidence de Mme X, présidente de la mission." (a hearing's record).
    r"|(?i:(?:sous\s+la\s+)?présidence\s+de)\s+)")
#: A civil or professional title before a listed name ("M.", "Mme", "le capitaine").
_LISTED_TITLE_RE = re.compile(
    rf"^(?:(?P<civil>{'|'.join(re.escape(t) for t in rules.TITLE_GENDER)})\.?\s+"
    r"|(?:le|la|l['’])\s*(?P<role>[^\W\d_]+(?:-[^\W\d_]+)*)\s+)", re.IGNORECASE)


#: A heading or a line that announces a list of the people who speak, one item each
#: ("## Les intervenants", "Nos invités :", "Autour de la table").
ROSTER_HEADING_RE = re.compile(
    r"^[#\s*_]*(?i:(?:les\s+|nos\s+|vos\s+)?(?:intervenante?s?|invitée?s?|participante?s?"
    r"|panélistes?|orat(?:eur|rice)s?)|autour\s+de\s+la\s+table|sur\s+le\s+plateau)"
    r"[^.!?«»\n]{0,40}?[\s*_:]*$")


def roster_speakers(doc: Document) -> list[Speaker]:
    """The people of the document's attendance lists, with the role the list gives them
    (a group's plural role is made singular: "adjoints" → "adjoint") and the gender of
    their civil title; and the people of a list of items under a heading that announces
    the speakers ("## Les intervenants" then "- Paul Roux, maire de Vernade")."""
    found: list[Speaker] = []
    for index, para in enumerate(doc.paragraphs):
        if para.kind in ("heading", "text") and ROSTER_HEADING_RE.match(para.raw.strip()):
            for item in itertools.takewhile(lambda p: p.kind == "item",
                                            doc.paragraphs[index + 1:]):
                person = _item_speaker(item.raw, item.start)
                if person:
                    found.append(person)
    for para in doc.paragraphs:
        for line_start, line in _sentences(para.raw):
            label = ROSTER_LABEL_RE.match(line)
            if not label:
                continue
            listed = re.sub(r"\([^)]*\)", "", line[label.end():]).rstrip(" .*_")
            for group in listed.split(";"):
                found += _group_speakers(group, para.start + line_start,
                                         role=(label.group("role") or "").lower() or None)
    return found


def _item_speaker(line: str, offset: int) -> Speaker | None:
    """"- Me Paul Roux, notaire à Vernade (voir plus bas)": the name after an optional civil
    title, and the words up to the next comma as the role; None when the item names nobody
    ("- l'architecte des bâtiments de France")."""
    text = re.sub(r"\([^)]*\)", "", rules.LIST_ITEM_RE.sub("", line)).strip(" *_.;")
    head, _, rest = text.partition(",")
    head = head.strip(" *_")
    title = rules.HONORIFIC_RE.match(head)
    name = head[title.end():] if title else head
    if not rules.NAME_RE.fullmatch(name):
        return None
    civil = title.group(0).strip(" .").lower() if title else None
    role = rest.split(",")[0].strip(" *_") or None
    return Speaker(name, role=role, first_mention=offset,
                   gender=rules.TITLE_GENDER.get(civil) if civil else None)


def _sentences(text: str) -> list[tuple[int, str]]:
    """The lines of ``text``, cut after each sentence ("…, adjoints. Invité : …"); the
    periods of "M.", "Mme." do not cut."""
    plain = no_abbreviation_dots(text)
    cuts = [0] + [m.end() for m in re.finditer(r"\n|\.[*_]*\s+(?=[^\W\d_])", plain)]
    cuts.append(len(text))
    return [(a, text[a:b]) for a, b in itertools.pairwise(cuts) if text[a:b].strip()]


def _group_speakers(group: str, offset: int, *, role: str | None = None) -> list[Speaker]:
    """"Mme Anne Vidal, M. Paul Roux, adjoints": the names of one group and their role
    (``role``: the label's, "Rapporteur : M. X")."""
    items = [item.strip() for item in re.split(r",|\bet\b", group) if item.strip()]
    people: list[tuple[str, str | None, str | None]] = []
    group_role = role
    for item in items:
        title = _LISTED_TITLE_RE.match(item)
        rest = item[title.end():] if title else item
        name = rules.NAME_RE.match(rest)
        if name and name.end() == len(rest.rstrip()):
            civil = title.group("civil") if title else None
            gender = rules.TITLE_GENDER.get(civil.lower()) if civil else None
            role = title.group("role").lower() if title and title.group("role") else None
            people.append((name.group(0), role, gender))
        elif people and (group_role is None or group_role == role):
            group_role = _singular(item)
    return [Speaker(name, role=role or group_role, first_mention=offset, gender=gender)
            for name, role, gender in people]


def _singular(role: str) -> str:
    """"conseillers municipaux" → "conseiller municipal", "adjoints" → "adjoint"."""
    words = []
    for word in role.lower().split():
        if fold(word).endswith("aux") and len(word) > 4:
            word = word[:-3] + "al"
        elif word.endswith(("s", "x")) and len(word) > 3:
            word = word[:-1]
        words.append(word)
    return " ".join(words)
