// Unit tests of the search box's core (theme/assets/javascripts/search-core.js):
//     node --test tests/js/          (make test runs them)
// The settings are the ones the site writes (archive_site/search/browser.py, run here
// with the project's Python: JA_PYTHON, else .venv/bin/python, else python3), so the
// core is tested against the Python definitions, not a copy of them.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const core = require(path.join(ROOT, "theme/assets/javascripts/search-core.js"));

function python() {
  if (process.env.JA_PYTHON) return process.env.JA_PYTHON;
  const venv = path.join(ROOT, ".venv/bin/python");
  return existsSync(venv) ? venv : "python3";
}

const DATA = JSON.parse(execFileSync(python(), ["-m", "archive_site.search.browser"], { cwd: ROOT, encoding: "utf8" }));
const K = core.prepare(DATA);
const HERE = "https://example.org/archive/";

// A Pagefind result's data: url, meta, content, excerpt, sub_results.
function doc(url, { title = "", authors = "", content = "", excerpt = "", subs = [] } = {}) {
  return { url, meta: { title, authors }, content, excerpt, sub_results: subs };
}
const terms = (url, excerpt, n = 1) => ({ url: url + "#" + K.termsId, excerpt, locations: Array(n).fill(0) });
const section = (url, excerpt, n = 1) => ({ url, excerpt, locations: Array(n).fill(0) });

test("the settings come from the Python definitions", () => {
  assert.match(DATA.han, /^(\\u[0-9a-f]{4}-\\u[0-9a-f]{4})+$/);
  assert.equal(K.recordAnchor, "#ja-record");
  assert.equal(K.t2s.get("國"), "国");
  assert.throws(() => core.prepare({}), /search\.json/);
});

test("recordQuery cuts each run of Han characters into pieces of 2-3", () => {
  assert.equal(core.recordQuery("曾向红", K), "曾向红");
  assert.equal(core.recordQuery("上海合作组织", K), "上海合 作组织");
  assert.equal(core.recordQuery("全球南方", K), "全球 南方");
  assert.equal(core.recordQuery("一带一路倡", K), "一带一 路倡");
  assert.equal(core.recordQuery("NATO北约战略 2022", K), "NATO 北约 战略 2022");
  assert.equal(core.recordQuery("mutual  empowerment", K), "mutual empowerment");
  // the class is generator/cjk.py HAN: extension A and compatibility ideographs are Han, kana are not
  assert.equal(core.recordQuery("㐀㐁㐂㐃", K), "㐀㐁 㐂㐃");
  assert.equal(core.recordQuery("あいうえ", K), "あいうえ");
});

test("simplify converts character by character with the site's table", () => {
  assert.equal(core.simplify("國際組織", K.t2s), "国际组织");
  assert.equal(core.simplify("国际 abc", K.t2s), "国际 abc");
});

test("wholeQuery: two characters or more, spaces dropped", () => {
  assert.equal(core.wholeQuery("曾 向红"), "曾向红");
  assert.equal(core.wholeQuery("红"), null);
  assert.equal(core.wholeQuery(""), null);
});

test("the whole-string check reads title, authors and text, not the hidden terms section", () => {
  const heading = K.termsHeading;
  const d = doc("/a/", { title: "相互成就", authors: "曾向红、张宇", content: `正文 谈 上海 合作。${heading}. 曾向 向红 上海合作组织` });
  assert.ok(core.holdsWhole(d, "曾向红", K), "in the authors");
  assert.ok(core.holdsWhole(d, "上海合作", K), "in the text, across Pagefind's word breaks");
  assert.ok(!core.holdsWhole(d, "上海合作组织", K), "only in the terms section");
  assert.ok(core.holdsWhole(d, null, K), "a one-character query is not checked");
  // an article that prints the heading's word is still read to its last section
  const own = doc("/b/", { content: `本文的${heading}.是多边主义。${heading}. 多边` });
  assert.ok(core.holdsWhole(own, "是多边主义", K));
  // traditional text is compared in simplified form
  assert.ok(core.holdsWhole(doc("/c/", { content: "一任未滿便" }), "一任未满", K));
});

test("the excerpt never comes from the terms section", () => {
  const url = "/a/";
  const body = section(url + "#s1", "<mark>金砖</mark>合作的理念", 2);
  const intro = section(url, "引言 <mark>金砖</mark>", 1);
  // no terms match: Pagefind's page excerpt
  assert.equal(core.excerpt(doc(url, { excerpt: "page excerpt", subs: [intro, body] }), K), "page excerpt");
  // the terms section matched: the best other section's (most matched words)
  const d = doc(url, { excerpt: "金 砖 金砖", subs: [terms(url, "金 砖 金砖", 5), intro, body] });
  assert.equal(core.excerpt(d, K), "<mark>金砖</mark>合作的理念");
  assert.equal(core.excerpt(doc(url, { excerpt: "x", subs: [terms(url, "x")] }), K), "");
});

test("an article that prints the word 检索词 keeps its own excerpt", () => {
  const url = "/a/";
  const text = `输入<mark>${K.termsHeading}</mark>后即可查询`;
  const d = doc(url, { excerpt: text, subs: [section(url, text, 1), section(url + "#s2", "别处", 3)] });
  assert.equal(core.excerpt(d, K), text);
});

test("results: records first, duplicates dropped, partial matches wait", () => {
  const rec = (u) => ({ id: u, url: u + K.recordAnchor });
  const c = core.results([rec("/a/"), rec("/b/")], { whole: "上海合作", here: HERE, textAfter: 10 });
  assert.deepEqual(core.nextBatch(c, 3).map((r) => r.id), ["/a/", "/b/"]);
  assert.equal(core.nextBatch(c, 3), null, "no full text yet: nothing more");
  const a = doc("/a/" + K.recordAnchor, { title: "上海合作组织" });
  const b = doc("/b/" + K.recordAnchor, { title: "上海" });
  assert.equal(core.accept(c, a, K), "whole");
  assert.equal(core.accept(c, b, K), "partial");
  assert.equal(c.partial.length, 1);
  // the full text: /a/ again (a duplicate), /b/'s page holds the whole query, /c/ a part
  c.text = [{ id: "a" }, { id: "b" }, { id: "c" }];
  assert.equal(core.accept(c, doc("/a/"), K), "seen");
  assert.equal(core.accept(c, doc("/b/", { content: "上海合作的历史" }), K), "whole");
  assert.equal(c.partial.length, 0, "/b/ left the partial list");
  assert.equal(core.accept(c, doc("/c/", { content: "上海" }), K), "partial");
  c.shown = 2;
  assert.equal(core.summaryText(c), null, "a candidate is left");
  c.ti = 3;
  c.shown = 3;
  c.partial = [];
  assert.equal(core.summaryText(c), "找到 2 篇，另有 1 篇只含部分检索词");
});

test("a large archive leaves the full text until the catalogue matches are listed", () => {
  const recs = Array.from({ length: 12 }, (_, i) => ({ id: String(i) }));
  assert.ok(core.results(recs, { split: true, textAfter: 10, here: HERE }).later);
  assert.ok(!core.results(recs, { split: false, textAfter: 10, here: HERE }).later);
  assert.ok(!core.results(recs.slice(0, 3), { split: true, textAfter: 10, here: HERE }).later);
  const c = core.results(recs, { split: true, textAfter: 10, here: HERE });
  assert.deepEqual(core.textResults(c, { results: [{ id: "3" }, { id: "x" }] }).map((r) => r.id), ["x"]);
});

test("result HTML escapes what the index holds", () => {
  const d = doc("/a/" + K.recordAnchor, { title: '<img src=x onerror="1">', authors: "甲 & 乙", excerpt: "<mark>x</mark>" });
  d.meta.journal = "国际问题研究";
  d.meta.issue_label = "2025 年第 6 期";
  const html = core.resultHtml(d, true, "ja-search-opt-1", K);
  assert.ok(html.includes("&lt;img src=x onerror=&quot;1&quot;&gt;") && !html.includes("<img"));
  assert.ok(html.includes('href="/a/"'), "the record's anchor is not in the link");
  assert.ok(html.includes("甲 &amp; 乙 · 《国际问题研究》 2025 年第 6 期"));
  assert.ok(html.includes("部分匹配") && html.includes("<mark>x</mark>"));
});

test("bundles, filters and the connection", () => {
  const bundle = "https://u.github.io/site/pagefind/";
  assert.deepEqual(core.bundleOptions("text-0/", bundle, "hl"),
    { baseUrl: "/site/", highlightParam: "hl", excerptLength: 36, basePath: "/site/pagefind/text-0/" });
  const merged = core.mergeBundles([
    core.siteBundles("https://u.github.io/a/", "https://u.github.io/", { records: ["./"], text: ["text-0/"] }),
    core.siteBundles("https://u.github.io/b/", "https://u.github.io/", { records: ["./"] }),
  ]);
  assert.deepEqual(merged.records.map((b) => b.path), ["https://u.github.io/a/pagefind/", "https://u.github.io/b/pagefind/"]);
  assert.deepEqual(merged.text, [{ path: "https://u.github.io/a/pagefind/text-0/", base: "/a/" }]);
  assert.deepEqual(core.filterNames({ 2024: 1, 2025: 2, 2023: 0 }, "year"), ["2025", "2024"]);
  assert.deepEqual(K.filters.map((f) => f[0]), ["journal", "year", "section", "author"]);
  assert.ok(core.frugal({ saveData: true }) && core.frugal({ effectiveType: "slow-2g" }) && !core.frugal({ effectiveType: "4g" }));
  assert.ok(!core.frugal(undefined));
});

test("Latin text is compared without case or diacritics", () => {
  const d = doc("/a/", { title: "Mutual Empowerment", authors: "曾向红、张宇", content: "ZENG Xianghong & ZHANG Yu. Lǐ Jiǔ" });
  assert.ok(core.holdsWhole(d, "Zeng Xianghong", K));
  assert.ok(core.holdsWhole(d, "zeng xianghong", K));
  assert.ok(core.holdsWhole(d, "mutual empowerment", K));
  assert.ok(core.holdsWhole(d, "Li Jiu", K), "diacritics folded");
  assert.ok(core.holdsWhole(doc("/b/", { content: "ＷＵ Ｘｉｎｂｏ" }), "Wu Xinbo", K), "full-width letters folded");
  assert.ok(!core.holdsWhole(d, "Zeng Xiangyang", K));
});

test("a partial match shares two consecutive characters or a whole Latin word", () => {
  const red = doc("/a/", { title: "红色的记忆" });
  assert.ok(!core.holdsPart(red, "曾向红", K), "one character is not enough");
  assert.ok(core.holdsPart(doc("/b/", { content: "一向红火" }), "曾向红", K));
  assert.ok(!core.holdsPart(doc("/c/", { content: "曾经 向来" }), "曾向红", K), "the pair must be consecutive in the text");
  assert.ok(core.holdsPart(doc("/d/", { content: "capacity building in Asia" }), "building an equal", K));
  assert.ok(!core.holdsPart(doc("/e/", { content: "an apple, the rebuilding" }), "building an equal", K), "a stop word or a part of a word is not");
  const c = core.results([], { whole: "曾向红", q: "曾向红", here: HERE, textAfter: 10 });
  c.text = [{ id: "a" }, { id: "b" }];
  assert.equal(core.accept(c, red, K), "noise");
  assert.equal(c.partial.length, 0);
  assert.equal(core.accept(c, doc("/f/", { title: "曾向红文集" }), K), "whole");
  c.ti = 2;
  c.shown = 1;
  assert.equal(core.summaryText(c), "找到 1 篇", "the noise is not counted");
});

test("a full-text match says the printed page it stands on, a note the page of its reference", () => {
  const Z = "\u200b";
  const words = ["标题", "摘要", "第一", "页", "正文", "第二", "页", "正文", "规则", "模式", "的", "竞争", "注释", "某某", "规则", "竞争", "论文"];
  const at = (w, from = 0) => words.indexOf(w, from);
  const anchors = [
    { element: "span", id: "p22", location: 2 }, { element: "span", id: "p23", location: 5 },
    { element: "sup", id: "fnref:1", location: 9 }, { element: "h2", id: "notes", location: 12 },
    { element: "li", id: "fn:1", location: 13 },
  ];
  const d = { url: "/a/?highlight=x", meta: { title: "标题" }, raw_content: words.join(Z), content: words.join(""), anchors,
    locations: [at("规则"), at("模式")], sub_results: [] };
  assert.equal(core.pageOf(d, K), 23);
  const html = core.resultHtml(d, false, "r1", K, "规则模式");
  assert.ok(html.includes('href="/a/?highlight=x#p23"') && html.includes("第 23 页") && html.includes("<mark>规则模式</mark>"), html);
  assert.equal(core.pageOf(d, K, at("规则", 13)), 23, "in note 1, referred to on page 23");
  assert.equal(core.pageOf(d, K, at("第一")), 22);
  assert.equal(core.pageOf(d, K, at("摘要")), null, "before the text: no page");
  assert.equal(core.pageOf({ ...d, anchors: [] }, K), null, "an article whose notes prove no page");
  assert.ok(!core.resultHtml({ ...d, url: "/a/" + K.recordAnchor }, false, "r2", K, "规则模式").includes("第 23 页"), "a record has no page");
});
