// The breaking ticker from its own address: fetched when the page opens and every half
// minute while it is in view, so a page kept in a cache shows a new alert within seconds.
(function () {
  "use strict";
  var slot = document.querySelector("[data-ticker-url]");
  if (!slot || !window.fetch || !window.DOMParser) {
    return;
  }
  var url = slot.getAttribute("data-ticker-url");

  function load() {
    // "no-cache": ask again every time; an unchanged ticker comes back as a 304.
    fetch(url, { cache: "no-cache", credentials: "omit" })
      .then(function (answer) { return answer.ok ? answer.text() : null; })
      .then(function (html) {
        // The same ticker as the page's own: leave it, so nothing on the page moves.
        if (html === null || html.trim() === slot.innerHTML.trim()) {
          return;
        }
        var drawn = new DOMParser().parseFromString(html, "text/html").body;
        slot.replaceChildren.apply(slot, Array.prototype.slice.call(drawn.childNodes));
        slot.setAttribute("data-ticker-loaded", "1");
      })
      .catch(function () {});
  }

  load();
  window.setInterval(function () {
    if (!document.hidden) {
      load();
    }
  }, 30000);
})();
