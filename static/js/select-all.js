// A header checkbox <input data-select-all="NAME"> ticks or clears every checkbox named NAME in its form.
// Static file, no inline script (CSP).
(function () {
  "use strict";
  document.querySelectorAll("input[data-select-all]").forEach(function (master) {
    var name = master.getAttribute("data-select-all");
    master.addEventListener("change", function () {
      master.form.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (box) {
        box.checked = master.checked;
      });
    });
  });
})();
