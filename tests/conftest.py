"""Shared test set-up. The tests' own helpers (browser.sitebuild, regen_golden, truth.score)
import from tests/ by pytest's `pythonpath` setting (pyproject.toml), not by sys.path inserts."""

import pytest


@pytest.fixture(scope="session")
def built():
    """(content dir, site dir) of the sample site, built once per session."""
    from browser.sitebuild import build_site

    return build_site()
