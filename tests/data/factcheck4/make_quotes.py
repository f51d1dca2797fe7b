#!/usr/bin/env python3
"""Writes quotes.csv of factcheck4 from the hand-written rows below (stdlib only).

Adapted from factcheck3/make_quotes.py.  Each non-absent row gives the raw
caption words of its passage (copied from the de-duplicated word list of
build_words.py) and an approximate time; the script finds that exact word
sequence nearest to the time and takes expected_start / expected_end from the
word times.  Glued rows give two passages separated by " || " and two times;
the times of the first part are written.  All texts were written by hand
before any run of the library.
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# The caption words come from factcheck3's build_words.py (same talks, same method).
sys.path.insert(0, os.path.join(HERE, "..", "factcheck3"))
import build_words as bw  # noqa: E402
TALK = {"P": bw.TALKS[0], "H": bw.TALKS[1]}
NB, NNB = "\u00a0", "\u202f"

# (talk, class, time(s), caption_text, source_text, text, change_kinds, changes)
ROWS = [
# ---------------- talk P: Pourquoi vous n'attirerez et ne retiendrez pas les femmes ----------------
("P","edited",65.7,"la misandrie c'est clairement le fait de pas supporter le genre masculin en tout cas avoir une critique sociologique très très forte et extrême",
 "la misandrie c'est clairement le fait de pas supporter le genre masculin en tout cas avoir une critique sociologique très très forte et extrême",
 "La misandrie, c'est clairement le fait de ne pas supporter le genre masculin, en tout cas avoir une critique sociologique très forte et extrême",
 "grammar;repetition","grammar: de pas→de ne pas; repetition removed: très très→très"),
("P","altered",136.3,"typiquement quand on a une femme blanche ou une femme noire on va pas avoir la même expérience dans la vie et dans la tech",
 "typiquement quand on a une femme blanche ou une femme noire on va pas avoir la même expérience dans la vie et dans la tech",
 "Typiquement, quand on a une femme blanche ou une femme noire, on va avoir la même expérience dans la vie et dans la tech",
 "negation","negation removed: on va pas avoir→on va avoir"),
("P","altered",187.4,"et pourtant je vous assure que moi ça m'a présenté beaucoup de cas de figure que j'ai dû combattre moi-même dans mes propres biais",
 "et pourtant je vous assure que moi ça m'a présenté beaucoup de cas de figure que j'ai dû combattre moi-même dans mes propres biais",
 "Et pourtant, je vous assure que moi, ça m'a présenté peu de cas de figure que j'ai dû combattre moi-même dans mes propres biais",
 "quantifier","quantifier: beaucoup de cas de figure→peu de cas de figure"),
("P","verbatim",246.2,"j'ai aussi travaillé pour l'école du recrutement alors ça c'est encore carrément autre chose",
 "j'ai aussi travaillé pour l'école du recrutement alors ça c'est encore carrément autre chose",
 "J'ai aussi travaillé pour l'École du recrutement. Alors ça, c'est encore carrément autre chose",
 "",""),
("P","edited",282.1,"en effet j'ai une expérience qui était significative chez wele of death donc j'ai bossé là-bas pendant deux ans",
 "en effet j'ai une expérience qui était significative chez wele of death donc j'ai bossé là-bas pendant deux ans",
 "En effet, j'ai une expérience qui était significative […] : j'ai bossé là-bas pendant 2 ans",
 "cut_marked;filler;digits","cut marked: chez wele of death (company name, unsure in captions); filler removed: donc; digits: deux→2"),
("P","verbatim",338.6,"j'avais complètement zappé et vraiment c'est une des plus grosses bourdes que j'ai pu faire qu'il y avait un groupe très hétérogène",
 "j'avais complètement zappé et vraiment c'est une des plus grosses bourdes que j'ai pu faire qu'il y avait un groupe très hétérogène",
 "J'avais complètement zappé, et vraiment c'est une des plus grosses bourdes que j'ai pu faire, qu'il y avait un groupe très hétérogène",
 "",""),
("P","altered",476.9,"si vous êtes un petit garçon et donc potentiellement un homme plus tard est-ce que vous avez l'habitude de couper la parole parce qu'on vous a engagé à le faire",
 "si vous êtes un petit garçon et donc potentiellement un homme plus tard est-ce que vous avez l'habitude de couper la parole parce qu'on vous a engagé à le faire",
 "Si vous êtes un petit garçon, et donc potentiellement un homme plus tard, est-ce que vous avez l'habitude de prendre la parole parce qu'on vous a engagé à le faire ?",
 "word","word: couper la parole→prendre la parole"),
("P","edited",520.6,"je vois qu'il y a des personnes qui sont habillées littéralement pareil vous faites preuve d'un recrutement d'un regroupement qui est voulu",
 "je vois qu'il y a des personnes qui sont habillées littéralement pareil vous faites preuve d'un recrutement d'un regroupement qui est voulu",
 "Je vois qu'il y a des personnes qui sont habillées littéralement pareil : vous faites preuve d'un regroupement qui est voulu",
 "cut_unmarked","cut unmarked: self-correction d'un recrutement"),
("P","altered",624.0,"vous allez forcément chercher des éléments qui vous prouvent que ce que vous vous êtes en train de vous dire est une réalité",
 "vous allez forcément chercher des éléments qui vous prouvent que ce que vous vous êtes en train de vous dire est une réalité",
 "Vous n'allez jamais chercher des éléments qui vous prouvent que ce que vous vous êtes en train de vous dire est une réalité",
 "negation","negation added: allez forcément chercher→n'allez jamais chercher"),
("P","altered",647.6,"il y a aussi des biais de sympathie et les biais d'antipathie ça faisait certainement déjà arrivé moi personnellement ça m'est déjà arrivé",
 "il y a aussi des biais de sympathie et les biais d'antipathie ça vous est certainement déjà arrivé moi personnellement ça m'est déjà arrivé",
 "Il y a aussi des biais de sympathie et les biais d'antipathie : ça vous est déjà arrivé, moi personnellement ça m'est déjà arrivé",
 "hedge","hedge cut inside the quote: certainement"),
("P","verbatim",772.2,"j'en sais rien j'ai pas forcément d'avis sur le féminisme mais j'ai envie de donner mon opinion là-dessus",
 "j'en sais rien j'ai pas forcément d'avis sur le féminisme mais j'ai envie de donner mon opinion là-dessus",
 "J'en sais rien, j'ai pas forcément d'avis sur le féminisme, mais j'ai envie de donner mon opinion là-dessus",
 "",""),
("P","edited",796.9,"autre point j'ai du mal avec les femmes qui sont pas douces patientes polies",
 "autre point j'ai du mal avec les femmes qui sont pas douces patientes polies",
 "Autre point : j'ai du mal avec les femmes qui ne sont pas douces, patientes, polies",
 "grammar","grammar: sont pas→ne sont pas"),
("P","altered",909.6,"j'ai l'impression que tout le monde va lever la main du coup dans la salle",
 "j'ai l'impression que tout le monde va lever la main du coup dans la salle",
 "Tout le monde va lever la main dans la salle",
 "hedge","hedge cut at the start: j'ai l'impression que (filler du coup also removed)"),
("P","altered",942.4,"est-ce que vous faites partie des 70% de neutre vous êtes pas en capacité d'avoir réellement une position",
 "est-ce que vous faites partie des 70% de neutres vous êtes pas en capacité d'avoir réellement une position",
 "Est-ce que vous faites partie des vingt pour cent de neutres ? Vous êtes pas en capacité d'avoir réellement une position",
 "number","percentage: 70%→vingt pour cent (in words)"),
("P","edited",1008.0,"ma grande problématique de toute façon c'est ce qui revient le plus c'est qu'en fait on est souvent un grand manque d'actionnable qui fonctionne réellement",
 "ma grande problématique de toute façon c'est ce qui revient le plus c'est qu'en fait on est souvent un grand manque d'actionnable qui fonctionne réellement",
 "Ma grande problématique, c'est ce qui revient le plus : c'est qu'on est souvent un grand manque d'actionnable qui fonctionne réellement",
 "filler","filler removed: de toute façon, en fait"),
("P","altered",1055.7,"aujourd'hui sur l'étude en fait qui a été faite par ipso en 2021 c'est une étude qui a été conduite sur enfin de mars à octobre",
 "aujourd'hui sur l'étude en fait qui a été faite par Ipsos en 2021 c'est une étude qui a été conduite sur enfin de mars à octobre",
 "Aujourd'hui, sur l'étude qui a été faite par Ipsos en 2019, c'est une étude qui a été conduite de mars à octobre",
 "number","year: 2021→2019 (filler en fait and false start sur enfin also removed)"),
("P","verbatim",1131.5,"et autre point entrevoir un avenir serein en prise de poste tandis que les hommes se posent vraiment beaucoup moins la question",
 "et autre point entrevoir un avenir serein en prise de poste tandis que les hommes se posent vraiment beaucoup moins la question",
 "Et autre point : entrevoir un avenir serein en prise de poste, tandis que les hommes se posent vraiment beaucoup moins la question",
 "",""),
("P","edited",1171.7,"comment on fait pour attirer les femmes dans vos équipes et ben déjà on va être proactif parce que c'est pas du tout avec une posture passive qu'on va arriver",
 "comment on fait pour attirer les femmes dans vos équipes et ben déjà on va être proactif parce que c'est pas du tout avec une posture passive qu'on va arriver",
 "Comment on fait pour attirer les femmes dans vos équipes ? On va être proactif, parce que ce n'est pas du tout avec une posture passive qu'on va arriver",
 "filler;grammar","filler removed: et ben déjà; grammar: c'est pas→ce n'est pas"),
("P","verbatim",1194.0,"vous pouvez aller chercher les femmes en formation vraiment aller les chercher dans les bouts de camp",
 "vous pouvez aller chercher les femmes en formation vraiment aller les chercher dans les bootcamps",
 "Vous pouvez aller chercher les femmes en formation, vraiment aller les chercher dans les bootcamps",
 "",""),
("P","altered","1332.7|1449.6","vous pouvez aussi attirer les femmes avec des actions qui sont réelles et qui sont sur du long terme || il faut rien promettre d'hypothétique dans le recrutement",
 "vous pouvez aussi attirer les femmes avec des actions qui sont réelles et qui sont sur du long terme || il faut rien promettre d'hypothétique dans le recrutement",
 "Vous pouvez aussi attirer les femmes avec des actions qui sont réelles et qui sont sur du long terme : il ne faut rien promettre d'hypothétique dans le recrutement",
 "glued","glued: 1333 s + 1450 s (≈117 s apart); grammar ne added in part 2"),
("P","verbatim",1554.2,"toute notre vie on nous a dit qu'il fallait être la plus jolie la plus belle la plus désirable pour les hommes",
 "toute notre vie on nous a dit qu'il fallait être la plus jolie la plus belle la plus désirable pour les hommes",
 "Toute notre vie, on nous a dit qu'il fallait être la plus jolie, la plus belle, la plus désirable pour les hommes",
 "",""),
("P","edited",1829.1,"est-ce qu'en terme de richesse vous êtes considéré plutôt comme riche j'entends par là riche vous n'êtes pas en train de lutter pour payer vos factures à la fin du mois",
 "est-ce qu'en termes de richesse vous êtes considérés plutôt comme riches j'entends par là riches vous n'êtes pas en train de lutter pour payer vos factures à la fin du mois",
 "Est-ce qu'en termes de richesse vous êtes considérés plutôt comme riches […] : vous n'êtes pas en train de lutter pour payer vos factures à la fin du mois",
 "cut_marked","cut marked: j'entends par là riches"),
("P","verbatim",1864.2,"oui encore une fois ça va être très représentatif de ce qui se passe dans la tech",
 "oui encore une fois ça va être très représentatif de ce qui se passe dans la tech",
 "Oui, encore une fois, ça va être très représentatif de ce qui se passe dans la tech",
 "",""),
("P","altered",1951.7,"comprenez aussi que sur le dernier rang plus vous êtes marginalisé en général plus vous allez être dans le militantisme",
 "comprenez aussi que sur le dernier rang plus vous êtes marginalisé en général plus vous allez être dans le militantisme",
 "Comprenez aussi que sur le dernier rang, plus vous êtes marginalisé, en général moins vous allez être dans le militantisme",
 "quantifier","comparative: plus vous allez être dans le militantisme→moins"),
("P","verbatim",2309.1,"pensez au statu quo pensez à votre posture est-ce que vous le maintenez le statu quo malgré vous ou avec volonté et est-ce que vous le brisez",
 "pensez au statu quo pensez à votre posture est-ce que vous le maintenez le statu quo malgré vous ou avec volonté et est-ce que vous le brisez",
 "Pensez au statu quo, pensez à votre posture : est-ce que vous le maintenez, le statu quo, malgré vous ou avec volonté, et est-ce que vous le brisez ?",
 "",""),
("P","edited",2376.1,"vous savez aujourd'hui les femmes si elles portent des pantalons c'est parce qu'il y a des il y a d'autres femmes avant qui ont protesté pour ça",
 "vous savez aujourd'hui les femmes si elles portent des pantalons c'est parce qu'il y a des il y a d'autres femmes avant qui ont protesté pour ça",
 "Vous savez, aujourd'hui, si les femmes portent des pantalons, c'est parce qu'il y a d'autres femmes avant qui ont protesté pour ça",
 "repetition;grammar","repetition removed: false start il y a des; grammar: les femmes si elles portent→si les femmes portent"),
("P","edited",2629.7,"le fait que les femmes ouvrent du coup leur bouche il se passe vraiment quelque chose",
 "le fait que les femmes ouvrent du coup leur bouche il se passe vraiment quelque chose",
 "Le fait que les femmes ouvrent leur bouche, il se passe vraiment quelque chose",
 "filler","filler removed: du coup"),
("P","absent",None,"","",
 "Selon Ipsos, 90 % des femmes de la tech pensent quitter leur poste dans l'année",
 "","invented; reuses 90 % and Ipsos, which occur in the talk (90 % of skills, Ipsos study)"),
("P","absent",None,"","",
 "Le groupe majoritaire doit sortir de sa zone de confort pour que les femmes se sentent légitimes dans la tech",
 "","invented from common words of the talk"),
("P","absent",None,"",
 "inclure davantage de problématiques sociales c'est vraiment pour une tech inclusive au bénéfice de toutes et de tous",
 "Including more social issues is really about an inclusive tech that benefits everyone",
 "","English translation of a real passage (≈2553 s)"),
# ---------------- talk H: De pionnières à oubliées ----------------
("H","verbatim",36.7,"quand et pourquoi ce milieu c'est masculinisé on fera également un état des lieux de la situation et pour terminer sur les enjeux de la féminisation de la tech",
 "quand et pourquoi ce milieu s'est masculinisé on fera également un état des lieux de la situation et pour terminer sur les enjeux de la féminisation de la tech",
 "Quand et pourquoi ce milieu s'est masculinisé. On fera également un état des lieux de la situation et, pour terminer, sur les enjeux de la féminisation de la tech",
 "",""),
("H","edited",64.3,"c'est le nombre d'années estimée par l'Ige donc l'Institut Européen pour l'égalité entre les hommes et les femmes pour atteindre 30% de femmes en poste dans la tech",
 "c'est le nombre d'années estimé par l'EIGE donc l'Institut européen pour l'égalité entre les hommes et les femmes pour atteindre 30% de femmes en poste dans la tech",
 "C'est le nombre d'années estimé par l'Institut européen pour l'égalité entre les hommes et les femmes pour atteindre 30 % de femmes en poste dans la tech",
 "cut_unmarked","cut unmarked: l'EIGE donc"),
("H","edited",88.0,"qui pense que c'est la réponse A ok quatre personnes on a réussi à les compter",
 "qui pense que c'est la réponse A ok quatre personnes on a réussi à les compter",
 "Qui pense que c'est la réponse A ? 4 personnes, on a réussi à les compter",
 "filler;digits","filler removed: ok; digits: quatre→4"),
("H","edited",302.5,"ils sont retrouvés à devoir inventer des techniques de programmation de réparation et de correction des bugs donc c'est ça qui fait que on les considère aujourd'hui",
 "elles se sont retrouvées à devoir inventer des techniques de programmation de réparation et de correction des bugs donc c'est ça qui fait que on les considère aujourd'hui",
 "Elles se sont retrouvées à devoir inventer des techniques de programmation, de réparation et de correction des bugs. C'est ça qui fait qu'on les considère aujourd'hui",
 "elision;filler","elision: que on→qu'on; filler removed: donc"),
("H","verbatim",342.9,"et elle est connue pour autre chose c'est elle qui a popularisé le terme bug donc le terme existait déjà",
 "et elle est connue pour autre chose c'est elle qui a popularisé le terme bug donc le terme existait déjà",
 "Et elle est connue pour autre chose : c'est elle qui a popularisé le terme « bug », donc le terme existait déjà",
 "",""),
("H","verbatim",454.2,"il y a énormément de femmes qui ont été pionnière de la tech ça peut être compliqué de les trouver on a même dû faire un choix",
 "il y a énormément de femmes qui ont été pionnières de la tech ça peut être compliqué de les trouver on a même dû faire un choix",
 "Il y a énormément de femmes qui ont été pionnières de la tech. Ça peut être compliqué de les trouver, on a même dû faire un choix",
 "",""),
("H","verbatim",769.0,"donc là on a un mot du chef à son programmeur qui dit nous attendons des visiteurs aujourd'hui alors rasez-vous peignez vous les cheveux",
 "donc là on a un mot du chef à son programmeur qui dit nous attendons des visiteurs aujourd'hui alors rasez-vous peignez-vous les cheveux",
 "Donc là, on a un mot du chef à son programmeur qui dit : « Nous attendons des visiteurs aujourd'hui, alors rasez-vous, peignez-vous les cheveux »",
 "",""),
("H","verbatim",940.9,"nous vous savez les filles on est censé être joli censé être à prêter donc c'est pas forcément des images qui nous parlent",
 "nous vous savez les filles on est censées être jolies censées être apprêtées donc c'est pas forcément des images qui nous parlent",
 "Nous, vous savez, les filles, on est censées être jolies, censées être apprêtées, donc c'est pas forcément des images qui nous parlent",
 "",""),
("H","edited",960.4,"elle dit je fais que dire à ma petite fille de sortir avec des nerdes comme vous à l'école",
 "elle dit je fais que dire à ma petite-fille de sortir avec des nerds comme vous à l'école",
 "Elle dit : « Je ne fais que dire à ma petite-fille de sortir avec des nerds comme vous à l'école »",
 "grammar","grammar: je fais que→je ne fais que"),
("H","altered",1085.9,"chacun de ces pays va proposer des bonnes pratiques ou des actions à mettre en place au niveau local ou au niveau national d'ailleurs donc il y en aura 59 en tout",
 "chacun de ces pays va proposer des bonnes pratiques ou des actions à mettre en place au niveau local ou au niveau national d'ailleurs donc il y en aura 59 en tout",
 "Chacun de ces pays va proposer des bonnes pratiques ou des actions à mettre en place au niveau local ou au niveau national : il y en aura 5" + NB + "900 en tout",
 "number","number: 59→5 900 (thousands separator U+00A0 no-break space)"),
("H","verbatim",1171.2,"et donc on a également mis en parallèle les conclusions d'Isabelle Collet qui travaille sur le sujet et qui elle nous dit",
 "et donc on a également mis en parallèle les conclusions d'Isabelle Collet qui travaille sur le sujet et qui elle nous dit",
 "Et donc on a également mis en parallèle les conclusions d'Isabelle Collet, qui travaille sur le sujet, et qui, elle, nous dit",
 "",""),
("H","altered",1447.3,"c'est pas une association mais un regroupement pardon d'entreprises d'associations de fondation qui œuvrent pour rétablir une représentation homogène des femmes et des hommes dans le numérique et à ce jour ils sont 63 en France",
 "c'est pas une association mais un regroupement pardon d'entreprises d'associations de fondations qui œuvrent pour rétablir une représentation homogène des femmes et des hommes dans le numérique et à ce jour ils sont 63 en France",
 "C'est pas une association mais un regroupement d'entreprises, d'associations, de fondations qui œuvrent pour rétablir une représentation homogène des femmes et des hommes dans le numérique, et à ce jour, ils sont 6" + NNB + "300 en France",
 "number","number: 63→6 300 (thousands separator U+202F narrow no-break space); filler pardon removed"),
("H","altered",1493.8,"nous ce qui nous intéresse c'est les deux lignes du bas donc mathématiques sciences de l'ingénieur on est à 13% et c'est en baisse",
 "nous ce qui nous intéresse c'est les deux lignes du bas donc mathématiques sciences de l'ingénieur on est à 13% et c'est en baisse",
 "Ce qui nous intéresse, c'est les deux lignes du bas : mathématiques, sciences de l'ingénieur, on est à 20 % et c'est en baisse",
 "number","percentage: 13%→20 %"),
("H","altered",1529.5,"informatique où là on est à 9,1% quand on regarde MMI du coup vous mettez du multimédia et de l'internet",
 "informatique où là on est à 9,1% quand on regarde MMI du coup métiers du multimédia et de l'internet",
 "Informatique, où là on est à 6,1 %. Quand on regarde MMI, métiers du multimédia et de l'internet",
 "number","decimal: 9,1 %→6,1 %"),
("H","altered",1634.9,"quand on regarde la part de codeuse donc développeuse on est à 27 %, c'est la partie la plus attractive on va dire de la tech pour les filles",
 "quand on regarde la part de codeuses donc développeuses on est à 27 % c'est la partie la plus attractive on va dire de la tech pour les filles",
 "Quand on regarde la part de codeuses, donc développeuses, on est à 27 % : c'est la partie la moins attractive, on va dire, de la tech pour les filles",
 "quantifier","comparative: la plus attractive→la moins attractive"),
("H","verbatim",1697.7,"mais lorsque l'on présente l'exercice comme une épreuve de dessin et bien les filles obtiennent des résultats meilleurs que les garçons",
 "mais lorsque l'on présente l'exercice comme une épreuve de dessin et bien les filles obtiennent des résultats meilleurs que les garçons",
 "Mais lorsque l'on présente l'exercice comme une épreuve de dessin, et bien les filles obtiennent des résultats meilleurs que les garçons",
 "",""),
("H","edited",1741.7,"un autre stéréotype c'est que en fait on n'existe pas que c'est pas vrai il y a pas de femme dans la tête",
 "un autre stéréotype c'est que en fait on n'existe pas que c'est pas vrai il y a pas de femme dans la tech",
 "Un autre stéréotype, c'est qu'on n'existe pas, que c'est pas vrai, il y a pas de femme dans la tech",
 "filler;elision","filler removed: en fait; elision: que on→qu'on"),
("H","altered",1768.8,"en disant non mais en vrai abusé d'avoir pris un mannequin pour la campagne de communication ils auraient pu au moins prendre une vraie développeuse",
 "en disant non mais en vrai abusé d'avoir pris un mannequin pour la campagne de communication ils auraient pu au moins prendre une vraie développeuse",
 "En disant : non mais en vrai, abusé d'avoir pris une actrice pour la campagne de communication, ils auraient pu au moins prendre une vraie développeuse",
 "word","word: un mannequin→une actrice"),
("H","altered",1828.5,"elle fait en plus du python du C++ de l'objectif c'est enfin des stacks on va dire quand même assez masculine peut-être dans l'idée enfin je sais pas",
 "elle fait en plus du Python du C++ de l'Objective-C enfin des stacks on va dire quand même assez masculines peut-être dans l'idée enfin je sais pas",
 "Elle fait en plus du Python, du C++, de l'Objective-C, enfin des stacks on va dire quand même assez masculines",
 "hedge","hedge cut at the end: peut-être dans l'idée enfin je sais pas"),
("H","altered",1925.0,"et donc pourquoi on part les points qui sont relevés le premier c'est le manque de promotion d'opportunités",
 "et donc pourquoi on part les points qui sont relevés le premier c'est le manque de promotion d'opportunités",
 "Et donc pourquoi on part ? Les points qui sont relevés : le troisième, c'est le manque de promotion d'opportunités",
 "number","ordinal: le premier→le troisième"),
("H","altered",2021.9,"en gros l'attaque elle utilisait partout dans tous les secteurs dans le public comme dans le privé",
 "en gros la tech elle est utilisée partout dans tous les secteurs dans le public comme dans le privé",
 "En gros, la tech, elle est utilisée dans certains secteurs, dans le public comme dans le privé",
 "quantifier","quantifier: partout dans tous les secteurs→dans certains secteurs"),
("H","altered",2059.7,"parce qu'en gros dans l'équipe de chercheurs qui a développé et tester les airbags aucune femme n'était présente",
 "parce qu'en gros dans l'équipe de chercheurs qui a développé et testé les airbags aucune femme n'était présente",
 "Parce que dans l'équipe de chercheurs qui a développé et testé les airbags, plusieurs femmes étaient présentes",
 "negation","negation removed: aucune femme n'était présente→plusieurs femmes étaient présentes"),
("H","edited",2133.5,"typiquement dans l'intelligence artificielle des voitures autonomes en fait le système de détection piétons ils sont rendus compte que ils avaient le même problème que le système de reconnaissance faciale",
 "typiquement dans l'intelligence artificielle des voitures autonomes en fait le système de détection piétons ils se sont rendu compte que ils avaient le même problème que le système de reconnaissance faciale",
 "Typiquement, dans l'intelligence artificielle des voitures autonomes, le système de détection de piétons : ils se sont rendu compte qu'ils avaient le même problème que le système de reconnaissance faciale",
 "filler;elision;grammar","filler removed: en fait; elision: que ils→qu'ils; grammar: détection piétons→détection de piétons"),
("H","verbatim",2197.3,"des billes algorithmiques il y en a pas un il y en a plein donc là c'est une liste non exhaustive",
 "des biais algorithmiques il y en a pas un il y en a plein donc là c'est une liste non exhaustive",
 "Des biais algorithmiques, il y en a pas un, il y en a plein, donc là, c'est une liste non exhaustive",
 "",""),
("H","edited",2241.3,"systématiquement il détecter et déclasser les CV qui présentaient des mots féminins donc par exemple capitaine du club d'échec féminins ou encore qui mentionnait des universités réservées aux femmes",
 "systématiquement il détectait et déclassait les CV qui présentaient des mots féminins donc par exemple capitaine du club d'échecs féminin ou encore qui mentionnaient des universités réservées aux femmes",
 "Systématiquement, il détectait et déclassait les CV qui présentaient des mots féminins […] ou encore qui mentionnaient des universités réservées aux femmes",
 "cut_marked","cut marked: donc par exemple capitaine du club d'échecs féminin"),
("H","edited",2304.3,"il obtient un plafond de crédit 20 fois supérieur à celui de sa femme alors qui alors qu'ils ont les mêmes bien",
 "il obtient un plafond de crédit 20 fois supérieur à celui de sa femme alors qui alors qu'ils ont les mêmes biens",
 "Il obtient un plafond de crédit 20 fois supérieur à celui de sa femme, alors qu'ils ont les mêmes biens",
 "repetition","repetition removed: false start alors qui"),
("H","verbatim",2377.1,"on parle des oubliés du passé car on a été effacé de l'histoire oubliez dans l'histoire on a voulu parler des oubliés du présent car nous sommes en minorité dans le secteur",
 "on parle des oubliées du passé car on a été effacées de l'histoire oubliées dans l'histoire on a voulu parler des oubliées du présent car nous sommes en minorité dans le secteur",
 "On parle des oubliées du passé, car on a été effacées de l'histoire, oubliées dans l'histoire ; on a voulu parler des oubliées du présent, car nous sommes en minorité dans le secteur",
 "",""),
("H","absent",None,"","",
 "En 1997, les écoles d'ingénieurs comptaient déjà autant de femmes que d'hommes en informatique",
 "","invented; reuses the year 1997 that occurs in the talk"),
("H","absent",None,"",
 "campagne de communication jugée sexiste elle sera retirée très rapidement et donc là l'Europe en réponse va dire ok on vous a écouté",
 "The communication campaign was judged sexist and was withdrawn very quickly, and in response Europe said: OK, we heard you",
 "","English translation of a real passage (≈1271 s)"),
("H","absent",None,"","",
 "Nous avons lancé l'an dernier un meetup bordelais qui réunit chaque mois une centaine de développeuses",
 "","plain invention"),
]


def norm(w):
    return w.lower()


def locate(words, caption, t):
    toks = [norm(w) for w in caption.split()]
    best = None
    for i in range(len(words) - len(toks) + 1):
        if all(norm(words[i + k][1]) == toks[k] for k in range(len(toks))):
            d = abs(words[i][0] - t)
            if best is None or d < best[0]:
                best = (d, i)
    if best is None or best[0] > 5:
        raise SystemExit(f"not found near {t}: {caption!r} (best={best})")
    i = best[1]
    return words[i][0], words[i + len(toks) - 1][0]


def main():
    cache = {k: bw.load_words(bw.talk_path(v)) for k, v in TALK.items()}
    out = []
    for n, (tk, cls, t, cap, src, text, kinds, changes) in enumerate(ROWS, 1):
        start = end = ""
        if cls != "absent":
            ts = [float(x) for x in str(t).split("|")]
            parts = cap.split(" || ")
            assert len(parts) == len(ts), n
            s0, e0 = locate(cache[tk], parts[0], ts[0])
            for p, tt in zip(parts[1:], ts[1:]):
                locate(cache[tk], p, tt)
            start, end = f"{s0:.1f}", f"{e0:.1f}"
        out.append({"quote_id": f"fq{n:03d}", "talk": TALK[tk], "text": text,
                    "expected_class": cls, "expected_start": start, "expected_end": end,
                    "change_kinds": kinds, "changes": changes, "source_text": src,
                    "split": "test", "caption_text": cap})
    cols = ["quote_id", "talk", "text", "expected_class", "expected_start", "expected_end",
            "change_kinds", "changes", "source_text", "split", "caption_text"]
    with open(os.path.join(HERE, "quotes.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols, quoting=csv.QUOTE_ALL)
        w.writeheader()
        w.writerows(out)
    print(len(out), "rows written")


if __name__ == "__main__":
    main()
