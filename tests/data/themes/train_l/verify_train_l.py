#!/usr/bin/env python3
"""Check the synthetic TRAINING set train_l (train_l_units.csv).

Standard library only.  This folder is training data (every row `dev`), written for
coopanalysis's theme model; it is not a test set.  Adapted from ../train_g/verify_train_g.py;
like it, it imports the helpers of ../train_e/verify_train_e.py.
Focus of the set: one topic said in passing, amid chatter.  The policy matter rests on one
or two concrete details (a price, a delay, a form, a closure, a number of staff, a smell, a
fine) among fillers, jokes, asides, repairs and half-finished sentences.  Voices: YouTube
auto-captions of debates, round tables, live streams and local-radio phone-ins (lower case,
no punctuation, about 40 %) and Whisper-style transcripts of the same kinds of events (about
60 %).
Checks:

* columns: same as ../train_e/train_e_units.csv (only its header line is read), every
  field quoted;
* ids ql001..ql300 in order, and no other CSV file under tests/data/themes/ has an id
  (first column) starting with `ql`; `source` = synthetic, empty start/end, anchors =
  first/last three whitespace tokens of the text, `split` = dev;
* note = `synthetic; <setting>, <speaker>; ...` with a known setting; topical notes end
  `(described)` or `(named)`; no-topic notes are `no topic: ...` or `trap: '<words>': ...`;
  a window cut is noted `window (cut at the start|at the end|at both ends)`;
* labels: ids of the CAP table of ../cap/README.md (parsed from that file), 0-2 per unit,
  alphabetical, no duplicates; 12-16 units for each of the 21 topics (a two-topic unit counts
  once per topic); 50-58 units (about 18 %) without topic, 40-60 % of them keyword traps
  and the rest chatter; 12-18 % of the topical units with two topics (about 85 % single);
  at least 70 % of the topical units `(described)`;
* described / named consistency: a `(described)` unit contains none of the usual policy
  words listed below for its topics (USUAL, the lists of ../train_g/verify_train_g.py); a
  `(named)` unit contains at least one;
* voice: auto-caption settings are lower case without punctuation (apostrophes / hyphens
  inside words only) and make up 36-44 % of the units; Whisper settings start with a
  capital and end with . ? ! unless the note says the window is cut there (then they start
  lower case / end without final punctuation); at least 40 % of the units are cut windows;
* chatter: at least 90 % of the units carry a filler or aside ("euh", "bon", "ben",
  "enfin", "voilà", "bref", "quoi", "hein", "attendez", "pardon", ...) and at least 30 %
  a repair or half-finished phrase (a repeated word, "pardon", "je veux dire", "enfin non",
  "...", "non attendez", ...);
* word counts 15-45 (whitespace tokens holding at least one letter or digit, the rule of
  ../cap/README.md);
* no duplicate texts, no 6-word sequence shared between two units of this folder, and no
  6-word sequence shared with the `text` column of any other CSV file under
  tests/data/themes/ (recursively).  Only counts and this folder's own ids are printed;
  other files' texts are never shown.

Prints the counts per label, kind and setting.
Usage: python3 verify_train_l.py
Exit status 0 when all checks pass.
"""
import collections, glob, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
CAP_FILE = "train_l_units.csv"

# The helpers train_e's verifier already has (CSV reading, label parsing, word counts, the
# quoting, caption-form and 6-word overlap checks), imported rather than copied.
sys.path.insert(0, os.path.join(THEMES_DIR, "train_e"))
from verify_train_e import (  # noqa: E402
    all_quoted, cap_topics, caption_ok, fail, header, labels, overlap_checks,
    problems, read, word_count)
PREFIX, N_UNITS = "ql", 300
TOPIC_RANGE = (12, 16)
NONE_RANGE = (50, 58)
TRAP_SHARE_RANGE = (40.0, 60.0)
TWO_RANGE = (12.0, 18.0)
MIN_DESCRIBED = 70.0
MIN_CUT_SHARE = 40.0
CAPTION_SHARE_RANGE = (36.0, 44.0)
MIN_FILLER_SHARE = 90.0
MIN_REPAIR_SHARE = 30.0
EVENTS = ("debate", "round table", "live stream", "local radio phone-in")
CAPTION_SETTINGS = {e + " auto-caption" for e in EVENTS}
WHISPER_SETTINGS = {e + " Whisper transcript" for e in EVENTS}
CUT_START = "window (cut at the start)"
CUT_END = "window (cut at the end)"
CUT_BOTH = "window (cut at both ends)"
FILLERS = re.compile(
    r"(^|[\s,.;:!?(])(euh|bah|ben|bon|hein|enfin|voilà|bref|quoi|genre|attends|attendez|"
    r"pardon|tu vois|vous voyez|en fait|disons|du coup|ouais|oh là|bon ben|allez|écoutez|"
    r"écoute|franchement|je sais pas|machin|truc)(?=$|[\s,.;:!?)])")
REPAIR = re.compile(
    r"\.\.\.|…|(^|[\s,])(pardon|je veux dire|enfin non|non attendez|non attends|"
    r"enfin bref|je reprends|où j'en étais|je sais plus|comment dire|comment on dit)(?=$|[\s,.;:!?])|"
    r"\b(\w+),? \3\b")

# Usual policy words per topic (lower case, regex), the lists of ../train_g/verify_train_g.py.
# A unit coded "(described)" names its topics only through a concrete detail (a price, a
# delay, a form, a closure, a number of staff, a smell, a fine), so none of these may occur
# in it; a "(named)" unit uses at least one of them.
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


def pct(a, b):
    return 100.0 * a / max(b, 1)


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
    cuts = collections.Counter()
    wcs = []
    n_caption = n_cut = n_passing = n_fill = n_repair = 0
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
        if setting not in CAPTION_SETTINGS | WHISPER_SETTINGS:
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
        marks = [m for m in (CUT_START, CUT_END, CUT_BOTH) if m in note]
        if len(marks) > 1:
            fail("%s: more than one window note" % uid)
        if "window (" in note and not marks:
            fail("%s: window note not in the form 'window (cut at ...)'" % uid)
        cut_s = CUT_START in note or CUT_BOTH in note
        cut_e = CUT_END in note or CUT_BOTH in note
        if cut_s or cut_e:
            n_cut += 1
            cuts["both" if cut_s and cut_e else "start" if cut_s else "end"] += 1
        if setting in CAPTION_SETTINGS:
            n_caption += 1
            if not caption_ok(text):
                fail("%s: caption text is not lower case without punctuation" % uid)
        elif setting in WHISPER_SETTINGS:
            if "  " in text or text != text.strip():
                fail("%s: stray spaces" % uid)
            if cut_s != text[:1].islower():
                fail("%s: start of text does not match the window note" % uid)
            if cut_e == bool(re.search(r"[.?!]$", text)):
                fail("%s: end of text does not match the window note" % uid)
        if FILLERS.search(low):
            n_fill += 1
        if REPAIR.search(low):
            n_repair += 1
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
        fail("%d units without topic, expected %d-%d (about 18 %%)" % (nlab[0], *NONE_RANGE))
    trap_share = pct(kind["trap"], nlab[0])
    if not TRAP_SHARE_RANGE[0] <= trap_share <= TRAP_SHARE_RANGE[1]:
        fail("%.0f %% of the no-topic units are traps (expected about half)" % trap_share)
    tot = kind["described"] + kind["named"]
    share = pct(kind["described"], tot)
    if share < MIN_DESCRIBED:
        fail("%.0f %% of topical units described (expected at least %.0f %%)" % (share, MIN_DESCRIBED))
    two_share = pct(nlab[2], tot)
    if not TWO_RANGE[0] <= two_share <= TWO_RANGE[1]:
        fail("%.1f %% of topical units have two topics (expected about 15 %%)" % two_share)
    cap_share = pct(n_caption, len(rows))
    if not CAPTION_SHARE_RANGE[0] <= cap_share <= CAPTION_SHARE_RANGE[1]:
        fail("%.0f %% of units are auto-captions (expected about 40 %%)" % cap_share)
    cut_share = pct(n_cut, len(rows))
    if cut_share < MIN_CUT_SHARE:
        fail("only %.0f %% of units are cut windows (expected at least %.0f %%)" % (cut_share, MIN_CUT_SHARE))
    fill_share = pct(n_fill, len(rows))
    if fill_share < MIN_FILLER_SHARE:
        fail("only %.0f %% of units carry a filler or aside" % fill_share)
    repair_share = pct(n_repair, len(rows))
    if repair_share < MIN_REPAIR_SHARE:
        fail("only %.0f %% of units carry a repair or half-finished phrase" % repair_share)

    print("\nunits: %d (all dev, synthetic); topics per unit: 0=%d 1=%d 2=%d"
          % (len(rows), nlab[0], nlab[1], nlab[2]))
    if wcs:
        print("words per unit: %d-%d (mean %.1f)" % (min(wcs), max(wcs), sum(wcs) / len(wcs)))
    print("no-topic units: %d (%.1f %%): %d chatter, %d keyword traps"
          % (nlab[0], pct(nlab[0], len(rows)), kind["no topic"], kind["trap"]))
    print("topical units: %d; %d described (%.0f %%), %d named; %d with two topics (%.1f %%); "
          "%d with a passing trap word" % (tot, kind["described"], share, kind["named"], nlab[2],
                                          two_share, n_passing))
    print("auto-caption units: %d (%.0f %%); Whisper units: %d"
          % (n_caption, cap_share, len(rows) - n_caption))
    print("cut windows: %d (%.0f %%): start %d, end %d, both %d"
          % (n_cut, cut_share, cuts["start"], cuts["end"], cuts["both"]))
    print("units with a filler or aside: %d (%.0f %%); with a repair or half-finished phrase: %d (%.0f %%)"
          % (n_fill, fill_share, n_repair, repair_share))
    print("settings: " + ", ".join("%s %d" % kv for kv in settings.most_common()))

    overlap_checks(rows, other_csvs(), PREFIX, show_words=False)

    print("\n%s" % ("all checks passed" if not problems else "%d problem(s)" % len(problems)))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
