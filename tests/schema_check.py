"""The official schemas of tests/schemas/ loaded with lxml, every schemaLocation (also an
http:// one) resolved to the copies there, so that no test reaches the network."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "schemas"
STATIC_REPOSITORY = "http://www.openarchives.org/OAI/2.0/static-repository"
JATS_NS = "https://jats.nlm.nih.gov/ns/archiving/1.3/"


class _Local(etree.Resolver):
    def resolve(self, url, pubid, context):
        if Path(url).is_file():
            return self.resolve_filename(url, context)
        name = url.rsplit("/", 1)[-1]
        for folder in ("crossref", "doaj", "oai"):
            if (SCHEMAS / folder / name).exists():
                return self.resolve_filename(str(SCHEMAS / folder / name), context)
        raise AssertionError(f"a schema import not in tests/schemas: {url}")


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser()
    parser.resolvers.add(_Local())
    return parser


@lru_cache(maxsize=None)
def schema(name: str) -> etree.XMLSchema:
    """'crossref' (crossref5.3.1.xsd), 'doaj' (doajArticles.xsd), 'oai_dc', 'static-repository'."""
    if name == "static-repository":
        return etree.XMLSchema(static_repository())
    path = {"crossref": "crossref/crossref5.3.1.xsd", "doaj": "doaj/doajArticles.xsd", "oai_dc": "oai/oai_dc.xsd"}[name]
    return etree.XMLSchema(etree.parse(str(SCHEMAS / path), _parser()))


def static_repository() -> etree._ElementTree:
    """OAI's Static Repository schema: OLAC's copy with its two marked changes undone (it imports
    OAI's OAI-PMH.xsd, and metadataPrefix is any prefix), and the schemas a record's metadata is
    checked against (processContents="strict"): oai_dc, and the JATS namespace of the jats
    records, whose content tests/test_doors.py checks against the JATS DTD instead (no XSD has that
    namespace)."""
    xs = "http://www.w3.org/2001/XMLSchema"
    tree = etree.parse(str(SCHEMAS / "oai" / "olac-static-repository.xsd"), _parser())
    root = tree.getroot()
    (imp,) = root.findall(f"{{{xs}}}import")
    imp.set("schemaLocation", str(SCHEMAS / "oai" / "OAI-PMH.xsd"))
    fixed = root.findall(f".//{{{xs}}}attribute[@name='metadataPrefix']")
    assert len(fixed) == 1 and fixed[0].get("fixed") == "olac", "OLAC's copy changed: see tests/schemas/README.md"
    del fixed[0].attrib["fixed"]
    fixed[0].set("use", "required")
    for ns, location in (("http://www.openarchives.org/OAI/2.0/oai_dc/", SCHEMAS / "oai" / "oai_dc.xsd"),
                         (JATS_NS, _jats_stub())):
        etree.SubElement(root, f"{{{xs}}}import", namespace=ns, schemaLocation=str(location))
        root.insert(0, root[-1])
    return tree


def _jats_stub() -> Path:
    import tempfile

    path = Path(tempfile.gettempdir()) / "ja-jats-namespace.xsd"
    if not path.exists():
        path.write_text(f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{JATS_NS}" '
                        'elementFormDefault="qualified"><xs:element name="article"><xs:complexType><xs:sequence>'
                        '<xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>'
                        '<xs:anyAttribute processContents="skip"/></xs:complexType></xs:element></xs:schema>\n', encoding="utf-8")
    return path


def errors(xsd: etree.XMLSchema, doc) -> list[str]:
    """The schema's complaints about `doc` (a tree or bytes), [] when valid."""
    tree = etree.fromstring(doc) if isinstance(doc, bytes) else doc
    return [] if xsd.validate(tree) else [f"{e.line}: {e.message}" for e in xsd.error_log]
