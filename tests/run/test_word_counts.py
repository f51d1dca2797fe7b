"""One word count: turns, speaker statistics and the corpus manifest agree (issue 10)."""

from __future__ import annotations

from pathlib import Path

from coopanalysis import analyze_corpus, read_transcript, speaker_stats, turns
from coopanalysis.text.words import count_words

# Numbers (with a decimal comma and a year), elisions, hyphens, sound tags, a filler.
CAPTIONS = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Anne Roux>L'été 2025, on a investi 3,5 millions d'euros.

00:00:04.000 --> 00:00:06.000
[Musique]

00:00:06.000 --> 00:00:09.000
<v Paul Bert>Euh, la vice-présidente l'a dit : c'est peut-être trop tard.

00:00:09.000 --> 00:00:12.000
<v Anne Roux>[Applaudissements] Vingt-cinq communes, aujourd'hui.
"""


def test_turns_speaker_stats_and_manifest_count_the_same_words(tmp_path: Path) -> None:
    path = tmp_path / "table-ronde.vtt"
    path.write_text(CAPTIONS, encoding="utf-8")
    transcript = read_transcript(path)
    expected = int(transcript.cues["text"].map(count_words).sum())
    # L'été 2025 on a investi 3 5 millions d'euros | Euh la vice-présidente l'a dit c'est
    # peut-être trop tard | Vingt-cinq communes aujourd'hui
    assert expected == 9 + 9 + 3  # "3,5" is two words; sound tags none; a filler is one

    assert int(turns(transcript)["n_words"].sum()) == expected
    assert int(speaker_stats(transcript)["n_words"].sum()) == expected
    result = analyze_corpus([path], progress=False)
    assert int(result.manifest["n_words"].sum()) == expected
