"""The files written at the end of the build for libraries and indexers, from the records the
harvest spooled (harvest.py): per journal the OAI static repository (site/oai/, oai.py); per
issue the Crossref deposit (with a DOI prefix, crossref.py) and DOAJ's XML (doaj.py), under
extra.scholarly.deposits, outside site/."""

from __future__ import annotations

from pathlib import Path

from . import crossref, doaj, oai
from .harvest import Harvest, issues


def write_doors(site: Path, config, harvest: Harvest, settings, rights, deposits: Path) -> None:
    written: set[Path] = set()
    for slug, recs in harvest.journals():
        publisher = oai.publisher_name(recs[0]["meta"], settings, config)
        if settings.oai is not None:
            written.update(oai.write(site, slug, recs, settings, config, rights,
                                     lambda m: oai.publisher_name(m, settings, config)))
        for folder, group in issues(recs):
            if settings.doi is not None:
                crossref.write(deposits, slug, folder, group, settings, publisher, rights)
            doaj.write(deposits, folder, group, oai.publisher_name(recs[0]["meta"], settings, None))
    folder = site / oai.FOLDER
    for stale in (sorted(folder.iterdir()) if folder.is_dir() else []):  # a journal gone since the kept build
        if stale not in written and stale.is_file():
            stale.unlink()
