"""First paint from the first round trip: every page carries its CSS inline, allowed by the CSP's hash."""
from __future__ import annotations

import re
from pathlib import Path

from helpsite.paths import ROOT
from helpsite.web import csp
from helpsite.web.critical_css import _selector_used, _Tokens, collapse_whitespace, style_hash

STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def test_every_page_has_one_inline_style_and_no_stylesheet_link(site_dir: Path) -> None:
    styles = set()
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        where = page.relative_to(site_dir)
        assert 'rel="stylesheet"' not in html, f"{where}: a render-blocking stylesheet link"
        found = STYLE.findall(html)
        assert len(found) == 1, f"{where}: {len(found)} <style> elements"
        assert html.index("<style>") < html.index("</head>"), f"{where}: the style is not in <head>"
        styles.add(found[0])
    assert len(styles) == 1, "pages carry different CSS: the CSP allows one hash"
    css = styles.pop()
    # Material's rules that the pages need are kept; ours are kept whole, after Material's (they override it).
    assert ".md-header{" in css and ".md-sidebar--primary" in css and "[data-md-toggle=drawer]:checked" in css
    assert css.index(".md-header{") < css.index(".quick-exit{")
    assert "prefers-color-scheme:dark" in css.replace(" ", "")
    assert "@font-face" not in css and "fonts.g" not in css


def test_the_csp_allows_exactly_that_style(site_dir: Path) -> None:
    """The recorded hash is the inline style's, and every policy (pages, _headers, nginx) names it."""
    html = (site_dir / "en" / "index.html").read_text(encoding="utf-8")
    digest = style_hash(STYLE.search(html)[1])
    assert csp.STYLE_HASH_FILE.read_text(encoding="utf-8").strip() == digest
    assert f"style-src 'self' '{digest}';" in csp.policy(meta=True).replace("&#39;", "'")
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)[1].replace("&#39;", "'")
    assert f"style-src 'self' '{digest}';" in meta
    for name in ("_headers", "nginx.conf"):
        policy = re.search(r"style-src[^;\"]*", (ROOT / "deploy" / name).read_text(encoding="utf-8"))[0]
        assert policy == f"style-src 'self' '{digest}'", f"deploy/{name}: {policy}"
    assert f"'{digest}'" in (site_dir / "_headers").read_text(encoding="utf-8")


def test_unused_rules_are_dropped_and_used_ones_kept() -> None:
    used = _Tokens()
    used.feed('<div class="md-header md-grid" id="top" data-md-toggle="drawer"><a href="#">x</a></div>')
    assert _selector_used(".md-header .md-grid>a:hover", used)
    assert _selector_used("[data-md-toggle=drawer]:checked~.md-header", used)
    assert _selector_used(".md-header:not(.md-other)", used)  # a :not() never removes a rule
    assert not _selector_used(".md-search__input", used)
    assert not _selector_used(".md-header table", used)
    assert not _selector_used("#bottom", used)
    assert not _selector_used("[data-md-state=blur]", used)


def test_white_space_collapses_outside_verbatim_elements() -> None:
    html = "<p>\n    one\n\n   two</p><pre>\n  a\n\n  b</pre>"
    assert collapse_whitespace(html) == "<p>\none\ntwo</p><pre>\n  a\n\n  b</pre>"
