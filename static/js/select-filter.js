// A search box above every <select data-filter>: typing narrows the options to those containing the text
// (case-insensitive); the chosen option always stays. Static file, no inline script (CSP).
(function () {
  "use strict";
  function attach(select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "form-control form-control-sm mb-1";
    box.placeholder = select.getAttribute("data-filter") || "";
    box.setAttribute("aria-label", select.getAttribute("data-filter") || "");
    box.setAttribute("aria-controls", select.id);
    box.setAttribute("data-testid", "filter-" + select.name);
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", function () {
      var text = box.value.trim().toLowerCase();
      var first = null;
      Array.prototype.forEach.call(select.options, function (option) {
        var match = !text || option.value === "" || option.text.toLowerCase().indexOf(text) !== -1;
        option.hidden = !match && !option.selected;
        if (match && option.value !== "" && first === null) { first = option; }
      });
      if (text && first !== null && (select.value === "" || select.selectedOptions[0].hidden)) {
        first.selected = true;
      }
    });
  }
  document.querySelectorAll("select[data-filter]").forEach(attach);
})();
