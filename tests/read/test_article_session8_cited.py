"""Issue 13, session 8 round 3: people who are not speakers of the event (a letter's writer
read out, someone who answered the writer afterwards, a former office-holder in an
apposition, an author named through their work, someone absent), and the cues that name a
speaker across sentences and paragraphs. Wordings of our own; real spaCy."""

from __future__ import annotations

from coopanalysis.read.article import read_article

INTRO = "La réunion publique s'est tenue jeudi soir à la salle polyvalente.\n\n"


def _speakers(text: str) -> list[str | None]:
    quotes = read_article(INTRO + text).quotes
    return [r.speaker if isinstance(r.speaker, str) else None for r in quotes.itertuples()]


def test_a_letter_read_out_by_the_mayor_is_not_the_mayor_s_words() -> None:
    text = ("Le maire, Paul Sarrut, a ouvert la séance en lisant la lettre de la directrice "
            "de l'école du Moulin, Irène Castel : « Nous avons fermé deux classes cet "
            "hiver. » Puis il a fixé la règle : « Ce soir, chacun parle trois minutes. » "
            "(04:10)\n")
    assert _speakers(text) == [None, "Paul Sarrut"]


def test_someone_who_answered_the_writer_afterwards_is_not_a_speaker() -> None:
    text = ("« Le pont rouvrira en mars », a promis la maire, Anne Rieu (12:40).\n\n"
            "Le lendemain, j'ai écrit à la préfecture. Marc Delbos, chef du service des "
            "routes, m'a répondu vendredi : « Les crédits sont inscrits. »\n")
    assert _speakers(text) == ["Anne Rieu", None]


def test_a_former_office_in_the_apposition_makes_a_cited_person() -> None:
    text = ("« Le marché couvert doit rouvrir », a lancé la maire, Anne Rieu (03:10).\n\n"
            "Le 8 mai, Louise Ferrand, ancienne directrice de l'office de tourisme, a écrit "
            "aux élus : « Je n'avais jamais vu une salle aussi pleine. »\n")
    assert _speakers(text) == ["Anne Rieu", None]


def test_a_former_trade_with_a_present_role_keeps_the_speaker() -> None:
    text = ("Pour Hugo Viala, ancien infirmier qui préside le comité depuis 2019, « la "
            "régulation par téléphone ne remplacera jamais une porte ouverte » (21:30).\n")
    assert _speakers(text) == ["Hugo Viala"]


def test_an_author_named_through_the_title_of_their_book_is_cited() -> None:
    text = ("L'idée n'est pas neuve : dans son *Histoire du canton*, l'historienne Rose "
            "Vialar décrivait dès 1998 des villages « trop petits pour vivre seuls ».\n\n"
            "« Fusionner n'est pas disparaître », a répondu le maire, Paul Sarrut (12:05).\n")
    assert _speakers(text) == [None, "Paul Sarrut"]


def test_someone_absent_from_the_meeting_who_spoke_the_next_day_is_cited() -> None:
    text = ("« Le vote est acquis », a conclu le maire, Paul Sarrut (1:02:15).\n\n"
            "Absent de la réunion, le conseiller départemental, Gilles Pradal, déclara le "
            "lendemain : « Une fusion à deux reste une étape. »\n")
    assert _speakers(text) == ["Paul Sarrut", None]


def test_a_replay_time_before_a_quotation_makes_it_speech_not_a_title() -> None:
    rows = read_article(INTRO + "Un habitant a interpellé la tribune (à 48 min 30) : « On "
                        "nous demande notre avis, mais tout est décidé ? »\n").quotes
    assert list(rows["kind"]) == ["quote"]
    assert list(rows["stated_start"]) == [2910.0]


def test_a_dash_signature_makes_its_name_a_speaker() -> None:
    text = ("Une épicière d'un village voisin avait raconté ses comptes : « Je fais 900 "
            "euros les bons jours. » — Josette Marcou, épicière à Lavernhe [00:12:05]\n")
    assert _speakers(text) == ["Josette Marcou"]


def test_a_role_word_with_a_place_is_not_a_name() -> None:
    text = ("« Personne ne veut fermer le service », a déclaré le président du syndicat "
            "(03:40). Élu de Mazerolles depuis 2014, Denis Fabre a ensuite présenté le "
            "projet (05:10).\n")
    names = set(read_article(INTRO + text).speakers["speaker"])
    assert "Élu de Mazerolles" not in names


def test_celle_qui_parlait_ainsi_names_the_role_just_quoted() -> None:
    text = ("L'élue régionale chargée de la vie rurale a été franche : « La Région ne paiera "
            "pas les salaires. » (09:15) Celle qui parlait ainsi, Nadia Ferrat, a ensuite "
            "précisé le montant (10:40).\n")
    assert _speakers(text) == ["Nadia Ferrat", "Nadia Ferrat"]


def test_a_name_opening_the_next_paragraph_names_the_role_just_quoted() -> None:
    text = ("« Sans cette ligne, le nord du département est isolé », a déclaré en ouvrant "
            "le débat le président du conseil départemental (2:36:05).\n\n"
            "Laurent Sabatié, qui dirige le Département depuis 2021, a rappelé que trois "
            "usines en dépendaient (2:39:40).\n")
    assert _speakers(text) == ["Laurent Sabatié", "Laurent Sabatié"]


def test_the_economist_known_by_her_book_is_cited() -> None:
    text = ("« Le premier mètre cube doit rester gratuit », a plaidé le président, Jean Vidal "
            "(06:50). Le projet s'appuie sur les travaux de l'économiste Claire Dumas, dont "
            "l'ouvrage décrit une facture « deux fois plus lourde pour les ménages pauvres ».\n")
    assert _speakers(text) == ["Jean Vidal", None]


def test_an_editorialist_who_was_not_in_the_room_is_cited() -> None:
    text = ("« Je demande une assurance », a lancé Marc Azéma, irrigant (21:05). "
            "L'éditorialiste de *La Voix*, Paul Ferrand, qui n'était pas dans la salle, voit "
            "dans la soirée un « dialogue de sourds entre deux agricultures ».\n")
    assert _speakers(text) == ["Marc Azéma", None]


def _times(text: str) -> list[float]:
    return list(read_article(INTRO + text).quotes["stated_start"])


def test_a_time_opening_a_lead_in_dates_the_next_quotation() -> None:
    times = _times("Pour conclure (replay : 1h21min40), notre présidente a tenu à remercier "
                   "chacun :\n\n« Pour la première fois, on nous parle de service public. »\n"
                   "— Isabelle Garric, présidente du réseau\n")
    assert times == [4900.0]


def test_a_time_after_a_group_named_in_the_incise_is_the_quote_s() -> None:
    rows = read_article(INTRO + "« Le bruit s'entendra jusqu'au bourg », a assuré Gérard "
                        "Sicard, président de l'association « Sauvons le plateau » (vidéo, "
                        "19'05).\n").quotes
    quote = rows[rows["kind"] == "quote"]
    assert list(quote["stated_start"]) == [1145.0]
    assert list(rows[rows["kind"] == "term"]["text"]) == ["Sauvons le plateau"]


def test_a_time_before_a_quote_after_quelques_minutes_is_read() -> None:
    times = _times("Quelques minutes avant la clôture (vidéo, 1h48'20), Frédéric Salles a voulu "
                   "rassurer la salle : « Nous ne reviendrons pas sur les crédits. »\n")
    assert times == [6500.0]


def test_the_room_s_reaction_between_a_quote_and_its_time() -> None:
    times = _times("Depuis le fond de la salle, un homme lance : « Et quand le bac est plein "
                   "de neige ? » Rires dans le public. (47:30)\n")
    assert times == [2850.0]


def test_a_pull_quote_s_footer_keeps_its_speaker_and_time() -> None:
    html = ("<html><head><title>Débat sur l'école</title></head><body><article>"
            "<h1>Débat sur l'école</h1>"
            "<p>La réunion publique sur le regroupement des écoles a duré deux heures et "
            "la vidéo est en ligne sur le site de la commune, avec ses repères.</p>"
            "<p>« Nous garderons une classe dans chaque village », a promis le maire, Paul "
            "Tessier (<a href='https://v.example/e?t=840'>à 14 min 00</a>).</p>"
            "<blockquote><p>&laquo;&nbsp;Vous fermerez la classe, mais pas nos "
            "souvenirs.&nbsp;&raquo;</p><footer>— Corinne Azais, maire de Combes (<a "
            "href='https://v.example/e?t=2945'>à 49 min 05</a>)</footer></blockquote>"
            "<p>La décision sera prise en conseil communautaire au printemps prochain, après "
            "une nouvelle réunion avec les parents d'élèves des deux villages.</p>"
            "</article></body></html>")
    rows = read_article(html.encode("utf-8")).quotes
    pull = rows[rows["text"].str.startswith("Vous fermerez")]
    assert list(pull["speaker"]) == ["Corinne Azais"]
    assert list(pull["stated_start"]) == [2945.0]


def test_a_bracketed_ordinal_minute_is_a_replay_time() -> None:
    assert _times("« Ce soir, c'est vous qui présentez », a lancé le maire, Joël Cabanes "
                  "(3e minute).\n") == [180.0]


def test_a_letter_that_a_speaker_read_is_its_writer_s() -> None:
    text = ("« Nous tiendrons les délais », a promis le président, Bruno Lafon (12:10). "
            "Notre fournisseur, absent lui aussi, nous avait adressé une lettre que Bruno "
            "Lafon a lue à la tribune : « Je comprends votre démarche, mais mes camions "
            "livrent encore la vallée. »\n")
    assert _speakers(text) == ["Bruno Lafon", None]


def test_a_petition_read_out_is_not_the_reader_s_and_the_next_pronoun_is() -> None:
    text = ("L'adjoint aux sports, Serge Bonnal, a lu la pétition des riverains portée par "
            "Marcel Teysseire : « Nous demandons le calme après 20 heures. » Il a ensuite "
            "estimé que la commune ne pourrait pas payer avant 2031 (22:10).\n")
    assert _speakers(text) == [None, "Serge Bonnal"]


def test_a_consultant_whose_study_is_cited_and_absent_is_not_a_speaker() -> None:
    text = ("« Six relais suffiront », a assuré l'adjoint au numérique, Kévin Roques (09:45). "
            "Il s'appuie sur l'étude de la consultante Valérie Rouquet, absente ce soir, qui "
            "classe la commune parmi celles « qu'aucun opérateur ne jugera rentables ».\n")
    assert _speakers(text) == ["Kévin Roques", None]


def test_someone_interviewed_by_the_paper_after_the_meeting_is_cited() -> None:
    text = ("« La carte sera revue rue par rue », a promis la préfète, Anne Vidal (12:30).\n\n"
            "Le directeur régional d'une mutuelle, Franck Amiel, interrogé par notre revue "
            "après la réunion, ne s'alarme pas : « Une zone rouge claire vaut mieux qu'un "
            "flou. »\n")
    assert _speakers(text) == ["Anne Vidal", None]


def test_a_role_used_as_another_person_s_title_does_not_name_the_speaker() -> None:
    text = ("« Le plan sera révisé », a dit l'ingénieur, Rémi Fabre (14:05).\n\n"
            "Le plan de 1984 reposait sur le rapport de l'ingénieur Paul Séguier, qui "
            "jugeait la digue « suffisante pour un siècle au moins ».\n")
    assert _speakers(text) == ["Rémi Fabre", None]


def test_a_former_mayor_named_nearer_the_quote_blocks_the_speaker_before() -> None:
    text = ("« Ils ont travaillé huit mois », a insisté l'adjointe à la jeunesse, Lucie "
            "Amiel (31:00). "
            "Lucie Amiel a rappelé que l'ancienne maire Paulette Ginest avait promis dès 2015 "
            "« un lieu pour les ados, fait avec eux ».\n")
    assert _speakers(text) == ["Lucie Amiel", None]


def test_a_demonstrative_after_a_quote_names_its_unnamed_speaker() -> None:
    text = ("Le porteur du projet a ensuite pris la parole : « Nous sommes cinq éleveurs et "
            "nous voulons transformer nos fumiers » (à 9 min 05). Cet éleveur laitier, "
            "Julien Carrère, a précisé que le site chaufferait 1 500 foyers (11:20).\n")
    assert _speakers(text) == ["Julien Carrère", "Julien Carrère"]


def test_a_former_trade_restated_by_a_demonstrative_keeps_the_speaker() -> None:
    text = ("Le directeur des services techniques a déroulé le calendrier : « Nous "
            "reprogrammerons les horloges quartier par quartier » (8min15). Cet ancien "
            "électricien, Bruno Lacan, a précisé que 940 points seraient reprogrammés "
            "(10min40).\n")
    assert _speakers(text) == ["Bruno Lacan", "Bruno Lacan"]


def test_a_spoken_recall_with_the_time_before_the_quote_keeps_its_speaker() -> None:
    text = ("« Le réseau fuit », a expliqué l'ingénieur, Laurent Borie (9'05).\n\n"
            "Comme le rappelait Laurent Borie peu après (1h12'40), « chaque année de retard "
            "coûte plus cher ».\n")
    assert _speakers(text) == ["Laurent Borie", "Laurent Borie"]


def test_two_fronted_appositions_before_the_subject_of_a_colon() -> None:
    text = ("Maire de Saint-Pons, 210 habitants, Denise Aygal n'a pas caché sa colère : « Nous "
            "avons entretenu notre source pendant cinquante ans » (22'50).\n")
    assert _speakers(text) == ["Denise Aygal"]


def test_a_petition_launched_by_someone_and_a_diagnosis_author_are_cited() -> None:
    text = ("Rémi Castan, chef de file de l'opposition, attaque : « Vous récompensez les "
            "tricheurs » (41:30). Il lit ensuite la pétition lancée par une habitante, "
            "Josiane Bouzac, et signée par 1 300 personnes : « Nous trions déjà. »\n\n"
            "Le projet s'appuie sur le diagnostic rédigé par l'urbaniste Bertrand Lagarde, "
            "qui n'était pas convié à la commission. Il y décrivait un parc « vieilli et "
            "humide ».\n")
    speakers = set(read_article(INTRO + text).speakers["speaker"])
    assert speakers == {"Rémi Castan"}


def test_a_bare_minute_mark_after_a_is_a_replay_time() -> None:
    times = _times("Un propriétaire a alors lancé, à 38'05 : « Si vous taxez les maisons, on "
                   "les louera aux touristes. »\n")
    assert times == [2285.0]


def test_a_bracketed_notation_holding_a_minute_mark_stays_one_stamp() -> None:
    rows = read_article(INTRO + "« Le Département ne peut pas se substituer à la commune », "
                        "lui a répondu le président de la commission, Paul Vabre (à 27'35 de "
                        "l'enregistrement).\n").quotes
    assert list(rows["speaker"]) == ["Paul Vabre"]
    assert list(rows["stated_start"]) == [1655.0]


def test_a_long_group_name_in_a_signature_leaves_the_time_to_the_quote() -> None:
    times = _times("« Personne ne veut d'un métier payé à l'heure et seul chez soi. »\n"
                   "— Amandine Falgous, présidente du relais « Les P'tits Loups d'Oustal » "
                   "[00:12:05]\n")
    assert times[0] == 725.0


def test_a_demonstrative_with_a_short_complement_restates_the_role() -> None:
    text = ("Le chef de projet de la société Ventalis a présenté le parc : « Chaque éolienne "
            "rapportera 15 000 euros par an » (à 9 min 30). Cet ingénieur de trente-quatre "
            "ans, Maxime Cabanel, a précisé que le chantier durerait dix-huit mois (11:20).\n\n"
            "« Madame Arnaud, les notaires n'ont constaté aucune baisse des prix », a répondu "
            "le chef de projet (à 21 min 50).\n")
    assert _speakers(text) == ["Maxime Cabanel", "Maxime Cabanel", "Maxime Cabanel"]
