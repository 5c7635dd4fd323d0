"""Issue 14: after a phone number changes, a phone that saved the pages offline never keeps showing the
old number without a date.

A copy of the built English pages is served on its own origin. The phone visits once (the service
worker saves the core pages), goes offline: the saved page shows the number with "saved on this phone
on <date>". Then the number changes and the site is rebuilt (new pages, a new cache version in sw.js,
as helpsite/build.py writes it). Back online, the phone gets the new number; offline again, the saved
copy has the new number too, and the old one is gone.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.browser.conftest import StaticServer
from tests.browser.test_browser_pages import CACHE_FILLED_JS

pytestmark = pytest.mark.browser

OLD, NEW = "0120-924-839", "0120-924-830"  # the Anonymous Reporting Line, and a stand-in "new" number


def _copy_site(site_dir: Path, target: Path) -> Path:
    target.mkdir()
    shutil.copytree(site_dir / "en", target / "en", ignore=shutil.ignore_patterns("*.gz", "*.br", "near-you"))
    shutil.copytree(site_dir / "assets", target / "assets", ignore=shutil.ignore_patterns("*.gz", "*.br"))
    for name in ("sw.js", "index.html"):
        shutil.copy2(site_dir / name, target / name)
    return target


def _change_number(site: Path) -> None:
    """What a rebuild after the data change gives: every page with the new number, a new cache version."""
    old_tel, new_tel = "+81" + OLD.replace("-", "")[1:], "+81" + NEW.replace("-", "")[1:]
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace(OLD, NEW).replace(old_tel, new_tel), encoding="utf-8")
    sw = site / "sw.js"
    sw.write_text(re.sub(r'var VERSION = "[^"]*";', 'var VERSION = "0000000000000002";', sw.read_text(encoding="utf-8")))


NEW_CACHE_READY_JS = """async () => {
  for (let i = 0; i < 300; i++) {
    const keys = await caches.keys();
    if (keys.length === 1 && keys[0].endsWith('0000000000000002')) {
      const cache = await caches.open(keys[0]);
      if (await cache.match(new URL('en/offline.json', location.origin + '/').href)) return true;
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  return (await caches.keys()).join(',');
}"""


def _saved_note(page) -> str:
    note = page.locator("p.saved-copy")
    return note.inner_text() if note.count() and note.is_visible() else ""


def test_offline_phone_gets_the_new_number_and_never_the_old_one_undated(new_context, site_dir: Path, tmp_path) -> None:
    assert OLD in (site_dir / "en" / "report" / "index.html").read_text(encoding="utf-8"), "the test number moved"
    site = _copy_site(site_dir, tmp_path / "site")
    with StaticServer(site) as server:
        context, _ = new_context(service_workers="allow", base_url=server.base)
        page = context.new_page()
        page.goto(f"{server.base}en/")
        assert page.evaluate(CACHE_FILLED_JS, "en"), "the service worker did not save the pages"
        assert _saved_note(page) == "", "the published page must not show the saved-copy note"

        context.set_offline(True)
        response = page.goto(f"{server.base}en/report/")
        assert response is not None and response.from_service_worker
        assert OLD in page.content()
        note = _saved_note(page)
        assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", note), f"the saved copy shows no date: {note!r}"

        _change_number(site)
        context.set_offline(False)
        page.goto(f"{server.base}en/report/")
        assert NEW in page.content() and OLD not in page.content(), "online, the page must show the new number"
        page.evaluate("async () => { const r = await navigator.serviceWorker.getRegistration(); await r.update(); }")
        ready = page.evaluate(NEW_CACHE_READY_JS)
        assert ready is True, f"the new build's cache did not replace the old one: {ready}"

        context.set_offline(True)
        for path in ("en/report/", "en/get-help-near-you/"):
            response = page.goto(server.base + path)
            assert response is not None and response.from_service_worker, path
            html = page.content()
            assert OLD not in html, f"/{path}: the old number came back from the cache"
            assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", _saved_note(page)), f"/{path}: no date"
        context.set_offline(False)
