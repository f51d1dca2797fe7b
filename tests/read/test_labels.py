"""Speaker labels written in caption text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from coopanalysis import Transcript, read_transcript

TRANSCRIPTS = Path(__file__).resolve().parents[1] / "data" / "transcripts"


def speakers(t: Transcript) -> list[str | None]:
    return [None if pd.isna(s) else s for s in t.cues["speaker"]]


def srt(*texts: str) -> str:
    return "".join(f"{i + 1}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\n{text}\n\n"
                   for i, text in enumerate(texts))


def test_zoom_names_with_pipes_parentheses_and_non_ascii() -> None:
    t = read_transcript(srt("Lumi | Offchain Labs: hi all", "Felix (Geth): yes: really",
                            "Łukasz Rozmej: ok", "T. Wambsgans: fine", "potuz: right"))
    assert speakers(t) == ["Lumi | Offchain Labs", "Felix (Geth)",
                                          "Łukasz Rozmej", "T. Wambsgans", "potuz"]
    assert t.cues["text"].tolist() == ["hi all", "yes: really", "ok", "fine", "right"]
    assert t.metadata["speaker_labels"] == {"name_colon": 5}


def test_a_sentence_with_a_colon_is_not_a_speaker() -> None:
    t = read_transcript(srt("Note: on reprend demain", "Je disais que", "le budget baisse",
                            "Attention : fin"))
    assert t.cues["speaker"].isna().all()
    assert t.cues["text"].iloc[0] == "Note: on reprend demain"


def test_note_is_refused_even_in_a_labelled_file() -> None:
    t = read_transcript(srt("Anne: bonjour", "Note: ceci", "Paul: salut"))
    assert speakers(t) == ["Anne", None, "Paul"]


def test_french_caps_labels_and_bracket_names_but_not_sound_tags() -> None:
    t = read_transcript(srt("JEAN DUPONT : Bonjour.", "[Musique]", "[Applaudissements] merci",
                            "MARIE-ÉLISE N'DIAYE : Merci.", "JEAN DUPONT : Allons-y.",
                            "[Marie] Oui", "[Marie] d'accord", "[rires] bon"))
    assert speakers(t) == ["JEAN DUPONT", None, None, "MARIE-ÉLISE N'DIAYE",
                                          "JEAN DUPONT", "Marie", "Marie", None]
    assert t.cues["text"].iloc[1] == "[Musique]"
    assert t.cues["text"].iloc[2] == "[Applaudissements] merci"


def test_single_bracket_name_is_not_enough() -> None:
    t = read_transcript(srt("[Silence radio] puis rien", "un", "deux", "trois"))
    assert t.cues["speaker"].isna().all()


def test_speaker_ids_in_brackets_and_chevrons() -> None:
    t = read_transcript(srt("[SPEAKER_01]: Hola", ">> oui tout à fait", "et >> non", "suite"))
    assert speakers(t) == ["SPEAKER_01", None, None, None, None]
    # a ">>" inside a cue cuts it: "et" ends one turn, "non" opens the next
    assert t.cues["text"].tolist() == ["Hola", "oui tout à fait", "et", "non", "suite"]
    assert t.cues["speaker_change"].tolist() == [True, True, False, True, False]
    assert t.cues["start"].tolist()[2:4] == [2.0, pytest.approx(2.0 + 0.9 * 2 / 5, abs=0.001)]
    assert t.metadata["speaker_labels"]["chevrons_inside_cues"] == 1


def test_real_live_captions_are_cut_at_inner_turn_markers() -> None:
    # Oakland city council captions (MIT, tests/data/speakers/SOURCES.md): ">>" falls
    # anywhere in a cue; every piece after it is a new turn, times shared by length.
    path = Path(__file__).resolve().parents[1] / "data" / "speakers" / (
        "oakland_captions_excerpt.vtt")
    raw = path.read_text(encoding="utf-8")
    t = read_transcript(path)
    cues = t.cues
    assert len(cues) == raw.count("-->") + t.metadata["speaker_labels"]["chevrons_inside_cues"]
    first = cues[cues["text"] == "successor agency/city council."].index[0]
    assert cues.at[first + 1, "text"] == "good morning, welcome to"
    assert bool(cues.at[first + 1, "speaker_change"]) and not cues.at[first, "speaker_change"]
    assert cues.at[first, "start"] == 148.168 and cues.at[first + 1, "end"] == 151.36
    assert cues.at[first, "end"] == cues.at[first + 1, "start"]
    assert not cues["text"].str.contains(">>").any()
    assert " ".join(cues["text"]).count("present.") == raw.count("present.")  # nothing lost


def test_voice_tags_win_over_text_labels() -> None:
    t = read_transcript("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>Paul: dit-il</v>\n")
    assert t.cues["speaker"].iloc[0] == "Ann"
    assert t.cues["text"].iloc[0] == "Paul: dit-il"


def test_real_zoom_export(test_data_dir: Path) -> None:
    t = read_transcript(TRANSCRIPTS / "zoom" / "acdt_2026-07-13_087__transcript.vtt")
    assert t.format == "webvtt"
    assert t.cues["speaker"].notna().all()
    assert t.cues["speaker"].nunique() == 16  # MANIFEST: 16 speakers
    assert t.cues["speaker"].iloc[0] == "Justin Traglia"
    assert t.cues["text"].iloc[0] == "Good morning again."


def test_corrected_french_srt_public_label() -> None:
    t = read_transcript(TRANSCRIPTS / "bdxio" / "final__contributer-open-source.srt")
    assert set(t.cues["speaker"].dropna()) == {"PUBLIC"}
    assert not t.cues["text"].str.startswith("[PUBLIC]").any()


@pytest.mark.corpus
def test_every_speaker_labelled_export(corpus_dir: Path) -> None:
    expected = {  # MANIFEST speaker counts
        "ethereum-pm-zoom/acdc_2026-07-23_183__transcript.vtt": 26,
        "ethereum-pm-zoom/acde_2026-03-26_233__transcript.vtt": 33,
        "ethereum-pm-zoom/acde_2026-03-26_233__transcript_corrected.vtt": 33,
        "ethereum-pm-zoom/acdt_2026-07-13_087__transcript.vtt": 16,
        "ethereum-pm-zoom/acdt_2026-07-13_087__transcript_cl.vtt": 7,
        "teams-format-sample/example-transcript.vtt": 2,
        "whisper-ctranslate2-diarization/ref-medium-diarization__dosparlants.vtt": 2,
        "whisper-ctranslate2-diarization/ref-medium-diarization__dosparlants.srt": 2,
        "whisper-ctranslate2-diarization/ref-medium-diarization__dosparlants.json": 2,
    }
    for name, n_speakers in expected.items():
        t = read_transcript(corpus_dir / "speakers" / name)
        assert t.cues["speaker"].notna().all(), name
        assert t.cues["speaker"].nunique() == n_speakers, name
        assert not t.cues["text"].str.match(r"^(\[SPEAKER_\d+\]|[^ ]+ ?[^ ]*:) ").any(), name


@pytest.mark.corpus
def test_netflix_bracket_names(corpus_dir: Path) -> None:
    t = read_transcript(corpus_dir / "edge-cases" / "webvtt-py" / "netflix_chicas_del_cable.vtt")
    speakers = set(t.cues["speaker"].dropna())
    assert {"Alba", "Ángeles", "Carlos"} <= speakers
    assert not speakers & {"ríe", "risita", "hombre"}


@pytest.mark.parametrize("line", [
    "la coopération entre élus\u00a0: c’est l’été",
    "Le problème : on n’a pas le temps",
    "L’enjeu : la confiance",
    "Deux choses : la confiance et le temps",
])
def test_a_sentence_with_a_colon_in_a_short_excerpt_stays_text(line: str) -> None:
    # French puts a space before a colon; in a pasted two-cue excerpt such a sentence
    # is half the cues and passed for a "Name:" label: its words left the text.
    t = read_transcript("WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n" + line
                           + "\n\n00:00:06.000 --> 00:00:08.000\nsuite\n")
    assert t.cues["speaker"].isna().all()
    assert t.cues["text"].iloc[0].startswith(line.split()[0].replace("’", "'"))


def test_names_before_a_colon_are_still_speakers() -> None:
    t = read_transcript("WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nMarie Dupont : bonjour"
                           "\n\n00:00:06.000 --> 00:00:08.000\nA: suite\n")
    assert t.cues["speaker"].tolist() == ["Marie Dupont", "A"]
