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

from generator.cjk import is_cjk, latin_family, name_pinyin, pinyin, split_name

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


def _words(text: str) -> list[str]:
    """Romanised words and punctuation of `text`, in order."""
    out = []
    for word in _jieba().lcut(text, HMM=False):
        if is_cjk(word):
            out.append(_join(pinyin(word, v_to_u=True)))
        else:
            out.append(word)
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
    """A Chinese title in sentence-case pinyin; words capitalised in `proper` (the English title) keep a capital."""
    capitals = {w.lower() for w in re.findall(r"\b[A-Z][a-z]+\b", proper or "")}
    words = [w.capitalize() if w.lower() in capitals and w.isalpha() else w for w in _words(text)]
    out = _tidy(words)
    out = re.sub(r"(^|[:?!] )([a-z])", lambda m: m.group(1) + m.group(2).upper(), out)
    return out


@functools.lru_cache(maxsize=256)
def romanise_journal(name: str) -> str:
    """A journal name in pinyin, every word capitalised: 国际问题研究 -> Guoji Wenti Yanjiu."""
    return _tidy([w[:1].upper() + w[1:] if w[:1].isalpha() else w for w in _words(name)])
