"""read.encoding: BOMs, UTF-16 without BOM, mixed UTF-8/cp1252 lines, mojibake repair, legacy
code pages; the same decoding for transcripts and articles."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from coopanalysis import ArticleError, TranscriptError, read_article, read_transcript
from coopanalysis.read.encoding import (
    MIXED_ENCODING,
    REPAIRED_MOJIBAKE,
    decode,
    decoding_warnings,
)
from coopanalysis.text.normalize import normalize_text

TRANSCRIPTS = Path(__file__).resolve().parents[1] / "data" / "transcripts"
FRENCH_SRT = ("1\n00:00:01,000 --> 00:00:02,500\nÉlève à l'école, « œuvre » déjà vue…\n\n"
              "2\n00:00:03,000 --> 00:00:04,000\nÇa coûte 20 € — très cher.\n")
FRENCH = "la coopération à Besançon — l’été, « œuvre »"


# ------------------------------------------------------------------ decode itself

@pytest.mark.parametrize(("bom", "codec", "name"), [
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
])
def test_a_bom_decides_and_is_removed(bom: bytes, codec: str, name: str) -> None:
    assert decode(bom + FRENCH.encode(codec)) == (FRENCH, name)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nul_bytes(codec: str) -> None:
    assert decode("WEBVTT\n\nhello".encode(codec)) == ("WEBVTT\n\nhello", codec)


def test_valid_utf8_is_utf8_and_a_str_is_kept() -> None:
    assert decode(FRENCH.encode()) == (FRENCH, "utf-8")
    assert decode("\ufeff" + FRENCH) == (FRENCH, None)
    assert decoding_warnings(FRENCH.encode(), "utf-8") == []


def test_mixed_utf8_and_cp1252_lines_are_decoded_line_by_line() -> None:
    raw = "première ligne\n".encode() + "deuxième à Besançon\n".encode("cp1252")
    text, encoding = decode(raw)
    assert (text, encoding) == ("première ligne\ndeuxième à Besançon\n", MIXED_ENCODING)
    (warning,) = decoding_warnings(raw, encoding)
    assert warning.startswith("line 2:") and "cp1252" in warning


def test_mojibake_in_a_str_is_repaired_with_a_warning() -> None:
    broken = FRENCH.encode().decode("cp1252")
    assert "Ã©" in broken
    text, encoding = decode(broken)
    assert (text, encoding) == (FRENCH, REPAIRED_MOJIBAKE)
    assert "repaired" in decoding_warnings(broken, encoding)[0]


def test_gb2312_keeps_its_codec() -> None:
    text, encoding = decode("第一行字幕，中文测试。\n第二行字幕。\n".encode("gb2312"))
    assert encoding in ("gb2312", "gb18030", "gbk")
    assert text == "第一行字幕，中文测试。\n第二行字幕。\n"


@pytest.mark.parametrize("error", [TranscriptError, ArticleError])
def test_binary_content_raises_the_readers_error(error: type[Exception]) -> None:
    with pytest.raises(error, match="binary") as caught:
        decode(bytes(range(32)) * 40, source="blob.bin", error=error)  # type: ignore[arg-type]
    assert caught.value.source == "blob.bin"  # type: ignore[attr-defined]


# ------------------------------------------------------------------ through read_transcript

@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                   "utf-32", "cp1252"])
def test_encodings_are_detected(codec: str) -> None:
    raw = FRENCH_SRT.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):
        raw = codecs.BOM_UTF16_LE + raw if codec.endswith("le") else codecs.BOM_UTF16_BE + raw
    t = read_transcript(raw)
    assert t.cues["text"].tolist() == [normalize_text("Élève à l'école, « œuvre » déjà vue…"),
                                       "Ça coûte 20 € - très cher."]
    assert t.encoding is not None
    if codec == "cp1252":
        assert t.encoding == "cp1252"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec: str) -> None:
    t = read_transcript(FRENCH_SRT.encode(codec))
    assert (t.encoding, len(t.cues)) == (codec, 2)
    assert t.cues["text"].iloc[1] == "Ça coûte 20 € - très cher."


def test_latin1_french_file_is_read_as_cp1252_without_loss() -> None:
    text = (FRENCH_SRT.replace("œuvre", "ouvrage").replace("€", "euros").replace("—", "-")
            .replace("…", "..."))
    t = read_transcript(text.encode("latin-1"))
    assert t.encoding == "cp1252"
    assert t.cues["text"].iloc[0].startswith("Élève à l'école")


def test_explicit_encoding_overrides_detection() -> None:
    raw = "1\n00:00:01,000 --> 00:00:02,000\nŁódź, żółw, ślimak\n".encode("cp1250")
    assert read_transcript(raw, encoding="cp1250").cues["text"].iloc[0] == "Łódź, żółw, ślimak"
    assert read_transcript(raw, encoding="cp1250").encoding == "cp1250"
    with pytest.raises(TranscriptError, match="cannot decode as 'nope'"):
        read_transcript(raw, encoding="nope")


def test_other_legacy_encoding_gb2312() -> None:
    t = read_transcript(TRANSCRIPTS / "srt-cdown" / "gb2312.srt")
    assert t.encoding in ("gb2312", "gb18030", "gbk")
    assert not any("\ufffd" in text for text in t.cues["text"])


def test_mixed_encoding_file_keeps_utf8_lines_and_reports_legacy_ones(tmp_path: Path) -> None:
    # A file concatenated from a UTF-8 export and a Windows (cp1252) one: decoding the
    # whole file as cp1252 turned every UTF-8 accent into mojibake ("coopÃ©ration").
    path = tmp_path / "mixed.vtt"
    path.write_bytes(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nla coopération est là\n\n".encode()
        + "00:00:03.000 --> 00:00:04.000\nété à Besançon\n".encode("cp1252"))
    result = read_transcript(path)
    assert result.cues["text"].tolist() == ["la coopération est là", "été à Besançon"]
    assert any("line 7" in w and "cp1252" in w for w in result.warnings), result.warnings


def test_plain_cp1252_file_is_still_read_without_a_mixed_warning(tmp_path: Path) -> None:
    path = tmp_path / "legacy.srt"
    path.write_bytes("1\n00:00:01,000 --> 00:00:02,000\nété à Besançon\n".encode("cp1252"))
    result = read_transcript(path)
    assert result.cues["text"].tolist() == ["été à Besançon"]
    assert result.encoding == "cp1252"
    assert not any("cp1252" in w for w in result.warnings)


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_utf8_file_opened_with_the_windows_default_encoding_is_repaired(
        tmp_path: Path, codec: str) -> None:
    # open(path) without encoding="utf-8" (cp1252 on Windows) gave "coopÃ©ration" in every
    # cue, silently; the aligner then found no accented word.
    path = tmp_path / "replay.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nla coopération à Besançon "
                    "— l’été\n", encoding="utf-8")
    with open(path, encoding=codec) as handle:
        result = read_transcript(handle)
    assert result.cues["text"].tolist() == ["la coopération à Besançon - l'été"]
    assert any("repaired" in w for w in result.warnings)


def test_text_with_a_real_capital_a_tilde_is_not_repaired() -> None:
    result = read_transcript("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nSÃO PAULO 😀 é\n")
    assert result.cues["text"].tolist() == ["SÃO PAULO 😀 é"]
    assert result.warnings == []


# ------------------------------------------------------------------ through read_article

def test_read_article_mixed_encoding(tmp_path: Path) -> None:
    path = tmp_path / "mixed.md"
    path.write_bytes(
        "Marie Dupont, maire de Dijon, a ouvert la table ronde.\n\n« La coopération "
        "territoriale est une nécessité pour nos communes », explique Marie Dupont "
        "(20min24).\n".encode()
        + "\n« Été comme hiver, la confiance se construit », ajoute Marie Dupont "
          "(21min00).\n".encode("cp1252"))
    article = read_article(path)
    assert article.quotes["text"].tolist() == [
        "La coopération territoriale est une nécessité pour nos communes",
        "Été comme hiver, la confiance se construit"]


def test_read_article_opened_with_the_windows_default_encoding(tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    path.write_text("Marie Dupont, maire de Dijon, a ouvert la table ronde.\n\n« La "
                    "coopération est une nécessité », explique Marie Dupont (20min24).\n",
                    encoding="utf-8")
    with open(path, encoding="cp1252") as handle:
        article = read_article(handle)
    assert article.quotes["text"].tolist() == ["La coopération est une nécessité"]


def test_a_double_encoded_caption_file_is_repaired_with_a_warning(tmp_path: Path) -> None:
    # UTF-8 read as cp1252 by an editor and saved again as UTF-8: "coopÃ©ration".
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nla coopération, c'est déjà là\n"
    path = tmp_path / "double.vtt"
    path.write_bytes(vtt.encode("utf-8").decode("cp1252").encode("utf-8"))
    assert "coopÃ©ration" in path.read_text(encoding="utf-8")
    transcript = read_transcript(path)
    assert transcript.cues["text"].tolist() == ["la coopération, c'est déjà là"]
    assert transcript.encoding == REPAIRED_MOJIBAKE
    assert any("repaired" in w for w in transcript.warnings)


def test_a_correct_utf8_file_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "ok.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nl'Âme du projet, déjà\n",
                    encoding="utf-8")
    transcript = read_transcript(path)
    assert transcript.cues["text"].tolist() == ["l'Âme du projet, déjà"]
    assert transcript.encoding == "utf-8" and not transcript.warnings
