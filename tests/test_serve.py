"""make serve (archive_site/serve.py): the preview serves site/, and a change to a source in
sources/ is converted and shown (the page served changes) without a command; only the pages
it touches are rendered again (the incremental build). Speed is measured in bench/, not here."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
S003 = ROOT / "sources" / "003_9f707cb2b1b9ba7b.txt"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def _wait(predicate, timeout: float, proc) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the server stopped"
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_a_changed_source_is_served_after_an_incremental_rebuild(tmp_path):
    (tmp_path / "sources").mkdir()
    shutil.copy(S003, tmp_path / "sources" / "2025-06.txt")
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["docs_dir"] = str(tmp_path / "content")
    cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"]["custom_dir"])
    cfg["hooks"] = [str(ROOT / h) for h in cfg.get("hooks", [])]
    for style in cfg["extra"]["scholarly"]["citation_styles"]:
        if style["csl"].endswith(".csl"):
            style["csl"] = str(ROOT / style["csl"])
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    port = _port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "JOURNAL_ARCHIVE_CACHE": str(tmp_path / ".cache" / "convert"),
           "JOURNAL_ARCHIVE_SEARCH": "0"}
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "archive_site.serve", "--config-file", str(tmp_path / "mkdocs.yml"),
                             "--sources", str(tmp_path / "sources"), "--content", str(tmp_path / "content"),
                             "--site-dir", str(tmp_path / "site"), "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/journal-archive/gjwtyj/2025/06/p022/"
    try:
        assert _wait(lambda: "相互成就" in (_get(url) or ""), 300, proc), (tmp_path / "serve.log").read_text()[-3000:]
        source = tmp_path / "sources" / "2025-06.txt"
        source.write_text(source.read_text(encoding="utf-8").replace("相互成就", "携手共进"), encoding="utf-8")
        assert _wait(lambda: "携手共进" in (_get(url) or ""), 300, proc), (tmp_path / "serve.log").read_text()[-3000:]
        assert "livereload" in (_get(url) or "")  # MkDocs's live reload: the open page reloads itself
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
        log.close()
    text = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert "incremental: " in text and "pages to render" in text  # the rebuild after the change rendered what it touched
    # the page was shown before the site-wide files were written, and a stop (SIGTERM, as Ctrl-C)
    # waited for them: the manifest is there, so the next make site is incremental
    assert text.count("serve: pages ready in") == 2 and text.count("site-wide files updated") == 2, text[-3000:]
    assert list((tmp_path / ".cache" / "site-build").glob("*.pickle"))
