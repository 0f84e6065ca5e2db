"""Waiting for the header search box as its page shows it: while a query's results are
being listed, the results list is aria-busy="true" (theme/assets/javascripts/search.js)."""

from __future__ import annotations

_LISTED = """q => {
    const box = document.querySelector('[data-ja-search-input]'), list = document.querySelector('[data-ja-search-results]');
    return !!list && (q === null || box.value.trim() === q) && list.getAttribute('aria-busy') === 'false';
}"""


def wait_for_results(pg, q: str | None = None, timeout: float = 15000) -> None:
    """Until the box holds `q` (when given) and its results are listed (aria-busy false).
    Typing runs the search at once, so the list is busy before fill() or type() returns."""
    pg.wait_for_function(_LISTED, arg=q, timeout=timeout)
