/* Service worker: after one visit, that language's pages work with no connection.
   Same-origin only, no third-party code. Pages: network first (numbers stay fresh), cache as fallback.
   - The cache is named after the build (VERSION, written by helpsite/build.py): a new build empties the
     old cache on activate and saves the same languages again, so an old phone number cannot outlive it.
   - Only the pages listed in <lang>/offline.json are kept (within a size budget); other pages visited
     (a prefecture, a search) never enter the cache, and a URL with a query string is never stored.
   - A page served from the cache says when it was saved (partials/saved-copy.html). */
"use strict";
var VERSION = "__BUILD_VERSION__";
var BUDGET = Number("__PRECACHE_BUDGET__") || 2000000; /* bytes per language */
var PREFIX = "help-pages-";
var CACHE = PREFIX + VERSION;
var SAVED_AT = "x-help-saved-at";
var ROOT = new URL("./", self.location).pathname;

function languageOf(pathname) {
  var rest = pathname.slice(ROOT.length);
  var match = /^([a-z]{2,3}(?:-[a-z]+)?)\//.exec(rest);
  return match ? match[1] : null;
}

function stamped(response) {
  /* A copy of the response that remembers when it was saved. */
  return response.blob().then(function (body) {
    var headers = new Headers(response.headers);
    headers.set(SAVED_AT, new Date().toISOString());
    return { body: body, response: new Response(body, { status: response.status, statusText: response.statusText, headers: headers }) };
  });
}

function precache(lang) {
  return caches.open(CACHE).then(function (cache) {
    var listUrl = ROOT + lang + "/offline.json";
    return cache.match(listUrl).then(function (seen) {
      if (seen) return;
      return fetch(listUrl, { cache: "no-cache" }).then(function (list) {
        if (!list.ok) return;
        return list.clone().json().then(function (pages) {
          var used = 0;
          /* One at a time, within the budget: a huge page is left out, not downloaded on a first visit. */
          return pages.reduce(function (chain, page) {
            return chain.then(function () {
              return fetch(ROOT + page, { cache: "no-cache" }).then(function (response) {
                if (!response.ok || response.redirected) return;
                var size = Number(response.headers.get("content-length") || 0);
                if (used + size > BUDGET) return;
                return stamped(response).then(function (copy) {
                  used += copy.body.size;
                  if (used > BUDGET) return;
                  return cache.put(ROOT + page, copy.response);
                });
              });
            });
          }, Promise.resolve()).then(function () { return cache.put(listUrl, list); });
        });
      });
    });
  }).catch(function () {});
}

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  /* Delete every older cache, then save again the languages it held (with this build's pages). */
  event.waitUntil(caches.keys().then(function (keys) {
    var old = keys.filter(function (key) { return key.indexOf(PREFIX) === 0 && key !== CACHE; });
    return Promise.all(old.map(function (key) {
      return caches.open(key).then(function (cache) { return cache.keys(); }).then(function (requests) {
        return requests.map(function (r) {
          var m = /\/([a-z]{2,3}(?:-[a-z0-9]{2,8})*)\/offline\.json$/.exec(new URL(r.url).pathname);
          return m ? m[1] : null;
        }).filter(Boolean);
      });
    })).then(function (lists) {
      var langs = [].concat.apply([], lists);
      return Promise.all(old.map(function (key) { return caches.delete(key); })).then(function () {
        return self.clients.claim();
      }).then(function () {
        return Promise.all(langs.filter(function (l, i) { return langs.indexOf(l) === i; }).map(precache));
      });
    });
  }));
});

self.addEventListener("message", function (event) {
  if (event.data && typeof event.data.precache === "string" && /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/.test(event.data.precache)) {
    event.waitUntil(precache(event.data.precache));
  }
});

function withSavedNote(response) {
  /* Show the page's hidden "saved on this phone on …" line, with the date the copy was made. */
  var saved = response.headers.get(SAVED_AT);
  var type = response.headers.get("content-type") || "";
  if (!saved || type.indexOf("text/html") !== 0) return response;
  return response.text().then(function (html) {
    var day = saved.slice(0, 10) + " " + saved.slice(11, 16) + " UTC";
    html = html.replace('<p class="saved-copy" role="status" hidden>', '<p class="saved-copy" role="status">')
      .replace("<span data-saved-at></span>", '<time data-saved-at datetime="' + saved + '">' + day + "</time>");
    return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.search) return; /* never stored, never answered from the cache */
  event.respondWith(
    fetch(request).then(function (response) {
      if (response.ok && response.type === "basic" && !response.redirected) {
        var copy = response.clone();
        /* Keep the saved copies fresh, but save nothing new: only what the offline list put there. */
        event.waitUntil(caches.open(CACHE).then(function (cache) {
          return cache.match(request).then(function (hit) {
            if (hit) return stamped(copy).then(function (s) { return cache.put(request, s.response); });
          });
        }));
      }
      if (request.mode === "navigate") {
        var lang = languageOf(url.pathname);
        if (lang) event.waitUntil(precache(lang));
      }
      return response;
    }).catch(function () {
      return caches.open(CACHE).then(function (cache) {
        return cache.match(request).then(function (hit) {
          if (hit) return withSavedNote(hit);
          if (request.mode !== "navigate") return Response.error();
          return cache.match(ROOT + (languageOf(url.pathname) || "en") + "/").then(function (home) {
            return home ? withSavedNote(home) : Response.error();
          });
        });
      });
    })
  );
});
