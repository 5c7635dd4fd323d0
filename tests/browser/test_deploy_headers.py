"""deploy/nginx.conf and deploy/_headers: the security headers are sent, the pre-compressed files are served.

Debian's nginx runs in the foreground (one process, no privilege drop) on a free 127.0.0.1 port, with a
temporary prefix and our snippet included in a minimal server block (helpsite.nginx). It is the browser tests'
server too, so that every page of every browser test runs under the CSP header and nothing may be refused
(tests/browser/conftest.py checks each context's console; test_page_accessibility checks each page's headers).
"""
from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpsite import nginx as local_nginx
from helpsite.paths import ROOT
from tests.headers import assert_security_headers

SNIPPET = local_nginx.SNIPPET
HEADERS_FILE = ROOT / "deploy" / "_headers"

pytestmark = [pytest.mark.nginx, pytest.mark.xdist_group(name="nginx")]


@pytest.fixture(scope="module")
def nginx(site_server: str) -> str:
    """The built site behind Debian's nginx with deploy/nginx.conf: the browser tests' server (one per worker)."""
    return site_server


def _get(url: str, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip" if gzip_ok else "identity"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


@pytest.mark.parametrize(
    "path",
    ["", "en/", "th/get-help-near-you/", "zh/near-you/tokyo/", "assets/site.css", "assets/site.js", "sw.js",
     "es/search.json", "sitemap.xml", "assets/favicon.svg"],
)
def test_security_headers_and_precompressed_files(nginx: str, site_dir: Path, path: str) -> None:
    status, headers, body = _get(nginx + path)
    assert status == 200, f"/{path}: {status}"
    assert_security_headers(headers, f"/{path}")
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
    assert_security_headers(headers, "404")
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
    assert_security_headers(blocks["/*"], "deploy/_headers")
    _, served, _ = _get(nginx + "en/")
    for name, value in blocks["/*"].items():
        assert served.get(name) == value, f"deploy/_headers and deploy/nginx.conf differ on {name}"
    assert blocks["/sw.js"]["cache-control"] == "no-cache"
