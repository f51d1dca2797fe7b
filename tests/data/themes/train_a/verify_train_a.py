#!/usr/bin/env python3
"""Check the synthetic TRAINING set train_a (train_a_units.csv, train_a_territorial_units.csv).

Standard library only.  This folder is training data (every row `dev`), written for
coopanalysis's theme model; it is not a test set.  Checks:

* columns: same as ../cap9/cap9_synthetic_units.csv and ../cap9/territorial9_units.csv
  (only the header lines of those files are read), every field quoted;
* ids xa001..xa300 and xb001..xb080 in order; `source` = synthetic, empty start/end,
  anchors = first/last three tokens of the text, `split` = dev, note starts `synthetic;`
  and names one of the nine voices;
* labels: valid ids (21 CAP topics / 12 territorial themes), 0-2 per unit, no duplicates;
  11-16 units per CAP topic (a two-label unit counts once per label); 60 CAP units without
  topic (30 procedure/small talk, 30 keyword traps); 12-20 territorial units without theme;
  every CAP topic written in all nine voices;
* word counts 15-45 (whitespace tokens holding at least one letter or digit);
* no duplicate texts, no 6-word sequence shared between two units of this folder, and no
  6-word sequence shared with the `text` column of any other CSV file under
  tests/data/themes/ (recursively, folders added later included).  Only this folder's own
  matching words are ever printed; other files' texts are never shown.

Prints the counts per label, voice and style.
Usage: python3 verify_train_a.py
Exit status 0 when all checks pass.
"""
import collections, csv, glob, io, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
CAP_FILE = "train_a_units.csv"
TERR_FILE = "train_a_territorial_units.csv"
CAP_PREFIX, TERR_PREFIX = "xa", "xb"
N_CAP, N_TERR = 300, 80

TOPICS = ["macroeconomics", "civil_rights", "health", "agriculture", "labor",
          "education", "environment", "energy", "immigration", "transportation",
          "law_crime", "social_welfare", "housing", "domestic_commerce", "defense",
          "technology", "foreign_trade", "international_affairs",
          "government_operations", "public_lands", "culture"]
THEMES = ["cooperation", "trust_time", "listening_participation", "democratic_crisis",
          "state_role", "local_officials", "shared_governance", "ecological_transition",
          "social_ties", "circular_economy", "experimentation", "representativeness"]
CAP_COLS = ["unit_id", "source", "start", "end", "text", "anchor_first",
            "anchor_last", "topics", "note", "split"]
TERR_COLS = ["unit_id", "text", "themes", "note", "split"]
VOICES = ["regional radio debate", "works council / union meeting", "student and youth debate",
          "parents' association", "farmers' and fishermen's meeting",
          "health professionals' conference", "business club breakfast",
          "neighbourhood association", "online video live chat"]
MIN_PER_TOPIC, MAX_PER_TOPIC = 11, 16

problems = []


def fail(msg):
    problems.append(msg)
    print("FAIL", msg)


def read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        rd = csv.DictReader(fh)
        return rd.fieldnames, list(rd)


def header(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


def labels(field):
    return [x for x in field.split(";") if x] if field else []


def word_count(text):
    return sum(1 for t in text.split() if re.search(r"[^\W_]", t))


def grams(text):
    w = re.findall(r"\w+", text.lower())
    return {tuple(w[i:i + 6]) for i in range(len(w) - 5)}


def all_quoted(path, cols, rows):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, quoting=csv.QUOTE_ALL)
    w.writerow(cols)
    for r in rows:
        w.writerow([r[c] for c in cols])
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read() == buf.getvalue()


def voice_of(note):
    for v in VOICES:
        if note.startswith("synthetic; %s, " % v):
            return v
    return None


def check(fname, cols_expected, ref_header, field, names, prefix, n_expected, cap):
    path = os.path.join(HERE, fname)
    cols, rows = read(path)
    if cols != cols_expected or cols != ref_header:
        fail("%s columns %r" % (fname, cols))
        return rows
    if not all_quoted(path, cols, rows):
        fail("%s: not every field quoted (csv.QUOTE_ALL)" % fname)
    if len(rows) != n_expected:
        fail("%s: %d units, expected %d" % (fname, len(rows), n_expected))
    if [r["unit_id"] for r in rows] != ["%s%03d" % (prefix, i + 1) for i in range(len(rows))]:
        fail("%s: ids are not %s001.. in order" % (fname, prefix))
    texts = collections.Counter(" ".join(r["text"].split()).lower() for r in rows)
    for t, n in texts.items():
        if n > 1:
            fail("%s: duplicate text (%d times)" % (fname, n))
    cnt = collections.Counter()
    nlab = collections.Counter()
    voices = collections.Counter()
    cover = collections.defaultdict(set)
    style = collections.Counter()
    wcs = []
    for r in rows:
        uid = r["unit_id"]
        labs = labels(r[field])
        nlab[len(labs)] += 1
        if len(labs) > 2 or len(set(labs)) != len(labs) or any(l not in names for l in labs):
            fail("%s %s %r" % (uid, field, r[field]))
        cnt.update(labs)
        if r["split"] != "dev":
            fail("%s split %r (training data: dev only)" % (uid, r["split"]))
        note = r["note"]
        v = voice_of(note)
        if v is None:
            fail("%s note does not start with 'synthetic; <voice>, '" % uid)
        voices[v] += 1
        for l in labs:
            cover[l].add(v)
        if labs:
            if "trap:" in note or "no topic:" in note:
                fail("%s has labels but a no-label note" % uid)
            if cap:
                if note.endswith("(named)"):
                    style["named"] += 1
                elif note.endswith("(described)"):
                    style["described"] += 1
                else:
                    fail("%s note lacks (named)/(described)" % uid)
        else:
            if "; trap: " in note:
                style["trap"] += 1
            elif "; no topic: " in note:
                style["procedure"] += 1
            else:
                fail("%s: no label but note is neither 'trap:' nor 'no topic:'" % uid)
        n = word_count(r["text"])
        wcs.append(n)
        if not 15 <= n <= 45:
            fail("%s %d words" % (uid, n))
        if cap:
            toks = r["text"].split()
            if r["source"] != "synthetic" or r["start"] or r["end"]:
                fail("%s not labelled synthetic" % uid)
            if " ".join(toks[:3]) != r["anchor_first"] or " ".join(toks[-3:]) != r["anchor_last"]:
                fail("%s anchors do not match text" % uid)
    # label counts
    print("\n%s" % fname)
    print("%-24s %5s %7s" % ("label", "dev", "voices"))
    for n in names:
        print("%-24s %5d %7d" % (n, cnt[n], len(cover[n])))
        if cap:
            if not MIN_PER_TOPIC <= cnt[n] <= MAX_PER_TOPIC:
                fail("%s: %s has %d units (expected %d-%d)" % (fname, n, cnt[n], MIN_PER_TOPIC, MAX_PER_TOPIC))
            if len(cover[n]) != len(VOICES):
                fail("%s: %s not written in all nine voices" % (fname, n))
        elif cnt[n] < 5:
            fail("%s: %s has %d units (< 5)" % (fname, n, cnt[n]))
    print("%-24s %5d" % ("(none)", nlab[0]))
    if cap:
        if nlab[0] != 60 or style["trap"] != 30 or style["procedure"] != 30:
            fail("%s: expected 60 no-topic units (30 procedure, 30 traps), got %d (%d, %d)"
                 % (fname, nlab[0], style["procedure"], style["trap"]))
    elif not 12 <= nlab[0] <= 20:
        fail("%s: %d units without theme (expected about 16)" % (fname, nlab[0]))
    print("units: %d (all dev, synthetic); labels per unit: 0=%d 1=%d 2=%d; words per unit: %d-%d (mean %.1f)"
          % (len(rows), nlab[0], nlab[1], nlab[2], min(wcs), max(wcs), sum(wcs) / len(wcs)))
    print("no-label units: %d procedure/small talk, %d keyword traps"
          % (style["procedure"], style["trap"]))
    if cap:
        tot = style["named"] + style["described"]
        print("topical units: %d describe the situation, %d name the topic (%.0f %%)"
              % (style["described"], style["named"], 100.0 * style["named"] / max(tot, 1)))
    print("voices: " + "; ".join("%s %d" % (v, voices[v]) for v in VOICES))
    return rows


def main():
    cap9 = os.path.join(THEMES_DIR, "cap9")
    crows = check(CAP_FILE, CAP_COLS, header(os.path.join(cap9, "cap9_synthetic_units.csv")),
                  "topics", TOPICS, CAP_PREFIX, N_CAP, True)
    trows = check(TERR_FILE, TERR_COLS, header(os.path.join(cap9, "territorial9_units.csv")),
                  "themes", THEMES, TERR_PREFIX, N_TERR, False)
    mine = [(r["unit_id"], r["text"]) for r in crows + trows]

    # 6-word sequences shared between two units of this folder
    first = {}
    internal = 0
    for uid, text in mine:
        for g in sorted(grams(text)):
            if g in first and first[g] != uid:
                internal += 1
                print("  internal: %s / %s: %s" % (first[g], uid, " ".join(g)))
            first.setdefault(g, uid)
    print("\n6-word sequences shared between units of this folder: %d" % internal)
    if internal:
        fail("units of this folder share 6-word sequences")

    # 6-word sequences shared with every other CSV under tests/data/themes/
    others = sorted(f for f in glob.glob(os.path.join(THEMES_DIR, "**", "*.csv"), recursive=True)
                    if os.path.dirname(os.path.abspath(f)) != HERE)
    other = set()
    for f in others:
        for r in read(f)[1]:
            other |= grams(r.get("text") or "")
    shared = 0
    for uid, text in mine:
        m = grams(text) & other
        if m:
            shared += len(m)
            # only this folder's own words are printed
            print("  %s: %s" % (uid, " | ".join(sorted(" ".join(g) for g in m))))
    print("6-word sequences shared with the texts of the other CSV files under tests/data/themes/ "
          "(%d files): %d" % (len(others), shared))
    if shared:
        fail("units share 6-word sequences with other sets")

    print("\n%s" % ("all checks passed" if not problems else "%d problem(s)" % len(problems)))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
