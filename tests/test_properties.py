"""Property tests: whatever the text, the converter either converts it or
refuses it with its own InputError; it never crashes with anything else."""

import random
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.decode import InputError, decode
from generator.load import load
from generator.pipeline import convert_text
from generator.plan import render

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sources").glob("*.txt"))
PARAS = [p for s in SAMPLES for p in s.read_text(encoding="utf-8").split("\n\n") if p.strip()]
HEAD_002 = (ROOT / "sources" / "002_f37504ff9d225e68.txt").read_text(encoding="utf-8")

# Pieces of journal markup, so random text hits the interesting code paths.
MARKUP = st.sampled_from([
    "\n", "\n\n", " ", "# ", "## ", "**", "\\*", "^{*}", "* ", "---", "|", "- ",
    "〔提 要〕", "【内容提要】", "**【关键词】**", "〔作者简介〕", "〔文章编号〕0452 8832（2025）6 期 0001-21",
    "【责任编辑：王 俊】", "□ 张 三", "^[1]", "[1] ", "<sup>①</sup>", "① ", "②", "一、", "（一）", "1. ",
    "2025 年第 6 期（总第 230 期）", "■ 区域与国别", "Abstracts", "[ Abstract ] ", "ZHANG San", "<script>",
    "\ufeff", "\r\n", "\u3000", "\x0c", "。", "，", "https://example.org/x",
])
TEXT = st.lists(st.one_of(st.text(max_size=30), MARKUP), max_size=60).map("".join)
# Openings the readers recognise, so the random tail reaches every transform.
HEADS = st.sampled_from([
    "# 标题\\*\n\n张三 李四\n\n**【内容提要】**提要。\n\n**【关键词】**甲;乙\n\n**【作者】**张三,某大学。\n\n",
    "标题\n\n□ 张 三\n\n〔提 要〕提要。\n\n〔关 键 词〕甲、乙\n\n〔文章编号〕0452 8832（2025）6 期 0001-21\n\n",
    "國際問題研究\n\n2025 年第 6 期（总第 230 期）\n\n■ 区域\n\n- 1 标题 张 三\n\n标题\n\n□ 张 三\n\n〔提 要〕提要。\n\n",
    "# 文件标题\n\n副标题\n\n## 前言\n\n",
    "",
])
ARTICLE = st.tuples(HEADS, TEXT).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _convert(text: str, name: str = "x.txt") -> None:
    try:
        issue = convert_text(text, name)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    render([issue])  # the writers must cope with whatever the readers made


@SETTINGS
@given(TEXT)
def test_any_text_converts_or_is_refused(text):
    _convert(text)


@SETTINGS
@given(ARTICLE)
def test_any_article_body_converts_or_is_refused(text):
    _convert(text)


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_are_refused(data):
    try:
        text = decode(data)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(text, str) and text.strip()
    _convert(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_load_never_raises_anything_else(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("p") / "in.txt"
    path.write_bytes(data)
    try:
        load(path)
    except InputError as exc:
        assert "internal error" not in str(exc), exc  # load() turns converter crashes into this


@SETTINGS
@given(st.randoms(use_true_random=False), st.integers(1, 8))
def test_mutated_sample_paragraphs(rnd: random.Random, n_mutations: int):
    """Real paragraphs, shuffled, cut, duplicated and spliced with markup."""
    paras = rnd.sample(PARAS, k=min(len(PARAS), rnd.randint(1, 25)))
    for _ in range(n_mutations):
        i = rnd.randrange(len(paras))
        p = paras[i]
        op = rnd.randrange(6)
        if op == 0 and len(p) > 2:  # cut mid-paragraph (a page break)
            k = rnd.randrange(1, len(p))
            paras[i : i + 1] = [p[:k], p[k:]]
        elif op == 1:  # duplicate
            paras.insert(i, p)
        elif op == 2 and len(paras) > 1:  # drop
            del paras[i]
        elif op == 3:  # splice markup in
            k = rnd.randrange(len(p) + 1)
            paras[i] = p[:k] + rnd.choice(["^[3]", "<sup>⑤</sup>", "〔关 键 词〕", "\n---\n", "\n\n[2] 注。\n\n", "一、"]) + p[k:]
        elif op == 4:  # swap with another
            j = rnd.randrange(len(paras))
            paras[i], paras[j] = paras[j], paras[i]
        else:  # delete a random span
            a, b = sorted(rnd.randrange(len(p) + 1) for _ in range(2))
            paras[i] = p[:a] + p[b:]
    _convert("\n\n".join(paras))


@settings(max_examples=60, deadline=None)
@given(st.randoms(use_true_random=False))
def test_article_with_mutated_tail_still_converts(rnd: random.Random):
    """A recognisable article whose body is damaged still converts (no InputError)."""
    cut = rnd.randrange(len(HEAD_002) // 3, len(HEAD_002))
    text = HEAD_002[:cut] + "\n\n" + "\n\n".join(rnd.sample(PARAS, 5))
    issue = convert_text(text, "002_f37504ff9d225e68.txt")
    assert issue.articles and issue.articles[0].title
    render([issue])


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20), st.sampled_from(["null", "yes", "012", "2025-01-01", "a: b", "- x", "#x", "<b>", "a\nb", " "]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=20)


@SETTINGS
@given(st.dictionaries(st.text(max_size=10), VALUES, max_size=8))
def test_front_matter_is_what_pyyaml_writes(meta):
    """The front matter's nodes are made directly, not by PyYAML's representer: the text is the
    same as yaml.dump's for any mapping of the front matter's types (and others fall back)."""
    import yaml

    from generator.writers.frontmatter import _OPTIONS, _Dumper, _dump

    assert _dump(meta) == yaml.dump(meta, Dumper=_Dumper, **_OPTIONS)


# Strings most of which libyaml writes plain, and their near misses.
WORDS = st.sampled_from(["标题", "国际问题研究", "A", "z9", "0", "12", "2025", "2025-01-01", "1.5", "0x1f", "null", "Null", "~", "yes",
                         "no", "on", "Off", "true", "<<", "=", "中文：副题", "a b", "a  b", " ", "  ", ":", ": ", "a:", "a:b", "#", " #",
                         "a#b", "-", "- ", "--- a", "...", ".5", "'", '"', "\\", "[x]", "{y}", ",", "?", "!", "&a", "*a", "|", ">",
                         "%", "@", "`", "\t", "\n", "\r", "\x85", "\u2028", "\xa0", "\u3000", "\ufeff", "\ue000", "\uffff",
                         "\U0001f600", "\x7f", "\x1b", "é", "(一)", "〔", "□ 张三", "| 1 | 2 |"])
PLAINISH = st.lists(WORDS, max_size=4).map("".join)
KEYS = st.one_of(st.sampled_from(["title", "year", "no", "y", "a_b", "中文", "2025", "x" * 40, "x" * 129, "中" * 43]), PLAINISH)
PLAIN_VALUES = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), PLAINISH),
                            lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
                            max_leaves=25)


@SETTINGS
@given(st.dictionaries(KEYS, PLAIN_VALUES, max_size=8))
@example({"a": [{"b": [["c", "d"], []], "e": {}}, {}], "f": {"g": {"h": "1"}}, "k": "a\nb", "m": "'x'"})
@example({"a": "a: b", "b": ["a #b", "a:b", "a:", "a#b", "a "], "c": "a\u2028b", "d": ["2025-01-01 中", "12:30", "中 "]})
@example({"x" * 129: 1})
def test_front_matter_written_here_is_what_pyyaml_writes(meta):
    """frontmatter._Block writes plain strings itself (libyaml the others): the text of yaml.dump
    for mappings of strings most of which are plain."""
    import yaml

    from generator.writers.frontmatter import _OPTIONS, _Dumper, _dump

    assert _dump(meta) == yaml.dump(meta, Dumper=_Dumper, **_OPTIONS)


@settings(max_examples=500, deadline=None)
@given(st.from_regex(__import__("generator.markers", fromlist=["RUNNING_HEAD"]).RUNNING_HEAD, fullmatch=True))
@example("· 1234 ·" + "国" * 40)
@example("国" * 40 + " · 1234 ·")
def test_every_running_head_has_what_the_quick_test_looks_for(line):
    """markers.running_head tries the pattern only on lines with a dot, a dash or 期 and at most
    HEAD_CHARS characters besides white space: every line the pattern matches has both."""
    from generator.markers import HEAD_CHARS, HEAD_MARK, running_head

    assert HEAD_MARK.search(line) and sum(map(len, line.split())) <= HEAD_CHARS
    assert running_head(line)


# Pieces of the house markup and of what looks like it, for the token scan below.
TOKENISH = st.sampled_from(["<", ">", "[", "]", "(", ")", "\\", "*", "**", "h", "http", "https://a.b/c", "<https://x.y>",
                            "[t](https://u.v)", "\\*", "mailto:", " ", "/", "。", "中", "a"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(TOKENISH, st.text(max_size=4)), max_size=30).map("".join), st.booleans())
@example("x https://a.b <https://c.d> [e](https://f.g) \\* **h** /https://no", True)
def test_token_scan_is_the_patterns_finditer(line, bare_urls):
    """escape._tokens tries the house-markup pattern only where a token may start: the same
    matches as the pattern's finditer over the whole line."""
    from generator.writers import escape

    pattern = escape._TOKEN_URL if bare_urls else escape._TOKEN
    want = [(m.span(), m.lastgroup) for m in pattern.finditer(line)]
    assert [(m.span(), m.lastgroup) for m in escape._tokens(line, bare_urls)] == want


# What a line's Markdown may turn on: its opening, its end, escapes, entities, tokens.
LINE_BITS = st.sampled_from(["#", "##", ">", "-", "+", "1.", "12", ".", "=", "==", " ", "\t", "&", "&amp;", "&#58;", "\\]:",
                             "`", "_", "{", "|", "<", "]", "[", "*", "http://a.b", "h", "中文", "。", "\ue000", "a",
                             "<https://a.b/c_d*e>", "<mailto:x@y>", "<http://a", ">", "tp", "ht"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(LINE_BITS, st.text(max_size=3)), max_size=12).map("".join), st.booleans(), st.booleans())
@example("1. 中文", False, True)
@example("中文 #", False, True)
@example("== ", False, True)
@example("见 <https://a.b/c_d> 与 <http://e.f/[g]>。", True, True)
@example("<https://a.b>ht<https://c.d>tp://e", True, True)
@example("<<https://a.b>", False, True)
def test_a_plain_line_is_its_own_markdown_as_the_definition_says(line, bare_urls, opening):
    """escape._inline_line returns a line none of whose characters the escaping acts on as it
    is: the same Markdown as its definition (_marked_line) for any line."""
    from generator.writers import escape

    assert escape._inline_line(line, bare_urls, opening) == escape._marked_line(line, bare_urls, opening)


# Characters of the marks the quick tests look for, and of what surrounds them.
MARKISH = st.lists(st.one_of(st.sampled_from(["·", "•", "・", "-", "—", "–", "期", "^", "<", "\\", "<sup>", "^{*}", "^[3]",
                                              "^{3}", "<sup>③</sup>", "sup>", "{", "*", "中", " ", "Ã©", "â€™", "Â ", "ï¼", "ã€"]), st.text(max_size=3)),
                   max_size=12).map("".join)


@settings(max_examples=1000, deadline=None)
@given(MARKISH)
def test_quick_mark_tests_agree_with_the_patterns(text):
    """The substring tests that spare a pattern's scan say yes whenever the pattern would find something."""
    import re

    from generator.markers import (HEAD_MARK, NOTE_REF, STAR_REF, _has_head_mark, may_hold_note_ref,
                                   may_hold_star_ref)
    from generator.transforms.conserve import _MARKUP, _marked
    from generator.transforms.validate import _MOJIBAKE, _may_be_latin_mojibake

    assert _has_head_mark(text) == bool(HEAD_MARK.search(text))
    assert may_hold_note_ref(text) or not NOTE_REF.search(text)
    assert may_hold_star_ref(text) == bool(STAR_REF.search(text))
    assert _marked(text) == bool(re.search(r"[\^<\\]", text))
    assert _marked(text) or not (NOTE_REF.search(text) or STAR_REF.search(text) or _MARKUP.search(text))
    assert _may_be_latin_mojibake(text) or not _MOJIBAKE.search(text)


RECORD_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12),
                          st.sampled_from(["}, {", "{}", "}", ", {", "\u2028", "\x85", "\ufeff", "中文"]))
RECORDS = st.lists(st.one_of(st.dictionaries(st.text(max_size=4), st.one_of(RECORD_VALUES, st.lists(RECORD_VALUES, max_size=3),
                                                                          st.dictionaries(st.text(max_size=3), RECORD_VALUES, max_size=2)),
                                             max_size=4),
                             RECORD_VALUES), max_size=6)


@SETTINGS
@given(RECORDS)
@example([{"a": "}, {"}, {"b": 1}])
@example([{"a": [{}, {}]}, {}])
def test_record_lines_are_one_json_object_a_line(items):
    """frontmatter._records encodes a list of objects in one call and splits it at the joins:
    the same lines as encoding each item on its own (json.dumps, then the characters YAML
    will not take raw as \\u escapes)."""
    import json

    from generator.writers.frontmatter import NOT_YAML, _records

    lines = [NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(item, ensure_ascii=False)) for item in items]
    assert _records("k", items) == ("k:\n" + "".join(f"- {line}\n" for line in lines) if items else "k: []\n")


NOTE_BITS = st.sampled_from(["^[3]", "^{2}", "<sup>①</sup>", "<sup> [12] </sup>", "<sup>", "</sup>", "^", "[4]", "{5}", "①",
                             "注", "。", " ", "\n", "https://a.b", "<https://c.d>"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(NOTE_BITS, st.text(max_size=3)), max_size=12).map("".join))
def test_note_refs_open_with_a_caret_or_sup(text):
    """inline.note_text looks for printed reference markers only in a note with '^' or '<sup>':
    each form of markers.NOTE_REF opens with one of them."""
    from generator.markers import NOTE_REF

    assert all(m.group().startswith(("^", "<sup>")) for m in NOTE_REF.finditer(text))
    from re import _parser

    def opening(items) -> str:  # the literal text a (parsed) pattern opens with
        out = ""
        for op, arg in items:
            if op is not _parser.LITERAL:
                break
            out += chr(arg)
        return out

    (op, (_, branches)), = list(_parser.parse(NOTE_REF.pattern))
    assert op is _parser.BRANCH and all(opening(b).startswith(("^", "<sup>")) for b in branches)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["^{*}", "^{", "*}", "^", "{*", "}", "中"]), st.text(max_size=3)), max_size=10).map("".join),
       st.integers(0, 40), st.integers(0, 40))
def test_a_text_without_the_star_reference_has_none_in_a_piece(text, a, b):
    """inline.body_text searches a block's text for the star reference once, not each piece
    of it: markers.STAR_REF matches the same text wherever it stands."""
    from generator.markers import STAR_REF

    if STAR_REF.search(text) is None:
        assert STAR_REF.search(text[a:b]) is None
