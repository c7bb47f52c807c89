/* Trivselsdialog live session: keeps a screen in step with the workshop.
 *
 * - Every POLL ms the screen asks "anything newer than revision N?" (204 = no). On a change
 *   it swaps in the server-rendered live regions, except a region that holds the keyboard
 *   focus: that one waits until focus leaves, so nobody loses what they were doing.
 * - A lost connection is shown; when it is back the screen catches up completely (the
 *   server answers with the full current regions) and sends what it had not sent.
 * - Phones: a new post-it goes into an outbox in localStorage with a client-made key and
 *   stays there until the server acknowledges it; a retry never duplicates (the key is
 *   unique on the server). The unsent draft in the form survives a reload.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-live]");
  if (!root) return;
  // Texts go through Django's translation like every other (the JavaScript catalog, loaded
  // before this script); without it the Danish source text is used as is.
  var t = window.gettext || function (text) { return text; };

  var syncUrl = root.dataset.syncUrl;
  var rev = root.dataset.rev;
  var pollMs = parseInt(root.dataset.pollMs || "1500", 10);
  var token = root.dataset.token || "";
  var connection = document.querySelector("[data-connection]");
  var toast = document.querySelector("[data-toast]");
  var online = true;
  var syncing = false;
  var pending = {};
  // A drag under way or a menu open on the board (board.js): every region swap waits.
  var busy = false;
  var afterSwaps = [];
  var regionListeners = [];

  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; }
    catch (e) { return ""; }
  }

  function setOnline(state) {
    if (state === online) return;
    online = state;
    if (!connection) return;
    connection.classList.toggle("connection--lost", !state);
    connection.querySelector("[data-connection-text]").textContent = state
      ? t("Forbundet") : t("Ingen forbindelse – prøver igen …");
    if (state) { flushOutbox(); flushActions(); }
  }
  var flushActions = function () {};  // set below, where the phone's actions are sent

  function showToast(message) {
    if (!toast) { if (message) window.alert(message); return; }
    toast.textContent = message;
    toast.hidden = !message;
    clearTimeout(showToast.timer);
    if (message) showToast.timer = setTimeout(function () { toast.hidden = true; }, 8000);
  }

  /* ---- regions ---------------------------------------------------------------------- */
  function applyRegions(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    // Read the revision before the loop: replaceWith moves the fresh regions out of the
    // template, and with them their data-rev.
    var marker = template.content.querySelector("[data-rev]");
    var held = false;
    template.content.querySelectorAll("[data-region]").forEach(function (fresh) {
      var current = document.getElementById(fresh.id);
      if (!current || current === fresh) return;  // came in already, inside its outer region
      // A region inside another (the arrow's suggestions in the console) comes in on its own
      // when the outer one is held for a field: a copy, so the held one stays whole.
      if (fresh.parentNode && fresh.parentNode.closest && fresh.parentNode.closest("[data-region]")) {
        fresh = fresh.cloneNode(true);
      }
      if (busy) {  // never under a drag in progress or an open menu
        pending[fresh.id] = fresh;
        held = true;
        return;
      }
      var active = document.activeElement;
      var focused = active && active !== document.body && current.contains(active);
      if (focused && isField(active) || holdsUnsent(current)) {
        // someone is typing here, or typed what is not saved yet: wait until it is
        pending[fresh.id] = fresh;
        held = true;
        return;
      }
      var focusKey = focused ? keyOf(active) : null;
      swapIn(current, fresh);
      delete pending[fresh.id];
      if (focusKey) restoreFocus(fresh, focusKey);
    });
    if (marker) rev = marker.dataset.rev;
    afterRegionsChanged();
    if (!held) afterSwaps.splice(0).forEach(function (fn) { fn(); });
    return held;
  }

  /* A field with text not saved yet (the arrow's answers, static/js/arrow.js) is never
     replaced by an update: its region waits until the text is saved. */
  function holdsUnsent(region) { return !!region.querySelector("[data-unsent]"); }

  function flushPending() {
    Object.keys(pending).forEach(function (id) {
      var current = document.getElementById(id);
      if (current && (busy || holdsUnsent(current) || current.contains(document.activeElement) && isField(document.activeElement))) return;
      if (current) swapIn(current, pending[id]);
      delete pending[id];
    });
    afterRegionsChanged();
    if (!Object.keys(pending).length) afterSwaps.splice(0).forEach(function (fn) { fn(); });
  }
  function isField(el) {
    return el && el.matches("input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([type=range]), textarea, select");
  }

  /* A swapped-in region's forms must be htmx's again: without this every other click of the
     facilitator was a plain form post (a full page load, the page back at the top). */
  function swapIn(current, fresh) {
    // a disclosure the reader opened inside the region (the phase's instructions) stays open
    current.querySelectorAll("details[id]").forEach(function (details) {
      var twin = fresh.querySelector("#" + CSS.escape(details.id));
      if (twin) twin.open = details.open;
    });
    // a board's scroll areas (the pile, the themes, a column) stay where they were scrolled
    var scrolled = [];
    current.querySelectorAll("[data-scroll-key]").forEach(function (area) {
      if (area.scrollTop) scrolled.push([area.dataset.scrollKey, area.scrollTop]);
    });
    current.replaceWith(fresh);
    scrolled.forEach(function (pair) {
      var twin = fresh.querySelector('[data-scroll-key="' + CSS.escape(pair[0]) + '"]');
      if (twin) twin.scrollTop = pair[1];
    });
    if (window.htmx) window.htmx.process(fresh);
  }

  /* A button keeps keyboard focus across a refresh: find its twin in the new markup. */
  function keyOf(el) {
    if (el.id) return "#" + el.id;
    var form = el.closest("form");
    return [form ? form.getAttribute("action") : "", el.name || "", el.value || "", el.textContent.trim()].join("|");
  }
  function restoreFocus(region, key) {
    var match = null;
    if (key.charAt(0) === "#") match = region.querySelector(key);
    else region.querySelectorAll("button, a, summary").forEach(function (el) { if (!match && keyOf(el) === key) match = el; });
    if (match && !match.disabled) match.focus({ preventScroll: true });
  }

  document.addEventListener("focusout", function () {
    setTimeout(function () {
      if (busy) return;
      Object.keys(pending).forEach(function (id) {
        var current = document.getElementById(id);
        if (current && !current.contains(document.activeElement) && !holdsUnsent(current)) {
          swapIn(current, pending[id]);
          delete pending[id];
          afterRegionsChanged();
        }
      });
    }, 0);
  });

  function sync(everything) {
    if (everything === true) rev = "0";
    if (syncing) return Promise.resolve();
    syncing = true;
    var url = syncUrl + (syncUrl.indexOf("?") < 0 ? "?" : "&") + "since=" + encodeURIComponent(rev);
    // The console's closed drawers are not re-rendered on every change: name the open ones.
    var open = [];
    document.querySelectorAll("details[open] [data-region]").forEach(function (region) {
      open.push(region.id.replace(/^region-/, ""));
    });
    if (open.length) url += "&open=" + encodeURIComponent(open.join(","));
    var headers = { "X-Requested-With": "fetch" };
    // a screen's key goes in a header, never in the URL (which proxies and logs keep)
    if (root.dataset.screenKey) headers["X-Screen-Key"] = root.dataset.screenKey;
    return fetch(url, { headers: headers, cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        setOnline(true);
        if (response.status === 204) return;
        if (response.status === 200) return response.text().then(applyRegions);
        if (response.status === 403 || response.status === 404) {
          showToast(t("Du har ikke længere adgang til denne workshop. Genindlæs siden."));
        }
      })
      .catch(function () { setOnline(false); })
      .finally(function () { syncing = false; });
  }

  setInterval(sync, pollMs);
  // A drawer that opens may hold a region not refreshed while closed: ask for all of it now.
  document.addEventListener("toggle", function (event) {
    var drawer = event.target;
    if (drawer.open && drawer.querySelector && drawer.querySelector("[data-region]")) {
      rev = "0";
      sync();
    }
  }, true);
  window.addEventListener("online", function () { sync(); flushOutbox(); });
  window.addEventListener("offline", function () { setOnline(false); });
  document.addEventListener("visibilitychange", function () { if (!document.hidden) sync(); });
  /* A console action answers with the changed regions: the acting screen shows its own
     change at once, without waiting for the next check. */
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    if (xhr && xhr.status >= 400) {
      try { showToast(JSON.parse(xhr.responseText).error); } catch (e) { showToast(t("Det lykkedes ikke. Prøv igen.")); }
    }
    if (xhr && xhr.status === 200 && xhr.responseText.indexOf("data-region") >= 0) {
      // a menu's form that did its work closes, focus on the menu's button: the fresh
      // region is not held back for the field the facilitator typed in
      var menu = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("details.menu");
      if (menu) {
        menu.open = false;
        var summary = menu.querySelector("summary");
        if (summary) summary.focus();
      }
      showToast("");
      applyRegions(xhr.responseText);
    } else {
      sync();
    }
  });
  var liveMessage = document.querySelector("[data-live-message]");
  document.body.addEventListener("live-message", function (event) {
    if (!liveMessage) return;
    liveMessage.textContent = event.detail.value;
    clearTimeout(liveMessage.timer);
    liveMessage.timer = setTimeout(function () { liveMessage.textContent = ""; }, 6000);
  });
  document.body.addEventListener("htmx:sendError", function () { setOnline(false); showToast(t("Ingen forbindelse – prøv igen om lidt.")); });
  document.addEventListener("submit", function (event) {
    var message = event.target.dataset && event.target.dataset.confirm;
    if (message && !window.confirm(message)) event.preventDefault();
  }, true);

  /* ---- timers ----------------------------------------------------------------------- */
  function format(seconds) {
    var s = Math.max(0, Math.round(seconds));
    var m = Math.floor(s / 60);
    return m + ":" + String(s % 60).padStart(2, "0");
  }
  function tick() {
    document.querySelectorAll("[data-timer]").forEach(function (el) {
      if (el._offset === undefined) el._offset = (parseInt(el.dataset.serverNow, 10) || Date.now()) - Date.now();
      var value = el.querySelector("[data-timer-value]");
      var left = null;
      if (el.dataset.ends) left = (parseInt(el.dataset.ends, 10) - (Date.now() + el._offset)) / 1000;
      else if (el.dataset.left !== "") left = parseInt(el.dataset.left, 10);
      if (left === null || isNaN(left)) return;
      value.textContent = format(left);
      var done = el.dataset.ends && left <= 0;
      el.classList.toggle("timer--done", !!done);
      el.querySelector("[data-timer-done]").hidden = !done;
    });
  }
  setInterval(tick, 250);

  /* ---- phones: composer, outbox, drafts ---------------------------------------------- */
  var composer = document.querySelector("[data-composer]");
  var pendingList = document.querySelector("[data-pending-list]");
  var outboxKey = "trivsel-outbox:" + token;
  var draftKey = "trivsel-draft:" + token;

  function newKey() {
    if (window.crypto && crypto.randomUUID && window.isSecureContext) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return x.toString(16).padStart(2, "0"); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function readOutbox() { try { return JSON.parse(localStorage.getItem(outboxKey)) || []; } catch (e) { return []; } }
  function writeOutbox(items) { localStorage.setItem(outboxKey, JSON.stringify(items)); renderPending(); }

  function renderPending() {
    if (!pendingList) return;
    pendingList.textContent = "";
    readOutbox().forEach(function (item) {
      var li = document.createElement("li");
      li.className = "postit postit--yellow postit--pending";
      var kind = document.createElement("span");
      kind.className = "postit__kind";
      kind.textContent = online ? t("Sender …") : t("Ikke sendt endnu – sendes, når forbindelsen er tilbage");
      var text = document.createElement("span");
      text.className = "postit__text";
      text.dir = "auto";  // isolated, as the server's <bdi>: a right-to-left mark stays inside
      text.textContent = item.fields.text;  // textContent: user text is never parsed as HTML
      li.append(kind, text);
      pendingList.append(li);
    });
  }

  var flushing = false;
  function flushOutbox() {
    if (flushing || !composer) return;
    var items = readOutbox();
    if (!items.length) return;
    flushing = true;
    var item = items[0];
    var body = new URLSearchParams(item.fields);
    body.set("rev", rev);  // where this phone stands: the answer may then be just the new item
    fetch(item.url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" },
    }).then(function (response) {
      setOnline(true);
      return response.json().catch(function () { return {}; }).then(function (data) {
        var rest = readOutbox().filter(function (other) { return other.key !== item.key; });
        if (response.ok) {
          writeOutbox(rest);
          if (data.regions) applyRegions(data.regions);  // the answer carries the new state
          else if (data.own_note) addOwnNote(data.own_note, data.rev);
          if (item.undoable && data.note) offerUndo(data.note);
        } else if (response.status >= 400 && response.status < 500) {
          // Refused for a reason the person must see (the workshop is closed, it is not the
          // writing phase, the text is too long …): a retry would not help, so it leaves the
          // outbox now, and what was typed goes back into the composer.
          writeOutbox(rest);
          showToast(data.error || t("Det lykkedes ikke."));
          if (data.note && item.fields.note_id) fillComposer(data.note, true);
          else if (item.fields.text !== undefined) giveBack(item.fields);
        } else {
          throw new Error("server " + response.status);
        }
      });
    }).catch(function () {
      setOnline(false);
    }).finally(function () {
      flushing = false;
      sync();
      if (online && readOutbox().length) setTimeout(flushOutbox, 50);
    });
  }
  setInterval(function () { if (readOutbox().length) flushOutbox(); }, 3000);

  function offerUndo(note) {
    if (!toast || !note.deleted) return;
    toast.hidden = false;
    toast.textContent = t("Post-it'en er slettet.") + " ";
    var undo = document.createElement("button");
    undo.type = "button";
    undo.className = "button";
    undo.textContent = t("Fortryd");
    undo.addEventListener("click", function () {
      queue(changeUrl(note.id), { action: "restore", version: String(note.version) });
      toast.hidden = true;
    });
    toast.append(undo);
  }

  /* The phone was up to date and its new post-it is the only change: add the one item. */
  function addOwnNote(html, newRev) {
    var list = document.querySelector("[data-own-notes]");
    var region = list && list.closest("[data-region]");
    if (!region || pending[region.id]) { sync(); return; }
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    var item = template.content.firstElementChild;
    var twin = list.querySelector('[data-note-id="' + item.dataset.noteId + '"]');
    if (twin) twin.replaceWith(item); else list.append(item);
    var count = list.children.length;
    var heading = document.querySelector("[data-own-heading]");
    if (heading) heading.textContent = (count === 1 ? heading.dataset.one : heading.dataset.many) + " (" + count + ")";
    var empty = document.querySelector("[data-own-empty]");
    if (empty) empty.hidden = count > 0;
    region.dataset.rev = newRev;
    rev = newRev;
  }

  function changeUrl(id) { return root.dataset.changeUrl.replace(/0\/$/, id + "/"); }

  function queue(url, fields, undoable) {
    var items = readOutbox();
    var key = fields.client_key || newKey();
    items.push({ key: key, url: url, fields: fields, undoable: !!undoable });
    writeOutbox(items);
    flushOutbox();
  }

  function saveDraft() {
    if (!composer) return;
    var data = new FormData(composer);
    localStorage.setItem(draftKey, JSON.stringify({
      text: data.get("text") || "", polarity: data.get("polarity") || "", factor: data.get("factor") || "",
      note_id: data.get("note_id") || "", version: data.get("version") || "",
    }));
  }
  function fillComposer(fields, editing) {
    composer.elements.text.value = fields.text || "";
    composer.elements.factor.value = fields.factor || "";
    composer.querySelectorAll("input[name=polarity]").forEach(function (r) { r.checked = r.value === fields.polarity; });
    composer.elements.note_id.value = editing ? (fields.id || fields.note_id || "") : "";
    composer.elements.version.value = editing ? (fields.version || "") : "";
    composer.querySelector("[data-composer-title]").textContent = editing ? t("Ret post-it") : t("Ny post-it");
    composer.querySelector("[data-composer-submit]").textContent = editing ? t("Gem ændring") : t("Sæt post-it op");
    composer.querySelector("[data-composer-cancel]").hidden = !editing;
    // app.js counts the characters on input; a filled-in text is counted the same way
    composer.elements.text.dispatchEvent(new Event("input", { bubbles: true }));
    saveDraft();
  }
  /* A refused post-it or edit comes back into the composer (and so into the saved draft);
     anything typed there meanwhile stays, below it. */
  function giveBack(fields) {
    var current = composer.elements.text.value.trim();
    var text = current && current !== fields.text ? fields.text + "\n\n" + current : fields.text;
    fillComposer(Object.assign({}, fields, { text: text }), !!fields.note_id);
  }
  function clearComposer() {
    fillComposer({}, false);
    localStorage.removeItem(draftKey);
  }

  if (composer) {
    try {
      var draft = JSON.parse(localStorage.getItem(draftKey));
      if (draft) fillComposer(draft, !!draft.note_id);
    } catch (e) { /* no draft */ }
    composer.addEventListener("input", saveDraft);
    composer.addEventListener("change", saveDraft);
    composer.querySelector("[data-composer-cancel]").addEventListener("click", clearComposer);
    composer.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData(composer);
      var text = (data.get("text") || "").trim();
      if (!data.get("polarity")) { showToast(t("Vælg om det fungerer godt eller mindre godt.")); return; }
      if (!text) { showToast(t("Skriv noget på din post-it.")); composer.elements.text.focus(); return; }
      var fields = { text: text, polarity: data.get("polarity"), factor: data.get("factor") || "" };
      if (data.get("note_id")) {
        fields.version = data.get("version");
        fields.note_id = data.get("note_id");
        queue(changeUrl(data.get("note_id")), fields);
      } else {
        fields.client_key = newKey();
        queue(root.dataset.addUrl, fields);
      }
      clearComposer();
      composer.elements.text.focus();
    });
    renderPending();
    flushOutbox();
  }

  document.addEventListener("click", function (event) {
    var edit = event.target.closest("[data-edit-note]");
    if (!edit || !composer) return;
    var li = edit.closest("[data-note-id]");
    composer.hidden = false;
    fillComposer({ id: li.dataset.noteId, version: li.dataset.version, text: li.dataset.text,
                   polarity: li.dataset.polarity, factor: li.dataset.factor }, true);
    composer.elements.text.focus();
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches("[data-delete-note]")) {
      event.preventDefault();
      var id = form.closest("[data-note-id]").dataset.noteId;
      queue(changeUrl(id), { action: "delete", version: form.elements.version.value }, true);
    } else if (form.matches("[data-live-action]")) {
      event.preventDefault();
      sendAction(form.action, new URLSearchParams(new FormData(form)).toString(), form);
    }
  });

  /* A phone's small actions (a vote mark, a suggestion, an answer). One marked
     data-retry-offline (it carries its client key or slot, so a retry of one the server did
     get counts once) is kept when it could not be sent and sent again when the connection is
     back; the others say that nothing was sent, and what was typed stays in the form. */
  var actionsKey = "trivsel-actions:" + token;
  function pendingActions() { try { return JSON.parse(localStorage.getItem(actionsKey)) || []; } catch (e) { return []; } }
  function keepActions(items) { localStorage.setItem(actionsKey, JSON.stringify(items)); }
  function sendAction(url, body, form) {
    var retried = !form;
    return fetch(url, { method: "POST", body: new URLSearchParams(body), credentials: "same-origin",
                        headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" } })
      .then(function (r) {
        setOnline(true);
        return r.json().catch(function () { return {}; }).then(function (d) {
          if (!r.ok) { showToast(d.error || t("Det lykkedes ikke.")); return; }
          if (d.message) showToast(d.message);
          else if (retried) showToast(t("Forbindelsen er tilbage – det er sendt."));
          if (form && form.hasAttribute("data-reset-on-success")) {
            form.reset();
            // the character counters (app.js) count the emptied fields again
            form.querySelectorAll("textarea").forEach(function (area) {
              area.dispatchEvent(new Event("input", { bubbles: true }));
            });
          }
        });
      })
      .catch(function () {
        setOnline(false);
        if (form && form.hasAttribute("data-retry-offline")) {
          keepActions(pendingActions().concat([{ url: url, body: body }]));
          showToast(t("Ingen forbindelse – det sendes, når forbindelsen er tilbage."));
        } else {
          showToast(t("Ingen forbindelse – prøv igen om lidt."));
        }
      })
      .finally(sync);
  }
  flushActions = function () {
    var items = pendingActions();
    if (!items.length) return;
    keepActions([]);
    items.reduce(function (done, item) {
      return done.then(function () { return sendAction(item.url, item.body, null); });
    }, Promise.resolve());
  };
  if (online) flushActions();

  /* The facilitator's agenda is outside the live region: mark the phase the region shows. */
  function markAgendaPhase() {
    var region = document.querySelector("[data-phase-id]");
    if (!region) return;
    document.querySelectorAll("[data-agenda-phase]").forEach(function (item) {
      var current = item.dataset.agendaPhase === region.dataset.phaseId;
      item.classList.toggle("is-current", current);
      if (current) item.setAttribute("aria-current", "step"); else item.removeAttribute("aria-current");
    });
  }

  /* ---- the wall's layout rule ------------------------------------------------------------
     The projector is never scrolled: a board (data-fit) takes the largest density level,
     fit-0 (largest type) … fit-8 (the floor: 20 px text at 1920×1080), at which every
     post-it lies inside its column; the spotlight (the pair just shown) likewise takes the
     largest of its levels at which it fits. The server's guess from the count is the start. */
  var FIT_LEVELS = 9, SPOT_LEVELS = 5;
  function overflows(el) { return el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1; }
  function setLevel(el, prefix, level, count) {
    for (var i = 0; i < count; i++) el.classList.remove(prefix + i);
    el.classList.add(prefix + level);
  }
  function listsOverflow(lists) {
    for (var i = 0; i < lists.length; i++) if (overflows(lists[i])) return true;
    return false;
  }
  function fitSpotlight(spot) {
    for (var level = 0; level < SPOT_LEVELS; level++) {
      setLevel(spot, "spot-", level, SPOT_LEVELS);
      if (!overflows(spot)) return;
    }
  }
  function fitBoards() {
    document.querySelectorAll("[data-fit]").forEach(function (board) {
      // a board of post-its fits when each column's list does; a board of themes
      // (data-fit-self) when the board itself does
      var lists = board.hasAttribute("data-fit-self")
        ? [board].concat(Array.prototype.slice.call(board.children))
        : board.querySelectorAll(".postits");
      // each column as wide as its share of the post-its (set here: the CSP allows no inline style)
      board.querySelectorAll("[data-count]").forEach(function (column) {
        column.style.setProperty("--count", column.dataset.count);
      });
      var spot = board.closest(".wall__body, .console__room");
      spot = spot && spot.querySelector("[data-fit-spotlight]");
      for (var level = 0; level < FIT_LEVELS; level++) {
        setLevel(board, "fit-", level, FIT_LEVELS);
        if (spot) fitSpotlight(spot);  // the spotlight narrows as the board gets denser
        if (!listsOverflow(lists)) break;
      }
      board.dataset.fitLevel = level;
      // then give the text back the lines the level's clamp took, while it still fits
      board.style.removeProperty("--clamp");
      var clamp = parseInt(getComputedStyle(board).getPropertyValue("--clamp"), 10) || 8;
      while (clamp < 8 && !listsOverflow(lists)) {
        board.style.setProperty("--clamp", String(clamp + 1));
        if (listsOverflow(lists)) { board.style.setProperty("--clamp", String(clamp)); break; }
        clamp += 1;
      }
    });
    document.querySelectorAll("[data-fit-spotlight]").forEach(function (spot) {
      var body = spot.closest(".wall__body");
      if (body && !body.querySelector("[data-fit]")) fitSpotlight(spot);
    });
  }
  window.addEventListener("resize", fitBoards);

  /* A text over its limit is held back by app.js (never cut); say so here too. */
  document.addEventListener("trivsel:too-long", function (event) {
    showToast(event.detail.message);
  });

  function afterRegionsChanged() {
    markAgendaPhase();
    // the matrix's markers at their places (set here: the CSP allows no inline style)
    document.querySelectorAll("[data-x][data-y]").forEach(function (marker) {
      marker.style.setProperty("--x", marker.dataset.x);
      marker.style.setProperty("--y", marker.dataset.y);
    });
    fitBoards();
    regionListeners.forEach(function (fn) { fn(); });
    var titled = document.querySelector("[data-region][data-title]");
    if (titled) document.title = titled.dataset.title;
    if (!composer) return;
    // The composer only where the server takes a write (the writing phase, not closed); a
    // draft stays in localStorage until then.
    var region = document.querySelector("[data-task]");
    if (region) composer.hidden = !region.hasAttribute("data-writing");
  }
  /* What board.js needs of this screen. */
  window.trivselLive = {
    csrfToken: csrfToken,
    applyRegions: applyRegions,
    sync: sync,
    toast: showToast,
    offline: function () { setOnline(false); showToast(t("Ingen forbindelse – prøv igen om lidt.")); },
    announce: function (message) {
      document.body.dispatchEvent(new CustomEvent("live-message", { detail: { value: message } }));
    },
    afterSwap: function (fn) { afterSwaps.push(fn); },
    onRegions: function (fn) { regionListeners.push(fn); },
    flushPending: function () { setTimeout(flushPending, 0); },
    setBusy: function (state) {
      busy = state;
      if (!state) setTimeout(flushPending, 0);
    }
  };

  afterRegionsChanged();
  tick();
})();
