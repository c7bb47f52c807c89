/* Trivselsdialog: the little behaviour every page shares, kept out of the markup so the
 * Content-Security-Policy can forbid inline script and handlers (docs/decisions.md).
 * - [data-print]: a button that prints the page.
 * - form[data-focus-after="id"]: after its htmx request, focus moves to that element (the
 *   answer's heading, so a screen reader reads what came back).
 * - form[data-reset-on-success]: emptied after a successful htmx request.
 * - [data-depth]: indentation of a tree row (a custom property; no inline style).
 * - textarea[data-max-length]: counts the characters as they are typed and holds back a form
 *   whose text is too long, with the reason: a text is never cut silently. The count goes in
 *   the element [data-counter-for=<the field's id>], made after the field when missing.
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

  var t = function (text) { return window.gettext ? window.gettext(text) : text; };
  function interpolate(text, values) {
    if (window.interpolate) return window.interpolate(text, values);
    var i = 0;
    return text.replace(/%s/g, function () { return values[i++]; });
  }
  function counterOf(field) {
    var out = document.querySelector('[data-counter-for="' + field.id + '"]');
    if (!out && field.id) {
      out = document.createElement("p");
      out.className = "field__help char-count";
      out.id = field.id + "_count";
      out.dataset.counterFor = field.id;
      field.insertAdjacentElement("afterend", out);
      var described = field.getAttribute("aria-describedby");
      field.setAttribute("aria-describedby", (described ? described + " " : "") + out.id);
    }
    return out;
  }
  function countCharacters(field) {
    var out = counterOf(field);
    if (!out) return;
    var max = parseInt(field.dataset.maxLength, 10), used = field.value.trim().length;
    var left = max - used;
    var state = left < 0 ? "over" : left <= 30 ? "near" : "ok";
    out.dataset.state = state;
    if (state === "over") out.textContent = interpolate(t("%s tegn for meget – højst %s. Gør teksten kortere."), [-left, max]);
    else if (state === "near") out.textContent = interpolate(t("%s tegn tilbage af %s."), [left, max]);
    else out.textContent = interpolate(t("%s af højst %s tegn."), [used, max]);
    field.setAttribute("aria-invalid", state === "over" ? "true" : "false");
  }
  function tooLong(field) {
    return field && field.dataset.maxLength && field.value.trim().length > parseInt(field.dataset.maxLength, 10);
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("textarea[data-max-length]")) countCharacters(event.target);
  });
  document.querySelectorAll("textarea[data-max-length]").forEach(countCharacters);
  // capture, before the page's own handlers (htmx, the phone's composer) send anything
  document.addEventListener("submit", function (event) {
    var field = event.target.querySelector && event.target.querySelector("textarea[data-max-length]");
    if (!tooLong(field)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    countCharacters(field);
    counterOf(field).setAttribute("role", "alert");
    var message = interpolate(t("Teksten er for lang: højst %s tegn. Gør den kortere – intet er skåret væk."), [field.dataset.maxLength]);
    document.dispatchEvent(new CustomEvent("trivsel:too-long", { detail: { message: message } }));
    field.focus();
  }, true);
})();
