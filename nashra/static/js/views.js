// One beacon per page view: a POST with an empty body to the counter's address.
// Works from a cached page: it needs no token, sets no cookie and reads no response.
(function () {
  "use strict";
  var counter = document.querySelector(".views-count[data-beacon-url]");
  if (!counter) {
    return;
  }
  var url = counter.getAttribute("data-beacon-url");
  var sent = false;

  function send() {
    if (sent) {
      return;
    }
    sent = true;
    if (navigator.sendBeacon && navigator.sendBeacon(url)) {
      return;
    }
    if (window.fetch) {
      fetch(url, { method: "POST", keepalive: true, credentials: "omit" }).catch(function () {});
    }
  }

  // A prerendered page is not a view until the reader actually opens it.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
