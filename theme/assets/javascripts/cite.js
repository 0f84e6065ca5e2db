/* "How to cite" (theme/partials/how-to-cite.html): the online form's access date, rendered
 * at build time, becomes the reader's today; the copy button copies the entry as shown. */
document.querySelectorAll(".ja-cite-text[data-accessed]").forEach(function (p) {
  var d = new Date(), pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var today = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  var from = "[" + p.dataset.accessed + "]", to = "[" + today + "]";
  p.innerHTML = p.innerHTML.split(from).join(to);
  p.dataset.accessed = today;
});
