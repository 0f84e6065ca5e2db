"""Every message the archivist reads from the command line, in one table: Chinese (default) and English.

    JOURNAL_ARCHIVE_LANG=en journal-archive add x.txt     # or: journal-archive --lang en add x.txt

Diagnostic codes (PAGE_OVERLAP, ...) and severities (error, warning, info)
are never translated: they are what the README and scripts look for. The
diagnostics' own messages come from the converter and are not in this table.
"""

from __future__ import annotations

import os
import unicodedata

_chosen: str | None = None

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- general
    "error_line": ("错误：{message}", "error: {message}"),
    "interrupted": ("已中断（Ctrl-C）：未完成的改动已撤销（若有残留，下次运行时自动清理）",
                    "interrupted (Ctrl-C): the unfinished change was undone (anything left is cleaned up by the next run)"),
    "no_such_file": ("{path}：文件不存在", "{path}: no such file"),
    "no_journal_sources": ("{path}：没有期刊 {journal!r} 的源文本", "{path}: no source of journal {journal!r}"),
    "help_again": ("构建后，标准输入每读到一行就再构建一次，并在标准输出写一行退出码（其余输出都写到标准错误）；输入结束即退出。"
                   "make serve 用它：一个进程，读过的（归档索引、未改动的源文件）留在内存",
                   "build, then build again for each line read on standard input, writing each build's exit code as one "
                   "line on standard output (everything else goes to standard error); ends at the end of the input. make "
                   "serve uses it: one process keeps what it read (the archive index, unchanged sources) in memory"),
    "help_journal": ("只生成这一种期刊的期次与文章（每种期刊一个网站），如 gjwtyj", "only this journal's issues and articles (one site per journal), e.g. gjwtyj"),
    "no_sources": ("{path}：没有源文本（*.txt）", "{path}: no source texts (*.txt)"),
    "built": ("已从 {sources} 个源文件生成 {pages} 个页面，写入 {content}/", "built {pages} pages from {sources} sources into {content}/"),
    "built_unchanged": ("content/ 已是最新：{sources} 个源文件，{pages} 个页面（{content}/）", "content/ is up to date: {pages} pages from {sources} sources ({content}/)"),
    "content_unchanged": ("错误：content/ 未改动", "error: content/ left unchanged"),
    # ---- the file system refuses (cli.py): one line each
    "disk_full": ("磁盘已满，无法写入 {path}", "the disk is full: cannot write {path}"),
    "not_writable": ("没有权限写入 {path}（只读？）", "no permission to write {path} (read-only?)"),
    "os_error": ("{path}：{reason}", "{path}: {reason}"),
    "unchanged_suffix": ("；档案没有任何改动", "; nothing was changed"),
    # ---- what an archive is (archive/__init__.py)
    "not_an_archive": ("{path} 不是档案目录（缺少 {missing}）：请在档案目录中运行，或用 --sources/--content 指明",
                       "{path} is not an archive (no {missing}): run it in an archive's folder, or name the folders with --sources/--content"),
    "not_an_archive_add": ("{path} 不是档案目录（缺少 {missing}）：请在档案目录中运行，或用 --init 在此新建档案",
                           "{path} is not an archive (no {missing}): run it in an archive's folder, or start a new archive here with --init"),
    # ---- reading a source (decode.py, load.py)
    "empty_file": ("空文件", "empty file"),
    "blank_file": ("空白文件（只有空白字符）", "blank file (only white space)"),
    "broken_text": ("{enc} 文本在第 {byte} 字节处损坏", "broken {enc} text at byte {byte}"),
    "binary": ("二进制数据，不是文本", "binary data, not text"),
    "unknown_encoding": ("无法识别的文本编码（不是 UTF-8、UTF-16 或 GB18030）", "unknown text encoding (not UTF-8, UTF-16 or GB18030)"),
    "too_nested": ("结构嵌套过深", "structure too deeply nested"),
    "internal_error": ("转换器内部错误（internal error）：{error}", "internal error: {error}"),
    # ---- what a source is (archive/naming.py)
    "no_identity": ("无法确定是哪一期：刊头中找不到期刊名、年份或期号", "cannot tell which issue this is: journal, year or issue number not found in the masthead"),
    "no_article": ("文件中没有找到文章", "no article found in the file"),
    "unknown_journal": ("未知期刊", "unknown journal"),
    "describe_document": ("文件《{title}》", "document «{title}»"),
    "describe_issue": ("{journal} {when}（整期，{n} 篇文章）", "{journal} {when} (issue, {n} articles)"),
    "describe_article": ("{journal} {when}（单篇文章，{pages}）", "{journal} {when} (single article, {pages})"),
    "pages_unknown": ("页码不详", "pages unknown"),
    # ---- the lock (archive/lock.py)
    "lock_waiting": ("另一个 journal-archive 命令正在修改档案（{path}），等待它结束（最多 {wait} 秒）……",
                     "another journal-archive command is changing the archive ({path}); waiting for it (up to {wait} s)..."),
    "lock_timeout": ("等待 {wait} 秒后档案仍被另一个命令占用（{path}）：稍后再试，或用 --wait 等更久",
                     "the archive is still in use by another command after {wait} s ({path}); try again later, or wait longer with --wait"),
    "recovered_completed": ("注意：完成了一次被中断的改动", "note: completed an interrupted change"),
    "recovered_undone": ("注意：撤销了一次被中断的改动", "note: undid an interrupted change"),
    "recovered_tree": ("注意：恢复了一次被中断的 build 留下的 content/", "note: restored content/ after an interrupted build"),
    "swept": ("注意：删除了被中断的运行留下的 {n} 个临时文件", "note: removed {n} temporary file(s) left by an interrupted run"),
    # ---- planning (archive/plan.py, archive/holdings.py)
    "same_input_twice": ("{a} 与 {b} 是同一个{what}；只添加其中一个", "{a} and {b} are the same {what}; add one of them"),
    "already_this_file": ("{input} 已经在档案中", "{input} is already in the archive"),
    "already_in_archive": ("{input}：{what} 已经在档案中：{where}{same}；要替换请用 --replace（旧源文件保存在 sources/.replaced/）",
                           "{input}: {what} is already in the archive as {where}{same}; use --replace to replace it (the old source is kept under sources/.replaced/)"),
    "identical": ("（内容完全相同）", " (identical text)"),
    "page_taken": ("{input}：它的页面 content/{page} 已由 sources/{owner}（{what}）生成；请先移除或替换那个源文件",
                   "{input}: its page content/{page} already comes from sources/{owner} ({what}); remove or replace that source first"),
    "not_in_archive": ("档案中没有 {id}（用 journal-archive list 查看 ID）", "{id} is not in the archive (journal-archive list shows the IDs)"),
    "ambiguous_id": ("{id} 对应多个源文件：{sources}；请用源文件路径指定", "{id} names several sources: {sources}; give the source path instead"),
    # ---- the report (archive/report.py)
    "added": ("已添加 {what}：{input} → sources/{name}", "added {what} from {input} as sources/{name}"),
    "dry_added": ("将添加 {what}：{input} → sources/{name}", "would add {what} from {input} as sources/{name}"),
    "replaced": ("已替换 sources/{old}（旧文件保存为 sources/{kept}）", "replaced sources/{old} (kept as sources/{kept})"),
    "dry_replaced": ("将替换 sources/{old}（旧文件将保存为 sources/{kept}）", "would replace sources/{old} (kept as sources/{kept})"),
    "removed_source": ("已移除 {what}：sources/{old}（保存为 sources/{kept}）", "removed {what}: sources/{old} (kept as sources/{kept})"),
    "dry_removed_source": ("将移除 {what}：sources/{old}（将保存为 sources/{kept}）", "would remove {what}: sources/{old} (kept as sources/{kept})"),
    "pruned": ("已删除最旧的备份 sources/{kept}", "deleted the oldest kept copy sources/{kept}"),
    "dry_pruned": ("将删除最旧的备份 sources/{kept}", "would delete the oldest kept copy sources/{kept}"),
    "stored_utf8": ("原文件不是 UTF-8（LF）：已存为 UTF-8，原始字节保存在 {original}",
                    "the file was not UTF-8 with LF: stored as UTF-8, the original bytes kept as {original}"),
    "no_authors": ("无作者", "no authors"),
    "pages_head": ("页面（content/ → 网站地址）：新增 {new}，更改 {changed}，删除 {deleted}",
                   "pages (content/ -> address on the site): {new} added, {changed} changed, {deleted} removed"),
    "dry_pages_head": ("页面（content/ → 网站地址）：将新增 {new}，将更改 {changed}，将删除 {deleted}",
                       "pages (content/ -> address on the site): would add {new}, change {changed}, remove {deleted}"),
    "page_new": ("新增", "added  "),
    "page_changed": ("更改", "changed"),
    "page_deleted": ("删除", "removed"),
    "published_pages_go": ("注意：{n} 个已发布的页面将从网站上消失（见上面的“删除”行）；页码印错时请先改正源文本",
                           "note: {n} published page(s) disappear from the site (the 'removed' lines above); if a page number is a typo, fix the source first"),
    "diagnostics_none": ("诊断：无", "diagnostics: none"),
    "diagnostics_head": ("诊断（{n} 条，其中错误 {errors} 条）：", "diagnostics ({n}, {errors} error(s)):"),
    "dry_run_done": ("试运行：没有写入任何文件", "dry run: nothing written"),
    "gate_refused": ("拒绝添加：{files} 有 {n} 条错误级诊断（见上）；改正源文本后再添加，或用 --force 强制添加",
                     "refused: {files} has {n} error-level diagnostic(s) (above); fix the source text and add it again, or use --force"),
    # ---- list (archive/holdings.py)
    "list_empty": ("档案中没有源文件", "the archive holds no sources"),
    "list_summary": ("共 {n} 个源文件，{articles} 篇文章", "{n} source(s), {articles} article(s)"),
    "col_id": ("ID", "ID"),
    "col_kind": ("类型", "kind"),
    "col_journal": ("期刊", "journal"),
    "col_year": ("年", "year"),
    "col_issue": ("期", "issue"),
    "col_articles": ("文章数", "articles"),
    "col_source": ("源文件", "source"),
    "kind_issue": ("整期", "issue"),
    "kind_article": ("单篇", "article"),
    "kind_document": ("文件", "document"),
    "kind_bad": ("无法转换", "unreadable"),
    # ---- check
    "cannot_convert": ("无法转换：{reason}", "cannot convert: {reason}"),
    "duplicate_name": ("文件名 {name} 也被 {other} 使用；页面只记录文件名作为 `source:`",
                       "base name {name} also used by {other}; pages record only the base name as `source:`"),
    "duplicate_issue": ("{what} 也存档为 {other}", "{what} is also archived as {other}"),
    "no_diagnostics": ("没有诊断", "no diagnostics"),
    "check_summary": ("检查了 {files} 个文件：错误 {errors} 条，警告 {warnings} 条，提示 {infos} 条",
                      "{files} file(s) checked: {errors} error(s), {warnings} warning(s), {infos} info"),
    "col_code": ("代码", "code"),
    "col_severity": ("级别", "severity"),
    "col_file": ("文件", "file"),
    "col_line": ("行", "line"),
    "col_message": ("说明", "message"),
    "progress_checking": ("检查中", "checking"),
    # ---- command line help (cli.py)
    "help_main": ("中文学术期刊档案：把源文本转换成网站页面，管理档案中的源文件。每个命令都有 --help。",
                  "Chinese journal archive: turn source texts into site pages, manage the sources of the archive. Every command has --help."),
    "help_lang": ("消息语言：zh（中文，默认）或 en；也可设置环境变量 JOURNAL_ARCHIVE_LANG",
                  "language of the messages: zh (Chinese, the default) or en; or set JOURNAL_ARCHIVE_LANG"),
    "help_convert": ("把源文本转换成 Markdown 页面或模型转储（写入 --out 目录，不改动档案）", "convert source texts into Markdown pages or model dumps (into --out; the archive is not touched)"),
    "help_convert_inputs": ("要转换的源文本（.txt；UTF-8、UTF-16 或 GB18030）", "source texts to convert (.txt; UTF-8, UTF-16 or GB18030)"),
    "help_out": ("写入页面的目录（--to model 时可用 - 表示标准输出）", "folder the pages are written into (with --to model, - for standard output)"),
    "help_to": ("输出：markdown（页面，默认）或 model（每个源文件一个模型转储 <名>.model.json，供调试和测试）",
                "output: markdown (the pages, default) or model (one model dump <name>.model.json per source, for debugging and tests)"),
    "help_until": ("只运行到这一步为止（含该步），如 notes；步骤：{steps}", "run the steps up to and including this one, e.g. notes; steps: {steps}"),
    "help_steps": ("只运行这些步骤（逗号分隔，按流水线顺序；读取总是运行），如 notes,page_join",
                   "run only these steps (comma-separated, in pipeline order; the reader always runs), e.g. notes,page_join"),
    "stdout_model_only": ("--out - （标准输出）只能与 --to model 一起使用", "--out - (standard output) works only with --to model"),
    "same_model_name": ("两个输入文件同名，模型转储 {name} 会互相覆盖：请分开转换", "two inputs share a name and would write the same model dump {name}: convert them separately"),
    "unknown_step": ("没有名为 {name!r} 的步骤（步骤：{steps}）", "no step named {name!r} (steps: {steps})"),
    "help_strict": ("有错误级诊断时以状态 2 退出", "exit 2 on error-level diagnostics"),
    "help_jobs": ("同时转换的进程数（默认：输入共 1 MB 以上时每个可用 CPU 核一个，否则 1）；结果与单进程相同",
                  "processes converting at once (default: one per available core when the inputs hold 1 MB or more, else 1); "
                  "the result is the same as with one"),
    "help_build": ("把 sources/ 全部转换到 content/（含首页和索引），全部成功才替换 content/",
                   "convert all of sources/ into content/ (with home page and indexes); content/ is replaced only when all of it converted"),
    "help_sources": ("档案的源文件目录（默认 sources）", "the archive's source folder (default: sources)"),
    "help_content": ("生成页面的目录（默认 content）", "the generated pages' folder (default: content)"),
    "help_wait": ("另一个命令占用档案时最多等待的秒数（默认 600，或 JOURNAL_ARCHIVE_LOCK_WAIT）；0 表示不等待",
                  "seconds to wait while another command holds the archive (default 600, or JOURNAL_ARCHIVE_LOCK_WAIT); 0: do not wait"),
    "help_add": ("把新的源文本加入档案，只重写它改变的页面；有错误级诊断时拒绝（状态 2）",
                 "add source texts to the archive, rewriting only the pages they change; refused (exit 2) on error-level diagnostics"),
    "help_add_files": ("要加入的源文本：整期、单篇文章或文件，存为 sources/ 下的规范名称（如 gjwtyj/2025-06.txt）",
                       "source texts to add: a whole issue, one article or a document, stored below sources/ under a canonical name (e.g. gjwtyj/2025-06.txt)"),
    "help_replace": ("替换档案中已有的同一期（旧源文件保存在 sources/.replaced/）", "replace an issue already archived (the old source is kept under sources/.replaced/)"),
    "help_dry_run": ("只显示将会改动什么，不写入任何文件", "show what would change, write nothing"),
    "help_force": ("即使有错误级诊断也添加", "add even with error-level diagnostics"),
    "help_init": ("在不是档案的目录中新建档案（sources/ 与 content/）再添加", "start a new archive (sources/ and content/) in a folder that is not one, then add"),
    "help_remove": ("从档案中移除一个源文件：源文件移到 sources/.replaced/，提到它的页面都会重写或删除",
                    "take a source out of the archive: it moves to sources/.replaced/, every page that mentioned it is rewritten or removed"),
    "help_remove_id": ("要移除的源：journal-archive list 显示的 ID（如 gjwtyj/2025-06），或源文件路径（如 sources/gjwtyj/2025-06.txt）",
                       "what to remove: an ID as journal-archive list shows it (e.g. gjwtyj/2025-06), or the source path (e.g. sources/gjwtyj/2025-06.txt)"),
    "help_list": ("列出档案中的内容：期刊、年、期、文章数、源文件", "list what the archive holds: journal, year, issue, article count, source file"),
    "help_list_json": ("以 JSON 输出", "print JSON"),
    "help_check": ("对 sources/（或指定文件）运行全部检查并列出诊断，不写入任何文件",
                   "run every validation over sources/ (or FILEs) and list the diagnostics; writes nothing"),
    "help_check_files": ("要检查的源文本（默认：sources/ 下全部）", "source texts to check (default: all of sources/)"),
    "help_check_json": ("以 JSON 输出诊断", "print the diagnostics as JSON"),
    "help_check_strict": ("有错误级诊断时以状态 2 退出", "exit 2 when any error-level diagnostic exists"),
    "help_no_cache": ("不用转换缓存，每个文件重新转换", "convert every file afresh (no convert cache)"),
}


def set_lang(name: str | None) -> None:
    """Choose the language for this process (the --lang option); None: from JOURNAL_ARCHIVE_LANG."""
    global _chosen
    _chosen = name


def lang() -> str:
    """'zh' (default) or 'en' (--lang en, or JOURNAL_ARCHIVE_LANG=en)."""
    name = _chosen or os.environ.get("JOURNAL_ARCHIVE_LANG", "zh")
    return "en" if name.lower().startswith("en") else "zh"


def t(key: str, **fields) -> str:
    zh, en = MESSAGES[key]
    return (en if lang() == "en" else zh).format(**fields)


def display_width(s: str) -> int:
    """Columns `s` takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def pad(s: str, width: int) -> str:
    return s + " " * max(0, width - display_width(s))
