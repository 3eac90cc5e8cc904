// The job page without reloading it by hand: ask for the job's state every few seconds, say
// the progress in the page's live region, and reload once the job is ready or has failed.
(function () {
  "use strict";
  var box = document.getElementById("wk-job");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-state-url");
  var bar = document.getElementById("wk-job-progress");
  var said = document.getElementById("wk-job-status");
  var delay = 1500;
  function look() {
    fetch(url, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) { return; }
        if (s.status === "done" || s.status === "failed") { window.location.reload(); return; }
        if (bar) { bar.value = s.progress; bar.textContent = s.progress + "%"; }
        var text = s.label.charAt(0).toUpperCase() + s.label.slice(1) +
          (s.stage ? ": " + s.stage : "") + " (" + s.progress + "%)";
        if (said && said.textContent !== text) { said.textContent = text; }
      })
      .catch(function () {})
      .then(function () { delay = Math.min(delay * 1.3, 10000); setTimeout(look, delay); });
  }
  setTimeout(look, delay);
}());
