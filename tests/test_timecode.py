"""Time notations: every form the project meets, parsed and formatted back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopanalysis.errors import CoopanalysisError, TimecodeError
from coopanalysis.timecode import (
    find_timestamps,
    format_hms,
    format_minsec,
    media_time_seconds,
    parse_time,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("20min24", 1224.0),
        ("3min07", 187.0),
        ("[3min07](#)", 187.0),
        ("1h02min03", 3723.0),
        ("1h02", 3720.0),
        ("45s", 45.0),
        ("45 s", 45.0),
        ("01:02:03.500", 3723.5),
        ("1:02:03,5", 3723.5),
        ("02:03", 123.0),
        ("00:20:24", 1224.0),
        ("[00:20:24]", 1224.0),
        ("(28min42)", 1722.0),
        ("0:0:1.130", 1.13),
        ("1 h 02 min 03", 3723.0),
        ("1h", 3600.0),
        ("62:15", 3735.0),  # minutes past the hour, as players and podcast pages write them
    ],
)
def test_parse_time_reads_every_notation(text: str, seconds: float) -> None:
    assert parse_time(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "abc", "12min75", "00:61:00", "min", "h", "3:4:5:6",
                                  "1:62:15", "12:75"])
def test_parse_time_rejects_with_timecode_error(text: str) -> None:
    with pytest.raises(TimecodeError) as caught:
        parse_time(text, source="article.md", line=12)
    assert isinstance(caught.value, CoopanalysisError)
    assert isinstance(caught.value, ValueError)
    assert "article.md, line 12" in str(caught.value)


def test_format_hms_and_minsec() -> None:
    assert format_hms(1224.9) == "00:20:24"
    assert format_hms(3723.5, millis=True) == "01:02:03.500"
    assert format_minsec(1224) == "20min24"
    assert format_minsec(187) == "3min07"
    assert format_minsec(3723) == "1h02min03"
    with pytest.raises(TimecodeError):
        format_hms(-1)
    with pytest.raises(TimecodeError):
        format_minsec(float("nan"))


def test_find_timestamps_in_article_text() -> None:
    text = (
        "« … citoyens... (20min24) Mais ils cohabitent » (28min42) trois leviers ([56min28](#)) "
        "et [00:20:24] puis (1h02min03) mais pas 20min24 sans parenthèses ni (2019)."
    )
    found = find_timestamps(text)
    assert [m.seconds for m in found] == [1224.0, 1722.0, 3388.0, 1224.0, 3723.0]
    assert [text[m.start_char:m.end_char] for m in found] == [m.raw for m in found]
    assert found[2].raw == "([56min28](#))"


@given(st.floats(min_value=0, max_value=99 * 3600, allow_nan=False))
def test_hms_round_trip(seconds: float) -> None:
    written = format_hms(seconds, millis=True)
    assert parse_time(written) == pytest.approx(round(seconds, 3), abs=1e-6)
    assert parse_time(format_minsec(seconds)) == float(int(seconds))


@pytest.mark.parametrize("value", [None, 75, float("nan"), True, ["20min24"]])
def test_parse_time_of_a_non_string_is_a_timecode_error(value: object) -> None:
    # A spreadsheet column mapped through parse_time holds numbers and NaN: AttributeError.
    with pytest.raises(TimecodeError, match="expected a time"):
        parse_time(value)  # type: ignore[arg-type]


def test_find_timestamps_of_a_non_string_is_a_timecode_error() -> None:
    with pytest.raises(TimecodeError, match="expected text"):
        find_timestamps(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "seconds"), [
    ("À 41 min 30, elle lance", 2490.0), ("Il part. Vers 1 h 10, le maire", 4200.0),
])
def test_find_timestamps_reads_a_time_opening_a_sentence(text: str, seconds: float) -> None:
    assert [m.seconds for m in find_timestamps(text)] == [seconds]


@pytest.mark.parametrize("text", ["À 18 h 30, la séance reprend", "À 18:30, la séance",
                                  "La gare est à 10 min, mais il pleut"])
def test_a_clock_time_or_a_distance_is_not_a_replay_time(text: str) -> None:
    assert find_timestamps(text) == []


@pytest.mark.parametrize(("url", "seconds"), [
    ("https://www.youtube.com/watch?v=XYZ&t=754s", 754.0), ("https://youtu.be/XYZ?t=754", 754.0),
    ("https://vimeo.com/1#t=12m34s", 754.0), ("https://youtube.com/watch?v=a&t=1h02m03s", 3723.0),
    ("https://youtube.com/watch?v=a", None), ("https://example.org/?t=abc", None),
])
def test_media_time_seconds_reads_a_link_s_time(url: str, seconds: float | None) -> None:
    assert media_time_seconds(url) == seconds


def test_a_medium_word_and_a_comma_before_the_time() -> None:
    """"(vidéo, 0:12:40)", "(vidéo, à 1 h 02)", "(replay, 14min20)": as writers print them."""
    from coopanalysis.timecode import find_timestamps

    assert [m.seconds for m in find_timestamps("(vidéo, 0:12:40)")] == [760.0]
    assert [m.seconds for m in find_timestamps("(vidéo, à 1 h 02)")] == [3720.0]
    assert [m.seconds for m in find_timestamps("(replay, 14min20)")] == [860.0]


@pytest.mark.parametrize(("text", "seconds"), [
    ("(réf. vidéo 18'20)", 1100.0), ("(minutage 35:12)", 2112.0), ("(vers 58 min)", 3480.0),
    ("(timecode 1:02:03)", 3723.0), ("**Le tarif.** À 12min30, la directrice lance", 750.0),
])
def test_a_reference_label_an_approximate_time_and_a_bold_lead(text: str,
                                                               seconds: float) -> None:
    assert [m.seconds for m in find_timestamps(text)] == [seconds]


@pytest.mark.parametrize(("text", "seconds"), [("(min. 2'15)", 135.0), ("(⏱ 06:45)", 405.0)])
def test_a_minute_label_or_a_stopwatch_before_the_time(text: str, seconds: float) -> None:
    assert [m.seconds for m in find_timestamps(text)] == [seconds]


@pytest.mark.parametrize(("text", "seconds"), [("[▶ 0:06:40]", 400.0), ("(TC 00:04:30)", 270.0)])
def test_a_play_sign_or_a_timecode_label_before_the_time(text: str, seconds: float) -> None:
    assert [m.seconds for m in find_timestamps(text)] == [seconds]


@pytest.mark.parametrize(("text", "seconds"), [
    ("(audition, 00:03:40)", 220.0), ("(enr. 2h30'50)", 9050.0),
    ("(vidéo du conseil, 12:30)", 750.0), ("[t = 00:04:30]", 270.0),
])
def test_a_short_label_before_the_time_in_brackets(text: str, seconds: float) -> None:
    assert [m.seconds for m in find_timestamps(text)] == [seconds]


@pytest.mark.parametrize("text", ["(en 2019)", "(lire page 12)", "(séance du 12 mars, 14:20)"])
def test_a_label_adds_no_time_where_there_is_none(text: str) -> None:
    assert find_timestamps(text) == []


def test_a_stopwatch_sign_marks_a_time_out_of_brackets() -> None:
    found = find_timestamps("« Nous signerons demain. » ⏱ 12:40 puis ⏱\ufe0f 1:05:02.")
    assert [f.seconds for f in found] == [760.0, 3902.0]
