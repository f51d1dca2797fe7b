"""What every format reader returns: cues and words as plain column lists.

Readers build Python lists (fast to fill, cheap to turn into a DataFrame);
:mod:`coopanalysis.read.transcript` checks the times and builds the ``schema.CUES``
and ``schema.WORDS`` tables from them.

To add a format:

1. write ``formats/<name>.py`` with ``parse(text, *, source) -> Parsed``, where
   ``text`` is already decoded, with ``\\n`` line ends and no BOM;
2. raise :class:`coopanalysis.errors.TranscriptError` (reason, source, 1-based line)
   on input it cannot read, and put what it kept but doubts in ``Parsed.warnings``
   (``"line 12: ..."``);
3. register ``parse`` in ``formats/__init__.py`` (``READERS``) and teach
   ``autodetect_format`` how to recognise the content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coopanalysis.text.normalize import normalize_text

CUE_KEYS = ("start", "end", "speaker", "text", "identifier", "settings", "line")
WORD_KEYS = ("cue_index", "start", "end", "word", "speaker")


def new_columns(keys: tuple[str, ...]) -> dict[str, list[Any]]:
    """Empty column lists for ``keys``."""
    return {key: [] for key in keys}


@dataclass
class Parsed:
    """Cues (and words) read from one source, as column lists.

    ``cues`` keys: ``start``, ``end`` (float seconds), ``speaker`` (str or None),
    ``text`` (plain text), ``identifier``, ``settings`` (str or None), ``line``
    (1-based line of the cue's timing line, or None).
    ``words`` keys (or None): ``cue_index`` (position of the word's cue in ``cues``),
    ``start``, ``end``, ``word``, ``speaker``.
    """

    format: str
    cues: dict[str, list[Any]] = field(default_factory=lambda: new_columns(CUE_KEYS))
    words: dict[str, list[Any]] | None = None
    language: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def add_cue(
        self,
        start: float,
        end: float,
        text: str,
        *,
        speaker: str | None = None,
        identifier: str | None = None,
        settings: str | None = None,
        line: int | None = None,
    ) -> None:
        """Append one cue."""
        cues = self.cues
        cues["start"].append(start)
        cues["end"].append(end)
        cues["speaker"].append(speaker)
        cues["text"].append(text)
        cues["identifier"].append(identifier)
        cues["settings"].append(settings)
        cues["line"].append(line)

    @property
    def n_cues(self) -> int:
        return len(self.cues["start"])




def snippet(text: str, limit: int = 60) -> str:
    """A short quoted excerpt of ``text`` for warnings and error messages."""
    one_line = " ".join(text.split())
    return repr(one_line if len(one_line) <= limit else one_line[: limit - 1] + "…")


# A private-use character: untouched by NFC, the translation table and whitespace rules.
_JOIN = "\ue000"


def normalize_many(texts: list[str]) -> list[str]:
    """``textnorm.normalize_text`` of each text, computed on one joined string (fast)."""
    joined = _JOIN.join(texts)
    if joined.count(_JOIN) != max(len(texts) - 1, 0):
        return [normalize_text(text) for text in texts]
    return [part.strip() for part in normalize_text(joined).split(_JOIN)] if texts else []
