// The print view offers its own button: opening the dialog on load would fire on every
// visit, including the ones that only wanted a clean reading copy.
document.querySelectorAll(".print-now").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
// A copy made for printing wants every picture on paper, not only those scrolled past.
document.querySelectorAll("img[loading=lazy]").forEach(function (image) {
  image.loading = "eager";
});
