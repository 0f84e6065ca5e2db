"""Where each page lives: stable ASCII paths like gjwtyj/2025/06/p022.md."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from pypinyin import Style, lazy_pinyin

JOURNALS_FILE = Path(__file__).resolve().parent / "journals.yml"


@lru_cache(maxsize=1)
def journals() -> dict[str, dict]:
    """Journal name (simplified) -> its config entry (slug, names, issn)."""
    data = yaml.safe_load(JOURNALS_FILE.read_text(encoding="utf-8")) if JOURNALS_FILE.exists() else []
    out = {}
    for entry in data or []:
        for name in [entry["name"], *entry.get("names", [])]:
            out[name] = entry
    return out


def journal_by_issn(issn: str | None) -> str | None:
    """The journal an article number's ISSN belongs to (an article printed without its journal name)."""
    return next((e["name"] for e in journals().values() if issn and e.get("issn") == issn), None)


def journal_slug(name: str | None) -> str:
    if not name:
        return "misc"
    entry = journals().get(name)
    if entry:
        return entry["slug"]
    return "".join(p[0] for p in lazy_pinyin(name, style=Style.FIRST_LETTER) if p and p[0].isalnum()).lower() or "misc"


def slugify(text: str, limit: int = 60) -> str:
    words = lazy_pinyin(text)
    slug = "-".join(w for w in (re.sub(r"[^a-z0-9]+", "-", w.lower()).strip("-") for w in words) if w)
    slug = re.sub(r"-{2,}", "-", slug)
    return slug[:limit].strip("-") or "untitled"


def issue_dir(journal: str | None, year: int | None, number: int | None) -> str:
    if year and number:
        return f"{journal_slug(journal)}/{year}/{number:02d}"
    if year:
        return f"{journal_slug(journal)}/{year}"
    return journal_slug(journal)


def article_path(issue_folder: str, first_page: int | None, title: str) -> str:
    if first_page is not None:
        return f"{issue_folder}/p{first_page:03d}.md"
    return f"{issue_folder}/{slugify(title)}.md"


def document_path(title: str) -> str:
    return f"documents/{slugify(title)}.md"
