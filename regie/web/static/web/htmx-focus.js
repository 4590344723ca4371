// After htmx replaced part of a plan page (issue 5), keep the keyboard user in place:
// when the element that had the focus is gone, focus the error summary of the new part,
// or else the part itself. A swap that kept the focused element (its id came back, as
// the goal buttons do) is left alone. A static file: the CSP allows no inline script.
document.addEventListener("htmx:afterSettle", function (event) {
  var swapped = event.detail && event.detail.elt;
  if (!swapped || !swapped.id || swapped.id === "live-messages") return;
  // A part replaced alongside (out of band, e.g. a count) never takes the focus.
  if (swapped.hasAttribute("data-regie-alongside")) return;
  var active = document.activeElement;
  if (active && active !== document.body && document.body.contains(active)) return;
  var target = swapped.querySelector("[role='alert']") || swapped;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
});
