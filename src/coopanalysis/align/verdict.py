"""Meaning checks of an aligned quote: the differences that change what the speaker said.

From the word operations of :mod:`coopanalysis.align.diff` and the printed and spoken texts,
``meaning_changes`` lists numbers changed, negations added or removed, quantifiers swapped,
hedges cut or added and content words replaced by words that do not sound like them. A quote
with any of them is ``altered`` whatever its fidelity. A replaced word that sounds like the
printed one is the transcript's noise, not a change. Definitions: ``docs/align.md``.
"""

from __future__ import annotations

from collections.abc import Sequence, Set

from rapidfuzz.distance import Indel

from coopanalysis.align.diff import ADDED, CHANGED, CUT, KEPT, MARKED_CUT, REPLACED, Op
from coopanalysis.align.evidence import EDGE, compound_parts, content_word
from coopanalysis.align.rules import VERDICT_RULES
from coopanalysis.align.values import is_number_word, number_changes
from coopanalysis.text.lexicon import (
    CAPTION_GLUE_WORDS,
    ENGLISH_FUNCTION_WORDS,
    FUNCTION_WORDS,
    GRAMMAR_WORDS,
    NE_HEARD_AS,
    NE_PARTICLE,
)
from coopanalysis.text.meaning import (
    ADDED_SCALE_WORDS,
    NEGATION_SOFTENERS,
    NEGATIONS,
    hedges_in,
    negating_prefix,
    opposed,
    opposite_prefix,
    polarity_markers,
)
from coopanalysis.text.numbers import FRACTIONS
from coopanalysis.text.phonetic import SOUNDS_ALIKE, phrase_key, sounds_alike

#: Language identification: a text needs this many tokens and this share of one
#: language's function words (ordinary French or English prose has 30-50 %).
LANGUAGE_MIN_TOKENS = 6
LANGUAGE_SHARE = 0.15
#: Sounds each word must keep before a shared ending for the ending alone not to make two
#: words sound alike (``_differ_before_shared_ending``).
SHARED_ENDING_BODY = 4

__all__ = ["EDGE", "caption_glue", "content_support", "edge_runs", "faithful_kind",
           "language_of", "meaning_changes", "misheard_gaps", "ne_notes", "ne_tidied",
           "sound_alike", "split_words", "unheard"]


def sound_alike(a: str, b: str) -> bool:
    """Whether two folded words or phrases sound alike (``SOUNDS_ALIKE``).

    Folded tokens lost their accents ("tête" → "tete"), so the keys are also compared with
    the open and closed "e" merged: "dette"/"tete" is a mishearing.
    """
    left, right = phrase_key(a).replace("E", "e"), phrase_key(b).replace("E", "e")
    if _differ_before_shared_ending(left, right):
        return False
    if sounds_alike(a, b) >= SOUNDS_ALIKE:
        return True
    return bool(left and right) and Indel.normalized_similarity(left, right) >= SOUNDS_ALIKE


def _differ_before_shared_ending(left: str, right: str) -> bool:
    """Two sound keys alike only by a shared ending: "électriques"/"thermiques" (-iques),
    "politique"/"informatique" (-tique). French words share suffixes by the thousand; a
    mishearing keeps the body of the word ("dette"/"tête", "mergerequest"/"marge de
    quest"). Both bodies must be long (``SHARED_ENDING_BODY`` sounds) to say so."""
    shared = 0
    while shared < min(len(left), len(right)) and left[-1 - shared] == right[-1 - shared]:
        shared += 1
    body_left, body_right = left[:len(left) - shared], right[:len(right) - shared]
    body = min(len(body_left), len(body_right))
    # A long shared ending ("-itaire") with short bodies ("san-"/"mil-") counts too.
    long_enough = (shared >= 2 and body >= SHARED_ENDING_BODY) or (shared >= 4 and body >= 3)
    return long_enough and Indel.normalized_similarity(body_left, body_right) < SOUNDS_ALIKE


def faithful_kind(ops: Sequence[Op], *, other_edits: bool,
                  noise: Set[int] = frozenset(), renders_ne: bool = True) -> str:
    """``verbatim`` or ``edited`` for a quote with no meaning-bearing change.

    Verbatim: nothing spoken was left out (no cut, marked or not, no filler or repetition
    dropped, no insertion) and every printed word not heard as such is plausibly the
    transcript's error: a spelling variant, a word that sounds like it, a word the captions
    split or joined ("micro services", "banqueroute"), a function or grammar word ("de",
    "l'", "chez") that captions drop or mishear, or a short grammar word they insert or
    double, spoken alone between printed words (``caption_glue``). ``noise``: indices of
    printed content words not heard that the evidence calls transcript noise
    (``evidence.noise_words``): shown in the warning, not an edit by themselves. A
    printed "ne" the transcript does not give is spoken grammar tidied, an edit
    (``ne_tidied``), when the transcript writes "ne" elsewhere (``renders_ne``) and it
    could be heard.
    """
    if other_edits:
        return "edited"
    allowed = set(noise) | split_words(ops) | caption_glue(ops) | misheard_gaps(ops)
    for i, op in enumerate(ops):
        if i in allowed:
            continue
        if op.kind in (CUT, MARKED_CUT, "inserted"):
            return "edited"
        if renders_ne and ne_tidied(ops, i):
            return "edited"
        content = _content(op.printed) and op.printed not in GRAMMAR_WORDS
        if op.kind == ADDED and content:
            return "edited"
        if op.kind == REPLACED and content and not sound_alike(op.printed, op.spoken):
            return "edited"
    return "verbatim"


def split_words(ops: Sequence[Op]) -> set[int]:
    """Indices of two neighbouring operations that say one word split or joined.

    Captions cut compounds and glue words: "microservice" heard "micro service",
    "banque route" written "banqueroute". The two operations' printed words joined equal
    their spoken words joined.
    """
    found: set[int] = set()
    for i in range(len(ops) - 1):
        a, b = ops[i], ops[i + 1]
        if (a.kind == KEPT and b.kind == KEPT) or {a.kind, b.kind} & {MARKED_CUT, "inserted"}:
            continue  # most pairs: nothing to explain, or an editorial mark
        printed = a.printed + b.printed
        if printed and printed == a.spoken + b.spoken:
            found.update((i, i + 1))
    return found


def misheard_gaps(ops: Sequence[Op]) -> set[int]:
    """Indices of a printed word misheard together with a grammar word next to it.

    Captions cut a word at another place ("dette" heard "d'aide": a cut "d'" and
    "dette"→"aide"); word by word it reads as a cut and a replacement, as phrases it is
    one word misheard. The gap between two heard printed words holds one replaced word
    and cuts of ``CAPTION_GLUE_WORDS`` only, and the printed word sounds like the spoken
    words joined. Two printed words for one spoken ("paye moi" → "paiement") are not
    taken: the phonetic key is too coarse to tell a rewording there.
    """
    found: set[int] = set()
    heard = (KEPT, CHANGED)
    i = 0
    while i < len(ops):
        if ops[i].kind in heard:
            i += 1
            continue
        j = i
        while j < len(ops) and ops[j].kind not in heard:
            j += 1
        gap = ops[i:j]
        replaced = [op for op in gap if op.kind == REPLACED]
        glue = all(op.kind == REPLACED or (op.kind == CUT and op.spoken in CAPTION_GLUE_WORDS)
                   for op in gap)
        if i > 0 and j < len(ops) and len(replaced) == 1 and len(gap) > 1 and glue and (
                sound_alike(replaced[0].printed, " ".join(op.spoken for op in gap))):
            found.update(range(i, j))
        i = j
    return found


def caption_glue(ops: Sequence[Op]) -> set[int]:
    """Indices of short grammar words spoken, not printed, between two printed words.

    A run of at most ``glue_cut_words`` unmarked cuts, every one a ``CAPTION_GLUE_WORDS``
    word ("de de la dette", "dans un une architecture", "le l'incident"), between two
    printed words heard: the captions' insertion or a stumble, not the writer's edit. Next
    to a printed word not heard it may be part of a rewording, so it is not counted.
    """
    found: set[int] = set()
    i = 0
    while i < len(ops):
        if ops[i].kind != CUT:
            i += 1
            continue
        j = i
        while j < len(ops) and ops[j].kind == CUT:
            j += 1
        heard = (KEPT, CHANGED)
        inside = i > 0 and j < len(ops) and ops[i - 1].kind in heard and ops[j].kind in heard
        if inside and j - i <= VERDICT_RULES["glue_cut_words"] and all(
                op.spoken in CAPTION_GLUE_WORDS for op in ops[i:j]):
            found.update(range(i, j))
        i = j
    return found


def ne_tidied(ops: Sequence[Op], i: int) -> bool:
    """Whether ``ops[i]`` is a printed "ne"/"n'" not heard that could have been heard.

    Spoken French drops "ne"; a writer restoring it tidies the grammar ("on parle pas" →
    "on ne parle pas"). After "on" an elided "n'" cannot be heard ("on n'a" sounds as
    "on a"): the transcript cannot tell, so it is not counted; nor is a "ne" heard in the
    same gap but paired with another word ("ne l'apprennent" heard "n'apprennent").
    Captions also drop a "ne" that was said: ``ne_notes`` says so in the warning.
    """
    op = ops[i]
    if op.kind not in (ADDED, REPLACED) or op.printed not in NE_PARTICLE:
        return False
    if op.kind == REPLACED and op.spoken in NE_HEARD_AS:
        return False  # "n'est" heard "l'est": something was said there
    lo, hi = i, i
    while lo > 0 and ops[lo - 1].kind not in (KEPT, CHANGED):
        lo -= 1
    while hi + 1 < len(ops) and ops[hi + 1].kind not in (KEPT, CHANGED):
        hi += 1
    if any(g.spoken in NE_PARTICLE for g in ops[lo: hi + 1]):
        return False
    before = next((ops[k].printed for k in range(i - 1, -1, -1) if ops[k].printed), "")
    return not (op.printed == "n" and before == "on")


def ne_notes(ops: Sequence[Op]) -> list[str]:
    """The warning for printed "ne" the transcript does not give (``ne_tidied``)."""
    if not any(ne_tidied(ops, i) for i in range(len(ops))):
        return []
    return ['printed "ne" not in the transcript: spoken grammar tidied by the writer '
            "(edited), or dropped by the captions (check the replay)"]


def unheard(ops: Sequence[Op]) -> str | None:
    """The printed words not heard that make a quote ``altered`` on their own, or None.

    A run of ``altered_missing_run`` printed words not heard, two of them content words, or
    fewer than ``altered_below_fidelity`` of the printed words heard: words the speaker did
    not say there (invented, or from another passage). A run of function words ("il y
    ait") is the captions' noise or tidied grammar.
    """
    best: list[str] = []
    run: list[str] = []
    for op in ops:
        if op.kind in (ADDED, REPLACED):
            run.append(op.printed)
            if sum(map(_content, run)) > sum(map(_content, best)):
                best = list(run)
        elif op.kind in (KEPT, CHANGED):
            run = []
    printed = [op for op in ops if op.kind in (KEPT, CHANGED, ADDED, REPLACED)]
    heard = sum(op.kind in (KEPT, CHANGED) for op in printed)
    missing = [op.printed for op in printed if op.kind in (ADDED, REPLACED)]
    low = bool(printed) and heard / len(printed) < VERDICT_RULES["altered_below_fidelity"]
    if low and sum(map(_content, missing)) >= 2:
        return f"unheard: {' '.join(missing)}"
    if len(best) >= VERDICT_RULES["altered_missing_run"] and sum(map(_content, best)) >= 2:
        return f"unheard: {' '.join(best)}"
    return None


def content_support(ops: Sequence[Op]) -> list[str]:
    """Printed content words heard at the place (numbers and function words excluded).

    A place supported by fewer than ``min_content_words`` of them is no location: "2035",
    a date or "c'est que" occur in any long speech.
    """
    return [op.printed for op in ops if op.kind in (KEPT, CHANGED) and _content(op.printed)
            and not is_number_word(op.printed)]



def language_of(tokens: Sequence[str]) -> tuple[str | None, float, float]:
    """The language of folded ``tokens`` by their share of function words: French or English.

    Returns ``(language, french share, english share)``; the language is ``None`` when fewer
    than ``LANGUAGE_MIN_TOKENS`` tokens or when neither share reaches ``LANGUAGE_SHARE``
    and twice the other. Words both lists hold are not counted.
    """
    if len(tokens) < LANGUAGE_MIN_TOKENS:
        return None, float("nan"), float("nan")
    shared = FUNCTION_WORDS & ENGLISH_FUNCTION_WORDS
    french = sum(t in FUNCTION_WORDS and t not in shared for t in tokens) / len(tokens)
    english = sum(t in ENGLISH_FUNCTION_WORDS and t not in shared for t in tokens) / len(tokens)
    for language, mine, other in (("fr", french, english), ("en", english, french)):
        if mine >= LANGUAGE_SHARE and mine >= 2 * other:
            return language, french, english
    return None, french, english


def edge_runs(ops: Sequence[Op]) -> list[list[str]]:
    """Printed words not heard at the start and at the end of the match (runs, may be empty)."""
    runs: list[list[str]] = []
    for sequence in (list(ops), list(ops)[::-1]):
        run: list[str] = []
        for op in sequence:
            if op.kind == CUT and not run:
                continue
            if op.kind not in (ADDED, REPLACED):
                break
            run.append(op.printed)
        runs.append(run if sequence[0] is ops[0] else run[::-1])
    return runs


def meaning_changes(ops: Sequence[Op], printed_text: str,
                    spoken_text: str) -> tuple[list[str], list[str]]:
    """Meaning-bearing differences between a printed quote and the speech it was found at.

    ``ops``: the word operations (folded tokens); ``printed_text``: the quote as printed;
    ``spoken_text``: the transcript's words from the first to the last matched one.
    Each change reads ``kind: spoken→printed``, what was said then what was printed
    (``number: 350→150``, ``negation added: pas``, ``hedge cut: je pense``,
    ``word: reduire→supprimer``). Returns ``(changes, notes)``:
    notes are doubts for the warning (a printed number not heard at all).
    """
    ops = list(ops)
    changes, notes = number_changes(printed_text, spoken_text, ops)
    changes += _negations(ops)
    changes += _hedges(ops)
    changes += _scale_added(ops)
    changes += _gaps(ops, compound_parts(printed_text, spoken_text))
    return list(dict.fromkeys(changes)), notes


# --------------------------------------------------------------------------- polarity


def _sides(ops: Sequence[Op]) -> tuple[list[str], list[int], list[str], list[int]]:
    """Printed and spoken token sequences, with the index of the op of each token."""
    printed, p_index, spoken, s_index = [], [], [], []
    for i, op in enumerate(ops):
        if op.printed and op.kind != "inserted":
            printed.append(op.printed)
            p_index.append(i)
        if op.spoken:
            spoken.append(op.spoken)
            s_index.append(i)
    return printed, p_index, spoken, s_index


def _negations(ops: Sequence[Op]) -> list[str]:
    """A negation printed but not spoken at its place, or spoken and cut without a mark.

    Captions hear "pas", "jamais", "sans" reliably (they drop "ne", which is not counted).
    A long unmarked cut (a whole clause, ``negation_cut_words``) may hold a negation
    without reversing what is printed.
    """
    printed, p_index, spoken, s_index = _sides(ops)
    out = []
    for k, word in polarity_markers(printed):
        op = ops[p_index[k]]
        if op.kind in (ADDED, REPLACED) and op.spoken != word:
            out.append(f"negation added: {word}")
    for k, word in polarity_markers(spoken):
        i = s_index[k]
        op = ops[i]
        replaced = (op.kind == REPLACED and op.printed != word
                    and not _printed_nearby(ops, i, word) and _short_gap_without(
                        ops, i, {w for _, w in polarity_markers(printed)}))
        cut = op.kind == CUT and (_cut_run(ops, i) <= VERDICT_RULES["negation_cut_words"]
                                  or _ne_cut_before(ops, i))
        if replaced or cut:
            out.append(f"negation removed: {word}")
        elif op.kind in (KEPT, CHANGED):
            softener = _softener_cut(ops, i)
            if softener:
                out.append(f"negation softener cut: {word} {softener}→{word}")
    for i, op in enumerate(ops):
        if op.kind in (REPLACED, CHANGED):
            prefix = negating_prefix(op.printed, op.spoken)
            if prefix and not _prefix_heard_apart(ops, i):
                out.append(f"negation: {op.spoken}→{op.printed}")
            elif opposite_prefix(op.printed, op.spoken):
                out.append(f"word: {op.spoken}→{op.printed}")
            elif op.kind == CHANGED and opposed(op.printed, op.spoken):
                # "aucune" heard, "chacune" printed: alike in sound, opposite in meaning.
                out.append(f"quantifier: {op.spoken}→{op.printed}")
            elif op.spoken in ("plus", "jamais") and op.printed in ("toujours", "encore"):
                # "ils (ne) sont plus les mêmes" printed "ils sont toujours les mêmes"
                out.append(f"negation removed: {op.spoken}")
    return out


def _prefix_heard_apart(ops: Sequence[Op], i: int) -> bool:
    """The captions wrote the prefix as a word of its own ("un criminer" for "incriminer"):
    the spoken word cut just before ``ops[i]`` and its word sound like the printed one."""
    previous = ops[i - 1] if i else None
    return bool(previous and previous.kind == CUT and previous.spoken and phrase_key(
        f"{previous.spoken} {ops[i].spoken}") == phrase_key(ops[i].printed or ""))


def _printed_nearby(ops: Sequence[Op], i: int, word: str) -> bool:
    """The quote prints the same negation a few words away ("pas | je connais pas" said,
    "Je ne connais pas" printed): the spoken one at ``i`` is another sentence's."""
    return any(op.printed == word and op.kind in (KEPT, CHANGED)
               for op in ops[max(0, i - 4): i + 5])


def _ne_cut_before(ops: Sequence[Op], i: int) -> bool:
    """Whether the "ne"/"n'" of the negation cut at ``ops[i]`` was cut too, one or two
    heard words before ("vous | n' | allez | pas du tout | vivre" printed "vous allez
    vivre"): both halves of the negation gone, however long the cut after the verb."""
    for k in range(max(0, i - 3), i):
        if ops[k].kind == CUT and ops[k].spoken in NE_PARTICLE:
            # The verb between was heard: a cut "ce n'est pas" restarted as "ce ne sont
            # pas" (a repair) is one run, not two halves of a negation.
            return any(op.kind in (KEPT, CHANGED) for op in ops[k + 1:i])
    return False


def _softener_cut(ops: Sequence[Op], i: int) -> str | None:
    """The softener ("forcément", "vraiment"…) spoken right after the heard negation at
    ``ops[i]`` and cut: "pas forcément attractif" printed "pas attractif"."""
    following = [op for op in ops[i + 1:i + 4] if op.spoken]
    for size in (3, 2, 1):
        words = following[:size]
        phrase = " ".join(op.spoken for op in words)
        if len(words) == size and phrase in NEGATION_SOFTENERS and all(
                op.kind == CUT for op in words):
            return phrase
    return None


def _short_gap_without(ops: Sequence[Op], i: int, markers: set[str]) -> bool:
    """Whether ``ops[i]`` sits in a short gap (≤ ``negation_cut_words`` + 1 printed words
    between heard ones) whose printed words hold no negation: "même en parlant anglais"
    where "même sans parler anglais" was said. A long unheard run is another matter
    (``unheard``, ``glued``)."""
    lo = hi = i
    while lo > 0 and ops[lo - 1].kind not in (KEPT, CHANGED):
        lo -= 1
    while hi + 1 < len(ops) and ops[hi + 1].kind not in (KEPT, CHANGED):
        hi += 1
    printed = [op.printed for op in ops[lo: hi + 1] if op.printed and op.kind != "inserted"]
    if len(printed) > VERDICT_RULES["negation_cut_words"] + 1 or (
            set(printed) & (markers | set(NEGATIONS))):
        return False
    # The rest of the gap must be explained (heard alike): in a garbled stretch ("l'équipe
    # a" heard "et qui pas") the negation is as likely the captions' error.
    others = [op for k, op in enumerate(ops[lo: hi + 1], lo) if k != i]
    p_content = [op.printed for op in others if op.printed and _content(op.printed)]
    s_content = [op.spoken for op in others if op.spoken and _content(op.spoken)]
    return not p_content or (bool(s_content) and sound_alike(" ".join(p_content),
                                                               " ".join(s_content)))


def _cut_run(ops: Sequence[Op], i: int) -> int:
    """Length of the run of unmarked cuts holding ``ops[i]``."""
    lo = hi = i
    while lo > 0 and ops[lo - 1].kind == CUT:
        lo -= 1
    while hi + 1 < len(ops) and ops[hi + 1].kind == CUT:
        hi += 1
    return hi - lo + 1


# --------------------------------------------------------------------------- hedges


def _hedges(ops: Sequence[Op]) -> list[str]:
    """A hedge spoken inside the quote and cut without a mark, or printed but not spoken."""
    printed, p_index, spoken, s_index = _sides(ops)
    kept = [i for i, op in enumerate(ops) if op.kind in (KEPT, CHANGED)]
    if not kept:
        return []
    first, last = kept[0], kept[-1]
    out = []
    for start, end, hedge in hedges_in(spoken):
        indices = s_index[start:end]
        inside = first < indices[0] and indices[-1] < last
        if inside and all(ops[i].kind in (CUT, REPLACED) for i in indices[-1:]) and sum(
                ops[i].kind in (CUT, REPLACED) for i in indices) * 2 > len(indices):
            out.append(f"hedge cut: {hedge}")
    for start, end, hedge in hedges_in(printed):
        indices = p_index[start:end]
        if sum(ops[i].kind in (ADDED, REPLACED) for i in indices) * 2 > len(indices) and (
                ops[indices[-1]].kind in (ADDED, REPLACED)):
            out.append(f"hedge added: {hedge}")
    return out


def _scale_added(ops: Sequence[Op]) -> list[str]:
    """A comparative or quantifier printed where nothing was said in its place ("plus de
    rôles modèles" printed, "rôles modèles" said): the quote claims more than the speaker
    did. Negation words ("ne … plus", "jamais") are ``_negations``' and a word heard as
    another is compared by ``_gaps``."""
    printed, p_index, _spoken, _s_index = _sides(ops)
    negation = {k for k, _word in polarity_markers(printed)}
    return [f"quantifier added: {word}" for k, word in enumerate(printed)
            if word in ADDED_SCALE_WORDS and k not in negation
            and ops[p_index[k]].kind == ADDED]


# --------------------------------------------------------------------------- words


def _content(word: str) -> bool:
    return content_word(word)


def _gaps(ops: Sequence[Op], compounds: frozenset[str] = frozenset()) -> list[str]:
    """Quantifiers swapped and content words replaced, gap by gap between heard words.

    A gap is a run of operations between two printed words that were heard. Printed words
    not heard and spoken words left out in one gap are compared as phrases: "marge de
    quest" for "mergerequest" sounds alike (noise), "mondial" for "européen" does not.
    ``compounds``: parts of hyphenated words of either text, content words however short
    ("mi" of "mi-temps").
    """
    out: list[str] = []
    gap: list[Op] = []
    edge = False
    for op in [*ops, Op(KEPT)]:
        if op.kind in (KEPT, CHANGED):
            if gap:
                out += _gap_changes(gap, edge=edge, compounds=compounds)
            gap, edge = [], False
        elif op.kind != MARKED_CUT:
            gap.append(op)
            edge = edge or op.kind == EDGE
        else:
            gap = []
    return out


def _edge_word(printed: Sequence[str], said: Sequence[str],
               compounds: frozenset[str]) -> list[str]:
    """One printed content word past the last heard one, where the speech goes on with
    another content word that does not sound like it: "une voie plus | commerciale" where
    "une voie plus | littéraire" was said. More than one unheard word may be the next
    sentence's, or a cut: not compared (``edge_ops``)."""
    if len(printed) != 1 or not content_word(printed[0], compounds) or is_number_word(printed[0]):
        return []
    content = [w for w in said if content_word(w, compounds) and not is_number_word(w)]
    if not content or any(sound_alike(printed[0], w) for w in said):
        return []
    return [f"word: {content[0]}→{printed[0]}"]


def _gap_changes(gap: Sequence[Op], *, edge: bool,
                 compounds: frozenset[str] = frozenset()) -> list[str]:
    printed = [op.printed for op in gap if op.kind in (ADDED, REPLACED)]
    spoken = [op.spoken for op in gap if op.kind in (CUT, REPLACED, EDGE)]
    out = [f"quantifier: {b}→{a}" for a in printed for b in spoken if opposed(a, b)]
    if out:
        return out[:1]
    if edge:
        return _edge_word(printed, [op.spoken for op in gap if op.kind == EDGE], compounds)
    # A printed grammar word ("chez") is no content word replaced; a spoken one still is
    # the word heard in place of a printed content word ("tambour" heard "laquelle").
    p_content = [w for w in printed if content_word(w, compounds) and not is_number_word(w)
                 and w not in GRAMMAR_WORDS]
    # A fraction said as a noun ("la moitié") is also a word a quote can swap ("une poignée").
    s_content = [w for w in spoken if content_word(w, compounds)
                 and (not is_number_word(w) or w in FRACTIONS)]
    if not p_content or not s_content:
        return []
    if len(spoken) > len(printed) + 2:
        # A clause cut next to a misheard word: compare the replaced pairs only.
        pairs = [(op.printed, op.spoken) for op in gap if op.kind == REPLACED
                 and content_word(op.printed, compounds) and content_word(op.spoken, compounds)]
        return [f"word: {b}→{a}" for a, b in pairs if not sound_alike(a, b)]
    if sound_alike(" ".join(printed), " ".join(spoken)) or sound_alike(
            " ".join(p_content), " ".join(s_content)):
        # Grammar words around may differ ("chez ManoManou" heard "au mano"): the content
        # words sounding alike is enough.
        return []
    return [f"word: {' '.join(s_content)}→{' '.join(p_content)}"]
