#!/usr/bin/env python3
"""`make bench`: what one page of the browser page pass costs (tests/browser/test_browser_pages.py).

Loads the page templates of a few languages the way test_page_accessibility does (axe in the light
scheme, axe's colour rules in the dark one, tap targets, the layout at three sizes) and prints, per page,
the wall time and the CPU time of the whole machine (/proc/stat, so Chromium's other processes and threads
count), for the browser the tests use (Debian's chromium-headless-shell, one page walking every URL) and
for the choices it replaced: a new context per page, and the full browser's headless mode. Run it on a
quiet machine: the CPU figure is the machine's.

Usage: scripts/bench_browser.py [--langs th,en,zh] [--pages N]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from helpsite import nginx as local_nginx  # noqa: E402
from helpsite.paths import SITE  # noqa: E402
from tests.browser import conftest as browser_setup  # noqa: E402
from tests.browser.layout import draw_everything, layout_problems  # noqa: E402
from tests.browser.test_browser_pages import AXE_DARK_OPTIONS, AXE_OPTIONS, TARGETS_JS, _axe  # noqa: E402

FULL_BROWSER = "/usr/bin/chromium"


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy (every process, every core)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def check(page, url: str) -> None:
    """The work of test_page_accessibility on one page, without its assertions."""
    page.goto(url)
    draw_everything(page)
    _axe(page, AXE_OPTIONS)
    page.emulate_media(color_scheme="dark", reduced_motion="reduce")
    _axe(page, AXE_DARK_OPTIONS)
    page.emulate_media(color_scheme="light", reduced_motion="no-preference")
    page.evaluate(TARGETS_JS)
    layout_problems(page, url)


def run(pw, executable: str, base: str, urls: list[str], walk: bool) -> tuple[float, float]:
    browser = pw.chromium.launch(executable_path=executable, args=browser_setup.CHROMIUM_ARGS, headless=True,
                                 env={**os.environ, "FONTCONFIG_FILE": str(browser_setup.FONTS / "noto.conf")})
    walker = browser_setup.PageWalk(browser, base) if walk else None
    check(browser.new_page(), base + urls[0])  # warm up the browser process, not counted
    cpu, wall = busy_seconds(), time.perf_counter()
    for url in urls:
        if walker:
            check(walker.fresh(), base + url)
        else:
            context = browser.new_context(**browser_setup.PHONE_CONTEXT)
            check(context.new_page(), base + url)
            context.close()
    result = ((time.perf_counter() - wall) / len(urls), (busy_seconds() - cpu) / len(urls))
    if walker:
        walker.close()
    browser.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--langs", default="th,en,zh", help="comma-separated language codes (default: th,en,zh)")
    parser.add_argument("--pages", type=int, default=0, help="at most this many pages (default: all of them)")
    args = parser.parse_args()
    langs = tuple(f"{code}/" for code in args.langs.split(","))
    urls = [u for u in browser_setup.all_template_urls() if u.startswith(langs)]
    urls = urls[: args.pages] if args.pages else urls
    setups = [("headless shell, one walking page (the tests)", browser_setup.CHROMIUM, True),
              ("headless shell, a new context per page", browser_setup.CHROMIUM, False),
              ("full browser, a new context per page", FULL_BROWSER, False)]
    print(f"Browser page pass: {len(urls)} pages ({args.langs}), per page")
    print(f"  {'setup':48} {'wall s':>7} {'CPU s':>7}")
    with local_nginx.serve(SITE, Path(tempfile.mkdtemp())) as base, sync_playwright() as pw:
        for name, executable, walk in setups:
            if not Path(executable).exists():
                print(f"  {name:48} (no {executable})")
                continue
            wall, cpu = run(pw, executable, base, urls, walk)
            print(f"  {name:48} {wall:7.2f} {cpu:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
