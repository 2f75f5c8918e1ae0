// Library loading: the upload shows how much has been sent, the fetch shows it is working; either way the
// page then reloads with the library in it. Without scripts the forms post as usual.
(function () {
  "use strict";
  var panel = document.getElementById("library-load");
  if (!panel) { return; }
  var bar = document.getElementById("library-progress");
  var status = document.getElementById("library-status");

  function csrf() {
    var match = document.cookie.match(/(?:^|;\s*)rehabit_csrf=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function say(text) { status.textContent = text; }

  function finished(xhr) {
    var body = {};
    try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
    if (xhr.status >= 200 && xhr.status < 300) {
      bar.value = bar.max;
      say(panel.dataset.done.replace("{added}", body.added).replace("{updated}", body.updated)
        .replace("{skipped}", body.skipped));
      window.setTimeout(function () { window.location.assign("/library"); }, 1200);
    } else {
      bar.hidden = true;
      say(body.error || panel.dataset.failed);
    }
    panel.querySelectorAll("button").forEach(function (button) { button.disabled = false; });
  }

  function send(url, data, sending) {
    var xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("X-CSRF-Token", csrf());
    panel.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
    bar.hidden = false;
    bar.removeAttribute("value");  // indeterminate until the sizes are known
    say(sending);
    if (data) {
      xhr.upload.addEventListener("progress", function (event) {
        if (!event.lengthComputable) { return; }
        bar.max = event.total;
        bar.value = event.loaded;
        if (event.loaded >= event.total) { say(panel.dataset.reading); }
      });
    }
    xhr.addEventListener("load", function () { finished(xhr); });
    xhr.addEventListener("error", function () { bar.hidden = true; say(panel.dataset.failed); finished(xhr); });
    xhr.send(data);
  }

  var upload = document.getElementById("library-upload");
  upload.addEventListener("submit", function (event) {
    var file = document.getElementById("library-file");
    if (!file.files.length) { return; }  // the server says what is missing
    event.preventDefault();
    var data = new FormData();
    data.append("file", file.files[0]);
    send("/api/library/import", data, panel.dataset.uploading);
  });
  var fetchForm = document.getElementById("library-fetch");
  fetchForm.addEventListener("submit", function (event) {
    event.preventDefault();
    send("/api/library/fetch", null, panel.dataset.fetching);
  });
})();
