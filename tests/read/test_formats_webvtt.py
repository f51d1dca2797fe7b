"""WebVTT reader: cue text rules, blocks, and the W3C (wpt) and vtt.js expectation suites."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from coopanalysis import TranscriptError, read_transcript
from coopanalysis.read.formats.webvtt import cue_text

DATA = Path(__file__).resolve().parents[1] / "data" / "transcripts"

# vtt.js files where vtt.js departs from the W3C parsing rules, which we follow:
# "000:00.000" and "120:00.000" have a 3-digit first part, so the spec reads it as
# hours and requires a third part (vtt.js reads minutes / hours:minutes); a timing
# line right after "WEBVTT" is a cue for the spec (wpt header-timings.vtt expects 1
# cue) while vtt.js drops it.
VTTJS_SPEC_DEVIATIONS = {
    "cue-times/min-top-digits.vtt",
    "cue-times/minimum-spots-over-sixty.vtt",
    "file-layout/header-no-new-line.vtt",
}


def vtt(text: str):  # type: ignore[no-untyped-def]
    return read_transcript(text, format="webvtt")


def test_voice_class_and_tags_are_stripped_and_speaker_kept() -> None:
    t = vtt("WEBVTT\n\n00:00:01.000 --> 00:00:02.500\n"
            "<v.loud Jeanne Dupont>Je <b>pense</b> <i>que</i> <u>oui</u></v>\n\n"
            "00:00:03.000 --> 00:00:04.000\n<v Paul>Non.\n")
    assert t.cues["speaker"].tolist() == ["Jeanne Dupont", "Paul"]
    assert t.cues["text"].tolist() == ["Je pense que oui", "Non."]
    assert t.cues["end"].iloc[0] == 2.5  # milliseconds kept (webvtt-py rounds to seconds)


def test_ruby_lang_class_timestamp_tags_and_entities() -> None:
    raw = ("<ruby>漢<rt>kan</rt></ruby> <lang en>hello</lang> <c.yellow.big>x</c>"
           "<00:00:01.500>y &amp; z &lt;3 &gt; &nbsp;w&lrm;")
    text, voices = cue_text(raw)
    assert text == "漢kan hello xy & z <3 > w"
    assert voices == []


def test_several_voices_in_one_cue_keep_the_first_and_warn() -> None:
    t = vtt("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>Oui.</v> <v Bob>Non.</v>\n")
    assert t.cues["speaker"].iloc[0] == "Ann"
    assert t.cues["text"].iloc[0] == "Oui. Non."
    assert any("line 3" in w and "several voices" in w for w in t.warnings)


def test_identifiers_settings_header_and_comments() -> None:
    t = vtt("WEBVTT - titre\nKind: captions\nLanguage: fr\n\n"
            "STYLE\n::cue { color: red }\n\n"
            "REGION\nid:r1 width:40%\n\n"
            "NOTE une remarque\nsur deux lignes\n\n"
            "intro\n00:00:01.000 --> 00:00:02.000 align:start  position:10%\nBonjour\n\n"
            "NOTE fin\n")
    assert len(t.cues) == 1
    row = t.cues.iloc[0]
    assert (row.identifier, row.settings, row.text, row.line) == (
        "intro", "align:start position:10%", "Bonjour", 15)
    assert t.language == "fr"
    assert t.metadata["header"] == {"Kind": "captions", "Language": "fr"}
    assert t.metadata["notes"] == ["une remarque\nsur deux lignes", "fin"]
    assert t.warnings == []


def test_invalid_timing_skips_the_block_with_a_warning_naming_the_line() -> None:
    t = vtt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nun\n\n"
            "00:00:0x.000 --> 00:00:03.000\nperdu\n\n00:00:04.000 --> 00:00:05.000\ntrois\n")
    assert t.cues["text"].tolist() == ["un", "trois"]
    assert any(w.startswith("line 6: invalid cue timing") and "perdu" in w for w in t.warnings)


def test_teams_single_digit_timings_are_read_leniently_with_a_warning(test_data_dir: Path) -> None:
    t = read_transcript(test_data_dir / "transcripts" / "webvtt-py" / "teams_timeframe.vtt")
    assert t.cues["speaker"].tolist() == ["Yuri Bakulin", "Adrian Petrescu"]
    assert t.cues["start"].tolist() == [0.0, 0.21]
    assert "read leniently" in t.warnings[0]


@pytest.mark.parametrize("text", ["WEBVTTX\n\n00:01.000 --> 00:02.000\nx\n",
                                  "\nWEBVTT\n\n00:01.000 --> 00:02.000\nx\n"])
def test_bad_signature_is_an_error_on_line_1(text: str) -> None:
    with pytest.raises(TranscriptError) as info:
        vtt(text)
    assert info.value.line == 1 and "WEBVTT" in str(info.value)


def test_valid_file_without_cues_is_empty_with_a_warning() -> None:
    t = vtt("WEBVTT\n\nNOTE rien\n")
    assert len(t.cues) == 0 and "no cues in the transcript" in t.warnings


def _load_json(path: Path) -> dict:  # type: ignore[type-arg]
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


def _mismatches(path: Path, expected: list[dict]) -> list[str]:  # type: ignore[type-arg]
    """Compare our cues with a suite's expected cues (count, id, text, start/end times).

    The suites give ``VTTCue.text`` with its markup; we compare our plain text with the
    expected text put through the same tag stripping, so that the block, line and
    entity handling is what is tested. Files the suites expect to yield nothing may
    also raise ``TranscriptError`` (we refuse a bad signature).
    """
    try:
        cues = read_transcript(path, format="webvtt").cues
    except TranscriptError:
        cues = pd.DataFrame({"text": []})
    if len(cues) != len(expected):
        return [f"{len(cues)} cues, expected {len(expected)}"]
    problems = []
    for i, want in enumerate(expected):
        row = cues.iloc[i]
        identifier = "" if pd.isna(row.identifier) else row.identifier
        if "id" in want and identifier != want["id"]:
            problems.append(f"cue {i} id {identifier!r} != {want['id']!r}")
        if "text" in want and row.text != cue_text(want["text"])[0]:
            problems.append(f"cue {i} text {row.text!r} != {want['text']!r}")
        for key, column in (("startTime", "start"), ("endTime", "end")):
            if key in want and not math.isclose(row[column], want[key], abs_tol=1e-9):
                problems.append(f"cue {i} {column} {row[column]} != {want[key]}")
    return problems


def _wpt_cases() -> list[tuple[str, list[dict]]]:  # type: ignore[type-arg]
    suite = _load_json(DATA / "wpt" / "expected.json")
    cases = []
    for test in suite["tests"].values():
        assertions = test["assertions"]
        expected: list[dict] = [{} for _ in range(assertions["cues.length"])]  # type: ignore[type-arg]
        for key, value in assertions.items():
            if key.startswith("cues["):
                index = int(key[5:key.index("]")])
                field = key.split(".", 1)[1]
                if field in ("id", "text", "startTime", "endTime"):
                    expected[index][field] = value
        cases.append((test["source"], expected))
    return cases


@pytest.mark.parametrize(("source", "expected"), _wpt_cases(), ids=lambda v: str(v)[:40])
def test_wpt_file_parsing_expectations(source: str, expected: list[dict]) -> None:  # type: ignore[type-arg]
    assert _mismatches(DATA / "wpt" / source, expected) == []


def _vttjs_cases() -> list[tuple[str, str]]:
    mapping = _load_json(DATA / "vtt.js" / "EXPECTED_MAPPING.json")["mapping"]
    return [(vtt_file, spec["expected"]) for vtt_file, spec in mapping.items()]


@pytest.mark.parametrize(("vtt_file", "expected_file"), _vttjs_cases())
def test_vttjs_expectations(vtt_file: str, expected_file: str) -> None:
    expected = _load_json(DATA / "vtt.js" / expected_file).get("cues", [])
    problems = _mismatches(DATA / "vtt.js" / vtt_file, expected)
    if vtt_file in VTTJS_SPEC_DEVIATIONS:
        assert problems, "a known deviation now matches: remove it from the list"
    else:
        assert problems == []


def test_suite_match_counts() -> None:
    """The numbers quoted in docs/transcripts.md."""
    wpt = sum(not _mismatches(DATA / "wpt" / s, e) for s, e in _wpt_cases())
    vttjs = 0
    for vtt_file, expected_file in _vttjs_cases():
        expected = _load_json(DATA / "vtt.js" / expected_file).get("cues", [])
        vttjs += not _mismatches(DATA / "vtt.js" / vtt_file, expected)
    assert (wpt, len(_wpt_cases())) == (33, 33)
    assert (vttjs, len(_vttjs_cases())) == (72, 75)


def test_vtt_with_srt_style_comma_timings_is_read_leniently() -> None:
    # An SRT file with a WEBVTT header added by a converter: every cue was skipped and
    # the transcript came out empty.
    t = read_transcript("WEBVTT\n\n1\n00:00:01,000 --> 00:00:02,500\nbonjour\n\n"
                           "2\n00:00:03,000 --> 00:00:04,000\nà tous\n")
    assert t.cues[["start", "end", "text"]].values.tolist() == [[1.0, 2.5, "bonjour"],
                                                                 [3.0, 4.0, "à tous"]]
    assert any("leniently" in w for w in t.warnings)
