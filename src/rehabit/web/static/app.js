// rehabit: what every page shares. Plain script, no build step, no inline handlers (CSP-friendly).
(function () {
  "use strict";

  // The service worker caches the app shell, illustrations and coming sessions for offline use.
  if ("serviceWorker" in navigator && window.isSecureContext) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () { /* offline use is optional */ });
    });
  }

  // Pages name what they will need offline (the coming session's player and figures): cache it now.
  document.addEventListener("DOMContentLoaded", function () {
    var holder = document.querySelector("[data-cache-urls]");
    if (!holder || !("serviceWorker" in navigator)) { return; }
    var urls = holder.dataset.cacheUrls.split(" ").filter(Boolean);
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) { registration.active.postMessage({ type: "cache-urls", urls: urls }); }
    });
  });

  // On a phone the nav scrolls sideways: keep the current page's link in sight, not cut at the edge.
  document.addEventListener("DOMContentLoaded", function () {
    var current = document.querySelector('.topbar nav [aria-current="page"]');
    var list = current && current.closest("ul");
    if (!current || !list || list.scrollWidth <= list.clientWidth) { return; }
    var left = current.getBoundingClientRect().left - list.getBoundingClientRect().left + list.scrollLeft;
    list.scrollLeft = left - (list.clientWidth - current.offsetWidth) / 2;
  });

  function showConnection() {
    var line = document.getElementById("connection");
    if (!line) { return; }
    line.textContent = navigator.onLine ? "" : line.dataset.offline;
  }
  window.addEventListener("online", showConnection);
  window.addEventListener("offline", showConnection);
  document.addEventListener("DOMContentLoaded", showConnection);

  // Toggle buttons in a pain scale: one pressed at a time, value copied to the named hidden input.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-pain-value]");
    if (!button) { return; }
    var scale = button.closest("[data-pain-scale]");
    if (!scale) { return; }
    scale.querySelectorAll("[data-pain-value]").forEach(function (other) {
      other.setAttribute("aria-pressed", other === button ? "true" : "false");
    });
    var input = scale.querySelector("input[type=hidden]");
    if (input) { input.value = button.dataset.painValue; input.dispatchEvent(new Event("change", { bubbles: true })); }
    if (button.type !== "submit") { event.preventDefault(); }
  });
})();
