"""The one document model every reader produces and every writer consumes.

Readers turn a source text into an `Issue` whose articles carry raw `Block`s
(with the line they came from); transforms return new models; writers only
read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Literal

from .diagnostics import Diagnostic, Severity, Span  # noqa: F401  (the model's diagnostics)

_FIELDS: dict[type, frozenset[str]] = {}


def replace(obj, **changes):
    """dataclasses.replace for the model's classes (no __post_init__, every field in __init__),
    without its walk over the fields on every call: the transforms make thousands of copies."""
    cls = type(obj)
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = frozenset(f.name for f in fields(cls))
    if not changes.keys() <= names:
        raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(changes.keys() - names))}")
    new = object.__new__(cls)
    new.__dict__.update(obj.__dict__)
    new.__dict__.update(changes)
    return new

BlockKind = Literal[
    "para",  # body text
    "heading",  # section heading; `level` set by the headings transform
    "item",  # numbered paragraph of a document ("12. …")
    "note",  # a footnote definition printed at a page foot; `marker` is its printed number
    "star",  # the starred funding/acknowledgement note
    "break",  # a page-break artefact (`---`, a running head: its text, page number in `marker`): dropped after page-join
    "raw",  # text kept line for line (tables, lists, links)
    "editor",  # the 【责任编辑：…】 line (its text is the name)
]


@dataclass(frozen=True)
class NoteRef:
    """A note reference in a block's text, bound by the notes transform."""

    at: int  # offset in the block's text where the printed marker stood (the marker itself is not in the text)
    number: int | None  # the article's note it links to (1..N); None when its page prints no such note
    printed: str  # the marker's number as printed ("3", "③")

    def with_at(self, at: int) -> NoteRef:
        return replace(self, at=at)


@dataclass(frozen=True)
class PageMark:
    """Where a printed page begins in a block's text: each page's note block stands after its
    text, so the text after a note block starts a new page (often mid-sentence)."""

    at: int  # offset in the block's text where the page begins
    ended: int = 1  # the pages that ended here (a note block with several pages' notes: more than one)
    page: int | None = None  # the printed page number, once the pages transform proves it

    def with_at(self, at: int) -> PageMark:
        return replace(self, at=at)


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    line: int
    level: int = 0  # heading level (2..4) or printed '#' count before normalisation
    marker: str = ""  # printed note number ("1", "①") or item number
    refs: tuple[NoteRef, ...] = ()  # note references, once bound (readers leave the printed markers in the text)
    pages: tuple[PageMark, ...] = ()  # printed pages beginning inside or at the start of this block

    def with_(self, **changes) -> Block:
        return replace(self, **changes)


RefKind = Literal[
    "article",  # a journal article: container = the journal (年第N期, Vol./No.)
    "book",  # a book: publisher, place, year (出版社 2020 年版; Place: Press, 2020)
    "chapter",  # a chapter or paper in a book (载《…》; in Editor, ed., *Book*)
    "newspaper",  # a newspaper or magazine piece: container with a date (《人民日报》2025 年 9 月 2 日，第 2 版)
    "web",  # a web page: a site and/or a URL
    "report",  # a report, working paper or white paper (also a web document cited by its pages)
    "thesis",  # a dissertation or thesis (学位论文)
    "other",  # anything else: only `raw` (and what it plainly prints) is known
]


@dataclass(frozen=True)
class Reference:
    """One reference a note holds, parsed beside its printed text (never instead of it).

    Every field is what the note prints: nothing is inferred, so a field the parser
    is not sure of stays empty. `raw` is note.text[at[0]:at[1]], the reference as
    printed (without a leading 参见 / 转引自, kept in `prefix`). A pointer (同上, Ibid.)
    or a short form of a reference printed in full before (作者：《题名》。) names the
    reference it repeats in `same_as` and takes its kind; its own fields stay the
    printed ones (a page, say)."""

    raw: str
    at: tuple[int, int] = (0, 0)  # where `raw` stands in the note's text
    kind: RefKind = "other"
    authors: tuple[str, ...] = ()  # as printed, one a name ('王传剑', 'Corinne Bara'); 等 / et al. -> et_al
    et_al: bool = False
    editors: tuple[str, ...] = ()
    translators: tuple[str, ...] = ()
    title: str | None = None  # without its marks (《》, “”, 「」, *…*)
    container: str | None = None  # the journal, newspaper, book (of a chapter) or web site
    year: int | None = None
    volume: str | None = None  # Vol. 3, 第 3 卷
    issue: str | None = None  # No. 2, 第 2 期
    pages: str | None = None  # the pages cited as printed, without 第/页/p./pp. ('71-90', '25, 28'; a newspaper's 版)
    publisher: str | None = None  # a book's press; a report's issuing body; a thesis's university
    place: str | None = None
    date: str | None = None  # ISO: 2025-09-24, 2025-09 (a year alone is in `year`)
    url: str | None = None
    prefix: str | None = None  # what the note prints before it: 参见, 转引自, See
    pointer: Literal["", "ibid", "short"] = ""  # ibid: 同上 / Ibid.; short: a short form of an earlier reference
    same_as: tuple[int, int] | None = None  # (note number, index in its refs) of the reference it repeats


@dataclass(frozen=True)
class Note:
    """A footnote bound to its page; `number` is its place in the article (1..N)."""

    number: int
    text: str
    line: int
    printed: str = ""  # the number as printed on its page
    refs: tuple[Reference, ...] = ()  # the references it holds, in order (transforms/references.py)


@dataclass(frozen=True)
class Author:
    name: str
    affiliation: str | None = None
    name_en: str | None = None


@dataclass(frozen=True)
class EnglishAbstract:
    title: str
    authors: tuple[str, ...]
    abstract: str | None
    keywords: tuple[str, ...] = ()
    line: int = 0
    lines: tuple[str, ...] = ()  # as printed, for a back-matter page when no article claims it
    printed: tuple[tuple[str, str], ...] = ()  # labelled paragraphs as printed ('[ Abstract ] …')
    byline_line: int = 0  # the line printing its byline


@dataclass(frozen=True)
class TocEntry:
    page: int | None
    title: str
    authors_raw: str
    section: str | None
    line: int
    printed: str = ""  # the TOC line as printed


@dataclass(frozen=True)
class Article:
    kind: Literal["article", "document"]
    title: str
    line: int
    blocks: tuple[Block, ...] = ()
    subtitle: str | None = None
    authors: tuple[Author, ...] = ()
    section: str | None = None
    first_page: int | None = None
    last_page: int | None = None
    article_no: str | None = None
    clc: tuple[str, ...] = ()
    doc_code: str | None = None
    keywords: tuple[str, ...] = ()
    keywords_en: tuple[str, ...] = ()
    abstract: str | None = None
    abstract_en: str | None = None
    title_en: str | None = None
    funding: str | None = None
    editor: str | None = None
    citation: str | None = None  # the printed 【引用】 line
    cited_title: str | None = None  # the title that citation line prints (《…》), for an article whose title line is lost
    issn: str | None = None
    notes: tuple[Note, ...] = ()
    pages: tuple[int, ...] = ()  # printed pages whose start the text proves (the pages transform), in order
    printed: tuple[tuple[str, str], ...] = ()  # front-matter labels as printed (provenance)
    # Fields the reader could read from the article itself (e.g. 【引用】);
    # the issue's own values win when both exist.
    journal: str | None = None
    year: int | None = None
    issue: int | None = None
    # Decisions the transforms made, recorded for the writers and checks that follow:
    toc_index: int | None = None  # the issue's TOC entry this article is (issue_facts)
    toc_authors: tuple[str, ...] = ()  # the names as its TOC entry prints them, when they differ from the byline (issue_facts)
    abstract_en_index: int | None = None  # the English abstract this article claimed (english)

    def with_(self, **changes) -> Article:
        return replace(self, **changes)


@dataclass(frozen=True)
class IndexEntry:
    """One article listed in an annual index (总目录), as printed: '标题 作者（2025 年第 6 期）'."""

    section: str | None  # the 【section】 it is listed under
    title: str
    authors: tuple[str, ...]
    authors_raw: str  # the names as printed
    year: int
    issue: int
    printed: str  # the whole entry (wrapped lines joined)
    issue_printed: str  # its closing '（2025 年第 6 期）'


@dataclass(frozen=True)
class BackMatter:
    """Printed material that is not an article: kept whole on its own page."""

    kind: str  # annual_index, submission_guidelines, subscription_notice, english_abstracts, links
    title: str
    lines: tuple[str, ...]
    line: int
    slug: str
    entries: tuple[IndexEntry, ...] = ()  # an annual index's lines read as entries (readers/annual_index.py)


@dataclass(frozen=True)
class Issue:
    """One input file: a whole issue, a single article, or a document."""

    source: str
    kind: Literal["issue", "article", "document"]
    style: str
    journal: str | None = None
    journal_printed: str | None = None
    year: int | None = None
    number: int | None = None
    number_line: int = 0  # the masthead line printing year and number (年第N期)
    total_number: int | None = None
    frequency: str | None = None
    published: str | None = None  # ISO date
    issn: str | None = None
    masthead: tuple[str, ...] = ()
    toc: tuple[TocEntry, ...] = ()
    toc_en: tuple[tuple[str, str], ...] = ()  # (title, authors) as printed
    toc_en_label: str | None = None  # the English TOC's heading as printed ("Table of Contents")
    articles: tuple[Article, ...] = ()
    english_abstracts: tuple[EnglishAbstract, ...] = ()
    back_matter: tuple[BackMatter, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = field(default=())

    def with_(self, **changes) -> Issue:
        return replace(self, **changes)
