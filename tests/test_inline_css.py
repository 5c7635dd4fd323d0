"""First paint from the first round trip (issue 13): every page carries the CSS of its first screen inline, the
same bytes everywhere (the CSP allows them by one hash), and links the whole stylesheet, one file named after
its content, at the end of <body>, where it does not hold the first paint; the service worker saves that file."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from helpsite.paths import ROOT
from helpsite.web import csp
from helpsite.web.critical_css import (
    FIRST_PAINT_BUDGET, FIRST_PAINT_PAGES, _on_first_screen, _selector_used, _Tokens, collapse_whitespace,
    critical_css, first_paint_bytes, linked_file, style_hash,
)

STYLE = re.compile(r"<style>(.*?)</style>", re.S)
LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)">')
WHOLE = re.compile(r"assets/stylesheets/site\.([0-9a-f]{10})\.css$")


def _pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def _whole_file(site_dir: Path) -> Path:
    found = sorted((site_dir / "assets" / "stylesheets").glob("site.*.css"))
    assert len(found) == 1, f"one stylesheet file, not {[p.name for p in found]}"
    return found[0]


CHOOSER = ("index.html", "404.html")  # chooser.html: its own layout, outside the critical style


def test_every_page_has_the_same_inline_style_in_head_and_the_stylesheet_link_at_the_end(site_dir: Path) -> None:
    styles = set()
    whole = _whole_file(site_dir)
    for page in _pages(site_dir):
        html = page.read_text(encoding="utf-8")
        where = page.relative_to(site_dir)
        head, body = html.split("</head>", 1)
        if where.as_posix() in CHOOSER:
            assert "<style>" not in html and not LINK.search(body), f"{where}: chooser pages link the file in <head>"
            links = LINK.findall(head)
            assert len(links) == 1 and links[0].endswith(whole.name), f"{where}: {links}"
            continue
        found = STYLE.findall(html)
        assert len(found) == 1 and "<style>" in head, f"{where}: {len(found)} <style> elements, or not in <head>"
        styles.add(found[0])
        assert not LINK.search(head), f"{where}: a render-blocking stylesheet link in <head>"
        links = LINK.findall(body)
        assert len(links) == 1, f"{where}: {len(links)} stylesheet links in <body>"
        end = body.rindex("</body>")
        assert body[:end].rstrip().endswith(f'<link rel="stylesheet" href="{links[0]}">'), \
            f"{where}: the stylesheet link is not the last thing in <body>"
        assert linked_file(site_dir, page, links[0]) == whole.resolve(), f"{where}: links {links[0]}, not {whole.name}"
    assert len(styles) == 1, "pages carry different inline CSS: the CSP allows one hash"


def test_the_stylesheet_file_is_the_whole_css_named_after_its_content(site_dir: Path) -> None:
    whole = _whole_file(site_dir)
    css = whole.read_text(encoding="utf-8")
    assert WHOLE.search(whole.as_posix())[1] == hashlib.sha256(css.encode("utf-8")).hexdigest()[:10]
    # Material's rules that the pages use are kept; ours whole, after Material's (they override it).
    assert ".md-header{" in css and ".md-sidebar--primary" in css and "[data-md-toggle=drawer]:checked" in css
    assert css.index(".md-header{") < css.index(".quick-exit{")
    assert "prefers-color-scheme:dark" in css.replace(" ", "")
    assert "@font-face" not in css and "fonts.g" not in css
    assert "[data-md-color-primary=black]" not in css  # attribute values no page has: Material's other palettes
    assert (whole.parent / (whole.name + ".gz")).exists(), "no .gz copy for gzip_static"
    # The inline style is a part of it, in its order: the critical rules come first, then all of them again.
    inline = STYLE.search((site_dir / "en" / "index.html").read_text(encoding="utf-8"))[1]
    assert inline == critical_css(css)
    assert len(inline) < len(css) / 2


def test_the_inline_style_paints_the_first_screen_in_both_schemes(site_dir: Path) -> None:
    inline = STYLE.search((site_dir / "en" / "index.html").read_text(encoding="utf-8"))[1]
    for needed in (".md-header{", ".quick-exit{", ".help-bar{", ".md-typeset h1{", ".emergency{", "a.place{",
                   ".md-sidebar--primary{", ".visually-hidden{", ".md-select__inner{", ":focus-visible{"):
        assert needed in inline, needed
    assert "prefers-color-scheme:dark" in inline.replace(" ", "") and "--help-ink:#e3e6ee" in inline
    # Nothing of what a reader's touch or the script brings, nor print.
    for absent in (":hover", ":focus{", ":checked", "@media print", ".search-form", "transition:", "@keyframes",
                   ".chooser__", ".md-footer"):
        assert absent not in inline, absent


def test_the_service_worker_saves_the_stylesheet_file(site_dir: Path) -> None:
    name = _whole_file(site_dir).relative_to(site_dir).as_posix()
    lists = sorted(site_dir.glob("*/offline.json"))
    assert len(lists) >= 2
    for path in lists:
        entries = json.loads(path.read_text(encoding="utf-8"))
        assert name in entries, f"{path.relative_to(site_dir)} does not list {name}"
        assert "assets/site.js" in entries


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


@pytest.mark.parametrize("path", FIRST_PAINT_PAGES)
def test_first_paint_fits_one_round_trip(site_dir: Path, path: str) -> None:
    """The HTML with its inline style, gzip -9 (what the build's .gz holds), plus any blocking CSS or script."""
    size = first_paint_bytes(site_dir, path)
    assert size <= FIRST_PAINT_BUDGET, (
        f"{path}: the first paint waits for {size} gzip bytes, over {FIRST_PAINT_BUDGET} (14 kB). "
        "Fix: fewer rules on the first screen (helpsite/web/critical_css.py FIRST_SCREEN_*), or fewer bytes in the page")
    assert size == len((site_dir / path / "index.html.gz").read_bytes())  # nothing else blocks; the .gz is that


def test_unused_rules_are_dropped_and_used_ones_kept() -> None:
    used = _Tokens()
    used.feed('<div class="md-header md-grid" id="top" data-md-toggle="drawer" dir="ltr"><a href="#">x</a></div>')
    assert _selector_used(".md-header .md-grid>a:hover", used)
    assert _selector_used("[data-md-toggle=drawer]:checked~.md-header", used)
    assert _selector_used(".md-header:not(.md-other)", used)  # a :not() never removes a rule
    assert _selector_used('[dir="ltr"] .md-header', used)
    assert not _selector_used(".md-search__input", used)
    assert not _selector_used(".md-header table", used)
    assert not _selector_used("#bottom", used)
    assert not _selector_used("[data-md-state=blur]", used)
    assert not _selector_used("[data-md-toggle=search]:checked~.md-header", used)  # a value no page has
    assert not _selector_used("[dir=rtl] .md-header", used)
    assert not _selector_used('a[href$="#only-dark"]', used)


def test_first_screen_rules_are_the_still_first_frame() -> None:
    assert _on_first_screen(".md-header .quick-exit")
    assert _on_first_screen("[dir=rtl] .md-typeset ul li")
    assert _on_first_screen(":focus-visible")  # a keyboard reader may press Tab at once
    assert _on_first_screen(".search-form[hidden]") is False  # the search form is shown by site.js
    assert not _on_first_screen(".md-typeset a.tile")  # below the first screen on every page
    assert not _on_first_screen(".quick-exit:hover")
    assert not _on_first_screen("[data-md-toggle=drawer]:checked~.md-overlay")
    assert not _on_first_screen(".md-typeset ul li ol")  # a list in a list
    assert not _on_first_screen(".md-typeset table")
    assert not _on_first_screen(".quick-exit[data-presses=\"1\"]")
    css = ".a{color:red}@media print{.md-header{color:blue}}.md-header{transition:color 1s;color:#fff}"
    assert critical_css(css) == ".md-header{color:#fff}"


def test_white_space_collapses_outside_verbatim_elements() -> None:
    html = "<p>\n    one\n\n   two</p><pre>\n  a\n\n  b</pre>"
    assert collapse_whitespace(html) == "<p>\none\ntwo</p><pre>\n  a\n\n  b</pre>"
    # Between two tags, a line break goes when one of them is a block's; between inline elements it stays.
    html = "<ul>\n  <li><a href=x>a</a>\n<a>b</a></li>\n</ul>\n<span>x</span>\n<span>y</span>"
    assert collapse_whitespace(html) == "<ul><li><a href=x>a</a>\n<a>b</a></li></ul><span>x</span>\n<span>y</span>"
