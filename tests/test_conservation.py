"""Nothing printed is lost, whatever happens to the source's lines.

Mutation tests over the samples: lines and blank lines deleted, duplicated,
swapped or merged, English titles opened by capital abbreviations (EU, NATO,
G20 …). After each mutation, every 20-character piece of every source line
(measured as tests/truth/score.py measures conservation, independently of the
converter's own check) is on a rendered page, or an error-level diagnostic
names its line.
"""

import html
import json
import random
import re
from pathlib import Path

import pytest

from generator.decode import InputError
from generator.diagnostics import Diagnostic
from generator.pipeline import convert_text
from generator.plan import render
from generator.transforms.conserve import UNPLACED_SLUG, UNPLACED_TITLE
from truth.score import CIRCLED, flatten, split_page, squash

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "sources").glob("*.txt"))}
ABBREVIATIONS = ("EU", "US", "NATO", "G20", "ASEAN", "BRICS", "UN", "WTO", "AI", "5G")


def _pages_text(pages: dict[str, str]) -> str:
    out = []
    for text in pages.values():
        meta, body = _split(html.unescape(text))  # a reader sees '&lt;sup>' as '<sup>' 
        out.append(squash(json.dumps(meta, ensure_ascii=False)) + squash(body))
        out += [squash(v) for v in flatten(meta)]
    return "".join(out)


def _split(text: str):
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".md", encoding="utf-8", delete=False) as fh:
        fh.write(text)
    path = Path(fh.name)
    try:
        meta, body = split_page(path)
    finally:
        path.unlink()
    return meta or {}, body


def lost_lines(text: str, pages: dict[str, str]) -> list[int]:
    """Source lines with a 20-character piece on no page (score.py's conservation measure)."""
    out = _pages_text(pages)
    lost = []
    for n, line in enumerate(text.split("\n"), 1):
        s = squash(re.sub(r"^\s*(\[\d+\]|<sup>[^<]*</sup>|[%s])" % CIRCLED, "", line))
        s = re.sub(r"^[-|:]+|〔[^〕]*〕|【[^】]*】$", "", s)
        if any(s[i : i + 20] not in out for i in range(0, len(s) - 19, 20)):
            lost.append(n)
    return lost


def reported(diags: tuple[Diagnostic, ...]) -> set[int]:
    lines = set()
    for d in diags:
        if d.code == "TEXT_UNPLACED":
            lines.update(range(d.span.line, d.get("last", d.span.line) + 1))
    return lines


def assert_conserved(text: str, name: str) -> None:
    try:
        issue = convert_text(text, name)
    except InputError:
        return  # refused as a whole, with its own message: nothing is published
    pages, _ = render([issue])
    lost = set(lost_lines(text, pages)) - reported(issue.diagnostics)
    assert not lost, f"lines lost without an error: {sorted(lost)[:10]}: {[text.split(chr(10))[n - 1][:40] for n in sorted(lost)[:3]]}"
    # and no false alarm: a line reported unplaced is on no other page
    placed = {k: v for k, v in pages.items() if not k.endswith(f"{UNPLACED_SLUG}.md")}
    lines = text.split("\n")
    false_alarms = {n for n in reported(issue.diagnostics) if lines[n - 1].strip()} - set(lost_lines(text, placed))
    assert not false_alarms, f"lines reported unplaced though a page holds them: {sorted(false_alarms)[:10]}"


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        k = rng.randrange(len(lines) - 1)
        op = rng.choice(("delete", "duplicate", "swap", "merge", "drop_blank", "add_blank"))
        if op == "delete":
            del lines[k]
        elif op == "duplicate":
            lines.insert(k, lines[k])
        elif op == "swap":
            lines[k], lines[k + 1] = lines[k + 1], lines[k]
        elif op == "merge":
            lines[k : k + 2] = [lines[k] + lines[k + 1]]
        elif op == "drop_blank":
            blanks = [i for i, ln in enumerate(lines) if not ln.strip()]
            if blanks:
                del lines[rng.choice(blanks)]
        else:
            lines.insert(k, "")
    return "\n".join(lines)


def test_samples_are_conserved_as_they_are():
    for name, text in SAMPLES.items():
        issue = convert_text(text, name)
        assert not [d for d in issue.diagnostics if d.code == "TEXT_UNPLACED"], name
        assert_conserved(text, name)


@pytest.mark.parametrize("seed", range(40))
def test_mutated_samples_lose_nothing_silently(seed):
    rng = random.Random(seed)
    name = sorted(SAMPLES)[seed % len(SAMPLES)]
    assert_conserved(mutate(SAMPLES[name], rng), name)


@pytest.mark.parametrize("abbr", ABBREVIATIONS)
def test_english_titles_opened_by_an_abbreviation_are_kept(abbr):
    """An English title shaped like a pinyin byline ('EU Energy Policy and Global
    Governance': capitals, then capitalised words) stays a title: the article keeps
    its English title and abstract, and the English TOC lists it."""
    name = "003_9f707cb2b1b9ba7b.txt"
    old = "ASEAN Countries' Dilemmas and Policy Responses amid the US Tariff War"
    new = f"{abbr} Trade Policy and Regional Responses"
    assert SAMPLES[name].count(old) == 2, "the sample prints this title in its English TOC and its abstracts"
    text = SAMPLES[name].replace(old, new)
    issue = convert_text(text, name)
    assert_conserved(text, name)
    art = next(a for a in issue.articles if [x.name for x in a.authors] == ["查雯"])
    assert art.title_en == new
    assert art.abstract_en and art.abstract_en.startswith("Under the banner")
    assert (new, "ZHA Wen") in issue.toc_en


def test_unplaced_text_is_shown_on_its_own_page():
    """A paragraph no reader rule places still reaches a page, with an error naming its lines."""
    from generator.transforms import conserve

    name = "003_9f707cb2b1b9ba7b.txt"
    issue = convert_text(SAMPLES[name], name)
    dropped = issue.articles[0].with_(blocks=issue.articles[0].blocks[1:])  # a reader bug, simulated
    lost_block = issue.articles[0].blocks[0]
    broken = issue.with_(articles=(dropped, *issue.articles[1:]))
    fixed = conserve.conserve(broken, SAMPLES[name])
    errors = [d for d in fixed.diagnostics if d.code == "TEXT_UNPLACED"]
    assert errors and errors[0].severity == "error" and errors[0].span.line == lost_block.line
    page = next(b for b in fixed.back_matter if b.title == UNPLACED_TITLE)
    assert any(lost_block.text[:10] in ln for ln in page.lines)
    pages, _ = render([fixed])
    assert any(lost_block.text[:10] in t for t in pages.values())
