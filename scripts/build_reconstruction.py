"""Write data/rnct2025_quotes.vtt, the *reconstructed* sample transcript.

The replay's captions are not available offline. This script places the
reference article's timed quotes at the times the article states, as WebVTT
cues with ``<v Speaker>`` voice tags, at a speaking rate of 2.6 words per
second and at most 8 words per cue. Editorial marks are removed: ellipses and
``[...]`` (cuts), the bracketed insertion ``[la coopération]`` is not used by
any timed quote. The time printed in the article is taken as the start of the
quote. Nothing between the quotes is known, so nothing is written there.

Run: ``python scripts/build_reconstruction.py`` (from the repository root).
"""

from __future__ import annotations

from pathlib import Path

from coopanalysis.timecode import format_hms, parse_time

WORDS_PER_SECOND = 2.6
WORDS_PER_CUE = 8

# (stated time as printed, speaker, words of the quote as printed without editorial marks)
TIMED_QUOTES = [
    ("3min07", "François Rebsamen",
     "L'avenir de nos territoires se bâtit collectivement. Transition écologique, cohésion "
     "sociale, attractivité des territoires, aucun de ces défis ne peut être relevé seul."),
    ("7min23", "Philippe Dessertine", "Nous sommes à une croisée des chemins."),
    ("20min24", "Manon Loisel",
     "On a une démultiplication de dispositifs pour redonner la parole aux citoyens. Mais ils "
     "cohabitent avec une crise démocratique qui ne fait que s'accroître."),
    ("24min30", "Aurélie Mézière",
     "Je pars vraiment du principe de faire de la politique avec les gens et non pour les gens. "
     "La coopération, c'est mettre tout le monde autour de la table."),
    ("27min41", "Gaëtan Monot",
     "Les collectivités publiques sont indispensables pour nous, pour cette mise en réseau, "
     "cette mise en relation, et pour identifier le jeu d'acteurs territorial."),
    ("28min42", "Brice Comment",
     "Avant de coopérer, il faut collaborer, et avant de collaborer, il faut réussir à discuter. "
     "Et ça prend du temps."),
    ("30min40", "Aurélie Mézière",
     "À Plessé, nous n'avons pas de commission municipale. Nous avons ouvert nos commissions à "
     "tous les habitants et les avons appelés les comités consultatifs."),
    ("36min31", "Gaëtan Monot",
     "Petit à petit, le lieu est devenu un espace de rencontre pour les acteurs associatifs, "
     "parfois même privés. Aujourd'hui, la cantine marche très bien, non seulement d'un point "
     "de vue économique, mais aussi en termes d'impact."),
    ("41min03", "Brice Comment",
     "En un an, nous avons collecté plus de 10 tonnes, qui ont ensuite été réinsérées dans une "
     "filière qui produit de l'isolant."),
    ("45min33", "Manon Loisel",
     "Les gens des ronds-points n'étaient pas les mêmes que ceux du grand débat."),
    ("50min48", "Aurélie Mézière",
     "La coopération, c'est mettre tout le monde autour de la table. On se voit plutôt comme "
     "chef d'orchestre de la coopération."),
    ("54min57", "Gaëtan Monot",
     "Ce ne sont pas forcément des compétences innées. On apprend sur le territoire, mais aussi "
     "à travers le réseau national."),
]

HEADER = """WEBVTT
Kind: captions
Language: fr

NOTE
RECONSTRUCTION — NOT THE REPLAY'S CAPTIONS.
Built by scripts/build_reconstruction.py from the quotes of the article
"La coopération territoriale : un défi et une nécessité" (Valentin Nonorgue,
Territoires-Audacieux.fr) about the opening round table of the Rencontres
Nationales de la Coopération Territoriale (28 August 2025). Each timed quote
stands at the time the article states, at 2.6 words per second; the words are
the article's, not a record of what was said, and nothing between the quotes
is known. Use it to try the library, never as a source on the debate.
"""


def build() -> str:
    blocks = [HEADER]
    for stated, speaker, text in TIMED_QUOTES:
        words = text.split()
        start = parse_time(stated)
        for first in range(0, len(words), WORDS_PER_CUE):
            chunk = words[first:first + WORDS_PER_CUE]
            cue_start = start + first / WORDS_PER_SECOND
            cue_end = cue_start + len(chunk) / WORDS_PER_SECOND
            blocks.append(
                f"{format_hms(cue_start, millis=True)} --> {format_hms(cue_end, millis=True)}\n"
                f"<v {speaker}>{' '.join(chunk)}</v>\n"
            )
    return "\n".join(blocks)


if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "data" / "rnct2025_quotes.vtt"
    target.write_text(build(), encoding="utf-8")
    print(f"wrote {target}")
