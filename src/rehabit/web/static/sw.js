// rehabit service worker: keeps the app shell, the illustrations and the coming planned sessions in a
// cache so a session runs with no connection. Sets logged offline wait in the page's own queue
// (localStorage) and are sent by the player when the connection returns; this worker never replays POSTs.
"use strict";

var APP_VERSION = "__VERSION__";
var VERSION = "rehabit-" + APP_VERSION;
var SHELL = [
  "/",
  "/session",
  "/static/rehabit.css?v=" + APP_VERSION,
  "/static/app.js?v=" + APP_VERSION,
  "/static/player.js?v=" + APP_VERSION,
  "/static/vendor/htmx-2.0.11.min.js",
  "/static/icons/icon.svg",
  "/manifest.webmanifest"
];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(VERSION).then(function (cache) {
      return Promise.all(SHELL.map(function (url) { return cache.add(url).catch(function () {}); }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name !== VERSION; }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

// Pages ask the worker to keep the coming sessions (their player page, timeline JSON and figures).
self.addEventListener("message", function (event) {
  var message = event.data || {};
  if (message.type === "cache-urls" && Array.isArray(message.urls)) {
    event.waitUntil(caches.open(VERSION).then(function (cache) {
      return Promise.all(message.urls.map(function (url) { return cache.add(url).catch(function () {}); }));
    }));
  }
});

function isAsset(url) {
  return url.pathname.indexOf("/static/") === 0 || url.pathname.indexOf("/illustrations/") === 0;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (isAsset(url)) {
    // assets: cache first, refreshed in the background
    event.respondWith(caches.open(VERSION).then(function (cache) {
      return cache.match(request).then(function (hit) {
        var fresh = fetch(request).then(function (response) {
          if (response.ok) { cache.put(request, response.clone()); }
          return response;
        });
        return hit || fresh;
      });
    }));
    return;
  }
  // pages and API reads: network first, the cached copy when offline
  event.respondWith(
    fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(VERSION).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(request, { ignoreSearch: url.pathname === "/session" }).then(function (hit) {
        return hit || caches.match("/");
      });
    })
  );
});
