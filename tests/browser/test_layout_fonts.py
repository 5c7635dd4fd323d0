"""The layout holds with a much wider font: every page template in every language, with DejaVu Sans as the
only Latin sans-serif (tests/browser/fonts/dejavu.conf). test_page_accessibility runs the same checks with
the Noto fonts, so a font difference between machines (or phones) cannot turn a layout red."""
from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE, _shared, launch_chromium, url_params
from tests.browser.layout import layout_problems

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def dejavu_browser(browser):
    """A second Chromium beside the shared one, on the same Playwright, with the DejaVu font setup."""
    wide = launch_chromium(_shared()["pw"], fonts="dejavu")
    yield wide
    wide.close()


@pytest.fixture
def dejavu_page(dejavu_browser):
    context = dejavu_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", url_params())
def test_layout_holds_with_dejavu_sans(dejavu_page, base_url: str, path: str) -> None:
    dejavu_page.goto(base_url + path)
    problems = layout_problems(dejavu_page, path)
    assert not problems, "\n".join(problems)


def _platform_fonts(page, selector: str) -> set[str]:
    """The font files Chromium really drew the element's text with (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return {f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}


def test_each_font_setup_is_really_used(browser, dejavu_page, base_url: str) -> None:
    """The pinning works: English text is drawn in DejaVu Sans in one setup and in Noto Sans in the other."""
    dejavu_page.goto(base_url + "en/")
    assert {f.split()[:2] == ["DejaVu", "Sans"] for f in _platform_fonts(dejavu_page, "main h1")} == {True}
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "en/")
    fonts = _platform_fonts(page, "main h1")
    assert fonts and all(f.startswith("Noto Sans") and "CJK" not in f for f in fonts), fonts
    context.close()
