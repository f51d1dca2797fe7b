"""The document model of an article and its layout: paragraphs, page breaks, headings.

``Document`` holds the text, its ``Paragraph`` blocks and what later steps find in them
(timestamps, quotation spans, mentions, speakers). See ``docs/article.md``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from coopanalysis.errors import ArticleError
from coopanalysis.read.article import rules


def normalize_newlines(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def check_text(text: str, source: str) -> str:
    if not text.strip():
        raise ArticleError("empty article: there is no text to read", source, 1)
    controls = [i for i, c in enumerate(text) if ord(c) < 32 and c not in "\n\t\f"]
    if controls and (len(controls) > 0.01 * len(text) or "\x00" in text):
        line = text.count("\n", 0, controls[0]) + 1
        raise ArticleError(
            f"not a text file: control character U+{ord(text[controls[0]]):04X}", source, line)
    return text


@dataclass
class Stamp:
    """A bracketed time in a paragraph (offsets local to the paragraph)."""

    start: int
    end: int
    raw: str
    seconds: float | None  # None when unreadable
    error: str | None = None
    owner: int | None = None  # index of the span it was attached to


@dataclass
class Span:
    """A top-level quotation: ``open`` is the opening mark, ``close`` the closing mark."""

    open: int
    close: int  # index of the closing mark, or len(text) when unclosed
    has_open_mark: bool = True
    has_close_mark: bool = True
    notes: list[str] = field(default_factory=list)
    continues: bool = False  # goes on in the next paragraph, which reopens the mark
    turn: str | None = None  # "question" | "answer": an interview turn without marks (qa.py)
    turn_speaker: str | None = None  # who answers (None: the journalist, or unknown)
    label: bool = False  # a name in quotation marks ("le programme « X »"): a term, no speaker
    # Quoted inside an interview question (qa.py): the journalist reports someone's words;
    # ``addressee`` when the question gives them to the interviewee ("vous avez dit « … »").
    in_question: bool = False
    addressee: str | None = None
    # Quoted inside an interview answer (qa.py): the interviewee reports someone's words
    # ("Corinne Delahaye a dit : « … »"); only a cue in the answer gives them a speaker.
    in_answer: bool = False
    # A line of a dialogue printed with dashes (qa.py): with no incise of its own, it may
    # take the voice of the turn before last (``dialogue.alternate_dialogue``).
    dialogue: bool = False


@dataclass
class Mention:
    start: int
    end: int
    speaker: str
    how: str  # name | surname | role


@dataclass
class Paragraph:
    start: int
    end: int
    kind: str  # text | item | heading | title | credit | comment (an HTML comment)
    raw: str = ""  # article text of the paragraph, newlines turned into spaces
    masked: str = ""  # raw with Markdown marks and timestamps blanked (same length)
    heading: str = ""
    stamps: list[Stamp] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    persons: list[tuple[int, int, str]] = field(default_factory=list)  # spaCy PER entities
    # (start, end, role before the name, subject of a reporting verb) from the parse (syntax.py)
    parsed_people: list[tuple[int, int, str | None, bool]] = field(default_factory=list)
    parsed: Any = None  # spaCy's parse of ``masked`` (people.run_nlp), for syntax.py
    mentions: list[Mention] = field(default_factory=list)
    section: str | None = None
    notes: list[str] = field(default_factory=list)
    next_start: str = ""  # first character of the next paragraph (quotation continued?)


@dataclass
class Speaker:
    name: str
    role: str | None = None
    organization: str | None = None
    first_mention: int = 0
    gender: str | None = None  # "f" | "m" from a role form or a civil title, None unknown
    # Role nouns that also name them: "la représentante de l'OFB" said something, then the
    # next sentence named her (naming.introduced_role).
    aliases: list[str] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass
class Document:
    text: str
    source: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    people: set[str] = field(default_factory=set)  # every full name met (cited people too)
    # Speakers named or attributed so far, in reading order (pronouns reach back to them).
    history: list[str] = field(default_factory=list)
    language: str = "fr"  # "fr" | "en": the article's language (parse.py)
    author: str | None = None  # the name in the credit line ("Par Camille Roux"; parse.py)
    # The replay time each note gives, by label ("[^1]: Vidéo, 0:02:48"; footnotes.py).
    footnote_times: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list)

    def content(self) -> Iterable[Paragraph]:
        """Paragraphs read for quotes: prose, list items, and titles or headings that hold
        quotation marks (a headline quotation: « Il faut oser »)."""
        return (p for p in self.paragraphs if p.kind in ("text", "item")
                or (p.kind in ("title", "heading") and any(m in p.raw for m in QUOTE_MARKS)))

    def line_of(self, offset: int) -> int:
        if not self._line_starts:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return bisect.bisect_right(self._line_starts, offset)

    def warn(self, offset: int, message: str) -> str:
        text = f"line {self.line_of(offset)}: {message}"
        self.warnings.append(text)
        return text


def split_paragraphs(text: str) -> list[Paragraph]:
    """Blocks separated by blank lines; list items and ``#`` headings are paragraphs too, and
    so is each line of a dialogue printed line by line ("— …" under "— …"). A signature line
    under a quotation ("— Sophie Legrand, directrice") stays with it."""
    paragraphs: list[Paragraph] = []
    current: Paragraph | None = None
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            current = None
            continue
        if paragraphs and rules.SIGNATURE_LINE_RE.match(line) and text[
                paragraphs[-1].start:paragraphs[-1].end].rstrip(" *_").endswith(("»", "”")):
            # "« … »" then "— Sophie Legrand, directrice (12:05)" on its own line: the
            # quote's signature, read with it.
            paragraphs[-1].end = end
            current = paragraphs[-1]
            continue
        heading = rules.MARKDOWN_HEADING_RE.match(line)
        item = rules.LIST_ITEM_RE.match(line)
        # "— …" under "— …", or under a line announcing the exchange ("… entre X et Y :").
        so_far = text[current.start:current.end] if current is not None else ""
        reply = (current is not None and rules.DIALOGUE_DASH_RE.match(line) is not None
                 and (rules.DIALOGUE_DASH_RE.match(so_far) is not None
                      or so_far.rstrip(" *_").endswith(":")))
        if current is None or heading or item or reply or current.kind == "heading":
            kind = "heading" if heading else "item" if item else "text"
            current = Paragraph(start, end, kind)
            if heading:
                current.heading = heading.group("title").strip()
            paragraphs.append(current)
        else:
            current.end = end
    return paragraphs


def join_page_breaks(paragraphs: list[Paragraph], text: str) -> list[Paragraph]:
    """Join paragraphs that a page break split in the middle of a sentence.

    Real extractions of web pages cut sentences with a blank line ("l'État se doit de
    « créer les conditions du dialogue et du*" / "partenariat »"). A paragraph that ends
    without final punctuation continues into the next one when the next one starts in
    lower case, or when it is itself too long to be a heading ("…président de
    l'association" / "ALons'ZI, insiste…").
    """
    joined: list[Paragraph] = []
    for para in paragraphs:
        if joined and _continues(text[joined[-1].start:joined[-1].end], joined[-1].kind,
                                 text[para.start:para.end], para.kind):
            joined[-1].end = para.end
        else:
            joined.append(para)
    for para in joined:
        para.raw = text[para.start:para.end].replace("\n", " ")
    return joined


def _continues(previous: str, previous_kind: str, following: str, following_kind: str) -> bool:
    if previous_kind not in ("text", "item") or following_kind != "text":
        return False
    tail = previous.rstrip().rstrip("*_").rstrip()
    head = following.lstrip().lstrip("*_").lstrip()
    if not tail or not head or not (tail[-1].isalnum() or tail[-1] in ",'’-"):
        return False
    if head[0].islower():
        return True
    # "3. Observations du public": a numbered heading, whose number's dot ends no sentence.
    tail = rules.SECTION_NUMBER_RE.sub("", tail)
    return len(tail) > 100 or re.search(r"[.!?…]\s", tail) is not None


def classify_paragraphs(paragraphs: list[Paragraph], text: str) -> list[Paragraph]:
    """Mark the title, the credit line and plain-text headings; give sections."""
    # An HTML comment ("<!-- fictional article… -->") is not shown to readers: no title.
    for para in paragraphs:
        if re.fullmatch(r"\s*<!--.*?-->\s*", para.raw):
            para.kind = "comment"
    first = next((i for i, p in enumerate(paragraphs) if p.kind != "comment"), 0)
    for index, para in enumerate(paragraphs):
        plain = para.raw.strip().strip("*_").strip()
        if para.kind == "comment":
            continue
        if para.kind == "heading":
            level_one = text[para.start:para.end].lstrip().startswith("# ")
            if level_one and not any(p.kind == "title" for p in paragraphs[:index]):
                para.kind = "title"
        elif para.kind == "text" and len(plain) < 200 and rules.AUTHOR_RE.match(para.raw):
            para.kind = "credit"
        elif index == first and para.kind == "text" and _looks_like_title(plain):
            para.kind = "title"
            para.heading = plain
        elif para.kind == "text" and index + 1 < len(paragraphs) and _looks_like_heading(plain):
            para.kind = "heading"
            para.heading = plain
        elif (para.kind == "item" and rules.SECTION_NUMBER_RE.match(plain)
              and index + 1 < len(paragraphs) and paragraphs[index + 1].kind == "text"
              and _looks_like_heading(plain)):
            para.kind = "heading"  # "2. Observations du public" over prose: a report's section
            para.heading = plain
        if para.kind == "title" and not para.heading:
            para.heading = plain
    section: str | None = None
    for para in paragraphs:
        if para.kind == "credit" and any(m in para.raw for m in QUOTE_MARKS):
            # Headings are not read for quotes; say so rather than drop them silently.
            para.notes = [f"quotation marks in a {para.kind} line are not read as quotes"]
        if para.kind == "heading":
            section = para.heading
        para.section = section
    return paragraphs


QUOTE_MARKS = "«»“”‹›\""


def _looks_like_title(line: str) -> bool:
    """The first line, short, without final period; it may hold a headline quotation."""
    return 0 < len(line) <= 150 and line[-1] not in ".,;"


def _looks_like_heading(line: str) -> bool:
    """A short line without final punctuation or quotation marks: "Comment coopérer… ?"."""
    if not line or len(line) > 100 or len(line.split()) > 14:
        return False
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    if line[-1] in ".,;:!…)" or any(mark in line for mark in QUOTE_MARKS):
        return False
    return not rules.LINK_RE.fullmatch(line)


def collapse_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text)
