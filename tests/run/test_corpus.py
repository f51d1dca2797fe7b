"""analyze_corpus: many events, one table each, identical on one process, a pool and Dask."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from coopanalysis.errors import CorpusError, OutputExistsError
from coopanalysis.run.corpus import ERRORS, MANIFEST, CorpusResult, analyze_corpus
from coopanalysis.schema import empty

MANIFEST_EMPTY, ERRORS_EMPTY = empty(MANIFEST), empty(ERRORS)

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_VTT = ROOT / "data" / "rnct2025_quotes.vtt"
REFERENCE_ARTICLE = ROOT / "data" / "rnct2025_article.md"

# Short turns on territorial cooperation, so that sentences and themes are found.
TURNS = [
    ("Claire Durand", "La coopération territoriale se construit avec les habitants. "
                      "Il faut du temps long et de la confiance."),
    ("Karim Benali", "Notre réseau réunit les associations et les entreprises du territoire. "
                     "La gouvernance partagée demande des règles claires."),
    ("Claire Durand", "Les élus doivent écouter les citoyens. La démocratie locale en dépend."),
]


def _vtt(turns: list[tuple[str, str]], *, repeat: int = 1) -> str:
    """A WebVTT file with one cue per sentence and ``<v>`` voices, 3 s per cue."""
    lines = ["WEBVTT", ""]
    clock = 0.0
    for _ in range(repeat):
        for speaker, text in turns:
            for sentence in text.split(". "):
                start, end = clock, clock + 3.0
                lines += [f"00:{int(start) // 60:02d}:{start % 60:06.3f} --> "
                          f"00:{int(end) // 60:02d}:{end % 60:06.3f}",
                          f"<v {speaker}>{sentence.rstrip('.')}.</v>", ""]
                clock = end
    return "\n".join(lines)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three good events (the first the longest), a missing file and a file that is no
    transcript at all."""
    folder = tmp_path_factory.mktemp("corpus")
    files = {
        "long": folder / "council-long.vtt",
        "short": folder / "council-short.vtt",
        "other": folder / "council-other.vtt",
        "broken": folder / "broken.vtt",
        "missing": folder / "missing.vtt",
    }
    files["long"].write_text(_vtt(TURNS, repeat=6), encoding="utf-8")
    files["short"].write_text(_vtt(TURNS[:1]), encoding="utf-8")
    files["other"].write_text(_vtt(TURNS[1:]), encoding="utf-8")
    files["broken"].write_bytes(b"\x00\x01\x02 this is not a transcript \xff\xfe\x00")
    return files


def _items(corpus: dict[str, Path]) -> list[object]:
    return [
        corpus["long"],
        {"event_id": "reference", "transcript": REFERENCE_VTT, "article": REFERENCE_ARTICLE},
        corpus["broken"],
        corpus["short"],
        corpus["missing"],
        ("other", corpus["other"], None),
    ]


GOOD_IDS = ["council-long", "reference", "council-short", "other"]


@pytest.fixture(scope="module")
def serial(corpus: dict[str, Path]) -> CorpusResult:
    return analyze_corpus(_items(corpus), progress=False)


# --------------------------------------------------------------------------- items


def test_event_ids_from_stems_pairs_triples_and_mappings(tmp_path: Path) -> None:
    from coopanalysis.run.corpus.tasks import tasks_from_items

    tasks = tasks_from_items([
        tmp_path / "séance 12 (mars).vtt",
        (tmp_path / "a.vtt", tmp_path / "a.md"),
        ("my-id", tmp_path / "b.vtt", None),
        {"transcript": tmp_path / "c.vtt", "event_id": "c2", "replay_url": "https://x/y"},
        tmp_path / "WyTQlf2rijs.fr-orig.vtt",
        tmp_path / "2024.01.18-conseil.srt",
    ])
    assert [t.event_id for t in tasks] == ["séance_12_mars_", "a", "my-id", "c2",
                                           "WyTQlf2rijs", "2024.01.18-conseil"]
    assert tasks[1].article == tmp_path / "a.md"
    assert tasks[3].replay_url == "https://x/y"
    assert [t.position for t in tasks] == [0, 1, 2, 3, 4, 5]


@pytest.mark.parametrize(("items", "error", "match"), [
    ([Path("x/a.vtt"), Path("y/a.vtt")], ValueError, "same event_id 'a'"),
    ([{"event_id": "a/b", "transcript": "t.vtt"}], ValueError, "event_id 'a/b'"),
    ([{"event_id": "_hidden", "transcript": "t.vtt"}], ValueError, "start with a letter"),
    ([{"transcript": "t.vtt", "speakers": 3}], ValueError, "got keys"),
    ([42], TypeError, "got int"),
])
def test_bad_items_raise_before_any_work(items: list[object], error: type[Exception],
                                         match: str, tmp_path: Path) -> None:
    with pytest.raises(error, match=match):
        analyze_corpus(items, out=tmp_path / "out", progress=False)
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- serial


def test_tables_are_the_one_event_tables_with_event_id(serial: CorpusResult,
                                                       corpus: dict[str, Path]) -> None:
    from coopanalysis.run.analysis import analyze

    alone = analyze(REFERENCE_VTT, REFERENCE_ARTICLE).tables()
    assert serial.table_names == list(alone)
    for name, table in alone.items():
        part = serial.table(name)
        part = part[part["event_id"] == "reference"].drop(columns="event_id")
        pd.testing.assert_frame_equal(part.reset_index(drop=True),
                                      table.reset_index(drop=True), obj=name)
    assert list(serial.cues.columns[:2]) == ["event_id", "cue_id"]
    assert serial.cues["event_id"].dtype == "string"


def test_rows_follow_item_order(serial: CorpusResult) -> None:
    assert list(serial.cues["event_id"].unique()) == GOOD_IDS
    assert list(serial.manifest["event_id"]) == [
        "council-long", "reference", "broken", "council-short", "missing", "other"]
    long = serial.cues[serial.cues["event_id"] == "council-long"]
    assert long["cue_id"].tolist() == list(range(len(long)))


def test_failing_files_are_reported_and_skipped(serial: CorpusResult) -> None:
    errors = serial.errors
    assert list(errors.columns) == list(ERRORS)
    assert errors["event_id"].tolist() == ["broken", "missing"]
    assert errors["position"].tolist() == [2, 4]
    assert errors["stage"].tolist() == ["read_transcript", "read_transcript"]
    missing = errors.iloc[1]
    assert missing["error"] == "TranscriptError"
    assert "missing.vtt: file not found" in missing["message"]
    assert pd.isna(missing["traceback"])  # an input error, not a bug
    broken = errors.iloc[0]
    assert broken["error"] == "TranscriptError"
    assert broken["source"].endswith("broken.vtt")
    status = dict(zip(serial.manifest["event_id"], serial.manifest["status"], strict=True))
    assert status == {"council-long": "ok", "reference": "ok", "broken": "error",
                      "council-short": "ok", "missing": "error", "other": "ok"}
    assert serial.stats["failed"] == 2 and serial.stats["events"] == 6


def test_manifest_counts_words_and_rows(serial: CorpusResult) -> None:
    manifest = serial.manifest.set_index("event_id")
    assert list(serial.manifest.columns[:len(MANIFEST)]) == list(MANIFEST)
    for event_id in GOOD_IDS:
        cues = serial.cues[serial.cues["event_id"] == event_id]
        assert manifest.loc[event_id, "rows_cues"] == len(cues)
        words = int(cues["text"].str.count(r"\S+").sum())
        assert manifest.loc[event_id, "n_words"] == words
    assert serial.stats["words"] == int(manifest["n_words"].sum())
    assert serial.stats["words_per_second"] > 0


def test_themes_are_found_for_every_generated_event(serial: CorpusResult) -> None:
    themes = serial.themes
    assert set(themes["event_id"]) >= {"council-long", "council-short", "other"}
    counts = themes.groupby("event_id").size()
    # The long event is the short ones' sentences six times over: six times the tags.
    short_and_other = counts["council-short"] + counts["other"]
    assert counts["council-long"] == 6 * short_and_other


def test_progress_bar_counts_events(corpus: dict[str, Path],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    analyze_corpus([corpus["short"], corpus["missing"]], progress=True)
    err = capsys.readouterr().err
    assert "2/2" in err and "failed=1" in err


# --------------------------------------------------------------------------- parallel


def _assert_same(a: CorpusResult, b: CorpusResult) -> None:
    assert a.table_names == b.table_names
    for name in a.table_names:
        pd.testing.assert_frame_equal(a.table(name), b.table(name), obj=name)
    pd.testing.assert_frame_equal(a.errors.drop(columns="traceback"),
                                  b.errors.drop(columns="traceback"))
    columns = ["event_id", "position", "source", "status", "n_words",
               *(c for c in a.manifest.columns if c.startswith("rows_"))]
    pd.testing.assert_frame_equal(a.manifest[columns], b.manifest[columns])


def test_two_processes_give_identical_tables(serial: CorpusResult,
                                             corpus: dict[str, Path]) -> None:
    pooled = analyze_corpus(_items(corpus), n_process=2, progress=False)
    _assert_same(serial, pooled)
    assert pooled.manifest["worker"].notna().any()


def test_dask_local_cluster_gives_identical_tables(serial: CorpusResult,
                                                   corpus: dict[str, Path]) -> None:
    """Two worker processes; results cross process boundaries pickled, as on a cluster.

    The workers are forked rather than spawned (Dask's default) only to keep the test
    fast: a spawned worker imports spaCy and loads the model again (15 s on a loaded
    machine), a forked one shares the model the ``serial`` fixture already loaded.
    """
    dask = pytest.importorskip("dask")
    distributed = pytest.importorskip("distributed")
    with dask.config.set({"distributed.worker.multiprocessing-method": "fork"}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                     dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        result = analyze_corpus(_items(corpus), client=client, progress=False)
        workers = set(client.scheduler_info()["workers"])
    _assert_same(serial, result)
    used = set(result.manifest["worker"].dropna())
    assert used <= workers and used


def test_a_worker_that_dies_loses_only_its_own_event(serial: CorpusResult,
                                                     corpus: dict[str, Path], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed mid-event (as by the out-of-memory killer) breaks the pool: the
    events in flight with it are run again, and only the killer is reported."""
    import multiprocessing

    import coopanalysis.run.corpus.tasks as corpus_module

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the fault is injected into forked workers")
    read_inputs = corpus_module.read_inputs

    def die_on_crash(task: Any) -> Any:
        if "crash" in task.source:
            os._exit(137)  # no exception, no cleanup: the process is simply gone
        return read_inputs(task)

    monkeypatch.setattr(corpus_module, "read_inputs", die_on_crash)
    crash = tmp_path / "crash.vtt"
    crash.write_text(_vtt(TURNS), encoding="utf-8")
    items = [corpus["short"], crash, ("other", corpus["other"], None), corpus["long"]]
    result = analyze_corpus(items, n_process=2, max_pending=4, progress=False)
    assert result.errors["event_id"].tolist() == ["crash"]
    assert result.errors["stage"].tolist() == ["worker"]
    assert result.errors["error"].tolist() == ["BrokenProcessPool"]
    assert list(result.cues["event_id"].unique()) == ["council-short", "other", "council-long"]
    expected = serial.cues[serial.cues["event_id"].isin(["council-short", "other",
                                                         "council-long"])]
    assert len(result.cues) == len(expected)


# --------------------------------------------------------------------------- Parquet


@pytest.fixture(scope="module")
def streamed(corpus: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> CorpusResult:
    out = tmp_path_factory.mktemp("dataset") / "out"
    return analyze_corpus(_items(corpus), out=out, n_process=2, progress=False)


def test_parquet_dataset_is_partitioned_by_event(streamed: CorpusResult) -> None:
    assert streamed.out is not None
    out = streamed.out
    for name in streamed.table_names:
        partitions = sorted(p.name for p in (out / name).iterdir())
        assert partitions == sorted(f"event_id={e}" for e in GOOD_IDS
                                    if (out / name / f"event_id={e}").exists())
        for partition in partitions:
            assert [p.name for p in (out / name / partition).iterdir()] == ["part-0.parquet"]
    assert (out / "cues" / "event_id=reference" / "part-0.parquet").is_file()
    assert not (out / "cues" / "event_id=broken").exists()
    assert (out / "manifest.parquet").is_file() and (out / "errors.parquet").is_file()


def test_parquet_reads_back_identical_to_memory(serial: CorpusResult,
                                                streamed: CorpusResult) -> None:
    assert streamed._tables is None  # nothing but manifest and errors kept in memory
    _assert_same(serial, streamed)
    reopened = CorpusResult.open(streamed.out)  # type: ignore[arg-type]
    _assert_same(serial, reopened)
    assert "CorpusResult(6 events, 2 failed" in repr(reopened)


def test_parquet_is_queryable_with_duckdb(serial: CorpusResult,
                                          streamed: CorpusResult) -> None:
    duckdb = pytest.importorskip("duckdb")
    pattern = f"{streamed.out}/themes/*/*.parquet"
    counts = duckdb.sql(
        f"SELECT event_id, theme, count(*) AS n FROM read_parquet('{pattern}', "
        "hive_partitioning = true, hive_types = {'event_id': VARCHAR}) "
        "GROUP BY ALL ORDER BY event_id, theme").df()
    expected = (serial.themes.groupby(["event_id", "theme"]).size().rename("n")
                .reset_index().sort_values(["event_id", "theme"]).reset_index(drop=True))
    assert counts["event_id"].tolist() == expected["event_id"].astype(str).tolist()
    assert counts["theme"].tolist() == expected["theme"].astype(str).tolist()
    assert counts["n"].tolist() == expected["n"].tolist()


def test_parquet_is_readable_with_pandas(serial: CorpusResult, streamed: CorpusResult) -> None:
    cues = pd.read_parquet(streamed.out / "cues")  # type: ignore[operator]
    assert sorted(cues["event_id"].astype(str).unique()) == sorted(GOOD_IDS)
    assert len(cues) == len(serial.cues)
    one = pd.read_parquet(streamed.out / "cues",  # type: ignore[operator]
                          filters=[("event_id", "=", "other")])
    assert one["text"].tolist() == serial.cues.loc[serial.cues["event_id"] == "other",
                                                   "text"].tolist()


def test_out_folder_is_not_mixed_with_an_earlier_run(corpus: dict[str, Path],
                                                     tmp_path: Path) -> None:
    out = tmp_path / "out"
    analyze_corpus([corpus["short"]], out=out, progress=False)
    with pytest.raises(FileExistsError, match="overwrite=True"):
        analyze_corpus([corpus["other"]], out=out, progress=False)
    again = analyze_corpus([("other", corpus["other"], None)], out=out, overwrite=True,
                           progress=False)
    assert sorted(p.name for p in (out / "cues").iterdir()) == ["event_id=other"]
    assert again.cues["event_id"].unique().tolist() == ["other"]
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    (stranger / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError, match="did not write"):
        analyze_corpus([corpus["short"]], out=stranger, overwrite=True, progress=False)
    assert (stranger / "notes.txt").exists()


def test_docs_query_snippet_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The DuckDB/pandas example of docs/corpus.md runs as printed (from a repo-like cwd)."""
    import re

    docs = (ROOT / "docs" / "corpus.md").read_text(encoding="utf-8")
    section = docs.split("## Querying the dataset", 1)[1]
    snippet = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)  # type: ignore[union-attr]
    (tmp_path / "data").symlink_to(ROOT / "data")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    exec(compile(snippet, "docs/corpus.md", "exec"), namespace)
    assert namespace["result"].errors.empty
    assert set(namespace["themes"]["event_id"]) == {"rnct2025_quotes"}
    assert len(namespace["cues"]) == len(namespace["one_event"]) > 0
    assert (namespace["quotes"]["status"] == "matched").any()


def test_an_all_null_column_gets_the_type_of_other_events(tmp_path: Path) -> None:
    """pandas gives no type to an all-None column; every part must still share one schema,
    else pyarrow refuses to read the table folder as one dataset."""
    import pyarrow.parquet as pq

    from coopanalysis.run.corpus.sinks import ParquetSink
    from coopanalysis.run.corpus.tasks import EventOutput

    def event(position: int, event_id: str, cue_ids: list[int], note: str | None) -> Any:
        frame = pd.DataFrame({"event_id": pd.Series([event_id], dtype="string"),
                              "cue_ids": [cue_ids], "note": [note]})
        return EventOutput(position, event_id, "<test>", tables={"aligned": frame})

    sink = ParquetSink(tmp_path)
    for output in (event(0, "a", [], None), event(1, "b", [3, 4], "x"), event(2, "c", [], None)):
        sink.add(output)
    sink.finish()
    schemas = {e: pq.read_schema(tmp_path / "aligned" / f"event_id={e}" / "part-0.parquet")
               for e in "abc"}
    assert len({str(s.field("note").type) for s in schemas.values()}) == 1
    assert {str(s.field("cue_ids").type) for s in schemas.values()} == {"list<element: int64>"}
    table = pd.read_parquet(tmp_path / "aligned")
    assert table["cue_ids"].map(list).tolist() == [[], [3, 4], []]


CODEBOOK = """
[[themes]]
id = "trust"
label = "Confiance"
lemmas = ["confiance"]
phrases = ["temps long"]
"""


def test_a_codebook_file_is_loaded_once_and_used_by_every_worker(
        serial: CorpusResult, corpus: dict[str, Path], tmp_path: Path) -> None:
    path = tmp_path / "codebook.toml"
    path.write_text(CODEBOOK, encoding="utf-8")
    items = [corpus["short"], ("other", corpus["other"], None), corpus["long"]]
    result = analyze_corpus(items, codebook=path, n_process=2, progress=False)
    assert set(result.themes["theme"]) == {"trust"}
    # One "confiance" and one "temps long" in the first turn, repeated six times in "long".
    counts = result.themes.groupby("event_id").size().to_dict()
    assert counts == {"council-short": 2, "council-long": 12}
    assert len(set(serial.themes["theme"])) > 1  # the default codebook found more themes


def test_a_bad_codebook_fails_before_any_work(corpus: dict[str, Path], tmp_path: Path) -> None:
    from coopanalysis.errors import CodebookError

    path = tmp_path / "codebook.toml"
    path.write_text('[[themes]]\nid = "x"\n', encoding="utf-8")  # no label, no pattern
    with pytest.raises(CodebookError):
        analyze_corpus([corpus["short"]], codebook=path, out=tmp_path / "out", progress=False)
    assert not (tmp_path / "out").exists()


def test_analyze_options_reach_every_event(tmp_path: Path) -> None:
    from coopanalysis.run.analysis import analyze

    items = [{"event_id": "reference", "transcript": REFERENCE_VTT,
              "article": REFERENCE_ARTICLE}]
    result = analyze_corpus(items, analyze_options={"max_offset": 0.5}, progress=False)
    alone = analyze(REFERENCE_VTT, REFERENCE_ARTICLE, max_offset=0.5).tables()["aligned"]
    pd.testing.assert_frame_equal(result.aligned.drop(columns="event_id"), alone)
    with pytest.raises(TypeError, match=r"\['max_ofset'\] are not options"):
        analyze_corpus(items, analyze_options={"max_ofset": 1}, out=tmp_path / "out")
    with pytest.raises(TypeError, match=r"\['codebook'\]"):
        analyze_corpus(items, analyze_options={"codebook": None})
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("single", ["replay.vtt", Path("replay.vtt")])
def test_analyze_corpus_given_one_path_instead_of_a_list(single: object) -> None:
    # A str is an iterable of characters: the error used to be "items 14 and 16 have the
    # same event_id 'v'".
    with pytest.raises(CorpusError, match="list"):
        analyze_corpus(single)  # type: ignore[arg-type]


def test_analyze_corpus_out_is_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "corpus.parquet"
    target.write_text("x")
    with pytest.raises(OutputExistsError, match="not a folder") as caught:
        analyze_corpus([target], out=target, progress=False)
    assert isinstance(caught.value, FileExistsError)


def test_argument_errors_are_corpus_errors_that_callers_can_catch_as_before(
        tmp_path: Path) -> None:
    from coopanalysis.errors import CorpusArgumentError

    with pytest.raises(CorpusArgumentError) as caught:
        analyze_corpus([42], progress=False)
    assert isinstance(caught.value, TypeError) and isinstance(caught.value, CorpusError)
    with pytest.raises(CorpusError, match="n_process"):
        analyze_corpus([tmp_path / "a.vtt"], n_process=0, progress=False)
    result = CorpusResult(manifest=MANIFEST_EMPTY, errors=ERRORS_EMPTY, tables={})
    with pytest.raises(CorpusError, match="no table 'cues'"):
        result.table("cues")


def test_an_input_without_any_cue_is_an_error_row_with_the_readers_reason(
        tmp_path: Path) -> None:
    invalid = tmp_path / "invalid.vtt"
    invalid.write_text("WEBVTT\n\n00:0x.000 --> 00:02.000\nbad\n\nzz --> 00:03.000\nbad\n",
                       encoding="utf-8")
    good = tmp_path / "good.vtt"
    good.write_text(_vtt(TURNS[:1]), encoding="utf-8")
    result = analyze_corpus([invalid, good], progress=False)
    errors = result.errors
    assert errors["event_id"].tolist() == ["invalid"]
    row = errors.iloc[0]
    assert row["stage"] == "read_transcript" and row["error"] == "TranscriptError"
    assert "no cue" in row["message"] and "invalid cue timing" in row["message"]
    manifest = result.manifest.set_index("event_id")
    assert manifest.loc["invalid", "status"] == "error"
    assert manifest.loc["good", "status"] == "ok"
    assert manifest.loc["good", "n_warnings"] >= 0 and pd.isna(manifest.loc["invalid",
                                                                             "n_warnings"])
