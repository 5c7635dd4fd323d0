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
from helpsite.leaflets.render import PANEL_TEMPLATE, environment, template_msgids, translation_reviewed
from tests.pdftext import reading_text

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


_TOKEN = re.compile(rb"\[[^\]]*\]|<<|>>|<[^<>]*>|\([^)]*\)|/[^\s/\[\]<>()]+|[^\s\[\]<>()/]+")
_OPERATOR = re.compile(rb"^[A-Za-z'\"*]+$")


def _times(m, n):
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def cell_boxes(page: pypdf.PageObject, height: float) -> list[tuple[float, float, float, float]]:
    """The pale cells of a page (rectangles filled with CELL_RGB), in pdftotext's coordinates.

    A small reader of the page's drawing operators (q Q cm rg re f): fast, unlike a full interpreter."""
    cells = []
    ctm, saved = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), []
    rgb, rects, args = None, [], []
    for token in _TOKEN.findall(page.get_contents().get_data()):
        if not _OPERATOR.match(token):
            args.append(token)
            continue
        op = token
        if op == b"q":
            saved.append((ctm, rgb))
        elif op == b"Q" and saved:
            ctm, rgb = saved.pop()
        elif op == b"cm":
            ctm = _times(tuple(float(x) for x in args[-6:]), ctm)
        elif op == b"rg":
            rgb = tuple(float(x) for x in args[-3:])
        elif op == b"re":
            x, y, w, h = (float(v) for v in args[-4:])
            a, b, c, d, e, f = ctm
            pts = [(a * px + c * py + e, b * px + d * py + f) for px, py in ((x, y), (x + w, y + h))]
            rects.append((min(p[0] for p in pts), max(p[0] for p in pts), min(p[1] for p in pts), max(p[1] for p in pts)))
        elif op in (b"f", b"f*", b"F"):
            if rgb and len(rgb) == 3 and all(abs(u - v) < 0.01 for u, v in zip(rgb, CELL_RGB)):
                cells += [(x0, height - y1, x1, height - y0) for x0, x1, y0, y1 in rects]
            rects = []
        elif op == b"n":
            rects = []
        args = []
    return cells


def _core(y0: float, y1: float) -> tuple[float, float]:
    """The part of a word's box its letters are drawn in. Poppler's box spans the font's whole ascent and
    descent, far more than the letters: Noto Sans Myanmar (1.32 em up, 0.86 em down) and Noto Nastaliq Urdu
    (1.90 em up, 0.60 em down) reach above and below a line the letters stay inside. As overlaps() in
    test_leaflet_print.py: only the middle 60 % of the box counts, for every script."""
    return y0 + 0.2 * (y1 - y0), y1 - 0.2 * (y1 - y0)


def box_problems(pdf: Path, need_cells: bool) -> list[str]:
    """Words outside their page, or sticking out of the cell they start in (sideways: the whole box;
    up and down: its core)."""
    problems = []
    reader = pypdf.PdfReader(pdf)
    for number, (width, height, words) in enumerate(word_boxes(pdf), 1):
        where = f"{pdf.name} page {number}"
        if not words:
            problems.append(f"{where}: no text")
        cells = cell_boxes(reader.pages[number - 1], height)
        if need_cells and not cells:
            problems.append(f"{where}: no cells found (print.css background changed?)")
        for x0, y0, x1, y1, word in words:
            box = f"'{word}' ({x0:.1f}, {y0:.1f})-({x1:.1f}, {y1:.1f})"
            if not (-EPS <= x0 and x1 <= width + EPS and -EPS <= y0 and y1 <= height + EPS):
                problems.append(f"{where}: {box} is outside the page ({width:.1f} x {height:.1f} pt)")
                continue
            for cx0, cy0, cx1, cy1 in cells:  # the cell the word starts in must hold all of it
                if cx0 <= x0 + 0.5 <= cx1 and cy0 <= (y0 + y1) / 2 <= cy1:
                    top, bottom = _core(y0, y1)
                    if not (x1 <= cx1 + EPS and bottom <= cy1 + EPS and top >= cy0 - EPS):
                        problems.append(f"{where}: {box} sticks out of its cell ({cx0:.1f}, {cy0:.1f})-({cx1:.1f}, {cy1:.1f})")
                    break
    return problems


@pytest.mark.parametrize("lang", LANGS)
def test_no_word_outside_its_page_or_cell(site_dir, lang):
    # The A4 leaflets have pale cells (contacts, key facts); the card sheets, cards and posters have none.
    problems = [p for pdf in leaflet_pdfs(site_dir, lang)
                for p in box_problems(pdf, need_cells=pdf.name.startswith("help-leaflet-") and pdf.name.endswith("-a4.pdf"))]
    assert not problems, "\n".join(problems)


def test_the_box_check_finds_a_word_outside_its_cell_and_its_page(tmp_path):
    import weasyprint

    pdf = tmp_path / "bad.pdf"
    weasyprint.HTML(string=(
        '<style>@page { size: A6; margin: 10mm }</style>'
        '<div style="background: #edf2f7; width: 20mm; padding: 1mm"><p style="white-space: nowrap">'
        'Overflowingwordthatdoesnotfit</p></div>'
        '<div style="background: #edf2f7; height: 3.5mm; font-size: 14pt; line-height: 1; margin-top: 5mm">'
        '<p style="margin: 0">Tallword</p></div>'
        '<p style="position: absolute; left: 80mm">Offpagewordthatiswide</p>')).write_pdf(pdf)
    problems = box_problems(pdf, need_cells=True)
    assert any("Overflowingwordthatdoesnotfit" in p and "sticks out of its cell" in p for p in problems), problems
    assert any("Offpage" in p and "outside the page" in p for p in problems), problems
    assert any("Tallword" in p and "sticks out of its cell" in p for p in problems), problems


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


def _notdef(font, gid: int) -> bool:
    return gid == 0 or gid >= len(font.getGlyphOrder())


@lru_cache(maxsize=None)
def _full_cmap(embedded: str) -> frozenset[str]:
    """The characters of the whole font file an embedded subset was cut from (the build's faces,
    helpsite/leaflets/fonts.py), found by name: "ABCDEF+HS-Noto-Sans-Devanagari-Bold". Empty if none is."""
    from helpsite.leaflets import fonts

    name = embedded.lstrip("/").split("+", 1)[-1].removeprefix(fonts.ALIAS.strip() + "-")
    weight = "bold" if "-Bold" in name else "regular"
    matches = [f for f in fonts.faces_for(LANGS) if f.weight == weight
               and (name == f.family.replace(" ", "-") or name.startswith(f.family.replace(" ", "-") + "-"))]
    if not matches:
        return frozenset()
    best = max(matches, key=lambda f: len(f.family))  # "Noto Sans Devanagari", not "Noto Sans"
    return frozenset(chr(c) for c in fonts.coverage(best.file, best.index))


def _blank(font, gid: int) -> bool:
    """Whether glyph ``gid`` draws nothing (or does not exist): .notdef or an empty outline."""
    from fontTools.pens.boundsPen import ControlBoundsPen

    order = font.getGlyphOrder()
    if _notdef(font, gid):
        return True
    glyph_set = font.getGlyphSet()
    pen = ControlBoundsPen(glyph_set)
    glyph_set[order[gid]].draw(pen)
    return pen.bounds is None


def _visible(text: str) -> bool:
    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc", "Zs", "Cn") for ch in text)


def tofu_problems(pdf: Path, drawn: set[tuple[str, int]]) -> list[str]:
    """Glyphs that draw nothing for visible text, and characters of the text in no embedded font.
    ``drawn``: glyphs already seen to draw something (a language's PDFs share one pre-subset font per face,
    with the same glyph ids), so each is looked at once.

    Shaping (Devanagari, Khmer, Nastaliq) draws a character as part of a ligature or of another glyph, or
    as an empty placeholder glyph next to the glyphs that draw it, and WeasyPrint's ToUnicode map may name
    that placeholder for it. So an empty glyph is tofu when it is .notdef, or when the whole font file the
    subset was cut from has no glyph for its text (then nothing drew it); and a character of the text layer
    counts as covered when that whole font maps it (the check fonts.py makes before rendering)."""
    problems = []
    covered: set[str] = set()
    for name, (cmap, font) in _fonts(pypdf.PdfReader(pdf)).items():
        family = name.split("+", 1)[-1]
        full = _full_cmap(name)
        for gid, text in cmap.items():
            if _visible(text) and (family, gid) not in drawn:
                shaped = not _notdef(font, gid) and all(ch in full for ch in text if _visible(ch))
                if _blank(font, gid) and not shaped:
                    problems.append(f"{pdf.name}: font {name} draws '{text}' with an empty glyph (tofu)")
                else:
                    drawn.add((family, gid))
            covered.update(text)
        if "cmap" in font:  # the subset's own character map (text drawn under /ActualText, e.g. '·')
            covered.update(chr(c) for c in font.getBestCmap() or {})
        covered.update(full)
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    for ch in sorted(set(text)):
        # text from /ActualText (Thai SARA AM, drawn as NIKHAHIT + SARA AA): its parts are drawn
        if _visible(ch) and ch not in covered and not all(p in covered for p in unicodedata.normalize("NFKD", ch)):
            problems.append(f"{pdf.name}: '{ch}' U+{ord(ch):04X} is in the text but in no embedded font")
    return problems


@pytest.mark.parametrize("lang", LANGS)
def test_no_tofu_every_character_in_an_embedded_font(site_dir, lang):
    drawn: set[tuple[str, int]] = set()
    problems = [p for pdf in leaflet_pdfs(site_dir, lang) for p in tofu_problems(pdf, drawn)]
    assert not problems, "\n".join(problems)


def test_the_tofu_check_finds_a_character_without_a_font(tmp_path):
    import weasyprint

    pdf = tmp_path / "tofu.pdf"
    # U+1E290 TOTO LETTER PA: in none of the Debian fonts, so WeasyPrint draws an empty box
    weasyprint.HTML(string='<p style="font-family: Noto Sans">Toto: \U0001e290</p>').write_pdf(pdf)
    problems = tofu_problems(pdf, set())
    assert any("U+1E290" in p or "\U0001e290" in p for p in problems), problems


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
    reading = reading_text(pdf)
    if languages.get(lang).furigana:  # Easy Japanese: the catalog's words, without the readings in brackets
        from helpsite.web.furigana import without_readings

        text, reading = without_readings(text), without_readings(reading)
    # Poppler's plain text reverses the Urdu words (tests/pdftext.py): the lines of its word boxes read them.
    squeezed = _squeeze(text) + "\n" + _squeeze(reading)
    wanted = _msgstrs(lang)
    drafted_note = environment(lang).leaflet_gettext("Translation not yet reviewed by a native speaker.")
    if translation_reviewed(lang):  # the note is printed only on machine-drafted languages
        wanted = [s for s in wanted if s != drafted_note]
        assert _squeeze(drafted_note) not in squeezed, f"{pdf.name}: a reviewed language says it is not reviewed"
    missing = [s for s in wanted if _squeeze(s) not in squeezed]
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
    if languages.get(lang).direction == "rtl":
        # Poppler may put one raised Nastaliq word on a line of its own, out of its sentence: in right-to-left
        # text every word of the message must still be read right (a broken text layer splits the letters).
        missing = [s for s in missing if not all(_squeeze(w) in squeezed for w in s.split())]
    assert not missing, f"{pdf.name}: not in pdftotext's text: {missing}"
    if lang == "th":
        assert "ตำรวจ" in text and "ตารวจ" not in text


SAMPLES = {  # a few words per script, as a reader would search for them
    "th": "ตำรวจ น้ำ ทำงาน ภูมิภาค ได้ ที่",
    "km": "ភាសាខ្មែរ ប្រទេសកម្ពុជា គ្រោះថ្នាក់ ទូរស័ព្ទ",
    "my": "မြန်မာဘာသာ ကျေးဇူးတင်ပါတယ် နိုင်ငံ ဖုန်း",
    "si": "සිංහල ශ්\u200dරී ලංකාව",
    "ne": "नेपाली भाषा कृपया मद्दत",
    "vi": "Tiếng Việt người lao động",
}
SAMPLE_FONTS = "Noto Sans, Noto Sans Thai, Noto Sans Khmer, Noto Sans Myanmar, Noto Sans Sinhala, Noto Sans Devanagari"


def test_text_layer_reads_every_script_as_written(tmp_path):
    """textlayer.py on scripts whose shaping reorders or splits characters (more than the leaflets hold today)."""
    import weasyprint

    from helpsite.leaflets import textlayer

    textlayer.install()
    body = "".join(f"<p>{s}</p>" for s in SAMPLES.values())
    # "ตา" first: the SARA AA glyph is mapped to า before ตำรวจ draws it as part of ำ
    pdf = tmp_path / "scripts.pdf"
    weasyprint.HTML(string=f'<body style="font-family: {SAMPLE_FONTS}"><p>ตา</p>{body}</body>').write_pdf(pdf)
    lines = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout.split("\n")
    for lang, sample in SAMPLES.items():
        assert sample in lines, f"{lang}: {sample!r} not read back from the PDF: {lines}"


@pytest.mark.parametrize("lang", LANGS)
def test_keep_together_names_are_never_broken(site_dir, lang):
    from helpsite.leaflets.breaks import keep_together

    names = keep_together()
    for pdf in leaflet_pdfs(site_dir, lang):
        text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        squeezed = _squeeze(text)
        broken = [n for n in names if n in squeezed and n not in text]
        assert not broken, f"{pdf.name}: names broken across lines: {broken}"


def test_text_layer_reads_urdu_words_whole(tmp_path):
    """Nastaliq draws each letter as a cluster of its own, on a slope: textlayer.py gives each word one span,
    so a reader gets words, not letters on lines of their own ("ان سا ن ی")."""
    import weasyprint

    from helpsite.leaflets import textlayer

    textlayer.install()
    sample = "کیا آپ کو کام یا جسم فروشی پر مجبور کیا گیا؟ 110 پر کال کریں۔"
    pdf = tmp_path / "ur.pdf"
    weasyprint.HTML(string=f'<html lang="ur" dir="rtl"><body style="font-family: Noto Nastaliq Urdu">'
                           f'<p>{sample}</p></body></html>').write_pdf(pdf)
    assert reading_text(pdf).split("\n") == [sample]
