#!/usr/bin/env python3
"""Check the synthetic TRAINING set train_k (train_k_units.csv).

Standard library only.  This folder is training data (every row `dev`), written for
coopanalysis's theme model; it is not a test set.  Adapted from ../train_g/verify_train_g.py;
like it, it imports the helpers of ../train_e/verify_train_e.py instead of copying them.
Focus of the set: **a setting is not a topic**.  Every unit is said in a strongly marked place
(school, hospital, farm, factory, courtroom, station, sports club, church or mosque, town-hall
counter, shop, care home, lecture hall, barracks, museum, building site, newsroom) or by a
speaker whose job marks a topic; it is coded by what it is about, not by where it is said.
Checks:

* columns: same as ../train_g/train_g_units.csv (only its header line is read), every
  field quoted;
* ids pk001..pk300 in order, and no other CSV file under tests/data/themes/ has an id
  (first column) starting with `pk`; `source` = synthetic, empty start/end, anchors =
  first/last three tokens of the text, `split` = dev;
* note = `synthetic; <setting>, <speaker>; <reason>; setting: <topic id>; voice: <voice>
  [; window (cut at start|end|both ends)]` with a known setting whose own topic is the one
  recorded; topical notes end `(described)` or `(named)`, consistent with the usual policy
  words of their topics (USUAL: a described unit contains none, a named unit at least one);
  no-topic notes are `no topic: ...` or `trap: '<words>': ...`, and the quoted words occur
  in the text;
* labels: ids of the CAP table of ../cap/README.md (parsed from that file), 0-2 per unit,
  alphabetical, no duplicates; 8-20 units for each of the 21 topics (a two-topic unit counts
  once per topic); 48-60 units (about 18 %) without topic;
* focus: at least 14 settings with 12 or more units; in every setting 25-40 % of the units
  carry the setting's own topic, 40-60 % are topical without it, 10-25 % have no topic;
  at least 45 % of all topical units are coded without their setting's own topic;
* voice: `auto-captions` texts are lower case without punctuation (apostrophes / hyphens
  inside words only); `whisper` texts start with a capital and end with . ? ! unless the note
  says the window is cut there (then they start lower case / end without final punctuation),
  carry punctuation, and at least 60 % of them hold "euh" or an immediate repetition; each
  voice 30-70 % of the units; 15-25 % of the units are windows cut at start or end;
* word counts 15-45 (whitespace tokens holding at least one letter or digit, the rule of
  ../cap/README.md);
* no duplicate texts, no 6-word sequence shared between two units of this folder, and no
  6-word sequence shared with the `text` column of any other CSV file under
  tests/data/themes/ (recursively).  Only counts and this folder's own ids are printed;
  other files' texts are never shown.

Prints the counts per label, setting, kind and voice.
Usage: python3 verify_train_k.py
Exit status 0 when all checks pass.
"""
import collections, glob, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
CAP_FILE = "train_k_units.csv"

# The helpers of train_e's verifier (CSV reading, label parsing, word counts, the quoting,
# caption-form and 6-word overlap checks), imported rather than copied, as train_g does.
sys.path.insert(0, os.path.join(THEMES_DIR, "train_e"))
from verify_train_e import (  # noqa: E402
    all_quoted, cap_topics, caption_ok, fail, header, labels, overlap_checks,
    problems, read, word_count)

PREFIX, N_UNITS = "pk", 300
TOPIC_RANGE = (8, 20)
NONE_RANGE = (48, 60)
MIN_BIG_SETTINGS, BIG_SETTING = 14, 12
OWN_SHARE = (25.0, 40.0)
OTHER_SHARE = (40.0, 60.0)
NONE_SHARE = (10.0, 25.0)
MIN_OTHER_TOPICAL = 45.0
VOICE_SHARE = (30.0, 70.0)
CUT_SHARE = (15.0, 25.0)
MIN_FILLER = 60.0

# Each setting and the CAP topic its place or its speakers' job suggests.
SETTINGS = {
    "school or parents' evening": "education",
    "hospital ward or GP waiting room": "health",
    "farm or agricultural show": "agriculture",
    "factory floor or staff room": "labor",
    "courtroom or police station": "law_crime",
    "train station or bus": "transportation",
    "sports club": "social_welfare",
    "church or mosque": "civil_rights",
    "town-hall counter": "government_operations",
    "shop": "domestic_commerce",
    "care home": "social_welfare",
    "university lecture hall": "education",
    "barracks": "defense",
    "museum": "culture",
    "building site": "housing",
    "newsroom": "civil_rights",
}
VOICES = {"whisper", "auto-captions"}
WINDOW = re.compile(r"^window \(cut at (start|end|both ends)\)$")

# Usual policy words per topic (lower case, regex), as in ../train_g/verify_train_g.py.
# A "(described)" unit names its topics only through a case, a price, an object or a
# number, so none of these may occur in it; a "(named)" unit uses at least one of them.
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


def spoken_marks(text):
    """'euh' or an immediate repetition of one to three words ("le, le", "trois fois, trois fois")."""
    w = re.findall(r"\w+(?:['-]\w+)*", text.lower())
    if "euh" in w:
        return True
    for n in (1, 2, 3):
        for i in range(len(w) - 2 * n + 1):
            if w[i:i + n] == w[i + n:i + 2 * n]:
                return True
    return False


def pct(a, b):
    return 100.0 * a / max(b, 1)


def main():
    topics = cap_topics()
    if len(topics) != 21:
        fail("../cap/README.md: %d CAP topic ids parsed, expected 21" % len(topics))
    if sorted(USUAL) != sorted(topics):
        fail("USUAL word lists do not cover exactly the CAP topic ids")
    for s, t in SETTINGS.items():
        if t not in topics:
            fail("setting %r: own topic %r not in ../cap/README.md" % (s, t))
    path = os.path.join(HERE, CAP_FILE)
    cols, rows = read(path)
    ref = header(os.path.join(THEMES_DIR, "train_g", "train_g_units.csv"))
    if cols != ref:
        fail("columns %r differ from train_g_units.csv %r" % (cols, ref))
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
    per_set = collections.defaultdict(collections.Counter)
    voices = collections.Counter()
    wcs = []
    n_cut = n_whisper_marks = 0
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
        n = word_count(text)
        wcs.append(n)
        if not 15 <= n <= 45:
            fail("%s: %d words" % (uid, n))

        # ---- note structure
        body = note
        mark = None
        m = re.search(r" \((described|named)\)$", body)
        if m:
            mark = m.group(1)
            body = body[:m.start()]
        segs = body.split("; ")
        if len(segs) < 5 or segs[0] != "synthetic" or ", " not in segs[1]:
            fail("%s note does not start with 'synthetic; <setting>, <speaker>; '" % uid)
            continue
        setting = segs[1].split(", ")[0]
        if setting not in SETTINGS:
            fail("%s unknown setting %r" % (uid, setting))
            continue
        own = SETTINGS[setting]
        tail = segs[2:]
        cut = None
        if WINDOW.match(tail[-1]):
            cut = WINDOW.match(tail[-1]).group(1)
            tail = tail[:-1]
        if len(tail) < 3 or not tail[-1].startswith("voice: ") or not tail[-2].startswith("setting: "):
            fail("%s note lacks '; setting: <id>; voice: <voice>' before the window/kind" % uid)
            continue
        voice = tail[-1][len("voice: "):]
        if tail[-2] != "setting: " + own:
            fail("%s note records %r, expected 'setting: %s'" % (uid, tail[-2], own))
        if voice not in VOICES:
            fail("%s unknown voice %r" % (uid, voice))
        rest = "; ".join(tail[:-2])
        low = text.lower()
        if labs:
            if rest.startswith("no topic:") or rest.startswith("trap:"):
                fail("%s has topics but a no-topic note" % uid)
            hits = [l for l in labs if re.search(USUAL[l], low)]
            if mark == "described":
                kind["described"] += 1
                cnt_desc.update(labs)
                if hits:
                    fail("%s is '(described)' but uses a usual word of %s" % (uid, ", ".join(hits)))
            elif mark == "named":
                kind["named"] += 1
                if not hits:
                    fail("%s is '(named)' but uses no usual word of its topics" % uid)
            else:
                fail("%s note lacks (described)/(named)" % uid)
            per_set[setting]["own" if own in labs else "other"] += 1
        else:
            if mark:
                fail("%s: no topic but note ends (%s)" % (uid, mark))
            tm = re.match(r"trap: '(.+?)': \S", rest)
            if rest.startswith("trap: '"):
                kind["trap"] += 1
                if not tm:
                    fail("%s trap note does not quote the misleading words" % uid)
                else:
                    for w in re.split(r"', '", tm.group(1)):
                        if w.lower() not in low:
                            fail("%s: trap words not found in the text" % uid)
            elif rest.startswith("no topic: "):
                kind["no topic"] += 1
            else:
                fail("%s: no topic but note is neither 'no topic:' nor 'trap:'" % uid)
            per_set[setting]["none"] += 1

        # ---- voice and window
        voices[voice] += 1
        cut_s = cut in ("start", "both ends")
        cut_e = cut in ("end", "both ends")
        n_cut += bool(cut)
        if voice == "auto-captions":
            if not caption_ok(text):
                fail("%s: caption text is not lower case without punctuation" % uid)
        elif voice == "whisper":
            if "  " in text or text != text.strip():
                fail("%s: stray spaces" % uid)
            if cut_s != text[:1].islower() or (not cut_s and not text[:1].isupper()):
                fail("%s: start of text does not match the window note" % uid)
            if cut_e == bool(re.search(r"[.?!]$", text)):
                fail("%s: end of text does not match the window note" % uid)
            if not re.search(r"[,.?!:]", text):
                fail("%s: whisper text without punctuation" % uid)
            n_whisper_marks += spoken_marks(text)

    lo, hi = TOPIC_RANGE
    print("%-24s %5s %9s %6s" % ("topic", "units", "described", "named"))
    for t in topics:
        print("%-24s %5d %9d %6d" % (t, cnt[t], cnt_desc[t], cnt[t] - cnt_desc[t]))
        if not lo <= cnt[t] <= hi:
            fail("%s has %d units (expected %d-%d)" % (t, cnt[t], lo, hi))
    print("%-24s %5d" % ("(none)", nlab[0]))
    if not NONE_RANGE[0] <= nlab[0] <= NONE_RANGE[1]:
        fail("%d units without topic, expected %d-%d (about 18 %%)" % (nlab[0], *NONE_RANGE))

    print("\n%-34s %-22s %5s %4s %6s %5s" % ("setting", "own topic", "units", "own", "other", "none"))
    big = 0
    tot_own = tot_other = 0
    for s in SETTINGS:
        c = per_set[s]
        n = sum(c.values())
        tot_own += c["own"]
        tot_other += c["other"]
        print("%-34s %-22s %5d %4d %6d %5d" % (s, SETTINGS[s], n, c["own"], c["other"], c["none"]))
        big += n >= BIG_SETTING
        if not n:
            continue
        for key, (a, b) in (("own", OWN_SHARE), ("other", OTHER_SHARE), ("none", NONE_SHARE)):
            if not a <= pct(c[key], n) <= b:
                fail("setting %r: %s units %.0f %% (expected %.0f-%.0f %%)" % (s, key, pct(c[key], n), a, b))
    if big < MIN_BIG_SETTINGS:
        fail("only %d settings with %d+ units (expected at least %d)" % (big, BIG_SETTING, MIN_BIG_SETTINGS))
    tot = kind["described"] + kind["named"]
    other_share = pct(tot_other, tot)
    if other_share < MIN_OTHER_TOPICAL:
        fail("%.0f %% of topical units coded without their setting's topic (expected >= %.0f %%)"
             % (other_share, MIN_OTHER_TOPICAL))
    for v in VOICES:
        if not VOICE_SHARE[0] <= pct(voices[v], len(rows)) <= VOICE_SHARE[1]:
            fail("voice %s: %.0f %% of units" % (v, pct(voices[v], len(rows))))
    if not CUT_SHARE[0] <= pct(n_cut, len(rows)) <= CUT_SHARE[1]:
        fail("%.0f %% of units are cut windows (expected about 20 %%)" % pct(n_cut, len(rows)))
    if pct(n_whisper_marks, voices["whisper"]) < MIN_FILLER:
        fail("only %.0f %% of whisper texts with 'euh' or a repetition" % pct(n_whisper_marks, voices["whisper"]))

    print("\nunits: %d (all dev, synthetic); topics per unit: 0=%d 1=%d 2=%d"
          % (len(rows), nlab[0], nlab[1], nlab[2]))
    if wcs:
        print("words per unit: %d-%d (mean %.1f)" % (min(wcs), max(wcs), sum(wcs) / len(wcs)))
    print("settings with %d+ units: %d" % (BIG_SETTING, big))
    print("topical units: %d; %d with the setting's own topic, %d without it (%.0f %%)"
          % (tot, tot_own, tot_other, other_share))
    print("no-topic units: %d (%.1f %%): %d setting-word traps, %d other no-topic"
          % (nlab[0], pct(nlab[0], len(rows)), kind["trap"], kind["no topic"]))
    print("topical units: %d described (%.0f %%), %d named; %d with two topics (%.0f %%)"
          % (kind["described"], pct(kind["described"], tot), kind["named"], nlab[2], pct(nlab[2], tot)))
    print("voices: whisper %d (%d with 'euh' or a repetition), auto-captions %d; cut windows %d (%.0f %%)"
          % (voices["whisper"], n_whisper_marks, voices["auto-captions"], n_cut, pct(n_cut, len(rows))))

    overlap_checks(rows, other_csvs(), PREFIX, show_words=False)

    print("\n%s" % ("all checks passed" if not problems else "%d problem(s)" % len(problems)))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
