"""Minimal reader for Princeton WordNet 3.0 dict files (Debian package wordnet-base),
used by lexicon.py."""
import os
WN = '/usr/share/wordnet'
POS = {'n': 'noun', 'v': 'verb', 'a': 'adj', 'r': 'adv'}
def load():
    index = {}  # (lemma,pos) -> [offsets] in sense order
    for p, name in POS.items():
        with open(os.path.join(WN, 'index.' + name), encoding='latin-1') as f:
            for line in f:
                if line.startswith(' '): continue
                parts = line.split()
                lemma, pos, n_syn, n_ptr = parts[0], parts[1], int(parts[2]), int(parts[3])
                rest = parts[4 + n_ptr:]
                offs = rest[2:2 + n_syn]
                index[(lemma, p)] = offs
    synsets = {}  # (offset,pos) -> (words, ptrs, gloss)
    for p, name in POS.items():
        with open(os.path.join(WN, 'data.' + name), encoding='latin-1') as f:
            for line in f:
                if line.startswith(' '): continue
                data, _, gloss = line.partition('|')
                parts = data.split()
                off = parts[0]; w_cnt = int(parts[3], 16)
                words = [parts[4 + 2*i] for i in range(w_cnt)]
                i = 4 + 2*w_cnt; p_cnt = int(parts[i]); i += 1
                ptrs = []
                for _ in range(p_cnt):
                    ptrs.append((parts[i], parts[i+1], parts[i+2])); i += 4
                synsets[(off, p)] = (words, ptrs, gloss.strip())
    exc = {}
    for p, name in POS.items():
        with open(os.path.join(WN, name + '.exc'), encoding='latin-1') as f:
            for line in f:
                a = line.split()
                exc.setdefault((a[0], p), []).extend(a[1:])
    return index, synsets, exc
