"""Interview layouts: turns introduced by a label or a dialogue dash, without quotation marks.

"**M.-L. B.** : …", "**Marie Dufour** : …", "Question : …" / "Réponse : …", a bold question
line, "— …" dialogue turns. An answer is a quote of the person its label names (initials
resolved against the people the article presents); a question is a quote with no speaker.
See ``docs/article.md`` (interviews).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from coopanalysis.read.article import rules
from coopanalysis.read.article.layout import Document, Paragraph, Span, Speaker
from coopanalysis.read.article.people import VERB_WORD_RE, head_verb, name_re
from coopanalysis.read.article.spans import (
    no_abbreviation_dots,
    outside_quotes,
    scan_paragraph,
    sentence_end,
)
from coopanalysis.text import lexicon
from coopanalysis.text.normalize import fold

# Bold, or italic as student and magazine interviews set them ("*Pourquoi ce débat ?*").
_BOLD_QUESTION_RE = re.compile(r"^\s*(?:\*\*|__|\*|_)(?P<text>[^*_\n]+\?)\s*(?:\*\*|__|\*|_)\s*$")


def mark_turns(doc: Document) -> None:
    """Give the labelled paragraphs one span each, with who speaks (``Span.turn``)."""
    author = doc.author
    labelled: list[tuple[Paragraph, int, str, str]] = []  # para, text start, label, type
    for para in doc.paragraphs:
        if para.kind not in ("text", "item", "heading"):
            continue
        match = rules.QA_LABEL_RE.match(para.raw)
        if not match:
            continue
        label = _label_name((match.group("bold") or match.group("bold_in")
                             or match.group("bold_dot")
                             or match.group("plain") or match.group("minutes")
                             or match.group("caps") or match.group("first")
                             or match.group("capsurname") or match.group("capsrole")
                             or match.group("anonymous")
                             or match.group("anonymous_caps")
                             or match.group("initials")).strip(" .:"))
        what = _label_type(label)
        if match.group("anonymous") or match.group("anonymous_caps") or (match.group("bold_dot")
                                        and rules.QA_ANONYMOUS_LABEL_RE.match(label)):
            what = "anonymous"  # a turn with no speaker (kept only with named turns)
        if match.group("initials") and not _label_speaker(doc, label, "initials", author,
                                                          None):
            continue  # "A. B. —" naming nobody the article presents is no turn
        if match.group("capsrole"):
            if not _caps_role_holder(doc, label):
                continue
            what = "capsrole"
        # A transcript of the recording ("[04:12] Camille : …"): the host who wrote the
        # page speaks in it too.
        transcript = bool(match.group("timecode"))
        if match.group("capsurname"):
            # "KERBRAT. —": a turn only when the article gives one full name with that
            # surname; a word in capitals ("ATTENTION —") names nobody.
            if not _caps_surname_holder(doc, label, author):
                continue
            what = "capsurname"
        if match.group("first") or (what is None and _first_name_holder(doc, label, author)):
            # "Léa : …": a turn only when the article gives one full name with that first
            # name ("Résultat : …", "Bilan : …" name nobody).
            if not _first_name_holder(doc, label, None if transcript else author):
                continue
            what = "first-host" if transcript else "first"
        if match.group("minutes") and not _minutes_speaker(doc, label, what):
            continue  # a plain "Saint Aubin : …" is prose; only people presented count
        if match.group("caps") and not (what == "name" and _printed_name(doc, label)):
            continue  # "MISE À JOUR : …", "CGT : …": capitals that name nobody
        if what is None and (match.group("bold") or match.group("bold_in")) and re.fullmatch(
                r"[^\W\d_][\w'’-]+", label) and label[0].isupper() and _surname_alone(
                    doc, label, author):
            what = "surname-alone"  # "**Benkirane** :" after "**Nadia Benkirane** :"
        if what and para.raw[match.end():].strip():
            labelled.append((para, match.end(), label, what))
    if len(labelled) >= 2:
        interviewee = _interviewee(doc, labelled, author)
        for para, _start, _label, _what in labelled:
            _as_prose(para, doc)  # "Question : Pourquoi ?" is short enough to look a heading
        _resection(doc)
        for para, start, label, what in labelled:
            speaker = _label_speaker(doc, label, what, author,
                                     _section_interviewee(doc, para) or interviewee)
            question = what == "question" or (speaker is None and what != "answer"
                                               and para.raw.rstrip(" *_").endswith("?"))
            _set_turn(para, start, len(para.raw), "question" if question else "answer",
                      None if question else speaker,
                      addressee=_section_interviewee(doc, para) or interviewee)
            if speaker is None and not question and what != "anonymous":
                doc.warn(para.start, f"interview label {label!r} names nobody the article "
                         "presents: answer left without a speaker (unmatched)")
        for para in doc.paragraphs:  # "### Pourquoi ce débat ?" between labelled turns
            if para.kind == "heading" and _between_turns(doc, para, labelled):
                _heading_turn(para)
        for para in doc.paragraphs:  # "**Pourquoi ce projet ?**": the journalist's question
            bold = _BOLD_QUESTION_RE.match(para.raw)
            # A name in quotation marks may stand in the question ("le plan « Loger
            # d'abord »"): it stays a term inside the question (nested.py).
            if bold and para.kind in ("text", "heading") and all(
                    s.label or len(para.masked[s.open:s.close].split()) <= rules.TERM_MAX_WORDS
                    for s in para.spans):
                _as_prose(para, doc)
                _set_turn(para, bold.start("text"), bold.end("text"), "question", None,
                          addressee=_section_interviewee(doc, para) or interviewee)
        _resection(doc)
        doc.speakers = [s for s in doc.speakers if not _only_in_answers(doc, s.name)]
    else:
        _mark_unlabelled_answers(doc, author)
    # "— Rémi Faure (paysagiste) : « … »": a bullet that names its speaker before a
    # quotation is no dialogue turn; the ordinary rules attribute it.
    dashes = [p for p in doc.paragraphs
              if p.kind in ("text", "item") and rules.DIALOGUE_DASH_RE.match(p.raw)
              and not rules.DASH_LABELLED_QUOTE_RE.match(p.raw)]
    if len(dashes) >= 2:
        others = [s.name for s in doc.speakers if not author or fold(s.name) != fold(author)]
        # A dialogue of questions and answers with one person presented: an answer right
        # after a question is that person's (the interview convention of the dash layout).
        interviewee = others[0] if len(others) == 1 else None
        state: str | None = None
        previous = -2
        for para in dashes:
            index = doc.paragraphs.index(para)
            if index != previous + 1:
                state = None  # a new exchange: prose stood between
            state, previous = _dialogue_turn(para, interviewee, state=state), index


def _as_prose(para: Paragraph, doc: Document) -> None:
    """A paragraph taken for a heading becomes prose, scanned first if it never was (a
    heading without quotation marks is not scanned: it would have no sentence starts)."""
    if not para.masked:
        scan_paragraph(para, doc)
    para.kind = "text"


def _between_turns(doc: Document, para: Paragraph,
                   labelled: list[tuple[Paragraph, int, str, str]]) -> bool:
    """A heading that is the journalist's question: a sentence ("?" or "." at its end: "Le
    représentant de la banque, lui, n'a pas semblé convaincu.") right before a labelled
    answer. A section title ("Trois questions à Karim Ouali") is no sentence."""
    index = doc.paragraphs.index(para)
    turns = {doc.paragraphs.index(p) for p, _, _, _ in labelled}
    return index + 1 in turns and para.heading.rstrip(" *_")[-1:] in ("?", ".")


def _heading_turn(para: Paragraph) -> None:
    """The heading becomes the text of a question turn (its ``#`` marks left out)."""
    start = para.raw.find(para.heading) if para.heading else -1
    if start < 0:
        return
    para.kind = "text"
    if not para.masked:
        para.masked = para.raw
        para.sentence_starts = [0]
    _set_turn(para, start, start + len(para.heading), "question", None)


def _mark_unlabelled_answers(doc: Document, author: str | None) -> None:
    """An interview printed as bold questions, each followed by the answer in plain
    paragraphs with no label ("**Qu'en retenez-vous ?**" / "Que les parents sont
    inquiets…"): the answers are the interviewee's.

    Bold lines ending with "?" also head sections of ordinary reports, so the layout is
    taken only when it is unmistakable: at least ``rules.QA_MIN_BOLD_QUESTIONS`` bold
    questions, every one followed by plain paragraphs, most of which
    (``rules.QA_FIRST_PERSON_SHARE``) speak in the first person (the journalist's prose
    does not), and exactly one person presented before the first question (the
    standfirst's interviewee). Otherwise nothing is marked: a row without a
    speaker is better than the interviewee's name on the journalist's words.
    """
    paragraphs = doc.paragraphs
    questions = [i for i, p in enumerate(paragraphs)
                 if p.kind in ("text", "heading") and _BOLD_QUESTION_RE.match(p.raw)]
    if len(questions) < rules.QA_MIN_BOLD_QUESTIONS:
        return
    answers: list[list[Paragraph]] = []
    for number, index in enumerate(questions):
        stop = questions[number + 1] if number + 1 < len(questions) else len(paragraphs)
        block: list[Paragraph] = []
        for para in paragraphs[index + 1:stop]:
            if para.kind == "heading" or para.kind not in ("text", "item"):
                break
            block.append(para)
        if not block:
            return
        answers.append(block)
    # First person outside quotation marks: a report quoting « Nous… » does not count.
    speaking = sum(bool(rules.FIRST_PERSON_RE.search(
        " ".join(outside_quotes(p, 0, len(p.masked)) for p in block))) for block in answers)
    if speaking < rules.QA_FIRST_PERSON_SHARE * len(answers):
        return
    others = [s for s in doc.speakers if not author or fold(s.name) != fold(author)]
    first_question = paragraphs[questions[0]].start
    introduced = [s for s in others if s.first_mention < first_question]
    if len(introduced) > 1:
        # The journalist asks about the others ("Le docteur Garrigues doute… Il a tort ?")
        # and addresses the interviewee as "vous", never by name in a question.
        asked = " ".join(paragraphs[i].raw for i in questions)
        introduced = [s for s in introduced if not re.search(
            rf"(?<![\w-]){re.escape(s.surname)}(?![\w-])", asked)]
    if len(introduced) != 1:
        # A portrait-interview names its interviewee in the headline ("# Corinne X, la
        # maire qui…"), however many people the lead-in then presents.
        titled = _headline_person(doc, author)
        if titled is None:
            return
        if titled not in {s.name for s in doc.speakers}:
            doc.speakers.append(Speaker(titled, first_mention=doc.text.find(titled)))
        introduced = [s for s in doc.speakers if s.name == titled]
    interviewee = introduced[0].name
    for index in questions:
        para = paragraphs[index]
        bold = _BOLD_QUESTION_RE.match(para.raw)
        _as_prose(para, doc)
        _set_turn(para, bold.start("text"), bold.end("text"),  # type: ignore[union-attr]
                  "question", None, addressee=interviewee)
    for block in answers:
        for para in block:
            if any(s.open == 0 and s.has_open_mark for s in para.spans):
                continue  # a paragraph that is itself a quotation keeps its own rules
            _set_turn(para, 0, len(para.raw), "answer", interviewee)
    _resection(doc)
    doc.speakers = [s for s in doc.speakers if not _only_in_answers(doc, s.name)]


def _headline_person(doc: Document, author: str | None) -> str | None:
    """The one full name in the article's headline, or None (none, several, the author)."""
    names = {m.group(0) for para in doc.paragraphs if para.kind == "title"
             for m in rules.NAME_RE.finditer(para.raw)}
    names = {n for n in names if len(n.split()) >= 2 and n != author}
    return names.pop() if len(names) == 1 else None


def _only_in_answers(doc: Document, name: str) -> bool:
    """Someone named only inside another person's answers ("son autrice, la géographe X,
    écrit…") is cited by the interviewee, as a name inside quotation marks is — unless an
    answer says they spoke, in a past tense of a speech verb ("Lucien Fabrègue a fait son
    métier… Quand il a dit qu'« … »", "X, l'adjointe, … elle a dit : « … »"): a
    participant the interviewee reports."""
    places = [(para, m.start()) for para in doc.content()
              for m in name_re(name).finditer(para.masked)]
    inside = bool(places) and all(
        any(s.turn == "answer" and s.turn_speaker != name and s.open <= start < s.close
            for s in para.spans) for para, start in places)
    return inside and not any(_spoke_after(para, start) for para, start in places)


def _spoke_after(para: Paragraph, start: int) -> bool:
    """A compound past of a speech verb ("a dit", "a lancé") in the name's sentence or
    the next one, with no other capitalised name in between."""
    end = sentence_end(para, start)
    end = sentence_end(para, min(end + 1, len(para.masked) - 1))
    text = para.masked[start:end]
    return bool(any(fold(m.group(1)) in rules.REPORTING_VERBS
                    for m in rules.PAST_SPEECH_RE.finditer(text)))


def _resection(doc: Document) -> None:
    section: str | None = None
    for para in doc.paragraphs:
        if para.kind == "heading":
            section = para.heading
        para.section = section


def _label_name(label: str) -> str:
    """The label without a leading timecode or a role after the name, a name in capitals
    as a name ("JEAN-LOUP MARCHAL" → "Jean-Loup Marchal": transcripts print speakers in
    capitals)."""
    label = rules.QA_LABEL_TIMECODE_RE.sub("", label)
    # "Mme Anne Roux, vice-présidente chargée des sports" (a verbatim's label): the name.
    name, comma, _role = label.partition(",")
    if comma and rules.NAME_RE.fullmatch(rules.HONORIFIC_RE.sub("", name.strip())):
        label = name.strip()
    letters = [c for c in label if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters) and " " in label:
        return label.title()
    return label


def _label_type(label: str) -> str | None:
    folded = fold(label)
    if folded in rules.QA_QUESTION_LABELS:
        return "question"
    if folded in rules.QA_ANSWER_LABELS:
        return "answer"
    if rules.QA_INITIALS_RE.match(label):
        return "initials"
    if rules.QA_OFFICE_LABEL_RE.match(label):
        return "office"
    if rules.QA_SURNAME_LABEL_RE.match(label):
        return "surname"
    if rules.NAME_RE.fullmatch(rules.HONORIFIC_RE.sub("", label)):
        return "name"
    return None


def _minutes_speaker(doc: Document, label: str, what: str | None) -> str | None:
    """A plain label ("M. Garnier :", "Anne Leroy :") names someone the article presents."""
    if what == "office":
        return _office_holder(doc, label)
    if what == "surname":
        return _surname_holder(doc, label)
    if what != "name":
        return None
    name = fold(rules.HONORIFIC_RE.sub("", label))
    return next((s.name for s in doc.speakers if fold(s.name) == name), None)


def _printed_name(doc: Document, name: str) -> bool:
    """A name a transcript prints in capitals is a person's when the article also prints it
    in ordinary case (the guest list, "Présentation : X", the standfirst): a heading or a
    slogan in capitals is never printed so."""
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", doc.text) is not None


def _section_interviewee(doc: Document, para: Paragraph) -> str | None:
    """The one person a section heading names ("Trois questions à Karim Ouali", "Entretien
    avec …"): in that section, "Réponse :" is theirs."""
    heading = fold(para.section or "")
    named = [s.name for s in doc.speakers
             if heading and re.search(rf"\b{re.escape(fold(s.name))}\b", heading)]
    return named[0] if len(named) == 1 else None


def _initials(name: str) -> str:
    return "".join(part[0] for part in re.split(r"[\s-]+", name) if part[:1].isupper())


def _label_speaker(doc: Document, label: str, what: str, author: str | None,
                   interviewee: str | None) -> str | None:
    if what == "question":
        return None
    if what == "answer":
        return interviewee
    if what == "initials":
        letters = re.sub(r"[^A-ZÀ-Ý]", "", label)
        if author and _initials(author) == letters:
            return None
        fits = [s.name for s in doc.speakers if _initials(s.name) == letters]
        if fits:
            return fits[0] if len(fits) == 1 else None
        return _initials_holder(doc, letters, author)
    if what == "office":
        return _office_holder(doc, label)
    if what == "anonymous":
        return None
    if what == "capsrole":
        return _caps_role_holder(doc, label)
    holders = {"first-host": lambda: _first_name_holder(doc, label, None),
               "first": lambda: _first_name_holder(doc, label, author),
               "capsurname": lambda: _caps_surname_holder(doc, label, author),
               "surname": lambda: _surname_holder(doc, label),
               "surname-alone": lambda: _surname_alone(doc, label, author)}
    if what in holders:
        name = holders[what]()
        if name is not None and all(s.name != name for s in doc.speakers):
            doc.speakers.append(Speaker(name, first_mention=doc.text.find(name)))
        return name
    name = rules.HONORIFIC_RE.sub("", label)
    if author and fold(name) == fold(author):
        return None
    known = next((s.name for s in doc.speakers if fold(s.name) == fold(name)), None)
    if known is None:
        doc.speakers.append(Speaker(name, first_mention=doc.text.find(label)))
        known = name
    return known


def _initials_holder(doc: Document, letters: str, author: str | None) -> str | None:
    """"**R. A.** :" when the article presents nobody as a speaker yet: the one full name
    printed anywhere (the standfirst's "X, 46 ans, dirige…") with those initials. An
    interview gives the interviewee's full name once, then only initials. Two such names:
    nobody (precision first)."""
    names = {name for name in _full_names(doc.text) if _initials(name) == letters}
    # The interviewer: the credit line's author, or a name signed anywhere ("— propos
    # recueillis par X" inside a dateline that is not a credit line of its own).
    names -= {author, *(m.group("name") for m in rules.BYLINE_NAME_RE.finditer(doc.text))}
    if len(names) != 1:
        return None
    name = names.pop()
    doc.speakers.append(Speaker(name, first_mention=doc.text.find(name)))
    return name


def _caps_role_holder(doc: Document, label: str) -> str | None:
    """"LE MÉDECIN" → the one person the article presents before the first turn with a role
    starting with that noun ("médecin généraliste"); None when none or several."""
    role = fold(re.sub(r"^(?:le|la|l['’])\s*", "", label, flags=re.IGNORECASE))
    # Presented before the turns (the standfirst), not met later inside an answer.
    first_turn = min((p.start for p in doc.paragraphs
                      if rules.QA_LABEL_RE.match(p.raw)), default=len(doc.text))
    fits = [s.name for s in doc.speakers if s.first_mention < first_turn
            and any(fold(r).split()[:len(role.split())] == role.split()
                    for r in [s.role, *s.aliases] if r)]
    return fits[0] if len(fits) == 1 else None


def _caps_surname_holder(doc: Document, label: str, author: str | None) -> str | None:
    """The one full name the article prints whose surname is ``label`` in capitals
    ("KERBRAT" → "Yann Kerbrat"), the author aside. None when there is none or several."""
    surname = fold(label)
    return _one_full_name(doc, author, lambda name: fold(name.split()[-1]) == surname)


def _first_name_holder(doc: Document, first: str, author: str | None) -> str | None:
    """The one full name the article prints with the first name ``first`` (a speaker it
    presents, or any run of capitalised words: "les deux organisateurs, Léa Monsarrat et
    Malik Haddad"), the author aside. None when there is none or more than one."""
    return _one_full_name(doc, author, lambda name: name.split()[0] == first)


def _surname_alone(doc: Document, label: str, author: str | None) -> str | None:
    """The one full name the article prints whose surname is ``label``."""
    return _one_full_name(doc, author, lambda name: name.split()[-1] == label)


def _one_full_name(doc: Document, author: str | None,
                   fits: Callable[[str], bool]) -> str | None:
    """The one name that ``fits``, among the speakers and the full names the text prints
    (two words or more), the author and names that end another one aside."""
    names = {s.name for s in doc.speakers if fits(s.name)}
    names |= {name for name in _full_names(doc.text) if len(name.split()) >= 2 and fits(name)}
    names = {n for n in names if n != author and not any(
        other != n and other.endswith(n) for other in names)}
    return names.pop() if len(names) == 1 else None


def _full_names(text: str) -> set[str]:
    """Every run of capitalised words (``NAME_RE``), with its shorter tails: a sentence's
    first word glued to a name ("Selon Anne Roy") leaves "Anne Roy" too."""
    names: set[str] = set()
    for match in rules.NAME_RE.finditer(text):
        words = match.group().split()
        names.update(" ".join(words[i:]) for i in range(len(words) - 1))
    return names


def _office_holder(doc: Document, label: str) -> str | None:
    """"Mme la Maire": the one person the article presents in that office."""
    office = fold(rules.QA_OFFICE_LABEL_RE.match(label).group("office"))  # type: ignore[union-attr]
    # The role's head word counts ("rapporteur" for "rapporteur de la mission").
    fits = [s.name for s in doc.speakers
            if office in {fold(r) for r in [s.role, *s.aliases] if r}
            or (s.role and fold(s.role).split(" ")[0] == office)]
    return fits[0] if len(fits) == 1 else None


def _surname_holder(doc: Document, label: str) -> str | None:
    """"M. Garnier", "Mme Le Goff": the one person of that surname the article presents,
    else the one full name the text gives after a civil title (the minutes' attendance list:
    "Présents : … Mme Sylvie Le Goff …"). Two candidates: nobody (precision first)."""
    surname = rules.QA_SURNAME_LABEL_RE.match(label).group("surname")  # type: ignore[union-attr]
    fits = [s.name for s in doc.speakers if fold(s.name).endswith(f" {fold(surname)}")
            or fold(s.name) == fold(surname)]
    if fits:
        return fits[0] if len(fits) == 1 else None
    pattern = re.compile(rules.TITLED_FULL_NAME + re.escape(surname) + r"(?![\w'’-])")
    names = {f"{m.group('first')} {surname}" for m in pattern.finditer(doc.text)}
    return names.pop() if len(names) == 1 else None


def _interviewee(doc: Document, labelled: list[tuple[Paragraph, int, str, str]],
                 author: str | None) -> str | None:
    """Whom "Réponse :" means: the one person named by the other labels, else the one
    speaker the article presents (its author aside), else the one the introduction presents.

    An interview's standfirst presents the person interviewed; the questions then name the
    people the answers reply to ("le maire X vous a objecté que…"), who are speakers too.
    So with several people presented, "Réponse :" is the only one first named before the
    first turn. Two named there: nobody (precision first).
    """
    named = {_label_speaker(doc, label, what, author, None)
             for _, _, label, what in labelled
             if what in ("initials", "name", "surname", "first", "capsurname",
                         "capsrole", "first-host")} - {None}
    if len(named) == 1:
        return named.pop()
    others = [s for s in doc.speakers if not author or fold(s.name) != fold(author)]
    if len(others) == 1:
        return others[0].name
    if any(what in ("initials", "name", "surname", "office", "first", "capsurname",
                    "capsrole", "first-host") for _, _, _, what in labelled):
        return None  # a transcript of named turns: "Réponse" is not one person's label
    first_turn = min(para.start for para, _, _, _ in labelled)
    introduced = [s.name for s in others if s.first_mention < first_turn]
    return introduced[0] if len(introduced) == 1 else None


def _set_turn(para: Paragraph, start: int, end: int, turn: str, speaker: str | None, *,
              addressee: str | None = None) -> None:
    """One turn span over ``start:end``. In a question, the quotations it holds keep their
    own spans: the journalist reports someone's words ("le maire vous a objecté que « … »"),
    attributed by the question's own cues (``Span.in_question``, rows.py); "vous avez dit
    « … »" gives them to ``addressee``, the interviewee."""
    while start < end and para.raw[start] in " *_":
        start += 1
    while end > start and para.raw[end - 1] in " *_":
        end -= 1
    inner = [s for s in para.spans if start <= s.open and s.close < end and s.has_open_mark
             and s.has_close_mark and not s.turn and not s.label]
    para.spans = [s for s in para.spans if s.close < start or s.open >= end]
    para.spans.append(Span(start, end, has_open_mark=False, has_close_mark=False,
                           turn=turn, turn_speaker=speaker))
    if turn == "question":
        for span in inner:
            span.in_question = True
            lead = para.masked[start:span.open]
            if addressee and rules.ADDRESSEE_CUE_RE.search(lead):
                span.addressee = addressee
        para.spans.extend(inner)
    else:
        for span in inner:
            span.in_answer = True
        para.spans.extend(inner)
    para.spans.sort(key=lambda s: s.open)


def _dialogue_turn(para: Paragraph, interviewee: str | None = None, *,
                   state: str | None = None) -> str | None:
    """"— …" turns: a question (ends with "?") has no speaker; an incise ("…, soupire Léa")
    ends the turn and the ordinary rules attribute it; otherwise the paragraph's speaker.

    With one person presented (``interviewee``), each dash changes the voice (French
    dialogue convention): once a question has been asked, turns alternate — the answer is
    the interviewee's, the next turn the journalist's (even without "?"). "— Question ?
    — Réponse." on one line is two turns. ``state``: how the previous turn of the exchange
    ended (``"question"``, ``"answer"``, None); the return value is this one's.
    """
    start = rules.DIALOGUE_DASH_RE.match(para.raw).end()  # type: ignore[union-attr]
    if any(s.open < start < s.close for s in para.spans):
        return None
    pair = rules.DIALOGUE_PAIR_RE.search(para.masked, start) if interviewee else None
    if pair and (state == "answer" or para.masked[:pair.start()].rstrip().endswith("?")):
        _set_turn(para, start, pair.start(), "question", None)
        start, state = pair.end(), "question"
    incise = _incise(para, start)
    end = incise + 1 if incise is not None else len(para.raw.rstrip(" *_"))
    para.spans = [s for s in para.spans if s.close < start or s.open >= end]
    if incise is not None:
        para.spans.append(Span(start, end, has_open_mark=False, has_close_mark=True,
                               dialogue=True))
        # "— La ville, a répondu le maire. Nous avons inscrit la somme…": after the
        # incise's sentence the same voice goes on.
        rest = re.search(r"[.!?…]\s+(?=\S)", no_abbreviation_dots(para.masked[end:]))
        tail_end = len(para.raw.rstrip(" *_"))
        if rest and end + rest.end() < tail_end:
            para.spans.append(Span(end + rest.end(), tail_end, has_open_mark=False,
                                   has_close_mark=False, dialogue=True))
        para.spans.sort(key=lambda s: s.open)
        return None
    if para.raw[:end].rstrip(" *_").endswith("?") or (interviewee and state == "answer"):
        _set_turn(para, start, end, "question", None)
        if not interviewee:  # a debate's dialogue: the voice may be the turn before last
            next(s for s in para.spans if s.open >= start and s.turn).dialogue = True
        return "question"
    if interviewee and state == "question":
        _set_turn(para, start, end, "answer", interviewee)
        return "answer"
    para.spans.append(Span(start, end, has_open_mark=False, has_close_mark=False,
                           dialogue=True))
    para.spans.sort(key=lambda s: s.open)
    return None


def _incise(para: Paragraph, start: int) -> int | None:
    """Where a dialogue line's incise begins (the punctuation before it): "…, soupire Léa",
    "… ? a demandé Sabrina Lhermet", "…, a répondu le maire" — a reporting verb after a
    comma, "?", "!" or "…", its subject after it or inverted."""
    incise = rules.DIALOGUE_INCISE_RE.search(para.masked, start)
    # "…, la Ville peut…": a determiner opens no incise.
    while incise and _first_word(para.masked[incise.end():]) in lexicon.FUNCTION_WORDS:
        incise = rules.DIALOGUE_INCISE_RE.search(para.masked, incise.end())
    for match in re.finditer(r"[,!?…]\s+", para.masked[start:]):
        position = start + match.start()
        if incise and incise.start() <= position:
            return incise.start()
        after = para.masked[start + match.end():][:60]
        if head_verb(VERB_WORD_RE.findall(after))[0]:
            return position
    return incise.start() if incise else None


def _first_word(text: str) -> str:
    word = re.search(r"[^\W\d_]+", text)
    return fold(word.group(0)) if word else ""

