"""Who said a quotation: speakers mentioned in the prose, and the cue that names one.

A name or role after the quote, a name before it in its sentence, a pronoun, or the
paragraph's current speaker, in that order. See ``docs/article.md`` (attribution).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from coopanalysis.read.article import citations, rules, syntax
from coopanalysis.read.article.layout import Document, Mention, Paragraph, Span, Speaker
from coopanalysis.read.article.naming import named_next
from coopanalysis.read.article.people import (
    VERB_WORD_RE,
    clean_name,
    first_person_report,
    head_verb,
    incise_words,
    name_re,
    quotation_timed,
)
from coopanalysis.read.article.spans import (
    has_reporting_verb,
    no_abbreviation_dots,
    outside_quotes,
    sentence_end,
    sentence_start,
    span_at,
)
from coopanalysis.text.normalize import fold


def find_mentions(para: Paragraph, doc: Document) -> list[Mention]:
    """Speakers named in the paragraph's prose: full name, surname alone, or role noun."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    # An interview question is the journalist's prose, an answer the interviewee's: the
    # people they name may be the speakers of the words they quote ("le maire vous a
    # objecté que « … »", "Corinne Delahaye a dit : « … »").
    quoted = [s for s in para.spans if s.turn not in ("question", "answer")]

    def free(start: int, end: int) -> bool:
        return (span_at(quoted, start) is None
                and all(end <= s or e <= start for s, e in taken))

    for speaker in doc.speakers:
        for match in name_re(speaker.name).finditer(para.masked):
            if free(match.start(), match.end()):
                found.append(Mention(match.start(), match.end(), speaker.name, "name"))
                taken.append((match.start(), match.end()))
    surnames = [s.surname for s in doc.speakers]
    for speaker in doc.speakers:
        if surnames.count(speaker.surname) > 1:
            # Two speakers share it: a surname alone names nobody for sure, but a civil
            # title does when it fits the known gender of exactly one ("Mme Le Goff").
            sharers = [s for s in doc.speakers if s.surname == speaker.surname]
            pattern = rules.SHARED_SURNAME_TITLE_RE + name_re(speaker.surname).pattern
            for match in re.finditer(pattern, para.masked):
                gender = rules.TITLE_GENDER[match.group("title").lower()]
                fits = [s for s in sharers if s.gender == gender]
                if fits == [speaker] and free(match.start(), match.end()):
                    found.append(Mention(match.start(), match.end(), speaker.name, "surname"))
                    taken.append((match.start(), match.end()))
            continue
        for match in name_re(speaker.surname).finditer(para.masked):
            if free(match.start(), match.end()) and _is_surname_use(para, match):
                found.append(Mention(match.start(), match.end(), speaker.name, "surname"))
                taken.append((match.start(), match.end()))
    for speaker, match in _first_name_uses(para, doc):
        if free(match.start(), match.end()):
            found.append(Mention(match.start(), match.end(), speaker.name, "first"))
            taken.append((match.start(), match.end()))
    roles = sorted({r for s in doc.speakers for r in _mention_roles(s)},
                   key=lambda r: (-len(r), r))
    if roles:
        pattern = (rules.ROLE_MENTION_DETERMINERS + "(?P<role>"
                   + "|".join(map(re.escape, roles)) + r")\b")
        for match in re.finditer(pattern, para.masked, re.IGNORECASE):
            holders = [s for s in doc.speakers
                       if any(fold(r) == fold(match.group("role")) for r in _mention_roles(s))]
            if len(holders) > 1:  # "Le maire de Figeac" when two maires speak
                after = fold(para.masked[match.end():match.end() + 80])
                full = [s for s in holders if s.organization and re.match(
                    _OF + re.escape(fold(s.organization)), after)]
                # "le président du syndicat" for "président du syndicat intercommunal des
                # eaux…": the organisation's first word, when it is one holder's only.
                holders = full or [s for s in holders if s.organization and re.match(
                    _OF + re.escape(fold(s.organization).split()[0]) + r"\b", after)]
            if (len(holders) == 1 and free(match.start(), match.end())
                    and not _apposed_to_other(para, match.end(), holders[0].name)):
                found.append(Mention(match.start(), match.end(), holders[0].name, "role"))
    found.sort(key=lambda m: m.start)
    for match in rules.ORDINAL_MENTION_RE.finditer(para.masked):
        named: list[str] = []
        for mention in found:
            if mention.start < match.start() and mention.how != "ordinal":
                if mention.speaker in named:
                    named.remove(mention.speaker)
                named.append(mention.speaker)
        if len(named) >= 2 and free(match.start(), match.end()):
            name = named[-2] if match.group("first") else named[-1]
            found.append(Mention(match.start(), match.end(), name, "ordinal"))
    return sorted(found, key=lambda m: m.start)


_OF = r"\s*(?:de la|de l'|du|des|d'|de|of the|of)\s*"


def _mention_roles(speaker: Speaker) -> list[str]:
    """The role nouns that name ``speaker``: role and aliases. A generic role from an
    apposition ("X, élu de Montbréhan") is left out: "l'élu", "l'intéressée" refer back
    to whoever was just named, unless the article introduced this person by that noun
    (an alias: "« … », a reconnu l'élu. X, qui siège…")."""
    role = speaker.role if speaker.role and fold(speaker.role) not in rules.GENERIC_ANAPHORS \
        else None
    return [r for r in [role, *speaker.aliases] if r]
#: A role's complement then a name in apposition: "le maire de la commune voisine, X,".
_APPOSED_NAME_RE = re.compile(r"[^,.;:!?«»“”()\n]{0,80}?,\s*(?:(?:M\.|Mme|Dr)\s+)?")


def _apposed_to_other(para: Paragraph, role_end: int, holder: str) -> bool:
    """The role is followed by another person's name in apposition ("le président de la
    chambre d'agriculture, Roland Espinasse,") or as a title ("l'ingénieur Paul Séguier"):
    it designates that person, not the speaker who holds the same role."""
    titled = rules.NAME_RE.match(para.masked, role_end + 1) if para.masked[
        role_end:role_end + 1] == " " else None
    if titled and titled.group(0) != holder and titled.group(0) not in holder.split():
        return True
    lead = _APPOSED_NAME_RE.match(para.masked, role_end)
    if lead is None:
        return False
    name = rules.NAME_RE.match(para.masked, lead.end())
    return bool(name and name.group(0) != holder
                and name.group(0) not in holder.split())


def _first_name_uses(para: Paragraph, doc: Document
                     ) -> Iterator[tuple[Speaker, re.Match[str]]]:
    """A speaker's first name alone ("Sylvain pose la question : « … »", "», lâche
    Thierry"), as portraits, documentaries and readers' letters name people once they are
    presented: only a first name that no other person of the article (speaker or cited)
    bears, of a speaker the article gives a role or a civil title, not followed by a
    capitalised word (another person's full name) nor after a determiner, "Saint" or a
    capitalised word ("la Rose des vents", "Radio Lenne"); at a sentence start, only before
    a lower-case word (a verb)."""
    firsts = [fold(name.split()[0]) for name in doc.people | {s.name for s in doc.speakers}]
    for speaker in doc.speakers:
        parts = speaker.name.split()
        if (len(parts) < 2 or firsts.count(fold(parts[0])) > 1 or len(parts[0]) < 3
                or not (speaker.role or speaker.gender)):
            continue  # a name with no role nor title may be a place's or a medium's
        pattern = rf"(?<![\w'’-]){re.escape(parts[0])}(?![\w'’-])(?!\s+[{rules.UPPER}])"
        for match in re.finditer(pattern, para.masked):
            before = para.masked[max(0, match.start() - 30):match.start()]
            if re.search(r"(?i:\b(?:la|le|les|du|des|de|un|une|saint|sainte)\s+|l['’])$",
                         before) or re.search(rf"[{rules.UPPER}][\w'’-]*\s+$", before):
                continue  # "la Rose des vents", "Radio Lenne": part of another proper name
            if sentence_start(para, match.start()) == match.start() and not re.match(
                    rf"\s+[{rules.LOWER}]", para.masked[match.end():]):
                continue
            yield speaker, match


def _is_surname_use(para: Paragraph, match: re.Match[str]) -> bool:
    """A surname alone at a sentence start may be an ordinary word ("Comment fédérer… ?",
    "Petit à petit"): capitals say nothing there, so it counts only when a reporting verb
    follows ("Nair described…", "Monot insiste…")."""
    if sentence_start(para, match.start()) != match.start():
        return True
    if re.match(r"\s*:\s*[«“\"]", para.masked[match.end():]):
        return True  # "Mercadier : « … »", a speaker's turn in a transcript-like exchange
    following = re.match(r"\s*([^\W\d_]+)", para.masked[match.end():])
    # "Kervella a réclamé…": a compound past.
    compound = rules.COMPOUND_AFTER_NAME_RE.match(para.masked, match.end())
    return any(m is not None and fold(m.group(1)) in rules.REPORTING_VERBS
               for m in (following, compound))


@dataclass
class Attribution:
    speaker: str | None
    how: str | None  # after | before | pronoun | blocked | paragraph | None
    note: str | None = None

    @property
    def direct(self) -> bool:
        """Found in the quote's own sentence (a term needs no speaker cue at all)."""
        return self.how in ("after", "before", "pronoun", "blocked")


def current_speaker(events: Sequence[tuple[int, str]], position: int) -> str | None:
    earlier = [speaker for pos, speaker in events if pos < position]
    return earlier[-1] if earlier else None


def attribute(para: Paragraph, doc: Document, span_open: int, span_close: int | None,
               events: list[tuple[int, str]], carry: str | None) -> Attribution:
    """Who speaks: after the quote, named before it, a pronoun, or the paragraph's speaker.

    A pronoun or the paragraph's speaker never reaches back past a person the prose
    designates without naming ("La cheffe de projet du syndicat détaille le calendrier.
    « … »", "Une commerçante prend la parole. « … »"): that person is the nearer
    antecedent, and the article does not say who they are.
    """
    found = _attribute(para, doc, span_open, span_close, events, carry)
    if found.speaker is None and span_close is not None:
        formula = named_next(para, span_close)  # "« … » Franck Audouze, c'est son nom, …"
        if formula:
            return Attribution(formula, "after")
    if found.how not in ("pronoun", "paragraph") or found.speaker is None \
            or doc.language != "fr":
        return found
    if found.how == "pronoun":
        found = _prefer_subject(para, span_open, found)
    earlier = [pos for pos, speaker in events if pos < span_open and speaker == found.speaker]
    since = max(earlier, default=0)
    named = [m for m in para.mentions if since <= m.start < span_open]
    holder = next((s for s in doc.speakers if s.name == found.speaker), None)
    titles = {fold(word) for r in ([holder.role, *holder.aliases] if holder else []) if r
              for word in r.split()}
    for start, end, text, noun, indefinite in syntax.person_subjects(para.parsed, since,
                                                                       span_open):
        if any(start <= m.start < end for m in named) or span_at(para.spans, start):
            continue
        # "Une commerçante prend la parole": someone else. "La militante, qui…" after the
        # speaker was named in this paragraph, or with the speaker's own role noun, is the
        # same person again (a definite description).
        if indefinite or (not earlier and noun not in titles
                          and noun not in rules.GENERIC_ANAPHORS):
            return Attribution(None, "blocked", f"the words may be those of «{text}», "
                               "whom the article does not name")
    return found


def _prefer_subject(para: Paragraph, position: int, found: Attribution) -> Attribution:
    """"Mélanie X a répondu à Yasmine Y, qui demandait… Elle a promis « … »": when the
    sentence before names the pronoun's speaker as an object and another speaker as its
    subject, the pronoun takes up the subject."""
    sentence = sentence_start(para, position)
    if sentence == 0:
        return found
    previous = sentence_start(para, sentence - 1)
    named = [m for m in para.mentions if previous <= m.start < sentence]
    subjects = {m.speaker for m in named if syntax.is_subject_at(para.parsed, m.start)}
    if (len(subjects) == 1 and found.speaker not in subjects
            and any(m.speaker == found.speaker for m in named)):
        return Attribution(subjects.pop(), "pronoun", found.note)
    return found


def _recalls_a_speaker(cue: re.Match[str], doc: Document) -> bool:
    """"Comme le rappelait X en conclusion : « … » (1:54:30)": a spoken recall of one of
    the article's speakers, before a quotation with a replay time, gives their words at the
    event, not a citation (written cues, "comme l'écrivait X", stay citations)."""
    return (bool(citations.SPOKEN_RECALL_RE.match(cue.group(0)))
            and any(cue.group("name") in (s.name, s.surname) for s in doc.speakers))


def _attribute(para: Paragraph, doc: Document, span_open: int, span_close: int | None,
               events: list[tuple[int, str]], carry: str | None) -> Attribution:
    if span_close is not None:
        after = _inverted_attribution(para, doc, span_open, span_close, events, carry)
        if after is not None:
            return after
    sentence = sentence_start(para, span_open)
    region = para.masked[sentence:span_open]
    span = next((s for s in para.spans if s.open == span_open), None)
    timed = span_close is not None and span is not None and quotation_timed(para, span, sentence)
    cited = [(m.start() + sentence, m.end() + sentence) for m in citations.CITE_RE.finditer(region)
             if not (timed and _recalls_a_speaker(m, doc))]
    named = [m for m in para.mentions if sentence <= m.start < span_open
             and not any(s <= m.start < e for s, e in cited)]
    if span is not None and doc.language == "fr" and first_person_report(para, span):
        author = doc.author  # an op-ed: "J'ai répondu : « … »"
        if author and any(s.name == author for s in doc.speakers):
            return Attribution(author, "before")
        return Attribution(None, "blocked", "the writer's own words, and the article names "
                           "no author among its speakers")
    clause = (syntax.introducing_subject(para.parsed, sentence, span_open)
              if doc.language == "fr" else None)
    if clause is not None and fold(clause.text) == "nous":
        # "Nous avons posé la question à X : « … »": the newsroom's own words.
        return Attribution(None, "blocked", "the words are the article's writers' own")
    if clause is not None and clause.is_pronoun:
        named = []  # "Elle a répondu à Paul Blanc : « … »": the pronoun rules decide
    elif clause is not None:
        decided = _by_subject(clause, named)
        if decided is not None:
            return decided
    if named:
        other = _nearer_person(para, doc, [(named[-1].end, "")], span_open, strict=True)
        if other:  # "X a rappelé que l'ancienne maire Y avait promis « … »"
            return Attribution(None, "blocked", f"the words may be those of {other}, who is "
                               "named nearer the quotation and is not a speaker")
        return Attribution(named[-1].speaker, "before")
    cue, gender = _pronoun_cue(outside_quotes(para, sentence, span_open))
    subject = None if cue else _subject_pronoun(para, sentence, span_open, events)
    if cue or subject:
        other = _nearer_person(para, doc, events, span_open)
        if other:  # "Jean Durand, maire de 1989 à 2008, … il avait eu cette formule : « … »"
            return Attribution(None, "blocked", f"the pronoun may refer to {other}, who is "
                               "named nearer and is not a speaker")
        if subject:
            gender = rules.PRONOUN_GENDER[subject]
        return _pronoun(doc, events, span_open, carry, gender)
    if has_reporting_verb(region) or rules.INDEFINITE_SUBJECT_RE.match(region):
        return Attribution(None, "blocked")
    current = current_speaker(events, span_open)
    other = (_nearer_person(para, doc, [(sentence, "")], span_open, strict=True)
             if current else None)
    if other:  # "L'éditorialiste X, qui n'était pas dans la salle, voit « … »"
        return Attribution(None, "blocked", f"the words may be those of {other}, who is "
                           "named in the sentence and is not a speaker")
    return Attribution(current, "paragraph" if current else None)


def _by_subject(clause: syntax.Subject, named: Sequence[Mention]) -> Attribution | None:
    """Who speaks, from the noun-phrase subject of the clause that introduces the quotation.

    A speaker named inside the subject speaks, whoever else the clause names ("Anne Roy a
    répondu au maire : « … »"); an indefinite subject ("Un berger a interpellé la préfète :
    « … »") names nobody the article identifies: no speaker, with a note. None: the surface
    rules decide (a definite noun phrase naming no known speaker may be a role the article
    did not record, or a parse gone wrong around quotation marks)."""
    inside = {m.speaker for m in named if clause.start <= m.start < clause.end}
    if len(inside) == 1:
        return Attribution(inside.pop(), "before")
    if not inside and clause.indefinite:
        return Attribution(None, "blocked", f"spoken by «{clause.text}», whom the article "
                           "does not name")
    return None


def _subject_pronoun(para: Paragraph, sentence: int, span_open: int,
                     events: Sequence[tuple[int, str]]) -> str | None:
    """"elle"/"il" as the subject of a clause in the prose before the quote, in its own
    sentence or, for a quote that opens its sentence in a paragraph that has named no
    speaker yet, in the prose sentence just before it ("Elle sourit quand on lui rapporte
    ces mots. « … »"). With a speaker already named in the paragraph, the paragraph rule
    decides: a pronoun in another sentence may stand for a thing ("Il prévoit un fonds…")."""
    region = outside_quotes(para, sentence, span_open)
    if not region.strip(" *_") and sentence > 0:
        if current_speaker(events, span_open):
            return None
        previous = sentence_start(para, sentence - 1)
        if any(previous <= s.open < sentence for s in para.spans):
            return None  # the sentence before is someone's quote, not the writer's prose
        region = para.masked[previous:sentence]
    match = rules.SUBJECT_PRONOUN_RE.search(region)
    return match.group("pronoun").lower() if match else None


def _nearer_person(para: Paragraph, doc: Document, events: Sequence[tuple[int, str]],
                   position: int, *, strict: bool = False) -> str | None:
    """A person who is not a speaker (a former office-holder, someone recalled) named in the
    paragraph before ``position`` and after its last speaker: the nearer antecedent of a
    pronoun. A name after a citation cue ("dit-elle en citant Bruno Latour") is the
    speaker's source, not an antecedent; so is a document's author ("la pétition portée par
    X"), named as the complement of the sentence's subject. ``strict``: only names the name
    pattern reads (spaCy tags "Gilets jaunes" as a person)."""
    last = max((pos for pos, _speaker in events if pos < position), default=0)
    speakers = {s.name for s in doc.speakers} | {s.surname for s in doc.speakers}
    cited = {m.start("name") for m in citations.CITE_RE.finditer(para.masked)}
    for start, end, text in para.persons:  # spaCy person entities, not organisations
        name = clean_name(text)
        if _DOCUMENT_AUTHOR_RE.search(para.masked[max(0, start - 30):start]):
            continue
        if strict and not rules.NAME_RE.fullmatch(name):
            continue  # spaCy's "Gilets jaunes": not a person's name
        if (last <= start < position and span_at(para.spans, start) is None
                and not any(start <= c < end for c in cited) and " " in name
                and not any(part in speakers for part in (name, name.split()[-1]))):
            return name
    return None


#: "portée par", "signée par", "rédigé par" before a name: the author of a document.
_DOCUMENT_AUTHOR_RE = re.compile(r"\b(?i:portée?s?|signée?s?|rédigée?s?|écrite?s?|adressée?s?"
                                 r"|lancée?s?)\s+par\s+(?:(?i:le|la|l['’])\s*[^\W\d_]+\s+)?$")


def _pronoun(doc: Document, events: list[tuple[int, str]], position: int, carry: str | None,
             gender: str | None) -> Attribution:
    """The speaker a pronoun refers to: the latest one before it whose known gender does not
    contradict the pronoun's ("dit-elle" skips a "président"), else the previous paragraph's.

    A gendered pronoun first looks for a speaker whose *known* gender it fits among the
    paragraph's speakers, the previous paragraph's and the last ``rules.PRONOUN_REACH``
    speakers of the article ("Elle" in a portrait of a woman, after a paragraph quoting a man
    whose gender the article does not say)."""
    genders = {s.name: s.gender for s in doc.speakers}

    def fits(name: str) -> bool:
        return gender is None or genders.get(name) in (None, gender)

    earlier = [speaker for pos, speaker in events if pos < position]
    if gender is not None:
        reach = list(dict.fromkeys([*reversed(earlier), *([carry] if carry else []),
                                    *reversed(doc.history)]))[:rules.PRONOUN_REACH]
        known = [name for name in reach if genders.get(name) == gender]
        if known and not any(genders.get(name) is None for name in reach[:reach.index(known[0])]
                             if name in earlier):
            note = (None if known[0] in earlier else
                    "speaker taken from the previous paragraph (pronoun with no antecedent "
                    "in this one)" if known[0] == carry else
                    "speaker taken from an earlier paragraph (pronoun with no antecedent in "
                    "this one)")
            return Attribution(known[0], "pronoun", note)
    for speaker in reversed(earlier):
        if fits(speaker):
            return Attribution(speaker, "pronoun")
    if carry and fits(carry):
        return Attribution(carry, "pronoun", "speaker taken from the previous paragraph "
                            "(pronoun with no antecedent in this one)")
    if earlier or carry:
        return Attribution(None, "blocked", "the pronoun's gender fits none of the speakers "
                            "named before it")
    return Attribution(None, "blocked", "pronoun with no speaker to refer to")


def _pronoun_cue(text: str) -> tuple[bool, str | None]:
    """(the text holds a pronoun cue, the pronoun's gender "f"/"m" or None)."""
    for match in rules.PRONOUN_CUE_RE.finditer(text):
        verbs = [match.group(g) for g in rules.PRONOUN_VERB_GROUPS if match.group(g)]
        if not verbs or fold(verbs[0]) in rules.REPORTING_VERBS:
            words = re.findall(r"[^\W\d_]+", match.group(0).lower())
            genders = {rules.PRONOUN_GENDER[w] for w in words if w in rules.PRONOUN_GENDER}
            return True, genders.pop() if len(genders) == 1 else None
    return False, None


def _inverted_attribution(para: Paragraph, doc: Document, span_open: int, span_close: int,
                          events: list[tuple[int, str]], carry: str | None
                          ) -> Attribution | None:
    """Attribution right after the closing mark: "», confie X", "», dit-elle", "(X)",
    "» rappelle X", English "," said X" / "," she said"."""
    inner = para.masked[span_open + 1:span_close].rstrip(" *_")
    stop = re.search(r"[.;:!?«“]", no_abbreviation_dots(para.masked[span_close + 1:]))
    end = span_close + 1 + (stop.start() if stop else len(para.masked) - span_close - 1)
    tail = para.masked[span_close + 1:end]
    if inner and inner[-1] in rules.SENTENCE_END_CHARS and tail.strip(" ,")[:1].isupper():
        # The quote ended its sentence: what follows is a new one, read only when it is an
        # attribution formula ("Ce sont les mots de Claire Dubois").
        formula = rules.NEXT_SENTENCE_ATTRIBUTION_RE.match(para.masked[span_close + 1:])
        if formula:
            end = sentence_end(para, span_close + 1 + formula.end())
            named = [m for m in para.mentions if span_close < m.start < end]
            if named:
                return Attribution(named[0].speaker, "after")
        return None
    mentions = [m for m in para.mentions if span_close < m.start < end]
    dash = rules.DASH_SIGNATURE_RE.match(para.masked, span_close + 1)
    if dash:  # "» — Sophie Legrand, directrice du réseau": the signature names the speaker
        signed = [m for m in para.mentions if m.start == dash.end()]
        if signed:
            return Attribution(signed[0].speaker, "after")
    paren = re.match(r"^\s*\(", tail)
    if paren:
        inside = [m for m in mentions if m.start < span_close + 1 + tail.find(")")]
        return Attribution(inside[0].speaker, "after") if inside else None
    words = incise_words(tail)
    if not words:
        return None
    first = words[0]
    reporting, inverted_pronoun = head_verb(words)
    pronoun = rules.INVERTED_PRONOUN_RE.fullmatch(first)
    if reporting and inverted_pronoun and pronoun:
        gender = rules.PRONOUN_GENDER.get(pronoun.group("pronoun").lower())
        return _pronoun(doc, events, span_open, carry, gender)
    if reporting or fold(first) in ("selon", "according"):
        # The verb's subject stands before the next comma: "», détaille le directeur des
        # services, appelé par le maire" names someone the article has not presented.
        clause_end = tail.find(",", len(tail) - len(tail.lstrip(" ,")))
        subject = [m for m in mentions
                   if clause_end < 0 or m.start < span_close + 1 + clause_end]
        if subject:
            return Attribution(subject[0].speaker, "after")
        # "», a lancé le vice-président de l'agglomération, Thibault X, …": the role, then
        # the name in apposition right after the comma.
        if clause_end >= 0 and rules.ROLE_MENTION_RE.search(tail[:clause_end]):
            apposed = [m for m in mentions
                       if 0 <= m.start - (span_close + 1 + clause_end) <= 6]
            if apposed:
                return Attribution(apposed[0].speaker, "after")
        if len(words) > 1 and fold(words[1]) in ("he", "she", "il", "elle"):
            return _pronoun(doc, events, span_open, carry, rules.PRONOUN_GENDER[fold(words[1])])
        # "», a averti le commerçant", "», a expliqué la chercheuse": a definite description
        # names again the person this paragraph just presented, when that person is the
        # paragraph's only speaker so far (else: blocked, whom it means is not said).
        k = 2 if fold(words[0]) in rules.AUXILIARIES else 1
        named_here = {speaker for pos, speaker in events if 0 <= pos < span_open}
        if (len(words) > k + 1 and fold(words[k]) in ("le", "la", "l")
                and fold(words[k + 1]) in rules.PERSON_NOUNS and len(named_here) == 1):
            gender = {"le": "m", "la": "f"}.get(fold(words[k]))
            only = named_here.pop()
            known = next((sp.gender for sp in doc.speakers if sp.name == only), None)
            if gender is None or known in (None, gender):
                return Attribution(only, "pronoun")
        return Attribution(None, "blocked")
    if len(words) > 1 and fold(words[1]) in rules.REPORTING_VERBS:  # English order
        if mentions and mentions[0].start < span_close + 1 + tail.find(words[1]):
            return Attribution(mentions[0].speaker, "after")
        if fold(first) in ("he", "she"):
            return _pronoun(doc, events, span_open, carry, rules.PRONOUN_GENDER[fold(first)])
    return None


def find_cited(para: Paragraph, doc: Document, span: Span) -> str | None:
    """A person the speaker quotes, named after a citation cue in the quote's sentence."""
    start = sentence_start(para, span.open)
    end = sentence_end(para, span.close)
    for match in citations.CITE_RE.finditer(outside_quotes(para, start, end)):
        name = clean_name(match.group("name"))
        if " " not in name:
            full = [p for p in doc.people if p.split()[-1] == name]
            name = full[0] if len(full) == 1 else name
        if name not in {s.name for s in doc.speakers}:
            return name
    return None


def is_attribution_clause(text: str) -> bool:
    """", tranche Marc Olivier", ", précise-t-elle", ", said David Osei", ", Carter said",
    ", s'engage-t-il";
    " — Sophie Legrand, directrice du réseau" (a signature); ", a déclaré la ministre, selon
    la retransmission vidéo" (the clause, then a source)."""
    if rules.DASH_SIGNATURE_RE.match(text) and not re.search(r"[.!?;:]",
                                                            no_abbreviation_dots(text)):
        return True
    head, comma, _rest = text.lstrip(" ,").partition(",")
    if comma and re.match(r"\s*(?i:selon|d['’]après|according)\b", _rest) \
            and is_attribution_clause(head):
        return True
    if re.search(r"[.!?;:]", no_abbreviation_dots(text)):
        return False
    words = VERB_WORD_RE.findall(text)
    if not words:
        return False
    if len(words) > 8:
        # ", a lancé jeudi soir devant 300 habitants le maire, X, lors du débat (7min15)":
        # the clause, then where and when it was said — unless it reports more words
        # ("… avant d'ajouter que …"), which are a paraphrase with a time of their own.
        later = [fold(w) for w in words[2:]]

        def reports(word: str) -> bool:  # "ajouté", "ajoutait", "ajouter"
            return word in rules.REPORTING_VERBS or word.removesuffix("r") in rules.REPORTING_VERBS

        return head_verb(words)[0] and not any(
            # "… avant d'ajouter que …", not "… avant que la salle ne se lève"
            (w in ("que", "qu") and any(reports(v) for v in later[:i]))
            or (reports(w) and i > 0 and (
                later[i - 1] in ("d", "de", "puis", "et", "ensuite", "avant")
                or (later[i - 1] == "en" and w.endswith("ant"))))  # "en ajoutant"
            for i, w in enumerate(later))
    reporting, inverted = head_verb(words)
    if reporting or inverted:
        return reporting
    return any(fold(w) in rules.REPORTING_VERBS for w in words[:3])
