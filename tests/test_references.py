"""Reference parsing (generator/references/) against hand-checked truth.

tests/truth/references/ holds, for each sample of sources/ and for a set of
hand-written notes in the forms the samples lack, every note's text and the
references a careful reader labels in it (tests/truth/references/README.md
says how the truth was built). The parser must get the boundaries and kinds of
at least 95 % of the references right, each of authors, title, container,
year, issue and pages right for at least 90 % of the references that print
them, and invent no field (a field the truth does not have).

    python tests/test_references.py          # the measured accuracy, and every miss
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.model import Note  # noqa: E402
from generator.references import parse_note, resolve  # noqa: E402

TRUTH = ROOT / "tests" / "truth" / "references"
GOLDEN = ROOT / "tests" / "golden"
JUDGED = ("authors", "title", "container", "year", "issue", "pages")
FIELDS = JUDGED + ("volume", "publisher", "place", "date", "url", "editors", "translators", "prefix", "pointer", "same_as")
TRAIL = " \t。．.，,；;"


def truth_files() -> list[Path]:
    return sorted(TRUTH.glob("*.json"))


def _value(ref: dict, field: str):
    v = ref.get(field)
    if v in (None, "", [], ()):
        return None
    return list(v) if isinstance(v, (list, tuple)) else v


def _raw(text: str) -> str:
    return " ".join(text.split()).strip(TRAIL)


def predict(notes: list[dict]) -> list[list[dict]]:
    """The parser's references for one article's notes (parsed, then pointers resolved)."""
    model = tuple(Note(number=k, text=n["text"], line=0, refs=parse_note(n["text"])) for k, n in enumerate(notes, 1))
    return [[asdict(r) for r in note.refs] for note in resolve(model)]


def score(files: list[Path] | None = None) -> dict:
    """Counts over every truth file: boundaries+kinds, each field, invented fields, and the misses."""
    out = {"refs": 0, "slots": 0, "bound_kind": 0, "spurious": 0, "printed": {f: 0 for f in FIELDS},
           "right": {f: 0 for f in FIELDS}, "invented": [], "misses": []}
    for path in files or truth_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        for art in data["articles"]:
            predicted = predict(art["notes"])
            for k, (note, got) in enumerate(zip(art["notes"], predicted), 1):
                where = f"{path.stem}:{art['id']}/{note.get('n', k)}"
                want = note["refs"]
                out["refs"] += len(want)
                out["slots"] += max(len(want), len(got))
                free = list(got)
                for t in want:
                    p = next((g for g in free if _raw(g["raw"]) == _raw(t["raw"])), None)
                    if p is None:
                        out["misses"].append((where, "boundary", t["raw"][:60], [g["raw"][:60] for g in got]))
                    else:
                        free.remove(p)
                        if p["kind"] == t["kind"]:
                            out["bound_kind"] += 1
                        else:
                            out["misses"].append((where, "kind", t["kind"], p["kind"]))
                    for f in FIELDS:
                        tv = _value(t, f)
                        pv = _value(p, f) if p else None
                        if tv is not None:
                            out["printed"][f] += 1
                            if pv == tv:
                                out["right"][f] += 1
                            else:
                                out["misses"].append((where, f, tv, pv))
                        elif pv is not None:
                            out["invented"].append((where, f, pv))
                out["spurious"] += len(free)
                for g in free:
                    out["misses"].append((where, "spurious", g["raw"][:60], g["kind"]))
    return out


def report(out: dict) -> str:
    lines = [f"references: {out['refs']}  boundaries and kinds: {out['bound_kind']}/{out['slots']} "
             f"= {out['bound_kind'] / max(out['slots'], 1):.1%}  spurious: {out['spurious']}"]
    for f in FIELDS:
        n = out["printed"][f]
        if n:
            lines.append(f"  {f:12} {out['right'][f]:4}/{n:<4} = {out['right'][f] / n:.1%}")
    lines.append(f"invented fields: {len(out['invented'])}")
    lines += [f"  INVENTED {w} {f} = {v!r}" for w, f, v in out["invented"]]
    lines += [f"  MISS {w} {what}: want {a!r} got {b!r}" for w, what, a, b in out["misses"]]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def scored() -> dict:
    return score()


def test_truth_covers_hundreds_of_references(scored):
    assert len(truth_files()) >= 3  # the two samples with notes (001 has none) and the hand-written forms
    assert scored["refs"] >= 500


def test_boundaries_and_kinds(scored):
    assert scored["bound_kind"] / scored["slots"] >= 0.95, report(scored)


@pytest.mark.parametrize("field", JUDGED)
def test_field_accuracy(scored, field):
    n = scored["printed"][field]
    assert n and scored["right"][field] / n >= 0.90, report(scored)


def test_no_field_invented(scored):
    assert not scored["invented"], report(scored)


def test_handwritten_forms_alone():
    """The forms the samples lack are held to the same bar on their own (not carried by the samples)."""
    out = score([TRUTH / "handwritten.json"])
    assert out["bound_kind"] / out["slots"] >= 0.95, report(out)
    for f in JUDGED:
        if out["printed"][f]:
            assert out["right"][f] / out["printed"][f] >= 0.90, (f, report(out))
    assert not out["invented"], report(out)


@pytest.mark.parametrize("path", [p for p in truth_files() if p.stem != "handwritten"], ids=lambda p: p.stem)
def test_truth_notes_are_the_converters(path):
    """The truth's notes are the notes the converter reads from the sample (so the truth follows the source)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    golden = json.loads((GOLDEN / f"{data['source'].removesuffix('.txt')}.model.json").read_text(encoding="utf-8"))
    notes = {f"p{a.get('first_page') or 0:03d}": [n["text"] for n in a.get("notes", [])] for a in golden["articles"]}
    for art in data["articles"]:
        assert [n["text"] for n in art["notes"]] == notes[art["id"]], art["id"]


if __name__ == "__main__":
    print(report(score([Path(a) for a in sys.argv[1:]] or None)))
