"""The convert cache's key (generator/cache.py) is what the converter's result depends on:
the modules `generator.load` imports (found by reading them), the data files they name, and
the versions of the libraries they import. Editing one of them re-converts; editing a writer,
the site side or the archivist commands keeps every cached conversion."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import cache

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sources" / "003_9f707cb2b1b9ba7b.txt"


def rel(files) -> set[str]:
    return {p.relative_to(cache.PACKAGE).as_posix() for p in files}


def test_the_closure_holds_every_module_a_conversion_runs():
    """Independent of the reading of imports: the generator modules loaded in a fresh
    interpreter that converts a sample issue are all in the closure."""
    code = f"""
import json, sys
from pathlib import Path
from generator.load import convert_bytes
convert_bytes(Path({str(SAMPLE)!r}).read_bytes(), "x.txt")
print(json.dumps(sorted(m.__file__ for n, m in sys.modules.items() if n.split(".")[0] == "generator" and getattr(m, "__file__", None))))
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = rel(Path(f) for f in json.loads(out.stdout))
    files, external = cache.converter_closure()
    assert loaded and loaded <= rel(files), loaded - rel(files)
    assert {"readers/journal.py", "transforms/notes.py", "pipeline.py", "model.py", "journals.yml"} <= rel(files)
    # what turns pages into files, the archivist commands and the site side are not the converter
    assert not {f for f in rel(files) if f.startswith(("writers/", "archive/")) or f in ("cli.py", "plan.py", "site.py", "build.py", "cache.py")}
    assert {"yaml", "pypinyin", "opencc"} <= set(external) and not {"mkdocs", "archive_site", "re", "os"} & set(external)


@pytest.fixture
def package(tmp_path):
    """A copy of generator/ to edit."""
    dst = tmp_path / "generator"
    shutil.copytree(cache.PACKAGE, dst, ignore=shutil.ignore_patterns("__pycache__"))
    return dst


def _append(path: Path, text: str) -> None:
    path.write_bytes(path.read_bytes() + text.encode("utf-8"))


def test_the_key_changes_with_the_converter_and_only_with_it(package):
    key = cache.converter_key(package)
    assert key == cache.converter_key(cache.PACKAGE), "the same code, the same key"
    for outside in ("writers/article_md.py", "archive/plan.py", "cli.py", "plan.py"):
        _append(package / outside, "\n# edited\n")
        assert cache.converter_key(package) == key, outside
    for inside in ("readers/journal.py", "transforms/notes.py", "text.py", "journals.yml", "readers/__init__.py"):
        before = (package / inside).read_bytes()
        _append(package / inside, "\n# edited\n")
        assert cache.converter_key(package) != key, inside
        (package / inside).write_bytes(before)
        assert cache.converter_key(package) == key
    # a module the converter starts to import joins the key
    (package / "newrule.py").write_text("RULE = 1\n", encoding="utf-8")
    assert cache.converter_key(package) == key
    _append(package / "transforms" / "notes.py", "\nfrom ..newrule import RULE  # noqa\n")
    with_import = cache.converter_key(package)
    _append(package / "newrule.py", "RULE = 2\n")
    assert cache.converter_key(package) != with_import


def test_the_key_changes_with_a_librarys_version():
    real = cache._distributions
    key = cache.converter_key(cache.PACKAGE, real)

    def bumped(dist: str):
        def versions(names):
            return [line + ".post1" if line.lower().startswith(dist.lower() + "==") else line for line in real(names)]
        return versions

    for dist in ("pypinyin", "opencc-python-reimplemented", "PyYAML"):
        assert cache.converter_key(cache.PACKAGE, bumped(dist)) != key, dist
    assert cache.converter_key(cache.PACKAGE, bumped("mkdocs")) == key  # the site side's library
    assert cache.code_version() == key
