"""The layout holds with a much wider font and without JavaScript: every page template in every language,
with DejaVu Sans as the only Latin sans-serif (tests/browser/fonts/dejavu.conf) and scripts off.
test_page_accessibility runs the same layout checks with the Noto fonts and JavaScript on, so a font
difference between machines (or phones) cannot turn a layout red. One load per page: the no-JavaScript
checks (content, numbers, a plain quick-exit link) run on the same load."""
from __future__ import annotations

import pytest

from tests.browser.conftest import LANGS, PHONE, QUICK_EXIT_URL, PageWalk, _shared, launch_chromium, url_params, walked
from tests.browser.layout import draw_everything, layout_problems
from tests.browser.test_browser_pages import TEL_MINIMUM, _check_tel_links

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def dejavu_walk(browser, base_url: str):
    """A second Chromium beside the shared one, on the same Playwright, with the DejaVu font setup; one page
    walks every URL (PageWalk), with JavaScript off."""
    wide = launch_chromium(_shared()["pw"], fonts="dejavu")
    walk = PageWalk(wide, base_url, java_script_enabled=False)
    yield walk
    walk.close()
    wide.close()


@pytest.fixture
def dejavu_page(dejavu_walk: PageWalk):
    yield from walked(dejavu_walk)


@pytest.mark.parametrize("path", url_params())
def test_layout_holds_with_dejavu_sans(dejavu_page, base_url: str, path: str) -> None:
    page = dejavu_page
    page.goto(base_url + path)
    draw_everything(page)
    problems = layout_problems(page, path)
    assert not problems, "\n".join(problems)

    lang, _, rest = path.partition("/")
    if lang not in LANGS or rest == "translation-status/":
        return  # the chooser and 404 have no <main> article; their no-JS content is checked by the axe pass
    where = f"/{path} (no JavaScript)"
    assert page.locator("main h1").first.is_visible(), where
    assert len(page.locator("main").inner_text()) > 150, where
    exit_link = page.locator("header [data-quick-exit]")
    assert exit_link.is_visible() and exit_link.get_attribute("href") == QUICK_EXIT_URL, where
    if rest in TEL_MINIMUM:
        _check_tel_links(page, where, 1)


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
