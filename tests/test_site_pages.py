"""The built site, read as HTML: every page in every language, quick exit, call links, language markup,
and nothing loaded from another host. (Behaviour in a real browser is in tests/browser/.)"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from helpsite import languages
from helpsite.pages import split_front_matter
from helpsite.paths import DOCS, MKDOCS_YML
from tests.conftest import LANGS, PAGES, page_path
from tests.site_html import lang_params, soup

QUICK_EXIT_URL = languages.load_mkdocs_config(MKDOCS_YML)["extra"]["quick_exit_url"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_page_exists_in_its_language(site_dir: Path, lang: str, page: str) -> None:
    html = soup(page_path(site_dir, lang, page))
    assert (html.html["lang"], html.html["data-site-lang"]) == (languages.get(lang).html_lang, lang)
    meta, _, _ = split_front_matter((DOCS / lang / page).read_text(encoding="utf-8"))
    h1 = html.find("h1")
    assert h1 is not None and h1.get_text(strip=True) == meta["title"]
    if lang != "en":
        english, _, _ = split_front_matter((DOCS / "en" / page).read_text(encoding="utf-8"))
        assert meta["title"] != english["title"], f"{lang}/{page} still has the English title"


@pytest.mark.parametrize("lang", lang_params(LANGS))
def test_every_page_has_a_quick_exit_and_the_escape_script(site_dir: Path, lang: str) -> None:
    for path in sorted((site_dir / lang).rglob("index.html")):
        html = soup(path)
        exits = html.select("a[data-quick-exit]")
        assert exits, f"{path} has no quick exit"
        assert exits[0]["href"] == QUICK_EXIT_URL
        assert exits[0].get_text(strip=True), f"{path}: the quick exit has no visible text"
        assert html.select_one('script[src$="assets/site.js"]') is not None


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_calls_110_with_a_tel_link(site_dir: Path, lang: str) -> None:
    html = soup(page_path(site_dir, lang, "index.md"))
    calls = html.select('a.call[href^="tel:"]')
    assert any(a["href"] == "tel:110" and "110" in a.get_text() for a in calls)


@pytest.mark.parametrize("lang", LANGS)
def test_tel_links_show_the_number_as_text(site_dir: Path, lang: str) -> None:
    html = soup(page_path(site_dir, lang, "get-help-near-you.md"))
    links = html.select('a[href^="tel:"]')
    assert len(links) >= 10
    for link in links:
        number = link.select_one(".call__number").get_text(strip=True)
        digits = re.sub(r"\D", "", number)
        assert digits and digits[-6:] in re.sub(r"\D", "", link["href"].replace("+81", "0")), (number, link["href"])


def _external_resources(html: BeautifulSoup) -> list[str]:
    found = []
    for tag, attr in [("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
                      ("source", "src"), ("video", "src"), ("audio", "src"), ("object", "data"), ("embed", "src")]:
        for element in html.find_all(tag):
            value = element.get(attr)
            if tag == "link" and {"alternate", "canonical"} & set(element.get("rel") or []):
                continue  # the page's own addresses (hreflang, canonical): named, never loaded
            if value and urlparse(value).netloc:
                found.append(f"<{tag} {attr}={value}>")
    for element in html.find_all(style=True):
        if "url(" in element["style"]:
            found.append(f"inline style url: {element['style']}")
    return found


@pytest.mark.parametrize("lang", lang_params(LANGS))
def test_no_page_loads_anything_from_another_host(site_dir: Path, lang: str) -> None:
    for path in sorted((site_dir / lang).rglob("index.html")):
        assert _external_resources(soup(path)) == [], path


def test_stylesheets_load_no_fonts_or_urls_from_other_hosts(site_dir: Path) -> None:
    for css in site_dir.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), css
        assert "@import" not in text or "//" not in text.split("@import", 1)[1][:80], css


def test_root_is_a_language_chooser_with_every_language_by_its_own_name(site_dir: Path) -> None:
    html = soup(site_dir / "index.html")
    links = {a["href"].rstrip("/"): a for a in html.select("a.chooser__lang")}
    assert list(links) == LANGS
    for lang in languages.languages():
        assert lang.native_name in links[lang.code].get_text()
        assert (links[lang.code]["hreflang"], links[lang.code]["lang"]) == (lang.hreflang, lang.html_lang)
    assert "ไทย" in links["th"].get_text() and "Tiếng Việt" in links["vi"].get_text()
    assert html.select_one('a.call[href="tel:110"]') is not None
    assert html.select_one("a[data-quick-exit]") is not None


@pytest.mark.parametrize("lang", LANGS)
def test_hreflang_alternates_and_language_switch_stay_on_the_same_page(site_dir: Path, lang: str) -> None:
    html = soup(page_path(site_dir, lang, "your-rights.md"))
    # The alternates are in sitemap.xml, not in the pages' <head> (bytes of the first round trip: issue 13).
    assert not html.select('link[rel="alternate"][hreflang]')
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    entry = re.search(rf"<url>\s*<loc>[^<]*/{re.escape(lang)}/your-rights/</loc>.*?</url>", sitemap, re.S)[0]
    alternates = dict(re.findall(r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/>', entry))
    site_url = languages.load_mkdocs_config(MKDOCS_YML)["site_url"]
    site_url = site_url[-1] if isinstance(site_url, list) else site_url  # !ENV [SITE_URL, default]
    assert alternates.pop("x-default").rstrip("/") == site_url.rstrip("/")
    code_of = {languages.get(code).hreflang: code for code in LANGS}  # one tag per language (ja-easy: ja-x-easy)
    assert set(alternates) == set(code_of)
    assert all(href.startswith("https://") for href in alternates.values())
    for other, href in alternates.items():
        assert href.rstrip("/").endswith(f"{code_of[other]}/your-rights"), (other, href)
    switch = {a["hreflang"]: a for a in html.select("a.md-select__link")}
    assert set(switch) == set(code_of)
    assert switch["th"].get_text(strip=True) == "ไทย"


def test_sitemap_lists_every_language(site_dir: Path) -> None:
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    for lang in LANGS:
        assert f"/{lang}/your-rights/</loc>" in sitemap
        assert f'hreflang="{languages.get(lang).hreflang}"' in sitemap


@pytest.mark.parametrize("lang", LANGS)
def test_search_index_per_language_holds_only_that_language(site_dir: Path, lang: str) -> None:
    entries = json.loads((site_dir / lang / "search.json").read_text(encoding="utf-8"))
    assert len(entries) >= 9
    assert all(e["url"].startswith(f"{lang}/") for e in entries)
    meta, _, _ = split_front_matter((DOCS / lang / "am-i-a-victim.md").read_text(encoding="utf-8"))
    assert any(e["title"] == meta["title"] for e in entries)


def test_no_cookies_and_no_analytics_in_the_html(site_dir: Path) -> None:
    for path in list(site_dir.rglob("*.html"))[:200]:
        text = path.read_text(encoding="utf-8")
        assert "document.cookie" not in text and "googletagmanager" not in text and "gtag(" not in text, path


def test_referrer_policy_meta_on_every_page(site_dir: Path) -> None:
    for lang in LANGS:
        html = soup(page_path(site_dir, lang, "index.md"))
        assert html.select_one('meta[name="referrer"][content="no-referrer"]') is not None
