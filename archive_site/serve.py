"""`make serve`: a live preview that stays quick on a large archive.

    python -m archive_site.serve [--sources sources] [--content content] [--site-dir site] [--dev-addr 127.0.0.1:8000]

`mkdocs serve` builds the whole site into a new temporary folder when it starts and again
after every change (minutes on a 5,000-article archive), and does not see sources/. This
serves site/ (the folder `make site` builds, so a preview after `make site` starts at once)
with MkDocs's own live-reload server, and on every change to sources/, mkdocs.yml or theme/
runs what `make site` runs: `generator build` (only changed sources are converted, only the
pages they touch rewritten: generator/archive/) and the incremental site build
(archive_site/build.py): only the pages whose Markdown, or what they show of other pages,
changed are rendered again, then the browser reloads. The site is the one `make site`
writes (site_url as in mkdocs.yml: links between pages are relative).
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
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
    env = {**os.environ, "JOURNAL_ARCHIVE_CACHE": os.environ.get("JOURNAL_ARCHIVE_CACHE", ".cache/convert")}

    def builder() -> None:
        log.info("serve: converting what changed in %s/ ...", args.sources)
        done = subprocess.run([sys.executable, "-m", "generator", "build", "--sources", args.sources, "--content", args.content],
                              env=env)
        if done.returncode:
            log.error("serve: generator build failed (exit %d): content/ and the site left as they were", done.returncode)
            return
        os.environ["JOURNAL_ARCHIVE_CONTENT"] = args.content
        site_build.main(["--config-file", args.config_file, "--site-dir", args.site_dir])

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
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
