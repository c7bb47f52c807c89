/* Trivselsdialog: the little behaviour every page shares, kept out of the markup so the
 * Content-Security-Policy can forbid inline script and handlers (docs/decisions.md).
 * - [data-print]: a button that prints the page.
 * - form[data-focus-after="id"]: after its htmx request, focus moves to that element (the
 *   answer's heading, so a screen reader reads what came back).
 * - form[data-reset-on-success]: emptied after a successful htmx request.
 * - [data-depth]: indentation of a tree row (a custom property; no inline style).
 */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target.closest && event.target.closest("form");
    if (!form) return;
    if (form.dataset.focusAfter) {
      var target = document.getElementById(form.dataset.focusAfter);
      if (target) target.focus();
    }
    if (form.hasAttribute("data-reset-on-success") && event.detail.successful) form.reset();
  });
  function setDepths(root) {
    (root || document).querySelectorAll("[data-depth]").forEach(function (el) {
      el.style.setProperty("--depth", el.dataset.depth);
    });
  }
  setDepths();
  document.addEventListener("htmx:afterSwap", function (event) { setDepths(event.target); });
})();
