"""MkDocs hooks for the archive theme (theme/article.html, theme/issue.html).

- Jinja filters `author_anchor`, `keyword_anchor`, `section_anchor`: the ASCII
  anchor of a name in authors/, keywords/, sections/index.md, read from the
  `anchors` map generator/writers/indexes.py puts in those pages' front matter
  ("" when the index has no such entry: the link then opens the index page).
- Jinja global `archive_page(src_uri)`: another page of the site (for
  prev/next titles and the issue link), or None when it does not exist.
- After the build, every Markdown source is copied next to its page
  (site/gjwtyj/2025/06/p022.md) so the article page can link to it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml


_FILES = None

_INDEXES = [("作者", "authors/index.md"), ("关键词", "keywords/index.md"), ("栏目", "sections/index.md"), ("年份", "years/index.md")]


def _title_of(path: Path) -> str | None:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        meta = yaml.safe_load(text[4 : text.index("\n---\n", 4)]) or {}
        return meta.get("title")
    return None


def on_config(config):
    """Navigation: home, one tab per journal archive, the indexes. Content is
    generated, so the nav is read from docs_dir unless mkdocs.yml sets one."""
    if config.get("nav"):
        return config
    docs = Path(config["docs_dir"])
    nav = []
    if (docs / "index.md").exists():
        nav.append({"首页": "index.md"})
    for index in sorted(docs.glob("*/index.md")):
        rel = index.relative_to(docs).as_posix()
        if rel in dict((p, t) for t, p in _INDEXES):
            continue
        nav.append({(_title_of(index) or index.parent.name): rel})
    indexes = [{t: p} for t, p in _INDEXES if (docs / p).exists()]
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


def _anchor_filter(index_src):
    def anchor(name):
        page = _archive_page(index_src)
        anchors = (page.meta.get("anchors") if page is not None else None) or {}
        return anchors.get(name, "")

    return anchor


def on_env(env, config, files):
    global _FILES
    _FILES = files
    env.filters["author_anchor"] = _anchor_filter("authors/index.md")
    env.filters["keyword_anchor"] = _anchor_filter("keywords/index.md")
    env.filters["section_anchor"] = _anchor_filter("sections/index.md")
    env.globals["archive_page"] = _archive_page
    return env


def on_page_markdown(markdown, page, config, files):
    """Reading pages (issue, article, document) use the full width on desktop:
    the site nav stays in the tabs and in the mobile drawer."""
    if page.meta.get("kind") in ("article", "issue", "document", "back-matter"):
        hide = list(page.meta.get("hide") or [])
        if "navigation" not in hide:
            page.meta["hide"] = [*hide, "navigation"]
    return markdown


def on_post_build(config):
    if _FILES is None:
        return
    site = Path(config["site_dir"])
    for f in _FILES.documentation_pages():
        dest = site / f.src_uri
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f.abs_src_path, dest)
