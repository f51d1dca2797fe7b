"""Tests of the noise model (tests/helpers/noise.py) and of the simulated captions file."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from coopanalysis.read.transcript import read_transcript
from helpers import noise

QUIET = noise.NoiseSettings(word_error=0.0, filler_rate=0.0, repetition_rate=0.0)


def clean_words(n: int = 2000) -> list[noise.TimedWord]:
    sentence = ("En un an, nous avons collecté plus de 10 tonnes de glassine, qui ont ensuite "
                "été réinsérées dans une filière qui produit de l'isolant.")
    text = sentence.split(" ")
    words = [text[k % len(text)] for k in range(n)]
    return [noise.TimedWord(w, 0.4 * k, 0.4 * k + 0.35, k) for k, w in enumerate(words)]


def test_spoken_form_lowercases_drops_punctuation_and_spells_numbers():
    spoken = noise.spoken_form(clean_words(24))
    texts = [w.text for w in spoken]
    assert texts[:10] == ["en", "un", "an", "nous", "avons", "collecté", "plus", "de", "dix",
                          "tonnes"]
    assert "l'isolant" in texts and "glassine" in texts
    assert all(w == w.lower() and not w.endswith((",", ".")) for w in texts)
    # Every spoken word keeps the index of its clean word, and so its true time.
    assert spoken[8].source == 8 and spoken[8].start == pytest.approx(3.2)


def test_quiet_settings_only_shift_the_times():
    words = clean_words(50)
    out = noise.simulate(words, replace(QUIET, shift=12.5))
    assert [w.text for w in out] == [w.text for w in noise.spoken_form(words)]
    assert out[0].start == pytest.approx(12.5)


def test_word_error_rate_is_close_to_the_setting():
    words = noise.spoken_form(clean_words(5000))
    out = noise.add_word_errors(words, replace(QUIET, word_error=0.15), noise.random.Random(3))
    by_source = {w.source: w.text for w in out if w.source >= 0}
    changed = sum(by_source.get(w.source) != w.text for w in words)
    inserted = sum(w.source < 0 for w in out)
    errors = (changed + inserted) / len(words)
    assert 0.12 <= errors <= 0.18


def test_fillers_and_repetitions_are_added_at_their_rates():
    words = noise.spoken_form(clean_words(5000))
    settings = replace(QUIET, filler_rate=0.06, repetition_rate=0.02)
    out = noise.add_disfluencies(words, settings, noise.random.Random(4))
    fillers = sum(w.text in dict(noise.FILLERS) for w in out if w.source < 0)
    assert 0.045 <= fillers / len(words) <= 0.075
    assert all(a.start <= b.start for a, b in itertools.pairwise(out))


def test_youtube_vtt_reads_back_with_the_same_words_and_times(tmp_path):
    words = noise.simulate(clean_words(120), noise.NoiseSettings(seed=1))
    lines = noise.caption_lines(words, line_chars=38)
    assert all(len(" ".join(w.text for w in line)) <= 38 or len(line) == 1 for line in lines)
    path = tmp_path / "sim.vtt"
    path.write_text(noise.youtube_vtt(lines, note="SIMULATED"), encoding="utf-8")
    transcript = read_transcript(path)
    assert transcript.format == "youtube"
    assert transcript.words is not None
    assert transcript.words["word"].tolist() == [w.text for w in words]
    assert transcript.words["start"].tolist() == pytest.approx([w.start for w in words],
                                                                abs=0.001)
    # The rolling layout: every line is shown twice more (under the next line, flicker cue).
    raw = path.read_text(encoding="utf-8")
    assert raw.count(" --> ") == 2 * len(lines)
    assert "<c> " in raw and "align:start position:0%" in raw


def test_reference_simulated_captions_are_reproducible_and_labelled(tmp_path, data_dir):
    out = tmp_path / "sim.vtt"
    assert noise.main(["--out", str(out)]) == 0
    committed = (data_dir / "rnct2025_simulated_captions.vtt").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed
    header = committed.split("\n\n")[1]
    assert header.startswith("NOTE\nSIMULATED YOUTUBE AUTO-CAPTIONS")
    assert "seed=2025" in header and "word_error=0.15" in header and "shift=7.5" in header
