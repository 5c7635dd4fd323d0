/* Service worker: after one visit, that language's pages work with no connection.
   Same-origin only, no third-party code. Pages: network first (numbers stay fresh), cache as fallback.
   On the first page of a language it caches that language's core pages and assets, listed in <lang>/offline.json. */
"use strict";
var CACHE = "help-pages-v1";
var ROOT = new URL("./", self.location).pathname;

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function languageOf(pathname) {
  var rest = pathname.slice(ROOT.length);
  var match = /^([a-z]{2})\//.exec(rest);
  return match ? match[1] : null;
}

function precache(lang) {
  return caches.open(CACHE).then(function (cache) {
    var listUrl = ROOT + lang + "/offline.json";
    return cache.match(listUrl).then(function (seen) {
      if (seen) return;
      return fetch(listUrl).then(function (response) {
        if (!response.ok) return;
        return response.clone().json().then(function (pages) {
          var urls = pages.map(function (p) { return ROOT + p; });
          return cache.addAll(urls).then(function () { return cache.put(listUrl, response); });
        });
      });
    });
  }).catch(function () {});
}

self.addEventListener("message", function (event) {
  if (event.data && typeof event.data.precache === "string") event.waitUntil(precache(event.data.precache));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith(
    fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
      }
      if (request.mode === "navigate") {
        var lang = languageOf(url.pathname);
        if (lang) event.waitUntil(precache(lang));
      }
      return response;
    }).catch(function () {
      return caches.match(request, { ignoreSearch: true }).then(function (hit) {
        return hit || caches.match(ROOT + (languageOf(url.pathname) || "en") + "/");
      });
    })
  );
});
