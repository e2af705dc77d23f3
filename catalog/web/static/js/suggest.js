// As-you-type suggestions for the search box: an ARIA 1.2 combobox with a listbox popup.
// Arrows move, Enter takes the highlighted suggestion (or submits what was typed), Esc closes.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("q-suggestions");
  if (!input || !list) return;
  var form = input.form;
  var labels = JSON.parse(input.dataset.typeLabels || "{}");
  var options = [];
  var active = -1;
  var timer = null;
  var latest = 0;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    options.forEach(function (option, i) {
      option.el.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].el.id);
      options[index].el.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function resourceUrl(id) {
    var parts = id.split(":");
    return input.dataset.resourceUrl.replace("PROVINCE", encodeURIComponent(parts[0]))
      .replace("RESOURCE", encodeURIComponent(parts.slice(1).join(":")));
  }

  function choose(index) {
    var suggestion = options[index].data;
    if (suggestion.id) {
      window.location.assign(resourceUrl(suggestion.id));
      return;
    }
    input.value = suggestion.text;
    close();
    form.submit();
  }

  function render(suggestions) {
    list.textContent = "";
    options = suggestions.map(function (suggestion, i) {
      var el = document.createElement("li");
      el.id = "q-suggestion-" + i;
      el.setAttribute("role", "option");
      el.setAttribute("aria-selected", "false");
      var text = document.createElement("span");
      text.className = "suggestion-text";
      text.textContent = suggestion.text;
      el.appendChild(text);
      if (suggestion.id && labels[suggestion.type]) {
        var kind = document.createElement("span");
        kind.className = "suggestion-type";
        kind.textContent = labels[suggestion.type];
        el.appendChild(kind);
      }
      el.addEventListener("mousedown", function (event) { event.preventDefault(); });
      el.addEventListener("click", function () { choose(i); });
      list.appendChild(el);
      return { el: el, data: suggestion };
    });
    active = -1;
    if (options.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    } else {
      close();
    }
  }

  function fetchSuggestions() {
    var text = input.value.trim();
    var ticket = ++latest;
    if (!text) { render([]); return; }
    fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(text.slice(0, 60)), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (body) { if (ticket === latest) render(body.suggestions || []); })
      .catch(function () { if (ticket === latest) render([]); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 120);
  });

  input.addEventListener("keydown", function (event) {
    var open = !list.hidden && options.length > 0;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) { fetchSuggestions(); return; }
      highlight(active + 1 >= options.length ? 0 : active + 1);
    } else if (event.key === "ArrowUp") {
      if (!open) return;
      event.preventDefault();
      highlight(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === "Enter") {
      if (open && active >= 0) {
        event.preventDefault();
        choose(active);
      }
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        close();
      } else if (input.value) {
        input.value = "";
      }
    }
  });

  input.addEventListener("blur", function () { setTimeout(close, 100); });
})();
