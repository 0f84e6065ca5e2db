"""What the search box (theme/assets/javascripts/search-core.js, search.js) shares with
the Python side, written at build time as site/pagefind/search.json from the Python
definitions, never copied into the JavaScript by hand:

- han: the class of Han characters (generator/cjk.py HAN), for cutting a query's runs
  of characters into the pieces the catalogue records index (search/docs.py ngrams);
- record_anchor, terms_id, terms_heading, scope: how a catalogue record, the hidden
  terms section and the two scopes are marked (search/docs.py);
- filters: the filters every indexed page carries, with their labels;
- text_after: the default of extra.search.text_after (archive_site/config.py);
- t2s: "國国際际…", pairs of a traditional character and its simplified form, for
  the characters the site's pages hold (generator/cjk.py t2s_table): a query is
  converted with it before searching.

    python -m archive_site.search.browser    # the same JSON, with every pair, on stdout (tests/js)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from generator.cjk import HAN, t2s_table

from ..config import TEXT_AFTER
from .docs import FILTERS, GRAMS_HEADING, GRAMS_ID, RECORD_ANCHOR, SCOPE, SCOPE_RECORD, SCOPE_TEXT
from .service import BUNDLE

DATA = "search.json"


def constants() -> dict:
    return {"han": HAN, "record_anchor": RECORD_ANCHOR, "terms_id": GRAMS_ID, "terms_heading": GRAMS_HEADING,
            "scope": {"filter": SCOPE, "record": SCOPE_RECORD, "text": SCOPE_TEXT},
            "filters": [list(f) for f in FILTERS], "text_after": TEXT_AFTER}


def data(table: dict[str, str]) -> dict:
    return {**constants(), "t2s": "".join(t + s for t, s in sorted(table.items()))}


def write(site: Path, table: dict[str, str]) -> Path:
    """site/pagefind/search.json."""
    out = Path(site) / BUNDLE / DATA
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data(table), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    sys.stdout.write(json.dumps(data(t2s_table()), ensure_ascii=False) + "\n")
