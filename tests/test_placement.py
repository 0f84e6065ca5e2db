"""Placement: damage that PDF exports and tired typists really do, planted into the samples,
is reported at its line with the severity a reader's harm calls for, or repaired where the
repair is certain; the clean samples raise nothing new.

Each case plants one defect by the shape of the text (a label, a byline, an editor line),
never by a line number, and asserts the diagnostic's code, severity and line, and what the
converted issue then holds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.pipeline import convert_text
from generator.plan import render

ROOT = Path(__file__).resolve().parent.parent
ISSUE = "003_9f707cb2b1b9ba7b.txt"  # a whole issue, bracket style
ARTICLE = "002_f37504ff9d225e68.txt"  # a single article, lenticular style
SAMPLES = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "sources").glob("*.txt"))}


def lines_of(name: str) -> list[str]:
    return SAMPLES[name].split("\n")


def index(lines: list[str], pattern: str, start: int = 0) -> int:
    return next(i for i in range(start, len(lines)) if re.search(pattern, lines[i]))


def convert(lines: list[str], name: str = ISSUE):
    return convert_text("\n".join(lines), name)


def found(issue, code: str) -> list:
    return [d for d in issue.diagnostics if d.code == code]


def one(issue, code: str, severity: str, line: int):
    hits = found(issue, code)
    assert hits, f"no {code}; got {[(d.code, d.span.line) for d in issue.diagnostics]}"
    assert hits[0].severity == severity, hits[0]
    assert hits[0].span.line == line, f"{code} at line {hits[0].span.line}, expected {line}"
    return hits[0]


def article(issue, title_start: str):
    return next(a for a in issue.articles if a.title.startswith(title_start))


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_clean_samples_raise_no_new_diagnostic(name):
    """The new checks do not cry wolf: a clean sample keeps exactly the diagnostics it had."""
    issue = convert_text(SAMPLES[name], name)
    assert [d.code for d in issue.diagnostics if d.severity != "info"] == []


# ---------------------------------------------------------------- structure


def test_lost_title_line_is_taken_from_the_toc_and_the_editor_line_stays_put():
    L = lines_of(ISSUE)
    t = index(L, r"^相互成就：上海合作组织与")
    issue = convert(L[:t] + L[t + 1:])
    d = one(issue, "TITLE_LINE_MISSING", "warning", t + 2)  # the byline's line: the title line is gone
    assert d.get("title") == "相互成就：上海合作组织与四大全球倡议"
    titles = [a.title for a in issue.articles]
    assert "【责任编辑：宁团辉】" not in titles and "相互成就：上海合作组织与四大全球倡议" in titles
    assert issue.articles[0].editor == "宁团辉"  # the editor line is the previous article's, as printed
    assert not [d for d in issue.diagnostics if d.severity == "error"]


def test_lost_title_line_of_a_single_article_is_taken_from_its_citation_line():
    L = lines_of(ARTICLE)
    t = index(L, r"^# 新大国竞争时代")
    issue = convert(L[:t] + L[t + 1:], ARTICLE)
    one(issue, "TITLE_LINE_MISSING", "warning", t + 2)
    assert issue.articles[0].title == "新大国竞争时代美国对北约政策评析"


def test_lost_title_with_nothing_to_take_it_from_is_an_error():
    L = lines_of(ARTICLE)
    t = index(L, r"^# 新大国竞争时代")
    c = index(L, r"^\*\*【引用】")
    damaged = L[:t] + L[t + 1:c] + L[c + 1:]
    issue = convert(damaged, ARTICLE)
    assert [d.severity for d in found(issue, "MISSING_FIELD") if "title" in d.message] == ["error"]


def test_missing_body_is_an_error():
    L = lines_of(ISSUE)
    a = index(L, r"0042-23")
    e = index(L, r"责任编辑", a)
    issue = convert(L[: a + 1] + [""] + L[e:])
    title = max(i for i in range(a) if L[i].startswith("美国关税战背景下 东盟国家"))
    d = one(issue, "BODY_EMPTY", "error", title + 1)
    assert "美国关税战" in d.get("title")


def test_two_bodies_swapped_under_their_heads_are_errors():
    L = lines_of(ISSUE)
    a4, a5 = index(L, r"0065-21"), index(L, r"0086-24")
    e4, e5 = index(L, r"责任编辑", a4), index(L, r"责任编辑", a5)
    swapped = L[: a4 + 1] + L[a5 + 1 : e5] + L[e4 : a5 + 1] + L[a4 + 1 : e4] + L[e5:]
    issue = convert(swapped)
    hits = found(issue, "BODY_FOREIGN")
    assert len(hits) == 2 and all(d.severity == "error" for d in hits)
    assert {d.get("title")[:6] for d in hits} == {"美国重振造船", "欧盟共同债券"}
    assert {d.get("other")[:6] for d in hits} == {"美国重振造船", "欧盟共同债券"}
    # each reported at the first line of the text under that head
    first = next(i for i in range(a4 + 1, len(swapped)) if swapped[i].strip() and not swapped[i].startswith("^{*}"))
    assert hits[0].span.line == first + 1


def _likeness_as_defined(arts) -> list[list[float]]:
    """The TF-IDF likeness of every head to every text, computed as placement.py's docstring
    defines it, term by term (the module computes the same numbers without keeping each
    text's weights)."""
    import math
    from collections import Counter

    from generator.cjk import HAN_RUN
    from generator.transforms.placement import body_text, head_text

    def terms(text):
        out = Counter()
        for run in HAN_RUN.findall(text):
            out.update(run[i : i + 2] for i in range(len(run) - 1))
        out.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", text))
        return out

    bodies = [terms(body_text(a)) for a in arts]
    df = Counter(t for b in bodies for t in b)
    idf = {t: math.log((len(bodies) + 1) / (k + 0.5)) for t, k in df.items()}
    weigh = lambda c: {t: (1 + math.log(n)) * idf.get(t, 0.0) for t, n in c.items()}  # noqa: E731
    heads, bodies = [weigh(terms(head_text(a))) for a in arts], [weigh(b) for b in bodies]
    norm = lambda w: math.sqrt(sum(x * x for x in w.values()))  # noqa: E731
    return [[sum(w * b[t] for t, w in h.items() if t in b) / (norm(h) * norm(b)) if norm(h) and norm(b) else 0.0
             for b in bodies] if h and own else None for h, own in zip(heads, bodies)]


@pytest.mark.parametrize("seed", range(6))
def test_likeness_is_the_defined_number(seed):
    """Bodies swapped or cut under their heads: the likeness the check reports is the number
    the definition gives, to the last bit."""
    import random

    from generator.transforms import placement

    rng = random.Random(seed)
    issue = convert_text(SAMPLES[ISSUE], ISSUE)
    arts = [a for a in issue.articles if a.kind == "article"]
    i, j = rng.sample(range(len(arts)), 2)
    k = rng.randrange(len(arts[i].blocks) + 1)
    arts[i] = arts[i].with_(blocks=arts[i].blocks[:k] + arts[j].blocks[: rng.randrange(len(arts[j].blocks) + 1)])
    expected = _likeness_as_defined(arts)
    assert placement.likeness_rows(arts) == expected
    for art in arts:  # the counted bigrams, in the order terms() gives them (the order the sums take)
        text, counted = placement.body_text(art), placement._Text(placement.body_text(art))
        bigrams = [(t, n) for t, n in placement.terms(text).items() if len(t) == 2]
        assert [chr(k >> 16) + chr(k & 0xFFFF) for k in counted.keys.tolist()] == [t for t, _ in bigrams]
        assert counted.counts.tolist() == [n for _, n in bigrams]
    reported = placement._foreign(issue, arts)
    for d in reported:
        a = next(n for n, x in enumerate(arts) if x.title == d.get("title"))
        b = next(n for n, x in enumerate(arts) if x.title == d.get("other"))
        assert (d.get("own"), d.get("best")) == (f"{expected[a][a]:.3f}", f"{expected[a][b]:.3f}")
    foreign = {x.title for n, x in enumerate(arts) if (x.abstract or x.keywords) and expected[n] and
               (best := max((expected[n][m], m) for m in range(len(arts)) if m != n))[0] > 0
               and best[0] >= placement.FOREIGN * expected[n][n]}
    assert {d.get("title") for d in reported} == foreign


def test_articles_out_of_page_order_are_put_in_page_order():
    L = lines_of(ISSUE)
    t6, t7 = index(L, r"^澳大利亚小多边政策"), index(L, r"^两极政治与韩国外交路线之争")
    end = index(L, r"^Abstracts$", t7)
    issue = convert(L[:t6] + L[t7:end] + L[t6:t7] + L[end:])
    hits = found(issue, "ARTICLE_ORDER")
    assert len(hits) == 1 and hits[0].severity == "warning"
    assert [a.first_page for a in issue.articles] == sorted(a.first_page for a in issue.articles)
    pages, _ = render([issue])
    p110 = pages["gjwtyj/2025/06/p110.md"]
    assert "prev: gjwtyj/2025/06/p086.md" in p110 and "next: gjwtyj/2025/06/p134.md" in p110


def test_note_block_pasted_twice_is_one_block_and_the_text_after_it_stays_text():
    L = lines_of(ISSUE)
    n = index(L, r"^\[1\] 习近平：《新起点")
    # the block ([1], blank, [2]) printed again, with no blank line before the text that follows
    damaged = L[: n + 3] + [""] + L[n : n + 3] + L[n + 4:]
    issue = convert(damaged)
    one(issue, "NOTE_BLOCK_REPEATED", "warning", n + 5)
    one(issue, "NOTE_SWALLOWS_TEXT", "warning", n + 8)
    art = issue.articles[0]
    assert not found(issue, "NOTE_UNUSED")
    assert [n.printed for n in art.notes[:3]] == ["1", "2", "1"]  # the copy is gone; the next page's [1] follows
    assert any(b.text.startswith("作为金砖合作机制的参与者") or "持之以恒推进经济" in b.text for b in art.blocks if b.kind == "para")
    assert not any("持之以恒推进经济" in n.text for n in art.notes)


@pytest.mark.parametrize("head", ["· 2 · 国际问题研究 2025 年第 6 期", "国际问题研究 2025 年第 6 期 · 3 ·", "— 2 —"])
@pytest.mark.parametrize("alone", [False, True])
def test_running_head_inside_a_cut_paragraph_is_taken_out(head, alone):
    L = lines_of(ISSUE)
    k = index(L, r"^台，金砖合作机制的战略意义")
    damaged = L[:k] + [head] + ([""] if alone else []) + L[k:]
    issue = convert(damaged)
    one(issue, "RUNNING_HEAD", "info", k + 1)
    text = " ".join(b.text for b in issue.articles[0].blocks if b.kind == "para")
    assert "发展中国家合作的重要平台，金砖合作机制的战略意义" in text
    assert head not in text
    pages, _ = render([issue])
    assert head not in pages["gjwtyj/2025/06/p001.md"]


def test_heading_numbers_that_skip_are_reported():
    L = lines_of(ISSUE)
    h = index(L, r"^三、")
    h2 = index(L, r"^四、", h)
    L[h], L[h2] = "四、" + L[h][2:], "五、" + L[h2][2:]
    issue = convert(L)
    d = one(issue, "HEADING_SKIP", "warning", h + 1)
    assert d.get("missing") == "三、"


# ---------------------------------------------------------------- metadata lines


def _keywords_line(L):
    return index(L, r"^〔关 键 词〕", index(L, r"0022-20") - 12)


@pytest.mark.parametrize("garbled", ["关健词〕", "〔关健词〕", "关键词〕", "〔关键词", "关键词："])
def test_garbled_label_is_read_as_the_label_it_is(garbled):
    L = lines_of(ISSUE)
    kw = _keywords_line(L)
    L[kw] = L[kw].replace("〔关 键 词〕", garbled)
    issue = convert(L)
    one(issue, "LABEL_GARBLED", "warning", kw + 1)
    art = article(issue, "相互成就")
    assert art.keywords == ("四大全球倡议", "上海合作组织", "全球南方", "中国外交")
    assert "四大全球倡议、上海合作组织" not in (art.abstract or "")


def test_unknown_label_is_kept_and_reported_not_read_into_the_text():
    L = lines_of(ISSUE)
    kw = _keywords_line(L)
    L[kw:kw] = ["〔责任者〕某某", ""]
    issue = convert(L)
    one(issue, "LABEL_UNKNOWN", "warning", kw + 1)
    art = article(issue, "相互成就")
    assert not any("某某" in b.text for b in art.blocks)
    assert art.keywords


def test_missing_keyword_line_is_reported():
    L = lines_of(ISSUE)
    kw = _keywords_line(L)
    issue = convert(L[:kw] + L[kw + 2:])
    d = one(issue, "MISSING_FIELD", "warning", kw - 1)  # after the abstract, where it belongs
    assert "keywords" in d.message


def test_two_labels_on_one_line_are_split_and_a_bad_class_code_is_left_out():
    L = lines_of(ISSUE)
    c = index(L, r"^〔中图分类号〕D820")
    issue = convert(L[:c] + ["〔中图分类号〕D8l5〔文献标识码〕A"] + L[c + 3:])
    one(issue, "LABEL_RUN_TOGETHER", "warning", c + 1)
    d = one(issue, "CODE_INVALID", "warning", c + 1)
    assert d.get("value") == "D8l5"
    art = issue.articles[0]
    assert art.clc == () and art.doc_code == "A"


def test_full_width_article_number_is_read_and_reported():
    L = lines_of(ISSUE)
    n = index(L, r"0001-21")
    L[n] = "〔文章编号〕０４５２ ８８３２（２０２５）６ 期 ０００１-２１"
    issue = convert(L)
    one(issue, "CODE_WIDTH", "warning", n + 1)
    assert issue.articles[0].article_no == "0452-8832(2025)06-0001-21"


def test_issn_with_a_wrong_check_digit_is_not_published():
    L = lines_of(ISSUE)
    n = index(L, r"0001-21")
    L[n] = L[n].replace("0452 8832", "0452 8833")
    issue = convert(L)
    one(issue, "CODE_INVALID", "warning", n + 1)
    assert issue.articles[0].article_no is None and issue.articles[0].first_page == 1


def test_swapped_english_bylines_are_reported():
    L = lines_of(ISSUE)
    abstracts = index(L, r"^Abstracts$")
    y = index(L, r"^YANG Na$", abstracts)
    z = index(L, r"^ZENG Xianghong & ZHANG Yu$", y)
    L[y], L[z] = L[z], L[y]
    issue = convert(L)
    hits = found(issue, "EN_BYLINE_MISMATCH")
    assert [d.span.line for d in hits] == [y + 1, z + 1] and all(d.severity == "warning" for d in hits)


# ---------------------------------------------------------------- encoding and floods


def test_utf8_read_as_gbk_is_found_at_its_line():
    L = lines_of(ISSUE)
    p = index(L, r"^当前，百年未有之大变局")
    L[p] = L[p].encode("utf-8").decode("gbk", errors="replace").replace("\ufffd", "")  # no U+FFFD left
    issue = convert(L)
    d = one(issue, "SUSPICIOUS_CHAR", "warning", p + 1)
    assert "GBK" in d.message


@pytest.mark.parametrize("seed", range(4))
def test_gbk_mojibake_is_found_as_run_by_run_undoing_finds_it(seed):
    """The check undoes a whole text at once before undoing it run by run: on sample lines,
    each with pieces of UTF-8-read-as-GBK and ASCII cut into it at random, it answers as
    undoing each run of non-ASCII characters alone does (the definition)."""
    import random

    from generator.transforms.validate import _CJK_RUN, _IDEOGRAPH, _NON_ASCII_RUN, gbk_mojibake

    def by_runs(text):
        for m in _NON_ASCII_RUN.finditer(text):
            undone = m.group().encode("gb18030", errors="replace").decode("utf-8", errors="replace")
            for hit in _CJK_RUN.finditer(undone):
                if len(_IDEOGRAPH.findall(hit.group())) >= 3:
                    return m.group(), hit.group()
        return None

    rng = random.Random(seed)
    lines = [ln for name in SAMPLES for ln in lines_of(name) if ln.strip()]
    found = 0
    for line in rng.sample(lines, 400):
        text = list(line)
        for _ in range(rng.randint(0, 3)):
            k = rng.randrange(len(text) + 1)
            piece = rng.choice(lines)[: rng.randint(1, 12)]
            text[k:k] = [piece.encode("utf-8").decode("gbk", errors="replace") if rng.random() < 0.6 else rng.choice("a1 .-")]
        text = "".join(text)
        assert gbk_mojibake(text) == by_runs(text), text
        found += by_runs(text) is not None
    assert found  # the planted mojibake is found in some


def test_repeats_of_one_fault_are_one_diagnostic_with_a_count():
    L = lines_of(ISSUE)
    p = index(L, r"^当前，百年未有之大变局")
    L.insert(p, "文字^[1]" * 5000)
    issue = convert(L)
    lost = found(issue, "NOTE_BLOCK_LOST")
    assert len(lost) == 1 and lost[0].get("repeats") == 5000
    assert "（共 5000 处）" in lost[0].text("zh") and "(×5000)" in lost[0].text("en")


def test_lost_title_of_the_first_article_is_not_taken_from_the_page_before():
    """Above the first article stands the English TOC's last line ('Abstracts'): no title."""
    L = lines_of(ISSUE)
    t = index(L, r"^新时代中国推进金砖合作的理念与实践$")
    issue = convert(L[:t] + L[t + 1:])
    one(issue, "TITLE_LINE_MISSING", "warning", t + 2)
    assert issue.articles[0].title == "新时代中国推进金砖合作的理念与实践"
    assert not [d for d in issue.diagnostics if d.severity == "error"]


def test_lost_title_above_a_subtitle_keeps_the_subtitle():
    L = lines_of(ISSUE)
    t = index(L, r"^相互成就：上海合作组织与")
    issue = convert(L[:t] + ["——以某某为例", ""] + L[t + 1:])
    art = article(issue, "相互成就")
    assert art.subtitle == "以某某为例"
    one(issue, "TITLE_LINE_MISSING", "warning", t + 1)  # where the article now opens: its subtitle


def test_lost_abstract_line_of_a_single_article_is_reported_not_read_as_a_document():
    L = lines_of(ARTICLE)
    a = index(L, r"^\*\*【内容提要】")
    issue = convert(L[:a] + L[a + 1:], ARTICLE)
    assert issue.kind == "article" and issue.style == "lenticular"
    d = found(issue, "MISSING_FIELD")
    assert len(d) == 1 and "abstract" in d[0].message


def test_add_refuses_an_issue_whose_texts_are_swapped_and_changes_nothing(tmp_path):
    """The publishing gate: an error-level placement fault refuses the add, exit 2, tree unchanged."""
    from generator.cli import main

    (tmp_path / "sources").mkdir()
    (tmp_path / "content").mkdir()
    (tmp_path / "sources" / ARTICLE).write_text(SAMPLES[ARTICLE], encoding="utf-8")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    L = lines_of(ISSUE)
    a4, a5 = index(L, r"0065-21"), index(L, r"0086-24")
    e4, e5 = index(L, r"责任编辑", a4), index(L, r"责任编辑", a5)
    damaged = tmp_path / "incoming.txt"
    damaged.write_text("\n".join(L[: a4 + 1] + L[a5 + 1 : e5] + L[e4 : a5 + 1] + L[a4 + 1 : e4] + L[e5:]), encoding="utf-8")
    before[damaged] = damaged.read_bytes()
    code = main(["add", str(damaged), "--sources", str(tmp_path / "sources"), "--content", str(tmp_path / "content")])
    assert code == 2
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and ".cache" not in p.parts}
    assert after == {p: b for p, b in before.items()}
