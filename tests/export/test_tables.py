"""Tables written to CSV, Parquet and Excel and read back; replay deep links."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from coopanalysis.errors import CoopanalysisError, ExportError
from coopanalysis.export.tables import WORKBOOK_NAME, replay_links, write_tables
from coopanalysis.schema import ALIGNED, conform

ALIGNED_TABLE = conform(pd.DataFrame({
    "quote_id": ["q01", "q02", "q03"],
    "speaker": ["Manon Loisel", "Aurélie Mézière", pd.NA],
    "stated_start": [1224.0, 1470.0, math.nan],
    "start": [1224.4, 1471.9, math.nan],
    "end": [1233.2, 1480.0, math.nan],
    "cue_ids": [[4, 5, 6], [7], []],
    "transcript_text": ["On a une démultiplication\x0b de dispositifs", "Je pars", pd.NA],
    "score": [0.97, 0.55, math.nan],
    "status": ["matched", "uncertain", "unmatched"],
}), ALIGNED)
SPEAKERS = pd.DataFrame({"speaker": ["Manon Loisel"], "speaking_time": [12.5],
                         "n_words": pd.array([30], dtype="Int64")})


@pytest.fixture
def written(tmp_path: Path) -> tuple[Path, dict[str, list[Path]]]:
    tables = {"aligned": ALIGNED_TABLE, "speaker_stats": SPEAKERS, "missing": None,
              "a_table_name_far_longer_than_thirty_one_characters": SPEAKERS}
    return tmp_path, write_tables(tables, tmp_path / "tables")  # type: ignore[dict-item]


def test_write_tables_returns_paths_by_format(written: tuple[Path, dict[str, list[Path]]]
                                              ) -> None:
    root, paths = written
    assert set(paths) == {"csv", "parquet", "xlsx"}
    assert [p.name for p in paths["csv"]] == [
        "aligned.csv", "speaker_stats.csv",
        "a_table_name_far_longer_than_thirty_one_characters.csv"]
    assert paths["xlsx"] == [root / "tables" / WORKBOOK_NAME]
    assert all(p.is_file() and p.stat().st_size > 0 for ps in paths.values() for p in ps)


def test_csv_keeps_lists_as_json(written: tuple[Path, dict[str, list[Path]]]) -> None:
    root, _ = written
    back = pd.read_csv(root / "tables" / "aligned.csv")
    assert [json.loads(v) for v in back["cue_ids"]] == [[4, 5, 6], [7], []]
    assert back["speaker"].tolist()[:2] == ["Manon Loisel", "Aurélie Mézière"]
    assert math.isnan(back["start"].iloc[2])


def test_parquet_keeps_lists_and_dtypes(written: tuple[Path, dict[str, list[Path]]]) -> None:
    root, _ = written
    back = pd.read_parquet(root / "tables" / "aligned.parquet")
    assert [list(v) for v in back["cue_ids"]] == [[4, 5, 6], [7], []]
    assert back["start"].iloc[0] == pytest.approx(1224.4)
    assert pd.isna(back["speaker"].iloc[2])
    stats = pd.read_parquet(root / "tables" / "speaker_stats.parquet")
    assert str(stats["n_words"].dtype) == "Int64"


def test_excel_one_sheet_per_table_with_short_names(
        written: tuple[Path, dict[str, list[Path]]]) -> None:
    root, _ = written
    sheets = pd.read_excel(root / "tables" / WORKBOOK_NAME, sheet_name=None)
    assert list(sheets) == ["aligned", "speaker_stats", "a_table_name_far_longer_than_th"]
    assert all(len(name) <= 31 for name in sheets)
    aligned = sheets["aligned"]
    assert json.loads(aligned["cue_ids"].iloc[0]) == [4, 5, 6]
    # The vertical tab Excel refuses is dropped in the workbook only.
    assert aligned["transcript_text"].iloc[0] == "On a une démultiplication de dispositifs"
    assert sheets["speaker_stats"]["speaking_time"].tolist() == [12.5]


def test_sheet_names_cut_to_31_stay_unique(tmp_path: Path) -> None:
    long = "x" * 40
    tables = {long + "a": SPEAKERS, long + "b": SPEAKERS, "bad:/name?": SPEAKERS}
    paths = write_tables(tables, tmp_path, formats=("xlsx",))
    assert set(paths) == {"xlsx"}
    names = list(pd.read_excel(paths["xlsx"][0], sheet_name=None))
    assert names == ["x" * 31, "x" * 29 + "_2", "bad__name_"]


def test_mixed_objects_still_reach_parquet(tmp_path: Path) -> None:
    odd = pd.DataFrame({"value": [[1, 2], {"a": 1}, "text"]})
    path = write_tables({"odd": odd}, tmp_path, formats=("parquet",))["parquet"][0]
    back = pd.read_parquet(path)
    assert back["value"].tolist() == ["[1, 2]", '{"a": 1}', "text"]


def test_write_tables_rejects_unknown_format_and_non_frames(tmp_path: Path) -> None:
    with pytest.raises(CoopanalysisError, match="unknown table format"):
        write_tables({"a": SPEAKERS}, tmp_path, formats=("json",))
    with pytest.raises(CoopanalysisError, match="not a DataFrame"):
        write_tables({"a": [1, 2]}, tmp_path)  # type: ignore[dict-item]


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.youtube.com/watch?v=abc123", "https://www.youtube.com/watch?v=abc123&t=1224"),
    ("https://youtu.be/abc123", "https://youtu.be/abc123?t=1224"),
    ("https://youtu.be/abc123?si=XyZ", "https://youtu.be/abc123?si=XyZ&t=1224"),
    ("https://www.youtube.com/watch?v=abc&t=30", "https://www.youtube.com/watch?v=abc&t=1224"),
    ("https://video.example.org/w/abc#top", "https://video.example.org/w/abc?t=1224#top"),
])
def test_replay_links(url: str, expected: str) -> None:
    linked = replay_links(ALIGNED_TABLE, url)
    assert linked["replay_link"].iloc[0] == expected
    assert pd.isna(linked["replay_link"].iloc[2])  # unmatched: no link, not a link to 0:00
    assert "replay_link" not in ALIGNED_TABLE.columns  # the input is not modified


def test_replay_links_rejects_bad_input() -> None:
    with pytest.raises(CoopanalysisError, match="not an http"):
        replay_links(ALIGNED_TABLE, "youtube.com/watch?v=abc")
    with pytest.raises(CoopanalysisError, match="no 'start' column"):
        replay_links(pd.DataFrame({"x": [1]}), "https://youtu.be/abc")


def test_write_tables_into_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("x")
    with pytest.raises(ExportError, match=r"report\.html"):
        write_tables({"a": pd.DataFrame({"x": [1]})}, target)


@pytest.mark.parametrize("url, expected", [
    ("https://vimeo.com/123#t=5", "https://vimeo.com/123?t=1224"),
    ("https://example.org/v.mp4#t=5&x=1", "https://example.org/v.mp4?t=1224#x=1"),
    ("https://youtu.be/ID?t=10#comments", "https://youtu.be/ID?t=1224#comments"),
])
def test_replay_links_replace_a_time_in_the_fragment(url: str, expected: str) -> None:
    # A URL copied with "share at current time" (#t=5) kept its fragment, which players
    # read: every link of the report opened the replay at 5 s.
    links = replay_links(pd.DataFrame({"start": [1224.4]}), url)
    assert links["replay_link"].tolist() == [expected]


def test_a_file_that_cannot_be_written_is_an_export_error(tmp_path: Path) -> None:
    (tmp_path / "cues.csv").mkdir()  # a folder where the file should go
    with pytest.raises(ExportError, match="cannot write a table file") as caught:
        write_tables({"cues": SPEAKERS}, tmp_path, formats=["csv"])
    assert isinstance(caught.value, CoopanalysisError)
