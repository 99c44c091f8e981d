// Progressive enhancement for the idea forms: a button marked data-once cannot send its form twice
// (the server also ignores a repeated submission of the same idea form).
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
