"""A printed author bio -> the institutions (each a chain of units) and the roles in it.

    "兰州大学上海合作组织研究中心兼职教授，西南政法大学国际组织研究中心主任、教授"
      -> [Post("兰州大学上海合作组织研究中心", ("兼职教授",)), Post("西南政法大学国际组织研究中心", ("主任", "教授"))]
    "南开大学周恩来政府管理学院教授、全球问题研究所所长"
      -> [... Post("南开大学全球问题研究所", ("所长",))]   (a unit printed after 、 or ， without its
         university belongs to the one before it, when it ranks below it: 研究所 under 大学)
    "中国国际问题研究院研究员，习近平外交思想研究中心特约研究员"
      -> [Post("中国国际问题研究院", ("研究员",)), Post("中国国际问题研究院习近平外交思想研究中心", ("特约研究员",))]

A part that names no institution (男, 1980年生, 江苏南京人, 主要研究方向为…, 博士) is not one.
Metadata for indexers (citation_author_institution, JSON-LD affiliation and jobTitle, JATS
<aff>) use the institutions and roles; the page keeps the bio as printed.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

# a role: an optional qualifier and a post, degree or title, as printed after the institution
_QUALIFIER = r"(?:副|助理|高级|特聘|特约|兼职|兼任|客座|名誉|首席|执行|常务|资深|访问|博士后|博士|硕士|在读|驻院|专职|二级|三级)*"
_POST = (
    r"(?:教授|研究员|讲师|助教|院长|所长|主任|秘书长|理事长|会长|部长|处长|馆长|社长|书记|主编|编辑|编审|"
    r"院士|学部委员|专家|学者|研究生|博士生|硕士生|本科生|博士|硕士|博士后|导师|博士生导师|硕士生导师|干事|助理|成员|委员|负责人|"
    r"首席科学家|首席专家|研究人员|工作人员|大使|参赞|顾问|理事|常务理事|副理事长|主席|副主席|院务委员)"
)
_ROLE = re.compile(rf"(?:{_QUALIFIER}{_POST})(?:[、和及与/]{_QUALIFIER}{_POST})*$")
_SPLIT = re.compile(r"([，,；;]\s*|、(?![^（(“]*[）)”]))")  # (kept: a part after 、 shares more than one after ，)
# the units an institution is made of, each ending in one of these (longest first)
_UNIT_END = ("社会科学院", "科学院", "研究院", "研究所", "研究中心", "研究基地", "实验室", "委员会", "办公室", "联合会", "研究会",
             "基金会", "大学", "学院", "党校", "中心", "基地", "学会", "协会", "学部", "学系", "智库", "银行", "集团", "公司",
             "医院", "图书馆", "出版社", "报社", "杂志社", "编辑部", "系", "所", "部", "局", "处", "院", "署", "厅", "室")
_UNIT = re.compile(r"(?:(?![，,；;]).)*?(?:" + "|".join(_UNIT_END) + r")(?:[（(][^）)]*[）)])?")
# a unit's rank: a university or academy holds 学院 and 研究院, which hold 研究所, 中心, 系 ...
_RANK = (("社会科学院", 3), ("科学院", 3), ("大学", 3), ("党校", 3), ("学院", 2), ("研究院", 2))
# bodies that stand on their own wherever they are printed (a society is no university's unit)
_OWN = re.compile(r"(?:学会|协会|研究会|联合会|基金会|委员会)$|^(?:中国|全国|国家|中华|中共|中央|国务院|联合国|国际)")
_NOT_INSTITUTION = re.compile(r"^(?:男|女|汉族|.{0,8}人|\d{4}年(?:\d{1,2}月)?生|\d{4}年出生|.*研究方向.*|.*邮箱.*|.*E-?mail.*|.*通讯作者.*)$", re.I)


class Post(NamedTuple):
    institution: str  # the whole chain, as one name (南开大学全球问题研究所)
    roles: tuple[str, ...]  # 主任, 教授 (each once, in order)


def _units(name: str) -> list[str]:
    """南开大学周恩来政府管理学院 -> [南开大学, 周恩来政府管理学院]; 四川大学—成都市…中心 stays one unit."""
    out: list[str] = []
    pos = 0
    for m in _UNIT.finditer(name):
        if m.start() != pos:
            break
        unit = m.group(0)
        if out and unit[:1] in "—-–与和":  # a joint body: 四川大学—成都市“一带一路”教育协同创新中心
            out[-1] += unit
        else:
            out.append(unit)
        pos = m.end()
    if pos < len(name):
        out.append(name[pos:]) if not out else out.__setitem__(-1, out[-1] + name[pos:])
    return out


def _rank(unit: str) -> int:
    for end, rank in _RANK:
        if unit.endswith(end):
            return rank
    return 1


@functools.lru_cache(maxsize=1)
def _place_words():
    """Words jieba's dictionary tags as place names (上海, 北京): a unit opening with one is named for itself."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg.dt


def _named_for_a_place(unit: str) -> bool:
    tagger = _place_words()
    first = next(iter(tagger.cut(unit, HMM=False)), None)
    return bool(first and first.flag == "ns" and len(first.word) > 1)


def _inherits(units: list[str], root: str | None, after_comma: bool) -> bool:
    """A chain printed without its university, under the one before it (全球问题研究所 after 南开大学…,
    after 、; after ， only under a university or academy, not under an institute: 研究院研究员，…中心)."""
    if not root or not units:
        return False
    head = units[0]
    below = _rank(head) < _rank(root) and (not after_comma or _rank(root) == 3)
    return below and not _OWN.search(head) and not _named_for_a_place(head) and not head.startswith(root)


@functools.lru_cache(maxsize=4096)
def _parse(bio: str) -> tuple[Post, ...]:
    posts: list[list] = []  # [institution, roles]
    root = None
    pieces = _SPLIT.split(bio.strip().rstrip("。."))
    for k in range(0, len(pieces), 2):
        part, after_comma = pieces[k].strip(), k > 0 and pieces[k - 1].strip() != "、"
        if not part or _NOT_INSTITUTION.match(part):
            continue
        m = _ROLE.search(part)
        role = m.group(0) if m else ""
        name = part[: len(part) - len(role)].strip()
        roles = [r for r in re.split(r"[、和及与/]", role) if r]
        if not name:  # "主任、教授", "教授，博士生导师": more roles at the same institution
            if posts:
                posts[-1][1] += [r for r in roles if r not in posts[-1][1]]
            continue
        units = _units(name)
        if not _UNIT.match(name):  # no unit: a degree, a place, a research interest
            continue
        if _inherits(units, root, after_comma):
            name = root + name
        else:
            root = units[0]
        for p in posts:
            if p[0] == name:
                p[1] += [r for r in roles if r not in p[1]]
                break
        else:
            posts.append([name, roles])
    return tuple(Post(n, tuple(dict.fromkeys(r))) for n, r in posts)


def parse(bio: str | None) -> list[Post]:
    """The posts of a bio: (institution, roles), in the order printed."""
    return list(_parse(" ".join(str(bio).split()))) if bio else []


def institutions(bio: str | None) -> list[str]:
    """The institutions of a bio, each once, in order."""
    return [p.institution for p in parse(bio)]


def roles(bio: str | None) -> list[str]:
    """Every role of a bio, each once (研究员，副院长、研究员 -> 研究员, 副院长)."""
    return list(dict.fromkeys(r for p in parse(bio) for r in p.roles))
