#!/usr/bin/env python3
"""Check the synthetic TRAINING set train_d (train_d_units.csv, train_d_territorial_units.csv).

Standard library only.  This folder is training data (every row `dev`), written for
coopanalysis's theme model; it is not a test set.  Adapted from ../train_c/verify_train_c.py.
Checks:

* columns: same as ../train_c/train_c_units.csv and ../train_c/train_c_territorial_units.csv
  (only the header lines of those files are read), every field quoted;
* ids ta001..ta360 and tb001..tb090 in order; `source` = synthetic, empty start/end,
  anchors = first/last three tokens of the text, `split` = dev;
* note = `synthetic; <voice>, <speaker>; <style>; ...` with one of the six voices and one
  of the two styles (`auto-caption`, `transcript`);
* styles: half of each file in each style (180/180 and 45/45).  An auto-caption text is
  all lower case and has no punctuation at all (only letters, digits, spaces, and the
  apostrophe / hyphen inside words, as the captioner writes "l'état", "peut-être"); a
  transcript text has capitals and punctuation.  A misheard word named in a note
  (`mishearing 'X' for 'Y'`) must be an auto-caption unit and X must occur in its text;
* labels: valid ids (21 CAP topics / 12 territorial themes), 0-2 per unit, no duplicates;
  12-16 units per CAP topic (a two-label unit counts once per label), each CAP topic in all
  six voices and both styles; 108 CAP units without topic (30 %: 48 procedure/small talk/
  personal stories, 60 hard-negative keyword traps, each trap note quoting the misleading
  words in single quotes); CAP topical notes end `(described)` or `(named)`, with 20-40 %
  named; 16-20 territorial units without theme (about 20 %: procedure and traps), at least
  6 units per theme;
* word counts 15-45 (whitespace tokens holding at least one letter or digit);
* no duplicate texts, no 6-word sequence shared between two units of this folder, and no
  6-word sequence shared with the `text` column of any other CSV file under
  tests/data/themes/ (recursively, folders added later included).  Only this folder's own
  matching words are ever printed; other files' texts are never shown.

Prints the counts per label, voice and style.
Usage: python3 verify_train_d.py
Exit status 0 when all checks pass.
"""
import collections, csv, glob, io, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
CAP_FILE = "train_d_units.csv"
TERR_FILE = "train_d_territorial_units.csv"
CAP_PREFIX, TERR_PREFIX = "ta", "tb"
N_CAP, N_TERR = 360, 90

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
VOICES = ["TV debate show", "town-hall public meeting", "street interview",
          "radio phone-in", "union congress", "regional council session"]
STYLES = ["auto-caption", "transcript"]
MIN_PER_TOPIC, MAX_PER_TOPIC = 12, 16
N_NONE_CAP, N_PROC_CAP, N_TRAP_CAP = 108, 48, 60
MIN_PER_THEME, MIN_NONE_TERR, MAX_NONE_TERR = 6, 16, 20
CAPTION_CHARS = re.compile(r"^[a-z0-9àâäçéèêëîïôöûùüÿœæ' -]+$")
FILLERS = re.compile(r"(^| )(euh|bah|ben|hein)( |$)")
MISHEARING = re.compile(r"mishearing '(.*?)' for '(.*?)'(?=;|$| \()")

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


def parse_note(note):
    """(voice, style) of a note 'synthetic; <voice>, <speaker>; <style>; ...'."""
    parts = note.split("; ", 3)
    if len(parts) < 4 or parts[0] != "synthetic":
        return None, None
    voice = next((v for v in VOICES if parts[1].startswith(v + ", ")), None)
    style = parts[2] if parts[2] in STYLES else None
    return voice, style


def caption_ok(text):
    if text != text.lower() or not CAPTION_CHARS.match(text):
        return False
    # apostrophes and hyphens only inside words
    return not re.search(r"(^|\s)['-]|['-](\s|$)", text)


def transcript_ok(text):
    return any(c.isupper() for c in text) and bool(re.search(r"[.,;:?!]", text))


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
    styles = collections.Counter()
    vcover = collections.defaultdict(set)
    scover = collections.defaultdict(set)
    style_by_label = collections.defaultdict(collections.Counter)
    kind = collections.Counter()
    wcs = []
    n_mis = n_passing = cap_digits = cap_fillers = 0
    for r in rows:
        uid = r["unit_id"]
        text = r["text"]
        labs = labels(r[field])
        nlab[len(labs)] += 1
        if len(labs) > 2 or len(set(labs)) != len(labs) or any(l not in names for l in labs):
            fail("%s %s %r" % (uid, field, r[field]))
        cnt.update(labs)
        if r["split"] != "dev":
            fail("%s split %r (training data: dev only)" % (uid, r["split"]))
        note = r["note"]
        voice, style = parse_note(note)
        if voice is None or style is None:
            fail("%s note does not start with 'synthetic; <voice>, <speaker>; <style>; '" % uid)
        voices[voice] += 1
        styles[style] += 1
        for l in labs or ["(none)"]:
            vcover[l].add(voice)
            scover[l].add(style)
            style_by_label[l][style] += 1
        # style of the text
        if style == "auto-caption":
            if not caption_ok(text):
                fail("%s: auto-caption text has capitals or punctuation" % uid)
            if re.search(r"\d", text):
                cap_digits += 1
            if FILLERS.search(text):
                cap_fillers += 1
        elif style == "transcript" and not transcript_ok(text):
            fail("%s: transcript text lacks capitals or punctuation" % uid)
        for heard, meant in MISHEARING.findall(note):
            n_mis += 1
            if style != "auto-caption":
                fail("%s: mishearing noted in a non-caption unit" % uid)
            if not re.search(r"(^|[\s'])" + re.escape(heard) + r"(\s|$)", text):
                fail("%s: misheard word %r not in text" % (uid, heard))
        if "mishearing" in note and not MISHEARING.search(note):
            fail("%s: malformed mishearing note" % uid)
        if "passing:" in note:
            n_passing += 1
            if not labs:
                fail("%s: 'passing:' note on a unit without label" % uid)
        # label / note consistency
        none_kw = "no topic: " if cap else "no theme: "
        if labs:
            if "; trap: " in note or "; " + none_kw in note:
                fail("%s has labels but a no-label note" % uid)
            if cap:
                if note.endswith("(named)"):
                    kind["named"] += 1
                elif note.endswith("(described)"):
                    kind["described"] += 1
                else:
                    fail("%s note lacks (named)/(described)" % uid)
        else:
            if "; trap: " in note:
                kind["trap"] += 1
                if not re.search(r"; trap: '[^']", note):
                    fail("%s: trap note does not quote the misleading words" % uid)
            elif "; " + none_kw in note:
                kind["procedure"] += 1
            else:
                fail("%s: no label but note is neither 'trap:' nor '%s'" % (uid, none_kw))
        n = word_count(text)
        wcs.append(n)
        if not 15 <= n <= 45:
            fail("%s %d words" % (uid, n))
        if cap:
            toks = text.split()
            if r["source"] != "synthetic" or r["start"] or r["end"]:
                fail("%s not labelled synthetic" % uid)
            if " ".join(toks[:3]) != r["anchor_first"] or " ".join(toks[-3:]) != r["anchor_last"]:
                fail("%s anchors do not match text" % uid)
    # label counts
    print("\n%s" % fname)
    print("%-24s %5s %7s %9s %11s" % ("label", "dev", "voices", "captions", "transcripts"))
    for n in names + ["(none)"]:
        c = cnt[n] if n != "(none)" else nlab[0]
        print("%-24s %5d %7d %9d %11d" % (n, c, len(vcover[n]), style_by_label[n]["auto-caption"],
                                          style_by_label[n]["transcript"]))
        if n == "(none)":
            continue
        if cap:
            if not MIN_PER_TOPIC <= cnt[n] <= MAX_PER_TOPIC:
                fail("%s: %s has %d units (expected %d-%d)" % (fname, n, cnt[n], MIN_PER_TOPIC, MAX_PER_TOPIC))
            if len(vcover[n]) != len(VOICES):
                fail("%s: %s not written in all six voices" % (fname, n))
            if len(scover[n]) != len(STYLES):
                fail("%s: %s not written in both styles" % (fname, n))
        elif cnt[n] < MIN_PER_THEME:
            fail("%s: %s has %d units (< %d)" % (fname, n, cnt[n], MIN_PER_THEME))
    if cap:
        if nlab[0] != N_NONE_CAP or kind["trap"] != N_TRAP_CAP or kind["procedure"] != N_PROC_CAP:
            fail("%s: expected %d no-topic units (%d procedure, %d traps), got %d (%d, %d)"
                 % (fname, N_NONE_CAP, N_PROC_CAP, N_TRAP_CAP, nlab[0], kind["procedure"], kind["trap"]))
        tot = kind["named"] + kind["described"]
        share = 100.0 * kind["named"] / max(tot, 1)
        if not 20 <= share <= 40:
            fail("%s: %.0f %% of topical units name their topic (expected about a third)" % (fname, share))
    elif not MIN_NONE_TERR <= nlab[0] <= MAX_NONE_TERR:
        fail("%s: %d units without theme (expected about 20)" % (fname, nlab[0]))
    if styles["auto-caption"] != styles["transcript"]:
        fail("%s: styles not split in half (%d auto-caption, %d transcript)"
             % (fname, styles["auto-caption"], styles["transcript"]))
    print("units: %d (all dev, synthetic); labels per unit: 0=%d 1=%d 2=%d; words per unit: %d-%d (mean %.1f)"
          % (len(rows), nlab[0], nlab[1], nlab[2], min(wcs), max(wcs), sum(wcs) / len(wcs)))
    print("no-label units: %d (%.1f %%): %d procedure/small talk, %d keyword traps"
          % (nlab[0], 100.0 * nlab[0] / max(len(rows), 1), kind["procedure"], kind["trap"]))
    if cap:
        n_boundary = sum(1 for r in rows if "boundary:" in r["note"])
        print("topical units: %d describe the situation, %d name the topic (%.0f %%); "
              "%d with a word of another topic in passing; %d with a noted boundary decision"
              % (kind["described"], kind["named"], share, n_passing, n_boundary))
    print("styles: %d auto-caption (%d with digits, %d with fillers, %d noted mishearings), %d transcript"
          % (styles["auto-caption"], cap_digits, cap_fillers, n_mis, styles["transcript"]))
    print("voices: " + "; ".join("%s %d" % (v, voices[v]) for v in VOICES))
    return rows


def main():
    train_c = os.path.join(THEMES_DIR, "train_c")
    crows = check(CAP_FILE, CAP_COLS, header(os.path.join(train_c, "train_c_units.csv")),
                  "topics", TOPICS, CAP_PREFIX, N_CAP, True)
    trows = check(TERR_FILE, TERR_COLS, header(os.path.join(train_c, "train_c_territorial_units.csv")),
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
