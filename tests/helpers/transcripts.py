"""Transcripts built for the speaker and unit tests: from tuples, from the reference VTT,
and random contiguous cues for hypothesis."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from hypothesis import strategies as st

from coopanalysis import schema
from coopanalysis.model import Transcript

#: Two voice-tagged cues (Alice, then Bob), for the tests of options and bad inputs.
TWO_VOICES_VTT = (
    "WEBVTT\n\n"
    "00:00:01.000 --> 00:00:04.000\n"
    "<v Alice>la coopération territoriale est une nécessité pour nos communes\n\n"
    "00:00:05.000 --> 00:00:09.000\n"
    "<v Bob>il faut du temps long pour construire la confiance entre les élus\n"
)


def make_transcript(rows: list[tuple], *, source: str = "<string>",
                    words: pd.DataFrame | None = None) -> Transcript:
    """A transcript from (start, end, speaker, text) tuples."""
    cues = pd.DataFrame(rows, columns=["start", "end", "speaker", "text"])
    cues.insert(0, "cue_id", range(len(cues)))
    return Transcript(cues=schema.conform(cues, schema.CUES), words=words, source=source)


def read_reference_vtt(path: Path) -> Transcript:
    """The reference VTT's cues: timing line, then ``<v Name>text</v>`` (one line per cue)."""
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        timing = re.match(r"(\d+):(\d+):(\d+\.\d+) --> (\d+):(\d+):(\d+\.\d+)", line)
        if not timing:
            continue
        h1, m1, s1, h2, m2, s2 = timing.groups()
        voice = re.match(r"<v ([^>]+)>(.*?)(?:</v>)?$", lines[number + 1])
        assert voice, lines[number + 1]
        rows.append((int(h1) * 3600 + int(m1) * 60 + float(s1),
                     int(h2) * 3600 + int(m2) * 60 + float(s2), voice[1], voice[2]))
    return make_transcript(rows, source=str(path))


CUE_ROWS = st.lists(st.tuples(st.sampled_from(["A", "B", None]),
                              st.floats(0.1, 20.0, allow_nan=False),
                              st.sampled_from(["", "oui", "la coopération", "— …",
                                               "mettre tout le monde autour de la table"])),
                    max_size=25)


def contiguous(rows: list[tuple]) -> list[tuple]:
    """(speaker, duration, text) rows as back-to-back cues (start, end, speaker, text)."""
    start, cues = 0.0, []
    for speaker, duration, text in rows:
        cues.append((start, start + duration, speaker, text))
        start += duration
    return cues
