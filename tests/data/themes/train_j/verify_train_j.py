#!/usr/bin/env python3
"""Check the synthetic TRAINING set train_j (train_j_units.csv).

Standard library only, self-contained (adapted from ../train_g/verify_train_g.py; the helpers
that file imports are re-written here).  This folder is training data (every row `dev`),
written for coopanalysis's theme model; it is not a test set.
Focus of the set: second topics and everyday services (public town meetings, parents,
shopkeepers, carers, farmers, commuters, pensioners, civil servants at a counter,
small-business owners), as Whisper-style transcripts, automatic captions and human subtitles.
Checks:

* columns: same as ../train_g/train_g_units.csv (only its header line is read), every
  field quoted;
* ids ng001..ng300 in order, and no other CSV file under tests/data/themes/ has an id
  (first column) starting with `ng`; `source` = synthetic, empty start/end, anchors =
  first/last three tokens of the text, `split` = dev;
* note = `synthetic; <setting>, <speaker>; ...` with a known setting; topical notes end
  `(described)` or `(named)` and name each of their topic ids (so a two-topic note says why
  each topic is there); no-topic notes are `no topic: ...` or `trap: '<words>': ...`, and
  the quoted trap words occur in the text; a passing trap inside a topical unit is noted
  `trap: '<words>' in passing, not <topic>` with words present and <topic> not coded;
* labels: ids of the CAP table of ../cap/README.md (parsed from that file), 0-2 per unit,
  alphabetical, no duplicates; 25-33 units for each of the nine weighted topics and 8-14
  for the twelve others (a two-topic unit counts once per topic); 54-66 units (about 20 %)
  without topic, 40-60 % of them small talk and the rest keyword traps; 35-45 % of the
  topical units with two topics; at least 50 % of the topical units `(described)`;
* described / named consistency: a `(described)` unit contains none of the usual policy
  words listed below for its topics (USUAL); a `(named)` unit contains at least one;
* voice: automatic captions are lower case without punctuation (apostrophes / hyphens
  inside words only); Whisper transcripts and human subtitles start with a capital and end
  with . ? ! unless the note says the window is cut there (then they start lower case / end
  without final punctuation); at least half of the Whisper transcripts carry a hesitation
  or an immediately repeated word; human subtitles carry no "euh"; at least 90 units (about
  a third) are cut;
* word counts 15-45 (whitespace tokens holding at least one letter or digit, the rule of
  ../cap/README.md);
* no duplicate texts, no 6-word sequence shared between two units of this folder, and no
  6-word sequence shared with the `text` column of any other CSV file under
  tests/data/themes/ (recursively).  Only counts and this folder's own ids are printed;
  other files' texts are never shown.

Prints the counts per label, kind and setting.
Usage: python3 verify_train_j.py
Exit status 0 when all checks pass.
"""
import collections, csv, glob, io, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
UNITS_FILE = "train_j_units.csv"
REF_HEADER = os.path.join(THEMES_DIR, "train_g", "train_g_units.csv")
CAP_README = os.path.join(THEMES_DIR, "cap", "README.md")

PREFIX, N_UNITS = "ng", 300
WEIGHTED = {"environment", "health", "education", "energy", "domestic_commerce",
            "social_welfare", "transportation", "government_operations", "agriculture"}
WEIGHTED_RANGE = (25, 33)
OTHER_RANGE = (8, 14)
NONE_RANGE = (54, 66)
SMALL_TALK_SHARE = (40.0, 60.0)
TWO_RANGE = (35.0, 45.0)
MIN_DESCRIBED = 50.0
MIN_CUT = 90
CAPTION_SETTINGS = {"automatic captions"}
SPOKEN_SETTINGS = {"whisper transcript", "human subtitles"}
HESITATION = re.compile(r"(^|[^\w])(euh|hein|bon|ben|enfin)([^\w]|$)")
REPEAT = re.compile(r"\b(\w+(?:[ '-]\w+){0,2})\b[ ,.!?…]+\1\b", re.IGNORECASE)
CUT_START = "cut mid-sentence at the start"
CUT_END = "cut mid-sentence at the end"
CUT_BOTH = "cut mid-sentence at both ends"
NGRAM = 6

# Usual policy words per topic (lower case, regex).  A unit coded "(described)" names its
# topics only through a price, a place, a relative, a case, a service or a number, so none
# of these may occur in it; a "(named)" unit uses at least one of them.  Concrete items
# ("la crèche", "le fioul", "la préfecture", "la poste", "le CCAS", "l'AMAP") are allowed
# in described units.
USUAL = {
    "macroeconomics": r"économi|inflation|croissance|chômage|dette|déficit|budget|impôt|fiscal|\bbce\b|taux d'intérêt|pouvoir d'achat",
    "civil_rights": r"discrimin|racis|sexis|homophob|liberté|vie privée|égalité|droits? de|droit de vote",
    "health": r"santé|hôpita|\bsoins?\b|médicament|assurance maladie|\bsécu\b|urgences|antibiotique|médecin|maladie|épidémi|vaccin",
    "agriculture": r"agricul|paysan|\bpac\b",
    "labor": r"salaire|emploi|syndicat|grève|code du travail|\bsmic\b|chômage|embauch|\btravail\b",
    "education": r"école|éducation|enseignement|enseignant|scolaire|scolarit|lycée|collège|universit|\bbac\b|\bprofs?\b|professeur",
    "environment": r"environnement|climat|pollu|écolog|réchauffement|déchets|recycl|\bco2\b|biodiversit|pesticide",
    "energy": r"énergi|électricité|nucléaire|\bgaz\b|pétrole|carburant|chauffage|charbon|éolien|photovolta",
    "immigration": r"immigr|réfugié|quitter le territoire|migrant|sans[- ]papiers|pas de papiers|\basile\b|titre de séjour|naturalis|étrangers?\b|nationalité|regroupement familial",
    "transportation": r"transport|mobilité|\bsncf\b|réseau routier|\broutes?\b|sécurité routière",
    "law_crime": r"police|commissariat|policier|justice|\bcrimes?\b|criminel|délinquan|prison|tribunal|plainte|gendarm|\bjuges?\b",
    "social_welfare": r"aides? sociales?|pauvreté|pauvres?\b|retraite|\brsa\b|\bcaf\b|\bapl\b|minimum vieillesse|ehpad|allocation|pension|handicap|aide alimentaire",
    "housing": r"logement|immobili|\bhlm\b|\bsdf\b|expuls|sans-abri",
    "domestic_commerce": r"banqu|crédit|assurance|faillite|entreprise|start-up|brevet|bourse|touris|consommat|redressement judiciaire|liquidation|surendettement|commerçant",
    "defense": r"armée|défense|militaire|armement|soldat|renseignement",
    "technology": r"technolog|numérique|internet|intelligence artificielle|\bia\b|cyber|recherche|innovation",
    "foreign_trade": r"importation|exportation|douane|libre-échange|dumping|commerce extérieur|\bimport|\bexport",
    "international_affairs": r"diplomat|international|\bonu\b|union européenne|européen|sanction|sommet|géopoliti",
    "government_operations": r"administration|appels? d.offres|ministère|fonctionnaire|bureaucra|services? publics?|collectivit|élections?\b|électora|intercommunal|marchés publics",
    "public_lands": r"parcs? nationa|parc national|domanial|ressources naturelles|\bmines?\b|outre-mer|conservatoire du littoral",
    "culture": r"culture|culturel|\bfilms?\b|\blivres?\b|roman|cinéma|théâtre|musée|patrimoine|artiste|\bart\b",
}

problems = []


def fail(msg):
    problems.append(msg)
    print("FAIL:", msg)


def header(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return next(csv.reader(fh))


def read(path):
    with open(path, newline="", encoding="utf-8") as fh:
        rd = csv.DictReader(fh)
        return rd.fieldnames, list(rd)


def all_quoted(path, cols, rows):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read().replace("\r\n", "\n") == buf.getvalue()


def cap_topics():
    """CAP ids in the order of the definitions table of ../cap/README.md."""
    out = []
    with open(CAP_README, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("## Territorial"):
                break
            m = re.match(r"\| ([a-z_]+) \| (\d+) \| ", line)
            if m and m.group(1) not in out:
                out.append(m.group(1))
    return out


def labels(field):
    return [x for x in field.split(";") if x] if field else []


def word_count(text):
    return sum(1 for t in text.split() if any(ch.isalnum() for ch in t))


def caption_ok(text):
    if text != text.strip() or "  " in text or text != text.lower():
        return False
    for tok in text.split():
        if not re.fullmatch(r"[^\W_]+(?:['-][^\W_]+)*", tok):
            return False
    return True


def grams(text, n=NGRAM):
    toks = re.findall(r"\w+", text.lower())
    return {" ".join(toks[i:i + n]) for i in range(len(toks) - n + 1)}


def other_csvs():
    out = []
    for f in glob.glob(os.path.join(THEMES_DIR, "**", "*.csv"), recursive=True):
        f = os.path.abspath(f)
        if os.path.dirname(f) == HERE:
            continue
        out.append(f)
    return sorted(out)


def overlap_checks(rows, others):
    own = {}
    inside = 0
    seen = {}
    for r in rows:
        g = grams(r["text"])
        own[r["unit_id"]] = g
        for s in g:
            if s in seen and seen[s] != r["unit_id"]:
                inside += 1
            else:
                seen[s] = r["unit_id"]
    print("\n6-word sequences shared between units of this folder: %d" % inside)
    if inside:
        fail("%d 6-word sequences repeated inside this folder" % inside)
    csv.field_size_limit(sys.maxsize)
    prefix_hits = 0
    other_grams = set()
    for f in others:
        try:
            with open(f, newline="", encoding="utf-8") as fh:
                rd = csv.reader(fh)
                head = next(rd, None)
                if not head:
                    continue
                ti = head.index("text") if "text" in head else None
                for row in rd:
                    if row and row[0].lower().startswith(PREFIX):
                        prefix_hits += 1
                    if ti is not None and ti < len(row):
                        other_grams |= grams(row[ti])
        except (UnicodeDecodeError, csv.Error):
            continue
    print("ids starting with '%s' in the other CSV files: %d" % (PREFIX, prefix_hits))
    if prefix_hits:
        fail("id prefix '%s' used in another CSV file" % PREFIX)
    bad = sorted(uid for uid, g in own.items() if g & other_grams)
    n_shared = sum(len(g & other_grams) for g in own.values())
    print("6-word sequences shared with the texts of the other CSV files under "
          "tests/data/themes/ (%d files): %d" % (len(others), n_shared))
    if bad:
        fail("units sharing a 6-word sequence with another CSV file: %s" % ", ".join(bad))


def trap_words(rest):
    """Quoted words of a 'trap: '...': ' or '...; trap: '...' in passing' note part."""
    m = re.search(r"trap: '(.+?)'(?::| in passing)", rest)
    if not m:
        return None
    return [w.strip("'") for w in m.group(1).split("', '")]


def main():
    topics = cap_topics()
    if len(topics) != 21:
        fail("../cap/README.md: %d CAP topic ids parsed, expected 21" % len(topics))
    if sorted(USUAL) != sorted(topics):
        fail("USUAL word lists do not cover exactly the CAP topic ids")
    if not WEIGHTED <= set(topics):
        fail("weighted topics not all CAP ids")
    path = os.path.join(HERE, UNITS_FILE)
    cols, rows = read(path)
    ref = header(REF_HEADER)
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
    two_desc = 0
    wcs = []
    n_whisper = n_hes = n_cut = n_passing = 0
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
            for l in labs:
                if l not in rest:
                    fail("%s note does not say why %s is there" % (uid, l))
            if "; trap: '" in rest:
                n_passing += 1
                words = trap_words(rest)
                m = re.search(r"in passing, not ([a-z_]+)", rest)
                if not words or not m or m.group(1) in labs or any(w.lower() not in low for w in words):
                    fail("%s passing-trap note malformed or words absent" % uid)
            hits = [l for l in labs if re.search(USUAL[l], low)]
            if note.endswith("(described)"):
                kind["described"] += 1
                cnt_desc.update(labs)
                two_desc += len(labs) == 2
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
                words = trap_words(rest)
                if not re.match(r"trap: '[^']+.*?': ", rest) or not words:
                    fail("%s trap note does not quote the misleading words" % uid)
                elif any(w.lower() not in low for w in words):
                    fail("%s trap words not found in the text" % uid)
            elif rest.startswith("no topic: "):
                kind["no topic"] += 1
            else:
                fail("%s: no topic but note is neither 'no topic:' nor 'trap:'" % uid)
        cut_s = CUT_START in note or CUT_BOTH in note
        cut_e = CUT_END in note or CUT_BOTH in note
        n_cut += cut_s or cut_e
        if setting in CAPTION_SETTINGS:
            if not caption_ok(text):
                fail("%s: caption text is not lower case without punctuation" % uid)
        elif setting in SPOKEN_SETTINGS:
            if "  " in text or text != text.strip():
                fail("%s: stray spaces" % uid)
            if cut_s != text[:1].islower():
                fail("%s: start of text does not match the cut note" % uid)
            if cut_e == bool(re.search(r"[.?!]$", text)):
                fail("%s: end of text does not match the cut note" % uid)
            if setting == "whisper transcript":
                n_whisper += 1
                if HESITATION.search(low) or REPEAT.search(text):
                    n_hes += 1
            elif re.search(r"\beuh\b", low):
                fail("%s: human subtitles keep a hesitation 'euh'" % uid)
        n = word_count(text)
        wcs.append(n)
        if not 15 <= n <= 45:
            fail("%s: %d words" % (uid, n))

    print("%-24s %5s %9s %6s" % ("topic", "units", "described", "named"))
    for t in topics:
        print("%-24s %5d %9d %6d" % (t, cnt[t], cnt_desc[t], cnt[t] - cnt_desc[t]))
        lo, hi = WEIGHTED_RANGE if t in WEIGHTED else OTHER_RANGE
        if not lo <= cnt[t] <= hi:
            fail("%s has %d units (expected %d-%d)" % (t, cnt[t], lo, hi))
    print("%-24s %5d" % ("(none)", nlab[0]))
    if not NONE_RANGE[0] <= nlab[0] <= NONE_RANGE[1]:
        fail("%d units without topic, expected %d-%d (about 20 %%)" % (nlab[0], *NONE_RANGE))
    st_share = 100.0 * kind["no topic"] / max(nlab[0], 1)
    if not SMALL_TALK_SHARE[0] <= st_share <= SMALL_TALK_SHARE[1]:
        fail("small talk is %.0f %% of the no-topic units (expected about half)" % st_share)
    tot = kind["described"] + kind["named"]
    share = 100.0 * kind["described"] / max(tot, 1)
    if share < MIN_DESCRIBED:
        fail("%.0f %% of topical units described (expected at least %.0f %%)" % (share, MIN_DESCRIBED))
    two_share = 100.0 * nlab[2] / max(tot, 1)
    if not TWO_RANGE[0] <= two_share <= TWO_RANGE[1]:
        fail("%.0f %% of topical units have two topics (expected about 40 %%)" % two_share)
    if n_hes < n_whisper / 2:
        fail("only %d of %d Whisper transcripts carry a hesitation or repetition" % (n_hes, n_whisper))
    if n_cut < MIN_CUT:
        fail("only %d units cut mid-sentence" % n_cut)
    print("\nunits: %d (all dev, synthetic); topics per unit: 0=%d 1=%d 2=%d"
          % (len(rows), nlab[0], nlab[1], nlab[2]))
    if wcs:
        print("words per unit: %d-%d (mean %.1f)" % (min(wcs), max(wcs), sum(wcs) / len(wcs)))
    print("no-topic units: %d (%.1f %%): %d small talk / procedure, %d keyword traps"
          % (nlab[0], 100.0 * nlab[0] / max(len(rows), 1), kind["no topic"], kind["trap"]))
    print("topical units: %d; %d described (%.0f %%), %d named; %d with two topics (%.0f %%, "
          "%d of them described); %d with a passing trap word"
          % (tot, kind["described"], share, kind["named"], nlab[2], two_share, two_desc, n_passing))
    print("units cut mid-sentence: %d (%.0f %%); Whisper transcripts with hesitation or "
          "repetition: %d of %d" % (n_cut, 100.0 * n_cut / max(len(rows), 1), n_hes, n_whisper))
    print("settings: " + ", ".join("%s %d" % kv for kv in settings.most_common()))

    overlap_checks(rows, other_csvs())

    print("\n%s" % ("all checks passed" if not problems else "%d problem(s)" % len(problems)))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
