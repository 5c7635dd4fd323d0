/* Small, optional enhancements. Everything works without this file.
   - Quick exit: leave with location.replace so Back does not return; Escape does the same.
   - Offline: register the service worker (same origin only, no third-party code).
   - Search within this language on the search page. */
(function () {
  "use strict";
  var exit = document.querySelector("[data-quick-exit]");
  function leave(event) {
    if (!exit) return;
    if (event) event.preventDefault();
    document.body.style.visibility = "hidden";
    window.location.replace(exit.href);
  }
  if (exit) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-quick-exit]"), function (link) {
      link.addEventListener("click", leave);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" || event.key === "Esc") leave(event);
    });
  }

  var script = document.currentScript || document.querySelector('script[src$="assets/site.js"]');
  var root = script ? new URL("..", script.src) : null;
  if (root && "serviceWorker" in navigator && location.protocol !== "file:") {
    var lang = document.documentElement.lang;
    navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      if (registration.active && /^[a-z]{2}$/.test(lang)) registration.active.postMessage({ precache: lang });
    }).catch(function () {});
  }

  /* Search runs here, on the page: the words never go into a URL, the history or a server log. */
  var results = document.getElementById("search-results");
  var form = document.querySelector("form[data-search]");
  if (!results || !form) return;
  var input = document.getElementById("search-q");
  var entries = null;
  form.hidden = false;
  function show(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    results.textContent = "";
    if (!words.length) return;
    var hits = entries.filter(function (e) {
      var hay = (e.title + " " + e.text).toLowerCase();
      return words.every(function (w) { return hay.indexOf(w) !== -1; });
    });
    if (!hits.length) { results.textContent = results.getAttribute("data-none"); return; }
    var list = document.createElement("ul");
    hits.slice(0, 30).forEach(function (e) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = new URL(e.url, root).href;
      link.textContent = e.title;
      item.appendChild(link);
      list.appendChild(item);
    });
    results.appendChild(list);
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value;
    if (entries) { show(query); return; }
    fetch(results.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (data) {
      entries = data;
      show(query);
    }).catch(function () {});
  });
})();
