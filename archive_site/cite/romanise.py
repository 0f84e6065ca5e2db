"""Chinese names and titles in Latin script (Hanyu Pinyin), for APA 7 references
("When and how to transliterate": romanised author names and title, the
translation or original title in brackets).

- `romanise_name(name, name_en)`: -> {"family": "Zeng", "given": "Xianghong"}: the
  printed pinyin byline, else the name's pinyin with its surname read as a surname
  (曾 is Zeng). Surnames, their readings and the family/given split are generator/cjk.py's.
- `romanise_title(text, proper=...)`: sentence-case pinyin, one word per jieba
  word ("Xianghu chengjiu: Shanghai hezuo zuzhi ..."); a word also written with a
  capital in `proper` (the printed English title) keeps its capital.
- `romanise_journal(name)`: every word capitalised ("Guoji Wenti Yanjiu").
"""

from __future__ import annotations

import functools
import re

from generator.cjk import HAN, is_cjk, latin_family, name_pinyin, pinyin, split_name

# punctuation in a romanised text (CJK -> Latin forms)
PUNCT = {"：": ": ", "，": ", ", "、": ", ", "；": "; ", "！": "! ", "？": "? ", "（": " (", "）": ") ",
         "“": ' "', "”": '" ', "‘": " '", "’": "' ", "《": " ", "》": " ", "——": ": ", "—": "-", "·": " ", "。": ". "}


@functools.lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def romanise_name(name: str, name_en: str | None = None) -> dict:
    """A Chinese name -> CSL name in pinyin; the printed pinyin byline wins over pypinyin."""
    latin = latin_family(name_en)
    if latin:
        return {"family": latin[0], "given": latin[1]}
    family, given = split_name(name)
    surname = "".join(name_pinyin(family, v_to_u=True)).capitalize()
    return {"family": surname, "given": _join(pinyin(given, v_to_u=True)).capitalize()}


def _join(syllables: list[str]) -> str:
    """Syllables of one word, with the apostrophe before a/o/e (xi'an)."""
    out = ""
    for s in syllables:
        if out and s[:1] in "aoe":
            out += "'"
        out += s
    return out


# Single-character names of countries and regions, as Chinese joins them (中美, 中拉, 美日印澳):
# written apart, each capitalised, with hyphens (Zhong-Mei, Mei-Ri-Yin-Ao; GB/T 16159-2012 6.3.2).
ABBREVIATIONS = "中美俄日韩朝欧拉非印澳英法德越蒙巴阿加新泰菲缅柬老"
_JOINT = re.compile(f"[{ABBREVIATIONS}]{{2,4}}(?=关系|合作|贸易|经贸|战略|对话|峰会|竞争|博弈|论坛|伙伴|外交|同盟|联盟|三边|四边|双边|"
                    f"共建|投资|金融|科技|人文|普惠|能源|安全|友好|建交|交往|互动|摩擦|冲突|协调|共同体|$|[^{HAN}])")
# jieba's tags of proper nouns: places, organisations, other proper names, people (full names, transliterated)
PROPER_TAGS = frozenset(("ns", "nt", "nz", "nrfg", "nrt", "j"))
# words jieba's dictionary tags as places that are common nouns (a great power, every country) or numbers (四大)
_COMMON = re.compile(r"^(?:[大强小各外本他两三四多邻盟友敌诸列全异][国方]|[一二三四五六七八九十两]\S*)$")


def _tagger():
    import jieba.posseg

    _jieba()
    return jieba.posseg.dt


def _proper(word: str, flag: str) -> bool:
    """A proper noun: a place, organisation or person jieba's dictionary knows (not a word it guessed)."""
    return flag in PROPER_TAGS and word in _tagger().word_tag_tab and not _COMMON.match(word)


def _words(text: str) -> list[tuple[str, bool]]:
    """Romanised words and punctuation of `text`, in order, each with whether it is a proper noun.
    Words as jieba cuts them (its HMM joins words its dictionary lacks: 普惠 -> puhui, not pu hui)."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in [*_JOINT.finditer(text), None]:
        chunk = text[pos : m.start() if m else len(text)]
        for w in _tagger().cut(chunk, HMM=True) if chunk else ():
            if is_cjk(w.word) and w.flag in ("nrfg", "nr") and _proper(w.word, "nrfg") and 2 <= len(w.word) <= 4:
                n = romanise_name(w.word)  # a person: 习近平 -> Xi Jinping
                out.append((f"{n['family']} {n['given']}", True))
            elif is_cjk(w.word):
                out.append((_join(pinyin(w.word, v_to_u=True)), _proper(w.word, w.flag)))
            else:
                out.append((w.word, False))
        if m:
            out.append(("-".join(s.capitalize() for s in pinyin(m.group(0))), True))
            pos = m.end()
    return out


def _tidy(parts: list[str]) -> str:
    text = ""
    for p in parts:
        if p in PUNCT:
            text += PUNCT[p]
        elif text and not text.endswith((" ", "(", '"', "'", "-")) and p.strip() and p[:1].isalnum():
            text += " " + p
        else:
            text += p
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+([,.;:!?)])", r"\1", text)


@functools.lru_cache(maxsize=4096)
def romanise_title(text: str, proper: str = "") -> str:
    """A Chinese title in sentence-case pinyin: proper nouns capitalised (Meiguo, Beiyue, Zhong-Mei);
    a word also written with a capital in `proper` (the printed English title: Shanghai) too."""
    capitals = {w.lower() for w in re.findall(r"\b[A-Z][a-z]+\b", proper or "")}
    words = [w[:1].upper() + w[1:] if name or (w.lower() in capitals and w.isalpha()) else w for w, name in _words(text)]
    out = _tidy(words)
    out = re.sub(r"(^|[:?!] )([a-z])", lambda m: m.group(1) + m.group(2).upper(), out)
    return out


@functools.lru_cache(maxsize=256)
def romanise_journal(name: str) -> str:
    """A journal name in pinyin, every word capitalised: 国际问题研究 -> Guoji Wenti Yanjiu."""
    return _tidy([w[:1].upper() + w[1:] if w[:1].isalpha() else w for w, _ in _words(name)])


# Names in an English title that keep their capital in sentence case (APA 7 6.17): places,
# peoples and their adjectives; a run of capitalised words that opens with one and ends in an
# organisation's word is a name too (the Shanghai Cooperation Organization).
PLACES = frozenset("""
Africa African America American Americas Arab Asia Asian Asia-Pacific ASEAN Atlantic Australia Australian Beijing Brazil
Brazilian BRICS Britain British Canada Canadian Caribbean China Chinese Cold Eurasia Eurasian Europe European France French
Germany German Gulf India Indian Indo-Pacific Indonesia Iran Israel Italy Japan Japanese Korea Korean Latin
Mediterranean Mexico Middle NATO Pacific Pakistan Philippines Russia Russian Saudi Shanghai Singapore Soviet Syria Taiwan
Thailand Turkey Ukraine Ukrainian UK UN US USA U.S. Vietnam Washington West Western Xi Jinping Biden Trump Obama Putin
""".split())
ORG_WORDS = frozenset("Organization Organisation Union Nations Council Forum Bank Community Association Alliance Treaty Corridor".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z.\-']*")


def _keeps_capital(word: str) -> bool:
    bare = re.sub(r"['’]s$", "", word)
    return bare in PLACES or (len(bare) > 1 and bare.replace(".", "").isupper()) or bool(re.search(r"\d|[a-z][A-Z]", bare))


def sentence_case(title: str) -> str:
    """An English title in title case -> sentence case, names kept (APA 7): 'Mutual Empowerment: The
    Shanghai Cooperation Organization and the Four Global Initiatives' -> 'Mutual empowerment: The
    Shanghai Cooperation Organization and the four global initiatives'."""
    tokens = list(_WORD.finditer(title))
    keep: set[int] = set()
    for i, m in enumerate(tokens):
        w = m.group(0)
        before = title[: m.start()].rstrip()
        if i == 0 or before.endswith((":", "?", "!", "—", ".")) and not before.endswith(("U.", "S.")) or _keeps_capital(w):
            keep.add(i)
        if re.sub(r"['’]s$", "", w) in PLACES:  # a name's run: Shanghai Cooperation Organization
            j = i + 1
            while j < len(tokens) and tokens[j].group(0)[:1].isupper() and title[tokens[j - 1].end() : tokens[j].start()] == " ":
                j += 1
            if j - 1 > i and tokens[j - 1].group(0) in ORG_WORDS:
                keep.update(range(i, j))
    out, pos = [], 0
    for i, m in enumerate(tokens):
        w = m.group(0)
        out.append(title[pos : m.start()])
        parts = w.split("-")  # Crisis-Driven -> Crisis-driven; Asia-Pacific stays
        if i not in keep:
            parts[0] = parts[0] if not parts[0][:1].isupper() or _keeps_capital(parts[0]) else parts[0][:1].lower() + parts[0][1:]
        parts[1:] = [x if _keeps_capital(x) else x[:1].lower() + x[1:] for x in parts[1:]]
        out.append(w if w in PLACES else "-".join(parts))
        pos = m.end()
    return "".join(out) + title[pos:]
