"""Tests of coopanalysis.read.rttm: RTTM diarization files (pyannote's sample, a NIST
debug file with several recordings and non-ASCII labels, hand-written errors)."""


from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopanalysis.errors import CoopanalysisError, DiarizationError
from coopanalysis.read.rttm import RTTM, parse_rttm, read_rttm

HERE = Path(__file__).resolve().parents[1] / "data" / "speakers"
SAMPLE_RTTM = HERE / "sample.rttm"


def test_read_rttm_pyannote_sample():
    rttm = read_rttm(SAMPLE_RTTM)
    assert list(rttm.columns) == list(RTTM)
    assert len(rttm) == 10
    assert set(rttm["speaker"]) == {"speaker90", "speaker91"}
    assert set(rttm["file_id"]) == {"sample"}
    first = rttm.iloc[0]
    assert (first.start, first.end, first.line) == (6.69, pytest.approx(7.12), 1)
    # Overlapping speech (18.05 s and 18.15 s) is kept as two records.
    assert rttm.iloc[7].start == 18.15 and rttm.iloc[7].end == pytest.approx(18.59)
    assert rttm["start"].dtype == "float64" and rttm["speaker"].dtype == "string"


def test_read_rttm_several_recordings_and_non_ascii_labels():
    rttm = read_rttm(HERE / "debug.train.rttm")
    assert rttm["file_id"].nunique() == 10
    assert "MÉO069" in set(rttm["speaker"])
    assert (rttm["end"] >= rttm["start"]).all()


def test_read_rttm_from_open_file_and_skips_comments_and_other_records():
    text = (";; written by hand\n\nSPKR-INFO f 1 <NA> <NA> <NA> unknown A <NA>\n"
            "SPEAKER f 1 0.5 1.5 <NA> <NA> A <NA>\n")  # 9 fields, no <NA> at the end
    rttm = read_rttm(io.StringIO(text))
    assert rttm[["speaker", "start", "end", "line"]].values.tolist() == [["A", 0.5, 2.0, 4]]


@pytest.mark.parametrize(("line", "reason"), [
    ("SPEAKER f 1 1.0 <NA> <NA> A <NA> <NA>", "duration '<NA>' is not a number"),
    ("SPEAKER f 1 1.0 2.0 <NA> <NA>", "7 fields"),
    ("SPEAKER f 1 -1.0 2.0 <NA> <NA> A <NA> <NA>", "start '-1.0' must be"),
    ("SPEAKER f 1 1.0 -2.0 <NA> <NA> A <NA> <NA>", "duration '-2.0' must be"),
    ("SPEAKER f 1 nan 2.0 <NA> <NA> A <NA> <NA>", "must be a finite number"),
    ("SPEKAER f 1 1.0 2.0 <NA> <NA> A <NA> <NA>", "unknown RTTM record type"),
])
def test_read_rttm_errors_name_file_and_line(tmp_path, line, reason):
    path = tmp_path / "bad.rttm"
    path.write_text("SPEAKER f 1 0.0 1.0 <NA> <NA> A <NA> <NA>\n" + line + "\n")
    with pytest.raises(DiarizationError) as info:
        read_rttm(path)
    assert info.value.source == str(path) and info.value.line == 2
    assert reason in str(info.value)
    assert isinstance(info.value, CoopanalysisError)


def test_read_rttm_rejects_bytes_that_are_not_utf8(tmp_path):
    path = tmp_path / "latin1.rttm"
    path.write_bytes("SPEAKER f 1 0 1 <NA> <NA> A <NA>\nSPEAKER f 1 1 1 <NA> <NA> Éric <NA>\n"
                     .encode("latin-1"))
    with pytest.raises(DiarizationError, match="not UTF-8") as info:
        read_rttm(path)
    assert info.value.line == 2


def test_read_rttm_missing_file_is_a_diarization_error(tmp_path):
    with pytest.raises(DiarizationError, match="cannot read"):
        read_rttm(tmp_path / "absent.rttm")


def test_parse_rttm_of_nothing_is_an_empty_table():
    assert list(parse_rttm("").columns) == list(RTTM) and parse_rttm("").empty


LABELS = st.text(alphabet=st.characters(categories=("L", "N"), include_characters="_-"),
                 min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(LABELS, LABELS, st.integers(0, 10**7), st.integers(0, 10**6)),
                max_size=20))
def test_rttm_written_then_read_gives_the_records_back(records):
    text = "".join(f"SPEAKER {file} 1 {start / 1000:.3f} {duration / 1000:.3f} <NA> <NA> "
                   f"{label} <NA> <NA>\n" for file, label, start, duration in records)
    table = parse_rttm(text)
    assert table["file_id"].tolist() == [r[0] for r in records]
    assert table["speaker"].tolist() == [r[1] for r in records]
    assert table["start"].tolist() == pytest.approx([r[2] / 1000 for r in records])
    assert table["end"].tolist() == pytest.approx([(r[2] + r[3]) / 1000 for r in records])


# ------------------------------------------------------------------ write_rttm


def test_write_rttm_round_trips_the_pyannote_sample(tmp_path):
    from coopanalysis.read.rttm import write_rttm

    rttm = read_rttm(SAMPLE_RTTM)
    out = tmp_path / "copy.rttm"
    write_rttm(rttm, out)
    back = read_rttm(out)
    assert list(back["speaker"]) == list(rttm["speaker"])
    assert list(back["file_id"]) == list(rttm["file_id"])
    assert back["start"].tolist() == pytest.approx(rttm["start"].tolist(), abs=1e-3)
    assert back["end"].tolist() == pytest.approx(rttm["end"].tolist(), abs=2e-3)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["A", "SPEAKER_01", "Éva"]),
                          st.floats(0, 5000, allow_nan=False),
                          st.floats(0, 100, allow_nan=False)), max_size=8))
def test_write_rttm_then_read_gives_the_turns_back(tmp_path_factory, turns):
    import pandas as pd

    from coopanalysis.read.rttm import write_rttm

    table = pd.DataFrame({"speaker": [t[0] for t in turns], "start": [t[1] for t in turns],
                          "end": [t[1] + t[2] for t in turns]})
    out = tmp_path_factory.mktemp("rttm") / "replay.rttm"
    write_rttm(table, out)
    back = read_rttm(out)
    assert list(back["speaker"]) == list(table["speaker"])
    assert set(back["file_id"]) <= {"replay"}
    assert back["start"].tolist() == pytest.approx(table["start"].tolist(), abs=1e-3)


def test_write_rttm_refuses_bad_tables(tmp_path):
    import pandas as pd

    from coopanalysis.read.rttm import write_rttm

    out = tmp_path / "bad.rttm"
    with pytest.raises(DiarizationError, match="lacks columns"):
        write_rttm(pd.DataFrame({"speaker": ["A"]}), out)
    with pytest.raises(DiarizationError, match="holds spaces"):
        write_rttm(pd.DataFrame({"speaker": ["Jean Dupont"], "start": [0.0], "end": [1.0]}), out)
    with pytest.raises(DiarizationError, match=r"bad\.rttm.*row 0"):
        write_rttm(pd.DataFrame({"speaker": ["A"], "start": [2.0], "end": [1.0]}), out)
