"""The first tap (issue 9), read from the built HTML and the catalogs: a help bar with 110, a line in the
reader's language and a written channel on every page; a tel: link on every main page; contacts in the
reader's order; the officer panel's words; every visible word in the reader's language; and every
message a template uses is in every catalog. (Behaviour in a browser: tests/browser/test_reader_journey.py.)"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from helpsite import languages
from helpsite.contacts import load_directory
from helpsite.i18n import po_path
from helpsite.paths import ROOT
from helpsite.web import reader
from tests.conftest import LANGS, PAGES, page_path
from tests.site_html import lang_params, soup, text_without


def _pages(site_dir: Path, lang: str) -> list[Path]:
    return sorted((site_dir / lang).rglob("index.html")) + [site_dir / lang / "404.html"]


@pytest.mark.parametrize("lang", lang_params(LANGS))
def test_help_bar_on_every_page_with_110_an_in_language_line_and_a_written_channel(site_dir: Path, lang: str) -> None:
    directory = load_directory()
    choice = reader.help_line(directory.national(), lang)
    assert choice is not None, f"{lang}: no national line that is not police speaks {lang}"
    assert reader.phone_speaks(choice.phone, choice.contact, lang)
    assert choice.contact.kind in reader.INFORMATION_KINDS or not reader.is_authority(choice.contact)
    for path in _pages(site_dir, lang):
        bar = soup(path).select_one("aside.help-bar")
        assert bar is not None, f"{path}: no help bar"
        tels = [a["href"] for a in bar.select('a[href^="tel:"]')]
        assert tels[0] == "tel:110", f"{path}: the help bar does not start with 110: {tels}"
        assert f"tel:{choice.phone.tel}" in tels, f"{path}: the in-language line is missing: {tels}"
        silent = bar.select_one("a.help-bar__silent")
        form = next(ch.url for ch in directory.get("anonymous-reporting-line").channels if ch.kind == "web-form")
        assert silent is not None and silent["href"] == str(form)


def test_an_information_line_only_where_no_other_line_speaks_the_language() -> None:
    national = load_directory().national()
    thai = reader.help_line(national, "th")
    assert thai is not None and not reader.is_authority(thai.contact)
    # Urdu: the data knows no line but the ISA's information centre that answers in Urdu.
    urdu = reader.help_line(national, "ur")
    assert urdu is not None and urdu.contact.kind == "immigration-info" and "ur" in urdu.phone.languages
    assert reader.help_line(national, "xx") is None  # nothing speaks it: no line is made up


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_main_page_has_a_tel_link_in_its_content_or_help_bar(site_dir: Path, lang: str, page: str) -> None:
    html = soup(page_path(site_dir, lang, page))
    assert html.select('a[href^="tel:"]'), f"{lang}/{page}: no tel: link"
    footer = html.select_one("footer")
    assert footer.select_one('a[href="tel:110"]') is not None, f"{lang}/{page}: the footer's 110 is not a link"


@pytest.mark.parametrize("lang", [code for code in LANGS if code not in ("en", "ja")])
def test_tokyo_page_lists_lines_in_the_readers_language_first(site_dir: Path, lang: str) -> None:
    html = soup(site_dir / lang / "near-you" / "tokyo" / "index.html")
    sections = [s.h2["id"] for s in html.select("section.near")]
    assert sections[0] == "in-language" and sections[-2:] == ["police", "immigration"], sections
    first = html.select("section.near")[0].select("article.contact")
    directory = load_directory()
    ids = [a["id"].removeprefix("contact-") for a in first]
    speaking = [c for c in ids if reader.speaks(directory.get(c), lang)]
    assert ids and ids == speaking, f"{lang}: lines in the first section that do not speak {lang}: {set(ids) - set(speaking)}"
    kinds = [reader.is_authority(directory.get(c)) for c in ids]
    assert kinds == sorted(kinds), f"{lang}: police or immigration before other help: {ids}"


def test_thai_tokyo_page_puts_the_thai_speaking_shelter_in_the_first_section(site_dir: Path) -> None:
    html = soup(site_dir / "th" / "near-you" / "tokyo" / "index.html")
    first = html.select("section.near")[0]
    assert first.select_one("#contact-help-shelter") is not None


@pytest.mark.parametrize("lang", LANGS)
def test_officer_panel_words(site_dir: Path, lang: str) -> None:
    html = soup(page_path(site_dir, lang, "show-an-officer.md"))
    panel = html.select_one("[data-officer-panel]")
    text = panel.get_text(" ", strip=True)
    assert "My language is" not in html.get_text(), f"{lang}: the untranslated 'My language is'"
    japanese = " ".join(p.get_text() for p in panel.select('[lang="ja"]'))
    if lang == "ja":
        assert "英語" not in japanese and "＿＿＿＿＿語" in japanese
        assert not panel.select(".officer-panel__own"), "a Japanese reader needs no second language"
    else:
        assert "私が話す言語：" in japanese
        expected = {"tl": "タガログ語（フィリピノ語）", "zh": "中国語", "id": "インドネシア語"}.get(lang)
        if expected:
            assert f"私が話す言語：{expected}" in japanese, japanese
    for need in ("protection", "hurt", "documents", "employer", "embassy"):
        assert panel.select_one(f'[data-need="{need}"]') is not None, f"{lang}: need {need} missing"
    assert len(panel.select(".officer-panel__line")) >= 8, text


def _catalog(lang: str):
    with po_path(lang).open("rb") as fh:
        return read_po(fh)


def _extracted_msgids() -> dict[str, str]:
    """Every message the templates and the Python code use, extracted with the project's babel.cfg."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid and not filename.startswith(("tests/", ".venv/", "site/")):
            found.setdefault(msgid, f"{filename}:{lineno}")
    return found


def test_every_message_a_template_uses_is_in_every_catalog() -> None:
    used = _extracted_msgids()
    assert "My language: %(language)s" in used  # the officer panel's line, through ja() / theirs()
    problems = []
    for lang in LANGS:
        if lang == languages.source_language().code:
            continue
        catalog = _catalog(lang)
        for msgid, where in used.items():
            message = catalog.get(msgid)
            if message is None or not message.string:
                problems.append(f"{where}: {msgid!r} has no translation in {po_path(lang)}")
    assert not problems, "\n".join(problems[:20])


def test_officer_template_calls_are_extracted() -> None:
    """ja(...) and theirs(...) are gettext in the officer panel: babel.cfg must extract them, or a message
    used only there never reaches a catalog (the 'My language is' bug)."""
    cfg = (ROOT / "babel.cfg").read_text(encoding="utf-8")
    for section in re.findall(r"\[jinja2: [^\]]+\][^\[]*", cfg):
        assert re.search(r"keywords\s*=.*\bja\b.*\btheirs\b", section), section


_TAGS_WITH_TEXT_ATTRS = ("aria-label", "title", "alt", "placeholder", "data-leaving", "data-press1", "data-press2",
                         "data-done", "data-failed", "data-left", "data-none")


def _visible_text(html: BeautifulSoup) -> str:
    hidden = html.select("script, style, [lang='en'], [hreflang='en']")
    parts = [text_without(html, hidden, " ")]
    inside = {id(t) for h in hidden for t in [h, *h.find_all(True)]}
    for tag in html.find_all(True):
        if id(tag) not in inside:
            parts += [str(tag.get(attr)) for attr in _TAGS_WITH_TEXT_ATTRS if tag.get(attr)]
    return re.sub(r"\s+", " ", " ".join(parts))


@pytest.mark.parametrize("lang", lang_params([code for code in LANGS if code != "en"]))
def test_no_page_shows_english_interface_text(site_dir: Path, lang: str) -> None:
    """Interface text of the English catalog (its msgids) never appears on a page of another language,
    except where that language's translation is the same words (Filipino keeps some English)."""
    catalog = _catalog(lang)
    english = set()
    for message in catalog:
        if not message.id or not message.string or isinstance(message.id, tuple):
            continue
        for piece in re.split(r"%\(\w+\)s", message.id):
            piece = piece.strip(" :.,")
            if len(piece) >= 12 and piece not in message.string:
                english.add(piece)
    found = []
    for path in _pages(site_dir, lang):
        text = _visible_text(soup(path))
        found += [f"{path.relative_to(site_dir)}: {piece!r}" for piece in english if piece in text]
    assert not found, "\n".join(found[:20])


def test_root_404_offers_every_language_and_110(site_dir: Path) -> None:
    html = soup(site_dir / "404.html")
    for lang in languages.languages():
        assert html.select_one(f'a.chooser__lang[href$="/{lang.code}/"]') is not None, lang.code
    assert html.select_one('a[href="tel:110"]') is not None
    for lang in LANGS:
        page = soup(site_dir / lang / "404.html")
        assert (page.html["lang"], page.html["dir"]) == (languages.get(lang).html_lang, languages.get(lang).direction)
        assert page.select_one('a[href="tel:110"]') is not None


def test_quick_exit_address_can_be_set_per_language_with_a_neutral_default() -> None:
    from helpsite.web.layout import quick_exit_url

    config = {
        "extra": {"quick_exit_url": "https://neutral.example/"},
        "plugins": [{"i18n": {"languages": [{"locale": "en"}, {"locale": "th", "extra": {"quick_exit_url": "https://th.example/"}}]}}],
    }
    assert quick_exit_url(config, "th") == "https://th.example/"
    assert quick_exit_url(config, "en") == "https://neutral.example/"
    real = languages.load_mkdocs_config()
    assert all(quick_exit_url(real, code).startswith("https://") for code in LANGS)
