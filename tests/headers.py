"""The security headers every page must arrive with (deploy/nginx.conf, deploy/_headers), checked on the
nginx responses by the deploy tests and by the browser tests' one-load-per-page pass."""
from __future__ import annotations

import re

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


def csp_directives(value: str) -> dict[str, str]:
    out = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            out[words[0]] = " ".join(words[1:])
    return out


def assert_security_headers(headers: dict[str, str], where: str) -> None:
    for name, value in REQUIRED.items():
        assert name in headers, f"{where}: no {name} header"
        if value:
            assert headers[name] == value, f"{where}: {name}: {headers[name]}"
    csp = csp_directives(headers["content-security-policy"])
    for directive, value in CSP_DIRECTIVES.items():
        assert csp.get(directive) == value, f"{where}: CSP {directive} is {csp.get(directive)!r}"
    for directive, sources in csp.items():
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, f"{where}: {directive} {sources}"
        assert "*" not in sources.split() and "http:" not in sources and "https:" not in sources, f"{where}: {directive}"
    policy = headers.get("permissions-policy", "")
    for feature in ("geolocation=()", "camera=()", "microphone=()"):
        assert feature in policy, f"{where}: Permissions-Policy lacks {feature}"
    assert re.match(r"max-age=\d{7,}", headers.get("strict-transport-security", "")), f"{where}: HSTS"
