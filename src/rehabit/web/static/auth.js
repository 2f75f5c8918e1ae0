// rehabit clinic mode: send this site's CSRF token with every state-changing request.
// The token is in the `rehabit_csrf` cookie; forms get it as a hidden field, fetch and htmx as a header.
(function () {
  "use strict";

  function token() {
    var match = document.cookie.match(/(?:^|;\s*)rehabit_csrf=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function sameOrigin(url) {
    try { return new URL(url, window.location.href).origin === window.location.origin; } catch (e) { return false; }
  }

  var originalFetch = window.fetch;
  if (originalFetch) {
    window.fetch = function (resource, init) {
      var options = init || {};
      var method = (options.method || (resource && resource.method) || "GET").toUpperCase();
      var url = typeof resource === "string" ? resource : (resource && resource.url) || "";
      if (method !== "GET" && method !== "HEAD" && sameOrigin(url)) {
        var headers = new Headers(options.headers || (resource && resource.headers) || {});
        if (!headers.has("X-CSRF-Token")) { headers.set("X-CSRF-Token", token()); }
        options = Object.assign({}, options, { headers: headers });
      }
      return originalFetch.call(window, resource, options);
    };
  }

  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = token();
  });

  // Forms (including ones htmx swapped in later) carry the token as a hidden field when submitted.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.method || "get").toLowerCase() === "get") { return; }
    var field = form.querySelector("input[name=csrf_token]");
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = "csrf_token";
      form.appendChild(field);
    }
    field.value = token();
  }, true);
})();
