"""The site side's settings (archive_site/config.py): typed, checked when MkDocs loads
mkdocs.yml, a wrong one named with its key before any page is read."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
import yaml
from mkdocs.exceptions import ConfigurationError

from archive_site.config import ScholarlyConfig, SearchConfig, section, source_url
from browser.sitebuild import ROOT


def test_defaults_and_values():
    search = section({"extra": {"search": {"text_shard": 4}}}, "search", SearchConfig)
    assert (search.text_shard, search.record_shard, search.text_after) == (4, 15000, 10)
    scholarly = section({"extra": {}}, "scholarly", ScholarlyConfig)
    assert scholarly.jats == "xml" and scholarly.id_authority is None and scholarly.cache == ".cache/citations.json"
    assert [(s.key, s.form, s.kinds) for s in scholarly.citation_styles] == [
        ("gbt7714-2025", "printed", ["article", "document"]), ("gbt7714", "printed", ["article", "document"]),
        ("apa", "romanised", ["article"])]
    assert source_url({"extra": {"source_url": "https://github.com/u/r/blob/main/content/"}}).startswith("https://")


@pytest.mark.parametrize("extra, message", [
    ({"search": {"text_shard": "many"}}, "extra.search.text_shard: expected an integer of at least 1"),
    ({"search": {"record_shard": 0}}, "extra.search.record_shard: expected an integer of at least 1"),
    ({"search": {"text_shard": 4, "txt_after": 3}}, "extra.search.txt_after: unknown setting"),
    ({"search": [1000]}, "extra.search: expected a mapping"),
    ({"scholarly": {"jats": "zip"}}, "extra.scholarly.jats: Expected one of"),
    ({"scholarly": {"citation_styles": [{"key": "x", "label": "X", "csl": "apa", "form": "printd"}]}},
     "extra.scholarly.citation_styles: Sub-option 'form'"),
    ({"scholarly": {"citation_styles": [{"label": "X", "csl": "apa"}]}}, "extra.scholarly.citation_styles: Sub-option 'key'"),
    ({"scholarly": {"id_autority": "example.org,2025"}}, "extra.scholarly.id_autority: unknown setting"),
])
def test_a_wrong_setting_is_named(extra, message):
    name = next(iter(extra))
    schema = {"search": SearchConfig, "scholarly": ScholarlyConfig}[name]
    with pytest.raises(ConfigurationError, match=message.replace("(", r"\(")):
        section({"extra": extra}, name, schema)


def test_source_url_must_be_a_url():
    with pytest.raises(ConfigurationError, match="extra.source_url"):
        source_url({"extra": {"source_url": "content/"}})


def test_the_build_stops_at_load(tmp_path):
    """mkdocs build with a wrong setting: one line naming it, exit 1, before any page is read."""
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["docs_dir"] = str(ROOT / "content")
    cfg["site_dir"] = str(tmp_path / "site")
    cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"]["custom_dir"])
    cfg["hooks"] = [str(ROOT / h) for h in cfg.get("hooks", [])]
    cfg["extra"]["search"]["text_shard"] = -1
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(tmp_path / "mkdocs.yml")],
                          cwd=ROOT, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 1, proc.stderr
    assert "extra.search.text_shard: expected an integer of at least 1, not -1" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "site").exists()
    assert time.perf_counter() - t0 < 60


def test_a_site_over_the_size_limit_fails_with_the_switches_to_set(tmp_path):
    """extra.size_limit (GitHub Pages' 1 GB by default): the sample site against a limit of 1 MB
    fails with one line naming the switches not set (the Markdown copies, uncompressed JATS), each
    with what it measured; with both set, only the per-journal sites are left to say."""
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["docs_dir"] = str(ROOT / "content")
    cfg["site_dir"] = str(tmp_path / "site")
    cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"]["custom_dir"])
    cfg["hooks"] = [str(ROOT / h) for h in cfg.get("hooks", [])]
    cfg["extra"]["size_limit"] = 1
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "JOURNAL_ARCHIVE_SEARCH": "0"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(tmp_path / "mkdocs.yml")],
                          cwd=ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 1, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if "size_limit" in line]
    assert len(errors) == 1 and "over extra.size_limit (1 MB" in errors[0]
    assert "extra.source_url" in errors[0] and "extra.scholarly.jats: gzip" in errors[0] and "JOURNAL=" in errors[0]
    cfg["extra"]["scholarly"]["jats"] = "gzip"
    cfg["extra"]["size_limit"] = 6
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    env["JOURNAL_ARCHIVE_SOURCE_URL"] = "https://github.com/u/r/blob/main/content/"  # the Pages workflow's default
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(tmp_path / "mkdocs.yml")],
                          cwd=ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert not list((tmp_path / "site").rglob("p022.md"))  # no Markdown copies with a source_url
    page = (tmp_path / "site" / "gjwtyj" / "2025" / "06" / "p022" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/u/r/blob/main/content/gjwtyj/2025/06/p022.md"' in page
