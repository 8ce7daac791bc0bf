// The page behaviour of the whole site, in one static file: the Content-Security-Policy allows no inline
// script and no on*= handler attribute, so templates mark elements with data attributes instead.
(function () {
  "use strict";

  // <select data-autosubmit>: choosing an option submits its form (language switcher, year pickers).
  document.querySelectorAll("[data-autosubmit]").forEach(function (element) {
    element.addEventListener("change", function () {
      element.form.submit();
    });
  });

  // <a data-history-back>: back to the previous page, like the browser's button.
  document.querySelectorAll("[data-history-back]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (window.history.length > 1) {
        event.preventDefault();
        window.history.back();
      }
    });
  });

  // Bootstrap popovers (the screening table's value, data year and source on hover).
  if (window.bootstrap) {
    document.querySelectorAll('[data-bs-toggle="popover"]').forEach(function (element) {
      new window.bootstrap.Popover(element);
    });
  }

  // Scoring forms on a poor connection: keep the button from being pressed twice, and let it be pressed
  // again after a while when the network failed (the form stays filled in; pressing again resends it).
  document.querySelectorAll("form.scoring-form").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        setTimeout(function () { button.disabled = true; }, 0);
        setTimeout(function () { button.disabled = false; }, 15000);
      });
    });
  });
})();
