"""House style of 当代美国评论 and journals printed like it: '# title\\*', a bare
byline, bold **【内容提要】**/**【关键词】**/**【作者】**/**【引用】** labels, notes
'<sup>①</sup>' → '<sup>①</sup> …' or '① …' restarting on every page, and
English abstracts ('## **Title**', '**AUTHORS**', '[ Abstract ]') at the end."""

import re

from .journal import HouseStyle

LENTICULAR = HouseStyle(
    name="lenticular",
    abstract_label=re.compile(r"^\**\s*【\s*(?:内容提要|内容摘要|摘\s*要|提\s*要)\s*】"),
    brackets="【】",
    note_marks="<sup>①</sup> -> <sup>①</sup> … or ① …, restarting on every page",
    labels=("abstract", "keywords", "bio", "citation"),
    journals=("当代美国评论",),
)
