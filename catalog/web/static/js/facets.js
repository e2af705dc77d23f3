// Ticking a facet value runs the search at once; without JavaScript the Apply button does it.
(function () {
  "use strict";
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.classList.add("autosubmit");
    form.addEventListener("change", function (event) {
      if (event.target.matches("input[type=checkbox]")) form.submit();
    });
  });
  // Back and Forward may restore the page with the boxes as they were last clicked; the URL,
  // and so the results, are those of the server's rendering, so the boxes must match it.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-autosubmit] input[type=checkbox]").forEach(function (box) {
      box.checked = box.defaultChecked;
    });
  });
})();
