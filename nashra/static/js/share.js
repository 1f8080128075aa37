// The copy button stays hidden without JavaScript: with nothing to run it, it would be a
// control that does nothing. Links above it share without any script.
(function () {
  "use strict";

  function copyWithSelection(text) {
    // Older browsers, and pages served over plain HTTP, have no asynchronous clipboard.
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(field);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyWithSelection(text); });
    }
    return copyWithSelection(text);
  }

  document.querySelectorAll(".share-links").forEach(function (links) {
    var button = links.querySelector(".share-copy");
    var status = links.querySelector(".share-copy-status");
    if (!button || !status) { return; }
    button.closest(".share-copy-item").hidden = false;
    button.addEventListener("click", function () {
      // Clearing first makes screen readers announce the message again on a second copy.
      status.textContent = "";
      copy(button.dataset.url).then(
        function () { status.textContent = button.dataset.copied; },
        function () { status.textContent = button.dataset.failed; }
      );
    });
  });
})();
