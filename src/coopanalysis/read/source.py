"""Path or text: the one rule by which every reader takes its ``source`` argument.

Both ``read_transcript`` and ``read_article`` call :func:`load`; the rule is written in
:func:`is_text` and explained in ``docs/transcripts.md`` (Inputs).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from coopanalysis.errors import CoopanalysisError
from coopanalysis.read.encoding import SNIFF_BYTES, binary_kind

Source = str | os.PathLike[str] | bytes | bytearray | IO[str] | IO[bytes]

#: How documents begin that no file name does: a WebVTT header, a JSON object or array
#: (Whisper JSON is often written on one line).
TEXT_SIGNATURES: tuple[str, ...] = ("WEBVTT", "{", "[")
#: File name endings of the documents users give (a one-line str ending so is a path).
PATH_SUFFIXES: frozenset[str] = frozenset({
    ".vtt", ".srt", ".sbv", ".json", ".txt", ".text", ".md", ".markdown", ".html", ".htm",
    ".xhtml", ".docx", ".doc", ".pdf", ".rtf", ".odt", ".csv", ".tsv", ".rttm", ".xml",
})
#: Files larger than this (bytes) are refused from their first KB when it is not text;
#: smaller ones are checked whole, so the error names the line.
LARGE_FILE = 1_000_000
#: Longer strings are never file names (Windows' classic limit, well above real paths).
MAX_PATH_CHARS = 260


def is_text(source: str) -> bool:
    """Whether a ``str`` given to a reader is the document itself rather than a path.

    A ``str`` is a path when it is one line and names an existing file, or looks like a
    file name: it ends with a document suffix (``PATH_SUFFIXES``) or holds a path separator
    and no space. Anything else is text — a line break, a document signature
    (``TEXT_SIGNATURES``), a one-line quotation. So a mistyped ``"data/articel.md"`` is
    an error naming it, while ``"Marie Dufour : « Bonjour. »"`` is read as an article.

    >>> is_text("WEBVTT\\n\\n00:01.000 --> 00:02.000\\nBonjour\\n"), is_text("talk.vtt")
    (True, False)
    >>> is_text("Marie Dufour : « On coopère. »"), is_text("data/missing/article")
    (True, False)
    """
    if ("\n" in source or "\r" in source or not source.strip()
            or len(source) > MAX_PATH_CHARS
            or source.lstrip("\ufeff").startswith(TEXT_SIGNATURES)):
        return True
    name = source.strip()
    try:
        if Path(name).is_file():
            return False
    except (OSError, ValueError):  # a NUL or an over-long name: not a usable path
        return True
    if Path(name).suffix.lower() in PATH_SUFFIXES:
        return False
    return not (("/" in name or "\\" in name) and " " not in name)


def load(source: Source, *, error: type[CoopanalysisError],
         what: str) -> tuple[bytes | str, str]:
    """The raw content of ``source`` and a name for messages.

    A ``PathLike`` is a path; ``bytes`` and file objects are content; a ``str`` is text or
    a path by :func:`is_text`. ``error`` is the reader's exception, ``what`` names the
    document in messages (``"transcript"``, ``"article"``).

    Raises:
        error: a path that does not exist, is a directory or cannot be read (the path is the
            error's ``source``), a file object that returns neither text nor bytes, or a
            value of another type.
    """
    if isinstance(source, bytes | bytearray):
        return bytes(source), "<bytes>"
    if isinstance(source, os.PathLike):
        return _read_file(Path(source), error, what), os.fspath(source)
    if isinstance(source, str):
        if is_text(source):
            return source, "<string>"
        return _read_file(Path(source), error, what), source
    read = getattr(source, "read", None)
    if read is not None:
        name = str(getattr(source, "name", "<file>"))
        content = read()
        if not isinstance(content, str | bytes):
            raise error("file object returned neither text nor bytes", name)
        return content, name
    raise error(f"cannot read a {what} from a {type(source).__name__}: expected a path, "
                "its text, bytes or a file object", "<input>")


def _read_file(path: Path, error: type[CoopanalysisError], what: str) -> bytes:
    name = str(path)
    kind = None
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
            large = os.fstat(handle.fileno()).st_size > LARGE_FILE
            kind = binary_kind(head, controls=large)
            if kind is None:  # a 300 MB video given by mistake is never read whole
                return head + handle.read()
    except IsADirectoryError:
        raise error("is a directory, not a file", name) from None
    except FileNotFoundError:
        raise error(f"file not found (a one-line str that looks like a file name is read as "
                    f"a path; give a {what}'s text with a line break or as io.StringIO)",
                    name) from None
    except OSError as failure:  # no permission, a name too long…
        raise error(f"cannot read the file: {failure.strerror or failure}",
                    _short(name)) from None
    except ValueError:  # a NUL in the "path": it was text without a line break
        raise error(f"not a file path, and a {what} text must hold a line break",
                    _short(repr(name))) from None
    raise error(f"not a text file: its first bytes are {kind}; give the {what} as a text "
                "file", name)


def _short(name: str, limit: int = 80) -> str:
    return name if len(name) <= limit else name[:limit - 1] + "…"
