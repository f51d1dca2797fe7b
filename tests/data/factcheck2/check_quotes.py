"""Sanity checks for factcheck2/quotes.csv (does not use the library).

- counts per class and per altered change kind
- verbatim texts occur word-for-word (lowercased, punctuation removed) in the
  human-corrected caption file of their talk
- every source_text part occurs in the corrected file, and expected_start /
  expected_end agree with it (word-position interpolation inside the cue)
- glued parts are more than 60 s apart; quotes have 8-40 words
"""
import csv, re, sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRT = HERE.parent / "factcheck"
FINAL = {
    "autogenere__Gestion_de_la_dette_d_architecture_-_Cyril_Beslay.fr-orig.srt":
        "final__Gestion_de_la_dette_d_architecture_-_Cyril_Beslay.fr.srt",
    "autogenere__contributer-open-source.srt": "final__contributer-open-source.srt",
}

def ts(s):
    h, m, r = s.split(":"); sec, ms = r.split(",")
    return int(h) * 3600 + int(m) * 60 + int(sec) + int(ms) / 1000

def toks(s):
    s = s.lower().replace("\u2019", "'")
    return re.findall(r"[\w']+", s)

def words(path):
    txt = (SRT / path).read_text(encoding="utf-8-sig").replace("\r", "")
    out = []
    for b in re.split(r"\n\s*\n(?=\d+\n)", txt.strip()):
        lines = b.split("\n")
        for i, l in enumerate(lines):
            if "-->" in l:
                a, c = l.split("-->"); a = ts(a.strip()); c = ts(c.strip().split()[0])
                t = " ".join(x.strip() for x in lines[i + 1:] if x.strip())
                tt = toks(re.sub(r"\[[^\]]*\]|<[^>]*>", "", t))
                for j, w in enumerate(tt):
                    out.append((w, a + (c - a) * j / len(tt), a + (c - a) * (j + 1) / len(tt)))
                break
    return out

def find(W, q):
    qt = toks(q); n = len(qt); ws = [w for w, _, _ in W]
    return [i for i in range(len(ws) - n + 1) if ws[i:i + n] == qt], n

rows = list(csv.DictReader(open(HERE / "quotes.csv", encoding="utf-8")))
W = {t: words(f) for t, f in FINAL.items()}
errors = []
for r in rows:
    qid, cls, W_ = r["quote_id"], r["expected_class"], W[r["talk"]]
    n = len(toks(r["text"]))
    if not 8 <= n <= 40:
        errors.append(f"{qid}: {n} words")
    if r["split"] != "test":
        errors.append(f"{qid}: split {r['split']}")
    if cls == "verbatim" and len(find(W_, r["text"])[0]) != 1:
        errors.append(f"{qid}: verbatim text not found exactly once")
    if cls == "absent":
        if r["expected_start"] or r["expected_end"]:
            errors.append(f"{qid}: absent with times")
        if r["source_text"] and not find(W_, r["source_text"])[0]:
            errors.append(f"{qid}: translated sentence not found")
        continue
    spans = []
    for p in r["source_text"].split(" || "):
        hits, k = find(W_, p)
        if len(hits) != 1:
            errors.append(f"{qid}: source part found {len(hits)} times: {p[:40]}")
            continue
        spans.append((W_[hits[0]][1], W_[hits[0] + k - 1][2]))
    if spans:
        if abs(spans[0][0] - float(r["expected_start"])) > 0.11 or abs(spans[-1][1] - float(r["expected_end"])) > 0.11:
            errors.append(f"{qid}: times differ from source_text")
        if "glued" in r["change_kinds"] and not (len(spans) == 2 and spans[1][0] - spans[0][1] > 60):
            errors.append(f"{qid}: glued parts not > 60 s apart")

print(Counter(r["expected_class"] for r in rows))
print(Counter(r["change_kinds"] for r in rows if r["expected_class"] == "altered"))
print(Counter(r["changes"] for r in rows if r["expected_class"] == "absent"))
want = {"verbatim": 24, "edited": 24, "altered": 24, "absent": 8}
if Counter(r["expected_class"] for r in rows) != Counter(want):
    errors.append("class counts differ from 24/24/24/8")
if any(v != 4 for v in Counter(r["change_kinds"] for r in rows if r["expected_class"] == "altered").values()):
    errors.append("altered kinds are not 4 each")
print("\n".join(errors) if errors else "OK: all checks passed")
sys.exit(1 if errors else 0)
