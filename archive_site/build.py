"""`make site`: build the site, incrementally when the last build of the same site folder
left its manifest (archive_site/incremental.py), cleanly otherwise.

    python -m archive_site.build [--site-dir site] [--config-file mkdocs.yml] [--clean]

MkDocs runs as `mkdocs build --strict --dirty` would, except that the incremental hook
decides which pages are read and rendered and cleans the site folder itself for a clean
build; MkDocs's warning about dirty builds (which --strict would count) does not apply."""

from __future__ import annotations

import argparse
import logging
import sys

from .preview import deferred


class _NoDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return "'dirty' build is being performed" not in message and "contains stale files" not in message


def main(argv: list[str] | None = None, preview: bool = False) -> int:
    """preview (make serve): the pages are written and this returns; the search bundles and the
    site-wide files wait for finish() (archive_site/preview.py), so a change shows at once."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--config-file", default="mkdocs.yml")
    ap.add_argument("--site-dir", default=None)
    ap.add_argument("--clean", action="store_true", help="render every page (ignore the last build's manifest)")
    args = ap.parse_args(argv)

    from mkdocs import __main__ as cli  # sets up MkDocs's logging as `mkdocs build` does
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    from . import incremental

    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_archive_build", False) for h in logger.handlers):  # once (make serve builds again and again)
        handler = logging.StreamHandler()
        handler.setFormatter(cli.ColorFormatter())
        handler._archive_build = True
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
        logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())
    hooks = incremental.hooks
    hooks.driver, hooks.force_clean, deferred.preview = True, args.clean, preview
    try:
        config = load_config(config_file=args.config_file, site_dir=args.site_dir, strict=True)
        config.plugins.on_startup(command="build", dirty=True)
        try:
            build(config, dirty=True)
            if preview:
                _pending[:] = [config]
        finally:
            config.plugins.on_shutdown()
    except (ConfigurationError, Abort) as exc:
        print(f"Error: {exc}" if isinstance(exc, ConfigurationError) else str(exc), file=sys.stderr)
        return 1
    finally:
        hooks.driver = deferred.preview = False
    return 0


_pending: list = []  # the configuration of a preview build whose site-wide work is not done


def finish() -> int:
    """Do what the last preview build deferred (its search bundles, feed, dumps, harvest files,
    size check and manifest): the site is then the one `make site` writes."""
    if not _pending:
        return 0
    config = _pending.pop()
    from mkdocs.exceptions import Abort

    try:
        deferred.finish()
    except Exception as exc:  # the next build is clean (no manifest)
        config.plugins.on_build_error(error=exc)
        logging.getLogger("mkdocs").error("the site-wide files were not written: %s", exc)
        return 1 if isinstance(exc, Abort) else 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
