"""Chinese text, each rule defined once for both halves (part of the contract, with
layout.py, meta.py and diagnostics.py): the converter's readers, transforms and writers
and the site side (archive_site/, and through it the search box) import it.

- Character classes: regex fragments (HAN, CJK, SCRIPT, PUNCT_CONTEXT, built from the
  Unicode blocks below) and their compiled patterns. search.js gets HAN from the JSON
  the site writes at build time (archive_site/search/browser.py), never a copy.
- Pinyin (pypinyin is imported here only): `pinyin`, `pinyin_slug` (page paths, index
  anchors), `initials` (a journal's slug), `name_pinyin` (a name with its surname's
  reading), `name_spellings` (every reading, to match a printed pinyin byline), `is_pinyin`.
- Surnames: SURNAME_READINGS (曾 is Zeng, not Ceng, wherever a name is romanised),
  COMPOUND_SURNAMES, `split_name` (曾向红 -> 曾, 向红; the printed pinyin byline decides).
- Bylines: `split_byline` (Chinese), `split_byline_en` (pinyin or English names),
  `trailing_names` (a TOC or index line: title, then the authors).
- Traditional -> simplified: `to_simplified` (OpenCC, phrase by phrase) and
  `t2s_table` (character by character, as the search box converts a query).
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from pathlib import Path

# ---------------------------------------------------------------- character classes
# Unicode blocks, as regex class fragments (\\u escapes: the same text is a valid class
# in Python's re and in a JavaScript RegExp).
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # ideographs: extension A, unified, compatibility
KANA = r"\u3040-\u30ff"  # hiragana, katakana
HANGUL = r"\uac00-\ud7af"  # hangul syllables
CJK_SYMBOLS = r"\u2e80-\u33ff"  # radicals, CJK punctuation (U+3000 ideographic space …), kana, bopomofo, enclosed, compatibility
CJK_PUNCT = r"\u3000-\u303f"  # 、。〈〉《》「」【】〔〕 and the ideographic space
FULLWIDTH = r"\uff00-\uffef"  # full-width ASCII and half-width katakana
FULLWIDTH_PUNCT = r"\uff01-\uff60"  # ！＂＃…（）…：；…？ and full-width brackets
FULLWIDTH_ALNUM = r"\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"  # ０-９ Ａ-Ｚ ａ-ｚ
TYPOGRAPHIC = r"\u2014\u2026\u201c\u201d\u2018\u2019"  # — … “ ” ‘ ’ (set in the CJK font in CJK text)

# A text in a CJK script (a Chinese title or name; kana and hangul too).
SCRIPT = HAN + KANA + HANGUL
# A wide character: no space between two of them when wrapped lines are joined.
CJK = CJK_SYMBOLS + HAN + HANGUL + FULLWIDTH
# CJK context for punctuation: a half-width mark between two of these is shown full-width.
PUNCT_CONTEXT = HAN + CJK_PUNCT + FULLWIDTH_PUNCT + TYPOGRAPHIC

# Characters whose NFKC form depends on no neighbour: each one's compatibility decomposition
# opens with a starter that composes with nothing before it (no combining marks, no Hangul
# vowel or final jamo, no kana voicing marks): ASCII and Latin, Greek and Cyrillic, punctuation
# and symbols, the CJK blocks, kana, Hangul syllables, full-width forms, the supplementary
# ideographs. The conservation check takes its shortcut over text made of these
# (transforms/conserve.py); tests/test_conservation.py checks every one against unicodedata.
NFKC_ALONE = (
    "\x00-\u02ff\u0370-\u0482\u048a-\u052f\u1e00-\u20cf\u2100-\u2bff\u2e80-\u3029\u3030-\u3098"
    "\u309b-\u3130\u3164-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff9d"
    "\uffe0-\uffee\U00020000-\U0003134f"
)
HAN_CHAR = re.compile(f"[{HAN}]")
HAN_RUN = re.compile(f"[{HAN}]+")
SCRIPT_CHAR = re.compile(f"[{SCRIPT}]")
CJK_CHAR = re.compile(f"[{CJK}]")
# White space between two wide characters: a line-break artefact, not a word gap.
CJK_GAP = re.compile(f"(?<=[{CJK}])[ \t\u3000]+(?=[{CJK}])")
# A Chinese name as a byline prints it: 1-4 characters (· in a transliterated name).
NAME_WORD = rf"[{HAN}·]{{1,4}}"
_NAME_WORD = re.compile(NAME_WORD)


def has_han(text: str | None) -> bool:
    return bool(text and HAN_CHAR.search(text))


def is_cjk(text: str | None) -> bool:
    """The text is (partly) in a CJK script: 曾向红, 国际问题研究 (not 'Zeng Xianghong')."""
    return bool(text and SCRIPT_CHAR.search(text))


def drop_cjk_gaps(text: str) -> str:
    """'杨 娜' -> '杨娜', '美国 对北约' -> '美国对北约'; keeps 'SAFE 与 NGEU'."""
    return CJK_GAP.sub("", text).strip()


# ---------------------------------------------------------------- pinyin


def pinyin(text: str, style: str = "normal", v_to_u: bool = False) -> list[str]:
    """One syllable per character, other runs as they are (pypinyin's lazy_pinyin).
    style: normal ('zeng'), tone3 ('zeng1', for sorting) or first_letter ('z')."""
    from pypinyin import Style, lazy_pinyin

    styles = {"normal": Style.NORMAL, "tone3": Style.TONE3, "first_letter": Style.FIRST_LETTER}
    return lazy_pinyin(text or "", style=styles[style], v_to_u=v_to_u)


def slug_of(syllables: list[str], limit: int | None = None) -> str:
    """Syllables -> 'bei-yue-2022' (ASCII letters and digits, one hyphen between words); '' when none."""
    slug = "-".join(w for w in (re.sub(r"[^a-z0-9]+", "-", w.lower()).strip("-") for w in syllables) if w)
    slug = re.sub(r"-{2,}", "-", slug)
    return (slug[:limit] if limit else slug).strip("-")


def pinyin_slug(text: str, limit: int | None = None) -> str:
    """北约2022战略概念 -> 'bei-yue-2022-zhan-lve-gai-nian' (at most `limit` characters); '' when nothing is left."""
    return slug_of(pinyin(text), limit)


def initials(text: str) -> str:
    """国际问题研究 -> 'gjwtyj' (the first letter of each syllable); '' when none."""
    return "".join(p[0] for p in pinyin(text, "first_letter") if p and p[0].isalnum()).lower()


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin knows (without the interjections m, n, ng, hm, hng)."""
    from pypinyin.constants import PINYIN_DICT
    from pypinyin.contrib.tone_convert import to_normal

    toned = {p for v in PINYIN_DICT.values() for p in v.split(",")}  # ~1,500 spellings among ~40,000 characters
    return frozenset(map(to_normal, toned)) - {"", "m", "n", "ng", "hm", "hng"}


@lru_cache(maxsize=4096)
def is_pinyin(word: str) -> bool:
    """'Xianghong', 'ZENG', 'Xiang-hong', "Xi'an" -> True; 'Energy', 'EU' -> False."""
    w = re.sub(r"[-'’]", "", word.lower()).replace("ü", "v")
    if not w.isascii() or not w.isalpha():
        return False
    syllables = pinyin_syllables()
    ok = [True] + [False] * len(w)  # ok[i]: w[:i] splits into syllables
    for i in range(1, len(w) + 1):
        ok[i] = any(ok[j] and w[j:i] in syllables for j in range(max(0, i - 6), i))
    return ok[len(w)]


# ---------------------------------------------------------------- surnames

# Surnames whose reading differs from the character's most common one (pypinyin's first).
SURNAME_READINGS = {
    "曾": "zeng", "查": "zha", "单": "shan", "仇": "qiu", "区": "ou", "解": "xie", "朴": "piao", "盖": "ge",
    "乐": "yue", "缪": "miao", "覃": "qin", "召": "shao", "秘": "bi", "尉": "yu", "繁": "po", "员": "yun",
    "种": "chong", "句": "gou", "黑": "he", "阚": "kan", "隗": "wei", "宓": "mi", "燕": "yan", "翟": "zhai",
}
COMPOUND_SURNAMES = frozenset(
    ("欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯 "
     "轩辕 令狐 钟离 端木 澹台 独孤 南宫 西门 呼延 万俟 闻人 濮阳 申屠").split()
)


def name_pinyin(name: str, style: str = "normal", v_to_u: bool = False) -> list[str]:
    """A Chinese name's syllables, its surname read as a surname: 曾向红 -> zeng xiang hong."""
    name = name or ""
    if name[:1] in SURNAME_READINGS:
        return [SURNAME_READINGS[name[0]], *pinyin(name[1:], style, v_to_u)]
    return pinyin(name, style, v_to_u)


@lru_cache(maxsize=4096)
def name_spellings(name: str) -> frozenset[str]:
    """Every pinyin spelling of a Chinese name (each reading of each character), surname
    first or last, letters only, ü as u: what a printed pinyin byline may spell."""
    from pypinyin import Style
    from pypinyin import pinyin as readings

    syllables = readings(name, style=Style.NORMAL, heteronym=True, errors="ignore")
    if not syllables:
        return frozenset()
    out = set()
    for combo in itertools.islice(itertools.product(*syllables), 64):
        out.add("".join(combo))
        out.add("".join(combo[1:] + combo[:1]))
    return frozenset(s.replace("ü", "v").replace("v", "u") for s in out)


def latin_family(name_en: str | None) -> tuple[str, str] | None:
    """'ZENG Xianghong' -> ('Zeng', 'Xianghong'); 'Xianghong ZENG' too. None when no part is upper case."""
    words = (name_en or "").split()
    upper = [w for w in words if len(w) > 1 and w.isupper()]
    if not upper or len(upper) == len(words):
        return None
    return " ".join(w.capitalize() for w in upper), " ".join(w for w in words if w not in upper)


def split_name(name: str, name_en: str | None = None) -> tuple[str, str]:
    """A Chinese name -> (family, given) in characters: 曾向红 -> (曾, 向红). The surname's
    length comes from the printed pinyin byline ('OUYANG Xiu': two characters) when there
    is one, else from COMPOUND_SURNAMES."""
    name = "".join(name.split())
    latin = latin_family(name_en)
    if latin and len(name) > 1:
        two = "".join(pinyin(name[:2])).lower()
        family_len = 2 if len(name) > 2 and latin[0].replace(" ", "").lower() == two else 1
    else:
        family_len = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    return name[:family_len], name[family_len:]


# ---------------------------------------------------------------- bylines


def split_byline(text: str) -> list[str]:
    """'□ 曾向红 张 宇' -> ['曾向红', '张宇']; '杨悦 徐佳福' -> ['杨悦', '徐佳福'];
    '杨悦，徐佳福' -> ['杨悦', '徐佳福'].

    Two-character names are printed with a space inside ('张 宇'), so runs of
    one-character tokens pair up.
    """
    text = re.sub(r"^[□■◇◆\s]+", "", text).strip()
    text = re.sub(r"[*\\]", "", text)
    if re.search(r"[,，、;；]", text):
        return [drop_cjk_gaps(t) for t in re.split(r"\s*[,，、;；]\s*", text) if t.strip()]
    tokens = text.split()
    names: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if len(tok) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            names.append(tok + tokens[i + 1])
            i += 2
        else:
            names.append(tok)
            i += 1
    return names


# Between two names of a byline in Latin script: 'ZENG Xianghong & ZHANG Yu', 'YANG Yue, XU Jiafu'.
EN_NAME_SEPARATOR = r"&|,|，|\band\b"


def split_byline_en(text: str) -> tuple[str, ...]:
    """'ZENG Xianghong & ZHANG Yu' -> ('ZENG Xianghong', 'ZHANG Yu'); also at ',' '，' 'and'."""
    names = re.split(rf"\s*(?:{EN_NAME_SEPARATOR})\s*", text)
    return tuple(re.sub(r"\s+", " ", n).strip() for n in names if n.strip())


def trailing_names(text: str) -> tuple[str, str]:
    """A table-of-contents or annual-index line printed as 'title names…' -> (title, names):
    the last words that look like Chinese names (at most six, the title keeps one word)."""
    tokens = text.split()
    k = len(tokens)
    while k > 1 and _NAME_WORD.fullmatch(tokens[k - 1]) and len(tokens) - k < 6:
        k -= 1
    return " ".join(tokens[:k]), " ".join(tokens[k:])


# ---------------------------------------------------------------- traditional -> simplified


@lru_cache(maxsize=1)
def _opencc():
    import opencc  # opencc-python-reimplemented

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def to_simplified(text: str) -> str:
    """國際問題研究 -> 国际问题研究 (OpenCC t2s, phrase by phrase). A text without a character
    OpenCC may change (`t2s_changeable`) is returned as it is, as OpenCC would."""
    if t2s_changeable().isdisjoint(text):
        return text
    return _opencc().convert(text)


def _t2s_entries(name: str) -> dict[str, str]:
    """One of OpenCC's t2s dictionaries (TSPhrases.txt, TSCharacters.txt): key -> its first candidate."""
    import opencc

    out = {}
    for line in (Path(opencc.__file__).parent / "dictionary" / name).read_text(encoding="utf-8").splitlines():
        parts = line.strip().split("\t")
        if len(parts) == 2:
            out[parts[0]] = parts[1].split(" ")[0]
    return out


@lru_cache(maxsize=1)
def t2s_changeable() -> frozenset[str]:
    """Characters at least one of which every key OpenCC's t2s changes holds: every key of its
    character table (a character it may change alone or in a phrase: 乾, 瞭), and every character
    of a changed phrase holding none of them. OpenCC replaces a matched key by its first
    candidate, so a text holding none of these is one it leaves as it is."""
    chars = set(_t2s_entries("TSCharacters.txt"))
    for key, value in _t2s_entries("TSPhrases.txt").items():
        if value != key and chars.isdisjoint(key):
            chars.update(key)
    return frozenset(chars)


def load_tables() -> None:
    """Load now what the functions here load on first use (pypinyin and its dictionaries, its
    syllables, OpenCC's table): a process about to fork workers loads them once for all."""
    pinyin("中")
    pinyin_syllables()
    _opencc()
    t2s_changeable()


@lru_cache(maxsize=1)
def t2s_pairs() -> tuple[tuple[str, str], ...]:
    """(traditional, simplified) for every character OpenCC converts to one other character
    (its first candidate): the table the search box converts a query with, character by character."""
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        trad, simp = parts[0], parts[1].split(" ")[0]
        if len(trad) == 1 and len(simp) == 1 and trad != simp:
            pairs.append((trad, simp))
    return tuple(pairs)


def t2s_table(chars: set[str] | None = None) -> dict[str, str]:
    """The pairs whose simplified character is in `chars` (all of them when None)."""
    return {t: s for t, s in t2s_pairs() if chars is None or s in chars}
