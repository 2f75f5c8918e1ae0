// Import review: selecting a cell of the table highlights the text its value was read from.
(function () {
  "use strict";
  var source = document.getElementById("source-text");
  if (!source) { return; }
  var current = [];
  function highlight(cell) {
    current.forEach(function (mark) { mark.classList.remove("current"); });
    current = [];
    var ids = (cell.dataset.evidence || "").split(" ").filter(Boolean);
    ids.forEach(function (id) {
      var mark = document.getElementById(id);
      if (mark) { mark.classList.add("current"); current.push(mark); }
    });
    if (current.length) {
      var mark = current[0];
      source.scrollTop = Math.max(0, mark.offsetTop - source.clientHeight / 3);
    }
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-evidence]")) { highlight(event.target); }
  });
})();
