// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    window.DKFDS.init();
    // The design system names the menu's overflow button in Danish only: the page's language instead.
    var menu = document.querySelector(".navigation-menu[data-more-label]");
    var more = menu && menu.querySelector(".more-button span");
    if (more) more.textContent = menu.getAttribute("data-more-label");
  }
});

// A governance badge's explanation shows on hover and focus (CSS); Escape hides it again (WCAG 1.4.13).
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  document.querySelectorAll(".governance-badge").forEach(function (badge) {
    badge.classList.add("governance-badge--dismissed");
  });
});
// Focusing anything again shows explanations as usual.
document.addEventListener("focusin", function () {
  document.querySelectorAll(".governance-badge--dismissed").forEach(function (badge) {
    badge.classList.remove("governance-badge--dismissed");
  });
});
