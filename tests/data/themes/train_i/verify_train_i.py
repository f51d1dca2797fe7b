#!/usr/bin/env python3
"""Check the synthetic TRAINING set train_i (train_i_units.csv).

Standard library only.  This folder is training data (every row `dev`), written for
coopanalysis's theme model; it is not a test set.  Adapted from ../train_g/verify_train_g.py;
unlike that script it imports nothing from other folders (the CSV, label, word-count,
caption and overlap helpers are re-implemented here).
Focus of the set: windows cut out of the automatic captions (YouTube style) of long French
debates, interviews and round tables between experts (energy, climate and environment,
economy and public finances, geopolitics, trade and industry, land / forests / sea / natural
resources, digital sovereignty and cybersecurity, farming and food).
Checks:

* columns: same as ../train_g/train_g_units.csv (only its header line is read), every
  field quoted;
* ids lg001..lg300 in order, and no other CSV file under tests/data/themes/ has an id
  (first column) starting with `lg`; `source` = synthetic, empty start/end, anchors =
  first/last three tokens of the text, `split` = dev;
* note = `synthetic; <setting>, <speaker>; ...` with a known caption setting; topical notes
  end `(described)` or `(named)`; no-topic notes are `no topic: ...` or `trap: '<words>': ...`;
* labels: ids of the CAP table of ../cap/README.md (parsed from that file), 0-2 per unit,
  alphabetical, no duplicates; 24-34 units for each of the seven focus topics (energy,
  environment, macroeconomics, international_affairs, foreign_trade, public_lands,
  technology), 35-55 for the other fourteen together; 80-100 units (about 30 %) without
  topic; 20-30 % of the topical units with two topics; at least 50 % of the topical units
  `(described)`;
* described / named consistency: a `(described)` unit contains none of the usual policy
  words listed below for its topics (USUAL); a `(named)` unit contains at least one;
* voice: every text is an automatic-caption window: lower case, no punctuation (apostrophes
  and hyphens only inside words, `%` only after a number), at least half of the units carry a
  caption filler or repetition ("euh", "voilà", "en fait", "du coup", "c'est c'est", "et et"...);
  at least 80 units are cut mid-sentence (said in the note);
* word counts 15-45 (whitespace tokens holding at least one letter or digit, the rule of
  ../cap/README.md);
* no duplicate texts, no 6-word sequence shared between two units of this folder, and no
  6-word sequence shared with the `text` column of any other CSV file under
  tests/data/themes/ (recursively).  Only counts and this folder's own ids are printed;
  other files' texts are never shown.

Prints the counts per label, kind and setting.
Usage: python3 verify_train_i.py
Exit status 0 when all checks pass.
"""
import collections, csv, glob, io, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
CAP_FILE = "train_i_units.csv"
PREFIX, N_UNITS = "lg", 300
FOCUS = ("energy", "environment", "macroeconomics", "international_affairs", "foreign_trade",
         "public_lands", "technology")
FOCUS_RANGE = (24, 34)
OTHER_RANGE = (35, 55)
NONE_RANGE = (80, 100)
TWO_RANGE = (20.0, 30.0)
MIN_DESCRIBED = 50.0
MIN_CUT = 80
SETTINGS = {"debate caption", "interview caption", "round table caption"}
FILLER = re.compile(r"(^| )(euh|voilà|en fait|du coup|hein|bon|(\S+) \3)( |$)")
CUT_START = "cut mid-sentence at the start"
CUT_END = "cut mid-sentence at the end"
CUT_BOTH = "cut mid-sentence at both ends"
NGRAM = 6

# Usual policy words per topic (lower case, regex).  A unit coded "(described)" names its
# topics only through a price, a place, a figure, a case, a plant, a ship or a machine, so
# none of these may occur in it; a "(named)" unit uses at least one of them.
USUAL = {
    "macroeconomics": r"économi|inflation|croissance|chômage|dette|déficit|budget|impôt|fiscal|\bbce\b|taux d'intérêt|pouvoir d'achat|\bpib\b|récession|banque centrale|\btaxes?\b",
    "civil_rights": r"discrimin|racis|sexis|homophob|liberté|vie privée|égalité|droits? de|droit de vote",
    "health": r"santé|hôpita|\bsoins?\b|médicament|assurance maladie|\bsécu\b|urgences|antibiotique|médecin",
    "agriculture": r"agricul|paysan|\bpac\b|alimentaire",
    "labor": r"salaire|emploi|syndicat|grève|code du travail|\bsmic\b|chômage|embauch|\btravail\b",
    "education": r"école|éducation|enseignement|scolaire|lycée|collège|universit|\bbac\b|\bprofs?\b",
    "environment": r"environnement|climat|pollu|écolog|réchauffement|déchets|recycl|\bco2\b|biodiversit|carbone|effet de serre",
    "energy": r"énergi|électricité|nucléaire|\bgaz\b|pétrole|carburant|chauffage|charbon|éolien|renouvelable",
    "immigration": r"immigr|réfugié|quitter le territoire|migrant|sans[- ]papiers|pas de papiers|\basile\b|titre de séjour|naturalis|étrangers?\b",
    "transportation": r"transport|mobilité|\bsncf\b|réseau routier|\broutes?\b",
    "law_crime": r"police|commissariat|policier|justice|\bcrimes?\b|criminel|délinquan|prison|tribunal|plainte",
    "social_welfare": r"aides? sociales?|pauvreté|pauvres?\b|retraite|\brsa\b|\bcaf\b|\bapl\b|minimum vieillesse|ehpad|allocation|pension",
    "housing": r"logement|immobili|\bhlm\b|\bsdf\b|expuls|sans-abri",
    "domestic_commerce": r"banqu|crédit|assurance|faillite|entreprise|start-up|brevet|bourse",
    "defense": r"armée|défense|militaire|armement|soldat|renseignement",
    "technology": r"technolog|numérique|internet|intelligence artificielle|\bia\b|cyber|recherche|innovation|\bcloud\b|informatique|logiciel",
    "foreign_trade": r"importation|exportation|importateur|exportateur|\bimporte[rsz]?\b|\bimporté|\bexporte|\bexport\b|douane|libre-échange|dumping|commerce extérieur|déficit commercial|excédent commercial|balance commerciale|protectionnis|\bomc\b",
    "international_affairs": r"diplomat|international|\bonu\b|union européenne|sanction|sommet|géopoliti|\bcop\b|multilatéral",
    "government_operations": r"administration|appels? d.offres|ministère|fonctionnaire|bureaucra|services? publics?|collectivit",
    "public_lands": r"parcs? nationa|domania|ressources naturelles|\bmines?\b|minier|minière|outre-mer",
    "culture": r"culture|culturel|\bfilms?\b|\blivres?\b|roman|cinéma|théâtre|musée|patrimoine|artiste|\bart\b",
}

problems = []


def fail(msg):
    problems.append(msg)
    print("PROBLEM: " + msg)


def read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        rd = csv.DictReader(fh)
        return list(rd.fieldnames or []), list(rd)


def header(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


def all_quoted(path, cols, rows):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, quoting=csv.QUOTE_ALL)
    w.writeheader()
    for r in rows:
        w.writerow(r)
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read() == buf.getvalue()


def cap_topics():
    out = []
    with open(os.path.join(THEMES_DIR, "cap", "README.md"), encoding="utf-8") as fh:
        for line in fh:
            m = re.match(r"\| ([a-z_]+) \| (\d+) \| [A-Z]", line)
            if m and m.group(1) not in out:
                out.append(m.group(1))
    return out


def labels(field):
    return [x for x in field.split(";") if x] if field else []


def word_count(text):
    return sum(1 for t in text.split() if re.search(r"\w", t))


TOKEN_OK = re.compile(r"^[0-9a-zàâäçéèêëîïôöùûüÿœæ]+(['-][0-9a-zàâäçéèêëîïôöùûüÿœæ]+)*%?$")


def caption_ok(text):
    if text != text.strip() or "  " in text:
        return False
    for t in text.split():
        if not TOKEN_OK.match(t):
            return False
        if t.endswith("%") and not re.match(r"^\d+%$", t):
            return False
    return True


def tokens(text):
    return re.findall(r"[0-9a-zàâäçéèêëîïôöùûüÿœæ]+", text.lower())


def grams(text):
    t = tokens(text)
    return {tuple(t[i:i + NGRAM]) for i in range(len(t) - NGRAM + 1)}


def other_csvs():
    out = []
    for f in glob.glob(os.path.join(THEMES_DIR, "**", "*.csv"), recursive=True):
        f = os.path.abspath(f)
        if os.path.dirname(f) == HERE:
            continue
        out.append(f)
    return sorted(out)


def overlap_checks(rows):
    own = {}
    for r in rows:
        for g in grams(r["text"]):
            own.setdefault(g, []).append(r["unit_id"])
    inner = {g: ids for g, ids in own.items() if len(set(ids)) > 1}
    print("6-word sequences shared between units of this folder: %d" % len(inner))
    for g, ids in sorted(inner.items(), key=lambda kv: kv[1]):
        fail("units %s share a 6-word sequence" % ", ".join(sorted(set(ids))))
    files = other_csvs()
    n_prefix = 0
    hit_ids = collections.Counter()
    n_shared = 0
    seen = set()
    for f in files:
        try:
            with open(f, encoding="utf-8", newline="") as fh:
                rd = csv.reader(fh)
                head = next(rd, [])
                ti = head.index("text") if "text" in head else None
                for rec in rd:
                    if rec and rec[0].lower().startswith(PREFIX):
                        n_prefix += 1
                    if ti is not None and ti < len(rec) and rec[ti]:
                        for g in grams(rec[ti]):
                            if g in own and g not in seen:
                                seen.add(g)
                                n_shared += 1
                                hit_ids.update(set(own[g]))
        except (UnicodeDecodeError, csv.Error, OSError):
            fail("could not read one of the other CSV files (%s)" % os.path.relpath(f, THEMES_DIR))
    print("ids starting with '%s' in the other CSV files: %d" % (PREFIX, n_prefix))
    if n_prefix:
        fail("id prefix %r used elsewhere" % PREFIX)
    print("6-word sequences shared with the texts of the other CSV files under "
          "tests/data/themes/ (%d files): %d" % (len(files), n_shared))
    if n_shared:
        fail("shared 6-word sequences in own units: " + ", ".join(sorted(hit_ids)))


def main():
    topics = cap_topics()
    if len(topics) != 21:
        fail("../cap/README.md: %d CAP topic ids parsed, expected 21" % len(topics))
    if sorted(USUAL) != sorted(topics):
        fail("USUAL word lists do not cover exactly the CAP topic ids")
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
    settings = collections.Counter()
    wcs = []
    n_filler = n_cut = n_passing = 0
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
        if setting not in SETTINGS:
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
            if note.endswith("(described)") or note.endswith("(named)"):
                fail("%s: no-topic unit marked described/named" % uid)
        cut_s = CUT_START in note or CUT_BOTH in note
        cut_e = CUT_END in note or CUT_BOTH in note
        n_cut += cut_s or cut_e
        if not caption_ok(text):
            fail("%s: caption text is not lower case without punctuation" % uid)
        if FILLER.search(text):
            n_filler += 1
        n = word_count(text)
        wcs.append(n)
        if not 15 <= n <= 45:
            fail("%s: %d words" % (uid, n))

    print("%-24s %5s %9s %6s" % ("topic", "units", "described", "named"))
    n_other = 0
    for t in topics:
        print("%-24s %5d %9d %6d" % (t, cnt[t], cnt_desc[t], cnt[t] - cnt_desc[t]))
        if t in FOCUS:
            if not FOCUS_RANGE[0] <= cnt[t] <= FOCUS_RANGE[1]:
                fail("%s has %d units (expected %d-%d)" % (t, cnt[t], *FOCUS_RANGE))
        else:
            n_other += cnt[t]
    print("%-24s %5d" % ("(none)", nlab[0]))
    print("%-24s %5d" % ("(14 other topics)", n_other))
    if not OTHER_RANGE[0] <= n_other <= OTHER_RANGE[1]:
        fail("%d labels for the 14 other topics, expected %d-%d" % (n_other, *OTHER_RANGE))
    if not NONE_RANGE[0] <= nlab[0] <= NONE_RANGE[1]:
        fail("%d units without topic, expected %d-%d (about 30 %%)" % (nlab[0], *NONE_RANGE))
    tot = kind["described"] + kind["named"]
    share = 100.0 * kind["described"] / max(tot, 1)
    if share < MIN_DESCRIBED:
        fail("%.0f %% of topical units described (expected at least %.0f %%)" % (share, MIN_DESCRIBED))
    two_share = 100.0 * nlab[2] / max(tot, 1)
    if not TWO_RANGE[0] <= two_share <= TWO_RANGE[1]:
        fail("%.0f %% of topical units have two topics (expected about a quarter)" % two_share)
    if 100.0 * n_filler / max(len(rows), 1) < 50:
        fail("only %d units carry a caption filler or repetition" % n_filler)
    if n_cut < MIN_CUT:
        fail("only %d units cut mid-sentence" % n_cut)
    print("\nunits: %d (all dev, synthetic); topics per unit: 0=%d 1=%d 2=%d"
          % (len(rows), nlab[0], nlab[1], nlab[2]))
    if wcs:
        print("words per unit: %d-%d (mean %.1f)" % (min(wcs), max(wcs), sum(wcs) / len(wcs)))
    print("no-topic units: %d (%.1f %%): %d asides / host talk, %d keyword traps"
          % (nlab[0], 100.0 * nlab[0] / max(len(rows), 1), kind["no topic"], kind["trap"]))
    print("topical units: %d; %d described (%.0f %%), %d named; %d with two topics (%.0f %%); "
          "%d with a passing trap word" % (tot, kind["described"], share, kind["named"], nlab[2],
                                          two_share, n_passing))
    print("units cut mid-sentence: %d; units with a caption filler or repetition: %d of %d"
          % (n_cut, n_filler, len(rows)))
    print("settings: " + ", ".join("%s %d" % kv for kv in settings.most_common()))
    print()
    overlap_checks(rows)

    print("\n%s" % ("all checks passed" if not problems else "%d problem(s)" % len(problems)))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
