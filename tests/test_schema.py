"""The front-matter schema (generator/meta.py) is the contract: every page the
converter writes keeps it, the writers cannot write outside it, and the site
build fails on a page that breaks it."""

import logging
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator import meta
from generator.build import build_pages
from generator.load import source_files

ROOT = Path(__file__).resolve().parent.parent


def test_every_generated_page_keeps_the_schema():
    pages, _issues, _diags, errors = build_pages(source_files(ROOT / "sources"))
    assert not errors
    kinds = set()
    for path, text in pages.items():
        m = meta.parse(text)
        assert meta.check(m, path) == []
        kinds.add(m["kind"])
    assert kinds == set(meta.SCHEMAS), "the samples exercise every page kind"


def test_fixture_pages_keep_the_schema():
    from regen_golden import FIXTURES, render_fixture

    for src in sorted(FIXTURES.glob("*/*.txt")):
        for chunk in render_fixture(src).split("==> ")[1:]:
            head, _, text = chunk.partition(" <==\n")
            if head.endswith(".md"):
                assert meta.check(meta.parse(text), f"{src.name}:{head}") == []


def test_a_writer_cannot_write_outside_the_schema():
    with pytest.raises(meta.SchemaError, match="unknown key"):
        meta.dump("issue", {"source": "x.txt", "template": "issue.html", "title": "t", "volume": 3})
    with pytest.raises(meta.SchemaError, match="'title' is required"):
        meta.dump("home", {})
    with pytest.raises(meta.SchemaError, match="'year' should be int"):
        meta.dump("index", {"index": "years", "title": "t", "year": "2025"})


def test_check_names_what_is_wrong():
    good = meta.parse((ROOT / "content" / "gjwtyj" / "2025" / "06" / "p022.md").read_text(encoding="utf-8"))
    assert meta.check(good) == []
    assert meta.check({**good, "kind": "poem"}) == ["front matter: unknown kind 'poem'"]
    bad = {**good, "first_page": "22", "authors": [{"name": "曾向红", "email": "x"}]}
    errors = meta.check(bad, "p022.md")
    assert "p022.md: 'first_page' should be int, not str" in errors
    assert "p022.md: authors[0]: unknown key 'email'" in errors
    missing = dict(good)
    del missing["abstract"]
    assert meta.check(missing) == ["front matter: 'abstract' is missing (write null when unknown)"]


def test_the_site_build_warns_on_a_page_outside_the_schema(caplog):
    """mkdocs build --strict turns the hook's warning into a failed build."""
    from archive_site.pages import nav

    page = SimpleNamespace(meta={"kind": "article", "source": "x.txt"}, file=SimpleNamespace(src_uri="x/p001.md"))
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.archive"):
        nav.on_page_markdown("", page, {}, None)
    assert any("x/p001.md: 'title' is required" in r.message for r in caplog.records)


def test_the_header_is_materials_own_with_the_archive_search_box():
    """No forked copy of Material's header: the search block of the installed Material's
    partials/header.html is replaced when the build starts; a Material without that
    block fails loudly instead of silently losing the search box."""
    import jinja2
    import material

    from archive_site.pages import nav

    assert not (ROOT / "theme" / "partials" / "header.html").exists()
    templates = Path(material.__file__).parent / "templates"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(ROOT / "theme"), str(templates)]))
    patched = nav.header_source(env)
    assert 'include "partials/search.html"' in patched and '"material/search" in config.plugins' not in patched
    assert patched.count("\n") >= (templates / "partials" / "header.html").read_text(encoding="utf-8").count("\n") - 12
    broken = jinja2.Environment(loader=jinja2.DictLoader({"partials/header.html": "<header></header>"}))
    with pytest.raises(RuntimeError, match="no search block"):
        nav.header_source(broken)
