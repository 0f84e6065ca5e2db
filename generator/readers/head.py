"""The head of a journal article: the labelled lines between its byline and its text,
read into the article's fields, each label and each code checked (labels.py, codes.py).

What a house style prints above every article (`HouseStyle.labels`) and an article does
not print is reported (MISSING_FIELD), so a lost keyword line is never silent.
"""

from __future__ import annotations

import re

from ..diagnostics import report
from ..model import Article, Author, Diagnostic, Span
from ..text import join_lines
from .codes import clc_ok, doc_code_ok, half_width, issn_ok
from .fields import ARTICLE_NO, bios_of, citation_facts, clc_of, keywords_of, normalise_article_no, split_byline
from .labels import Label, read_label, split_run_together
from .paras import Para

# The fields a label reads into, as the archivist knows the labels (messages).
LABEL_NAMES = {"abstract": "提要", "keywords": "关键词", "bio": "作者简介", "clc": "中图分类号", "doc_code": "文献标识码",
               "article_no": "文章编号", "citation": "引用", "doi": "DOI", "funding": "基金项目"}
# Fields whose value may run over the next paragraphs (a bio over several lines).
WRAPPING = ("bio", "abstract", "keywords")


def read_labels(paras: list[Para], i: int, source: str, diags: list[Diagnostic]) -> tuple[dict, dict, dict, int]:
    """The labelled paragraphs from paras[i]: ({field: raw value}, {field: as printed},
    {field: line}, index of the first paragraph after them)."""
    fields: dict[str, str] = {}
    printed: dict[str, str] = {}
    lines: dict[str, int] = {}
    while i < len(paras):
        lab = read_label(paras[i].first)
        if not lab:
            break
        start = i
        pieces = [lab.value, *(ln.strip() for ln in paras[i].lines[1:])]  # a label paragraph may wrap
        k = i + 1
        while k < len(paras) and k - i <= 3 and not read_label(paras[k].first):
            k += 1
        if k < len(paras) and k - i <= 3 and read_label(paras[k].first) and lab.field in WRAPPING:
            pieces += [p.text for p in paras[i + 1 : k]]
            i = k
        else:
            i += 1
        line = paras[start].line
        raw = "\n".join(p for p in pieces if p)
        raw, inner = split_run_together(raw) if lab.field not in WRAPPING else (raw, [])
        for found in [lab, *inner]:
            _report_label(found, line, source, diags)
        for found in inner:
            diags.append(report("LABEL_RUN_TOGETHER", Span(source, line), label=LABEL_NAMES.get(found.field, found.name)))
        as_printed = "\n".join(p.text for p in paras[start:i])
        for found, value in [(lab, raw), *((x, x.value) for x in inner)]:
            key = found.field or f"label:{found.name}"
            fields[key] = value if key not in fields else fields[key] + "\n" + value
            lines.setdefault(key, line)
        key = lab.field or f"label:{lab.name}"
        printed[key] = as_printed if key not in printed else printed[key] + "\n" + as_printed
    return fields, printed, lines, i


def _report_label(lab: Label, line: int, source: str, diags: list[Diagnostic]) -> None:
    span = Span(source, line)
    if lab.field is None:
        diags.append(report("LABEL_UNKNOWN", span, printed=lab.name))
    elif lab.garbled:
        how_zh = lab.garbled.replace("brackets lost", "括号缺失").replace("bracket lost", "缺少括号").replace("misspelt", "有错字")
        diags.append(report("LABEL_GARBLED", span, printed=lab.name, how=lab.garbled, how_zh=how_zh,
                            label=LABEL_NAMES.get(lab.field, lab.field)))


def _article_no(value: str, span: Span, diags: list[Diagnostic]) -> dict:
    folded, wide = half_width(value)
    if wide:
        diags.append(report("CODE_WIDTH", span, label="文章编号", printed=value.strip(), read=folded.strip()))
    norm = normalise_article_no(folded) if ARTICLE_NO.search(folded) else None
    if not norm:
        diags.append(report("ARTICLE_NO_UNPARSED", span, value=value))
        return {}
    no, issn, first, count = norm
    if not issn_ok(issn):
        diags.append(report("CODE_INVALID", span, label="文章编号", value=value.strip(), shape="ISSN 校验位", shape_en="an ISSN whose check digit agrees"))
        return {"first_page": first, "last_page": first + count - 1, "year": int(no[10:14]), "issue": int(no[15:17])}
    return {"article_no": no, "issn": issn, "first_page": first, "last_page": first + count - 1,
            "year": int(no[10:14]), "issue": int(no[15:17])}


def _codes(value: str, label: str, ok, shape: str, shape_en: str, span: Span, diags: list[Diagnostic]) -> list[str]:
    folded, wide = half_width(value)
    if wide:
        diags.append(report("CODE_WIDTH", span, label=label, printed=value.strip(), read=folded.strip()))
    codes = clc_of(folded)
    for code in codes:
        if not ok(code):
            diags.append(report("CODE_INVALID", span, label=label, value=code, shape=shape, shape_en=shape_en))
    return [c for c in codes if ok(c)]


def apply_fields(art: Article, fields: dict, lines: dict, names: list[str], printed: dict, source: str,
                 diags: list[Diagnostic]) -> Article:
    """The article with the fields its labels give (codes checked, bios split by author)."""
    changes: dict = {}

    def span(field: str) -> Span:
        return Span(source, lines.get(field, art.line))

    if "abstract" in fields:
        changes["abstract"] = join_lines(fields["abstract"])
    if "keywords" in fields:
        changes["keywords"] = tuple(keywords_of(fields["keywords"].replace("\n", "")))
    if "clc" in fields:
        changes["clc"] = tuple(_codes(fields["clc"], "中图分类号", clc_ok, "如 D815.1", "a class letter and digits, e.g. D815.1",
                                      span("clc"), diags))
    if "doc_code" in fields:
        codes = _codes(fields["doc_code"], "文献标识码", doc_code_ok, "A–E 之一", "one of A-E", span("doc_code"), diags)
        changes["doc_code"] = codes[0] if codes else None
    if "funding" in fields:
        changes["funding"] = join_lines(fields["funding"])
    if "article_no" in fields:
        changes.update(_article_no(fields["article_no"], span("article_no"), diags))
    if "citation" in fields:
        facts = citation_facts(fields["citation"])
        changes["citation"] = fields["citation"].strip()
        changes["cited_title"] = facts.get("title")
        for key in ("journal", "year", "issue"):
            if key in facts and key not in changes:
                changes[key] = facts[key]
        if "first_page" not in changes and "first_page" in facts:
            changes.update(first_page=facts["first_page"], last_page=facts["last_page"])
    bios = {}
    if "bio" in fields:
        bio_names = names or split_byline(re.sub(r"[,，:：].*", "", fields["bio"]))
        bios = {k: join_lines(v) for k, v in bios_of(fields["bio"], bio_names).items()}
        if not names:
            names = list(bios)
    changes["authors"] = tuple(Author(n, bios.get(n)) for n in names)
    for n in bios:
        if n not in names:
            diags.append(report("BIO_NOT_IN_BYLINE", span("bio"), name=n))
    if "bio" in fields:
        for n in names:
            if n not in bios:
                diags.append(report("MISSING_FIELD", span("bio"), "warning", what=f"the author note does not name {n} (no affiliation read)",
                                    what_zh=f"作者简介中没有 {n}（未读到其单位）"))
    changes["printed"] = tuple(printed.items())
    return art.with_(**changes)


def missing_labels(expected: tuple[str, ...], fields: dict, lines: dict, title: str, line: int, source: str) -> list[Diagnostic]:
    """What the house style prints above every article and this one does not (or prints empty),
    reported at the line of the label printed before where it belongs."""
    out = []
    for n, field in enumerate(expected):
        if not (fields.get(field) or "").strip():
            name = LABEL_NAMES.get(field, field)
            at = next((lines[f] for f in reversed(expected[:n]) if f in lines), line)
            out.append(report("MISSING_FIELD", Span(source, at), "warning", what=f"«{title}» prints no {name} line ({field})",
                              what_zh=f"《{title}》缺少〔{name}〕一行"))
    return out
