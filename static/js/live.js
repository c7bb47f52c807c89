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
 * - Revisions only go forward: an answer rendered before the one on screen (a poll that was
 *   under way while an action's answer came in) never puts the older state back.
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
  var stopped = false;  // refused for good (403/404/410): the screen stops asking
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
    if (stopped || state === online) return;
    online = state;
    if (!connection) return;
    connection.classList.toggle("connection--lost", !state);
    connection.querySelector("[data-connection-text]").textContent = state
      ? t("Forbundet") : t("Ingen forbindelse – prøver igen …");
    if (state) { flushOutbox(); flushActions(); }
  }
  var flushActions = function () {};  // set below, where the phone's actions are sent

  function showToast(message, lingerMs) {
    if (!toast) { if (message) window.alert(message); return; }
    toast.textContent = message;
    toast.hidden = !message;
    clearTimeout(showToast.timer);
    if (message) showToast.timer = setTimeout(function () { toast.hidden = true; }, lingerMs || 8000);
  }

  /* A refusal names what was refused and, where there is one, offers the one-click way on
     (the server's `way_on`: a label, an address and its fields): a button in the message,
     focused, that does the right thing. */
  function showRefusal(data) {
    data = data || {};
    var way = data.way_on;
    showToast(data.error || t("Det lykkedes ikke. Prøv igen."), way ? 30000 : 0);
    if (!toast || !way) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button toast__way-on";
    button.textContent = way.label;  // textContent: a theme's title is never parsed as HTML
    button.addEventListener("click", function () {
      toast.hidden = true;
      postForRegions(way.url, way.fields);
    });
    toast.append(" ", button);
    button.focus();
  }

  /* A console action sent from script (not an htmx form): its answer is the console's
     changed regions, as htmx's; a refusal is shown as any. */
  function postForRegions(url, fields) {
    return fetch(url, {
      method: "POST", body: new URLSearchParams(fields), credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true", "X-Requested-With": "fetch" }
    }).then(function (response) {
      var message = response.headers.get("HX-Trigger");
      return response.text().then(function (text) {
        if (response.ok) {
          try { announce(JSON.parse(message)["live-message"]); } catch (e) { /* none */ }
          applyRegions(text);
        } else {
          try { showRefusal(JSON.parse(text)); } catch (e) { showToast(t("Det lykkedes ikke. Prøv igen.")); }
          sync(true);
        }
      });
    }).catch(function () { setOnline(false); showToast(t("Ingen forbindelse – prøv igen om lidt.")); });
  }

  /* ---- revisions -------------------------------------------------------------------- */
  /* A screen's revision is a number (the console, the wall) or "<room>.<own>" (a phone):
     counters that only go up. An answer is older than what is shown when none of its
     counters is ahead and one is behind. */
  function revParts(value) { return String(value || "0").split(".").map(function (n) { return parseInt(n, 10) || 0; }); }
  function isOlder(fresh, shown) {
    if (fresh === undefined || shown === undefined) return false;
    var a = revParts(fresh), b = revParts(shown), behind = false;
    for (var i = 0; i < Math.max(a.length, b.length); i++) {
      if ((a[i] || 0) > (b[i] || 0)) return false;
      if ((a[i] || 0) < (b[i] || 0)) behind = true;
    }
    return behind;
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
      // never back: an answer rendered before what this region shows now is dropped
      if (isOlder(fresh.dataset.rev, current.dataset.rev)) return;
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
      var focusGroup = focused ? active.getAttribute("data-focus-group") : null;
      swapIn(current, fresh);
      delete pending[fresh.id];
      if (focusKey) restoreFocus(fresh, focusKey, focusGroup);
    });
    if (marker && (rev === "0" || !isOlder(marker.dataset.rev, rev))) rev = marker.dataset.rev;
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
    if (isOlder(fresh.dataset.rev, current.dataset.rev)) return;  // never back (see above)
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
  function restoreFocus(region, key, group) {
    var match = null;
    if (key.charAt(0) === "#") match = region.querySelector(key);
    else region.querySelectorAll("button, a, summary").forEach(function (el) { if (!match && keyOf(el) === key) match = el; });
    // the button is gone (a ballot's "Sæt streg" after the mark): the same theme's other one
    if ((!match || match.disabled) && group) {
      match = region.querySelector('[data-focus-group="' + CSS.escape(group) + '"]:not([disabled])');
    }
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

  /* A definitive answer (403: no longer allowed; 404: gone; 410: the workshop is closed) is
     said once, calmly, in the screen's status line, and the screen stops asking: asking
     again every 1.5 s could not change the answer (and the projector must never pop up). */
  function stopSyncing(message) {
    if (stopped) return;
    stopped = true;
    clearInterval(pollTimer);
    if (!connection) return;
    connection.classList.remove("connection--lost");
    connection.classList.add("connection--ended");
    connection.querySelector("[data-connection-text]").textContent = message;
  }

  function sync(everything) {
    if (everything === true) rev = "0";
    if (syncing || stopped) return Promise.resolve();
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
        if (response.status === 410) {
          // the workshop is closed: the answer is the screen's last view (the wall's thanks)
          return response.text().then(function (html) {
            if (html.indexOf("data-region") >= 0) applyRegions(html);
            stopSyncing(t("Workshoppen er afsluttet."));
          });
        }
        if (response.status === 403 || response.status === 404) {
          stopSyncing(t("Denne skærm er ikke længere forbundet til workshoppen. Genindlæs siden for at prøve igen."));
        }
      })
      .catch(function () { setOnline(false); })
      .finally(function () { syncing = false; });
  }

  var pollTimer = setInterval(sync, pollMs);
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
      try { showRefusal(JSON.parse(xhr.responseText)); } catch (e) { showToast(t("Det lykkedes ikke. Prøv igen.")); }
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
  function announce(message) {
    document.body.dispatchEvent(new CustomEvent("live-message", { detail: { value: message } }));
  }
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
      text: data.get("text") || "", kind: data.get("kind") || "", factor: data.get("factor") || "",
      note_id: data.get("note_id") || "", version: data.get("version") || "",
    }));
  }
  function fillComposer(fields, editing) {
    composer.elements.text.value = fields.text || "";
    composer.elements.factor.value = fields.factor || "";
    composer.querySelectorAll("input[name=kind]").forEach(function (r) { r.checked = r.value === fields.kind; });
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
      if (!data.get("kind")) {  // the kinds and their words are the method's (the composer says them)
        var kindSet = composer.querySelector("[data-kind-message]");
        showToast(kindSet ? kindSet.dataset.kindMessage : t("Vælg en slags post-it."));
        return;
      }
      if (!text) { showToast(t("Skriv noget på din post-it.")); composer.elements.text.focus(); return; }
      var fields = { text: text, kind: data.get("kind"), factor: data.get("factor") || "" };
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
                   kind: li.dataset.kind, factor: li.dataset.factor }, true);
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
      // A form with a client key (the group's post-it) keeps its key until the server has
      // answered: sent again after a lost answer, it is the same post-it, never a second one.
      var key = form.elements.client_key;
      if (key && !key.value) key.value = newKey();
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
    var answered = false;  // the answer carried the phone's new region: no extra poll
    return fetch(url, { method: "POST", body: new URLSearchParams(body), credentials: "same-origin",
                        headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" } })
      .then(function (r) {
        setOnline(true);
        return r.json().catch(function () { return {}; }).then(function (d) {
          if (!r.ok) { showToast(d.error || t("Det lykkedes ikke.")); return; }
          if (d.regions) { applyRegions(d.regions); answered = true; }
          if (d.message) showToast(d.message);
          else if (retried) showToast(t("Forbindelsen er tilbage – det er sendt."));
          if (form && form.elements.client_key) form.elements.client_key.value = "";  // done
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
      .finally(function () { if (!answered) sync(); });
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
      // (data-fit-self), or, for a board flowing into columns (data-fit-flow), when no
      // column runs off its right edge
      var lists = board.hasAttribute("data-fit-flow") ? [board]
        : board.hasAttribute("data-fit-self")
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
      if (level === FIT_LEVELS && board.hasAttribute("data-fit-flow")) {
        // Beyond the floor (far more post-its than a room writes, e.g. 200 in 40 themes): the
        // themes show their names and counts only; their post-its leave the page (never
        // hidden, never cut), the pile not grouped yet keeps its own.
        board.querySelectorAll(".theme-card:not(.theme-card--loose) .theme-card__notes")
          .forEach(function (notes) { notes.remove(); });
        board.classList.add("theme-wall--names");
        for (level = 0; level < FIT_LEVELS; level++) {
          setLevel(board, "fit-", level, FIT_LEVELS);
          if (!listsOverflow(lists)) break;
        }
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

  /* ---- the wall's matrix ----------------------------------------------------------------
     Themes placed at (nearly) the same point ("Placér" with untouched sliders puts every
     theme of a quadrant on its centre) are spread apart until none hides another; then each
     label takes the first place around its point (right, left, below, above, the corners,
     a little further out each round) that is inside the matrix and clear of every other
     label, every point and the quadrants' guidance. A label with no such place is left out:
     the legend beside the matrix names every theme in full. */
  function box(el) { return el.getBoundingClientRect(); }
  function hits(a, b) { return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }
  function layoutMatrix(matrix) {
    var plane = matrix.querySelector(".matrix__plane");
    if (!plane) return;
    var p = box(plane);
    if (!p.width || !p.height) return;
    var markers = Array.prototype.slice.call(plane.querySelectorAll("[data-marker]"));
    var points = markers.map(function (m) {
      var size = box(m);
      return { el: m, x: parseFloat(m.dataset.x) / 100 * p.width, y: parseFloat(m.dataset.y) / 100 * p.height,
               r: Math.max(size.width, size.height) / 2 };
    });
    // spread the points: push every pair closer than their two radii (and a gap) apart
    for (var round = 0; round < 60; round++) {
      var moved = false;
      for (var i = 0; i < points.length; i++) {
        for (var j = i + 1; j < points.length; j++) {
          var a = points[i], b = points[j];
          // apart as boxes, not only as circles: neither box may touch the other
          var need = a.r + b.r + 6, dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy);
          if (Math.max(Math.abs(dx), Math.abs(dy)) >= need) continue;
          if (d < 0.01) { var angle = (j * 2.39996); dx = Math.cos(angle) * 0.01; dy = Math.sin(angle) * 0.01; }
          // stretch their distance along the line between them until the boxes clear
          var grow = (need + 1) / Math.max(Math.abs(dx), Math.abs(dy)) - 1;
          a.x -= dx * grow / 2; a.y -= dy * grow / 2; b.x += dx * grow / 2; b.y += dy * grow / 2;
          moved = true;
        }
      }
      points.forEach(function (pt) {
        pt.x = Math.min(p.width - pt.r - 2, Math.max(pt.r + 2, pt.x));
        pt.y = Math.min(p.height - pt.r - 2, Math.max(pt.r + 2, pt.y));
      });
      if (!moved) break;
    }
    points.forEach(function (pt) {
      pt.el.style.setProperty("--x", String(pt.x / p.width * 100));
      pt.el.style.setProperty("--y", String(pt.y / p.height * 100));
    });
    // the labels, each beside its point
    var taken = [];
    plane.querySelectorAll(".matrix__quadrant p").forEach(function (q) { if (q.textContent.trim()) taken.push(box(q)); });
    markers.forEach(function (m) { taken.push(box(m)); });
    points.forEach(function (pt) {
      var label = plane.querySelector('[data-label-for="' + pt.el.dataset.marker + '"]');
      if (!label) return;
      // as wide as its longest line (a wrapped box keeps its max-width otherwise)
      label.style.removeProperty("width");
      var range = document.createRange();
      range.selectNodeContents(label);
      var lines = Array.prototype.slice.call(range.getClientRects());
      if (lines.length) {
        var inner = Math.max.apply(null, lines.map(function (l) { return l.right; }))
          - Math.min.apply(null, lines.map(function (l) { return l.left; }));
        var style = getComputedStyle(label);
        var extra = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight)
          + parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth);
        label.style.setProperty("width", Math.ceil(inner + extra + 1) + "px");
      }
      var w = label.offsetWidth, h = label.offsetHeight, gap = 4;
      var found = null;
      for (var step = 0; step < 8 && !found; step++) {
        var o = pt.r + gap + step * 14;
        var candidates = [
          [pt.x + o, pt.y - h / 2], [pt.x - o - w, pt.y - h / 2],
          [pt.x - w / 2, pt.y + o], [pt.x - w / 2, pt.y - o - h],
          [pt.x + o * 0.7, pt.y + o * 0.7], [pt.x + o * 0.7, pt.y - o * 0.7 - h],
          [pt.x - o * 0.7 - w, pt.y + o * 0.7], [pt.x - o * 0.7 - w, pt.y - o * 0.7 - h],
        ];
        for (var c = 0; c < candidates.length && !found; c++) {
          var left = candidates[c][0], top = candidates[c][1];
          if (left < 2 || top < 2 || left + w > p.width - 2 || top + h > p.height - 2) continue;
          var r = { left: p.left + left - 2, top: p.top + top - 2, right: p.left + left + w + 2, bottom: p.top + top + h + 2 };
          if (!taken.some(function (t) { return hits(r, t); })) found = { left: left, top: top, rect: r };
        }
      }
      if (!found) { label.remove(); return; }  // the legend names it in full
      label.style.setProperty("--lx", String(found.left));
      label.style.setProperty("--ly", String(found.top));
      taken.push(found.rect);
    });
  }
  // the plane's size may still change after a swap (the QR code loading in the header): lay
  // it out again whenever it does
  var planeWatch = window.ResizeObserver ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { layoutMatrix(entry.target.closest(".matrix")); });
  }) : null;
  function layoutMatrices() {
    document.querySelectorAll(".matrix:not(.matrix--editable)").forEach(function (matrix) {
      layoutMatrix(matrix);
      var plane = matrix.querySelector(".matrix__plane");
      if (planeWatch && plane && !plane.dataset.watched) {
        plane.dataset.watched = "1";
        planeWatch.observe(plane);
      }
    });
  }
  window.addEventListener("resize", layoutMatrices);

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
    layoutMatrices();
    regionListeners.forEach(function (fn) { fn(); });
    var titled = document.querySelector("[data-region][data-title]");
    if (titled) document.title = titled.dataset.title;
    announcePhone();
    if (!composer) return;
    // The composer only where the server takes a write (the writing phase, not closed); a
    // draft stays in localStorage until then.
    var region = document.querySelector("[data-task]");
    if (region) composer.hidden = !region.hasAttribute("data-writing");
  }
  /* The phone's persistent live region (participant.html): a region swap replaces the
     ballot, and a live region inside it would be replaced before a screen reader says
     anything. Said here: a new phase (its name), and a changed [data-announce] text (the
     vote's "Du har N streger tilbage"). The first render is not said: it is what was loaded. */
  var phoneSay = document.querySelector("[data-phone-announce]");
  var said = null;
  function announcePhone() {
    if (!phoneSay) return;
    var region = document.querySelector("[data-announce-phase]");
    var phase = region ? region.dataset.announcePhase : "";
    var heading = region && region.querySelector("h1");
    var status = document.querySelector("[data-announce]");
    var now = { phase: phase, status: status ? status.textContent.trim() : "" };
    if (said !== null) {
      var words = [];
      if (now.phase !== said.phase && heading) words.push(t("Ny fase:") + " " + heading.textContent.trim() + ".");
      if (now.status && (now.status !== said.status || now.phase !== said.phase)) words.push(now.status);
      if (words.length) {
        // emptied first: the same words said again (a mark moved) are said again
        phoneSay.textContent = "";
        setTimeout(function () { phoneSay.textContent = words.join(" "); }, 50);
      }
    }
    said = now;
  }

  /* What board.js needs of this screen. */
  window.trivselLive = {
    csrfToken: csrfToken,
    applyRegions: applyRegions,
    sync: sync,
    toast: showToast,
    offline: function () { setOnline(false); showToast(t("Ingen forbindelse – prøv igen om lidt.")); },
    announce: announce,
    refusal: showRefusal,
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
