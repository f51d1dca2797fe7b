"""French words that carry what a speaker commits to: negations, quantifiers, hedges.

Lists are folded (``text.normalize.fold``) and say why they exist. ``hedges_in`` and
``polarity_markers`` read folded tokens (``match_tokens``), the form quotes and
transcripts are compared on; ``negating_prefix`` tells "possible"/"impossible" apart,
which sound alike (``text.phonetic``) but say the opposite.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Words that reverse a statement. "ne" is absent: spoken French drops it, captions too.
#: "plus" and "personne" are negations only after "ne"/"n" (see ``NEEDS_NE``).
NEGATIONS: frozenset[str] = frozenset({
    "pas", "jamais", "rien", "aucun", "aucune", "nullement", "guere", "sans", "non",
    "ni", "plus", "personne",
})
#: "plus" means "more" unless a "ne"/"n'" precedes it within ``NE_WINDOW`` tokens ("on n'en
#: veut plus"); captions that drop the "ne" ("on en veut plus") hide it, a known limit.
NEEDS_NE: frozenset[str] = frozenset({"plus"})
NE_WINDOW = 4
#: "personne" is a noun after a determiner ("une personne"), else the pronoun "nobody",
#: with or without "ne" ("que personne ne maintient", "il y a personne pour vous").
NOUN_AFTER: dict[str, frozenset[str]] = {
    "personne": frozenset({"une", "la", "cette", "chaque", "quelle", "seule", "autre",
                           "premiere", "derniere", "meme", "bonne", "toute"}),
}

#: Quantifiers and comparatives by opposition: replacing a word by one of another group
#: of the same scale changes the claim ("de plus en plus" → "de moins en moins").
SCALES: dict[str, tuple[frozenset[str], ...]] = {
    "comparison": (frozenset({"plus", "davantage", "mieux", "superieur", "superieure"}),
                   frozenset({"moins", "pire", "inferieur", "inferieure"}),
                   frozenset({"autant", "aussi", "pareil", "meme"})),
    "quantity": (frozenset({"tous", "toutes", "tout", "toute", "chaque", "chacun", "chacune",
                            "totalite"}),
                 frozenset({"beaucoup", "majorite", "plupart", "nombreux", "nombreuses",
                            "enormement"}),
                 frozenset({"certains", "certaines", "quelques", "plusieurs"}),
                 frozenset({"peu", "minorite", "rares"}),
                 frozenset({"aucun", "aucune", "personne", "nul", "nulle"})),
    "frequency": (frozenset({"toujours", "systematiquement"}),
                  frozenset({"souvent", "frequemment", "regulierement"}),
                  frozenset({"parfois", "quelquefois"}),
                  frozenset({"rarement"}), frozenset({"jamais"})),
    # Degree, at its two ends only ("très enclin" / "peu enclin"): "assez", "plutôt" are
    # left out, a journalist's "très" for "assez" is a nuance, not a reversal.
    "degree": (frozenset({"tres", "extremement", "particulierement", "hyper"}),
               frozenset({"peu", "guere"})),
    # "sans énergie" said, "avec de l'énergie" printed: presence against absence.
    "presence": (frozenset({"avec"}), frozenset({"sans"})),
}

#: Scale words whose mere addition changes a claim ("on a besoin de rôles modèles" said,
#: "on a besoin de plus de rôles modèles" printed): comparatives and the quantity and
#: frequency words away from the middle of their scale. "tout", "aussi", "même", "très"
#: are left out: said in passing, and dropped or added by captions.
ADDED_SCALE_WORDS: frozenset[str] = frozenset({
    "plus", "moins", "davantage", "beaucoup", "plupart", "majorite", "peu", "aucun",
    "aucune", "certains", "certaines", "quelques", "toujours", "souvent", "rarement",
    "jamais"})

#: Phrases by which a speaker softens a claim; cutting one makes the quote firmer than
#: what was said ("je crois que c'est…" → "c'est…"). Folded and tokenised like
#: ``match_tokens`` ("peut-être" → "peut etre", "à mon avis" → "a mon avis").
HEDGES: tuple[str, ...] = (
    "je pense", "je crois", "il me semble", "me semble t il", "peut etre", "probablement",
    "sans doute", "surement", "potentiellement", "eventuellement", "un peu", "un petit peu",
    "normalement", "a mon avis", "a priori", "plutot", "en principe", "on va dire",
    "quelque part", "j ai l impression", "je dirais", "disons", "en quelque sorte",
    "a peu pres", "environ", "presque", "globalement", "grosso modo", "je suppose",
    "vraisemblablement", "apparemment", "je sais pas", "j imagine", "il semblerait",
    # In spoken French "certainement" mostly means "probably" ("il a certainement raison").
    "certainement",
    # Opinion markers: "pour moi, c'est l'indicateur majeur" is one view, not a fact.
    "pour moi", "selon moi", "a mon sens", "de mon point de vue",
)
#: Sentence adverbs that hedge the clause they open (session 6): a quote starting right
#: after one ("d'ici normalement | fin 2013 les prix…") prints as certain what was said as
#: expected. Without punctuation in captions, "ça marche normalement | fin 2013" reads the
#: same: flagged too, since a hedge cut passed as faithful is the worse error (the change
#: shows it). "peut-être | un doublement du PIB" is the adverb unless a subject stands
#: before it ("ça peut être": the verb, ``TAIL_HEDGE_NOT_AFTER``). They govern the quote
#: only right before its first word ("peut-être, mais | on a besoin…" closes the clause
#: before).
LEAD_ADVERB_HEDGES: tuple[str, ...] = (
    "normalement", "en principe", "a priori", "theoriquement", "probablement", "peut etre")
#: Hedges a journalist cuts by starting the quote right after them ("je pense que | les
#: gens sont contents"): every printed word is verbatim, the speaker's doubt is gone. An
#: opinion verb must be followed by "que"/"qu'" there: "c'est bon je pense. Les gens…" ends
#: the previous sentence. "à mon avis"/"selon moi" open a clause far more often than they
#: close one. Sentence adverbs alone: ``LEAD_ADVERB_HEDGES``.
LEAD_HEDGES: tuple[str, ...] = (
    "je pense que", "je pense qu", "je crois que", "je crois qu", "il me semble que",
    "il me semble qu", "j ai l impression que", "j ai l impression qu", "je dirais que",
    "je dirais qu", "j imagine que", "j imagine qu", "je suppose que", "je suppose qu",
    "il semblerait que", "il semblerait qu", "peut etre que", "peut etre qu",
    "probablement que", "probablement qu", "sans doute que", "sans doute qu",
    "a mon avis", "selon moi",
    # An opinion verb that makes the clause after it a personal view.
    "je trouve que", "je trouve qu", "j ai le sentiment que", "j ai le sentiment qu",
    *LEAD_ADVERB_HEDGES,
)
#: Hedges a journalist cuts by ending the quote right before them ("c'est la bonne
#: solution | je crois"). Not when the next word makes them open a new clause or take an
#: object (``TAIL_HEDGE_BLOCKERS``: "je pense que demain…", "je pense à…", "je crois même
#: que…", "peut-être qu'on"). "j'ai l'impression" is left out: it almost always opens
#: the next clause ("j'ai l'impression que…", "j'ai l'impression, pareil, …").
TAIL_HEDGES: tuple[str, ...] = (
    "je pense", "je crois", "il me semble", "j imagine", "je suppose",
    "peut etre", "a mon avis", "selon moi", "probablement", "sans doute",
    # Softeners that close a claim ("c'est notre bien commun | en quelque sorte").
    "en quelque sorte", "on va dire", "disons",
)
TAIL_HEDGE_BLOCKERS: frozenset[str] = frozenset({
    "que", "qu", "a", "au", "aux", "pas", "plus", "de", "du", "des", "d", "ca", "y", "en",
    "meme", "vraiment", "aussi",
})
#: An adverbial tail hedge closes the quote's clause only when what follows starts another
#: one (or nothing follows): "vous allez | peut-être publier ce framework" hedges
#: "publier", which the quote does not print. A verbal one ("je crois", "il me semble") is
#: a parenthetical clause of its own: only ``TAIL_HEDGE_BLOCKERS`` ("je crois que…", "je
#: pense à…") make it start something else.
TAIL_ADVERB_HEDGES: frozenset[str] = frozenset({"peut etre", "probablement", "sans doute"})
TAIL_HEDGE_FOLLOWERS: frozenset[str] = frozenset({
    "", "et", "mais", "donc", "alors", "parce", "puis", "enfin", "voila", "ok", "bon", "oui",
    "non", "je", "j", "on", "il", "ils", "elle", "elles", "nous", "vous", "c", "ca", "ce",
    "ensuite", "apres", "sinon", "bref", "car", "or", "quand", "si", "comme",
})
#: The quote's last word that makes the next words a verb, not a hedge: "ça | peut être
#: utile" is "pouvoir être", "ce que | je pense" is the object of the quote's own clause.
TAIL_HEDGE_NOT_AFTER: dict[str, frozenset[str]] = {
    "peut etre": frozenset({"ca", "ce", "c", "cela", "il", "elle", "on", "qui", "ils",
                            "elles", "tout", "qu", "que"}),
    "je pense": frozenset({"que", "qu", "ce"}),
    "je crois": frozenset({"que", "qu", "ce"}),
    "je suppose": frozenset({"que", "qu", "ce"}),
    "j imagine": frozenset({"que", "qu", "ce"}),
}
#: Negations that close the verb group they follow: a quote that ends right before one
#: ("je sais | pas", "ça change | rien") reverses what was said. "plus", "personne" and
#: "aucun" are also "more", "a person", a determiner: not counted. "pas mal" (quite a
#: lot) and "pas à pas" do not negate (``TAIL_NEGATION_NOT_BEFORE``).
TAIL_NEGATIONS: frozenset[str] = frozenset({"pas", "jamais", "rien", "guere", "nullement"})
TAIL_NEGATION_NOT_BEFORE: frozenset[str] = frozenset({
    "mal", "a",
    # "pas seulement", "pas simplement", "pas que": "not only", the start of a contrast
    # after the quote's clause, not its negation.
    "seulement", "simplement", "uniquement", "que"})
#: Adverbs that soften a negation right after it: "pas forcément" (not necessarily) is not
#: "pas" (not). Cutting one makes the denial absolute.
NEGATION_SOFTENERS: frozenset[str] = frozenset({
    "forcement", "necessairement", "vraiment", "tellement", "toujours", "totalement",
    "completement", "tout a fait"})

#: Prefixes that negate an adjective or a noun while keeping its sound, checked as
#: printed word = prefix + spoken word or the reverse ("utile"/"inutile").
NEGATING_PREFIXES: tuple[str, ...] = ("in", "im", "il", "ir", "des", "dis", "mal", "me", "a", "non")

_HEDGE_TOKENS = tuple(sorted({tuple(h.split()) for h in HEDGES}, key=len, reverse=True))
#: Hedges by first token, longest first: a token that starts none is skipped at once.
_HEDGES_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {
    first: tuple(h for h in _HEDGE_TOKENS if h[0] == first)
    for first in {h[0] for h in _HEDGE_TOKENS}}


def hedges_in(tokens: Sequence[str]) -> list[tuple[int, int, str]]:
    """Hedges in folded ``tokens``: ``(start, end, hedge)`` token spans, longest first wins.

    >>> hedges_in("je crois que c est un petit peu plus complique".split())
    [(0, 2, 'je crois'), (5, 8, 'un petit peu')]
    """
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        for hedge in _HEDGES_BY_FIRST.get(tokens[i], ()):
            if tuple(tokens[i:i + len(hedge)]) == hedge:
                found.append((i, i + len(hedge), " ".join(hedge)))
                i += len(hedge)
                break
        else:
            i += 1
    return found


def _negates(tokens: Sequence[str], i: int) -> bool:
    word = tokens[i]
    if word not in NEGATIONS:
        return False
    if word == "non" and i + 1 < len(tokens) and tokens[i + 1] == "seulement":
        return False  # "non seulement… mais" adds, it does not negate
    if word == "sans" and i + 1 < len(tokens) and tokens[i + 1] == "doute":
        return False  # "sans doute" is a hedge ("probably"), counted as one
    if word in NEEDS_NE:
        return any(t in ("ne", "n") for t in tokens[max(0, i - NE_WINDOW):i])
    return not (i > 0 and tokens[i - 1] in NOUN_AFTER.get(word, frozenset()))


def polarity_markers(tokens: Sequence[str]) -> list[tuple[int, str]]:
    """Negation words in folded ``tokens`` as ``(index, word)``.

    "plus" counts only after "ne"/"n" ("on ne sait plus", not "plus complexe"); "personne"
    unless a determiner makes it a noun ("une personne").

    >>> polarity_markers("on n en faisait pas on a plus de temps".split())
    [(4, 'pas')]
    """
    return [(i, tokens[i]) for i in range(len(tokens)) if _negates(tokens, i)]


def scale_of(word: str) -> tuple[str, int] | None:
    """The scale and group of a quantifier or comparative: ``"moins"`` → ``("comparison", 1)``."""
    for scale, groups in SCALES.items():
        for index, group in enumerate(groups):
            if word in group:
                return scale, index
    return None


def opposed(a: str, b: str) -> bool:
    """Whether two folded words sit in different groups of one scale ("tous"/"quelques",
    "très"/"peu"); a word may belong to several scales ("peu")."""
    left, right = _scales(a), _scales(b)
    return any(scale == other and group != other_group
               for scale, group in left for other, other_group in right)


def _scales(word: str) -> list[tuple[str, int]]:
    return [(scale, index) for scale, groups in SCALES.items()
            for index, group in enumerate(groups) if word in group]


#: Prefixes that turn a verb or noun into its opposite, in pairs: "importer"/"exporter",
#: "surestimer"/"sous-estimer" (the hyphen gone after folding).
OPPOSITE_PREFIXES: tuple[tuple[str, str], ...] = (
    ("im", "ex"), ("in", "ex"), ("sur", "sous"), ("pre", "post"), ("inter", "intra"))


def opposite_prefix(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are one word with opposite prefixes ("importer"/"exporter").

    >>> opposite_prefix("importer", "exporter"), opposite_prefix("inclure", "exclure")
    (True, True)
    """
    for left, right in OPPOSITE_PREFIXES:
        for x, y in ((a, b), (b, a)):
            if (x.startswith(left) and y.startswith(right)
                    and len(x) - len(left) >= 4 and x[len(left):] == y[len(right):]):
                return True
    return False


def negating_prefix(a: str, b: str) -> str | None:
    """The prefix that makes one folded word the negation of the other, or ``None``.

    >>> negating_prefix("possible", "impossible"), negating_prefix("dette", "tete")
    ('im', None)
    """
    short, long = sorted((a, b), key=len)
    for prefix in NEGATING_PREFIXES:
        if len(short) >= 4 and long == prefix + short:
            return prefix
    return None
