"""The first tap (issue 9) in a real Chromium, in every language, at 360 x 640:

- the help bar (110, a line in the reader's language, the written channel) is above the fold;
- the quick exit is the first Tab stop, is announced as an emergency exit, stays tappable with the menu
  drawer open, and Shift pressed three times leaves (a single Escape does not);
- the journey about:blank -> three pages of the site -> quick exit -> Back never lands on the site;
- "Remove this site from this phone" leaves no cache and no service worker;
- the officer screen: with JavaScript the reader picks lines and opens them full screen; without, every
  line shows.
"""
from __future__ import annotations

import re

import pytest

from tests.browser.layout import SCALE_TEXT_JS
from tests.browser.conftest import QUICK_EXIT_URL, lang_params
from tests.browser.test_browser_pages import _cache_filled, _exit_routes
from tests.site_html import soup

pytestmark = pytest.mark.browser

FOLD = {"width": 360, "height": 640}


BAR_JS = """() => {
  const bar = document.querySelector('aside.help-bar');
  const items = Array.from(bar.querySelectorAll('a')).map(a => {
    const r = a.getBoundingClientRect();
    return {href: a.getAttribute('href'), bottom: r.bottom, top: r.top, w: r.width, h: r.height,
            visible: a.checkVisibility({opacityProperty: true, visibilityProperty: true})};
  });
  return {items, scroll: [document.documentElement.scrollWidth, document.documentElement.clientWidth]};
}"""

EXIT_AT_CENTRE_JS = """(selector) => {
  const all = Array.from(document.querySelectorAll(selector))
    .filter(e => e.checkVisibility({opacityProperty: true, visibilityProperty: true}));
  for (const el of all) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth) continue;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (hit && hit.closest('[data-quick-exit]')) return true;
  }
  return false;
}"""


@pytest.mark.parametrize("lang", lang_params())
def test_journey_help_bar_exit_and_back(new_context, base_url: str, lang: str) -> None:
    context, _ = new_context(viewport=FOLD)
    _exit_routes(context)
    page = context.new_page()
    page.goto("about:blank")
    page.goto(f"{base_url}{lang}/")

    # 1. The help bar is above the fold: 110, the in-language line and the written channel.
    bar = page.evaluate(BAR_JS)
    assert bar["items"][0]["href"] == "tel:110"
    assert len(bar["items"]) == 3, bar
    for item in bar["items"]:
        assert item["visible"] and item["bottom"] <= FOLD["height"], f"{lang}: {item} is below the fold"
        assert item["h"] >= 44 and item["w"] >= 44, f"{lang}: {item} is too small to tap"

    # At 200 % text the exit stays on screen, above the fold, and the header does not overflow.
    page.evaluate(SCALE_TEXT_JS, 2.0)  # the root font size doubled (CSSOM, which the CSP allows)
    box = page.locator("header [data-quick-exit]").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= FOLD["width"], f"{lang}: exit off screen at 200 %: {box}"
    assert box["y"] + box["height"] <= FOLD["height"]
    header = page.evaluate("document.querySelector('header').scrollWidth <= document.querySelector('header').clientWidth")
    assert header, f"{lang}: the header overflows at 200 % text"
    page.evaluate(SCALE_TEXT_JS, 1.0)

    # 2. The quick exit is the first Tab stop, named as an emergency exit.
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.matches('header [data-quick-exit]')")
    assert focused, f"{lang}: the first Tab stop is not the quick exit"
    name = page.locator("header [data-quick-exit]").evaluate("e => e.textContent.replace(/\\s+/g, ' ').trim()")
    hidden = page.locator("header [data-quick-exit] .visually-hidden").inner_text().strip()
    assert hidden and name.startswith(hidden), f"{lang}: the exit is not announced as an emergency exit: {name!r}"

    # 3. Two more pages of the site, by tapping links (home -> Stay safe -> Report).
    page.locator("main a.tile[href*='stay-safe']").click()
    page.wait_for_url(re.compile(rf"/{lang}/stay-safe/$"))
    page.locator("nav.md-nav--primary a[href*='report']").first.dispatch_event("click")
    page.wait_for_url(re.compile(rf"/{lang}/report/$"))
    assert page.evaluate("history.length") == 2, "moving between the site's pages added history entries"

    # 4. With the drawer open the exit stays visible and tappable.
    page.locator("header label[for='__drawer']").click()
    page.wait_for_timeout(400)  # the drawer's slide-in transition (.25 s)
    assert page.evaluate(EXIT_AT_CENTRE_JS, "[data-quick-exit]"), f"{lang}: the exit is covered with the drawer open"

    # 5. One Escape does nothing; one Shift says what three would do (three leave: test_quick_exit_leaves_...).
    page.keyboard.press("Escape")
    page.wait_for_timeout(200)
    assert page.url.startswith(base_url), f"{lang}: a single Escape left the page"
    page.keyboard.press("Shift")
    status = page.locator("[data-quick-exit-status]").inner_text()
    assert status.strip(), f"{lang}: no spoken status after the first Shift"

    # 6. The exit at the top of the open drawer leaves with one tap.
    page.locator(".md-nav__exit [data-quick-exit]").click()
    page.wait_for_url(QUICK_EXIT_URL)

    # 7. Back does not show any page of the site.
    page.go_back()
    assert not page.url.startswith(base_url), f"{lang}: Back returned to the help site: {page.url}"
    assert page.url == "about:blank"


REMOVED_JS = """async () => ({
  caches: await caches.keys(),
  workers: (await navigator.serviceWorker.getRegistrations()).length,
  local: localStorage.length,
})"""


@pytest.mark.parametrize("lang", lang_params())
def test_remove_this_site_leaves_no_cache_and_no_service_worker(new_context, base_url: str, lang: str) -> None:
    context, _ = new_context(service_workers="allow")
    page = context.new_page()
    page.goto(f"{base_url}{lang}/stay-safe/")
    _cache_filled(page, lang)
    before = page.evaluate(REMOVED_JS)
    assert before["caches"] and before["workers"] == 1, before
    button = page.locator("[data-remove-button]")
    assert button.is_visible()
    assert not page.locator("[data-remove-nojs]").is_visible()
    button.click()
    page.wait_for_selector("[data-remove-site][data-removed]")
    assert page.locator("[data-remove-site]").get_attribute("data-removed") == "yes"
    after = page.evaluate(REMOVED_JS)
    assert after == {"caches": [], "workers": 0, "local": 0}, f"{lang}: left behind {after}"
    said = page.locator("[data-remove-status]").inner_text()
    assert said.strip() and page.locator("[data-remove-status]").get_attribute("data-left") in said


@pytest.mark.parametrize("lang", lang_params())
def test_officer_screen_with_and_without_javascript(page, new_context, base_url: str, lang: str) -> None:
    page.goto(f"{base_url}{lang}/show-an-officer/")
    needs = page.locator("[data-officer-panel] [data-need]")
    assert needs.count() == 5
    assert all(not needs.nth(i).is_visible() for i in range(needs.count())), "needs show before the reader picks them"
    page.locator("[data-officer-need][value='documents']").check()
    assert page.locator("[data-need='documents']").is_visible()
    page.locator("[data-officer-open]").click()
    panel = page.locator("[data-officer-panel]")
    box = panel.bounding_box()
    assert box and box["width"] >= 359 and box["height"] >= 700, f"{lang}: not full screen: {box}"
    size = page.locator("[data-need='documents'] .officer-panel__ja").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 28, f"{lang}: the Japanese for the officer is only {size}px"
    page.locator("[data-officer-close]").click()
    assert panel.bounding_box()["height"] < box["height"]

    context, _ = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}{lang}/show-an-officer/")
    lines = page.locator("[data-officer-panel] .officer-panel__line")
    assert lines.count() >= 8
    assert all(lines.nth(i).is_visible() for i in range(lines.count())), "without JavaScript every line must show"
    assert not page.locator("[data-officer-choose]").is_visible()
    assert "My language is" not in page.content()


@pytest.mark.parametrize("when, open_line", [
    ("2026-11-28T01:00:00Z", True),   # Saturday 10:00 in Japan: the weekday line is closed, a later one is open
    ("2026-11-25T01:00:00Z", False),  # Wednesday 10:00 in Japan: the first line is open and stays
])
def test_help_bar_prefers_a_line_open_now(new_context, base_url: str, site_dir, when: str, open_line: bool) -> None:
    html = soup(site_dir / "en" / "index.html")
    first = html.select_one("aside.help-bar > div > a.help-bar__line")["href"]
    context, _ = new_context()
    page = context.new_page()
    page.clock.set_fixed_time(when)
    page.goto(f"{base_url}en/")
    shown = page.locator("aside.help-bar a.help-bar__line")
    assert shown.count() == 1
    assert page.locator('aside.help-bar a[href="tel:110"]').is_visible(), "the help bar never hides 110"
    if open_line:
        assert shown.get_attribute("href") != first and shown.get_attribute("data-open-now") is not None
    else:
        assert shown.get_attribute("href") == first
