"""Read an article that reports a round table: who said what, and when.

``read_article`` takes a path, the text, bytes or a file object and returns an
``Article``; ``parse_article`` runs the steps below on decoded text, one module each::

    layout (paragraphs, headings) → spans (timestamps, quotation marks, sentences)
        → people (spaCy, speakers, roles) → attribution → rows (kinds, duplicates)

The rules are data in ``rules.py``; ``docs/article.md`` explains them with examples.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

from coopanalysis.errors import ArticleError
from coopanalysis.model import Article
from coopanalysis.read.article import rules
from coopanalysis.read.article.dialogue import alternate_dialogue, lead_in_pair
from coopanalysis.read.article.documents import extract_document
from coopanalysis.read.article.footnotes import footnote_times
from coopanalysis.read.article.inventory import People, speakers_from_people
from coopanalysis.read.article.layout import (
    Document,
    Speaker,
    Stamp,
    check_text,
    classify_paragraphs,
    join_page_breaks,
    normalize_newlines,
    split_paragraphs,
)
from coopanalysis.read.article.people import (
    NLP_EXCLUDE,
    article_author,
    find_speakers,
    run_nlp,
)
from coopanalysis.read.article.qa import mark_turns
from coopanalysis.read.article.roster import roster_speakers
from coopanalysis.read.article.rows import (
    EXTRA_QUOTE_COLUMNS,
    answer_addressed_questions,
    carry_into_continued,
    lead_in_speaker,
    lead_in_stamp,
    link_duplicates,
    quotes_of_paragraph,
    quotes_table,
)
from coopanalysis.read.article.spans import scan_paragraph
from coopanalysis.read.encoding import decode, decoding_warnings
from coopanalysis.read.source import Source, load
from coopanalysis.schema import ARTICLE_SPEAKERS, conform
from coopanalysis.text.lexicon import LANGUAGE_MARKERS

__all__ = ["EXTRA_QUOTE_COLUMNS", "NLP_EXCLUDE", "parse_article",
           "read_article"]


def read_article(source: Source, *, people: People | None = None) -> Article:
    """Read an article from a path, its text, bytes or a file object.

    A ``str`` is the text when it holds a line break, else a path (the rule of
    ``coopanalysis.read.source.is_text``, shared with ``read_transcript``).

    ``people``: the list of people who speak (a programme's guest list) — names, rows
    with ``speaker``, ``role``, ``organization``, a DataFrame with those columns, or the
    path of a people file (see ``inventory.read_people_file``). Given, it is the inventory
    of speakers: nobody else is attributed a quotation.

    Returns:
        An :class:`~coopanalysis.model.Article`; its ``quotes`` table has the columns of
        ``schema.QUOTES`` (times in float seconds in ``stated_start``) then ``attribution``
        and ``time_position``.

    Raises:
        ArticleError: the file is missing (its path is the error's ``source``), a folder,
            empty or not text. Unbalanced quotation marks and unreadable timestamps do not
            raise: the quote is kept, with a ``warning``.
    """
    raw, name = load(source, error=ArticleError, what="article")
    document = extract_document(raw, name)
    if document is not None:  # HTML, DOCX, PDF: offsets refer to the extracted text
        article = parse_article(document[0], source=name, people=people)
        article.metadata.update({k: v for k, v in document[1].items() if v})
        return article
    text, encoding = decode(raw, source=name, error=ArticleError)
    article = parse_article(text, source=name, people=people)
    article.warnings[:0] = decoding_warnings(raw, encoding)
    return article


def parse_article(text: str, *, source: str = "<string>",
                  people: People | None = None) -> Article:
    """Parse article ``text`` (already decoded); ``source`` names it in warnings and errors."""
    text = check_text(normalize_newlines(text), source)
    doc = Document(text=text, source=source, language=_language(text))
    doc.footnote_times = footnote_times(text)
    doc.paragraphs = classify_paragraphs(join_page_breaks(split_paragraphs(text), text), text)
    doc.author = article_author(doc)
    for para, following in zip(doc.paragraphs, doc.paragraphs[1:], strict=False):
        para.next_start = following.raw.lstrip(" *_")[:1]
    for para in doc.paragraphs:
        for note in para.notes:
            doc.warn(para.start, note)
    for para in doc.content():
        scan_paragraph(para, doc)
    run_nlp(doc)
    doc.speakers = (_with_roster(find_speakers(doc), roster_speakers(doc)) if people is None
                    else _with_text(speakers_from_people(people, text, source=source),
                                    find_speakers(doc)))
    mark_turns(doc)
    rows: list[dict[str, Any]] = []
    carry: str | None = None
    lead_in: str | None = None
    pair: tuple[str, str] | None = None
    lead_time: Stamp | None = None
    for para in doc.content():
        before = len(rows)
        carry = quotes_of_paragraph(para, doc, rows, carry, lead_in)
        if len(rows) > before:
            if pair and rows[before].get("_dialogue"):
                rows[before]["_voices"] = pair  # "Un échange entre A et B :" then "— …"
            if lead_time and lead_time.seconds is not None and math.isnan(
                    rows[before]["stated_start"]):
                rows[before]["stated_start"] = lead_time.seconds
                rows[before]["time_position"] = "before"
        lead_in, pair, lead_time = lead_in_speaker(para), lead_in_pair(para), lead_in_stamp(para)
    carry_into_continued(rows)
    alternate_dialogue(rows)
    answer_addressed_questions(rows, doc)
    link_duplicates(rows)
    if people is None:  # a speaker is someone the article quotes or reports, not a name
        quoted = {row["speaker"] for row in rows}
        doc.speakers = [s for s in doc.speakers if s.name in quoted]
    return Article(
        text=text,
        speakers=_speakers_table(doc),
        quotes=quotes_table(rows),
        sections=[p.heading for p in doc.paragraphs if p.kind == "heading"],
        metadata=_metadata(doc),
        warnings=doc.warnings,
    )


def _with_roster(found: list[Speaker], listed: list[Speaker]) -> list[Speaker]:
    """The speakers found in the text, plus the people of an attendance list the text does
    not present otherwise (their role's head word becomes an alias: "le maire")."""
    by_name = {speaker.name: speaker for speaker in found}
    names = set(by_name)
    extra = []
    for speaker in listed:
        if speaker.name in by_name:  # the list gives the role the text does not
            known = by_name[speaker.name]
            if known.role is None and speaker.role:
                known.role = speaker.role
                known.aliases.append(speaker.role.split(" ")[0])
            known.gender = known.gender or speaker.gender
            continue
        if speaker.name in names:
            continue
        names.add(speaker.name)
        head = (speaker.role or "").split(" ")[0]
        if head in rules.ROLE_WORDS:
            speaker.aliases.append(head)
        extra.append(speaker)
    return sorted(found + extra, key=lambda s: s.first_mention)


def _with_text(listed: list[Speaker], found: list[Speaker]) -> list[Speaker]:
    """The user's list, each person completed with what the text says of them: the role
    nouns that name them ("a rétorqué la vice-présidente") and their gender. The list's
    role and organisation stay; people the list does not name are not added."""
    by_name = {speaker.name: speaker for speaker in found}
    for speaker in listed:
        known = by_name.get(speaker.name)
        if known is None:
            continue
        speaker.aliases.extend(a for a in known.aliases if a not in speaker.aliases)
        if known.role:
            word = known.role.split(" ")[0]
            if word in rules.ROLE_WORDS and word not in speaker.aliases:
                speaker.aliases.append(word)
        speaker.gender = speaker.gender or known.gender
    return listed


def _speakers_table(doc: Document) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(
        [{"speaker": s.name, "role": s.role, "organization": s.organization,
          "first_mention": s.first_mention} for s in doc.speakers],
        columns=list(ARTICLE_SPEAKERS))
    return conform(frame, ARTICLE_SPEAKERS)


def _metadata(doc: Document) -> dict[str, Any]:
    metadata: dict[str, Any] = {"source": doc.source, "title": None, "author": None,
                                "publication": None, "date": None, "date_iso": None}
    title = next((p for p in doc.paragraphs if p.kind == "title"), None)
    if title:
        metadata["title"] = title.heading
    for para in doc.paragraphs:
        if para.kind == "credit":
            match = rules.AUTHOR_RE.match(para.raw)
            if match:
                metadata["author"] = match.group("name")
                metadata["publication"] = match.group("publication")
                break
    date = rules.DATE_RE.search(doc.text)
    if date:
        day = date.group("day") or date.group("day2")
        month = (date.group("month") or date.group("month2")).lower()
        year = date.group("year") or date.group("year2")
        metadata["date"] = date.group(0)
        metadata["date_iso"] = f"{int(year):04d}-{rules.MONTHS[month]:02d}-{int(day):02d}"
    metadata["language"] = doc.language
    if not any(p.spans or p.stamps for p in doc.content()):
        doc.warn(0, "no quotation or timestamp found in the article")
    return metadata


def _language(text: str) -> str:
    words = re.findall(r"[^\W\d_]+", text.lower())
    french = sum(w in LANGUAGE_MARKERS["fr"] for w in words)
    english = sum(w in LANGUAGE_MARKERS["en"] for w in words)
    return "fr" if french >= english else "en"
