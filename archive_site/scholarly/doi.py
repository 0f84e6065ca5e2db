"""DOIs, when a publisher holds a Crossref prefix (extra.scholarly.doi): each article's DOI
is the prefix and a suffix made from its front matter by `pattern`, a Python format string
over `journal` (the journal's slug), `year`, `issue`, `first_page` and `article_no`:

    doi: {prefix: "10.12345", pattern: "{journal}.{year}.{issue:02d}.{first_page:03d}", email: ...}
    -> 10.12345/gjwtyj.2025.06.022

Without a prefix nothing claims a DOI. An article whose front matter lacks a field the
pattern uses (a document, an article without pages) has none: a DOI is never guessed.
Registering the DOIs (the Crossref deposit, archive_site/scholarly/crossref.py) stays the
publisher's step (README: DOIs).
"""

from __future__ import annotations

import re
import string

from generator import layout

PREFIX = re.compile(r"10\.\d{4,9}")
# Crossref's recommended suffix characters: "a-z", "A-Z", "0-9" and "-._;()/"
SUFFIX = re.compile(r"[A-Za-z0-9\-._;()/]+")
FIELDS = ("journal", "year", "issue", "first_page", "article_no")
_SAMPLE = {"journal": "gjwtyj", "year": 2025, "issue": 6, "first_page": 22, "article_no": "0452-8832(2025)06-0022-20"}


def check_settings(cfg) -> list[tuple[str, str]]:
    """The problems of an extra.scholarly.doi setting, as (key, message) pairs."""
    out = []
    if not PREFIX.fullmatch(cfg.prefix or ""):
        out.append(("prefix", f"expected a DOI prefix like 10.12345, not {cfg.prefix!r}"))
    names = {f[1].split(".")[0].split("[")[0] for f in string.Formatter().parse(cfg.pattern) if f[1] is not None}
    unknown = names - set(FIELDS)
    if unknown or not names:
        out.append(("pattern", f"a pattern over {', '.join(FIELDS)} (e.g. {{journal}}.{{year}}.{{issue:02d}}.{{first_page:03d}}), "
                               f"not {cfg.pattern!r}"))
    else:
        try:
            suffix = cfg.pattern.format(**_SAMPLE)
        except (ValueError, KeyError, IndexError) as e:
            out.append(("pattern", f"{cfg.pattern!r} cannot be filled in: {e}"))
        else:
            if not SUFFIX.fullmatch(suffix):
                out.append(("pattern", f"{cfg.pattern!r} gives {suffix!r}: a DOI suffix takes only A-Z a-z 0-9 - . _ ; ( ) /"))
    if "@" not in (cfg.email or ""):
        out.append(("email", f"expected the e-mail address Crossref reports deposits to, not {cfg.email!r}"))
    return out


def doi_of(meta: dict, src: str, cfg) -> str | None:
    """The article's DOI, or None (no prefix set, not an article, a field the pattern needs missing)."""
    if cfg is None or meta.get("kind") != "article":
        return None
    values = {"journal": layout.journal_of(src), "year": meta.get("year"), "issue": meta.get("issue"),
              "first_page": meta.get("first_page"), "article_no": meta.get("article_no")}
    names = {f[1].split(".")[0].split("[")[0] for f in string.Formatter().parse(cfg.pattern) if f[1] is not None}
    if any(values.get(n) in (None, "") for n in names):
        return None
    try:
        suffix = cfg.pattern.format(**values)
    except (ValueError, KeyError, IndexError):
        return None
    return f"{cfg.prefix}/{suffix}" if SUFFIX.fullmatch(suffix) else None


def doi_url(doi: str | None) -> str | None:
    """https://doi.org/<doi>, the form Crossref asks every display of a DOI to take."""
    return f"https://doi.org/{doi}" if doi else None
