// Import review: selecting a field highlights the words its value was read from, and keeps them
// highlighted (in the source panel beside the cards, and on a phone in a strip at the foot of the screen).
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
    if (!mark) { peek.hidden = true; return; }
    var parts = around(mark);
    var strong = document.createElement("mark");
    strong.textContent = parts[1];
    peekText.appendChild(document.createTextNode(parts[0]));
    peekText.appendChild(strong);
    peekText.appendChild(document.createTextNode(parts[2]));
    peek.hidden = false;
  }

  function highlight(field) {
    var ids = (field.dataset.evidence || "").split(" ").filter(Boolean);
    current.forEach(function (mark) { mark.classList.remove("current"); });
    current = [];
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
