"""The first screen is painted by the inline style alone (issue 13): at 360 x 640, in both colour schemes, a page
looks the same before its stylesheet file has come as after. JavaScript is off in both loads: that is the first
frame (site.js is deferred, and Chromium runs it only after the stylesheet linked before </body> has come).
A difference means the first screen uses a rule that helpsite/web/critical_css.py does not inline: add its
class to FIRST_SCREEN_CLASSES (the PNGs of a failure are left in the test's tmp_path)."""
from __future__ import annotations

from pathlib import Path

import pytest


pytestmark = pytest.mark.browser

FIRST_SCREEN = {"width": 360, "height": 640}
STYLESHEET = "**/assets/stylesheets/site.*.css"
# The three pages, right to left, Easy Japanese (readings over the kanji), and a page whose first
# screen is the officer panel. (The chooser at '/' links the stylesheet file in <head>: nothing to compare.)
PAGES = ["en/", "th/get-help-near-you/", "zh/near-you/tokyo/", "ur/", "ja-easy/", "ja/show-an-officer/"]


def _first_screen(new_context, base_url: str, path: str, scheme: str, *, stylesheet: bool) -> bytes:
    context, _ = new_context(viewport=FIRST_SCREEN, color_scheme=scheme, java_script_enabled=False)
    if not stylesheet:
        context.route(STYLESHEET, lambda route: route.abort())
    page = context.new_page()
    page.goto(base_url + path, wait_until="load")
    # A link that failed to load still has a (closed, empty) sheet: count the sheets with rules.
    sheets = page.evaluate("""() => [...document.styleSheets].filter(s => {
        try { return s.cssRules.length > 0; } catch (e) { return false; } }).length""")
    assert sheets == (2 if stylesheet else 1), f"/{path}: {sheets} style sheets with rules"
    return page.screenshot()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [pytest.param(p, id=p) for p in PAGES])
def test_first_screen_is_the_same_before_the_stylesheet_comes(new_context, base_url: str, tmp_path: Path,
                                                              path: str, scheme: str) -> None:
    whole = _first_screen(new_context, base_url, path, scheme, stylesheet=True)
    inline_only = _first_screen(new_context, base_url, path, scheme, stylesheet=False)
    if whole != inline_only:
        (tmp_path / "with-stylesheet.png").write_bytes(whole)
        (tmp_path / "inline-style-only.png").write_bytes(inline_only)
        pytest.fail(f"/{path} ({scheme}): the first screen changes when the stylesheet comes; see {tmp_path}")
