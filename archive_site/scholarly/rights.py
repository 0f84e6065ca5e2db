"""The archive's rights: `extra.scholarly.rights`, a licence URL or a plain statement, chosen
by the publisher (the archive never picks a licence for them). Where it goes: the page footer
(rel="license" when it is a URL), the signposting links, JSON-LD `license`, JATS
<permissions>, Dublin Core `rights` in the OAI file, Crossref's <ai:license_ref>, DOAJ,
and RIS `C5`... no: RIS has no licence tag readers agree on, so it is left out there;
BibTeX gets biblatex's `rights`? Neither: see `Rights.for_exports`.

`Rights.of(value)`: the setting read once (None when unset: `make site` says so on stderr).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

# Creative Commons licences by their URL path: by, by-sa, by-nd, by-nc, by-nc-sa, by-nc-nd; and the public domain tools
_CC = re.compile(r"https?://creativecommons\.org/(licenses|publicdomain)/([a-z-]+)/(\d\.\d)(?:/([a-z]{2}))?/?(?:legalcode[.a-z-]*)?$", re.I)
UNSET = ("extra.scholarly.rights is not set: the site states no licence or rights. Set it in mkdocs.yml to the "
         "licence URL the publisher chose (e.g. https://creativecommons.org/licenses/by-nc/4.0/) or a rights statement.")


@dataclass(frozen=True)
class Rights:
    url: str | None  # the licence URL (canonical form for a Creative Commons licence)
    text: str  # what a reader is shown: the licence's name, or the statement as set

    @classmethod
    def of(cls, value: str | None) -> "Rights | None":
        if not value:
            return None
        value = value.strip()
        if not value.lower().startswith(("http://", "https://")):
            return cls(None, value)
        m = _CC.match(value)
        if not m:
            return cls(value, value)
        kind, code, version, port = m.group(1).lower(), m.group(2).lower(), m.group(3), m.group(4)
        url = f"https://creativecommons.org/{kind}/{code}/{version}/" + (f"{port}/" if port else "")
        if kind == "publicdomain":
            name = {"zero": "CC0"}.get(code, "Public Domain Mark") + f" {version}"
        else:
            name = "CC " + code.upper() + f" {version}" + (f" {port.upper()}" if port else "")
        return cls(url, name)

    @property
    def statement(self) -> str:
        """One line for a rights field (Dublin Core, DOAJ, JATS <license-p>)."""
        return f"{self.text} ({self.url})" if self.url and self.url != self.text else self.text

    @property
    def open_access(self) -> bool:
        """A Creative Commons licence or dedication: the text may be read and shared freely."""
        return bool(self.url and _CC.match(self.url))


def warn_unset() -> None:
    """Said on stderr, outside MkDocs's logger: a MkDocs warning would fail `mkdocs build --strict`."""
    print(f"WARNING -  {UNSET}", file=sys.stderr)
