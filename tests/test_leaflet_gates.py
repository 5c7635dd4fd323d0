"""The same print gates for every language, on the leaflets of the site build (site/leaflets/<lang>/):

- no word outside its page, and no word sticking out of its cell (the pale boxes of the contacts and
  key facts), read from the word boxes of ``pdftotext -bbox``;
- no tofu: every glyph the text is drawn with is a real glyph of a font embedded in the PDF, and every
  character of the text layer is in one of the embedded fonts;
- the text layer reads the real words (Thai ำ, the marks of every script): the catalog strings of the
  language are in ``pdftotext``'s text, and the invisible break characters (helpsite/leaflets/breaks.py)
  are not.

Cheap: nothing is built here; each PDF is read once per test with poppler and pypdf.
"""
from __future__ import annotations

import html
import io
import re
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

import pypdf
import pytest

from helpsite import languages
from helpsite.leaflets.breaks import WJ, ZWSP
from helpsite.leaflets.render import PANEL_TEMPLATE, environment, template_msgids

pytestmark = pytest.mark.xdist_group(name="leaflet-gates")

LANGS = languages.codes()
CELL_RGB = (0xED / 255, 0xF2 / 255, 0xF7 / 255)  # print.css: .contact and .key backgrounds (#edf2f7)
EPS = 0.6  # pt: rounding in poppler's boxes


def leaflet_pdfs(site: Path, lang: str) -> list[Path]:
    pdfs = sorted((site / "leaflets" / lang).glob("*.pdf"))
    assert pdfs, f"no leaflets in {site / 'leaflets' / lang}"
    return pdfs


_WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


@lru_cache(maxsize=None)
def word_boxes(pdf: Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """Per page: width, height and the words with their boxes (points, origin top left)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = []
    for chunk in out.split("<page ")[1:]:
        size = _PAGE.match("<page " + chunk)
        words = [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in _WORD.findall(chunk)]
        pages.append((float(size.group(1)), float(size.group(2)), words))
    return pages


def cell_boxes(page: pypdf.PageObject, height: float) -> list[tuple[float, float, float, float]]:
    """The pale cells of a page (rectangles filled with CELL_RGB), in pdftotext's coordinates."""
    cells = []
    state = {"rgb": None, "rects": []}

    def visit(op, args, cm, tm):
        if op == b"rg":
            state["rgb"] = tuple(float(a) for a in args)
        elif op == b"re":
            x, y, w, h = (float(a) for a in args)
            pts = [(x, y), (x + w, y + h)]
            a, b, c, d, e, f = cm
            tx = [(a * px + c * py + e, b * px + d * py + f) for px, py in pts]
            state["rects"].append((min(p[0] for p in tx), max(p[0] for p in tx), min(p[1] for p in tx), max(p[1] for p in tx)))
        elif op in (b"f", b"f*", b"F"):
            rgb = state["rgb"]
            if rgb and all(abs(u - v) < 0.01 for u, v in zip(rgb, CELL_RGB)):
                for x0, x1, y0, y1 in state["rects"]:
                    cells.append((x0, height - y1, x1, height - y0))
            state["rects"] = []
        elif op == b"n":
            state["rects"] = []

    page.extract_text(visitor_operand_before=visit)
    return cells


@pytest.mark.parametrize("lang", LANGS)
def test_no_word_outside_its_page_or_cell(site_dir, lang):
    for pdf in leaflet_pdfs(site_dir, lang):
        reader = pypdf.PdfReader(pdf)
        for number, (width, height, words) in enumerate(word_boxes(pdf), 1):
            assert words, f"{pdf.name} page {number}: no text"
            for x0, y0, x1, y1, word in words:
                assert -EPS <= x0 and x1 <= width + EPS and -EPS <= y0 and y1 <= height + EPS, (
                    f"{pdf.name} page {number}: '{word}' at ({x0:.1f}, {y0:.1f})-({x1:.1f}, {y1:.1f}) is outside "
                    f"the page ({width:.1f} x {height:.1f} pt)")
            cells = cell_boxes(reader.pages[number - 1], height)
            if "a4" in pdf.name:
                assert cells, f"{pdf.name} page {number}: no cells found (print.css background changed?)"
            for x0, y0, x1, y1, word in words:
                # the cell the word starts in must hold all of it
                for cx0, cy0, cx1, cy1 in cells:
                    if cx0 <= x0 + 0.5 <= cx1 and cy0 <= (y0 + y1) / 2 <= cy1:
                        assert x1 <= cx1 + EPS and y1 <= cy1 + EPS and y0 >= cy0 - EPS, (
                            f"{pdf.name} page {number}: '{word}' ({x0:.1f}, {y0:.1f})-({x1:.1f}, {y1:.1f}) sticks out "
                            f"of its cell ({cx0:.1f}, {cy0:.1f})-({cx1:.1f}, {cy1:.1f})")
                        break


_BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")


def _fonts(reader: pypdf.PdfReader):
    """(name, ToUnicode map glyph id -> text, fontTools font) of every embedded font."""
    from fontTools.ttLib import TTFont

    seen = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            name = str(font["/BaseFont"])
            if name in seen:
                continue
            desc = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            stream = desc.get("/FontFile2") or desc.get("/FontFile3")
            assert stream is not None, f"font {name} is not embedded"
            cmap = {}
            for gid, text in _BFCHAR.findall(font["/ToUnicode"].get_object().get_data()):
                cmap[int(gid, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be") if text else ""
            seen[name] = (cmap, TTFont(io.BytesIO(stream.get_object().get_data())))
    return seen


def _blank(font, gid: int) -> bool:
    """Whether glyph ``gid`` draws nothing (or does not exist): .notdef or an empty outline."""
    from fontTools.pens.boundsPen import ControlBoundsPen

    order = font.getGlyphOrder()
    if gid == 0 or gid >= len(order):
        return True
    glyph_set = font.getGlyphSet()
    pen = ControlBoundsPen(glyph_set)
    glyph_set[order[gid]].draw(pen)
    return pen.bounds is None


def _visible(text: str) -> bool:
    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc", "Zs", "Cn") for ch in text)


@pytest.mark.parametrize("lang", LANGS)
def test_no_tofu_every_character_in_an_embedded_font(site_dir, lang):
    for pdf in leaflet_pdfs(site_dir, lang):
        fonts = _fonts(pypdf.PdfReader(pdf))
        covered: set[str] = set()
        for name, (cmap, font) in fonts.items():
            for gid, text in cmap.items():
                if _visible(text):
                    assert not _blank(font, gid), f"{pdf.name}: font {name} draws '{text}' with an empty glyph (tofu)"
                covered.update(text)
            if "cmap" in font:  # the subset's own character map (text drawn under /ActualText, e.g. '·')
                covered.update(chr(c) for c in font.getBestCmap() or {})
        text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        for ch in set(text):
            if not _visible(ch) or ch in covered:
                continue
            # text from /ActualText (e.g. Thai SARA AM, drawn as NIKHAHIT + SARA AA): its parts are drawn
            parts = unicodedata.normalize("NFKD", ch)
            assert all(p in covered for p in parts), (
                f"{pdf.name}: '{ch}' U+{ord(ch):04X} is in the text but in no embedded font")


def _msgstrs(lang: str) -> list[str]:
    """The texts of the leaflet template's messages in ``lang`` (without placeholders and markup)."""
    gettext = environment(lang).leaflet_gettext
    ids = template_msgids("leaflet.html") | template_msgids(PANEL_TEMPLATE)
    out = []
    for msgid in sorted(ids):
        text = gettext(msgid)
        for piece in re.split(r"%\(\w+\)s|<[^>]+>", text):
            if len(piece.strip()) > 1:
                out.append(html.unescape(piece))
    return out


def _squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("lang", LANGS)
def test_text_layer_reads_the_real_words(site_dir, lang):
    a4 = [p for p in leaflet_pdfs(site_dir, lang) if p.name.endswith("-a4.pdf")]
    pdf = next((p for p in a4 if "-national-" in p.name), a4[0])
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert ZWSP not in text and WJ not in text, f"{pdf.name}: break characters in the text layer"
    assert "\ufffd" not in text
    squeezed = _squeeze(text)
    missing = [s for s in _msgstrs(lang) if _squeeze(s) not in squeezed]
    # Messages that are not drawn text (an aria-label, an alt text) or only on some editions or contacts.
    optional = {_squeeze(environment(lang).leaflet_gettext(m)) for m in (
        "Emergency",
        "QR code: help in your language",
        "In your region: %(region)s",
        "Your choice: only if you want to.",
        "No checked number yet: call the national immigration line above.",
        "No checked number yet. Call instead:",
        "For the police in the other prefectures of this region.",
        "Please check this number before relying on it.",
    )}
    missing = [s for s in missing if not any(_squeeze(s) in o for o in optional)]
    assert not missing, f"{pdf.name}: not in pdftotext's text: {missing}"
    if lang == "th":
        assert "ตำรวจ" in text and "ตารวจ" not in text
