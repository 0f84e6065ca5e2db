"""English titles, bylines and abstracts printed in the front or back pages."""

from __future__ import annotations

import re

from ..cjk import is_pinyin, split_byline_en
from ..model import EnglishAbstract
from ..text import join_all
from .paras import Para

_NAME = r"[A-Z][A-Za-z'’\-]*(?:\s+[A-Z][A-Za-z'’\-]*){1,3}"
# 'ZENG Xianghong & ZHANG Yu', 'YANG Yue, XU Jiafu' (bold or not)
EN_BYLINE = re.compile(rf"^\**\s*({_NAME}(?:\s*(?:&|,|，|and)\s*{_NAME})*)\s*\**$")
EN_LABEL = re.compile(r"^\**\s*\[\s*(Abstract|Keywords|Key\s*words)\s*\]\s*\**\s*[:：]?\s*", re.I)


def has_byline_shape(text: str) -> bool:
    """Capitalised words with a surname in capitals: 'ZENG Xianghong & ZHANG Yu', 'John SMITH',
    but also a title like 'EU Energy Policy and Global Governance'."""
    m = EN_BYLINE.match(text.strip())
    return bool(m) and len(text) < 160 and bool(re.search(r"\b[A-Z]{2,}\b", m.group(1)))


def is_en_byline(text: str) -> bool:
    """A line of author names in pinyin ('ZENG Xianghong & ZHANG Yu', 'YU Feng'):
    each name a surname in capitals and a given name, every word spelt in pinyin.
    A title of capitalised words opened by an abbreviation ('EU Energy Policy and
    Global Governance') has the shape but not the spelling. Names not in pinyin
    ('John SMITH') are bylines by their place instead (see parse_abstracts, parse_toc_en)."""
    return has_byline_shape(text) and all(_is_pinyin_name(n) for n in en_authors(text))


def _is_pinyin_name(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 3 and any(w.isupper() for w in words) and all(is_pinyin(w) for w in words)


def en_authors(text: str) -> tuple[str, ...]:
    m = EN_BYLINE.match(text.strip())
    return split_byline_en(m.group(1) if m else text)


def clean_title(text: str) -> str:
    text = re.sub(r"^#{1,6}\s+", "", text.strip())
    text = re.sub(r"^\*\*(.+)\*\*$", r"\1", text.strip())
    return re.sub(r"\s+", " ", text).strip()


def is_title_piece(para: Para) -> bool:
    text = clean_title(para.text)
    return (
        len(text) < 200
        and not re.search(r"[.!?。]\s*$", text)
        and bool(re.match(r"^[A-Z0-9“\"'‘(]", text))
        and not EN_LABEL.match(para.text)
    )


def parse_abstracts(paras: list[Para]) -> list[EnglishAbstract]:
    """Title paragraph(s), an English byline, then the abstract (and keywords).

    An abstract cut by a page break comes as two paragraphs: they are rejoined.
    """
    # a byline in pinyin, or any byline-shaped line right above an [ Abstract ] label
    bylines = [i for i, p in enumerate(paras) if len(p.lines) == 1 and (
        is_en_byline(p.first) or (has_byline_shape(p.first) and i + 1 < len(paras) and EN_LABEL.match(paras[i + 1].text)))]
    starts = []
    for n, b in enumerate(bylines):
        floor = bylines[n - 1] + 1 if n else 0
        start = b
        while start - 1 >= floor and is_title_piece(paras[start - 1]) and b - start < 3:
            start -= 1
        starts.append(start)
    out: list[EnglishAbstract] = []
    for n, (start, b) in enumerate(zip(starts, bylines)):
        title = " ".join(clean_title(p.text) for p in paras[start:b])  # "" when no title is printed: kept all the same
        end = starts[n + 1] if n + 1 < len(bylines) else len(paras)
        body: list[str] = []
        keywords, printed = (), []
        for p in paras[b + 1 : end]:
            if p.running_head is not None:
                continue  # page furniture between two pages of an abstract (kept in `lines`)
            m = EN_LABEL.match(p.text)
            text = p.text[m.end():] if m else p.text
            if m and m.group(1).lower().startswith("key"):
                keywords = tuple(k.strip() for k in re.split(r"\s*[;；]\s*", text.strip().rstrip(".")) if k.strip())
                printed.append(("keywords_en", p.text))
            else:
                body.append(text)
                if m:
                    printed.append(("abstract_en", p.text))
        lines = tuple(ln for p in paras[start:end] for ln in (*p.lines, ""))
        out.append(EnglishAbstract(title, en_authors(paras[b].first), join_all(body) or None, keywords, paras[start].line, lines,
                                   tuple(printed), paras[b].line))
    return out


def parse_toc_en(paras: list[Para]) -> list[tuple[str, str]]:
    """The English table of contents: (title, authors) pairs; wrapped titles rejoined."""
    out: list[tuple[str, str]] = []
    pending: list[str] = []
    for p in paras:
        text = p.text
        # titles and bylines alternate: under a title, a byline-shaped line is its byline
        if len(p.lines) == 1 and (is_en_byline(text) or (pending and has_byline_shape(text))):
            if pending:
                out.append((" ".join(pending), clean_title(text)))
            pending = []
        else:
            pending.append(clean_title(text))
    if pending:  # a last entry with no byline ('Abstracts')
        out.append((" ".join(pending), ""))
    return out
