// Progressive enhancement for the idea forms; without this file they work the same, a page load at a time.

// A button marked data-once cannot send its form twice (the server also ignores a repeated submission
// of the same idea form).
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset.submitted === "true") {
    event.preventDefault();
    return;
  }
  if (form.querySelector("[data-once]")) {
    form.dataset.submitted = "true";
  }
});

// Similar ideas and products appear while the title is typed. They come from the address that answers
// the form (`?vis=lignende` gives the panel alone), the same list "Find lignende" shows without
// JavaScript; that button then updates the list in place instead of sending the form.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-similar-url]");
  if (!form || !window.fetch) return;
  var title = form.querySelector("[name=title]");
  var check = form.querySelector("button[name=action][value=check]");
  var panel = document.getElementById("similar");
  var status = document.getElementById("similar-status");
  var timer = null;
  var asked = "";
  var latest = 0;

  // fromButton: if the list cannot be fetched, the button sends the form as it would without JavaScript.
  function update(fromButton) {
    var text = title.value.trim();
    if (text === asked) return;
    asked = text;
    var number = ++latest;
    var url = form.dataset.similarUrl + "?" + new URLSearchParams({ vis: "lignende", titel: text });
    fetch(url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        if (number !== latest) return; // an answer to an older title
        panel.innerHTML = html;
        var summary = panel.querySelector(".similar-summary");
        status.textContent = summary ? summary.textContent : "";
      })
      .catch(function () {
        asked = "";
        if (fromButton && form.requestSubmit) form.requestSubmit(check);
      });
  }

  title.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      update(false);
    }, 400);
  });
  check.addEventListener("click", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    asked = "";
    update(true);
  });
});
