"""What a page reads of other pages while it is rendered, recorded for the incremental build
(archive_site/incremental/): each lookup the templates and hooks make of another page
(nav.py `archive_page`, the index anchors behind `author_href` and its kin, scholarly/hook.py's
issue URL) notes the key and the value it got. A page whose
own file is unchanged and whose every noted value is the same is the same page.

Values are taken from what every page exposes to the others whether it was rendered in this
build or not: its URL, its title and the front matter spool.py keeps (KEEP), never the rest."""

from __future__ import annotations

from .spool import KEEP

# The front matter of another page a view holds: what spool.py keeps, less what only the page
# itself reads (hide) and what is read entry by entry (anchors: see anchor()).
VIEW_KEYS = tuple(k for k in KEEP if k not in ("anchors", "hide"))

_current: dict | None = None  # the page being rendered: {key: value}
_paused = 0


def start() -> dict:
    """Begin recording what the page being rendered reads; -> its (new) record."""
    global _current
    _current = {}
    return _current


def resume(record: dict) -> None:
    global _current
    _current = record


def stop() -> None:
    global _current
    _current = None


class paused:
    """Lookups that do not make the page's HTML (Pagefind's early render) are not noted."""

    def __enter__(self):
        global _paused
        _paused += 1

    def __exit__(self, *exc):
        global _paused
        _paused -= 1


def view(title, url, meta) -> tuple:
    """What one page shows the others: (title, URL, the KEEP front matter but anchors and hide)."""
    return (title, url, tuple((k, repr(meta[k])) for k in VIEW_KEYS if k in meta))


def note(key: tuple, value) -> None:
    if _current is not None and not _paused:
        _current[key] = value


def page(src: str, found) -> None:
    """The page read `src` and got `found` (a Page or None)."""
    if found is None:
        note(("page", src), None)
    elif found.markdown is None:  # not read yet (populated later in this build): nothing of it shown
        note(("page", src), ("unread",))
    else:
        note(("page", src), view(found.title, found.url, found.meta))


def anchor(index_src: str, name: str, value: str) -> None:
    note(("anchor", index_src, name), value)
