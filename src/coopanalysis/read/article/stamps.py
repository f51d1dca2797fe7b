"""Timestamps given to quotations: the quote a time sits in, follows or precedes.

``attach_stamps`` sets ``Stamp.owner`` (the index of the span a time belongs to) for every
timestamp of a paragraph; a time left without an owner is a paraphrase's (``rows``).
"""

from __future__ import annotations

import re

from coopanalysis.read.article import citations, rules
from coopanalysis.read.article.attribution import is_attribution_clause
from coopanalysis.read.article.layout import Paragraph, Span, Stamp
from coopanalysis.read.article.nested import nested_spans
from coopanalysis.read.article.people import blank_labels
from coopanalysis.read.article.spans import (
    has_reporting_verb,
    no_abbreviation_dots,
    outside_quotes,
    sentence_end,
    sentence_start,
)


def attach_stamps(para: Paragraph) -> None:
    """Give each timestamp to the quote it sits in, follows or precedes."""
    for stamp in para.stamps:
        # A question's time is that of the words it quotes, when it quotes some.
        for index, span in enumerate(para.spans):
            if span.open < stamp.start < span.close and span.turn != "question":
                stamp.owner = index
                break
        reported = _reported_in_answer(para, stamp)
        if reported is not None:
            stamp.owner = reported  # "X a dit : « … » (12:34)" inside an answer: X's words
            continue
        if stamp.owner is not None:
            continue
        _attach_near(para, stamp)
        if stamp.owner is None:
            stamp.owner = _label_turn(para, stamp)
        if stamp.owner is None:
            stamp.owner = next((i for i, s in enumerate(para.spans)
                                if s.open < stamp.start < s.close), None)
        if stamp.owner is None:
            stamp.owner = _sentence_quotation(para, stamp)


def _sentence_quotation(para: Paragraph, stamp: Stamp) -> int | None:
    """A time in the writer's sentence around its only quotation, no other reported clause
    between them: "Peu avant le vote (1:12:40), le maire a tenu à avoir le dernier mot :
    « … »", "Il a parlé, à la 52e minute, d'une « catastrophe »", "Elle a réclamé un
    « vrai débat » avant tout achat (1 h 10 min 05)". The time is when those words were
    said, not a paraphrase of its own."""
    start = sentence_start(para, stamp.start)
    end = sentence_end(para, stamp.end)
    inside = [i for i, s in enumerate(para.spans)
              if start <= s.open < end and not s.label]
    if len(inside) != 1 or span_stamps(para, inside[0]) or any(
            other is not stamp and start <= other.start < end for other in para.stamps):
        return None
    span = para.spans[inside[0]]
    between = (para.masked[start:stamp.start] if span.open >= stamp.end
               else para.masked[span.close + 1:stamp.start])
    if re.search(r"\b(?i:que\b|qu['’])", between):  # not "Quelques minutes avant…"
        return None  # "Il a rappelé que le budget baisse (12:30) et …": a paraphrase's time
    if span.close < stamp.start and (len(para.masked[span.open + 1:span.close].split())
                                     < len(between.split())):
        return None  # "pour qui la « vacance » des logements est le vrai sujet (19min30)":
        # the writer's words after a short quotation are what the time marks
    return inside[0]


def _label_turn(para: Paragraph, stamp: Stamp) -> int | None:
    """A transcript label's timecode ("**[00:18:40] ANNE LEROY** — …") times its turn: the
    stamp opens the paragraph and the paragraph's first span is an interview turn."""
    if para.masked[:stamp.start].strip(" *_>") or not para.spans:
        return None
    first = min(range(len(para.spans)), key=lambda i: para.spans[i].open)
    span = para.spans[first]
    return first if span.turn and span.open >= stamp.end and not span_stamps(para, first) \
        else None


def _reported_in_answer(para: Paragraph, stamp: Stamp) -> int | None:
    """The quotation an interview answer reports right before ``stamp``: the replay shows
    someone else saying those words at the event. Either the answer names a speaker other
    than the interviewee in the sentence before it ("Corinne Delahaye a dit : « … »"), or
    a speech verb introduces it there ("elle a dit devant tout le monde : « … »", "Une
    dame m'a demandé : « … »"). A letter or an author read out by the interviewee
    (``said_by_cited``) keeps the time of the answer."""
    for index, span in enumerate(para.spans):
        if not span.in_answer or span.close >= stamp.start:
            continue
        if not re.fullmatch(r"[\s.,;:(]*", para.masked[span.close + 1:stamp.start]):
            continue
        if said_by_cited(para, span):
            continue
        turn = answer_of(para, span)
        start = sentence_start(para, span.open)
        named = any(start <= m.start < span.open
                    and (turn is None or m.speaker != turn.turn_speaker)
                    for m in para.mentions)
        prose = para.masked[start:span.open]  # the answer's own words (a turn span)
        spoken = has_reporting_verb(prose)
        if named or spoken:
            return index
    return None


def answer_of(para: Paragraph, span: Span) -> Span | None:
    """The interview answer that holds ``span`` (a quotation the answer reports)."""
    return next((s for s in para.spans if s.turn == "answer" and s.open <= span.open < s.close),
                None)


def _attach_near(para: Paragraph, stamp: Stamp) -> None:
    """A timestamp outside quotation marks: the quote right before it, else right after."""
    # A name in quotation marks owns no time: "» — X, présidente de « Y » [00:19:45]".
    before = [(i, s) for i, s in enumerate(para.spans) if s.close < stamp.start and not s.label]
    after = [(i, s) for i, s in enumerate(para.spans) if s.open >= stamp.end and not s.label]
    if len(before) > 1 and _names_in_signature(para, before[-2][1], before[-1][1], stamp):
        before = before[:-1]
    if before:
        index, span = before[-1]
        # A group named in the incise reads as a word: "a assuré X, président de
        # l'association « Sauvons le plateau » (19'05)".
        between = blank_labels(para)[span.close + 1:stamp.start]
        # "« … ? » Rires dans le public. (47:30)": the room's reaction between a quote and
        # its time.
        adjacent = re.fullmatch(r"[\s.,;:(]*", between) or rules.ROOM_REACTION_RE.fullmatch(
            between)
        if not adjacent and after and _leads(para, stamp, after[0][1]) \
                and not span_stamps(para, after[0][0]):
            stamp.owner = after[0][0]  # "À 41 min 30, elle lance : « … »"
            return
        if not span_stamps(para, index) and (adjacent or is_attribution_clause(between)):
            stamp.owner = index
            return
    if after:
        index, span = after[0]
        if (re.fullmatch(r"[\s:,]*", para.masked[stamp.end:span.open])
                or _leads(para, stamp, span)) and not span_stamps(para, index):
            stamp.owner = index


def _names_in_signature(para: Paragraph, quote: Span, name: Span, stamp: Stamp) -> bool:
    """The short quotation between a quote and a time is a name inside the quote's
    signature ("» — Nathalie Corbière, présidente de l'union « Montfaucon Boutiques »
    [00:19:45]", "— X, présidente du relais « Les P'tits Loups d'Oustal » [00:12:05]"), not
    words of its own: three words, or a capitalised name of up to ``LABEL_MAX_WORDS``."""
    words = para.masked[name.open + 1:name.close].split()
    short = len(words) <= rules.TERM_MAX_WORDS or (
        len(words) <= rules.LABEL_MAX_WORDS and words[0][:1].isupper())
    return (short and quote.close < name.open
            and bool(rules.DASH_SIGNATURE_RE.match(para.masked, quote.close + 1))
            and is_attribution_clause(outside_quotes(para, quote.close + 1, stamp.start)))


def _leads(para: Paragraph, stamp: Stamp, span: Span) -> bool:
    """The time opens the sentence that introduces the quotation: "À 41 min 30, elle lance :
    « … »", "(à 33 min 10) Il ajoute : « … »", "C'est à la 41e minute qu'elle a pris la
    parole : « … »" (``rules.LEADING_TIME_CLAUSE_RE``, ``rules.TIME_LEAD_RE``)."""
    opening = para.masked[:stamp.start].rstrip(" *_")
    lead = para.masked[sentence_start(para, stamp.start):stamp.start]
    if (opening and opening[-1] not in rules.SENTENCE_END_CHARS + "»"
            and not rules.TIME_LEAD_RE.fullmatch(lead)):
        return False
    return bool(rules.LEADING_TIME_CLAUSE_RE.fullmatch(para.masked[stamp.end:span.open]))


def span_stamps(para: Paragraph, index: int) -> list[Stamp]:
    return [s for s in para.stamps if s.owner == index]


def said_by_cited(para: Paragraph, span: Span) -> bool:
    """The quotation follows a cited person and a relative clause about them (the words of
    a cited third party: ``citations.CITED_RELATIVE_RE``), past writing introduces it
    (``citations.WRITTEN_LEAD_RE``), or it is a letter read out (``citations.READ_OUT_RE``)."""
    start = sentence_start(para, span.open)
    lead = para.masked[start:span.open]
    if citations.WRITTEN_LEAD_RE.search(lead):
        return True
    # Reached by the newsroom apart from the event ("Contacté vendredi, le président …, X,
    # assure que « … »"), when the sentence names no speaker of the event.
    if citations.PRESS_CONTACT_BEFORE_RE.search(lead) and not any(
            start <= m.start < span.open for m in para.mentions):
        return True
    # A letter read out, unless the reader frames it ("« Le préfet m'a écrit : “…” »").
    if (citations.READ_OUT_RE.search(no_abbreviation_dots(lead))
            and not nested_spans(para, span)):
        return True
    for cite in citations.CITE_RE.finditer(para.masked, start, span.open):
        if citations.CITED_RELATIVE_RE.match(para.masked[cite.end("name"):span.open]):
            return True
    return False
