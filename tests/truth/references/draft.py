"""Draft the reference truth of a sample from the parser, for review by eye.

    python tests/truth/references/draft.py sources/003_9f707cb2b1b9ba7b.txt > /tmp/draft.json

This is only the first step of building tests/truth/references/<sample>.json
(README.md here): every entry of the draft was then read against its printed
note and corrected by hand, and the corrected file is what the tests hold the
parser to. Never overwrite a reviewed truth file with a new draft.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from generator.load import convert_bytes  # noqa: E402

ORDER = ("raw", "prefix", "kind", "pointer", "authors", "editors", "translators", "title", "container", "volume", "issue",
         "year", "date", "pages", "publisher", "place", "url", "same_as")


def draft(path: Path) -> str:
    issue = convert_bytes(path.read_bytes(), path.name)
    lines = ["{", f'  "source": {json.dumps(path.name)},', '  "about": "see README.md",', '  "articles": [']
    arts = [a for a in issue.articles if a.notes]
    for ai, art in enumerate(arts):
        lines.append(f'    {{"id": "p{art.first_page or 0:03d}", "notes": [')
        for ni, note in enumerate(art.notes):
            refs = []
            for r in note.refs:
                d = asdict(r)
                refs.append({k: d[k] for k in ORDER if d.get(k) not in (None, "", (), [])})
            body = ",\n          ".join(json.dumps(x, ensure_ascii=False) for x in refs)
            sep = "," if ni + 1 < len(art.notes) else ""
            lines.append(f'      {{"n": {note.number}, "text": {json.dumps(note.text, ensure_ascii=False)},\n'
                         f'       "refs": [{chr(10) + "          " + body + chr(10) + "        " if refs else ""}]}}{sep}')
        lines.append("    ]}" + ("," if ai + 1 < len(arts) else ""))
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(draft(Path(sys.argv[1])))
