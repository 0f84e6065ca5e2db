"""Issue 23's "what is wrong today", each against hand-written expectations: printed bios parsed
into institutions and roles (every bio of the samples, and bios of the shapes other issues
print), APA 7's romanised titles (proper nouns, joint country names, words), the bracketed
English title in sentence case, and a run-in heading's full stop kept out of the JATS title."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from archive_site.cite.affiliation import institutions, parse, roles
from archive_site.cite.csl import csl_record, romanised
from archive_site.cite.romanise import romanise_title, sentence_case
from archive_site.scholarly.jats import article_xml
from test_jats import DTD_FILE
from test_scholarly import pages_of

ROLE_WORDS = re.compile(r"(教授|研究员|讲师|主任|院长|所长|研究生|特约|兼职|副|博士|硕士)$")
UNIT_END = re.compile(r"(大学|学院|研究院|研究所|中心|学会|协会|基地|实验室|系|所|院|部|局)(\([^)]*\)|（[^）]*）)?$")

BIOS = {  # bio as printed -> [(institution, roles)], by hand
    "兰州大学上海合作组织研究中心兼职教授，西南政法大学国际组织研究中心主任、教授":
        [("兰州大学上海合作组织研究中心", ("兼职教授",)), ("西南政法大学国际组织研究中心", ("主任", "教授"))],
    "南开大学周恩来政府管理学院教授、全球问题研究所所长":
        [("南开大学周恩来政府管理学院", ("教授",)), ("南开大学全球问题研究所", ("所长",))],
    "中国国际问题研究院研究员，习近平外交思想研究中心特约研究员":
        [("中国国际问题研究院", ("研究员",)), ("习近平外交思想研究中心", ("特约研究员",))],
    "北京外国语大学国际关系学院教授、国别（区域）研究中心主任":
        [("北京外国语大学国际关系学院", ("教授",)), ("北京外国语大学国别（区域）研究中心", ("主任",))],
    "中国社会科学院美国研究所研究员，中国社会科学院大学国际政治经济学院副院长、研究员":
        [("中国社会科学院美国研究所", ("研究员",)), ("中国社会科学院大学国际政治经济学院", ("副院长", "研究员"))],
    "清华大学国际关系学院教授，全国美国经济学会副会长":
        [("清华大学国际关系学院", ("教授",)), ("全国美国经济学会", ("副会长",))],
    "男，1980年生，江苏南京人，南京大学政府管理学院副教授，主要研究方向为国际关系理论。":
        [("南京大学政府管理学院", ("副教授",))],
    "复旦大学美国研究中心主任、教授、博士生导师": [("复旦大学美国研究中心", ("主任", "教授", "博士生导师"))],
    "四川大学国际关系学院副教授，四川大学—成都市“一带一路”教育协同创新中心主任":
        [("四川大学国际关系学院", ("副教授",)), ("四川大学—成都市“一带一路”教育协同创新中心", ("主任",))],
    "外交学院亚洲研究所(国家安全学院)教授": [("外交学院亚洲研究所(国家安全学院)", ("教授",))],
    "上海国际问题研究院副研究员，上海合作组织研究中心副主任":  # named for a place: not the institute's own unit
        [("上海国际问题研究院", ("副研究员",)), ("上海合作组织研究中心", ("副主任",))],
    "教授，博士生导师": [],
}


@pytest.mark.parametrize("bio", list(BIOS))
def test_bios_parse_into_institutions_and_roles(bio):
    assert [(p.institution, p.roles) for p in parse(bio)] == BIOS[bio]


def test_roles_each_once():
    assert roles("中国社会科学院美国研究所研究员，中国社会科学院大学国际政治经济学院副院长、研究员") == ["研究员", "副院长"]


def test_every_affiliation_of_the_samples_is_an_institution(built):
    content, _ = built
    bios = {a["affiliation"] for m in pages_of(content, "article").values() for a in m["authors"] if a.get("affiliation")}
    assert len(bios) >= 10
    for bio in bios:
        insts = institutions(bio)
        assert insts, bio
        for inst in insts:
            assert UNIT_END.search(inst) and not ROLE_WORDS.search(inst), (bio, inst)
    # the chains the samples print: a unit after 、 belongs to the university before it
    assert institutions("南开大学周恩来政府管理学院教授、全球问题研究所所长")[1] == "南开大学全球问题研究所"


TITLES = {  # (Chinese title, English title printed) -> APA 7 romanised title, by hand
    ("新大国竞争时代美国对北约政策评析", ""): "Xin daguo jingzheng shidai Meiguo dui Beiyue zhengce pingxi",
    ("新时代中国推进金砖合作的理念与实践", ""): "Xin shidai Zhongguo tuijin jinzhuan hezuo de linian yu shijian",
    ("中美关系的新变化", ""): "Zhong-Mei guanxi de xin bianhua",
    ("中拉普惠金融合作", ""): "Zhong-La puhui jinrong hezuo",
    ("美日印澳四边机制", ""): "Mei-Ri-Yin-Ao sibian jizhi",
    ("论习近平外交思想", ""): "Lun Xi Jinping waijiao sixiang",
    ("两极政治与韩国外交路线之争", ""): "Liangji zhengzhi yu Hanguo waijiao luxian zhi zheng",
    ("非法移民问题", ""): "Feifa yimin wenti",
    ("相互成就：上海合作组织与四大全球倡议", "Mutual Empowerment: The Shanghai Cooperation Organization and the Four Global Initiatives"):
        "Xianghu chengjiu: Shanghai hezuo zuzhi yu sida quanqiu changyi",
}


@pytest.mark.parametrize("title, english", list(TITLES))
def test_apa_titles_capitalise_proper_nouns(title, english):
    assert romanise_title(title, english) == TITLES[title, english]


ENGLISH = {  # title case as printed -> APA sentence case, by hand
    "Mutual Empowerment: The Shanghai Cooperation Organization and the Four Global Initiatives":
        "Mutual empowerment: The Shanghai Cooperation Organization and the four global initiatives",
    "An Analysis of U. S. Policy Toward NATO in the New Era of Great Power Competition":
        "An analysis of U. S. policy toward NATO in the new era of great power competition",
    "China's Approach and Practice in Advancing BRICS Cooperation in the New Era":
        "China's approach and practice in advancing BRICS cooperation in the new era",
    "Crisis-Driven Evolution of EU Common Bonds: Impacts and Prospects":
        "Crisis-driven evolution of EU common bonds: Impacts and prospects",
    "Australia's Minilateral Policy: Developments, Drivers, and Implications":
        "Australia's minilateral policy: Developments, drivers, and implications",
    "Polarized Politics and Foreign Policy Debate in the ROK": "Polarized politics and foreign policy debate in the ROK",
}


@pytest.mark.parametrize("title", list(ENGLISH))
def test_bracketed_english_title_in_sentence_case(title):
    assert sentence_case(title) == ENGLISH[title]


def test_apa_bracket_only_for_a_printed_english_title():
    meta = {"kind": "article", "title": "中美关系的新变化", "authors": [{"name": "曾向红"}], "journal": "国际问题研究", "year": 2025, "issue": 1}
    rec = romanised(csl_record(meta, id="t"), meta)
    assert rec["title"] == "Zhong-Mei guanxi de xin bianhua" and "[" not in rec["title"]  # not the Chinese title again
    meta["title_en"] = "New Changes in China-US Relations"
    assert romanised(csl_record(meta, id="t"), meta)["title"] == "Zhong-Mei guanxi de xin bianhua [New changes in China-US relations]"


def test_jats_title_of_a_run_in_heading_has_no_full_stop():
    html = '<h2 id="s1">一、加强合作。</h2><p>正文一段。</p><h3 id="s1-1">（一）<strong>务实</strong>推进。</h3><p>正文二段。</p>'
    meta = {"kind": "article", "title": "标题", "authors": [], "journal": "国际问题研究", "year": 2025, "issue": 1}
    doc = etree.fromstring(article_xml(meta, html, None, "t/2025/01/p001"))
    titles = ["".join(t.itertext()) for t in doc.iter("title")]
    assert titles == ["一、加强合作", "（一）务实推进"]
    assert etree.DTD(str(DTD_FILE)).validate(doc)


def test_apa_online_only_edition_has_its_url_and_a_doi_its_doi():
    """APA 7: a DOI when there is one; the URL only for an online-only edition (no printed pages, no DOI)."""
    meta = {"kind": "article", "title": "中美关系的新变化", "authors": [{"name": "曾向红"}], "journal": "国际问题研究", "year": 2025, "issue": 1}
    url = "https://example.github.io/journal-archive/t/"
    assert romanised(csl_record(meta, id="t", url=url), meta)["URL"] == url
    printed_pages = {**meta, "first_page": 5, "last_page": 9}
    assert "URL" not in romanised(csl_record(printed_pages, id="t", url=url), printed_pages)
    with_doi = romanised(csl_record(printed_pages, id="t", url=url, doi="10.99999/x.1"), printed_pages)
    assert with_doi["DOI"] == "10.99999/x.1" and "URL" not in with_doi
