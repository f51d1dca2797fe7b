"""Quote rows: one per quotation, fragment, paraphrase or term, then the quotes table.

Kinds, stated times, continued quotations, answers to addressed questions and duplicates
are settled here. See ``docs/article.md`` (kinds, duplicates).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from coopanalysis.read.article import citations, rules
from coopanalysis.read.article.attribution import (
    Attribution,
    attribute,
    current_speaker,
    find_cited,
    find_mentions,
)
from coopanalysis.read.article.layout import Document, Paragraph, Span, Stamp, collapse_spaces
from coopanalysis.read.article.nested import is_nested, nested_kind, nested_spans
from coopanalysis.read.article.spans import (
    has_reporting_verb,
    names_something,
    outside_quotes,
    sentence_start,
)
from coopanalysis.read.article.stamps import answer_of, attach_stamps, said_by_cited, span_stamps
from coopanalysis.schema import QUOTES, conform
from coopanalysis.text.normalize import fold, match_tokens, normalize_text

#: Extra columns of ``Article.quotes`` after the ``schema.QUOTES`` ones.
#: ``attribution``: how the speaker was found — ``after`` ("», confie X"), ``before`` (named
#: earlier in the sentence), ``pronoun`` ("Selon elle", "dit-il"), ``paragraph`` (the
#: paragraph's current speaker), ``duplicate`` (copied from the quote it repeats),
#: ``continued`` (first part of a quotation over two paragraphs, from the second), NA.
#: ``time_position``: where the timestamp stands — ``inside`` the quote, ``after`` or
#: ``before`` it, NA when untimed (paraphrases: ``after`` the reported words).
EXTRA_QUOTE_COLUMNS = ("attribution", "time_position")


def lead_in_sentence(para: Paragraph, *, quotes_allowed: bool = False) -> int | None:
    """Where the last sentence of a lead-in begins: a text paragraph ending with a colon
    that announces the next one ("Hugo Martineau a répondu longuement :"); None for any
    other paragraph. Unless ``quotes_allowed``, the lead-in holds no quotation (a name in
    quotation marks, "du club « Les Dauphins »", is no quotation)."""
    text = para.masked.rstrip(" _*")
    if para.kind != "text" or not text.endswith(rules.LEAD_IN_END) or (
            not quotes_allowed and any(not s.label for s in para.spans)):
        return None
    return sentence_start(para, len(text) - 1)


def lead_in_stamp(para: Paragraph) -> Stamp | None:
    """A time at the end of a lead-in that holds no quotation ("Un échange s'engage alors
    entre A et B (enr. 38'40) :"): the time of the words in the next paragraph."""
    start = lead_in_sentence(para)
    if start is None or not para.stamps:
        return None
    last = para.stamps[-1]
    if not para.masked[last.end:].strip(" _*:"):
        return last
    # "Pour conclure (replay : 1h21min40), notre présidente a tenu à remercier chacun :": a
    # time after a short adverbial opening of the lead-in, not after reported words.
    opening = [s for s in para.stamps if s.start >= start
               and len(para.masked[start:s.start].split()) <= LEAD_TIME_OPENING_WORDS]
    return opening[0] if opening else None


#: At most this many words before a time in a lead-in sentence for it to date the next
#: paragraph's quotation ("Pour conclure (12:30), X a dit :").
LEAD_TIME_OPENING_WORDS = 4


def lead_in_speaker(para: Paragraph) -> str | None:
    """The speaker named in a paragraph's last sentence when it ends with a colon and holds
    no quotation: "Hugo Martineau a répondu longuement :" introduces the next paragraph."""
    start = lead_in_sentence(para)
    if start is None:
        return None
    named = [m for m in para.mentions if m.start >= start]
    if not named and para.mentions and rules.LEAD_IN_PRONOUN_RE.search(para.masked[start:]):
        # "X a pris la parole. Voici l'essentiel de son intervention :": the pronoun or
        # possessive refers back to the last person named in the paragraph.
        named = para.mentions[-1:]
    return named[-1].speaker if named else None


def quotes_of_paragraph(para: Paragraph, doc: Document, rows: list[dict[str, Any]],
                         carry: str | None, lead_in: str | None = None) -> str | None:
    """Append the rows of one paragraph; return its last speaker (for the next paragraph).

    ``lead_in``: the speaker announced by the previous paragraph ending with a colon; a
    quotation opening this paragraph, with no cue of its own, is theirs.
    """
    para.mentions = find_mentions(para, doc)
    events: list[tuple[int, str]] = [(m.start, m.speaker) for m in para.mentions]
    if lead_in and para.spans and not para.masked[:para.spans[0].open].strip(" _*>"):
        events.insert(0, (-1, lead_in))
    attach_stamps(para)
    items: list[tuple[int, str, Any]] = [(s.open, "span", s) for s in para.spans]
    lead_time = lead_in_stamp(para)  # the next paragraph's time, not a paraphrase's
    free = [s for s in para.stamps if s.owner is None and s is not lead_time]
    for stamp in [s for s in free if _gives_recording_length(para, s)]:
        doc.warn(para.start + stamp.start, f"{stamp.raw!r} follows words about the recording "
                 "itself, not someone's speech: read as its length, no row")
        free.remove(stamp)
    items += [(s.start, "stamp", s) for s in free]
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
        if what == "span" and row["kind"] != "term":
            own = {s.open for s in para.spans}  # quoted in a question: rows of their own
            rows.extend(_nested_row(para, doc, open_, close)
                        for open_, close in nested_spans(para, item) if open_ not in own)
    doc.history.extend(speaker for _pos, speaker in events if speaker)
    last = current_speaker(events, len(para.raw) + 1)
    return last or carry


def _span_row(para: Paragraph, doc: Document, span: Span, events: list[tuple[int, str]],
              carry: str | None) -> dict[str, Any]:
    index = para.spans.index(span)
    stamps = span_stamps(para, index)
    if span.turn:  # an interview turn: its label says who speaks (qa.py)
        attribution = Attribution(span.turn_speaker,
                                  "layout" if span.turn_speaker else "blocked")
    elif span.addressee:  # "vous avez dit « … »" in a question: the interviewee's words
        attribution = Attribution(span.addressee, "layout")
    elif span.in_question or span.in_answer:  # only someone named: never a carried speaker
        attribution = attribute(para, doc, span.open, span.close, events, None)
        answer = answer_of(para, span)
        answerer = answer.turn_speaker if answer else None
        # In an answer, "elle a dit : « … »" refers to someone the answer named before.
        allowed = ("before", "after", "pronoun") if span.in_answer else ("before", "after")
        # A letter read out or the interviewee's own name is no one else's speech.
        if attribution.how not in allowed or (span.in_answer and (
                said_by_cited(para, span) or attribution.speaker == answerer
                or citations.WRITES_RE.search(para.masked[sentence_start(para, span.open):
                                                      span.open]))):
            attribution = Attribution(None, "blocked")
    elif said_by_cited(para, span):
        attribution = Attribution(None, "blocked")
    else:
        attribution = attribute(para, doc, span.open,
                                 span.close if span.has_close_mark else None, events, carry)
    start = span.open + 1 if span.has_open_mark else span.open
    printed = _printed(para, start, span.close)
    clean = _clean(printed)
    warnings = list(span.notes)
    timed = bool(stamps)
    kind = ("quote" if span.turn else "term" if span.label
            else nested_kind(len(clean.split())) if span.in_answer
            else _kind(para, span, clean, attribution, timed))
    speaker = attribution.speaker
    if kind == "term":
        speaker = None
    elif attribution.note:
        warnings.append(doc.warn(para.start + span.open, attribution.note))
    seconds, position = _stated(para, doc, span, stamps, warnings)
    end = span.close + 1 if span.has_close_mark else span.close
    row = _row(para, doc, start=span.open, end=end, speaker=speaker, text=printed, clean=clean,
               seconds=seconds, kind=kind, cites=find_cited(para, doc, span) if speaker else None,
               attribution=attribution.how if speaker and attribution.how != "blocked" else None,
               time_position=position, warnings=warnings, continues=span.continues)
    # NA because the sentence says someone unnamed speaks ("Un pêcheur a résumé : « … »"),
    # not for want of a cue: a repetition of these words keeps NA (link_duplicates).
    row["_blocked"] = kind != "term" and attribution.how == "blocked"
    # Words a question or an answer quotes do not repeat the turn.
    row["_nested"] = span.in_question or span.in_answer
    # "question": a dialogue line that only asks (no speaker unless the voices alternate).
    row["_dialogue"] = ("question" if span.dialogue and span.turn == "question"
                        else span.dialogue)
    row["_line"] = para.start
    return row


def _nested_row(para: Paragraph, doc: Document, open_: int, close: int) -> dict[str, Any]:
    """Words quoted inside a quotation (``nested.py``): no speaker, no time of their own."""
    printed = _printed(para, open_ + 1, close)
    clean = _clean(printed)
    row = _row(para, doc, start=open_, end=close + 1, speaker=None, text=printed, clean=clean,
               seconds=math.nan, kind="term" if names_something(para, open_, close)
               else nested_kind(len(clean.split())), cites=None,
               attribution=None, time_position=None, warnings=[])
    row["_nested"] = True
    return row


def _stated(para: Paragraph, doc: Document, span: Span, stamps: Sequence[Stamp],
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
    if rules.APPROXIMATE_TIME_RE.search(first.raw):
        warnings.append(doc.warn(para.start + first.start, f"approximate time {first.raw!r}: "
                                 "stated_start is the writer's estimate"))
    return first.seconds, position


def _kind(para: Paragraph, span: Span, clean: str, attribution: Attribution,
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
    sentence = rules.LIST_ITEM_RE.sub("", para.masked[sentence_start(para, span.open):span.open])
    if lead and lead[-1] in rules.FRAGMENT_AFTER_CHARS and first.islower() \
            and not rules.ATTRIBUTION_LEAD_RE.fullmatch(sentence.replace("*", " ")) \
            and not re.search(citations.CITE_RE.pattern + r"\s*,\s*$", sentence):
        # "dit-il, « non négociable »", "la formule de X, « … »": words inside the
        # sentence. "Selon elle, « … »" and "Elle cite X, « … »" keep a quote.
        return "fragment"
    if not lead or lead[-1] in rules.STATEMENT_LEAD_CHARS:
        return "quote"
    if sentence_start(para, span.open) == span.open or not span.has_open_mark:
        return "quote"
    verb = re.search(r"([^\W\d_]+)$", lead)
    if verb and fold(verb.group(1)) in rules.REPORTING_VERBS - rules.PROTEST_VERBS:
        return "quote"  # 'lance « … »', 'said "…"': the verb introduces a statement
    return "quote" if first.isupper() else "fragment"


def _gives_recording_length(para: Paragraph, stamp: Stamp) -> bool:
    """"La commune a mis la vidéo en ligne (1 h 49)": a time after a clause about the
    recording (``rules.RECORDING_RE``) with no reporting verb and no person is the
    recording's length, not a time in it."""
    start = _clause_start(para, stamp.start)
    clause = outside_quotes(para, start, stamp.start)
    if not rules.RECORDING_RE.search(clause):
        return False
    if any(start <= m.start < stamp.start for m in para.mentions):
        return False
    return not has_reporting_verb(clause)


def _paraphrase_row(para: Paragraph, doc: Document, stamp: Stamp,
                    events: list[tuple[int, str]], carry: str | None) -> dict[str, Any]:
    """A timestamp after reported speech without quotation marks: the reported clause."""
    start = _clause_start(para, stamp.start)
    text = collapse_spaces(para.masked[start:stamp.start]).strip(" ,;:")
    attribution = attribute(para, doc, stamp.start, None, events, carry)
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


def _clause_start(para: Paragraph, position: int) -> int:
    """Where the reported clause before a timestamp begins.

    From the sentence start, past the last colon, past "<reporting verb> que", past a
    leading "Pour X," / "Selon lui," and past a leading "<speaker> <reporting verb>".
    """
    start = sentence_start(para, position)
    # A quoted name inside the reported clause ("faute d'obtenir le « Fonds vert » à temps")
    # is part of it; a quotation of someone's words ends the clause before it.
    quoted_before = [s.close + 1 for s in para.spans if start <= s.close < position
                     and not _names_a_thing(para, s)]
    start = max([start, *quoted_before])
    region = outside_quotes(para, start, position)
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
        if verb and fold(verb.group(1)) in rules.REPORTING_VERBS - rules.PROTEST_VERBS:
            start = mention.end + verb.end()
    while start < position and para.masked[start].isspace():
        start += 1
    return start


def _names_a_thing(para: Paragraph, span: Span) -> bool:
    """A label or a few quoted words (a ``term``), not a statement."""
    words = para.masked[span.open + 1:span.close].split()
    return span.label or (span.has_close_mark and len(words) <= rules.TERM_MAX_WORDS)


def _printed(para: Paragraph, start: int, end: int) -> str:
    """The quotation as printed, timestamps taken out (they are in ``stated_start``)."""
    chars = list(para.raw[start:end])
    for stamp in para.stamps:
        for i in range(max(stamp.start, start), min(stamp.end, end)):
            chars[i - start] = " "
    return collapse_spaces("".join(chars)).strip()


def _clean(printed: str) -> str:
    """Emphasis, links, editorial brackets, ellipses and quotation marks removed."""
    text = rules.LINK_RE.sub(lambda m: m.group("text"), printed)
    text = rules.EDITORIAL_BRACKET_RE.sub(" ", text)
    text = rules.ELLIPSIS_RE.sub(" ", text)
    text = re.sub(r"[*_«»“”\"‹›]", " ", text)
    text = normalize_text(text)
    # Removals leave a space before a comma or period; the French space before ":;!?" stays.
    return re.sub(r"\s+([,.])", r"\1", text).strip(" ,;")


def _row(para: Paragraph, doc: Document, *, start: int, end: int, speaker: str | None,
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


def carry_into_continued(rows: list[dict[str, Any]]) -> None:
    """A quotation continued in the next paragraph is said by whoever says the rest, and the
    rest by whoever said its start (when only one of the parts has a speaker)."""
    rows = [row for row in rows if not is_nested(row)]
    for row, following in zip(reversed(rows[:-1]), reversed(rows[1:]), strict=True):
        if row["_continues"] and row["speaker"] is None and following["speaker"] is not None:
            row["speaker"], row["attribution"] = following["speaker"], "continued"
    for row, following in itertools.pairwise(rows):
        if row["_continues"] and following["speaker"] is None and row["speaker"] is not None:
            following["speaker"], following["attribution"] = row["speaker"], "continued"
            if following["kind"] == "term":  # a short last paragraph of a quotation
                following["kind"] = "quote"


def answer_addressed_questions(rows: list[dict[str, Any]], doc: Document) -> None:
    """A question addressed to a speaker by name (« Monsieur Teixeira, … ? ») is answered
    by that speaker: the quotation opening a later paragraph, right after, with no speaker
    of its own and no sentence saying someone unnamed speaks, is theirs."""
    rows = [row for row in rows if not is_nested(row)]
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


def link_duplicates(rows: list[dict[str, Any]]) -> None:
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
        # Words nested in a quotation repeat their parent by construction: not a repetition.
        if row["kind"] == "paraphrase" or not tokens[j] or is_nested(row):
            continue
        best: tuple[float, int] | None = None
        for i in range(j):
            earlier = rows[i]
            if earlier["kind"] == "paraphrase" or earlier["duplicate_of"] is not None:
                continue
            if not (math.isnan(row["stated_start"]) or math.isnan(earlier["stated_start"])):
                continue
            score = _containment(tokens[j], tokens[i], LCSseq.similarity)
            # A repetition of words a speaker quoted repeats the quoted words, not the speaker.
            if score >= 0.8 and (best is None or score > best[0]
                                 or (score == best[0] and is_nested(earlier))):
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


def quotes_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
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
