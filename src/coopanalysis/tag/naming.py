"""Names for anonymous speaker labels from what is said: self-introductions, the
moderator's hand-offs and the article's quotes, each kept with its evidence.

``name_speakers`` wraps ``tag_speakers``; ``speaker_coverage`` measures the share of speech
whose speaker is named. See ``docs/speakers.md``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from coopanalysis.model import Transcript
from coopanalysis.schema import SPEAKER_EVIDENCE, conform
from coopanalysis.tag.clues import EVIDENCE_RULES, Evidence, Names, match_clues
from coopanalysis.tag.speakers import _ANONYMOUS_LABEL, Diarization, tag_speakers
from coopanalysis.text.normalize import fold

__all__ = ["EVIDENCE_RULES", "find_evidence", "match_clues", "name_speakers",
           "people_in_transcript", "speaker_coverage"]

# Cues per block read by the NER when looking for people in the transcript.
_NER_BLOCK = 40
# Votes an evidence gives: a person naming themselves is surer than a hand-off.
_WEIGHT = {"introduction": 2, "hand-off": 1, "quote": 1}


def _turns(cues: pd.DataFrame, labels: pd.Series) -> list[dict[str, Any]]:
    """Consecutive cues of one label merged (label, start, end, text); unlabelled cues skipped."""
    turns: list[dict[str, Any]] = []
    for label, start, end, text in zip(labels, cues["start"], cues["end"], cues["text"],
                                       strict=True):
        if pd.isna(label):
            continue
        if turns and turns[-1]["label"] == label:
            turns[-1]["end"] = float(end)
            turns[-1]["text"] += " " + str(text)
            turns[-1]["cues"].append((float(start), str(text)))
        else:
            turns.append({"label": str(label), "start": float(start), "end": float(end),
                          "text": str(text), "cues": [(float(start), str(text))]})
    return turns


def find_evidence(cues: pd.DataFrame, labels: pd.Series, *,
                  people: Iterable[str] = ()) -> list[Evidence]:
    """Every introduction and hand-off in the turns of ``labels`` (one label per cue)."""
    turns = _turns(cues, labels)
    names = Names(people)
    found: list[Evidence] = []
    for position, turn in enumerate(turns):
        for start, text in turn["cues"]:
            for source, direction, name, _end in match_clues(text, names):
                target = _target(turns, position, direction)
                if target is not None:
                    found.append(Evidence(target, name, source, text.strip(), start,
                                          turn["label"]))
    return _canonical(found, names)


def _target(turns: list[dict[str, Any]], position: int, direction: str) -> str | None:
    own = turns[position]["label"]
    if direction == "self":
        return str(own)
    step = 1 if direction == "next" else -1
    index = position + step
    while 0 <= index < len(turns):
        if turns[index]["label"] != own:
            return str(turns[index]["label"])
        index += step
    return None


def _canonical(found: list[Evidence], names: Names) -> list[Evidence]:
    # "Madame Durand" and "je m'appelle Sophie Durand" name one person: partial names are
    # resolved against the fuller names found in the transcript itself.
    pool = Names([*names.people, *(e.name for e in found if len(e.name.split()) > 1)])
    return [Evidence(e.label, pool._person(e.name) or e.name, e.source, e.text, e.start,
                     e.said_by) for e in found]


def _decide(evidence: list[Evidence], quote_votes: Mapping[str, Counter[str]],
            labels: Iterable[str], moderator_label: str
            ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Per label: the name with most weighted votes, its sources, and the disagreements."""
    tallies: dict[str, Counter[str]] = {label: Counter() for label in labels}
    sources: dict[tuple[str, str], Counter[str]] = {}
    for item in evidence:
        tallies.setdefault(item.label, Counter())[item.name] += _WEIGHT[item.source]
        sources.setdefault((item.label, item.name), Counter())[item.source] += 1
    for label, votes in quote_votes.items():
        for name, count in votes.items():
            tallies.setdefault(label, Counter())[name] += count * _WEIGHT["quote"]
            sources.setdefault((label, name), Counter())["quote"] += count
    handoffs = Counter(e.said_by for e in evidence if e.source == "hand-off")
    moderator = handoffs.most_common(1)[0][0] if handoffs else None
    if moderator is not None and handoffs[moderator] < 2:
        moderator = None
    rows: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for label, tally in tallies.items():
        ranked = tally.most_common()
        row: dict[str, Any] = {"label": label, "name": None, "source": None,
                               "votes": 0, "tally": _tally_text(ranked, label, sources)}
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            name, top = ranked[0]
            row.update(name=name, votes=top,
                       source=sources[(label, name)].most_common(1)[0][0])
        if len(ranked) > 1:
            others = [n for n, _ in ranked if n != row["name"]]
            notes.append({"label": label, "kept": row["name"], "other": ", ".join(others),
                          "other_source": "+".join(sorted({s for n in others
                                                           for s in sources[(label, n)]})),
                          "kept_source": row["source"], "evidence": row["tally"],
                          "reason": f"speaker naming: label {label!r} has clues for several "
                          f"people ({row['tally']}); " + (f"kept {row['name']!r}" if row["name"]
                                                         else "left unnamed (tie)")})
        if row["name"] is None and label == moderator:
            row.update(name=moderator_label, source="moderator", votes=int(handoffs[label]))
        rows.append(row)
    by_name: dict[str, list[str]] = {}
    for row in rows:
        if row["name"]:
            by_name.setdefault(fold(row["name"]), []).append(row["label"])
    for labels_of in by_name.values():
        if len(labels_of) > 1:
            first = next(r for r in rows if r["label"] == labels_of[0])
            notes.append({"label": None, "kept": first["name"], "other": ", ".join(labels_of),
                          "other_source": "diarization", "kept_source": first["source"],
                          "evidence": "; ".join(str(r["tally"]) for r in rows
                                                if r["label"] in labels_of),
                          "reason": f"speaker naming: labels {', '.join(labels_of)} are all "
                          f"named {first['name']!r}: one voice split by the diarization, "
                          "or a wrong clue"})
    return rows, notes


def _tally_text(ranked: list[tuple[str, int]], label: str,
                sources: Mapping[tuple[str, str], Counter[str]]) -> str | None:
    parts = [f"{name} {votes} ({', '.join(f'{s} {n}' for s, n in sources[(label, name)].items())})"
             for name, votes in ranked]
    return "; ".join(parts) or None


def _quote_votes(mapping: pd.DataFrame) -> dict[str, Counter[str]]:
    votes: dict[str, Counter[str]] = {}
    for label, tally in zip(mapping["label"], mapping["tally"], strict=True):
        if pd.isna(tally):
            continue
        for part in str(tally).split(", "):
            name, _, count = part.rpartition(" ")
            if name and count.isdigit():
                votes.setdefault(str(label), Counter())[name] += int(count)
    return votes


def people_in_transcript(cues: pd.DataFrame, *, nlp: Any = None) -> list[str]:
    """Full names (two capitalised words or more) that spaCy's French NER marks as a
    person in the cues' text, most mentioned first: the people to match clues against
    when no article lists them, so that "merci manon" finds "Manon Loiselle" said
    elsewhere.

    ``MISC`` entities count too: ``fr_core_news_sm`` often labels an unknown full name
    so ("Manon Loiselle"); only runs of capitalised words are kept, and the list is used
    only to resolve the names that introductions and hand-offs point to. Cues are read in
    blocks of ``_NER_BLOCK`` so that a name cut over two cues is seen.
    """
    from coopanalysis.nlp import load_nlp
    from coopanalysis.tag.entities import ENTITY_EXCLUDE

    texts = [str(t) for t in cues["text"].fillna("")]
    blocks = [" ".join(texts[i:i + _NER_BLOCK]) for i in range(0, len(texts), _NER_BLOCK)]
    blocks = [b for b in blocks if b.strip()]
    if not blocks:
        return []
    pipeline = nlp if nlp is not None else load_nlp(exclude=ENTITY_EXCLUDE)
    names: Counter[str] = Counter()
    for doc in pipeline.pipe(blocks, batch_size=32):
        for ent in doc.ents:
            words = ent.text.split()
            if ent.label_ in ("PER", "MISC") and len(words) >= 2 and Names._capitalized(words):
                names[" ".join(words)] += 1
    unique: dict[str, str] = {}
    for name, _count in names.most_common():
        unique.setdefault(fold(name), name)
    return list(unique.values())


def _anonymous_labels(cues: pd.DataFrame) -> pd.Series:
    """Per cue the anonymous label to name: the diarization's, else the transcript's."""
    labels = cues.get("diarization_label", pd.Series(pd.NA, index=cues.index)).astype("string")
    own = cues["transcript_label"].astype("string")
    own = own.where(own.fillna("").str.match(_ANONYMOUS_LABEL).astype(bool))
    return labels.fillna(own)


def name_speakers(transcript: Transcript | pd.DataFrame, *, aligned: pd.DataFrame | None = None,
                  diarization: Diarization | None = None,
                  names: Mapping[str, str] | None = None, people: Iterable[str] = (),
                  moderator_label: str = "Animation") -> Transcript:
    """``tag_speakers``, with anonymous labels also named from what is said.

    Clues: self-introductions ("je suis X", "moi c'est X", "I'm X"), the moderator's
    hand-offs ("X, vous avez la parole", "Madame X ?" name the next turn of another label,
    "merci X" the one before) and the matched quotes' vote (see :data:`EVIDENCE_RULES`).
    Names are matched fuzzily to ``people`` (the article's; without them, the full names
    spaCy's NER finds in the transcript, see :func:`people_in_transcript`, so that a
    lowercase "merci manon" finds "Manon Loiselle"). An introduction weighs 2 votes,
    a hand-off or a quote 1; a tie leaves the label unnamed. The label that hands off most
    (at least twice) is the moderator, called ``moderator_label`` when nothing names it.
    ``names`` (the user's) overrides everything.

    Returns:
        The Transcript of ``tag_speakers``, with ``metadata["speaker_mapping"]``'s
        ``method`` the winning source (``user`` | ``introduction`` | ``hand-off`` | ``quote``
        | ``moderator`` | ``unmapped``) and its ``tally`` every clue, ``speaker_source`` per
        cue that source for cues named through their label, ``metadata["speaker_evidence"]``
        one row per clue (label, name, source, text, start, said_by), and the disagreements
        in ``warnings``.
    """
    first = tag_speakers(transcript, aligned=aligned, diarization=diarization, names=names)
    cues = first.cues
    labels = _anonymous_labels(cues)
    unlabelled = labels.isna().all() and cues["transcript_label"].isna().all()
    people = list(people)
    if not people and (labels.notna().any() or unlabelled):
        people = people_in_transcript(cues)  # no article: the names the transcript says
    evidence = find_evidence(cues, labels, people=people)
    rows, notes = _decide(evidence, _quote_votes(first.metadata["speaker_mapping"]),
                          labels.dropna().unique(), moderator_label)
    chosen = {r["label"]: r for r in rows if r["name"]}
    for label, name in (names or {}).items():
        chosen[label] = {"label": label, "name": name, "source": "user", "votes": 0,
                         "tally": next((r["tally"] for r in rows if r["label"] == label), None)}
    final = tag_speakers(transcript, aligned=aligned, diarization=diarization,
                         names={label: str(r["name"]) for label, r in chosen.items()})
    mapping = final.metadata["speaker_mapping"].copy()
    tallies = {r["label"]: r["tally"] for r in rows}
    mapping["method"] = [chosen[label]["source"] if label in chosen else "unmapped"
                         for label in mapping["label"]]
    mapping["votes"] = pd.array([chosen[label]["votes"] if label in chosen else 0
                                 for label in mapping["label"]], dtype="Int64")
    mapping["tally"] = pd.array([tallies.get(label) for label in mapping["label"]],
                                dtype="string")
    tagged = final.cues.copy()
    by_label = _anonymous_labels(tagged)
    via_label = tagged["speaker_source"].isin(["diarization", "transcript"]) & by_label.isin(
        list(chosen)).fillna(False).astype(bool)
    tagged.loc[via_label, "speaker_source"] = by_label[via_label].map(
        lambda label: chosen[label]["source"])
    if unlabelled:
        from coopanalysis.tag.spans import name_spans  # no labels at all: named spans only

        spans = name_spans(tagged, people=list(people))
        notes += _fill_spans(tagged, spans)
        evidence = evidence + spans.evidence
    result = final.with_cues(tagged)
    result.warnings.extend(note["reason"] for note in notes)
    result.metadata["speaker_conflicts"] = _with_conflicts(
        final.metadata["speaker_conflicts"], notes, tagged, labels)
    result.metadata["speaker_mapping"] = mapping
    result.metadata["speaker_evidence"] = conform(pd.DataFrame(
        [{k: (v if v != "" else None) for k, v in e.__dict__.items()} for e in evidence],
        columns=list(SPEAKER_EVIDENCE)), SPEAKER_EVIDENCE)
    return result


def _fill_spans(tagged: pd.DataFrame, spans: Any) -> list[dict[str, Any]]:
    """Write the named spans into cues without speaker; a quote disagreeing is reported."""
    notes = []
    free = tagged["speaker"].isna() & spans.speaker.notna()
    tagged.loc[free, "speaker"] = spans.speaker[free]
    tagged.loc[free, "speaker_source"] = spans.source[free]
    clash = (tagged["speaker"].notna() & spans.speaker.notna() & ~free
             & (tagged["speaker"].fillna("").map(fold) != spans.speaker.fillna("").map(fold)))
    for index in tagged.index[clash.fillna(False).to_numpy(bool)]:
        cue, kept = str(tagged.at[index, "cue_id"]), str(tagged.at[index, "speaker"])
        other, how = str(spans.speaker[index]), str(spans.source[index])
        notes.append({"cue_id": tagged.at[index, "cue_id"], "label": None, "kept": kept,
                      "other": other,
                      "other_source": how,
                      "kept_source": tagged.at[index, "speaker_source"], "evidence": None,
                      "start": tagged.at[index, "start"], "end": tagged.at[index, "end"],
                      "reason": f"speaker naming: cue {cue} is {kept!r} by its quote but in a "
                      f"span named {other!r} by a {how}; the quote is kept"})
    return notes


def _with_conflicts(conflicts: pd.DataFrame, notes: list[dict[str, Any]], cues: pd.DataFrame,
                    labels: pd.Series) -> pd.DataFrame:
    """``tag_speakers``' conflicts plus the naming's disagreements (``schema.CONFLICTS``)."""
    from coopanalysis.schema import CONFLICTS

    rows = []
    for note in notes:
        row = {key: note.get(key) for key in CONFLICTS}
        if note.get("label") is not None and "start" not in note:
            spoken = cues[(labels == note["label"]).fillna(False).to_numpy(bool)]
            if len(spoken):
                row["start"], row["end"] = spoken["start"].min(), spoken["end"].max()
        rows.append(row)
    if not rows:
        return conflicts
    extra = conform(pd.DataFrame(rows, columns=list(CONFLICTS)), CONFLICTS)
    return pd.concat([conflicts, extra], ignore_index=True) if len(conflicts) else extra


def speaker_coverage(cues: pd.DataFrame) -> float:
    """Share (0–1) of the cues' speech time whose speaker is a name, not NA or an
    anonymous label (``SPEAKER_01``, an unnamed diarization cluster); NaN without speech."""
    duration = (cues["end"].astype(float) - cues["start"].astype(float)).clip(lower=0)
    total = float(duration.sum())
    if total <= 0:
        return float("nan")
    speaker = cues["speaker"].astype("string") if "speaker" in cues else pd.Series(
        pd.NA, index=cues.index, dtype="string")
    anonymous = speaker.fillna("").str.match(_ANONYMOUS_LABEL).astype(bool)
    if "diarization_label" in cues:
        anonymous |= (speaker == cues["diarization_label"].astype("string")).fillna(False)
    named = speaker.notna() & ~anonymous
    return float(duration[named.to_numpy(bool)].sum()) / total
