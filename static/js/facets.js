// Find-as-you-type for the facets of /practices/ (progressive enhancement).
//
// Without this script each long facet has a "Show all" link and, once shown whole, a find field
// submitted as a form. With it, each long facet also gets a find field at once, which asks the API
// for the facet's values matching the words typed (with the page's filters) and lists them in
// place, keeping what the reader has ticked. The number found is announced to screen readers.
(function () {
  "use strict";
  var form = document.getElementById("practice-filters");
  if (!form || !form.dataset.facetsApi || !window.fetch) return;
  var api = form.dataset.facetsApi;

  function optionItem(name, index, option, checked) {
    var item = document.createElement("li");
    if (!option.count && !checked) item.className = "zero";
    var id = "facet-" + name + "-found-" + index;
    var box = document.createElement("input");
    box.type = "checkbox";
    box.id = id;
    box.name = name;
    box.value = String(option.value);
    box.checked = checked;
    var label = document.createElement("label");
    label.htmlFor = id;
    label.appendChild(document.createTextNode(option.label + " "));
    var count = document.createElement("span");
    count.className = "count";
    count.textContent = String(option.count);
    label.appendChild(count);
    item.appendChild(box);
    item.appendChild(label);
    return item;
  }

  function enhance(fieldset) {
    var name = fieldset.dataset.facet;
    var list = fieldset.querySelector("ul");
    var original = list.cloneNode(true);
    var field = document.createElement("p");
    field.className = "facet-find";
    var label = document.createElement("label");
    label.htmlFor = "facet-find-" + name;
    label.textContent = fieldset.dataset.findLabel;
    var input = document.createElement("input");
    input.type = "search";
    input.id = "facet-find-" + name;
    input.autocomplete = "off";
    // No name: typing finds values, it is not a filter the form would submit.
    field.appendChild(label);
    field.appendChild(input);
    fieldset.insertBefore(field, list);
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    fieldset.appendChild(status);
    var timer = null;
    var latest = 0;

    function ticked() {
      var values = {};
      fieldset.querySelectorAll('input[type="checkbox"]:checked').forEach(function (box) {
        values[box.value] = true;
      });
      return values;
    }

    function show(words) {
      var asked = ++latest;
      var checked = ticked();
      if (!words) {
        var restored = original.cloneNode(true);
        restored.querySelectorAll('input[type="checkbox"]').forEach(function (box) {
          box.checked = !!checked[box.value];
        });
        list.replaceWith(restored);
        list = restored;
        status.textContent = "";
        return;
      }
      var url = api + (api.indexOf("?") < 0 ? "?" : "&") + "facet=" + encodeURIComponent(name) +
        "&facet_limit=50&facet_search=" + encodeURIComponent(words);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (doc) {
          if (!doc || asked !== latest) return;
          var found = document.createElement("ul");
          (doc[name] || []).forEach(function (option, index) {
            found.appendChild(optionItem(name, index, option, !!checked[String(option.value)]));
          });
          list.replaceWith(found);
          list = found;
          status.textContent = (fieldset.dataset.foundLabel || "").replace("{count}", String((doc.total_options || {})[name] || 0));
        })
        .catch(function () { /* the plain links and form still work */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var words = input.value.trim();
      timer = window.setTimeout(function () { show(words); }, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();  // typing finds; Apply filters submits
    });
  }

  form.querySelectorAll("fieldset[data-findable]").forEach(enhance);
})();
