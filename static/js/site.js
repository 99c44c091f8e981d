// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    window.DKFDS.init();
  }
});

// The main menu on a phone: a button shows and hides it (the current section stays in view beside the
// button, see site.css); Escape closes it and returns focus to the button. Without this script the
// menu simply wraps.
document.addEventListener("DOMContentLoaded", function () {
  var navigation = document.getElementById("site-navigation");
  if (!navigation) return;
  var button = navigation.querySelector(".site-menu-button");
  function setOpen(open) {
    navigation.classList.toggle("is-open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }
  navigation.classList.add("js-menu");
  button.hidden = false;
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  navigation.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && navigation.classList.contains("is-open")) {
      setOpen(false);
      button.focus();
    }
  });
});

// Browsers that cannot show a closed <details> on wide screens through CSS (::details-content) get
// the filters opened there instead.
document.addEventListener("DOMContentLoaded", function () {
  if (window.CSS && CSS.supports && CSS.supports("selector(::details-content)")) return;
  if (!window.matchMedia("(min-width: 992px)").matches) return;
  document.querySelectorAll("details.filter-disclosure").forEach(function (details) {
    details.open = true;
  });
});
