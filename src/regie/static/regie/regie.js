/* Regie's only own script, progressive enhancement: a table or card that is wider than
   the screen scrolls sideways inside its box (regie.css); a keyboard user must be able to
   reach it to scroll it (WCAG 2.1.1), so such a box gets tabindex="0" while it scrolls. */
(function () {
  "use strict";
  var BOXES = "main .utrecht-table, main .regie-card, main .regie-table-scroll";

  function markScrollable() {
    document.querySelectorAll(BOXES).forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-regie-scroll", "");
      } else if (!scrolls && box.hasAttribute("data-regie-scroll")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-regie-scroll");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", markScrollable);
  window.addEventListener("resize", markScrollable);
  document.addEventListener("htmx:afterSettle", markScrollable);
})();
