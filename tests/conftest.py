"""Shared test set-up: make the repository root importable (generator, tests helpers)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "tests"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def built():
    """(content dir, site dir) of the sample site, built once per session."""
    from browser.sitebuild import build_site

    return build_site()
