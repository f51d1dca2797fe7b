"""The aligner's rules as data: scores, search limits, decision and verdict thresholds.

Every number the alignment depends on is here, each with the reason for its value; the
modules of this package read them and hold no constants of their own. How they are used:
``docs/align.md`` ("How it works" and "Verdicts").
"""

from __future__ import annotations

#: Scores of the word-level alignment. A content word is stronger evidence of a place than
#: "de" or "la", so it weighs twice as much; skipping a spoken word (a repetition, an ASR
#: insertion, an unmarked cut) costs less than losing a printed one.
SCORING: dict[str, float] = {
    "content_word": 2.0,
    "function_word": 1.0,
    "variant_ratio": 75.0,     # rapidfuzz fuzz.ratio from which two words are variants
    "variant_share": 0.5,      # a variant earns this share of a match
    "mismatch": -0.7,
    "skip_spoken": -0.5,       # a spoken word the quote does not have
    "skip_printed": -1.0,      # a printed word that was not heard
    "cut_jump": -1.0,          # any number of spoken words skipped at a marked cut
    "sentence_jump": -3.0,     # ... between two printed sentences (an unmarked condensation)
}

#: Evidence (alignment score) at which a place is certain: about eight content words
#: heard in order. Shorter quotes are scored against their own maximum.
EVIDENCE_FULL = 16.0

#: Decision rules (docs/align.md, "How it works", step 4).
STATUS_RULES: dict[str, float] = {
    "min_tokens": 5,            # shorter quotes are uncertain unless the stated time confirms
    "uncertain_share": 0.7,     # score ≥ this share of min_score: uncertain, below: unmatched
    "ambiguous_ratio": 0.7,     # a second place with this share of the best evidence is a rival
    "rival_distance": 3.0,      # seconds apart for two places to count as different
    "prior_tolerance": 90.0,    # seconds around stated_start + offset where the prior holds
    "prior_rescue_ratio": 0.5,  # a weaker place near the stated time is kept (uncertain)
    "min_evidence": 3.0,        # below this, nothing is located
    "edge_words": 2,            # misheard words at either end paired with adjacent speech
    "edge_seconds": 1.0,        # ... when they follow within this many seconds per word
}

#: Candidate search: places per quote, and how often an n-gram may occur before it stops
#: telling places apart ("de la" occurs thousands of times in a long replay).
SEARCH: dict[str, int] = {
    "candidates": 4,
    "bin_tokens": 8,
    "max_ngram_hits": 200,
    "max_word_hits": 20,        # single words only vote when rare ("sonar", "glassine")
    "pad_tokens": 12,
    "cut_slack_tokens": 80,     # spoken words a marked cut may hide
    "sentence_slack_tokens": 30,  # ... and an unmarked cut between two printed sentences
    "cut_seconds": 120,         # longest speech a marked cut (or an insertion) may skip
    "sentence_seconds": 20,     # longest speech left out between two printed sentences
}

#: Seconds between a cue and the previous one for the cue to be a YouTube roll-up repeat
#: (roll-up cues follow each other with no gap; a 10 ms "flicker" cue in between).
ROLLING_MAX_GAP = 1.0

#: Offset consensus: matched quotes within this many seconds of the median agree.
OFFSET_AGREEMENT = 60.0


#: Verdict thresholds. ASR captions mishear isolated words (about one in seven at 15 %
#: word error), so one missing word is not proof of an invented quote; a run of missing
#: printed words is. These values keep every half-invented benchmark quote ``altered``
#: and 15 %-noise verbatim quotes ``edited`` (see docs/align.md).
VERDICT_RULES: dict[str, float] = {
    "altered_below_fidelity": 0.75,   # fewer than 3 printed words in 4 were heard
    "altered_missing_run": 3,         # this many consecutive printed words not heard
    "negation_cut_words": 2,          # a cut this short that removes a negation reverses it
    "min_content_words": 2,           # content words heard for a place to be a location
    "min_content_share": 1 / 3,       # ... and this share of the printed content words
                                      # (fewer: invented, a few common words found; a
                                      # half-invented quote stays located and altered)
    "edge_words": 6,                  # unheard printed words at an end compared with the
                                      # speech next to the match (longer: another passage)
    "glued_seconds": 60,              # an unheard end found this far away: two passages glued
    "glue_cut_words": 2,              # grammar words spoken between two printed ones and
                                      # not printed, taken as the captions' noise or a stumble
}

#: Transcript noise versus editing (``align.evidence``). Whisper's word probability: below
#: ``low_probability`` the recogniser itself doubts the word; neighbours at ``confident`` or
#: more mean it heard that place well (a word missing there was not said). ``renders_as``:
#: phonetic-key similarity for a transcript word to be a rendering of a printed word it
#: never writes (stricter than ``SOUNDS_ALIKE``: the whole vocabulary is searched).
#: ``variant_ratio``: spelling similarity for an edge word to anchor on ("probleme"/"problemes").
NOISE_RULES: dict[str, float] = {
    "low_probability": 0.5,
    "confident": 0.9,
    "renders_as": 0.75,
    "variant_ratio": 75.0,
}

#: A hedge or negation spoken next to the quote's first or last word (``align.boundary``):
#: ``lead_gap_words`` function words may stand between a lead hedge and the quote ("je
#: pense que c'est | les gens qui paient"); a pause longer than ``pause_seconds`` between
#: them ends the clause (only measurable with word timings).
BOUNDARY_RULES: dict[str, float] = {
    "lead_gap_words": 2,
    "pause_seconds": 1.0,
}

#: Words of a speaker correcting themselves ("je pense que tu, enfin, on n'a pas…"): like
#: fillers, they may stand between a lead hedge and the quote without ending its reach.
SELF_CORRECTION_MARKERS: frozenset[str] = frozenset({"enfin", "bon", "disons", "bref", "pardon"})
