"""Checks that need the whole converted issue; they report, never change text.

Runs last in the pipeline, so articles already carry their pages, notes and
English abstracts. Each check adds `Diagnostic`s with the source line an
archivist should look at:

- PAGE_OVERLAP / PAGE_GAP   article page ranges of an issue overlap or leave pages out
- EN_ABSTRACT_UNMATCHED     an English abstract no article claimed
- MISSING_FIELD             an article without title, authors or pages
- PARA_CUT                  a body paragraph that stops mid-sentence before a heading or the end
- SUSPICIOUS_CHAR           mojibake ('Ã©', 'â€'; '浠庢牴鏈': UTF-8 read as GBK), U+FFFD or control characters
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..cjk import CJK_PUNCT, FULLWIDTH, HAN, HAN_CHAR
from ..diagnostics import group_repeats, report
from ..layout import pages_label
from ..model import Article, Diagnostic, Issue, Span
from ..text import is_cut

_FOOTNOTE_REF = re.compile(r"\^\[[^\]]*\]|<sup>[^<]*</sup>|\[\^[^\]]*\]|[①-⑳]+$")

# Mojibake: UTF-8 read as Latin-1/CP1252 ('Ã©', 'â€™', 'Â ') and the replacement char.
_MOJIBAKE = re.compile(r"Ã[\x80-\xbf©-ÿ]|â€[\x80-\xbf™œ\x9d˜“”¦¢]?|Â[\xa0-\xbf]|ï¼|ã€")
# UTF-8 read as GBK ('浠庢牴鏈' for 从根本): the damage is reversible, so it is found by undoing it.
# A run of non-ASCII characters is encoded back to GB18030 and decoded as UTF-8; when that
# yields four or more CJK characters in a row (three of them ideographs), the run was UTF-8
# read as GBK. Real Chinese text never does: its GBK bytes are not UTF-8's lead and
# continuation bytes in that order (no run flagged in the samples nor in 20,000 random
# strings of jieba's dictionary words). Chosen over charset-normalizer's mess detection,
# which scores whole byte strings, because this names the line and shows what it says.
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{3,}")
_CJK_RUN = re.compile(rf"[{HAN}{CJK_PUNCT}{FULLWIDTH}]{{4,}}")
_IDEOGRAPH = HAN_CHAR


# Each byte of the GB18030 bytes as UTF-8 sees it: L leads an ideograph (E4-E9), C continues.
_UTF8_ROLE = bytes(ord("L") if 0xE4 <= b <= 0xE9 else ord("C") if 0x80 <= b <= 0xBF else ord(".") for b in range(256))


def _undone_has_chinese(text: str) -> bool:
    return any(len(_IDEOGRAPH.findall(hit.group())) >= 3 for hit in _CJK_RUN.finditer(text))


def gbk_mojibake(text: str) -> tuple[str, str] | None:
    """(the damaged run, what it says) when `text` holds UTF-8 decoded as GBK."""
    # First undo the whole text at once: encoding is per character and ASCII ends any broken
    # UTF-8 sequence, so each run's undoing lies, whole, in the text's. Only a text where that
    # reads as Chinese is undone run by run. Before decoding: three ideographs among four
    # characters are two side by side, six bytes LCCLCC; bytes without them undo to no run.
    data = text.encode("gb18030", errors="replace")
    if b"LCCLCC" not in data.translate(_UTF8_ROLE) or not _undone_has_chinese(data.decode("utf-8", errors="replace")):
        return None
    for m in _NON_ASCII_RUN.finditer(text):
        undone = m.group().encode("gb18030", errors="replace").decode("utf-8", errors="replace")
        for hit in _CJK_RUN.finditer(undone):
            if len(_IDEOGRAPH.findall(hit.group())) >= 3:
                return m.group(), hit.group()
    return None


def _may_be_latin_mojibake(text: str) -> bool:
    """False when `text` holds none of the characters each _MOJIBAKE form opens with (tests in C,
    where the pattern's scan tries every character)."""
    return "Ã" in text or "â" in text or "Â" in text or "ï" in text or "ã" in text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ue000-\uf8ff]")


def _suspicious(text: str) -> tuple[str, str] | None:
    """(what, the same in Chinese) for the first suspicious character of `text`."""
    text = text or ""
    if "\ufffd" in text:
        return "U+FFFD replacement character (text lost in an earlier conversion)", "U+FFFD 替换字符（此前的转换中丢失了文字）"
    m = _MOJIBAKE.search(text) if _may_be_latin_mojibake(text) else None
    if m:
        return (f"mojibake {m.group()!r} (UTF-8 text decoded as Latin-1/CP1252)",
                f"乱码 {m.group()!r}（UTF-8 文本被当作 Latin-1/CP1252 解码）")
    if found := gbk_mojibake(text):
        run, says = found
        return (f"mojibake {run[:12]!r} (UTF-8 text decoded as GBK; it reads {says[:12]!r})",
                f"乱码“{run[:12]}”（UTF-8 文本被当作 GBK 解码，原文应为“{says[:12]}”）")
    m = _CONTROL.search(text)  # (a form feed is no control character here)
    if m:
        return f"control/invisible character U+{ord(m.group()):04X}", f"控制字符或不可见字符 U+{ord(m.group()):04X}"
    return None


def _char_diags(issue: Issue) -> list[Diagnostic]:
    texts: list[tuple[str | None, int]] = []
    look = lambda text, line: texts.append((text, line))  # noqa: E731

    for ln in issue.masthead:
        look(ln, 1)
    for e in issue.toc:
        look(e.title + " " + e.authors_raw, e.line)
    for art in issue.articles:
        for v in (art.title, art.subtitle, art.abstract, art.funding, art.editor, *(a.name for a in art.authors), *(a.affiliation or "" for a in art.authors)):
            look(v, art.line)
        for b in art.blocks:
            look(b.text, b.line)
        for n in art.notes:
            look(n.text, n.line)
    for ab in issue.english_abstracts:
        for k, ln in enumerate(ab.lines or (ab.title, ab.abstract or "")):
            look(ln, ab.line)
    for bm in issue.back_matter:
        if bm.kind == "english_abstracts":
            continue
        for k, ln in enumerate(bm.lines):
            look(ln, bm.line + k)
    # Each check finds in a text only what it finds in all of them joined by line breaks (no
    # pattern reaches across one): a clean issue is passed in one look.
    if not _suspicious("\n".join(t for t, _ in texts if t)):
        return []
    found: dict[int, tuple[str, str]] = {}
    for text, line in texts:
        if text and line not in found:
            why = _suspicious(text)
            if why:
                found[line] = why
    return [report("SUSPICIOUS_CHAR", Span(issue.source, line), what=en, what_zh=zh) for line, (en, zh) in sorted(found.items())]


def _page_diags(issue: Issue) -> list[Diagnostic]:
    if issue.kind != "issue":
        return []
    arts = sorted((a for a in issue.articles if a.kind == "article" and a.first_page is not None), key=lambda a: (a.first_page, a.line))
    out = []
    for prev, art in zip(arts, arts[1:]):
        if prev.last_page is None:
            continue
        if art.first_page <= prev.last_page:
            out.append(report("PAGE_OVERLAP", Span(issue.source, art.line), title=art.title, page=art.first_page,
                              prev=prev.title, prev_last=prev.last_page))
        elif art.first_page > prev.last_page + 1:
            one = art.first_page == prev.last_page + 2
            gap = f"p.{prev.last_page + 1}" if one else f"pp.{prev.last_page + 1}-{art.first_page - 1}"
            gap_zh = pages_label(prev.last_page + 1, art.first_page - 1)
            out.append(report("PAGE_GAP", Span(issue.source, art.line), gap=gap, gap_zh=gap_zh, prev=prev.title,
                              prev_last=prev.last_page, title=art.title, page=art.first_page))
    return out


def _english_diags(issue: Issue) -> list[Diagnostic]:
    out = []
    # In a single article file the issue's other abstracts are expected back matter: info only.
    severity = "warning" if issue.kind == "issue" else "info"
    claimed = {a.abstract_en_index for a in issue.articles}
    for k, ab in enumerate(issue.english_abstracts):
        if k not in claimed:
            who = ", ".join(ab.authors) or "no byline"
            out.append(report("EN_ABSTRACT_UNMATCHED", Span(issue.source, ab.line), severity, title=ab.title, who=who))
    return out


def _field_diags(issue: Issue) -> list[Diagnostic]:
    if issue.kind == "document":
        return []
    out = []
    for art in issue.articles:
        if art.kind != "article":
            continue
        span = Span(issue.source, art.line)
        if not art.title.strip():
            out.append(report("MISSING_FIELD", span, "error", what="article has no title", what_zh="文章没有标题"))
        if not art.authors:
            out.append(report("MISSING_FIELD", span, "warning", what=f"no authors found for «{art.title}» (byline missing or unreadable)",
                              what_zh=f"《{art.title}》没有找到作者（署名缺失或无法识别）"))
        if art.first_page is None:
            out.append(report("MISSING_FIELD", span, "warning", what=f"no pages for «{art.title}» (no article number, TOC entry or citation gives them)",
                              what_zh=f"《{art.title}》没有页码（文章编号、目录和引用格式都没有给出）"))
        elif art.last_page is None and issue.kind == "issue":
            out.append(report("MISSING_FIELD", span, "info", what=f"no last page for «{art.title}» (article number lacks the page count)",
                              what_zh=f"《{art.title}》没有末页（文章编号缺少页数）"))
    return out


def _cut_paras(issue: Issue, art: Article) -> list[Diagnostic]:
    blocks = [b for b in art.blocks if b.kind not in ("break", "note", "star")]
    out = []
    for k, b in enumerate(blocks):
        if b.kind != "para":
            continue
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        if nxt is not None and nxt.kind not in ("heading", "editor"):
            continue
        if not is_cut(b.text):
            continue
        tail = b.text.rstrip()[-20:]
        heading = nxt is not None and nxt.kind == "heading"
        where = f"before the heading «{nxt.text[:30]}»" if heading else "at the end of the article"
        where_zh = f"在标题《{nxt.text[:30]}》之前" if heading else "在文章末尾"
        out.append(report("PARA_CUT", Span(issue.source, b.line), tail=tail, where=where, where_zh=where_zh))
    return out


def validate(issue: Issue) -> Issue:
    diags: list[Diagnostic] = []
    diags += _field_diags(issue)
    diags += _page_diags(issue)
    diags += _english_diags(issue)
    for art in issue.articles:
        diags += _cut_paras(issue, art)
    diags += _char_diags(issue)
    if not diags:
        return issue
    return issue.with_(diagnostics=issue.diagnostics + tuple(diags))


def locate(diags, text: str) -> list[Diagnostic]:
    """Point SUSPICIOUS_CHAR at the line with the character, PARA_CUT at the line where the
    text stops, and a note reference's diagnostic at the line printing its mark.

    A paragraph rejoined across a page break starts many lines before the bad
    character; with the source text at hand the exact line is known. Idempotent:
    the pipeline runs it last (`pinpoint`), so diagnostics arrive located.
    """
    lines = text.split("\n")
    out = []
    for d in diags:
        line = None
        if d.get("mark"):  # a note reference: the line printing its mark (a paragraph may wrap)
            line = next((n for n in range(max(d.span.line, 1), min(len(lines), d.span.line + 200) + 1) if d.get("mark") in lines[n - 1]), None)
        elif d.code == "SUSPICIOUS_CHAR":
            line = next((n for n in range(max(d.span.line, 1), len(lines) + 1) if _suspicious(lines[n - 1])), None)
        elif d.code == "PARA_CUT":  # the line where the paragraph stops, not where it starts
            tail = re.sub(r"\s+", "", d.get("tail", ""))[-6:]
            line = next((n for n in range(max(d.span.line, 1), len(lines) + 1)
                         if tail and re.sub(r"\s+", "", _FOOTNOTE_REF.sub("", lines[n - 1])).endswith(tail)), None)
        out.append(replace(d, span=Span(d.span.source, line)) if line else d)
    return out


def pinpoint(issue: Issue, text: str) -> Issue:
    """The pipeline's last step: every diagnostic at its exact source line, and the repeats of
    one diagnostic (same code, severity and message) as one with their count and lines."""
    if any(d.code in ("SUSPICIOUS_CHAR", "PARA_CUT") or d.get("mark") for d in issue.diagnostics):
        issue = issue.with_(diagnostics=tuple(locate(issue.diagnostics, text)))
    grouped = group_repeats(issue.diagnostics)
    return issue if len(grouped) == len(issue.diagnostics) else issue.with_(diagnostics=grouped)
