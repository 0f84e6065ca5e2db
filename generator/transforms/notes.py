"""Bind every note reference to the note printed at the foot of ITS page.

Pattern: printed numbering restarts on every page, and each page's notes
stand in one block after its text. So the references met since the last
note block belong to the next note block, matched by their printed number.
Notes are renumbered 1..N through the article. Each printed marker leaves the
text and becomes a `NoteRef` of its block (where it stood, which note it links
to, what was printed). A reference with no note, or a note nobody references,
is kept and reported. Where a note block ends its page, the text that follows starts the
next one: it gets a `PageMark` (the pages transform numbers them when the count is sure).
"""

from __future__ import annotations

from ..markers import NOTE_REF, first_group, marker_number, may_hold_note_ref
from ..diagnostics import report
from ..model import Article, Block, Diagnostic, Issue, Note, NoteRef, PageMark, Span
from ..text import join_lines

TEXT = ("para", "item", "heading", "raw")


def _groups(numbers: list[int]) -> list[list[int]]:
    """Indices split where the printed numbering restarts (a new page)."""
    groups: list[list[int]] = []
    prev = None
    for i, n in enumerate(numbers):
        if prev is None or n <= prev:
            groups.append([])
        groups[-1].append(i)
        prev = n
    return groups


def bind_run(pending: list, run: list[Block], notes: list[Note], source: str, lines: list[int]) -> tuple[dict[int, int], list[Diagnostic], int]:
    """Bind the references met since the last note run to the notes of `run`, page by page.

    Both restart their numbering on every page. When the references span more pages than
    the run has note blocks, the blocks of the earliest pages are the ones lost (each block
    stands after its own page's text): those references stay unlinked (NOTE_BLOCK_LOST),
    and the others bind to their own page's notes, never to the next page's.
    Appends the run's notes to `notes`; returns {pending index: note number}, diagnostics and
    the number of printed pages that end here (their notes, or their lost notes' references).
    """
    diags: list[Diagnostic] = []
    refs_by_page = _groups([marker_number(p[2]) for p in pending]) if pending else []
    notes_by_page = _groups([marker_number(b.marker) for b in run]) if run else []
    notes_by_page = _drop_repeats(notes_by_page, run, len(refs_by_page), source, diags)
    lost = max(0, len(refs_by_page) - len(notes_by_page))
    bound: dict[int, int] = {}
    for page, note_idx in enumerate(notes_by_page):
        numbers: dict[int, list[int]] = {}
        for k in note_idx:
            b = run[k]
            notes.append(Note(len(notes) + 1, join_lines(b.text), b.line, b.marker))
            numbers.setdefault(marker_number(b.marker), []).append(len(notes))
        used = set()
        refs = refs_by_page[page + lost] if page + lost < len(refs_by_page) else []
        for r in refs:
            ids = numbers.get(marker_number(pending[r][2]))
            if ids:
                bound[r] = ids[0]
                used.add(ids[0])
        for ids in numbers.values():
            for note_no in ids:
                if note_no not in used:
                    note = notes[note_no - 1]
                    diags.append(report("NOTE_UNUSED", Span(source, note.line), printed=note.printed))
    lost_refs = {r for group in refs_by_page[:lost] for r in group}
    for r, ref in enumerate(pending):
        if r in lost_refs:
            diags.append(report("NOTE_BLOCK_LOST", Span(source, lines[r]), printed=ref[2], mark=ref[3]))
        elif r not in bound:
            diags.append(report("NOTE_UNRESOLVED", Span(source, lines[r]), printed=ref[2], mark=ref[3]))
    return bound, diags, max(len(refs_by_page), len(notes_by_page))


def _drop_repeats(groups: list[list[int]], run: list[Block], ref_pages: int, source: str, diags: list) -> list[list[int]]:
    """A page's note block printed twice in a row (the same numbers and texts) is one block,
    as long as the references do not account for the second page of notes."""
    out: list[list[int]] = []
    extra = len(groups) - ref_pages  # pages of notes more than the pages of references

    def printed(g: list[int]) -> list[tuple[str, str]]:
        return [(run[k].marker, run[k].text) for k in g]

    for g in groups:
        if extra > 0 and out and printed(g) == printed(out[-1]):
            diags.append(report("NOTE_BLOCK_REPEATED", Span(source, run[g[0]].line), printed="、".join(run[k].marker for k in g)))
            extra -= 1
            continue
        out.append(g)
    return out


def resolve_article(art: Article, source: str) -> tuple[Article, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    blocks = list(art.blocks)
    notes: list[Note] = []
    out: list[Block | None] = []
    pending: list[tuple[int, int, str, str]] = []  # (out index, offset in the bare text, printed, the mark as printed) of refs
    i = 0

    ended = 0  # pages ended by the note blocks since the last text block

    def flush(run: list[Block]) -> None:
        nonlocal ended
        bound, d, pages = bind_run(pending, run, notes, source, [blocks_line[p[0]] for p in pending])
        diags.extend(d)
        _rewrite(out, pending, bound)
        pending.clear()
        ended += pages

    blocks_line: dict[int, int] = {}
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "note":
            run = []
            while i < len(blocks) and blocks[i].kind in ("note", "break"):
                if blocks[i].kind == "note":
                    run.append(blocks[i])
                else:
                    out.append(blocks[i])
                i += 1
            flush(run)
            continue
        if b.kind in TEXT:
            b = _lift_markers(b, len(out), pending)
            blocks_line[len(out)] = b.line
            if ended:  # the text after a note block starts a new page
                b = b.with_(pages=(PageMark(0, ended),))
                ended = 0
        out.append(b)
        i += 1
    if pending:
        flush([])
    if ended:  # the last pages' notes close the article: a mark at the end of its text
        last = max((k for k, b in enumerate(out) if b is not None and b.kind in TEXT), default=None)
        if last is not None:
            out[last] = out[last].with_(pages=out[last].pages + (PageMark(len(out[last].text), ended),))
    return art.with_(blocks=tuple(b for b in out if b is not None), notes=tuple(notes)), diags


def _lift_markers(b: Block, idx: int, pending: list) -> Block:
    """Take the printed markers out of the block's text, noting where each stood."""
    if not may_hold_note_ref(b.text):
        return b
    pieces, pos, size = [], 0, 0
    for m in NOTE_REF.finditer(b.text):
        pieces.append(b.text[pos : m.start()])
        size += m.start() - pos
        pending.append((idx, size, first_group(m), m.group()))
        pos = m.end()
    if not pieces:
        return b
    pieces.append(b.text[pos:])
    return b.with_(text="".join(pieces))


def _rewrite(out: list, pending: list, bound: dict[int, int]) -> None:
    """Attach the references to their blocks: bound to a note, or unresolved (None)."""
    by_block: dict[int, list[NoteRef]] = {}
    for r, (idx, at, printed, _mark) in enumerate(pending):
        by_block.setdefault(idx, []).append(NoteRef(at, bound.get(r), printed))
    for idx, refs in by_block.items():
        out[idx] = out[idx].with_(refs=out[idx].refs + tuple(refs))


def resolve_notes(issue: Issue) -> Issue:
    diags: list[Diagnostic] = []
    arts = []
    for art in issue.articles:
        new, d = resolve_article(art, issue.source)
        arts.append(new)
        diags += d
    return issue.with_(articles=tuple(arts), diagnostics=issue.diagnostics + tuple(diags))
