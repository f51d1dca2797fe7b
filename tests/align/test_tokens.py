"""Tests of the token stream and of quote preparation (align/tokens.py).

Through ``align_quotes`` where the behaviour shows in its output (times, de-duplicated
roll-up cues, quotes pasted from web pages), directly where it does not (cuts, insertions).
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd
import pytest

import coopanalysis as ca
from coopanalysis import schema
from coopanalysis.align.aligner import align_quotes
from coopanalysis.align.rules import SCORING
from coopanalysis.align.tokens import build_stream, prepare_quote
from coopanalysis.model import Transcript

SENTENCE = "le temps long est la clé de toute coopération territoriale réussie selon moi"
SPOKEN = "c'est le temps long qui construit la confiance entre les communes et les élus"


def cue_transcript(rows: list[tuple[float, float, str]]) -> Transcript:
    """Cues as given, without a reader's clean-up (roll-up repeats stay)."""
    cues = pd.DataFrame([{"cue_id": k, "start": s, "end": e, "text": t}
                         for k, (s, e, t) in enumerate(rows)])
    return Transcript(cues=schema.conform(cues, schema.CUES))


# --------------------------------------------------------------------------- the stream


def test_stream_tokens_are_folded_with_times_and_sound_tags_dropped():
    stream = build_stream(cue_transcript([(0.0, 4.0, "[Musique] L'été à Nantes, 10 ans")]))
    assert stream.tokens(0, len(stream.codes)) == ["l", "ete", "a", "nantes", "dix", "ans"]
    assert (np.diff(stream.start) >= 0).all() and stream.start[0] > 0.0
    assert set(stream.cue_id.tolist()) == {0}

def test_cue_only_times_are_interpolated_by_character_position():
    # Content words: a quote of ordinals only is no location (numbers occur anywhere).
    text = "printemps automne moisson vendange semailles labours récolte"
    transcript = cue_transcript([(100.0, 107.0, text)])
    quotes = pd.DataFrame({"text": ["moisson vendange semailles labours récolte"]})
    row = align_quotes(quotes, transcript).iloc[0]
    assert row["start"] == pytest.approx(100.0 + 7.0 * text.index("moisson") / len(text))
    assert row["end"] == pytest.approx(107.0)
    assert row["cue_ids"] == [0]


def test_rolling_cues_are_deduplicated_when_the_reader_did_not():
    rows = [(0.0, 2.0, "nous avons ouvert nos commissions"),
            (2.0, 2.01, "nous avons ouvert nos commissions"),
            (2.01, 4.0, "nous avons ouvert nos commissions à tous les habitants"),
            (4.0, 6.0, "à tous les habitants et les avons appelés")]
    row = align_quotes(pd.DataFrame({"text": [
        "Nous avons ouvert nos commissions à tous les habitants et les avons appelés"]}),
        cue_transcript(rows)).iloc[0]
    assert row["verdict"] == "verbatim", row["diff"]
    assert row["start"] == pytest.approx(0.0)


def test_a_sentence_said_again_in_the_next_cue_is_two_places() -> None:
    # The roll-up de-duplication dropped a cue repeating the previous cue's words even
    # 30 minutes later, so the aligner saw one place and said "matched" at 00:00:01.
    t = ca.read_transcript(f"WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n{SENTENCE}\n\n"
                           f"00:30:00.000 --> 00:30:05.000\n{SENTENCE}\n")
    aligned = align_quotes(pd.DataFrame({"text": [SENTENCE, SENTENCE],
                                         "stated_start": [1800.0, float("nan")]}), t)
    assert aligned["start"].iloc[0] == pytest.approx(1800.0)
    assert aligned["status"].iloc[1] == "uncertain"
    assert "ambiguous" in aligned["warning"].iloc[1]


# --------------------------------------------------------------------------- quotes


def test_prepared_quote_has_cuts_insertions_and_sentence_jumps():
    q = prepare_quote({"text": "Plus que jamais, [la coopération] fait le sel. Et la force "
                               "[...] de nos territoires", "stated_start": "3min07"}, 0, {})
    assert q.tokens == ["plus", "que", "jamais", "fait", "le", "sel", "et", "la", "force",
                        "de", "nos", "territoires"]
    assert q.insertions == [(3, "la coopération")]
    assert q.marked_cuts == frozenset({9})
    assert q.jumps == {3: SCORING["cut_jump"], 6: SCORING["sentence_jump"],
                       9: SCORING["cut_jump"]}
    assert q.quote_id == "row1" and q.stated_start == 187.0 and q.warning is None
    assert (q.codes == -1).all()  # no token is in an empty vocabulary


def test_unicode_quote_nfd_nbsp_rtl_emoji_is_aligned() -> None:
    spoken = unicodedata.normalize("NFD", "la coopération entre élus\u00a0: c’est l’été\u200f 🌍")
    t = ca.read_transcript(f"WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n{spoken}\n")
    printed = "La coopération entre élus : c'est l'été"
    aligned = align_quotes(pd.DataFrame({"text": [printed]}), t)
    assert aligned[["status", "verdict"]].values.tolist() == [["matched", "verbatim"]]
    assert aligned["start"].iloc[0] == pytest.approx(1.0)


@pytest.mark.parametrize("printed", [
    "c&#8217;est le temps long qui construit la confiance entre les communes et les élus",
    "c&rsquo;est le temps long qui construit la confiance&nbsp;entre les communes et les "
    "&eacute;lus",
    "c'est le temps long qui construit la con\u00adfiance entre les communes et les élus",
])
def test_quotes_pasted_from_web_pages_are_verbatim(printed: str) -> None:
    # HTML entities compared as words ("8217" → "huit mille deux cent dix-sept") and soft
    # hyphens splitting words made verbatim quotes "altered" or "edited".
    t = ca.read_transcript(f"WEBVTT\n\n00:00:01.000 --> 00:00:09.000\n{SPOKEN}\n")
    aligned = align_quotes(pd.DataFrame({"text": [printed]}), t)
    assert aligned[["status", "verdict"]].values.tolist() == [["matched", "verbatim"]]
    assert aligned["text"].iloc[0] == printed


def test_quotes_without_ids_are_numbered_by_row() -> None:
    t = ca.read_transcript(f"WEBVTT\n\n00:00:01.000 --> 00:00:09.000\n{SPOKEN}\n")
    quotes = pd.DataFrame({"text": ["une phrase qui n'a jamais été dite par personne ici",
                                    "une autre phrase absente du replay de la table ronde"]})
    aligned = align_quotes(quotes, t)
    assert aligned["quote_id"].tolist() == ["row1", "row2"]
