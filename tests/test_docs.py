"""The README says what the code does: its examples run as written on the bundled data.

How a README block is chosen: the line ``<!-- test_docs: run -->`` just before a ```` ```python ````
fence marks a block to execute; ``<!-- test_docs: codebook -->`` before a ```` ```toml ```` fence
marks a codebook to load. (HTML comments: invisible on GitHub, visible to an editor.)

The marked Python blocks run in order, in one namespace, with ``__name__ == "__main__"``, in a
temporary folder where the placeholder file names the README uses (``replay.fr.vtt``,
``replays/2024-01-18.vtt``…) exist as copies of bundled files (``PLACEHOLDERS``), so the blocks
run unchanged. Then the column lists written in their comments are checked against the tables
the code returned.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

#: Placeholder file name in the README → the bundled file copied under that name.
PLACEHOLDERS: dict[str, str] = {
    "replay.fr.vtt": "data/rnct2025_simulated_captions.vtt",
    "replay.rttm": "tests/data/speakers/sample.rttm",  # another recording: runs, names nobody
    "s1.vtt": "data/rnct2025_quotes.vtt",
    "s2.vtt": "data/rnct2025_simulated_captions.vtt",
    "replays/2024-01-18.vtt": "data/rnct2025_quotes.vtt",
    "replays/2024-02-15.vtt": "data/rnct2025_simulated_captions.vtt",
}

# A marker line, then a fenced block of the given language.
BLOCK_RE = re.compile(r"^<!-- test_docs: (\w+) -->\n```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)
# A comment that is a column list: `name = call(...)  # col_a, col_b, …` or
# `expr.attr  # col_a, col_b — prose`; "path, text or file object" is not one.
COLUMNS_COMMENT_RE = re.compile(
    r"^(?P<expr>[^#\n]+?)\s+#\s+(?:long: )?(?P<cols>[a-z_]+(?:, [a-z_]+)+)(?:, …)?(?: —.*)?$",
    re.MULTILINE)


def marked_blocks(kind: str) -> list[str]:
    return [code for mark, _lang, code in BLOCK_RE.findall(README.read_text(encoding="utf-8"))
            if mark == kind]


def documented_columns(code: str) -> list[tuple[str, list[str]]]:
    """(expression or assigned name, columns listed in its comment) for each commented line."""
    found = []
    for match in COLUMNS_COMMENT_RE.finditer(code):
        expr = match["expr"].strip()
        if "=" in expr and "==" not in expr:
            expr = expr.split("=", 1)[0].strip()  # `turns = ca.turns(tagged)` → `turns`
        found.append((expr, match["cols"].split(", ")))
    return found


@pytest.fixture()
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding data/ and every placeholder file, as a user's would."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    for name, source in PLACEHOLDERS.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / source, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_readme_marks_its_runnable_blocks() -> None:
    # Guards against a marker lost in an edit, which would silently stop the checks below.
    runnable = marked_blocks("run")
    assert len(runnable) == 3
    assert "ca.read_transcript(" in runnable[0] and "analyze_corpus(" in runnable[1]
    assert "duckdb.sql(" in runnable[2]
    assert len(marked_blocks("codebook")) == 1
    # The tour documents the columns of these tables in its comments.
    names = [expr for expr, _cols in documented_columns(runnable[0])]
    assert names == ["transcript.cues", "transcript.words", "article.speakers",
                     "article.quotes", "turns", "themes"]


def test_readme_python_blocks_run_and_list_the_real_columns(sandbox: Path) -> None:
    # distributed is imported before ``dask.config.set``: it adds its defaults to dask's
    # config when first imported. Imported inside the ``set`` block (by the README's code),
    # those defaults would be removed with the block's key on leaving it, and a later
    # ``LocalCluster`` in the same process would fail (KeyError 'comm').
    import dask
    import distributed  # noqa: F401

    namespace: dict[str, Any] = {"__name__": "__main__"}
    # Forked Dask workers inherit the loaded model (as in tests/test_corpus.py): faster start.
    with dask.config.set({"distributed.worker.multiprocessing-method": "fork"}):
        for number, code in enumerate(marked_blocks("run")):
            exec(compile(code, f"README.md, marked block {number}", "exec"), namespace)

    for expr, columns in documented_columns(marked_blocks("run")[0]):
        table = eval(expr, namespace)
        assert isinstance(table, pd.DataFrame), expr
        assert list(table.columns)[:len(columns)] == columns, expr

    # What the tour's comments promise, on the simulated captions.
    aligned = namespace["aligned"]
    assert set(aligned["status"]) <= {"matched", "uncertain", "unmatched"}
    assert (aligned["status"] == "matched").sum() >= 10
    assert namespace["ca"].estimate_offset(aligned) == pytest.approx(7.5, abs=0.5)  # the shift
    assert (sandbox / "report" / "index.html").is_file()
    assert namespace["result"].errors.empty
    # The DuckDB/pandas block read the partitions the corpus block wrote.
    assert (sandbox / "corpus-out" / "themes" / "event_id=2024-01-18").is_dir()
    events = pd.read_parquet(sandbox / "corpus-out" / "cues",
                             filters=[("event_id", "=", "2024-01-18")])
    assert len(events) > 0


def test_readme_codebook_example_loads_and_matches_inflections(tmp_path: Path) -> None:
    import coopanalysis as ca

    (path := tmp_path / "my.toml").write_text(marked_blocks("codebook")[0], encoding="utf-8")
    codebook = ca.load_codebook(path)
    assert [theme.id for theme in codebook.themes] == ["cooperation", "trust_time"]
    units = pd.DataFrame({"unit_id": ["u1"], "speaker": ["A"], "start": [0.0], "end": [1.0],
                          "text": ["Ils coopèrent et il faut prendre du temps."]})
    tags = ca.tag_themes(units, codebook)
    # "one lemma matches its inflections: coopérer → coopèrent"; a phrase matches on lemmas.
    found = set(zip(tags["theme"], tags["term"], strict=True))
    assert found == {("cooperation", "coopèrent"), ("trust_time", "prendre du temps")}


def test_readme_names_the_default_codebook_themes() -> None:
    import coopanalysis as ca

    text = README.read_text(encoding="utf-8")
    listed = text.split("(the default, for the reference case): twelve themes —", 1)[1]
    listed = listed.split(" — whose patterns", 1)[0]
    ids = re.findall(r"`([a-z_]+)`", listed)
    assert ids == [theme.id for theme in ca.default_codebook().themes]
    assert len(ids) == 12
    cap = text.split("the 21 major topics of the Comparative Agendas Project in French", 1)[1]
    assert "`policy_agendas`" in text and len(ca.load_codebook("policy_agendas").themes) == 21
    assert cap


def test_readme_command_line_options_exist() -> None:
    text = README.read_text(encoding="utf-8")
    commands = re.findall(r"^coopanalysis (\w+) (.*)$", text, re.MULTILINE)
    assert {name for name, _rest in commands} == {"transcript", "quotes", "align", "analyze"}
    for name, rest in commands:
        usage = subprocess.run([sys.executable, "-m", "coopanalysis", name, "--help"],
                               capture_output=True, text=True, check=True, timeout=60).stdout
        for option in re.findall(r"--[a-z-]+", rest):
            assert option in usage, f"coopanalysis {name}: {option}"


def test_readme_links_point_to_files() -> None:
    text = README.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(((?!https?:|#)[^)]+)\)", text)
    assert targets, "no relative link found"
    missing = [target for target in targets if not (ROOT / target).exists()]
    assert not missing
