"""The citation network as a reader meets it: an issue whose note cites an article
of the sample issue (tests/fixtures/references/cites_sample.txt), built with the
samples into a site (mkdocs build --strict, no search index). The note links to
the cited article's page, that page lists the citing note (引证文献, linked to the
note itself) and counts it, and the 引证排行 page ranks it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "references" / "cites_sample.txt"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("network-site")
    sources = tmp / "sources"
    sources.mkdir()
    for src in [*sorted((ROOT / "sources").glob("*.txt")), FIXTURE]:
        shutil.copy(src, sources / src.name)
    content, site = tmp / "content", tmp / "site"
    subprocess.run([sys.executable, "-m", "generator", "build", "--sources", str(sources), "--content", str(content)],
                   cwd=ROOT, check=True, capture_output=True, text=True)
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg.update(docs_dir=str(content), site_dir=str(site), hooks=[str(ROOT / h) for h in cfg.get("hooks", [])])
    cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"]["custom_dir"])
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(tmp / "mkdocs.yml")],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "JOURNAL_ARCHIVE_SEARCH": "0"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    return site


def _page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def _resolve(site: Path, page_url: str, href: str) -> tuple[Path, str]:
    path, _, fragment = href.partition("#")
    return (site / page_url / path / "index.html").resolve(), fragment


def test_note_links_to_the_cited_article_and_back(site):
    citing = _page(site, "gjwtyj/2026/01/p001")
    note = citing.select_one('.footnote li[id="fn:1"]')
    link = next(a for a in note.select("a") if a.get_text().startswith("→"))
    assert link.get_text() == "→ 本刊 2025 年第 6 期"
    target, _ = _resolve(site, "gjwtyj/2026/01/p001", link["href"])
    assert target == (site / "gjwtyj/2025/06/p022/index.html").resolve()

    cited = _page(site, "gjwtyj/2025/06/p022")
    assert "被本库 1 篇文章引用" in cited.select_one(".ja-counts").get_text()
    assert cited.select_one(".ja-counts a")["href"] == "#ja-cited" and cited.select_one("#ja-cited")
    items = cited.select(".ja-cited-by li")
    assert [li.select_one("a").get_text() for li in items] == ["上海合作组织与全球治理的新阶段"] * 2
    back, fragment = _resolve(site, "gjwtyj/2025/06/p022", items[0].select_one(".ja-cited-note")["href"])
    assert back == (site / "gjwtyj/2026/01/p001/index.html").resolve() and fragment == "fn:1"
    assert BeautifulSoup(back.read_text(encoding="utf-8"), "html.parser").find(id=fragment) is not None
    assert items[0].select_one(".ja-cited-text").get_text().startswith("曾向红、张宇：《相互成就")


def test_an_uncited_article_shows_its_reference_count_only(site):
    page = _page(site, "gjwtyj/2025/06/p042")
    assert page.select_one(".ja-counts").get_text().strip().startswith("参考文献")
    assert page.select_one(".ja-cited-by") is None


def test_most_cited_page(site):
    page = _page(site, "cited")
    text = page.select_one("article").get_text()
    assert "相互成就：上海合作组织与四大全球倡议" in text and "被引 1 次" in text
