"""Shared test set-up. The tests' own helpers (browser.sitebuild, regen_golden, truth.score)
import from tests/ by pytest's `pythonpath` setting (pyproject.toml), not by sys.path inserts.

A skipped test is not a passed one. Tests skip only when a tool they need is missing
(Debian's chromium, the npm packages, a Python package of the test extra): under CI=true
(`.ci/run`, GitHub Actions) every such skip is reported as a failure, so CI never goes green
without the browser or accessibility tests having run; locally the short summary (`-rfEs`,
pyproject.toml) lists what was skipped and why, and the last line counts the skips."""

from __future__ import annotations

import os

import pytest


def ci() -> bool:
    """CI=true (or 1, yes), as GitHub Actions and .ci/run set it."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _reason(report) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:  # (path, line, "Skipped: reason")
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def _fail_skip(report) -> None:
    report.outcome = "failed"
    report.longrepr = f"skipped, which CI=true does not allow: {_reason(report)}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and ci() and not hasattr(report, "wasxfail"):
        _fail_skip(report)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and ci():  # a module-level importorskip / skip
        _fail_skip(report)


@pytest.fixture(scope="session")
def built():
    """(content dir, site dir) of the sample site, built once per session."""
    from browser.sitebuild import build_site

    return build_site()


@pytest.fixture
def arch(tmp_path):
    """A fresh archive: empty sources/ and content/ (the repo layout)."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "content").mkdir()
    return tmp_path
