"""Pointers and short forms, resolved within one article's notes.

- 同上 / Ibid. repeats the reference just before it: the one before it in the
  same note, else the only reference of the last note that holds any. After a
  note holding several, an Ibid. is left unresolved (which one?).
- A short form (作者：《题名》。 / Author, “Title,” p. 27.) repeats the reference
  printed in full earlier in the article with the same title (and, when the
  short form prints them, the same first author and year); failing an exact
  title, a title that differs by a letter or two in a long title (Defence /
  Defense). When two different works fit, it is left unresolved.

A resolved reference names the one it repeats in `same_as` (the first full
one, through any chain) and takes its kind; its printed fields stay its own.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from ..model import Note, Reference, replace
from .keys import title_key


def _complete(ref: Reference) -> bool:
    """A reference printed in full: it names where it appeared."""
    return not ref.pointer and ref.kind != "other" and bool(ref.container or ref.publisher or ref.url)


def _short(ref: Reference) -> bool:
    """A reference printed short: a title, maybe a byline, pages or a year, nothing else."""
    return (not ref.pointer and ref.kind == "other" and bool(ref.title)
            and not (ref.container or ref.publisher or ref.url or ref.volume or ref.issue))


def _work(ref: Reference) -> tuple:
    return (title_key(ref.title), title_key(ref.container), ref.year, ref.url)


def resolve(notes: tuple[Note, ...]) -> tuple[Note, ...]:
    """The notes with their pointers and short forms resolved (same_as, kind)."""
    full: dict[str, list[tuple[int, int, Reference]]] = {}  # title key -> earlier full references
    last: tuple[Reference, ...] = ()  # the references of the last note that holds any
    last_number = 0
    out = []
    for note in notes:
        refs: list[Reference] = []
        changed = False
        for idx, ref in enumerate(note.refs):
            if ref.pointer == "ibid":
                target = None
                if idx > 0:
                    target = (note.number, idx - 1, refs[idx - 1])
                elif len(last) == 1:
                    target = (last_number, 0, last[0])
                if target is not None:
                    n, i, t = target
                    ref, changed = replace(ref, same_as=t.same_as or (n, i), kind=t.kind), True
            elif _short(ref):
                key = title_key(ref.title)
                found = _earlier(full.get(key) or _near(full, key), ref)
                if found is not None:
                    n, i, t = found
                    ref, changed = replace(ref, same_as=t.same_as or (n, i), kind=t.kind, pointer="short"), True
            elif _complete(ref) and ref.title:
                full.setdefault(title_key(ref.title), []).append((note.number, idx, ref))
            refs.append(ref)
        resolved = tuple(refs) if changed else note.refs
        if resolved:
            last, last_number = resolved, note.number
        out.append(replace(note, refs=resolved) if changed else note)
    return tuple(out)


def _near(full: dict[str, list], key: str) -> list:
    """Full references whose title differs from `key` by a letter or two (a long title only)."""
    if len(key) < 12:
        return []
    out = []
    for other, refs in full.items():
        if abs(len(other) - len(key)) <= max(2, len(key) // 20) and _similar(key, other):
            out += refs
    return out


def _similar(a: str, b: str) -> bool:
    """SequenceMatcher ratio >= 0.92, the cheap upper bound first (as difflib.get_close_matches)."""
    m = SequenceMatcher(None, a, b)
    return m.quick_ratio() >= 0.92 and m.ratio() >= 0.92


def _same_author(short: str, full: str) -> bool:
    """'Kissinger' and 'Henry Kissinger' (a short form prints the surname), '习近平' and '习近平'."""
    return title_key(short) == title_key(full) or short.casefold() in full.casefold().replace(",", " ").split()


def _earlier(candidates: list[tuple[int, int, Reference]], ref: Reference):
    """The one earlier full reference a short form repeats, or None."""
    if not ref.title or not candidates:
        return None
    fits = []
    for n, i, t in candidates:
        if ref.authors and t.authors and not _same_author(ref.authors[0], t.authors[0]):
            continue
        if ref.year and t.year and ref.year != t.year:
            continue
        fits.append((n, i, t))
    works = {_work(t) for _, _, t in fits}
    if len(works) != 1:
        return None
    return fits[0]
