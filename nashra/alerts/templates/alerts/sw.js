{% load i18n %}{% translate "عاجل" as breaking %}// Nashra's service worker: shows a breaking alert pushed to this browser, and opens the
// story when the reader clicks it. Every repeat of one alert carries the same tag, so the
// browser replaces the notification instead of showing it twice.
"use strict";

self.addEventListener("push", function (event) {
  var alert = {};
  try {
    alert = event.data ? event.data.json() : {};
  } catch (error) {
    alert = {};
  }
  event.waitUntil(self.registration.showNotification(alert.title || "{{ breaking|escapejs }}", {
    body: alert.body || "",
    tag: alert.tag || "nashra-alert",
    lang: "ar",
    dir: "rtl",
    data: { url: alert.url || "/" }
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var url = (event.notification.data && event.notification.data.url) || "/";
  event.waitUntil(self.clients.openWindow(url));
});
