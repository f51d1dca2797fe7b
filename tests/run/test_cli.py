"""The command line: help, exit codes, messages, and each command on the reference data."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from coopanalysis.run.cli import main

SUBCOMMANDS = ("transcript", "quotes", "align", "analyze")


def console_script() -> Path:
    """The ``coopanalysis`` script installed beside this interpreter (the venv's bin)."""
    script = Path(sys.executable).parent / "coopanalysis"
    if not script.exists():
        pytest.fail(f"console script not installed at {script}: pip install -e .")
    return script


# --- usage -----------------------------------------------------------------------------------

def test_help_exits_0_and_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in SUBCOMMANDS:
        assert command in out


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: coopanalysis {command}")


@pytest.mark.parametrize("argv", [
    [],                                          # no command
    ["frobnicate"],                              # unknown command
    ["analyze", "a.md", "t.vtt"],                # --out is required
    ["align", "a.md"],                           # TRANSCRIPT missing
    ["align", "a.md", "t.vtt", "--max-offset", "soon"],  # not a number
])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "usage:" in err and "Traceback" not in err


# --- bad input -------------------------------------------------------------------------------

def test_missing_file_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.vtt"
    assert main(["transcript", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "nope.vtt" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_unreadable_transcript_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.vtt"
    bad.write_bytes(b"WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nla fin avant le debut\n\x00\xff")
    code = main(["transcript", str(bad)])
    captured = capsys.readouterr()
    # Either the reader refuses the file (exit 1, one line naming it) or keeps it with a
    # warning; never a traceback.
    assert "Traceback" not in captured.err
    if code == 1:
        assert captured.err.startswith("error: ") and "bad.vtt" in captured.err
    else:
        assert code == 0 and "warning:" in captured.out


def test_empty_article_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    assert main(["quotes", str(empty)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "empty.md" in err and "Traceback" not in err


@pytest.mark.parametrize(("option", "value", "expected"), [
    ("--codebook", "bad.toml", "bad.toml, line 1: invalid TOML"),
    ("--codebook", "missing.toml", "missing.toml: no such codebook file"),
    ("--replay-url", "javascript:alert(1)", "is not an http(s) address"),
])
def test_bad_analyze_options_exit_1(option: str, value: str, expected: str, tmp_path: Path,
                                    data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.toml").write_text("x\n", encoding="utf-8")
    if value.endswith(".toml"):
        value = str(tmp_path / value)
    code = main(["analyze", str(data_dir / "rnct2025_article.md"),
                 str(data_dir / "rnct2025_quotes.vtt"), "--out", str(tmp_path / "out"),
                 "--quiet", option, value])
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and expected in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()  # refused before any work


# --- commands on the reference data ----------------------------------------------------------

def test_transcript_summary_and_csv(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from coopanalysis.read.transcript import read_transcript

    path = data_dir / "rnct2025_quotes.vtt"
    cues = read_transcript(path).cues
    assert main(["transcript", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{len(cues)} cues" in out and "Aurélie Mézière" in out
    assert "00:03:07.000" in out  # the first cue, times to the millisecond
    assert f"… {len(cues) - 10} more cues" in out
    assert main(["transcript", str(path), "--csv"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert len(table) == len(cues)
    assert list(table["text"]) == list(cues["text"])


def test_quotes_table_and_csv(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from coopanalysis.read.article.parse import read_article

    path = data_dir / "rnct2025_article.md"
    quotes = read_article(path).quotes
    assert main(["quotes", str(path)]) == 0
    out = capsys.readouterr().out
    assert "q01" in out and "20min24" in out and "Manon Loisel" in out
    assert main(["quotes", str(path), "--csv"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(table["quote_id"]) == list(quotes["quote_id"])


def simulated_captions(data_dir: Path) -> Path:
    path = data_dir / "rnct2025_simulated_captions.vtt"
    if not path.exists():
        pytest.skip("waiting for data/rnct2025_simulated_captions.vtt (align engineer)")
    return path


def test_align_table_and_csv(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article, captions = data_dir / "rnct2025_article.md", simulated_captions(data_dir)
    assert main(["align", str(article), str(captions), "--csv"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert set(table["status"]) <= {"matched", "uncertain", "unmatched"}
    assert (table["status"] == "matched").sum() >= 8
    # The terminal view shows the same quotes with their times and the clock offset.
    assert main(["align", str(article), str(captions)]) == 0
    out = capsys.readouterr().out
    assert "clock offset:" in out
    for quote_id in table["quote_id"]:
        assert quote_id in out


def test_analyze_writes_report_and_prints_summary(data_dir: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    article, captions = data_dir / "rnct2025_article.md", simulated_captions(data_dir)
    out_dir = tmp_path / "report"
    code = main(["analyze", str(article), str(captions), "--out", str(out_dir), "--no-figures",
                 "--replay-url", "https://example.org/watch?v=abc"])
    assert code == 0
    out, err = capsys.readouterr()
    assert "step" in err and "step" not in out  # the progress bar goes to stderr only
    assert "matched" in out and "unmatched" in out and "Clock offset" in out
    assert f"report: {out_dir / 'index.html'}" in out
    assert (out_dir / "index.html").exists()
    assert not (out_dir / "figures").exists()  # --no-figures


def test_analyze_a_transcript_alone(data_dir: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    # One positional argument: the transcript, no article (the API already allowed it).
    out_dir = tmp_path / "report"
    code = main(["analyze", str(simulated_captions(data_dir)), "--out", str(out_dir),
                 "--no-figures"])
    assert code == 0
    out, _ = capsys.readouterr()
    assert f"report: {out_dir / 'index.html'}" in out
    assert "Clock offset" not in out  # no article, no quotes to place
    html = (out_dir / "index.html").read_text(encoding="utf-8")
    assert "Speaker" in html and "Theme" in html


# --- the installed console script -------------------------------------------------------------

def test_console_script_runs(tmp_path: Path) -> None:
    script = console_script()
    done = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0 and "analyze" in done.stdout
    done = subprocess.run([str(script), "align"], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 2 and "usage:" in done.stderr


def test_console_script_bad_input_exits_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    done = subprocess.run([str(console_script()), "quotes", str(empty)], capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr


def test_console_script_into_a_closed_pipe_is_quiet(data_dir: Path) -> None:
    # `coopanalysis transcript F --csv | head -1`: the reader may leave before the end.
    process = subprocess.Popen([str(console_script()), "transcript", "--csv",
                                str(data_dir / "rnct2025_quotes.vtt")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first line is written
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert err == ""


def test_console_script_ctrl_c_exits_130_without_traceback(data_dir: Path,
                                                           tmp_path: Path) -> None:
    process = subprocess.Popen(
        [str(console_script()), "analyze", str(data_dir / "rnct2025_article.md"),
         str(data_dir / "rnct2025_quotes.vtt"), "--out", str(tmp_path / "report")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        # A child of a non-interactive shell may inherit an ignored SIGINT: restore it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert process.stderr is not None
    seen = b""
    while b"step" not in seen:  # the progress bar is up: we are inside main()
        chunk = os.read(process.stderr.fileno(), 1024)
        assert chunk, "the command ended before its progress bar appeared"
        seen += chunk
    process.send_signal(signal.SIGINT)
    _, rest = process.communicate(timeout=60)
    err = (seen + rest).decode()
    assert process.returncode == 130
    assert err.rstrip().endswith("interrupted") and "Traceback" not in err
