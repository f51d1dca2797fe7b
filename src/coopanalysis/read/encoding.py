"""Decoding text files, for the transcript readers and the article parser alike.

``decode(raw, source=..., error=...)`` turns bytes into text:

1. a byte order mark decides (UTF-8, UTF-16, UTF-32); ASCII-range UTF-16 without a BOM
   is recognised by its NUL bytes;
2. valid UTF-8 is UTF-8;
3. a file mixing UTF-8 lines and cp1252 lines (concatenated exports) is decoded line by
   line;
4. otherwise charset-normalizer's guess, read as cp1252 when the text is Western;
5. text that is UTF-8 decoded as cp1252 ("coopÃ©ration", a file opened without
   ``encoding="utf-8"``) is repaired, given as a ``str`` or as a file saved again so.

``decoding_warnings(raw, encoding)`` says what the caller should report for cases 3 and 5.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from coopanalysis.errors import CoopanalysisError

#: ``Transcript.encoding`` of a file whose lines are partly UTF-8, partly cp1252.
MIXED_ENCODING = "utf-8+cp1252"
#: ``Transcript.encoding`` of text given as a str that was UTF-8 decoded as cp1252/latin-1
#: ("coopÃ©ration") and repaired.
REPAIRED_MOJIBAKE = "utf-8 (repaired from cp1252 mojibake)"
# "é" as UTF-8 read as cp1252 is "Ã©": a lead byte C2–C5 shown as Â/Ã/Ä/Å, then a
# continuation byte 80–BF shown as a cp1252 symbol or Latin-1 letter.
_MOJIBAKE_RE = re.compile("[\u00c2-\u00c5][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178"
                          "\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")
# BOMs, longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# One-byte Western encodings that charset-normalizer cannot tell apart on short French
# text; cp1252 is what French Windows tools write, and it decodes latin-1 text the same
# for every letter (it only adds œ, €, typographic quotes in 0x80–0x9F).
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15", "iso8859_1", "cp1250", "mac_roman",
                      "cp850", "cp858", "iso8859_2", "iso8859_9", "cp1254", "cp437"})
# Control characters (other than tab, LF, CR, FF) that a text file should not hold in bulk.
_BINARY_CONTROLS = frozenset(range(0, 32)) - {9, 10, 12, 13}


def decode(raw: bytes | str, *, source: str = "<bytes>",
           error: type[CoopanalysisError] = CoopanalysisError) -> tuple[str, str | None]:
    """Decode transcript bytes; returns ``(text, encoding)`` without the BOM.

    Raises:
        ``error`` (a ``CoopanalysisError`` subclass: ``TranscriptError`` for the transcript
        readers, ``ArticleError`` for the article parser): binary content (many control
        characters) or bytes no encoding explains.
    """
    if isinstance(raw, str):
        text, encoding = raw.lstrip("\ufeff"), None
        repaired = _repair_mojibake(text)
        if repaired is not None:
            text, encoding = repaired, REPAIRED_MOJIBAKE
    else:
        text, encoding = _decode_bytes(raw, source, error)
        if encoding.startswith("utf-"):
            # A file double-encoded: UTF-8 read as cp1252 by an editor and saved again.
            repaired = _repair_mojibake(text)
            if repaired is not None:
                text, encoding = repaired, REPAIRED_MOJIBAKE
    _check_not_binary(text, source, error)
    return text, encoding


def _decode_bytes(raw: bytes, source: str, error: type[CoopanalysisError]
                  ) -> tuple[str, str]:
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(name.removesuffix("-sig")), name.replace("-sig", "")
            except UnicodeDecodeError as bad:
                raise error(
                    f"starts with a {name} byte order mark but is not valid {name} "
                    f"(byte {bad.start})", source, None) from None
    utf16 = _utf16_without_bom(raw)
    if utf16:
        try:
            return raw.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _legacy_lines(raw):
        return _decode_mixed(raw), MIXED_ENCODING
    from charset_normalizer import from_bytes  # imported here: only legacy files need it

    best = from_bytes(raw).best()
    if best is None:
        raise error("not text in any known encoding (binary file?)", source, None)
    encoding = best.encoding
    guessed = str(best)
    if encoding in _WESTERN or _mostly_latin(guessed):
        try:
            return raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return guessed, encoding


def _repair_mojibake(text: str) -> str | None:
    """The text, when it is UTF-8 that was decoded as cp1252 or latin-1; else None.

    ``open(path)`` without ``encoding="utf-8"`` (the Windows default is cp1252) turns every
    accent of a UTF-8 file into two characters ("coopÃ©ration"). Repaired only when the
    whole text goes back to valid UTF-8 bytes.
    """
    if text.isascii() or not _MOJIBAKE_RE.search(text):
        return None
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return None


def _legacy_lines(raw: bytes) -> list[int]:
    """1-based numbers of the lines that are not UTF-8, when other lines are UTF-8 accents.

    Files concatenated from a UTF-8 export and a Windows one exist; read whole as cp1252,
    every UTF-8 accent would become mojibake ("coopÃ©ration"). Empty when the file is
    not such a mix. A UTF-8 line only counts when its characters exist in cp1252 (é, œ,
    «): in a GB2312 or cp1251 file, a short line can be valid UTF-8 by chance, but it
    then decodes to letters such as "ģ" that a Western file would not hold.
    """
    legacy: list[int] = []
    has_utf8 = False
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8").encode("cp1252")
            has_utf8 = True
        except UnicodeDecodeError:
            legacy.append(number)
        except UnicodeEncodeError:  # valid UTF-8, but not Western text
            return []
    return legacy if has_utf8 else []


def _decode_mixed(raw: bytes) -> str:
    """Each line as UTF-8 when it is valid UTF-8, else as cp1252 (latin-1 for its 5 holes)."""
    lines = []
    for line in raw.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                lines.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                lines.append(line.decode("latin-1"))
    return "\n".join(lines)


def _utf16_without_bom(raw: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when every other byte is NUL (ASCII-range UTF-16).

    Such bytes are valid UTF-8 too (NUL is), so this check comes first.
    """
    sample = raw[:2000]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.7 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.7 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _mostly_latin(text: str) -> bool:
    """Whether the non-ASCII letters of ``text`` are mostly Latin (é, ç, Ł…).

    charset-normalizer often names a Baltic or Central European code page for short
    French files; when its reading is Latin script anyway, cp1252 is the likelier one.
    """
    letters = [c for c in text if ord(c) > 127 and c.isalpha()]
    if not letters:
        return True
    latin = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
    return latin >= len(letters) / 2


def _check_not_binary(text: str, source: str, error: type[CoopanalysisError]) -> None:
    sample = text[:4096]
    if not sample:
        return
    controls = sum(1 for c in sample if ord(c) in _BINARY_CONTROLS)
    if controls > max(8, len(sample) // 20):
        raise error("binary content (control characters), not a text file",
                              source, None)


#: How many first bytes of a file ``binary_kind`` looks at.
SNIFF_BYTES = 1024
# File signatures of what users give by mistake instead of captions (media, images, archives
# other than the documents readers take): (offset, magic, name).
_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (4, b"ftyp", "an MP4/MOV video or M4A audio file"),
    (0, b"\x1a\x45\xdf\xa3", "a Matroska/WebM video"),
    (0, b"RIFF", "a RIFF (AVI video or WAV audio) file"),
    (0, b"ID3", "an MP3 audio file"),
    (0, b"OggS", "an Ogg audio/video file"),
    (0, b"fLaC", "a FLAC audio file"),
    (0, b"\x89PNG", "a PNG image"),
    (0, b"\xff\xd8\xff", "a JPEG image"),
    (0, b"GIF8", "a GIF image"),
    (0, b"\x1f\x8b", "a gzip archive"),
    (0, b"\x7fELF", "a program"),
)


def binary_kind(head: bytes, *, controls: bool = True) -> str | None:
    """What the first bytes of a file say it is when it is not text (``"an MP4/MOV video…"``,
    ``"binary content"``), else None. Text in UTF-16/32 (BOM or ASCII-range) is text.

    ``controls=False`` checks the signatures only (a small file is checked whole later,
    where the error can name the line).
    """
    head = head[:SNIFF_BYTES]
    for offset, magic, name in _MAGIC:
        if head[offset:offset + len(magic)] == magic:
            return name
    if (not controls or any(head.startswith(bom) for bom, _ in _BOMS)
            or _utf16_without_bom(head)):
        return None
    n_controls = sum(1 for byte in head if byte in _BINARY_CONTROLS)
    if head.count(0) > 2 or n_controls > max(8, len(head) // 20):
        return "binary content (control characters)"
    return None


def decoding_warnings(raw: bytes | str, encoding: str | None) -> list[str]:
    """The warnings a reader should add for what ``decode`` repaired (empty when nothing)."""
    if encoding == MIXED_ENCODING and isinstance(raw, bytes):
        return [_mixed_warning(_legacy_lines(raw))]
    if encoding == REPAIRED_MOJIBAKE:
        return ["the text was UTF-8 decoded as cp1252 or latin-1 ('coopÃ©ration'; a file "
                "opened without encoding='utf-8'?); repaired"]
    return []


def _mixed_warning(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:10])) + ("…" if len(numbers) > 10 else "")
    return (f"line{'s' if len(numbers) > 1 else ''} {shown}: not UTF-8 like the rest of the "
            f"file; decoded as cp1252 ({len(numbers)} line{'s' if len(numbers) > 1 else ''}, "
            "check their accents)")
