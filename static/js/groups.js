/* Groups: drag a person to another table (the console and the planning page). A drop does
   exactly what the menu beside the name does: it picks the table in the person's own select
   and submits that form (htmx on the console, a plain post on the planning page), so the
   drag and the keyboard path are one validated POST. Event delegation: the console's regions
   are replaced on every update. No build step. */
(function () {
  "use strict";
  var dragged = null;

  function table(element) {
    return element && element.closest ? element.closest("[data-groups] [data-group-id]") : null;
  }

  document.addEventListener("dragstart", function (event) {
    var member = event.target.closest && event.target.closest("[data-groups] [data-member-id]");
    if (!member) return;
    dragged = member;
    member.classList.add("is-dragged");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", member.dataset.memberId);
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("is-dragged");
    dragged = null;
    document.querySelectorAll(".table-plan__table.is-target").forEach(function (el) {
      el.classList.remove("is-target");
    });
  });

  function droppable(event) {
    var target = table(event.target);
    var from = dragged && table(dragged);
    if (!target || !from || target === from) return null;
    if (target.dataset.round !== from.dataset.round) return null; // one round's tables only
    return target;
  }

  document.addEventListener("dragover", function (event) {
    var target = droppable(event);
    if (!target) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    target.classList.add("is-target");
  });

  document.addEventListener("dragleave", function (event) {
    var target = table(event.target);
    if (target && !target.contains(event.relatedTarget)) target.classList.remove("is-target");
  });

  document.addEventListener("drop", function (event) {
    var target = droppable(event);
    if (!target) return;
    event.preventDefault();
    var form = dragged.querySelector("form");
    var select = form && form.querySelector("select[name=group]");
    if (!select) return;
    select.value = target.dataset.groupId;
    target.querySelector("ul").appendChild(dragged); // at once; the answer brings the plan
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  });
})();
