"""The transcript as the text source of a REFI-QDA project, and the format's names.

``source_text(transcript)`` lays the cues out as ``[HH:MM:SS] Speaker: text`` lines and
records where each cue's text lies in it (the offsets tags are placed with). See
``docs/analysis.md`` ("REFI-QDA project").
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from coopanalysis.model import Transcript
from coopanalysis.schema import CUES, conform
from coopanalysis.timecode import format_hms

NAMESPACE = "urn:QDA-XML:project:1.0"
PROJECT_FILE = "project.qde"
SOURCES_DIR = "sources"
USER_NAME = "coopanalysis"
#: First words of the description line that keeps a code's theme id through other tools.
THEME_ID_PREFIX = "Theme id: "


def q(tag: str) -> str:
    """``tag`` in the REFI-QDA namespace, as ElementTree names it."""
    return f"{{{NAMESPACE}}}{tag}"


@dataclass(frozen=True)
class CueLine:
    """One cue in the source text: ``text`` as written there, from offset ``text_start``."""

    cue_id: int
    start: float
    end: float
    speaker: str | None
    text: str
    text_start: int


@dataclass(frozen=True)
class SourceText:
    """The transcript as the project's plain text, and where each cue's text lies in it."""

    text: str
    lines: list[CueLine]

    @property
    def cues(self) -> pd.DataFrame:
        """``cue_id``, ``start``, ``end``, ``speaker``, ``text`` (line breaks turned into
        spaces), ``text_start``, ``text_end`` (offsets of the cue text in ``text``)."""
        frame = pd.DataFrame([vars(line) for line in self.lines],
                             columns=["cue_id", "start", "end", "speaker", "text", "text_start"])
        frame["text_end"] = frame["text_start"] + frame["text"].map(len).astype("int64")
        return frame


def source_text(transcript: Transcript | pd.DataFrame) -> SourceText:
    """Lay out the transcript as ``[HH:MM:SS] Speaker: text`` lines (``[--:--:--]`` untimed)."""
    cues = conform(transcript.cues if isinstance(transcript, Transcript) else transcript, CUES)
    lines: list[str] = []
    cue_lines: list[CueLine] = []
    position = 0
    for cue in cues.to_dict("records"):
        start, speaker, text = cue["start"], cue["speaker"], cue["text"]
        stamp = "--:--:--" if pd.isna(start) or start < 0 else format_hms(float(start))
        label = None if pd.isna(speaker) else str(speaker)
        prefix = f"[{stamp}] " + ("" if label is None else f"{label}: ")
        body = "" if pd.isna(text) else one_line(str(text))
        lines.append(prefix + body)
        cue_lines.append(CueLine(int(cue["cue_id"]), float(start), float(cue["end"]), label,
                                 body, position + len(prefix)))
        position += len(prefix) + len(body) + 1  # the newline
    return SourceText("\n".join(lines) + ("\n" if lines else ""), cue_lines)


def one_line(text: str) -> str:
    """Line breaks as spaces, one for one, so that offsets in ``text`` stay valid."""
    return text.replace("\r", " ").replace("\n", " ")
