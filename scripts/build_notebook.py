"""Write notebooks/rnct2025.ipynb, the guided tour of coopanalysis on the reference data.

The notebook is generated (not edited by hand) so that its cells stay reviewable as
Python and it is stored without outputs. Run from the repository root::

    .venv/bin/python scripts/build_notebook.py

The test suite executes the notebook (tests/test_notebook.py) so it never rots.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "rnct2025.ipynb"

# (kind, source) in reading order: "md" for prose, "code" for a cell to run.
CELLS: list[tuple[str, str]] = [
    ("md", """\
# coopanalysis: a guided tour on the RNCT 2025 round table

This notebook walks through what coopanalysis does, step by step, on the data bundled in
`data/`. Each step is one public function that returns a pandas DataFrame, so you can stop
anywhere and work with the table yourself.

**What the data is — please read.**

* `data/rnct2025_article.md` is a real article: *"La coopération territoriale : un défi et
  une nécessité"* (Valentin Nonorgue, Territoires-Audacieux.fr) about the opening round table
  of the *Rencontres Nationales de la Coopération Territoriale* (28 August 2025). It quotes
  the speakers, most quotes with a time into the replay.
* `data/rnct2025_quotes.vtt` is a **RECONSTRUCTION**, not the replay's captions: the article's
  timed quotes placed at the times the article states. Nothing between the quotes is known.
* `data/rnct2025_simulated_captions.vtt` is **SIMULATED**: the reconstruction passed through a
  noise model that imitates YouTube auto-captions (lower case, no punctuation, fillers,
  misheard words, numbers in words, rolling cues, and a global time shift).

Neither transcript is the real replay. They let you try the library and see how it behaves
on messy captions, but **no time, word or statistic below is a fact about the debate**. With
the real replay's captions (e.g. `yt-dlp --write-auto-subs --sub-langs fr --skip-download URL`)
the same code gives real answers."""),
    ("code", """\
from pathlib import Path

import pandas as pd

import coopanalysis as ca

pd.set_option("display.max_colwidth", 80)
# The data folder, whether the notebook runs from notebooks/ or from the repository root.
HERE = Path.cwd()
ROOT = next(p for p in [HERE, *HERE.parents] if (p / "data" / "rnct2025_article.md").exists())
DATA = ROOT / "data"
sorted(p.name for p in DATA.iterdir())"""),
    ("md", """\
## 1. Read the article

`read_article` finds the speakers the article presents (with their role and organisation)
and every quotation: who said it (`speaker`, NA when the article does not say), the text as
printed, the time the article gives (`stated_start`, in seconds, NaN when none), and its
`kind` — a `quote`, a `fragment` of a sentence, a `paraphrase` with a time, or a quoted
`term` (a single expression, no speaker)."""),
    ("code", """\
article = ca.read_article(DATA / "rnct2025_article.md")
article"""),
    ("code", "article.speakers"),
    ("code", """\
article.quotes[["quote_id", "speaker", "kind", "stated_start", "text"]]"""),
    ("md", """\
## 2. Read the transcript

`read_transcript` reads WebVTT, YouTube auto-captions, SRT, SBV and Whisper JSON into one
table of cues (`start`/`end` in seconds, `speaker` when the file says, `text`). YouTube
captions also give word timings (`transcript.words`). Here we read the **simulated** captions:
note the missing punctuation and capitals, and the fillers."""),
    ("code", """\
captions = ca.read_transcript(DATA / "rnct2025_simulated_captions.vtt")
captions"""),
    ("code", "captions.cues.head(10)"),
    ("md", """\
## 3. Align the quotes to the transcript

`align_quotes` looks for each quote in the transcript, including quotes without a stated
time. It tolerates what real captions do to speech (misheard words, fillers, numbers in
words) and what writers do to quotes (cuts marked `...` or `[…]`, bracketed insertions).

Each row says where the quote was found (`start`, `end`), how sure the aligner is
(`score`, and `status`: `matched`, `uncertain` — check it yourself — or `unmatched`, with no
time given rather than a wrong one), and how faithful the printed quote is to the spoken
words (`fidelity`, `verdict`: `verbatim`, `edited` or `altered`, and the word-level `diff`).

We leave out quoted terms (`kind == "term"`): single words have no place of their own.

On this data most untimed quotes come out `unmatched`, and that is the right answer: the
reconstruction behind the simulated captions only holds the quotes the article gives a time
for, so the other quotes are simply not in the transcript. The aligner says so instead of
guessing. (The summary at the end of the article repeats some timed quotes: those are
found.)"""),
    ("code", """\
quotes = article.quotes[article.quotes["kind"] != "term"]
aligned = ca.align_quotes(quotes, captions)
aligned[["quote_id", "speaker", "stated_start", "start", "score", "status", "verdict",
         "fidelity"]]"""),
    ("md", """\
Replays often start a few minutes before the article's clock (a pre-roll), so all stated
times can be off by the same amount. `estimate_offset` measures that shift from the matched
quotes (the simulated captions were shifted on purpose)."""),
    ("code", """\
offset = ca.estimate_offset(aligned)
print(f"replay clock minus article clock: {offset:+.1f} s")"""),
    ("md", """\
### The fact-check table

`quote_report` puts side by side, for each quote, the stated and found times (as `20min24`),
the offset, the fidelity and the diff. In the diff, `=` marks words printed and spoken, `~` a
different spelling, `+` words **printed but not spoken**, `-` words spoken but cut by the
writer."""),
    ("code", """\
report = ca.quote_report(aligned, quotes=article.quotes)
report[["quote_id", "speaker", "stated_minsec", "start_minsec", "offset", "status",
        "verdict", "diff"]]"""),
    ("md", """\
## 4. Who speaks when

The simulated captions carry no speaker names. `tag_speakers` fills them in, trusting in
order the transcript's own labels, a diarization file (RTTM, e.g. from pyannote) if you give
one, and the matched quotes (a cue inside a quote belongs to the quote's speaker). The
`speaker_source` column says where each label came from; disagreements are listed in
`warnings`, never silently resolved."""),
    ("code", """\
tagged = ca.tag_speakers(captions, aligned=aligned)
tagged.cues["speaker_source"].value_counts(dropna=False)"""),
    ("md", """\
`turns` merges consecutive cues of one speaker; `speaker_stats` gives speaking time, share
of voice, words per minute, turns and interruptions per speaker (NA: cues nobody is known
to have said — with the simulated captions, everything between the quotes)."""),
    ("code", """\
turns = ca.turns(tagged)
turns.head()"""),
    ("code", "ca.speaker_stats(tagged)"),
    ("md", """\
## 5. Themes

`sentences` splits each turn into sentences (spaCy's French model, times interpolated).
`tag_themes` then codes each sentence with the themes of a codebook — the default one is
about territorial cooperation; `load_codebook` reads your own TOML or YAML file. The result
is long: one row per match, with the words that matched (`term`) and their lemma."""),
    ("code", """\
sentences = ca.sentences(tagged)
units = sentences.assign(unit_id=sentences["sentence_id"].astype("string"))
themes = ca.tag_themes(units, ca.default_codebook())
themes[["unit_id", "speaker", "start", "theme", "term"]].head(15)"""),
    ("md", """\
`theme_stats` counts tags per theme, and with `by=` per speaker or per time bin (5 minutes
by default), with rates per 1,000 words and the share of each group's talk spent on each
theme. The table is tidy (long); `theme_pivot` turns it wide."""),
    ("code", "ca.theme_stats(themes, units=units)"),
    ("code", """\
by_speaker = ca.theme_stats(themes, units=units, by="speaker")
ca.theme_pivot(by_speaker, values="share_of_talk")"""),
    ("md", """\
## 6. Figures

Each figure function returns a matplotlib `Figure` (and draws into an `ax` if you give one),
ready to save with `fig.savefig("figure.png")`."""),
    ("code", """\
%matplotlib inline
from coopanalysis import plots

plots.plot_speaker_timeline(turns, aligned)"""),
    ("code", "plots.plot_share_of_voice(ca.speaker_stats(tagged))"),
    ("code", "plots.plot_theme_heatmap(themes)"),
    ("code", "plots.plot_themes_by_speaker(themes)"),
    ("md", """\
## 7. Everything in one call

`analyze` runs all of the above and keeps every table as an attribute; in a notebook it
shows a short summary. `write_report` writes the tables (CSV, Parquet, Excel), the figures,
a REFI-QDA project (`.qdpx`, to carry on coding in QualCoder, NVivo, ATLAS.ti or MAXQDA) and
a self-contained `index.html` page. The command line does the same:

```
coopanalysis analyze data/rnct2025_article.md data/rnct2025_simulated_captions.vtt --out report/
```"""),
    ("code", """\
analysis = ca.analyze(DATA / "rnct2025_simulated_captions.vtt", DATA / "rnct2025_article.md")
analysis"""),
    ("code", "list(analysis.tables())"),
    ("code", """\
import tempfile

from coopanalysis.report import write_report

out_dir = Path(tempfile.mkdtemp(prefix="coopanalysis-report-"))
index = write_report(analysis, out_dir)
sorted(str(p.relative_to(out_dir)) for p in out_dir.rglob("*") if p.is_file())"""),
    ("md", """\
## 8. A check on the reconstruction

On the reconstruction, the timed quotes stand exactly where the article says and word for
word, so each of them should come out `matched`, `verbatim`, at its stated time, with a clock
offset of zero. The two timed *paraphrases* (`kind == "paraphrase"`) are the writer's words,
not the speaker's: they are not in the reconstruction and stay `unmatched`. This is a sanity
check of the library, not of the article."""),
    ("code", """\
reconstruction = ca.analyze(DATA / "rnct2025_quotes.vtt", article)
print(reconstruction.summary())
reconstruction.aligned[["quote_id", "stated_start", "start", "status", "verdict"]]"""),
]


def build() -> nbformat.NotebookNode:
    """The notebook, without outputs, with the python3 kernel."""
    cells = [new_markdown_cell(src) if kind == "md" else new_code_cell(src)
             for kind, src in CELLS]
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=NOTEBOOK, help="notebook path to write")
    args = parser.parse_args(argv)
    notebook = build()
    nbformat.validate(notebook)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
