"""Chinese names and titles in Latin script (Hanyu Pinyin), for APA 7 references
("When and how to transliterate": romanised author names and title, the
translation or original title in brackets).

- `split_name(name, name_en)`: a Chinese name -> (family, given) in characters,
  the surname's length taken from the printed pinyin byline ("OUYANG Xiu": two
  characters) when there is one, else from a list of two-character surnames.
- `romanise_name(name, name_en)`: -> {"family": "Zeng", "given": "Xianghong"}.
- `romanise_title(text, proper=...)`: sentence-case pinyin, one word per jieba
  word ("Xianghu chengjiu: Shanghai hezuo zuzhi ..."); a word also written with a
  capital in `proper` (the printed English title) keeps its capital.
- `romanise_journal(name)`: every word capitalised ("Guoji Wenti Yanjiu").
"""

from __future__ import annotations

import functools
import re

from pypinyin import Style, lazy_pinyin

from .csl import is_cjk

COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯 轩辕 令狐 钟离 端木 澹台 独孤 南宫 西门 呼延 万俟 闻人 濮阳 申屠".split()
)
# punctuation in a romanised text (CJK -> Latin forms)
PUNCT = {"：": ": ", "，": ", ", "、": ", ", "；": "; ", "！": "! ", "？": "? ", "（": " (", "）": ") ",
         "“": ' "', "”": '" ', "‘": " '", "’": "' ", "《": " ", "》": " ", "——": ": ", "—": "-", "·": " ", "。": ". "}


@functools.lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def _latin_family(name_en: str | None) -> tuple[str, str] | None:
    """'ZENG Xianghong' -> ('Zeng', 'Xianghong'); 'Xianghong ZENG' too. None when no part is upper case."""
    words = (name_en or "").split()
    upper = [w for w in words if len(w) > 1 and w.isupper()]
    if not upper or len(upper) == len(words):
        return None
    family = " ".join(w.capitalize() for w in upper)
    given = " ".join(w for w in words if w not in upper)
    return family, given


def split_name(name: str, name_en: str | None = None) -> tuple[str, str]:
    """A Chinese name -> (family, given) in characters: 曾向红 -> (曾, 向红)."""
    name = "".join(name.split())
    latin = _latin_family(name_en)
    if latin and len(name) > 1:
        family_len = _family_chars(latin[0], name)
        return name[:family_len], name[family_len:]
    family_len = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    return name[:family_len], name[family_len:]


def _family_chars(family_latin: str, name: str) -> int:
    """How many characters of `name` the romanised family name spells (1 or 2)."""
    two = "".join(lazy_pinyin(name[:2], style=Style.NORMAL)).lower()
    return 2 if len(name) > 2 and family_latin.replace(" ", "").lower() == two else 1


def romanise_name(name: str, name_en: str | None = None) -> dict:
    """A Chinese name -> CSL name in pinyin; the printed pinyin byline wins over pypinyin."""
    latin = _latin_family(name_en)
    if latin:
        return {"family": latin[0], "given": latin[1]}
    family, given = split_name(name)
    surname = "".join(lazy_pinyin(family, style=Style.NORMAL, v_to_u=True)).capitalize()
    return {"family": surname, "given": _join(lazy_pinyin(given, style=Style.NORMAL, v_to_u=True)).capitalize()}


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
            out.append(_join(lazy_pinyin(word, style=Style.NORMAL, errors="default", v_to_u=True)))
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
