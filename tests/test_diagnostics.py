"""The diagnostics registry (generator/diagnostics.py) is the one list of codes:
nothing raises a code it does not hold, each code is raised where it says, and
the README's table is the registry's."""

import re
from pathlib import Path

import pytest

from generator.diagnostics import CODES, Diagnostic, Span, markdown_table, readme_with_table

ROOT = Path(__file__).resolve().parent.parent
CODE_LITERAL = re.compile(r"""(?:Diagnostic|Finding|report)\(\s*["']([A-Z][A-Z_]+)["']""")


def _python_files():
    for folder in ("generator", "archive_site"):
        yield from (ROOT / folder).rglob("*.py")


def test_an_unregistered_code_cannot_be_raised():
    with pytest.raises(ValueError, match="not registered"):
        Diagnostic("NO_SUCH_CODE", "message", Span("x.txt", 1))


def test_severity_comes_from_the_registry_unless_given():
    assert Diagnostic("PAGE_OVERLAP", "m", Span("x.txt", 1)).severity == "error"
    assert Diagnostic("EN_ABSTRACT_UNMATCHED", "m", Span("x.txt", 1), "info").severity == "info"


def test_every_code_in_the_code_is_registered():
    used = {m.group(1): p for p in _python_files() for m in CODE_LITERAL.finditer(p.read_text(encoding="utf-8"))}
    assert used, "the pattern finds the places that raise diagnostics"
    unknown = {code: str(p.relative_to(ROOT)) for code, p in used.items() if code not in CODES}
    assert not unknown


def test_each_code_is_raised_where_the_registry_says():
    for entry in CODES.values():
        source = (ROOT / entry.raised_by).read_text(encoding="utf-8")
        assert f'"{entry.code}"' in source, f"{entry.code} is not raised in {entry.raised_by}"


def test_every_message_reads_in_chinese_and_english():
    """Each diagnostic the samples and fixtures raise has its detail for both templates."""
    from generator.pipeline import convert_text
    from regen_golden import FIXTURES

    sources = sorted((ROOT / "sources").glob("*.txt")) + sorted(FIXTURES.glob("*/*.txt"))
    seen = set()
    for src in sources:
        for d in convert_text(src.read_text(encoding="utf-8"), src.name).diagnostics:
            seen.add(d.code)
            assert d.text("en") == CODES[d.code].en.format(**dict(d.detail)) == d.message
            zh = d.text("zh")
            assert zh == CODES[d.code].zh.format(**dict(d.detail)) and zh != d.message, (d.code, zh)
    assert len(seen) >= 14, "the fixtures raise most codes"


def test_readme_table_is_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "README's diagnostics table is stale: python -m generator.diagnostics --readme"
    assert readme_with_table(readme) == readme
    for code in CODES:
        assert readme.count(f"| `{code}` |") == 1
