// Suggestions while typing in a search box (progressive enhancement), for the search boxes of the
// home page and of /practices/: the WAI-ARIA 1.2 combobox pattern with a listbox popup, fed by
// GET /api/v1/practices/suggest/?q=.
//
// Without this script a search box is a plain field of its form. With it, typing asks the API
// (debounced; a newer question aborts the one still under way) and lists up to eight suggestions
// under the field. ArrowDown and ArrowUp move through them (the field keeps the focus and points at
// the chosen one with aria-activedescendant), Enter on a chosen suggestion opens its page, Enter
// with none chosen submits the form as before, Escape closes the list and, pressed again, clears the
// field. A polite status tells screen readers how many suggestions there are.
//
// Every string shown comes from the template, translated: data-suggest-* and data-kind-* attributes
// of the field (see templates/includes/_suggest_attributes.html).
(function () {
  "use strict";
  if (!window.fetch || !window.AbortController) return;
  var DELAY_MS = 150;

  function enhance(input) {
    var api = input.dataset.suggestApi;
    var language = input.dataset.suggestLanguage || "";
    var listId = input.id + "-suggestions";

    var box = document.createElement("div");
    box.className = "suggest";
    input.parentNode.insertBefore(box, input);
    box.appendChild(input);
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.dataset.suggestLabel || "");
    list.hidden = true;
    box.appendChild(list);
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    box.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    var results = [];
    var active = -1;
    var timer = null;
    var pending = null;

    function isOpen() {
      return !list.hidden;
    }

    function setActive(index) {
      active = index;
      var options = list.children;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      if (!results.length) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      setActive(-1);
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function announce(count) {
      var data = input.dataset;
      if (count === 0) status.textContent = data.suggestNone || "";
      else if (count === 1) status.textContent = data.suggestOne || "";
      else status.textContent = (data.suggestMany || "").replace("{count}", String(count));
    }

    function go(result) {
      window.location.assign(result.url);
    }

    function option(result, index) {
      var item = document.createElement("li");
      item.id = listId + "-" + index;
      item.className = "suggest-option";
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      var label = document.createElement("span");
      label.className = "suggest-label";
      label.textContent = result.label;
      var kind = document.createElement("span");
      kind.className = "suggest-kind";
      kind.textContent = input.getAttribute("data-kind-" + String(result.kind).replace(/_/g, "-")) || "";
      item.appendChild(label);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(kind);
      // The field keeps the focus (and its activedescendant) when an option is pressed.
      item.addEventListener("mousedown", function (event) { event.preventDefault(); });
      item.addEventListener("click", function () { go(result); });
      return item;
    }

    function show(found) {
      results = found;
      list.textContent = "";
      found.forEach(function (result, index) { list.appendChild(option(result, index)); });
      setActive(-1);
      if (found.length) open();
      else close();
      announce(found.length);
    }

    function clear() {
      window.clearTimeout(timer);
      if (pending) pending.abort();
      pending = null;
      results = [];
      list.textContent = "";
      close();
      status.textContent = "";
    }

    function ask(text) {
      if (pending) pending.abort();
      if (!text) {
        clear();
        return;
      }
      var asking = (pending = new AbortController());
      var url = api + "?q=" + encodeURIComponent(text) + (language ? "&language=" + encodeURIComponent(language) : "");
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", signal: asking.signal })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (doc) {
          if (!doc || asking !== pending) return;
          pending = null;
          show(doc.results || []);
        })
        .catch(function () { /* aborted, or offline: the plain form still works */ });
    }

    input.addEventListener("input", function () {
      setActive(-1);
      window.clearTimeout(timer);
      var text = input.value.trim();
      if (!text) {
        clear();
        return;
      }
      timer = window.setTimeout(function () { ask(text); }, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var count = results.length;
      switch (event.key) {
        case "ArrowDown":
          if (!count) return;
          event.preventDefault();
          if (!isOpen()) {
            open();
            setActive(0);
          } else {
            setActive(active + 1 < count ? active + 1 : 0);
          }
          break;
        case "ArrowUp":
          if (!count) return;
          event.preventDefault();
          if (!isOpen()) {
            open();
            setActive(count - 1);
          } else {
            setActive(active > 0 ? active - 1 : count - 1);
          }
          break;
        case "Enter":
          if (isOpen() && active >= 0) {
            event.preventDefault();
            go(results[active]);
          }
          // Otherwise the form is submitted, as without this script.
          break;
        case "Escape":
          if (isOpen()) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            clear();
          }
          break;
        case "ArrowLeft":
        case "ArrowRight":
        case "Home":
        case "End":
          setActive(-1);  // the caret moves in the field again
          break;
        case "Tab":
          close();
          break;
      }
    });

    input.addEventListener("blur", close);
  }

  document.querySelectorAll("input[data-suggest-api][id]").forEach(enhance);
})();
