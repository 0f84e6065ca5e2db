"""`convert`'s inputs to pages on several processes, each model kept by the process that made it.

The processes (the main one and `jobs - 1` forked workers) share the inputs out as they go:
each takes the next input nobody has taken, converts it and lays it out (plan.lay_out). Only
the Laid (what the other inputs' pages show of it) goes to the main process (a thread takes
them as they come, while it converts its own share), which makes the World (the lookup, the
citation network, the reading order: it needs every input) and sends it to the workers; each
process then renders the pages of the models it made and writes them (or sends their text).
So a model is never pickled, and nothing is done once for all but the World. The models
made are kept from the garbage collector's walks (gc.freeze: once a process holds its share
of the models, the full collections walked them again and again, ~9 % of the CPU time).
A page is a function of its input and the World: the pages, messages and refusals are those
of one process (tests/test_pipeline.py compares them)."""

from __future__ import annotations

import gc
import multiprocessing
import pickle
import threading
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from .cjk import load_tables
from .load import _load_or_reason
from .model import Diagnostic, Issue
from .plan import Laid, World, lay_out, source_pages
from .site import write_pages

Made = dict[int, tuple[Issue | None, Laid | None, str | None, dict]]  # input number -> (model, its Laid, or why refused, pages ready)
Rendered = dict[int, tuple[dict[str, str], list[Diagnostic]]]  # input number -> ({page: text}, the model's diagnostics)
# A model is many small objects that all live until its pages are rendered: the young
# collection, run every 700 allocations by default, walked them for nothing (2 % of the instructions, more of the time).
YOUNG = 50_000


def convert_pages(paths: list[Path], steps: Collection[str] | None = None, jobs: int = 1, root: Path | None = None,
                  out: Path | None = None) -> tuple[dict[str, str], list[Diagnostic], list[tuple[Path, str]]]:
    """Every page of `paths` ({path: text}; a page two inputs give is the later one's), the
    diagnostics (each model's, in input order, then the World's) and the refused inputs
    (path, reason), by `jobs` processes. With `out`, the pages are written below it instead
    (site.write_pages), each by the process that rendered it, and none is returned."""
    unfreeze = gc.get_freeze_count() == 0
    threshold = gc.get_threshold()
    gc.set_threshold(YOUNG, *threshold[1:])
    try:
        return _convert_pages(paths, steps, jobs, root, out)
    finally:
        gc.set_threshold(*threshold)
        if unfreeze:
            gc.unfreeze()  # (what _make froze is the collector's again)


def _load_tables_frozen() -> None:
    """cjk's tables (pypinyin's dictionaries: a few hundred thousand objects) loaded with the
    collector off, as they live as long as the process, and kept from its walks (gc.freeze)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        load_tables()
    finally:
        if enabled:
            gc.enable()
    gc.freeze()


def _convert_pages(paths, steps, jobs, root, out):
    n = len(paths)
    jobs = min(jobs, n)
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        mine = _make(paths, steps, root, range(n))
        laid = {k: (one, error) for k, (_i, one, error, _r) in mine.items()}
        world = _world(laid)
        pages, diags, refused = _gather(paths, _render(mine, world), world, laid)
        if out is not None:
            write_pages(out, pages)
            pages = {}
        return pages, diags, refused
    context = multiprocessing.get_context("fork")
    _load_tables_frozen()  # (loaded once, before the workers fork)
    counter, lock = context.RawValue("q", 0), context.Lock()
    conns, procs = [], []
    try:
        for _ in range(jobs - 1):
            here, there = context.Pipe()
            proc = context.Process(target=_worker, args=(there, [*conns, here], paths, steps, root, counter, lock), daemon=True)
            proc.start()
            there.close()
            conns.append(here)
            procs.append(proc)
        receivers = [_Receiver(conn) for conn in conns]  # (threads started once every worker has forked)
        mine = _make(paths, steps, root, _taken(counter, lock, n))  # (the receivers take the workers' Laids meanwhile)
        laid = {k: (one, error) for k, (_i, one, error, _r) in mine.items()}
        for receiver in receivers:
            laid.update(receiver.result())
        world = _world(laid)
        owner = {path: k for k in range(n) if laid[k][0] is not None for path in laid[k][0].pages()} if out else {}
        sent = pickle.dumps((_portable(world), owner, out), pickle.HIGHEST_PROTOCOL)
        for conn in conns:
            conn.send_bytes(sent)
        rendered = _deliver(_render(mine, world), owner, out)
        del mine
        for conn in conns:
            rendered.update(_receive(conn))
        return _gather(paths, rendered, world, laid)
    finally:
        for conn in conns:
            conn.close()
        for proc in procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()
                proc.join()


class _Receiver(threading.Thread):
    """Takes a worker's Laids as it sends them, while the main process converts its own share."""

    def __init__(self, conn):
        super().__init__(daemon=True)
        self.conn, self.got, self.failure = conn, {}, None
        self.start()

    def run(self) -> None:
        try:
            while (one := _receive(self.conn)) is not None:
                self.got[one[0]] = one[1:]
        except BaseException as exc:
            self.failure = exc

    def result(self) -> dict[int, tuple[Laid | None, str | None]]:
        self.join()
        if self.failure is not None:
            raise self.failure
        return self.got


def _deliver(rendered: Rendered, owner: dict[str, int], out: Path | None) -> Rendered:
    """`rendered` as it is (no `out`), or its pages written below `out` but those a later
    input gives again (`owner`: page -> the last input giving it), and only the diagnostics kept."""
    if out is None:
        return rendered
    write_pages(out, {path: text for k, (own, _d) in rendered.items() for path, text in own.items() if owner[path] == k})
    return {k: ({}, diags) for k, (_own, diags) in rendered.items()}


def _taken(counter, lock, n: int) -> Iterator[int]:
    """The inputs this process takes: each the next one no process has taken yet."""
    while True:
        with lock:
            k = counter.value
            counter.value = k + 1
        if k >= n:
            return
        yield k


def _make(paths: list[Path], steps, root, numbers: Iterable[int], each=None) -> Made:
    """The inputs `numbers` converted and laid out (`each`, if given, called with each input's
    (number, Laid, reason) as it is made)."""
    made: Made = {}
    for k in numbers:
        _path, issue, error = _load_or_reason(paths[k], steps, root)
        ready: dict = {}
        made[k] = (issue, lay_out(issue, metas=False, ready=ready) if issue is not None else None, error, ready)
        gc.freeze()  # the models stay until their pages are rendered: the collector need not walk them again and again
        if each is not None:
            each((k, made[k][1], error))
    return made


def _world(laid: dict[int, tuple[Laid | None, str | None]]) -> World:
    return World([laid[k][0] for k in range(len(laid)) if laid[k][0] is not None])


def _portable(world: World) -> World:
    """The World as a worker renders with it (without the Laids, which it does not read)."""
    light = object.__new__(World)
    light.__dict__.update(world.__dict__, laid=[], diagnostics=[])
    return light


def _render(made: Made, world: World) -> Rendered:
    return {k: ({path: text for path, (_meta, text) in source_pages(issue, laid, world, ready=ready).items()}, issue.diagnostics)
            for k, (issue, laid, _error, ready) in made.items() if issue is not None}


def _gather(paths: list[Path], rendered: Rendered, world: World, laid: dict[int, tuple[Laid | None, str | None]]):
    pages: dict[str, str] = {}
    diagnostics: list[Diagnostic] = []
    for k in range(len(paths)):
        if k in rendered:
            own, diags = rendered[k]
            pages.update(own)
            diagnostics.extend(diags)
    refused = [(paths[k], laid[k][1]) for k in range(len(paths)) if laid[k][0] is None]
    return pages, diagnostics + world.diagnostics, refused


class _Failed:
    """What a worker sends instead when it fails: the exception, raised again in the main process."""

    def __init__(self, exc: BaseException):
        try:
            pickle.dumps(exc)
            self.exc = exc
        except Exception:
            self.exc = RuntimeError(f"{type(exc).__name__}: {exc}")


def _receive(conn):
    try:
        got = conn.recv()
    except EOFError:
        raise RuntimeError("a converter process ended without its results") from None
    if isinstance(got, _Failed):
        raise got.exc
    return got


def _worker(conn, theirs, paths, steps, root, counter, lock) -> None:
    for end in theirs:  # (the main process's ends, inherited: closed, so that its going away is seen here)
        end.close()
    try:
        made = _make(paths, steps, root, _taken(counter, lock, len(paths)), conn.send)
        conn.send(None)
        world, owner, out = pickle.loads(conn.recv_bytes())
        conn.send(_deliver(_render(made, world), owner, out))
    except KeyboardInterrupt:  # (Ctrl-C: the main process says so, once)
        pass
    except BaseException as exc:
        try:
            conn.send(_Failed(exc))
        except Exception:
            pass
    finally:
        conn.close()
