"""The reader of journal sources, driven by a declared house style.

A journal source is: an optional front part (masthead, tables of contents:
front.py), one or more articles (title, byline, labelled front matter, body,
notes, 【责任编辑】: here), and optional back matter (English abstracts,
annual index, notices: back.py). What differs between journals is declared
in a `HouseStyle` (bracket.py, lenticular.py); a new journal printed another
way is a new `HouseStyle`, not a branch in this code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..cjk import NAME_WORD
from ..diagnostics import report
from ..model import Article, Author, Block, Diagnostic, Issue, Span
from ..text import drop_cjk_gaps, join_lines
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
from .back import back_matter_kind, english_block_at, read_back_matter
from .front import read_front
from .paras import Para, split_paras

# A byline of Chinese names, optionally after a box: '□ 曾向红 张 宇'
CN_BYLINE = re.compile(rf"^[□■]?\s*(?:{NAME_WORD}(?:\s+|$)){{1,8}}$")


def clean_title(text: str) -> tuple[str, bool]:
    """Title as printed -> (clean title, had a star marker)."""
    text = re.sub(r"^#{1,6}\s+", "", text.strip())
    text = re.sub(r"^\*\*(.+)\*\*$", r"\1", text)
    star = bool(re.search(r"(?:\^\{\*\}|\\\*|\*|＊)\s*$", text))
    text = re.sub(r"(?:\^\{\*\}|\\\*|\*|＊)\s*$", "", text)
    return drop_cjk_gaps(re.sub(r"\s+", " ", text)), star


@dataclass(frozen=True)
class HouseStyle:
    """What one family of journals prints its own way."""

    name: str
    abstract_label: re.Pattern  # the label opening an article's abstract, as this style prints it (detection)
    byline_mark: str = ""  # the mark before a byline ('□'); '' when printed bare
    note_marks: str = ""  # how notes are printed (reference -> definition), for the record
    journals: tuple[str, ...] = ()  # journals known to print this way


class JournalReader:
    """Reads any journal source; `house` says how this family prints."""

    def __init__(self, house: HouseStyle):
        self.house = house
        self.style = house.name

    # ---- detection -------------------------------------------------------
    def score(self, paras: list[Para]) -> int:
        """How many paragraphs open with this style's abstract label."""
        return sum(1 for p in paras if self.house.abstract_label.search(p.first[:20]))

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
            b, a = read_back_matter(chunk)
            back += b
            abstracts += a
        issue = Issue(source=source, kind="article", style=self.style, articles=tuple(articles))
        issue = read_front(issue, front)
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
            boxed = bool(self.house.byline_mark) and p.first.startswith(self.house.byline_mark) and self.is_byline(p)
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
            if back_matter_kind(p) or english_block_at(paras, i):
                return i
            if editor_of(p.first):
                k = i + 1
                while k < end and (NOTE_DEF.match(paras[k].first) or not paras[k].text.strip()):
                    k += 1
                return k
        return end

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
            diags.append(report("STAR_UNRESOLVED", Span(source, paras[0].line)))
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
                diags.append(report("ARTICLE_NO_UNPARSED", Span(source, art.line), value=fields["article_no"]))
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
                diags.append(report("BIO_NOT_IN_BYLINE", Span(source, art.line), name=n))
        changes["printed"] = tuple(printed.items())
        return art.with_(**changes)

