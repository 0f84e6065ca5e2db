"""MkDocs hooks for the archive theme (theme/article.html, theme/issue.html).

The templates hard-code no path and no label: they ask these hooks, which ask
generator.layout.

- Jinja filters `author_href`, `keyword_href`, `section_href`: the URL of a
  name's entry in the author, keyword or section index, with the anchor read
  from the `anchors` map the index page carries in its front matter (the bare
  index page when it has no such entry).
- Jinja filters `issue_label` ((year, number) -> '2025 年第 6 期'),
  `number_label` ('第 6 期') and `pages_label` ((first, last) -> '第 22–41 页').
- Jinja globals `archive_page(src_uri)` (another page of the site, or None),
  `journal_page_of(src_uri)`, `issue_page_of(src_uri)` and `year_page(year)`.
- Jinja global `source_href(src_uri)`: where the page's "查看 Markdown 源文件" link
  points. Without `extra.source_url`, every Markdown source is copied next to its page
  after the build (site/gjwtyj/2025/06/p022.md) and the link is relative to the site
  root (pipe it through `url`); with it, the link is that URL + the source path and no
  copies are shipped (they are a third of a large archive's size).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml

from generator import layout

_FILES = None
_SOURCE_URL = {"url": ""}


def _title_of(path: Path) -> str | None:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        meta = yaml.safe_load(text[4 : text.index("\n---\n", 4)]) or {}
        return meta.get("title")
    return None


def on_config(config):
    _SOURCE_URL["url"] = str((config.get("extra") or {}).get("source_url") or "")
    content = os.environ.get("JOURNAL_ARCHIVE_CONTENT")  # `make site JOURNAL=gjwtyj`: build/gjwtyj/content
    if content:
        config["docs_dir"] = str((Path(config.config_file_path or ".").parent / content).resolve())
    return _nav(config)


def _nav(config):
    """Navigation: home, one tab per journal archive, the indexes. Content is
    generated, so the nav is read from docs_dir unless mkdocs.yml sets one."""
    if config.get("nav"):
        return config
    docs = Path(config["docs_dir"])
    nav = []
    if (docs / layout.HOME).exists():
        nav.append({"首页": layout.HOME})
    index_pages = {page for page, _label in layout.INDEXES.values()}
    for index in sorted(docs.glob(layout.journal_page("*"))):
        rel = index.relative_to(docs).as_posix()
        if rel in index_pages:
            continue
        nav.append({(_title_of(index) or index.parent.name): rel})
    indexes = [{label: page} for page, label in layout.INDEXES.values() if (docs / page).exists()]
    if indexes:
        nav.append({"索引": indexes})
    config["nav"] = nav or None
    return config


def on_files(files, config):
    global _FILES
    _FILES = files
    return files


def _archive_page(src_uri):
    if not src_uri or _FILES is None:
        return None
    f = _FILES.get_file_from_path(src_uri)
    return f.page if f is not None else None


def _href_filter(key):
    """name -> URL of its entry in the `key` index (relative to the site root; pipe it through `url`)."""
    index_src = layout.index_page(key)

    def href(name):
        page = _archive_page(index_src)
        anchors = (page.meta.get("anchors") if page is not None else None) or {}
        anchor = anchors.get(name, "")
        return layout.url_of(index_src) + (f"#{anchor}" if anchor else "")

    return href


def on_env(env, config, files):
    global _FILES
    _FILES = files
    install(env)
    return env


def install(env) -> None:
    """The filters and globals above, into a Jinja env (MkDocs's, or pagefind.py's early one)."""
    for key in ("authors", "keywords", "sections"):
        env.filters[f"{key[:-1]}_href"] = _href_filter(key)
    env.filters["issue_label"] = lambda m: layout.issue_label(m.get("year"), m.get("issue"))
    env.filters["number_label"] = layout.number_label
    env.filters["total_label"] = layout.total_label
    env.filters["pages_label"] = lambda m: layout.pages_label(m.get("first_page"), m.get("last_page"))
    env.globals["archive_page"] = _archive_page
    env.globals["journal_page_of"] = lambda src: _archive_page(layout.journal_page(layout.journal_of(src)))
    env.globals["issue_page_of"] = lambda src: _archive_page(layout.issue_page(layout.folder_of(src)))
    env.globals["year_page"] = lambda year: _archive_page(layout.year_page(year)) if year else None
    env.globals["source_href"] = source_href


def source_href(src_uri: str) -> str:
    base = _SOURCE_URL["url"]
    return (base.rstrip("/") + "/" + src_uri) if base else src_uri


def on_page_markdown(markdown, page, config, files):
    """Reading pages (issue, article, document) use the full width on desktop:
    the site nav stays in the tabs and in the mobile drawer."""
    if page.meta.get("kind") in ("article", "issue", "document", "back-matter"):
        hide = list(page.meta.get("hide") or [])
        if "navigation" not in hide:
            page.meta["hide"] = [*hide, "navigation"]
    return markdown


def on_post_build(config):
    if _FILES is None or _SOURCE_URL["url"]:
        return
    site = Path(config["site_dir"])
    for f in _FILES.documentation_pages():
        dest = site / f.src_uri
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f.abs_src_path, dest)
