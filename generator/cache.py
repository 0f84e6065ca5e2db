"""Content-hash cache of converted sources: .cache/convert/<sha256>.pickle.

The key hashes the converter's own code (the modules `generator.load` imports,
found by reading them, the data files they name, and the versions of the
libraries they import), the file's base name (it is written into every page as
`source:`) and the file's bytes, so a changed source, converter or library
always re-converts; an unchanged one is read back. The
cache holds the converted `Issue` (not rendered pages) so that pages linking
across issues are still rendered from the whole corpus.
Any unreadable cache entry is ignored and rebuilt. Delete .cache/ at will.
"""

from __future__ import annotations

import ast
import hashlib
import os
import pickle
import re
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from .decode import InputError
from .load import convert_bytes, inside
from .model import Issue

PACKAGE = Path(__file__).resolve().parent


# The cached value is what `load.convert_bytes` returns: the key covers the modules it imports,
# directly or not (function-level imports too), the package's data files they name
# (journals.yml), and the versions of the distributions they import (PyYAML, pypinyin,
# opencc ...). Writers, archive commands and the site side can change without re-converting.
ROOT_MODULE = "generator.load"


def _module_file(package: Path, name: str) -> Path | None:
    """generator.readers.journal -> <package>/readers/journal.py (or a package's __init__.py)."""
    base = package.joinpath(*name.split(".")[1:])
    for f in (base / "__init__.py", base.with_suffix(".py")):
        if f.is_file():
            return f
    return None


def _imports(path: Path, module: str) -> set[str]:
    """Every module name `path` imports, anywhere in it (function bodies too), made absolute;
    for `from m import x`, both m and m.x (x may be a module)."""
    tree = ast.parse(path.read_bytes(), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                mod = f"{base}.{node.module}" if node.module else base
            else:
                mod = node.module
            names.add(mod)
            names.update(f"{mod}.{a.name}" for a in node.names)
    return names


def converter_closure(package: Path = PACKAGE, root: str = ROOT_MODULE) -> tuple[list[Path], list[str]]:
    """(the files of `package` that `root` runs: its modules, the __init__.py of their packages
    and the data files they name; the top-level names of the other packages they import, the
    standard library's left out)."""
    top = root.split(".")[0]
    files: dict[str, Path] = {}
    external: set[str] = set()
    todo = [root]
    while todo:
        name = todo.pop()
        parts = name.split(".")
        for i in range(1, len(parts) + 1):  # importing a.b.c runs a/__init__.py and a/b/__init__.py first
            mod = ".".join(parts[:i])
            if mod in files:
                continue
            path = _module_file(package, mod)
            if path is None:
                continue
            files[mod] = path
            for imported in _imports(path, mod):
                head = imported.split(".")[0]
                if head == top:
                    todo.append(imported)
                elif head not in sys.stdlib_module_names:
                    external.add(head)
    modules = sorted(set(files.values()))
    data = sorted({f for path in modules for f in _data_files(path)})
    return modules + data, sorted(external)


def _data_files(path: Path) -> list[Path]:
    """Files beside the module `path` whose names it holds as strings ("journals.yml")."""
    found = []
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _FILE_NAME.fullmatch(node.value):
            f = path.parent / node.value
            if f.suffix != ".py" and f.is_file():
                found.append(f)
    return found


_FILE_NAME = re.compile(r"[\w-]+(\.[\w-]+)*\.[A-Za-z0-9]{1,8}")


def _distributions(names: list[str]) -> list[str]:
    """'PyYAML==6.0.2' for each installed distribution that provides one of the top-level `names`
    (from the distributions' top_level.txt; their file lists only for a name none declares)."""
    from importlib.metadata import distributions, packages_distributions

    found: dict[str, set[str]] = {}
    for dist in distributions():
        for top in (dist.read_text("top_level.txt") or "").split():
            if top in names:
                found.setdefault(top, set()).add(f"{dist.metadata['Name']}=={dist.version}")
    missing = [n for n in names if n not in found]
    if missing:
        from importlib.metadata import version

        provided = packages_distributions()
        for n in missing:
            for d in provided.get(n, []):
                found.setdefault(n, set()).add(f"{d}=={version(d)}")
    return sorted({d for n in names for d in found.get(n, {f"{n}==?"})})  # ==?: not installed (nor would it run)


def converter_key(package: Path = PACKAGE, versions=_distributions) -> str:
    """The hash of what the converter's result depends on besides its input."""
    files, external = converter_closure(package)
    h = hashlib.sha256()
    h.update(f"python {sys.version_info.major}.{sys.version_info.minor}\n".encode())
    for line in versions(external):
        h.update(line.encode() + b"\n")
    for p in files:
        h.update(p.relative_to(package).as_posix().encode() + b"\0")
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def code_version() -> str:
    return converter_key()


def default_dir(sources: Path) -> Path:
    """JOURNAL_ARCHIVE_CACHE, else .cache/convert beside sources/."""
    env = os.environ.get("JOURNAL_ARCHIVE_CACHE")
    return Path(env) if env and env != "0" else Path(sources).resolve().parent / ".cache" / "convert"


def key(data: bytes, name: str) -> str:
    h = hashlib.sha256()
    h.update(code_version().encode())
    h.update(b"\0" + name.encode("utf-8") + b"\0")
    h.update(data)
    return h.hexdigest()


class ConvertCache:
    def __init__(self, directory: Path | None, enabled: bool = True):
        self.dir = Path(directory) if directory else None
        self.enabled = enabled and self.dir is not None
        self.hits = self.misses = 0

    @classmethod
    def from_env(cls) -> ConvertCache:
        """The cache `make content` turns on with JOURNAL_ARCHIVE_CACHE=.cache/convert (off when unset)."""
        env = os.environ.get("JOURNAL_ARCHIVE_CACHE", "")
        return cls(Path(env) if env and env != "0" else None)

    def convert(self, data: bytes, name: str) -> Issue:
        if not self.enabled:
            self.misses += 1
            return convert_bytes(data, name)
        path = self.dir / f"{key(data, name)}.pickle"
        try:
            issue = pickle.loads(path.read_bytes())
            if isinstance(issue, Issue):
                self.hits += 1
                return issue
        except Exception:  # missing, truncated or from another version: convert again
            pass
        self.misses += 1
        issue = convert_bytes(data, name)  # InputError is not cached: the file is reported every time
        self._store(path, issue)
        return issue

    def load(self, path: Path, name: str | None = None) -> Issue:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(exc.strerror or str(exc)) from None
        return self.convert(data, name or Path(path).name)

    def _store(self, path: Path, issue: Issue) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(issue, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:  # a read-only or full disk only costs speed
            Path(tmp).unlink(missing_ok=True) if "tmp" in locals() else None


def progress(items, label: str):
    """Iterate with a progress bar on a terminal (stderr), silently otherwise."""
    import sys

    items = list(items)
    if not sys.stderr.isatty() or len(items) < 2:
        yield from items
        return
    try:
        from rich.console import Console
        from rich.progress import Progress
    except ImportError:  # rich is optional at run time
        yield from items
        return
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=len(items))
        for item in items:
            yield item
            bar.advance(task)


def load_all_cached(paths: list[Path], cache: ConvertCache,
                    root: Path | None = None) -> tuple[list[Issue], list[tuple[Path, str]]]:
    """`root`: the sources folder the paths were found in (a link out of it is refused: load.inside)."""
    issues, errors = [], []
    for path in progress(paths, "converting"):
        try:
            inside(path, root)
            issues.append(cache.load(path))
        except InputError as exc:
            errors.append((path, str(exc)))
    return issues, errors
