// The comment form on a cached article page: fetch a token and captcha when the reader
// starts, post without leaving the page, and show the answer beside the fields.
// Without this script the form still works: it posts to the server, which answers
// with a page of its own.
(function () {
  "use strict";
  var form = document.querySelector("form.comment-form");
  if (!form || !window.fetch) { return; }
  var loading = form.querySelector(".loading-indicator");
  var submit = form.querySelector(".comment-submit");
  var messageBox = form.querySelector(".comment-form-message");
  var replying = form.querySelector(".comment-form-replying");
  var state = null;

  function say(text) {
    messageBox.textContent = text || "";
    messageBox.hidden = !text;
  }

  function showErrors(errors) {
    form.querySelectorAll("[data-error-for]").forEach(function (slot) {
      var list = (errors || {})[slot.getAttribute("data-error-for")];
      slot.textContent = list ? list.join(" ") : "";
    });
  }

  function setCaptcha(captcha) {
    if (!captcha) { return; }
    form.elements.captcha_0.value = captcha.key;
    form.elements.captcha_1.value = "";
    var slot = form.querySelector(".captcha-image-slot");
    var image = slot.querySelector("img");
    if (!image) {
      image = document.createElement("img");
      image.className = "captcha-image";
      image.width = 150;
      image.height = 50;
      image.alt = form.getAttribute("data-captcha-alt");
      slot.appendChild(image);
    }
    image.src = captcha.image_url;
  }

  function loadState() {
    if (state) { return state; }
    state = fetch(form.getAttribute("data-form-url"), {
      headers: { Accept: "application/json" }, cache: "no-store", credentials: "same-origin"
    }).then(function (response) { return response.json(); }).then(function (answer) {
      if (!answer.open) {
        say(answer.message);
        submit.disabled = true;
        return;
      }
      form.elements.token.value = answer.token;
      setCaptcha(answer.captcha);
    }).catch(function () {
      state = null;
      say(form.getAttribute("data-message-network"));
    });
    return state;
  }

  form.addEventListener("focusin", loadState);

  form.querySelector(".captcha-refresh").addEventListener("click", function (event) {
    event.preventDefault();
    fetch(form.getAttribute("data-captcha-refresh-url"), {
      headers: { "X-Requested-With": "XMLHttpRequest" }, cache: "no-store"
    }).then(function (response) { return response.json(); }).then(function (answer) {
      if (answer.key) { setCaptcha(answer); } else { say(answer.message); }
    }).catch(function () {
      say(form.getAttribute("data-message-network"));
    });
  });

  function setParent(id, label) {
    form.elements.parent.value = id || "";
    replying.hidden = !id;
    replying.querySelector(".comment-form-replying-text").textContent = label || "";
  }

  replying.querySelector(".comment-form-replying-cancel").addEventListener("click", function () {
    setParent("", "");
  });

  document.querySelectorAll("a.comment-reply").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var author = link.closest(".comment").querySelector(".comment-author").textContent;
      setParent(link.getAttribute("data-parent"), form.getAttribute("data-replying") + " " + author);
      form.scrollIntoView({ block: "start" });
      form.elements.body.focus();
    });
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    say("");
    showErrors({});
    submit.disabled = true;
    loading.hidden = false;
    Promise.resolve(loadState()).then(function () {
      return fetch(form.action, {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: { Accept: "application/json" }
      });
    }).then(function (response) { return response.json(); }).then(function (answer) {
      say(answer.message);
      showErrors(answer.errors);
      if (answer.ok) {
        form.elements.body.value = "";
        setParent("", "");
        state = null;
        loadState();
      } else {
        if (answer.token) { form.elements.token.value = answer.token; }
        setCaptcha(answer.captcha);
      }
    }).catch(function () {
      say(form.getAttribute("data-message-network"));
    }).then(function () {
      loading.hidden = true;
      submit.disabled = false;
    });
  });

  document.querySelectorAll("form.comment-report").forEach(function (report) {
    report.addEventListener("submit", function (event) {
      event.preventDefault();
      fetch(report.action, {
        method: "POST", headers: { Accept: "application/json" }, credentials: "same-origin"
      }).then(function (response) { return response.json(); }).then(function (answer) {
        var note = document.createElement("span");
        note.className = "comment-report-done";
        note.setAttribute("role", "status");
        note.textContent = answer.message;
        report.replaceWith(note);
      });
    });
  });
})();
