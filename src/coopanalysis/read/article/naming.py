"""Naming formulas: a person described, quoted, then named ("Elle s'appelle X", "X, c'est
son nom", "X, puisque c'est de lui qu'il s'agit", "Il s'agit de X").

The press first shows someone by what they do ("un éleveur a demandé le micro : « … »") and
names them in the next sentence with one of these formulas: the name is a speaker, and the
quotation just before is theirs. Or it quotes someone by role and names them in the next
sentence ("», a précisé la cheffe du service. Cette ingénieure, X, …": ``introduced_role``).
"""

from __future__ import annotations

import re

from coopanalysis.read.article import rules
from coopanalysis.read.article.layout import Paragraph
from coopanalysis.read.article.spans import (
    has_reporting_verb,
    outside_quotes,
    sentence_end,
    sentence_start,
)
from coopanalysis.text.normalize import fold

#: Before the name: "Elle s'appelle X", "Il se nomme X", "Il s'agit de X".
FORMULA_BEFORE_RE = re.compile(
    # "L'homme s'appelle X", "Cette dernière se nomme X": a noun or pronoun for the person.
    r"(?:^(?:\s*[-+*]\s+)?|(?<=[.!?»)]\s))\s*(?:Il|Elle|L['’]homme|La\s+femme|Celui-ci"
    r"|Celle-ci|Ce\s+dernier|Cette\s+dernière)\s+(?:s['’]appelle|se\s+nomme"
    r"|s['’]agit\s+d['’]|"
    r"s['’]agit\s+de)\s*$"
    # "J'ai appris son nom à la pause : X."
    r"|(?:^|(?<=[.!?»)]\s))[^.!?«»]{0,40}\b(?i:son|leur)\s+nom\b[^.!?«»]{0,40}:\s*$")
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
    # "Le porteur du projet a pris la parole : « … » (9:05). Cet éleveur laitier, X, a
    # précisé…": a demonstrative opening the next sentence restates the person just quoted.
    demonstrative = _DEMONSTRATIVE_RE.search(lead)
    if demonstrative and not lead[:demonstrative.start()].strip(" *_.!?»"):
        return mention.speaker
    return None


def introduced_role(para: Paragraph, start: int,
                    previous: Paragraph | None = None) -> str | None:
    """The role noun of a person introduced by role then named: "« … », détaille le directeur
    des services. Loïc Daniel réclame…" → "directeur" for Loïc Daniel.

    The name (its first mention) starts the sentence right after one whose speech is given
    to "le/la/l' + role word" and that holds a reporting verb, outside quotation marks. A
    naming formula opening a paragraph ("- Il s'appelle X.") looks at the last sentence of
    the ``previous`` paragraph.
    """
    sentence = sentence_start(para, start)
    if FORMULA_BEFORE_RE.search(para.masked[sentence:start]):
        if sentence == 0:
            return (_previous_sentence_role(previous, len(previous.masked))
                    if previous is not None else None)
        return _previous_sentence_role(para, sentence)
    # "« … », a-t-elle assuré. Cette adjointe, Françoise X, …": the demonstrative restates
    # the role of the person just quoted.
    # The role the quotation was given ("», a précisé la cheffe du service. Cette
    # ingénieure, X, …") names X first; the demonstrative's noun is the fallback.
    demonstrative = _DEMONSTRATIVE_RE.search(para.masked[max(0, start - 60):start])
    if demonstrative:  # "Ce cuisinier, X," after "», a expliqué le chef de cuisine."
        noun = (demonstrative.group("noun") or "").lower()
        role = rules.ROLE_WORD_RE.match(noun)  # "ingénieur hydraulicien"
        return (_previous_sentence_role(para, sentence_start(para, start))
                or (role.group(0) if role else None))
    lead = rules.LEAD_BEFORE_NAME_RE.search(
        para.masked[max(0, start - rules.LEAD_BEFORE_NAME_SPAN):start])
    if lead:  # "Pour Olivier Roux, la priorité…" after "« … », a tempéré le directeur."
        start -= len(lead.group(0))
    elif opens_sentence(para, start):
        # "Arrivé sur le site il y a dix-huit mois, Loïc Brénugat a détaillé…": a fronted
        # apposition before the name. One that gives a role of its own ("Consultant du
        # cabinet, X") presents someone new, not the person the last sentence quoted.
        fronted = para.masked[sentence_start(para, start):start]
        if re.search(rf"\b(?:{rules.ROLE_ALTERNATION})\b", fronted, re.IGNORECASE):
            return None
        start = sentence_start(para, start)
    name = rules.NAME_RE.match(para.masked, start)
    if start == 0 and previous is not None and name and re.match(
            r"\s*(?:,\s*(?:qui|dont)\b|[a-zà-ÿ])", para.masked[name.end():]) and not \
            _describes_with_role(para.masked[:sentence_end(para, 0)]):
        # "…, a déclaré le président du conseil régional (2:36:05).¶Laurent Marsal, qui
        # dirige la Région depuis 2021, a rappelé…": a name opening the next paragraph,
        # with a verb or a relative clause but no description of its own ("X, entraîneur du
        # club, …" presents someone new), names the role its last sentence quoted.
        return _previous_sentence_role(previous, len(previous.masked))
    if start == 0 or sentence_start(para, start) != start:
        return None
    return _previous_sentence_role(para, start)


def _describes_with_role(sentence: str) -> bool:
    """Does the sentence give a role word of its own ("X est le trésorier du club"), not
    one after a preposition, someone else's ("puis il a laissé la parole à l'ingénieur")?"""
    return any(not _AFTER_PREPOSITION_RE.search(sentence[:role.start()])
               for role in rules.ROLE_WORD_RE.finditer(sentence))


#: A preposition and a determiner right before a word: "à l'", "au ", "de la ", "par le ".
_AFTER_PREPOSITION_RE = re.compile(
    r"(?<![\w-])(?i:à|au|aux|de|du|des|par|pour|avec|vers|sur|chez|contre)\s+"
    r"(?:(?i:le|la|les|l['’])\s*)?$|(?<![\w-])(?i:à|de|par|pour|avec|vers|sur|chez|contre)"
    r"\s+(?i:l['’])$|(?<![\w-])(?i:d['’])$")


def _previous_sentence_role(para: Paragraph, start: int) -> str | None:
    """The role word of "le/la/l' + role" in the sentence before the one starting at
    ``start`` when that sentence reports speech — a reporting verb outside quotation marks,
    or a colon before a quotation ("La vice-présidente a été nette : « … »"): the subject
    of an inverted verb first, else the only role mentioned."""
    if start == 0:
        return None
    previous = sentence_start(para, start - 1)
    prose = outside_quotes(para, previous, start)
    colon = any(previous <= span.open < start
                and para.masked[previous:span.open].rstrip(" _*").endswith(":")
                for span in para.spans)
    if not colon and not has_reporting_verb(prose):
        return None
    pattern = rules.ROLE_MENTION_DETERMINERS + rf"(?P<role>{rules.ROLE_ALTERNATION})\b"
    roles = list(re.finditer(pattern, prose, re.IGNORECASE))
    for match in roles:  # the subject of an inverted verb: "», détaille le directeur"
        verb = re.search(r"([^\W\d_]+)\s*$", prose[:match.start()])
        if verb and fold(verb.group(1)) in rules.REPORTING_VERBS:
            return match.group("role").lower()
    return roles[0].group("role").lower() if len(roles) == 1 else None


#: "Cette ingénieure, X,", "Ce cuisinier, X,": a demonstrative and a noun (its role, or
#: any noun for a person) then the name.
_DEMONSTRATIVE_RE = re.compile(
    # "Cet ingénieur de trente-quatre ans, X,": a noun and a short complement.
    r"(?:^|[.!?»]\s+)(?:(?:Cette|Ce|Cet)\s+(?P<noun>[a-zà-ÿœ-]+(?:\s+[a-zà-ÿœ'’-]+){0,4})"
    # "Celle qui parlait ainsi, X,": the person just quoted.
    r"|(?:Celle|Celui)\s+qui\s+[^,.;:!?«»]{2,50})\s*,\s*$",
    re.IGNORECASE)


def titled_by_person_noun(masked: str, start: int) -> bool:
    """A common noun for a person as the name's title: "la commerçante X", "le médecin X"
    (``rules.PERSON_NOUNS``): the name is a person's even when spaCy misses it."""
    title = _TITLE_RE.search(masked[max(0, start - 40):start])
    return bool(title and fold(title.group("noun")) in rules.PERSON_NOUNS)


def opens_sentence(para: Paragraph, start: int) -> bool:
    """Is the name at ``start`` the first words of its sentence, after an adverbial lead
    ending with a comma ("Dehors, X …") or a title of a person noun ("le poissonnier X")
    at most?"""
    sentence = sentence_start(para, start)
    lead = para.masked[sentence:start]
    if not lead.strip(" _*"):
        return True
    if rules.NAME_RE.search(lead) or any(
            sentence <= s.open < start and not s.label for s in para.spans):
        return False
    # "Représentant des forains, le poissonnier X": a common noun as the name's title, with
    # nothing but fronted words before it ("Lucien a cité l'historien X": X is an object).
    if titled_by_person_noun(para.masked, start):
        before_title = _TITLE_RE.sub("", lead)
        return not before_title.strip(" _*") or before_title.rstrip().endswith(",")
    return lead.rstrip().endswith(",") or bool(_TITLE_LEAD_RE.fullmatch(lead))


#: A determiner and a common noun right before a name: "le poissonnier ", "l'historien ".
_TITLE_RE = re.compile(r"(?:^|(?<=\s))(?i:le|la|l['’])\s*(?P<noun>[^\W\d_]+(?:-[^\W\d_]+)?)"
                       r"\s+$")
#: What may stand before a sentence's subject name: a fronted apposition ending with a comma,
#: then a determiner and a lowercase common noun as the name's title.
_TITLE_LEAD_RE = re.compile(r"[\s_*]*(?:[^,.;:!?«»]{2,100},\s*)?(?i:le|la|l['’])\s*"
                            r"[a-zàâçéèêëîïôûùüÿœæ]+(?:-[a-zàâçéèêëîïôûùüÿœæ]+)?\s+")
