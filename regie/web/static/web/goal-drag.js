// Drag a goal to another place in the family's order (issue 5, R8): the mouse and touch
// way, on top of the up and down buttons, which stay the keyboard way. A drop sends the
// goal's own move form with how many places it moved, so the server checks it like a
// button press (R9: the safety goal stays first) and htmx swaps in the new list.
// A static file: the CSP allows no inline script.
(function () {
  var ITEM = "#goal-list li[data-goal]";
  var dragged = null;

  function markDraggable() {
    document.querySelectorAll(ITEM).forEach(function (item) {
      item.setAttribute("draggable", "true");
    });
  }

  function itemAt(event) {
    return event.target.closest ? event.target.closest(ITEM) : null;
  }

  document.addEventListener("dragstart", function (event) {
    dragged = itemAt(event);
    if (!dragged) return;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.goal);
    dragged.classList.add("regie-dragged");
  });

  document.addEventListener("dragover", function (event) {
    if (dragged && itemAt(event)) event.preventDefault();
  });

  document.addEventListener("drop", function (event) {
    var target = itemAt(event);
    if (!dragged || !target || target === dragged) return;
    event.preventDefault();
    var items = Array.prototype.slice.call(document.querySelectorAll(ITEM));
    var places = items.indexOf(target) - items.indexOf(dragged);
    var form = dragged.querySelector("form.regie-move-goal");
    var direction = document.createElement("input");
    direction.type = "hidden";
    direction.name = "direction";
    direction.value = String(places);
    form.appendChild(direction);
    form.requestSubmit();
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("regie-dragged");
    dragged = null;
  });

  document.addEventListener("DOMContentLoaded", markDraggable);
  document.addEventListener("htmx:afterSettle", markDraggable);
})();
