"""deploy/nginx.conf and deploy/_headers: the security headers reach the browser, the pre-compressed
files are served, and the Content-Security-Policy breaks nothing.

Debian's nginx runs in the foreground (one process, no privilege drop) on a free 127.0.0.1 port, with a
temporary prefix and our snippet included in a minimal server block. Chromium loads the pages through it
and listens for CSP violations (the `securitypolicyviolation` event and console errors).
"""
from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpsite import nginx as local_nginx
from helpsite.paths import ROOT
from tests.browser.test_browser_pages import CACHE_FILLED_JS
from tests.browser.conftest import LANGS, QUICK_EXIT_URL, browser, new_context, site_dir  # noqa: F401 - fixtures

SNIPPET = local_nginx.SNIPPET
HEADERS_FILE = ROOT / "deploy" / "_headers"

pytestmark = [pytest.mark.nginx, pytest.mark.xdist_group(name="nginx")]

REQUIRED = {
    "content-security-policy": None,  # checked directive by directive below
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
}
CSP_DIRECTIVES = {
    "default-src": "'self'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "object-src": "'none'",
}


@pytest.fixture(scope="module")
def nginx(site_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """The built site behind Debian's nginx with deploy/nginx.conf (helpsite.nginx)."""
    try:
        with local_nginx.serve(site_dir, tmp_path_factory.mktemp("nginx")) as base:
            yield base
    except local_nginx.NginxError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")
def base_url(nginx: str) -> str:
    """The browser fixtures' site address: here, nginx."""
    return nginx


def _get(url: str, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip" if gzip_ok else "identity"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def _csp(value: str) -> dict[str, str]:
    out = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            out[words[0]] = " ".join(words[1:])
    return out


def _assert_security_headers(headers: dict[str, str], where: str) -> None:
    for name, value in REQUIRED.items():
        assert name in headers, f"{where}: no {name} header"
        if value:
            assert headers[name] == value, f"{where}: {name}: {headers[name]}"
    csp = _csp(headers["content-security-policy"])
    for directive, value in CSP_DIRECTIVES.items():
        assert csp.get(directive) == value, f"{where}: CSP {directive} is {csp.get(directive)!r}"
    for directive, sources in csp.items():
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, f"{where}: {directive} {sources}"
        assert "*" not in sources.split() and "http:" not in sources and "https:" not in sources, f"{where}: {directive}"
    policy = headers.get("permissions-policy", "")
    for feature in ("geolocation=()", "camera=()", "microphone=()"):
        assert feature in policy, f"{where}: Permissions-Policy lacks {feature}"
    assert re.match(r"max-age=\d{7,}", headers.get("strict-transport-security", "")), f"{where}: HSTS"


@pytest.mark.parametrize(
    "path",
    ["", "en/", "th/get-help-near-you/", "zh/near-you/tokyo/", "assets/site.css", "assets/site.js", "sw.js",
     "es/search.json", "sitemap.xml", "assets/favicon.svg"],
)
def test_security_headers_and_precompressed_files(nginx: str, site_dir: Path, path: str) -> None:
    status, headers, body = _get(nginx + path)
    assert status == 200, f"/{path}: {status}"
    _assert_security_headers(headers, f"/{path}")
    file = site_dir / path / "index.html" if path == "" or path.endswith("/") else site_dir / path
    if file.with_name(file.name + ".gz").exists():
        assert headers.get("content-encoding") == "gzip", f"/{path}: the .gz file was not sent"
        assert "accept-encoding" in headers.get("vary", "").lower()
        assert gzip.decompress(body) == file.read_bytes()
        assert body == file.with_name(file.name + ".gz").read_bytes(), "nginx compressed again instead of .gz"
        status, headers, body = _get(nginx + path, gzip_ok=False)
        assert "content-encoding" not in headers and body == file.read_bytes(), f"/{path} without gzip"
    else:
        assert body == file.read_bytes()


def test_service_worker_is_never_cached_stale(nginx: str) -> None:
    _, headers, _ = _get(nginx + "sw.js")
    assert headers.get("cache-control") == "no-cache"
    assert headers.get("content-type", "").startswith(("application/javascript", "text/javascript"))


def test_missing_page_is_a_404_with_the_headers(nginx: str) -> None:
    status, headers, body = _get(nginx + "en/no-such-page/", gzip_ok=False)
    assert status == 404
    _assert_security_headers(headers, "404")
    assert b"quick-exit" in body


def _headers_file() -> dict[str, dict[str, str]]:
    blocks: dict[str, dict[str, str]] = {}
    current = None
    for line in HEADERS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = blocks.setdefault(line.strip(), {})
        else:
            name, _, value = line.strip().partition(":")
            current[name.strip().lower()] = value.strip()
    return blocks


def test_headers_file_matches_the_nginx_snippet(nginx: str) -> None:
    """deploy/_headers (Netlify, Cloudflare Pages) sends exactly what nginx sends."""
    blocks = _headers_file()
    assert "/*" in blocks
    _assert_security_headers(blocks["/*"], "deploy/_headers")
    _, served, _ = _get(nginx + "en/")
    for name, value in blocks["/*"].items():
        assert served.get(name) == value, f"deploy/_headers and deploy/nginx.conf differ on {name}"
    assert blocks["/sw.js"]["cache-control"] == "no-cache"


CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber);
});
"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_csp_breaks_nothing_in_chromium(nginx: str, new_context, lang: str) -> None:
    context, recorder = new_context(service_workers="allow")
    context.add_init_script(CSP_LISTENER)
    exit_host = QUICK_EXIT_URL.split("/")[2]
    context.route(re.compile(rf"^https://{re.escape(exit_host)}/.*"),
                  lambda r: r.fulfill(body="<title>Weather</title>", content_type="text/html"))
    console: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))

    paths = ["", f"{lang}/", f"{lang}/get-help-near-you/", f"{lang}/near-you/tokyo/", f"{lang}/show-an-officer/",
             f"{lang}/search/"]
    for path in paths:
        response = page.goto(nginx + path)
        assert response is not None and response.ok
        headers = response.all_headers()
        assert "content-security-policy" in headers and headers["referrer-policy"] == "no-referrer"
        if path == f"{lang}/":
            # The service worker registers and fills its cache under the policy (worker-src, connect-src).
            assert page.evaluate(CACHE_FILLED_JS, lang), "the service worker did not fill its cache"
        if path.startswith(f"{lang}/search/"):
            # Search runs on the page (no words in the URL): fetch() of search.json is allowed.
            page.locator("#search-q").fill("110")
            page.locator("#search-q").press("Enter")
            page.locator("#search-results a").first.wait_for(state="visible")
        violations = page.evaluate("window.__cspViolations")
        assert violations == [], f"/{path}: CSP violations: {violations}"
    csp_console = [line for line in console if "Content Security Policy" in line or "Refused to" in line]
    assert csp_console == [], "\n".join(csp_console)
    assert [line for line in console if line.startswith(("error", "pageerror"))] == []

    # The quick exit's script runs under the policy: Shift three times leaves with location.replace.
    page.goto(nginx + f"{lang}/report/")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(QUICK_EXIT_URL)
    # Only the quick-exit address left the page, answered by the test's route, never fetched.
    assert all(url.startswith(QUICK_EXIT_URL) for url in recorder.foreign()), recorder.foreign()
