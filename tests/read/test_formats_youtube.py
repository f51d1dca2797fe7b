"""YouTube auto-captions: roll-up de-duplication, word timings, SRT conversions."""

from __future__ import annotations

import html
import itertools
import re
from pathlib import Path

import pytest

from coopanalysis import read_transcript
from coopanalysis.read.formats.youtube import CENSORED_WORD
from coopanalysis.text.normalize import normalize_text

# The yt-dlp layout, with our own words: long cue (previous line + new timed line),
# then a 10 ms flicker cue repeating the line alone with a line holding one space.
ROLLING_VTT = """WEBVTT
Kind: captions
Language: fr

00:00:00.170 --> 00:00:02.000 align:start position:0%
\x20
[Musique]

00:00:02.000 --> 00:00:02.010 align:start position:0%
[Musique]
\x20

00:00:02.010 --> 00:00:04.000 align:start position:0%
[Musique]
Bonsoir<00:00:02.500><c> à</c><00:00:02.800><c> tous,</c><00:00:03.100><c> bienvenue</c>

00:00:04.000 --> 00:00:04.010 align:start position:0%
Bonsoir à tous, bienvenue
\x20

00:00:04.010 --> 00:00:06.000 align:start position:0%
Bonsoir à tous, bienvenue
ce<00:00:04.400><c> soir</c><00:00:04.900><c> ce</c><00:00:05.200><c> soir</c>

00:00:06.000 --> 00:00:06.010 align:start position:0%
ce soir ce soir
\x20

00:00:06.010 --> 00:00:07.000 align:start position:0%
ce soir ce soir
oui
"""

TIMED_LINE_RE = re.compile(r"<\d\d:\d\d:\d\d\.\d\d\d>")
TAG_RE = re.compile(r"<[^>]*>")


def test_rolling_vtt_keeps_each_line_once_with_word_timings() -> None:
    t = read_transcript(ROLLING_VTT)
    assert t.format == "youtube" and t.language == "fr"
    assert t.cues["text"].tolist() == ["[Musique]", "Bonsoir à tous, bienvenue",
                                       "ce soir ce soir", "oui"]
    assert t.cues[["start", "end"]].values.tolist() == [
        [0.17, 2.0], [2.01, 4.0], [4.01, 6.0], [6.01, 7.0]]
    words = t.words
    assert words is not None
    assert words["word"].tolist() == ["[Musique]", "Bonsoir", "à", "tous,", "bienvenue",
                                      "ce", "soir", "ce", "soir", "oui"]
    bonsoir = words[words["cue_id"] == 1]
    assert bonsoir["start"].tolist() == [2.01, 2.5, 2.8, 3.1]
    assert bonsoir["end"].tolist() == [2.5, 2.8, 3.1, 4.0]
    assert bonsoir["interpolated"].tolist() == [False] * 4
    assert t.metadata["repeated_lines_removed"] == 6


def test_same_line_repeated_by_the_speaker_is_not_taken_for_roll_up() -> None:
    srt = "".join(
        f"{i + 1}\n00:00:{2 * i:02d},000 --> 00:00:{2 * i + 1:02d},990\n{text}\n\n"
        f"{i + 101}\n00:00:{2 * i + 1:02d},990 --> 00:00:{2 * i + 2:02d},000\n{last}\n \n\n"
        for i, (text, last) in enumerate([("alors", "alors"), ("alors\nnon", "non"),
                                          ("non\nnon", "non"), ("non\nfin", "fin")]))
    t = read_transcript(srt)
    assert t.format == "youtube" and t.metadata["container"] == "srt"
    assert t.cues["text"].tolist() == ["alors", "non", "non", "fin"]
    assert t.words is None  # SRT conversions lose the word timings


def test_censored_word_is_one_word() -> None:
    text = ROLLING_VTT.replace("<c> soir</c><00:00:04.900>",
                               "<c> [&nbsp;__&nbsp;]</c><00:00:04.900>", 1)
    t = read_transcript(text)
    assert t.cues["text"].iloc[2] == f"ce {CENSORED_WORD} ce soir"
    assert CENSORED_WORD in t.words["word"].tolist()  # type: ignore[index]


def test_webvtt_py_youtube_dl_sample(test_data_dir: Path) -> None:
    t = read_transcript(test_data_dir / "transcripts" / "webvtt-py" / "youtube_dl.vtt")
    assert t.format == "youtube"
    assert " ".join(t.cues["text"]) == (
        "yeah what this will happen is I'm telling")  # each word once


def _timed_reference(path: Path) -> list[str]:
    """Words of the lines that carry inline timings: each is written once by YouTube."""
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if TIMED_LINE_RE.search(line):
            plain = html.unescape(TAG_RE.sub("", line)).replace("[\xa0__\xa0]", CENSORED_WORD)
            words.extend(normalize_text(plain).split())
    return words


def _is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(word == other for other in it) for word in needle)


# Naive concatenation vs de-duplicated word counts measured in the corpus PARSERS.md.
EXPECTED_WORDS = {"WyTQlf2rijs.fr-orig.vtt": 16273}


@pytest.mark.corpus
def test_every_thinkerview_caption_file(corpus_dir: Path) -> None:
    files = sorted((corpus_dir / "french" / "thinkerview").glob("*.vtt"))
    assert len(files) == 5
    for path in files:
        t = read_transcript(path)
        assert t.format == "youtube" and t.words is not None, path.name
        words = t.words["word"].tolist()
        reference = _timed_reference(path)
        # every timed word once, in order; the few extra words come from untimed new
        # lines ("[Musique]", one-word lines)
        assert _is_subsequence(reference, words), path.name
        assert len(reference) <= len(words) <= len(reference) * 1.01, path.name
        assert " ".join(t.cues["text"]).split() == words, path.name
        assert (t.words["end"] >= t.words["start"]).all(), path.name
        assert t.words["start"].is_monotonic_increasing, path.name
        if path.name in EXPECTED_WORDS:
            assert len(words) == EXPECTED_WORDS[path.name]


def test_every_bdxio_youtube_srt(test_data_dir: Path) -> None:
    files = sorted((test_data_dir / "transcripts" / "bdxio").glob("autogenere__*.fr-orig.srt"))
    assert len(files) == 3
    counts = {}
    for path in files:
        t = read_transcript(path)
        assert t.format == "youtube", path.name
        # each raw line is either kept once or a repeat of the previous cue's line
        kept = t.cues["text"].tolist()
        assert all(a != b or a.startswith("[") for a, b in itertools.pairwise(kept))
        counts[path.name[12:20]] = sum(len(text.split()) for text in kept)
    assert counts["Pourquoi"] == 8636  # PARSERS.md: 25 694 naive → 8 636 de-duplicated
