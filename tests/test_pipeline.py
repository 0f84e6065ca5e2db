"""The pipeline is data: named steps, runnable up to or only some of them, and a
step that crashes becomes a STEP_FAILED diagnostic, the model before it kept."""

from pathlib import Path

import pytest

from generator import pipeline
from generator.cli import main
from generator.dump import dumps
from generator.load import load
from generator.readers import read
from generator.transforms.notes import resolve_notes
from regen_golden import FIXTURES, SOURCES, convert_cli, tree

CASE = FIXTURES / "page_join" / "across_note_block.txt"


def _text(path: Path = CASE) -> str:
    return path.read_text(encoding="utf-8")


def test_steps_are_a_plain_named_tuple():
    assert isinstance(pipeline.STEPS, tuple)
    for name, step in pipeline.STEPS + pipeline.CLOSING:
        assert isinstance(name, str) and callable(step)
    names = pipeline.step_names()
    assert len(set(names)) == len(names)
    assert names[0] == "read" and names[1:3] == ("notes", "page_join") and names[-3:] == ("conserve", "group", "pinpoint")


def test_select():
    assert pipeline.select() is None
    assert pipeline.select(until="read") == {"read"}
    assert pipeline.select(until="page_join") == {"read", "notes", "page_join"}
    assert pipeline.select(only=["headings"]) == {"read", "headings"}
    with pytest.raises(ValueError, match="unknown step 'nope'"):
        pipeline.select(until="nope")
    with pytest.raises(ValueError, match="unknown step"):
        pipeline.select(only=["notes", "nope"])


def test_steps_run_one_at_a_time():
    text = _text()
    reader = read(text, CASE.name)
    assert pipeline.convert_text(text, CASE.name, pipeline.select(until="read")) == reader
    assert pipeline.convert_text(text, CASE.name, pipeline.select(until="notes")) == resolve_notes(reader)
    # page_join alone: the note blocks the notes step would have bound stay in the text's blocks
    joined = pipeline.convert_text(text, CASE.name, pipeline.select(only=["page_join"]))
    assert any(b.kind == "note" for b in joined.articles[0].blocks) and not joined.articles[0].notes
    assert pipeline.convert_text(text, CASE.name, set(pipeline.step_names())) == pipeline.convert_text(text, CASE.name)


def test_convert_until_writes_that_model(tmp_path: Path):
    proc = convert_cli([CASE], "-", "--to", "model", "--until", "notes")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == dumps(pipeline.convert_text(_text(), CASE.name, pipeline.select(until="notes")))
    proc = convert_cli([CASE], tmp_path, "--to", "model", "--steps", "notes,nope")
    assert proc.returncode == 2 and "nope" in proc.stderr and not any(tmp_path.iterdir())
    proc = convert_cli([CASE], "-")  # pages need a folder
    assert proc.returncode == 1 and len(proc.stderr.splitlines()) == 1


def _boom(issue):
    raise ZeroDivisionError("division by zero")


def _broken(monkeypatch, name: str) -> None:
    steps = pipeline.STEPS if name in dict(pipeline.STEPS) else pipeline.CLOSING
    broken = tuple((n, (lambda m, *_: _boom(m)) if n == name else f) for n, f in steps)
    monkeypatch.setattr(pipeline, "STEPS" if steps is pipeline.STEPS else "CLOSING", broken)


def test_a_crashing_step_becomes_a_diagnostic_and_keeps_the_model(monkeypatch):
    text = _text()
    fine = pipeline.convert_text(text, CASE.name)
    _broken(monkeypatch, "page_join")
    crashed = pipeline.convert_text(text, CASE.name)
    failed = [d for d in crashed.diagnostics if d.code == "STEP_FAILED"]
    assert len(failed) == 1
    (d,) = failed
    assert d.severity == "error" and d.span.source == CASE.name
    assert d.get("step") == "page_join" and "ZeroDivisionError: division by zero" in d.message
    assert "page_join" in d.text("zh") and "page_join" in str(d) and str(d).startswith(f"{CASE.name}:1: error STEP_FAILED")
    art = crashed.articles[0]
    assert art.notes == fine.articles[0].notes  # what notes (before it) made is kept
    paras = [b for b in art.blocks if b.kind == "para"]
    assert len(paras) > len([b for b in fine.articles[0].blocks if b.kind == "para"])  # page_join's work is missing
    # the remaining steps ran on the kept model: it is the model of every step but page_join
    others = set(pipeline.step_names()) - {"page_join"}
    kept = crashed.with_(diagnostics=tuple(x for x in crashed.diagnostics if x.code != "STEP_FAILED"))
    assert kept == pipeline.convert_text(text, CASE.name, others)
    assert "TEXT_UNPLACED" not in {x.code for x in crashed.diagnostics}  # conserve ran: nothing printed is lost


def test_a_crashing_closing_step_too(monkeypatch):
    _broken(monkeypatch, "conserve")
    issue = pipeline.convert_text(_text(), CASE.name)
    assert [d.get("step") for d in issue.diagnostics if d.code == "STEP_FAILED"] == ["conserve"]


def test_convert_reports_a_crashed_step_and_writes_the_pages(monkeypatch, tmp_path: Path, capsys):
    src = SOURCES / "002_f37504ff9d225e68.txt"
    _broken(monkeypatch, "headings")
    assert main(["convert", str(src), "--out", str(tmp_path / "md")]) == 0
    err = capsys.readouterr().err.splitlines()
    failed = [line for line in err if "STEP_FAILED" in line]
    assert failed == [line for line in failed if line.startswith(f"{src.name}:1: error STEP_FAILED: ") and "headings" in line]
    assert len(failed) == 1 and tree(tmp_path / "md")
    assert main(["convert", str(src), "--out", str(tmp_path / "strict"), "--strict"]) == 2
    capsys.readouterr()
    assert main(["convert", str(src), "--out", str(tmp_path / "model"), "--to", "model"]) == 0
    dump = (tmp_path / "model" / "002_f37504ff9d225e68.model.json").read_text(encoding="utf-8")
    assert '"code": "STEP_FAILED"' in dump and '"step": "headings"' in dump


def test_a_crashing_reader_is_still_a_one_line_refusal(monkeypatch, tmp_path: Path, capsys):
    monkeypatch.setattr(pipeline, "read", lambda text, source: _boom(None))
    out = tmp_path / "out"
    assert main(["convert", str(CASE), "--out", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and CASE.name in err[0] and "ZeroDivisionError" in err[0]
    assert not out.exists()


def test_recursion_in_a_step_is_the_one_line_refusal(monkeypatch):
    def deep(issue):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(pipeline, "STEPS", (("notes", deep),))
    from generator.decode import InputError

    with pytest.raises(InputError):
        load(CASE)


def test_converting_in_several_processes_is_converting_in_one(tmp_path: Path, capsys):
    """`convert -j 2`: the same pages, messages, refusals and exit code as one process, in the
    same order (the workers' models come back in the order of the inputs)."""
    from generator.load import loaded

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    inputs = [*sorted(SOURCES.glob("*.txt"))[:2], empty, *sorted(SOURCES.glob("*.txt"))[2:]]
    runs = {}
    for jobs in ("1", "2"):
        code = main(["convert", *map(str, inputs), "--out", str(tmp_path / jobs), "-j", jobs])
        runs[jobs] = (code, capsys.readouterr().err, tree(tmp_path / jobs))
    assert runs["1"] == runs["2"] and runs["1"][0] == 1 and "empty.txt" in runs["1"][1]
    assert list(loaded(inputs, jobs=2)) == list(loaded(inputs, jobs=1))


def test_a_worker_process_converts_and_renders_its_share_and_its_failure_is_raised(monkeypatch):
    """`convert -j 2` (generator/together.py): the worker takes the inputs the main process has
    not taken, renders the pages of the models it made, and a failure there is raised in the
    main process, the worker process ended."""
    import multiprocessing
    import os
    import time

    from generator import together

    main_pid = os.getpid()
    inputs = sorted(SOURCES.glob("*.txt"))
    real_load, real_pages = together._load_or_reason, together.source_pages

    def slow_here(path, steps, root=None):
        if os.getpid() == main_pid:
            time.sleep(0.5)  # (so the worker takes the others)
        return real_load(path, steps, root)

    def fail_there(issue, laid, world, **kw):
        if os.getpid() != main_pid:
            raise ValueError(f"rendering {issue.source} failed in a worker")
        return real_pages(issue, laid, world, **kw)

    monkeypatch.setattr(together, "_load_or_reason", slow_here)
    pages, diags, refused = together.convert_pages(inputs, jobs=2)
    assert (pages, diags, refused) == together.convert_pages(inputs, jobs=1) and pages and not refused
    monkeypatch.setattr(together, "source_pages", fail_there)
    with pytest.raises(ValueError, match="failed in a worker"):
        together.convert_pages(inputs, jobs=2)
    assert not multiprocessing.active_children()


def test_a_failure_in_the_main_process_ends_the_worker_by_itself(monkeypatch):
    """When the main process fails (Ctrl-C to it alone, a bug), the worker sees it go on its
    next send and ends by itself (exit 0), not when the main process gives up waiting and
    terminates it."""
    import multiprocessing
    import os

    from generator import together

    main_pid = os.getpid()
    fork, started = multiprocessing.get_context("fork"), []

    class Recording:
        def __getattr__(self, name):
            return getattr(fork, name)

        def Process(self, *args, **kw):
            started.append(fork.Process(*args, **kw))
            return started[-1]

    real_load = together._load_or_reason

    def fail_here(path, steps, root=None):
        if os.getpid() == main_pid:
            raise RuntimeError("the main process failed")
        return real_load(path, steps, root)

    monkeypatch.setattr(together.multiprocessing, "get_context", lambda method=None: Recording())
    monkeypatch.setattr(together, "_load_or_reason", fail_here)
    with pytest.raises(RuntimeError, match="main process failed"):
        together.convert_pages(sorted(SOURCES.glob("*.txt")) * 4, jobs=2)
    assert started and [p.exitcode for p in started] == [0] * len(started)


def test_each_process_writes_its_pages_and_a_page_two_inputs_give_is_the_later_ones(tmp_path: Path, monkeypatch):
    """`convert -j 2` writes each page from the process that rendered it; a page two inputs give
    (the same article, its text changed) is written once, by the later input's process, even
    when the earlier's writes last."""
    import os
    import time

    from generator import together

    first = sorted(SOURCES.glob("*.txt"))[0]
    text = first.read_text(encoding="utf-8")
    half = len(text) // 2
    (tmp_path / "again.txt").write_text(text[:half] + text[half:].replace("的", "之"), encoding="utf-8")
    inputs = [first, tmp_path / "again.txt"]
    main_pid = os.getpid()
    real_write = together.write_pages

    def split(_counter, _lock, n):  # the main process takes the first input, the worker the second
        return (k for k in range(n) if (k % 2 == 0) == (os.getpid() == main_pid))

    def last_here(out, pages):
        if os.getpid() == main_pid:
            time.sleep(0.5)  # (the main process, with the first input's pages, writes last)
        return real_write(out, pages)

    monkeypatch.setattr(together, "_taken", split)
    monkeypatch.setattr(together, "write_pages", last_here)
    one = together.convert_pages(inputs, jobs=1, out=tmp_path / "1")
    two = together.convert_pages(inputs, jobs=2, out=tmp_path / "2")
    assert one == two and one[0] == {} and any(d.code == "DUPLICATE_PAGE" for d in one[1])
    assert tree(tmp_path / "1") == tree(tmp_path / "2")
    later = together.convert_pages(inputs[1:], jobs=1)[0]
    assert tree(tmp_path / "1") == {path: text.encode("utf-8") for path, text in later.items()}


def test_the_back_matter_pages_lay_out_renders_are_those_source_pages_renders():
    """lay_out keeps the back-matter pages it renders (to learn what they ask of the other
    inputs) when they ask nothing; source_pages gives them as it does without them, and
    renders again those that ask (an annual index linking the year's articles)."""
    from generator.plan import World, lay_out, source_pages

    issues = [load(p) for p in sorted(SOURCES.glob("*.txt"))]
    ready = [{} for _ in issues]
    laid = [lay_out(issue, metas=False, ready=r) for issue, r in zip(issues, ready)]
    world = World(laid)
    assert any(r for r in ready) and any(one.wants for one in laid)
    for issue, one, r in zip(issues, laid, ready):
        assert source_pages(issue, one, world, ready=r) == source_pages(issue, one, world)


def test_converting_leaves_the_garbage_collector_as_it_was():
    """convert_pages keeps the models it makes from the collector's walks (gc.freeze) while it
    renders them, and gives them back after: a caller's objects are not kept frozen."""
    import gc

    from generator import together

    assert gc.get_freeze_count() == 0
    pages, _diags, _refused = together.convert_pages(sorted(SOURCES.glob("*.txt"))[:1])
    assert pages and gc.get_freeze_count() == 0
