// Ticking a facet value runs the search at once; without JavaScript the Apply button does it.
(function () {
  "use strict";
  // The page reloads with the filter: focus goes back to the box that was ticked, not the page's top.
  var TICKED = "catalog.tickedFacet";
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.classList.add("autosubmit");
    form.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.matches("input[type=checkbox]")) return;
      try {
        sessionStorage.setItem(TICKED, JSON.stringify({ name: box.name, value: box.value }));
      } catch (ignored) { /* storage off: the reload starts at the top, as without this */ }
      form.submit();
    });
  });
  function refocus() {
    var ticked;
    try {
      ticked = JSON.parse(sessionStorage.getItem(TICKED) || "null");
      sessionStorage.removeItem(TICKED);
    } catch (ignored) { return; }
    if (!ticked) return;
    var boxes = document.querySelectorAll("form[data-autosubmit] input[type=checkbox]");
    var box = Array.prototype.find.call(boxes, function (b) { return b.name === ticked.name && b.value === ticked.value; });
    // An unticked value may leave the list (no results with it): the filters themselves get focus.
    var target = box || document.getElementById("facets");
    if (target) target.focus();
  }
  refocus();
  // Back and Forward may restore the page with the boxes as they were last clicked; the URL,
  // and so the results, are those of the server's rendering, so the boxes must match it.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-autosubmit] input[type=checkbox]").forEach(function (box) {
      box.checked = box.defaultChecked;
    });
  });
})();
