"""Formats an article may come in, told from the content: refused with a clear error when
they are not text (RTF, PDF, DOCX/ZIP, legacy Word) rather than read as garbage."""

from __future__ import annotations

from coopanalysis.errors import ArticleError

#: Leading bytes of document formats that are not plain text or Markdown.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"{\\rtf", "an RTF document"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (DOCX, ODT or EPUB document)"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office document (.doc)"),
)


def refuse_documents(raw: bytes | str, name: str) -> None:
    """Raise when ``raw`` is a document format the reader does not extract.

    Raises:
        ArticleError: naming the file and the format, with what to do instead.
    """
    if isinstance(raw, str):
        raw = raw[:8].encode("utf-8", "replace")
    head = raw[:8].lstrip(b"\xef\xbb\xbf \t\r\n")
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise ArticleError(f"{what}, not an article text: save or export it as plain text "
                               "or Markdown (UTF-8) and read that file", name, 1)
