"""`make serve`: a live preview that stays quick on a large archive.

    python -m archive_site.serve [--sources sources] [--content content] [--site-dir site] [--dev-addr 127.0.0.1:8000]

`mkdocs serve` builds the whole site into a new temporary folder when it starts and again
after every change (minutes on a 5,000-article archive), and does not see sources/. This
serves site/ (the folder `make site` builds, so a preview after `make site` starts at once)
with MkDocs's own live-reload server, and on every change to sources/, mkdocs.yml or theme/
runs what `make site` runs: `generator build` (only changed sources are converted, only the
pages they touch rewritten: generator/archive/), in one `generator build --again` process for
the whole session, and the incremental site build (archive_site/build.py: only the pages whose
Markdown, or what they show of other pages, changed are rendered again), in this process. Both
keep what they read between builds (the archive index and unchanged sources; the site's
manifest and each page's hash while its file is unchanged: generator/unchanged.py), and a build is
a preview: once the pages are written the browser reloads, and the search bundles, feed,
dumps, harvest files and manifest are written after it, in the background (the next build
waits for them). The site is then the one `make site` writes (site_url as in mkdocs.yml:
links between pages are relative).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

log = logging.getLogger("mkdocs.serve")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--config-file", default="mkdocs.yml")
    ap.add_argument("--sources", default="sources")
    ap.add_argument("--content", default=os.environ.get("JOURNAL_ARCHIVE_CONTENT", "content"))
    ap.add_argument("--site-dir", default="site")
    ap.add_argument("--dev-addr", default="127.0.0.1:8000")
    args = ap.parse_args(argv)

    from mkdocs.livereload import LiveReloadServer

    from . import build as site_build

    host, _, port = args.dev_addr.rpartition(":")

    os.environ.setdefault("JOURNAL_ARCHIVE_CACHE", ".cache/convert")  # generator build's, as make site's
    os.environ["JOURNAL_ARCHIVE_CONTENT"] = args.content
    site_files: list[threading.Thread] = []

    def finish() -> None:
        t0 = time.perf_counter()
        if site_build.finish() == 0:
            log.info("serve: search index and site-wide files updated (%.1f s)", time.perf_counter() - t0)

    def builder() -> None:
        for work in site_files:  # the last build's site-wide files first
            work.join()
        site_files.clear()
        t0 = time.perf_counter()
        log.info("serve: converting what changed in %s/ ...", args.sources)
        code = converter.build()
        if code:
            log.error("serve: generator build failed (exit %d): content/ and the site left as they were", code)
            return
        if site_build.main(["--config-file", args.config_file, "--site-dir", args.site_dir], preview=True) == 0:
            log.info("serve: pages ready in %.1f s; the search index and site-wide files follow", time.perf_counter() - t0)
            site_files.append(threading.Thread(target=finish, name="site-files"))
            site_files[0].start()

    converter = Converter(args.sources, args.content)
    builder()
    from mkdocs.config import load_config

    config = load_config(config_file=args.config_file, site_dir=args.site_dir)
    mount_path = urlsplit(config.site_url or "/").path
    server = LiveReloadServer(builder=builder, host=host, port=int(port), root=str(Path(args.site_dir).resolve()),
                              mount_path=mount_path)

    def error_handler(code):
        page = Path(args.site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_handler
    for path in (args.sources, args.config_file, "theme"):
        if Path(path).exists():
            server.watch(path)
    signal.signal(signal.SIGTERM, _interrupt)  # stopped as by Ctrl-C: the background work finishes first
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()
        for work in site_files:  # the manifest too: the next make site stays incremental
            work.join()
        converter.close()
    return 0


class Converter:
    """One `generator build --again` process for the whole session: it keeps the archive index
    and what it read of unchanged sources in memory (the site side runs the converter as a
    command, never imports it). build() -> its exit code; a process that died is started again."""

    def __init__(self, sources: str, content: str):
        self.cmd = [sys.executable, "-m", "generator", "build", "--sources", sources, "--content", content, "--again"]
        self.proc: subprocess.Popen | None = None

    def build(self) -> int:
        try:
            if self.proc is None or self.proc.poll() is not None:
                self.proc = subprocess.Popen(self.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            else:
                self.proc.stdin.write("\n")
                self.proc.stdin.flush()
            line = self.proc.stdout.readline()
        except OSError:  # its pipe broke: it ended
            line = ""
        if not line.strip().lstrip("-").isdigit():
            self.close()
            return 1
        return int(line)

    def close(self) -> None:
        if self.proc is not None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            self.proc.wait()
            self.proc = None


def _interrupt(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
