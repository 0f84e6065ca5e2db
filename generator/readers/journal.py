"""The machinery shared by the journal house styles.

A journal source is: an optional front part (masthead, tables of contents),
one or more articles (title, byline, labelled front matter, body, notes,
【责任编辑】), and optional back matter (English abstracts, annual index,
notices). House-style readers subclass `JournalReader` and declare what is
particular to them.
"""

from __future__ import annotations

import re

from ..model import Article, Author, BackMatter, Block, Diagnostic, Issue, Span, TocEntry
from ..text import drop_cjk_gaps, join_lines, to_simplified
from . import english
from .body import classify
from .fields import (
    bios_of,
    citation_facts,
    clc_of,
    editor_of,
    keywords_of,
    label_of,
    normalise_article_no,
    split_byline,
)
from ..markers import NOTE_DEF
from .paras import Para, split_paras

# Back-matter headings: (kind, slug, pattern on a short paragraph).
BACK_MATTER = (
    ("english_abstracts", "abstracts-en", re.compile(r"^(?:Abstracts?|ABSTRACTS?|英文摘要)$")),
    ("annual_index", "annual-index", re.compile(r"^.{0,30}(?:总目录|总目次|年度目录)$")),
    ("submission_guidelines", "guidelines", re.compile(r"^(?:投稿注意事项|投稿须知|稿约|征稿启事|来稿须知|投稿指南)$")),
    ("subscription_notice", "subscription", re.compile(r"^(?:欢迎订阅|订阅启事|征订启事|订阅办法|订阅须知)$")),
)
# Masthead facts.
ISSUE_NO = re.compile(r"(\d{4})\s*年\s*第\s*(\d{1,2})\s*期")
TOTAL_NO = re.compile(r"总\s*第\s*(\d{1,4})\s*期")
FREQUENCY = re.compile(r"(双月刊|半月刊|月刊|季刊|旬刊|半年刊|年刊|周刊)")
PUBLISHED = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*出版")
# TOC section line: '■ 区域与国别' or '【区域与国别】'
TOC_SECTION = re.compile(r"^(?:[■□◆●▲]\s*(.+)|【([^】]{2,20})】)$")
# TOC list entry: '- 42 美国关税战背景下东盟国家的困境与应对 查 雯'
TOC_LIST = re.compile(r"^[-*]\s+(\d{1,4})\s+(.+)$")
# A byline of Chinese names, optionally after a box: '□ 曾向红 张 宇'
CN_BYLINE = re.compile(r"^[□■]?\s*(?:[\u4e00-\u9fff·]{1,4}(?:\s+|$)){1,8}$")


def back_matter_kind(para: Para) -> tuple[str, str] | None:
    if len(para.lines) > 2 or len(para.first) > 40 or len(para.text) > 40:
        return None
    text = re.sub(r"^#{1,6}\s+|\*\*", "", para.text).strip()
    for kind, slug, pat in BACK_MATTER:
        if pat.match(text):
            return kind, slug
    return None


def clean_title(text: str) -> tuple[str, bool]:
    """Title as printed -> (clean title, had a star marker)."""
    text = re.sub(r"^#{1,6}\s+", "", text.strip())
    text = re.sub(r"^\*\*(.+)\*\*$", r"\1", text)
    star = bool(re.search(r"(?:\^\{\*\}|\\\*|\*|＊)\s*$", text))
    text = re.sub(r"(?:\^\{\*\}|\\\*|\*|＊)\s*$", "", text)
    return drop_cjk_gaps(re.sub(r"\s+", " ", text)), star


class JournalReader:
    style = "journal"
    # Label brackets this style prints (for detection).
    label_pattern = re.compile(r"[〔【]\s*(?:提\s*要|摘\s*要|内容提要)\s*[〕】]")

    # ---- detection -------------------------------------------------------
    def score(self, paras: list[Para]) -> int:
        return sum(1 for p in paras if self.label_pattern.search(p.first[:20]))

    # ---- reading ---------------------------------------------------------
    def read(self, text: str, source: str) -> Issue:
        paras = split_paras(text)
        diags: list[Diagnostic] = []
        starts = self.article_starts(paras)
        if not starts:
            raise ValueError("no article found (no title with an abstract label or byline)")
        front = paras[: starts[0]]
        bounds = []
        for n, s in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(paras)
            bounds.append((s, self.article_end(paras, s, end)))
        articles = [self.read_article(paras[s:e], source, diags) for s, e in bounds]
        back_paras: list[list[Para]] = []
        for n, (s, e) in enumerate(bounds):
            nxt = bounds[n + 1][0] if n + 1 < len(bounds) else len(paras)
            if e < nxt:
                back_paras.append(paras[e:nxt])
        back, abstracts = [], []
        for chunk in back_paras:
            b, a = self.read_back_matter(chunk)
            back += b
            abstracts += a
        issue = Issue(source=source, kind="article", style=self.style, articles=tuple(articles))
        issue = self.read_front(issue, front, diags)
        if len(articles) > 1 or issue.toc:
            issue = issue.with_(kind="issue")
        return issue.with_(
            english_abstracts=tuple(abstracts),
            back_matter=tuple(back),
            diagnostics=issue.diagnostics + tuple(diags),
        )

    # ---- article boundaries -----------------------------------------------
    def is_byline(self, para: Para) -> bool:
        return len(para.lines) == 1 and bool(CN_BYLINE.match(para.first)) and label_of(para.first) is None

    def article_starts(self, paras: list[Para]) -> list[int]:
        """Title paragraph of every article: before its byline, which precedes an abstract label."""
        starts: list[int] = []
        for i, p in enumerate(paras):
            lab = label_of(p.first)
            boxed = p.first.startswith("□") and self.is_byline(p)
            if not (boxed or (lab and lab[0] == "abstract")):
                continue
            j = i if boxed else i - 1
            if not boxed and not (j >= 0 and self.is_byline(paras[j])):
                j = i  # no byline: the title stands right before the label
            t = j - 1
            if t < 0:
                continue
            if paras[t].first.startswith(("——", "—", "－－")) and t - 1 >= 0:
                t -= 1  # a subtitle line under the title
            if starts and t <= starts[-1] + 1:
                continue  # the byline's own abstract label
            starts.append(t)
        return starts

    def article_end(self, paras: list[Para], start: int, end: int) -> int:
        """Where the article's own text ends: at back matter, or after its editor line and last notes."""
        for i in range(start + 2, end):
            p = paras[i]
            if back_matter_kind(p) or self.english_block_at(paras, i):
                return i
            if editor_of(p.first):
                k = i + 1
                while k < end and (NOTE_DEF.match(paras[k].first) or not paras[k].text.strip()):
                    k += 1
                return k
        return end

    def english_block_at(self, paras: list[Para], i: int) -> bool:
        """English abstracts printed without a heading: title, English byline, [ Abstract ]."""
        if i + 2 >= len(paras) or re.search(r"[\u4e00-\u9fff]", paras[i].text):
            return False
        return english.is_en_byline(paras[i + 1].text) and bool(english.EN_LABEL.match(paras[i + 2].text))

    # ---- one article --------------------------------------------------------
    def read_article(self, paras: list[Para], source: str, diags: list[Diagnostic]) -> Article:
        title, star = clean_title(paras[0].text)
        i = 1
        subtitle = None
        if i < len(paras) and paras[i].first.startswith(("——", "—", "－－")):
            subtitle = drop_cjk_gaps(paras[i].text.lstrip("—－ "))
            i += 1
        names: list[str] = []
        printed: dict[str, str] = {}
        if i < len(paras) and self.is_byline(paras[i]):
            printed["byline"] = paras[i].text
            names = split_byline(paras[i].text)
            i += 1
        fields: dict[str, str] = {}
        while i < len(paras):
            lab = label_of(paras[i].first)
            if not lab:
                break
            field, value = lab
            start = i
            pieces = [value, *(ln.strip() for ln in paras[i].lines[1:])]  # a label paragraph may wrap
            # wrapped values (a bio over several lines) run until the next label
            k = i + 1
            while k < len(paras) and k - i <= 3 and not label_of(paras[k].first):
                k += 1
            if k < len(paras) and k - i <= 3 and label_of(paras[k].first) and field in ("bio", "abstract", "keywords"):
                pieces += [p.text for p in paras[i + 1 : k]]
                i = k
            else:
                i += 1
            raw = "\n".join(p for p in pieces if p)
            fields[field] = raw if field not in fields else fields[field] + "\n" + raw
            printed[field] = "\n".join(p.text for p in paras[start:i])
        art = Article(kind="article", title=title, subtitle=subtitle, line=paras[0].line)
        art = self.apply_fields(art, fields, names, printed, source, diags)
        blocks: list[Block] = []
        for p in paras[i:]:
            blocks += classify(p)
        funding = [b for b in blocks if b.kind == "star"]
        editor_line = next((b.text for b in blocks if b.kind == "editor"), None)
        if editor_line:
            printed["editor"] = editor_line
            art = art.with_(printed=tuple(printed.items()))
        editor = editor_of(editor_line) if editor_line else None
        if star and not funding:
            diags.append(Diagnostic("STAR_UNRESOLVED", "title has a star but no starred note", Span(source, paras[0].line)))
        return art.with_(
            blocks=tuple(b for b in blocks if b.kind not in ("star", "editor")),
            funding=" ".join(b.text for b in funding) or None,
            editor=editor,
        )

    def apply_fields(self, art: Article, fields: dict, names: list[str], printed: dict, source: str, diags) -> Article:
        changes: dict = {}
        if "abstract" in fields:
            text = fields["abstract"]
            changes["abstract"] = join_lines(text)
        if "keywords" in fields:
            changes["keywords"] = tuple(keywords_of(fields["keywords"].replace("\n", "")))
        if "clc" in fields:
            changes["clc"] = tuple(clc_of(fields["clc"]))
        if "doc_code" in fields:
            changes["doc_code"] = fields["doc_code"].strip() or None
        if "article_no" in fields:
            norm = normalise_article_no(fields["article_no"])
            if norm:
                no, issn, first, count = norm
                changes.update(article_no=no, issn=issn, first_page=first, last_page=first + count - 1)
                changes.update(year=int(no[10:14]), issue=int(no[15:17]))
            else:
                diags.append(Diagnostic("ARTICLE_NO_UNPARSED", f"article number not understood: {fields['article_no']!r}", Span(source, art.line)))
        if "citation" in fields:
            facts = citation_facts(fields["citation"])
            changes["citation"] = fields["citation"].strip()
            for key in ("journal", "year", "issue"):
                if key in facts:
                    changes[key] = facts[key]
            if "first_page" not in changes and "first_page" in facts:
                changes.update(first_page=facts["first_page"], last_page=facts["last_page"])
        bios = {}
        if "bio" in fields:
            bio_names = names or split_byline(re.sub(r"[,，:：].*", "", fields["bio"]))
            bios = bios_of(fields["bio"], bio_names)
            bios = {k: join_lines(v) for k, v in bios.items()}
            if not names:
                names = list(bios)
        changes["authors"] = tuple(Author(n, bios.get(n)) for n in names)
        for n in bios:
            if n not in names:
                diags.append(Diagnostic("BIO_NOT_IN_BYLINE", f"author bio for {n} who is not in the byline", Span(source, art.line)))
        changes["printed"] = tuple(printed.items())
        return art.with_(**changes)

    # ---- front and back -------------------------------------------------------
    def read_front(self, issue: Issue, front: list[Para], diags: list[Diagnostic]) -> Issue:
        """Masthead, Chinese TOC by section, English TOC. Everything else kept as printed."""
        if not front:
            return issue
        changes: dict = {}
        masthead: list[str] = []
        toc: list[TocEntry] = []
        section = None
        en_start = None
        for n, p in enumerate(front):
            if p.text.strip().lower() in ("table of contents", "contents"):
                en_start = n
                break
            for offset, line in enumerate(p.lines):
                line = line.strip()
                lineno = p.line + offset
                if m := TOC_SECTION.match(line):
                    section = drop_cjk_gaps((m.group(1) or m.group(2)).strip())
                    continue
                entry = self.toc_entry(line, section, lineno)
                if entry:
                    toc.append(entry)
                elif not re.match(r"^[-|:\s]*$", line) and not toc:
                    masthead.append(line)
                    if "number_line" not in changes and ISSUE_NO.search(line):
                        changes["number_line"] = lineno
        joined = " ".join(masthead)
        if m := ISSUE_NO.search(joined):
            changes.update(year=int(m.group(1)), number=int(m.group(2)))
        if m := TOTAL_NO.search(joined):
            changes["total_number"] = int(m.group(1))
        if m := FREQUENCY.search(joined):
            changes["frequency"] = m.group(1)
        if m := PUBLISHED.search(joined):
            changes["published"] = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        name = next((ln for ln in masthead if re.fullmatch(r"[《》\u4e00-\u9fff\s]{2,20}", ln)), None)
        if name:
            changes["journal_printed"] = name.strip("《》 ")
            changes["journal"] = to_simplified(drop_cjk_gaps(name.strip("《》 ")))
        if en_start is not None:
            changes["toc_en_label"] = front[en_start].text.strip()
            changes["toc_en"] = tuple(english.parse_toc_en(front[en_start + 1 :]))
        changes["masthead"] = tuple(masthead)
        changes["toc"] = self.fix_toc_titles(tuple(toc), issue.articles)
        return issue.with_(**changes)

    def toc_entry(self, line: str, section: str | None, lineno: int) -> TocEntry | None:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if len(cells) >= 2 and cells[0].isdigit() and cells[1]:
                return TocEntry(int(cells[0]), cells[1], cells[2] if len(cells) > 2 else "", section, lineno, line)
            return None
        if m := TOC_LIST.match(line):
            rest = m.group(2).strip()
            tokens = rest.split()
            k = len(tokens)
            while k > 1 and re.fullmatch(r"[\u4e00-\u9fff·]{1,4}", tokens[k - 1]) and len(tokens) - k < 6:
                k -= 1
            return TocEntry(int(m.group(1)), " ".join(tokens[:k]), " ".join(tokens[k:]), section, lineno, line)
        return None

    @staticmethod
    def fix_toc_titles(toc: tuple[TocEntry, ...], articles) -> tuple[TocEntry, ...]:
        """A list-form TOC line cannot tell title from authors by itself: use the article titles."""
        out = []
        for e in toc:
            whole = re.sub(r"\s+", "", e.title + e.authors_raw)
            for a in articles:
                t = re.sub(r"\s+", "", a.title)
                if whole.startswith(t) and e.title.replace(" ", "") != t:
                    cut = _cut_after(e.title + " " + e.authors_raw, t)
                    e = TocEntry(e.page, a.title, cut, e.section, e.line, e.printed)
            out.append(e)
        return tuple(out)

    def read_back_matter(self, paras: list[Para]) -> tuple[list[BackMatter], list]:
        """Split trailing pages at their headings; parse English abstracts."""
        segments: list[tuple[str, str, list[Para]]] = []
        for n, p in enumerate(paras):
            kind = back_matter_kind(p)
            if kind:
                segments.append((kind[0], kind[1], [p]))
            elif self.english_block_at(paras, n) and not (segments and segments[-1][0] == "english_abstracts"):
                segments.append(("english_abstracts", "abstracts-en", [p]))
            elif segments:
                segments[-1][2].append(p)
            else:
                segments.append(("other", "other", [p]))
        back: list[BackMatter] = []
        abstracts = []
        for kind, slug, ps in segments:
            if kind == "english_abstracts":
                abstracts += english.parse_abstracts(ps[1:] if back_matter_kind(ps[0]) else ps)
            title = re.sub(r"^#{1,6}\s+|\*\*", "", ps[0].text).strip()
            lines = tuple(ln.rstrip() for p in ps for ln in (list(p.lines) + [""]))
            back.append(BackMatter(kind, title[:60], lines, ps[0].line, slug))
        return back, abstracts



def _cut_after(text: str, title: str) -> str:
    """The part of `text` after the characters of `title` (spaces ignored)."""
    n = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            n += 1
        if n == len(title):
            return text[i + 1 :].strip()
    return ""
