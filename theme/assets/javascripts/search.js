/*
 * Header search box driven by Pagefind (theme/partials/search.html).
 *
 * - The Pagefind bundle (site/pagefind/, written by hooks/pagefind_hook.py:
 *   pagefind.js, its wasm, the language's metadata, t2s.js) is loaded ahead of
 *   the first query: once the page is idle after loading (unless the browser
 *   asks to save data or is on a 2G connection), or as soon as the pointer
 *   reaches the search box / its button, or the box gets focus - whichever comes
 *   first. A query then fetches only the index chunks and fragments it needs.
 * - Two searches per query (hooks/pagefind_hook.py): first the articles' catalogue
 *   records (filter scope=record: titles, authors, keywords, the Chinese abstract; small
 *   fragments, little work), whose matches are listed first, then the full text
 *   (scope=text), whose further matches follow them. Pagefind's cost grows with
 *   results x matched words, so on a large archive a common word's full-text search
 *   takes a few hundred ms: the record matches do not wait for it. The records are
 *   searched with the query cut into pieces of 2-3 characters (recordQuery), in an
 *   instance without Pagefind's word segmentation; the full text as the page's language.
 * - The index is in shards (archive_site/shards.py, listed in site/pagefind/bundles.json):
 *   the primary bundle site/pagefind/ holds the first record shard, further record shards
 *   are merged into it (Pagefind's mergeIndex); the full-text shards are merged into a
 *   second instance over the same primary (its wasm comes from the cache), created for
 *   the first full-text search, so a first query waits only for the records' fetch set.
 *   On a small site the primary bundle holds the pages too: the second instance searches
 *   it (scope=text).
 *   A bundle entry may also be {"path": URL, "base": site URL} (a portal's search over
 *   other sites' bundles).
 * - Queries are converted traditional -> simplified with site/pagefind/t2s.js
 *   (pairs of characters, generated from OpenCC at build time), so 國際 finds 国际.
 * - Results show title, authors, journal / year / issue (data-pagefind-meta)
 *   and an excerpt with the matches in <mark>; the result links carry
 *   ?highlight=..., which pagefind-highlight.js uses to mark the words on the page.
 * - Filters (journal, year, section, author: data-pagefind-filter) are loaded
 *   only when the filter panel is opened.
 * - Precision: a query of two or more characters lists first the pages that hold the
 *   whole string (in the title, authors or text, after the traditional -> simplified
 *   mapping); pages Pagefind found through a part of it (曾向红 -> only 红) follow,
 *   under a heading, marked 部分匹配.
 * - Results are options of a listbox (role=option); the keyboard that walks them
 *   (combobox pattern) is in search-keys.js.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-ja-search]");
  var HIGHLIGHT = "highlight";
  var FIRST = 3;   // each result costs one fragment (a record ~2 KB, a page ~25 KB): 3 at once, then 10 per "更多结果"
  var PAGE = 10;
  var RECORD = "#ja-record"; // hooks/pagefind_hook.py RECORD_ANCHOR: an article's catalogue record

  function abs(rel) { return new URL(rel, document.baseURI).href; }

  var bundle = root ? abs(root.getAttribute("data-bundle")) : abs("pagefind/");

  // Highlight the searched words on a page opened from a result.
  if (new URLSearchParams(location.search).has(HIGHLIGHT)) {
    import(bundle + "pagefind-highlight.js").then(function () {
      if (window.PagefindHighlight) new window.PagefindHighlight({ highlightParam: HIGHLIGHT });
    }).catch(function () {});
  }
  if (!root) return;

  // The results panel: here rather than in every page's HTML (theme/partials/search.html).
  var output = root.querySelector("[data-ja-search-output]");
  if (output && !output.firstChild) {
    var filter = function (key, label) {
      return '<label>' + label + ' <select data-filter="' + key + '"><option value="">全部</option></select></label>';
    };
    output.innerHTML = '<div class="md-search__scrollwrap" data-md-scrollfix><div class="md-search-result">' +
      '<details class="ja-search-filters" data-ja-search-filters><summary>筛选：刊名、年份、栏目、作者</summary>' +
      '<div class="ja-search-filter-row">' + filter("journal", "刊名") + filter("year", "年份") +
      filter("section", "栏目") + filter("author", "作者") + '</div></details>' +
      '<div class="md-search-result__meta" role="status" data-ja-search-meta>输入关键词、作者名或标题搜索</div>' +
      '<ol class="md-search-result__list" id="ja-search-list" role="listbox" aria-label="搜索结果" data-ja-search-results></ol>' +
      '<button type="button" class="md-button ja-search-more" data-ja-search-more hidden>更多结果</button>' +
      '</div></div>';
  }

  var toggle = document.getElementById("__search");
  var input = root.querySelector("[data-ja-search-input]");
  input.setAttribute("aria-controls", "ja-search-list");
  var list = root.querySelector("[data-ja-search-results]");
  var meta = root.querySelector("[data-ja-search-meta]");
  var more = root.querySelector("[data-ja-search-more]");
  var panel = root.querySelector("[data-ja-search-filters]");
  var selects = root.querySelectorAll("select[data-filter]");
  var initial = meta.textContent;

  var ready = null;       // Promise<pagefind module>
  var t2s = null;         // Promise<Map>
  var seq = 0;            // drops results of superseded queries
  var current = null;     // {records, text, ri, ti, shown, seen, whole, partial}: the listed query's results
  var BUDGET = 40;        // fragments one batch may fetch while it looks for whole-string matches

  function loadT2S() {
    if (!t2s) {
      t2s = new Promise(function (resolve) {
        var s = document.createElement("script");
        s.src = bundle + "t2s.js";
        s.async = true;
        s.onload = s.onerror = function () {
          var pairs = window.__jaT2S || "", map = new Map();
          var chars = Array.from(pairs);
          for (var i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1]);
          resolve(map);
        };
        document.head.appendChild(s);
      });
    }
    return t2s;
  }

  var manifest = null;    // Promise<{records: [...], text: [...]}>: the shards (bundles.json)
  var fullText = null;    // Promise<Pagefind instance over the full-text shards>

  function bundles() {
    if (!manifest) manifest = json(bundle + "bundles.json").then(expand);
    return manifest;
  }

  function json(url) {
    return fetch(url).then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
  }

  // A portal (archive_site/portal.py) lists sites: their own bundles.json name their bundles.
  function expand(m) {
    if (!m.sites || !m.sites.length) return m;
    return Promise.all(m.sites.map(function (site) {
      var root = new URL(site, location.href), dir = new URL("pagefind/", root).href;
      return json(dir + "bundles.json").then(function (sm) {
        function at(list) { return (list || []).map(function (p) { return { path: new URL(p, dir).href, base: root.pathname }; }); }
        return { records: at(sm.records), text: at(sm.text) };
      });
    })).then(function (all) {
      return all.reduce(function (a, b) { return { records: a.records.concat(b.records), text: a.text.concat(b.text) }; },
                        { records: [], text: [] });
    });
  }

  // Options for a bundle entry: a path relative to site/pagefind/, or {path: URL, base: site path}.
  function opts(b) {
    var o = { baseUrl: new URL("../", bundle).pathname, highlightParam: HIGHLIGHT, excerptLength: 36 };
    if (b && typeof b !== "string") { o.baseUrl = b.base; o.basePath = b.path; }
    else if (b) o.basePath = new URL(b, bundle).pathname;
    return o;
  }

  // Merge each bundle of `list` into `pf` (with `lang`: searched as that language).
  function merge(pf, list, lang) {
    return Promise.all((list || []).map(function (b) {
      var o = opts(b), path = o.basePath;
      delete o.basePath;
      if (lang) o.language = lang;
      return pf.mergeIndex(path, o);
    }));
  }

  // The first record bundle is the primary (site/pagefind/ itself, or a portal's first site's).
  function load() {
    if (!ready) {
      loadT2S();
      ready = Promise.all([import(bundle + "pagefind.js"), bundles()]).then(function (v) {
        var pf = v[0], records = v[1].records || [];
        return pf.options(opts(records[0] || "./")).then(function () {
          unsegmented(function () { pf.init(); });
          return merge(pf, records.slice(1), UNSEGMENTED);
        }).then(function () { return pf; });
      });
      ready.catch(function () { meta.textContent = "搜索索引加载失败"; });
    }
    return ready;
  }

  // The full-text search: an instance over the primary bundle (searched as the page's
  // language, zh: Pagefind cuts the query into words as jieba cut the pages), with the
  // full-text shards merged in when there are any.
  function textIndex() {
    if (!fullText) {
      fullText = Promise.all([load(), bundles()]).then(function (v) {
        var pf = v[0], text = v[1].text, o = opts((v[1].records || [])[0] || "./");
        var inst = pf.createInstance({ basePath: o.basePath });
        delete o.basePath;
        return inst.options(o).then(function () { return merge(inst, text); }).then(function () { return inst; });
      });
    }
    return fullText;
  }

  // The catalogue records are searched without Pagefind's word segmentation (see recordQuery).
  // Pagefind gives its first instance the language of <html lang>, and for zh cuts every query
  // with Intl.Segmenter; so that instance is created while the document says "und"
  // (undetermined: Pagefind then uses the bundle's only language index, unsegmented), in one
  // synchronous step, and the other record bundles are merged as "und".
  var UNSEGMENTED = "und";
  function unsegmented(fn) {
    var el = document.documentElement, lang = el.getAttribute("lang");
    el.setAttribute("lang", UNSEGMENTED);
    try { return fn(); } finally { if (lang === null) el.removeAttribute("lang"); else el.setAttribute("lang", lang); }
  }

  // The query for the catalogue records: each run of Han characters cut into pieces of 2-3
  // characters (a run of one stays one), the rest as typed. A record indexes every 1-3
  // character run of its title, subtitle, authors and keywords as a word (its hidden terms,
  // archive_site/search_docs.py ngrams), so it is found when the query is part of one of them.
  // Pagefind's segmenter would cut names and rarer words into single characters, and each is
  // looked up as the prefix of every word that starts with it; its cost grows with results x
  // matching words, which on a large archive made a name's search take hundreds of ms. A record
  // whose abstract alone holds the query is left to the full-text search (which reads the abstract).
  var HAN_RUN = /([\u3400-\u9fff\uf900-\ufaff]+)/;  // archive_site/search_index.py HAN_RUN
  function recordQuery(q) {
    return q.split(HAN_RUN).map(function (part, i) {
      if (i % 2 === 0) return part;
      var chars = Array.from(part), out = [];
      while (chars.length > 3) out.push(chars.splice(0, chars.length === 4 ? 2 : 3).join(""));
      out.push(chars.join(""));
      return " " + out.join(" ") + " ";
    }).join("").replace(/\s+/g, " ").trim();
  }

  function simplify(q) {
    return loadT2S().then(function (map) {
      return Array.from(q).map(function (c) { return map.get(c) || c; }).join("");
    });
  }

  function filters() {
    var out = {};
    selects.forEach(function (s) { if (s.value) out[s.getAttribute("data-filter")] = s.value; });
    return out;
  }

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

  // The hidden section #ja-search-terms (hooks/pagefind_hook.py: title, authors and
  // keywords cut into 1-3 character pieces) is for matching only: the excerpt comes
  // from the best other section, or from the page when that is not the terms section.
  function excerpt(d) {
    var subs = (d.sub_results || []).filter(function (s) { return !/#ja-search-terms$/.test(s.url); });
    var terms = (d.sub_results || []).filter(function (s) { return /#ja-search-terms$/.test(s.url); })[0];
    if (terms && terms.excerpt === d.excerpt || /检索词/.test(d.excerpt || "")) {
      subs.sort(function (a, b) { return (b.locations || []).length - (a.locations || []).length; });
      return subs.length ? subs[0].excerpt : "";
    }
    return d.excerpt || "";
  }

  // Text a result is checked against for the whole query: title, authors, the page text
  // without the hidden terms section (its 1-3 character pieces would join up), no spaces.
  function haystack(d, map) {
    var m = d.meta || {};
    var text = (d.content || "").replace(/\u200b/g, "");
    var cut = text.lastIndexOf("检索词.");
    if (cut >= 0) text = text.slice(0, cut);
    text = [m.title || "", m.authors || "", text].join(" ").replace(/\s+/g, "");
    return map && map.size ? Array.from(text).map(function (ch) { return map.get(ch) || ch; }).join("") : text;
  }

  var optionSeq = 0;
  function item(d, partial) {
    var m = d.meta || {};
    var line = [m.authors ? esc(m.authors) : "", source(m)].filter(Boolean).join(" · ");
    if (partial) line = '<span class="ja-search-badge">部分匹配</span>' + line;
    return '<li class="md-search-result__item' + (partial ? " ja-search-partial" : "") + '" role="presentation">' +
      '<a id="ja-search-opt-' + (++optionSeq) + '" role="option" aria-selected="false" href="' + esc(d.url.replace(RECORD, "")) + '" class="md-search-result__link" tabindex="-1">' +
      '<article class="md-search-result__article md-typeset">' +
      "<h1>" + esc(m.title || d.url) + "</h1>" +
      (line ? '<p class="ja-search-source">' + line + "</p>" : "") +
      '<p class="ja-search-excerpt">' + excerpt(d) + "</p>" +
      "</article></a></li>";
  }

  function key(d) { return new URL(d.url, location.href).pathname; }

  // Appends up to `want` results: the remaining record matches first, then full-text
  // matches not already listed (a full-text result is known to be a duplicate only
  // once its fragment is in, so those are fetched a batch at a time). Each result gets
  // its slot at once and is drawn when its fragment arrives (rank order on screen).
  // A result holding only part of a multi-character query waits in c.partial; those are
  // listed, under a heading, once no whole-string match is left (or the batch's budget
  // of fragments is spent: 更多结果 goes on looking).
  function flushPartial(c) {
    if (!c.partial.length) return 0;
    var head = document.createElement("li");
    head.className = "ja-search-partial-head";
    head.setAttribute("role", "presentation");
    head.textContent = "以下结果只含检索词的一部分";
    list.appendChild(head);
    c.partial.forEach(function (d) { list.insertAdjacentHTML("beforeend", item(d, true)); });
    var n = c.partial.length;
    c.partial = [];
    return n;
  }

  function take(c, want, mine, budget) {
    if (budget === undefined) budget = BUDGET;
    var batch = [];
    while (batch.length < want && c.ri < c.records.length) batch.push(c.records[c.ri++]);
    if (!batch.length) {
      if (!candidates(c)) { var flushed = c.text ? flushPartial(c) : 0; c.shown += flushed; return Promise.resolve(flushed); }
      while (batch.length < want && c.ti < c.text.length) batch.push(c.text[c.ti++]);
    }
    var slots = batch.map(function () {
      var li = document.createElement("li");
      li.hidden = true;
      list.appendChild(li);
      return li;
    });
    return Promise.all(batch.map(function (r, i) {
      return r.data().then(function (d) {
        if (mine !== seq) return 0;
        var k = key(d);
        if (c.seen.has(k)) { slots[i].remove(); return 0; }
        // a record (catalogue entry) holding part of the query may still have it whole in its text
        var queued = c.partial.filter(function (p) { return key(p) === k; }).length > 0;
        if (c.whole && haystack(d, c.map).indexOf(c.whole) < 0) {
          if (!queued) c.partial.push(d);
          slots[i].remove();
          return 0;
        }
        if (queued) c.partial = c.partial.filter(function (p) { return key(p) !== k; });
        c.seen.add(k);
        c.wholeShown += 1;
        slots[i].outerHTML = item(d);
        return 1;
      });
    })).then(function (drawn) {
      var n = drawn.reduce(function (a, b) { return a + b; }, 0);
      c.shown += n;
      budget -= batch.length;
      if (mine !== seq || n >= want || budget <= 0) return n;
      return take(c, want - n, mine, budget).then(function (m) { return n + m; });
    });
  }

  // An article's record words are on its page too, so the full-text results are the
  // articles found (records are a subset): once that many are listed, the rest are duplicates.
  function candidates(c) {
    if (c.text && c.shown >= Math.max(c.text.length, c.records.length)) return false;
    return c.ri < c.records.length || !!(c.text && c.ti < c.text.length);
  }
  function hasMore(c) { return candidates(c) || c.partial.length > 0 || !!c.later; }

  function showMore(mine) {
    var c = current;
    more.hidden = true;
    root.setAttribute("data-loading", "");  // until the whole batch is on screen
    // past the catalogue matches of a large archive: now search the full text (see run)
    var before = c.later && c.ri >= c.records.length ? searchText(c, mine) : Promise.resolve();
    return before.then(function () {
      if (mine !== seq) return;
      return take(c, c.shown ? PAGE : FIRST, mine);
    }).then(function () {
      if (mine !== seq) return;
      more.hidden = !(c.text || c.later) || !hasMore(c);
      if (c.text) summary(c);
      root.removeAttribute("data-loading");
    });
  }

  // The full-text search of the listed query: its matches follow the record matches.
  function searchText(c, mine) {
    c.later = false;
    meta.textContent = "正在检索全文…";
    return textIndex().then(function (tf) { return tf.search(c.q || null, c.scoped("text")); }).then(function (full) {
      if (mine !== seq || !full) return;
      var ids = new Set(c.records.map(function (r) { return r.id; }));
      c.text = c.split ? full.results.filter(function (r) { return !ids.has(r.id); }) : full.results;
      var n = Math.max(c.text.length, c.records.length);
      meta.textContent = n ? "找到 " + n + " 篇" + c.note : "没有找到结果";
    });
  }

  // Once every candidate was looked at: how many hold the whole query, how many a part.
  function summary(c) {
    if (!c.whole || hasMore(c) || c.shown <= c.wholeShown) return;
    meta.textContent = (c.wholeShown ? "找到 " + c.wholeShown + " 篇" : "没有完全相符的结果") + c.note +
      "，另有 " + (c.shown - c.wholeShown) + " 篇只含部分检索词";
  }

  function run() {
    var mine = ++seq;
    var raw = input.value.trim();
    var f = filters();
    if (!raw && !Object.keys(f).length) {
      list.innerHTML = "";
      more.hidden = true;
      meta.textContent = initial;
      root.removeAttribute("data-done");
      root.removeAttribute("data-loading");
      return Promise.resolve();
    }
    // With separate full-text shards, the record and text bundles need no scope filter (its
    // chunks would cost a fetch per bundle): the text instance's one record bundle, its
    // primary, gives exactly the record matches again, which are dropped by id.
    var split = false;
    function scoped(scope) { var o = split ? {} : { scope: scope }; for (var k in f) o[k] = f[k]; return { filters: o }; }
    return Promise.all([load(), simplify(raw), loadT2S(), bundles()]).then(function (v) {
      var pf = v[0], q = v[1];
      split = !!(v[3].text && v[3].text.length);
      var whole = q.replace(/\s+/g, "");
      var note = q !== raw ? "（按简体“" + q + "”检索）" : "";
      return pf.search(q ? recordQuery(q) : null, scoped("record")).then(function (res) {
        if (mine !== seq || !res) return;
        var c = current = { records: res.results, text: null, ri: 0, ti: 0, shown: 0, seen: new Set(),
          whole: Array.from(whole).length > 1 ? whole : null, map: v[2], partial: [], wholeShown: 0, note: note,
          q: q, scoped: scoped, split: split,
          // A large archive (separate full-text shards, whose metadata alone is ~14 KB per 1,000
          // pages) searches its full text only when the catalogue matches run out ("更多结果")
          // or are fewer than a page: a title, author or keyword query costs the records' fetch set.
          later: split && res.results.length >= (v[3].text_after || PAGE) };
        list.innerHTML = "";
        more.hidden = true;
        meta.textContent = c.records.length ? "题名、作者、关键词或摘要相符 " + c.records.length + " 篇，正在检索全文…" : "正在检索全文…";
        // the record matches' fragments first: the full-text search would hold up the worker
        return showMore(mine).then(function () {
          if (mine !== seq) return;
          if (c.later) {
            meta.textContent = "题名、作者、关键词或摘要相符 " + c.records.length + " 篇" + note + "；“更多结果”列完后检索全文";
            more.hidden = false;
            root.setAttribute("data-done", raw);
            return;
          }
          return searchText(c, mine).then(function () {
            if (mine !== seq || !c.text) return;
            return (c.shown < FIRST ? take(c, FIRST - c.shown, mine) : Promise.resolve()).then(function () {
              if (mine !== seq) return;
              more.hidden = !hasMore(c);
              summary(c);
              root.setAttribute("data-done", raw);  // tests and bench/search_bench.py wait on this
            });
          });
        });
      });
    });
  }

  function loadFilters() {
    // counts per article: the records only (each article is also indexed as its page, in the
    // full-text shards). pf.filters() loads every filter's index, which the scoped search then counts in.
    load().then(function (pf) {
      return pf.filters().then(function () { return pf.search(null, { filters: { scope: "record" } }); });
    }).then(function (res) {
      var all = res.filters || {};
      selects.forEach(function (s) {
        if (s.options.length > 1) return;
        var counts = all[s.getAttribute("data-filter")] || {};
        var names = Object.keys(counts).filter(function (n) { return counts[n]; });
        names.sort(function (a, b) { return a.localeCompare(b, "zh"); });
        if (s.getAttribute("data-filter") === "year") names.reverse();
        names.forEach(function (n) {
          var o = document.createElement("option");
          o.value = n;
          o.textContent = n + "（" + counts[n] + "）";
          s.appendChild(o);
        });
      });
    });
  }

  function open() {
    if (toggle && !toggle.checked) toggle.checked = true;
    load();
    input.focus();
  }

  // Warm up before the first query (see the header comment).
  function early() { load(); }
  var conn = navigator.connection || {};
  var frugal = conn.saveData || /(^|-)2g$/.test(conn.effectiveType || "");
  if (!frugal) {
    var idle = function () {
      if (window.requestIdleCallback) window.requestIdleCallback(early, { timeout: 3000 });
      else setTimeout(early, 200);
    };
    if (document.readyState === "complete") idle();
    else window.addEventListener("load", idle, { once: true });
  }
  [root].concat(Array.prototype.slice.call(document.querySelectorAll('label[for="__search"]'))).forEach(function (el) {
    el.addEventListener("pointerenter", early, { once: true, passive: true });
    el.addEventListener("touchstart", early, { once: true, passive: true });
  });
  input.addEventListener("focus", function () { if (toggle) toggle.checked = true; load(); });
  // While an input method composes (typing 上海 as s-h-a-n-g-h-a-i), the box holds pinyin:
  // search once the characters are committed, not for every letter.
  input.addEventListener("input", function (e) { if (!e.isComposing) run(); });
  input.addEventListener("compositionend", function () { run(); });
  root.querySelector("form").addEventListener("reset", function () { setTimeout(run, 0); });
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) { load(); input.focus(); } });
  selects.forEach(function (s) { s.addEventListener("change", run); });
  panel.addEventListener("toggle", function () { if (panel.open) loadFilters(); });
  more.addEventListener("click", function () { if (current) showMore(seq); });
  document.addEventListener("keydown", function (e) {
    var t = e.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === "/" || e.key === "s" || e.key === "f")) {
      e.preventDefault();
      open();
    } else if (e.key === "Escape" && toggle && toggle.checked) {
      toggle.checked = false;
      input.blur();
    }
  });
})();
