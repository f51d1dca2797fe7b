"""The report's speaker section: how much of the speech has a named speaker first, then
shares of voice over that named time, and how each speaker was named, with the evidence."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from coopanalysis.export.readable import LOW_COVERAGE, mmss, percent, speaker_view
from coopanalysis.export.views import html_table
from coopanalysis.tag.naming import speaker_coverage

__all__ = ["how_named", "speaker_section"]


def speaker_section(analysis: Any, *, no_speaker: str) -> str:
    """HTML: "Speakers named: X % of the speech time", then the speakers table.

    Below ``LOW_COVERAGE`` the warning comes first and the table leaves out the
    ``no_speaker`` row and the longest turn (a whole unlabelled debate is no turn).
    """
    coverage = getattr(analysis, "speaker_coverage", None)
    if coverage is None or pd.isna(coverage):  # one measure: tag.naming.speaker_coverage
        coverage = speaker_coverage(analysis.transcript.cues)
    view = speaker_view(analysis.speaker_stats, no_speaker=no_speaker)
    if pd.isna(coverage):
        return "<p>No speaking time.</p>"
    named = f"Speakers named: {percent(coverage)} of the speech time."
    if coverage < LOW_COVERAGE:
        head = (f"<p class='coverage'><strong>Low speaker coverage. {html.escape(named)}"
                "</strong> Too little for "
                "shares of voice: give the audio (--audio) or a diarization (--diarization). "
                "The table below describes the named part only, not the whole debate.</p>")
        if len(view):
            view = view[view["speaker"] != no_speaker].drop(columns=["longest turn"],
                                                            errors="ignore")
    else:
        head = (f"<p>{html.escape(named)} Shares of voice are shares of that named time "
                f"({html.escape(percent(coverage))} of the speech).</p>")
    if len(view):
        named_by = how_named(analysis.transcript)
        view = view.assign(**{"how named": [named_by.get(str(s), "") for s in view["speaker"]]})
    table = html_table(view, table_id="speakers-table")
    return head + f"<div class='scroll'>{table}</div>"


def how_named(transcript: Any) -> dict[str, str]:
    """Speaker → how it was named: the cues' ``speaker_source`` counts, the mapping's tally,
    and the first clue ("«Julien Moreau, vous avez la parole.» at 00:11")."""
    cues = transcript.cues
    if "speaker_source" not in cues:
        return {}
    out: dict[str, str] = {}
    mapping = transcript.metadata.get("speaker_mapping")
    tallies = {} if mapping is None or not len(mapping) else {
        str(n): t for n, t in zip(mapping["name"], mapping.get("tally", []), strict=False)
        if pd.notna(t)}
    evidence = transcript.metadata.get("speaker_evidence")
    first: dict[str, str] = {}
    if evidence is not None and len(evidence):
        for name, text, start in zip(evidence["name"], evidence["text"], evidence["start"],
                                     strict=True):
            if pd.notna(name) and str(name) not in first:
                first[str(name)] = f"«{text}» at {mmss(start)}"
    sources = cues["speaker_source"].astype("string").fillna("")
    for speaker, group in sources.groupby(cues["speaker"].astype("string")):
        counts = ", ".join(f"{s} {n}" for s, n in group.value_counts().items() if s)
        parts = [counts] + [p for p in (tallies.get(str(speaker)), first.get(str(speaker)))
                            if p]
        out[str(speaker)] = "; ".join(p for p in parts if p)
    return out
