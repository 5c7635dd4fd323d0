"""The "Leaving safely" page and the operator line, read from the built site (site/) and its leaflets."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pypdf
import pytest

from helpsite import operator
from helpsite.contacts import load_directory
from helpsite.i18n import translations
from helpsite.pages import page_sources, split_front_matter
from helpsite.paths import DOCS
from tests.conftest import LANGS, page_path
from tests.site_html import soup, without_readings
from tests.pdftext import reading_text
from tests.test_leaflets import squeeze

PAGE = "leaving-safely.md"


def _(lang: str, msgid: str) -> str:
    return translations(lang).gettext(msgid)


@pytest.mark.parametrize("lang", LANGS)
def test_linked_from_the_home_tiles_and_am_i_a_victim(site_dir: Path, lang: str) -> None:
    home = soup(page_path(site_dir, lang, "index.md"))
    assert home.select('a.tile[href="leaving-safely/"]'), f"{lang}: no home tile to the page"
    victim = soup(page_path(site_dir, lang, "am-i-a-victim.md"))
    assert victim.select('article a[href="../leaving-safely/"]'), f"{lang}: 'Am I a victim?' does not link it"


@pytest.mark.parametrize("lang", LANGS)
def test_numbers_come_from_the_data_as_call_links(site_dir: Path, lang: str) -> None:
    html = soup(page_path(site_dir, lang, PAGE))
    tels = {a["href"] for a in html.select('article a[href^="tel:"]')}
    directory = load_directory()
    assert "tel:110" in tels  # the emergency insert, first on the page
    for contact_id in ("otit-mother-tongue", "jitco-hotline", "labour-hotline", "dv-soudan-plus", "yorisoi-hotline"):
        for phone in directory.get(contact_id).phones:
            assert f"tel:{phone.tel}" in tels, f"{lang}: {contact_id} {phone.number} is not on the page"
    trainee = html.find(id="trainee")
    assert trainee is not None and trainee.name == "h2"


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_lists_the_sources_of_the_english_page(site_dir: Path, lang: str) -> None:
    meta, _body, _line = split_front_matter((DOCS / "en" / PAGE).read_text(encoding="utf-8"))
    sources = page_sources(meta)
    assert len(sources) >= 10
    html = soup(page_path(site_dir, lang, PAGE))
    section = html.select_one("section.page-sources")
    assert section is not None and section.h2.get_text(strip=True) == _(lang, "Where do these facts come from?")
    # https:// sources are links named by their site; an old http:// address is named, never linked.
    links = [a["href"] for a in section.select("a")]
    assert links == [s["url"] for s in sources if s["url"] and s["url"].startswith("https://")]
    items = section.select("li")
    assert len(items) == len(sources)
    for item, source in zip(items, sources):
        if source["url"]:
            assert source["url"].split("/")[2] in item.get_text(), item


@pytest.mark.parametrize("lang", LANGS)
def test_footer_and_about_page_name_the_operator_and_the_wrong_number_link(site_dir: Path, lang: str) -> None:
    op = operator.load()
    for page in ("index.md", PAGE, "about.md"):
        footer = soup(page_path(site_dir, lang, page)).select_one("footer .site-operator")
        assert footer is not None, f"{lang}/{page}: no operator line in the footer"
        # Easy Japanese: the words without their furigana
        assert _(lang, "Run by: %(name)s") % {"name": op.name} in without_readings(footer, "", strip=True)
        assert footer.a["href"] == op.report_href
    about = soup(page_path(site_dir, lang, "about.md")).select_one("article .site-operator")
    assert about is not None and op.report in about.get_text()


@pytest.mark.parametrize("lang", LANGS)
def test_a4_leaflet_names_the_operator_and_how_to_report(site_dir: Path, lang: str) -> None:
    op = operator.load()
    pdf = site_dir / "leaflets" / lang / f"help-leaflet-{lang}-national-a4.pdf"
    # Thai SARA AM comes back from the PDF in parts: squeeze() compares it the way the leaflet tests do.
    poppler = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # Urdu: read from poppler's word boxes in reading order (tests/pdftext.py); its plain text reverses the words.
    text = squeeze(poppler + "".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages) + "\n" + reading_text(pdf))
    for line in (_(lang, "Run by: %(name)s") % {"name": op.name},
                 _(lang, "Wrong number? Tell us: %(contact)s") % {"contact": op.report}):
        assert squeeze(line) in text, f"{pdf.name}: {line!r} not in the PDF text"
