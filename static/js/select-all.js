// A header checkbox <input data-select-all="NAME"> ticks or clears every checkbox named NAME in its form.
// Static file, no inline script (CSP).
(function () {
  "use strict";
  document.querySelectorAll("input[data-select-all]").forEach(function (master) {
    var name = master.getAttribute("data-select-all");
    function apply() {
      master.form.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (box) {
        box.checked = master.checked;
      });
    }
    master.addEventListener("change", apply);
    // Ticked before this script ran (a quick click on a slow connection): act on it now.
    if (master.checked) {
      apply();
    }
  });
})();
