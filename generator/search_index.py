"""Full-text search index for the built site: Pagefind (extended binary, with
Chinese segmentation) run over site/ after `mkdocs build`, plus a small
traditional -> simplified table the search box uses to convert queries.

    python -m generator.search_index site/          # what hooks/pagefind_hook.py runs

Which pages are indexed and what they carry (data-pagefind-body, -meta, -filter)
is decided in hooks/pagefind_hook.py; the chrome inside the indexed <article>
(permalinks, edit buttons, pager, source link) is left out with EXCLUDE.

The t2s table (site/pagefind/t2s.js) maps each traditional character whose
simplified form occurs in the site's pages to that simplified form (first
OpenCC candidate), so it stays small: the text is simplified, a query typed in
traditional characters (國際) is converted in the browser (国际) before searching.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

BUNDLE = "pagefind"
LANGUAGE = "zh"
EXCLUDE = [
    ".headerlink",
    ".footnote-backref",
    ".md-content__button",
    ".md-source-file",
    ".md-feedback",
    ".ja-pager",
    ".ja-source-link",
    "[data-pagefind-ignore]",
]
_TAG = re.compile(r"<[^>]*>")


def pagefind_executable() -> str:
    """The extended Pagefind binary shipped in the pagefind_bin_extended wheel."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise RuntimeError("pagefind[extended] is not installed (pip install 'pagefind[extended]')") from exc
    return str(get_executable())


def run_pagefind(site: Path, quiet: bool = True) -> subprocess.CompletedProcess:
    cmd = [
        pagefind_executable(),
        "--site", str(site),
        "--output-subdir", BUNDLE,
        "--force-language", LANGUAGE,
        "--exclude-selectors", ", ".join(EXCLUDE),
    ]
    if quiet:
        cmd.append("--quiet")
    import resource

    proc = subprocess.run(cmd, capture_output=True, text=True)
    proc.peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # largest child so far
    if proc.returncode:
        raise RuntimeError(f"pagefind failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


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
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()


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


def _opencc_t2s_pairs() -> list[tuple[str, str]]:
    import opencc  # opencc-python-reimplemented

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        trad, simp = parts[0], parts[1].split(" ")[0]
        if len(trad) == 1 and len(simp) == 1 and trad != simp:
            pairs.append((trad, simp))
    return pairs


def site_characters(site: Path) -> set[str]:
    """Every non-ASCII character of the indexed pages (those with data-pagefind-body)."""
    chars: set[str] = set()
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8", errors="replace")
        if "data-pagefind-body" in text:
            chars.update(c for c in _TAG.sub(" ", text) if ord(c) > 0x2FFF)
    return chars


def t2s_table(chars: set[str] | None) -> dict[str, str]:
    return {t: s for t, s in _opencc_t2s_pairs() if chars is None or s in chars}


def write_t2s(site: Path, table: dict[str, str]) -> Path:
    """site/pagefind/t2s.js: `window.__jaT2S = "國国際际…"` (pairs of characters)."""
    out = site / BUNDLE / "t2s.js"
    out.parent.mkdir(parents=True, exist_ok=True)
    pairs = "".join(t + s for t, s in sorted(table.items()))
    out.write_text("window.__jaT2S=" + json.dumps(pairs, ensure_ascii=False) + ";\n", encoding="utf-8")
    return out


def build_index(site: Path, quiet: bool = True) -> dict:
    """Index `site` in place; -> timings and sizes."""
    site = Path(site)
    t0 = time.perf_counter()
    proc = run_pagefind(site, quiet=quiet)
    t1 = time.perf_counter()
    table = t2s_table(site_characters(site))
    write_t2s(site, table)
    t2 = time.perf_counter()
    bundle = site / BUNDLE
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    return {"pagefind_s": t1 - t0, "t2s_s": t2 - t1, "bundle_bytes": size, "t2s_entries": len(table),
            "peak_mb": proc.peak_mb}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path, nargs="?", default=Path("site"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    info = build_index(args.site, quiet=not args.verbose)
    print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
