"""Rule tables of the article reader (``coopanalysis.read.article``), as data.

What a reader must know about the genre — French (and English) round-table reporting:
quotation marks, role words, pronoun and citation cues, credit lines, dates. Patterns are
built from the word lists of ``text.lexicon`` (reporting verbs, civil titles, months).
Each table says why it exists; extend a table rather than adding an ``if``. See
``docs/article.md``.
"""

from __future__ import annotations

import re

from coopanalysis.text import lexicon
from coopanalysis.text.normalize import fold

# --- Quotation marks -------------------------------------------------------------------
#: Opening mark → closing mark. Straight double quotes are handled apart (the same mark
#: opens and closes). Single curly quotes are left out on purpose: "’" is the typographic
#: apostrophe of French text ("l’avenir"), so treating it as a closing mark breaks words.
QUOTE_PAIRS: dict[str, str] = {"«": "»", "“": "”", "‹": "›"}
CLOSING_MARKS: dict[str, str] = {close: open_ for open_, close in QUOTE_PAIRS.items()}
STRAIGHT_QUOTE = '"'
#: Single curly quotes ‘…’ (student and English-style press). "’" is also the apostrophe
#: ("l’avenir"), so ‘ opens only after a space, a bracket or the start, and ’ closes only an
#: open ‘ and only before a space, punctuation or the end (never inside a word).
SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"
SINGLE_OPEN_AFTER = " \t([«“—–-"
SINGLE_CLOSE_BEFORE = " \t.,;:!?…)]»”*_"

# --- Reporting verbs -------------------------------------------------------------------
#: Word forms (folded) that introduce or follow reported speech: ``text.lexicon``.
#: ``text.lexicon``'s list, plus speech verbs whose past participle does not fold to a form
#: it lists ("a-t-elle averti", "a promis X", "a rétorqué X": compound tenses of agency and
#: daily style). Speech verbs by definition, not words met in one article.
REPORTING_VERBS: frozenset[str] = lexicon.REPORTING_VERBS | frozenset({
    "retorque", "retorquait", "averti", "avertissait", "promet", "promettait", "promis",
    "prevenu", "prevenait", "soutenu", "reprend", "reprenait", "repris", "annonce",
    "annoncait", "concede", "concedait", "objecte", "objectait", "enchainait", "resume",
    "souffle", "soufflait", "lache", "lachait", "crie", "criait", "hurle", "hurlait"})
#: Verbs that invert their subject pronoun outside an incise ("est-il écrit", "faut-il",
#: "peut-il"): any other inverted verb right after a quotation is the incise of French
#: reported speech, whatever the verb ("», sourit-il", "», s'engage-t-elle").
NOT_INCISE_INVERSIONS: frozenset[str] = frozenset({"est", "etait", "sera", "faut", "fallait",
                                                    "peut", "pouvait", "semble", "reste"})
#: Verbs of protest that newsrooms use as incises ("« … », a déploré X", "a dénoncé la
#: présidente"), present, imperfect and participle. Before the quotation their object is
#: mostly a noun phrase ("a dénoncé « une taxe déguisée »"): a fragment, not a statement.
PROTEST_VERBS: frozenset[str] = frozenset({
    "deplore", "deplorait", "denonce", "denoncait", "fustige", "fustigeait", "proteste",
    "protestait", "conteste", "contestait", "tacle", "taclait", "raille", "raillait",
    "insurge", "insurgeait", "indignait", "inquietait",
    # Speech acts whose object is a noun phrase too: to speak of, to propose ("a parlé
    # d'« un entre-soi »", "a proposé « un moratoire »").
    "parle", "parlait", "propose", "proposait"}) | lexicon.DEMAND_VERBS
#: Object pronouns between a closing mark and its speech verb ("», y affirmait X"), and the
#: reflexive "s'"/"se" of a pronominal one ("», s'engage-t-il").
CLITICS_BEFORE_VERB: frozenset[str] = frozenset({"y", "en", "lui", "leur", "nous", "vous",
                                                 "s", "se"})
MORE_SPEECH_VERBS = lexicon.MORE_SPEECH_VERBS
REPORTING_VERBS = (REPORTING_VERBS | PROTEST_VERBS | MORE_SPEECH_VERBS
                   | {"replique", "repliquait"})
#: In an interview question, words the journalist gives to the interviewee, the one
#: addressed: "vous avez affirmé que « … »", "vous dites : « … »", "vous aviez écrit « … »".
#: "Le maire vous a objecté « … »" is not one ("vous" is its object, not the subject).
ADDRESSEE_CUE_RE = re.compile(
    r"\b(?i:vous)\s+(?:(?i:avez|aviez|aurez|auriez)\s+(?:(?i:même|aussi|alors|déjà)\s+)?"
    r"(?i:dit|affirmé|déclaré|écrit|lancé|expliqué|estimé|promis|assuré|annoncé|"
    r"répondu|répété|martelé|qualifié|parlé|évoqué|prévenu|reconnu|admis|souligné)"
    r"|(?i:dites|affirmez|déclarez|écrivez|expliquez|estimez|répétez|parlez))\b")
#: Auxiliaries of compound tenses: "« … », a-t-elle ajouté", "« … », a conclu X".
AUXILIARIES: frozenset[str] = lexicon.AUXILIARIES

#: A verb then a pronoun joined by hyphens: "dit-elle", "ajoute-t-il", "précise-t-elle".
INVERTED_PRONOUN_RE = re.compile(r"\b(?P<verb>[^\W\d_]+)(?:-t)?-(?P<pronoun>il|elle|ils|elles)\b",
                                 re.IGNORECASE)

#: A leading "Pour X," / "Selon lui," / "According to her," that attaches a clause to a
#: speaker; cut from the front of a paraphrase.
ATTRIBUTION_LEAD_RE = re.compile(
    r"\s*(?:pour|selon|d['’]apr[eè]s|according\s+to|for)\s+[^,]{1,60},\s*", re.IGNORECASE)

#: Pronoun cues that refer back to the current speaker. They never name anyone: the parser
#: resolves them to the last speaker mentioned (in the paragraph, else the previous one).
PRONOUN_CUE_RE = re.compile(
    r"(?:\b(?:selon|d['’]apr[eè]s|pour)\s+(?:lui|elle)\b"
    r"|\b(?:il|elle)\s+(?:ne\s+|n['’]|se\s+|s['’]|y\s+|en\s+|le\s+|la\s+|lui\s+)?"
    r"(?:a\s+|avait\s+|aurait\s+|(?:a|avait)\s+(?:aussi|également|ensuite|alors)\s+)?"
    r"(?P<verb_fr>[a-zéèêëàâîïôûç]+)\b"
    r"|[,\s](?:lui|elle),"
    r"|\b(?P<verb_inv>[a-zéèêëàâîïôûç]+)(?:-t)?-(?:il|elle)\b"
    r"|\b(?:sa|son)\s+(?:formule|mot|conviction|avis|message|conclusion)\b"
    r"|\baccording\s+to\s+(?:him|her|them)\b"
    r"|\b(?:he|she)\s+(?:also\s+|then\s+)?(?P<verb_en>[a-z]+)\b)",
    re.IGNORECASE,
)
#: The named verb groups of ``PRONOUN_CUE_RE`` must be reporting verbs ("elle ajoute" is a
#: cue, "il faut" and "est-elle" are not).
PRONOUN_VERB_GROUPS: tuple[str, ...] = ("verb_fr", "verb_inv", "verb_en")

#: A signature after a quotation: "» — Sophie Legrand, directrice", "» – Hugo Delaunay".
DASH_SIGNATURE_RE = re.compile(r"[\s*_>]*[—–―][ \t]*(?=[A-ZÀ-Ý])")  # also on the next line

# --- People --------------------------------------------------------------------------------
# French letters, and those of names from neighbouring languages ("Baró", "Muñoz", "Gonçalves").
_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÁÍÓÚÑÃÕ"
_LOWER = "a-zàâäçéèêëîïôöùûüÿœæáíóúñãõ"
#: The capital and lower-case letters of French names, for character classes.
UPPER = _UPPER
LOWER = _LOWER
#: A person's full name: two or three capitalised words, with particles ("de", "van").
NAME_PATTERN = (rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
                rf"(?:\s+(?:de\s+|du\s+|van\s+|von\s+|da\s+|di\s+|le\s+)?"
                rf"[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}][{_LOWER}]+)?){{1,2}}")
NAME_RE = re.compile(rf"(?<![\w-]){NAME_PATTERN}(?![\w'’-])")
#: A line that is only a quote's signature: "— Sophie Legrand, directrice du réseau (12:05)",
#: "> — Bruno Cayrou-Lenoir, maire de Saint-Gervais" (a name, then its apposition).
SIGNATURE_LINE_RE = re.compile(rf"^[ \t>*_]*[—–―][ \t]*{NAME_PATTERN}\s*[,(]")

#: Role words (``text.lexicon``), longest first, and the gender their form gives.
ROLE_WORDS = lexicon.ROLE_WORDS
ROLE_ALTERNATION = "|".join(re.escape(word) for word in ROLE_WORDS)
#: A role word standing as a word of its own (not inside "co-président"), any case.
ROLE_WORD_RE = re.compile(rf"(?<![\w-])(?:{ROLE_ALTERNATION})(?![\w-])", re.IGNORECASE)
FEMININE_ROLES = lexicon.FEMININE_ROLES
MASCULINE_ROLES = lexicon.MASCULINE_ROLES
TITLE_GENDER: dict[str, str] = {title.lower(): gender
                                for title, gender in lexicon.CIVIL_TITLES.items() if gender}
PRONOUN_GENDER: dict[str, str] = lexicon.PRONOUN_GENDER
#: A subject pronoun opening a clause ("Elle sourit. « … »", "En repartant, elle remet son
#: dossier et lance : « … »"): in a portrait or a report the writer names someone once,
#: then says "elle"/"il". It refers to the last compatible speaker, like a reporting verb
#: after a pronoun. "il" is left out before impersonal verbs ("Il faut", "Il y a", "Il
#: s'agit", "Il reste"), where it refers to nobody.
SUBJECT_PRONOUN_RE = re.compile(
    r"(?:^|[.!?:;,]\s*|\b(?:et|mais|puis|alors)\s+)(?P<pronoun>[Ee]lle|[Ii]l)\s+"
    r"(?!(?:faut|fallait|faudra|faudrait|y\b|s['’]agit|s['’]agissait|reste|restait|suffit|"
    r"semble|semblait|paraît|est\s+(?:vrai|clair|temps|possible|difficile|nécessaire|"
    r"question)|était|vaut|manque|importe)\b)(?=[^\W\d_])")
#: How many distinct earlier speakers a gendered pronoun may reach back to, across
#: paragraphs, to find one whose known gender it fits ("Elle" after a paragraph quoting a
#: man in a portrait of a woman). Kept small: further back, a pronoun names nobody surely.
PRONOUN_REACH = 3
#: A determiner that gives an apposition's role a gender: "Martine Roux, la maire de…",
#: "une élue", "le maire". Epicene roles (maire, ministre) say nothing by themselves.
DETERMINER_GENDER: dict[str, str] = {"la": "f", "une": "f", "le": "m", "un": "m"}

#: Words between a role and its organisation: "président *du* Comité 21", "mayor *of* X".
ORG_CONNECTOR_RE = re.compile(
    r"^\s*(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|d['’]|de\s+|à\s+la\s+|à\s+l['’]|au\s+|aux\s+|à\s+"
    r"|of\s+the\s+|of\s+|at\s+the\s+|at\s+)", re.IGNORECASE)
#: Sentences that attribute the quotation just before them: "« … » Ce sont les mots de
#: Claire Dubois", "C'est ainsi que le résume X", "Those are the words of X".
NEXT_SENTENCE_ATTRIBUTION_RE = re.compile(
    r"^\s*(?:ce\s+sont\s+(?:là\s+)?les\s+(?:mots|propos|paroles)\s+d[e'’]"
    r"|c['’]est\s+(?:ainsi\s+que\s+|en\s+ces\s+termes\s+que\s+)"
    r"|(?:tels\s+sont|voilà)\s+les\s+(?:mots|propos)\s+d[e'’]|dixit\b"
    r"|(?:those|these)\s+(?:are|were)\s+the\s+words\s+of)",
    re.IGNORECASE,
)

#: Generic nouns dropped in front of a proper name ("l'association ALons'ZI" → "ALons'ZI",
#: "la commune de Plessé" → "Plessé"). "cabinet", "réseau", "coopérative" are kept: in the
#: genre they are part of the organisation's name ("réseau des Petites Cantines").
ORG_DROPPED_PREFIXES: tuple[str, ...] = (
    "l'association ", "association ", "la commune de ", "commune de ", "la ville de ",
    "ville de ", "the ",
)
#: Adverbs allowed between a name's comma and its role ("François Rebsamen, *alors* ministre").
ROLE_ADVERBS_RE = re.compile(r"^(?:alors|aussi|également|ancien|ancienne|former|now)\s+",
                             re.IGNORECASE)
#: An age set between a name and its role, as portraits and dailies print it: "Martine
#: Roux, 61 ans, maire de…", "Paul Blanc, âgé de 45 ans, président…". Skipped to reach the role.
AGE_APPOSITION_RE = re.compile(r"^(?:âgée?\s+de\s+)?\d{1,3}\s+ans\s*,\s*", re.IGNORECASE)

#: Determiners before a role noun that make it a mention of the speaker holding the role:
#: "insiste *le ministre*", "*La vice-présidente* insiste", "*The mayor* was clear". The
#: roles themselves are those of the article's speakers (table words or found by
#: ``GENERIC_ROLE_RE``).
ROLE_MENTION_DETERMINERS = (r"\b(?:le\s+|la\s+|the\s+|l['’]"
                            # "Réponse *du* vice-président", "l'avis *de la* maire"
                            r"|du\s+|de\s+la\s+|de\s+l['’])"
                            # "la première adjointe", "le premier vice-président"
                            r"(?:(?i:première|premier|deuxième|second|seconde)\s+)?")

#: A definite role noun of the table ("le vice-président de l'agglomération"), wherever it
#: stands: the subject of an incise before the name it announces.
#: A possessive counts here ("a demandé notre président de groupe, X"), not in a role
#: mention: "notre déléguée" is the writer's own delegate, not the speaker who holds the role.
ROLE_MENTION_RE = re.compile(
    rf"(?:\b(?:notre|votre|leur|son|sa)\s+|{ROLE_MENTION_DETERMINERS})(?:{ROLE_ALTERNATION})\b",
    re.IGNORECASE)

#: A role outside ``ROLE_WORDS`` in an apposition right after a name: a lower-case noun
#: (one or two words, no determiner) then a preposition and a capitalised organisation —
#: ", hydrologue au BRGM", ", urbaniste à la Ville de Nantes".
GENERIC_ROLE_RE = re.compile(
    rf"^(?!(?:le|la|les|un|une|des|the|a|an)\s)(?P<role>[{_LOWER}-]{{3,}}(?:\s[{_LOWER}-]{{3,}})?)"
    rf"\s+(?P<org>(?:au|aux|à\s+la|à\s+l['’]|de\s+la|de\s+l['’]|du|des|d['’]|de|at|of)\s*"
    rf"(?:the\s+)?(?:[{_LOWER}]+\s+)?[{_UPPER}].*)$"
)

#: A role outside ``ROLE_WORDS`` that opens its sentence, before the name it presents:
#: "L'hydrogéologue du bureau d'études Aquaterra, Élodie Roux, a présenté…" — a determiner,
#: a lower-case noun, an optional complement holding a capitalised organisation, a comma. The
#: text it is matched against ends right before the name.
GENERIC_ROLE_BEFORE_RE = re.compile(
    rf"(?:^|[.!?»”]\s+)(?:L['’]|Le\s+|La\s+)(?P<role>[{_LOWER}-]{{3,}})"
    # "Le technicien bocage de la communauté de communes, X": a noun's complement first.
    rf"(?:\s+[{_LOWER}-]{{3,}})?"
    rf"(?P<org>\s+(?:au|aux|à\s+la|à\s+l['’]|de\s+la|de\s+l['’]|du|des|d['’]|de)\s*"
    rf"[^,.;:!?«»“”()]{{0,80}})?\s*,\s*$"
)

#: A profession without article opening the sentence before a person's name ("Éducatrice
#: de rue au centre social, Farida Messaoudi…", "Armatrice à Port-Hélian, X"): a noun with
#: a person's ending (-trice, -teur, -euse, -ière, -iste, -ante…).
ROLE_FRONT_RE = re.compile(
    rf"(?:^|[.!?»”]\s+)(?P<role>[{_UPPER}][{_LOWER}-]{{3,}}"
    r"(?:trice|teur|euse|eur|ière|ier|iste|ante|ant|ente|ienne|ien|logue|aire|aine))"
    # "Directrice régionale de X": an adjective or two before the organisation.
    rf"(?:\s+[{_LOWER}-]+){{0,2}}?"
    rf"(?P<org>\s+(?:à|au|aux|de|du|des|d['’]|chez|et)\s*[^,.;:!?«»“”()]{{0,100}})?\s*,\s*"
    # "Directrice de Cyclia, l'opérateur sortant, X": the organisation's own apposition.
    r"(?:(?:l['’]|le\s|la\s|les\s|un\s|une\s)[^,.;:!?«»“”()]{0,80},\s*)?$")
NOT_ROLE_FRONT = lexicon.NOT_ROLE_FRONT
#: Nouns that open a sentence before a comma and a name without being a role ("Le
#: lendemain, Paul Roux…", "La semaine dernière, …").
NOT_ROLE_NOUNS: frozenset[str] = frozenset({
    "lendemain", "veille", "matin", "soir", "semaine", "année", "jour", "moment", "fin",
    "début", "après-midi", "occasion", "exemple", "idée", "question", "problème", "salle",
    "public", "assistance", "projet", "plan", "rapport", "étude", "objectif", "enjeu"})
#: "Pour " / "Selon " right before a name that opens its sentence, perhaps with the
#: person's common noun ("Pour la commerçante X", "Selon le docteur X"): the name is still
#: the sentence's first word for ``naming.introduced_role``.
LEAD_BEFORE_NAME_RE = re.compile(r"(?:^|(?<=[\s*_]))(?:Pour|Selon|D['’]après)\s+"
                                 r"(?:(?:le|la|l['’]|les)\s*[a-zà-ÿœ-]{3,}\s+"
                                 r"(?:[a-zà-ÿœ-]{3,}\s+)?)?$")
#: How far before a name ``LEAD_BEFORE_NAME_RE`` is looked for (characters).
LEAD_BEFORE_NAME_SPAN = 50

#: Civil titles in front of names ("M. Paul Vidal", "Mme Inès Carré"): not part of the name,
#: and their period does not end a sentence.
#: A title of capitals only ("M.", "MM.") needs its period: a bare "M" is an initial.
_TITLES_DOTTED = "|".join(re.escape(title) + (r"\." if title.isupper() else r"\.?")
                          for title in lexicon.CIVIL_TITLES)
_GENDERED_TITLES = "|".join(title for title, gender in lexicon.CIVIL_TITLES.items() if gender)
HONORIFIC_RE = re.compile(rf"^(?:{_TITLES_DOTTED})\s+")
ABBREVIATION_DOT_RE = re.compile(rf"\b(?:{'|'.join(lexicon.CIVIL_TITLES)}|St)\.")
#: A gendered civil title right before a name ("Mme Inès Carré"): it gives the gender.
TITLE_BEFORE_NAME_RE = re.compile(rf"\b(?P<title>{_GENDERED_TITLES})\.?\s*$")

#: "Olivier Nguyen et Paul Vidal divergent. Le premier…; le second s'y oppose : « … »":
#: ordinals name the first or the second of the last two speakers mentioned.
ORDINAL_MENTION_RE = re.compile(
    r"\b(?:(?P<first>le\s+premier|la\s+première|the\s+former)"
    r"|(?P<second>le\s+second|la\s+seconde|le\s+deuxième|la\s+deuxième|the\s+latter))\b",
    re.IGNORECASE,
)

#: A sentence whose subject is an indefinite person ("Un agriculteur dans la salle
#: approuve : « … »", "One resident shouted") reports someone the article does not
#: present: its quote gets no speaker rather than the paragraph's.
INDEFINITE_SUBJECT_RE = re.compile(
    r"^\s*(?:un|une|des|plusieurs|quelques|certains|certaines|one|a|an|some|several)\s+"
    rf"[{_LOWER}]", re.IGNORECASE)

# --- Metadata --------------------------------------------------------------------------
#: Credit lines: "Rédaction : Valentin Nonorgue de Territoires-Audacieux.fr", "Par Camille Roux".
#: A name signed as the article's writer anywhere in a line ("… — propos recueillis par
#: Camille Roux", "texte et photos : Léa Morel").
BYLINE_NAME_RE = re.compile(
    r"(?i:recueillis\s+par|r[ée]dig[ée]e?\s+par|texte\s+(?:et\s+photos?\s+)?:|par)\s+"
    rf"(?P<name>[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
    rf"(?:\s+[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}][{_LOWER}]+)?){{1,2}})(?=[\s*_]*(?:$|\n|—|–))",
    re.MULTILINE)
AUTHOR_RE = re.compile(
    # "Tribune — Par X": a rubric may stand before the credit.
    r"^[*_\s]*(?:[^\W\d_]+\s*[—–]\s*)?(?:Rédaction|Rédigé\s+par|Par|Texte|Auteur|Autrice|Propos\s+recueillis\s+par"
    rf"|Written\s+by|By)\s*:?\s+(?P<name>[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
    rf"(?:\s+[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}][{_LOWER}]+)?){{1,2}})"
    r"(?:\s+(?:de|pour|for|at|,)\s+(?P<publication>[^\s*—–]+))?",
)
#: A sentence whose subject is the writer ("J'ai répondu ce soir-là : « … »", "Ce soir-là,
#: je leur ai dit : « … »"): in an op-ed by a participant, the author's own words.
FIRST_PERSON_LEAD_RE = re.compile(r"^(?:[^.!?«»,]{0,40},\s*)?(?i:j['’]ai|je)\b")
_FR_MONTHS = list(lexicon.FRENCH_MONTHS)
_EN_MONTHS = list(lexicon.ENGLISH_MONTHS)
MONTHS: dict[str, int] = {**{m: i + 1 for i, m in enumerate(_FR_MONTHS)},
                          **{m.lower(): i + 1 for i, m in enumerate(_EN_MONTHS)}}
DATE_RE = re.compile(
    r"\b(?P<day>\d{1,2})(?:er)?\s+(?P<month>" + "|".join(_FR_MONTHS + _EN_MONTHS)
    + r")\s+(?P<year>\d{4})\b"
    r"|\b(?P<month2>" + "|".join(_EN_MONTHS) + r")\s+(?P<day2>\d{1,2}),\s+(?P<year2>\d{4})\b",
    re.IGNORECASE,
)

# --- Layout ----------------------------------------------------------------------------
LIST_ITEM_RE = re.compile(r"^\s*(?:[-+]|\*(?=\s)|\d{1,2}[.)])\s+")
MARKDOWN_HEADING_RE = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
#: Markdown link: the visible text is kept, the URL masked.
LINK_RE = re.compile(r"\[(?P<text>[^\]\n]*)\]\((?P<url>[^)\s]*)\)")
#: Anything that looks like a bracketed time, readable or not: "(12min75)" must be reported,
#: not skipped. ``timecode.find_timestamps`` then decides whether it is a valid time.
TIME_CANDIDATE_RE = re.compile(
    r"[(\[]\s*\[?\s*(?:\d{1,2}\s?h\s?\d{1,2}(?:\s?min\s?\d{1,3})?(?:\s?s)?"
    r"|\d{1,3}\s?min\s?\d{1,3}(?:\s?s)?|\d{1,3}\s?min|\d{1,4}\s?s"
    r"|\d{1,2}:\d{1,3}(?::\d{1,3})?(?:[.,]\d+)?"
    r"|\d{1,3}\s?(?:['’′]|mn)\s?\d{1,3}\s?(?:[\"″]|s)?)\s*\]?(?:\([^)\s]*\))?\s*[)\]]",
    re.IGNORECASE,
)
#: Brackets that hold a number and a time unit but that no notation above reads ("(à 12
#: minutes)", "(vers 1 h 10)"): not a time, but reported, so that no stated time vanishes.
TIME_HINT_RE = re.compile(
    r"[(\[][^()\[\]\n]{0,25}\d[^()\[\]\n]{0,25}?(?:min|mn|minutes?|sec|secondes?|seconds?"
    r"|\d\s?h\b|['’′]|\d:\d)[^()\[\]\n]{0,25}[)\]]",
    re.IGNORECASE,
)
#: Between a time opening a sentence and the quotation it introduces: a short clause in the
#: same sentence ("À 41 min 30, elle lance : « … »", "Vers 1 h 10, il a évoqué « … »").
#: A stated time the writer gives as approximate ("(vers 58 min)", "(environ 12'30)"):
#: read, with a warning.
APPROXIMATE_TIME_RE = re.compile(r"\b(?i:vers|environ)\b")
#: Words that may stand before a time opening the sentence of a quotation: a cleft "C'est
#: à la 41e minute que…", "Puis, à 12min30, …", "Ensuite, vers 1 h 10, …".
TIME_LEAD_RE = re.compile(r"[\s*_]*(?i:(?:et\s+)?c['’]est|puis|ensuite|enfin|plus\s+tard"
                          r"|peu\s+après|juste\s+après)?[\s,]*")
LEADING_TIME_CLAUSE_RE = re.compile(r"[\s,]*[^.!?…«»“”\n]{1,160}?[:,]?\s*")
#: "à 38'05" without brackets: minutes and two-digit seconds after "à" (a replay time;
#: "à 18 h 30", a clock time, has no minute mark).
BARE_MINUTE_MARK_RE = re.compile(r"(?<![\w'’])(?:à|vers)\s+(?P<time>\d{1,3}['’′][0-5]\d)"
                                 r"(?![\d'’″\"]|\s*(?:m\b|km|€|%))")
#: Minute notations of the press that ``timecode`` does not read: "(6'20)", "(6’20")",
#: "(6mn20)". They are rewritten "6min20" before parsing.
MINUTE_MARK_RE = re.compile(r"(?P<m>\d{1,3})\s?(?:['’′]|mn)\s?(?P<s>\d{1,3})\s?(?:[\"″]|s)?")
#: Editorial insertions removed from ``clean_text``: "[...]", "[…]", "[la coopération]".
EDITORIAL_BRACKET_RE = re.compile(r"\[[^\]\n]*\]")
ELLIPSIS_RE = re.compile(r"\.\.\.|…")
#: End of a sentence in the writer's prose.
SENTENCE_END_CHARS = ".!?…"
#: Punctuation after which a quotation is a full statement, not words inside the sentence.
STATEMENT_LEAD_CHARS = ":,;.!?(—–-"
#: A term is a quoted word or expression of at most this many words with no speaker cue.
TERM_MAX_WORDS = 3
#: Punctuation after which a quotation starting in lower case is still words inside the
#: writer's sentence (a `fragment`): "Selon l'adjointe, « les services… »", "dit-il,
#: « non négociable »". After ":" or a sentence end it stays a `quote`.
FRAGMENT_AFTER_CHARS = ","

#: Nouns that announce a name for an idea rather than someone's words: the quoted words
#: right after them are a `term` (speaker NA) even when the sentence names a speaker —
#: "le principe « un euro, un vote »", "la notion d'« économie circulaire »", "ce qu'est
#: la « sobriété »". "la formule de X" is not here: a formula is someone's words.
TERM_LEAD_RE = re.compile(
    r"(?:\b(?:principe|notion|concept|terme|mot|expression|label|slogan|devise|appellation"
    r"|term|notion|concept|label|phrase)\s*(?:de\s+|d['’]|du\s+|des\s+)?"
    r"|\bce\s+qu['’](?:est|sont|était|étaient)\s+(?:le|la|les|l['’]|un|une|des)\s*"
    r"|\bwhat\s+(?:a|an|the)\s+)$",
    re.IGNORECASE)
#: Words about the recording itself: a time after them is its length (``rows.py``).
RECORDING_RE = re.compile(r"\b(?i:vidéos?|video|enregistrement|replay|captation|"
                          r"retransmission|rediffusion|filmée?s?|revoir)\b")
#: Words naming the recording in a note that gives a replay time (``footnotes.py``): a
#: note's own wording ("Vidéo du conseil, 0:02:48", "Podcast, épisode 12, 14:20"), wider
#: than ``RECORDING_RE``, which decides a time's meaning in running text.
NOTE_RECORDING_RE = re.compile(r"\b(?:vidéo|video|enregistrement|replay|captation|podcast|audio"
                               r"|émission|rediffusion|minutage|timecode|recording|footage)\b",
                               re.IGNORECASE)
#: A note that gives the recording's length, not a time in it: "(durée 2 h 17 min)".
NOTE_LENGTH_RE = re.compile(r"\b(?:durée|dure|length|runs|au\s+total|in\s+total)\b",
                            re.IGNORECASE)
#: A term announced by ``TERM_LEAD_RE`` may be a little longer than ``TERM_MAX_WORDS``.
TERM_LEAD_MAX_WORDS = 6

# --- Rules added after the blind dev articles (tests/data/articles/blind_results.md) -------
#: Attributions that only say where a name stands (not that the sentence says this person
#: speaks). A repeated quotation attributed only this way takes the speaker of the quotation
#: it repeats (its words are that person's), NA included.
POSITIONAL_ATTRIBUTIONS: tuple[str, ...] = ("before", "paragraph", "pronoun")
#: A prose paragraph ending with this character ("X a répondu longuement :") introduces the
#: quotation that opens the next paragraph.
LEAD_IN_END = ":"
#: A pronoun or possessive in a lead-in sentence that names nobody ("l'essentiel de *son*
#: intervention :", "*elle* a répondu :"): it refers to the last person the paragraph names.
LEAD_IN_PRONOUN_RE = re.compile(r"\b(?:son|sa|ses|il|elle|lui|his|her|he|she)\b",
                                re.IGNORECASE)
#: A civil title before a surname that two speakers share ("Mme Le Goff") names the one whose
#: known gender it fits, when exactly one does.
SHARED_SURNAME_TITLE_RE = (rf"\b(?P<title>{_GENDERED_TITLES})\.?\s+"
                           r"(?:(?i:le|la|de|du|van|von|da|di)\s+)?")
#: After a closing mark, "<reporting verb> <subject>": the subject stands before the next
#: comma ("», détaille le directeur des services, appelé par le maire" is not the maire).
#: The author of the article is a speaker only when named this way, right after a quotation
#: ("», a demandé Mathilde Roussel": the author moderated and asked a question).
QUOTE_THEN_VERB_RE = re.compile(
    r"[»”\"][*_\s]*(?:\([^)]*\)\s*)?,?\s*(?P<words>(?:[^\W\d_]+[\s-]+){1,3})$")
#: A quotation that opens by addressing someone ("Monsieur Teixeira, …", "Madame Roux, …",
#: "Mr Osei, …") and ends with "?" is a question to that speaker; the quotation opening the
#: next paragraph is their answer.
VOCATIVE_RE = re.compile(
    rf"(?:{'|'.join(lexicon.ADDRESS_TITLES)}|M\.|Mme|Mlle|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+"
    rf"(?:[{_UPPER}][{_LOWER}]+\s+)?(?P<surname>[{_UPPER}][{_LOWER}'’-]+)\s*,")

# --- Q&A layouts (interviews) ----------------------------------------------------------------
#: A turn label at the start of a paragraph: "**M.-L. B.** :", "**Marie Dufour :**",
#: "Question :", "R. —". What follows, to the end of the paragraph, is that person's words
#: without quotation marks (the layout of a printed interview).
#: A podcast or broadcast transcript's time at the start of a turn ("[04:12] Camille : …").
QA_TIMECODE = r"(?P<{name}>[\[(`]\s*\d{{1,2}}(?::\d\d){{1,2}}\s*[\])`]\s*)?"
QA_LABEL_RE = re.compile(
    r"^[ \t>]*(?:\*\*|__)(?P<bold>[^*_\n]{1,60}?)\s*[:.—–-]?\s*(?:\*\*|__)\s*[:—–-]\s*"
    # The colon inside the bold ("**Anne Leroy :** …"), as many news sites set the label.
    r"|^[ \t>]*(?:\*\*|__)(?P<bold_in>[^*_\n:]{1,60}?)\s*:\s*(?:\*\*|__)[ \t]*(?=\S)"
    # The period inside the bold ("**M. le rapporteur.** …", "**Mme Anne Roux.** …"): the
    # verbatim record of a hearing or a council session.
    # A published verbatim may give the role after the name and open the turn with its time
    # as code ("`00:41:35` **Mme Anne Roux, vice-présidente chargée des sports.** — …").
    r"|^[ \t>]*" + QA_TIMECODE.format(name="timecode_dot")
    + r"(?:\*\*|__)(?P<bold_dot>[^*_\n:]{1,120}?)\.\s*(?:\*\*|__)[ \t]+(?=\S)"
    r"|^[ \t>]*(?:\*\*|__)?(?P<plain>Question|Réponse|Q|R)\s*[.]?\s*(?:\*\*|__)?\s*[:—–-]\s*"
    r"(?:\*\*|__)?\s*"
    # Council minutes and transcripts: "M. Garnier : …", "Mme Leroy : …", "Anne Leroy : …"
    # as plain text; the turn must not open with a quotation mark (« X : « … » » is the
    # ordinary "X : « … »" attribution).
    # Minutes also name a member by office ("Mme la Maire :", "M. le Président :") and add
    # a political group in parentheses ("M. Garnier (groupe « Agir ») :").
    rf"|^[ \t>]*(?P<minutes>(?:{_TITLES_DOTTED})\s+(?:l[ea]\s+|l['’])?[{_UPPER}][\w'’-]+"
    rf"(?:\s+[{_UPPER}][\w'’-]+)?|{NAME_PATTERN})(?:\s*\([^()\n]{{1,80}}\))?\s*:\s+(?![«“\"‘*_])"
    # A broadcast transcript without bold: "PASCAL DUMAS : …", a first name and a surname
    # in capitals (a radio or TV site's plain-text export of the programme).
    # A transcript's time may open the turn, and ". —" may end the label ("[00:41:40]
    # MARIE-HÉLÈNE CASTAGNÉ. — …", the layout of a published verbatim).
    rf"|^[ \t>]*{QA_TIMECODE.format(name='timecode_caps')}"
    rf"(?!(?:LE|LA|LES|L['’]|UN|UNE)\s)"  # a role ("LE MAIRE —") or someone unnamed: below
    rf"(?P<caps>[{_UPPER}][{_UPPER}'’-]+(?:\s+[{_UPPER}][{_UPPER}'’-]+){{1,3}})"
    r"\s*(?::|\.?\s*[—–])\s+(?![«“\"‘*_])"
    # A surname in capitals, then a dot and a dash ("KERBRAT. — …", "DIALLO-FERREIRA —"):
    # the layout of interviews in the printed press once the full names were given.
    rf"|^[ \t>]*(?:\*\*|__)?(?P<capsurname>[{_UPPER}][{_UPPER}'’-]{{2,}})(?:\*\*|__)?"
    r"\s*\.?\s*[—–]\s+(?![«“\"‘*_])"
    # Plain initials, then a dash or a colon ("C. M. — …"): the printed-press interview.
    rf"|^[ \t>]*(?P<initials>[{_UPPER}]\.(?:\s?-?\s?[{_UPPER}]\.){{1,3}})\s*[—–:]\s+"
    # A role in capitals ("LE MAIRE —", "LA MÉDECIN :"): the one person in that role.
    rf"|^[ \t>]*{QA_TIMECODE.format(name='timecode_capsrole')}(?:\*\*|__)?"
    rf"(?P<capsrole>(?:LE|LA|L['’])\s*[{_UPPER}]{{3,}}(?:\s+[{_UPPER}]{{2,}})?)"
    r"(?:\*\*|__)?\s*\.?\s*[—–:]\s+(?![«“\"‘*_])"
    # Someone unnamed, in capitals ("UNE VOIX DANS LE PUBLIC. — …").
    rf"|^[ \t>]*{QA_TIMECODE.format(name='timecode_anon_caps')}"
    rf"(?P<anonymous_caps>(?:UN|UNE)\s+[{_UPPER}]+(?:\s+[{_UPPER}'’]+){{0,4}})"
    r"\s*\.?\s*[—–:]\s+(?![«“\"‘*_])"
    # Someone unnamed in a transcript ("Un auditeur : …", "[08:03] Une habitante : …").
    rf"|^[ \t>]*{QA_TIMECODE.format(name='timecode_anonymous')}"
    rf"(?P<anonymous>(?:Un|Une)\s+[{_LOWER}]+(?:\s+[{_LOWER}]+)?)"
    r"\s*:\s+(?![«“\"‘*_])"
    # A first name alone ("Léa : …", "**Malik** : …"), as interviews of several people
    # print turns once the article has given their full names.
    rf"|^[ \t>]*{QA_TIMECODE.format(name='timecode')}(?:\*\*|__)?"
    rf"(?P<first>[{_UPPER}][{_LOWER}'’-]{{1,20}})(?:\*\*|__)?"
    r"\s*:\s+(?![«“\"‘*_])")
#: A timecode opening a transcript label ("**[00:18:40] NADIA KESSLER** — …"): not part
#: of the name.
QA_LABEL_TIMECODE_RE = re.compile(r"^[\[(`]\s*\d{1,2}(?::\d\d){1,2}\s*[\])`]\s*")
#: Labels that mark the journalist's turn: their words are quotes with no speaker.
QA_QUESTION_LABELS: frozenset[str] = frozenset({"question", "q"})
#: The share of unlabelled answers that must speak in the first person for bold questions
#: over plain paragraphs to be an interview (an answer may describe a report: "Celui de la
#: médecin scolaire…").
QA_FIRST_PERSON_SHARE = 2 / 3
#: An interview printed as bold questions and unlabelled answers needs at least this many
#: questions (one or two bold questions also head sections of ordinary reports).
QA_MIN_BOLD_QUESTIONS = 3
#: A first-person word: an interview answer speaks as "je"/"nous"; a journalist's prose
#: under a bold heading does not.
FIRST_PERSON_RE = re.compile(
    r"(?i)(?<![\w'’-])(?:je|j['’]|me|m['’]|moi|mon|ma|mes|nous|notre|nos)(?![\w'’-])")
#: Labels that mark the interviewee's turn (the person the article presents).
QA_ANSWER_LABELS: frozenset[str] = frozenset({"reponse", "r"})
#: Initials as a label: "M.-L. B.", "S. L.", "JPD" — capitals, each optionally dotted.
#: A label made of a civil title and a surname ("M. Garnier", "Mme Leroy").
#: The surname may open with a particle ("Mme Le Goff", "M. de Villiers", "M. Van Damme").
QA_SURNAME_LABEL_RE = re.compile(
    rf"^(?:{_TITLES_DOTTED})\s+(?P<surname>(?:(?i:le|la|de|du|des|van|von|da|di)\s+)?"
    rf"[{_UPPER}][\w'’-]+)$")
#: A label naming an office, not a person ("Mme la Maire", "M. le Président"): the member
#: the article presents in that role ("sous la présidence de Mme X, maire").
QA_OFFICE_LABEL_RE = re.compile(
    rf"^(?:{_TITLES_DOTTED})\s+(?:l[ea]\s+|l['’])(?P<office>[^\W\d_][\w'’-]+)$")
#: Someone unnamed as a label ("Une voix", "Un habitant", "Plusieurs voix").
QA_ANONYMOUS_LABEL_RE = re.compile(rf"^(?:Un|Une|Plusieurs)\s+[{_LOWER}]+(?:\s+[{_LOWER}]+)?$")
#: Where a minutes' surname label finds the member's full name: the attendance list or the
#: chair ("Présents : Mme Sylvie Le Goff, M. Jean-Marc Olier"), the same title before it.
TITLED_FULL_NAME = (rf"(?<![\w-])(?:{_TITLES_DOTTED})\s+"
                    rf"(?P<first>[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?)\s+")
QA_INITIALS_RE = re.compile(rf"^(?:[{_UPPER}]\.?(?:\s*-\s*|\s+)?){{2,4}}$")
#: A dialogue dash opening a paragraph: a turn of a conversation ("— Tu paies combien ?").
DIALOGUE_DASH_RE = re.compile(r"^[ \t>*_]*[—–―]\s+")
#: A question and its answer on one line of dialogue: "— Vous l'assumez ? — Oui.", "—
#: Vous dites que cela pose problème. — Oui." (each dash changes the voice).
DIALOGUE_PAIR_RE = re.compile(r"(?<=[.?!…])[ \t*_]*[—–―][ \t]+(?=\S)")
#: An incise inside a dialogue turn that names its speaker ("— C'est cher, soupire Léa."):
#: the turn ends before it and the ordinary attribution rules read the rest.
DIALOGUE_INCISE_RE = re.compile(r"[,!?…]\s+(?=[^\W\d_]+(?:-t)?-(?:il|elle)\b|[^\W\d_]+\s+[A-ZÀ-Ý])")

# --- Labels: names in quotation marks ---------------------------------------------------
#: The name of a scheme, plan, group, event or section, in quotation marks after a noun that
#: announces a name ("le programme « Écoles sobres 2030 »", "le groupe « Saint-Aubin Demain
#: »", "la table ronde « … » débute", "rubrique « Replays »") or a naming verb ("s'appelle",
#: "intitulé", "baptisé"): not anyone's words — a ``term`` with no speaker, which gives no
#: speaker to what follows. Only capitalised, short quotations with no time right after.
LABEL_LEAD_RE = re.compile(
    r"\b(?:programme|dispositif|opération|campagne|plan|projet|appel\s+à\s+projets|festival"
    r"|label|groupe|collectif|liste|rubrique|section|émission|atelier|table\s+ronde|webinaire"
    r"|conférence|colloque|forum|assises|rencontres?|journée|salon|réseau|association"
    # Bodies whose names newsrooms set in guillemets: "le club « Les Dauphins »".
    r"|club|comité|coopérative|fédération|syndicat|amicale|compagnie|chorale|troupe"
    r"|intitulée?s?|baptisée?s?|nommée?s?|dénommée?s?|appelée?s?|surnommée?s?"
    r"|s['’]appelle|s['’]intitule|called|named|programme|scheme)"
    r"(?:\s+(?:de\s+|d['’]|du\s+|des\s+)?[^\W\d_]+){0,2}\s*$",
    re.IGNORECASE)
#: The room's reaction written between a quotation and its time ("Rires dans le public.",
#: "Applaudissements.", "(Murmures dans la salle)").
ROOM_REACTION_RE = re.compile(
    r"[\s.,;:(]*(?i:rires?|applaudissements?|murmures?|silence|brouhaha|huées?|sifflets?)"
    r"\b[^.!?()«»\n]{0,40}[.!)]?[\s(]*")
#: The groups among ``LABEL_LEAD_RE``'s nouns: a group's name never speaks.
GROUP_LABEL_LEAD_RE = re.compile(
    r"\b(?i:association|collectif|groupe|club|comité|coopérative|fédération|syndicat|liste"
    r"|amicale|réseau)(?:\s+(?:de\s+|d['’]|du\s+|des\s+)?[^\W\d_]+){0,2}\s*$")
SCHEME_NOUNS = lexicon.SCHEME_NOUNS
VERB_MARKERS = lexicon.VERB_MARKERS
#: Determiners right before a scheme's name in quotation marks ("le « plan de … »").
SCHEME_DETERMINERS: frozenset[str] = frozenset({
    "le", "la", "l'", "l’", "les", "un", "une", "du", "des", "au", "aux", "ce", "cette",
    "notre", "leur", "son", "sa"})
#: A label has at most this many words.
LABEL_MAX_WORDS = 10
#: The title of a work or a slogan, in quotation marks after the noun that announces it
#: ("dans son livre « … »", "le rapport de l'Observatoire, « … »", "l'enquête « … »",
#: "notre mot d'ordre : « … »"): a term, however it reads. The noun may have a short
#: complement or apposition ("le rapport … coordonné par le géographe X, « … »").
WORK_TITLE_LEAD_RE = re.compile(
    r"\b(?i:livre|ouvrage|essai|roman|rapport|étude|enquête|note|dossier|document|film"
    r"|documentaire|article|thèse|tribune|chapitre|podcast|slogan|devise|banderole"
    r"|pancarte|mot\s+d['’]ordre|intitulé|titre)\b[^.!?«»“”:]{0,70}[:,]?\s*$")
#: A work's title has at most this many words.
WORK_TITLE_MAX_WORDS = 14
#: A naming verb or noun right before the quotation marks: what follows is a name, in any
#: case ("que le projet baptise « accueil de nuit … »", "qualifie l'ouvrage de « … »",
#: "au titre de « territoire labellisé … »", "un nom administratif : « … »", "le projet
#: porte un nom, « … »").
NAMING_LEAD_RE = re.compile(
    r"\b(?i:baptis(?:e|é|ée|és|ées|ent)|intitul(?:e|é|ée|és|ées)|dénomm(?:é|ée|és|ées)"
    r"|surnomm(?:e|é|ée|és|ées)|qualifi(?:e|é|ée|ent)\s+(?:\S+\s+){0,3}?de"
    r"|au\s+titre\s+d[eu]|sous\s+(?:le\s+|l['’])?(?:nom|label|appellation|intitulé)\s+de"
    r"|(?:nom|appellation)\s+(?:[^\W\d_]+\s+){0,6}?:"
    # "Le projet porte un nom, « … »", "porte le nom de « … »".
    r"|port(?:e|ent|ait|aient)\s+(?:un|le)\s+nom(?:\s+d[eu])?\s*[,:]?)\s*$")


# --- People and speech cues ----------------------------------------------------------------
#: The verb after a name and its apposition, or after the comma closing a role before the
#: name ("Le directeur de la régie, M. X, a précisé"): "X, riverain du chemin, indique",
#: "X, exploitante agricole, a estimé", "X, maire, nous explique" (group 1: the verb).
VERB_AFTER_APPOSITION_RE = re.compile(
    r"\s*(?:,[^,.;:!?«»“”()\n]{1,120})?,\s*"
    r"(?:(?:ne|n['’]|nous|lui|leur|me|m['’]|l['’]|le|la|les)\s*)?"
    r"(?:(?:a|avait|aura)\s+(?:aussi\s+|également\s+|ensuite\s+|encore\s+|d['’]ailleurs\s+"
    r"|pour\s+sa\s+part\s+|quant\s+à\s+(?:lui|elle)\s+)?)?([^\W\d_]+)")
#: A compound past right after a name ("X a répondu", "X avait ensuite expliqué").
COMPOUND_AFTER_NAME_RE = re.compile(
    r"\s+(?:a|avait)\s+(?:(?:aussi|alors|ensuite|également|d['’]abord|encore)\s+)?([^\W\d_]+)")
#: A dash bullet naming its speaker before a quotation: "— Rémi Faure (paysagiste) : « … »".
DASH_LABELLED_QUOTE_RE = re.compile(r"^\s*[—–-]\s*[^«“\"\n:]{1,120}:\s*[«“\"]")
#: Taking the floor after a name and its apposition: "X, entraîneur du club, a pris le
#: micro peu après :", "X prend la parole" — the words that follow are X's.
TAKES_FLOOR_RE = re.compile(
    r"(?:\s*,[^.;:!?()\n]{1,120},)?\s*,?\s*(?:qui\s+)?(?:a\s+|avait\s+)?(?:ensuite\s+|alors\s+)?"
    r"(?:pris|prend|prenait|repris|reprend|reprenait)\s+(?:la\s+parole|le\s+micro)\b",
    re.IGNORECASE)
#: A compound past "a/avait + participle" (group 1), as in "il a dit", "elle avait lancé".
PAST_SPEECH_RE = re.compile(r"\b(?:a|avait)\s+(?:(?:même|aussi|alors|bien|pourtant)\s+)?"
                            r"([^\W\d_]+)")
#: A definite article opening an apposition's role ("X, la maire de…", "X, l'adjointe").
DEFINITE_BEFORE_ROLE_RE = re.compile(rf"^\s*(?:le|la|l['’])\s*(?=(?:{ROLE_ALTERNATION})\b)",
                                     re.IGNORECASE)
GENERIC_ANAPHORS = lexicon.GENERIC_ANAPHORS
#: Common nouns that designate a person, folded: a subject "la cheffe de projet", "une
#: commerçante" is someone the pronouns after it may refer to (``syntax.person_subjects``).
PERSON_NOUNS: frozenset[str] = lexicon.PERSON_NOUN_WORDS | frozenset(
    fold(word) for word in ROLE_WORDS if " " not in word)
#: The number of a report's section heading ("3. Observations du public", "2.1) Enjeux").
SECTION_NUMBER_RE = re.compile(r"^\d{1,2}(?:\.\d{1,2})*[.)]\s+")
# --- Model --------------------------------------------------------------------------------
#: The spaCy model for person entities (None: ``coopanalysis.nlp``'s default, small model).
NLP_MODEL: str | None = None
