/*
 * Keyboard for the header search box (theme/partials/search.html), after the WAI-ARIA
 * combobox pattern with a listbox popup: focus stays in the box; ArrowDown / ArrowUp
 * move through the results (aria-activedescendant, aria-selected), Enter opens the
 * chosen result (the first when none is chosen), Escape closes the overlay (search.js returns
 * focus to the box), and focus
 * leaving the box (Tab, Shift+Tab) closes it too, so focus never walks the page behind
 * the overlay. search.js draws the results as [role=option] links.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-ja-search]");
  if (!root) return;
  var toggle = document.getElementById("__search");
  var input = root.querySelector("[data-ja-search-input]");
  var list = root.querySelector("[data-ja-search-results]");
  var chosen = null;  // the chosen option element, or null

  function options() { return Array.prototype.slice.call(list.querySelectorAll('[role="option"]')); }

  function choose(el) {
    if (chosen) chosen.setAttribute("aria-selected", "false");
    chosen = el || null;
    if (!chosen) { input.removeAttribute("aria-activedescendant"); return; }
    chosen.setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", chosen.id);
    chosen.scrollIntoView({ block: "nearest" });
  }

  function expanded(open) {
    input.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) choose(null);
  }

  function close() {
    if (toggle) toggle.checked = false;
    toggle && toggle.dispatchEvent(new Event("change"));  // search.js makes the closed panel inert
    expanded(false);
  }

  // a new query redraws the list: a chosen option that is gone is no longer chosen
  new MutationObserver(function () {
    if (chosen && !list.contains(chosen)) choose(null);
  }).observe(list, { childList: true });

  input.addEventListener("focus", function () { expanded(true); });
  if (toggle) toggle.addEventListener("change", function () { expanded(toggle.checked); });

  input.addEventListener("keydown", function (e) {
    if (e.isComposing) return;
    var opts = options();
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      var i = opts.indexOf(chosen) + (e.key === "ArrowDown" ? 1 : -1);
      choose(i < 0 ? null : opts[Math.min(i, opts.length - 1)]);
    } else if (e.key === "Enter") {
      var target = chosen || opts[0];
      if (target) { e.preventDefault(); location.href = target.href; }
    }
  });
  // search.js unchecks the overlay's toggle on Escape (and leaves the box)
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") expanded(false); });

  // Tab (or a click) taking focus to something outside the box closes it
  root.addEventListener("focusout", function (e) {
    if (e.relatedTarget && !root.contains(e.relatedTarget) && toggle && toggle.checked) close();
  });
})();
