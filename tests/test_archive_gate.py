"""Issue 11 for archivists: `add` as a publishing gate, the report naming every page and its
address, sources stored as UTF-8 (originals kept beside), file modes, stale temporaries,
Ctrl-C, `list` and `remove`, --help and the language switch."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from generator import archive
from generator.archive import AddError, GateError, add, list_archive, remove
from generator.build import build_pages
from generator.cache import ConvertCache
from generator.cjk import has_han
from generator.cli import main
from generator.load import source_files
from test_archive import SAMPLES, tree

S001, S002, S003 = (SAMPLES[k][0] for k in ("001", "002", "003"))


def _cache(arch: Path) -> ConvertCache:
    return ConvertCache(arch / ".cache" / "convert")


def _add(arch: Path, *files, **kw):
    return add([Path(f) for f in files], arch / "sources", arch / "content", cache=_cache(arch), **kw)


def _remove(arch: Path, key: str, **kw):
    return remove(key, arch / "sources", arch / "content", cache=_cache(arch), **kw)


def _mutated(tmp_path: Path, src: Path, edits: dict[int, tuple[str, str]], name: str | None = None) -> Path:
    lines = src.read_text(encoding="utf-8").split("\n")
    for n, (old, new) in edits.items():
        assert old in lines[n - 1], (n, lines[n - 1][:80])
        lines[n - 1] = lines[n - 1].replace(old, new, 1)
    out = tmp_path / (name or src.name)
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def consistent(arch: Path) -> None:
    """content/ is exactly what a full build of sources/ gives."""
    pages, _issues, _diags, errors = build_pages(source_files(arch / "sources"), _cache(arch))
    assert not errors
    on_disk = {p.relative_to(arch / "content").as_posix(): p.read_text(encoding="utf-8") for p in (arch / "content").rglob("*.md")}
    assert on_disk == pages


# ---------------------------------------------------------------- the gate


def test_error_diagnostic_refuses_add(arch, tmp_path, capsys, monkeypatch):
    _add(arch, S001)
    overlap = _mutated(tmp_path, S003, {632: ("0042-23", "0042-26")})  # PAGE_OVERLAP: an error
    before = tree(arch)
    with pytest.raises(GateError) as exc:
        _add(arch, overlap)
    assert exc.value.exit_code == 2 and "--force" in str(exc.value)
    assert "PAGE_OVERLAP" in exc.value.report and "content/gjwtyj/2025/06/p042.md" in exc.value.report
    assert tree(arch) == before
    monkeypatch.chdir(arch)
    assert main(["add", str(overlap)]) == 2
    out, err = capsys.readouterr()
    assert "PAGE_OVERLAP" in out and "--force" in err and len(err.splitlines()) == 1
    assert tree(arch) == before
    assert main(["add", str(overlap), "--dry-run"]) == 2  # a dry run says what the add would do: refuse
    capsys.readouterr()
    plan, text = _add(arch, overlap, force=True)
    assert plan.errors() and (arch / "sources" / "gjwtyj" / "2025-06.txt").exists()
    consistent(arch)


def test_warnings_do_not_refuse(arch):
    plan, text = _add(arch, S002)  # two EN_ABSTRACT_UNMATCHED infos
    assert plan.diagnostics and not plan.errors()


def test_report_names_every_page_and_address(arch, tmp_path):
    _add(arch, S003)
    # a typo renumbers article 2 (p.22 -> p.23): its published page goes away and must be named
    typo = _mutated(tmp_path, S003, {316: ("0022-20", "0023-19")})
    before = {p.relative_to(arch / "content").as_posix(): p.read_bytes() for p in (arch / "content").rglob("*.md")}
    plan, text = _add(arch, typo, replace=True)
    after = {p.relative_to(arch / "content").as_posix(): p.read_bytes() for p in (arch / "content").rglob("*.md")}
    assert "gjwtyj/2025/06/p022.md" in plan.deletes and "gjwtyj/2025/06/p023.md" in plan.new_pages
    lines = text.splitlines()
    for page in set(before) | set(after):
        if before.get(page) == after.get(page):
            assert f"content/{page} " not in text, page  # an unchanged page is not listed
            continue
        label = "新增" if page not in before else "删除" if page not in after else "更改"
        row = [ln for ln in lines if f"content/{page} " in ln]
        assert len(row) == 1 and row[0].split()[0] == label, (page, row)
    assert any(ln.split()[-1] == "/gjwtyj/2025/06/p022/" and ln.split()[0] == "删除" for ln in lines)
    assert "已发布的页面将从网站上消失" in text
    consistent(arch)


# ---------------------------------------------------------------- how sources are stored


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-8-crlf", "utf-8"])
def test_sources_stored_as_utf8_lf(arch, tmp_path, encoding):
    text = S002.read_text(encoding="utf-8")
    data = text.replace("\n", "\r\n").encode("utf-8") if encoding == "utf-8-crlf" else text.encode(encoding)
    given = tmp_path / "given.txt"
    given.write_bytes(data)
    plan, report_text = _add(arch, given)
    stored = arch / "sources" / "ddmgpl" / "2025-01-p064.txt"
    assert stored.read_bytes() == text.encode("utf-8")
    original = arch / "sources" / ".originals" / "ddmgpl" / "2025-01-p064.txt"
    if encoding == "utf-8":
        assert not original.exists() and ".originals" not in report_text
    else:
        assert original.read_bytes() == data and "sources/.originals/ddmgpl/2025-01-p064.txt" in report_text
        # replaced or removed, the original goes along with its source
        plan, _ = _add(arch, S002, replace=True)
        kept = plan.replaced[0][1]
        assert not original.exists()
        assert (arch / "sources" / kept.replace(".txt", ".original.txt")).read_bytes() == data
    assert [p.relative_to(arch / "sources").as_posix() for p in source_files(arch / "sources")] == ["ddmgpl/2025-01-p064.txt"]
    consistent(arch)


def test_files_are_0644(arch):
    old = os.umask(0o022)
    try:
        _add(arch, S002)
        _add(arch, S002, replace=True)
    finally:
        os.umask(old)
    for p in [*(arch / "sources").rglob("*"), *(arch / "content").rglob("*")]:
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode == (0o755 if p.is_dir() else 0o644), (p, oct(mode))


def test_replaced_copies_are_pruned(arch, monkeypatch):
    _add(arch, S002)
    stamps = iter(f"2025010{k}T000000000000Z" for k in range(1, 9))
    monkeypatch.setattr(archive.plan, "timestamp", lambda: next(stamps))
    for _ in range(7):
        _add(arch, S002, replace=True)
    kept = sorted(p.name for p in (arch / "sources" / ".replaced").rglob("*.txt"))
    assert kept == [f"2025-01-p064.2025010{k}T000000000000Z.txt" for k in range(3, 8)]  # the newest five


def test_stale_temporaries_are_removed_on_the_next_run(arch):
    _add(arch, S002)
    folder = arch / "content" / "ddmgpl" / "2025" / "01"
    stale = [folder / ".p064.md.abc123.tmp", arch / "sources" / "ddmgpl" / ".2025-01-p064.txt.bak-0badf00d",
             arch / ".cache" / ".add-journal.json.x1y2.tmp"]
    for p in stale:
        p.write_text("left by a kill", encoding="utf-8")
    keep = arch / "content" / ".pages"  # a hidden file of someone else's: not ours to remove
    keep.write_text("x", encoding="utf-8")
    holdings, notes = list_archive(arch / "sources", arch / "content", cache=_cache(arch))
    assert len(holdings) == 1 and any("3" in n for n in notes)
    assert not any(p.exists() for p in stale) and keep.exists()


def test_interrupted_build_swap_is_recovered(arch):
    _add(arch, S002)
    before = tree(arch)
    (arch / "content").rename(arch / "content.old")  # killed between build's two renames
    (arch / ".content-abcd").mkdir()
    (arch / ".content-abcd" / "index.md").write_text("half", encoding="utf-8")
    list_archive(arch / "sources", arch / "content", cache=_cache(arch))
    assert tree(arch) == before and not (arch / "content.old").exists() and not (arch / ".content-abcd").exists()


def test_ctrl_c_prints_one_line(arch, capsys, monkeypatch):
    monkeypatch.chdir(arch)
    before = tree(arch)

    def interrupted(plan):
        raise KeyboardInterrupt

    monkeypatch.setattr(archive, "apply", interrupted)
    assert main(["add", str(S002)]) == 130
    out, err = capsys.readouterr()
    assert len(err.splitlines()) == 1 and "Ctrl-C" in err and "Traceback" not in err
    assert tree(arch) == before


# ---------------------------------------------------------------- list and remove


def test_list_table_and_json(arch, capsys, monkeypatch):
    for s in (S001, S002, S003):
        _add(arch, s)
    monkeypatch.chdir(arch)
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    row = next(ln for ln in out.splitlines() if ln.startswith("gjwtyj/2025-06 "))
    assert row.split() == ["gjwtyj/2025-06", "整期", "国际问题研究", "2025", "6", "7", "sources/gjwtyj/2025-06.txt"]
    assert "共 3 个源文件，9 篇文章" in out
    assert main(["list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {d["id"]: (d["kind"], d["articles"], d["source"]) for d in data} == {
        "documents/bei-yue-2022-zhan-lve-gai-nian": ("document", 1, "sources/documents/bei-yue-2022-zhan-lve-gai-nian.txt"),
        "ddmgpl/2025-01-p064": ("article", 1, "sources/ddmgpl/2025-01-p064.txt"),
        "gjwtyj/2025-06": ("issue", 7, "sources/gjwtyj/2025-06.txt"),
    }


@pytest.mark.parametrize("key", ["gjwtyj/2025-06", "sources/gjwtyj/2025-06.txt", "gjwtyj/2025-06.txt"])
def test_remove_rewrites_only_what_mentioned_it(arch, key, monkeypatch):
    for s in (S001, S002):
        _add(arch, s)
    only_two = {p: p.read_bytes() for p in (arch / "content").rglob("*.md")}
    _add(arch, S003)
    monkeypatch.chdir(arch)
    before = tree(arch)
    plan, text = _remove(arch, key, dry_run=True)
    assert tree(arch) == before and "将移除" in text and "试运行" in text
    stamps = {p: p.stat().st_mtime_ns for p in (arch / "content").rglob("*.md")}
    plan, text = _remove(arch, key)
    assert not (arch / "sources" / "gjwtyj" / "2025-06.txt").exists()
    assert (arch / "sources" / plan.replaced[0][1]).read_bytes() == S003.read_bytes()
    after = {p: p.read_bytes() for p in (arch / "content").rglob("*.md")}
    assert after == only_two  # as if it had never been added
    untouched = [p for p in after if p.relative_to(arch / "content").as_posix() not in plan.writes]
    assert untouched and all(p.stat().st_mtime_ns == stamps[p] for p in untouched)
    assert "content/gjwtyj/2025/06/p022.md" in text and "/gjwtyj/2025/06/p022/" in text
    consistent(arch)


def test_remove_refuses_unknown_and_ambiguous(arch, capsys, monkeypatch):
    _add(arch, S003)
    (arch / "sources" / "copy.txt").write_bytes(S003.read_bytes())  # the same issue under a second name
    before = tree(arch)
    with pytest.raises(AddError, match="gjwtyj/2099-01"):
        _remove(arch, "gjwtyj/2099-01")
    with pytest.raises(AddError, match="copy.txt"):
        _remove(arch, "gjwtyj/2025-06")
    assert tree(arch) == before
    monkeypatch.chdir(arch)
    assert main(["remove", "nope/1"]) == 1
    assert "journal-archive list" in capsys.readouterr().err
    _remove(arch, "sources/copy.txt")  # by path it is clear
    assert not (arch / "sources" / "copy.txt").exists()


def test_list_and_remove_a_source_that_does_not_convert(arch, capsys, monkeypatch):
    _add(arch, S002)
    (arch / "sources" / "scan.txt").write_bytes(b"\x00\x01" * 64)  # put there by hand
    holdings, _ = list_archive(arch / "sources", arch / "content", cache=_cache(arch))
    bad = next(h for h in holdings if h.source == "sources/scan.txt")
    assert bad.id == "sources/scan.txt" and bad.kind == "" and "二进制" in bad.error
    before = {p: p.read_bytes() for p in (arch / "content").rglob("*.md")}
    plan, text = _remove(arch, bad.id)
    assert not plan.writes and not plan.deletes and not (arch / "sources" / "scan.txt").exists()
    assert {p: p.read_bytes() for p in (arch / "content").rglob("*.md")} == before


# ---------------------------------------------------------------- help and language


@pytest.mark.parametrize("command", ["convert", "build", "add", "remove", "list", "check"])
def test_every_command_explains_its_arguments(command, capsys):
    import argparse

    from generator.cli import parser

    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    for action in sub.choices[command]._actions:
        assert action.help and len(action.help) >= 5, (command, action.dest)
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "--lang" in out and has_han(out)


def test_english_switch(arch, capsys, monkeypatch):
    monkeypatch.chdir(arch)
    assert main(["--lang", "en", "add", str(S002), "--dry-run"]) == 0
    assert "would add 当代美国评论 2025 No.1 (single article, pp.64-81)" in capsys.readouterr().out
    monkeypatch.setenv("JOURNAL_ARCHIVE_LANG", "en")
    assert main(["remove", "x/1"]) == 1
    assert "is not in the archive" in capsys.readouterr().err
