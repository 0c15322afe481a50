// Searchable people pickers: each select[data-app-picker] becomes an accessible-autocomplete
// field. The select stays in the form (hidden) and carries the value, so the server sees the
// same field with or without JavaScript. Loaded as a file: no inline script (CSP).
(function () {
  "use strict";
  var autocomplete = window.accessibleAutocomplete;
  // Marks the page as settled (enhanced, or left plain without the library), so that scripts
  // driving it, such as the browser tests, know which kind of field they will find.
  function settled() { document.documentElement.setAttribute("data-pickers", autocomplete ? "on" : "off"); }
  if (!autocomplete || !document.querySelector) { settled(); return; }

  // The library renders suggestions as HTML: names are text, so they are escaped here.
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function optionsOf(select) {
    return Array.prototype.filter.call(select.options, function (option) {
      return option.value !== "";
    });
  }

  function labelOf(option) {
    var group = option.parentNode && option.parentNode.tagName === "OPTGROUP" ? option.parentNode.label : "";
    return group ? option.text + " – " + group : option.text;
  }

  function enhanceOne(select) {
    var options = optionsOf(select);
    var labels = options.map(labelOf);
    var selected = options.filter(function (o) { return o.selected; })[0];
    var container = document.createElement("div");
    select.parentNode.insertBefore(container, select);
    var id = select.id;
    select.id = id + "-select";
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    var empty = Array.prototype.filter.call(select.options, function (o) { return o.value === ""; })[0];
    autocomplete({
      element: container,
      id: id,
      name: "",
      source: function (query, populate) {
        var q = query.toLowerCase();
        populate(labels.filter(function (l) { return l.toLowerCase().indexOf(q) !== -1; }));
      },
      defaultValue: selected ? labelOf(selected) : "",
      showAllValues: true,
      displayMenu: "overlay",
      dropdownArrow: function () { return ""; },
      placeholder: empty ? empty.text : "",
      tNoResults: function () { return "Nobody of that name"; },
      onConfirm: function (label) {
        var index = labels.indexOf(label);
        if (index !== -1) options[index].selected = true;
      },
      templates: {
        inputValue: function (label) { return label || ""; },
        suggestion: escapeHtml
      }
    });
    var input = document.getElementById(id);
    if (input) {
      input.addEventListener("change", function () {
        if (input.value.trim() === "") select.value = "";
      });
      input.addEventListener("blur", function () {
        if (input.value.trim() === "") select.value = "";
      });
    }
  }

  function enhanceMany(select) {
    var options = optionsOf(select);
    var labels = options.map(labelOf);
    var wrapper = document.createElement("div");
    var searchHolder = document.createElement("div");
    var chosen = document.createElement("ul");
    chosen.className = "govuk-list app-picker__chosen";
    chosen.setAttribute("aria-live", "polite");
    wrapper.appendChild(searchHolder);
    wrapper.appendChild(chosen);
    select.parentNode.insertBefore(wrapper, select);
    var id = select.id;
    select.id = id + "-select";
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;

    function render() {
      chosen.textContent = "";
      options.forEach(function (option, index) {
        if (!option.selected) return;
        var item = document.createElement("li");
        var name = document.createElement("span");
        name.textContent = labels[index];
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "govuk-button govuk-button--secondary govuk-!-margin-bottom-0";
        remove.textContent = "Remove";
        var hidden = document.createElement("span");
        hidden.className = "govuk-visually-hidden";
        hidden.textContent = " " + labels[index];
        remove.appendChild(hidden);
        remove.addEventListener("click", function () {
          option.selected = false;
          render();
          var input = document.getElementById(id);
          if (input) input.focus();
        });
        item.appendChild(name);
        item.appendChild(remove);
        chosen.appendChild(item);
      });
    }

    autocomplete({
      element: searchHolder,
      id: id,
      name: "",
      source: function (query, populate) {
        var q = query.toLowerCase();
        populate(labels.filter(function (l, index) {
          return !options[index].selected && l.toLowerCase().indexOf(q) !== -1;
        }));
      },
      showAllValues: true,
      displayMenu: "overlay",
      dropdownArrow: function () { return ""; },
      confirmOnBlur: false,
      tNoResults: function () { return "Nobody of that name"; },
      onConfirm: function (label) {
        var index = labels.indexOf(label);
        if (index === -1) return;
        options[index].selected = true;
        render();
      },
      // After a choice the field empties, ready for the next name; the chosen list shows it.
      templates: {
        inputValue: function () { return ""; },
        suggestion: escapeHtml
      }
    });
    render();
  }

  function start() {
    document.querySelectorAll("select[data-app-picker]").forEach(function (select) {
      if (select.getAttribute("data-app-picker") === "many") enhanceMany(select);
      else enhanceOne(select);
    });
    settled();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
