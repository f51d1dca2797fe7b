"""A documented noise model: clean timed speech → YouTube-style automatic captions.

Used by the tests (``from helpers.noise import …``) and the benchmarks (which put ``tests/`` on
``sys.path``); ``python benchmarks/noise.py`` runs :func:`main` here. Steps, applied in this
order to a list of timed words (each a function below; details in ``docs/align.md``, "The
noise model"):

1. ``spoken_form``: lower case, punctuation dropped (apostrophes and hyphens inside words
   kept), numbers said in words (``10`` → ``dix``, ``2025`` → ``deux mille vingt-cinq``).
2. ``add_disfluencies``: fillers (``euh``, ``ben``, ``voilà``… at ``filler_rate`` per word) and
   repeated words (``je je``, at ``repetition_rate``), which the article never prints.
3. ``add_word_errors``: at ``word_error`` per word, the word is misheard, lost or followed by
   a spurious short word, in the proportions of ``ERROR_MIX``.
4. a global time shift (``shift`` seconds, a replay's pre-roll) on every time.
5. ``caption_lines`` and ``youtube_vtt``: lines of at most ``line_chars`` characters in the
   rolling two-line layout of ``yt-dlp`` auto-caption files, with inline word timings.

Each noisy word keeps the index of the clean word it came from (``source``), so benchmarks
know the true time of every printed word. :func:`main` writes
``data/rnct2025_simulated_captions.vtt`` from ``data/rnct2025_quotes.vtt`` with
``REFERENCE_SETTINGS``.
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import pandas as pd

from coopanalysis import schema
from coopanalysis.model import Transcript
from coopanalysis.text.normalize import normalize_text, number_to_words
from coopanalysis.timecode import format_hms

ROOT = Path(__file__).resolve().parents[2]

#: Fillers of spoken French and how often each is chosen.
FILLERS: tuple[tuple[str, int], ...] = (("euh", 8), ("ben", 2), ("voilà", 1), ("bah", 1),
                                         ("hein", 1), ("enfin", 1))
#: Short words an ASR inserts or substitutes.
COMMON_WORDS: tuple[str, ...] = (
    "et", "de", "la", "le", "les", "un", "une", "des", "en", "que", "qui", "on", "il", "a",
    "est", "pas", "ça", "ce", "se", "du", "au", "donc", "alors", "mais", "ou", "si", "par",
)
#: Shares of the word errors: misheard (substituted), lost (deleted), spurious (inserted).
ERROR_MIX: dict[str, float] = {"substitution": 0.6, "deletion": 0.2, "insertion": 0.2}
_VOWELS = "aeiouéèêàâôîûy"
_CONSONANTS = "bcdfgjklmnprstvz"


@dataclass(frozen=True)
class NoiseSettings:
    """The knobs of the noise model (all rates are per clean word)."""

    word_error: float = 0.15
    filler_rate: float = 0.06
    repetition_rate: float = 0.02
    shift: float = 0.0
    line_chars: int = 38
    seed: int = 0


#: Settings of ``data/rnct2025_simulated_captions.vtt``.
REFERENCE_SETTINGS = NoiseSettings(word_error=0.15, filler_rate=0.06, repetition_rate=0.02,
                                   shift=7.5, seed=2025)


@dataclass(frozen=True)
class TimedWord:
    """A word with its time; ``source`` is the index of the clean word it comes from (−1: none)."""

    text: str
    start: float
    end: float
    source: int = -1
    speaker: str | None = None


# --------------------------------------------------------------------------- clean speech


_VOICE_RE = re.compile(r"<v(?:\.[^ >]*)?\s+([^>]*)>")
_TAG_RE = re.compile(r"<[^>]*>")
_TIMING_RE = re.compile(r"^(\S+)\s+-->\s+(\S+)")


def read_simple_vtt(path: Path) -> pd.DataFrame:
    """Cues of a plain WebVTT file (one voice tag per cue), as ``schema.CUES``.

    Enough for the reconstruction this module reads; real caption files go through
    ``coopanalysis.read_transcript``.
    """
    from coopanalysis.timecode import parse_time

    rows = []
    blocks = re.split(r"\n\s*\n", path.read_text(encoding="utf-8").replace("\r\n", "\n"))
    for block in blocks:
        lines = block.strip("\n").split("\n")
        timing = next((k for k, line in enumerate(lines) if "-->" in line), None)
        if timing is None or lines[0].startswith("NOTE"):
            continue
        match = _TIMING_RE.match(lines[timing])
        assert match, lines[timing]
        body = " ".join(lines[timing + 1:])
        voice = _VOICE_RE.search(body)
        rows.append({"cue_id": len(rows), "start": parse_time(match.group(1)),
                     "end": parse_time(match.group(2)),
                     "speaker": voice.group(1).strip() if voice else None,
                     "text": normalize_text(_TAG_RE.sub("", body))})
    return schema.conform(pd.DataFrame(rows), schema.CUES)


def words_from_cues(cues: pd.DataFrame) -> list[TimedWord]:
    """Words of each cue with times interpolated by character position inside the cue."""
    words: list[TimedWord] = []
    for row in cues.itertuples(index=False):
        text = str(row.text)
        length = max(len(text), 1)
        duration = float(row.end) - float(row.start)
        for match in re.finditer(r"\S+", text):
            start = float(row.start) + duration * match.start() / length
            end = float(row.start) + duration * match.end() / length
            speaker = row.speaker if isinstance(row.speaker, str) else None
            words.append(TimedWord(match.group(0), start, end, len(words), speaker))
    return words


# --------------------------------------------------------------------------- the model


_EDGE_PUNCT_RE = re.compile(r"^[^\w]+|[^\w]+$")
_NUMBER_RE = re.compile(r"^\d+(?:[.,]\d+)?$")


def spoken_form(words: Sequence[TimedWord]) -> list[TimedWord]:
    """Lower case, no punctuation, numbers in words (one timed word per spoken word)."""
    out: list[TimedWord] = []
    for word in words:
        text = _EDGE_PUNCT_RE.sub("", normalize_text(word.text).lower().replace("’", "'"))
        if not text:
            continue
        if _NUMBER_RE.match(text):
            spelled = number_to_words(text).replace("-", " ").split()
            step = (word.end - word.start) / len(spelled)
            out.extend(replace(word, text=part, start=word.start + k * step,
                               end=word.start + (k + 1) * step) for k, part in enumerate(spelled))
        else:
            out.append(replace(word, text=text))
    return out


def add_disfluencies(words: Sequence[TimedWord], settings: NoiseSettings,
                     rng: random.Random) -> list[TimedWord]:
    """Fillers before words and repeated words; they take the first part of the word's time."""
    names = [name for name, _ in FILLERS]
    weights = [weight for _, weight in FILLERS]
    out: list[TimedWord] = []
    for word in words:
        cut = word.start + min(0.25, 0.4 * (word.end - word.start))
        if rng.random() < settings.filler_rate:
            filler = rng.choices(names, weights)[0]
            out.append(TimedWord(filler, word.start, cut, -1, word.speaker))
            word = replace(word, start=cut)
        elif rng.random() < settings.repetition_rate:
            out.append(TimedWord(word.text, word.start, cut, -1, word.speaker))
            word = replace(word, start=cut)
        out.append(word)
    return out


def add_word_errors(words: Sequence[TimedWord], settings: NoiseSettings,
                    rng: random.Random) -> list[TimedWord]:
    """Substitutions, deletions and insertions at ``settings.word_error`` per word."""
    out: list[TimedWord] = []
    sub = ERROR_MIX["substitution"]
    dele = sub + ERROR_MIX["deletion"]
    for word in words:
        draw = rng.random()
        if word.source < 0 or draw >= settings.word_error:
            out.append(word)
            continue
        share = draw / settings.word_error
        if share < sub:
            out.append(replace(word, text=mishear(word.text, rng)))
        elif share < dele:
            continue
        else:
            middle = (word.start + word.end) / 2
            out.append(replace(word, end=middle))
            out.append(TimedWord(rng.choice(COMMON_WORDS), middle, word.end, -1, word.speaker))
    return out


def mishear(word: str, rng: random.Random) -> str:
    """A near-homophone (one letter changed, added or dropped) or another common word."""
    if len(word) < 4 or rng.random() < 0.5:
        return rng.choice([w for w in COMMON_WORDS if w != word])
    k = rng.randrange(1, len(word))
    edit = rng.choice(("change", "drop", "double"))
    if edit == "drop":
        return word[:k] + word[k + 1:]
    if edit == "double":
        return word[:k] + word[k] + word[k:]
    pool = _VOWELS if word[k] in _VOWELS else _CONSONANTS
    return word[:k] + rng.choice(pool) + word[k + 1:]


def simulate(words: Sequence[TimedWord], settings: NoiseSettings) -> list[TimedWord]:
    """The whole model on clean timed words (steps 1–4 of the module docstring)."""
    rng = random.Random(settings.seed)
    noisy = add_word_errors(add_disfluencies(spoken_form(words), settings, rng), settings, rng)
    return [replace(w, start=w.start + settings.shift, end=w.end + settings.shift) for w in noisy]


# --------------------------------------------------------------------------- caption layout


def caption_lines(words: Sequence[TimedWord], *, line_chars: int = 38,
                  max_pause: float = 2.0) -> list[list[TimedWord]]:
    """Words grouped into caption lines of at most ``line_chars`` characters.

    A pause longer than ``max_pause`` seconds also ends a line, as YouTube does.
    """
    lines: list[list[TimedWord]] = []
    current: list[TimedWord] = []
    for word in words:
        length = sum(len(w.text) + 1 for w in current) + len(word.text)
        pause = current and word.start - current[-1].end > max_pause
        if current and (length > line_chars or pause):
            lines.append(current)
            current = []
        current.append(word)
    if current:
        lines.append(current)
    return lines


def youtube_vtt(lines: Sequence[Sequence[TimedWord]], *, note: str = "") -> str:
    """The rolling two-line layout of YouTube auto-captions as written by yt-dlp."""
    out = ["WEBVTT", "Kind: captions", "Language: fr", ""]
    if note:
        out += ["NOTE", *note.strip().split("\n"), ""]
    previous = " "
    for k, line in enumerate(lines):
        start = line[0].start
        following = lines[k + 1][0].start if k + 1 < len(lines) else line[-1].end + 0.5
        end = min(following, line[-1].end + 1.0)
        timed = line[0].text + "".join(
            f"<{format_hms(w.start, millis=True)}><c> {w.text}</c>" for w in line[1:])
        plain = " ".join(w.text for w in line)
        out += [f"{_vtt_time(start)} --> {_vtt_time(end - 0.010)} align:start position:0%",
                previous, timed, "",
                f"{_vtt_time(end - 0.010)} --> {_vtt_time(end)} align:start position:0%",
                plain, " ", ""]
        previous = plain
    return "\n".join(out)


def _vtt_time(seconds: float) -> str:
    return format_hms(max(seconds, 0.0), millis=True)


def transcript_from_lines(lines: Sequence[Sequence[TimedWord]], *, word_timed: bool,
                          source: str = "<simulated>") -> Transcript:
    """What a reader gives for the captions: one cue per line, words when ``word_timed``."""
    cues = []
    words = []
    for cue_id, line in enumerate(lines):
        cues.append({"cue_id": cue_id, "start": line[0].start, "end": line[-1].end,
                     "speaker": None, "text": " ".join(w.text for w in line)})
        if word_timed:
            words.extend({"word_id": len(words), "cue_id": cue_id, "start": w.start,
                          "end": w.end, "word": w.text, "speaker": None} for w in line)
    return Transcript(
        cues=schema.conform(pd.DataFrame(cues), schema.CUES),
        words=schema.conform(pd.DataFrame(words), schema.WORDS) if word_timed else None,
        source=source, format="youtube" if word_timed else "srt", language="fr",
    )


# --------------------------------------------------------------------------- the reference file


def reference_note(settings: NoiseSettings, source: str) -> str:
    values = ", ".join(f"{k}={v}" for k, v in asdict(settings).items())
    return (
        "SIMULATED YOUTUBE AUTO-CAPTIONS — NOT THE REPLAY'S CAPTIONS.\n"
        f"Written by benchmarks/noise.py from {source} (itself a reconstruction\n"
        "of the article's quotes at the stated times, not a record of the debate):\n"
        "lower case, no punctuation, fillers, repeated words, word errors,\n"
        "numbers in words, a global time shift, rolling two-line cues.\n"
        f"Settings: {values}.\n"
        "Use it to try the library, never as a source on what was said."
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT / "data" / "rnct2025_quotes.vtt")
    parser.add_argument("--out", type=Path,
                        default=ROOT / "data" / "rnct2025_simulated_captions.vtt")
    parser.add_argument("--word-error", type=float, default=REFERENCE_SETTINGS.word_error)
    parser.add_argument("--shift", type=float, default=REFERENCE_SETTINGS.shift)
    parser.add_argument("--seed", type=int, default=REFERENCE_SETTINGS.seed)
    args = parser.parse_args(argv)
    settings = replace(REFERENCE_SETTINGS, word_error=args.word_error, shift=args.shift,
                       seed=args.seed)
    clean = words_from_cues(read_simple_vtt(args.source))
    lines = caption_lines(simulate(clean, settings), line_chars=settings.line_chars)
    source = args.source.relative_to(ROOT) if args.source.is_relative_to(ROOT) else args.source
    text = youtube_vtt(lines, note=reference_note(settings, str(source)))
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(lines)} lines, {sum(len(x) for x in lines)} words)")
    return 0


# --------------------------------------------------------------------------- meaning alterations

#: Kinds of meaning alteration a writer may make (``alter_meaning``); the aligner must call
#: each ``altered`` (``benchmarks/align.py``, ``docs/align.md`` "Verdicts").
MEANING_KINDS: tuple[str, ...] = ("number", "negation", "hedge", "word")
#: Words that sound like none of the talk's and fit no sentence of it.
_UNRELATED: tuple[str, ...] = ("fromage", "bicyclette", "parapluie", "montagne", "girafe",
                               "chocolat", "tambour", "volcan")
_NUMBER_WORDS: dict[str, int] = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
                                 "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "vingt": 20,
                                 "cent": 100}
_VERBS: frozenset[str] = frozenset({"est", "peut", "faut", "sont", "va", "fait", "avait",
                                    "était", "allez", "pouvez", "devez", "sait"})


def alter_meaning(words: Sequence[str], kind: str, rng: random.Random) -> tuple[str, str] | None:
    """One meaning alteration of a clean span: ``(printed text, change)``, None if it has no
    place for it (no number, no verb to negate, no content word).

    ``number``: a number in digits or words replaced by another value; ``negation``: "pas"
    removed, or added after a verb; ``hedge``: "je pense que" inserted inside the quote;
    ``word``: a content word replaced by an unrelated one that does not sound like it.
    """
    out = list(words)
    lowered = [w.lower() for w in out]
    if kind == "number":
        spots = [i for i, w in enumerate(lowered) if w.isdigit() or w in _NUMBER_WORDS]
        if not spots:
            return None
        i = rng.choice(spots)
        value = int(lowered[i]) if lowered[i].isdigit() else _NUMBER_WORDS[lowered[i]]
        new = str(value * 3 + 7)
        out[i] = new
        return " ".join(out), f"number: {words[i]}→{new}"
    if kind == "negation":
        if "pas" in lowered:
            i = lowered.index("pas")
            del out[i]
            return " ".join(out), "negation removed: pas"
        spots = [i for i, w in enumerate(lowered[:-1]) if w in _VERBS and i > 0]
        if not spots:
            return None
        i = rng.choice(spots)
        out.insert(i + 1, "pas")
        return " ".join(out), "negation added: pas"
    if kind == "hedge":
        if len(out) < 6:
            return None
        i = rng.randrange(2, len(out) - 2)
        out[i:i] = ["je", "pense", "que"]
        return " ".join(out), "hedge added: je pense"
    if kind == "word":
        spots = [i for i, w in enumerate(lowered) if len(w) >= 7 and w.isalpha()
                 and 0 < i < len(out) - 1]
        if not spots:
            return None
        i = rng.choice(spots)
        new = rng.choice(_UNRELATED)
        out[i] = new
        return " ".join(out), f"word: {words[i]}→{new}"
    raise ValueError(f"unknown meaning alteration {kind!r}; one of {MEANING_KINDS}")
