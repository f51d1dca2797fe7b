"""Sanity checks for quotes.csv (stand-alone; does not import the library).

Run:  python3 tests/data/factcheck/check_quotes.py
"""
import collections
import csv
import difflib
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
CORRECTED = {
    'autogenere__Gestion_de_la_dette_d_architecture_-_Cyril_Beslay.fr-orig.srt':
        'final__Gestion_de_la_dette_d_architecture_-_Cyril_Beslay.fr.srt',
    'autogenere__contributer-open-source.srt': 'final__contributer-open-source.srt',
}
KINDS = ['number', 'negation', 'quantifier', 'hedge', 'word', 'glued']


def cues(path):
    text = path.read_text(encoding='utf-8-sig').replace('\r', '')
    out = []
    for block in re.split(r'\n\s*\n(?=\d+\n\d)', text.strip()):
        lines = block.split('\n')
        m = re.match(r'(\d+):(\d+):(\d+),(\d+)', lines[1])
        start = int(m[1]) * 3600 + int(m[2]) * 60 + int(m[3]) + int(m[4]) / 1000
        out.append((start, ' '.join(lines[2:])))
    return out


def toks(s):
    s = s.replace('\u2019', "'")
    s = re.sub(r'</?i>', '', s)
    s = re.sub(r'\[[^\]]*\]\s*:?', '', s)      # [Musique], [PUBLIC] : ...
    return re.findall(r'\w+', s.lower())        # lowercase, punctuation removed


def contains(seq, sub):
    n = len(sub)
    return any(seq[i:i + n] == sub for i in range(len(seq) - n + 1))


def auto_tokens(path):
    """Auto captions (rolling layout): keep the last text line of each real cue, drop repeats."""
    text = path.read_text(encoding='utf-8-sig').replace('\r', '')
    out, prev = [], None
    for block in re.split(r'\n\s*\n(?=\d+\n\d)', text.strip()):
        lines = [l.strip() for l in block.split('\n')[2:] if l.strip()]
        if lines and lines[-1] != prev:
            out += toks(lines[-1])
            prev = lines[-1]
    return out


def best_ratio(seq, sub):
    n, best = len(sub), 0.0
    subset = set(sub)
    for i in range(0, max(1, len(seq) - n + 1)):
        win = seq[i:i + n]
        if len(subset.intersection(win)) < 0.4 * len(subset):
            continue
        best = max(best, difflib.SequenceMatcher(None, win, sub, autojunk=False).ratio())
    return best


def main():
    rows = list(csv.DictReader(open(HERE / 'quotes.csv', encoding='utf-8', newline='')))
    corr = {a: [t for _, c in cues(HERE / f) for t in toks(c)] for a, f in CORRECTED.items()}
    auto = {a: auto_tokens(HERE / a) for a in CORRECTED}
    errors = []
    for r in rows:
        qid, cls, text = r['quote_id'], r['expected_class'], r['text']
        seq, qt = corr[r['talk']], toks(text)
        if not 8 <= len(text.split()) <= 40:
            errors.append(f'{qid}: {len(text.split())} words')
        if cls == 'verbatim' and not contains(seq, qt):
            errors.append(f'{qid}: verbatim text not found in corrected file')
        if cls in ('edited', 'altered') and contains(seq, qt):
            errors.append(f'{qid}: {cls} text occurs verbatim in corrected file')
        if r['source_text']:
            for part in r['source_text'].split(' || '):
                if cls != 'absent' or r['changes'].startswith('other language'):
                    if not contains(seq, toks(part)):
                        errors.append(f'{qid}: source_text part not found: {part[:50]}')
        if cls == 'absent':
            if r['expected_start'] or r['change_kinds']:
                errors.append(f'{qid}: absent row with start/kinds')
        else:
            if not float(r['expected_start']) < float(r['expected_end']):
                errors.append(f'{qid}: start >= end')
        if cls == 'altered':
            ks = r['change_kinds'].split(';')
            if not ks or any(k not in KINDS for k in ks):
                errors.append(f'{qid}: bad change_kinds {ks}')
            if 'glued' in ks:
                a, b = re.findall(r'(\d+)s', r['changes'])
                if int(b) - int(a) <= 60:
                    errors.append(f'{qid}: glued parts only {int(b) - int(a)} s apart')
        elif r['change_kinds']:
            errors.append(f'{qid}: change_kinds on non-altered row')

    by_class = collections.Counter(r['expected_class'] for r in rows)
    by_split = collections.Counter((r['expected_class'], r['split']) for r in rows)
    by_kind = collections.Counter((k, r['split']) for r in rows for k in r['change_kinds'].split(';') if k)
    by_talk = collections.Counter((r['talk'][:30], r['expected_class']) for r in rows)
    print('total', len(rows))
    for c in ['verbatim', 'edited', 'altered', 'absent']:
        print(f'  {c:9s} {by_class[c]:3d}   dev {by_split[c, "dev"]:3d}  test {by_split[c, "test"]:3d}')
    for k in KINDS:
        print(f'  kind {k:10s} dev {by_kind[k, "dev"]}  test {by_kind[k, "test"]}')
    for k, v in sorted(by_talk.items()):
        print('  ', k, v)
    for c in ['verbatim', 'edited', 'altered']:
        if by_class[c] < 32:
            errors.append(f'class {c} has only {by_class[c]}')
    if by_class['absent'] < 10:
        errors.append('fewer than 10 absent rows')
    for k in KINDS:
        if by_kind[k, 'dev'] < 1 or by_kind[k, 'test'] < 1:
            errors.append(f'kind {k} missing in a split')

    if '--auto' in sys.argv:   # informative: how recognisable is each source passage in the auto captions
        print('\nsource passage vs auto captions (best window similarity):')
        for r in rows:
            if not r['source_text']:
                continue
            ratios = [best_ratio(auto[r['talk']], toks(p)) for p in r['source_text'].split(' || ')]
            print(f"  {r['quote_id']} {r['expected_class']:8s} {min(ratios):.2f}")

    print('\nERRORS:' if errors else '\nall checks passed')
    for e in errors:
        print('  ', e)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
