// Live coverage: ask the cached updates endpoint every few seconds, and tell the reader how
// many updates wait ("٣ تحديثات جديدة"). Nothing moves until the reader asks for them, so
// the text being read never jumps. Without this script a reload shows every entry.
(function () {
  "use strict";
  var live = document.querySelector(".live-coverage[data-updates-url]");
  if (!live || live.getAttribute("data-ended") === "1" || !window.fetch) {
    return;
  }
  var url = live.getAttribute("data-updates-url");
  var list = live.querySelector(".live-entries");
  var button = live.querySelector(".live-new-button");
  var EVERY = 5000;
  var waiting = null;
  var timer = null;
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules("ar") : null;
  // The site's digits are those of the page: Western unless its dates use Eastern ones.
  var eastern = /[\u0660-\u0669]/.test(live.textContent || "");

  function shown() {
    var found = {};
    list.querySelectorAll(".live-entry[data-entry-id]").forEach(function (entry) {
      found[entry.getAttribute("data-entry-id")] = entry;
    });
    return found;
  }

  function pending(answer) {
    var have = shown();
    var seen = {};
    var count = 0;
    var oldest = Infinity;
    answer.entries.forEach(function (entry) {
      seen[entry.id] = true;
      oldest = Math.min(oldest, entry.id);
      var mine = have[entry.id];
      if (!mine || mine.getAttribute("data-version") !== String(entry.version)) {
        count += 1;
      }
    });
    Object.keys(have).forEach(function (id) {
      // Gone from the answer while newer than its oldest entry: removed by the newsroom.
      if (!seen[id] && Number(id) > oldest && answer.entries.length) {
        count += 1;
      }
    });
    return count + (answer.ended ? 1 : 0);
  }

  function label(count) {
    var form = plural ? plural.select(count) : count === 1 ? "one" : "other";
    var text = live.getAttribute("data-" + form) || live.getAttribute("data-other");
    return text.replace("{n}", eastern ? count.toLocaleString("ar-EG") : String(count));
  }

  function fragment(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html.trim();
    return holder.content.firstElementChild;
  }

  function apply(answer) {
    var have = shown();
    var seen = {};
    var oldest = Infinity;
    answer.entries.forEach(function (entry) {
      seen[entry.id] = true;
      oldest = Math.min(oldest, entry.id);
    });
    Object.keys(have).forEach(function (id) {
      if (!seen[id] && Number(id) > oldest && answer.entries.length) {
        have[id].remove();
      }
    });
    // Oldest of the answer first, each new one going on top of the list under its day.
    answer.entries.slice().reverse().forEach(function (entry) {
      var mine = have[entry.id];
      var made = fragment(entry.html);
      if (mine) {
        if (mine.getAttribute("data-version") !== String(entry.version)) {
          mine.replaceWith(made);
        }
        return;
      }
      var empty = list.querySelector(".live-empty");
      if (empty) {
        empty.remove();
      }
      var top = list.querySelector(".live-day");
      if (!top || top.getAttribute("data-day") !== entry.day) {
        top = fragment(entry.day_html);
        list.insertBefore(top, list.firstChild);
      }
      top.after(made);
    });
    live.querySelector(".live-status-holder").innerHTML = answer.status_html;
    live.querySelector(".live-key-events-holder").innerHTML = answer.key_events_html;
    if (answer.ended) {
      live.setAttribute("data-ended", "1");
      var badge = live.querySelector("#live-heading .live-badge");
      if (badge) {
        badge.remove();
      }
    }
  }

  function poll() {
    timer = null;
    if (document.visibilityState === "hidden") {
      return; // polled again when the reader comes back
    }
    fetch(url, { cache: "no-cache", credentials: "omit" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (answer) {
          var count = pending(answer);
          waiting = count ? answer : null;
          button.hidden = !count;
          if (count) {
            button.textContent = label(count);
          }
          if (answer.ended) {
            return; // the coverage is frozen: nothing more will come
          }
        }
        schedule();
      })
      .catch(schedule);
  }

  function schedule() {
    if (timer === null) {
      timer = setTimeout(poll, EVERY);
    }
  }

  button.addEventListener("click", function () {
    if (waiting) {
      apply(waiting);
      waiting = null;
    }
    button.hidden = true;
    var first = list.querySelector(".live-entry");
    if (first) {
      first.setAttribute("tabindex", "-1");
      first.focus();
    }
  });

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && live.getAttribute("data-ended") !== "1") {
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      poll();
    }
  });

  schedule();
})();
