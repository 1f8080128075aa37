// The reader's opt-in to breaking alerts. Nothing is asked of the browser until the reader
// presses the button: only then the permission prompt, the service worker and the
// subscription, which is sent with the chosen sections to the site.
(function () {
  "use strict";
  var form = document.querySelector("form.alerts-form");
  if (!form) {
    return;
  }
  var subscribeButton = form.querySelector(".alerts-subscribe");
  var unsubscribeButton = form.querySelector(".alerts-unsubscribe");
  var status = form.querySelector(".alerts-status");
  var scope = form.getAttribute("data-scope");
  var supported = "serviceWorker" in navigator && "PushManager" in window &&
    "Notification" in window && window.fetch;

  function say(name, text) {
    status.textContent = text || form.getAttribute("data-message-" + name) || "";
    form.setAttribute("data-state", name);
  }

  function showSubscribed(subscribed) {
    subscribeButton.hidden = subscribed;
    unsubscribeButton.hidden = !subscribed;
  }

  function keyBytes(key) {
    var padded = (key + "====".slice(key.length % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      bytes[i] = raw.charCodeAt(i);
    }
    return bytes;
  }

  function siteState() {
    return fetch(form.getAttribute("data-state-url"), { credentials: "same-origin" })
      .then(function (answer) { return answer.json(); });
  }

  function post(url, token, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify(body)
    }).then(function (answer) {
      return answer.json().then(function (data) {
        if (!answer.ok) {
          // The site's own words (in Arabic) say why, such as too many tries.
          var refused = new Error(data.message || answer.status);
          refused.told = data.message;
          throw refused;
        }
        return data;
      });
    });
  }

  function chosenSections() {
    return Array.prototype.map.call(
      form.querySelectorAll("input[name=section]:checked"),
      function (box) { return parseInt(box.value, 10); }
    );
  }

  function subscribe() {
    if (!supported) {
      say("unsupported");
      return;
    }
    subscribeButton.disabled = true;
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") {
        throw { denied: true };
      }
      return navigator.serviceWorker.register(form.getAttribute("data-worker-url"), {
        scope: scope
      });
    }).then(function () {
      return Promise.all([navigator.serviceWorker.ready, siteState()]);
    }).then(function (found) {
      var registration = found[0];
      var state = found[1];
      return registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(state.key)
      }).then(function (subscription) {
        return post(form.getAttribute("data-subscribe-url"), state.token, {
          subscription: subscription.toJSON(),
          sections: chosenSections()
        });
      });
    }).then(function (answer) {
      showSubscribed(true);
      say("subscribed", answer.message);
    }).catch(function (error) {
      say(error && error.denied ? "denied" : "failed", error && error.told);
      form.setAttribute("data-error", String(error && (error.message || error.name) || ""));
    }).then(function () {
      subscribeButton.disabled = false;
    });
  }

  function unsubscribe() {
    unsubscribeButton.disabled = true;
    navigator.serviceWorker.getRegistration(scope).then(function (registration) {
      return registration ? registration.pushManager.getSubscription() : null;
    }).then(function (subscription) {
      if (!subscription) {
        return null;
      }
      var endpoint = subscription.endpoint;
      return subscription.unsubscribe().then(siteState).then(function (state) {
        return post(form.getAttribute("data-unsubscribe-url"), state.token, {
          endpoint: endpoint
        });
      });
    }).then(function (answer) {
      showSubscribed(false);
      say("unsubscribed", answer && answer.message);
    }).catch(function (error) {
      say("failed", error && error.told);
    }).then(function () {
      unsubscribeButton.disabled = false;
    });
  }

  subscribeButton.addEventListener("click", subscribe);
  unsubscribeButton.addEventListener("click", unsubscribe);

  // Already subscribed on this browser? Asking this prompts nothing.
  if (supported) {
    navigator.serviceWorker.getRegistration(scope).then(function (registration) {
      return registration ? registration.pushManager.getSubscription() : null;
    }).then(function (subscription) {
      if (subscription) {
        showSubscribed(true);
        say("subscribed");
      }
    }).catch(function () {});
  }
})();
