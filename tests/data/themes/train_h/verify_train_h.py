#!/usr/bin/env python3
"""Check the synthetic TRAINING set train_h (train_h_units.csv).

Standard library only.  This folder is training data (every row `dev`), written for
coopanalysis's theme model; it is not a test set.  Adapted from ../train_g/verify_train_g.py
(self-contained: the helpers that train_g imports are re-written here).
Focus of the set: the CAP topics a tagger finds least often (law_crime, labor,
civil_rights, macroeconomics, technology, housing: 40 units each), said in the voices of
automatic captions of long debates and panels, Whisper-style transcripts of meetings and
interviews, radio phone-ins and street interviews.
Checks:

* columns: same as ../train_g/train_g_units.csv (only its header line is read), every
  field quoted;
* ids kg001..kg300 in order, and no other CSV file under tests/data/themes/ has an id
  (first column) starting with `kg`; `source` = synthetic, empty start/end, anchors =
  first/last three tokens of the text, `split` = dev;
* note = `synthetic; <setting>, <speaker>; ...` with a known setting; topical notes end
  `(described)` or `(named)`; no-topic notes are `no topic: ...` or `trap: '<words>': ...`;
* labels: ids of the CAP table of ../cap/README.md (parsed from that file), 0-2 per unit,
  alphabetical, no duplicates; exactly 40 units for each focus topic and 3-10 for each of
  the 15 others (a two-topic unit counts once per topic); 60 units without topic, 30 small
  talk and 30 keyword traps, at least 10 traps with a word of a focus topic; 25-45 % of the
  topical units with two topics; at least 50 % of the topical units `(described)`;
* described / named consistency: a `(described)` unit contains none of the usual policy
  words listed below for its topics (USUAL); a `(named)` unit contains at least one;
* voice: caption settings (debate caption, panel caption) are lower case without
  punctuation (apostrophes / hyphens inside words only), and at least a third of them note
  an ASR slip (`asr slip: '<heard>' for '<meant>'`) whose heard words are in the text;
  transcribed settings (meeting transcript, interview transcript, radio phone-in, street
  interview) start with a capital and end with . ? ! unless the note says the window is cut
  there (then they start lower case / end without final punctuation); 85-115 units cut;
* word counts 15-45 (whitespace tokens holding at least one letter or digit, the rule of
  ../cap/README.md);
* no duplicate texts, no 6-word sequence shared between two units of this folder, and no
  6-word sequence shared with the `text` column of any other CSV file under
  tests/data/themes/ (recursively).  Only counts and this folder's own ids are printed;
  other files' texts are never shown.

Prints the counts per label, kind and setting.
Usage: python3 verify_train_h.py
Exit status 0 when all checks pass.
"""
import collections, csv, glob, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
CAP_FILE = "train_h_units.csv"
REF_FILE = os.path.join(THEMES_DIR, "train_g", "train_g_units.csv")
CAP_README = os.path.join(THEMES_DIR, "cap", "README.md")

PREFIX, N_UNITS = "kg", 300
FOCUS = ("law_crime", "labor", "civil_rights", "macroeconomics", "technology", "housing")
FOCUS_N = 40
OTHER_RANGE = (3, 10)
NONE_N, SMALL_TALK_N, TRAP_N = 60, 30, 30
MIN_FOCUS_TRAPS = 10
TWO_RANGE = (25.0, 45.0)
MIN_DESCRIBED = 50.0
CUT_RANGE = (85, 115)
CAPTION_SETTINGS = {"debate caption", "panel caption"}
SPOKEN_SETTINGS = {"meeting transcript", "interview transcript", "radio phone-in",
                   "street interview"}
MIN_ASR_SHARE = 33.0
CUT_START = "cut mid-sentence at the start"
CUT_END = "cut mid-sentence at the end"
CUT_BOTH = "cut mid-sentence at both ends"
NGRAM = 6

# Usual policy words per topic (lower case, regex).  A unit coded "(described)" names its
# topics only through a price, a place, a relative, a case or a number, so none of these
# may occur in it; a "(named)" unit uses at least one of them.  Extended from train_g's
# list for the six focus topics.
USUAL = {
    "macroeconomics": r"économi|inflation|croissance|chômage|dette|déficit|budget|impôt|fiscal|\bbce\b|taux d'intérêt|taux directeur|pouvoir d'achat|récession|\bpib\b",
    "civil_rights": r"discrimin|racis|sexis|homophob|liberté|vie privée|égalité|droits? de|droit de vote|laïcité|censure|parité|minorité",
    "health": r"santé|hôpita|\bsoins?\b|médicament|assurance maladie|\bsécu\b|urgences|antibiotique|médecin",
    "agriculture": r"agricul|paysan|\bpac\b",
    "labor": r"salaire|emploi|syndica|grève|code du travail|\bsmic\b|chômage|embauch|\btravail\b|salarié|licenci|prud.hom|apprenti",
    "education": r"école|éducation|enseignement|scolaire|lycée|collège|universit|\bbac\b|\bprofs?\b",
    "environment": r"environnement|climat|pollu|écolog|réchauffement|déchets|recycl|\bco2\b",
    "energy": r"énergi|électricité|nucléaire|\bgaz\b|pétrole|carburant|chauffage|charbon|éolienn",
    "immigration": r"immigr|réfugié|quitter le territoire|migrant|sans[- ]papiers|pas de papiers|\basile\b|titre de séjour|naturalis|étrangers?\b",
    "transportation": r"transport|mobilité|\bsncf\b|réseau routier|\broutes?\b",
    "law_crime": r"police|commissariat|policier|justice|\bcrimes?\b|criminel|délinquan|prison|tribunal|plainte|\bjuges?\b|gendarm|procès|\bdélits?\b",
    "social_welfare": r"aides? sociales?|pauvreté|pauvres?\b|retraite|\brsa\b|\bcaf\b|\bapl\b|minimum vieillesse|ehpad|allocation|pension",
    "housing": r"logement|immobili|\bhlm\b|\bsdf\b|expuls|sans-abri|urbanis|mal-log",
    "domestic_commerce": r"banqu|crédit|assurance|faillite|entreprise|start-up|brevet|bourse",
    "defense": r"armée|défense|militaire|armement|soldat|renseignement",
    "technology": r"technolog|numérique|internet|intelligence artificielle|\bia\b|cyber|recherche|innovation|télécom|informatique",
    "foreign_trade": r"importation|exportation|douane|libre-échange|dumping|commerce extérieur|\bimport|\bexport",
    "international_affairs": r"diplomat|international|\bonu\b|union européenne|sanction|sommet|géopoliti",
    "government_operations": r"administration|appels? d.offres|ministère|fonctionnaire|bureaucra|services? publics?|collectivit",
    "public_lands": r"parcs? nationa|domanial|ressources naturelles|\bmines?\b|outre-mer",
    "culture": r"culture|culturel|\bfilms?\b|\blivres?\b|roman|cinéma|théâtre|musée|patrimoine|artiste|\bart\b",
}

problems = []


def fail(msg):
    problems.append(msg)
    print("PROBLEM: " + msg)


def cap_topics():
    """Topic ids of the CAP definitions table of ../cap/README.md, in table order."""
    out = []
    inside = False
    with open(CAP_README, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                inside = line.startswith("### CAP major-topic definitions")
                continue
            m = inside and re.match(r"\|\s*([a-z_]+)\s*\|\s*(\d+)\s*\|", line)
            if m and m.group(1) not in out:
                out.append(m.group(1))
    return out


def header(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


def read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return header(path), rows


def all_quoted(path, cols, rows):
    """True when the file is exactly what csv.QUOTE_ALL writes for these rows."""
    import io
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        w.writerow([r[c] for c in cols])
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read().replace("\r\n", "\n") == buf.getvalue()


def labels(field):
    return [x for x in field.split(";") if x] if field else []


def word_count(text):
    return sum(1 for t in text.split() if re.search(r"\w", t))


def caption_ok(text):
    """Lower case, no punctuation; apostrophes and hyphens only inside words."""
    if text != text.lower() or text != text.strip() or "  " in text:
        return False
    for tok in text.split():
        if not re.fullmatch(r"[0-9a-zà-öø-ÿœæç]+(['’-][0-9a-zà-öø-ÿœæç]+)*", tok):
            return False
    return True


def norm_words(text):
    return re.findall(r"[0-9a-zà-öø-ÿœæç]+", text.lower().replace("’", "'"))


def ngrams(text, n=NGRAM):
    w = norm_words(text)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def other_csvs():
    out = []
    for f in glob.glob(os.path.join(THEMES_DIR, "**", "*.csv"), recursive=True):
        f = os.path.abspath(f)
        if os.path.dirname(f) == HERE:
            continue
        out.append(f)
    return sorted(out)


def overlap_checks(rows, others, prefix):
    """6-word overlaps inside the folder and with other CSV files; prints counts and own ids."""
    own = {r["unit_id"]: ngrams(r["text"]) for r in rows}
    seen = {}
    inner = 0
    for uid, grams in own.items():
        for g in grams:
            if g in seen and seen[g] != uid:
                inner += 1
                fail("%s shares a 6-word sequence with %s" % (uid, seen[g]))
            seen.setdefault(g, uid)
    print("\n6-word sequences shared between units of this folder: %d" % inner)
    n_prefix = 0
    ext = set()
    for f in others:
        try:
            with open(f, encoding="utf-8", newline="") as fh:
                rd = csv.reader(fh)
                head = next(rd, [])
                ti = head.index("text") if "text" in head else None
                for row in rd:
                    if row and row[0].lower().startswith(prefix):
                        n_prefix += 1
                    if ti is not None and ti < len(row):
                        ext |= ngrams(row[ti])
        except (UnicodeDecodeError, csv.Error):
            continue
    print("ids starting with '%s' in the other CSV files: %d" % (prefix, n_prefix))
    if n_prefix:
        fail("%d ids starting with '%s' in other CSV files" % (n_prefix, prefix))
    shared = 0
    for uid, grams in own.items():
        k = len(grams & ext)
        if k:
            shared += k
            fail("%s shares %d 6-word sequence(s) with other CSV files" % (uid, k))
    print("6-word sequences shared with the texts of the other CSV files under "
          "tests/data/themes/ (%d files): %d" % (len(others), shared))


def main():
    topics = cap_topics()
    if len(topics) != 21:
        fail("../cap/README.md: %d CAP topic ids parsed, expected 21" % len(topics))
    if sorted(USUAL) != sorted(topics):
        fail("USUAL word lists do not cover exactly the CAP topic ids")
    path = os.path.join(HERE, CAP_FILE)
    cols, rows = read(path)
    ref = header(REF_FILE)
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
    n_caption = n_asr = n_cut = n_passing = n_focus_traps = 0
    focus_re = re.compile("|".join(USUAL[t] for t in FOCUS))
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
                if focus_re.search(low):
                    n_focus_traps += 1
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
            m = re.search(r"asr slip: '([^']+(?:'[^ ']+)*)' for '", note)
            if m:
                n_asr += 1
                if m.group(1) not in text:
                    fail("%s: the noted ASR slip is not in the text" % uid)
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

    lo, hi = OTHER_RANGE
    print("%-24s %5s %9s %6s" % ("topic", "units", "described", "named"))
    for t in topics:
        print("%-24s %5d %9d %6d%s" % (t, cnt[t], cnt_desc[t], cnt[t] - cnt_desc[t],
                                       "   (focus)" if t in FOCUS else ""))
        if t in FOCUS:
            if cnt[t] != FOCUS_N:
                fail("%s has %d units (expected %d)" % (t, cnt[t], FOCUS_N))
        elif not lo <= cnt[t] <= hi:
            fail("%s has %d units (expected %d-%d)" % (t, cnt[t], lo, hi))
    print("%-24s %5d" % ("(none)", nlab[0]))
    if nlab[0] != NONE_N or kind["no topic"] != SMALL_TALK_N or kind["trap"] != TRAP_N:
        fail("no-topic units: %d (%d small talk, %d traps), expected %d (%d + %d)"
             % (nlab[0], kind["no topic"], kind["trap"], NONE_N, SMALL_TALK_N, TRAP_N))
    if n_focus_traps < MIN_FOCUS_TRAPS:
        fail("only %d traps carry a usual word of a focus topic" % n_focus_traps)
    tot = kind["described"] + kind["named"]
    share = 100.0 * kind["described"] / max(tot, 1)
    if share < MIN_DESCRIBED:
        fail("%.0f %% of topical units described (expected at least %.0f %%)" % (share, MIN_DESCRIBED))
    two_share = 100.0 * nlab[2] / max(tot, 1)
    if not TWO_RANGE[0] <= two_share <= TWO_RANGE[1]:
        fail("%.0f %% of topical units have two topics (expected %.0f-%.0f %%)"
             % (two_share, TWO_RANGE[0], TWO_RANGE[1]))
    asr_share = 100.0 * n_asr / max(n_caption, 1)
    if asr_share < MIN_ASR_SHARE:
        fail("only %.0f %% of caption texts note an ASR slip" % asr_share)
    if not CUT_RANGE[0] <= n_cut <= CUT_RANGE[1]:
        fail("%d units cut mid-sentence (expected %d-%d, about a third)" % (n_cut, *CUT_RANGE))
    print("\nunits: %d (all dev, synthetic); topics per unit: 0=%d 1=%d 2=%d"
          % (len(rows), nlab[0], nlab[1], nlab[2]))
    if wcs:
        print("words per unit: %d-%d (mean %.1f)" % (min(wcs), max(wcs), sum(wcs) / len(wcs)))
    print("no-topic units: %d (%.1f %%): %d small talk / host talk, %d keyword traps "
          "(%d with a usual word of a focus topic)"
          % (nlab[0], 100.0 * nlab[0] / max(len(rows), 1), kind["no topic"], kind["trap"],
             n_focus_traps))
    print("topical units: %d; %d described (%.0f %%), %d named; %d with two topics (%.0f %%); "
          "%d with a passing trap word" % (tot, kind["described"], share, kind["named"], nlab[2],
                                          two_share, n_passing))
    print("units cut mid-sentence: %d; caption units noting an ASR slip: %d of %d"
          % (n_cut, n_asr, n_caption))
    print("settings: " + ", ".join("%s %d" % kv for kv in settings.most_common()))

    overlap_checks(rows, other_csvs(), PREFIX)

    print("\n%s" % ("all checks passed" if not problems else "%d problem(s)" % len(problems)))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
