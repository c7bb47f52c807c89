/* The arrow's answers on the console: saved as they are typed, and never lost.
 *
 * - An answer is sent 0.8 s after the last key (and at once by its "Gem" button), with the
 *   plan's version the console knows. The server refuses a stale version (another laptop
 *   saved first): the console shows the fresh text beside what was typed, and the note-taker
 *   chooses; nothing is written over silently.
 * - What is typed is kept in localStorage until the server has it: a refresh or a dropped
 *   connection loses nothing, and the text is sent again when the connection is back.
 * - While a field holds text not saved yet it is marked data-unsent: live.js then never
 *   replaces its region with an update (the wall's and phones' changes wait for it).
 */
(function () {
  "use strict";
  var live = window.trivselLive;
  if (!live || !document.querySelector("[data-live]")) return;
  var t = window.gettext || function (text) { return text; };
  var DEBOUNCE_MS = 800, RETRY_MS = 3000;
  var timers = {};
  var inFlight = {};
  /* One save per plan at a time: the plan's version is one number for all its answers, so
     two fields saved at once would carry the same version and the second would come back as
     a conflict with the note-taker's own text (seen on a slow connection when one field's
     save was still on its way as the next field's timer fired). */
  var planBusy = {};   // plan id -> the key being saved
  var planQueue = {};  // plan id -> keys waiting for it
  var known = {};      // plan id -> the newest version this console has seen saved
  var lastSaved = {};  // "plan:field" -> the text the server has

  function keyOf(form) { return form.dataset.plan + ":" + form.elements.field.value; }
  function draftKey(form) { return "trivsel-arrow:" + keyOf(form); }
  function formFor(key) {
    var found = null;
    document.querySelectorAll("form[data-arrow-answer]").forEach(function (form) {
      if (keyOf(form) === key) found = form;
    });
    return found;
  }
  function setState(form, text) {
    var state = form.querySelector("[data-answer-state]");
    if (state) state.textContent = text;
  }
  function markUnsent(form, unsent) {
    var area = form.elements.text;
    if (unsent) area.setAttribute("data-unsent", ""); else area.removeAttribute("data-unsent");
    if (!unsent) live.flushPending();
  }
  function setVersion(plan, version) {
    version = parseInt(version, 10);
    if (!(version > (known[plan] || 0))) return;
    known[plan] = version;
    document.querySelectorAll("form[data-plan='" + plan + "'] [data-plan-version], #region-arrow-suggestions [data-plan-version]")
      .forEach(function (input) { input.value = String(version); });
  }
  function clock() {
    var now = new Date();
    return String(now.getHours()).padStart(2, "0") + ":" + String(now.getMinutes()).padStart(2, "0");
  }

  function keepDraft(form) {
    try {
      localStorage.setItem(draftKey(form), JSON.stringify({
        text: form.elements.text.value, version: form.elements.version.value,
      }));
    } catch (e) { /* storage full or off: the server save still runs */ }
  }
  function dropDraft(form) { try { localStorage.removeItem(draftKey(form)); } catch (e) { /* none */ } }

  function schedule(form, delay) {
    var key = keyOf(form);
    clearTimeout(timers[key]);
    timers[key] = setTimeout(function () { send(key); }, delay);
  }

  function send(key) {
    var form = formFor(key);
    if (!form || !form.elements.text.hasAttribute("data-unsent")) return;
    if (inFlight[key]) { inFlight[key].again = true; return; }
    var plan = form.dataset.plan;
    if (planBusy[plan] && planBusy[plan] !== key) {
      planQueue[plan] = planQueue[plan] || [];
      if (planQueue[plan].indexOf(key) < 0) planQueue[plan].push(key);
      return;
    }
    planBusy[plan] = key;
    var text = form.elements.text.value;
    var body = new URLSearchParams(new FormData(form));
    // a draft brought back after a refresh goes with the version it was typed on
    var version = form.dataset.baseVersion || known[plan];
    delete form.dataset.baseVersion;
    if (version) body.set("version", String(version));
    inFlight[key] = { again: false };
    setState(form, t("Gemmer …"));
    fetch(form.action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": live.csrfToken(), "X-Requested-With": "fetch" },
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        var current = formFor(key) || form;
        if (response.ok) {
          lastSaved[key] = text;
          setVersion(plan, data.version);
          if (current.elements.text.value === text) {
            dropDraft(current);
            markUnsent(current, false);
            setState(current, t("Gemt") + " " + clock());
          } else {
            schedule(current, 0);  // typed on while it was on its way
          }
          live.sync();  // the console's other regions catch up (the wall has it already)
        } else if (response.status === 409) {
          showConflict(current, data);
        } else if (response.status >= 400 && response.status < 500) {
          setState(current, data.error || t("Svaret blev ikke gemt."));
          live.toast(data.error || t("Svaret blev ikke gemt."));
        } else {
          throw new Error("server " + response.status);
        }
      });
    }).catch(function () {
      var current = formFor(key);
      if (current) setState(current, t("Ikke gemt – ingen forbindelse. Teksten er gemt her og sendes, når forbindelsen er tilbage."));
      schedule(current || form, RETRY_MS);
    }).finally(function () {
      var again = inFlight[key] && inFlight[key].again;
      delete inFlight[key];
      delete planBusy[plan];
      if (again) send(key);
      var next = (planQueue[plan] || []).shift();
      if (next) send(next);
    });
  }

  /* Someone else saved first: their text and ours side by side, the note-taker chooses. */
  function showConflict(form, data) {
    var box = form.querySelector("[data-answer-conflict]");
    setState(form, t("Ikke gemt: teksten er ændret et andet sted."));
    if (!box) return;
    box.textContent = "";
    var message = document.createElement("p");
    message.textContent = data.error;
    var label = document.createElement("p");
    label.className = "hint";
    label.textContent = t("Den gemte tekst nu:");
    var fresh = document.createElement("blockquote");
    fresh.className = "arrow-answer__fresh";
    fresh.dir = "auto";
    fresh.textContent = data.text || t("(tom)");  // textContent: user text is never parsed as HTML
    var row = document.createElement("div");
    row.className = "button-row";
    var useTheirs = document.createElement("button");
    useTheirs.type = "button";
    useTheirs.className = "button";
    useTheirs.textContent = t("Brug den gemte tekst");
    useTheirs.addEventListener("click", function () {
      setVersion(form.dataset.plan, data.version);
      form.elements.text.value = data.text || "";
      lastSaved[keyOf(form)] = data.text || "";
      dropDraft(form);
      box.hidden = true;
      markUnsent(form, false);
      setState(form, t("Den gemte tekst er hentet."));
      form.elements.text.focus();
    });
    var keepMine = document.createElement("button");
    keepMine.type = "button";
    keepMine.className = "button button--quiet";
    keepMine.textContent = t("Gem min tekst i stedet");
    keepMine.addEventListener("click", function () {
      setVersion(form.dataset.plan, data.version);
      box.hidden = true;
      send(keyOf(form));
      form.elements.text.focus();
    });
    row.append(useTheirs, keepMine);
    box.append(message, label, fresh, row);
    box.hidden = false;
  }

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form[data-arrow-answer]");
    if (!form || event.target.name !== "text") return;
    markUnsent(form, true);
    keepDraft(form);
    setState(form, t("Skriver …"));
    schedule(form, DEBOUNCE_MS);
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-arrow-answer]")) return;
    event.preventDefault();
    markUnsent(form, true);
    keepDraft(form);
    clearTimeout(timers[keyOf(form)]);
    send(keyOf(form));
  });
  window.addEventListener("online", function () {
    document.querySelectorAll("form[data-arrow-answer] [data-unsent]").forEach(function (area) {
      send(keyOf(area.form));
    });
  });

  /* A fresh console: a region rendered before our own last save shows our saved text and
     version, and a draft the server never got (a refresh, a lost connection) comes back
     and is sent, with the version it was typed on (a conflict if the plan moved on). */
  function settle() {
    document.querySelectorAll("form[data-arrow-answer]").forEach(function (form) {
      var plan = form.dataset.plan, key = keyOf(form), area = form.elements.text;
      var rendered = parseInt(form.elements.version.value, 10);
      if (known[plan] && rendered < known[plan]) {
        form.elements.version.value = String(known[plan]);
        if (lastSaved[key] !== undefined && !area.hasAttribute("data-unsent")) area.value = lastSaved[key];
      } else if (!known[plan] || rendered > known[plan]) {
        known[plan] = rendered;
      }
      if (area.hasAttribute("data-unsent")) return;
      var draft = null;
      try { draft = JSON.parse(localStorage.getItem(draftKey(form))); } catch (e) { draft = null; }
      if (!draft) return;
      if (draft.text === area.value) { dropDraft(form); return; }
      area.value = draft.text;
      if (draft.version) form.dataset.baseVersion = draft.version;
      markUnsent(form, true);
      setState(form, t("Tekst, der ikke nåede at blive gemt, er hentet tilbage og sendes nu."));
      send(key);
    });
  }
  live.onRegions(settle);
  settle();
})();
