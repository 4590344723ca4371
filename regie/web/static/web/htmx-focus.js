// Errors where people look (issue 14): a rejected form's error summary, or the conflict
// screen, takes the focus, so the page scrolls to it and a screen reader reads it; its
// links lead to each field. Also after htmx replaced part of a plan page (issue 5): when
// the element that had the focus is gone, the new part's summary or the part itself
// takes it. A swap that kept the focused element (its id came back, as the goal buttons
// do) and shows no error is left alone. A static file: the CSP allows no inline script.
var SUMMARY = ".regie-error-summary, .regie-conflict";

function focusOn(target) {
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: "start" });
}

// A page that came back after a rejected POST (no JavaScript needed to send it).
var summaryOnLoad = document.querySelector(SUMMARY);
if (summaryOnLoad) focusOn(summaryOnLoad);

document.addEventListener("htmx:afterSettle", function (event) {
  var swapped = event.detail && event.detail.elt;
  if (!swapped || !swapped.id || swapped.id === "live-messages") return;
  // A part replaced alongside (out of band, e.g. a count) never takes the focus.
  if (swapped.hasAttribute("data-regie-alongside")) return;
  var summary = swapped.querySelector(SUMMARY);
  if (summary) return focusOn(summary);
  var active = document.activeElement;
  if (active && active !== document.body && document.body.contains(active)) return;
  focusOn(swapped.querySelector("[role='alert']") || swapped);
});
