"""Transcript noise versus editing, on the BDX I/O auto-captions (Unlicense).

The captions of the "Gestion de la dette d'architecture" talk say: "… le manque de
connaissance ou de compétences peut créer des problèmes d'architecture et mauvaise décision
que ce soit par l'équipe ou par les architectes …", "… vous avez tous quelqu'un dans votre
équipe qui est très têtu et qui n'a pas envie de suivre les standards …".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coopanalysis.align.diff import ADDED, CHANGED, CUT, KEPT, REPLACED, Op
from coopanalysis.align.evidence import compound_parts, content_word, edge_ops, noise_words
from coopanalysis.align.tokens import build_stream
from coopanalysis.align.verdict import faithful_kind, meaning_changes
from coopanalysis.model import Transcript
from helpers.quotes import align_one

# --------------------------------------------------------------------------- noise


def test_a_content_word_the_captions_dropped_keeps_a_quote_verbatim(gestion: Transcript) -> None:
    # Printed "très têtu et obstiné": had the captions dropped a word, the rest matches.
    # Here the printed word "vraiment" stands for a word the captions did not give.
    row = align_one(gestion, "Vous avez tous quelqu'un dans votre équipe qui est très têtu et qui "
                             "n'a vraiment pas envie de suivre les standards.")
    assert row["status"] == "matched"
    assert row["verdict"] == "verbatim", row["diff"]
    assert "+ vraiment" in row["diff"]
    assert "transcript noise: vraiment (not heard)" in row["warning"]


def test_two_words_not_heard_in_a_row_are_an_edit_not_noise(gestion: Transcript) -> None:
    row = align_one(gestion, "Vous avez tous quelqu'un dans votre équipe qui est très têtu et "
                             "franchement borné, et qui n'a pas envie de suivre les standards.")
    assert row["verdict"] in ("edited", "altered")


def _stream(words: list[str], probability: list[float] | None) -> object:
    frame = pd.DataFrame({"word": words, "start": np.arange(len(words), dtype=float),
                          "end": np.arange(len(words), dtype=float) + 0.9,
                          "cue_id": np.zeros(len(words), dtype="int64")})
    if probability is not None:
        frame["probability"] = probability
    cues = pd.DataFrame({"cue_id": [0], "start": [0.0], "end": [float(len(words))],
                         "text": [" ".join(words)], "speaker": [None]})
    return build_stream(Transcript(cues=cues, words=frame, source="<test>"))


OPS = [Op(KEPT, "mauvaise", "mauvaise"), Op(ADDED, "grande"), Op(KEPT, "decision", "decision")]


def test_a_confident_whisper_transcript_makes_a_missing_word_an_edit() -> None:
    confident = _stream(["mauvaise", "decision"], [0.98, 0.97])
    doubtful = _stream(["mauvaise", "decision"], [0.98, 0.41])
    captions = _stream(["mauvaise", "decision"], None)
    assert noise_words(OPS, confident, 0)[0] == set()
    noise = noise_words(OPS, confident, 0)[0]
    assert faithful_kind(OPS, other_edits=False, noise=noise) == "edited"
    assert noise_words(OPS, doubtful, 0)[0] == {1}
    assert noise_words(OPS, captions, 0)[0] == {1}
    assert faithful_kind(OPS, other_edits=False, noise={1}) == "verbatim"


def test_a_word_the_transcript_never_writes_but_renders_as_a_sound_alike_is_noise() -> None:
    # Whisper confident everywhere, "symfony" never written, "symphonie" written elsewhere.
    stream = _stream(["un", "framework", "le", "avec", "la", "symphonie"],
                     [0.99, 0.99, 0.97, 0.99, 0.9, 0.9])
    ops = [Op(KEPT, "framework", "framework"), Op(REPLACED, "symfony", "le"),
           Op(KEPT, "avec", "avec")]
    found, notes = noise_words(ops, stream, 1)
    assert found == {1} and "has symphonie" in notes[0]


def test_a_content_word_heard_as_another_with_low_probability_is_noted() -> None:
    stream = _stream(["mauvaise", "vision", "decision"], [0.95, 0.3, 0.95])
    ops = [Op(KEPT, "mauvaise", "mauvaise"), Op(REPLACED, "grande", "vision"),
           Op(KEPT, "decision", "decision")]
    found, notes = noise_words(ops, stream, 0)
    assert found == {1} and "probability 0.30" in notes[0]


def test_probabilities_are_read_from_whisper_words() -> None:
    stream = _stream(["mauvaise", "decision"], [0.98, 0.5])
    assert stream.unit_probability is not None  # type: ignore[attr-defined]
    assert _stream(["mauvaise"], None).unit_probability is None  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- edges


def test_edge_words_are_anchored_on_a_content_word_heard_next_to_the_match() -> None:
    # Printed "… mais avec des problèmes", said "… sans problème, …".
    ops = edge_ops(["avec", "des", "problemes"], ["sans", "probleme", "et", "puis"], tail=True)
    assert ops == [Op(ADDED, "avec"), Op(ADDED, "des"), Op(CUT, spoken="sans"),
                   Op(CHANGED, "problemes", "probleme")]
    assert edge_ops(["la", "fin"], ["et", "puis", "apres"], tail=True) is None
    head = edge_ops(["beaucoup", "de", "choses"], ["peu", "de", "choses"], tail=False)
    assert head is not None and head[-1] == Op(KEPT, "choses", "choses")


def test_a_negation_changed_in_the_unheard_last_words_is_altered() -> None:
    ops = [Op(KEPT, "ca", "ca"), Op(KEPT, "marche", "marche"),
           *edge_ops(["avec", "des", "problemes"], ["sans", "probleme", "ensuite"], tail=True)]
    changes, _ = meaning_changes(ops, "ça marche avec des problèmes",
                                 "ça marche sans problème ensuite")
    assert "negation removed: sans" in changes


def test_a_quantifier_changed_in_the_unheard_first_words_is_altered() -> None:
    ops = [*edge_ops(["peu", "de", "gens"], ["beaucoup", "de", "gens"], tail=False),
           Op(KEPT, "pensent", "pensent"), Op(KEPT, "ca", "ca")]
    changes, _ = meaning_changes(ops, "peu de gens pensent ça", "beaucoup de gens pensent ça")
    assert "quantifier: beaucoup→peu" in changes


# --------------------------------------------------------------------------- compounds


def test_hyphenated_compound_parts_are_content_words() -> None:
    assert compound_parts("travailler à mi-temps") == {"mi", "temps"}
    assert not content_word("mi") and content_word("mi", frozenset({"mi"}))
    ops = [Op(KEPT, "travailler", "travailler"), Op(KEPT, "a", "a"),
           Op(REPLACED, "plein", "mi"), Op(KEPT, "temps", "temps")]
    changes, _ = meaning_changes(ops, "travailler à plein temps", "travailler à mi-temps")
    assert changes == ["word: mi→plein"]


# --------------------------------------------------------------------------- no location


def test_an_invented_quote_sharing_a_few_words_is_unmatched(gestion: Transcript) -> None:
    row = align_one(gestion, "Le manque de connaissance des marchés financiers pousse les "
                             "banques régionales vers une fusion rapide avec leurs concurrents.")
    assert row["status"] == "unmatched"
    assert "content words heard" in row["warning"] or "not found" in row["warning"]


def test_a_negation_swapped_for_a_word_in_a_short_gap_is_altered(
        open_source: Transcript) -> None:
    # The open-source talk's captions: "… des choses que vous pouvez faire même sans parler
    # anglais puis ça peut être …"; printed "même en parlant anglais" reverses it.
    row = align_one(open_source, "Pour les personnes qui auraient un petit peu peur de "
                                 "l'anglais, des choses que vous pouvez faire même en parlant "
                                 "anglais.")
    assert row["verdict"] == "altered" and "negation removed: sans" in row["changes"]


def test_a_negation_in_a_garbled_stretch_is_not_a_change() -> None:
    # "l'équipe a changé" heard "et qui pas changer": the rest of the gap is not heard alike.
    ops = [Op(KEPT, "la", "la"), Op(REPLACED, "l", "et"), Op(REPLACED, "equipe", "qui"),
           Op(REPLACED, "a", "pas"), Op(CHANGED, "change", "changer")]
    changes, _ = meaning_changes(ops, "là, l'équipe a changé", "là et qui pas changer")
    assert not any(c.startswith("negation") for c in changes)


def test_the_diff_shows_words_as_printed_and_spoken(gestion: Transcript) -> None:
    row = align_one(gestion, "La dette technique, c'est le coût des retouches supplémentaires qui "
                             "sont causées par un choix d'une solution simple aujourd'hui.")
    assert row["diff"].startswith("= La | ! dette→tête | = technique c'est le coût")
    assert ("replaced", "dette", "tête") in row["diff_ops"]
