"""The site's size against the limit it is published under (extra.size_limit, MB; GitHub
Pages publishes at most 1 GB): measured once the build has written everything (the last
hook, archive_site/pages/spool.py), by part. Past the limit the build fails with one line
naming what would bring it under: the switches not yet set, each with the MB it would save
as measured, and the per-journal sites (README: Publishing, A large archive)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from .. import config as settings

MB = 1000 * 1000  # GitHub's "1 GB" read strictly: 10^9 bytes (953 MiB)


def measure(site: Path) -> dict[str, int]:
    """Bytes by part: html, markdown (the pages' Markdown copies), jats, search (pagefind/), other."""
    parts = dict.fromkeys(("html", "markdown", "jats", "search", "other"), 0)
    site = Path(site)
    for folder, _dirs, files in os.walk(site):
        top = Path(folder).relative_to(site).parts[:1]
        for name in files:
            size = os.stat(os.path.join(folder, name)).st_size
            if top == ("pagefind",):
                part = "search"
            elif name.endswith(".html"):
                part = "html"
            elif name.endswith(".md"):
                part = "markdown"
            elif name.endswith((".xml", ".xml.gz")) and name not in ("sitemap.xml", "feed.xml"):
                part = "jats"
            else:
                part = "other"
            parts[part] += size
    return parts


def advice(parts: dict[str, int], config) -> list[str]:
    """The switches that would shrink this site, each with what it saves (MB)."""
    out = []
    if parts["markdown"]:
        out.append(f"extra.source_url: the content/ folder of the (public) repository, e.g. "
                   f"https://github.com/<user>/<repo>/blob/main/content/ (-{parts['markdown'] / MB:,.0f} MB of Markdown copies)")
    scholarly = (config.get("extra") or {}).get("scholarly") or {}
    if parts["jats"] and scholarly.get("jats", "xml") != "gzip":
        out.append(f"extra.scholarly.jats: gzip (JATS {parts['jats'] / MB:,.0f} MB, about a third of it compressed)")
    return out


def check(config) -> None:
    """Fail the build (one line) when the site is over extra.size_limit."""
    limit = settings.size_limit(config)
    if not limit:
        return
    parts = measure(Path(config["site_dir"]))
    total = sum(parts.values())
    if total <= limit * MB:
        return
    shares = ", ".join(f"{name} {size / MB:,.0f}" for name, size in sorted(parts.items(), key=lambda kv: -kv[1]) if size >= MB)
    raise PluginError(f"site/ is {total / MB:,.0f} MB ({shares}), over extra.size_limit ({limit:,} MB; GitHub Pages publishes at most 1 GB): "
                      + ("set " + "; ".join(advice(parts, config)) + "; or p" if advice(parts, config) else "p")
                      + "ublish one site per journal: make site JOURNAL=<slug> (README: A large archive)")


def warn(config) -> None:
    """make serve's preview: the same line as a warning (a preview is not what is published;
    failing would also drop the incremental build's manifest, making every next build clean)."""
    try:
        check(config)
    except PluginError as exc:
        logging.getLogger("mkdocs.size").warning("%s (make site fails on this; make serve only says it)", exc)
