"""The Content-Security-Policy, kept in ONE place.

The build puts it into every page as <meta http-equiv> (GitHub Pages cannot send headers) and into
site/_headers; deploy/_headers and deploy/nginx.conf must carry the same text (a test checks).
A hash of an inline <style> (critical CSS) is added with ``policy(style_hashes=[...])``.
"""
from __future__ import annotations

from collections.abc import Iterable

# Only the site itself: no inline script, no other host, no frames, no plugins.
DIRECTIVES: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "worker-src": ("'self'",),
    "manifest-src": ("'self'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
    "frame-ancestors": ("'none'",),
    "object-src": ("'none'",),
}

# Browsers ignore these in a <meta> policy (and say so in the console): they stay header-only.
HEADER_ONLY = ("frame-ancestors", "report-uri", "sandbox")

_style_hashes: list[str] = []


def add_style_hash(digest: str) -> None:
    """Allow one inline <style> by its CSP hash ('sha256-…'), for every page of this build."""
    if digest not in _style_hashes:
        _style_hashes.append(digest)


def policy(style_hashes: Iterable[str] = (), *, meta: bool = False) -> str:
    parts = []
    hashes = [f"'{h}'" for h in [*_style_hashes, *style_hashes]]
    for name, values in DIRECTIVES.items():
        if meta and name in HEADER_ONLY:
            continue
        if name == "style-src":
            values = (*values, *hashes)
        parts.append(f"{name} {' '.join(values)}")
    return "; ".join(parts)


def parse(text: str) -> dict[str, tuple[str, ...]]:
    """A policy string as {directive: values} (for checks)."""
    out: dict[str, tuple[str, ...]] = {}
    for part in text.split(";"):
        words = part.split()
        if words:
            out.setdefault(words[0].lower(), tuple(words[1:]))
    return out


def style_hashes(text: str) -> set[str]:
    return {v.strip("'") for v in parse(text).get("style-src", ()) if v.strip("'").startswith("sha")}
