"""Named spans in captions without any speaker label: hand-offs, self-introductions and
``>>`` turn markers name a run of cues only where the evidence is strong. See
``docs/speakers.md`` ("Without audio or labels").
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from coopanalysis.tag.clues import Evidence, Names, match_clues
from coopanalysis.text.normalize import fold

__all__ = ["SpanNaming", "name_spans"]

# How many cues after a hand-off the floor-taker may take to introduce themselves or for
# a ``>>`` marker to open their turn: a caption cue is 2–5 s, so about 15 s.
_WINDOW = 4


@dataclass(frozen=True)
class SpanNaming:
    """Per cue the name (NA elsewhere) and how it was found, and the clues used."""

    speaker: pd.Series
    source: pd.Series
    evidence: list[Evidence]


def _same(a: str, b: str, names: Names) -> bool:
    pool = Names([a]) if len(a.split()) >= len(b.split()) else Names([b])
    shorter = b if len(a.split()) >= len(b.split()) else a
    return fold(a) == fold(b) or pool._person(shorter) is not None or (
        names._person(a) is not None and names._person(a) == names._person(b))


def name_spans(cues: pd.DataFrame, *, people: list[str] | tuple[str, ...] = ()) -> SpanNaming:
    """Name runs of cues from what is said, for captions with no speaker label at all.

    A span is named X only when a hand-off to X ("X, vous avez la parole", "Madame X,
    qu'en pensez-vous ?", "je me tourne vers X") is confirmed within the next cues by a
    ``>>`` marker opening a cue (``cues["speaker_change"]``) or by a self-introduction
    "je suis X"; or when a self-introduction opens the file or a marked turn. The span
    starts at the marker (or the cue after the hand-off, or the introduction's cue) and
    ends before the next marker, the next cue holding a hand-off or a "merci Y", or a
    cue ending in a question that is not the span's first (a question is most often the
    moderator taking the floor back). Everything else stays unnamed.

    Returns:
        ``speaker`` (string, NA where not named), ``source`` (``hand-off`` |
        ``introduction`` | NA) per cue, in ``cues``' order, and the clues used.
    """
    texts = [str(t) for t in cues["text"].fillna("")]
    marker = (cues["speaker_change"].fillna(False).astype(bool).tolist()
              if "speaker_change" in cues else [False] * len(texts))
    names = Names(people)
    clues = [match_clues(text, names) for text in texts]
    # Resolve partial names ("Madame Durand") against the fuller names said elsewhere.
    full = Names([*names.people, *{c[2] for cs in clues for c in cs if len(c[2].split()) > 1}])
    clues = [[(s, d, full._person(n) or n, e) for s, d, n, e in cs] for cs in clues]
    starts = cues["start"].astype(float).tolist()
    speaker: list[str | None] = [None] * len(texts)
    source: list[str | None] = [None] * len(texts)
    evidence: list[Evidence] = []

    def closes(i: int, first: int, name: str) -> bool:
        if i == first:
            return False
        if marker[i]:
            return True
        for src, direction, _other, _end in clues[i]:
            if src == "hand-off":
                return True
            if direction == "self" and not _same(_other, name, full):
                return True
        return texts[i].rstrip().endswith("?")

    def fill(first: int, name: str, how: str, clue: Evidence) -> None:
        i = first
        while i < len(texts) and not closes(i, first, name):
            if speaker[i] is None:
                speaker[i], source[i] = name, how
            i += 1
        evidence.append(clue)

    for i, found in enumerate(clues):
        for src, direction, name, end in found:
            if src == "hand-off" and direction == "next":
                after_in_cue = texts[i][end:].strip(" ,.;:!?…")
                for j in range(i + (0 if after_in_cue and marker[i] else 1),
                               min(i + 1 + _WINDOW, len(texts))):
                    if marker[j] and j > i:
                        fill(j, name, "hand-off", Evidence("", name, "hand-off",
                                                           texts[i].strip(), starts[i], ""))
                        break
                    intro = [c for c in clues[j] if c[1] == "self" and _same(c[2], name, full)]
                    if intro and j > i:
                        first = i + 1 if not after_in_cue else j
                        fill(first, name, "hand-off", Evidence(
                            "", name, "hand-off", texts[i].strip(), starts[i], ""))
                        break
                    if j > i and (any(c[0] == "hand-off" for c in clues[j])
                                  or texts[j].rstrip().endswith("?")):
                        break  # another hand-off or question first: the floor went elsewhere
            elif direction == "self" and (i == _first_spoken(texts) or marker[i]):
                fill(i, name, "introduction", Evidence("", name, "introduction",
                                                       texts[i].strip(), starts[i], ""))
    return SpanNaming(pd.Series(speaker, index=cues.index, dtype="string"),
                      pd.Series(source, index=cues.index, dtype="string"), evidence)


def _first_spoken(texts: list[str]) -> int:
    """The first cue that is not empty nor a sound tag ("[Musique]")."""
    for i, text in enumerate(texts):
        stripped = text.strip()
        if stripped and not (stripped.startswith("[") and stripped.endswith("]")):
            return i
    return 0
