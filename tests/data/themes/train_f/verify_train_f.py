#!/usr/bin/env python3
"""Check the synthetic TRAINING set train_f (train_f_units.csv).

Standard library only.  This folder is training data (every row `dev`), written for
coopanalysis's theme model; it is not a test set.  Adapted from ../train_e/verify_train_e.py,
whose helpers it imports (standard library only).  Focus of the set: talk about no
policy topic that a careless reader would tag (keyword traps), next to topical "twins".
Checks:

* columns: same as ../train_e/train_e_units.csv (only its header line is read), every
  field quoted;
* ids ha001..ha260 in order, and no other CSV file under tests/data/themes/ has an id
  (first column) starting with `ha`; `source` = synthetic, empty start/end, anchors =
  first/last three tokens of the text, `split` = dev;
* note = `synthetic; <setting> (<format>), <speaker>; ...` with <format> one of
  subtitles / auto-captions / transcript, and the text must look like that format:
  auto-captions all lower case without punctuation; subtitles with capitals and
  punctuation; transcripts opening with an upper-case speaker label (`ANIMATEUR : ...`);
  each format holds at least 25 % of the units;
* no-topic notes are `no topic: ...` or `trap: '<words>' (<topic>[, <topic>]): ...`; every
  fragment of the quoted words (fragments separated by ` ... `) must occur in the text, and
  the topics named in parentheses are CAP ids; together the traps must evoke all 21 topics;
* topical notes end `; twin of haNNN (described)` or `(named)`; the twin is a no-topic unit
  of this file at most four ids away (written in the same setting, see README);
* labels: ids of the CAP table of ../cap/README.md (parsed from that file), 0-2 per unit,
  alphabetical, no duplicates; 3-8 units per topic (a two-topic unit counts once per
  topic); 58-62 % of units without topic, of which 63-70 % traps;
* word counts 15-45 (whitespace tokens holding at least one letter or digit, the rule of
  ../cap/README.md);
* no duplicate texts, no 6-word sequence shared between two units of this folder, and no
  6-word sequence shared with the `text` column of any other CSV file under
  tests/data/themes/ (recursively, folders added later included).  Only this folder's
  own matching words are ever printed; other files' texts are never shown.

Prints the counts per label, kind and format.
Usage: python3 verify_train_f.py
Exit status 0 when all checks pass.
"""
import collections, csv, glob, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
CAP_FILE = "train_f_units.csv"

# The helpers train_e's verifier already has (CSV reading, label parsing, word counts, the
# quoting, caption-form and 6-word overlap checks), imported rather than copied.
sys.path.insert(0, os.path.join(THEMES_DIR, "train_e"))
from verify_train_e import (  # noqa: E402
    all_quoted, cap_topics, caption_ok, fail, header, labels, overlap_checks,
    problems, read, word_count)
PREFIX, N_UNITS = "ha", 260
TOPIC_RANGE = (3, 8)
NONE_SHARE = (58.0, 62.0)
TRAP_SHARE_OF_NONE = (63.0, 70.0)
MIN_FORMAT_SHARE = 25.0
TWIN_MAX_DIST = 4
FORMATS = ("subtitles", "auto-captions", "transcript")
SPEAKER_LABEL = re.compile(r"^[A-ZÀÂÄÇÉÈÊËÎÏÔÖÛÙÜŸŒÆ][A-ZÀÂÄÇÉÈÊËÎÏÔÖÛÙÜŸŒÆ0-9' -]* : ")
HEAD = re.compile(r"^(?P<setting>.+) \((?P<fmt>[a-z-]+)\), (?P<speaker>.+)$")
TRAP = re.compile(r"^trap: '(?P<words>[^']+(?:'[^']+)*?)' \((?P<topics>[a-z_]+(?:, [a-z_]+)*)\): \S")
TWIN = re.compile(r"; twin of (%s\d{3}) \((described|named)\)$" % PREFIX)












def format_ok(fmt, text):
    if fmt == "auto-captions":
        return caption_ok(text)
    punctuated = re.search(r"[.,;:!?…»]", text) and re.search(r"[A-ZÀ-Ý]", text)
    if fmt == "subtitles":
        return bool(punctuated) and not SPEAKER_LABEL.match(text)
    if fmt == "transcript":
        return bool(punctuated) and bool(SPEAKER_LABEL.match(text))
    return False


def norm(s):
    return " ".join(s.lower().replace("’", "'").split())


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
    ids = [r["unit_id"] for r in rows]
    if ids != ["%s%03d" % (PREFIX, i + 1) for i in range(len(rows))]:
        fail("ids are not %s001.. in order" % PREFIX)
    pos = {u: i for i, u in enumerate(ids)}
    texts = collections.Counter(norm(r["text"]) for r in rows)
    for t, n in texts.items():
        if n > 1:
            fail("duplicate text (%d times): %s" % (n, t))

    labs_of = {r["unit_id"]: labels(r["topics"]) for r in rows}
    cnt = collections.Counter()
    nlab = collections.Counter()
    kind = collections.Counter()
    fmts = collections.Counter()
    kind_by_fmt = collections.Counter()
    evoked = collections.Counter()
    twins = collections.Counter()
    described_by_topic = collections.Counter()
    wcs = []
    for r in rows:
        uid, text, note = r["unit_id"], r["text"], r["note"]
        labs = labs_of[uid]
        nlab[len(labs)] += 1
        if (len(labs) > 2 or len(set(labs)) != len(labs) or labs != sorted(labs)
                or any(l not in topics for l in labs)):
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
        parts = note.split("; ", 2)
        if len(parts) < 3 or parts[0] != "synthetic":
            fail("%s note does not start with 'synthetic; <setting> (<format>), <speaker>; '" % uid)
            continue
        m = HEAD.match(parts[1])
        if not m or m.group("fmt") not in FORMATS:
            fail("%s note head %r is not '<setting> (<format>), <speaker>'" % (uid, parts[1]))
            continue
        fmt = m.group("fmt")
        fmts[fmt] += 1
        if not format_ok(fmt, text):
            fail("%s: text does not look like %s" % (uid, fmt))
        rest = parts[2]
        if labs:
            if rest.startswith("no topic:") or rest.startswith("trap:"):
                fail("%s has topics but a no-topic note" % uid)
            t = TWIN.search(note)
            if not t:
                fail("%s note does not end '; twin of %sNNN (described|named)'" % (uid, PREFIX))
                continue
            kind[t.group(2)] += 1
            kind_by_fmt[(fmt, "topical")] += 1
            if t.group(2) == "described":
                described_by_topic.update(labs)
            tw = t.group(1)
            if tw not in labs_of or labs_of[tw]:
                fail("%s: twin %s is not a no-topic unit of this file" % (uid, tw))
            elif abs(pos[tw] - pos[uid]) > TWIN_MAX_DIST:
                fail("%s: twin %s more than %d ids away" % (uid, tw, TWIN_MAX_DIST))
            else:
                twins[tw] += 1
        else:
            if rest.startswith("trap: "):
                kind["trap"] += 1
                kind_by_fmt[(fmt, "trap")] += 1
                m = TRAP.match(rest)
                if not m:
                    fail("%s trap note is not \"trap: '<words>' (<topic>): <what it is>\"" % uid)
                    continue
                for frag in m.group("words").split(" ... "):
                    if norm(frag) not in norm(text):
                        fail("%s: trap words %r not in the text" % (uid, frag))
                for tp in m.group("topics").split(", "):
                    if tp not in topics:
                        fail("%s: trap topic %r is not a CAP id" % (uid, tp))
                    evoked[tp] += 1
            elif rest.startswith("no topic: "):
                kind["no topic"] += 1
                kind_by_fmt[(fmt, "no topic")] += 1
            else:
                fail("%s: no topic but note is neither 'no topic:' nor 'trap:'" % uid)

    print("%-24s %5s %9s %10s %6s" % ("topic", "units", "described", "trap-words", "range"))
    for t in topics:
        lo, hi = TOPIC_RANGE
        print("%-24s %5d %9d %10d %6s" % (t, cnt[t], described_by_topic[t], evoked[t], "%d-%d" % (lo, hi)))
        if not lo <= cnt[t] <= hi:
            fail("%s has %d units (expected %d-%d)" % (t, cnt[t], lo, hi))
        if not evoked[t]:
            fail("no trap evokes %s" % t)
    none_share = 100.0 * nlab[0] / max(len(rows), 1)
    trap_share = 100.0 * kind["trap"] / max(nlab[0], 1)
    print("%-24s %5d" % ("(none)", nlab[0]))
    if not NONE_SHARE[0] <= none_share <= NONE_SHARE[1]:
        fail("%.1f %% of units without topic (expected %g-%g %%)" % ((none_share,) + NONE_SHARE))
    if not TRAP_SHARE_OF_NONE[0] <= trap_share <= TRAP_SHARE_OF_NONE[1]:
        fail("%.1f %% of no-topic units are traps (expected about two thirds)" % trap_share)
    for f in FORMATS:
        if 100.0 * fmts[f] / max(len(rows), 1) < MIN_FORMAT_SHARE:
            fail("format %s: only %d units" % (f, fmts[f]))

    print("\nunits: %d (all dev, synthetic); topics per unit: 0=%d 1=%d 2=%d"
          % (len(rows), nlab[0], nlab[1], nlab[2]))
    if wcs:
        print("words per unit: %d-%d (mean %.1f)" % (min(wcs), max(wcs), sum(wcs) / len(wcs)))
    print("no-topic units: %d (%.1f %%): %d traps (%.1f %% of them), %d plain no-topic"
          % (nlab[0], none_share, kind["trap"], trap_share, kind["no topic"]))
    print("topical units: %d (%d described, %d named); %d no-topic units serve as twins"
          % (nlab[1] + nlab[2], kind["described"], kind["named"], len(twins)))
    print("formats: " + ", ".join("%s %d (trap %d, no topic %d, topical %d)"
                                  % (f, fmts[f], kind_by_fmt[(f, "trap")],
                                     kind_by_fmt[(f, "no topic")], kind_by_fmt[(f, "topical")])
                                  for f in FORMATS))

    overlap_checks(rows, other_csvs(), PREFIX)

    print("\n%s" % ("all checks passed" if not problems else "%d problem(s)" % len(problems)))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
