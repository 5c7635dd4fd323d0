"""Issue 10 on the built site and leaflets: each number shown as what its source says (Hokkaido, Aomori,
Aichi), tel: links that dial (no +81 for 0120/0570, no '#'), labels, embassies as the reader's choice,
and the "Is this number real?" page (its no-JavaScript list; the browser test types into it)."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpsite.contacts import load_directory
from helpsite.contacts.dial import digits, tel_href
from tests.conftest import LANGS
from tests.site_html import soup

DIRECTORY = load_directory()
TEL = re.compile(r'href="tel:([^"]*)"')


def pref_page(site: Path, lang: str, slug: str) -> BeautifulSoup:
    return soup(site / lang / "near-you" / slug / "index.html")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_no_tel_link_has_a_hash_or_plus81_for_free_dial_or_navi_dial(site_dir: Path) -> None:
    legitimate = {tel_href(p.number) for c in DIRECTORY.contacts for p in c.phones} - {None}
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) > 500
    seen = set()
    for path in pages:
        for href in TEL.findall(path.read_text(encoding="utf-8")):
            seen.add(href)
            assert "#" not in href and "%23" not in href, f"{path}: tel:{href}"
            assert not href.startswith(("+81120", "+81570", "+81800")), f"{path}: tel:{href}"
            assert href in legitimate, f"{path}: tel:{href} is not tel_href() of a number in the data"
    assert {"0120924839", "0570013904", "110"} <= seen


@pytest.mark.parametrize("lang", LANGS)
def test_hokkaido_shows_the_bureau_main_line_not_its_sections(site_dir: Path, lang: str) -> None:
    html = pref_page(site_dir, lang, "hokkaido")
    hrefs = {a["href"] for a in html.select('a[href^="tel:"]')}
    assert "tel:+81112617502" in hrefs
    assert "tel:+81112611270" not in hrefs and "tel:+81112619658" not in hrefs
    assert "011-261-1270" not in html.select_one("main").get_text()
    # FAX 110 for Hokkaido, as text (not a call link), with the Hokkaido police as source
    fax = html.select_one(".contact__channels--local")
    assert fax is not None and "011-241-1110" in fax.get_text()


@pytest.mark.parametrize("lang", LANGS)
def test_aomori_does_not_present_the_identification_section_as_headquarters(site_dir: Path, lang: str) -> None:
    html = pref_page(site_dir, lang, "aomori")
    assert "017-723-4211" not in html.select_one("main").get_text()
    assert html.select_one("#contact-police-aomori") is None
    police = html.select_one('section[aria-labelledby="police"]')
    assert police.select_one(".fallback") is not None  # "we have not found a checked direct number"


@pytest.mark.parametrize("lang", LANGS)
def test_aichi_consultation_line_is_shown_as_the_consultation_line(site_dir: Path, lang: str) -> None:
    html = pref_page(site_dir, lang, "aichi")
    assert html.select_one("#contact-police-aichi") is None  # no headquarters card: its number is not sourced
    card = html.select_one("#contact-police-consultation-aichi")
    assert card is not None
    assert card.select_one('a[href="tel:+81529539110"]') is not None
    code = card.select_one(".call--code .call__number")
    assert code is not None and code.get_text(strip=True) == "#9110"  # the code as text, the direct number beside it
    assert card.select_one(".contact__hours") is not None  # Aichi's own sourced hours, not the usual #9110 ones
    assert html.select_one("#contact-police-9110") is None  # the national card gives way to Aichi's own


def test_labels_and_cost_are_shown_on_cards(site_dir: Path) -> None:
    tokyo = pref_page(site_dir, "en", "tokyo")
    houterasu = tokyo.select_one("#contact-houterasu-multilingual")
    text = houterasu.get_text(" ", strip=True)
    assert "from VoIP or prepaid mobile phones" in text and "050-3754-5430" in text
    assert "You pay for the call." in text and "prepaid mobile phones" in text
    arl = soup(site_dir / "en" / "report" / "index.html").select_one("#contact-anonymous-reporting-line")
    assert "Free call." in arl.get_text() and "You do not have to give your name." in arl.get_text()
    assert "Source undated" in arl.get_text() or "Source dated" in arl.get_text()
    isa = tokyo.select_one("#contact-isa-information-centre") or soup(
        site_dir / "en" / "get-help-near-you" / "index.html").select_one("#contact-isa-information-centre")
    assert isa is not None
    national = soup(site_dir / "ja" / "get-help-near-you" / "index.html")
    assert "情報源の日付" in national.select_one("#contact-isa-information-centre").get_text()


def test_contacts_json_labels_exactly_as_written(site_dir: Path) -> None:
    data = json.loads((site_dir / "contacts.json").read_text(encoding="utf-8"))
    labels = {p.get("label") for c in data["contacts"] for p in c.get("phones", [])}
    assert "when #8891 cannot be dialled" in labels
    assert "consultation support corner (same as #9110)" in labels
    tels = {p["number"]: p["tel"] for c in data["contacts"] for p in c.get("phones", [])}
    assert tels["0120-924-839"] == "0120924839" and tels["#9110"] is None


def test_embassies_are_the_readers_choice(site_dir: Path) -> None:
    tl = soup(site_dir / "tl" / "get-help-near-you" / "index.html")
    card = tl.select_one("#contact-embassy-philippines")
    assert card is not None and card.select_one(".contact__choice") is not None
    assert card.select_one('a[href="tel:+818070007979"]') is not None
    en = soup(site_dir / "en" / "get-help-near-you" / "index.html")
    assert en.select_one("section.embassies .fallback") is not None
    assert en.select_one("#contact-embassy-philippines") is None  # only for the language's readers


@pytest.mark.parametrize("lang", LANGS)
def test_number_check_page_lists_every_number_sorted_without_javascript(site_dir: Path, lang: str) -> None:
    path = site_dir / lang / "check-a-number" / "index.html"
    html = soup(path)
    items = html.select("#number-list li[data-digits]")
    keys = [li["data-digits"].lstrip("#") for li in items]
    assert keys == sorted(keys)
    numbers = {li.select_one(".number-list__number").get_text(strip=True) for li in items}
    every = {p.number for c in DIRECTORY.contacts for p in c.phones}
    assert every <= numbers
    aomori = next(li for li in items if li["data-digits"] == digits("017-723-4211"))
    assert aomori["data-role"] == "section"
    assert not html.select("#number-list a[href^='tel:']")  # a list to check against, not to call from
    box = html.select_one("#number-check")
    assert box.has_attr("hidden")  # shown by the script only
    scripts = [s.get("src", "") for s in html.select("script")]
    assert any(s.endswith("assets/check-number.js") for s in scripts)
    assert all(s.get("src") for s in html.select("script"))  # no inline script (CSP)


LEAFLETS = [
    ("en", "hokkaido", ["011-261-7502"], ["011-261-1270", "011-261-9658"]),
    ("ko", "hokkaido", ["011-261-7502"], ["011-261-1270"]),
    ("en", "tohoku", ["022-256-6076"], ["017-723-4211", "022-256-6073"]),
    ("en", "chubu", ["052-953-9110", "Aichi Prefectural Police consultation"], ["Aichi Prefectural Police Headquarters"]),
    ("en", "national", ["0120-279-889", "Chat"], []),
    ("tl", "national", ["080-7000-7979"], []),
]


@pytest.mark.parametrize("lang,edition,present,absent", LEAFLETS)
def test_leaflets_show_each_number_as_what_its_source_says(site_dir: Path, lang, edition, present, absent) -> None:
    path = site_dir / "leaflets" / lang / f"help-leaflet-{lang}-{edition}-a4.pdf"
    # -layout reads side by side cards line by line across them; the plain order reads each card whole
    plain = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    text = re.sub(r"\s+", " ", pdf_text(path)) + "\n" + re.sub(r"\s+", " ", plain)
    for needle in present:
        assert needle in text, f"{path.name}: {needle!r} missing"
    for needle in absent:
        assert needle not in text, f"{path.name}: {needle!r} printed"
