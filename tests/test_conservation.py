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


# ---- the conservation check's shortcuts decide as its definition does

def _decisions(held, text: str) -> list[int]:
    return [n for n, line in enumerate(text.split("\n"), 1) if line.strip() and not held.holds(line)]


def _perturbed(seed: int) -> tuple[list[str], str]:
    """A sample's model strings and source text, each damaged a little: strings and lines
    dropped, edited, moved, given note references, combining marks or junk lines."""
    from generator.transforms.conserve import model_text

    rng = random.Random(seed)
    name = sorted(SAMPLES)[seed % len(SAMPLES)]
    texts = model_text(_CONVERTED.setdefault(name, convert_text(SAMPLES[name], name)))
    junk = "国际组织合作发展安全治理全球中国美国ABCxyz0123 ，。“”（）^[]<sup>①</sup>\u0301\u3099가é…"
    for _ in range(rng.randint(0, 4)):
        k = rng.randrange(len(texts))
        op = rng.choice(("drop", "edit", "mark"))
        if op == "drop":
            del texts[k]
        elif op == "edit" and texts[k]:
            j = rng.randrange(len(texts[k]))
            texts[k] = texts[k][:j] + rng.choice(junk) + texts[k][j + 1 :]
        elif op == "mark":
            texts[k] += rng.choice(("\u0301", "\u3099", ""))
    lines = SAMPLES[name].split("\n")
    for _ in range(rng.randint(0, 5)):
        k = rng.randrange(len(lines))
        op = rng.choice(("junk", "edit", "ref", "merge", "move"))
        if op == "junk":
            lines.insert(k, "".join(rng.choice(junk) for _ in range(rng.randint(1, 40))))
        elif op == "edit" and lines[k]:
            j = rng.randrange(len(lines[k]))
            lines[k] = lines[k][:j] + rng.choice(junk) + lines[k][j + 1 :]
        elif op == "ref" and lines[k]:
            j = rng.randrange(len(lines[k]))
            lines[k] = lines[k][:j] + rng.choice(("^[3]", "<sup>②</sup>", "^{*}", "\\*", "<em>")) + lines[k][j:]
        elif op == "merge" and k + 1 < len(lines):
            lines[k : k + 2] = [lines[k] + lines[k + 1]]
        elif op == "move":
            m = rng.randrange(len(lines))
            lines[k], lines[m] = lines[m], lines[k]
    return texts, "\n".join(lines)


_CONVERTED: dict = {}


@pytest.mark.parametrize("seed", range(60))
def test_shortcuts_decide_as_the_definition(seed):
    """Looking for lines as they stand, near where the last was found, is a shortcut: on damaged
    models and sources, every line is decided as the definition (8-character pieces of the
    squashed line in the squashed model) decides it."""
    from generator.transforms.conserve import _Held

    texts, text = _perturbed(seed)
    assert _decisions(_Held(texts), text) == _decisions(_Held(texts, shortcuts=False), text)


def test_lines_out_of_order_are_decided_as_the_definition():
    """Every line of an issue moved out of order: the shortcuts' scans run out, and the rest is
    decided by the definition (answers unchanged, time bounded)."""
    from generator.transforms.conserve import _Held, model_text

    name = "003_9f707cb2b1b9ba7b.txt"
    texts = model_text(convert_text(SAMPLES[name], name))
    lines = SAMPLES[name].split("\n")
    random.Random(7).shuffle(lines)
    text = "\n".join(lines + ["国际组织积极参与推进四大全球倡议，这一行没有印在原文里"])
    held = _Held(texts)
    assert _decisions(held, text) == _decisions(_Held(texts, shortcuts=False), text) == [len(lines) + 1]
    assert held.scanned <= held.SCANS * len(held.raw)


def test_a_combining_mark_in_the_model_is_not_a_shortcut():
    """'e' + a combining acute in the model normalises to 'é': a line ending in a bare 'e' is
    found as it stands, but not once squashed, so it is unplaced (the shortcut is taken
    only over characters that normalise alone)."""
    from generator.model import Article, Block, Issue
    from generator.transforms.conserve import unplaced_lines

    issue = Issue(source="x.txt", kind="article", style="bracket",
                  articles=(Article(kind="article", title="标题", line=1, blocks=(Block("para", "甲乙丙丁戊己庚辛e\u0301", 3),)),))
    assert unplaced_lines(issue, "标题\n\n甲乙丙丁戊己庚辛e") == [3]
    assert unplaced_lines(issue, "标题\n\n甲乙丙丁戊己庚辛e\u0301") == []


def test_safe_characters_normalise_alone():
    """Each character the shortcut trusts (cjk.NFKC_ALONE) normalises without its neighbours:
    its compatibility decomposition opens with a starter that composes with nothing before it
    (not the second of any canonical pair, not a Hangul vowel or final). Checked against the
    running Python's Unicode data; and each edge character the shortcut strips is safe and
    squashes to nothing."""
    import unicodedata

    from generator.transforms.conserve import _EDGE, _UNSAFE, squash

    second = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))  # Hangul vowels and finals
    for cp in range(0x110000):
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<") and len(d.split()) == 2:
            second.add(int(d.split()[1], 16))
    unsafe = []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF or _UNSAFE.match(chr(cp)):
            continue
        first = unicodedata.normalize("NFKD", chr(cp))[0]
        if unicodedata.combining(first) or ord(first) in second:
            unsafe.append(f"U+{cp:04X}")
    assert not unsafe, unsafe[:20]
    assert all(not _UNSAFE.match(c) and squash(c) == "" for c in _EDGE)
