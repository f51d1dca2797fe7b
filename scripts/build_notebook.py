"""Write notebooks/rnct2025.ipynb, the guided tour of coopanalysis on the reference data.

The notebook is generated (not edited by hand) so that its cells stay reviewable as
Python; it is executed here (nbclient) and stored WITH its outputs, so that it reads on a
code-hosting page without running. Run from the repository root::

    .venv/bin/python scripts/build_notebook.py            # build and execute
    .venv/bin/python scripts/build_notebook.py --no-execute --out x.ipynb  # sources only

The test suite executes the notebook (tests/run/test_notebook.py) so it never rots.
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
the same code gives real answers.

**New to Python or pandas?** Run the cells from top to bottom (Shift+Enter runs one). Most
cells end with a table: a pandas *DataFrame*, with named columns and one row per item
(a quote, a caption line, a speaker…). A few habits help in reading them:

* `<NA>` and `NaN` mean *missing*: the value is not known (e.g. no time stated), not zero.
* Times are in **seconds** from the start of the replay: `187.0` is 3 min 07 s.
* `table["speaker"]` is one column; `table[table["status"] == "matched"]` keeps the rows
  that satisfy a condition; `list(table.columns)` lists every column, including those a
  cell leaves out to stay readable.
* `table.to_csv("my_table.csv", index=False)` saves a table for a spreadsheet."""),
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
## 0. Your own replay

Three steps take you from a replay on YouTube to a fact-check of an article.

1. **Get the captions.** [yt-dlp](https://github.com/yt-dlp/yt-dlp) downloads the automatic
   French captions of a video without the video itself (run it in a terminal):

   ```
   yt-dlp --write-auto-subs --sub-langs fr --sub-format vtt --skip-download URL
   ```

   It writes `<video id>.fr.vtt` next to you. SRT, SBV and Whisper JSON files work too.
2. **Read them** with `read_transcript`: it detects the format and the encoding and repairs
   what it can (with a warning naming the line).
3. **Align an article** (Markdown or plain text, quotes in « … » with times like `20min24`)
   with `read_article` and `align_quotes`.

The cells below use the bundled files; put the paths of your own files instead."""),
    ("code", """\
my_captions = DATA / "rnct2025_simulated_captions.vtt"  # your <video id>.fr.vtt
my_article = DATA / "rnct2025_article.md"  # your article, saved as text or Markdown

my_transcript = ca.read_transcript(my_captions)
my_transcript"""),
    ("code", """\
my_quotes = ca.read_article(my_article)
my_quotes"""),
    ("code", """\
my_aligned = ca.align_quotes(my_quotes.quotes, my_transcript)
my_aligned[["quote_id", "speaker", "stated_start", "start", "status", "verdict", "warning"]]"""),
    ("md", """\
The rest of this notebook walks through the same steps, and the ones after, on the
reference case."""),
    ("md", """\
## 1. Read the article

`read_article` finds the speakers the article presents (with their role and organisation)
and every quotation: who said it (`speaker`, NA when the article does not say), the text as
printed, the time the article gives (`stated_start`, in seconds, NaN when none), and its
`kind` — a `quote`, a `fragment` of a sentence, a `paraphrase` with a time, or a quoted
`term` (a single expression, no speaker).

The speakers table has one row per person: `speaker` (the name as printed), `role`,
`organization`, and `first_mention` (the position, in characters, of the first mention in
the article: it gives the order in which the article introduces them)."""),
    ("code", """\
article = ca.read_article(DATA / "rnct2025_article.md")
article"""),
    ("code", "article.speakers"),
    ("md", """\
The quotes table has one row per quotation, in reading order (`quote_id` `q01`, `q02`…). The
cell below shows five of its columns; the others include `clean_text` (the text without
emphasis, brackets and ellipses, as it is compared with the transcript), `cites` (a third
person the speaker quotes), `duplicate_of` (an earlier quote this one repeats), `section`
(the heading it stands under) and `warning` (why the row is doubtful, when it is)."""),
    ("code", """\
article.quotes[["quote_id", "speaker", "kind", "stated_start", "text"]]"""),
    ("md", """\
## 2. Read the transcript

`read_transcript` reads WebVTT, YouTube auto-captions, SRT, SBV and Whisper JSON into one
table of cues (`start`/`end` in seconds, `speaker` when the file says, `text`). YouTube
captions also give word timings (`transcript.words`). Here we read the **simulated** captions:
note the missing punctuation and capitals, and the fillers.

Columns of the cues table: `cue_id` (position in the file, from 0), `start` and `end`
(seconds), `speaker` (`<NA>` here: auto-captions do not name speakers), `text`, `identifier`
and `settings` (WebVTT details, kept as written), and `line` (the line of the file where the
cue starts, to check it in the source). Times start at 194.5 s because the reconstruction
only holds the quoted passages; nothing before or between them is known."""),
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
words (`fidelity`, the share of printed words that were spoken, in order, from 0 to 1;
`verdict`: `verbatim`, `edited` or `altered`; and the word-level `diff`). `stated_start` is
the article's time, `start` the time where the quote's first word is heard, both in seconds.

We leave out quoted terms (`kind == "term"`): single words have no place of their own.

On this data most untimed quotes come out `unmatched`, and that is the right answer: the
reconstruction behind the simulated captions only holds the quotes the article gives a time
for, so the other quotes are simply not in the transcript. The aligner says so instead of
guessing. (The summary at the end of the article repeats some timed quotes: those are
found.)

On the simulated captions no quote is `verbatim`: the noise model changed words in every
quote, so `edited` here mostly reflects misheard words. That is why the diff is shown: read
it before citing a verdict."""),
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
the offset (found minus stated, in seconds), the fidelity and the diff. In the diff, `=` marks
words printed and spoken, `~` a different spelling (`printed→spoken`), `!` another word
heard in place of the printed one, `+` words **printed but not spoken**, `-` words spoken
but cut by the writer. Missing times are `<NA>`, never `0min00`."""),
    ("code", """\
report = ca.quote_report(aligned, quotes=article.quotes)
report[["quote_id", "speaker", "stated_minsec", "start_minsec", "offset", "status",
        "verdict", "diff"]]"""),
    ("md", """\
A table cuts long texts. To read one quote in full, pick its row by `quote_id`:"""),
    ("code", """\
row = report.set_index("quote_id").loc["q01"]
print("printed:", row["text"])
print("spoken: ", row["transcript_text"])
print("diff:   ", row["diff"])"""),
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
`turns` merges consecutive cues of one speaker into one row: `turn_id`, `speaker`, `start`,
`end`, the joined `text`, `n_words`, and the first and last cue of the turn."""),
    ("code", """\
turns = ca.turns(tagged)
turns.head()"""),
    ("md", """\
`speaker_stats` has one row per speaker: `speaking_time` (seconds), `share` (of everyone's
speaking time, 0–1), `n_words`, `words_per_minute`, `n_turns`, `mean_turn` and
`longest_turn` (seconds), and `interruptions` (turns that start before the previous one
ended). The `<NA>` row gathers the cues nobody is known to have said (here one short cue).
On this data the figures only cover the quoted passages: they say nothing about who spoke
most at the event."""),
    ("code", "ca.speaker_stats(tagged)"),
    ("md", """\
## 5. Themes

`sentences` splits each turn into sentences (spaCy's French model, times interpolated).
`tag_themes` then codes each sentence with the themes of a codebook — the default one is
about territorial cooperation; `load_codebook` reads your own TOML or YAML file. The result
is long: one row per match, with the sentence it was found in (`unit_id`, the sentence's
`sentence_id`), its speaker and time, the `theme`, the words that matched (`term`) and their
lemma. A sentence can match several themes, or one theme several times.

Captions without punctuation have no sentence ends to find: a "sentence" is then the whole
turn, or a chunk of at most 60 words (the `boundary` column of `sentences` says which)."""),
    ("code", """\
sentences = ca.sentences(tagged)
themes = ca.tag_themes(sentences, ca.default_codebook())
themes[["unit_id", "speaker", "start", "theme", "term"]].head(15)"""),
    ("md", """\
`theme_stats` counts tags per theme, and with `by=` per speaker or per time bin (5 minutes
by default), with rates per 1,000 words and the share of each group's talk spent on each
theme. Columns: `n_tags` (matches), `n_units` (sentences with at least one match),
`n_words` (words spoken in the group: here the whole transcript), `rate_per_1000_words`
(`n_tags` per 1,000 of those words) and `share_of_talk` (the share of the group's words that
lie in sentences tagged with the theme). The table is tidy (long: one row per theme, or per
theme and speaker); `theme_pivot` turns it wide: one row per speaker, one column per theme.
With a handful of sentences per speaker, as here, a share of 1.0 only means that the
speaker's one quoted sentence was tagged."""),
    ("code", "ca.theme_stats(themes, units=sentences)"),
    ("code", """\
by_speaker = ca.theme_stats(themes, units=sentences, by="speaker")
ca.theme_pivot(by_speaker, values="share_of_talk")"""),
    ("md", """\
### Does the codebook fit this debate? Tag, look at the fit, review suggestions, re-tag

`codebook_fit` gives, per theme, the share of sentences tagged and of words covered, and
the term behind most tags; `fit.attrs["warning"]` says when the codebook may not fit the
debate (under 10 % of units tagged, or a theme carried by one word), and `accuracy_note`
what was measured for a built-in codebook on units coded by hand (the report prints it
beside the theme counts). Another built-in codebook is `ca.load_codebook("policy_agendas")`
(the 21 CAP policy topics).
`suggest_terms` lists frequent words of the transcript close to a theme (co-occurrence
with its tags; word vectors too if `coopanalysis[vectors]` is installed), with examples in
context: you decide which to add to your copy of the codebook, then tag again."""),
    ("code", """\
fit = ca.codebook_fit(sentences, ca.default_codebook(), themes)
print(fit.attrs["warning"] or "no fit warning")
print(ca.accuracy_note(ca.default_codebook()))
fit[["theme", "n_units", "unit_share", "word_share", "top_term", "top_term_share"]]"""),
    ("code", """\
suggestions = ca.suggest_terms(sentences, ca.default_codebook(), n=5, themes=themes,
                               vectors=False)
suggestions[["theme", "term", "kind", "count", "in_theme_units", "score", "examples"]]"""),
    ("code", """\
from dataclasses import replace

accepted = {}  # after review, e.g. {"social_ties": ["voisinage"]} (one-word lemmas)
book = ca.default_codebook()
edited = replace(book, themes=tuple(replace(t, lemmas=t.lemmas + tuple(accepted.get(t.id, [])))
                                    for t in book.themes))
retagged = ca.tag_themes(sentences, edited)
len(themes), len(retagged)"""),
    ("md", """\
A trained model can also read each whole sentence (`method="hybrid"`, the `model` extra:
`pip install 'coopanalysis[model]'`): it drops codebook tags it does not confirm, drops
every tag of a sentence it reads as about no theme, and adds themes said without their
keywords (`method` "model"), each row with its `probability` and `evidence`. On real
debates it has never seen it is stricter than the codebook, not better: more precise, fewer
themes found (README, "Themes"). `unsure_themes` lists the sentences it reads as about some
theme but leaves untagged, with their likeliest theme: what the counts miss, to review.
`method="fast"` reads through a static encoder distilled from the same model: some 40 times
faster, for a corpus of many replays, and a little less accurate (README). A model you
train on your own coded sentences (`ca.train_theme_model`) gets its own static encoder, so
both methods work with your codebook too (`model=` the saved file)."""),
    ("code", """\
try:
    hybrid = ca.tag_themes(sentences, ca.default_codebook(), method="hybrid")
    display(hybrid[["unit_id", "theme", "term", "method", "probability", "evidence"]])
    unsure = ca.unsure_themes(sentences, hybrid, ca.default_codebook())
    print(f"{unsure['unit_id'].nunique()} of {len(sentences)} sentences read as about "
          "some theme, left untagged:")
    display(unsure[["unit_id", "theme", "probability", "evidence"]])
except ca.CoopanalysisError as error:  # the model extra is not installed
    print(error)"""),
    ("md", """\
## 6. Figures

Each figure function returns a matplotlib `Figure` (and draws into an `ax` if you give one),
ready to save with `fig.savefig("figure.png")`. In order: who speaks when (one lane per
speaker, the located quotes as vertical lines, the article's stated times as red triangles);
each speaker's share of speaking time; tags per theme in 5-minute bins; tags per theme,
stacked by speaker."""),
    ("code", """\
%matplotlib inline
from coopanalysis.export import plots

plots.plot_speaker_timeline(turns, aligned)"""),
    ("code", "plots.plot_share_of_voice(ca.speaker_stats(tagged))"),
    ("code", "plots.plot_theme_heatmap(themes)"),
    ("code", "plots.plot_themes_by_speaker(by_speaker)  # the theme_stats table above"),
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

from coopanalysis.export.report import write_report

out_dir = Path(tempfile.mkdtemp(prefix="coopanalysis-report-"))
index = write_report(analysis, out_dir)  # the path of index.html: open it in a browser
sorted(str(p.relative_to(out_dir)) for p in out_dir.rglob("*") if p.is_file())"""),
]


def build() -> nbformat.NotebookNode:
    """The notebook, without outputs yet, with the python3 kernel."""
    cells = [new_markdown_cell(src) if kind == "md" else new_code_cell(src)
             for kind, src in CELLS]
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def execute(notebook: nbformat.NotebookNode) -> None:
    """Run every cell in this interpreter's kernel, from ``notebooks/``; outputs kept."""
    from nbclient import NotebookClient

    NotebookClient(notebook, kernel_name="python3", timeout=600,
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    # Outputs must not carry this machine's paths: shown relative to the repository.
    root = str(ROOT) + "/"
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            if isinstance(output.get("text"), str):
                output["text"] = output["text"].replace(root, "")
            for kind, value in output.get("data", {}).items():
                if kind.startswith("text/") and isinstance(value, str):
                    output["data"][kind] = value.replace(root, "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=NOTEBOOK, help="notebook path to write")
    parser.add_argument("--no-execute", action="store_true",
                        help="write the cells without running them (no outputs)")
    args = parser.parse_args(argv)
    notebook = build()
    if not args.no_execute:
        execute(notebook)
    nbformat.validate(notebook)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
