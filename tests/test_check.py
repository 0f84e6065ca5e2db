"""`journal-archive check` and the validations of generator/transforms/validate.py.

The expected diagnostics on the three samples are derived from the hand-written
anomaly notes of each sample (the eval truth, summarised here so the tests
need nothing outside the repo):

- 001 (a document): no journal front matter, no notes, no TOC -> nothing to report.
- 002 (a single article of 当代美国评论 2025/1): "the file holds the English
  abstracts of three articles of the issue ... Only (2) belongs to this article;
  (1) and (3) are back matter" -> exactly two EN_ABSTRACT_UNMATCHED, on the
  title lines of abstracts (1) L243 and (3) L261, as `info` (expected in a file
  cut from an issue). All notes match, so no NOTE_*.
- 003 (国际问题研究 2025/6): "every reference matched ... no orphan references or
  definitions" -> no NOTE_*; "TOC titles and author strings match the bylines",
  "TOC page numbers agree with the start pages", "page ranges are contiguous"
  -> no TOC_*, PAGE_*; all English abstracts belong to articles; star notes
  inserted mid-sentence are not cut paragraphs (the sentence continues).
  The editor spelled 吴劲杰 vs 吴劭杰 is an anomaly but not mechanically decidable.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.check import as_table, check, run
from generator.model import Article, Author, EnglishAbstract, Issue
from generator.transforms.validate import validate

REPO = Path(__file__).resolve().parent.parent
SAMPLES = {
    "001": REPO / "sources" / "001_f4a2fdcc306d3886.txt",
    "002": REPO / "sources" / "002_f37504ff9d225e68.txt",
    "003": REPO / "sources" / "003_9f707cb2b1b9ba7b.txt",
}


def _found(paths):
    return {(f.code, Path(f.file).name, f.line, f.severity) for f in check(paths)}


def test_samples_exact_diagnostics():
    assert _found(list(SAMPLES.values())) == {
        ("EN_ABSTRACT_UNMATCHED", "002_f37504ff9d225e68.txt", 243, "info"),
        ("EN_ABSTRACT_UNMATCHED", "002_f37504ff9d225e68.txt", 261, "info"),
    }


@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_no_note_or_toc_diagnostics_on_samples(key):
    codes = {f.code for f in check([SAMPLES[key]])}
    assert not {c for c in codes if c.startswith(("NOTE_", "TOC_", "PAGE_", "ARTICLE_"))}
    assert "PARA_CUT" not in codes and "SUSPICIOUS_CHAR" not in codes and "MISSING_FIELD" not in codes


def _mutated(tmp_path: Path, key: str, edits: dict[int, tuple[str, str]]) -> Path:
    """A copy of a sample with line N's `old` replaced by `new` (1-based lines)."""
    lines = SAMPLES[key].read_text(encoding="utf-8").split("\n")
    for n, (old, new) in edits.items():
        assert old in lines[n - 1], (n, lines[n - 1][:80])
        lines[n - 1] = lines[n - 1].replace(old, new, 1)
    out = tmp_path / SAMPLES[key].name
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def test_suspicious_characters(tmp_path):
    # L100 is a body paragraph of article 1, L2215 the text of an English abstract.
    src = _mutated(tmp_path, "003", {100: ("金砖", "é‡‘ç –Ã©"), 292: ("结语", "结\ufffd语")})
    found = {(f.code, f.line) for f in check([src])}
    assert ("SUSPICIOUS_CHAR", 100) in found
    assert ("SUSPICIOUS_CHAR", 292) in found
    assert {c for c, _ in found} <= {"SUSPICIOUS_CHAR"}


def test_control_character(tmp_path):
    src = _mutated(tmp_path, "002", {43: ("目标", "目\x07标")})
    assert [(f.code, f.line) for f in check([src])if f.code == "SUSPICIOUS_CHAR"] == [("SUSPICIOUS_CHAR", 43)]


def test_page_gap_and_overlap(tmp_path):
    # article 1 printed as 1-19 (gap pp.20-21); article 3 as 0042-26 -> runs to 67, overlaps article 4 (p.65)
    src = _mutated(tmp_path, "003", {74: ("0001-21", "0001-19"), 632: ("0042-23", "0042-26")})
    found = {(f.code, f.line, f.severity) for f in check([src]) if f.code.startswith("PAGE_")}
    assert found == {("PAGE_GAP", 298, "warning"), ("PAGE_OVERLAP", 962, "error")}


def test_cut_paragraph_before_heading(tmp_path):
    # the paragraph before the heading '二 美国对北约政策的相应调整' (L45) loses its last words
    src = _mutated(tmp_path, "002", {43: ("大国竞争的战略目标。", "大国竞争的战略")})
    found = [f for f in check([src]) if f.code == "PARA_CUT"]
    assert len(found) == 1 and found[0].line == 43 and "二 美国对北约政策" in found[0].message


def test_cut_paragraph_at_end_of_article():
    art = Article("article", "T", 1, blocks=(), authors=(Author("张三"),), first_page=1, last_page=2)
    from generator.model import Block

    art = art.with_(blocks=(Block("para", "完整的一句话。", 3), Block("para", "这一段没有说完就", 5)))
    issue = validate(Issue("x.txt", "article", "journal", journal="J", year=2025, number=1, articles=(art,)))
    assert [(d.code, d.span.line) for d in issue.diagnostics] == [("PARA_CUT", 5)]


def test_missing_fields_and_unmatched_abstract_in_issue():
    arts = (
        Article("article", "有作者的文章", 10, authors=(Author("杨娜"),), first_page=1, last_page=5),
        Article("article", "无作者无页码", 20),
    )
    ab = EnglishAbstract("Nobody's Article", ("LI Si",), "An abstract.", line=30)
    issue = validate(Issue("x.txt", "issue", "journal", journal="J", year=2025, number=1, articles=arts, english_abstracts=(ab,)))
    got = sorted((d.code, d.span.line, d.severity) for d in issue.diagnostics)
    assert got == [
        ("EN_ABSTRACT_UNMATCHED", 30, "warning"),  # in a whole issue every abstract should have its article
        ("MISSING_FIELD", 20, "warning"),  # authors
        ("MISSING_FIELD", 20, "warning"),  # pages
    ]


def test_documents_need_no_authors_or_pages():
    doc = Issue("d.txt", "document", "document", articles=(Article("document", "战略概念", 1),))
    assert validate(doc).diagnostics == ()


def test_run_json_table_and_exit_codes(tmp_path, capsys):
    assert run([str(SAMPLES["002"])], as_json_output=True) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(d["code"], d["line"], d["severity"]) for d in data] == [("EN_ABSTRACT_UNMATCHED", 243, "info"), ("EN_ABSTRACT_UNMATCHED", 261, "info")]
    assert set(data[0]) == {"code", "severity", "file", "line", "message"}
    bad = _mutated(tmp_path, "003", {632: ("0042-23", "0042-26")})  # PAGE_OVERLAP is an error
    assert run([str(bad)]) == 0
    assert run([str(bad)], strict=True) == 2
    out = capsys.readouterr().out
    assert "PAGE_OVERLAP" in out and "级别" in out.splitlines()[0]
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    assert run([str(binary)]) == 1
    assert "LOAD_ERROR" in capsys.readouterr().out


def test_whole_sources_dir_and_duplicates(tmp_path, capsys):
    src = tmp_path / "sources"
    (src / "a").mkdir(parents=True)
    shutil.copy(SAMPLES["003"], src / "a" / "2025-06.txt")
    shutil.copy(SAMPLES["003"], src / "003.txt")
    findings = check(sorted(src.rglob("*.txt")))
    codes = {f.code for f in findings}
    assert "DUPLICATE_ISSUE" in codes and "DUPLICATE_PAGE" in codes
    assert "DUPLICATE_ISSUE" in as_table(findings)
    assert run([], sources=str(src), strict=True, use_cache=False) == 2
