"""make serve's preview builds (archive_site/serve.py, build.main(preview=True)): the hooks'
site-wide work (search bundles, feed, dumps, harvest files, size check, the incremental
build's manifest) is kept, in the hooks' order, and done by finish() once the pages are
written and the browser has reloaded. In any other build it is done at once."""

from __future__ import annotations


class Deferred:
    def __init__(self):
        self.preview = False
        self.later: list[tuple] = []

    def do(self, work, *args) -> None:
        """`work(*args)` now, or in a preview build kept for finish()."""
        if self.preview:
            self.later.append((work, args))
        else:
            work(*args)

    def drop(self) -> None:
        """A build failed, or started before the last preview's work was done (it never will be)."""
        self.later = []

    def finish(self) -> None:
        later, self.later = self.later, []
        for work, args in later:
            work(*args)


deferred = Deferred()
