"""Inside a paragraph: bracketed timestamps, quotation spans and sentence starts.

Balanced, nested, unclosed and stray quotation marks are resolved here; every offset is
local to the paragraph. See ``docs/article.md`` (quotation marks, timestamps).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from coopanalysis.errors import TimecodeError
from coopanalysis.read.article import rules
from coopanalysis.read.article.footnotes import footnote_stamps
from coopanalysis.read.article.layout import Document, Paragraph, Span, Stamp
from coopanalysis.text import lexicon
from coopanalysis.text.normalize import fold
from coopanalysis.timecode import find_timestamps, parse_time

_BLANKED = frozenset("*\u00a0\u202f\u2009\u2007")


def scan_paragraph(para: Paragraph, doc: Document) -> None:
    para.stamps = _find_stamps(para.raw)
    notes = [n for n in footnote_stamps(para.raw, doc.footnote_times)
             if not _overlaps(para.stamps, n.start, n.end)]
    para.stamps = sorted([*para.stamps, *notes], key=lambda s: s.start)
    for hint in rules.TIME_HINT_RE.finditer(para.raw):
        if not _overlaps(para.stamps, hint.start(), hint.end()):
            doc.warn(para.start + hint.start(), f"{hint.group(0)!r} looks like a time but no "
                     "notation reads it: no stated time taken from it")
    para.masked = _mask(para.raw, para.stamps)
    para.spans = _find_spans(para, doc)
    for span in para.spans:
        span.label = _is_label(para, span)
    para.sentence_starts = _sentence_starts(para)


def _is_label(para: Paragraph, span: Span) -> bool:
    """A capitalised name after a noun that announces one (``rules.LABEL_LEAD_RE``)."""
    if not (span.has_open_mark and span.has_close_mark):
        return False
    return names_something(para, span.open, span.close)


def names_something(para: Paragraph, open_: int, close: int) -> bool:
    """The words between the quotation marks at ``open_`` and ``close`` name a thing (a
    scheme, a work, a group) announced by the words before them, rather than report speech.
    Also used for quotations inside a quotation (``nested.py``)."""
    inner = para.masked[open_ + 1:close].strip(" _*")
    if inner[-1:] in ".!…,":
        return False
    words = len(inner.split())
    if any(0 <= s.start - close <= 3 for s in para.stamps) and not (
            inner[:1].isupper() and words <= rules.LABEL_MAX_WORDS
            and rules.GROUP_LABEL_LEAD_RE.search(para.masked[max(0, open_ - 60):open_])):
        # A replay time right after: someone's words — unless the quotation marks name a
        # group ("président de l'association « Sauvons le plateau » (19'05)": the time is
        # the quote's before it).
        return False
    if any(0 <= open_ - s.end <= 4 for s in para.stamps):
        return False  # a replay time right before: someone's words
    lead = para.masked[max(0, open_ - 80):open_]
    if words <= rules.WORK_TITLE_MAX_WORDS and (
            (inner[:1].isupper() and rules.WORK_TITLE_LEAD_RE.search(lead))
            # "dans son rapport « Soigner sans cabinet : … »": a work's title
            or rules.NAMING_LEAD_RE.search(lead) or _names_a_scheme(para, open_, inner)):
        return True  # "un dispositif baptisé « zone de vigilance … »", "le « plan de … »"
    if words > rules.LABEL_MAX_WORDS:
        return False
    if not inner[:1].isupper():
        return False
    return bool(rules.LABEL_LEAD_RE.search(para.masked[max(0, open_ - 60):open_]))


def _names_a_scheme(para: Paragraph, open_: int, inner: str) -> bool:
    """"le « plan de périnatalité de proximité du Haut-Ségala »", "une « charte de bon
    voisinage »": a determiner, then a quotation that opens with a noun naming a plan or a
    scheme (``rules.SCHEME_NOUNS``) and holds no verb — the name of a thing, not words
    someone said."""
    words = inner.split()
    if not words or fold(words[0]) not in rules.SCHEME_NOUNS:
        return False
    before = re.search(r"(\S+)\s*$", para.masked[max(0, open_ - 20):open_])
    if not before or fold(before.group(1)) not in rules.SCHEME_DETERMINERS:
        return False
    return not any(fold(w.strip(",;:")) in rules.VERB_MARKERS for w in words)


def _find_stamps(text: str) -> list[Stamp]:
    """Every bracketed time, readable or not ("(12min75)" is kept with its error)."""
    stamps: list[Stamp] = []
    for match in rules.TIME_CANDIDATE_RE.finditer(text):
        raw = match.group(0)
        try:
            found = find_timestamps(rules.MINUTE_MARK_RE.sub(r"\g<m>min\g<s>", raw))
        except TimecodeError as error:
            stamps.append(Stamp(match.start(), match.end(), raw, None, error.reason))
            continue
        if found:
            stamps.append(Stamp(match.start(), match.end(), raw, found[0].seconds))
        else:
            stamps.append(Stamp(match.start(), match.end(), raw, None,
                                 f"{raw!r} looks like a time but is not a notation "
                                 "coopanalysis.timecode reads"))
    try:  # notations the broad pattern above does not know
        others = find_timestamps(text)
    except TimecodeError:
        others = []
    for found_stamp in others:
        if not _overlaps(stamps, found_stamp.start_char, found_stamp.end_char):
            stamps.append(Stamp(found_stamp.start_char, found_stamp.end_char, found_stamp.raw,
                                 found_stamp.seconds))
    for match in rules.BARE_MINUTE_MARK_RE.finditer(text):
        # "a alors lancé, à 38'05 : « … »": the press's minute mark without brackets (inside
        # a bracketed notation, "(à 27'35 de l'enregistrement)", the notation is the stamp).
        if not _overlaps(stamps, match.start(), match.end()):
            stamps.append(Stamp(match.start(), match.end(), match.group(0),
                                parse_time(match.group("time"))))
    return sorted(stamps, key=lambda s: s.start)


def _overlaps(stamps: Sequence[Stamp], start: int, end: int) -> bool:
    """Does a stamp already cover part of ``start``–``end``?"""
    return any(s.start < end and start < s.end for s in stamps)


def _mask(text: str, stamps: Sequence[Stamp]) -> str:
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


def _find_spans(para: Paragraph, doc: Document) -> list[Span]:
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
        span = Span(position, len(para.masked), has_close_mark=False)
        if para.next_start == para.masked[position] or (
                para.masked[position] == "«" and para.next_start == "»"):
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


def _scan_marks(text: str, *, shared_closer: bool) -> tuple[list[Span], list[int], list[int]]:
    """Return (top-level spans, positions of unclosed openers, positions of stray closers)."""
    stack: list[tuple[str, int]] = []
    spans: list[Span] = []
    strays: list[int] = []
    for i, char in enumerate(text):
        role = _mark_role(text, i, stack)
        if role == "open":
            stack.append((char, i))
        elif role == "close":
            opener = (char if char == rules.STRAIGHT_QUOTE else rules.SINGLE_OPEN
                      if char == rules.SINGLE_CLOSE else rules.CLOSING_MARKS[char])
            depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == opener),
                         None)
            if depth is None:
                strays.append(i)
                continue
            notes = []
            if shared_closer and depth == 1 and stack[0][0] == opener:
                depth, notes = 0, ["shared"]
            if depth == 0:
                spans.append(Span(stack[0][1], i, notes=notes))
            del stack[depth:]
    return spans, [position for _, position in stack[:1]], strays


def _mark_role(text: str, i: int, stack: Sequence[tuple[str, int]]) -> str | None:
    char = text[i]
    if char in (rules.SINGLE_OPEN, rules.SINGLE_CLOSE):
        return _single_role(text, i, stack)
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


def _single_role(text: str, i: int, stack: Sequence[tuple[str, int]]) -> str | None:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == rules.SINGLE_OPEN:
        return "open" if before in rules.SINGLE_OPEN_AFTER and not after.isspace() else None
    if any(mark == rules.SINGLE_OPEN for mark, _ in stack) and after in rules.SINGLE_CLOSE_BEFORE:
        return "close"
    return None


def _stray_closer_span(para: Paragraph, spans: list[Span], position: int,
                       doc: Document) -> Span:
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
            return Span(last.open, position, last.has_open_mark, True, last.notes)
    start = max([s.close + 1 for s in previous] + [0])
    for match in re.finditer(r"[.!?…:]\s", para.masked[start:position]):
        start_candidate = start + match.end()
        if start_candidate < position:
            start = start_candidate
    while start < position and para.masked[start].isspace():
        start += 1
    message = ("closing mark without an opening mark: the quotation is taken to start at "
               "the beginning of its sentence")
    return Span(start, position, has_open_mark=False,
                 notes=[doc.warn(para.start + position, message)])


def span_at(spans: Sequence[Span], position: int) -> Span | None:
    return next((s for s in spans if s.open < position < s.close), None)


def _sentence_starts(para: Paragraph) -> list[int]:
    """Sentence starts in the writer's prose; punctuation inside quotations is ignored."""
    text, starts = para.masked, [0]
    closes = {s.close: s for s in para.spans if s.has_close_mark}
    for i, char in enumerate(text):
        if span_at(para.spans, i):
            continue
        if char in rules.SENTENCE_END_CHARS:
            word = re.search(r"(\w+)$", text[:i])
            boundary = not (char == "." and word and word.group(1).lower() in lexicon.ABBREVIATIONS)
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


def sentence_start(para: Paragraph, position: int) -> int:
    index = bisect.bisect_right(para.sentence_starts, position) - 1
    return para.sentence_starts[max(index, 0)]


def sentence_end(para: Paragraph, position: int) -> int:
    index = bisect.bisect_right(para.sentence_starts, position)
    return para.sentence_starts[index] if index < len(para.sentence_starts) else len(para.raw)


def outside_quotes(para: Paragraph, start: int, end: int) -> str:
    """``para.masked[start:end]`` with quotations blanked. An interview turn (a question or
    an answer without marks) is the prose its own quotations are read in: not blanked."""
    chars = list(para.masked[start:end])
    for span in para.spans:
        if span.turn:
            continue
        for i in range(max(span.open, start), min(span.close + 1, end)):
            chars[i - start] = " "
    return "".join(chars)


def has_reporting_verb(text: str) -> bool:
    """A word of ``text`` is a reporting verb (``rules.REPORTING_VERBS``, folded)."""
    return any(fold(word) in rules.REPORTING_VERBS for word in re.findall(r"[^\W\d_]+", text))


def no_abbreviation_dots(text: str) -> str:
    """``text`` with the periods of "M.", "Mme."… blanked (same length)."""
    return rules.ABBREVIATION_DOT_RE.sub(lambda m: m.group(0)[:-1] + " ", text)
