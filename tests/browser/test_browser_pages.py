"""The built site in a real Chromium (Debian's package), at phone size, in every language.

- accessibility: axe-core, WCAG 2.2 A and AA, zero violations on every page template; headings in order;
- keyboard: the quick exit and the language switch are reached with Tab and show a visible focus;
- tap targets at 360 px wide, and reflow at 200 % zoom (a 320 CSS px viewport) without sideways scrolling;
- privacy: no request to another host, no cookie, no localStorage / sessionStorage / IndexedDB;
- quick exit (button and Shift pressed 3 times) leaves with location.replace, so Back does not return;
- tel: links show their number as text; JavaScript off still shows the content and the numbers;
- text direction (tests/browser/direction.py): dir of the page, the header mirrored in rtl, numbers ltr;
- offline: after one visit, the language's core pages load from the service worker's cache.

Tap-target rule (WCAG 2.5.5 AAA size, which we hold ourselves to for a shaking thumb): every visible link,
button, input and select in the header and the main content is at least 44 x 44 CSS px, EXCEPT a link
inside running text (its block - p, li, td, dd, heading - holds other words too). Such an inline link is
sized by the line of text around it, which WCAG 2.5.8 allows ("Inline" exception); axe's
link-in-text-block rule makes sure it is underlined, not told apart by colour alone. A link that is the
whole content of its paragraph or list item is NOT inline and must be 44 x 44. Labels are not targets of
their own (their input is). Footer links are not checked.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from helpsite import languages
from helpsite import nginx as local_nginx
from helpsite.web import csp
from tests.browser.direction import direction_problems
from tests.browser.layout import draw_everything, layout_problems
from tests.headers import assert_security_headers
from tests.site_html import soup
from tests.browser.conftest import (
    CORE_PAGES,
    LANGS,
    QUICK_EXIT_URL,
    TEMPLATE_PAGES,
    PageWalk,
    lang_params,
    url_params,
    walked,
)

pytestmark = pytest.mark.browser

AXE = Axe()
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]},
    "resultTypes": ["violations"],
}
# Dark mode changes colours only: the second pass runs axe's colour rules, not the whole set again.
AXE_DARK_OPTIONS = {
    "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
    "resultTypes": ["violations"],
}
NEUTRAL_START = "https://neutral-start.invalid/"
# Pages (under /<lang>/) whose tel: links are checked, and how many each has at least.
TEL_MINIMUM = {"": 1, "get-help-near-you/": 10, "near-you/tokyo/": 3, "report/": 2}
EXIT_PAGE = "<!doctype html><title>Weather</title><p>Weather forecast</p>"


def _axe(page, options: dict) -> list[dict]:
    """axe's violations on the loaded page. axe-core (570 KB) is put into the page once, not once per run:
    compiling it is a third of the time of an axe pass (axe_playwright_python injects it on every run)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.axe_script)
    return page.evaluate("options => axe.run(document, options).then(r => r.violations)", options)


def _violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


TARGETS_JS = """() => {
  const selector = 'header a, header button, header input, header label[for], header summary,'
    + ' main a, main button, main input, main select, main textarea, main summary';
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.closest('footer')) continue;
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    let inline = false;
    if (el.tagName === 'A') {
      const block = el.parentElement.closest('p, li, td, th, dd, dt, h1, h2, h3, h4, h5, h6, figcaption, blockquote');
      const words = s => s.replace(/\\s+/g, ' ').trim();
      if (block && words(block.textContent).length > words(el.textContent).length) inline = true;
    }
    out.push({
      what: el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : '')
        + ' "' + (el.textContent || el.getAttribute('aria-label') || '').replace(/\\s+/g, ' ').trim().slice(0, 40) + '"',
      w: r.width, h: r.height, inline,
    });
  }
  return out;
}"""

HEADINGS_JS = """() => Array.from(document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6, body.chooser h1, body.chooser h2'))
  .filter(h => h.checkVisibility()).map(h => Number(h.tagName[1]))"""


@pytest.mark.parametrize("path", url_params())
def test_page_accessibility(page, base_url: str, path: str) -> None:
    """axe (WCAG 2.2 A/AA) in the light and the dark scheme, tap targets at 360 px, headings in order, reflow
    at 320 px and text at 150 / 200 % (tests/browser/layout.py) with the Noto fonts, the CSP <meta> in force
    with nothing it blocks: one load per page."""
    response = page.goto(base_url + path)
    assert response is not None and (response.ok or path == "404.html")
    assert_security_headers(response.all_headers(), f"/{path}")
    policy = page.evaluate("() => document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')?.content")
    assert policy == csp.policy(meta=True), f"/{path}: CSP meta {policy!r}"
    assert page.evaluate("() => window.__cspViolations") == [], f"/{path}: the page breaks its own CSP"
    draw_everything(page)
    violations = _axe(page, AXE_OPTIONS)
    assert not violations, f"/{path}\n{_violations(violations)}"
    # Dark mode follows the phone's setting (CSS only): the same page, re-checked in the dark scheme.
    # Reduced motion: Material's colour transitions would otherwise leave axe a half-faded link to measure.
    page.emulate_media(color_scheme="dark", reduced_motion="reduce")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert sum(map(int, re.findall(r"\d+", background)[:3])) < 150, f"/{path}: not dark in dark mode: {background}"
    violations = _axe(page, AXE_DARK_OPTIONS)
    assert not violations, f"/{path} in dark mode\n{_violations(violations)}"
    page.emulate_media(color_scheme="light", reduced_motion="no-preference")

    small = []
    for t in page.evaluate(TARGETS_JS):
        if t["inline"]:
            continue  # sized by its line of text (WCAG 2.5.8 "Inline"); axe checks it is underlined
        if t["w"] < 44 or t["h"] < 44:
            small.append(f"{t['what']} is {t['w']:.0f} x {t['h']:.0f} px (< 44 x 44)")
    assert not small, f"/{path} at 360 px:\n  " + "\n  ".join(small)

    levels = page.evaluate(HEADINGS_JS)
    assert levels and levels[0] == 1 and levels.count(1) == 1, f"/{path}: headings {levels} need one h1, first"
    jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert not jumps, f"/{path}: heading levels skip: {jumps} in {levels}"

    # Japanese lines break between phrases, never inside a word (セン|ター): site.css, issue 11
    if path.startswith("ja/"):
        word_break = page.evaluate("getComputedStyle(document.querySelector('main') || document.body).wordBreak")
        assert word_break == "auto-phrase", f"/{path}: Japanese text has word-break {word_break}"

    problems = layout_problems(page, path)
    assert not problems, "\n".join(problems)

    lang = path.split("/", 1)[0]
    expected = languages.get(lang).direction if lang in LANGS else "ltr"  # the chooser and /404.html: ltr
    problems = direction_problems(page, path, expected)
    assert not problems, "\n".join(problems)

    rest = path.partition("/")[2]  # the page under /<lang>/ ("" for a home page, the chooser and 404)
    if rest in TEL_MINIMUM:
        _check_tel_links(page, f"/{path}", TEL_MINIMUM[rest])
    if rest == "":
        assert page.locator('a[href="tel:110"]', has_text="110").first.is_visible(), f"/{path}: no visible 110"


def test_the_axe_pass_does_find_violations(new_context) -> None:
    """The one-injection axe helper reports what axe finds, in both passes (a check that cannot fail is none).
    A page of its own: on the walking page, set_content would keep the last site page's CSP."""
    context, _ = new_context()
    page = context.new_page()
    page.set_content('<html lang="en"><body><main><img src="x.png"><p style="color:#777;background:#888">Faint'
                     "</p></main></body></html>")
    assert {v["id"] for v in _axe(page, AXE_OPTIONS)} >= {"image-alt", "color-contrast"}
    assert [v["id"] for v in _axe(page, AXE_DARK_OPTIONS)] == ["color-contrast"]


FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {
    exit: el.matches('[data-quick-exit]'),
    switch: el.matches('.md-select button'),
    langLink: el.matches('.md-select__link') ? el.getAttribute('hreflang') : null,
    href: el.getAttribute('href'),
    visible: el.checkVisibility({opacityProperty: true, visibilityProperty: true}) && r.width > 0 && r.height > 0,
    ring: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none',
  };
}"""


def _tab_until(page, want, limit: int = 40) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        if focus and want(focus):
            return focus
    raise AssertionError(f"not reached with {limit} presses of Tab")


@pytest.mark.parametrize("lang", lang_params())
def test_keyboard_reaches_quick_exit_and_language_switch(page, base_url: str, lang: str) -> None:
    page.goto(f"{base_url}{lang}/your-rights/")
    focus = _tab_until(page, lambda f: f["exit"])
    assert focus["visible"] and focus["ring"], f"{lang}: the quick exit has no visible focus: {focus}"

    page.goto(f"{base_url}{lang}/your-rights/")
    focus = _tab_until(page, lambda f: f["switch"])
    assert focus["visible"] and focus["ring"], f"{lang}: the language switch has no visible focus: {focus}"
    other = "ja" if lang != "ja" else "en"
    focus = _tab_until(page, lambda f: f["langLink"] == other)
    # The list opens on :focus-within, with a short fade: wait for it rather than sleep.
    _wait_until_focus_visible(page)
    focus = page.evaluate(FOCUS_JS)
    assert focus["visible"] and focus["ring"], f"{lang}: the language list does not open for the keyboard: {focus}"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/{other}/your-rights/$"))


def _wait_until_focus_visible(page, tries: int = 50) -> None:
    """Poll from Python: wait_for_function evaluates its predicate with eval(), which our CSP refuses."""
    for _ in range(tries):
        if page.evaluate("document.activeElement.checkVisibility({opacityProperty: true, visibilityProperty: true})"):
            return
        page.wait_for_timeout(50)


def test_keyboard_reaches_quick_exit_on_the_chooser(page, base_url: str) -> None:
    page.goto(base_url)
    focus = _tab_until(page, lambda f: f["exit"], limit=5)
    assert focus["visible"] and focus["ring"]



def _exit_routes(context) -> None:
    """The quick-exit site and a neutral start page are answered locally, never fetched."""
    exit_host = QUICK_EXIT_URL.split("/")[2]
    context.route(re.compile(rf"^https://{re.escape(exit_host)}/.*"), lambda r: r.fulfill(body=EXIT_PAGE, content_type="text/html"))
    context.route(NEUTRAL_START, lambda r: r.fulfill(body="<title>Start</title>", content_type="text/html"))


@pytest.fixture(scope="module")
def exit_walk(browser, base_url: str):
    walk = PageWalk(browser, base_url, setup=_exit_routes)
    yield walk
    walk.close()


@pytest.fixture
def exit_page(exit_walk: PageWalk):
    """A walking page on which the quick exit's site and a neutral start page answer locally."""
    yield from walked(exit_walk)


@pytest.mark.parametrize("lang", lang_params())
@pytest.mark.parametrize("how", ["click", "shift3"])
def test_quick_exit_leaves_and_back_does_not_return(exit_page, base_url: str, lang: str, how: str) -> None:
    page = exit_page
    page.goto(NEUTRAL_START)
    help_url = f"{base_url}{lang}/" if how == "click" else f"{base_url}{lang}/get-help-near-you/"
    page.goto(help_url)
    before = page.evaluate("history.length")
    if how == "click":
        page.locator("header [data-quick-exit]").click()
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(QUICK_EXIT_URL)
    assert page.evaluate("history.length") == before, "the help page stayed in the history"
    page.go_back()
    assert not page.url.startswith(base_url), f"Back returned to the help site: {page.url}"
    assert page.url == NEUTRAL_START


def test_quick_exit_on_the_chooser(exit_page, base_url: str) -> None:
    page = exit_page
    page.goto(NEUTRAL_START)
    page.goto(base_url)
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(QUICK_EXIT_URL)
    page.go_back()
    assert page.url == NEUTRAL_START



def _digits(text: str) -> str:
    return re.sub(r"[^0-9#*+]", "", text.replace("%23", "#"))


def _same_number(href: str, text: str) -> bool:
    dialled, shown = _digits(href[len("tel:"):]), _digits(text)
    if dialled.startswith("+81"):
        dialled = "0" + dialled[3:]
    return dialled == shown


TEL_JS = """() => Array.from(document.querySelectorAll('a[href^="tel:"]')).map(a => ({
  href: a.getAttribute('href'),
  number: (a.querySelector('.call__number') || a).textContent.trim(),
  visible: a.checkVisibility({opacityProperty: true, visibilityProperty: true}),
}))"""


def _check_tel_links(page, where: str, minimum: int) -> None:
    links = page.evaluate(TEL_JS)
    assert len(links) >= minimum, f"{where}: {len(links)} tel: links, expected at least {minimum}"
    for link in links:
        assert link["visible"], f"{where}: hidden tel: link {link}"
        assert _same_number(link["href"], link["number"]), f"{where}: {link['href']} shows {link['number']!r}"


STORAGE_JS = """async () => ({
  cookie: document.cookie,
  local: localStorage.length,
  session: sessionStorage.length,
  idb: indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : [],
})"""


CACHE_FILLED_JS = """async (lang) => {
  const reg = await navigator.serviceWorker.ready;
  const root = new URL(reg.scope).pathname;
  for (let i = 0; i < 300; i++) {
    if (reg.active && await caches.match(root + lang + '/offline.json')) return true;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  return false;
}"""


def _cache_filled(page, lang: str) -> None:
    """Wait until the service worker is active and has stored this language's offline list (its last step)."""
    assert page.evaluate(CACHE_FILLED_JS, lang), f"{lang}: the service worker did not fill its cache in 15 s"


def _search(page, url: str, words: str) -> None:
    """Search on the page (the words never go into a URL): type, press Enter."""
    page.goto(url)
    page.locator("#search-q").fill(words)
    page.locator("#search-q").press("Enter")


def _titles(site_dir: Path, lang: str) -> dict[str, str]:
    out = {}
    for path in CORE_PAGES:
        html = soup(site_dir / lang / path / "index.html")
        out[path] = html.select_one("main h1").get_text(strip=True)
    return out


@pytest.mark.parametrize("lang", lang_params())
def test_privacy_and_offline_after_one_visit(new_context, site_dir: Path, tmp_path: Path, lang: str) -> None:
    """One visit with the service worker on: no request to another host, no cookie and no storage on any page;
    then, with the server gone and the network off, the core pages come from the service worker's cache.

    Its own nginx (own origin, own service worker, the CSP header in force), switched off after the online
    part: truly offline. Each page is loaded once: the pages the worker keeps are checked offline."""
    with local_nginx.serve(site_dir, tmp_path) as base:
        context, recorder = new_context(service_workers="allow", base_url=base)
        page = context.new_page()
        page.goto(f"{base}{lang}/")
        _cache_filled(page, lang)
        online = ["", *[f"{lang}/{p}" for p in TEMPLATE_PAGES if p not in CORE_PAGES]]
        for path in online:
            page.goto(base + path)
            _assert_no_storage(page, f"/{path}")
        _search(page, f"{base}{lang}/search/", "110")
        page.locator("#search-results a").first.wait_for(state="attached")
    context.set_offline(True)
    for path, title in _titles(site_dir, lang).items():
        where = f"/{lang}/{path} offline"
        response = page.goto(f"{base}{lang}/{path}")
        assert response is not None and response.ok, f"{where}: did not load"
        assert response.from_service_worker, f"{where}: not from the service worker"
        heading = page.locator("main h1").first.evaluate(  # without furigana (Easy Japanese's <rt>)
            "h => { const c = h.cloneNode(true); c.querySelectorAll('rt').forEach(r => r.remove()); return c.textContent; }"
        )
        assert heading.strip() == title, where
        # The quick exit is styled (red), not a bare link (the inline style), and the stylesheet file at the end
        # of <body> came from the cache too (offline.json lists it).
        colour = page.locator("header [data-quick-exit]").evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), f"{where}: no CSS"
        assert page.evaluate(STYLESHEET_LOADED_JS), f"{where}: the stylesheet file did not load from the cache"
        # the header's icons are images (assets/icons/): saved with the pages, drawn offline too
        icons = page.evaluate(ICONS_DRAWN_JS)
        assert len(icons) >= 3 and all(icons.values()), f"{where}: header icons not drawn offline: {icons}"
        _assert_no_storage(page, where)
    assert context.cookies() == []
    assert recorder.foreign() == [], f"requests to other hosts: {recorder.foreign()}"
    assert len(recorder.requests) > len(TEMPLATE_PAGES)  # the recorder did see the site's own requests


ICONS_DRAWN_JS = """async () => {
  const out = {};
  for (const img of document.querySelectorAll('header img')) {
    try { await img.decode(); } catch (e) {}
    out[img.getAttribute('src')] = img.complete && img.naturalWidth > 0;
  }
  return out;
}"""


STYLESHEET_LOADED_JS = """() => [...document.styleSheets].some(s => {
    try { return (s.href || '').includes('/assets/stylesheets/site.') && s.cssRules.length > 0; }
    catch (e) { return false; } })"""


def _assert_no_storage(page, where: str) -> None:
    storage = page.evaluate(STORAGE_JS)
    assert storage == {"cookie": "", "local": 0, "session": 0, "idb": []}, f"{where}: {storage}"


def test_chooser_links_to_every_language(page, base_url: str) -> None:
    page.goto(base_url)
    for lang in languages.languages():
        link = page.locator(f'main a[href="{lang.code}/"][hreflang="{lang.hreflang}"]')
        assert link.count() == 1, f"/ has no link to {lang.code}"
        assert link.is_visible()
        assert lang.native_name in link.inner_text(), f"{lang.code}: {link.inner_text()!r}"
    _check_tel_links(page, "/", 1)
    page.locator('main a[hreflang="th"]').click()
    page.wait_for_url(f"{base_url}th/")
    assert page.evaluate("document.documentElement.lang") == "th"



@pytest.mark.parametrize("lang", lang_params())
def test_search_finds_a_page_in_this_language(page, base_url: str, site_dir: Path, lang: str) -> None:
    title = _titles(site_dir, lang)["am-i-a-victim/"]
    _search(page, f"{base_url}{lang}/search/", title)
    hit = page.locator("#search-results a", has_text=title)
    hit.first.wait_for(state="visible")
    assert "?" not in page.url and title not in page.url, "the search words went into the URL"
    assert hit.first.get_attribute("href").endswith(f"/{lang}/am-i-a-victim/")


NUMBER_CHECKS = [
    ("０３－５７９６－７１１２", "found", "isa-information-centre"),   # full-width digits and dashes
    ("+81 3 5796 7112", "found", "isa-information-centre"),          # +81, spaces
    ("+81 (0)120-924-839", "found", "anonymous-reporting-line"),
    ("03-1234-5678", "missing", None),                                # not on the list
]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_number_check_works_on_the_phone_and_sends_nothing(new_context, base_url: str, lang: str) -> None:
    from helpsite.contacts import load_directory

    directory = load_directory()
    context, recorder = new_context()
    page = context.new_page()
    page.goto(f"{base_url}{lang}/check-a-number/")
    field = page.locator("#number-check-input")
    assert field.is_visible()  # the script showed the check box (hidden without JavaScript)
    before = len(recorder.requests)
    result = page.locator("#number-check-result")
    for typed, outcome, contact_id in NUMBER_CHECKS:
        field.fill(typed)
        assert f"number-check__result--{outcome}" in (result.get_attribute("class") or ""), typed
        if contact_id:
            assert directory.get(contact_id).display_name(lang) in result.inner_text(), typed
    assert len(recorder.requests) == before, "typing a number made a request"
    assert not any("5796" in r or "1234" in r for r in recorder.requests)
