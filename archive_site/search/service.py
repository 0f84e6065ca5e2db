"""Pagefind's indexing service (the extended binary, with Chinese segmentation), driven by
archive_site/search/pagefind.py, and what decides whether it runs beside the build
(`overlap`: a free core) or after it.

Which pages are indexed and what they carry (data-pagefind-body, -meta, -filter, the
catalogue records) is decided in archive_site/search/docs.py; the chrome inside the
indexed <article> (permalinks, edit buttons, pager, source link) is left out with EXCLUDE.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import subprocess
import threading
import time
from pathlib import Path

BUNDLE = "pagefind"
LANGUAGE = "zh"
EXCLUDE = [
    ".footnote-ref",  # note markers: an excerpt would glue the number to the next word
    ".headerlink",
    ".footnote-backref",
    ".md-content__button",
    ".md-source-file",
    ".md-feedback",
    ".ja-pager",
    ".ja-source-link",
    "[data-pagefind-ignore]",
]


def pagefind_executable() -> str:
    """The extended Pagefind binary shipped in the pagefind_bin_extended wheel."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise RuntimeError("pagefind[extended] is not installed (pip install 'pagefind[extended]')") from exc
    return str(get_executable())


class PagefindService:
    """Pagefind's indexing service (`pagefind_extended --service`) fed page by page while
    MkDocs renders, so the indexing (HTML parsing, jieba segmentation) runs in its own
    process on another core and only writing the bundle is left for the end of the build.

    Same protocol as the `pagefind` Python package (base64 JSON messages separated by
    commas on stdin/stdout), but with plain threads: the package's asyncio client reads
    one response per 0.1 s poll, which alone would cost 0.1 s per page. Requests are
    queued (add() never blocks the build); responses are read by a thread and checked
    at write().
    """

    def __init__(self, config: dict | None = None):
        self._proc = subprocess.Popen([pagefind_executable(), "--service"], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0)
        self._next = 0
        self._lock = threading.Lock()
        self._waiting: dict[int, tuple[threading.Event, list]] = {}
        self._errors: list[str] = []
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self.pages = 0
        self.pid = self._proc.pid
        self.peak_mb: float | None = None
        self._pending: list = []
        threading.Thread(target=self._writer, daemon=True).start()
        threading.Thread(target=self._reader, daemon=True).start()
        cfg = {"force_language": LANGUAGE, "exclude_selectors": EXCLUDE, **(config or {})}
        self.index_id = self.call({"type": "NewIndex", "config": cfg})["index_id"]

    def _writer(self) -> None:
        stdin = self._proc.stdin
        while (data := self._queue.get()) is not None:
            try:
                stdin.write(data)
            except OSError:
                return

    def _reader(self) -> None:
        buf = b""
        stdout = self._proc.stdout
        while chunk := stdout.read(1 << 20):  # raw pipe: whatever is there
            buf += chunk
            *msgs, buf = buf.split(b",")
            for raw in msgs:
                msg = json.loads(base64.b64decode(raw))
                payload = msg.get("payload") or {}
                if payload.get("type") == "Error":
                    self._errors.append(str(payload.get("message")))
                with self._lock:
                    waiter = self._waiting.pop(msg.get("message_id"), None)
                if waiter:
                    waiter[1].append(payload)
                    waiter[0].set()
        with self._lock:  # service gone: wake everyone
            for ev, box in self._waiting.values():
                box.append({"type": "Error", "message": "pagefind service exited"})
                ev.set()
            self._waiting.clear()

    def _send(self, payload: dict, wait: bool) -> tuple[threading.Event, list] | None:
        with self._lock:
            self._next += 1
            mid = self._next
            waiter = (threading.Event(), []) if wait else None
            if waiter:
                self._waiting[mid] = waiter
        data = base64.b64encode(json.dumps({"message_id": mid, "payload": payload}, ensure_ascii=False).encode("utf-8"))
        self._queue.put(data + b",")
        return waiter

    def call(self, payload: dict, timeout: float = 600) -> dict:
        ev, box = self._send(payload, wait=True)
        if not ev.wait(timeout):
            raise RuntimeError(f"pagefind service: no answer to {payload['type']} in {timeout} s")
        if box[0].get("type") == "Error":
            raise RuntimeError(f"pagefind service: {box[0].get('message')}")
        return box[0]

    def add_html(self, content: str, url: str) -> None:
        """Queue one page (indexed asynchronously by the service)."""
        self.pages += 1
        self._pending.append(self._send({"type": "AddFile", "index_id": self.index_id, "url": url,
                                         "file_contents": content}, wait=True))

    def write(self, output: Path, before_close=None) -> None:
        """Wait for every queued page, write the bundle into `output`, stop the service.
        `before_close()` (e.g. reading the service's peak RSS) runs after the write, before the stop."""
        try:
            for ev, _box in self._pending:  # WriteFiles only once every page is in the index
                if not ev.wait(600):
                    raise RuntimeError("pagefind service: a page was not indexed in 600 s")
            self._pending.clear()
            self.call({"type": "WriteFiles", "index_id": self.index_id, "output_path": str(Path(output).resolve())})
            if self._errors:
                raise RuntimeError("pagefind service: " + "; ".join(self._errors[:5]))
            _wait_for_entry(Path(output) / "pagefind-entry.json")
            _wait_for_writes(self.pid, Path(output))
            if before_close is not None:
                self.peak_mb = before_close()
        finally:
            self.close()

    def close(self) -> None:
        self._queue.put(None)
        if self._proc.poll() is None:
            try:
                self._proc.stdin.close()
            except OSError:
                pass
            try:
                self._proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()


def _wait_for_entry(entry: Path, timeout: float = 60) -> None:
    """The service can answer WriteFiles before its bundle's entry file is complete (once
    seen, on a loaded machine: an empty pagefind-entry.json, so the bundle would not load),
    and stopping it then would leave it so: wait until the file parses."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            json.loads(entry.read_text(encoding="utf-8"))
            return
        except (OSError, ValueError):
            if time.monotonic() > deadline:
                raise RuntimeError(f"pagefind service: {entry} not written") from None
            time.sleep(0.1)


def _wait_for_writes(pid: int, output: Path, timeout: float = 120) -> None:
    """The service answers WriteFiles while it may still be writing files (seen: its UI script
    cut at 128 KB when it was stopped at once): wait until it has no file below `output` open,
    three looks in a row (Linux /proc; elsewhere a pause)."""
    fds = Path(f"/proc/{pid}/fd")
    if not fds.is_dir():
        time.sleep(1)
        return
    root, quiet = str(Path(output).resolve()), 0
    deadline = time.monotonic() + timeout
    while quiet < 3 and time.monotonic() < deadline:
        busy = False
        try:
            for fd in fds.iterdir():
                try:
                    if os.readlink(fd).startswith(root):
                        busy = True
                        break
                except OSError:
                    continue
        except OSError:
            return  # the service is gone: nothing left to write
        quiet = 0 if busy else quiet + 1
        time.sleep(0.05)


def idle_cpus(window: float = 0.25) -> float | None:
    """How many of this process's CPUs sat idle over the last `window` seconds, from two
    readings of /proc/stat (Linux; None elsewhere). Unlike the load average, which decays
    over a minute, this sees the machine as it is when the build starts."""

    def sample():
        cols = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        ticks = [int(c) for c in cols]
        return sum(ticks[:8]), ticks[3] + ticks[4]  # total (without guest time), idle + iowait

    try:
        cpus = len(os.sched_getaffinity(0))
        total0, idle0 = sample()
        time.sleep(window)
        total1, idle1 = sample()
    except (OSError, AttributeError, ValueError, IndexError):
        return None
    if total1 <= total0:
        return None
    return min(cpus, (os.cpu_count() or cpus) * (idle1 - idle0) / (total1 - total0))


def peak_rss_mb(pid: int) -> float | None:
    """Peak resident set size (VmHWM) of a running process, in MB (Linux; None elsewhere)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def overlap() -> bool:
    """Index beside the build only when a core is free for Pagefind: on a machine whose
    cores are all busy, the service and MkDocs would just take turns (slower than
    indexing after the build). JOURNAL_ARCHIVE_SEARCH_OVERLAP=1/0 forces it on/off."""
    mode = os.environ.get("JOURNAL_ARCHIVE_SEARCH_OVERLAP", "auto")
    if mode in ("0", "1"):
        return mode == "1"
    idle = idle_cpus()
    if idle is None:  # not Linux: fall back on the load average where there is one
        try:
            idle = (os.cpu_count() or 1) - os.getloadavg()[0]
        except (AttributeError, OSError):
            return False
    # MkDocs takes one core; Pagefind needs most of another
    return idle >= 1.6
