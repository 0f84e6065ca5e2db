"""Every diagnostic the archive reports, registered once.

A `Diagnostic` can only be made with a registered code (anything else raises
at once), and takes its severity from the registry unless the raiser knows
better (e.g. info in a single-article file). The README's diagnostics table
is generated from `CODES`: `python -m generator.diagnostics --readme` rewrites
it, and a test fails when the two differ.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity  # the usual severity
    meaning: str
    fix: str  # what to do at the source
    raised_by: str  # module, relative to the repository
    severity_note: str = ""  # when another severity is used
    en: str = ""  # the message, a template over the diagnostic's detail (see `report`)
    zh: str = ""  # the same in Chinese


CODES: dict[str, Code] = {c.code: c for c in (
    Code("NOTE_UNRESOLVED", "warning", "a note marker (`^[3]`, `③`) in the text has no note with that number at the foot of its page",
         "restore the lost footnote line in that page's note block, or remove the stray marker", "generator/transforms/notes.py", en="note reference {printed} has no note on its page", zh="注释标记 {printed} 在本页找不到编号相同的脚注"),
    Code("NOTE_UNUSED", "warning", "a footnote is printed but nothing on its page refers to it",
         "put the marker back where the text cites it (markers lost in extraction are common after quotes and brackets)", "generator/transforms/notes.py", en="note {printed} printed but never referenced on its page", zh="脚注 {printed} 已印出，但本页正文没有引用它"),
    Code("NOTE_BLOCK_LOST", "warning", "references restart their numbering (1 2 3 … 1 2 …) before any note block: a page's footnote block is missing, so those references stay unlinked",
         "restore the missing page's footnotes (its note block) after that page's text", "generator/transforms/notes.py", en="note reference {printed} is on a page whose footnote block is missing (the numbering restarts before any note block); left unlinked", zh="注释标记 {printed} 所在页的脚注块缺失（编号在任何脚注块之前重新开始），保持未链接"),
    Code("STAR_UNRESOLVED", "warning", "the title carries a star (`*`) but no starred note (funding, acknowledgement) is printed",
         "restore the starred note, or remove the star from the title", "generator/readers/journal.py", en="title has a star but no starred note", zh="标题带星号，但没有印出星号注释"),
    Code("STAR_UNREFERENCED", "info", "a paragraph opens with a star printed on the line (`* …`, `\\* …`, `＊ …`; not a superscript `^{*}`) but neither title nor subtitle carries one: it is kept in the text where it stands, not taken as the starred note (funding)",
         "if it is the starred note, restore the star at the end of the title; if it is a list line, nothing to do", "generator/readers/body.py", en="paragraph «{text}» opens with a star, but the title has none: kept in the text", zh="段落“{text}”以星号开头，但标题没有星号：保留在正文中"),
    Code("TOC_NO_ARTICLE", "error", "a table-of-contents entry has no article in the file",
         "the article is missing (add its text) or its title line is garbled; the TOC title must match the article title", "generator/transforms/issue_facts.py", en="TOC entry «{title}» (p.{page}) has no article", zh="目录条目《{title}》（第 {page} 页）在文件中没有对应的文章"),
    Code("ARTICLE_NOT_IN_TOC", "error", "an article is not in the table of contents",
         "add the TOC row, or correct the title so the two match", "generator/transforms/issue_facts.py", en="article «{title}» is not in the table of contents", zh="文章《{title}》不在目录中"),
    Code("TOC_TITLE_MISMATCH", "warning", "a table-of-contents title differs from the title printed on the article (matched by its page and authors)",
         "correct whichever is mistyped so the two read the same", "generator/transforms/issue_facts.py", en="TOC prints «{toc}», the article «{title}»", zh="目录印作《{toc}》，文章印作《{title}》"),
    Code("TOC_PAGE_MISMATCH", "warning", "the TOC page differs from the start page in the article number 〔文章编号〕",
         "correct whichever is misprinted/mistyped", "generator/transforms/issue_facts.py", en="TOC says p.{toc_page}, article number says p.{page}: «{title}»", zh="目录标为第 {toc_page} 页，文章编号为第 {page} 页：《{title}》"),
    Code("TOC_AUTHOR_MISMATCH", "warning", "the TOC author string differs from the byline",
         "correct the names (spaces inside names do not matter)", "generator/transforms/issue_facts.py", en="TOC prints '{toc}', byline '{byline}'", zh="目录作者为“{toc}”，署名为“{byline}”"),
    Code("ISSUE_MISMATCH", "error", "the masthead's year or issue number contradicts the articles' numbers 〔文章编号〕 or citation lines: the issue's identity is in doubt",
         "correct the masthead (年第N期) or the article numbers, whichever is wrong", "generator/transforms/issue_facts.py", en="the masthead prints {masthead}, but {n} of {total} articles' numbers say {said}: which issue is this?", zh="刊头为 {masthead}，但 {total} 篇文章中有 {n} 篇的编号为 {said}：究竟是哪一期？"),
    Code("BYLINE_MISSING", "warning", "an article prints no byline; its authors were taken from the table of contents or the author notes",
         "restore the byline under the title", "generator/transforms/issue_facts.py", en="«{title}» prints no byline; authors taken from {where}: {names}", zh="《{title}》没有印出署名；作者取自{where_zh}：{names}"),
    Code("PAGE_OVERLAP", "error", "two articles of an issue claim the same page",
         "one article number (…-0042-23: first page 42, 23 pages) is wrong; correct it", "generator/transforms/validate.py", en="«{title}» starts on p.{page} but «{prev}» runs to p.{prev_last}", zh="《{title}》从第 {page} 页开始，但《{prev}》排到第 {prev_last} 页"),
    Code("PAGE_GAP", "warning", "pages between two articles belong to none",
         "usually an article is missing from the file, or a page count is wrong", "generator/transforms/validate.py", en="{gap} belong to no article: «{prev}» ends on p.{prev_last}, «{title}» starts on p.{page}", zh="{gap_zh}不属于任何文章：《{prev}》止于第 {prev_last} 页，《{title}》始于第 {page} 页"),
    Code("EN_ABSTRACT_UNMATCHED", "warning", "an English abstract matches no article (its pinyin byline spells no article's authors, its title no English TOC title)",
         "fix the English byline/title; in a file cut from an issue, abstracts of the issue's other articles are expected and kept on a back-matter page",
         "generator/transforms/validate.py", severity_note="info in a single-article file", en="English abstract «{title}» ({who}) matches no article; kept on the back-matter page", zh="英文摘要“{title}”（{who}）没有匹配到任何文章，保留在附录页"),
    Code("MISSING_FIELD", "warning", "an article has no title, no authors, or no pages",
         "restore the byline, or the 〔文章编号〕 / 【引用】 line that gives the pages", "generator/transforms/validate.py", en="{what}", zh="{what_zh}",
         severity_note="error for a missing title, info for a missing last page"),
    Code("PARA_CUT", "warning", "a body paragraph stops mid-sentence right before a heading or the end of the article",
         "text was lost at a page break: restore the missing words from the printed issue", "generator/transforms/validate.py", en="paragraph stops mid-sentence ('…{tail}') {where}: text lost at a page break?", zh="段落在句中中断（“…{tail}”）{where_zh}：分页处丢失了文字？"),
    Code("SUSPICIOUS_CHAR", "warning", "mojibake (`Ã©`, `â€™`: UTF-8 read as Latin-1; `浠庢牴鏈`: UTF-8 read as GBK), a U+FFFD `�` or an invisible control character",
         "re-export the text from the original in UTF-8, or retype the damaged words", "generator/transforms/validate.py", en="{what}", zh="可疑字符：{what_zh}"),
    Code("ARTICLE_NO_UNPARSED", "warning", "the article number 〔文章编号〕 is not in the form ISSN(year)issue-page-count",
         "correct the article number, e.g. 0452-8832(2025)06-0022-20", "generator/readers/head.py", en="article number not understood: '{value}'", zh="文章编号无法识别：{value}"),
    Code("BIO_NOT_IN_BYLINE", "warning", "an author note 〔作者简介〕 names someone who is not in the byline",
         "correct the name in the byline or in the author note", "generator/readers/head.py", en="author bio for {name} who is not in the byline", zh="作者简介中的 {name} 不在署名中"),
    Code("TEXT_UNPLACED", "error", "source lines that no page holds (the converter could not place them); they are kept on a page «未归类文本»",
         "usually a garbled label, title or byline nearby: correct it so the text is recognised, or remove stray text", "generator/transforms/conserve.py", en="{where} placed on no page (kept on the page «未归类文本»): «{text}»", zh="第 {first}–{last} 行没有放到任何页面上（保留在“未归类文本”页）：“{text}”"),
    Code("TITLE_LINE_MISSING", "warning", "an article prints no title line: the line above its byline is no title (an editor line, a note, a sentence), so the title was taken from its TOC entry or its citation line",
         "restore the title line above the byline", "generator/transforms/issue_facts.py",
         en="the title line is missing (the line above the byline is no title); title «{title}» taken from {where}", zh="标题行缺失（署名上一行不是标题），标题《{title}》取自{where_zh}"),
    Code("BODY_EMPTY", "error", "an article has no text: nothing stands between its labels and the next article",
         "restore the article's text from the printed issue", "generator/transforms/placement.py",
         en="«{title}» has no text", zh="《{title}》没有正文"),
    Code("BODY_SHORT", "warning", "an article's text is far shorter than its pages hold (under 100 characters a page): text is probably lost",
         "restore the missing text from the printed issue", "generator/transforms/placement.py",
         en="«{title}» has {chars} characters of text for {pages} pages: text lost?", zh="《{title}》共 {pages} 页，正文只有 {chars} 个字：文字丢失？"),
    Code("BODY_FOREIGN", "error", "an article's text reads as another article's: its title, keywords and abstract share far less with the text under them than with another article's text (two texts swapped, or a text under the wrong title)",
         "put each article's text back under its own title, byline and labels", "generator/transforms/placement.py",
         en="the text under «{title}» reads as that of «{other}» (likeness {own} to its own head, {best} to that one's): texts swapped?",
         zh="《{title}》下的正文更像《{other}》的正文（与本文标题摘要的相似度 {own}，与该文的 {best}）：正文错位？"),
    Code("ARTICLE_ORDER", "warning", "the file prints the articles out of page order; the issue page and previous/next follow the printed pages",
         "move the article to its place in the file (by its first page)", "generator/transforms/placement.py",
         en="«{title}» (p.{page}) stands out of page order in the file (next to {around}); put in page order", zh="《{title}》（第 {page} 页）在文件中未按页码排列（相邻的是 {around}）；已按页码排序"),
    Code("NOTE_BLOCK_REPEATED", "warning", "a page's note block is printed twice in a row; the second copy is left out",
         "delete the repeated note block", "generator/transforms/notes.py",
         en="notes {printed} printed twice in a row; the copy is left out", zh="注释 {printed} 连续印了两遍，已略去重复的一份"),
    Code("NOTE_SWALLOWS_TEXT", "warning", "a line of text follows a note with no blank line between (it carries a note reference, a heading number, or is a whole paragraph after a note that ended); it is kept as text, not as part of the note",
         "put a blank line between the note block and the text", "generator/readers/body.py",
         en="text line after note {printed} (no blank line between) kept as text: «{text}»", zh="注释 {printed} 之后紧接的一行是正文（中间没有空行），已作为正文保留：“{text}”"),
    Code("RUNNING_HEAD", "info", "running heads or feet (page number, journal, issue) printed inside the text; taken out of the text",
         "nothing to do (they are recognised), or delete them from the source", "generator/transforms/placement.py",
         en="{count} running head(s) taken out of the text, e.g. «{text}»", zh="从正文中移除了 {count} 处书眉/页脚，如“{text}”"),
    Code("HEADING_SKIP", "warning", "heading numbers skip or repeat (一、二、四、): a heading is lost, or misnumbered",
         "restore the missing heading, or correct its number", "generator/transforms/outline.py",
         en="heading «{text}» follows {after}: {missing} missing?", zh="标题“{text}”前是{after_zh}：缺少{missing}？"),
    Code("LABEL_GARBLED", "warning", "a front-matter label is printed garbled (a bracket lost, a character wrong: 关健词〕); it is read as the label it plainly is",
         "correct the label as the journal prints it, e.g. 〔关 键 词〕", "generator/readers/head.py",
         en="label «{printed}» printed garbled ({how}); read as {label}", zh="标签“{printed}”印错（{how_zh}），已按〔{label}〕读取"),
    Code("LABEL_UNKNOWN", "warning", "a label-shaped line (〔…〕, 【…】) that is no label the archive knows; kept as printed, its value not read into any field",
         "correct the label if it is garbled; otherwise ask for it to be added to generator/readers/fields.py", "generator/readers/head.py",
         en="unknown label «{printed}»; kept as printed", zh="无法识别的标签“{printed}”，按原样保留"),
    Code("LABEL_RUN_TOGETHER", "warning", "two labels printed on one line (〔中图分类号〕D815〔文献标识码〕A); split",
         "put each label on a line of its own", "generator/readers/head.py",
         en="label {label} printed on the line of another label; split", zh="标签〔{label}〕与另一个标签印在同一行，已拆开"),
    Code("CODE_INVALID", "warning", "a code does not have its known shape (中图分类号 like D815.1; 文献标识码 A–E; an ISSN whose check digit agrees); left out of the page's fields",
         "correct the code from the printed issue", "generator/readers/head.py",
         en="{label} «{value}» is not {shape_en}; left out", zh="{label}“{value}”不合格式（{shape}），未采用"),
    Code("CODE_WIDTH", "warning", "a code printed in full-width characters (０４５２－８８３２); read in half width",
         "retype the code in half-width digits and letters", "generator/readers/head.py",
         en="{label} printed in full width «{printed}»; read as «{read}»", zh="{label}使用了全角字符“{printed}”，按“{read}”读取"),
    Code("EN_BYLINE_MISMATCH", "warning", "an English abstract whose title is an article's English title has a byline that does not spell that article's authors (bylines swapped?); its English names are not used",
         "correct the English byline under that title", "generator/transforms/english.py",
         en="English abstract «{title}»: byline «{byline}» does not spell the authors of «{article}» ({names}); English names not used",
         zh="英文摘要“{title}”的署名“{byline}”与文章《{article}》的作者（{names}）不符；未采用英文姓名"),
    Code("STEP_FAILED", "error", "a step of the converter crashed on this file (a converter bug); the pages are written from the model as the steps before it left it, so that step's work is missing from them",
         "report it with the source file attached; until it is fixed, check the pages (`add` refuses the file without --force), or correct the text near what the step handles", "generator/pipeline.py",
         en="step {step} failed ({error}, at {where}); kept the model as the steps before it left it", zh="转换步骤 {step} 出错（{error}，位于 {where}）；保留此前各步骤的结果，其余步骤照常执行"),
    Code("REF_UNRESOLVED", "warning", "a note cites an issue the archive holds (journal, year and issue), but no article of that issue matches the reference's title or cited page; the note is not linked",
         "correct the title, year, issue or page in the note (or the archived article's title, if that is the mistyped one)", "generator/network.py",
         en="note {note} of «{article}» cites {issue}, which the archive holds, but no article of it matches «{ref}»; not linked",
         zh="《{article}》注 {note} 引用了本库所藏的{issue}，但该期没有与“{ref}”相符的文章，未加链接"),
    Code("REF_AMBIGUOUS", "warning", "a note's reference matches two or more articles of an archived issue (same title, no cited page to tell them apart); the note is not linked",
         "add the cited page to the note, or correct the title so it names one article", "generator/network.py",
         en="note {note} of «{article}»: «{ref}» matches {count} articles of {issue} ({titles}); not linked",
         zh="《{article}》注 {note}：“{ref}”与{issue}的 {count} 篇文章相符（{titles}），未加链接"),
    Code("DUPLICATE_PAGE", "warning", "two sources write the same page",
         "keep one source (use `add --replace`)", "generator/plan.py", en="{path} also written from {other}", zh="{path} 也由 {other} 写出"),
    Code("DUPLICATE_ISSUE", "error", "two sources hold the same issue, article or document",
         "keep one source (use `add --replace`)", "generator/check.py"),
    Code("DUPLICATE_SOURCE_NAME", "error", "two sources share a base name (pages record only the base name as `source:`)",
         "rename one of them (`add` names sources canonically)", "generator/check.py"),
    Code("LOAD_ERROR", "error", "the file cannot be converted at all (binary, unknown encoding, empty)",
         "save it as UTF-8 text", "generator/check.py"),
    Code("SOURCE_LINK", "error", "a file in sources/ is a symbolic link to a file outside sources/: it is neither converted nor published (`build` refuses, content/ unchanged)",
         "put the text itself into the archive (`journal-archive add FILE`) and delete the link", "generator/load.py",
         en="{path} is a symbolic link to {target}, outside {root}: not published", zh="{path} 是指向 {root} 之外（{target}）的符号链接：不予发布"),
)}


@dataclass(frozen=True)
class Span:
    source: str
    line: int  # 1-based line of the source text


@dataclass(frozen=True)
class Diagnostic:
    code: str
    message: str
    span: Span
    severity: Severity | None = None  # None: the registry's
    detail: tuple[tuple[str, object], ...] = field(default=(), compare=False)  # structured facts (e.g. a TEXT_UNPLACED run's first and last line)

    def __post_init__(self):
        entry = CODES.get(self.code)
        if entry is None:
            raise ValueError(f"diagnostic code {self.code!r} is not registered in generator/diagnostics.py")
        if self.severity is None:
            object.__setattr__(self, "severity", entry.severity)

    def get(self, key: str, default=None):
        return dict(self.detail).get(key, default)

    def text(self, lang: str | None = None) -> str:
        """The message for the archivist: Chinese (the registry's template over the detail)
        unless `lang` (default: generator.messages.lang()) is English."""
        if lang is None:
            from .messages import lang as chosen

            lang = chosen()
        template = CODES[self.code].zh
        repeats = self.get("repeats", 1)
        if lang == "en" or not template:
            return self.message + (f" (×{repeats}{_lines_en(self.get('lines'))})" if repeats > 1 else "")
        try:
            text = template.format(**dict(self.detail))
        except (KeyError, IndexError):
            text = self.message
        return text + (f"（共 {repeats} 处{_lines_zh(self.get('lines'))}）" if repeats > 1 else "")

    def __str__(self) -> str:
        return f"{self.span.source}:{self.span.line}: {self.severity} {self.code}: {self.text()}"


def _lines_en(lines) -> str:
    lines = sorted(set(lines or ()))
    if len(lines) <= 1:
        return ""
    return ", lines " + ", ".join(map(str, lines[:5])) + (" …" if len(lines) > 5 else "")


def _lines_zh(lines) -> str:
    lines = sorted(set(lines or ()))
    if len(lines) <= 1:
        return ""
    return "，第 " + "、".join(map(str, lines[:5])) + (" 等" if len(lines) > 5 else "") + " 行"


def group_repeats(diags, by_line: bool = False) -> tuple[Diagnostic, ...]:
    """Repeats of one diagnostic (same code, severity and message; `by_line`: and the same
    line) as one, with their count and lines: a damaged line that holds the same fault a
    thousand times gives one message, not a thousand."""
    groups: dict[tuple, list[Diagnostic]] = {}
    for d in diags:
        key = (d.code, d.severity, d.message, d.span.source) + ((d.span.line,) if by_line else ())
        groups.setdefault(key, []).append(d)
    out = []
    for same in groups.values():
        first = same[0]
        if len(same) == 1:
            out.append(first)
            continue
        count = sum(d.get("repeats", 1) for d in same)
        lines = tuple(sorted({n for d in same for n in (d.get("lines") or (d.span.line,))}))
        detail = dict(first.detail) | {"repeats": count, "lines": lines}
        out.append(replace(first, detail=tuple(detail.items())))
    return tuple(out)


def report(code: str, span: Span, severity: Severity | None = None, **detail) -> Diagnostic:
    """A diagnostic whose message is the registry's template over `detail` (kept, structured)."""
    return Diagnostic(code, CODES[code].en.format(**detail), span, severity, tuple(detail.items()))


# ---------------------------------------------------------------- the README table

README_BEGIN, README_END = "<!-- diagnostics table: generated by python -m generator.diagnostics --readme -->", "<!-- end of diagnostics table -->"


def markdown_table() -> str:
    rows = ["| code | severity | meaning | fix at the source | raised in |", "|---|---|---|---|---|"]
    for c in CODES.values():
        sev = c.severity + (f" ({c.severity_note})" if c.severity_note else "")
        rows.append(f"| `{c.code}` | {sev} | {c.meaning} | {c.fix} | `{c.raised_by}` |")
    return "\n".join(rows)


def readme_with_table(readme: str) -> str:
    pattern = re.compile(re.escape(README_BEGIN) + r".*?" + re.escape(README_END), re.S)
    if not pattern.search(readme):
        raise ValueError("README has no diagnostics table markers")
    return pattern.sub(lambda _m: f"{README_BEGIN}\n{markdown_table()}\n{README_END}", readme)


if __name__ == "__main__":
    if sys.argv[1:] == ["--readme"]:
        path = Path(__file__).resolve().parent.parent / "README.md"
        path.write_text(readme_with_table(path.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(markdown_table())
