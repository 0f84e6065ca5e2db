"""MkDocs hooks for the archive theme (theme/article.html, theme/issue.html).

The templates hard-code no path and no label: they ask these hooks, which ask
generator.layout.

- Jinja filters `author_href`, `keyword_href`, `section_href`: the URL of a
  name's entry in the author, keyword or section index, with the anchor read
  from the `anchors` map the index page carries in its front matter (the bare
  index page when it has no such entry).
- Jinja filters `issue_label` ((year, number) -> '2025 年第 6 期'),
  `number_label` ('第 6 期') and `pages_label` ((first, last) -> '第 22–41 页').
- Jinja filter `cjk`: half-width punctuation in CJK context shown full-width
  (archive_site/pages/typeset.py, which does the same for page bodies).
- Jinja globals `archive_page(src_uri)` (another page of the site, or None),
  `journal_page_of(src_uri)`, `issue_page_of(src_uri)` and `year_page(year)`.
- Jinja filters `page_url` (a content path, e.g. an article's prev/next -> its URL
  relative to the site root) and `page_anchor` (37 -> 'p37', a printed page's anchor).
- Jinja global `source_href(src_uri)`: where the page's "查看 Markdown 源文件" link
  points. Without `extra.source_url`, every Markdown source is copied next to its page
  after the build (site/gjwtyj/2025/06/p022.md) and the link is relative to the site
  root (pipe it through `url`); with it, the link is that URL + the source path and no
  copies are shipped (they are a third of a large archive's size).

The hooks' state (the build's Files, extra.source_url) is one object, `hooks`; the
module's on_* names are its methods, which hooks/archive_hooks.py hands to MkDocs.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

import jinja2

from generator import layout, meta

from .. import config as settings
from .. import incremental
from . import deps
from .html_out import landmarks, relocatable_404
from .typeset import cjk_punct

log = logging.getLogger("mkdocs.hooks.archive")


def _front_matter(path: Path) -> dict:
    return meta.parse(path.read_text(encoding="utf-8"))


def _title_of(path: Path) -> str | None:
    return _front_matter(path).get("title")


class ArchivePages:
    """The hooks' state: the build's Files (to find another page) and extra.source_url."""

    def __init__(self):
        self.files = None
        self.source_url = ""

    def on_config(self, config):
        settings.check(config)  # every extra.* setting of the site side, before any hook works
        self.source_url = settings.source_url(config)
        content = os.environ.get("JOURNAL_ARCHIVE_CONTENT")  # `make site JOURNAL=gjwtyj`: build/gjwtyj/content
        if content:
            config["docs_dir"] = str((Path(config.config_file_path or ".").parent / content).resolve())
        return _nav(config)

    def on_files(self, files, config):
        self.files = files
        return files

    def on_env(self, env, config, files):
        self.files = files
        install(env)
        return env

    def archive_page(self, src_uri, note: bool = True):
        """Another page of the site (its MkDocs Page), or None (noted for the incremental build: deps.py)."""
        if not src_uri or self.files is None:
            return None
        f = self.files.get_file_from_path(src_uri)
        found = f.page if f is not None else None
        if note:
            deps.page(src_uri, found)
        return found

    def source_href(self, src_uri: str) -> str:
        base = self.source_url
        return (base.rstrip("/") + "/" + src_uri) if base else src_uri

    def on_post_build(self, config):
        if self.files is None or self.source_url:
            return
        site = Path(config["site_dir"])
        for f in self.files.documentation_pages():
            if incremental.hooks.skipped(f.src_uri):  # kept by the incremental build, with its copy
                continue
            dest = site / f.src_uri
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f.abs_src_path, dest)


hooks = ArchivePages()


def _archive_page(src_uri):
    return hooks.archive_page(src_uri)


def _nav(config):
    """Navigation: home, one tab per journal archive, the indexes. Content is
    generated, so the nav is read from docs_dir unless mkdocs.yml sets one."""
    if config.get("nav"):
        return config
    docs = Path(config["docs_dir"])
    nav = []
    if (docs / layout.HOME).exists():
        nav.append({"首页": layout.HOME})
    index_pages = {page for page, _label in layout.INDEXES.values()} | {layout.INDEXES_HOME}
    for index in sorted(docs.glob(layout.journal_page("*"))):
        rel = index.relative_to(docs).as_posix()
        if rel in index_pages:
            continue
        nav.append({(_title_of(index) or index.parent.name): rel})
    indexes = [{label: page} for page, label in layout.INDEXES.values() if (docs / page).exists()]
    if indexes and (docs / layout.INDEXES_HOME).exists():
        indexes.insert(0, layout.INDEXES_HOME)  # the 索引 tab opens the overview, not the first index
    if indexes:
        nav.append({"索引": indexes})
    config["nav"] = nav or None
    return config


def _href_filter(key):
    """name -> URL of its entry in the `key` index (relative to the site root; pipe it through `url`)."""
    index_src = layout.index_page(key)

    def href(name):
        page = hooks.archive_page(index_src, note=False)
        anchors = (page.meta.get("anchors") if page is not None else None) or {}
        anchor = anchors.get(name, "")
        deps.anchor(index_src, name, anchor)
        return layout.url_of(index_src) + (f"#{anchor}" if anchor else "")

    return href


# Material's header shows its search box only with its own (lunr) search plugin, which is
# off: the archive's box (partials/search.html, Pagefind) takes that block's place. The
# header is Material's own file, patched when the build starts, never a copy that can drift.
_MATERIAL_SEARCH = re.compile(r'\{% if "material/search" in config\.plugins %\}.*?\{% endif %\}\s*\{% endif %\}', re.S)
# The phone's search button is a <button> (Material's is a <label>, which a keyboard cannot
# reach): search.js opens the box with it, and returns focus to it when Escape closes the box.
_ARCHIVE_SEARCH = """{#- journal-archive: the Pagefind search box (archive_site/pages/nav.py) -#}
    <button type="button" class="md-header__button md-icon ja-search-open" aria-label="搜索" data-ja-search-open>
      {% set icon = config.theme.icon.search or "material/magnify" %}
      {% include ".icons/" ~ icon ~ ".svg" %}
    </button>
    {% include "partials/search.html" %}"""


def header_source(env) -> str:
    """Material's partials/header.html with the archive's search box in its search block
    (and the page title escaped, _escape_titles)."""
    source, _filename, _uptodate = env.loader.get_source(env, "partials/header.html")
    patched, n = _MATERIAL_SEARCH.subn(lambda _m: _ARCHIVE_SEARCH, source, count=1)
    if n != 1:
        raise RuntimeError("Material's partials/header.html has no search block to put the archive's search box in "
                           "(mkdocs-material changed it): update archive_site/pages/nav.py")
    return _escape_titles("partials/header.html", patched)


# Material's Jinja environment does not autoescape, and its templates print page and nav
# titles as they are. A title is source text (a journal's name from its masthead, an
# article's title): each of these prints it escaped instead. Material's own files, patched
# when the build starts (like the header above); a Material without them fails loudly.
_TITLES = {
    "base.html": ("{{ page.meta.title }}", "{{ page.title | striptags }}"),  # <title>
    "partials/header.html": ("{{ page.meta.title }}", "{{ page.title }}"),  # the header's topic
    "partials/content.html": ("{{ page.title | d(config.site_name, true)}}",),  # the <h1> of a page without one
    "partials/nav-item.html": ("{{ nav_item.title }}",),
    "partials/tabs-item.html": ("{{ ref.title }}",),
}


def _escape_titles(name: str, source: str) -> str:
    for expr in _TITLES[name]:
        if expr not in source:
            raise RuntimeError(f"Material's {name} no longer prints {expr} (mkdocs-material changed it): "
                               "update archive_site/pages/nav.py _TITLES")
        # striptags would decode entities back into markup: a title is text, escaped as it is
        source = source.replace(expr, expr[:-2].replace(" | striptags", "").rstrip() + " | e }}")
    return source


def _patch_header(env) -> None:
    if getattr(env, "_archive_header", False):
        return
    patched = {name: _escape_titles(name, env.loader.get_source(env, name)[0]) for name in _TITLES}
    patched["partials/header.html"] = header_source(env)
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader(patched), env.loader])
    env._archive_header = True


def install(env) -> None:
    """The filters and globals above, into a Jinja env (MkDocs's, or pagefind.py's early one),
    and Material's header with the archive's search box."""
    _patch_header(env)
    for key in ("authors", "keywords", "sections"):
        env.filters[f"{key[:-1]}_href"] = _href_filter(key)
    env.filters["issue_label"] = lambda m: layout.issue_label(m.get("year"), m.get("issue"))
    env.filters["number_label"] = layout.number_label
    env.filters["total_label"] = layout.total_label
    env.filters["pages_label"] = lambda m: layout.pages_label(m.get("first_page"), m.get("last_page"))
    env.filters["cjk"] = cjk_punct
    env.filters["page_url"] = layout.url_of  # a content path in the front matter (prev/next, cited_by, related) -> its URL
    env.globals["archive_page"] = _archive_page
    env.globals["journal_page_of"] = lambda src: _archive_page(layout.journal_page(layout.journal_of(src)))
    env.globals["issue_page_of"] = lambda src: _archive_page(layout.issue_page(layout.folder_of(src)))
    env.globals["year_page"] = lambda year: _archive_page(layout.year_page(year)) if year else None
    env.globals["source_href"] = hooks.source_href
    env.filters["page_anchor"] = layout.page_anchor


def on_page_markdown(markdown, page, config, files):
    """Every page's front matter is checked against the schema (generator/meta.py): a
    page it does not describe is a warning, so `mkdocs build --strict` fails on it.
    Reading pages (issue, article, document), the home page and the journal archives use
    the full width on desktop: the site nav stays in the tabs and in the mobile drawer."""
    for error in meta.check(page.meta, page.file.src_uri):
        log.warning("front matter: %s", error)
    if not hooks.source_url:  # the Markdown copy nav.on_post_build writes (archive_site/incremental.py's sweep)
        incremental.hooks.add_output(page.file.src_uri, page.file.src_uri)
    if page.meta.get("kind") in ("article", "issue", "document", "back-matter", "home", "journal"):
        hide = list(page.meta.get("hide") or [])
        if "navigation" not in hide:
            page.meta["hide"] = [*hide, "navigation"]
    return markdown


def _journal_tab(page):
    """The journal archive page an issue, article or back-matter page belongs to (its tab)."""
    if not page.meta.get("journal") or page.meta.get("kind") not in ("article", "issue", "back-matter"):
        return None
    jp = _archive_page(layout.journal_page(layout.journal_of(page.file.src_uri)))
    return jp if jp is not None and jp is not page else None


def on_page_context(context, page, config, nav):
    """Issue and article pages are not in the nav: their journal's tab is highlighted."""
    jp = _journal_tab(page)
    if jp is not None:
        jp.active = True
    return context


_SKIP = re.compile(r'(<a href=")[^"]*(" class="md-skip">)')
def on_post_page(output, page, config):
    jp = _journal_tab(page)
    if jp is not None:
        jp.active = False
    # the skip link lands on the page's title (Material's goes to the first heading of the
    # text, past an article's authors and abstract); Material's own <h1> (issue pages) gets the id
    if 'id="ja-title"' not in output:
        output = output.replace("<h1>", '<h1 id="ja-title" tabindex="-1">', 1)
    if 'id="ja-title"' in output:
        output = _SKIP.sub(r"\1#ja-title\2", output, count=1)
    return landmarks(output)


def on_post_template(output, template_name, config):
    if template_name == "404.html":
        output = relocatable_404(output, config.get("site_url"))
    return landmarks(output)


on_config, on_files, on_env, on_post_build = hooks.on_config, hooks.on_files, hooks.on_env, hooks.on_post_build
