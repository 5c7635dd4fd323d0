"""Contacts on the built pages come from data/: every prefecture in every language shows its bureau,
its police and the national lines; hours are in the reader's language; contacts.json is published."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpsite import languages
from helpsite.contacts import load_directory
from helpsite.i18n import translations
from helpsite.lint import lint_paths
from helpsite.paths import DOCS, ROOT
from tests.conftest import LANGS, page_path
from tests.site_html import by_language, lang_params, soup, without_readings

DIRECTORY = load_directory()


def cards(html: BeautifulSoup) -> dict[str, BeautifulSoup]:
    return {article["id"].removeprefix("contact-"): article for article in html.select("article.contact")}


def tel_hrefs(card: BeautifulSoup) -> set[str]:
    return {a["href"] for a in card.select('a[href^="tel:"]')}


@pytest.mark.parametrize("lang", lang_params(LANGS))
def test_every_prefecture_page_shows_its_bureau_police_and_the_national_lines(site_dir: Path, lang: str) -> None:
    for prefecture in DIRECTORY.prefectures:
        help_ = DIRECTORY.for_prefecture(prefecture.code)
        path = site_dir / lang / "near-you" / prefecture.slug / "index.html"
        html = soup(path)
        assert prefecture.name(lang) in html.find("h1").get_text(), path
        shown = cards(html)
        # the regional immigration bureau from the data, with its phones (or the national fallback)
        assert help_.bureau.id in shown, (path, help_.bureau.id)
        assert help_.bureau.display_name(lang) in shown[help_.bureau.id].get_text()
        # the numbers offered to call: lines, never a section's number (issue 10: Sapporo's enforcement section)
        assert tel_hrefs(shown[help_.bureau.id]) == {f"tel:{p.tel}" for p in help_.bureau.call_phones if p.tel}
        if not help_.bureau_has_phone:
            assert help_.immigration_fallback.id in shown
        # that prefecture's police, or the #9110 consultation line that routes to it
        assert help_.police_consultation.id in shown
        if help_.police_has_phone:
            assert help_.police.id in shown
            assert tel_hrefs(shown[help_.police.id]) == {f"tel:{p.tel}" for p in help_.police.call_phones if p.tel}
        else:
            assert html.select_one("p.fallback") is not None
        # 110 first, and every national line
        first_call = html.select_one('a[href^="tel:"]')
        assert first_call["href"] == "tel:110"
        for contact in help_.national:
            if contact.id != DIRECTORY.emergency.id:  # 110 is the big button above, not a card
                # a prefecture's own #9110 line (Aichi, Akita, Chiba) stands in for the national #9110 card
                if contact.kind == "police-consultation" and help_.police_consultation.id != contact.id:
                    continue
                assert contact.id in shown, (path, contact.id)


def test_a_prefecture_shows_another_region_bureau_than_a_far_away_one(site_dir: Path) -> None:
    hokkaido = cards(soup(site_dir / "en/near-you/hokkaido/index.html"))
    okinawa = cards(soup(site_dir / "en/near-you/okinawa/index.html"))
    assert "bureau-sapporo" in hokkaido and "bureau-sapporo" not in okinawa
    assert "bureau-fukuoka" in okinawa and "bureau-fukuoka" not in hokkaido


@pytest.mark.parametrize("lang", LANGS)
def test_prefecture_list_in_the_reader_language_links_to_47_pages(site_dir: Path, lang: str) -> None:
    html = soup(page_path(site_dir, lang, "get-help-near-you.md"))
    links = html.select("a.place")
    assert len(links) == 47
    names = {a.get_text(strip=True) for a in links}
    assert names == {p.name(lang) for p in DIRECTORY.prefectures}
    assert all(a["href"].startswith("../near-you/") for a in links)


@pytest.mark.parametrize("lang", ["en", "ja", "th", "zh", "es"])
def test_opening_hours_are_written_by_babel_in_the_reader_language(site_dir: Path, lang: str) -> None:
    contact = DIRECTORY.get("isa-information-centre")
    expected = contact.hours_text(lang)
    assert expected
    card = cards(soup(page_path(site_dir, lang, "get-help-near-you.md")))[contact.id]
    assert expected in card.get_text()


@pytest.mark.parametrize("lang", LANGS)
def test_every_contact_shows_when_it_was_checked(site_dir: Path, lang: str) -> None:
    # issue 10: the card says when we compared it with its source, beside the source's own date
    label = translations(lang).gettext("compared with it: %(date)s").split("%(date)s")[0].strip()
    for card in cards(soup(page_path(site_dir, lang, "get-help-near-you.md"))).values():
        checked = card.select_one(".contact__checked")
        assert checked is not None and label in checked.get_text()


@by_language("en")  # it reads the English pages: where the English walks parsed them
def test_low_confidence_numbers_carry_a_warning(site_dir: Path) -> None:
    low = [(c, p) for c in DIRECTORY.contacts for p in c.phones if p.confidence == "low"]
    assert low, "the data has low-confidence numbers; the test needs one"
    warning = translations("en").gettext("Please check this number before relying on it.")
    checked = 0
    for contact, phone in low:
        for path in (site_dir / "en").rglob("index.html"):
            card = cards(soup(path)).get(contact.id)
            if card is None:
                continue
            link = card.select_one(f'a[href="tel:{phone.tel}"]')
            if link is not None:
                assert warning in link.parent.get_text()
                checked += 1
                break
    assert checked


def test_officer_panel_shows_japanese_and_the_reader_language(site_dir: Path) -> None:
    """Each line of the officer screen is Japanese, with the reader's own language under it (on the
    Japanese page, Japanese only: the reader reads it already)."""
    ja = translations("ja").gettext("I may be a victim of human trafficking.")
    for lang in LANGS:
        html = soup(page_path(site_dir, lang, "show-an-officer.md"))
        panel = html.select_one(".officer-panel")
        # Easy Japanese: the text under its furigana
        assert sum(without_readings(p).count(ja) for p in panel.select('.officer-panel__ja[lang="ja"]')) == 1, lang
        if lang == "ja":
            assert panel.select_one(".officer-panel__own") is None
            continue
        text = translations(lang).gettext("I may be a victim of human trafficking.")
        assert any(text in without_readings(p) for p in panel.select(f'.officer-panel__own[lang="{languages.get(lang).html_lang}"]')), lang


def test_contacts_json_has_sources_and_check_dates(site_dir: Path) -> None:
    data = json.loads((site_dir / "contacts.json").read_text(encoding="utf-8"))
    contacts = data["contacts"]
    assert len(contacts) == len(DIRECTORY.contacts)
    for entry in contacts:
        assert entry["sources"] and all(s.startswith("http") for s in entry["sources"]), entry["id"]
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", str(entry["checked"])), entry["id"]
        assert entry["confidence"] in {"high", "medium", "low"}


def test_no_markdown_page_contains_a_phone_number() -> None:
    findings = [f for f in lint_paths(sorted(DOCS.rglob("*.md")), ROOT) if "phone-number" in str(f)]
    assert findings == []


def test_the_phone_rule_does_catch_a_number_typed_into_a_page(tmp_path: Path) -> None:
    page = tmp_path / "docs" / "en" / "bad.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitle: Bad\n---\n\n# Bad\n\nCall 0570-013904 now.\n", encoding="utf-8")
    findings = [str(f) for f in lint_paths([page], tmp_path)]
    assert any("phone-number" in f and "bad.md:7" in f for f in findings), findings
