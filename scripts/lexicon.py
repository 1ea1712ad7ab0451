#!/usr/bin/env python3
"""Generates factbot's lexical tables from real lexical resources.

Outputs (committed; the binary embeds them):
  src/lexicon/common-en.txt, src/lexicon/common-ru.txt, src/lexicon/common-zh.txt
      Everyday words: the most frequent words of each language (wordfreq)
      that are not names (WordNet: a word known only capitalised, or not at
      all, is a name; OpenCorpora via pymorphy3: Name/Surn/Patr/Geox/Orgn/
      Trad/Abbr tags). A question word that the knowledge base does not know
      but that is in this list is an ordinary word, not evidence against a fact.
  src/lexicon/false-friends-ru.txt
      Everyday Russian nouns whose Snowball stem is that of a different noun
      of the knowledge base (виза and визит both stem to "виз"): a question
      word in this list is an everyday word, not the knowledge base's term.
  src/lexicon/names-zh.txt
      Frequent two-character Chinese names (普京): unknown to the knowledge
      base, they count against every fact like a longer unknown word.
  knowledge/paraphrases.json
      Everyday English words that mean a word of a synonym group of
      knowledge/synonyms.json, from WordNet (the first sense's synonyms).

Sources and licences:
  wordfreq 3.1.1 (data CC BY-SA 4.0, https://github.com/rspeer/wordfreq)
  Princeton WordNet 3.0 (WordNet 3.0 licence, permissive; Debian wordnet-base)
  pymorphy3 2.0.6 with the OpenCorpora dictionary (pymorphy3-dicts-ru; MIT code,
  CC BY-SA data)
  jieba 0.42.1's dictionary with part-of-speech tags (MIT)
  Russian has no paraphrase table: wiki-ru-wordnet 1.0.3, the open Russian
  wordnet on PyPI, was tried; its senses are unordered and its first synsets
  were wrong for this text (сокращение -> аббревиатура, совет -> рекомендация).

Run from the repository root, after
  apt-get install wordnet-base
  pip install wordfreq==3.1.1 pymorphy3==2.0.6 pymorphy3-dicts-ru==2.4.417150.4580142 jieba==0.42.1
with
  python3 scripts/lexicon.py
(false-friends-ru.txt also needs pip install snowballstemmer==3.1.1, the Snowball
algorithms that the frostem crate implements.)
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wordnet  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOP_EN = 40000
TOP_RU = 60000
NAME_TAGS = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"}
# Paraphrases more frequent than this (zipf) say too little to be evidence
# for a fact: "put", "get", "make", "place".
MAX_PARAPHRASE_ZIPF = 5.2

# First senses that are wrong for this document, as (everyday word, group
# head), each with the reason.
DROP = {
    ("ussr", "russia"),         # a different state
    ("component", "share"),     # a part of a whole, not a percentage
    ("constituent", "share"),
    ("brass", "organization"),  # slang for top officials
    ("perm", "permanent"),      # a hair treatment
    ("custody", "labor"),       # WordNet's "labor" senses of childbirth
    ("proletariat", "labor"),
    ("direct", "goal"),         # verb senses of "aim"
    ("mark", "goal"),
    ("object", "goal"),
    ("follow", "approved"),     # "adopt" as in "follow a practice"
    ("trim", "decrease"),
    ("describe", "document"),
    ("exchange", "prevailing"),
    ("arise", "increase"),
    ("manus", "labor"),         # "hands" as body parts
    ("mitt", "labor"),
    ("paw", "labor"),
    ("arm", "line"),            # "branch" of a tree or a body
    ("subdivision", "line"),
    ("itinerary", "line"),      # "route" of a journey
    ("path", "line"),
    ("railing", "railway"),     # "rail" of a fence
    ("add", "promote"),         # "contribute" as in giving something
    ("bestow", "promote"),
    ("impart", "promote"),
    ("lend", "promote"),
    ("manganese", "million"),   # "mn" is also manganese's symbol
    ("meg", "million"),         # a megabyte, not a million dollars
    ("shut", "strengthening"),  # "close" as in closing a door
    ("endorse", "invest"),      # "back" as in supporting, not funding
    ("agreement", "model"),     # "arrangement": the document's agreements are not its model
    ("apparatus", "model"),     # "setup" as equipment
    ("construct", "philosophy"),  # "concept" as a built thing
    ("ism", "philosophy"),
}


def fold(word):
    return word.lower().replace("ё", "е").replace("ъ", "ь")


def morphy(word, exc):
    """Candidate base forms of an inflected English word (WordNet's rules)."""
    bases = set()
    for pos in "nvar":
        bases.update(exc.get((word, pos), []))
    rules = [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"),
             ("shes", "sh"), ("men", "man"), ("ies", "y"), ("es", "e"), ("es", ""),
             ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("er", ""), ("est", ""),
             ("er", "e"), ("est", "e")]
    for suf, rep in rules:
        if word.endswith(suf) and len(word) > len(suf) + 1:
            bases.add(word[: -len(suf)] + rep)
    return bases


def english_common(synsets, exc):
    import wordfreq
    # WordNet's index is lowercase, but its synsets keep names capitalised
    # ("Mexico", "USA"): a word is ordinary when some synset has it lowercase.
    lemmas = {w.split("(")[0] for (words, _p, _g) in synsets.values() for w in words if w.islower()}
    out = set()
    for w in wordfreq.top_n_list("en", TOP_EN):
        if not re.fullmatch(r"[a-z]{2,}", w):
            continue
        # WordNet keeps names capitalised ("Mexico"), so a lowercase lemma
        # (or an inflection of one) is an ordinary word.
        if w in lemmas or any(b in lemmas for b in morphy(w, exc)):
            out.add(w)
    return out


def russian_common():
    import pymorphy3
    import wordfreq
    m = pymorphy3.MorphAnalyzer()
    out = set()
    for w in wordfreq.top_n_list("ru", TOP_RU):
        w = fold(w)
        if not re.fullmatch(r"[а-я]{2,}", w):
            continue
        parses = m.parse(w)
        if not parses or not any(p.is_known for p in parses):
            continue
        if NAME_TAGS & set(parses[0].tag.grammemes):
            continue
        out.add(w)
    return out


def knowledge_words(pattern):
    """Every word of the knowledge files that matches `pattern`, folded."""
    words = set()
    for name in os.listdir(os.path.join(ROOT, "knowledge")):
        if name.endswith(".json"):
            text = open(os.path.join(ROOT, "knowledge", name), encoding="utf-8").read()
            words.update(fold(w) for w in re.findall(pattern, text.lower()))
    return words


def russian_false_friends(common):
    """Everyday nouns that share a Snowball stem with a noun of the knowledge
    base but are another word: виза (visa) beside визит (visit). Only noun
    pairs count: a verb or adjective with a noun's stem is usually the same
    idea (развитие, развитый)."""
    import pymorphy3
    import snowballstemmer
    m = pymorphy3.MorphAnalyzer()
    stem = snowballstemmer.stemmer("russian").stemWord

    def noun_lemma(w):
        p = m.parse(w)[0]
        return p.normal_form if p.tag.POS == "NOUN" else None

    kb = {}  # stem -> every lemma any knowledge base word with that stem may have
    for w in knowledge_words(r"[а-яё]{3,}"):
        kb.setdefault(stem(w), set()).update(p.normal_form for p in m.parse(w))
    out = set()
    for w in common:
        lemmas = kb.get(stem(w))
        if not lemmas or noun_lemma(w) is None:
            continue
        # Any reading of the word as one of the knowledge base's words
        # (статей: стать or статья) keeps it.
        if any(p.normal_form in lemmas for p in m.parse(w)):
            continue
        if any(noun_lemma(k) for k in lemmas):
            out.add(w)
    return out


TOP_ZH = 30000
ZH_NAME_TAGS = {"nr", "ns", "nt", "nz", "nrt", "nrfg"}


def jieba_tags():
    import jieba
    tags = {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3:
                tags.setdefault(parts[0], set()).add(parts[2])
    return tags


def chinese_common():
    """Frequent Chinese words (wordfreq, simplified) that jieba's dictionary
    does not tag as a person, place, organisation or other proper name."""
    import wordfreq
    tags = jieba_tags()
    out = set()
    for w in wordfreq.top_n_list("zh", TOP_ZH):
        if not re.fullmatch(r"[\u4e00-\u9fff]+", w):
            continue
        if tags.get(w, set()) & ZH_NAME_TAGS:
            continue
        out.add(w)
    return out


def chinese_names():
    """Frequent two-character Chinese words that jieba's dictionary tags as
    a name (普京, 东京): a name the knowledge base lacks counts against every
    fact, but most two-character words it lacks are ordinary (修好)."""
    import wordfreq
    tags = jieba_tags()
    return {
        w for w in wordfreq.top_n_list("zh", TOP_ZH)
        if re.fullmatch(r"[\u4e00-\u9fff]{2}", w) and tags.get(w, set()) & ZH_NAME_TAGS
    }


def tag_counts():
    """How often each (lemma, pos) was seen in WordNet's tagged corpus."""
    out = {}
    for p, name in wordnet.POS.items():
        with open(os.path.join(wordnet.WN, "index." + name), encoding="latin-1") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                parts = line.split()
                rest = parts[4 + int(parts[3]):]
                out[(parts[0], p)] = int(rest[1])
    return out


# A capital standing for its country ("is Moscow pivoting east?"), written by
# hand: WordNet lists Moscow as a city only. Moscow is also a place the
# knowledge base names (Xi Jinping's visit), so it becomes a second meaning.
METONYMS = {"russia": ["moscow"]}


def english_paraphrases(index, synsets, exc, groups, common):
    """Everyday word -> the head (first word) of a synonym group.

    For each English word of a group: its base form (the WordNet lemma seen
    most often in the tagged corpus) and its usual part of speech (noun or
    verb, whichever was tagged more), which must be the group head's; then
    the other words of its first (most frequent) sense. Only common words
    are kept, and not the most frequent ones (see MAX_PARAPHRASE_ZIPF).
    """
    import wordfreq
    tags = tag_counts()
    in_groups = {w for g in groups for w in g}

    def lemma_pos(word):
        cands = [word] + sorted(b for b in morphy(word, exc) if b != word)
        best = None
        for lemma in cands:
            for pos in "nv":
                if (lemma, pos) in index:
                    key = (tags.get((lemma, pos), 0), lemma == word, pos == "n")
                    if best is None or key > best[0]:
                        best = (key, lemma, pos)
        return (best[1], best[2]) if best else (None, None)

    found = {}
    for group in groups:
        head = group[0]
        if not re.fullmatch(r"[a-z]+", head):
            continue
        _, head_pos = lemma_pos(head)
        for word in group:
            if not re.fullmatch(r"[a-z]+", word):
                continue
            lemma, pos = lemma_pos(word)
            if lemma is None or pos != head_pos:
                continue
            words, _ptrs, _gloss = synsets[(index[(lemma, pos)][0], pos)]
            for w in words:
                w = w.lower()
                if not re.fullmatch(r"[a-z]{3,}", w) or w in in_groups or w not in common:
                    continue
                if wordfreq.zipf_frequency(w, "en") > MAX_PARAPHRASE_ZIPF or (w, head) in DROP:
                    continue
                found.setdefault(w, head)
    return found


def main():
    index, synsets, exc = wordnet.load()
    en = english_common(synsets, exc)
    ru = russian_common()
    os.makedirs(os.path.join(ROOT, "src", "lexicon"), exist_ok=True)
    header = ("# Everyday words, generated by scripts/lexicon.py: the most frequent\n"
              "# words of wordfreq 3.1.1 (data CC BY-SA 4.0) that are not names ({}).\n")
    with open(os.path.join(ROOT, "src", "lexicon", "common-en.txt"), "w") as f:
        f.write(header.format("Princeton WordNet 3.0"))
        f.write("\n".join(sorted(en)) + "\n")
    with open(os.path.join(ROOT, "src", "lexicon", "common-ru.txt"), "w") as f:
        f.write(header.format("OpenCorpora tags via pymorphy3"))
        f.write("\n".join(sorted(ru)) + "\n")
    friends = russian_false_friends(ru)
    with open(os.path.join(ROOT, "src", "lexicon", "false-friends-ru.txt"), "w") as f:
        f.write("# Everyday Russian nouns that share a Snowball stem with another noun of the\n"
                "# knowledge base, generated by scripts/lexicon.py (OpenCorpora via pymorphy3).\n")
        f.write("\n".join(sorted(friends)) + "\n")
    zh = chinese_common()
    with open(os.path.join(ROOT, "src", "lexicon", "common-zh.txt"), "w") as f:
        f.write(header.format("jieba's part-of-speech tags"))
        f.write("\n".join(sorted(zh)) + "\n")

    names = chinese_names()
    with open(os.path.join(ROOT, "src", "lexicon", "names-zh.txt"), "w") as f:
        f.write("# Frequent two-character Chinese names, generated by scripts/lexicon.py: words of\n"
                "# wordfreq 3.1.1 (data CC BY-SA 4.0) that jieba's dictionary tags as names.\n")
        f.write("\n".join(sorted(names)) + "\n")

    groups = json.load(open(os.path.join(ROOT, "knowledge", "synonyms.json")))["synonyms"]
    para = {}
    for w, head in english_paraphrases(index, synsets, exc, groups, en).items():
        para.setdefault(head, []).append(w)
    for head, words in METONYMS.items():
        para.setdefault(head, []).extend(w for w in words if w not in para[head])
    out = {
        "about": "Generated by scripts/lexicon.py from Princeton WordNet 3.0: everyday English "
                 "words that mean the first word of a group in synonyms.json (its first sense's "
                 "synonyms), and a capital that stands for its country (METONYMS in the script). "
                 "They match with less confidence than a synonym. Edit the script, not this file.",
        "paraphrases": {k: sorted(v) for k, v in sorted(para.items())},
    }
    with open(os.path.join(ROOT, "knowledge", "paraphrases.json"), "w") as f:
        f.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    print(f"common: en {len(en)}, ru {len(ru)}, zh {len(zh)}; false friends: {len(friends)}; paraphrases: "
          f"{sum(len(v) for v in para.values())} words for {len(para)} groups")


if __name__ == "__main__":
    main()
