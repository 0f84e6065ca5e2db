"""One place per idea (issue 20): each rule about Chinese text is defined once, in the
contract's generator/cjk.py, and imported by both halves; the heading rule once, in
generator/layout.py; the search box takes what it shares with Python from the JSON the
site writes; imports form no cycle and the site side imports only the contract.

These read the repository's own files (what a `grep` would), so a second definition
added anywhere fails here, with the file and line."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THE_TEXT_MODULE = "generator/cjk.py"
CONTRACT = {"generator.layout", "generator.meta", "generator.diagnostics", "generator.cjk",
            "generator.unchanged"}  # the last: what a process remembers of the files it read (no project import)
SKIP = {"content", "sources", "site", "build", "node_modules", ".venv", ".cache", ".git", "golden", "fixtures", "output"}
SUFFIXES = {".py", ".js", ".mjs", ".cjs", ".html", ".css", ".yml", ".toml"}
THIS = Path(__file__).resolve()

# The Unicode blocks of CJK characters (ideographs, their punctuation, kana, hangul, full-width forms).
CJK_BLOCKS = [(0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF)]
ESCAPE_RANGE = re.compile(r"\\u([0-9a-fA-F]{4})-\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})-\\U([0-9a-fA-F]{8})")
# a block's first or last character written alone, as in '"\u4e00" <= c <= "\u9fff"' (U+3000, the
# ideographic space, is a character the readers match, not a class)
BOUNDARY = re.compile(r"\\u(2e80|303f|3040|30ff|3400|4dbf|4e00|9fa5|9fff|ac00|d7af|f900|faff|ff00|ff01|ff60|ffef)", re.I)
LITERAL_RANGE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]-[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
NAMED_CLASS = re.compile(r"\\p\{(?:Han|Script=Han|sc=Han|Ideographic)\}")


def files():
    for path in sorted(ROOT.rglob("*")):
        rel = path.relative_to(ROOT)
        if path.suffix in SUFFIXES and path.is_file() and not SKIP & set(rel.parts[:-1]) and path.resolve() != THIS:
            yield rel.as_posix(), path.read_text(encoding="utf-8", errors="replace")


def _cjk(a: int, b: int) -> bool:
    return any(a <= hi and b >= lo for lo, hi in CJK_BLOCKS)


def hits(pattern_check) -> list[str]:
    out = []
    for rel, text in files():
        for n, line in enumerate(text.splitlines(), 1):
            if pattern_check(line):
                out.append(f"{rel}:{n}: {line.strip()[:100]}")
    return out


def test_cjk_character_classes_are_defined_once():
    def defines_a_class(line: str) -> bool:
        for m in ESCAPE_RANGE.finditer(line):
            lo, hi = (int(x, 16) for x in (m.group(1, 2) if m.group(1) else m.group(3, 4)))
            if _cjk(lo, hi):
                return True
        return bool(BOUNDARY.search(line) or LITERAL_RANGE.search(line) or NAMED_CLASS.search(line))

    found = hits(defines_a_class)
    assert found and all(h.startswith(THE_TEXT_MODULE + ":") for h in found), \
        "CJK character classes outside generator/cjk.py (import HAN, CJK, SCRIPT … from it):\n" + "\n".join(
            h for h in found if not h.startswith(THE_TEXT_MODULE))


def test_surname_readings_and_compound_surnames_are_one_table():
    readings = hits(lambda line: re.search(r"""["']曾["']\s*:\s*["']zeng""", line))
    compounds = hits(lambda line: "欧阳 司马" in line)
    assert [h.split(":")[0] for h in readings + compounds] == [THE_TEXT_MODULE, THE_TEXT_MODULE], readings + compounds


def test_pinyin_and_opencc_are_used_in_one_module():
    """Romanisation, slugs, surname readings and traditional -> simplified go through
    generator/cjk.py: no other module imports pypinyin or OpenCC."""
    found = hits(lambda line: re.match(r"\s*(?:from|import)\s+(?:pypinyin|opencc)\b", line))
    assert found and {h.split(":")[0] for h in found} == {THE_TEXT_MODULE}, found


def _definitions() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for rel, text in files():
        if rel.endswith(".py"):
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    out.setdefault(node.name, []).append(rel)
    return out


def test_each_text_rule_has_one_definition():
    defs = _definitions()
    for name, home in (("split_byline", THE_TEXT_MODULE), ("split_byline_en", THE_TEXT_MODULE), ("pinyin_slug", THE_TEXT_MODULE),
                       ("name_pinyin", THE_TEXT_MODULE), ("split_name", THE_TEXT_MODULE), ("to_simplified", THE_TEXT_MODULE),
                       ("t2s_pairs", THE_TEXT_MODULE), ("heading_levels", "generator/layout.py")):
        assert defs.get(name) == [home], (name, defs.get(name))
    # the slug rule: ASCII letters and digits joined by one hyphen, written once
    slugs = hits(lambda line: '"-{2,}"' in line or "'-{2,}'" in line)
    assert [h.split(":")[0] for h in slugs] == [THE_TEXT_MODULE], slugs


def _calls(rel: str, name: str) -> bool:
    tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
    return any(isinstance(n, ast.Call) and getattr(n.func, "attr", getattr(n.func, "id", None)) == name for n in ast.walk(tree))


def test_the_heading_rule_is_applied_by_the_converter_and_not_rewritten_by_the_site():
    assert _calls("generator/transforms/headings.py", "heading_levels")
    assert _calls("archive_site/pages/typeset.py", "heading_levels")
    typeset = (ROOT / "archive_site/pages/typeset.py").read_text(encoding="utf-8")
    assert "last_level" not in typeset and "seen_h2" not in typeset


def test_the_annual_index_is_read_by_a_reader_and_rendered_by_a_writer():
    assert _calls("generator/readers/back.py", "read_index")
    writer = (ROOT / "generator/writers/back_matter_md.py").read_text(encoding="utf-8")
    assert "ENTRY_ISSUE" not in writer and "年\\s*第" not in writer


def test_the_search_box_takes_the_shared_names_from_the_site():
    """search-core.js and search.js hold no copy of a name the Python side defines (the
    record anchor, the terms section, the scope filter): search.json brings them. And no
    test hook: the tests watch what a reader's browser sees (aria-busy, the results)."""
    for name in ("search-core.js", "search.js"):
        js = (ROOT / "theme/assets/javascripts" / name).read_text(encoding="utf-8")
        code = re.sub(r"^\s*(?://|/?\*).*$", "", js, flags=re.M)  # comments may name them
        for copy in ('"#ja-record"', "ja-search-terms", '"检索词', '"record"', '"text"', "data-done", "window.__"):
            assert copy not in code, (name, copy)


# ---------------------------------------------------------------- imports


def _modules() -> dict[str, Path]:
    mods = {}
    for pkg in ("generator", "archive_site"):
        for path in (ROOT / pkg).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            mods[name.removesuffix(".__init__")] = path
    return mods


def _imports(mods: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the project's modules it imports (anywhere in it, also inside functions)."""
    graph = {}
    for mod, path in mods.items():
        deps = set()
        package = mod.split(".") if path.name == "__init__.py" else mod.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                deps.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
                target = ".".join(p for p in (base, node.module or "") if p)
                deps.update(f"{target}.{a.name}" if f"{target}.{a.name}" in mods else target for a in node.names)
        graph[mod] = {d for d in deps if d in mods and d != mod}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle():
    assert _cycles(_imports(_modules())) == []


def test_the_site_side_imports_only_the_contract():
    graph = _imports(_modules())
    for mod, deps in graph.items():
        if mod.startswith("archive_site"):
            assert {d for d in deps if d.startswith("generator")} <= CONTRACT, (mod, deps)
        else:
            assert not {d for d in deps if d.startswith("archive_site")}, mod
    assert graph["generator.cjk"] == set(), "the text module imports nothing of the project"
    assert graph["generator.unchanged"] == set(), "nor does the files' memo"


def test_archive_site_modules_stay_small():
    big = {p.relative_to(ROOT).as_posix(): n for p in (ROOT / "archive_site").rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300}
    assert not big, big
