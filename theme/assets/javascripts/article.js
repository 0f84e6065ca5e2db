/*
 * Article page (theme/article.html):
 * - 展开 / 收起 a long abstract (archive.css shows its first lines);
 * - 引用本文 citing one printed page: the GB/T 7714 entries print the article's page range
 *   once (2025(6): 22-41.; 2025（6）：22-41.); the page chosen in 引用页码 takes its place (2025(6): 37.), and
 *   the online form's address gets the page's anchor (#p37). The page is chosen in the list,
 *   by an address ending in #p37 (the 页码 menu, a shared link), or by selecting text in the
 *   article: the page (or pages, 37-38) the selection stands on.
 * The pages are those whose start the text proves (<span class="ja-page" data-page>,
 * generator/transforms/pages.py); cite.js (the access date) runs before this script.
 */
(function () {
  "use strict";

  document.querySelectorAll(".ja-more").forEach(function (button) {
    var box = document.getElementById(button.getAttribute("aria-controls"));
    if (!box) return;
    // short enough to show whole: no 展开 (measured once laid out, never forcing a layout)
    if (window.ResizeObserver) {
      var seen = new ResizeObserver(function () {
        seen.disconnect();
        if (box.classList.contains("ja-clamp") && box.scrollHeight <= box.clientHeight + 1) {
          box.classList.remove("ja-clamp");
          button.hidden = true;
        }
      });
      seen.observe(box);
    }
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      box.classList.toggle("is-open", open);
      button.textContent = open ? "收起" : "展开";
    });
  });

  var pick = document.getElementById("ja-cite-page");
  var body = document.querySelector(".ja-body");
  if (!pick || !body) return;
  var range = pick.getAttribute("data-range"), url = pick.getAttribute("data-url");
  var entries = Array.prototype.slice.call(document.querySelectorAll(
    '.ja-cite-text[data-cite-form="printed"], .ja-cite-text[data-cite-form="online"]'));
  var shown = entries.map(function (p) { return p.innerHTML; });
  // the range follows the issue after a colon (GB/T 7714-2015 ": 22-41", 2025 "：22-41"); only an
  // entry that prints it exactly once is changed (never a guess)
  var at = shown.map(function (html) {
    return [": ", "："].filter(function (sep) { return html.split(sep + range).length === 2; })[0] || null;
  });
  var marks = Array.prototype.slice.call(body.querySelectorAll(".ja-page[data-page]"));
  var extra = null;  // an option for a span of pages (a selection across a page break)

  function cite(pages) {
    entries.forEach(function (p, i) {
      if (!at[i]) return;
      var html = shown[i];
      if (pages) {
        html = html.replace(at[i] + range, at[i] + pages);
        if (url && p.getAttribute("data-cite-form") === "online") html = html.split(url).join(url + "#p" + pages.split("-")[0]);
      }
      p.innerHTML = html;
    });
  }

  function choose(pages) {
    if (extra) { extra.remove(); extra = null; }
    if (pages && !Array.prototype.some.call(pick.options, function (o) { return o.value === pages; })) {
      extra = new Option("第 " + pages.replace("-", "–") + " 页（所选文字）", pages);
      pick.add(extra);
    }
    pick.value = pages || "";
    cite(pick.value);
  }

  function fromAddress() {
    var m = /^#p(\d+)$/.exec(location.hash);
    if (m && marks.some(function (s) { return s.getAttribute("data-page") === m[1]; })) choose(m[1]);
  }

  // the page a point of the text stands on: the last page start at or before it
  function pageAt(node, offset) {
    var page = null, r = document.createRange();
    r.setStart(node, offset);
    for (var i = 0; i < marks.length; i++) {
      if (r.comparePoint(marks[i], 0) > 0) break;
      page = marks[i].getAttribute("data-page");
    }
    return page;
  }

  document.addEventListener("selectionchange", function () {
    var s = document.getSelection();
    if (!s || s.isCollapsed || !s.rangeCount) return;
    var r = s.getRangeAt(0), notes = body.querySelector(".footnote");
    if (!body.contains(r.startContainer) || (notes && notes.contains(r.startContainer))) return;
    var first = pageAt(r.startContainer, r.startOffset), last = pageAt(r.endContainer, r.endOffset);
    if (first) choose(last && last !== first ? first + "-" + last : first);
  });
  pick.addEventListener("change", function () { choose(pick.value); });
  window.addEventListener("hashchange", fromAddress);
  fromAddress();
  pick.parentNode.hidden = false;
})();
