// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  // "None of these" clears the other boxes in its group, and ticking another clears it.
  document.querySelectorAll("[data-exclusive-group]").forEach(function (group) {
    group.addEventListener("change", function (event) {
      var box = event.target;
      if (box.type !== "checkbox" || !box.checked) { return; }
      var exclusive = box.closest("[data-exclusive]") !== null;
      group.querySelectorAll("input[type=checkbox]").forEach(function (other) {
        if (other !== box && (exclusive || other.closest("[data-exclusive]"))) {
          other.checked = false;
        }
      });
    });
  });
  // Folded cards open on paper, so the printout holds what the screen could show.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.card--folded").forEach(function (card) { card.open = true; });
  });
  // A print button, shown only when it can work.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    if (button.parentElement.tagName === "LI") { button.parentElement.hidden = false; }
    button.addEventListener("click", function () { window.print(); });
  });
}());
