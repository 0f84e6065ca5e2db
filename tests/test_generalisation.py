"""Variants of the house styles the samples do not show: the converter must
follow the style, not the sample file."""

from pathlib import Path

from generator.pipeline import convert_text
from generator.plan import render

SOURCES = Path(__file__).resolve().parent.parent / "sources"


def sample(name: str) -> str:
    return next(SOURCES.rglob(f"{name}*.txt")).read_text(encoding="utf-8")


def test_list_form_toc_and_label_variants():
    text = sample("003").replace(
        "- | | | |\n|----|--------------------|---------|\n"
        "| 1 | 新时代中国推进金砖合作的理念与实践 | 杨 娜 |\n| 22 | 相互成就：上海合作组织与四大全球倡议 | 曾向红 张 宇 |",
        "- 1 新时代中国推进金砖合作的理念与实践 杨 娜\n- 22 相互成就：上海合作组织与四大全球倡议 曾向红 张 宇",
    )
    text = text.replace("〔提 要〕", "〔摘要〕", 3).replace("〔关 键 词〕", "〔关键词〕", 2)
    issue = convert_text(text, "variant.txt")
    assert [(e.page, e.title, e.authors_raw) for e in issue.toc[:2]] == [
        (1, "新时代中国推进金砖合作的理念与实践", "杨 娜"),
        (22, "相互成就：上海合作组织与四大全球倡议", "曾向红 张 宇"),
    ]
    first, second = issue.articles[:2]
    assert first.section == second.section == "习近平外交思想研究"
    assert first.abstract and first.keywords[0] == "习近平外交思想"
    assert not [d for d in issue.diagnostics if d.code.startswith("TOC")]


def test_issue_without_masthead_or_toc_lists_its_articles():
    text = sample("002")
    body, abstracts = text.split("## **Quantum")
    other = (
        body.replace("# 新大国竞争时代美国 对北约政策评析\\*", "# 量子竞争：美国对华技术政策\\*")
        .replace("杨悦 徐佳福", "余 峰")
        .replace("第 64~81 页", "第 46~63 页")
    )
    issue = convert_text(other + "\n\n" + body + "\n\n## **Quantum" + abstracts, "two.txt")
    assert issue.kind == "issue"
    assert (issue.journal, issue.year, issue.number) == ("当代美国评论", 2025, 1)
    quantum, nato = issue.articles
    assert [a.name_en for a in quantum.authors] == ["YU Feng"]  # matched by pinyin, not position
    assert quantum.title_en.startswith("Quantum Rivalry")
    assert nato.title_en.startswith("An Analysis of U. S. Policy")
    pages, _ = render([issue])
    index = pages["ddmgpl/2025/01/index.md"]
    # names as names (no break inside: archive.css .ja-name)
    assert ('<span class="ja-toc-title">[量子竞争：美国对华技术政策]</span> <span class="ja-toc-authors"><span class="ja-name">余峰</span></span> '
            '<span class="ja-pages"><span class="ja-sr">第 </span>46–63<span class="ja-sr"> 页</span></span>') in index
    assert ('<span class="ja-toc-title">[新大国竞争时代美国对北约政策评析]</span> <span class="ja-toc-authors"><span class="ja-name">杨悦</span> '
            '<span class="ja-name">徐佳福</span></span>') in index
    assert index.index("量子竞争") < index.index("新大国竞争时代")  # in printed order
    leftover = pages["ddmgpl/2025/01/abstracts-en.md"]
    assert "title: 英文摘要\n" in leftover and "Drivers, Approaches" in leftover and "Quantum" not in leftover


def test_single_bracket_style_article_knows_its_journal_from_the_article_number():
    lines = sample("003").split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("相互成就：上海合作组织与"))
    end = next(i for i, ln in enumerate(lines) if ln.startswith("【责任编辑：肖莹莹】")) + 1
    issue = convert_text("\n".join(lines[start:end]), "single.txt")
    art = issue.articles[0]
    assert issue.kind == "article"
    assert (art.journal, art.year, art.issue, art.first_page, art.last_page) == ("国际问题研究", 2025, 6, 22, 41)
    assert len(art.notes) == 67 and art.editor == "肖莹莹" and not issue.diagnostics
    pages, _ = render([issue])
    assert list(pages) == ["gjwtyj/2025/06/p022.md"]
