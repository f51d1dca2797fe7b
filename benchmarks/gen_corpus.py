"""Generate a corpus of round-table replays: French WebVTT captions and articles quoting them.

Each event is one round table of ``minutes`` minutes: four to six speakers taking turns,
captions of seven to ten words at 2.6 words per second with ``<v Name>`` voice tags, and an
article in the genre of ``data/rnct2025_article.md`` that presents the speakers in bold with
their roles and quotes about twelve of their sentences per hour, most with a stated time
(``([12min34](#))``), some of them cut with an ellipsis.

The sentences come from a small template grammar on territorial cooperation, so that the
default codebook finds themes in them. Everything is drawn from ``random.Random(seed)``:
the same arguments always give the same files.

Usage::

    python benchmarks/gen_corpus.py OUT_DIR --hours 2 --event-minutes 60 --seed 7
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

WORDS_PER_SECOND = 2.6

FIRST_NAMES = ("Aurélie", "Brice", "Manon", "Gaëtan", "Claire", "Julien", "Sophie", "Karim",
               "Hélène", "Thomas", "Nadia", "François", "Élise", "Mathieu", "Inès", "Yann")
LAST_NAMES = ("Mézière", "Comment", "Loisel", "Monot", "Durand", "Lefèvre", "Benali", "Moreau",
              "Garnier", "Roussel", "Faure", "Chevalier", "Lambert", "Perrin", "Mercier", "Rivière")
ROLES = (("maire", "de Plessé"), ("présidente", "de l'association Terre commune"),
         ("directeur", "du pôle territorial de coopération économique"),
         ("secrétaire générale", "du réseau des Petites Cantines"),
         ("chargé de mission", "de la communauté de communes du Val d'Erdre"),
         ("vice-présidente", "du conseil départemental"),
         ("fondateur", "de la coopérative Énergie partagée"),
         ("associée", "du cabinet Partie Prenante"))

SUBJECTS = ("la coopération territoriale", "la gouvernance partagée", "le réseau des acteurs",
            "la transition écologique", "la démocratie locale", "la participation citoyenne",
            "l'économie sociale et solidaire", "la mobilité rurale", "l'alimentation locale",
            "le lien social", "la confiance entre élus et habitants", "le temps long",
            "la mutualisation des moyens", "l'intercommunalité", "la sobriété foncière",
            "l'emploi des jeunes", "la rénovation énergétique", "le dialogue avec les entreprises")
VERBS = ("se construit avec", "repose sur", "demande", "suppose", "passe par", "renforce",
         "se heurte à", "exige", "transforme", "nourrit")
OBJECTS = ("les habitants", "les associations du territoire", "des règles du jeu claires",
           "la confiance", "beaucoup de patience", "des financements stables",
           "une écoute réelle des citoyens", "les collectivités publiques",
           "des succès rapides", "un noyau d'acteurs convaincus", "les entreprises locales",
           "le réseau national", "une animation de proximité", "les agriculteurs")
OPENERS = ("Je crois que", "Pour nous,", "Très concrètement,", "Il faut dire que",
           "Chez nous,", "Ce qu'on observe, c'est que", "Honnêtement,", "À mon avis,",
           "On a appris que", "Dans notre commune,")
CLOSERS = ("et ça prend du temps", "depuis plusieurs années", "sur tout le territoire",
           "avec les moyens du bord", "au-delà des mandats", "dès le départ",
           "à chaque étape du projet", "et pas seulement sur le papier")
REPORTING = ("explique", "rappelle", "insiste", "souligne", "confie", "précise", "estime")


@dataclass(frozen=True)
class Speaker:
    name: str
    role: str
    organization: str


@dataclass(frozen=True)
class Sentence:
    speaker: Speaker
    start: float
    end: float
    text: str


def make_sentence(rng: random.Random) -> str:
    """One spoken French sentence about territorial cooperation."""
    subject = rng.choice(SUBJECTS)
    parts = [rng.choice(OPENERS), subject, rng.choice(VERBS), rng.choice(OBJECTS)]
    if rng.random() < 0.6:
        parts.append(rng.choice(CLOSERS))
    text = " ".join(parts)
    return text[0].upper() + text[1:] + rng.choice((".", ".", ".", " ?", " !"))


def make_speakers(rng: random.Random, count: int) -> list[Speaker]:
    firsts = rng.sample(FIRST_NAMES, count)
    lasts = rng.sample(LAST_NAMES, count)
    roles = rng.sample(ROLES, count)
    return [Speaker(f"{first} {last}", role, org)
            for first, last, (role, org) in zip(firsts, lasts, roles, strict=True)]


def make_sentences(rng: random.Random, speakers: list[Speaker],
                   minutes: float) -> list[Sentence]:
    """Turns of one to six sentences, timed at ``WORDS_PER_SECOND`` with short pauses."""
    sentences: list[Sentence] = []
    clock = 5.0
    speaker = speakers[0]
    while clock < minutes * 60:
        for _ in range(rng.randint(1, 6)):
            text = make_sentence(rng)
            duration = len(text.split()) / WORDS_PER_SECOND
            sentences.append(Sentence(speaker, clock, clock + duration, text))
            clock += duration + rng.uniform(0.1, 0.6)
        speaker = rng.choice([s for s in speakers if s != speaker])
        clock += rng.uniform(0.3, 1.5)
    return sentences


def vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def captions(sentences: list[Sentence], rng: random.Random, title: str) -> str:
    """WebVTT with ``<v Name>`` voices; each sentence cut into cues of 7–10 words."""
    lines = ["WEBVTT", "Kind: captions", "Language: fr", "",
             "NOTE", f"GENERATED by benchmarks/gen_corpus.py: {title}.",
             "Synthetic speech for benchmarks, not a record of a real debate.", ""]
    for sentence in sentences:
        words = sentence.text.split()
        per_word = (sentence.end - sentence.start) / len(words)
        index = 0
        while index < len(words):
            size = rng.randint(7, 10)
            chunk = words[index:index + size]
            start = sentence.start + index * per_word
            end = start + len(chunk) * per_word
            lines += [f"{vtt_time(start)} --> {vtt_time(end)}",
                      f"<v {sentence.speaker.name}>{' '.join(chunk)}</v>", ""]
            index += size
    return "\n".join(lines)


def minsec(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}min{whole % 60:02d}"


def article(sentences: list[Sentence], speakers: list[Speaker], rng: random.Random,
            title: str, minutes: float) -> str:
    """An article presenting the speakers and quoting ~12 of their sentences per hour."""
    paragraphs = [title.upper(), "",
                  f"Compte rendu de la table ronde « {title} », une rencontre sur la "
                  "coopération territoriale réunissant élus, associations et entreprises.", ""]
    for speaker in speakers:
        paragraphs += [f"**{speaker.name}**, {speaker.role} {speaker.organization}, "
                       "a pris part aux échanges.", ""]
    n_quotes = max(3, round(12 * minutes / 60))
    chosen = sorted(rng.sample(range(len(sentences)), min(n_quotes, len(sentences))))
    for index in chosen:
        sentence = sentences[index]
        text = sentence.text.rstrip(" .?!")
        words = text.split()
        if rng.random() < 0.25 and len(words) > 8:  # a cut the writer marks with an ellipsis
            text = " ".join(words[:4]) + "... " + " ".join(words[-4:])
        verb = rng.choice(REPORTING)
        stamp = f" ([{minsec(sentence.start)}](#))" if rng.random() < 0.8 else ""
        paragraphs += [f"**{sentence.speaker.name}** {verb} : « {text} »{stamp}.", ""]
    return "\n".join(paragraphs)


def generate_event(seed: int, minutes: float) -> tuple[str, str]:
    """The captions (WebVTT text) and the article (Markdown text) of one event."""
    rng = random.Random(seed)
    speakers = make_speakers(rng, rng.randint(4, 6))
    title = f"Table ronde n° {seed}"
    sentences = make_sentences(rng, speakers, minutes)
    return (captions(sentences, rng, title),
            article(sentences, speakers, rng, title, minutes))


def write_corpus(out: Path, *, hours: float, event_minutes: float = 60.0,
                 seed: int = 0) -> list[tuple[Path, Path]]:
    """Write ``event-NNNN.vtt`` and ``event-NNNN.md`` pairs totalling ``hours`` of speech."""
    out.mkdir(parents=True, exist_ok=True)
    total = hours * 60
    pairs = []
    index = 0
    while total > 1e-9:
        minutes = min(event_minutes, total)
        vtt, md = generate_event(seed * 100_000 + index, minutes)
        vtt_path, md_path = out / f"event-{index:04d}.vtt", out / f"event-{index:04d}.md"
        vtt_path.write_text(vtt, encoding="utf-8")
        md_path.write_text(md, encoding="utf-8")
        pairs.append((vtt_path, md_path))
        total -= minutes
        index += 1
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--hours", type=float, default=1.0)
    parser.add_argument("--event-minutes", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    pairs = write_corpus(args.out, hours=args.hours, event_minutes=args.event_minutes,
                         seed=args.seed)
    print(f"wrote {len(pairs)} events to {args.out}")


if __name__ == "__main__":
    main()
