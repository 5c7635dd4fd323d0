/* Small, optional enhancements. Everything works without this file.
   - Quick exit (after GOV.UK's "Exit this page"): hide the page, announce it, leave with
     location.replace. Shortcut: Shift pressed 3 times within 5 seconds (not Escape, which also closes
     dialogs, leaves full screen and stops page loads, so it fires by accident).
   - One history entry for the whole visit: links between this site's pages replace the current
     entry, so after the quick exit Back does not show any page of this site.
   - "Remove this site from this phone" on Stay safe: service worker, caches and storage.
   - The officer screen: the reader picks lines and shows them full screen.
   - Offline: register the service worker (same origin only, no third-party code).
   - Search within this language on the search page. */
(function () {
  "use strict";
  var doc = document;
  var exits = doc.querySelectorAll("[data-quick-exit]");
  var status = doc.querySelector("[data-quick-exit-status]");
  var leaving = false;

  function say(text) {
    if (status) status.textContent = text;
  }

  function leave(event) {
    if (!exits.length) return;
    if (event) event.preventDefault();
    leaving = true;
    var message = status ? status.getAttribute("data-leaving") : "";
    var cover = doc.createElement("div");
    cover.className = "quick-exit-cover";
    cover.setAttribute("role", "alert");
    cover.textContent = message;
    doc.body.appendChild(cover);
    doc.documentElement.classList.add("is-leaving");
    say(message);
    window.location.replace(exits[0].href);
  }

  Array.prototype.forEach.call(exits, function (link) { link.addEventListener("click", leave); });

  // Shift three times within 5 seconds, counted on key release so holding Shift to type does not count.
  var presses = [];
  var typing = false;
  doc.addEventListener("keydown", function (event) {
    typing = event.key !== "Shift";
  });
  doc.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || typing || !exits.length) { presses = []; return; }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 5000; });
    presses.push(now);
    Array.prototype.forEach.call(exits, function (link) { link.setAttribute("data-presses", String(presses.length)); });
    if (presses.length >= 3) { leave(null); return; }
    if (status) say(status.getAttribute(presses.length === 1 ? "data-press2" : "data-press1"));
  });

  // Back/forward cache: a page restored after leaving must not stay hidden or half-announced.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    leaving = false;
    presses = [];
    doc.documentElement.classList.remove("is-leaving");
    Array.prototype.forEach.call(doc.querySelectorAll(".quick-exit-cover"), function (c) { c.remove(); });
    say("");
  });

  // One history entry per visit: this site's links replace the page instead of adding one.
  function sameSite(url) {
    return url.origin === location.origin && (url.protocol === "http:" || url.protocol === "https:");
  }
  doc.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || link.hasAttribute("download") || (link.target && link.target !== "_self")) return;
    var url = new URL(link.href, location.href);
    if (!sameSite(url)) return;
    event.preventDefault();
    location.replace(url.href);
  });
  doc.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.method || "get").toLowerCase() !== "get") return;
    var url = new URL(form.getAttribute("action") || location.href, location.href);
    if (!sameSite(url)) return;
    event.preventDefault();
    url.search = new URLSearchParams(new FormData(form)).toString();
    location.replace(url.href);
  });

  // Help bar: if its in-language line is not open now (Japan time) and a later one is, show that one.
  // Holidays are not known here; a line whose hours the data does not give is never preferred.
  var firstLine = doc.querySelector(".help-bar__line");
  var alternatives = doc.querySelectorAll("template[data-help-alt]");
  if (firstLine && alternatives.length) {
    var japan = new Date(Date.now() + 9 * 3600 * 1000);  // read with the UTC getters: Japan has no DST
    var weekday = (japan.getUTCDay() + 6) % 7;          // 0 = Monday, as in the data
    var minute = japan.getUTCHours() * 60 + japan.getUTCMinutes();
    var toMinutes = function (hhmm) { var p = hhmm.split(":"); return Number(p[0]) * 60 + Number(p[1]); };
    var openNow = function (link) {
      var hours = null;
      try { hours = JSON.parse(link.getAttribute("data-hours") || "null"); } catch (e) { return false; }
      if (!hours) return false;
      if (hours.always) return true;
      return hours.rules.some(function (rule) {
        if (!rule[0] || rule[0].indexOf(weekday) === -1) return false;
        return rule[1].some(function (range) {
          var from = toMinutes(range[0]), to = toMinutes(range[1]);
          return to > from ? minute >= from && minute < to : minute >= from || minute < to;
        });
      });
    };
    if (!openNow(firstLine)) {
      for (var i = 0; i < alternatives.length; i++) {
        var candidate = alternatives[i].content.querySelector("a");
        if (candidate && openNow(candidate)) {
          var shown = candidate.cloneNode(true);
          shown.setAttribute("data-open-now", "");
          firstLine.replaceWith(shown);
          break;
        }
      }
    }
  }

  // "Remove this site from this phone": the service worker, its caches and any storage of this site.
  var removeBox = doc.querySelector("[data-remove-site]");
  var removed = false;
  if (removeBox) {
    var button = removeBox.querySelector("[data-remove-button]");
    var result = removeBox.querySelector("[data-remove-status]");
    var nojs = removeBox.querySelector("[data-remove-nojs]");
    if (nojs) nojs.hidden = true;
    button.hidden = false;
    button.addEventListener("click", function () {
      removed = true;
      button.disabled = true;
      var failed = false;
      var steps = [];
      if ("serviceWorker" in navigator) {
        steps.push(navigator.serviceWorker.getRegistrations().then(function (regs) {
          return Promise.all(regs.map(function (r) { return r.unregister(); }));
        }));
      }
      if (window.caches) {
        steps.push(caches.keys().then(function (keys) {
          return Promise.all(keys.map(function (k) { return caches.delete(k); }));
        }));
      }
      try { localStorage.clear(); sessionStorage.clear(); } catch (e) { failed = true; }
      Promise.all(steps.map(function (p) { return p.catch(function () { failed = true; }); })).then(function () {
        // A response the service worker was still storing may land after the first pass: sweep again.
        return window.caches ? caches.keys().then(function (keys) {
          return Promise.all(keys.map(function (k) { return caches.delete(k); }));
        }) : null;
      }).then(function () {
        result.textContent = (failed ? result.getAttribute("data-failed") : result.getAttribute("data-done"))
          + " " + result.getAttribute("data-left");
        removeBox.setAttribute("data-removed", failed ? "partly" : "yes");
        button.disabled = false;
      });
    });
  }

  // The officer screen: without JavaScript every line shows; with it, the reader picks the lines.
  var officer = doc.querySelector("[data-officer]");
  if (officer) {
    var choose = officer.querySelector("[data-officer-choose]");
    var panel = officer.querySelector("[data-officer-panel]");
    var close = officer.querySelector("[data-officer-close]");
    var opener = officer.querySelector("[data-officer-open]");
    var needs = officer.querySelectorAll("[data-officer-need]");
    var sync = function () {
      Array.prototype.forEach.call(needs, function (box) {
        var line = panel.querySelector('[data-need="' + box.value + '"]');
        if (line) line.hidden = !box.checked;
      });
    };
    choose.hidden = false;
    Array.prototype.forEach.call(needs, function (box) { box.addEventListener("change", sync); });
    sync();
    var full = function (on) {
      panel.classList.toggle("officer-panel--full", on);
      doc.documentElement.classList.toggle("has-officer-screen", on);
      close.hidden = !on;
      if (on) panel.focus(); else opener.focus();
    };
    opener.addEventListener("click", function () { full(true); });
    close.addEventListener("click", function () { full(false); });
  }

  var script = doc.currentScript || doc.querySelector('script[src$="assets/site.js"]');
  var root = script ? new URL("..", script.src) : null;
  if (root && "serviceWorker" in navigator && location.protocol !== "file:") {
    /* The language's folder (ja-easy/ is lang="ja"); on the chooser, its lang attribute. */
    var folder = location.pathname.slice(root.pathname.length).split("/")[0];
    var lang = folder || doc.documentElement.lang;
    navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      if (removed || leaving) return;
      if (registration.active && /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/.test(lang)) registration.active.postMessage({ precache: lang });
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
    var list = doc.createElement("ul");
    hits.slice(0, 30).forEach(function (e) {
      var item = doc.createElement("li");
      var link = doc.createElement("a");
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
