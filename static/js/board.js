/* The facilitator's board tools: drag and drop (vendored SortableJS, mouse and touch), the
   "Flyt til …" menu that does the same without dragging, and the matrix (drag a theme, or
   nudge it with the arrow keys). Every move is a POST of the tool's form; the answer is the
   console's regions, swapped in by live.js (window.trivselLive). While a drag is under way or
   a menu is open, live.js holds back region swaps (see `busy` there), so an update from
   another screen never destroys what the facilitator has in hand. */
(function () {
  "use strict";
  var live = window.trivselLive;
  if (!live) return;

  function post(url, fields) {
    var body = new URLSearchParams(fields);
    return fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": live.csrfToken(), "HX-Request": "true", "X-Requested-With": "fetch" }
    }).then(function (response) {
      var message = response.headers.get("HX-Trigger");
      return response.text().then(function (text) {
        if (response.ok) {
          if (message) {
            try { live.announce(JSON.parse(message)["live-message"]); } catch (e) { /* none */ }
          }
          live.applyRegions(text);
        } else {
          try { live.refusal(JSON.parse(text)); } catch (e) { live.toast(window.gettext ? gettext("Det lykkedes ikke. Prøv igen.") : ""); }
          live.sync(true);
        }
        return response.ok;
      });
    }).catch(function () { live.offline(); });
  }

  function focusLater(selector) {
    // after the answer's swap: focus returns to what was moved
    live.afterSwap(function () {
      var el = document.querySelector(selector);
      if (el) el.focus({ preventScroll: false });
    });
  }

  /* ---- grouping ------------------------------------------------------------------------ */
  function setUpGrouping(root) {
    var moveUrl = root.dataset.moveUrl, ontoUrl = root.dataset.ontoUrl;
    root.querySelectorAll("[data-drop], [data-drop-onto]").forEach(function (list) {
      if (list.matches("li") || list.dataset.sortable) return;
      list.dataset.sortable = "1";
      window.Sortable.create(list, {
        group: "notes", draggable: ".board-note", sort: false, animation: 120,
        fallbackOnBody: true, delayOnTouchOnly: true, delay: 120,
        onStart: function () { live.setBusy(true); },
        onEnd: function (event) {
          live.setBusy(false);
          if (event.from === event.to) return;
          var item = event.item, to = event.to;
          var fields = { note: item.dataset.note, version: item.dataset.version };
          var request;
          if (to.dataset.dropOnto) {
            fields.onto = to.dataset.dropOnto;
            request = post(ontoUrl, fields);
          } else {
            fields.target = to.dataset.drop;
            request = post(moveUrl, fields);
          }
          focusLater("#move-" + item.dataset.note);
          return request;
        }
      });
    });
  }

  /* The one "Flyt til …" menu: filled for the post-it whose button opened it. */
  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-move-note]");
    if (opener) {
      var dialog = document.getElementById("move-dialog");
      var note = opener.closest("[data-note]");
      var form = dialog.querySelector("form");
      form.elements.note.value = note.dataset.note;
      form.elements.version.value = note.dataset.version;
      dialog.querySelector("[data-move-text]").textContent = note.querySelector(".postit__text").textContent.trim();
      dialog.querySelectorAll("[data-target-theme]").forEach(function (button) {
        button.disabled = button.dataset.targetTheme === note.dataset.theme;
      });
      dialog.querySelector("[data-target-none]").hidden = !note.dataset.theme;
      dialog.dataset.opener = opener.id;
      dialog.showModal();
      live.setBusy(true);
      return;
    }
    if (event.target.closest("[data-dialog-close]")) {
      event.target.closest("dialog").close();
    }
  });
  document.addEventListener("close", function (event) {
    if (event.target.id === "move-dialog") live.setBusy(false);
  }, true);
  document.addEventListener("submit", function (event) {
    var dialog = event.target.closest("dialog#move-dialog");
    if (!dialog) return;
    event.preventDefault();
    var form = event.target, submitter = event.submitter;
    var fields = { note: form.elements.note.value, version: form.elements.version.value, target: submitter ? submitter.value : "" };
    var opener = dialog.dataset.opener;
    dialog.close();  // focus goes back to the post-it's own button
    focusLater("#" + opener);
    post(form.action, fields);
  }, true);

  /* ---- sorting ------------------------------------------------------------------------- */
  function setUpSorting(root) {
    var sortUrl = root.dataset.sortUrl;
    root.querySelectorAll("[data-drop-column]").forEach(function (list) {
      if (list.dataset.sortable) return;
      list.dataset.sortable = "1";
      window.Sortable.create(list, {
        group: "themes", draggable: ".sort-theme", sort: false, animation: 120,
        delayOnTouchOnly: true, delay: 120, filter: "button, input", preventOnFilter: false,
        onStart: function () { live.setBusy(true); },
        onEnd: function (event) {
          live.setBusy(false);
          if (event.from === event.to) return;
          var item = event.item;
          focusLater("#sort-" + item.dataset.theme + "-" + (event.to.dataset.dropColumn || "x"));
          post(sortUrl, { theme: item.dataset.theme, version: item.dataset.version, column: event.to.dataset.dropColumn });
        }
      });
    });
  }

  /* ---- the matrix ------------------------------------------------------------------------ */
  function position(marker) {
    marker.style.setProperty("--x", marker.dataset.x);
    marker.style.setProperty("--y", marker.dataset.y);
  }
  function clamp(value) { return Math.max(0, Math.min(100, Math.round(value))); }
  function sendPlace(matrix, marker) {
    post(matrix.dataset.placeUrl, {
      theme: marker.dataset.theme, version: marker.dataset.version,
      impact: String(100 - marker.dataset.y), influence: marker.dataset.x
    });
  }
  function setUpMatrix(matrix) {
    if (matrix.dataset.ready) return;
    matrix.dataset.ready = "1";
    var plane = matrix.querySelector(".matrix__plane");
    var dragging = null;
    plane.addEventListener("pointerdown", function (event) {
      var marker = event.target.closest(".matrix__marker");
      if (!marker) return;
      dragging = { marker: marker, moved: false };
      marker.setPointerCapture(event.pointerId);
      live.setBusy(true);
    });
    plane.addEventListener("pointermove", function (event) {
      if (!dragging) return;
      var box = plane.getBoundingClientRect();
      dragging.moved = true;
      dragging.marker.dataset.x = clamp((event.clientX - box.left) / box.width * 100);
      dragging.marker.dataset.y = clamp((event.clientY - box.top) / box.height * 100);
      position(dragging.marker);
    });
    function drop() {
      if (!dragging) return;
      var marker = dragging.marker, moved = dragging.moved;
      dragging = null;
      live.setBusy(false);
      if (moved) { focusLater("#" + marker.id); sendPlace(matrix, marker); }
    }
    plane.addEventListener("pointerup", drop);
    plane.addEventListener("pointercancel", drop);
    // the arrow keys nudge a marker (shift: further); it is sent when the keys rest
    plane.addEventListener("keydown", function (event) {
      var marker = event.target.closest(".matrix__marker");
      var steps = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
      if (!marker || !steps) return;
      event.preventDefault();
      var size = event.shiftKey ? 10 : 5;
      marker.dataset.x = clamp(+marker.dataset.x + steps[0] * size);
      marker.dataset.y = clamp(+marker.dataset.y + steps[1] * size);
      position(marker);
      live.setBusy(true);
      clearTimeout(marker.nudgeTimer);
      marker.nudgeTimer = setTimeout(function () {
        live.setBusy(false);
        focusLater("#" + marker.id);
        sendPlace(matrix, marker);
      }, 600);
    });
  }

  function setUp() {
    document.querySelectorAll("[data-board=grouping]").forEach(setUpGrouping);
    document.querySelectorAll("[data-board=sorting]").forEach(setUpSorting);
    document.querySelectorAll("[data-matrix]").forEach(setUpMatrix);
  }
  live.onRegions(setUp);
  setUp();
})();
