"""The doors for libraries and indexers (issue 23), checked with clients the site's authors did
not write: the official schemas (tests/schemas: OAI Static Repository, oai_dc, Crossref 5.3.1,
DOAJ), the JATS 1.3 DTD, citation-js (npm) and rispy importing the RIS and BibTeX downloads,
extruct reading the JSON-LD, feedparser. The sample content is built a second time with a
publisher's settings: a licence, a Crossref prefix, an OAI gateway."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import bibtexparser
import extruct
import pytest
import rispy
import yaml
from bs4 import BeautifulSoup
from lxml import etree

from archive_site.config import ScholarlyConfig, section
from archive_site.scholarly import oai
from archive_site.scholarly.crossref import deposit
from archive_site.scholarly.harvest import record
from archive_site.scholarly.rights import Rights
from schema_check import JATS_NS, errors, schema
from test_jats import DTD_FILE
from test_scholarly import SITE_URL, html_path, pages_of, url_of

ROOT = Path(__file__).resolve().parents[1]
NODE_IMPORT = ROOT / "tests" / "js" / "citation_import.cjs"
LICENCE = "https://creativecommons.org/licenses/by-nc/4.0/"
PREFIX = "10.99999"  # no publisher's: a test prefix
GATEWAY = "https://gateway.example.org/oai"
OAI_NS = {"sr": oai.SR, "oai": oai.OAI, "dc": oai.DC, "oai_dc": oai.OAI_DC, "j": JATS_NS}
CR_NS = {"cr": "http://www.crossref.org/schema/5.3.1", "jats": "http://www.ncbi.nlm.nih.gov/JATS1", "ai": "http://www.crossref.org/AccessIndicators.xsd"}


@pytest.fixture(scope="module")
def dtd():
    return etree.DTD(str(DTD_FILE))


def _mkdocs(content: Path, site: Path, scholarly: dict, tmp: Path) -> subprocess.CompletedProcess:
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg.update(docs_dir=str(content), site_dir=str(site))
    cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"]["custom_dir"])
    cfg["hooks"] = [str(ROOT / h) for h in cfg["hooks"]]
    cfg["extra"]["scholarly"].update(scholarly)
    conf = tmp / f"mkdocs-{site.name}.yml"
    conf.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, "JOURNAL_ARCHIVE_SEARCH": "0"}
    proc = subprocess.run([str(mkdocs), "build", "--strict", "--config-file", str(conf)], cwd=ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.fixture(scope="module")
def doors(built, tmp_path_factory):
    """(content, site, deposits) of the sample content built with a publisher's settings."""
    content, _ = built
    tmp = tmp_path_factory.mktemp("doors")
    deposits = tmp / "deposits"
    proc = _mkdocs(content, tmp / "site", {"rights": LICENCE, "deposits": str(deposits),
                                           "doi": {"prefix": PREFIX, "email": "deposits@example.org"},
                                           "oai": {"gateway": GATEWAY, "admin_email": "oai@example.org"}}, tmp)
    assert "extra.scholarly.rights is not set" not in proc.stderr
    return content, tmp / "site", deposits


def _doi(src: str, m: dict) -> str:
    return f"{PREFIX}/{src.split('/')[0]}.{m['year']}.{m['issue']:02d}.{m['first_page']:03d}"


# --------------------------------------------------------------------------- OAI-PMH


def test_oai_static_repository_per_journal_is_valid(doors, dtd):
    content, site, _ = doors
    articles = pages_of(content, "article")
    journals = {src.split("/")[0] for src in articles}
    assert sorted(p.name for p in (site / "oai").iterdir()) == sorted(f"{j}.xml" for j in journals)
    seen = set()
    for j in journals:
        tree = etree.parse(str(site / "oai" / f"{j}.xml"))
        assert errors(schema("static-repository"), tree) == []
        # the restricted OAI-PMH schema of the guidelines (A1.2), rule by rule
        assert tree.find(".//oai:resumptionToken", OAI_NS) is None and tree.find(".//oai:compression", OAI_NS) is None
        assert tree.findtext(".//oai:granularity", namespaces=OAI_NS) == "YYYY-MM-DD"
        assert tree.findtext(".//oai:deletedRecord", namespaces=OAI_NS) == "no"
        assert tree.find(".//oai:setSpec", OAI_NS) is None and tree.find(".//oai:header[@status]", OAI_NS) is None
        records = tree.findall(".//oai:record", OAI_NS)
        assert all(r.find("oai:header", OAI_NS) is not None and r.find("oai:metadata", OAI_NS) is not None for r in records)
        assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.text) for d in tree.iterfind(".//oai:datestamp", OAI_NS))
        # baseURL: the gateway, "/", the file's URL without its scheme
        assert tree.findtext(".//oai:baseURL", namespaces=OAI_NS) == f"{GATEWAY}/{SITE_URL.split('://')[1]}oai/{j}.xml"
        lists = {lr.get("metadataPrefix"): lr for lr in tree.getroot().findall("sr:ListRecords", OAI_NS)}
        assert set(lists) == {"oai_dc", "jats"}
        for dc in lists["oai_dc"].iterfind(".//oai_dc:dc", OAI_NS):
            assert errors(schema("oai_dc"), etree.ElementTree(dc)) == []
            url = next(i.text for i in dc.iterfind("dc:identifier", OAI_NS) if i.text.startswith(SITE_URL))
            src = url[len(SITE_URL):].rstrip("/") + ".md"
            m = articles[src]
            seen.add(src)
            assert [t.text for t in dc.iterfind("dc:title", OAI_NS)] == [m["title"]] + ([m["title_en"]] if m.get("title_en") else [])
            assert [c.text for c in dc.iterfind("dc:creator", OAI_NS)] == [a["name"] for a in m["authors"]]
            assert dc.findtext("dc:rights", namespaces=OAI_NS) == LICENCE
            assert f"https://doi.org/{_doi(src, m)}" in [i.text for i in dc.iterfind("dc:identifier", OAI_NS)]
        for art in lists["jats"].iterfind(".//j:article", OAI_NS):  # the JATS full record: valid JATS 1.3 once out of its namespace
            art = etree.fromstring(etree.tostring(art))  # a document of its own (ids are per document)
            for e in art.iter():
                e.tag = etree.QName(e).localname
            etree.cleanup_namespaces(art)
            assert dtd.validate(art), dtd.error_log.filter_from_errors()
            assert art.findtext(".//article-id[@pub-id-type='doi']").startswith(PREFIX + "/")
            assert art.find(".//license").get("{http://www.w3.org/1999/xlink}href") == LICENCE
    assert seen == set(articles)


def test_oai_splits_a_journal_over_the_limit(doors, tmp_path):
    content, _, _ = doors
    from datetime import date

    recs = [record(m, src, url_of(src), None, date(2025, 1, 1)) for src, m in pages_of(content, "article").items() if src.startswith("gjwtyj")]
    settings = section({"extra": {"scholarly": {"oai": {"gateway": GATEWAY, "admin_email": "a@example.org", "max_records": 4}}}},
                       "scholarly", ScholarlyConfig)
    config = {"site_url": SITE_URL, "site_name": "期刊档案"}
    paths = oai.write(tmp_path, "gjwtyj", sorted(recs, key=lambda r: r["meta"]["first_page"]), settings, config, None, lambda m: None)
    parts = -(-len(recs) // 4)  # the test site's journal may hold more than the sample's seven articles
    assert len(recs) > 4 and [p.name for p in paths] == [f"gjwtyj-{k + 1}.xml" for k in range(parts)]
    ids = []
    for p in paths:
        tree = etree.parse(str(p))
        assert errors(schema("static-repository"), tree) == []
        ids.append([h.text for h in tree.iterfind(".//sr:ListRecords[@metadataPrefix='oai_dc']//oai:identifier", OAI_NS)])
    every = sum(ids, [])
    assert [len(x) for x in ids] == [min(4, len(recs) - 4 * k) for k in range(parts)] and every == sorted(every, key=lambda i: int(i[-3:]))


# --------------------------------------------------------------------------- DOIs, Crossref, DOAJ


def test_crossref_deposit_per_issue_is_valid(doors):
    content, _, deposits = doors
    articles = pages_of(content, "article")
    issues = {src.rsplit("/", 1)[0] for src in articles}
    assert sorted(p.name for p in (deposits / "crossref").iterdir()) == sorted(f"{i.replace('/', '-')}.xml" for i in issues)
    for folder in issues:
        tree = etree.parse(str(deposits / "crossref" / f"{folder.replace('/', '-')}.xml"))
        assert errors(schema("crossref"), tree) == []
        arts = tree.findall(".//cr:journal_article", CR_NS)
        mine = {s: m for s, m in articles.items() if s.startswith(folder + "/")}
        assert [a.findtext("cr:doi_data/cr:doi", namespaces=CR_NS) for a in arts] == \
            [_doi(s, m) for s, m in sorted(mine.items(), key=lambda x: x[1]["first_page"])]
        for a, (src, m) in zip(arts, sorted(mine.items(), key=lambda x: x[1]["first_page"])):
            assert a.findtext("cr:doi_data/cr:resource", namespaces=CR_NS) == url_of(src)
            assert [t.text for t in a.iterfind("cr:titles/cr:title", CR_NS)] == [m["title"]] + ([m["title_en"]] if m.get("title_en") else [])
            people = a.findall("cr:contributors/cr:person_name", CR_NS)
            assert [p.findtext("cr:surname", namespaces=CR_NS) + p.findtext("cr:given_name", namespaces=CR_NS) for p in people] == \
                [x["name"] for x in m["authors"]]
            assert all(p.find("cr:alt-name/cr:name/cr:surname", CR_NS).text.isascii() for p in people)  # the pinyin
            assert [x.text for x in a.iterfind(".//cr:institution_name", CR_NS)]  # institutions, from the bio
            assert a.findtext("cr:pages/cr:first_page", namespaces=CR_NS) == str(m["first_page"])
            langs = [ab.get("{http://www.w3.org/XML/1998/namespace}lang") for ab in a.iterfind("jats:abstract", CR_NS)]
            assert langs == ["zh"] + (["en"] if m.get("abstract_en") else [])
            assert a.findtext("ai:program/ai:license_ref", namespaces=CR_NS) == LICENCE


def test_crossref_citation_list_from_parsed_references(doors):
    """The front matter's parsed references (issue 21) are the deposit's citation_list: each with its
    printed text, an article's fields as Crossref's; a pointer (同上, a short form) left out."""
    content, _, deposits = doors
    for f in (deposits / "crossref").iterdir():
        tree = etree.parse(str(f))
        for art in tree.iterfind(".//cr:journal_article", CR_NS):
            src = art.findtext("cr:doi_data/cr:resource", namespaces=CR_NS)[len(SITE_URL):].rstrip("/") + ".md"
            refs = [r for r in pages_of(content, "article")[src]["references"] if not r.get("same_as")]
            cites = art.findall("cr:citation_list/cr:citation", CR_NS)
            assert len(cites) == len(refs) and refs, src
            for c, r in zip(cites, refs):
                assert c.findtext("cr:unstructured_citation", namespaces=CR_NS) == r["raw"].replace("*", "").replace("&lt;", "<")
                if r["kind"] == "article" and r.get("container"):
                    assert c.findtext("cr:journal_title", namespaces=CR_NS) == r["container"].replace("&lt;", "<")
    from datetime import date

    src, m = next(iter(pages_of(content, "article").items()))
    refs = [{"note": 1, "raw": "周英：《习近平国际组织外交思想评析》，《现代国际关系》2023年第8期，第25页", "kind": "article", "authors": ["周英"],
             "title": "习近平国际组织外交思想评析", "container": "现代国际关系", "issue": "8", "year": 2023, "pages": "25"},
            {"note": 2, "raw": "同上。", "kind": "other", "pointer": "ibid", "same_as": [1, 0]},
            {"note": 3, "raw": "Jerome Roos, *Why Not Default?*, Princeton University Press, 2019.", "kind": "book", "title": "Why Not Default?",
             "year": 2019}]
    rec = record({**m, "references": refs}, src, url_of(src), _doi(src, m), date(2025, 11, 15))
    tree = etree.fromstring(deposit([rec], batch_id="test-1", depositor="期刊档案", email="d@example.org", registrant="期刊档案", rights=None))
    assert errors(schema("crossref"), tree) == []
    cites = tree.findall(".//cr:citation", CR_NS)
    assert [c.findtext("cr:unstructured_citation", namespaces=CR_NS) for c in cites] == [refs[0]["raw"], "Jerome Roos, Why Not Default?, Princeton University Press, 2019."]
    assert [cites[0].findtext(f"cr:{t}", namespaces=CR_NS) for t in ("journal_title", "article_title", "issue", "first_page", "cYear", "author")] == \
        ["现代国际关系", "习近平国际组织外交思想评析", "8", "25", "2023", "周英"]
    assert cites[1].findtext("cr:volume_title", namespaces=CR_NS) == "Why Not Default?"


def test_doaj_article_xml_per_issue_is_valid(doors):
    content, _, deposits = doors
    articles = pages_of(content, "article")
    files = sorted((deposits / "doaj").iterdir())
    assert files
    listed = []
    for f in files:
        tree = etree.parse(str(f))
        assert errors(schema("doaj"), tree) == []
        for r in tree.iterfind("record"):
            listed.append(r.findtext("fullTextUrl"))
            assert r.findtext("language") == "chi" and r.findtext("doi").startswith(PREFIX)
            assert [t.get("language") for t in r.iterfind("title")][0] == "chi"
    assert sorted(listed) == sorted(url_of(s) for s in articles)


def test_doi_everywhere_and_nowhere_without_a_prefix(doors, built):
    content, site, _ = doors
    for src, m in pages_of(content, "article").items():
        doi = _doi(src, m)
        html = html_path(site, src).read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html.parser")
        assert page.find("meta", attrs={"name": "citation_doi"})["content"] == doi
        assert page.find("link", rel="cite-as")["href"] == f"https://doi.org/{doi}"
        assert page.select_one(".ja-cite-doi a")["href"] == f"https://doi.org/{doi}"  # on the page, under How to cite
        ld = [d for d in extruct.extract(html, base_url=url_of(src), syntaxes=["json-ld"], uniform=True)["json-ld"]
              if d.get("@type") == "ScholarlyArticle"][0]
        assert ld["sameAs"] == f"https://doi.org/{doi}" and ld["identifier"]["value"] == doi
        base = site / src[:-3]
        assert rispy.loads(base.with_suffix(".ris").read_text(encoding="utf-8"))[0]["doi"] == doi
        assert bibtexparser.parse_string(base.with_suffix(".bib").read_text(encoding="utf-8")).entries[0]["doi"] == doi
        assert json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))[0]["DOI"] == doi
        assert etree.parse(str(base.with_suffix(".xml"))).findtext(".//article-id[@pub-id-type='doi']") == doi
    # the sample site sets no prefix: no page, download or head claims a DOI
    content, plain = built
    for src in pages_of(content, "article"):
        base = plain / src[:-3]
        texts = [html_path(plain, src).read_text(encoding="utf-8")] + [base.with_suffix(s).read_text(encoding="utf-8") for s in (".ris", ".bib", ".json", ".xml")]
        assert not any(re.search(r"citation_doi|doi\.org|\bDO  - |\bdoi = |\"DOI\"|pub-id-type=\"doi\"", t) for t in texts), src


# --------------------------------------------------------------------------- rights, signposting, JSON-LD


def test_rights_wherever_they_are_carried(doors):
    content, site, _ = doors
    for src in pages_of(content, "article"):
        html = html_path(site, src).read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html.parser")
        assert page.select_one(".md-footer .ja-rights a[rel=license]")["href"] == LICENCE
        assert "CC BY-NC 4.0" in page.select_one(".ja-rights").get_text()
        assert page.find("link", rel="license")["href"] == LICENCE
        ld = [d for d in extruct.extract(html, base_url=url_of(src), syntaxes=["json-ld"], uniform=True)["json-ld"]
              if d.get("@type") == "ScholarlyArticle"][0]
        assert ld["license"] == LICENCE
        bib = bibtexparser.parse_string((site / (src[:-3] + ".bib")).read_text(encoding="utf-8")).entries[0]
        assert LICENCE in bib["copyright"]
    assert "CC BY-NC 4.0" in (site / "feed.xml").read_text(encoding="utf-8")


def test_rights_unset_is_said_on_stderr_and_the_strict_build_passes(built, tmp_path):
    content, _ = built
    proc = _mkdocs(content, tmp_path / "site", {"deposits": str(tmp_path / "deposits")}, tmp_path)
    assert proc.stderr.count("extra.scholarly.rights is not set") == 1
    page = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one(".ja-rights") is None and page.find("link", rel="license") is None  # nothing made up
    assert not (tmp_path / "site" / "oai").exists() and not (tmp_path / "deposits" / "crossref").exists()


def test_signposting_links(doors):
    content, site, _ = doors
    for src, m in {**pages_of(content, "article"), **pages_of(content, "document")}.items():
        page = BeautifulSoup(html_path(site, src).read_text(encoding="utf-8"), "html.parser")
        links = [(" ".join(link["rel"]), link["href"], link.get("type")) for link in page.find_all("link") if link.get("rel")]
        rels = {}
        for rel, href, typ in links:
            rels.setdefault(rel, []).append((href, typ))
        assert all(h.startswith("https://") for r in ("cite-as", "describedby", "item", "license", "type") for h, _ in rels[r])
        described = {t for _, t in rels["describedby"]}
        want = {"application/x-research-info-systems", "application/x-bibtex", "application/vnd.citationstyles.csl+json"}
        assert described == want | ({"application/jats+xml"} if m["kind"] == "article" else set())
        for href, _ in rels["describedby"] + rels["item"]:
            assert (site / href[len(SITE_URL):]).exists(), href
        assert rels["license"] == [(LICENCE, None)]
        kind = "ScholarlyArticle" if m["kind"] == "article" else "CreativeWork"
        assert {h for h, _ in rels["type"]} == {f"https://schema.org/{kind}", "https://schema.org/AboutPage"}
        assert len(rels["cite-as"]) == 1 and "author" not in rels  # no ORCID in the samples
        xml_url = page.find("meta", attrs={"name": "citation_xml_url"})
        if m["kind"] == "article":
            assert xml_url["content"] == url_of(src).rstrip("/") + ".xml"  # absolute, as the other citation_*_url


def test_jsonld_publisher_licence_abstract_with_extruct(doors):
    content, site, _ = doors
    for src, m in pages_of(content, "article").items():
        html = html_path(site, src).read_text(encoding="utf-8")
        ld = [d for d in extruct.extract(html, base_url=url_of(src), syntaxes=["json-ld"], uniform=True)["json-ld"]
              if d.get("@type") == "ScholarlyArticle"][0]
        assert ld["abstract"] == m["abstract"] and ld["license"] == LICENCE
        expected = "中国国际问题研究院" if m["journal"] == "国际问题研究" else "期刊档案"  # journals.yml, else the site
        assert ld["publisher"]["name"] == expected
        assert ld["isPartOf"]["isPartOf"]["url"] == SITE_URL + src.split("/")[0] + "/"
        roles = [a.get("jobTitle") for a in ld["author"]]
        assert all(r is None or isinstance(r, str) or len(set(r)) == len(r) for r in roles), "each role once"


# --------------------------------------------------------------------------- reference managers


def _citation_js(ris: list[str], bib: list[str]) -> dict:
    node = shutil.which("node")
    assert node and (ROOT / "node_modules" / "@citation-js" / "plugin-ris").is_dir(), "run `npm ci` (package.json lists @citation-js)"
    out = subprocess.run([node, str(NODE_IMPORT)], input=json.dumps({"ris": ris, "bibtex": bib}), capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_ris_and_bibtex_import_with_citation_js_and_rispy(built):
    content, site = built
    articles = pages_of(content, "article")
    ris = [(site / (s[:-3] + ".ris")).read_text(encoding="utf-8") for s in articles]
    bib = [(site / (s[:-3] + ".bib")).read_text(encoding="utf-8") for s in articles]
    got = _citation_js(ris, bib)
    for (src, m), r_items, b_items, r_text in zip(articles.items(), got["ris"], got["bibtex"], ris):
        names = [{"family": a["name"][0], "given": a["name"][1:]} for a in m["authors"]]
        for item in (r_items[0], b_items[0]):
            assert item["title"] == m["title"], (src, item)  # the Chinese title as the title, not the English one
            assert [{k: n[k] for k in ("family", "given")} for n in item["author"]] == names
            assert item["container-title"] == m["journal"]
        assert "original-title" not in r_items[0]
        r = rispy.loads(r_text)[0]
        assert r["title"] == m["title"] and r["authors"] == [f"{n['family']}, {n['given']}" for n in names]


# --------------------------------------------------------------------------- settings


@pytest.mark.parametrize("bad, says", [
    ({"doi": {"prefix": "11.1234", "email": "a@b.org"}}, "prefix"),
    ({"doi": {"prefix": "10.1234", "pattern": "{volume}", "email": "a@b.org"}}, "pattern"),
    ({"doi": {"prefix": "10.1234", "pattern": "{journal}/{year} {issue}", "email": "a@b.org"}}, "pattern"),
    ({"doi": {"prefix": "10.1234"}}, "email"),
    ({"oai": {"gateway": GATEWAY}}, "admin_email"),
    ({"rights": ""}, "rights"),
    ({"rights": "https://example.org/my licence"}, "rights"),
])
def test_doors_settings_are_checked_at_load(bad, says):
    from mkdocs.exceptions import ConfigurationError

    with pytest.raises(ConfigurationError, match=says):
        section({"extra": {"scholarly": bad}}, "scholarly", ScholarlyConfig)


def test_rights_names_a_creative_commons_licence():
    assert Rights.of("https://creativecommons.org/licenses/by-nc/4.0/legalcode.zh-hans") == Rights(LICENCE, "CC BY-NC 4.0")
    assert Rights.of("http://creativecommons.org/licenses/by/4.0") == Rights("https://creativecommons.org/licenses/by/4.0/", "CC BY 4.0")
    assert Rights.of("https://creativecommons.org/publicdomain/zero/1.0/").text == "CC0 1.0"
    assert Rights.of("版权所有 © 国际问题研究编辑部，未经许可不得转载") == Rights(None, "版权所有 © 国际问题研究编辑部，未经许可不得转载")
    assert Rights.of(None) is None
