"""House style of 国际问题研究 and journals printed like it: a whole issue with a
masthead, a TOC table per section (■), articles opened by '□ byline' and
〔提 要〕〔关 键 词〕〔作者简介〕〔中图分类号〕〔文献标识码〕〔文章编号〕 labels, notes
'^[n]' → '[n] …' restarting on every page, then English abstracts, the annual
index and notices."""

import re

from .journal import HouseStyle

BRACKET = HouseStyle(
    name="bracket",
    abstract_label=re.compile(r"^〔\s*(?:提\s*要|摘\s*要|内容提要)\s*〕"),
    byline_mark="□",
    note_marks="^[n] -> [n] …, restarting on every page",
    labels=("abstract", "keywords", "bio", "clc", "doc_code", "article_no"),
    journals=("国际问题研究",),
)
