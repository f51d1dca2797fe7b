"""Attribution from sentence structure and report layouts (issue 13, session 4): real spaCy.

The texts are written for these tests; none is taken from a blind article.
"""

from __future__ import annotations

import pytest

from coopanalysis.read.article import read_article

BOLD_INTERVIEW = """# La bibliothèque ouvrira le dimanche

*Par Claire Masson — publié le 4 mars 2025*

**Au débat public du 1er mars, retransmis en ligne, la directrice du réseau de lecture a
défendu l'ouverture dominicale. Odile Ferrant a répondu à nos questions.**

**Pourquoi ouvrir le dimanche ?**

Parce que c'est le seul jour où les familles sont libres. Nous l'avons vu pendant l'essai.

**Les agents sont-ils d'accord ?**

Pas tous, et je le comprends. Nous recruterons deux vacataires pour ne forcer personne.

**Quand commencerez-vous ?**

En septembre. Je présenterai le bilan au conseil municipal avant Noël.
"""


def test_bold_questions_with_unlabelled_answers_are_an_interview() -> None:
    quotes = read_article(BOLD_INTERVIEW).quotes
    rows = [(r.speaker if isinstance(r.speaker, str) else None, r.clean_text[:18])
            for r in quotes.itertuples()]
    assert rows == [
        (None, "Pourquoi ouvrir le"),
        ("Odile Ferrant", "Parce que c'est le"),
        (None, "Les agents sont-il"),
        ("Odile Ferrant", "Pas tous, et je le"),
        (None, "Quand commencerez-"),
        ("Odile Ferrant", "En septembre. Je p"),
    ]


REPORT_WITH_BOLD_HEADINGS = """# Le marché couvert rouvre

**Que change la rénovation ?**

Les travaux ont duré deux ans. La halle compte désormais quarante étals.

**Et les commerçants ?**

Ils ont été relogés sur la place pendant le chantier. La mairie a pris le loyer en charge.

**Quel calendrier ?**

L'inauguration est prévue le 12 avril. Le maire, Paul Ternier, a promis : « Le marché
restera ouvert le dimanche matin » (14min20).
"""


def test_bold_headings_over_a_journalist_s_prose_are_not_an_interview() -> None:
    """No first person under the bold lines: the prose stays the writer's, not an
    interviewee's (a wrong name would be worse than none)."""
    quotes = read_article(REPORT_WITH_BOLD_HEADINGS).quotes
    assert len(quotes) == 1
    assert quotes.iloc[0]["speaker"] == "Paul Ternier"
    assert quotes.iloc[0]["stated_start"] == 860


ANONYMOUS_SUBJECT = """La préfète, Anne Morel, a ouvert la réunion publique. « Nous écouterons
tout le monde », a-t-elle promis (3min10).

Un éleveur venu du plateau a ensuite interpellé la préfète : « Vous ne dormez pas dans la
bergerie, vous » (41min05).

Plus tard, Anne Morel a répondu à l'éleveur : « Je viendrai voir vos estives » (52min00).
"""


def test_an_indefinite_subject_leaves_the_quote_without_speaker() -> None:
    """The person the clause names after its verb is its object, not the speaker."""
    quotes = read_article(ANONYMOUS_SUBJECT).quotes.set_index("stated_start")
    assert quotes.loc[190, "speaker"] == "Anne Morel"
    assert quotes.loc[2465].isna()["speaker"]
    assert "un éleveur" in quotes.loc[2465, "warning"].lower()
    assert quotes.loc[3120, "speaker"] == "Anne Morel"


NUMBERED_REPORT = """Compte rendu de la réunion publique du 11 février 2025

1. Présentation du projet

Le bureau d'études a présenté les deux variantes du tracé.

2. Observations du public

M. Hervé Lanoë, riverain de la route des Étangs, indique que le bruit a doublé depuis 2020
[00:41:12]. Il ajoute : « Personne ne nous a consultés. »

Mme Nadia Brière, agricultrice au hameau des Landes, estime que la variante nord couperait ses
parcelles (1:02:15).

3. Lettre du conseil départemental

Dans un courrier lu en ouverture, le président Marc Delorme, retenu à Rennes, assurait que
« le Département financera la moitié des travaux ».
"""


def test_numbered_headings_people_by_apposition_and_letter_writers() -> None:
    article = read_article(NUMBERED_REPORT)
    assert {"2. Observations du public", "3. Lettre du conseil départemental"} <= set(
        article.sections)
    assert set(article.speakers["speaker"]) == {"Hervé Lanoë", "Nadia Brière"}
    quotes = article.quotes
    said = quotes[quotes["clean_text"].str.startswith("Personne")].iloc[0]
    assert said["speaker"] == "Hervé Lanoë"
    letter = quotes[quotes["clean_text"].str.startswith("le Département")].iloc[0]
    assert letter.isna()["speaker"]


BULLET_SUMMARY = """Synthèse de la réunion publique sur les cours d'école

Intervenants : Paul Orsini, architecte ; Léa Marchetti, directrice d'école.

— Paul Orsini (architecte) : « Les cours sont trop minérales, il faut planter. » [00:12:40]

— Léa Marchetti (directrice) : « Les enfants réclament de l'ombre depuis des années. » [00:20:05]

— M. Orsini, à nouveau : « Nous commencerons par deux écoles. » (41min10)
"""


def test_dash_bullets_that_name_their_speaker_are_not_dialogue_turns() -> None:
    quotes = read_article(BULLET_SUMMARY).quotes
    rows = [(r.speaker, r.stated_start) for r in quotes.itertuples()]
    assert rows == [("Paul Orsini", 760), ("Léa Marchetti", 1205), ("Paul Orsini", 2470)]


FIRST_NAME_INTERVIEW = """# Le festival des quartiers fait son bilan

*Par Hugo Lenoir, publié le 3 juin 2025*

Les deux organisateurs, Sarah Benali et Tom Vidal, reviennent sur le débat public du 28 mai,
où l'adjointe à la culture, Mireille Caradec, a répondu aux habitants.

*Pourquoi ce débat ?*

Sarah : Parce que nous voulions entendre les riverains avant la prochaine édition.

Tom : Et parce que la mairie devait s'engager devant tout le monde.

*Qu'avez-vous retenu ?*

Sarah : Mireille Caradec a dit : « Le festival aura lieu chaque année jusqu'en 2030 » (41min05).
Une voisine m'a glissé : « Enfin un débat où l'on nous écoute. »

Tom : Moi, je retiens surtout les questions sur le bruit.
"""


def test_first_name_turns_and_speech_reported_inside_an_answer() -> None:
    quotes = read_article(FIRST_NAME_INTERVIEW).quotes
    rows = [(r.speaker if isinstance(r.speaker, str) else None, r.clean_text[:16],
             r.stated_start) for r in quotes.itertuples()]
    assert [(s, t) for s, t, _ in rows] == [
        (None, "Pourquoi ce déba"),
        ("Sarah Benali", "Parce que nous v"),
        ("Tom Vidal", "Et parce que la "),
        (None, "Qu'avez-vous ret"),
        ("Sarah Benali", "Mireille Caradec"),
        ("Mireille Caradec", "Le festival aura"),
        (None, "Enfin un débat o"),
        ("Tom Vidal", "Moi, je retiens "),
    ]
    # The time after the reported words is the time they were said, not the answer's.
    assert rows[5][2] == 2465
    assert rows[4][2] != rows[4][2]  # NaN: the answer itself states no time


COLUMN = """Le maire, Alain Ferrand, a défendu la gratuité. « Personne ne paiera plus le bus »,
a-t-il tonné (20min24).

Pour appuyer sa démonstration, M. Ferrand a cité une vieille interview de l'ancien préfet
Jacques Morin. « La gratuité ne se décrète pas », y affirmait l'ancien préfet.
"""


def test_a_clitic_before_the_speech_verb_and_less_common_speech_verbs() -> None:
    quotes = read_article(COLUMN).quotes
    first, second = quotes.iloc[0], quotes.iloc[1]
    assert (first["speaker"], first["stated_start"]) == ("Alain Ferrand", 1224)
    assert second.isna()["speaker"]  # "y affirmait l'ancien préfet": not the mayor


FLOOR = """Le débat sur la piscine a rempli la salle des fêtes.

Marc Olivetti, entraîneur du club « Les Dauphins du Lac », a pris le micro peu après :

« Nos enfants ne savent plus nager en arrivant au collège. » (52min10)
"""


def test_taking_the_floor_presents_a_speaker_and_a_club_name_is_no_quote() -> None:
    article = read_article(FLOOR)
    assert list(article.speakers["speaker"]) == ["Marc Olivetti"]
    quotes = article.quotes
    club = quotes[quotes["clean_text"] == "Les Dauphins du Lac"].iloc[0]
    assert club["kind"] == "term" and club.isna()["speaker"]
    said = quotes[quotes["clean_text"].str.startswith("Nos enfants")].iloc[0]
    assert (said["speaker"], said["stated_start"]) == ("Marc Olivetti", 3130)


CAPS_INTERVIEW = """<!-- Article fictif, écrit pour les tests de coopanalysis. -->

# La ressourcerie ouvrira au printemps

*Propos recueillis par Julie Martel*

**Après le débat public du 12 mars, filmé par la mairie, les deux fondateurs, Anne Gautier et
Paul Mercier, répondent à nos questions.**

### Qu'avez-vous retenu de la soirée ?

GAUTIER. — Les questions sur les horaires. L'adjointe, Claire Dumas, a dit devant tout le
monde : « La ville prêtera le local gratuitement la première année » (32min10).

MERCIER. — Et une voisine m'a demandé : « Est-ce qu'on pourra déposer des meubles ? » (41min05)

### Et la suite ?

GAUTIER. — Nous ouvrirons en avril, le samedi matin.
"""


def test_capital_surname_turns_heading_questions_and_reported_speech() -> None:
    article = read_article(CAPS_INTERVIEW)
    assert article.metadata["title"] == "La ressourcerie ouvrira au printemps"
    rows = [(r.speaker if isinstance(r.speaker, str) else None, r.clean_text[:14],
             r.stated_start) for r in article.quotes.itertuples()]
    speakers = [(s, t) for s, t, _ in rows]
    assert speakers == [
        (None, "Qu'avez-vous r"),
        ("Anne Gautier", "Les questions "),
        ("Claire Dumas", "La ville prête"),
        ("Paul Mercier", "Et une voisine"),
        (None, "Est-ce qu'on p"),
        (None, "Et la suite ?"),
        ("Anne Gautier", "Nous ouvrirons"),
    ]
    times = {t: start for _, t, start in rows}
    assert times["La ville prête"] == 1930 and times["Est-ce qu'on p"] == 2465


PODCAST = """# Le marché couvert, et après ?

**Podcast « Place publique » — par Julie Roche — enregistré en public le 3 mai**

Avec : Hugo Ferrand, adjoint au commerce ; Lina Costa, maraîchère.

[04:12] Julie : Hugo, pourquoi fermer le marché le lundi ?

[04:20] Hugo : Parce que personne ne venait le lundi, les chiffres sont clairs.

[05:02] Lina : Moi, je ne suis pas d'accord, le lundi c'est le jour des anciens.

[06:10] Un auditeur : Et le parking, vous y avez pensé ?
"""


def test_a_podcast_transcript_with_times_first_names_the_host_and_a_listener() -> None:
    quotes = read_article(PODCAST).quotes
    rows = [(r.speaker if isinstance(r.speaker, str) else None, r.stated_start)
            for r in quotes.itertuples() if r.kind != "term"]
    assert rows == [("Julie Roche", 252), ("Hugo Ferrand", 260), ("Lina Costa", 302),
                    (None, 370)]


ROLE_LABELS = """# Les urgences resteront ouvertes la nuit

*Propos recueillis par Marc Petit*

**Au débat public du 4 juin, filmé par la mairie, la maire, Hélène Garnier, et le directeur
de l'hôpital, Yves Moreau, ont défendu le maintien des urgences de nuit.**

**Pourquoi ce revirement ?**

LA MAIRE — Parce que les habitants nous l'ont demandé, et ils avaient raison.

LE DIRECTEUR — Nous avons trouvé deux médecins de plus pour les gardes.
"""


def test_role_labels_in_capitals_name_the_one_holder_presented_first() -> None:
    quotes = read_article(ROLE_LABELS).quotes
    rows = [(r.speaker if isinstance(r.speaker, str) else None, r.clean_text[:12])
            for r in quotes.itertuples()]
    assert rows == [(None, "Pourquoi ce "), ("Hélène Garnier", "Parce que le"),
                    ("Yves Moreau", "Nous avons t")]


REPORT_TITLED = """Le directeur de la régie des remontées, M. Alban Ferrou, a précisé que la
remise aux normes coûterait « près de 4,8 millions d'euros » (vidéo, 0:32:40).
"""


def test_a_role_then_a_titled_name_then_a_speech_verb_presents_a_speaker() -> None:
    article = read_article(REPORT_TITLED)
    assert list(article.speakers["speaker"]) == ["Alban Ferrou"]
    row = article.quotes.iloc[0]
    assert (row["speaker"], row["stated_start"]) == ("Alban Ferrou", 1960)


UNNAMED_SUBJECT = """Le maire, Paul Vernet, a ouvert la séance. « Le tram passera avenue Foch »,
a-t-il annoncé (3min10).

Une commerçante de la place du Marché prend la parole sans donner son nom. « Deux ans de
travaux devant ma vitrine, c'est la fermeture assurée » (41min05).

L'élu a ensuite repris la parole. « Nous indemniserons chaque commerce », a-t-il promis
(52min00).
"""


def test_a_pronoun_or_paragraph_speaker_stops_at_someone_unnamed() -> None:
    """The shopkeeper is the nearer antecedent: not the mayor of the paragraph before. "L'élu"
    with the mayor's own role noun is the mayor again."""
    quotes = read_article(UNNAMED_SUBJECT).quotes.set_index("stated_start")
    assert quotes.loc[190, "speaker"] == "Paul Vernet"
    assert quotes.loc[2465].isna()["speaker"]
    assert quotes.loc[3120, "speaker"] == "Paul Vernet"


FRONTED = """Éducatrice de rue au centre social du Moulin, Farida Benali a plaidé pour les
10-14 ans : « Ils sont les grands oubliés de tous les squares » (12min40).

Le sous-préfet, Guillaume Ferrand, ouvre la séance : « L'État paiera sa part » (3min10).

La maire a ensuite lu un courrier du préfet de l'époque, Hervé Dumas : « Le couloir de
migration doit être protégé. »
"""


def test_fronted_profession_prefect_roles_and_a_former_prefect_s_letter() -> None:
    article = read_article(FRONTED)
    assert set(article.speakers["speaker"]) == {"Farida Benali", "Guillaume Ferrand"}
    by_time = article.quotes.set_index("stated_start")
    assert by_time.loc[760, "speaker"] == "Farida Benali"
    assert by_time.loc[190, "speaker"] == "Guillaume Ferrand"
    letter = article.quotes[article.quotes["clean_text"].str.startswith("Le couloir")].iloc[0]
    assert letter.isna()["speaker"]


SCHEMES = """La directrice de l'agence régionale de santé, Hélène Marsac, a détaillé le « plan de
périnatalité de proximité du Haut-Ségala », adopté en mars. Une « charte de bon voisinage du parc »
sera rédigée. Elle a promis « une maternité ouverte dès que l'équipe sera complète » (9min10).
"""


def test_a_scheme_named_in_quotation_marks_is_a_term() -> None:
    quotes = read_article(SCHEMES).quotes
    kinds = {r.clean_text[:12]: (r.kind, r.speaker if isinstance(r.speaker, str) else None)
             for r in quotes.itertuples()}
    assert kinds["plan de péri"] == ("term", None)
    assert kinds["charte de bo"] == ("term", None)
    assert kinds["une maternit"][1] == "Hélène Marsac"


PRESS_AND_INCISES = """Le conseil communautaire a débattu mardi du futur centre aquatique.

« Nous ne construirons pas un bassin olympique pour une commune de 8 000 habitants », a tranché
devant une salle comble la présidente de la communauté de communes, Régine Fabre, au début de
la séance consacrée au projet (3min40).

« Les travaux commenceront au printemps, quoi qu'il arrive », s'engage-t-elle ensuite (25min05).

L'historien Paul Verdier l'a écrit dans sa monographie sur la vallée : « chaque génération
a voulu sa piscine ».

Contacté par notre rédaction le lendemain, le président du club de natation, Hugo Lemaire,
a regretté « une occasion manquée ».
"""


def test_a_long_incise_keeps_the_time_and_press_contacts_are_cited() -> None:
    article = read_article(PRESS_AND_INCISES)
    quotes = article.quotes
    rows = {r.clean_text[:14]: (r.speaker if isinstance(r.speaker, str) else None,
                                r.stated_start, r.kind) for r in quotes.itertuples()}
    # The incise runs on with where and when it was said: the time is the quotation's.
    assert rows["Nous ne constr"][:2] == ("Régine Fabre", 220)
    assert not (quotes["kind"] == "paraphrase").any()
    # An inverted pronominal verb is an incise: "s'engage-t-elle".
    assert rows["Les travaux co"][:2] == ("Régine Fabre", 1505)
    # An author ("l'a écrit dans sa monographie") and someone reached by the newsroom after
    # the meeting are not speakers, and their words have none.
    assert set(article.speakers["speaker"]) == {"Régine Fabre"}
    assert rows["chaque générat"][0] is None
    assert rows["une occasion m"][0] is None


PEOPLE_CUES = """La commission des mobilités a examiné mardi le contrat des navettes.

Directrice commerciale de Navibus, l'exploitant actuel et candidat au renouvellement, Sarah
Mendel-Kahn a présenté le bilan. « Nos bateaux ont transporté 40 000 passagers », a-t-elle
indiqué (12:40).

Pour la pharmacienne Hélène Gourdon, qui tient une officine près du port, la ligne du soir
reste « la seule façon de rentrer sans voiture » (à 31 min 10).

Le brigadier Paul Estrade, chef du poste de secours, a dressé un autre constat : « Les
pontons ne sont pas éclairés après 22 heures » (41'05).

Le délégué des usagers, Marc Villon, a pris la parole après la pause. Il a parlé d'« une
ligne sacrifiée » (52:30).
"""


def test_speakers_found_by_a_fronted_role_a_title_noun_a_colon_and_the_floor() -> None:
    article = read_article(PEOPLE_CUES)
    assert set(article.speakers["speaker"]) == {
        "Sarah Mendel-Kahn", "Hélène Gourdon", "Paul Estrade", "Marc Villon"}
    by_time = article.quotes.set_index("stated_start")
    assert by_time.loc[760, "speaker"] == "Sarah Mendel-Kahn"
    assert by_time.loc[1870, "speaker"] == "Hélène Gourdon"
    assert by_time.loc[2465, "speaker"] == "Paul Estrade"
    assert by_time.loc[3150, "speaker"] == "Marc Villon"
    assert by_time.loc[3150, "kind"] == "fragment"


MINUTES = """COMMUNE DE VAL-D'ARBOUSSE

Procès-verbal de la séance du conseil municipal du 3 mars 2025

Présents : M. Louis Chabert, maire ; Mme Irène Vasseur, M. Hugo Teyssier, adjoints ; Mme Rose
Delmas, conseillère municipale (procuration en annexe).
Invitée : la directrice de l'école, Mme Agathe Morin.
Excusé : M. Victor Pelletier.

M. le Maire ouvre la séance. « Le budget de la cantine doit être voté ce soir » (2:10).

Mme Vasseur, adjointe aux écoles, présente les tarifs. Elle précise que le repas passera à
3,10 euros (à 8 min 20).

Mme Morin indique que 42 enfants déjeunent chaque jour à l'école (14'30).
"""


def test_an_attendance_list_names_the_people_the_minutes_call_by_title() -> None:
    article = read_article(MINUTES)
    # Listed and quoted: speakers; listed and silent (Hugo Teyssier, Rose Delmas) or
    # excused (Victor Pelletier): not speakers.
    assert set(article.speakers["speaker"]) == {"Louis Chabert", "Irène Vasseur", "Agathe Morin"}
    by_time = article.quotes.set_index("stated_start")
    assert by_time.loc[130, "speaker"] == "Louis Chabert"
    assert by_time.loc[500, "speaker"] == "Irène Vasseur"
    assert by_time.loc[870, "speaker"] == "Agathe Morin"


CLEFT = """La réunion sur le marché couvert a duré trois heures.

C'est à la 41e minute que la présidente des commerçants, Aline Ferrer, a pris la parole :
« Nous ne paierons pas deux loyers pendant les travaux. »
"""


def test_a_cleft_time_before_the_quotation_times_it() -> None:
    row = read_article(CLEFT).quotes.iloc[0]
    assert (row.speaker, row.stated_start) == ("Aline Ferrer", 2460)


DIALOGUE = """Le conseil de quartier a débattu de la nouvelle ligne de bus.

— Combien de passages par heure ? a demandé Nora Belkacem, présidente de l'association des
usagers (18:20).
— Quatre, a répondu l'adjoint aux transports, Marc Joubert. Nous passerons à six en 2026.
— Et le dimanche ?
— Deux seulement, faute de chauffeurs.
"""


def test_a_dialogue_printed_line_by_line_alternates_its_voices() -> None:
    quotes = read_article(DIALOGUE).quotes
    said = [(r.speaker if isinstance(r.speaker, str) else None, r.clean_text[:12])
            for r in quotes.itertuples()]
    assert said == [("Nora Belkacem", "Combien de p"), ("Marc Joubert", "Quatre"),
                    ("Marc Joubert", "Nous passero"), ("Nora Belkacem", "Et le dimanc"),
                    ("Marc Joubert", "Deux seuleme")]


HEARING = """# Audition sur la sécurité des ponts

**Présidence de Mme Hélène Vidal, présidente de la commission.** Rapporteur : M. Luc Perrin.

La présidente a donné lecture d'un courrier adressé à la commission par le maire de Saint-Ours,
M. Paul Astruc : « Le pont de la Dourbie ferme chaque hiver depuis dix ans. »

**M. le rapporteur.** Combien de ponts sont surveillés chaque année ? [00:41:10]

**M. Xavier Lenoir.** Cent vingt, sur les trois cents du département.

**Une voix.** C'est trop peu !

**Mme la présidente.** Merci, nous y reviendrons.
"""


def test_a_hearing_record_names_turns_by_bold_labels_and_a_read_letter_is_cited() -> None:
    quotes = read_article(HEARING).quotes
    said = [(r.speaker if isinstance(r.speaker, str) else None, r.clean_text[:12])
            for r in quotes.itertuples()]
    assert said == [(None, "Le pont de l"), ("Luc Perrin", "Combien de p"),
                    ("Xavier Lenoir", "Cent vingt, "), (None, "C'est trop p"),
                    ("Hélène Vidal", "Merci, nous ")]


WORKS = """La géographe Inès Morel a présenté son étude « Villages sans médecin : vingt ans de
départs en retraite non remplacés » devant le conseil. « Il faut salarier les médecins »,
a-t-elle conclu (12:30). Le collectif a déployé une banderole : « Un médecin pour chaque
canton ».
"""


def test_the_title_of_a_work_or_a_slogan_is_a_term() -> None:
    quotes = read_article(WORKS).quotes
    kinds = {r.clean_text[:12]: (r.kind, r.speaker if isinstance(r.speaker, str) else None)
             for r in quotes.itertuples()}
    assert kinds["Villages san"] == ("term", None)
    assert kinds["Un médecin p"] == ("term", None)
    assert kinds["Il faut sala"] == ("quote", "Inès Morel")


DEFINITE = """La réunion a réuni les riverains de la place.

Paul Marchand, quincaillier rue Haute depuis vingt ans, a pris la parole en premier. « Sans
stationnement, je ferme avant l'été », a averti le commerçant (18:40).

La présidente du comité de quartier, Alice Berthier, a répondu que rien n'était décidé.
Un voisin a lancé « on verra bien », et Paul Marchand a haussé les épaules.
« Nous voterons en mai », a précisé la commerçante (31:00).
"""


def test_a_definite_description_after_a_quote_names_the_one_person_just_presented() -> None:
    quotes = read_article(DEFINITE).quotes.set_index("stated_start")
    assert quotes.loc[1120, "speaker"] == "Paul Marchand"
    # Two people named in the paragraph: whom "la commerçante" means is not said.
    assert quotes.loc[1860].isna()["speaker"]


NAMED = """L'adjointe aux travaux, Claire Moulin, a présenté le dispositif que la préfecture
baptise « zone apaisée de circulation partagée en cœur de bourg ». Le maire appliquera le
« plan de partage de la ressource en eau en période de crise ». « Nous commencerons en
juin », a-t-elle promis (22:10).
"""


def test_a_name_after_a_naming_verb_or_a_scheme_noun_is_a_term_in_any_case() -> None:
    quotes = read_article(NAMED).quotes
    kinds = {r.clean_text[:12]: (r.kind, r.speaker if isinstance(r.speaker, str) else None)
             for r in quotes.itertuples()}
    assert kinds["zone apaisée"] == ("term", None)
    assert kinds["plan de part"] == ("term", None)
    assert kinds["Nous commenc"] == ("quote", "Claire Moulin")


FRONTED_ROLES = """Le conseil citoyen a présenté ses relevés de bruit.

Co-présidente du conseil citoyen, Maïwenn Le Goff a posé le décor : « Un avion passe
toutes les quatre minutes le dimanche. » (⏱ 04:10)

La maire, Odile Fenouillet-Baró, a conclu la séance. « Nous voterons en juin », a-t-elle
tranché.

Notre conseillère Karima Benhaddou a répondu : « Ce sont trois cents enfants qui apprennent
à nager chaque année. » (à 21 min 40)
"""


def test_fronted_roles_a_compound_past_and_names_with_any_accent() -> None:
    article = read_article(FRONTED_ROLES)
    by_time = article.quotes.set_index("stated_start")
    assert by_time.loc[250, "speaker"] == "Maïwenn Le Goff"
    assert by_time.loc[1300, "speaker"] == "Karima Benhaddou"
    assert "Odile Fenouillet-Baró" in set(article.speakers["speaker"])


THREAD = """2/ 19:09 — Le maire, Jean-Paul Vidal, ouvre le débat : « Nous poserons quatorze
caméras. » [▶ 0:06:40]

4/ 19:22 — Sonia Lefebvre, du groupe « Ensemble à gauche » : « C'est trois ans d'animation
jeunesse. » [▶ 0:18:50]

7/ 19:38 — Lefebvre : « Vous filmerez aussi la sortie du collège ? » [▶ 0:32:50]

11/ 20:58 — Nous avons joint Lucas Ferrandi, sociologue, qui ne suit pas la séance. Pour lui,
« la caméra rassure d'abord ceux qui la financent ».
"""


def test_a_thread_with_clock_times_a_group_in_apposition_and_someone_absent() -> None:
    article = read_article(THREAD)
    by_time = article.quotes.set_index("stated_start")
    assert by_time.loc[400, "speaker"] == "Jean-Paul Vidal"
    assert by_time.loc[1130, "speaker"] == "Sonia Lefebvre"
    assert by_time.loc[1970, "speaker"] == "Sonia Lefebvre"
    assert "Lucas Ferrandi" not in set(article.speakers["speaker"])
    # The tweets' clock times (19:09…) are never replay times.
    assert set(article.quotes["stated_start"].dropna()) == {400, 1130, 1970}


EXCHANGE = """Procès-verbal de l'assemblée générale des copropriétaires.

Présents : M. Joseph Lavit, copropriétaire ; Mme Inès Ferracci, chargée de mission.

Un échange s'engage alors entre M. Lavit et Mme Ferracci (enr. 38'40) :
— Et si on vote non, la Ville peut nous obliger quand même ?
— Non, mais l'aide disparaît au 31 décembre.
— Donc c'est oui, ou bien on paie plein tarif.
"""


def test_a_dialogue_announced_with_two_names_takes_their_voices_in_turn() -> None:
    quotes = read_article(EXCHANGE).quotes
    said = [(r.speaker if isinstance(r.speaker, str) else None, r.clean_text[:12])
            for r in quotes.itertuples()]
    assert said == [("Joseph Lavit", "Et si on vot"), ("Inès Ferracci", "Non, mais l'"),
                    ("Joseph Lavit", "Donc c'est o")]


SIGNED = """« Les gens ne sortiront plus dîner en ville s'il faut rentrer à la lampe de poche. »
— Nathalie Corbière, présidente de l'union commerciale « Montfaucon Boutiques » [00:19:45]
"""


def test_a_name_in_guillemets_inside_a_signature_owns_no_time() -> None:
    quotes = read_article("Le débat sur l'éclairage.\n\n" + SIGNED).quotes
    first = quotes.iloc[0]
    assert (first.speaker, first.stated_start) == ("Nathalie Corbière", 1185)


VERBATIM = """# Le verbatim du conseil

La vice-présidente, Marie-Hélène Castagné, et le maire de Puymaurel, Thierry Rouanet, ont
débattu du centre d'hébergement.

[00:41:40] MARIE-HÉLÈNE CASTAGNÉ. — Vingt-quatre places, ouvertes de novembre à mars.

[00:44:05] THIERRY ROUANET. — Trois ans, et après ? Après, c'est ma commune qui restera seule.

UNE VOIX DANS LE PUBLIC. — Et ceux qui dorment dehors, on en parle quand ?

LE MAIRE — Je voterai contre, et je l'assume.
"""


def test_a_published_verbatim_with_capital_labels_and_times() -> None:
    quotes = read_article(VERBATIM).quotes
    speakers = [r.speaker if isinstance(r.speaker, str) else None for r in quotes.itertuples()]
    assert speakers == ["Marie-Hélène Castagné", "Thierry Rouanet", None, "Thierry Rouanet"]
    assert quotes["stated_start"].tolist()[:2] == [2500, 2645]


SIGNATURE_LINES = """La table ronde sur le logement des saisonniers a réuni quatre élus.

> « Si chaque commune de la vallée crée quatre logements, le problème est réglé. »
> — Bruno Cayrou, maire de Saint-Gervais (33'05)

« On ne demande pas la lumière partout, on demande la lumière là où on marche. »

— Samia Ourabah, infirmière libérale (32:10)
"""


def test_a_signature_on_its_own_line_signs_the_quote_above() -> None:
    quotes = read_article(SIGNATURE_LINES).quotes
    said = [(r.speaker, r.stated_start) for r in quotes.itertuples()]
    assert said == [("Bruno Cayrou", 1985), ("Samia Ourabah", 1930)]


CONTACTED = """Le conseil municipal a voté la fermeture de la piscine.

L'étude du cabinet Hydra a été présentée aux élus. Son auteur, l'ingénieur Paul Mayne, y écrit
que « le bâtiment n'est plus réparable par morceaux ».

Contacté vendredi matin, le président de la communauté de communes, Alain Ferrand, qui
n'assistait pas à la séance, assure que des créneaux « seront trouvés dès la rentrée ».
"""


def test_an_author_and_someone_contacted_after_the_meeting_are_not_speakers() -> None:
    article = read_article(CONTACTED)
    assert article.speakers.empty
    assert article.quotes["speaker"].isna().all()


def test_the_newsroom_asking_a_question_is_nobody_s_speech() -> None:
    text = ("La réunion a duré trois heures.\n\nLe maire, Paul Roux, a défendu le projet (12:00)."
            "\n\nNous avons demandé à Paul Roux : « Le tracé nord est-il abandonné ? »\n")
    row = read_article(text).quotes.iloc[-1]
    assert row.isna()["speaker"]


def test_a_name_titled_by_a_trade_then_a_quote_with_a_pronoun_incise() -> None:
    # The name opens its sentence behind a fronted role and a trade noun; the next sentence
    # is a quotation closed by "a-t-il lancé": the pronoun can only mean him.
    text = ("Le conseil municipal a voté le déménagement du marché.\n\n"
            "Représentant des marchands, le fromager Yves Carbonnel avait demandé la parole. "
            "« Sur le parking, on aura de l'ombre et de la place », a-t-il lancé (12:40).\n")
    article = read_article(text)
    assert "Yves Carbonnel" in set(article.speakers["speaker"])
    row = article.quotes.iloc[0]
    assert row["speaker"] == "Yves Carbonnel"
    assert row["stated_start"] == 760.0


def test_a_subject_whose_next_paragraph_is_the_quotation_announced_by_a_colon() -> None:
    text = ("La salle était pleine.\n\n"
            "Au nom du collectif « Parents du plateau », Léa Marcou, mère de trois enfants, "
            "a lu un texte écrit la veille :\n\n"
            "« Nous ne voulons pas quarante minutes de route pour une place en crèche. » "
            "(41:05)\n")
    quotes = read_article(text).quotes
    row = quotes[quotes["clean_text"].str.startswith("Nous ne voulons")].iloc[0]
    assert row["speaker"] == "Léa Marcou"
    assert row["stated_start"] == 2465.0


def test_someone_who_takes_the_microphone_in_a_relative_clause_speaks() -> None:
    text = ("Le débat a duré deux heures.\n\n"
            "Le moment fort est venu d'un apiculteur du village, Hugo Ferrand, qui a pris le "
            "micro sans notes : « Mes ruches meurent depuis trois printemps. » (55:10)\n")
    article = read_article(text)
    assert article.quotes.iloc[0]["speaker"] == "Hugo Ferrand"


def test_a_name_followed_by_a_quotation_with_a_feminine_incise_needs_no_role() -> None:
    text = ("Ouverture de séance.\n\n"
            "Nadège Fournel a brandi le rapport de la chambre régionale. « Ces marges, vous ne "
            "les avez jamais utilisées », a-t-elle insisté (33:10).\n")
    assert read_article(text).quotes.iloc[0]["speaker"] == "Nadège Fournel"


def test_a_time_inside_the_sentence_before_its_only_quotation_times_it() -> None:
    text = ("Le conseil a siégé trois heures.\n\n"
            "Peu avant le vote (1:12:40), le maire Paul Serre a tenu à avoir le dernier mot : "
            "« Dans deux ans, on reparlera de ce vote. »\n\n"
            "Elle a parlé, à la 52e minute, d'une « catastrophe pour un club centenaire ».\n")
    quotes = read_article(text).quotes
    assert list(quotes["stated_start"]) == [4360.0, 3120.0]
    assert (quotes["kind"] != "paraphrase").all()


def test_a_time_after_a_reported_clause_stays_with_the_paraphrase() -> None:
    text = ("Le conseil a siégé trois heures.\n\n"
            "Le maire Paul Serre a rappelé que le budget baissait (12:30) et a lancé : "
            "« Nous tiendrons. »\n")
    quotes = read_article(text).quotes
    quote = quotes[quotes["clean_text"] == "Nous tiendrons."].iloc[0]
    assert quote.isna()["stated_start"]


def test_a_time_closing_the_sentence_of_a_long_fragment_times_the_fragment() -> None:
    text = ("Le conseil a siégé trois heures.\n\n"
            "Michel Serre, président de la communauté, a promis qu'un ramassage « matin et soir, "
            "gratuit pour toutes les familles du plateau » serait étudié (1h09'40).\n")
    quotes = read_article(text).quotes
    assert list(quotes["stated_start"]) == [4180.0]
    assert list(quotes["kind"]) == ["fragment"]


def test_ancien_qualifying_a_thing_does_not_make_a_former_office_holder() -> None:
    text = ("La réunion a duré deux heures.\n\n"
            "Éleveur dont les prés longent l'ancienne voie ferrée, Marc Tiquet a dit ses "
            "craintes : « Qui paiera les clôtures ? » (48:30)\n\n"
            "L'ancien maire, Paul Ferrand, avait lancé le projet. « Il faut rouvrir la voie », "
            "écrivait-il en 2012.\n")
    article = read_article(text)
    assert list(article.speakers["speaker"]) == ["Marc Tiquet"]


def test_a_name_followed_by_selon_elle_presents_a_speaker() -> None:
    text = ("La table ronde a réuni cinq élus.\n\n"
            "Directrice de la police intercommunale depuis 2011, Agnès Ferral encadre sept "
            "agents. Selon elle, la mutualisation suppose de « renoncer à avoir chacun son "
            "policier devant sa mairie » (21'40).\n")
    article = read_article(text)
    assert list(article.speakers["speaker"]) == ["Agnès Ferral"]
    assert article.quotes.iloc[0]["speaker"] == "Agnès Ferral"


def test_a_role_with_another_name_in_apposition_is_not_the_speaker_with_that_role() -> None:
    text = ("La salle était pleine.\n\n"
            "« Personne ne repartira sans réponse », a lancé le maire, Guy Tremel, en ouvrant "
            "la séance (4:05).\n\n"
            "Contacté mercredi, le maire de la commune voisine, Daniel Cazal, qui n'assistait "
            "pas à la réunion, réserve sa position : « Je ne dirai ni oui ni non. »\n")
    quotes = read_article(text).quotes
    assert quotes.iloc[0]["speaker"] == "Guy Tremel"
    assert quotes.iloc[-1].isna()["speaker"]  # Daniel Cazal, contacted, is no speaker


def test_a_role_then_a_name_after_a_fronted_apposition_in_the_next_sentence() -> None:
    text = ("La séance a duré deux heures.\n\n"
            "Le directeur de la centrale a d'abord reconnu « un défaut de communication » "
            "(11min05). Arrivé sur le site il y a dix-huit mois, Loïc Bernard a ensuite "
            "détaillé la chronologie.\n")
    assert read_article(text).quotes.iloc[0]["speaker"] == "Loïc Bernard"


def test_a_role_of_the_other_gender_does_not_introduce_the_next_name() -> None:
    text = ("La réunion a été filmée.\n\n"
            "Le directeur de la société de cars y a assuré qu'aucun élève ne passerait plus de "
            "cinquante minutes dans le car (replay : 8min40). Le lendemain, Noémie Castel, "
            "vice-présidente chargée des mobilités, a répondu à nos questions.\n")
    article = read_article(text)
    assert "Noémie Castel" not in set(article.speakers["speaker"])
    assert article.quotes.iloc[0].isna()["speaker"]


def test_a_trade_noun_as_definite_description_names_the_paragraph_s_person() -> None:
    text = ("Le conseil a débattu de l'éclairage.\n\n"
            "Invité à s'exprimer, le capitaine Joël Ferrand, commandant de la brigade, a détaillé "
            "les chiffres (27 min 40). « Les voleurs préfèrent la lumière », a résumé "
            "l'officier (29:10).\n")
    quotes = read_article(text).quotes
    assert quotes[quotes["clean_text"].str.startswith("Les voleurs")].iloc[0]["speaker"] == (
        "Joël Ferrand")


@pytest.mark.parametrize("sentence", [
    "Interrogé mardi par téléphone, Gilles Marot, président de l'union « Vitrines du centre », "
    "qui n'assistait pas à la séance, parle d'un « coup dur pour les petits commerces ».",
    "Jointe mercredi matin, la présidente de l'association « Commerces unis », Corinne Vial, "
    "qui n'avait pas pu assister au conseil, s'inquiète : « Nous allons perdre des clients. »",
    "Le rapport remis en septembre par le cabinet Terres Neuves, signé par la sociologue "
    "Florence Bastel, est plus prudent : « L'effet propre du dispositif reste incertain. »",
    "Dans une note remise à la mairie en décembre, le commandant de la brigade, le capitaine "
    "Loïc Tremel, estime que ces caméras « permettraient d'élucider un tiers des vols ».",
    "La maire a ensuite lu le courriel du directeur du syndicat départemental d'énergies, "
    "Francis Dalmas, retenu ailleurs : « Nous n'avons constaté aucune hausse des accidents. »",
    "Interrogée par Territoires forestiers après la réunion, l'économiste Agathe Rimel doute du "
    "montage : « Le coût sera reporté sur les propriétaires. »",
    "Il s'est appuyé sur le rapport de la chambre des comptes, dont le magistrat rapporteur, "
    "Hervé Tastel, qualifiait la politique tarifaire d'« insoutenable ».",
    "Jointe mercredi, la présidente de l'union commerciale « Les Vitrines de l'Agre », "
    "Mireille Condal, salue un plan « qui arrive enfin ».",
])
def test_people_reached_or_read_apart_from_the_meeting_are_not_speakers(sentence: str) -> None:
    text = ("Le conseil municipal a siégé trois heures.\n\n"
            "Le maire, Paul Serre, a ouvert la séance : « Nous voterons ce soir. » (4:05)\n\n"
            + sentence + "\n")
    assert list(read_article(text).speakers["speaker"]) == ["Paul Serre"]


def test_a_verb_right_after_the_name_s_comma_reports_even_before_a_long_clause() -> None:
    text = ("Le conseil a voté la fusion.\n\n"
            "Le DGS, M. Laurent Kerhervé, a ensuite précisé que ce lissage pourrait durer douze "
            "ans et que la taxe de Lormes, plus basse de 12 %, rejoindrait l'autre (41min20).\n")
    article = read_article(text)
    assert list(article.speakers["speaker"]) == ["Laurent Kerhervé"]


def test_a_company_named_like_a_person_is_no_speaker() -> None:
    text = ("Le projet est porté par six exploitations et la société Biogaz Ouest.\n\n"
            "Le chef de projet de Biogaz Ouest, Thomas Guérin, a détaillé l'installation. "
            "« Le digestat est un engrais, pas un déchet », a-t-il affirmé (8:40).\n")
    article = read_article(text)
    assert "Biogaz Ouest" not in set(article.speakers["speaker"])
    assert article.quotes.iloc[-1]["speaker"] == "Thomas Guérin"


def test_l_elu_refers_back_not_to_the_speaker_whose_role_is_elu() -> None:
    text = ("La session a duré la journée.\n\n"
            "Président du groupe « Région en commun », Mehdi Benali a dénoncé « un plan social "
            "silencieux » [00:31:40].\n\n"
            "Il a ensuite lu une lettre. L'élu a tendu la feuille vers la tribune. « Vous lui "
            "répondrez quoi ? », a-t-il poursuivi [00:36:15].\n\n"
            "Hugues Delmas, élu de Montbran et rapporteur général, a ensuite précisé que l'aide "
            "serait maintenue [01:02:15].\n")
    quotes = read_article(text).quotes
    row = quotes[quotes["clean_text"].str.startswith("Vous lui")].iloc[0]
    assert row["speaker"] == "Mehdi Benali"


def test_a_surname_opening_a_sentence_with_a_compound_past_names_the_speaker() -> None:
    text = ("Le conseil a siégé trois heures.\n\n"
            "Le chef de file de l'opposition, Rodolphe Kerval, a déposé une motion. Kerval a "
            "réclamé « une vraie concertation, pas une réunion d'information » (55min15).\n")
    quotes = read_article(text).quotes
    assert quotes.iloc[-1]["speaker"] == "Rodolphe Kerval"


def test_an_ordinal_before_a_role_still_names_its_holder() -> None:
    text = ("Le conseil a voté la piétonnisation.\n\n"
            "La première adjointe, Françoise Delorme, présentait le projet.\n\n"
            "C'est ensuite la première adjointe qui a détaillé le calendrier. « Les livraisons "
            "resteront possibles chaque matin », a-t-elle assuré (31min45).\n")
    quotes = read_article(text).quotes
    assert quotes.iloc[-1]["speaker"] == "Françoise Delorme"


def test_a_demonstrative_role_before_a_name_restates_the_role_just_quoted() -> None:
    text = ("Le conseil a voté la piétonnisation.\n\n"
            "« Les livraisons resteront possibles chaque matin », a assuré l'adjointe (31min45). "
            "Cette adjointe, Françoise Delorme, a ensuite détaillé le calendrier.\n")
    quotes = read_article(text).quotes
    assert quotes.iloc[0]["speaker"] == "Françoise Delorme"


def test_a_hyphenated_surname_spacy_cuts_is_still_a_person() -> None:
    text = ("La réunion a duré deux heures.\n\n"
            "Co-présidente du conseil citoyen, Maïwenn Lestrade-Pujol a posé le décor : « Un "
            "avion passe toutes les quatre minutes au-dessus de l'école. » (04:10)\n")
    assert read_article(text).quotes.iloc[0]["speaker"] == "Maïwenn Lestrade-Pujol"


def test_someone_describing_an_idea_in_their_book_is_cited() -> None:
    text = ("La réunion a duré deux heures.\n\n"
            "Le maire, Paul Serre, a ouvert la séance : « Nous voterons ce soir. » (4:05)\n\n"
            "L'économiste des transports Sylvie Marcel décrivait ce mécanisme dès 2020 dans son "
            "livre « Les petites lignes » : « Une ligne qu'on ne fait plus rouler perd ses "
            "voyageurs. »\n")
    assert list(read_article(text).speakers["speaker"]) == ["Paul Serre"]


@pytest.mark.parametrize("naming", [
    "Franck Audouze, c'est son nom, a précisé plus tard la marge retenue.",
    "Elle s'appelle Franck Audouze, et elle a promis de revenir.",
    "Franck Audouze, puisque c'est de lui qu'il s'agit, a ensuite détaillé la méthode.",
])
def test_a_naming_formula_names_the_person_just_quoted(naming: str) -> None:
    text = ("La réunion publique a duré trois heures.\n\n"
            "L'hydrologue du bureau d'études a pris le micro pour défendre la méthode : « Le "
            "modèle a été calé sur les crues de 1910 et de 2021. » " + naming + "\n")
    article = read_article(text)
    assert article.quotes.iloc[0]["speaker"] == "Franck Audouze"


def test_an_indefinite_agent_noun_blocks_a_pronoun_from_the_paragraph_before() -> None:
    text = ("Le débat a été filmé.\n\n"
            "La présidente, Mathilde Sorel, a ouvert la séance : « Bienvenue à tous. » (0:40)\n\n"
            "Une randonneuse installée au fond de la salle prend le micro. « Je me suis fait "
            "charger par un patou l'été dernier », lance-t-elle (49:00).\n")
    quotes = read_article(text).quotes
    assert quotes.iloc[-1].isna()["speaker"]


def test_a_naming_formula_makes_a_person_whatever_spacy_tags() -> None:
    text = ("Le débat a été filmé.\n\n"
            "C'est l'agent des forêts qui a répondu : « Une carte en ligne, on sait faire », "
            "a-t-il expliqué (33:10). Il s'appelle Loïc Garnier, il connaît le causse comme sa "
            "poche, et il a ensuite précisé que la carte serait prête en mai (35:20).\n")
    article = read_article(text)
    assert "Loïc Garnier" in set(article.speakers["speaker"])


def test_an_author_of_many_works_described_by_credentials_can_speak() -> None:
    text = ("La table ronde a réuni cinq intervenants.\n\n"
            "Maîtresse de conférences en géographie et autrice de plusieurs travaux sur la "
            "mobilité, Claire Dumont a rappelé que sept usagers sur dix ont plus de 70 ans "
            "(38 min 20).\n")
    assert list(read_article(text).speakers["speaker"]) == ["Claire Dumont"]


PORTRAIT_INTERVIEW = """# Corinne Sabrié, la maire qui veut sauver le jumelage

*Propos recueillis par Hélène Dastier*

Président du comité, Bernard Lagarde a dénoncé la baisse. Le maire allemand, Jürgen Weber, a suivi.

**Vous avez divisé par deux la subvention. Le jumelage est-il un luxe ?**

Non, et je l'ai répété mardi. Une commune qui doit refaire le toit de son école doit choisir.

**Que proposez-vous pour 2026 ?**

Trois choses. Un échange de stagiaires, un tournoi de rugby et une résidence d'artistes.

**Et vous, que vous a apporté ce jumelage ?**

Mon métier, tout simplement. Je suis devenue professeure d'allemand grâce à lui.
"""


def test_a_portrait_interview_names_its_interviewee_in_the_headline() -> None:
    quotes = read_article(PORTRAIT_INTERVIEW).quotes
    answers = quotes[quotes["clean_text"].str.startswith(("Non, et", "Trois choses", "Mon métier"))]
    assert list(answers["speaker"]) == ["Corinne Sabrié"] * 3


def test_a_demand_verb_reports_but_its_guillemets_stay_a_fragment() -> None:
    text = ("Le conseil a voté le déménagement de la halle.\n\n"
            "Conseiller d'opposition, Gilles Peyrol a raconté ses trente ans de marché. "
            "Peyrol a réclamé « une navette gratuite le samedi matin » (31min10).\n")
    row = read_article(text).quotes.iloc[0]
    assert (row["speaker"], row["kind"], row["stated_start"]) == (
        "Gilles Peyrol", "fragment", 1870.0)


TWO_PERSON_INTERVIEW = """# La grève à l'Ehpad, au lendemain de la table ronde

*Propos recueillis par Lucie Marquet*

**Qu'est-ce qui a changé jeudi soir ?**

**Nadia Benkiran** : Pour la première fois, tout le monde a entendu la même chose.

**Jérôme Vidal** : Le Département a mis un poste sur la table.

**Et maintenant, la grève va-t-elle continuer ?**

**Benkiran** : Oui, jusqu'à ce qu'on ait une date et un chiffre écrits.

**Vidal** : Je respecte ce choix. La porte de mon bureau reste ouverte.
"""


def test_bold_surname_labels_name_the_full_names_printed_before() -> None:
    quotes = read_article(TWO_PERSON_INTERVIEW).quotes
    rows = {r.clean_text[:12]: r.speaker for r in quotes.itertuples()}
    assert rows["Oui, jusqu'à"] == "Nadia Benkiran"
    assert rows["Je respecte "] == "Jérôme Vidal"


def test_an_adverb_between_auxiliary_and_participle_keeps_the_incise() -> None:
    text = ("La réunion publique a duré trois heures.\n\n"
            "« Je ne suis pas venu vous annoncer une bonne nouvelle », a d’emblée prévenu le "
            "maire, Marc Darrig (à 2 min 45).\n")
    assert read_article(text).quotes.iloc[0]["speaker"] == "Marc Darrig"


def test_a_present_role_joined_to_a_former_one_is_no_former_office_holder() -> None:
    text = ("Le conseil a voté le gymnase.\n\n"
            "Adjoint aux sports et ancien entraîneur de l'équipe de handball, Karim Benaïs a "
            "détaillé le plan. « Il nous manque encore la Région », a-t-il dit (12:10).\n")
    assert read_article(text).quotes.iloc[0]["speaker"] == "Karim Benaïs"


def test_a_pronoun_takes_up_the_subject_not_the_object_of_the_sentence_before() -> None:
    text = ("Le conseil a débattu du bus de nuit.\n\n"
            "La vice-présidente, Mélanie Cortal, a présenté le tracé (10:00). La conseillère "
            "Yasmine Zian a demandé un arrêt (20:00).\n\n"
            "Mélanie Cortal a répondu à Yasmine Zian, qui demandait un arrêt devant la résidence. "
            "Elle a promis que le tracé serait « revu avec les étudiants avant l'été » (55:10).\n")
    quotes = read_article(text).quotes
    row = quotes[quotes["clean_text"].str.startswith("revu")].iloc[0]
    assert row["speaker"] == "Mélanie Cortal"
