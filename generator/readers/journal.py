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
from ..model import Article, Block, Diagnostic, Issue, Span
from ..text import CJK_CHAR, drop_cjk_gaps
from .body import classify
from .fields import editor_of, label_of, split_byline
from .head import apply_fields, missing_labels, read_labels
from .labels import read_label
from ..markers import NOTE_DEF, RULE, STAR_DEF
from .back import back_matter_kind, english_block_at, read_back_matter
from .front import read_front
from .paras import Para, split_paras

# A title is at most this long (a long subtitle included) and printed on at most this many lines.
MAX_TITLE, MAX_TITLE_LINES = 120, 3
# What closes a sentence, never a title (a title may end with a question mark).
SENTENCE_CLOSE = re.compile(r"[。；;：:，,、]\s*$")
# A byline of Chinese names, optionally after a box: '□ 曾向红 张 宇'
CN_BYLINE = re.compile(rf"^[□■]?\s*(?:{NAME_WORD}(?:\s+|$)){{1,8}}$")


# The star a title (or subtitle) ends with: it refers to the starred note (funding, acknowledgement).
TITLE_STAR = re.compile(r"(?:\^\{\*\}|\\\*|\*|＊)\s*$")


def clean_title(text: str) -> tuple[str, bool]:
    """Title as printed -> (clean title, had a star marker)."""
    text = re.sub(r"^#{1,6}\s+", "", text.strip())
    text = re.sub(r"^\*\*(.+)\*\*$", r"\1", text)
    text, star = unstarred(text)
    return drop_cjk_gaps(re.sub(r"\s+", " ", text)), star


def unstarred(text: str) -> tuple[str, bool]:
    """The text without the star it ends with, and whether it had one."""
    m = TITLE_STAR.search(text)
    return (text[: m.start()], True) if m else (text, False)


@dataclass(frozen=True)
class HouseStyle:
    """What one family of journals prints its own way."""

    name: str
    abstract_label: re.Pattern  # the label opening an article's abstract, as this style prints it (detection)
    byline_mark: str = ""  # the mark before a byline ('□'); '' when printed bare
    brackets: str = "〔〕"  # the brackets around its labels
    note_marks: str = ""  # how notes are printed (reference -> definition), for the record
    journals: tuple[str, ...] = ()  # journals known to print this way
    labels: tuple[str, ...] = ()  # the fields every article prints a label for, in printed order (a lost one is reported)


class JournalReader:
    """Reads any journal source; `house` says how this family prints."""

    def __init__(self, house: HouseStyle):
        self.house = house
        self.style = house.name

    # ---- detection -------------------------------------------------------
    def score(self, paras: list[Para]) -> int:
        """How many paragraphs open with this style's abstract label, or with another label in
        this style's brackets (an article whose abstract line is lost is still this style's)."""
        return sum(1 for p in paras if self.house.abstract_label.search(p.first[:20])
                   or (p.first.lstrip("* ")[:1] == self.house.brackets[:1] and label_of(p.first)))

    # ---- reading ---------------------------------------------------------
    def read(self, text: str, source: str) -> Issue:
        paras = split_paras(text)
        diags: list[Diagnostic] = []
        found = self.article_starts(paras)
        if not found:
            raise ValueError("no article found (no title with an abstract label or byline)")
        starts = [s for s, _titled in found]
        front = paras[: starts[0]]
        bounds = []
        for n, s in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(paras)
            bounds.append((s, self.article_end(paras, s, end)))
        articles = [self.read_article(paras[s:e], source, diags, titled) for (s, e), (_s, titled) in zip(bounds, found)]
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

    def is_title(self, para: Para) -> bool:
        """Whether a paragraph can be an article's title: not a label or editor line, a note, the
        starred note, a rule or a sentence. When the title line is lost, the paragraph before the
        byline is the previous article's last line (often its 【责任编辑】 line), never a title."""
        first = para.first
        if read_label(first) or editor_of(first) or NOTE_DEF.match(first) or STAR_DEF.match(first):
            return False
        if all(RULE.match(ln) for ln in para.lines) or len(para.lines) > MAX_TITLE_LINES:
            return False
        if first.startswith(("|", "- ", "* ")) or back_matter_kind(para):
            return False  # a TOC row, a list, a back-matter heading ('Abstracts')
        title, _star = clean_title(para.text)
        return 0 < len(title) <= MAX_TITLE and bool(CJK_CHAR.search(title)) and not SENTENCE_CLOSE.search(title)

    def article_starts(self, paras: list[Para]) -> list[tuple[int, bool]]:
        """(first paragraph, whether it is the title) of every article. The title stands before the
        byline, which precedes an abstract label; an article whose title line is lost starts at its
        byline (or its first label) and is titled later from its TOC entry or citation line."""
        starts: list[tuple[int, bool]] = []
        anchors: list[int] = []  # the byline (or label) each article was found by
        for i, p in enumerate(paras):
            lab = read_label(p.first)
            boxed = bool(self.house.byline_mark) and p.first.startswith(self.house.byline_mark) and self.is_byline(p)
            # an article opens with its abstract label, or with whatever label follows its byline
            # when the abstract line is lost
            first_label = lab and lab.field and (lab.field == "abstract" or (i >= 1 and self.is_byline(paras[i - 1])))
            if not (boxed or first_label):
                continue
            j = i if boxed else i - 1
            if not boxed and not (j >= 0 and self.is_byline(paras[j])):
                j = i  # no byline: the title stands right before the label
            if anchors and j <= anchors[-1] + 1:
                continue  # the byline's own abstract label
            anchors.append(j)
            t = j - 1
            subtitled = t >= 1 and paras[t].first.startswith(("——", "—", "－－"))
            if subtitled:
                t -= 1  # a subtitle line under the title
            after_previous = not starts or t > starts[-1][0] + 1
            if t >= 0 and after_previous and self.is_title(paras[t]):
                starts.append((t, True))
            else:  # the title line is lost: the article opens with its subtitle or byline
                starts.append((t + 1 if subtitled else j, False))
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
    def read_article(self, paras: list[Para], source: str, diags: list[Diagnostic], titled: bool = True) -> Article:
        title, star = clean_title(paras[0].text) if titled else ("", False)
        i = 1 if titled else 0
        subtitle = None
        if i < len(paras) and paras[i].first.startswith(("——", "—", "－－")):
            subtitle, sub_star = unstarred(drop_cjk_gaps(paras[i].text.lstrip("—－ ")))
            subtitle, star = subtitle.rstrip(), star or sub_star
            i += 1
        names: list[str] = []
        printed: dict[str, str] = {}
        if i < len(paras) and self.is_byline(paras[i]):
            printed["byline"] = paras[i].text
            names = split_byline(paras[i].text)
            i += 1
        fields, labelled, lines, i = read_labels(paras, i, source, diags)
        printed.update(labelled)
        art = Article(kind="article", title=title, subtitle=subtitle, line=paras[0].line)
        art = apply_fields(art, fields, lines, names, printed, source, diags)
        diags += missing_labels(self.house.labels, fields, lines, title or (names and "、".join(names)) or "", art.line, source)
        blocks: list[Block] = []
        for p in paras[i:]:
            blocks += classify(p, starred=star, diags=diags, source=source)
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
