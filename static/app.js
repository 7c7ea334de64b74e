// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  // Ticking a box clears "None of these". Ticking "None of these" never clears what was
  // ticked (it may be a warning sign): it stays unticked, and the group says why, as the
  // server does without JavaScript by keeping the sign.
  document.querySelectorAll("[data-exclusive-group]").forEach(function (group) {
    var kept = group.querySelector(".choices__kept");
    group.addEventListener("change", function (event) {
      var box = event.target;
      if (box.type !== "checkbox" || !box.checked) { return; }
      var exclusive = box.closest("[data-exclusive]") !== null;
      var ticked = Array.prototype.filter.call(
        group.querySelectorAll("input[type=checkbox]"),
        function (other) { return other !== box && other.checked && !other.closest("[data-exclusive]"); }
      );
      if (exclusive && ticked.length) {
        box.checked = false;
        if (kept) { kept.textContent = kept.getAttribute("data-kept-message"); }
        return;
      }
      if (kept) { kept.textContent = ""; }
      group.querySelectorAll("[data-exclusive] input[type=checkbox]").forEach(function (other) {
        if (other !== box) { other.checked = false; }
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
