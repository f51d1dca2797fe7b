"""Tests of align_quotes, estimate_offset and format_alignment_table (align/aligner.py).

Real inputs: the reference article and its reconstruction, the simulated captions of
``data/``, a BDX I/O talk (YouTube auto-captions vs its human-corrected captions, Unlicense,
copied in ``tests/data/align``) and a Thinkerview auto-caption VTT read in place. The token
stream and quote preparation: ``test_tokens.py``; the diff and verdicts: ``test_diff.py``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coopanalysis as ca
from coopanalysis import schema
from coopanalysis.align.aligner import align_quotes, estimate_offset
from coopanalysis.errors import AlignmentError
from coopanalysis.export.views import format_alignment_table
from coopanalysis.model import Transcript
from helpers import noise
from helpers.transcripts import TWO_VOICES_VTT

# The simulated captions were written with this pre-roll (helpers/noise.py, REFERENCE_SETTINGS).
SIMULATED_SHIFT = 7.5
REPEATED = "La coopération, c'est mettre tout le monde autour de la table"
# Where the reconstruction places the repeated sentence (second sentence of the 24min30 quote).
REPEATED_AT = (1476.2, 3048.0)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def article(data_dir: Path):  # type: ignore[no-untyped-def]
    from coopanalysis.read.article.parse import read_article

    return read_article(data_dir / "rnct2025_article.md")


@pytest.fixture(scope="module")
def reconstruction(data_dir: Path) -> Transcript:
    from coopanalysis.read.transcript import read_transcript

    return read_transcript(data_dir / "rnct2025_quotes.vtt")


@pytest.fixture(scope="module")
def simulated(data_dir: Path) -> Transcript:
    from coopanalysis.read.transcript import read_transcript

    return read_transcript(data_dir / "rnct2025_simulated_captions.vtt")


@pytest.fixture(scope="module")
def bdx_auto(test_data_dir: Path) -> Transcript:
    from coopanalysis.read.transcript import read_transcript

    return read_transcript(test_data_dir / "align" / "bdxio_dette_autogenere.fr-orig.srt")


@pytest.fixture(scope="module")
def bdx_final(test_data_dir: Path) -> Transcript:
    from coopanalysis.read.transcript import read_transcript

    return read_transcript(test_data_dir / "align" / "bdxio_dette_final.fr.srt")


@pytest.fixture(scope="module")
def thinkerview(corpus_dir: Path) -> Transcript:
    from coopanalysis.read.transcript import read_transcript

    return read_transcript(corpus_dir / "french" / "thinkerview" / "WyTQlf2rijs.fr-orig.vtt")


@pytest.fixture(scope="module")
def bdx_final_words(bdx_final):  # type: ignore[no-untyped-def]
    """Clean words of the corrected BDX captions and, per seed, their simulated ASR captions."""
    clean = noise.words_from_cues(bdx_final.cues)

    def make(seed: int) -> tuple[list, Transcript]:  # type: ignore[type-arg]
        settings = noise.NoiseSettings(word_error=0.15, seed=seed)
        lines = noise.caption_lines(noise.simulate(clean, settings))
        return clean, noise.transcript_from_lines(lines, word_timed=seed % 2 == 0)

    return make


def timed_quotes(article) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    quotes = article.quotes
    return quotes[quotes["stated_start"].notna() & quotes["kind"].isin(["quote", "fragment"])]


def cue_transcript(rows: list[tuple[float, float, str]], speaker: str | None = None) -> Transcript:
    cues = pd.DataFrame([{"cue_id": k, "start": s, "end": e, "text": t, "speaker": speaker}
                         for k, (s, e, t) in enumerate(rows)])
    return Transcript(cues=schema.conform(cues, schema.CUES))


def word_transcript(words: list[tuple[float, float, str]]) -> Transcript:
    """One cue per 8 words, with the words' own times."""
    table = pd.DataFrame([{"word_id": k, "cue_id": k // 8, "start": s, "end": e, "word": w}
                          for k, (s, e, w) in enumerate(words)])
    cues = (table.groupby("cue_id")
            .agg(start=("start", "min"), end=("end", "max"), text=("word", " ".join))
            .reset_index())
    return Transcript(cues=schema.conform(cues, schema.CUES),
                      words=schema.conform(table, schema.WORDS))


# --------------------------------------------------------------------------- reference pair


def test_reconstruction_every_timed_quote_matched_at_its_time(article, reconstruction):
    quotes = timed_quotes(article)
    assert len(quotes) == 12
    aligned = align_quotes(quotes, reconstruction)
    assert list(aligned.columns[: len(schema.ALIGNED)]) == list(schema.ALIGNED)
    assert (aligned["status"] == "matched").all(), aligned[["quote_id", "status", "warning"]]
    assert np.allclose(aligned["start"], aligned["stated_start"], atol=0.5)
    assert (aligned["verdict"] == "verbatim").all()
    assert aligned["fidelity"].eq(1.0).all()
    # The reconstruction carries <v> voice tags: the aligned speaker is the article's.
    assert (aligned["transcript_speaker"] == aligned["speaker"]).all()
    assert estimate_offset(aligned) == pytest.approx(0.0, abs=0.5)


def test_simulated_captions_every_timed_quote_matched_with_the_pre_roll(article, simulated):
    aligned = align_quotes(timed_quotes(article), simulated)
    assert (aligned["status"] == "matched").all(), aligned[["quote_id", "status", "warning"]]
    # The stated time is the first printed word; ASR may mishear that word (≤ 1 s late).
    assert ((aligned["offset"] - SIMULATED_SHIFT).abs() <= 1.0).all(), aligned["offset"]
    assert estimate_offset(aligned) == pytest.approx(SIMULATED_SHIFT, abs=0.3)
    # Each match ends where the quote ends: a cut never jumps to a later saying of a sentence.
    reconstruction_lengths = [9.2, 2.7, 9.2, 11.2, 7.7, 8.8, 9.2, 13.8, 8.5, 5.0, 8.1, 7.7]
    assert np.allclose(aligned["end"] - aligned["start"], reconstruction_lengths, atol=2.0)
    assert not (aligned["verdict"] == "verbatim").all()  # 15 % word errors show in the diff
    assert aligned["cue_ids"].map(len).gt(0).all()


def test_whole_article_untimed_quotes_absent_from_reconstruction_are_unmatched(
        article, reconstruction):
    aligned = align_quotes(article.quotes, reconstruction)
    by_id = aligned.set_index("quote_id")
    # Quotes of the article that the reconstruction does not contain (it holds the 12 timed ones).
    for quote_id in ("q02", "q06", "q08", "q14", "q25", "q27", "q29"):
        assert by_id.loc[quote_id, "status"] == "unmatched", by_id.loc[quote_id]
        assert math.isnan(by_id.loc[quote_id, "start"])
    # Repetitions in the article's summary are found inside the timed quotes.
    assert by_id.loc["q33", "status"] == "matched"
    assert by_id.loc["q33", "start"] == pytest.approx(1472.5, abs=1.0)


@pytest.mark.parametrize("stated, expected", [(1470.0, REPEATED_AT[0]),
                                              (3048.0, REPEATED_AT[1])])
def test_repeated_phrase_placed_by_the_stated_time(reconstruction, stated, expected):
    quotes = pd.DataFrame({"text": [REPEATED], "stated_start": [stated]})
    row = align_quotes(quotes, reconstruction).iloc[0]
    assert row["status"] == "matched"
    assert row["start"] == pytest.approx(expected, abs=1.0)
    assert "also at" in row["warning"]


def test_repeated_phrase_without_time_is_uncertain(reconstruction):
    row = align_quotes(pd.DataFrame({"text": [REPEATED]}), reconstruction).iloc[0]
    assert row["status"] == "uncertain"
    assert "ambiguous" in row["warning"]


def test_repeated_phrase_in_simulated_captions_follows_the_stated_time(article, simulated):
    quotes = pd.concat([timed_quotes(article)[["text", "stated_start"]],
                        pd.DataFrame({"text": [REPEATED, REPEATED],
                                      "stated_start": [1470.0, 3048.0]})], ignore_index=True)
    aligned = align_quotes(quotes, simulated).tail(2)
    early, late = aligned.iloc[0], aligned.iloc[1]
    # The first saying is badly misheard in the simulation: placed by the prior, but uncertain.
    assert early["status"] in ("matched", "uncertain")
    assert early["start"] == pytest.approx(REPEATED_AT[0] + SIMULATED_SHIFT, abs=10.0)
    assert late["status"] == "matched"
    assert late["start"] == pytest.approx(REPEATED_AT[1] + SIMULATED_SHIFT, abs=1.5)


def test_stated_time_never_forces_a_match(reconstruction):
    quotes = pd.DataFrame({
        "quote_id": ["wrong_time", "absent_at_a_quote"],
        "text": ["Les gens des ronds-points n'étaient pas les mêmes que ceux du grand débat.",
                 "Nous devons absolument repenser la gouvernance des mobilités rurales demain."],
        # The first is stated 30 minutes early; the second is stated where another quote is.
        "stated_start": [933.0, 2733.0],
    })
    aligned = align_quotes(quotes, reconstruction).set_index("quote_id")
    assert aligned.loc["wrong_time", "status"] == "matched"
    assert aligned.loc["wrong_time", "start"] == pytest.approx(2733.0, abs=0.5)
    assert "from the stated time" in aligned.loc["wrong_time", "warning"]
    assert aligned.loc["absent_at_a_quote", "status"] == "unmatched"


def test_max_offset_bounds_the_search(reconstruction):
    quotes = pd.DataFrame({"text": ["Nous sommes à une croisée des chemins."],
                           "stated_start": [443.0 + 600]})
    assert align_quotes(quotes, reconstruction).loc[0, "status"] == "matched"
    bounded = align_quotes(quotes, reconstruction, max_offset=120.0)
    assert bounded.loc[0, "status"] == "unmatched"


# --------------------------------------------------------------------------- real captions


BDX_QUOTES = [
    # (printed quote edited from the human-corrected captions, its cue start in those captions)
    ("Bonjour, bienvenue à tous. Merci d'être venu assister à ce dernier talk de la matinée.",
     13.9),
    ("Je m'appelle Cyril [...] j'ai 33 ans, j'habite à Bordeaux, je suis heureux papa d'une "
     "petite fille.", 41.1),
    ("Dans une équipe de 6 architectes. Et vous pouvez me retrouver sur internet", 54.7),
]


def test_bdx_auto_captions_quotes_edited_from_corrected_captions(bdx_auto, bdx_final):
    quotes = pd.DataFrame({"text": [q for q, _ in BDX_QUOTES]})
    aligned = align_quotes(quotes, bdx_auto)
    assert (aligned["status"] == "matched").all(), aligned[["status", "warning"]]
    truth = np.array([t for _, t in BDX_QUOTES])
    assert (np.abs(aligned["start"].to_numpy() - truth) <= 3.0).all(), aligned["start"]
    assert "[…] -" in aligned.loc[1, "diff"]  # the cut is shown as marked
    assert (aligned["verdict"] != "altered").all(), aligned["diff"].tolist()


def test_bdx_every_tenth_corrected_cue_found_in_auto_captions(bdx_auto, bdx_final):
    cues = bdx_final.cues.iloc[5::10].reset_index(drop=True)
    aligned = align_quotes(pd.DataFrame({"text": cues["text"]}), bdx_auto)
    located = aligned["status"] == "matched"
    inside = (aligned["start"] >= cues["start"] - 3.0) & (aligned["start"] <= cues["end"])
    assert located.mean() >= 0.9
    # A matched quote is never placed outside its cue: no confident wrong place.
    assert inside[located].all(), aligned.loc[located & ~inside, ["start", "transcript_text"]]


# Spoken (Thinkerview WyTQlf2rijs, 19:50–20:10): "quand des euh locaux décident de créer
# quelque chose 52 % de l'argent reste localement donc ce mouvement est en train de se
# développer massivement et il n'est pas visible pour dans les grands journaux et ailleurs"
THINKERVIEW_QUOTES = pd.DataFrame({
    "quote_id": ["t1", "t2", "t3", "t4"],
    "text": [
        "Quand des [acteurs] locaux décident de créer quelque chose, 52 % de l'argent reste "
        "localement.",
        "Ce mouvement est en train de se développer massivement… il n'est pas visible dans "
        "les grands journaux",
        # An unmarked cut of the negation reverses the statement.
        "ce mouvement est en train de se développer massivement et il est visible dans les "
        "grands journaux",
        # The first half was said, the second half was not.
        "ce mouvement est en train de se développer massivement grâce aux subventions "
        "européennes versées chaque année aux collectivités",
    ],
})


def test_thinkerview_word_timed_quotes(thinkerview):
    aligned = align_quotes(THINKERVIEW_QUOTES, thinkerview).set_index("quote_id")
    assert (aligned["status"] == "matched").all(), aligned[["status", "score", "warning"]]
    # Word timings: start is the first spoken word's own time.
    assert aligned.loc["t1", "start"] == pytest.approx(1190.28, abs=0.05)
    assert aligned.loc["t1", "end"] == pytest.approx(1198.76, abs=0.6)
    assert aligned.loc["t2", "start"] == pytest.approx(1199.28, abs=0.05)
    assert aligned.loc["t1", "verdict"] == "edited"
    assert "[acteurs]" in aligned.loc["t1", "diff"]
    assert aligned.loc["t2", "verdict"] == "edited"
    assert aligned.loc["t3", "verdict"] == "altered"
    assert "- pas" in aligned.loc["t3", "diff"]
    assert aligned.loc["t4", "verdict"] == "altered"
    assert aligned.loc["t4", "start"] == pytest.approx(1199.28, abs=0.05)
    assert aligned.loc["t4", "fidelity"] < 0.6


def test_thinkerview_quote_condensed_from_two_sentences_without_a_mark(thinkerview):
    # Spoken: "…massivement et il n'est pas visible pour dans les grands journaux et ailleurs
    # mais il y a aussi sur ce mouvement bal ba del des indications…"
    quotes = pd.DataFrame({"text": ["Ce mouvement est en train de se développer massivement. "
                                    "Mais il y a aussi, sur ce mouvement, des indications"]})
    row = align_quotes(quotes, thinkerview).iloc[0]
    assert row["status"] == "matched"
    assert row["start"] == pytest.approx(1199.28, abs=0.05)
    assert row["end"] > 1212.0  # "indications", after the sentence left out
    assert "- et il n'est pas visible pour dans les grands journaux et ailleurs" in row["diff"]
    # A whole sentence left out is an unmarked cut, not a reversed negation.
    assert row["verdict"] == "edited" and row["fidelity"] == 1.0


ABSENT = [
    # French sharing many common words with the talks and the article, never said there.
    "Il faut que la coopération soit au cœur de nos politiques publiques",
    "C'est quelque chose qui est très important pour nous et pour les gens",
    "Nous avons mis en place un dispositif pour les jeunes du territoire",
    "La dette publique de la France ne cesse de croître depuis vingt ans",
    "On a fait le choix de travailler avec les associations du quartier",
    "Les élus doivent être à l'écoute des citoyens et de leurs besoins",
    "Je pense que c'est un sujet qui nous concerne tous",
    "Il y a beaucoup de gens qui ne savent pas ce que c'est",
    "C'est dans la coopération, entre tous les acteurs, que résident les solutions",
    "Le nouveau modèle ne va pas être imposé du sommet d'une pyramide",
    "Être deux fois plus attentif à ceux qu'on entend le moins",
    "Plus que jamais, la coopération fait le sel et la force de nos territoires",
    "On a une architecture qui est complètement différente de ce qu'on avait avant",
    "Les équipes techniques doivent prendre le temps de se parler",
]


@pytest.mark.parametrize("transcript_name", ["bdx_auto", "thinkerview", "simulated"])
def test_absent_quotes_are_never_matched(request, transcript_name):
    transcript = request.getfixturevalue(transcript_name)
    quotes = pd.DataFrame({"text": ABSENT, "stated_start": [600.0] * len(ABSENT)})
    aligned = align_quotes(quotes, transcript)
    wrong = aligned[aligned["status"] == "matched"]
    assert wrong.empty, wrong[["transcript_text", "score", "diff"]]
    assert (aligned["status"] == "unmatched").mean() >= 0.8


# --------------------------------------------------------------------------- inputs and rules


def test_spreadsheet_quotes_need_only_text_and_clean_text_is_used():
    first = "bon alors euh on a collecté dix tonnes"
    transcript = cue_transcript([(10.0, 14.0, first),
                                 (14.0, 18.0, "de glassine cette année à Grenoble voilà")])
    quotes = pd.DataFrame({"text": ["*On a collecté 10 tonnes de glassine* cette année"],
                           "clean_text": ["On a collecté 10 tonnes de glassine cette année"]})
    row = align_quotes(quotes, transcript).iloc[0]
    assert row["status"] == "matched"
    assert row["start"] == pytest.approx(10.0 + 4.0 * first.index("on a coll") / len(first))
    assert row["fidelity"] == 1.0  # digits, emphasis and case never count against fidelity
    assert row["verdict"] == "edited"  # but "10" was said "dix"
    assert row["quote_id"] == "row1" and pd.isna(row["stated_start"])
    assert format_alignment_table(align_quotes(quotes, transcript)).startswith("row1  ")


def test_spreadsheet_stated_times_as_text(reconstruction):
    quotes = pd.DataFrame({"text": [REPEATED, REPEATED, REPEATED],
                           "stated_start": ["24min30", "00:50:48", "vers la fin"]})
    aligned = align_quotes(quotes, reconstruction)
    assert aligned["stated_start"].iloc[:2].tolist() == [1470.0, 3048.0]
    assert aligned["start"].iloc[:2].tolist() == pytest.approx(list(REPEATED_AT), abs=1.0)
    assert aligned.loc[2, "status"] == "uncertain"
    assert "unreadable stated time 'vers la fin'" in aligned.loc[2, "warning"]


# Derandomized: the property is checked on the same examples in every run (CI included).
# Quotes are 10+ words at distinct places: 25 copies of one 6-word span are not 25 findable
# quotes (short quotes are uncertain by design).
@settings(max_examples=4, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.integers(0, 7900), st.integers(10, 30)), min_size=25, max_size=25,
                unique_by=lambda span: span[0] // 40),
       st.integers(0, 1000))
def test_never_confidently_wrong_on_noisy_captions(bdx_final_words, spans, seed):
    """Any span of the talk, through 15 % ASR noise: matched ⇒ within 3 s of the truth."""
    clean, captions = bdx_final_words(seed)
    texts = [" ".join(w.text for w in clean[a: a + n]) for a, n in spans]
    aligned = align_quotes(pd.DataFrame({"text": texts}), captions)
    truth = np.array([clean[a].start for a, _ in spans])
    matched = (aligned["status"] == "matched").to_numpy()
    assert (np.abs(aligned["start"].to_numpy()[matched] - truth[matched]) <= 3.0).all()
    assert matched.mean() >= 0.7


def test_ellipsis_pieces_and_bracketed_insertion():
    spoken = ("plus que jamais euh elle fait le sel et la force de nos territoires vraiment "
              "et on le voit tous les jours dans nos communes rurales")
    words = spoken.split(" ")
    transcript = word_transcript([(20 + 0.4 * k, 20 + 0.4 * k + 0.3, w)
                                  for k, w in enumerate(words)])
    quotes = pd.DataFrame({"text": [
        "Plus que jamais, [la coopération] fait le sel et la force de nos territoires [...] "
        "dans nos communes rurales"]})
    row = align_quotes(quotes, transcript).iloc[0]
    assert row["status"] == "matched"
    assert row["start"] == pytest.approx(20.0)
    assert row["end"] == pytest.approx(20 + 0.4 * (len(words) - 1) + 0.3)
    assert row["diff"].startswith("= Plus que jamais | [la coopération] | - euh elle | = fait")
    assert "[…] - vraiment et on le voit tous les jours" in row["diff"]
    assert row["verdict"] == "edited"
    assert row["fidelity"] == 1.0


def test_short_quote_is_uncertain_unless_the_stated_time_confirms():
    transcript = cue_transcript([(0.0, 5.0, "la transition écologique est une urgence"),
                                 (300.0, 305.0, "écouter ça s'outille disait-elle")])
    quotes = pd.DataFrame({"text": ["Écouter, ça s'outille", "Écouter, ça s'outille"],
                           "stated_start": [float("nan"), 301.0]})
    aligned = align_quotes(quotes, transcript)
    assert aligned.loc[0, "status"] == "uncertain"
    assert "short quote" in aligned.loc[0, "warning"]
    assert aligned.loc[1, "status"] == "matched"
    assert aligned.loc[1, "start"] == pytest.approx(300.0)


def test_quotes_without_text_column_raise():
    with pytest.raises(AlignmentError, match="'text' column"):
        align_quotes(pd.DataFrame({"quote": ["x"]}), cue_transcript([(0, 1, "x")]))


def test_empty_quotes_and_quotes_without_words():
    transcript = cue_transcript([(0.0, 2.0, "bonjour à tous")])
    empty = align_quotes(pd.DataFrame({"text": pd.Series([], dtype="string")}), transcript)
    assert list(empty.columns[: len(schema.ALIGNED)]) == list(schema.ALIGNED) and empty.empty
    row = align_quotes(pd.DataFrame({"text": ["« … »"]}), transcript).iloc[0]
    assert row["status"] == "unmatched" and row["warning"] == "no words to align"


def test_empty_transcript_and_cues_out_of_order():
    empty = align_quotes(pd.DataFrame({"text": ["bonjour à tous"], "stated_start": [1.0]}),
                         Transcript(cues=schema.empty(schema.CUES)))
    assert empty.loc[0, "status"] == "unmatched"
    unordered = cue_transcript([(10.0, 12.0, "bonjour à tous merci d'être venus"),
                                (5.0, 8.0, "on commence par la dette technique"),
                                (20.0, 22.0, "nous parlerons de la dette d'architecture")])
    row = align_quotes(pd.DataFrame({"text": ["Nous parlerons de la dette d'architecture"],
                                     "stated_start": [20.0]}), unordered, max_offset=5).iloc[0]
    assert row["status"] == "matched" and row["start"] == pytest.approx(20.0)


def test_estimate_offset_is_robust_and_nan_when_not_enough():
    aligned = pd.DataFrame({"status": ["matched"] * 4 + ["uncertain"],
                            "offset": [30.0, 31.0, 29.5, 900.0, 31.0]})
    assert estimate_offset(aligned) == pytest.approx(30.0)
    assert math.isnan(estimate_offset(aligned.head(1)))
    assert math.isnan(estimate_offset(pd.DataFrame({"status": ["matched", "matched"],
                                                    "offset": [10.0, 500.0]})))


def test_format_alignment_table_shows_times_status_and_diff(article, reconstruction):
    aligned = align_quotes(timed_quotes(article).head(2), reconstruction)
    table = format_alignment_table(aligned)
    assert "q01" in table and "00:03:07" in table and "matched" in table
    assert "diff:    = L'avenir de nos territoires" in table
    assert table.splitlines()[-1].startswith("2 quotes: 2 matched")


# --------------------------------------------------------------------------- bad options, bad times

QUOTE = "il faut du temps long pour construire la confiance entre les élus"
SENTENCE = "le temps long est la clé de toute coopération territoriale réussie selon moi"


@pytest.fixture()
def two_cues() -> Transcript:
    return ca.read_transcript(TWO_VOICES_VTT)


@pytest.mark.parametrize("max_offset", [-5, float("nan"), "600"])
def test_align_rejects_an_unusable_max_offset(two_cues: Transcript, max_offset: object) -> None:
    # -5 silently made every timed quote unmatched; "600" (from a config file) crashed
    # with a TypeError deep in the search.
    quotes = pd.DataFrame({"text": [QUOTE], "stated_start": [5.0]})
    with pytest.raises(AlignmentError, match="max_offset"):
        align_quotes(quotes, two_cues, max_offset=max_offset)  # type: ignore[arg-type]


@pytest.mark.parametrize("min_score", [-0.1, 2, float("nan"), "0.6"])
def test_align_rejects_an_unusable_min_score(two_cues: Transcript, min_score: object) -> None:
    # 2 or NaN silently made every quote unmatched; "0.6" raised a TypeError.
    quotes = pd.DataFrame({"text": [QUOTE]})
    with pytest.raises(AlignmentError, match="min_score"):
        align_quotes(quotes, two_cues, min_score=min_score)  # type: ignore[arg-type]


def test_align_accepts_the_documented_options(two_cues: Transcript) -> None:
    quotes = pd.DataFrame({"text": [QUOTE], "stated_start": [5.0]})
    for max_offset in (None, 0, 30, 600.0):
        aligned = align_quotes(quotes, two_cues, max_offset=max_offset, min_score=0.6)
        assert aligned["status"].tolist() == ["matched"]
        assert aligned["start"].iloc[0] == pytest.approx(5.0, abs=1.0)


def test_a_quote_across_a_time_reset_is_not_matched() -> None:
    # Two files concatenated: the quote's first words at 00:10:00, its last at 00:00:05.
    first, rest = SENTENCE[:40], SENTENCE[40:]
    t = ca.read_transcript(f"WEBVTT\n\n00:10:00.000 --> 00:10:05.000\n{first}\n\n"
                           f"00:00:01.000 --> 00:00:05.000\n{rest}\n")
    aligned = align_quotes(pd.DataFrame({"text": [SENTENCE]}), t)
    assert aligned["status"].tolist() == ["uncertain"]
    assert "back in time" in aligned["warning"].iloc[0]


def test_a_quote_on_words_without_times_is_not_matched() -> None:
    words = [{"word": w, "start": None, "end": None} for w in SENTENCE.split()]
    t = ca.read_transcript(json.dumps({"segments": [
        {"start": 1.0, "end": 6.0, "text": SENTENCE, "words": words}]}))
    aligned = align_quotes(pd.DataFrame({"text": [SENTENCE]}), t)
    assert aligned["status"].tolist() == ["uncertain"]
    assert "no time" in aligned["warning"].iloc[0]
