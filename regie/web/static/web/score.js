/* R19: show the number a score slider (forms.ScoreSlider) stands at, with a face, and
   keep it up to date while it moves. Without this file the slider still works with the
   keyboard and the mouse; its tick marks and the line under it say what the numbers mean.
   Loaded as a file: the Content-Security-Policy allows no inline script. */
(function () {
  "use strict";

  function face(score) {
    if (score <= 3) { return "\uD83D\uDE1F"; }  // 😟
    if (score <= 6) { return "\uD83D\uDE10"; }  // 😐
    return "\uD83D\uDE00";  // 😀
  }

  function show(input, output) {
    var score = Number(input.value);
    output.textContent = face(score) + " " + input.value;
  }

  function enhance(input) {
    var output = document.getElementById(input.id + "_value");
    if (!output || input.hasAttribute("data-score-ready")) { return; }
    input.setAttribute("data-score-ready", "");
    output.hidden = false;
    show(input, output);
    input.addEventListener("input", function () { show(input, output); });
  }

  function start() {
    document.querySelectorAll("input[type=range][data-score]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
