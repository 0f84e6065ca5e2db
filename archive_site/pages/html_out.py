"""Rewrites of the HTML MkDocs writes: one navigation landmark per purpose, and a 404 page
that works at any depth (archive_site/pages/nav.py calls them from its hooks)."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit


# Navigation landmarks, one per purpose: Material makes the header bar a <nav> ("页眉": it
# holds the logo, the palette toggle and the search box) and each sub-list of the page's
# table of contents a <nav> of its own (named by its heading); they become plain containers.
_LANDMARKS = re.compile(r'<nav class="(md-header__inner md-grid|md-nav)" aria-label="[^"]*">')


def landmarks(output: str) -> str:
    """One navigation landmark per purpose (see _LANDMARKS)."""
    return _LANDMARKS.sub(r'<nav class="\1" role="none">', output)


_FETCHED = re.compile(r'<link\b[^>]*\brel="(?:stylesheet|icon)"[^>]*>|<script\b[^>]*\bsrc="[^"]*"[^>]*></script>')


def relocatable_404(output: str, site_url: str | None) -> str:
    """The 404 page is served for a missing page at any depth, so MkDocs writes its links as
    absolute paths below site_url's path (/journal-archive/assets/…), which are right only
    where the site is served at that path. They become relative to a <base> that names the
    site's root: site_url's path where the page is served below it (a Pages project site),
    else the server's root (a preview of site/ served at /). The <base> is written by a
    script first thing, and the stylesheets and scripts after it by scripts too: the browser's
    preload scanner, which reads ahead of the scripts, sees no address it would resolve
    against the missing page's own. Material's storage scope (the colour scheme chosen)
    follows the same root."""
    root = urlsplit(site_url or "").path or "/"
    root = root if root.endswith("/") else root + "/"
    out = re.sub(r'((?:href|src|data-bundle)=")' + re.escape(root), r"\1", output)
    out = out.replace('href=""', 'href="./"')
    out = out.replace(f'__md_scope=new URL("{root}",location)', "__md_scope=new URL(document.baseURI)")

    def written(m):
        return "<script>document.write(" + json.dumps(m.group(0)).replace("</", "<\\/") + ")</script>"

    out = _FETCHED.sub(written, out)
    base = (f"<script>document.write('<base href=\"' + (location.pathname.indexOf({json.dumps(root)}) === 0 ? "
            f"{json.dumps(root)} : \"/\") + '\">')</script>")
    charset = re.search(r"<meta charset=[^>]*>", out)
    at = charset.end() if charset else out.index("<head>") + len("<head>")
    return out[:at] + "\n" + base + out[at:]
