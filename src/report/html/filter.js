"use strict";
(function () {
  var form = document.getElementById("filter");
  if (!form) { return; }
  var status = document.getElementById("filter-status");
  var owner = document.getElementById("filter-owner");
  var text = document.getElementById("filter-text");
  var count = document.getElementById("filter-count");
  var items = Array.prototype.slice.call(document.querySelectorAll("article.commitment"));
  function apply() {
    var s = status.value, o = owner.value, t = text.value.trim().toLowerCase(), shown = 0;
    items.forEach(function (item) {
      var owners = (item.getAttribute("data-owners") || "").split("\n");
      var ok = (!s || item.getAttribute("data-status") === s) &&
        (!o || owners.indexOf(o) >= 0) &&
        (!t || item.textContent.toLowerCase().indexOf(t) >= 0);
      item.hidden = !ok;
      if (ok) { shown += 1; }
    });
    document.querySelectorAll("section.topic").forEach(function (topic) {
      topic.hidden = !topic.querySelector("article.commitment:not([hidden])");
    });
    count.textContent = shown + " of " + items.length + " shown";
  }
  // A link may carry a filter: report.html#status=done&owner=itu&text=pilot
  var wanted = new URLSearchParams(location.hash.slice(1));
  status.value = wanted.get("status") || "";
  owner.value = wanted.get("owner") || "";
  text.value = wanted.get("text") || "";
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.classList.add("ready");
  apply();
})();
