"""Hostile and odd inputs, through the real command line."""

import random
import subprocess
import sys
from pathlib import Path

import pytest

from regen_golden import ROOT, SOURCES, convert_cli, tree

SAMPLE_002 = SOURCES / "002_f37504ff9d225e68.txt"
SAMPLE_003 = SOURCES / "003_9f707cb2b1b9ba7b.txt"

PROSE = (
    "The quick brown fox jumps over the lazy dog. It was a bright cold day in April, "
    "and the clocks were striking thirteen.\n\n今天天气很好，我们去公园散步，看见很多人在放风筝。\n"
)

BAD = {
    "empty": b"",
    "blank": b"  \n\n\t \r\n   \n",
    "binary": random.Random(7).randbytes(4096),  # (was one byte repeated: a new Random(7) per byte)
    "zeros": b"\x00" * 100 + b"\x01\x02\x03" * 50,
    "prose": PROSE.encode("utf-8") * 20,
}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An output folder that already holds a page of someone else's."""
    d = tmp_path / "out"
    (d / "keep").mkdir(parents=True)
    (d / "keep" / "mine.md").write_text("---\nkind: article\n---\n\nexisting\n", encoding="utf-8")
    return d


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_refused_in_one_line(name: str, tmp_path: Path, out: Path):
    src = tmp_path / f"{name}.txt"
    src.write_bytes(BAD[name])
    before = tree(out)
    stat = (out / "keep" / "mine.md").stat().st_mtime_ns
    proc = convert_cli([src], out)
    assert proc.returncode != 0
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert str(src) in lines[0]  # the file as it was named on the command line
    assert "Traceback" not in proc.stderr
    reason = lines[0].split(src.name, 1)[1].strip(": ")
    assert reason and "internal error" not in reason, lines[0]
    assert tree(out) == before, "something was written for a refused input"
    assert (out / "keep" / "mine.md").stat().st_mtime_ns == stat


def test_reasons_name_the_problem(tmp_path: Path):
    # the file names do not hold the words looked for; the reasons are in Chinese (the readers' own in English)
    want = {"empty": "空文件", "blank": "空白文件", "binary": "二进制数据", "zeros": "二进制数据", "prose": "unrecognised"}
    for k, (name, word) in enumerate(want.items()):
        src = tmp_path / f"input{k}.txt"
        src.write_bytes(BAD[name])
        proc = convert_cli([src], tmp_path / "o")
        assert word in proc.stderr, (name, proc.stderr)


def test_missing_file(tmp_path: Path, out: Path):
    proc = convert_cli([tmp_path / "nope.txt"], out)
    assert proc.returncode != 0 and len(proc.stderr.splitlines()) == 1 and "nope.txt" in proc.stderr


def test_one_bad_input_does_not_stop_the_others(tmp_path: Path, out: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    proc = convert_cli([bad, SAMPLE_002], out)
    assert proc.returncode != 0
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("错误")]
    assert len(errors) == 1 and "bad.txt" in errors[0]
    assert (out / "ddmgpl" / "2025" / "01" / "p064.md").exists()
    assert (out / "keep" / "mine.md").read_text(encoding="utf-8").endswith("existing\n")


def _convert_bytes(data: bytes, tmp: Path, name: str = SAMPLE_002.name) -> dict[str, bytes]:
    src = tmp / "in" / name
    src.parent.mkdir(parents=True)
    src.write_bytes(data)
    proc = convert_cli([src], tmp / "out")
    assert proc.returncode == 0, proc.stderr
    return tree(tmp / "out")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-8-sig", "crlf", "cr"])
def test_encodings_give_the_same_output(encoding: str, tmp_path: Path):
    text = SAMPLE_002.read_text(encoding="utf-8")
    want = _convert_bytes(text.encode("utf-8"), tmp_path / "utf8")
    if encoding == "crlf":
        data = text.replace("\n", "\r\n").encode("utf-8")
    elif encoding == "cr":
        data = text.replace("\n", "\r").encode("utf-8")
    elif encoding == "utf-16-le-bom":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    assert data != text.encode("utf-8")
    got = _convert_bytes(data, tmp_path / encoding)
    assert got == want


def test_gb18030_issue_same_as_utf8(tmp_path: Path):
    text = SAMPLE_003.read_text(encoding="utf-8")
    want = _convert_bytes(text.encode("utf-8"), tmp_path / "a", SAMPLE_003.name)
    assert _convert_bytes(text.encode("gb18030"), tmp_path / "b", SAMPLE_003.name) == want


HOSTILE = """# 标题<script>alert(1)</script>

张三

**【内容提要】**提要<script>alert(2)</script>。

**【关键词】**甲<script>;乙

**【作者】**张三,<img src=x onerror=alert(3)>大学教授。

正文<script>alert(4)</script>，<iframe src="https://evil.example"></iframe>。<sup>①</sup>

<script>
alert(5)
</script>

① 注释<script>alert(6)</script> [链接](javascript:alert(7)) <https://example.org/ok>

## **Title <script>x</script>**

**ZHANG San**

[ Abstract ] English <script>alert(8)</script>.
"""


def test_raw_html_is_escaped(tmp_path: Path):
    """The Markdown bodies hold no raw HTML from the source; the front matter holds the text
    verbatim (YAML is data: the templates escape it, tests/test_inert.py)."""
    from generator.meta import parse

    pages = _convert_bytes(HOSTILE.encode("utf-8"), tmp_path, "hostile.txt")
    assert pages
    bodies = []
    for v in pages.values():
        page = v.decode("utf-8")
        bodies.append(page[page.index("\n---\n", 4) + 5:] if page.startswith("---\n") else page)
        if "title" in (meta := parse(page)) and meta.get("kind") == "article":
            assert meta["title"] == "标题<script>alert(1)</script>"  # as printed, not pre-escaped
    text = "\n".join(bodies).lower()
    for bad in ("<script", "<img", "<iframe"):
        assert bad not in text, bad
    assert "](javascript:" not in text.replace("\\](javascript:", "")  # a javascript: link stays text
    assert "&lt;script" in text  # kept visible, not dropped
    assert "<https://example.org/ok>" in text  # autolinks survive


def test_truncated_issue_converts_what_is_there(tmp_path: Path):
    text = SAMPLE_003.read_text(encoding="utf-8")
    cut = text.index("美国重振造船业的国家安全逻辑与现实阻力\n\n□")  # the 4th article's title page
    cut += len("美国重振造船业的国家安全逻辑与现实阻力\n\n□ 崔 磊\n\n〔提 要〕美国") + 200
    src = tmp_path / SAMPLE_003.name
    src.write_text(text[:cut], encoding="utf-8")
    proc = convert_cli([src], tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    issue = tmp_path / "out" / "gjwtyj" / "2025" / "06"
    for page in ("index.md", "p001.md", "p022.md", "p042.md", "p065.md"):
        assert (issue / page).exists(), page
    assert not (issue / "p086.md").exists()
    assert "TOC_NO_ARTICLE" in proc.stderr  # the lost articles are reported


def test_truncated_mid_byte(tmp_path: Path):
    data = SAMPLE_002.read_bytes()
    data = data[: len(data) // 2]
    while data[-1] & 0xC0 == 0x80:  # cut inside a UTF-8 sequence
        data = data[:-1]
    data = data[:-1]
    src = tmp_path / "in" / SAMPLE_002.name
    src.parent.mkdir()
    src.write_bytes(data)
    proc = convert_cli([src], tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    assert list((tmp_path / "out").rglob("*.md"))


def test_broken_utf8_sequence_refused_not_misread(tmp_path: Path):
    """A UTF-8 file with one damaged character must not be re-read as GB18030 mojibake."""
    data = SAMPLE_002.read_bytes()
    i = len(data) // 2
    while data[i] < 0xE0:
        i += 1
    src = tmp_path / SAMPLE_002.name
    src.write_bytes(data[: i + 1] + data[i + 2 :])
    proc = convert_cli([src], tmp_path / "out")
    assert proc.returncode != 0 and len(proc.stderr.splitlines()) == 1, proc.stderr
    assert not (tmp_path / "out").exists()  # not even the output folder is made


LONG_LINES = {
    "cjk": "中文长行没有任何换行，" * 300_000,
    "heading-like": "一、" * 1_000_000,
    "markers": "<sup>①</sup>^[1]^{2}" * 150_000,
    "open-markers": "<sup>" * 500_000 + "^[" * 300_000,
    "spaces": "甲 " * 1_000_000 + "乙",
    "labels": "〔提 要〕" * 300_000,
    "latin": "word " * 600_000,
}


@pytest.mark.parametrize("kind", sorted(LONG_LINES))
def test_multi_megabyte_single_line_is_fast(kind: str, tmp_path: Path):
    """Within the timeout: a run of abstract labels is an article without title or text,
    converted with the errors that say so; none of the others is an article (no title with
    an abstract label or byline): each is refused in one line naming the file, and nothing
    is written."""
    src = tmp_path / f"{kind}.txt"
    src.write_text(LONG_LINES[kind], encoding="utf-8")
    assert src.stat().st_size > 2_000_000
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "convert", str(src), "--out", str(tmp_path / "out")],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert "Traceback" not in proc.stderr
    if kind == "labels":
        assert proc.returncode == 0, proc.stderr[-500:]
        assert "error BODY_EMPTY" in proc.stderr and "error MISSING_FIELD" in proc.stderr
        return
    assert proc.returncode == 1 and len(proc.stderr.splitlines()) == 1, proc.stderr[-500:]
    assert str(src) in proc.stderr and "unrecognised structure" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_multi_megabyte_paragraph_inside_an_article(tmp_path: Path):
    head = "# 长段落\n\n张三\n\n**【内容提要】**提要。\n\n**【关键词】**甲;乙\n\n"
    body = "这是一个非常长的段落，其中有引用<sup>①</sup>和英文 words here，" * 60_000 + "结束。\n\n① 注释。\n"
    src = tmp_path / "long.txt"
    src.write_text(head + body, encoding="utf-8")
    assert src.stat().st_size > 4_000_000
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "convert", str(src), "--out", str(tmp_path / "out")],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr[-500:]
    (page,) = (tmp_path / "out").rglob("*.md")
    assert page.stat().st_size > 4_000_000
