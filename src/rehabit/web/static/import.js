// Import: while an article or a photo is read, the form says so (reading a photo takes a while).
// Import review: selecting a field highlights the words its value was read from, and keeps them
// highlighted (in the source panel beside the cards, on the photo's page for a photo or a scan, and on a
// phone in a strip at the foot of the screen).
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  if (form) {
    form.addEventListener("submit", function () {
      var progress = document.getElementById("import-progress");
      var button = document.getElementById("import-read");
      if (progress) { progress.hidden = false; }
      if (button) { button.disabled = true; }
    });
  }
})();

(function () {
  "use strict";
  var source = document.getElementById("source-text");
  if (!source) { return; }
  var peek = document.getElementById("source-peek");
  var peekText = document.getElementById("source-peek-text");
  var current = [];
  var CONTEXT = 90;

  function around(mark) {
    // the marked words with some text either side, cut at a sentence end where there is one
    var before = "", after = "", node = mark.previousSibling;
    while (node && before.length < CONTEXT) { before = node.textContent + before; node = node.previousSibling; }
    node = mark.nextSibling;
    while (node && after.length < CONTEXT) { after += node.textContent; node = node.nextSibling; }
    before = before.slice(-CONTEXT);
    var stop = Math.max(before.lastIndexOf(". "), before.lastIndexOf("\n"));
    if (stop >= 0) { before = before.slice(stop + 1); }
    after = after.slice(0, CONTEXT);
    var end = after.search(/[.\n]/);
    if (end >= 0) { after = after.slice(0, end + 1); }
    return [before.replace(/\s+/g, " ").trimStart(), mark.textContent, after.replace(/\s+/g, " ")];
  }

  function showPeek(mark) {
    if (!peek || !peekText) { return; }
    peekText.textContent = "";
    var shown = peek.querySelector(".peek-photo");
    if (shown) { shown.remove(); }
    if (!mark) { peek.hidden = true; return; }
    var crop = boxes.length ? cropOf(boxes[0]) : null;
    if (crop) { peek.insertBefore(crop, peekText); }
    var parts = around(mark);
    var strong = document.createElement("mark");
    strong.textContent = parts[1];
    peekText.appendChild(document.createTextNode(parts[0]));
    peekText.appendChild(strong);
    peekText.appendChild(document.createTextNode(parts[2]));
    peek.hidden = false;
  }

  var boxes = [];
  var SVG = "http://www.w3.org/2000/svg";
  var wide = window.matchMedia("(min-width: 64rem)");

  function outline(ids) {
    // the same values' words on the page images of a photo or a scan
    boxes.forEach(function (box) { box.classList.remove("current"); });
    boxes = [];
    ids.forEach(function (id) {
      document.querySelectorAll('.page-photo [data-mark="' + id + '"]').forEach(function (box) {
        box.classList.add("current");
        boxes.push(box);
      });
    });
    if (boxes.length && wide.matches) {
      // beside the cards the photo can come into view; on a phone the strip at the foot shows the words
      var page = boxes[0].ownerSVGElement;
      var rect = page.getBoundingClientRect();
      if (rect.bottom < 0 || rect.top > window.innerHeight) { page.scrollIntoView({block: "nearest"}); }
    }
  }

  function cropOf(box) {
    // the words' part of the photo, with a margin, as a small picture for the strip at the foot
    var page = box.ownerSVGElement, picture = page.querySelector("image");
    if (!picture) { return null; }
    var area = box.getBBox(), marginX = area.height * 3, marginY = area.height * 0.6;
    var x = Math.max(0, area.x - marginX), y = Math.max(0, area.y - marginY);
    var crop = document.createElementNS(SVG, "svg");
    crop.setAttribute("viewBox", [x, y, area.width + 2 * marginX, area.height + 2 * marginY].join(" "));
    crop.setAttribute("class", "peek-photo");
    crop.setAttribute("aria-hidden", "true");
    crop.appendChild(picture.cloneNode(false));
    var outline = box.cloneNode(false);
    outline.setAttribute("class", "box current");
    crop.appendChild(outline);
    return crop;
  }

  function highlight(field) {
    var ids = (field.dataset.evidence || "").split(" ").filter(Boolean);
    current.forEach(function (mark) { mark.classList.remove("current"); });
    current = [];
    outline(ids);
    ids.forEach(function (id) {
      var mark = document.getElementById(id);
      if (mark) { mark.classList.add("current"); current.push(mark); }
    });
    if (current.length) {
      source.scrollTop = Math.max(0, current[0].offsetTop - source.clientHeight / 3);
    }
    showPeek(current[0] || null);
  }

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target.matches && target.matches("[data-evidence]")) { highlight(target); }
  });
})();
