"""OAI-PMH for library harvesters (BASE, CORE, WorldCat, national libraries): one OAI Static
Repository per journal (OAI's "Specification for an OAI Static Repository and an OAI Static
Repository Gateway"), `site/oai/<journal>.xml`, which a registered Static Repository Gateway
serves as an OAI-PMH repository (README: Harvesting).

- Two formats: `oai_dc` (required; Dublin Core) and `jats`, the article's JATS 1.3 <front>
  (journal and article metadata, as PubMed Central's OAI service gives it, in the JATS
  namespace, which OAI-PMH asks of a record's metadata).
- At most `extra.scholarly.oai.max_records` records (5,000, the guidelines' limit) per file:
  a larger journal is split, in printed order, into `<journal>-1.xml`, `<journal>-2.xml`, …
  (each a static repository of its own; a new issue only ever changes the last).
- The guidelines' restrictions: day granularity, no deleted records, no sets, no
  resumptionToken; baseURL = the gateway's URL, "/", the file's URL without "http(s)://".
Written only when `extra.scholarly.oai` names the gateway and an administrator's e-mail.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from lxml import etree

from .jats_tree import xml_text

from ..cite.csl import date_parts, iso_date, issn_of, journal_entry, name_text, csl_name
from .doi import doi_url
from .jats import front_element

SR = "http://www.openarchives.org/OAI/2.0/static-repository"
OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
JATS_NS = "https://jats.nlm.nih.gov/ns/archiving/1.3/"
FORMATS = (("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC),
           ("jats", "https://jats.nlm.nih.gov/archiving/1.3/xsd/JATS-archivearticle1-3.xsd", JATS_NS))
FOLDER = "oai"


def _el(parent, ns: str, tag: str, text=None, **attrs):
    e = etree.SubElement(parent, f"{{{ns}}}{tag}", {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        e.text = xml_text(text)
    return e


def _source(m: dict) -> str:
    """国际问题研究, 2025(6): 22-41; ISSN 0452-8832 — where the article is printed."""
    out = m.get("journal") or ""
    if m.get("year"):
        out += f", {m['year']}" + (f"({m['issue']})" if m.get("issue") is not None else "")
    if m.get("first_page"):
        out += f": {m['first_page']}" + (f"-{m['last_page']}" if m.get("last_page") and m["last_page"] != m["first_page"] else "")
    return out + (f"; ISSN {issn_of(m)}" if issn_of(m) else "")


def dublin_core(rec: dict, publisher: str | None, rights) -> etree._Element:
    """An article's record in unqualified Dublin Core (oai_dc)."""
    m = rec["meta"]
    dc = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    dc.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")

    def add(tag, text, lang=None):
        if text:
            e = _el(dc, DC, tag, " ".join(str(text).split()))
            if lang:
                e.set(XML_LANG, lang)

    title = m["title"] + (f"：{m['subtitle']}" if m.get("subtitle") else "")
    add("title", title, "zh")
    add("title", m.get("title_en"), "en")
    for a in m.get("authors") or []:
        add("creator", name_text(csl_name(a["name"], a.get("name_en"))))
    for k in m.get("keywords") or []:
        add("subject", k, "zh")
    for k in m.get("keywords_en") or []:
        add("subject", k, "en")
    add("description", m.get("abstract"), "zh")
    add("description", m.get("abstract_en"), "en")
    add("publisher", publisher)
    add("date", iso_date(date_parts(m)))
    add("type", "Text")
    add("type", "info:eu-repo/semantics/article")
    add("format", "text/html")
    add("identifier", rec.get("url"))
    add("identifier", doi_url(rec.get("doi")))
    add("source", _source(m))
    add("language", "zh")
    if rights:
        add("rights", rights.url or rights.text)
    return dc


def _record(parent, rec: dict, repo_id: str, metadata) -> None:
    r = _el(parent, OAI, "record")
    header = _el(r, OAI, "header")
    _el(header, OAI, "identifier", f"oai:{repo_id}:{rec['ident']}")
    _el(header, OAI, "datestamp", rec["changed"])
    _el(r, OAI, "metadata").append(metadata)


def repository(recs: list[dict], *, name: str, base_url: str, admin_email: str, repo_id: str,
               publisher: str | None, rights) -> bytes:
    """One Static Repository document of `recs` (at most the guidelines' 5,000)."""
    root = etree.Element(f"{{{SR}}}Repository", nsmap={None: SR, "oai": OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{SR} http://www.openarchives.org/OAI/2.0/static-repository.xsd")
    ident = _el(root, SR, "Identify")
    _el(ident, OAI, "repositoryName", name)
    _el(ident, OAI, "baseURL", base_url)
    _el(ident, OAI, "protocolVersion", "2.0")
    _el(ident, OAI, "adminEmail", admin_email)
    _el(ident, OAI, "earliestDatestamp", min(r["changed"] for r in recs))
    _el(ident, OAI, "deletedRecord", "no")
    _el(ident, OAI, "granularity", "YYYY-MM-DD")
    formats = _el(root, SR, "ListMetadataFormats")
    for prefix, schema, ns in FORMATS:
        f = _el(formats, OAI, "metadataFormat")
        _el(f, OAI, "metadataPrefix", prefix)
        _el(f, OAI, "schema", schema)
        _el(f, OAI, "metadataNamespace", ns)
    dc_list = _el(root, SR, "ListRecords", metadataPrefix="oai_dc")
    for rec in recs:
        _record(dc_list, rec, repo_id, dublin_core(rec, publisher, rights))
    jats_list = _el(root, SR, "ListRecords", metadataPrefix="jats")
    for rec in recs:
        front = front_element({"kind": "article", **rec["meta"]}, rec.get("url"), rec["ident"], rec.get("doi"), rights,
                              namespace=JATS_NS)
        _record(jats_list, rec, repo_id, front)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write(site: Path, slug: str, recs: list[dict], settings, config, rights, publisher_of) -> list[Path]:
    """The journal's static repository file(s) under site/oai/; their paths."""
    site_url = config.get("site_url") or ""
    host = urlparse(site_url).hostname or "localhost"
    size = settings.oai.max_records
    chunks = [recs[i : i + size] for i in range(0, len(recs), size)] or []
    out = []
    journal = recs[0]["meta"].get("journal") or slug
    for k, chunk in enumerate(chunks, 1):
        name = f"{slug}.xml" if len(chunks) == 1 else f"{slug}-{k}.xml"
        url = f"{site_url}{FOLDER}/{name}"
        base_url = settings.oai.gateway.rstrip("/") + "/" + url.split("://", 1)[-1]
        label = f"{config['site_name']}：{journal}" + (f"（{k}/{len(chunks)}）" if len(chunks) > 1 else "")
        data = repository(chunk, name=label, base_url=base_url, admin_email=settings.oai.admin_email, repo_id=host,
                          publisher=publisher_of(chunk[0]["meta"]), rights=rights)
        path = site / FOLDER / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        out.append(path)
    return out


def publisher_name(meta: dict, settings, config) -> str | None:
    """The journal's publisher (journals.yml), else the archive's (extra.scholarly.publisher), else
    the site (the web edition's publisher; `config` None: no fallback, for DOAJ, which asks for the journal's)."""
    return journal_entry(meta).get("publisher") or settings.publisher or (config["site_name"] if config else None)
