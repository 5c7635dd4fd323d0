"""The Content-Security-Policy, kept in ONE place.

The build puts it into every page as <meta http-equiv> (GitHub Pages cannot send headers) and into
site/_headers; deploy/_headers and deploy/nginx.conf must carry the same text (a test checks).
The one inline <style> of every page (helpsite/web/critical_css.py) is allowed by its hash, kept in
STYLE_HASH_FILE: the build writes it (and the deploy copies) when the CSS changes, and CI refuses a stale one.
"""
from __future__ import annotations

from collections.abc import Iterable

from helpsite.paths import ROOT

STYLE_HASH_FILE = ROOT / "deploy" / "inline-style.sha256"

# Only the site itself: no inline script, no other host, no frames, no plugins.
# Every fetch directive not named here (script-src, font-src, connect-src, worker-src, manifest-src, ...)
# falls back to default-src 'self' (CSP Level 3): naming them again with the same value cost every page
# ~100 bytes in its <meta> and ~100 in its header, when the Thai help page had 200 bytes too many for TCP's
# first window (issue 13). Name a directive here only where it differs from default-src.
DIRECTIVES: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
    "frame-ancestors": ("'none'",),
    "object-src": ("'none'",),
}

# Browsers ignore these in a <meta> policy (and say so in the console): they stay header-only.
HEADER_ONLY = ("frame-ancestors", "report-uri", "sandbox")

def committed_style_hash() -> str | None:
    """The hash ('sha256-…') of the inline style as last committed, or None."""
    if not STYLE_HASH_FILE.exists():
        return None
    return STYLE_HASH_FILE.read_text(encoding="utf-8").strip() or None


_style_hashes: list[str] = [h for h in [committed_style_hash()] if h]


def set_style_hash(digest: str) -> None:
    """This build's inline style, in place of the committed one."""
    _style_hashes[:] = [digest]


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
