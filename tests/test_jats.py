"""JATS 1.3 Archiving XML per article (archive_site/scholarly/jats.py), validated against the
official JATS 1.3 Archiving and Interchange DTD (with MathML3) as NCBI/NLM publishes
it, shipped unmodified by Biopython (Bio/Entrez/DTDs; public domain, see the
notice at the head of each DTD module)."""

from __future__ import annotations

from pathlib import Path

import Bio
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from archive_site.cite.affiliation import institutions
from archive_site.scholarly.jats import article_xml

from test_scholarly import html_path, local, pages_of

DTD_FILE = Path(Bio.__file__).parent / "Entrez" / "DTDs" / "JATS-archivearticle1-3-mathml3.dtd"


@pytest.fixture(scope="module")
def dtd():
    assert DTD_FILE.exists(), DTD_FILE
    return etree.DTD(str(DTD_FILE))


def test_every_article_has_valid_jats(built, dtd):
    content, site = built
    for src, m in pages_of(content, "article").items():
        page = BeautifulSoup(html_path(site, src).read_text(encoding="utf-8"), "html.parser")
        link = page.select_one('.ja-cite-downloads a[type="application/jats+xml"]')
        assert link is not None, src
        doc = etree.parse(str(local(site, src, link["href"])))
        assert dtd.validate(doc), (src, str(dtd.error_log.filter_from_errors())[:2000])
        root = doc.getroot()
        assert root.get("dtd-version") == "1.3"
        assert root.findtext("front/article-meta/title-group/article-title") == m["title"]
        assert root.findtext("front/journal-meta/journal-title-group/journal-title") == m["journal"]
        assert root.findtext("front/article-meta/fpage") == str(m["first_page"])
        names = ["".join(n.itertext()).strip() for n in root.iterfind("front/article-meta/contrib-group/contrib/name-alternatives/name[@name-style='eastern']")]
        assert ["".join(x.split()) for x in names] == [a["name"] for a in m["authors"]]
        insts = [a.findtext("institution") for a in root.iterfind("front/article-meta/contrib-group/aff")]
        assert insts == list(dict.fromkeys(i for a in m["authors"] for i in institutions(a.get("affiliation"))))
        # body: sections from the headings; footnotes as <fn>, every reference resolved
        assert root.findall("body/sec"), src
        fns = {fn.get("id") for fn in root.iter("fn")}
        refs = {x.get("rid") for x in root.iter("xref") if x.get("ref-type") == "fn"}
        assert fns and refs <= fns, src
        assert "¶" not in "".join(root.find("body").itertext())
        n_notes = len(page.select(".footnote li"))
        assert len(fns) == n_notes
        # the references the notes hold: <ref-list>, printed text and parsed fields; each note points to its refs
        refs = root.findall("back/ref-list/ref")
        assert len(refs) == len(m["references"]) > 0, src
        for ref, r in zip(refs, m["references"]):
            assert ref.findtext("mixed-citation") == r["raw"].replace("&lt;", "<")
            assert ref.find("element-citation") is not None
        ids = {ref.get("id") for ref in refs}
        bibr = [x.get("rid") for x in root.iter("xref") if x.get("ref-type") == "bibr"]
        assert sorted(bibr) == sorted(ids), src


def test_dtd_rejects_a_broken_article(dtd):
    """The validation has teeth: a section after the back matter, an unknown element."""
    meta = {"kind": "article", "title": "T", "journal": "J", "year": 2025, "issue": 1, "first_page": 1, "last_page": 2,
            "authors": [{"name": "张宇", "affiliation": "兰州大学政治与国际关系学院博士研究生"}]}
    good = etree.fromstring(article_xml(meta, "<h2>一</h2><p>x<sup id='fnref:1'><a class='footnote-ref' href='#fn:1'>1</a></sup></p>"
                                              "<div class='footnote'><hr><ol><li id='fn:1'><p>n</p></li></ol></div>", None, "t/1"))
    assert dtd.validate(good), dtd.error_log
    bad = etree.fromstring(etree.tostring(good))
    etree.SubElement(bad.find("body"), "sec-x")
    assert not dtd.validate(bad)


def test_jats_shipped_compressed(tmp_path, dtd):
    """extra.scholarly.jats: gzip (a large archive): <name>.xml.gz, the same valid JATS,
    linked as what it is; another value stops the build."""
    import gzip
    from types import SimpleNamespace

    from mkdocs.exceptions import ConfigurationError

    from archive_site.config import ScholarlyConfig, section
    from archive_site.scholarly.hook import Scholarly

    scholarly = Scholarly()
    scholarly.settings = section({"extra": {"scholarly": {"jats": "gzip"}}}, "scholarly", ScholarlyConfig)
    downloads = scholarly.downloads("gjwtyj/2025/06/p022", True)
    jats = [d for d in downloads if d.get("format") == "jats"]
    assert [(d["href"], d["type"], d["ext"]) for d in jats] == [("gjwtyj/2025/06/p022.xml.gz", "application/gzip", "xml.gz")]
    meta = {"kind": "article", "title": "T", "journal": "J", "year": 2025, "issue": 1, "first_page": 1, "last_page": 2,
            "authors": [{"name": "张宇", "affiliation": "兰州大学政治与国际关系学院博士研究生"}], "scholarly": {}}
    page = SimpleNamespace(meta=meta, file=SimpleNamespace(src_uri="gjwtyj/2025/06/p022.md"), canonical_url=None)
    html = "<h2>一</h2><p>x<sup id='fnref:1'><a class='footnote-ref' href='#fn:1'>1</a></sup></p><div class='footnote'><hr><ol><li id='fn:1'><p>n</p></li></ol></div>"
    scholarly.on_page_content(html, page, {"site_dir": str(tmp_path)}, None)
    assert not (tmp_path / "gjwtyj/2025/06/p022.xml").exists()
    doc = etree.fromstring(gzip.decompress((tmp_path / "gjwtyj/2025/06/p022.xml.gz").read_bytes()))
    assert dtd.validate(doc), dtd.error_log
    with pytest.raises(ConfigurationError, match="extra.scholarly.jats"):
        Scholarly().on_config({"extra": {"scholarly": {"jats": "zip"}}, "docs_dir": str(tmp_path), "config_file_path": None})
