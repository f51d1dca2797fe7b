"""French word lists shared by every stage, as data (rules are data, see STYLE.md).

Words are written folded (lower case, no accents: ``text.normalize.fold``), the form
every comparison uses. Each list says why it exists; ``docs/align.md`` and
``docs/article.md`` show them at work.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    """A word list written as one string, so that long lists stay compact and diffable."""
    return text.split()


#: Hesitations and discourse fillers of spoken French (and English, for other replays),
#: which captions keep and articles drop: removed from both sides before comparison, they
#: never count against fidelity. Words that are also meaningful ("bon", "enfin", "quoi",
#: "genre", "disons") are not listed: dropping them would hide a writer's change to them.
FILLERS: frozenset[str] = frozenset(
    {
        "euh", "euhh", "heu", "hum", "hmm", "mmh", "bah", "ben", "beh", "hein", "ouais",
        "voila", "ah", "oh", "eh", "uh", "um", "erm", "er",
        # "euh" as auto-captions often write it ("par 5 he je crois").
        "he",
    }
)

#: French function words: weight 1 in the alignment (see ``SCORING``).
FUNCTION_WORDS: frozenset[str] = frozenset({
    # Prepositions of place and time (session 6: "sous le contrôle" printed where "sans
    # contrôle" was said; "sous" is no content word that could explain the gap).
    "sous", "vers", "parmi", "envers", "durant", "pendant", "hors",
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

#: Words that open ordinary French and English sentences, never a speaker's name: in a
#: caption "Le problème : on n'a pas le temps" is a sentence, not a label "Le problème"
#: (``read.labels``). Elided forms keep their apostrophe ("l'", "qu'").
SENTENCE_FIRST_WORDS: frozenset[str] = frozenset({
    "le", "la", "les", "l'", "un", "une", "des", "du", "d'", "au", "aux", "ce", "cet",
    "cette", "ces", "mon", "ma", "mes", "notre", "nos", "votre", "vos", "leur", "leurs",
    "son", "sa", "ses", "et", "mais", "ou", "donc", "car", "puis", "alors", "enfin",
    "je", "j'", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "c'", "qu'", "que",
    "qui", "quoi", "pourquoi", "comment", "quand", "voici", "voila", "deux", "trois",
    "quatre", "cinq", "premier", "premiere", "second", "seconde", "dernier", "derniere",
    "autre", "tout", "toute", "tous", "toutes", "en", "pour", "par", "avec", "sans", "sur",
    "dans", "chez", "the", "an", "this", "that", "these", "those", "my", "our", "your",
    "and", "but", "so", "two", "three", "it", "we", "they", "you", "he", "she",
})

#: Capitalised words that start sentences, never a first name: "Le Comité explique" names
#: no person (the article reader's name candidates).
NOT_FIRST_NAMES: frozenset[str] = frozenset({
    "le", "la", "les", "un", "une", "des", "ce", "cette", "ces", "the", "a", "an", "mais",
    "et", "pour", "selon", "lors", "dans", "avec", "sur", "chez", "quand", "si", "comme",
    "apres", "avant", "depuis", "au", "aux", "du", "de", "en", "par",
})

#: Civil titles written before a name, as printed, with the grammatical gender they give
#: ("f", "m", None for either): not part of the name, and a gender the pronoun of an
#: attribution must agree with ("Mme Le Goff … dit-elle"). Order is kept in patterns.
CIVIL_TITLES: dict[str, str | None] = {
    "M": "m", "MM": "m", "Mme": "f", "Mmes": "f", "Mlle": "f", "Dr": None, "Pr": None,
    "Mr": "m", "Mrs": "f", "Ms": "f",
    # Academic and professional titles spelt out: not part of the name ("Professor Helen
    # Marsh" is Helen Marsh).
    "Professor": None, "Professeur": None, "Professeure": "f", "Docteur": None,
    "Docteure": "f", "Doctor": None, "Maître": None,
    # A notary's or a lawyer's title, abbreviated ("Me Philippe Gaubert").
    "Me": None,
    # Spelt out, as in questions and minutes ("Madame Fabregat, vous avez dit…").
    "Monsieur": "m", "Madame": "f", "Mademoiselle": "f",
}
#: Civil titles spelt out, used to address someone ("Monsieur Teixeira, … ?").
ADDRESS_TITLES: tuple[str, ...] = ("Monsieur", "Madame", "Mademoiselle")
#: Abbreviations (folded) whose period does not end a sentence: "M. Vidal", "cf. p. 12".
ABBREVIATIONS: frozenset[str] = frozenset(
    {"m", "mme", "mlle", "dr", "pr", "st", "cf", "mr", "mrs", "ms", "p"})

#: Gender of the personal pronouns that attribute speech ("dit-elle", "he said"): a
#: pronoun cannot refer to a speaker of the other known gender.
PRONOUN_GENDER: dict[str, str] = {"il": "m", "ils": "m", "lui": "m", "he": "m", "him": "m",
                                  "elle": "f", "elles": "f", "she": "f", "her": "f"}

#: Reporting (speech) verbs, folded, that introduce or follow reported speech: French
#: present, imperfect and gerund forms met in press articles ("lance", "tranche", "glisse"
#: are the journalistic variants of "dit"), English forms, then past participles of
#: compound tenses ("a-t-elle ajouté", "a conclu X") that fold to a form not listed.
REPORTING_VERBS: frozenset[str] = frozenset(_words("""
dit dire disait affirme affirmait ajoute ajoutait ajoutant rappelle rappelait rappelant
souligne soulignait soulignant insiste insistait insistant confie confiait precise precisait
precisant estime estimait constate constatait introduit poursuit poursuivait conclut concluait
resume resumait lance lancait tranche detaille detaillait raconte racontait reconnait
reconnaissait observe martele declare declarait assure assurait indique
repond repondait temoigne regrette previent admet ironise exclame glisse
considere rapporte commente decrit decrivait soutient plaide alerte interpelle
renchérit rencherit nuance tempere explique expliquait expliquant defend avertit
enchaine cite demande demandait interroge interrogeait questionne complete completait

said says say added adds explained explains noted notes told argued argues warned warns
stressed stresses insisted insists recalled recalls described describes shouted replied
observed remarked concluded concludes opened admitted admits claimed claims suggested
suggests pointed continued continues asked asks answered

rappele conclu reconnu repondu admis ecrit ajoute explique precise
"""))
#: Auxiliaries of compound tenses, skipped to reach the verb: "« … », a-t-elle ajouté".
AUXILIARIES: frozenset[str] = frozenset({"a", "avait", "aura", "has", "had"})

#: Month names, French then English, for the dates of credit lines ("12 mars 2025").
FRENCH_MONTHS: tuple[str, ...] = tuple(_words("janvier février mars avril mai juin juillet août "
                                              "septembre octobre novembre décembre"))
ENGLISH_MONTHS: tuple[str, ...] = tuple(_words("January February March April May June July "
                                               "August September October November December"))

#: Frequent short words that tell French from English text (``Article.metadata["language"]``).
LANGUAGE_MARKERS: dict[str, frozenset[str]] = {
    "fr": frozenset({"le", "la", "les", "des", "est", "et", "une", "du"}),
    "en": frozenset({"the", "and", "is", "of", "to", "was", "a", "that"}),
}

#: English function words, folded, for telling a quote's language from its transcript's
#: (``align.verdict.language_of``; French uses ``FUNCTION_WORDS``). Words both languages
#: write alike ("a", "on", "en", "de"?) are left out or ignored when they are in both.
ENGLISH_FUNCTION_WORDS: frozenset[str] = frozenset({
    "the", "and", "is", "are", "was", "were", "of", "to", "in", "that", "it", "you", "we",
    "they", "he", "she", "this", "with", "for", "not", "be", "have", "has", "had", "do",
    "does", "did", "at", "by", "from", "or", "but", "if", "will", "would", "can", "could",
    "our", "your", "their", "my", "an", "which", "who", "what", "when", "there", "so",
    "been", "all", "some", "no", "more", "than", "then", "just", "about", "into", "its",
})

#: Grammar words of three letters or more that ``FUNCTION_WORDS`` does not hold (it weighs
#: the alignment and is shared): prepositions without a meaning of their own, pronouns and
#: determiners. The verdict does not count a printed one as a content word replaced:
#: "chez ManoMano" heard "au ManoMano" is not a change (``align.verdict``). Prepositions
#: of time, place or manner ("avant", "après", "sans", "sous", "contre") are left out:
#: swapping them changes a claim.
GRAMMAR_WORDS: frozenset[str] = frozenset(_words("""
chez cela ceci celui celle celles ceux dont quoi quel quelle quels quelles lequel laquelle
lesquels lesquelles cet eux soi puis car lorsque puisque parce
"""))

#: Short grammar words that captions insert, drop or double at word boundaries ("de de la
#: dette", "dans un une architecture", "le l'incident"): articles, the prepositions "de",
#: "à", "en", "et", "est". One of them spoken and not printed, alone between two heard
#: printed words, is the transcript's noise or a stumble the writer rightly left out, not
#: an edit (``align.verdict.faithful_kind``). Pronouns ("se", "que") are left out: cutting
#: one tidies the grammar ("vous allez se contracter" → "vous allez contracter").
CAPTION_GLUE_WORDS: frozenset[str] = frozenset(_words("""
le la les l un une des de d du a au aux en et est
"""))

#: The French negation particle (folded, and its elided token): spoken French drops it
#: and writers restore it, so a printed "ne" that the transcript does not give is spoken
#: grammar tidied (``edited``), unless it cannot be heard ("on n'a" sounds as "on a").
NE_PARTICLE: frozenset[str] = frozenset({"ne", "n"})
#: Short grammar words captions write where a "ne"/"n'" was said ("elle n'est pas" heard
#: "elle l'est pas"): a sound was heard at its place, so the "ne" was not restored by the
#: writer (``align.verdict.ne_tidied``).
NE_HEARD_AS: frozenset[str] = frozenset({"l", "d", "m", "t", "s", "le", "de", "me"})

#: Common nouns that designate a person, folded ("habitante", "commerçant", "retraitée"):
#: a noun phrase of one is someone a later pronoun may refer to (with the role words of
#: ``read.article.rules``).
PERSON_NOUN_WORDS: frozenset[str] = frozenset({
    "habitant", "habitante", "habitants", "habitantes", "riverain", "riveraine", "riverains",
    "commercant", "commercante", "etudiant", "etudiante", "etudiants", "eleve", "lyceen",
    "lyceenne", "retraite", "retraitee", "agriculteur", "agricultrice", "eleveur",
    "eleveuse", "parent", "parents", "mere", "pere", "femme", "homme", "dame", "monsieur",
    "madame", "jeune", "militant", "militante", "salarie", "salariee", "syndicaliste",
    "infirmier", "infirmiere", "medecin", "patient", "patiente", "usager", "usagere",
    "participant", "participante", "intervenant", "intervenante", "auditeur", "auditrice",
    "spectateur", "spectatrice", "citoyen", "citoyenne", "voisin", "voisine",
    "boulanger", "boulangere", "artisan", "artisane", "pecheur", "chauffeur", "enseignant",
    "enseignante", "professeure", "institutrice", "instituteur", "directrice", "directeur",
    "cheffe", "chef", "maire", "adjoint", "adjointe", "elu", "elue", "prefet", "prefete",
    "ingenieur", "ingenieure", "technicien", "technicienne", "responsable", "representant",
    "representante", "president", "presidente", "porte-parole", "scientifique", "chercheur",
    "chercheuse", "hydrologue", "geologue", "biologiste", "naturaliste", "economiste",
    # Common trades and functions of French public life (general language, session 6).
    "officier", "gendarme", "policier", "policiere", "pompier", "gardien", "gardienne",
    "inspecteur", "inspectrice", "urgentiste", "pharmacien", "pharmacienne", "sage-femme",
    "aide-soignant", "aide-soignante", "kinesitherapeute", "veterinaire", "avocat",
    "avocate", "notaire", "juge", "magistrat", "magistrate", "architecte", "urbaniste",
    "paysagiste", "sociologue", "historien", "historienne", "juriste", "consultant",
    "consultante", "commissaire", "capitaine", "colonel", "commandant", "adjudant",
    "gerant", "gerante", "patron", "patronne", "restaurateur",
    "restauratrice", "hotelier", "hoteliere", "viticulteur", "viticultrice", "maraicher",
    "maraichere", "apiculteur", "apicultrice", "forestier", "forestiere", "berger",
    "bergere", "menuisier", "menuisiere", "macon", "plombier", "electricien",
    "electricienne", "mecanicien", "mecanicienne", "conducteur", "conductrice",
    "animateur", "animatrice", "educateur", "educatrice", "benevole", "secretaire",
    "tresorier", "tresoriere", "delegue", "deleguee", "syndic", "proviseur", "principal",
    "principale", "documentaliste", "bibliothecaire", "journaliste", "photographe",
    "agent", "agente", "fonctionnaire", "cadre", "ouvrier", "ouvriere", "employe",
    "employee", "collegien", "collegienne", "mamie", "papi", "grand-mere", "grand-pere"})
#: Nouns the press uses to refer back to someone already named whatever their exact role
#: ("l'élu", "l'intéressée", "l'édile"), folded.
GENERIC_ANAPHORS: frozenset[str] = frozenset({
    "elu", "elue", "edile", "interesse", "interessee", "intervenant", "intervenante"})
#: Words ending like a profession (-ant, -ier, -aire…) that open sentences without being
#: one ("Cependant, X…", "Hier, X…"), folded.
NOT_ROLE_FRONT: frozenset[str] = frozenset({
    "cependant", "maintenant", "pourtant", "auparavant", "avant", "pendant", "durant",
    "devant", "dernier", "derniere", "premier", "premiere", "entier", "particulier",
    "ordinaire", "contraire", "necessaire", "volontaire", "hier", "courant", "president"})
#: Further newsroom speech verbs (participle, present, imperfect, folded): "a-t-il tonné",
#: "assène X", "ironisait-elle". Forms that are also common nouns ("juge", "note",
#: "pointe", "avance") are left out.
MORE_SPEECH_VERBS: frozenset[str] = frozenset({
    "tonne", "tonnait", "martelait", "exclamait", "plaidait", "glissait", "assene",
    "assenait", "tranchait", "ironisait", "agace", "agacait", "regrettait", "nuancait",
    "temperait", "abonde", "abondait", "rencherissait", "riposte", "ripostait",
    "questionnait", "admettait", "temoignait", "defendait", "alertait", "observait"})
#: Speech acts of demand and judgement in a council debate (session 6): "a réclamé « une
#: navette »", "a exigé que…". Like protest verbs, their object is often a noun phrase in
#: guillemets (a fragment), not a statement. Participles that are also nouns ("jugé"/
#: "juge", "avancé"/"avance") stay out.
DEMAND_VERBS: frozenset[str] = frozenset({
    "reclame", "reclamait", "reclamer", "suggere", "suggerait", "exige", "exigeait",
    "saluait", "relevait", "avancait", "jugeait", "defendu"})
#: Nouns that open the name of a plan or a scheme in quotation marks ("le « plan de
#: périnatalité de proximité »", "une « charte de bon voisinage »"), folded.
SCHEME_NOUNS: frozenset[str] = frozenset({
    "plan", "schema", "charte", "tarif", "dispositif", "programme", "pacte", "contrat",
    "label", "parc", "zone", "fonds", "strategie", "convention", "reglement", "plateforme",
    "guichet", "pole", "observatoire", "comite", "agenda", "cahier", "protocole", "feuille",
    "appel", "forfait", "cheque", "pass", "bouclier", "prime", "budget", "projet"})
#: Words that make a quotation a clause, not a name: auxiliaries and common verbs, folded.
VERB_MARKERS: frozenset[str] = frozenset({
    "est", "sont", "etait", "sera", "seront", "a", "ont", "avait", "aura", "va", "vont",
    "fait", "faut", "peut", "doit", "veut", "ne", "n", "pas"})
#: Adverbs between an auxiliary and its participle ("a d'emblée prévenu"), folded and split
#: as the article reader's verb words are ("d'emblée" → "d", "emblee").
ADVERBS_AFTER_AUXILIARY: frozenset[str] = frozenset({
    "d", "emblee", "abord", "ensuite", "alors", "aussi", "encore", "egalement", "deja",
    "aussitot", "immediatement", "enfin", "finalement", "pourtant", "toujours", "bien",
    "simplement", "longuement", "sobrement", "vivement", "fermement"})

#: Role words, longest first (so "vice-présidente" wins over "présidente", "adjoint au maire"
#: over "maire"). French feminine and masculine forms, then English.
ROLE_WORDS: tuple[str, ...] = tuple(sorted({
    "vice-présidente", "vice-président", "présidente", "président", "secrétaire générale",
    "secrétaire général", "adjointe au maire", "adjoint au maire", "maire", "ministre",
    "associée", "associé", "directrice générale", "directeur général", "directrice",
    "directeur", "chargée de mission", "chargé de mission", "conseillère municipale",
    "conseiller municipal", "conseillère régionale", "conseiller régional",
    "conseillère départementale", "conseiller départemental", "conseillère", "conseiller",
    "cofondatrice", "cofondateur", "co-fondatrice", "co-fondateur", "fondatrice", "fondateur",
    "chercheuse", "chercheur", "professeure", "professeur", "coordinatrice", "coordinateur",
    "déléguée générale", "délégué général", "déléguée", "délégué", "responsable",
    "cheffe de projet", "chef de projet", "cheffe de service", "chef de service", "cheffe",
    "chef", "journaliste", "représentante", "représentant", "députée", "député", "sénatrice",
    "sénateur",
    # Offices and professions that present a speaker ("L'adjointe aux affaires scolaires,
    # Nadia Ferhat", "Étienne Morel, médecin généraliste").
    "adjointe", "adjoint", "élue", "élu", "médecin", "porte-parole", "trésorière", "trésorier",
    "avocate", "avocat", "ingénieure", "ingénieur", "urbaniste", "architecte",
    "gérante", "gérant", "animatrice", "animateur", "sociologue", "économiste", "géographe",
    # A doctor's title stands before the name in the press ("le docteur X"), as a role.
    "docteure", "docteur", "infirmière", "infirmier", "consultante", "consultant",
    "commandante", "commandant", "agricultrice", "agriculteur", "éleveuse", "éleveur",
    # The State's representatives in a department.
    "sous-préfète", "sous-préfet", "préfète", "préfet",
    "deputy mayor", "mayor", "director", "president", "chairwoman", "chairman", "chair",
    "co-founder", "founder", "researcher", "professor", "minister", "councillor",
    "coordinator", "manager", "chief executive", "partner", "lecturer",
}, key=lambda word: (-len(word), word)))

#: Grammatical gender that a role word or a civil title gives its holder, checked against
#: the pronoun of an attribution ("», dit-elle" cannot be a "président"). Epicene roles
#: (maire, ministre, responsable…) and English roles give none.
FEMININE_ROLES: frozenset[str] = frozenset({
    "vice-présidente", "présidente", "secrétaire générale", "adjointe au maire", "associée",
    "directrice générale", "directrice", "chargée de mission", "conseillère municipale",
    "conseillère régionale", "conseillère départementale", "conseillère", "cofondatrice",
    "co-fondatrice", "fondatrice", "chercheuse", "professeure", "coordinatrice",
    "déléguée générale", "déléguée", "cheffe de projet", "cheffe de service", "cheffe",
    "députée", "sénatrice", "gérante", "représentante",
    "animatrice", "chairwoman", "adjointe", "élue", "trésorière", "avocate", "ingénieure",
    "sous-préfète", "préfète", "consultante", "commandante", "agricultrice", "éleveuse"})
MASCULINE_ROLES: frozenset[str] = frozenset({
    "vice-président", "président", "secrétaire général", "adjoint au maire", "associé",
    "directeur général", "directeur", "chargé de mission", "conseiller municipal",
    "conseiller régional", "conseiller départemental", "conseiller", "cofondateur",
    "co-fondateur", "fondateur", "chercheur", "professeur", "coordinateur", "délégué général",
    "délégué", "chef de projet", "chef de service", "chef", "député", "sénateur", "gérant",
    "représentant", "animateur", "chairman", "adjoint", "élu", "trésorier", "avocat",
    "ingénieur", "sous-préfet", "préfet", "consultant", "commandant", "agriculteur",
    "éleveur"})
