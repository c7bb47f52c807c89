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
  /* A theme's card is a drop target as a whole, its name too, not only its list: the list
     under the pointer last (Sortable's own choice) is corrected to the card the post-it is
     let go over. Without it a post-it dropped on a theme's name went back to the pile, or
     into a list it had passed on the way. */
  var overCard = null;
  document.addEventListener("dragover", function (event) {
    var card = event.target.closest && event.target.closest(".groups__grid .group");
    overCard = card || null;
    if (card) event.preventDefault();  // a drop here is welcome
  });
  function dropList(event) {
    var list = overCard && overCard.querySelector("ul[data-drop]");
    return list || event.to;
  }

  function setUpGrouping(root) {
    var moveUrl = root.dataset.moveUrl, ontoUrl = root.dataset.ontoUrl;
    root.querySelectorAll("[data-drop], [data-drop-onto]").forEach(function (list) {
      if (list.matches("li") || list.dataset.sortable) return;
      list.dataset.sortable = "1";
      window.Sortable.create(list, {
        group: "notes", draggable: ".board-note", sort: false, animation: 120,
        fallbackOnBody: true, delayOnTouchOnly: true, delay: 120,
        onStart: function () { overCard = null; live.setBusy(true); },
        onEnd: function (event) {
          live.setBusy(false);
          var to = dropList(event);
          overCard = null;
          if (event.from === to) return;
          var item = event.item;
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

  /* ---- the frame ---------------------------------------------------------------------------
     A board (data-frame) fills what is left of the window below it; its parts scroll on
     their own (app.css, laptops and larger), so a drag never needs the page scrolled. */
  function frame() {
    // set on the root, not on the board: a board swapped in by an update has its height at
    // once, so live.js can put its scroll areas back where they were
    var board = document.querySelector("[data-frame]");
    if (!board) return;
    var top = board.getBoundingClientRect().top + window.scrollY;
    var card = board.closest(".card");
    var below = card ? parseFloat(getComputedStyle(card).paddingBottom) + 6 : 6;
    document.documentElement.style.setProperty("--frame-height", Math.max(360, Math.floor(window.innerHeight - top - below)) + "px");
  }
  window.addEventListener("resize", frame);
  // the phase's instructions opened or closed above the board
  document.addEventListener("toggle", function (event) {
    if (event.target.id === "phase-instructions") frame();
  }, true);

  /* The console's shortcuts into the board: focus goes to the part named, and the page moves
     only if that part is not on the screen already (a plain fragment link scrolls it to the
     top, hiding the phase's strip). */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".console__shortcuts a[href^='#']");
    if (!link) return;
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    event.preventDefault();
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "nearest" });
  });

  /* A theme's menu near the bottom of its scroll area opens upwards, so it is not cut off. */
  document.addEventListener("toggle", function (event) {
    var menu = event.target;
    if (!menu.matches || !menu.matches("details.menu") || !menu.open) return;
    var body = menu.querySelector(".menu__body");
    var area = menu.closest(".groups__themes") || document.documentElement;
    var bottom = area === document.documentElement ? window.innerHeight : area.getBoundingClientRect().bottom;
    var top = area === document.documentElement ? 0 : area.getBoundingClientRect().top;
    var here = menu.getBoundingClientRect();
    menu.classList.toggle("menu--up", bottom - here.bottom < body.offsetHeight + 8 && here.top - top > bottom - here.bottom);
  }, true);

  /* ---- one Tab stop per list of post-its (the roving tabindex pattern) ----------------------
     Tab goes from list to list (the pile, then each theme); the arrow keys, Home and End go
     from post-it to post-it inside one. The last one used stays the list's Tab stop across
     updates. */
  var rovingCurrent = {};
  function listKey(list) { return list.dataset.drop || ""; }
  function rovingButtons(list) { return Array.prototype.slice.call(list.querySelectorAll("[data-move-note]")); }
  function setRovingStop(list, stop) {
    rovingButtons(list).forEach(function (button) { button.tabIndex = button === stop ? 0 : -1; });
    if (stop) rovingCurrent[listKey(list)] = stop.id;
  }
  function setUpRoving(root) {
    root.querySelectorAll("[data-roving]").forEach(function (list) {
      var buttons = rovingButtons(list);
      if (!buttons.length) return;
      buttons.forEach(function (button) { button.setAttribute("aria-describedby", "roving-help"); });
      var remembered = document.getElementById(rovingCurrent[listKey(list)] || "");
      var stop = buttons.indexOf(document.activeElement) >= 0 ? document.activeElement
        : buttons.indexOf(remembered) >= 0 ? remembered : buttons[0];
      setRovingStop(list, stop);
    });
  }
  document.addEventListener("keydown", function (event) {
    var button = event.target.closest && event.target.closest("[data-move-note]");
    var list = button && button.closest("[data-roving]");
    if (!list || event.altKey || event.ctrlKey || event.metaKey) return;
    var buttons = rovingButtons(list), index = buttons.indexOf(button);
    var next = { ArrowDown: index + 1, ArrowRight: index + 1, ArrowUp: index - 1, ArrowLeft: index - 1,
                 Home: 0, End: buttons.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    var target = buttons[Math.max(0, Math.min(buttons.length - 1, next))];
    setRovingStop(list, target);
    target.focus();
  });
  document.addEventListener("focusin", function (event) {
    var button = event.target.closest && event.target.closest("[data-move-note]");
    var list = button && button.closest("[data-roving]");
    if (list) setRovingStop(list, button);
  });

  /* After "Læg sammen" the theme is gone, and with it the menu that had focus: focus goes to
     the theme it went into (its heading), and the status line says what happened. Captured
     on the document, so it is queued before live.js swaps the answer in. */
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!form || !form.matches || !form.matches("form[data-merge]")) return;
    var xhr = event.detail.xhr;
    if (!xhr || xhr.status !== 200) return;
    var into = form.elements.into.value;
    live.afterSwap(function () {
      var heading = document.getElementById("theme-title-" + into);
      if (heading) heading.focus();
    });
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

  /* A theme from the list (placed or not yet) dragged onto the plane: placed where it is
     let go. The list's quadrant choice does the same without a mouse. */
  document.addEventListener("pointerdown", function (event) {
    var handle = event.target.closest && event.target.closest("[data-place-drag]");
    if (!handle || event.button !== 0) return;
    var matrix = document.querySelector("[data-matrix]");
    if (!matrix) return;
    event.preventDefault();
    var plane = matrix.querySelector(".matrix__plane");
    var ghost = document.createElement("span");
    ghost.className = "matrix__marker matrix-ghost";
    ghost.setAttribute("aria-hidden", "true");
    var number = document.createElement("span");
    number.className = "matrix__number";
    number.textContent = handle.dataset.number;
    ghost.append(number);
    document.body.append(ghost);
    function follow(move) {
      ghost.style.setProperty("--gx", move.clientX + "px");
      ghost.style.setProperty("--gy", move.clientY + "px");
      var box = plane.getBoundingClientRect();
      plane.classList.toggle("is-target", move.clientX >= box.left && move.clientX <= box.right &&
                                          move.clientY >= box.top && move.clientY <= box.bottom);
    }
    follow(event);
    handle.setPointerCapture(event.pointerId);
    live.setBusy(true);
    function end(up) {
      handle.removeEventListener("pointermove", follow);
      handle.removeEventListener("pointerup", end);
      handle.removeEventListener("pointercancel", end);
      ghost.remove();
      plane.classList.remove("is-target");
      live.setBusy(false);
      var box = plane.getBoundingClientRect();
      if (up.type !== "pointerup" || up.clientX < box.left || up.clientX > box.right ||
          up.clientY < box.top || up.clientY > box.bottom) return;
      var marker = { dataset: {
        theme: handle.dataset.theme, version: handle.dataset.version,
        x: clamp((up.clientX - box.left) / box.width * 100), y: clamp((up.clientY - box.top) / box.height * 100)
      } };
      focusLater("#marker-" + handle.dataset.theme);
      sendPlace(matrix, marker);
    }
    handle.addEventListener("pointermove", follow);
    handle.addEventListener("pointerup", end);
    handle.addEventListener("pointercancel", end);
  });

  function setUp() {
    frame();
    document.querySelectorAll("[data-board=grouping]").forEach(setUpGrouping);
    document.querySelectorAll("[data-board=grouping]").forEach(setUpRoving);
    document.querySelectorAll("[data-board=sorting]").forEach(setUpSorting);
    document.querySelectorAll("[data-matrix]").forEach(setUpMatrix);
  }
  live.onRegions(setUp);
  setUp();
})();
