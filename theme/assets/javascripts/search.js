/*
 * Header search box driven by Pagefind (theme/partials/search.html): the page and the
 * network. What it decides (query shaping, the whole-string check, the excerpt, the
 * results' order and the status line) is search-core.js's (JaSearchCore), loaded before it.
 *
 * - The Pagefind bundle (site/pagefind/, written by hooks/pagefind_hook.py:
 *   pagefind.js, its wasm, the language's metadata, search.json) is loaded ahead of
 *   the first query: once the page is idle after loading (unless the browser
 *   asks to save data or is on a 2G connection), or as soon as the pointer
 *   reaches the search box / its button, or the box gets focus - whichever comes
 *   first. A query then fetches only the index chunks and fragments it needs.
 * - search.json (archive_site/search/browser.py) holds what the box shares with the
 *   Python side, written at build time: the Han character class, the record anchor, the
 *   terms section, the scope and the other filters, the traditional -> simplified pairs.
 * - Two searches per query (hooks/pagefind_hook.py): first the articles' catalogue
 *   records (filter scope=record: titles, authors, keywords, the Chinese abstract; small
 *   fragments, little work), whose matches are listed first, then the full text
 *   (scope=text), whose further matches follow them. Pagefind's cost grows with
 *   results x matched words, so on a large archive a common word's full-text search
 *   takes a few hundred ms: the record matches do not wait for it. The records are
 *   searched with the query cut into pieces of 2-3 characters (recordQuery), in an
 *   instance without Pagefind's word segmentation; the full text as the page's language.
 * - The index is in shards (archive_site/search/shards.py, listed in site/pagefind/bundles.json):
 *   the primary bundle site/pagefind/ holds the first record shard, further record shards
 *   are merged into it (Pagefind's mergeIndex); the full-text shards are merged into a
 *   second instance over the same primary (its wasm comes from the cache), created for
 *   the first full-text search, so a first query waits only for the records' fetch set.
 *   On a small site the primary bundle holds the pages too: the second instance searches
 *   it (scope=text). A bundle entry may also be {"path": URL, "base": site URL} (a
 *   portal's search over other sites' bundles).
 * - Results show title, authors, journal / year / issue (data-pagefind-meta) and an
 *   excerpt with the matches in <mark>; the result links carry ?highlight=..., which
 *   pagefind-highlight.js uses to mark the words on the page.
 * - Filters (data-pagefind-filter) are loaded only when the filter panel is opened.
 * - Precision: a query of two or more characters lists first the pages that hold the
 *   whole string; pages Pagefind found through a part of it (曾向红 -> only 红) follow,
 *   under a heading, marked 部分匹配.
 * - While a query's results are being listed, the list is aria-busy="true".
 * - Results are options of a listbox (role=option); the keyboard that walks them
 *   (combobox pattern) is in search-keys.js.
 * - Nothing hidden is focusable: while the overlay is closed its results panel is inert, and
 *   on a phone (where the closed box is not shown) the box too; the header's search button
 *   opens it. Escape closes the overlay and returns focus to the box, or on a phone to that
 *   button.
 */
(function () {
  "use strict";
  var core = window.JaSearchCore;
  var root = document.querySelector("[data-ja-search]");
  var HIGHLIGHT = "highlight";

  function abs(rel) { return new URL(rel, document.baseURI).href; }

  var bundle = root ? abs(root.getAttribute("data-bundle")) : abs("pagefind/");

  // Highlight the searched words on a page opened from a result.
  if (new URLSearchParams(location.search).has(HIGHLIGHT)) {
    import(bundle + "pagefind-highlight.js").then(function () {
      if (window.PagefindHighlight) new window.PagefindHighlight({ highlightParam: HIGHLIGHT });
    }).catch(function () {});
  }
  if (!root || !core) return;

  // The results panel: here rather than in every page's HTML (theme/partials/search.html).
  // The filters' selects are added when search.json (their names and labels) is in.
  var output = root.querySelector("[data-ja-search-output]");
  if (output && !output.firstChild) {
    output.innerHTML = '<div class="md-search__scrollwrap" data-md-scrollfix><div class="md-search-result">' +
      '<details class="ja-search-filters" data-ja-search-filters><summary>筛选</summary>' +
      '<div class="ja-search-filter-row" data-ja-search-filter-row></div></details>' +
      '<div class="md-search-result__meta" role="status" data-ja-search-meta>输入关键词、作者名或标题搜索</div>' +
      '<ol class="md-search-result__list" id="ja-search-list" role="listbox" aria-label="搜索结果" aria-busy="false" data-ja-search-results></ol>' +
      '<button type="button" class="md-button ja-search-more" data-ja-search-more hidden>更多结果</button>' +
      '</div></div>';
  }

  var toggle = document.getElementById("__search");
  var input = root.querySelector("[data-ja-search-input]");
  var inner = root.querySelector(".md-search__inner");
  var opener = document.querySelector("[data-ja-search-open]");
  var phone = window.matchMedia("(max-width: 59.984375em)");  // Material's breakpoint: the box shows only when open
  input.setAttribute("aria-controls", "ja-search-list");
  var list = root.querySelector("[data-ja-search-results]");
  var meta = root.querySelector("[data-ja-search-meta]");
  var more = root.querySelector("[data-ja-search-more]");
  var panel = root.querySelector("[data-ja-search-filters]");
  var initial = meta.textContent;

  var ready = null;       // Promise<pagefind module>
  var settings = null;    // Promise<core.prepare(search.json)>
  var manifest = null;    // Promise<{records: [...], text: [...]}>: the shards (bundles.json)
  var fullText = null;    // Promise<Pagefind instance over the full-text shards>
  var seq = 0;            // drops results of superseded queries
  var current = null;     // core.results(...): the listed query's results
  var optionSeq = 0;

  function busy(on) { list.setAttribute("aria-busy", on ? "true" : "false"); }

  function json(url) {
    return fetch(url).then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
  }

  function loadSettings() {
    if (!settings) settings = json(bundle + "search.json").then(core.prepare).then(function (k) { addFilters(k); return k; });
    return settings;
  }

  function bundles() {
    if (!manifest) manifest = json(bundle + "bundles.json").then(expand);
    return manifest;
  }

  function expand(m) {
    if (!m.sites || !m.sites.length) return m;
    return Promise.all(m.sites.map(function (site) {
      return json(core.siteFolder(site, location.href) + "bundles.json").then(function (sm) {
        return core.siteBundles(site, location.href, sm);
      });
    })).then(core.mergeBundles);
  }

  // Merge each bundle of `list` into `pf` (with `lang`: searched as that language).
  function merge(pf, list, lang) {
    return Promise.all((list || []).map(function (b) {
      var o = core.bundleOptions(b, bundle, HIGHLIGHT), path = o.basePath;
      delete o.basePath;
      if (lang) o.language = lang;
      return pf.mergeIndex(path, o);
    }));
  }

  // The first record bundle is the primary (site/pagefind/ itself, or a portal's first site's).
  function load() {
    if (!ready) {
      ready = Promise.all([import(bundle + "pagefind.js"), bundles(), loadSettings()]).then(function (v) {
        var pf = v[0], records = v[1].records || [];
        return pf.options(core.bundleOptions(records[0] || "./", bundle, HIGHLIGHT)).then(function () {
          unsegmented(function () { pf.init(); });
          return merge(pf, records.slice(1), UNSEGMENTED);
        }).then(function () { return pf; });
      });
      ready.catch(function () { meta.textContent = "搜索索引加载失败"; busy(false); });
    }
    return ready;
  }

  // The full-text search: an instance over the primary bundle (searched as the page's
  // language, zh: Pagefind cuts the query into words as jieba cut the pages), with the
  // full-text shards merged in when there are any.
  function textIndex() {
    if (!fullText) {
      fullText = Promise.all([load(), bundles()]).then(function (v) {
        var pf = v[0], text = v[1].text, o = core.bundleOptions((v[1].records || [])[0] || "./", bundle, HIGHLIGHT);
        var inst = pf.createInstance({ basePath: o.basePath });
        delete o.basePath;
        return inst.options(o).then(function () { return merge(inst, text); }).then(function () { return inst; });
      });
    }
    return fullText;
  }

  // The catalogue records are searched without Pagefind's word segmentation (core.recordQuery).
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

  // ------------------------------------------------------------------ filters

  function selects() { return root.querySelectorAll("select[data-filter]"); }

  function addFilters(k) {
    var row = root.querySelector("[data-ja-search-filter-row]");
    if (!row || row.firstChild) return;
    panel.querySelector("summary").textContent = "筛选：" + k.filters.map(function (f) { return f[1]; }).join("、");
    k.filters.forEach(function (f) {
      var label = document.createElement("label"), s = document.createElement("select"), all = document.createElement("option");
      label.textContent = f[1] + " ";
      s.setAttribute("data-filter", f[0]);
      all.value = "";
      all.textContent = "全部";
      s.appendChild(all);
      s.addEventListener("change", run);
      label.appendChild(s);
      row.appendChild(label);
    });
  }

  function filters() {
    var out = {};
    selects().forEach(function (s) { if (s.value) out[s.getAttribute("data-filter")] = s.value; });
    return out;
  }

  function loadFilters() {
    // counts per article: the records only (each article is also indexed as its page, in the
    // full-text shards). pf.filters() loads every filter's index, which the scoped search then counts in.
    Promise.all([load(), loadSettings()]).then(function (v) {
      var pf = v[0], k = v[1], only = {};
      only[k.scope.filter] = k.scope.record;
      return pf.filters().then(function () { return pf.search(null, { filters: only }); });
    }).then(function (res) {
      var all = res.filters || {};
      selects().forEach(function (s) {
        if (s.options.length > 1) return;
        var key = s.getAttribute("data-filter"), counts = all[key] || {};
        core.filterNames(counts, key).forEach(function (n) {
          var o = document.createElement("option");
          o.value = n;
          o.textContent = n + "（" + counts[n] + "）";
          s.appendChild(o);
        });
      });
    });
  }

  // ------------------------------------------------------------------ results

  // A partial-match heading and the results holding only part of the query, once no
  // whole-string match is left (or the batch's budget of fragments is spent: 更多结果
  // goes on looking).
  function flushPartial(c, k) {
    if (!c.partial.length) return 0;
    var head = document.createElement("li");
    head.className = "ja-search-partial-head";
    head.setAttribute("role", "presentation");
    head.textContent = "以下结果只含检索词的一部分";
    list.appendChild(head);
    c.partial.forEach(function (d) { list.insertAdjacentHTML("beforeend", core.resultHtml(d, true, "ja-search-opt-" + (++optionSeq), k)); });
    var n = c.partial.length;
    c.partial = [];
    return n;
  }

  // Appends up to `want` results (core.nextBatch, core.accept). Each result gets its slot at
  // once and is drawn when its fragment arrives (rank order on screen).
  function take(c, k, want, mine, budget) {
    if (budget === undefined) budget = core.BUDGET;
    var batch = core.nextBatch(c, want);
    if (!batch) {
      var flushed = c.text ? flushPartial(c, k) : 0;
      c.shown += flushed;
      return Promise.resolve(flushed);
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
        if (core.accept(c, d, k) !== "whole") { slots[i].remove(); return 0; }
        slots[i].outerHTML = core.resultHtml(d, false, "ja-search-opt-" + (++optionSeq), k, c.whole || c.q);
        return 1;
      });
    })).then(function (drawn) {
      var n = drawn.reduce(function (a, b) { return a + b; }, 0);
      c.shown += n;
      budget -= batch.length;
      if (mine !== seq || n >= want || budget <= 0) return n;
      return take(c, k, want - n, mine, budget).then(function (m) { return n + m; });
    });
  }

  function showMore(c, k, mine) {
    more.hidden = true;
    // past the catalogue matches of a large archive: now search the full text (see run)
    var before = c.later && c.ri >= c.records.length ? searchText(c, mine) : Promise.resolve();
    return before.then(function () {
      if (mine !== seq) return;
      return take(c, k, c.shown ? core.PAGE : core.FIRST, mine);
    }).then(function () {
      if (mine !== seq) return;
      more.hidden = !(c.text || c.later) || !core.hasMore(c);
      if (c.text) summary(c);
    });
  }

  // The full-text search of the listed query: its matches follow the record matches.
  function searchText(c, mine) {
    c.later = false;
    meta.textContent = "正在检索全文…";
    return textIndex().then(function (tf) { return tf.search(c.q || null, c.scoped(c.settings.scope.text)); }).then(function (full) {
      if (mine !== seq || !full) return;
      c.text = core.textResults(c, full);
      meta.textContent = core.foundText(c);
    });
  }

  function summary(c) {
    var text = core.summaryText(c);
    if (text) meta.textContent = text;
  }

  // Listed when the query's search is over (or was superseded: then the newer one says).
  function done(mine) { if (mine === seq) busy(false); }

  function run() {
    var mine = ++seq;
    var raw = input.value.trim();
    var f = filters();
    busy(true);
    if (!raw && !Object.keys(f).length) {
      list.innerHTML = "";
      more.hidden = true;
      meta.textContent = initial;
      busy(false);
      return Promise.resolve();
    }
    return Promise.all([load(), loadSettings(), bundles()]).then(function (v) {
      var pf = v[0], k = v[1], q = core.simplify(raw, k.t2s);
      // With separate full-text shards, the record and text bundles need no scope filter (its
      // chunks would cost a fetch per bundle): the text instance's one record bundle, its
      // primary, gives exactly the record matches again, which are dropped by id.
      var split = !!(v[2].text && v[2].text.length);
      var scoped = function (scope) {
        var o = {};
        if (!split) o[k.scope.filter] = scope;
        for (var key in f) o[key] = f[key];
        return { filters: o };
      };
      return pf.search(q ? core.recordQuery(q, k) : null, scoped(k.scope.record)).then(function (res) {
        if (mine !== seq || !res) return;
        var c = current = core.results(res.results, { whole: core.wholeQuery(q), note: core.searchedAs(raw, q), q: q,
          split: split, here: location.href, textAfter: v[2].text_after || k.textAfter });
        c.scoped = scoped;
        c.settings = k;
        list.innerHTML = "";
        more.hidden = true;
        meta.textContent = core.recordsText(c);
        // the record matches' fragments first: the full-text search would hold up the worker
        return showMore(c, k, mine).then(function () {
          if (mine !== seq) return;
          if (c.later) {
            meta.textContent = core.laterText(c);
            more.hidden = false;
            return;
          }
          return searchText(c, mine).then(function () {
            if (mine !== seq || !c.text) return;
            return (c.shown < core.FIRST ? take(c, k, core.FIRST - c.shown, mine) : Promise.resolve()).then(function () {
              if (mine !== seq) return;
              more.hidden = !core.hasMore(c);
              summary(c);
            });
          });
        });
      });
    }).then(function () { done(mine); }, function () { done(mine); });
  }

  // What is hidden is inert: the results panel while the overlay is closed; on a phone, the box too.
  function sync() {
    var shut = !!toggle && !toggle.checked;
    output.inert = shut;
    if (inner) inner.inert = shut && phone.matches;
  }

  function open() {
    if (toggle && !toggle.checked) toggle.checked = true;
    sync();
    load();
    input.focus();
  }

  function close(refocus) {
    if (toggle) toggle.checked = false;
    sync();
    if (!refocus) return;
    if (phone.matches && opener) opener.focus();
    else input.focus();
  }

  // Warm up before the first query (see the header comment).
  function early() { load(); }
  if (!core.frugal(navigator.connection)) {
    var idle = function () {
      if (window.requestIdleCallback) window.requestIdleCallback(early, { timeout: 3000 });
      else setTimeout(early, 200);
    };
    if (document.readyState === "complete") idle();
    else window.addEventListener("load", idle, { once: true });
  }
  [root].concat(Array.prototype.slice.call(document.querySelectorAll('label[for="__search"], [data-ja-search-open]'))).forEach(function (el) {
    el.addEventListener("pointerenter", early, { once: true, passive: true });
    el.addEventListener("touchstart", early, { once: true, passive: true });
  });
  input.addEventListener("focus", function () { if (toggle) toggle.checked = true; sync(); load(); });
  // typing in the box (focus kept there after Escape) opens the overlay again
  input.addEventListener("input", function () { if (toggle && !toggle.checked) { toggle.checked = true; sync(); } });
  // While an input method composes (typing 上海 as s-h-a-n-g-h-a-i), the box holds pinyin:
  // search once the characters are committed, not for every letter.
  input.addEventListener("input", function (e) { if (!e.isComposing) run(); });
  input.addEventListener("compositionend", function () { run(); });
  root.querySelector("form").addEventListener("reset", function () { setTimeout(run, 0); });
  if (toggle) toggle.addEventListener("change", function () { sync(); if (toggle.checked) { load(); input.focus(); } });
  if (opener) opener.addEventListener("click", open);
  if (phone.addEventListener) phone.addEventListener("change", sync);
  sync();
  panel.addEventListener("toggle", function () { if (panel.open) loadFilters(); });
  more.addEventListener("click", function () {
    var c = current, mine = seq;
    if (!c) return;
    busy(true);  // until the whole batch is on screen
    showMore(c, c.settings, mine).then(function () { done(mine); }, function () { done(mine); });
  });
  document.addEventListener("keydown", function (e) {
    var t = e.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === "/" || e.key === "s" || e.key === "f")) {
      e.preventDefault();
      open();
    } else if (e.key === "Escape" && toggle && toggle.checked) {
      close(root.contains(document.activeElement) || document.activeElement === document.body);
    }
  });
})();
