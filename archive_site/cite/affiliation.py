"""A printed author bio -> the institutions and the roles in it.

"兰州大学上海合作组织研究中心兼职教授，西南政法大学国际组织研究中心主任、教授" ->
[("兰州大学上海合作组织研究中心", "兼职教授"), ("西南政法大学国际组织研究中心", "主任、教授")].
Metadata for indexers (citation_author_institution, JSON-LD affiliation) names
the institutions; the page keeps the bio as printed.
"""

from __future__ import annotations

import re

# a role: an optional qualifier and a post, degree or title, as printed after the institution
_QUALIFIER = r"(?:副|助理|高级|特聘|兼职|客座|名誉|首席|执行|常务|资深|访问|博士后|博士|硕士)*"
_POST = (
    r"(?:教授|研究员|讲师|助教|院长|所长|主任|秘书长|理事长|会长|部长|处长|馆长|社长|书记|主编|编辑|编审|"
    r"院士|学部委员|专家|学者|研究生|博士生|硕士生|本科生|博士|硕士|博士后|导师|博士生导师|硕士生导师|干事|助理|成员|委员|负责人|"
    r"首席科学家|研究人员|工作人员|大使|参赞|顾问)"
)
_ROLE = re.compile(rf"(?:{_QUALIFIER}{_POST})(?:[、和及与/]{_QUALIFIER}{_POST})*$")
_SPLIT = re.compile(r"[，,；;、]\s*")


def parse(bio: str | None) -> list[tuple[str, str]]:
    """(institution, role) pairs of a bio; the role is '' when none is printed."""
    out = []
    for part in _SPLIT.split((bio or "").strip().rstrip("。.")):
        part = part.strip()
        if not part:
            continue
        m = _ROLE.search(part)
        role = m.group(0) if m else ""
        institution = part[: len(part) - len(role)].strip()
        if not institution and out:  # "主任、教授", "教授，博士生导师": more roles at the same institution
            out[-1] = (out[-1][0], "、".join(r for r in (out[-1][1], role) if r))
        elif institution:
            out.append((institution, role))
    return out


def institutions(bio: str | None) -> list[str]:
    """The institutions of a bio, each once, in order."""
    seen: list[str] = []
    for inst, _role in parse(bio):
        if inst not in seen:
            seen.append(inst)
    return seen


def roles(bio: str | None) -> list[str]:
    return [r for _inst, r in parse(bio) if r]
