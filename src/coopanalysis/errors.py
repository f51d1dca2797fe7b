"""The one exception hierarchy of coopanalysis.

Every error is a ``ValueError`` (bad input is a bad value), keeps the offending
source and line as attributes, builds its message in ``__init__`` and pickles
(so that errors cross process pools and Dask workers intact).
"""

from __future__ import annotations


class CoopanalysisError(ValueError):
    """Base class: a problem with the input, located in a source and a line.

    Attributes:
        source: file path or a short description of the input (``"<string>"``).
        line: 1-based line number in the source, or ``None`` when not applicable.
        reason: what was wrong and, where possible, what was expected.
    """

    def __init__(self, reason: str, source: str | None = None, line: int | None = None):
        self.reason = reason
        self.source = source
        self.line = line
        where = source or "<input>"
        if line is not None:
            where = f"{where}, line {line}"
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[type, tuple[str, str | None, int | None]]:
        # The default exception pickling replays only ``args`` (the message).
        return (self.__class__, (self.reason, self.source, self.line))


class TranscriptError(CoopanalysisError):
    """A transcript (VTT, SRT, SBV, Whisper JSON…) could not be read."""


class TimecodeError(CoopanalysisError):
    """A time expression could not be parsed."""


class ArticleError(CoopanalysisError):
    """An article could not be read (empty, binary, unbalanced quotation marks…)."""


class AlignmentError(CoopanalysisError):
    """Quotes or transcript given to the aligner are not usable."""


class CodebookError(CoopanalysisError):
    """A codebook file is invalid; the message names the theme and the pattern."""


class UnknownThemeError(CodebookError, KeyError):
    """A theme id the codebook does not hold (``Codebook.get``); a ``KeyError`` too."""

    def __str__(self) -> str:  # KeyError's would quote the message
        return Exception.__str__(self)


class DiarizationError(CoopanalysisError):
    """A diarization (RTTM) file could not be read."""


class CorpusError(CoopanalysisError):
    """A corpus run was given unusable items, event ids or an output folder."""


class OutputExistsError(CorpusError, FileExistsError):
    """The output folder of a corpus run exists and holds files (``overwrite=False``)."""


class CorpusArgumentError(CorpusError, TypeError):
    """An item or an option of a corpus run is of a kind it does not take (a ``TypeError``)."""


class ExportError(CoopanalysisError):
    """A table, report or REFI-QDA project could not be written or read back."""
