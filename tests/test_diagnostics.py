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


def _edited(tmp_path: Path, sample: str, edits: dict[int, tuple[str, str]], name: str) -> Path:
    """A copy of sources/<sample> with line N's `old` replaced by `new` (1-based lines)."""
    lines = (ROOT / "sources" / sample).read_text(encoding="utf-8").split("\n")
    for n, (old, new) in edits.items():
        assert old in lines[n - 1], (n, lines[n - 1][:80])
        lines[n - 1] = lines[n - 1].replace(old, new, 1)
    out = tmp_path / name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def _planted():
    """(lines, name): one text per placement fault, planted by the shape of the text."""
    from test_placement import ARTICLE, ISSUE, index, lines_of

    L = lines_of(ISSUE)
    t = index(L, r"^相互成就：上海合作组织与")
    yield L[:t] + L[t + 1:], ISSUE  # TITLE_LINE_MISSING
    a, a4, a5 = index(L, r"0042-23"), index(L, r"0065-21"), index(L, r"0086-24")
    e, e4, e5 = index(L, r"责任编辑", a), index(L, r"责任编辑", a4), index(L, r"责任编辑", a5)
    yield L[: a + 1] + [""] + L[e:], ISSUE  # BODY_EMPTY
    yield L[: a + 1] + ["", "美国关税战背景下，东盟国家面临困境。", ""] + L[e:], ISSUE  # BODY_SHORT: one sentence for 23 pages
    yield L[: a4 + 1] + L[a5 + 1 : e5] + L[e4 : a5 + 1] + L[a4 + 1 : e4] + L[e5:], ISSUE  # BODY_FOREIGN
    t6, t7 = index(L, r"^澳大利亚小多边政策"), index(L, r"^两极政治与韩国外交路线之争")
    end = index(L, r"^Abstracts$", t7)
    yield L[:t6] + L[t7:end] + L[t6:t7] + L[end:], ISSUE  # ARTICLE_ORDER
    n = index(L, r"^\[1\] 习近平：《新起点")
    yield L[: n + 3] + [""] + L[n : n + 3] + L[n + 4:], ISSUE  # NOTE_BLOCK_REPEATED, NOTE_SWALLOWS_TEXT
    k = index(L, r"^台，金砖合作机制的战略意义")
    yield L[:k] + ["· 2 · 国际问题研究 2025 年第 6 期"] + L[k:], ISSUE  # RUNNING_HEAD
    h = index(L, r"^三、")
    h2 = index(L, r"^四、", h)
    yield L[:h] + ["四、" + L[h][2:]] + L[h + 1 : h2] + ["五、" + L[h2][2:]] + L[h2 + 1:], ISSUE  # HEADING_SKIP
    kw = index(L, r"^〔关 键 词〕", index(L, r"0022-20") - 12)
    yield L[:kw] + [L[kw].replace("〔关 键 词〕", "关健词〕")] + L[kw + 1:], ISSUE  # LABEL_GARBLED
    yield L[:kw] + ["〔责任者〕某某", ""] + L[kw:], ISSUE  # LABEL_UNKNOWN
    c = index(L, r"^〔中图分类号〕D820")
    yield L[:c] + ["〔中图分类号〕D8l5〔文献标识码〕A"] + L[c + 3:], ISSUE  # LABEL_RUN_TOGETHER, CODE_INVALID
    no = index(L, r"0001-21")
    yield L[:no] + ["〔文章编号〕０４５２ ８８３２（２０２５）６ 期 ０００１-２１"] + L[no + 1:], ISSUE  # CODE_WIDTH
    y = index(L, r"^YANG Na$", end)
    z = index(L, r"^ZENG Xianghong & ZHANG Yu$", y)
    yield L[:y] + [L[z]] + L[y + 1 : z] + [L[y]] + L[z + 1:], ISSUE  # EN_BYLINE_MISMATCH
    A = lines_of(ARTICLE)
    yield A, ARTICLE


def test_each_code_is_raised_where_the_registry_says(tmp_path, monkeypatch):
    """Every code is made to be raised (the samples, the fixtures, and a faulty input or
    archive for each of the others), and where each diagnostic is created is observed:
    the module the registry names, and no other (copies made with dataclasses.replace aside)."""
    import dataclasses
    import sys

    from generator import check as check_module
    from generator import diagnostics
    from generator.model import Diagnostic as ModelDiagnostic
    from generator import pipeline
    from generator.pipeline import convert_text
    from generator.transforms import conserve
    from regen_golden import FIXTURES

    assert ModelDiagnostic is Diagnostic
    raised: dict[str, set[str]] = {}
    findings: dict[str, set[str]] = {}

    def caller(frame) -> str | None:
        """The first frame outside diagnostics.py and dataclasses.py; None for a copy."""
        while frame and frame.f_code.co_filename in (diagnostics.__file__, dataclasses.__file__, "<string>"):
            if frame.f_code.co_filename == dataclasses.__file__ and frame.f_code.co_name == "replace":
                return None
            frame = frame.f_back
        return Path(frame.f_code.co_filename).resolve().relative_to(ROOT).as_posix()

    real_post_init, real_finding = Diagnostic.__post_init__, check_module.Finding

    def post_init(self):
        real_post_init(self)
        where = caller(sys._getframe(1))
        if where:
            raised.setdefault(self.code, set()).add(where)

    def finding(code, *args, **kw):
        findings.setdefault(code, set()).add(Path(sys._getframe(1).f_code.co_filename).resolve().relative_to(ROOT).as_posix())
        return real_finding(code, *args, **kw)

    monkeypatch.setattr(Diagnostic, "__post_init__", post_init)
    monkeypatch.setattr(check_module, "Finding", finding)

    for src in sorted((ROOT / "sources").glob("*.txt")) + sorted(FIXTURES.glob("*/*.txt")):
        convert_text(src.read_text(encoding="utf-8"), src.name)
    issue_003 = "003_9f707cb2b1b9ba7b.txt"
    faulty = [
        _edited(tmp_path, issue_003, {74: ("0001-21", "0001-19")}, "gap.txt"),  # PAGE_GAP: pp. 20-21 in no article
        _edited(tmp_path, issue_003, {316: ("0022-20", "第二十二页")}, "number.txt"),  # ARTICLE_NO_UNPARSED
        _edited(tmp_path, issue_003, {68: ("杨娜", "杨阳")}, "bio.txt"),  # BIO_NOT_IN_BYLINE
        _edited(tmp_path, issue_003, {11: ("新时代中国推进金砖合作的理念与实践", "")}, "toc.txt"),  # ARTICLE_NOT_IN_TOC
    ]
    text = (ROOT / "sources" / issue_003).read_text(encoding="utf-8")
    cut = text.index("美国重振造船业的国家安全逻辑与现实阻力\n\n□") + 300  # TOC_NO_ARTICLE: an issue cut short
    (tmp_path / "cut.txt").write_text(text[:cut], encoding="utf-8")
    (tmp_path / "scan.txt").write_bytes(bytes(range(256)) * 8)  # LOAD_ERROR
    for d, sample in (("a", issue_003), ("b", issue_003), ("c", "002_f37504ff9d225e68.txt")):  # DUPLICATE_ISSUE, _PAGE, _SOURCE_NAME
        (tmp_path / d).mkdir()
        (tmp_path / d / ("x.txt" if d != "a" else "2025-06.txt")).write_bytes((ROOT / "sources" / sample).read_bytes())
    check_module.check([*faulty, tmp_path / "cut.txt", tmp_path / "scan.txt", *sorted(tmp_path.glob("[abc]/*.txt"))])
    (tmp_path / "s").mkdir()  # SOURCE_LINK: a source linked from outside sources/
    (tmp_path / "s" / "linked.txt").symlink_to(ROOT / "sources" / issue_003)
    check_module.check([tmp_path / "s" / "linked.txt"], root=tmp_path / "s")
    # REF_UNRESOLVED, REF_AMBIGUOUS: notes citing an archived issue (tests/fixtures/references/, tests/test_network.py)
    refs = FIXTURES / "references"
    check_module.check([ROOT / "sources" / issue_003, refs / "unresolved.txt", refs / "ambiguous.txt"])
    issue = convert_text(text, issue_003)  # TEXT_UNPLACED: a paragraph a reader lost, simulated
    first = issue.articles[0]
    conserve.conserve(issue.with_(articles=(first.with_(blocks=first.blocks[1:]), *issue.articles[1:])), text)
    for lines, name in _planted():  # the placement checks' faults (each checked at its line in tests/test_placement.py)
        convert_text("\n".join(lines), name)
    steps = tuple((n, (lambda m, *_: 1 / 0) if n == "page_join" else f) for n, f in pipeline.STEPS)  # STEP_FAILED
    monkeypatch.setattr(pipeline, "STEPS", steps)
    convert_text(text, issue_003)

    where = {code: raised.get(code) or findings.get(code) for code in CODES}
    # the registry names one module per code; a missing label line (keywords, an author note) is found where labels are read
    also = {"MISSING_FIELD": {"generator/readers/head.py"}}
    assert where == {code: {entry.raised_by} | also.get(code, set()) for code, entry in CODES.items()}


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
