"""Rules for cited third parties: people whose words an article quotes but who do not speak
at the recorded event (``coopanalysis.read.article``), as data.

An author, a letter's sender, a former office-holder, someone a speaker quotes ("en citant
X"), someone the newsroom reached after the event ("Joint par notre rédaction, X…"): such
a person never becomes a speaker, and their words get no speaker. See ``docs/article.md``.
"""

from __future__ import annotations

import re

#: "en citant Bruno Latour", "reprenant une formule de Edgar Pisani", "quoting Sherry Arnstein":
#: the person named after these words is *cited* by the speaker, never the speaker.
CITE_RE = re.compile(
    r"\b(?i:en\s+citant|citant|cite|citait|a\s+cité|ont\s+cité|reprenant\s+(?:une|la)\s+formule\s+(?:de\s+|d['’])"
    r"|reprenant\s+les\s+mots\s+(?:de\s+|d['’])|selon\s+la\s+formule\s+(?:de\s+|d['’])"
    # "comme l'écrit X": written words, cited. Not "comme le dit X : « … »", which a
    # summary uses for a speaker's own words at the event.
    r"|comme\s+(?:le\s+|la\s+|l['’])?(?:disait|écrivait|écrit|répétait|affirmait|rappelait"
    r"|soulignait|notait|aimait\s+à\s+le\s+dire|aimait\s+à\s+dire|avait\s+dit|a\s+écrit)"
    r"|quoting|citing|in\s+the\s+words\s+of|as\s+\w+\s+(?:said|wrote|put\s+it))\s*"
    # "cite l'ingénieur Paul Meunier", "a cité l'ancienne députée de la circonscription,"
    r"(?:(?i:l['’]|le\s+|la\s+|les\s+|un\s+|une\s+)[^\W\d_]+(?:\s+[a-zà-ÿ'’-]+){0,5},?\s+)?"
    r"(?P<name>[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){0,2})"
)
#: The spoken ones among ``CITE_RE``'s recall cues ("comme le rappelait X"), as opposed to
#: written ones ("comme l'écrivait X") and citations ("en citant X").
SPOKEN_RECALL_RE = re.compile(r"(?i)comme\s+(?:le\s+|la\s+|l['’])?(?:disait|répétait"
                              r"|affirmait|rappelait|soulignait|notait|avait\s+dit)\b")

#: A past tenure stated after a name ("Jean Durand, maire de la commune de 1989 à 2008",
#: "qui a présidé cette région de 1998 à 2004", "élue de 1997 à 2012"): a former
#: office-holder, recalled, not present; or "ancien(ne)" in the apposition before the name.
#: Also a life span ("Jean Durand (1931-2019)") or a death ("…, disparu en 2019").
FORMER_AFTER_RE = re.compile(
    r"\s*[,(][^.!?«»“”]{0,90}?\b(?:de|entre)\s+(?:1[89]|20)\d\d\s+(?:à|a|et)\s+(?:1[89]|20)\d\d\b"
    r"|\s*\(\s*(?:1[89]|20)\d\d\s*[-–]\s*(?:1[89]|20)\d\d\s*\)"
    r"|\s*,[^.!?«»“”:]{0,80}?(?<![\w-])(?i:décédée?|disparue?|morte?)\s+(?:en|le|il\s+y\s+a)\b")
#: "X, ancienne directrice de l'office,": a former office (not a former trade: "ancien
#: infirmier") in the apposition after the name; former only when no present role presents
#: the name ("La vice-présidente, X, ancienne maire" holds an office today).
FORMER_APPOSITION_RE = re.compile(
    r"\s*,\s*(?i:ancien(?:ne)?s?\s+|ex-)(?i:maire|présidente?|vice-présidente?|directeur|directrice"
    r"|préfète?|sous-préfète?|députée?|sénat(?:eur|rice)|ministre|adjointe?|conseill(?:er|ère)"
    r"|déléguée?|secrétaire|cheffe?|élue?)\b")
FORMER_BEFORE_RE = re.compile(
    r"(?:\b(?i:ancien(?:ne)?|feue?|regretté(?:e)?|défunte?|prédécesseure?|prédécesseur)\b"
    r"|\b(?i:ex)-"
    # "le préfet de l'époque, X", "le maire d'alors, X"
    r"|\b(?i:de\s+l['’]époque|d['’]alors)\s*,\s*$)[^.!?«»:;]{0,60}$")

#: Someone known here by what they wrote or sent, not by speaking: the author of a book or
#: report ("l'auteur de *La Ville réparée*, X", "X, autrice d'un rapport", "X écrivait",
#: "X, dans son livre"), the sender of a letter read out ("une lettre de X", "le courrier
#: de X"). Such a person is a speaker only when another mention says they speak.
AUTHOR_BEFORE_RE = re.compile(
    # (not "autrice de plusieurs travaux": credentials, not a document quoted)
    r"\b(?i:auteure?|autrice|signataire)\s+(?:de|du|des|d['’])(?!\s*(?i:plusieurs|nombreu|divers"
    r"|travaux|ouvrages|livres|publications))[^.!?«»:;]{0,80}?,?\s*$"
    # "Son auteur, l'ingénieur X": the author of the document just named.
    r"|\b(?i:son|sa|leur)\s+(?i:auteure?|autrice|rédacteur|rédactrice)\s*,[^.!?«»:;]{0,60}$"
    r"|\b(?i:lettre|courrier|courriel|mail|message|missive|tribune|livre|ouvrage|essai|rapport"
    r"|testament|étude|enquête|pétition)\s+(?:de|du|des|d['’])\s*(?:l['’]|le\s+|la\s+)?"
    # the sender's role may name a place: "la lettre de la directrice de l'école de la Prade, X"
    r"(?:[^\W\d_][\w'’-]*\s*,?\s+){0,6}$"
    # "Dans un courrier lu en ouverture de séance, le préfet X…": the writer of a letter.
    r"|\b(?i:dans|par)\s+(?i:un|une|son|sa|leur)\s+(?i:courrier|courriel|mail|lettre|message"
    r"|missive|communiqué|tribune|note|rapport|étude|avis|livre|ouvrage|essai|thèse|article)"
    r"\b[^.!?«»“”]{0,120}$"
    # "dans son *Histoire de la vallée*, l'historienne X": a work's title (capitalised after
    # the possessive; the italics are masked).
    r"|\b(?i:dans|par)\s+(?i:son|sa|leur)\s+[*_\s]*[A-ZÀ-Ý][^.!?«»“”,]{1,80},[^.!?«»“”]{0,80}$"
    # "le rapport de la chambre des comptes, dont le magistrat rapporteur, X, qualifiait…".
    r"|\b(?i:rapport|étude|livre|ouvrage|lettre|note|courrier|avis)\b[^.!?«»“”:;]{0,100}?"
    r"\bdont\s+(?i:le|la|l['’]|les)\s*[^.!?«»“”:;]{0,60}$"
    # "…, signé par la sociologue X", "signée de la diététicienne X": the author of the
    # document just named.
    r"|\b(?i:signée?s?|rédigée?s?)\s+(?:par|de|du)\s+(?:(?i:le|la|l['’])\s*)?(?:[a-zà-ÿ'’-]+\s+){0,2}$"
    # "la lettre que lui a adressée le directeur départemental, X".
    r"|\b(?i:lettre|courrier|message|missive|note)\s+(?i:qu['’]|que)\s*(?i:lui|leur|nous|m['’]|me)?"
    r"\s*(?i:a|avait)\s+(?i:adressée?|envoyée?|écrite?)\b[^.!?«»“”:;]{0,100}$"
    # "un courrier adressé à la mission par la gérante des Autocars Ferrand, X".
    r"|\b(?i:courrier|courriel|lettre|message|missive|note|rapport|étude|document|avis|texte"
    r"|pétition|diagnostic|expertise|audit)"
    r"[^.!?«»“”:;]{0,60}?\b(?i:adressée?|envoyée?|écrite?|signée?|rédigée?|lancée?|portée?)"
    r"\b[^.!?«»“”:;]{0,100}\bpar\b[^.!?«»“”:;]{0,80}$")
AUTHOR_AFTER_RE = re.compile(
    # "X décrivait ce mécanisme dès 2020 dans son livre …": the clause names X's writing.
    r"[^.!?«»“”:;,]{0,60}?\b(?i:dans|en\s+conclusion\s+de)\s+(?i:son|sa|ses)\s+"
    r"(?i:livre|ouvrage|essai|rapport|étude|thèse|article|tribune|roman|mémoires)\b|"
    r"(?:\s*,[^.!?«»“”:;]{0,80}?)?\s*(?:\(\s*(?:1[89]|20)\d\d\s*\)\s*)?"
    # "X l'a écrit dans son rapport": an object pronoun before the writing verb.
    r"(?:(?i:l['’]|les\s+|lui\s+)\s*)?"
    # "X, y écrit que …": written in the document just named.
    r"(?:(?i:y\s+écrit|y\s+écrivait|y\s+note|y\s+notait)\b|"
    r"(?<![\w-])(?i:écrivait|avait\s+écrit|écrit\s+dans"
    r"|a\s+écrit\s+dans|notait\s+dans|dans\s+(?:son|sa|ses)\s+(?:livre|ouvrage|essai"
    r"|roman|thèse|lettre|mémoires)|auteure?\s+(?:de|du|des|d['’])"
    r"|autrice\s+(?:de|du|des|d['’])|dont\s+(?:la|le)\s+(?:lettre|courrier|message)"
    r"\s+(?:a\s+été|fut|était)\s+lu"
    # "l'économiste X, dont l'ouvrage sur les tarifs décrit …": known by a work.
    r"|dont\s+(?:l['’]|le\s+|la\s+|les\s+|un\s+|une\s+)\s*(?:dernier\s+|dernière\s+)?"
    r"(?:ouvrage|livre|rapport|étude|thèse|travaux|essai|article|note|enquête)\b))")
#: Between a cited person's name and a quotation, a relative clause whose antecedent is that
#: person ("Il a cité le rapport de l'ancien sénateur X, *qui estimait* que « … »", "X, *pour
#: qui* « … »"): the quoted words are the cited person's — no speaker (a cited third party).
CITED_RELATIVE_RE = re.compile(r"^[^.!?«»“”]{0,120}?\b(?:qui|dont|pour\s+qui|selon\s+qui"
                               r"|who|whose)\b[^.!?«»“”]{0,120}$", re.IGNORECASE)

#: A quotation introduced as past writing ("Dans son livre (2019), celui-ci écrivait : « … »",
#: "elle avait écrit en 2015 : « … »"): words written before the event, quoted by the
#: article — not said there, no speaker.
#: Writing, not speaking, before a quotation inside an interview answer ("Elle écrit que
#: ‘…’", "il l'a publié") : the words of a book or a letter, not of the debate.
WRITES_RE = re.compile(r"\b(?:écri(?:t|s|vait|vent|ra|re)|publi(?:e|é|ait))\b", re.IGNORECASE)
WRITTEN_LEAD_RE = re.compile(r"\b(?:écrivait|avait\s+écrit|écrivit|écrivaient|avaient\s+écrit"
                             r"|a\s+écrit|ont\s+écrit)"
                             r"\b[^.!?«»“”]{0,60}?[:,]?\s*$", re.IGNORECASE)

#: Someone the newsroom reached apart from the event ("Joint par l'AFP dans la soirée, X",
#: "Contactée par notre rédaction, X", "Interrogé par nos soins le lendemain, X"): words
#: given to the press, not said at the recorded meeting — a cited third party. "joint" and
#: "contacté" always mean reached outside the room; "interrogé", "sollicité" and "questionné"
#: only with the press as their agent ("Interrogée par la salle, X" speaks at the meeting).
PRESS_CONTACT_BEFORE_RE = re.compile(
    r"(?:\b(?i:joint|jointe|contacté|contactée)s?\s+(?:[^\W\d_]+\s+)?"
    r"(?i:par|au\s+téléphone|après|le\s+lendemain)"
    # "Contactée jeudi, la directrice …": a participial clause opening the sentence.
    r"|(?:^|(?<=[.!?»]\s))(?:Joint|Jointe|Contacté|Contactée)s?\b[^,.;:!?«»]{0,40},"
    r"|\b(?i:reached|contacted)\s+(?i:by\s+(?:phone|telephone|email|us|the)|after|the\s+next)"
    r"|\b(?i:interrogé|interrogée|sollicité|sollicitée|questionné|questionnée|interviewé"
    r"|interviewée)s?(?:\s+[^\W\d_]+){0,3}?\s+par\s+(?:(?i:notre|nos|la\s+rédaction|le\s+journal"
    r"|l['’]agence|téléphone)|(?:l['’])?[A-Z]{2,}\b|[*_][^*_]{2,60}[*_])"
    # "Interrogée par Territoires forestiers après la réunion, X": asked after the event.
    r"|(?:\s+[^\W\d_'’]+|\s+[^\W\d_]+['’]){0,8}?\s+(?i:après|à\s+l['’]issue\s+de)\s+"
    r"(?i:la|le)\s+(?i:réunion|séance|débat|conseil|table\s+ronde))"
    r"[^.!?«»“”]{0,120}$")
#: The same after the name: "X a confié à notre rédaction", "X, joint par téléphone,".
PRESS_CONTACT_AFTER_RE = re.compile(
    r"\s*,?\s*(?:[^.!?«»“”]{0,80}?\s)?"
    r"(?:(?i:a\s+)?(?i:confié|déclaré|expliqué|indiqué|précisé|assuré|affirmé)\s+à\s+"
    r"(?i:notre|nos|la\s+rédaction|l['’]agence)"
    r"|(?i:joint|jointe|contacté|contactée)s?\s+(?i:par|au\s+téléphone|après|le\s+lendemain)"
    # "X m'a écrit", "nous a répondu par courriel", "m'a répondu vendredi": an answer to
    # the writer apart from the event ("m'a répondu sans détour : « … » (57:20)", at the
    # meeting, is not one).
    r"|(?i:m['’]|nous\s+)(?i:a|avait)\s+(?i:écrit\b|répondu\s+(?:par\s+(?:courriel|mail|écrit"
    r"|téléphone|message|lettre|SMS)|le\s+lendemain|plus\s+tard|lundi|mardi|mercredi|jeudi"
    r"|vendredi|samedi|dimanche)\b)"
    # "X, interrogé par Risques & Territoires après la réunion,": reached after the event.
    r"|(?i:interrogée?|sollicitée?|questionnée?|interviewée?)s?\s+par\b[^.!?«»“”]{0,60}?"
    r"\b(?i:après|à\s+l['’]issue\s+de)\b"
    # "X déclara le lendemain du vote : « … »": words given after the event.
    r"|(?i:a\s+|avait\s+)?(?i:déclaré|déclara|confié|confia|indiqué|indiqua)\s+"
    r"(?i:le\s+lendemain|le\s+jour\s+suivant|après\s+la\s+(?:réunion|séance)))")
#: A letter or a message read out before a quotation ("a donné lecture d'un courrier … :
#: « … »", "a lu la lettre du préfet : « … »"): the quoted words are the writer's, not
#: the reader's — no speaker (the writer is cited).
READ_OUT_RE = re.compile(
    r"\b(?i:donné\s+lecture|donne\s+lecture|fait\s+lecture|lecture\s+(?:d['’]un|d['’]une|du|de\s+la)"
    r"|(?:a|avait)\s+(?:d['’]abord\s+|[^\W\d_]+\s+)?lue?s?|lit|lisait"
    r"|lisant)\b[^.!?«»“”]{0,40}?"
    r"\b(?i:courrier|lettre|message|missive|communiqué|mail|courriel|note|passage|phrase"
    r"|extrait|ligne|paragraphe|pétition|motion|déclaration)\b"
    r"[^.!?«»“”]{0,160}$"
    # "une lettre que X a lue à la tribune : « … »": the document first, then its reading.
    r"|\b(?i:courrier|lettre|message|missive|communiqué|mail|courriel|note|pétition|motion)\s+"
    r"(?i:que|qu['’])[^.!?«»“”]{0,60}?\b(?i:a|avait)\s+lue?s?\b[^.!?«»“”]{0,100}$")
#: "X, absente ce soir, …", "X, absent lui aussi,": in the name's own apposition.
ABSENT_APPOSITION_RE = re.compile(
    r"\s*,\s*(?:[^,.;:!?«»“”]{0,60},\s*)?(?i:absente?s?)\s+(?i:ce\s+soir|ce\s+jour|lors\s+d"
    r"|du\s+débat|de\s+la\s+(?:séance|réunion|table\s+ronde)|elle\s+aussi|lui\s+aussi)")
#: "Absent de la réunion, le conseiller …, X": said not to be at the event, before the name.
ABSENT_BEFORE_RE = re.compile(
    r"(?:^|[.!?»]\s+)[\s*_]*(?i:absente?s?|excusée?s?)\s+(?:de|à|lors\s+de)\s+(?:la|le|l['’])\s*"
    r"(?i:séance|réunion|table\s+ronde|débat|conseil)\b[^.!?«»“”]{0,100}$")
#: Someone the text says was not at the event ("X, qui n'était pas présent, écrit…", "X,
#: qui ne suit pas la séance", "X, absente de la réunion"): never a speaker of it.
ABSENT_AFTER_RE = re.compile(
    r"[^.!?«»“”]{0,120}?\b(?i:n['’](?:était|étaient|est)\s+pas\s+(?:présente?s?|là|venue?s?"
    r"|dans\s+la\s+salle|conviée?s?|invitée?s?)"
    r"|ne\s+suit\s+pas\s+(?:la\s+séance|la\s+réunion|le\s+débat)"
    r"|n['’]assist(?:ait|e)\s+pas|absente?s?\s+(?:de|à)\s+la\s+(?:séance|réunion)"
    r"|n['’](?:a|avait)\s+pas\s+pu\s+(?:assister|venir|être\s+présente?|se\s+déplacer)"
    r"|n['’]avait\s+pas\s+souhaité\s+(?:participer|venir|assister)"
    r"|did\s+not\s+attend|was\s+not\s+(?:present|there|at\s+the\s+meeting))")

