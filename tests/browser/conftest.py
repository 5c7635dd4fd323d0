"""Browser fixtures: the built site/ served by nginx on 127.0.0.1, and Debian's Chromium driven by Playwright.

One browser per xdist worker (session scope), and one page per worker that walks from URL to URL (PageWalk,
the `page` fixture); a test that needs a state of its own (a service worker, JavaScript off, its own history)
makes a fresh context with `new_context`. Every request a context makes is recorded, and requests to any
host other than the local server are answered by nobody: the browser resolves no other name.
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import pytest

from helpsite import languages
from helpsite import nginx as local_nginx
from helpsite.paths import MKDOCS_YML

# Debian's chromium-headless-shell: the same engine as the chromium package without the desktop browser
# around it. With PageWalk, a page of the page pass costs 1.2 CPU-s instead of 2.8 in the full browser's
# headless mode with a new context per page (scripts/bench_browser.py, in `make bench`).
CHROMIUM = "/usr/lib/chromium/chromium-headless-shell"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Nothing may leave the machine: every host name except the loopback address fails to resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    # V8 stops at its mid tier (Maglev): each page compiles axe-core afresh, and the top tier's background
    # compiling cost more CPU than it saved (measured: 0.98 -> 0.90 CPU-s per page of the page pass).
    "--js-flags=--max-opt=2",
]
PHONE = {"width": 360, "height": 740}

# Fonts are pinned for the browser, so that this machine's installed fonts cannot change a layout result:
# "noto" (every test) and "dejavu", a much wider Latin sans-serif (the layout tests run in both).
FONTS = Path(__file__).parent / "fonts"
FONT_SETUPS = ("noto", "dejavu")


def launch_chromium(playwright, fonts: str = "noto"):
    """Debian's Chromium with one of the pinned font setups (tests/browser/fonts/<fonts>.conf)."""
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS / f"{fonts}.conf")}
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, env=env)

LANGS = languages.codes()
QUICK_EXIT_URL = languages.load_mkdocs_config(MKDOCS_YML)["extra"]["quick_exit_url"]

# The ten core pages (site paths under /<lang>/), in nav order.
CORE_PAGES = [
    "",
    "am-i-a-victim/",
    "your-rights/",
    "get-help-near-you/",
    "report/",
    "check-a-number/",
    "stay-safe/",
    "leaving-safely/",
    "show-an-officer/",
    "leaflets/",
    "about/",
]
# Every page template: the ten pages, one prefecture page and the search page.
TEMPLATE_PAGES = [*CORE_PAGES, "near-you/tokyo/", "search/"]


def all_template_urls() -> list[str]:
    """Site paths of every page template in every language, plus the '/' chooser and the 404 page."""
    urls = ["", "404.html"]
    for lang in LANGS:
        urls += [f"{lang}/{page}" for page in TEMPLATE_PAGES]
    urls.append("en/translation-status/")
    urls += _edition_page()
    return urls


def _edition_page() -> list[str]:
    """One "is this leaflet still current?" page (issue 12; all share one template): a recorded edition."""
    from helpsite.leaflets import editions

    records = [r for r in editions.load_all() if r.format == "a4" and r.edition == "national"]
    return [editions.page_path(records[-1])] if records else []


# Browser tests are in no xdist group: each process has its own Chromium (the browser fixture), and single
# tests spread over the processes more evenly than two large groups would.
def lang_params(*extra_marks: pytest.MarkDecorator) -> list:
    return [pytest.param(lang, id=lang, marks=list(extra_marks)) for lang in LANGS]


def url_params() -> list:
    return [pytest.param(url, id=url or "chooser") for url in all_template_urls()]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def end_headers(self) -> None:
        # No HTTP caching between tests: each context starts empty anyway; the service worker keeps its own.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


class StaticServer:
    """A threaded static file server on 127.0.0.1 (a free port): for tests that switch their own server off."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self) -> StaticServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def site_dir(site_dir: Path) -> Path:
    """The real site/ (tests/conftest.py); HELPSITE_TEST_SITE=<folder> points the browser tests elsewhere."""
    other = os.environ.get("HELPSITE_TEST_SITE")
    return Path(other).resolve() if other else site_dir


@pytest.fixture(scope="session")
def site_server(site_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """The built site behind Debian's nginx with deploy/nginx.conf (helpsite.nginx), as a host serves it:
    every browser test runs under the CSP *header*, the other security headers and gzip_static."""
    try:
        with local_nginx.serve(site_dir, tmp_path_factory.mktemp("nginx")) as base:
            yield base
    except local_nginx.NginxError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def base_url(site_server: str) -> str:
    return site_server


@pytest.fixture(scope="session")
def browser():
    """One Chromium per worker process, even when another test module imports this fixture too."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make setup` (Debian package chromium-headless-shell).")
    shared = _shared()
    if shared["users"] == 0:
        from playwright.sync_api import sync_playwright

        shared["pw"] = sync_playwright().start()
        shared["browser"] = launch_chromium(shared["pw"])
    shared["users"] += 1
    yield shared["browser"]
    shared["users"] -= 1
    if shared["users"] == 0:
        shared["browser"].close()
        shared["pw"].stop()


def _shared() -> dict:
    from tests.browser.shared import STATE

    return STATE


@dataclass
class Recorder:
    """Every request a context made, and every one to another host than the site; every CSP refusal and
    uncaught script error its pages reported (checked after every browser test, see new_context)."""

    site_origin: str
    requests: list[str] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)

    def record(self, request) -> None:
        self.requests.append(request.url)

    def console(self, message) -> None:
        if message.type == "error" and ("Content Security Policy" in message.text or "Refused to" in message.text):
            self.refusals.append(f"{message.page.url if message.page else '?'}: {message.text}")

    def web_error(self, error) -> None:
        self.refusals.append(f"{error.page.url if error.page else '?'}: uncaught {error.error}")

    def foreign(self) -> list[str]:
        out = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in {"data", "blob", "about"}:
                continue
            if f"{parts.scheme}://{parts.netloc}" != self.site_origin:
                out.append(url)
        return out


PHONE_CONTEXT = {
    "viewport": PHONE,
    "device_scale_factor": 1,
    "is_mobile": True,
    "has_touch": True,
    "service_workers": "block",
    "locale": "en-US",
}


def _phone_context(browser, site: str, **options):
    """A phone-size context whose requests, CSP refusals and script errors a Recorder keeps."""
    context = browser.new_context(**{**PHONE_CONTEXT, **options})
    context.set_default_timeout(10_000)
    recorder = Recorder(site.rstrip("/"))
    context.on("request", recorder.record)
    context.on("console", recorder.console)
    context.on("weberror", recorder.web_error)
    return context, recorder


@pytest.fixture
def new_context(browser, base_url: str):
    """Make a fresh phone-size context: new_context(**playwright_options) -> (context, recorder)."""
    made = []

    def make(**options):
        context, recorder = _phone_context(browser, options.get("base_url", base_url), **options)
        made.append((context, recorder))
        return context, recorder

    yield make
    refusals = [line for _, recorder in made for line in recorder.refusals]
    for context, _ in made:
        context.close()
    # Every page of every browser test ran under the CSP header (nginx): nothing may have been refused.
    assert refusals == [], "CSP refusals or script errors:\n" + "\n".join(refusals)


# Every violation of the page's own CSP, as the page saw it (read back as window.__cspViolations).
CSP_LISTENER_JS = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"""


class PageWalk:
    """One page that a worker process walks from URL to URL, for the passes that load every page template in
    every language. A new context per page cost 2.4 times the CPU (a renderer process started, fonts loaded
    and scripts compiled again each time); the site keeps no state a later page could see (no cookie, no
    storage: test_privacy_and_offline_after_one_visit), and each use starts from the same viewport and
    colour scheme."""

    def __init__(self, browser, site: str, setup: Callable | None = None, **options) -> None:
        """options: Playwright's new_context options; setup(context): routes and the like, once per context."""
        self.browser, self.site, self.setup, self.options = browser, site, setup, options
        self.context = None

    def fresh(self):
        """The page, reset for the next test; a new context if the last one crashed or was closed."""
        if self.context is None or self.page.is_closed():
            if self.context is not None:
                self.context.close()
            self.context, self.recorder = _phone_context(self.browser, self.site, **self.options)
            self.context.add_init_script(CSP_LISTENER_JS)
            if self.setup:
                self.setup(self.context)
            self.page = self.context.new_page()
        self.recorder.refusals.clear()
        self.page.set_viewport_size(self.options.get("viewport", PHONE))
        self.page.emulate_media(color_scheme="light", reduced_motion="no-preference")
        return self.page

    def refusals(self) -> list[str]:
        return list(self.recorder.refusals)

    def close(self) -> None:
        if self.context is not None:
            self.context.close()


@pytest.fixture(scope="session")
def page_walk(browser, base_url: str):
    walk = PageWalk(browser, base_url)
    yield walk
    walk.close()


def walked(walk: PageWalk):
    """Fixture body: the walk's page, reset; like new_context, the test fails on any CSP refusal or uncaught
    script error on it."""
    page = walk.fresh()
    yield page
    assert walk.refusals() == [], "CSP refusals or script errors:\n" + "\n".join(walk.refusals())


@pytest.fixture
def page(page_walk: PageWalk):
    """A phone-size page (360 x 740) with JavaScript on and no service worker: the worker's walking page."""
    yield from walked(page_walk)
