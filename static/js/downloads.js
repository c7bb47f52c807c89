/* Download links (templates/actionplans/_downloads_base.html): while the server makes the file the
 * link says so (aria-busy, a spinner, a status line read by screen readers); the page stays
 * usable, the browser fetches the file beside it. The answer sets the cookie
 * download_ready=<nonce> (actionplans/views_exports.py), which ends the busy state; a PDF that
 * passed its time or memory bound answers download_ready=<nonce>-fejl, and the status line
 * says so in words. */
(function () {
  "use strict";
  if (window.trivselDownloads) return;
  window.trivselDownloads = true;
  var COOKIE = "download_ready=";
  function ready(nonce) {
    return document.cookie.split("; ").indexOf(COOKIE + nonce) !== -1;
  }
  function done(link, status, text) {
    link.removeAttribute("aria-busy");
    if (status) status.textContent = text;
    document.cookie = COOKIE + "; max-age=0; path=/; samesite=strict";
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-download]");
    if (!link || link.getAttribute("aria-busy") === "true") return;
    var nonce = Math.random().toString(36).slice(2, 12) + Date.now().toString(36);
    var url = new URL(link.href, window.location.href);
    url.searchParams.set("klar", nonce);
    link.href = url.toString();
    link.setAttribute("aria-busy", "true");
    var section = link.closest(".downloads");
    var status = section && section.querySelector(".downloads__status");
    if (status) status.textContent = section.dataset.busyText;
    var started = Date.now();
    var timer = window.setInterval(function () {
      if (ready(nonce)) {
        window.clearInterval(timer);
        done(link, status, section && section.dataset.doneText);
      } else if (ready(nonce + "-fejl")) {
        window.clearInterval(timer);
        done(link, status, section && section.dataset.refusedText);
      } else if (Date.now() - started > 120000) {
        window.clearInterval(timer);
        done(link, status, "");
      }
    }, 250);
  });
})();
