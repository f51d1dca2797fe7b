"""French word lists shared by every stage, as data (rules are data, see STYLE.md).

Words are written folded (lower case, no accents: ``text.normalize.fold``), the form
every comparison uses. Each list says why it exists; ``docs/align.md`` and
``docs/article.md`` show them at work.
"""

from __future__ import annotations

#: Hesitation words that captions keep and articles drop.
FILLERS: frozenset[str] = frozenset(
    {
        "euh", "euhh", "heu", "hum", "hmm", "mmh", "bah", "ben", "beh", "hein", "ouais",
        "voila", "ah", "oh", "eh", "uh", "um", "erm", "er",
    }
)

#: French function words: weight 1 in the alignment (see ``SCORING``).
FUNCTION_WORDS: frozenset[str] = frozenset({
    "a", "au", "aux", "avec", "ce", "ces", "c", "ca", "cette", "d", "dans", "de", "des", "du",
    "elle", "elles", "en", "est", "et", "etait", "il", "ils", "j", "je", "l", "la", "le",
    "les", "leur", "leurs", "lui", "m", "ma", "mais", "me", "mes", "moi", "mon", "n", "ne",
    "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "s", "sa",
    "se", "ses", "si", "son", "sont", "sur", "t", "ta", "te", "tes", "toi", "ton", "tu", "un",
    "une", "vos", "votre", "vous", "y", "plus", "tres", "tout", "tous", "toute", "toutes",
    "fait", "faire", "ont", "avait", "etre", "avoir", "comme", "donc", "alors", "aussi",
    "bien", "ici", "meme",
})

#: Words whose addition or removal reverses a statement: changing them is ``altered``
#: even when every other word matches ("n'étaient pas les mêmes" → "étaient les mêmes").
#: "ne" is absent on purpose: spoken French drops it all the time.
NEGATIONS: frozenset[str] = frozenset(
    {"pas", "jamais", "non", "rien", "aucun", "aucune", "nullement", "guere", "sans"}
)
