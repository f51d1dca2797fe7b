"""Speaker labels written inside caption text, turned into the ``speaker`` column.

Conventions met in real exports (``[SPEAKER_01]:``, ``[Alba]``, ``JEAN DUPONT :``,
``Name:``, ``>>``) are ``LabelRule`` rows of ``RULES``, tried in order; a rule applies to a
file only where it is frequent or its labels come back, since sentences look like labels
too ("Note: ...", "[Musique]"). The table and its sources: ``docs/transcripts.md``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from coopanalysis.text.lexicon import SENTENCE_FIRST_WORDS
from coopanalysis.text.normalize import fold


@dataclass(frozen=True)
class LabelRule:
    """One way of writing a speaker label at the start of a cue.

    ``pattern`` must define the group ``speaker``; the label ends where the match ends.
    The rule applies to a file when its matches are at least ``min_share`` of the cues
    with text; otherwise a label is accepted only if it occurs ``min_repeats`` times.
    """

    name: str
    pattern: re.Pattern[str]
    min_share: float
    min_repeats: int
    refused_first_words: frozenset[str] = frozenset()




_UPPER = "A-ZÀ-ÖØ-ÞŁŒŚŠŽ"
RULES: tuple[LabelRule, ...] = (
    LabelRule("bracket_id", re.compile(
        r"^-?\s*\[(?P<speaker>(?:SPEAKER|Speaker|speaker|Locuteur|LOCUTEUR|Intervenant)"
        r"[ _]?\d+)\]\s*:?\s*"), min_share=0.0, min_repeats=1),
    LabelRule("bracket_name", re.compile(
        rf"^-?\s*\[(?P<speaker>[{_UPPER}][^\]\n]{{0,40}})\]\s*:?\s*(?=\S)"),
        min_share=0.5, min_repeats=2),
    LabelRule("caps_name", re.compile(
        rf"^-?\s*(?P<speaker>[{_UPPER}][{_UPPER}'’ .-]*[{_UPPER}])\s?:\s+"),
        min_share=0.2, min_repeats=2),  # capitals + colon: a label even when rarer
    LabelRule("name_colon", re.compile(r"^(?P<speaker>[^:\n\[\]]{1,60}?)\s?:\s+(?=\S)"),
              min_share=0.5, min_repeats=1000000, refused_first_words=SENTENCE_FIRST_WORDS),
)

# Words that stand before a colon in ordinary sentences, never a speaker (folded).
NOT_SPEAKERS: frozenset[str] = frozenset({
    "note", "nb", "n.b", "n.b.", "ps", "p.s", "p.s.", "attention", "exemple", "example", "e.g",
    "question", "questions", "reponse", "answer", "remarque", "rappel", "resume", "summary",
    "conclusion", "resultat", "result", "bref", "voila", "alors", "donc", "mais", "et", "ou",
    "warning", "update", "edit", "source", "sources", "http", "https", "www", "todo", "info",
    "important", "objectif", "definition", "titre", "title", "chapitre", "chapter", "sujet",
    "theme", "date", "lieu", "heure", "time", "re", "fyi", "tl;dr", "ok", "oui", "non", "yes",
    "no", "hint", "tip", "astuce", "conseil", "avertissement", "traduction", "sous-titres",
    "sous-titrage", "subtitles", "captions", "transcription", "transcript",
})
# Bracketed sound and scene descriptions (folded): "[Musique]", "[Applaudissements]"...
SOUND_TAGS: frozenset[str] = frozenset({
    "musique", "music", "applaudissements", "applause", "rires", "rire", "laughter", "laughs",
    "laughing", "inaudible", "silence", "bruit", "bruits", "noise", "bip", "sonnerie",
    "generique", "chanson", "musica", "risas", "aplausos", "cheering", "cheers", "sighs",
    "coughs", "toux", "soupir", "brouhaha", "indistinct", "crosstalk", "pause", "blank_audio",
    "no speech", "musique douce", "musique entrainante", "musique de fin", "jingle", "fin",
    "intro", "outro", "off", "voix off", "hors champ", "en anglais", "in english", "foreign",
    "langue etrangere", "incompréhensible", "incomprehensible",
})
_CHEVRONS_RE = re.compile(r"^\s*>>+\s*")
# A ">>" between spaces inside a cue: the speaker changes in the middle of the cue.
_INNER_CHEVRONS_RE = re.compile(r"(?:^|\s+)>>+\s+")
# A name is short, has a letter, and no sentence punctuation.
_NAME_FORBIDDEN_RE = re.compile(r"[?!;,\"«»“”/\\<>=*#@]|https?|\.\s*$|\d{2}:\d{2}")
MAX_NAME_WORDS = 6


def apply(cues: dict[str, list[Any]]) -> dict[str, Any]:
    """Move speaker labels from ``cues["text"]`` to ``cues["speaker"]``, in place.

    Adds ``cues["speaker_change"]`` (True where a ``>>`` or a label starts the cue) when
    any was found. Returns a summary for ``Transcript.metadata["speaker_labels"]``:
    the rules applied and how many cues each labelled.
    """
    inner = split_at_chevrons(cues)
    texts: list[str] = cues["text"]
    speakers: list[str | None] = cues["speaker"]
    changes = [False] * len(texts)
    summary: dict[str, Any] = {"chevrons_inside_cues": inner} if inner else {}
    chevrons = 0
    for i, text in enumerate(texts):
        if text.startswith(">>") or text.lstrip().startswith(">>"):
            texts[i] = _CHEVRONS_RE.sub("", text, count=1)
            changes[i] = True
            chevrons += 1
    if chevrons:
        summary["chevrons"] = chevrons
    n_text = sum(1 for t in texts if t) or 1
    for rule in RULES:
        candidates = _candidates(rule, texts, speakers)
        if not candidates:
            continue
        frequent = len(candidates) / n_text >= rule.min_share
        counts = Counter(label for label, _ in candidates.values())
        applied = 0
        for i, (label, rest) in candidates.items():
            if frequent or counts[label] >= rule.min_repeats:
                speakers[i] = label
                texts[i] = rest
                changes[i] = True
                applied += 1
        if applied:
            summary[rule.name] = applied
    if any(changes):
        cues["speaker_change"] = changes
    return summary


def split_at_chevrons(cues: dict[str, list[Any]]) -> int:
    """Cut every cue with a ``>>`` after its first word into one cue per speaker, in place.

    Live captions mark a change of speaker with ``>>`` wherever it falls, often inside a
    cue ("council. >> good morning"). Each piece becomes a cue starting with ``>>``
    (except the first); the cue's time is shared in proportion to the pieces' lengths in
    characters, since captions give no finer time. Other columns are copied. Returns the
    number of markers found inside cues.
    """
    texts: list[str] = cues["text"]
    if not any(">>" in text for text in texts):
        return 0
    rebuilt: dict[str, list[Any]] = {key: [] for key in cues}
    found = 0
    for i, text in enumerate(texts):
        pieces = [p for p in _INNER_CHEVRONS_RE.split(text.strip()) if p.strip()]
        opens = bool(_CHEVRONS_RE.match(text))
        if len(pieces) < 2:
            for key in cues:
                rebuilt[key].append(cues[key][i])
            continue
        found += len(pieces) - 1
        start, end = float(cues["start"][i]), float(cues["end"][i])
        total = sum(len(p) for p in pieces)
        at = start
        for n, piece in enumerate(pieces):
            share = (end - start) * len(piece) / total
            for key in cues:
                rebuilt[key].append(cues[key][i])
            rebuilt["start"][-1] = round(at, 3)
            at = end if n == len(pieces) - 1 else at + share
            rebuilt["end"][-1] = round(at, 3)
            rebuilt["text"][-1] = (">> " if n or opens else "") + piece.strip()
    for key in cues:
        cues[key][:] = rebuilt[key]
    return found


def _candidates(rule: LabelRule, texts: list[str],
                speakers: list[str | None]) -> dict[int, tuple[str, str]]:
    """Cue index → (label, text after the label) for cues this rule could label."""
    found: dict[int, tuple[str, str]] = {}
    pattern = rule.pattern
    for i, text in enumerate(texts):
        if speakers[i] is not None or not text:
            continue
        match = pattern.match(text)
        if match is None:
            continue
        label = " ".join(match.group("speaker").split())
        if _first_word(label) in rule.refused_first_words:
            continue
        if _is_name(label):
            found[i] = (label, text[match.end():])
    return found


def _first_word(label: str) -> str:
    """The first word of ``label``, folded; an elided one with its apostrophe: "L'avenir" → "l'".

    Single letters stay possible labels ("A: …", "I: …" in interview transcripts).
    """
    words = fold(label).split()
    first = words[0] if words else ""
    return first[:first.index("'") + 1] if "'" in first else first


def _is_name(label: str) -> bool:
    folded = fold(label).strip(" -.")
    if not folded or folded in NOT_SPEAKERS or folded in SOUND_TAGS:
        return False
    if not any(c.isalpha() for c in label) or len(label.split()) > MAX_NAME_WORDS:
        return False
    return _NAME_FORBIDDEN_RE.search(label) is None
