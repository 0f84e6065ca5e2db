"""What a long-lived process (make serve builds again after every change) remembers of the
files it read: a value computed from a file's bytes (a hash, an index entry's key) is reused
while the file's status is the one it had when it was read: modification and change times
in nanoseconds, size and inode (a rewrite or a rename over it changes them).

A file modified less than two seconds before it was read is not remembered: on a file system
whose clock counts coarser than nanoseconds, a second change within the same tick could
leave the same status (git's "racy" files)."""

from __future__ import annotations

import os
import time

RACY_NS = 2_000_000_000


def status(st: os.stat_result) -> tuple:
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, st.st_dev)


class StatMemo:
    """path -> (status, value) for the files this process read."""

    def __init__(self):
        self._seen: dict[str, tuple[tuple, object]] = {}

    def get(self, path, st: os.stat_result):
        """The value remembered for `path` if its status is still `st`'s, else None."""
        found = self._seen.get(os.fspath(path))
        return found[1] if found is not None and found[0] == status(st) else None

    def put(self, path, st: os.stat_result, value) -> None:
        """Remember `value`, computed from the bytes read after `st` was taken."""
        if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > RACY_NS:
            self._seen[os.fspath(path)] = (status(st), value)
        else:
            self._seen.pop(os.fspath(path), None)
