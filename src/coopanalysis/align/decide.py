"""Stage 4 of the aligner: the place of each quote, its status and its located row.

The replay's offset from the quotes that matched unambiguously, the location score,
rivals and the stated time choosing between them, the status, and the row of
``schema.ALIGNED`` (times, cues, spoken text, the diff and its verdict).
See ``docs/align.md`` ("How it works", step 4).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from coopanalysis.align.boundary import boundary_changes
from coopanalysis.align.diff import ADDED, CUT, Op, as_data, fidelity, format_diff, notes, verdict
from coopanalysis.align.evidence import content_word, edge_ops, noise_words
from coopanalysis.align.local import Hit
from coopanalysis.align.rules import (
    EVIDENCE_FULL,
    OFFSET_AGREEMENT,
    STATUS_RULES,
    VERDICT_RULES,
)
from coopanalysis.align.surface import surface_ops
from coopanalysis.align.tokens import Quote, Stream, unescaped, unit_tokens
from coopanalysis.align.values import is_number_word
from coopanalysis.align.verdict import (
    EDGE,
    content_support,
    faithful_kind,
    language_of,
    meaning_changes,
    ne_notes,
    unheard,
)
from coopanalysis.text.lexicon import FILLERS, NE_PARTICLE
from coopanalysis.text.normalize import match_tokens
from coopanalysis.timecode import format_hms

_DIGIT_RE = re.compile(r"\d")
_LANGUAGES = {"fr": "French", "en": "English"}


# --------------------------------------------------------------------------- decision


def first_pass_offset(prepared: Sequence[Quote], searches: Sequence[list[Hit]]) -> float:
    """Offset from quotes whose best place is confident and has no rival."""
    offsets = []
    for q, hits in zip(prepared, searches, strict=True):
        if not hits or not math.isfinite(q.stated_start) or len(q.tokens) < 5:
            continue
        if _location_score(q, hits[0]) < 0.8 or _rivals(q, hits, hits[0], 0.6):
            continue
        offsets.append(hits[0].start - q.stated_start)
    return consensus(np.asarray(offsets, dtype=float))


def consensus(values: np.ndarray) -> float:
    """Median of the values that agree with the median (``OFFSET_AGREEMENT``), or NaN."""
    values = values[np.isfinite(values)]
    if len(values) < 2:
        return float("nan")
    median = float(np.median(values))
    agree = values[np.abs(values - median) <= OFFSET_AGREEMENT]
    if len(agree) < 2 or len(agree) * 2 <= len(values):
        return float("nan")
    return float(np.median(agree))


def _location_score(q: Quote, hit: Hit) -> float:
    """Evidence over what the quote could give (capped at ``EVIDENCE_FULL``).

    Below ``EVIDENCE_FULL`` the evidence alone does not tell a short quote from a common
    phrase ("c'est quelque chose qui est…"), so the share of the quote heard weighs in too.
    """
    full = min(q.max_evidence, EVIDENCE_FULL)
    score = min(1.0, hit.evidence / full)
    if hit.evidence < EVIDENCE_FULL and q.max_evidence < 1.5 * EVIDENCE_FULL:
        score *= math.sqrt(min(1.0, hit.evidence / q.max_evidence))
    return score


#: Public name of the location score, for the glued-passage search of the aligner.
location_score = _location_score


def _rivals(q: Quote, hits: Sequence[Hit], best: Hit, min_score: float) -> list[Hit]:
    """Other places that match the quote on their own almost as well as the best one.

    ASR noise differs between two sayings of one sentence, so a rival only needs
    ``ambiguous_ratio`` of the best evidence and a location score in the uncertain range.
    A place where every printed word was heard exactly has no imperfect rival: a clean
    transcript that says "maintenir" at one place and "ajouter" at the other is not ambiguous.
    """
    return [h for h in hits if h is not best and (h.perfect or not best.perfect)
            and h.evidence >= STATUS_RULES["ambiguous_ratio"] * best.evidence
            and _location_score(q, h) >= STATUS_RULES["uncertain_share"] * min_score
            and abs(h.start - best.start) > STATUS_RULES["rival_distance"]]


def _weaker_near_prior(q: Quote, hits: Sequence[Hit], best: Hit, prior: float,
                       min_score: float) -> Hit | None:
    near = [h for h in hits if h is not best
            and abs(h.start - prior) <= STATUS_RULES["prior_tolerance"]
            and h.evidence >= STATUS_RULES["prior_rescue_ratio"] * best.evidence
            and h.evidence >= 2 * STATUS_RULES["min_evidence"]]
    return near[0] if near else None


def decide(q: Quote, hits: list[Hit], stream: Stream, *, offset: float,
           min_score: float, language: str | None = None,
           max_offset: float | None = None) -> dict[str, Any]:
    """The ``ALIGNED`` row of a quote from its places (``hits``, best first).

    ``language``: the transcript's (``verdict.language_of``); a quote identified as
    another language is ``unmatched`` whatever words it shares (years, names).
    ``max_offset``: the search window around the stated time, named when nothing is found.
    """
    row: dict[str, Any] = {
        "quote_id": q.quote_id, "speaker": q.speaker, "stated_start": q.stated_start,
        "text": q.text, "n_tokens": len(q.tokens), "cue_ids": [], "diff_ops": (),
    }
    first_notes = [q.warning] if q.warning else []
    if not q.tokens:
        return _unmatched(row, 0.0, [*first_notes, "no words to align"])
    own, french, english = language_of(q.tokens)
    if language and own and own != language:
        return _unmatched(row, 0.0, [*first_notes, (
            f"other language: the quote reads as {_LANGUAGES[own]} (function words: French "
            f"{french:.0%}, English {english:.0%}), the transcript as {_LANGUAGES[language]}")])
    not_found = "not found in the transcript"
    if max_offset is not None and math.isfinite(q.stated_start):
        not_found = (f"not found within ±{max_offset:g} s of the stated time "
                     f"{format_hms(max(q.stated_start, 0.0))}")
    if not hits or hits[0].evidence < STATUS_RULES["min_evidence"]:
        return _unmatched(row, _score_or_zero(q, hits), [*first_notes, not_found])
    prior = q.stated_start + (offset if math.isfinite(offset) else 0.0)
    choice = _choose_place(q, hits, prior=prior, offset=offset, min_score=min_score)
    status = "uncertain" if choice.rescued else _status(choice.score, settled=choice.settled,
                                                         min_score=min_score)
    if status == "unmatched":
        return _unmatched(row, choice.score, [*first_notes, not_found])
    located = _located(q, choice.hit, stream)
    ops: list[Op] = located.pop("ops")
    support = content_support(ops)
    if len(support) < VERDICT_RULES["min_content_words"]:
        heard = " ".join(op.printed for op in ops if op.kind in ("kept", "changed"))
        return _unmatched(row, choice.score, [
            *first_notes, f"not found in the transcript: only a number or common words "
            f"match at {format_hms(max(choice.hit.start, 0.0))} ({heard})"])
    printed = [op.printed for op in ops if op.kind in ("kept", "changed", "added", "replaced")]
    content = [w for w in printed if content_word(w) and not is_number_word(w)]
    thin = None
    if content and len(support) < VERDICT_RULES["min_content_share"] * len(content):
        # Invented, or a few common words of it said somewhere: no location. A quote
        # glued from two passages is the exception (the aligner checks, ``_mark_glued``).
        thin = (f"not found in the transcript: only {len(support)} of its {len(content)} "
                f"content words heard in order at {format_hms(max(choice.hit.start, 0.0))} "
                f"({' '.join(support)})")
    warnings = [*first_notes, *choice.warnings, *located.pop("notes")]
    time_problem = _time_problem(located["start"], located["end"])
    if time_problem:
        # The place is right but its time is not: never "matched" with a time to cite.
        status = "uncertain"
        warnings.append(time_problem)
    base = dict(row)
    row.update(located)
    row.update(status=status, score=choice.score,
               warning="; ".join(warnings) if warnings else None)
    if thin:
        row["thin"] = _unmatched(base, choice.score, [*first_notes, thin])
    return row


@dataclass
class _Choice:
    """The place chosen for a quote, how sure, and why not surer."""

    hit: Hit
    score: float
    settled: bool = True         # False: uncertain whatever the score
    rescued: bool = False        # a weaker place kept because the stated time points to it
    warnings: list[str] = field(default_factory=list)


def _choose_place(q: Quote, hits: list[Hit], *, prior: float, offset: float,
                  min_score: float) -> _Choice:
    """Best place; among rivals the one at the stated time; short quotes need the prior."""
    best = hits[0]
    choice = _Choice(best, _location_score(q, best))
    tolerance = STATUS_RULES["prior_tolerance"]
    rivals = _rivals(q, hits, best, min_score)
    if rivals:
        contenders = [best, *rivals]
        near = [h for h in contenders if math.isfinite(prior) and abs(h.start - prior) <= tolerance]
        others = ", ".join(format_hms(max(h.start, 0.0)) for h in contenders)
        if len(near) == 1:
            choice = _Choice(near[0], _location_score(q, near[0]))
            choice.warnings.append(f"same words also at {others}; the stated time chose "
                                   f"{format_hms(max(near[0].start, 0.0))}")
        else:
            choice.settled = False
            choice.score = min(choice.score, 0.5)
            choice.warnings.append(f"ambiguous: the same words at {others}")
    elif math.isfinite(prior) and abs(best.start - prior) > tolerance:
        weaker = _weaker_near_prior(q, hits, best, prior, min_score)
        if weaker is not None:
            # A repeated phrasing heard worse where the article says it was spoken: the prior
            # may pick it, but only as uncertain, with both places named.
            choice = _Choice(weaker, _location_score(q, weaker), settled=False, rescued=True)
            choice.warnings.append(
                f"the best match is at {format_hms(max(best.start, 0.0))}, "
                f"{best.start - prior:+.0f} s from the stated time; a weaker one "
                f"at {format_hms(max(weaker.start, 0.0))} fits the stated time")
        else:
            choice.warnings.append(
                f"found {best.start - q.stated_start:+.0f} s from the stated time"
                + (f" (replay offset {offset:+.0f} s)" if math.isfinite(offset) else ""))
    near_prior = math.isfinite(prior) and abs(choice.hit.start - prior) <= tolerance
    if len(q.tokens) < STATUS_RULES["min_tokens"] and not (near_prior and not rivals):
        choice.settled = False
        choice.warnings.append(
            f"short quote ({len(q.tokens)} words): too common to place for sure")
    return choice


def _time_problem(start: float, end: float) -> str | None:
    """Why the matched words' times cannot be cited, or None when they can."""
    if not (math.isfinite(start) and math.isfinite(end)):
        return "the matched words have no time in the transcript (word or cue times missing)"
    if end < start:
        return (f"the matched words go back in time ({format_hms(max(start, 0.0))} → "
                f"{format_hms(max(end, 0.0))}): the transcript's cues are out of order here")
    return None


def _unmatched(row: dict[str, Any], score: float, warnings: list[str]) -> dict[str, Any]:
    return {**row, "status": "unmatched", "score": score, "warning": "; ".join(warnings)}


def _status(score: float, *, settled: bool, min_score: float) -> str:
    if score >= min_score and settled:
        return "matched"
    if score >= STATUS_RULES["uncertain_share"] * min_score:
        return "uncertain"
    return "unmatched"


def _score_or_zero(q: Quote, hits: Sequence[Hit]) -> float:
    return _location_score(q, hits[0]) if hits else 0.0


def _located(q: Quote, hit: Hit, stream: Stream) -> dict[str, Any]:
    units = stream.unit[hit.first: hit.last + 1]
    spoken = [stream.unit_text[u] for u in range(int(units[0]), int(units[-1]) + 1)]
    # Tokens of the first word that lie before the match ("l" of "l'avenir" when only
    # "avenir" matched).
    before = hit.first - int(np.searchsorted(stream.unit, units[0], side="left"))
    ops = _with_fillers(hit.build_ops(), spoken, before)
    text = " ".join(spoken)
    # Shown as printed and as spoken; compared (above and below) on folded tokens.
    diff_ops = as_data(surface_ops(ops, unescaped(q.text), spoken))
    cue_ids = sorted({int(c) for c in stream.cue_id[hit.first: hit.last + 1]})
    widened, edge_text = _with_edges(ops, stream, int(units[0]), int(units[-1]))
    changes, doubts = meaning_changes(widened, unescaped(q.text), edge_text)
    changes += [c for c in boundary_changes(ops, stream, hit.first, hit.last) if c not in changes]
    edits = _unseen_edits(q, spoken)
    kind = verdict(ops, other_edits=edits)
    missing = unheard(ops)
    if missing and not changes:
        changes.append(missing)
    noise, noise_notes = noise_words(ops, stream, hit.first)
    renders_ne = _renders_ne(stream)
    if renders_ne:
        noise_notes += ne_notes(ops)
    if kind != "altered" or not changes:
        # Every altered verdict says why in ``changes``; a rule of ``verdict`` with no
        # meaning-bearing difference behind it (a run of misheard "il y") does not hold.
        kind = faithful_kind(ops, other_edits=edits, noise=noise,
                             renders_ne=renders_ne)
    return {
        "start": hit.start, "end": hit.end, "cue_ids": cue_ids, "transcript_text": text,
        "offset": hit.start - q.stated_start if math.isfinite(q.stated_start) else float("nan"),
        "diff_ops": diff_ops, "diff": format_diff(diff_ops), "fidelity": fidelity(ops),
        "verdict": "altered" if changes else kind,
        "changes": "; ".join(changes) if changes else None,
        "transcript_speaker": _speaker_at(stream, hit, cue_ids),
        "notes": [*notes(ops), *doubts, *noise_notes], "ops": ops,
    }


def _renders_ne(stream: Stream) -> bool:
    """Whether the transcript ever writes "ne"/"n'": if not, a printed one proves nothing."""
    return any(word in stream.vocab for word in NE_PARTICLE)


def _with_edges(ops: list[Op], stream: Stream, first: int, last: int) -> tuple[list[Op], str]:
    """``ops`` and the spoken text widened by the speech next to unheard printed ends.

    The local alignment stops at the last printed word heard: "… s'ils ont dix pull
    requests" ends at "ont" when "quatre" was said. The meaning checks compare those
    printed words with the spoken ones that follow (or precede) the match, as cuts.
    """
    def run(sequence: list[Op]) -> int:
        count = 0
        for op in sequence:
            if op.kind != ADDED:
                break
            count += 1
        return count

    head, tail = run(ops), run(ops[::-1])
    # A long unheard end is another passage (glued) or invented: not a misheard word.
    head = head if head <= VERDICT_RULES["edge_words"] else 0
    tail = tail if tail <= VERDICT_RULES["edge_words"] else 0
    before: list[str] = []
    after: list[str] = []
    u = first - 1
    while head and u >= 0 and len(before) < head + 2:
        before[:0] = [stream.unit_text[u]]
        u -= 1
    u = last + 1
    while tail and u < len(stream.unit_text) and len(after) < tail + 2:
        after.append(stream.unit_text[u])
        u += 1
    spoken = [*before, *(stream.unit_text[k] for k in range(first, last + 1)), *after]
    before_tokens = [t for w in before for t in unit_tokens(w)]
    after_tokens = [t for w in after for t in unit_tokens(w)]
    middle = ops[head: len(ops) - tail]
    start_ops = edge_ops([op.printed for op in ops[:head]], before_tokens, tail=False)
    end_ops = edge_ops([op.printed for op in ops[len(ops) - tail:]], after_tokens, tail=True)
    # Anchored ends are compared word by word; unanchored ones as before (EDGE speech).
    widened = [*(start_ops if start_ops is not None
                 else [*(Op(EDGE, spoken=t) for t in before_tokens), *ops[:head]]),
               *middle,
               *(end_ops if end_ops is not None
                 else [*ops[len(ops) - tail:], *(Op(EDGE, spoken=t) for t in after_tokens)])]
    return widened, " ".join(spoken)


def _with_fillers(ops: list[Op], spoken: list[str], before: int) -> list[Op]:
    """Put back the fillers the comparison dropped, as spoken words the writer cut.

    ``spoken`` are the transcript's words from the first to the last matched one; the
    spoken tokens of ``ops`` follow them in order, from the ``before``-th token on.
    """
    fillers_before: list[list[str]] = []   # fillers said just before each spoken token
    pending: list[str] = []
    for unit in spoken:
        tokens = unit_tokens(unit)
        if not tokens:
            pending.extend(t for t in match_tokens(unit, drop_fillers=False) if t in FILLERS)
            continue
        for _ in tokens:
            fillers_before.append(pending)
            pending = []
    out: list[Op] = []
    position = before
    for op in ops:
        if op.spoken:
            if before < position < len(fillers_before):
                out.extend(Op(CUT, spoken=filler) for filler in fillers_before[position])
            position += 1
        out.append(op)
    return out


@lru_cache(maxsize=50_000)
def _has_filler(unit: str) -> bool:
    return any(t in FILLERS for t in match_tokens(unit, drop_fillers=False))


def _unseen_edits(q: Quote, spoken: list[str]) -> bool:
    """Edits the token comparison cannot see: fillers dropped, digits for spoken numbers."""
    fillers = any(_has_filler(unit) for unit in spoken)
    printed = unescaped(q.text)
    digits = bool(_DIGIT_RE.search(printed)) and not any(_DIGIT_RE.search(u) for u in spoken)
    return fillers or digits


def _speaker_at(stream: Stream, hit: Hit, cue_ids: list[int]) -> str | None:
    names: Counter[str] = Counter()
    if stream.word_speakers:
        for u in stream.unit[hit.first: hit.last + 1]:
            if int(u) in stream.word_speakers:
                names[stream.word_speakers[int(u)]] += 1
    if not names:
        for cue in stream.cue_id[hit.first: hit.last + 1]:
            if int(cue) in stream.speakers:
                names[stream.speakers[int(cue)]] += 1
    return names.most_common(1)[0][0] if names else None

