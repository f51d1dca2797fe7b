#!/usr/bin/env python3
"""Check the synthetic TRAINING set train_g (train_g_units.csv).

Standard library only.  This folder is training data (every row `dev`), written for
coopanalysis's theme model; it is not a test set.  Adapted from ../train_e/verify_train_e.py,
whose helpers it imports.
Focus of the set: CAP topics said the way people really say them (creators' video
captions, podcasts and long-form interviews, radio phone-in callers, street interviews).
Checks:

* columns: same as ../train_e/train_e_units.csv (only its header line is read), every
  field quoted;
* ids ja001..ja260 in order, and no other CSV file under tests/data/themes/ has an id
  (first column) starting with `ja`; `source` = synthetic, empty start/end, anchors =
  first/last three tokens of the text, `split` = dev;
* note = `synthetic; <setting>, <speaker>; ...` with a known setting; topical notes end
  `(described)` or `(named)`; no-topic notes are `no topic: ...` or `trap: '<words>': ...`;
* labels: ids of the CAP table of ../cap/README.md (parsed from that file), 0-2 per unit,
  alphabetical, no duplicates; 8-15 units for each of the 21 topics (a two-topic unit counts
  once per topic); 36-44 units (about 15 %) without topic; 28-40 % of the topical units
  with two topics; at least 60 % of the topical units `(described)`;
* described / named consistency: a `(described)` unit contains none of the usual policy
  words listed below for its topics (USUAL); a `(named)` unit contains at least one;
* voice: caption settings (vlog, reaction video, live stream) are lower case without
  punctuation (apostrophes / hyphens inside words only) and at least half of them carry
  creator slang ("genre", "en mode", "grave", "les gars", "wesh", "trop", "ouf", "chelou");
  transcribed settings (podcast, long-form interview, radio phone-in, street interview)
  start with a capital and end with . ? ! unless the note says the window is cut there
  (then they start lower case / end without final punctuation); at least 15 units are cut;
* word counts 15-45 (whitespace tokens holding at least one letter or digit, the rule of
  ../cap/README.md);
* no duplicate texts, no 6-word sequence shared between two units of this folder, and no
  6-word sequence shared with the `text` column of any other CSV file under
  tests/data/themes/ (recursively).  Only counts and this folder's own ids are printed;
  other files' texts are never shown.

Prints the counts per label, kind and setting.
Usage: python3 verify_train_g.py
Exit status 0 when all checks pass.
"""
import collections, csv, glob, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
CAP_FILE = "train_g_units.csv"

# The helpers train_e's verifier already has (CSV reading, label parsing, word counts, the
# quoting, caption-form and 6-word overlap checks), imported rather than copied.
sys.path.insert(0, os.path.join(THEMES_DIR, "train_e"))
from verify_train_e import (  # noqa: E402
    all_quoted, cap_topics, caption_ok, fail, header, labels, overlap_checks,
    problems, read, word_count)
PREFIX, N_UNITS = "ja", 260
TOPIC_RANGE = (8, 15)
NONE_RANGE = (36, 44)
TWO_RANGE = (28.0, 40.0)
MIN_DESCRIBED = 60.0
MIN_CUT = 15
CAPTION_SETTINGS = {"vlog caption", "reaction video caption", "live stream caption"}
SPOKEN_SETTINGS = {"podcast", "long-form interview", "radio phone-in", "street interview"}
SLANG = re.compile(r"(^| )(genre|en mode|grave|les gars|wesh|trop|ouf|chelou)( |$)")
CUT_START = "cut mid-sentence at the start"
CUT_END = "cut mid-sentence at the end"
CUT_BOTH = "cut mid-sentence at both ends"

# Usual policy words per topic (lower case, regex).  A unit coded "(described)" names its
# topics only through a price, an app, a relative, a place, a case or a number, so none of
# these may occur in it; a "(named)" unit uses at least one of them.
USUAL = {
    "macroeconomics": r"économi|inflation|croissance|chômage|dette|déficit|budget|impôt|fiscal|\bbce\b|taux d'intérêt|pouvoir d'achat",
    "civil_rights": r"discrimin|racis|sexis|homophob|liberté|vie privée|égalité|droits? de|droit de vote",
    "health": r"santé|hôpita|\bsoins?\b|médicament|assurance maladie|\bsécu\b|urgences|antibiotique|médecin",
    "agriculture": r"agricul|paysan|\bpac\b",
    "labor": r"salaire|emploi|syndicat|grève|code du travail|\bsmic\b|chômage|embauch|\btravail\b",
    "education": r"école|éducation|enseignement|scolaire|lycée|collège|universit|\bbac\b|\bprofs?\b",
    "environment": r"environnement|climat|pollu|écolog|réchauffement|déchets|recycl|\bco2\b",
    "energy": r"énergi|électricité|nucléaire|\bgaz\b|pétrole|carburant|chauffage|charbon|éolienn",
    "immigration": r"immigr|réfugié|quitter le territoire|migrant|sans[- ]papiers|pas de papiers|\basile\b|titre de séjour|naturalis|étrangers?\b",
    "transportation": r"transport|mobilité|\bsncf\b|réseau routier|\broutes?\b",
    "law_crime": r"police|commissariat|policier|justice|\bcrimes?\b|criminel|délinquan|prison|tribunal|plainte",
    "social_welfare": r"aides? sociales?|pauvreté|pauvres?\b|retraite|\brsa\b|\bcaf\b|\bapl\b|minimum vieillesse|ehpad|allocation|pension",
    "housing": r"logement|immobili|\bhlm\b|\bsdf\b|expuls|sans-abri",
    "domestic_commerce": r"banqu|crédit|assurance|faillite|entreprise|start-up|brevet|bourse",
    "defense": r"armée|défense|militaire|armement|soldat|renseignement",
    "technology": r"technolog|numérique|internet|intelligence artificielle|\bia\b|cyber|recherche|innovation",
    "foreign_trade": r"importation|exportation|douane|libre-échange|dumping|commerce extérieur|\bimport|\bexport",
    "international_affairs": r"diplomat|international|\bonu\b|union européenne|sanction|sommet|géopoliti",
    "government_operations": r"administration|appels? d.offres|ministère|fonctionnaire|bureaucra|services? publics?|collectivit",
    "public_lands": r"parcs? nationa|domanial|ressources naturelles|\bmines?\b|outre-mer",
    "culture": r"culture|culturel|\bfilms?\b|\blivres?\b|roman|cinéma|théâtre|musée|patrimoine|artiste|\bart\b",
}












def other_csvs():
    out = []
    for f in glob.glob(os.path.join(THEMES_DIR, "**", "*.csv"), recursive=True):
        f = os.path.abspath(f)
        if os.path.dirname(f) == HERE:
            continue
        out.append(f)
    return sorted(out)


def main():
    topics = cap_topics()
    if len(topics) != 21:
        fail("../cap/README.md: %d CAP topic ids parsed, expected 21" % len(topics))
    if sorted(USUAL) != sorted(topics):
        fail("USUAL word lists do not cover exactly the CAP topic ids")
    path = os.path.join(HERE, CAP_FILE)
    cols, rows = read(path)
    ref = header(os.path.join(THEMES_DIR, "train_e", "train_e_units.csv"))
    if cols != ref:
        fail("columns %r differ from train_e_units.csv %r" % (cols, ref))
        return 1
    if not all_quoted(path, cols, rows):
        fail("not every field quoted (csv.QUOTE_ALL)")
    if len(rows) != N_UNITS:
        fail("%d units, expected %d" % (len(rows), N_UNITS))
    if [r["unit_id"] for r in rows] != ["%s%03d" % (PREFIX, i + 1) for i in range(len(rows))]:
        fail("ids are not %s001.. in order" % PREFIX)
    texts = collections.Counter(" ".join(r["text"].lower().split()) for r in rows)
    for t, n in texts.items():
        if n > 1:
            fail("duplicate text (%d times)" % n)

    cnt = collections.Counter()
    cnt_desc = collections.Counter()
    nlab = collections.Counter()
    kind = collections.Counter()
    settings = collections.Counter()
    wcs = []
    n_caption = n_slang = n_cut = n_passing = 0
    for r in rows:
        uid, text, note = r["unit_id"], r["text"], r["note"]
        labs = labels(r["topics"])
        nlab[len(labs)] += 1
        if (len(labs) > 2 or len(set(labs)) != len(labs) or any(l not in topics for l in labs)
                or labs != sorted(labs)):
            fail("%s topics %r" % (uid, r["topics"]))
        cnt.update(labs)
        if r["split"] != "dev":
            fail("%s split %r (training data: dev only)" % (uid, r["split"]))
        if r["source"] != "synthetic" or r["start"] or r["end"]:
            fail("%s not labelled synthetic with empty start/end" % uid)
        toks = text.split()
        if " ".join(toks[:3]) != r["anchor_first"] or " ".join(toks[-3:]) != r["anchor_last"]:
            fail("%s anchors do not match text" % uid)
        parts = note.split("; ", 2)
        if len(parts) < 3 or parts[0] != "synthetic" or ", " not in parts[1]:
            fail("%s note does not start with 'synthetic; <setting>, <speaker>; '" % uid)
            continue
        setting = parts[1].split(", ")[0]
        settings[setting] += 1
        if setting not in CAPTION_SETTINGS | SPOKEN_SETTINGS:
            fail("%s unknown setting %r" % (uid, setting))
        rest = parts[2]
        low = text.lower()
        if labs:
            if rest.startswith("no topic:") or rest.startswith("trap:"):
                fail("%s has topics but a no-topic note" % uid)
            if "; trap: '" in rest:
                n_passing += 1
            hits = [l for l in labs if re.search(USUAL[l], low)]
            if note.endswith("(described)"):
                kind["described"] += 1
                cnt_desc.update(labs)
                if hits:
                    fail("%s is '(described)' but uses a usual word of %s" % (uid, ", ".join(hits)))
            elif note.endswith("(named)"):
                kind["named"] += 1
                if not hits:
                    fail("%s is '(named)' but uses no usual word of its topics" % uid)
            else:
                fail("%s note lacks (described)/(named)" % uid)
        else:
            if rest.startswith("trap: '"):
                kind["trap"] += 1
                if not re.match(r"trap: '[^']+.*?': ", rest):
                    fail("%s trap note does not quote the misleading words" % uid)
            elif rest.startswith("no topic: "):
                kind["no topic"] += 1
            else:
                fail("%s: no topic but note is neither 'no topic:' nor 'trap:'" % uid)
        cut_s = CUT_START in note or CUT_BOTH in note
        cut_e = CUT_END in note or CUT_BOTH in note
        n_cut += cut_s or cut_e
        if setting in CAPTION_SETTINGS:
            n_caption += 1
            if not caption_ok(text):
                fail("%s: caption text is not lower case without punctuation" % uid)
            if SLANG.search(text):
                n_slang += 1
        elif setting in SPOKEN_SETTINGS:
            if "  " in text or text != text.strip():
                fail("%s: stray spaces" % uid)
            if cut_s != text[:1].islower():
                fail("%s: start of text does not match the cut note" % uid)
            if cut_e == bool(re.search(r"[.?!]$", text)):
                fail("%s: end of text does not match the cut note" % uid)
        n = word_count(text)
        wcs.append(n)
        if not 15 <= n <= 45:
            fail("%s: %d words" % (uid, n))

    lo, hi = TOPIC_RANGE
    print("%-24s %5s %9s %6s" % ("topic", "units", "described", "named"))
    for t in topics:
        print("%-24s %5d %9d %6d" % (t, cnt[t], cnt_desc[t], cnt[t] - cnt_desc[t]))
        if not lo <= cnt[t] <= hi:
            fail("%s has %d units (expected %d-%d)" % (t, cnt[t], lo, hi))
    print("%-24s %5d" % ("(none)", nlab[0]))
    if not NONE_RANGE[0] <= nlab[0] <= NONE_RANGE[1]:
        fail("%d units without topic, expected %d-%d (about 15 %%)" % (nlab[0], *NONE_RANGE))
    tot = kind["described"] + kind["named"]
    share = 100.0 * kind["described"] / max(tot, 1)
    if share < MIN_DESCRIBED:
        fail("%.0f %% of topical units described (expected at least %.0f %%)" % (share, MIN_DESCRIBED))
    two_share = 100.0 * nlab[2] / max(tot, 1)
    if not TWO_RANGE[0] <= two_share <= TWO_RANGE[1]:
        fail("%.0f %% of topical units have two topics (expected about a third)" % two_share)
    slang_share = 100.0 * n_slang / max(n_caption, 1)
    if slang_share < 50:
        fail("only %.0f %% of caption texts carry creator slang" % slang_share)
    if n_cut < MIN_CUT:
        fail("only %d units cut mid-sentence" % n_cut)
    print("\nunits: %d (all dev, synthetic); topics per unit: 0=%d 1=%d 2=%d"
          % (len(rows), nlab[0], nlab[1], nlab[2]))
    if wcs:
        print("words per unit: %d-%d (mean %.1f)" % (min(wcs), max(wcs), sum(wcs) / len(wcs)))
    print("no-topic units: %d (%.1f %%): %d small talk / host talk, %d keyword traps"
          % (nlab[0], 100.0 * nlab[0] / max(len(rows), 1), kind["no topic"], kind["trap"]))
    print("topical units: %d; %d described (%.0f %%), %d named; %d with two topics (%.0f %%); "
          "%d with a passing trap word" % (tot, kind["described"], share, kind["named"], nlab[2],
                                          two_share, n_passing))
    print("units cut mid-sentence: %d; caption units with creator slang: %d of %d"
          % (n_cut, n_slang, n_caption))
    print("settings: " + ", ".join("%s %d" % kv for kv in settings.most_common()))

    overlap_checks(rows, other_csvs(), PREFIX, show_words=False)

    print("\n%s" % ("all checks passed" if not problems else "%d problem(s)" % len(problems)))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
