// Suggestions as you type for search fields marked with data-autocomplete-url. Progressive
// enhancement only: without this file the field is a plain search form. The field becomes an ARIA
// combobox; arrow keys move through the list, Enter opens the chosen suggestion, Escape closes it.
(function () {
  "use strict";

  // Texts come from Django's JavaScript catalogue (loaded before this file), in the page's language.
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (singular, plural, count) { return count === 1 ? singular : plural; };
  var interpolate = window.interpolate || function (text, values) { return text.replace("%s", values[0]); };

  function setup(input) {
    var url = input.getAttribute("data-autocomplete-url");
    var list = document.createElement("ul");
    var listId = input.id + "-forslag";
    var status = document.createElement("div");
    var timer = null;
    var active = -1;
    var items = [];
    var latest = 0;

    list.id = listId;
    list.className = "autocomplete-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", gettext("Forslag"));
    list.hidden = true;
    status.className = "sr-only";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      items.forEach(function (item, i) {
        item.element.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", items[index].element.id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(suggestions) {
      list.textContent = "";
      items = suggestions.map(function (suggestion, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = suggestion.label;
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.href = suggestion.url;
        });
        list.appendChild(li);
        return { element: li, url: suggestion.url };
      });
      status.textContent = items.length
        ? interpolate(
            ngettext(
              "%s forslag. Brug pil op og ned for at vælge.",
              "%s forslag. Brug pil op og ned for at vælge.",
              items.length
            ),
            [items.length]
          )
        : "";
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      active = -1;
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      if (text.length < 2) {
        show([]);
        return;
      }
      var request = ++latest;
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          if (request === latest) {
            show(data.suggestions || []);
          }
        })
        .catch(function () { show([]); });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) {
        return;
      }
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % items.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = items[active].url;
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-autocomplete-url]").forEach(setup);
  });
})();
