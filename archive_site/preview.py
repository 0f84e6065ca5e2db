"""make serve's preview builds (archive_site/serve.py, build.main(preview=True)): the hooks'
site-wide work (search bundles, feed, dumps, harvest files, size check, the incremental
build's manifest) is kept, in the hooks' order, and done by finish() once the pages are
written and the browser has reloaded. In any other build it is done at once."""

from __future__ import annotations


class Deferred:
    def __init__(self):
        self.preview = False
        self.later: list[tuple] = []

    def defer(self, work, *args) -> bool:
        """In a preview build, keep `work(*args)` for finish() and say so; else False (do it now)."""
        if self.preview:
            self.later.append((work, args))
        return self.preview

    def drop(self) -> None:
        """A build failed, or started before the last preview's work was done (it never will be)."""
        self.later = []

    def finish(self) -> None:
        later, self.later = self.later, []
        for work, args in later:
            work(*args)


deferred = Deferred()
