/*
 * The search box's core (theme/partials/search.html): pure functions of their arguments,
 * no page, no network, no Pagefind. search.js (the page and Pagefind) calls them in the
 * browser; `node --test tests/js/` runs them (tests/js/search-core.test.mjs).
 *
 * - Query shaping: simplify (traditional -> simplified, character by character) and
 *   recordQuery (runs of Han characters cut into the 2-3 character pieces the catalogue
 *   records index).
 * - The whole-string check: a result holds the whole query (in its title, authors or
 *   text), or only part of it: at least two consecutive Chinese characters of it or one of
 *   its Latin words whole (部分匹配); a result sharing less (one character) is noise and not
 *   listed. Latin text is compared without case or diacritics (Wu Xinbo = WU Xinbo).
 * - Excerpt choice: never the hidden terms section.
 * - The printed page of a full-text match: the page anchors of the article (#p37,
 *   generator/transforms/pages.py) before the excerpt's first match (a match in a note: the
 *   page of its reference).
 * - The results state: which result comes next, which is a duplicate, what the status
 *   line says.
 *
 * What it shares with Python comes from site/pagefind/search.json, written at build time
 * by archive_site/search/browser.py from the Python definitions (prepare(data)): the
 * class of Han characters (generator/cjk.py HAN), the record anchor, the terms section's
 * id and heading, the scope filter, the filters and their labels, text_after's default,
 * and the traditional -> simplified pairs.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.JaSearchCore = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var FIRST = 3;   // each result costs one fragment (a record ~2 KB, a page ~25 KB): 3 at once, then 10 per "更多结果"
  var PAGE = 10;
  var BUDGET = 40; // fragments one batch may fetch while it looks for whole-string matches

  // search.json -> the settings the other functions take.
  function prepare(data) {
    if (!data || !data.han || !data.terms_id || !data.scope) throw new Error("search.json: incomplete");
    var map = new Map(), chars = Array.from(data.t2s || "");
    for (var i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1]);
    return {
      t2s: map,
      hanRun: new RegExp("([" + data.han + "]+)"),
      recordAnchor: data.record_anchor,
      termsId: data.terms_id,
      termsHeading: data.terms_heading,
      hanChar: new RegExp("^[" + data.han + "]$"),
      scope: data.scope,
      filters: data.filters || [],
      textAfter: data.text_after
    };
  }

  // ------------------------------------------------------------------ query shaping

  function simplify(q, map) {
    return Array.from(q).map(function (c) { return map.get(c) || c; }).join("");
  }

  // The query for the catalogue records: each run of Han characters cut into pieces of 2-3
  // characters (a run of one stays one), the rest as typed. A record indexes every 1-3
  // character run of its title, subtitle, authors and keywords as a word (its hidden terms,
  // archive_site/search/docs.py ngrams), so it is found when the query is part of one of them.
  // Pagefind's segmenter would cut names and rarer words into single characters, and each is
  // looked up as the prefix of every word that starts with it; its cost grows with results x
  // matching words, which on a large archive made a name's search take hundreds of ms. A record
  // whose abstract alone holds the query is left to the full-text search (which reads the abstract).
  function recordQuery(q, k) {
    return q.split(k.hanRun).map(function (part, i) {
      if (i % 2 === 0) return part;
      var chars = Array.from(part), out = [];
      while (chars.length > 3) out.push(chars.splice(0, chars.length === 4 ? 2 : 3).join(""));
      out.push(chars.join(""));
      return " " + out.join(" ") + " ";
    }).join("").replace(/\s+/g, " ").trim();
  }

  // The query without spaces, when it is long enough to be checked whole (two characters).
  function wholeQuery(q) {
    var whole = q.replace(/\s+/g, "");
    return Array.from(whole).length > 1 ? whole : null;
  }

  // ------------------------------------------------------------------ the whole-string check

  // Latin letters without case or diacritics (Wu Xinbo, WU Xinbo; Lǐ, Li); NFKD also makes
  // full-width letters and digits half-width. Applied to query and text alike.
  function fold(s) {
    return String(s == null ? "" : s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // What a result is checked against: title, authors, the page text without the hidden terms
  // section (its 1-3 character pieces would join up; it is the page's last section, so its
  // heading's last occurrence starts it), simplified and folded; spaces kept.
  function ownText(d, k) {
    var m = d.meta || {};
    var text = (d.content || "").replace(/\u200b/g, "");
    var cut = text.lastIndexOf(k.termsHeading + ".");
    if (cut >= 0) text = text.slice(0, cut);
    text = [m.title || "", m.authors || "", text].join(" ");
    return fold(k.t2s.size ? simplify(text, k.t2s) : text);
  }

  // The same without spaces (a Chinese phrase is matched across Pagefind's word breaks).
  function haystack(d, k) {
    return ownText(d, k).replace(/\s+/g, "");
  }

  function holdsWhole(d, whole, k) {
    return !whole || haystack(d, k).indexOf(fold(whole).replace(/\s+/g, "")) >= 0;
  }

  // Words too common to make a partial match by themselves.
  var STOP = new Set(["a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "with", "at", "by", "from", "as", "is"]);

  function latinWords(text) {
    return text.split(/[^a-z0-9]+/).filter(function (w) { return w.length > 1 && !STOP.has(w); });
  }

  // Whether a result that does not hold the whole query holds enough of it to be listed as a
  // partial match: two consecutive Chinese characters of the query (spaces dropped), or one of
  // its Latin words as a whole word. One shared character is not enough: a name's or a
  // phrase's characters each occur in most articles.
  function holdsPart(d, q, k) {
    var query = fold(q).replace(/\s+/g, " ").trim();
    var chars = Array.from(query.replace(/ /g, ""));
    var hay = null;
    for (var i = 0; i + 1 < chars.length; i++) {
      if (!k.hanChar.test(chars[i]) || !k.hanChar.test(chars[i + 1])) continue;
      if (hay === null) hay = haystack(d, k);
      if (hay.indexOf(chars[i] + chars[i + 1]) >= 0) return true;
    }
    var words = latinWords(query);
    if (!words.length) return false;
    var have = new Set(latinWords(ownText(d, k)));
    return words.some(function (w) { return have.has(w); });
  }

  // ------------------------------------------------------------------ excerpt choice

  function isTerms(sub, k) {
    var url = sub.url || "", anchor = "#" + k.termsId;
    return url.slice(-anchor.length) === anchor;
  }

  // The hidden terms section (archive_site/search/docs.py grams_block) is for matching only.
  // Where it matched, the page's own excerpt may come from it: the excerpt is then the best
  // other section's (most matched words). Decided by the section's id, never by its text, so
  // an article that prints the heading's word is excerpted as any other.
  // -> {excerpt, locations: the word positions of the matches it was drawn from}
  function shown(d, k) {
    var subs = d.sub_results || [];
    if (!subs.some(function (s) { return isTerms(s, k); })) return { excerpt: d.excerpt || "", locations: d.locations || [] };
    var own = subs.filter(function (s) { return !isTerms(s, k); });
    own.sort(function (a, b) { return (b.locations || []).length - (a.locations || []).length; });
    return own.length ? { excerpt: own[0].excerpt || "", locations: own[0].locations || [] } : { excerpt: "", locations: [] };
  }

  function excerpt(d, k) { return shown(d, k).excerpt; }

  // ------------------------------------------------------------------ the printed page of a match

  var PAGE_ID = /^p(\d+)$/, NOTE_ID = /^fn:(\d+)$/, REF_ID = /^fnref:(\d+)$/;
  var WINDOW = 36;  // words of an excerpt (bundleOptions' excerptLength)

  // The first match of the excerpt's region: the window of WINDOW words holding most matches,
  // as Pagefind chooses the excerpt.
  function excerptStart(locations) {
    var locs = locations.slice().sort(function (a, b) { return a - b; }), best = -1, most = 0;
    for (var i = 0, j = 0; i < locs.length; i++) {
      while (j < locs.length && locs[j] < locs[i] + WINDOW) j++;
      if (j - i > most) { most = j - i; best = locs[i]; }
    }
    return best;
  }

  // The page text as Pagefind numbers its words (a match's location is the index of its word):
  // the raw content (Pagefind's `raw_content`, words separated by zero-width spaces, < and >
  // escaped), the words' offsets in it, and its text without separators, folded, with the word
  // each of its characters belongs to. Pagefind's own excerpts split it the same way.
  function rawText(d) {
    return d.raw_content != null ? d.raw_content.replace(/&lt;/g, "<").replace(/&gt;/g, ">") : (d.content || "");
  }

  function wordMap(text, k) {
    var zws = text.indexOf("\u200b") >= 0, sep = zws ? /\u200b/g : /[\r\n\s]+/g;
    var starts = [], ends = [], flat = "", of = [], at = 0, m;
    var push = function (a, b) {
      var w = fold(k.t2s.size ? simplify(text.slice(a, b), k.t2s) : text.slice(a, b)).replace(/\s+/g, "");
      starts.push(a);
      ends.push(b);
      for (var i = 0; i < w.length; i++) of.push(starts.length - 1);
      flat += w;
    };
    while ((m = sep.exec(text))) { push(at, m.index); at = m.index + m[0].length; }
    push(at, text.length);
    return { text: text, starts: starts, ends: ends, flat: flat, of: of };
  }

  // Where the whole query stands in a full-text result: {at: the word location of its first
  // occurrence in the article's text (from its first page on, else anywhere), words: [first,
  // last]}; null when the page text does not hold it.
  function wholeAt(d, k, whole, map) {
    if (!whole) return null;
    var q = fold(k.t2s.size ? simplify(whole, k.t2s) : whole).replace(/\s+/g, "");
    map = map || wordMap(rawText(d), k);
    var first = (d.anchors || []).filter(function (a) { return PAGE_ID.test(a.id || ""); })
      .reduce(function (m, a) { return Math.min(m, a.location); }, Infinity);
    var i = -1, from = 0, found = -1;
    while (q && (i = map.flat.indexOf(q, from)) >= 0) {
      if (found < 0) found = i;
      if (map.of[i] >= first) { found = i; break; }
      from = i + 1;
    }
    if (found < 0) return null;
    return { at: map.of[found], words: [map.of[found], map.of[found + q.length - 1]] };
  }

  // An excerpt of about WINDOW words around a whole-query match, the match in <mark>
  // (the same HTML Pagefind gives: text escaped, matches marked).
  function excerptAround(hit, map) {
    var last = map.starts.length - 1;
    var from = Math.max(0, hit.words[0] - 12), to = Math.min(last, hit.words[1] + WINDOW - 12);
    var text = function (a, b) { return a > b ? "" : map.text.slice(map.starts[a], b < last ? map.starts[b + 1] : map.ends[b]).replace(/\u200b/g, ""); };
    return esc(text(from, hit.words[0] - 1)) + "<mark>" + esc(text(hit.words[0], hit.words[1]).trim()) + "</mark>" +
      (/\s$/.test(text(hit.words[1], hit.words[1])) ? " " : "") + esc(text(hit.words[1] + 1, to));
  }

  // The printed page a location of a result stands on (a number), or null: the article's page
  // anchors (doc-pagebreak spans, ids p37) before it; in a note, the page of its reference;
  // after the notes (the article's information, the terms section) or without anchors, none.
  // Without a location: the excerpt's.
  function pageOf(d, k, at) {
    var anchors = (d.anchors || []).slice().sort(function (a, b) { return a.location - b.location; });
    var pages = anchors.filter(function (a) { return PAGE_ID.test(a.id || ""); });
    if (!pages.length) return null;
    if (at === undefined || at === null) at = excerptStart(shown(d, k).locations);
    if (at < 0) return null;
    var notes = anchors.filter(function (a) { return NOTE_ID.test(a.id || ""); });
    if (notes.length && at >= notes[0].location) {
      var note = null;
      for (var n = 0; n < notes.length && notes[n].location <= at; n++) note = notes[n];
      var after = anchors.filter(function (a) { return a.location > note.location && !NOTE_ID.test(a.id || "") && a.element !== "li"; })[0];
      if (!note || (after && at >= after.location)) return null;  // past the notes
      var ref = anchors.filter(function (a) { return a.id === "fnref:" + NOTE_ID.exec(note.id)[1]; })[0];
      if (!ref) return null;
      at = ref.location;
    }
    var page = null;
    for (var i = 0; i < pages.length && pages[i].location <= at; i++) page = +PAGE_ID.exec(pages[i].id)[1];
    return page;
  }

  // ------------------------------------------------------------------ bundles

  // Options for a bundle entry: a path relative to site/pagefind/ (`bundle`), or {path: URL, base: site path}.
  function bundleOptions(b, bundle, highlight) {
    var o = { baseUrl: new URL("../", bundle).pathname, highlightParam: highlight, excerptLength: 36 };
    if (b && typeof b !== "string") { o.baseUrl = b.base; o.basePath = b.path; }
    else if (b) o.basePath = new URL(b, bundle).pathname;
    return o;
  }

  // A portal (archive_site/portal.py) lists sites: a site's own bundles.json (`sm`, in its
  // pagefind/ folder) names its bundles, as entries {path, base} of the merged list.
  function siteFolder(site, here) {
    return new URL("pagefind/", new URL(site, here)).href;
  }

  function siteBundles(site, here, sm) {
    var base = new URL(site, here).pathname, dir = siteFolder(site, here);
    function at(list) { return (list || []).map(function (p) { return { path: new URL(p, dir).href, base: base }; }); }
    return { records: at(sm.records), text: at(sm.text) };
  }

  function mergeBundles(all) {
    return all.reduce(function (a, b) { return { records: a.records.concat(b.records), text: a.text.concat(b.text) }; },
                      { records: [], text: [] });
  }

  // ------------------------------------------------------------------ results

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function source(m) {
    var bits = [];
    if (m.journal) bits.push("《" + esc(m.journal) + "》");
    if (m.issue_label) bits.push(esc(m.issue_label));  // generator.layout.issue_label, via the index
    return bits.join(" ");
  }

  // A result as an option of the listbox (search-keys.js walks them); `partial`: it holds
  // only part of the query. The excerpt is Pagefind's HTML (its text escaped, matches in <mark>).
  // A full-text match on a printed page the article marks says the page, and links to it.
  // `whole`: the query, for a result that holds it whole (its page and excerpt are the match's).
  function resultHtml(d, partial, id, k, whole) {
    var m = d.meta || {};
    var url = d.url.replace(k.recordAnchor, ""), text = null, page = null;
    if (d.url.indexOf(k.recordAnchor) < 0) {  // a page, not a catalogue record
      var map = whole ? wordMap(rawText(d), k) : null;
      var hit = map ? wholeAt(d, k, whole, map) : null;
      page = pageOf(d, k, hit ? hit.at : null);
      if (hit && page) text = excerptAround(hit, map);
    }
    var line = [m.authors ? esc(m.authors) : "", source(m), page ? "第 " + page + " 页" : ""].filter(Boolean).join(" · ");
    if (partial) line = '<span class="ja-search-badge">部分匹配</span>' + line;
    if (page) url = url.replace(/#.*$/, "") + "#p" + page;
    return '<li class="md-search-result__item' + (partial ? " ja-search-partial" : "") + '" role="presentation">' +
      '<a id="' + esc(id) + '" role="option" aria-selected="false" href="' + esc(url) +
      '" class="md-search-result__link" tabindex="-1">' +
      '<article class="md-search-result__article md-typeset">' +
      "<h1>" + esc(m.title || d.url) + "</h1>" +
      (line ? '<p class="ja-search-source">' + line + "</p>" : "") +
      '<p class="ja-search-excerpt">' + (text === null ? excerpt(d, k) : text) + "</p>" +
      "</article></a></li>";
  }

  // The listed query's results: the record matches, then (once searched) the full-text ones.
  // `here`: the page's URL (results are told apart by their page's path).
  function results(records, o) {
    return {
      records: records, text: null, ri: 0, ti: 0, shown: 0, seen: new Set(), partial: [], wholeShown: 0, noise: 0,
      whole: o.whole || null, note: o.note || "", q: o.q, split: !!o.split, here: o.here,
      // A large archive (separate full-text shards, whose metadata alone is ~14 KB per 1,000
      // pages) searches its full text only when the catalogue matches run out ("更多结果")
      // or are fewer than text_after: a title, author or keyword query costs the records' fetch set.
      later: !!o.split && records.length >= o.textAfter
    };
  }

  function pageKey(url, here) { return new URL(url, here).pathname; }

  // An article's record words are on its page too, so the full-text results are the
  // articles found (records are a subset): once that many are listed, the rest are duplicates.
  function candidates(c) {
    if (c.text && c.shown >= Math.max(c.text.length, c.records.length)) return false;
    return c.ri < c.records.length || !!(c.text && c.ti < c.text.length);
  }

  function hasMore(c) { return candidates(c) || c.partial.length > 0 || !!c.later; }

  // The next results to fetch, up to `want`: the remaining record matches first, then the
  // full-text ones; null when none is left.
  function nextBatch(c, want) {
    var batch = [];
    while (batch.length < want && c.ri < c.records.length) batch.push(c.records[c.ri++]);
    if (!batch.length) {
      if (!candidates(c)) return null;
      while (batch.length < want && c.ti < c.text.length) batch.push(c.text[c.ti++]);
    }
    return batch;
  }

  // A fetched result: "seen" (already listed), "partial" (holds enough of a multi-character
  // query, holdsPart: waits in c.partial, listed under a heading once no whole-string match
  // is left), "noise" (shares less with it: not listed) or "whole" (listed now). A record
  // holding part of the query may still have it whole in its page's text: the page, found
  // later, then leaves the partial list.
  function accept(c, d, k) {
    var key = pageKey(d.url, c.here);
    if (c.seen.has(key)) return "seen";
    var queued = c.partial.some(function (p) { return pageKey(p.url, c.here) === key; });
    if (!holdsWhole(d, c.whole, k)) {
      if (!queued && !holdsPart(d, c.q || c.whole, k)) { c.noise += 1; return "noise"; }
      if (!queued) c.partial.push(d);
      return "partial";
    }
    if (queued) c.partial = c.partial.filter(function (p) { return pageKey(p.url, c.here) !== key; });
    c.seen.add(key);
    c.wholeShown += 1;
    return "whole";
  }

  // The full-text matches of the listed query (`full`: Pagefind's search response): with
  // separate full-text shards the record bundle is searched again there; its matches go.
  function textResults(c, full) {
    var ids = new Set(c.records.map(function (r) { return r.id; }));
    return c.split ? full.results.filter(function (r) { return !ids.has(r.id); }) : full.results;
  }

  // ------------------------------------------------------------------ the status line

  function searchedAs(raw, q) { return q !== raw ? "（按简体“" + q + "”检索）" : ""; }

  function recordsText(c) {
    return c.records.length ? "题名、作者、关键词或摘要相符 " + c.records.length + " 篇，正在检索全文…" : "正在检索全文…";
  }

  function laterText(c) {
    return "题名、作者、关键词或摘要相符 " + c.records.length + " 篇" + c.note + "；“更多结果”列完后检索全文";
  }

  function foundText(c) {
    var n = Math.max(c.text.length, c.records.length);
    return n ? "找到 " + n + " 篇" + c.note : "没有找到结果";
  }

  // Once every candidate was looked at: how many hold the whole query, how many a part (null:
  // nothing to add to foundText's count, which then holds).
  function summaryText(c) {
    if (!c.whole || hasMore(c)) return null;
    var part = c.shown - c.wholeShown;
    if (!part) return c.noise ? (c.wholeShown ? "找到 " + c.wholeShown + " 篇" + c.note : "没有找到结果") : null;
    return (c.wholeShown ? "找到 " + c.wholeShown + " 篇" : "没有完全相符的结果") + c.note +
      "，另有 " + part + " 篇只含部分检索词";
  }

  // ------------------------------------------------------------------ filters, loading

  // A filter's values with a count, in the order the select lists them (years newest first).
  function filterNames(counts, key) {
    var names = Object.keys(counts || {}).filter(function (n) { return counts[n]; });
    names.sort(function (a, b) { return a.localeCompare(b, "zh"); });
    if (key === "year") names.reverse();
    return names;
  }

  // Whether to wait for the reader before loading the index (Save-Data, a 2G connection).
  function frugal(conn) {
    conn = conn || {};
    return !!(conn.saveData || /(^|-)2g$/.test(conn.effectiveType || ""));
  }

  return {
    FIRST: FIRST, PAGE: PAGE, BUDGET: BUDGET,
    prepare: prepare, simplify: simplify, recordQuery: recordQuery, wholeQuery: wholeQuery,
    fold: fold, haystack: haystack, holdsWhole: holdsWhole, holdsPart: holdsPart, excerpt: excerpt, pageOf: pageOf, wholeAt: wholeAt,
    bundleOptions: bundleOptions, siteFolder: siteFolder, siteBundles: siteBundles, mergeBundles: mergeBundles,
    esc: esc, resultHtml: resultHtml, results: results, candidates: candidates, hasMore: hasMore,
    nextBatch: nextBatch, accept: accept, textResults: textResults,
    searchedAs: searchedAs, recordsText: recordsText, laterText: laterText, foundText: foundText, summaryText: summaryText,
    filterNames: filterNames, frugal: frugal
  };
});
