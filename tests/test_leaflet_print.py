"""Print layouts (issue 12): the card sheets and their crop marks, the fold-over card, the duplex-safe A4,
type sizes, the A3 posters, and the region's name on every regional front.

Most checks read the site build's leaflets (every language and edition) with poppler; the geometry of the
sheets and the type sizes are read from WeasyPrint's layout boxes of a few files laid out here.
"""
from __future__ import annotations

import os
import re
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest

from helpsite import languages
from helpsite.leaflets.fit import walk  # every box, also inside absolutely placed ones
from helpsite.leaflets import Job, plan, render, sheets
from helpsite.leaflets.render import environment
from tests.pdftext import lines  # each line's words in reading order, right-to-left lines too

pytestmark = pytest.mark.xdist_group(name="leaflets")

LANGS = languages.codes()
MM = 72 / 25.4          # PDF points per mm
PX_MM = 96 / 25.4       # CSS px per mm (WeasyPrint layout boxes)
PT_PX = 96 / 72         # CSS px per pt
A4_W = 210 * MM
NUMBER = re.compile(r"(?:\d{2,4}-\d{2,4}-\d{3,4}|#\d{4}|\b0120\b)")


def _(lang: str, msgid: str) -> str:
    return environment(lang).leaflet_gettext(msgid)


def squeeze(text: str) -> str:
    """As in test_leaflets: no white space; Thai SARA AM compared in its parts."""
    text = "".join(text.split())
    return text.replace("\u0e33", "\u0e32").replace("\u0e4d", "")


@pytest.fixture(scope="session")
def leaflets(request) -> Path:
    """The site build's leaflets (HELPSITE_LEAFLETS_DIR points elsewhere, e.g. a build_leaflets.py --out)."""
    if os.environ.get("HELPSITE_LEAFLETS_DIR"):
        return Path(os.environ["HELPSITE_LEAFLETS_DIR"])
    return request.getfixturevalue("site_dir") / "leaflets"


# ----------------------------------------------------------------------------- duplex-safe A4

@lru_cache(maxsize=None)
def panel_zone(pdf: Path, lang: str) -> tuple[float, float, float, float]:
    """The cut-out part of side 2: from the cut line down, as wide as the text in it (points)."""
    cut = squeeze(_(lang, "Cut here and keep this part with you"))
    side2 = lines(pdf, 2)
    tops = [y0 for text, _x0, y0, _x1, _y1 in side2 if squeeze(text) == cut]
    assert tops, f"{pdf.name}: no cut line on side 2"
    top = min(tops)
    below = [ln for ln in side2 if ln[2] >= top - 1]
    return min(ln[1] for ln in below), top, max(ln[3] for ln in below), max(ln[4] for ln in below)


@pytest.mark.parametrize("lang", LANGS)
def test_cut_out_panel_backs_onto_numbers_repeated_on_side_2(leaflets, editions, lang):
    """Printed on both sides (long edge), cutting out the officer panel may only cut away, on side 1,
    text that side 2 keeps: every line of side 1 behind the panel (2 mm of slack for the printer) is
    found on side 2 above the cut. And nothing of side 2's numbers runs into the panel."""
    for edition in editions:
        pdf = Job(lang, "a4", edition).path(leaflets)
        x0, top, x1, bottom = panel_zone(pdf, lang)
        slack = 2 * MM
        # long-edge duplex: side 1's x is side 2's x mirrored
        bx0, bx1 = A4_W - x1 - slack, A4_W - x0 + slack
        kept = squeeze("".join(t for t, _a, y0, _b, y1 in lines(pdf, 2) if y1 < top))
        behind = [t for t, a, y0, b, y1 in lines(pdf, 1) if y1 > top - slack and b > bx0 and a < bx1]
        assert behind, f"{pdf.name}: side 1 has nothing behind the panel; expected the repeated numbers"
        for text in behind:
            # word by word: side 2's wider columns wrap a card's label elsewhere than side 1 does
            lost = [w for w in text.split() if squeeze(w) not in kept]
            assert not lost, f"{pdf.name}: {lost} of {text!r} behind the cut-out panel, not repeated on side 2"
        inside = [t for t, a, y0, b, y1 in lines(pdf, 2) if y0 >= top - 1 and NUMBER.search(t)]
        assert not inside, f"{pdf.name}: numbers run into the officer panel: {inside}"


# ----------------------------------------------------------------------------- region names

def test_japanese_region_names_say_region(directory):
    """中国 alone reads "China": every region's Japanese name ends in 地方, except Hokkaido (one name for
    the prefecture and the region)."""
    for region in directory.regions:
        name = region.name("ja")
        assert name.endswith("地方") or region.id == "hokkaido", f"data/regions.yaml: {region.id} ja: {name}"


@pytest.mark.parametrize("lang", LANGS)
def test_regional_fronts_name_their_region(leaflets, directory, lang):
    for region in directory.regions:
        for fmt in ("a4", "poster"):
            pdf = Job(lang, fmt, region.id).path(leaflets)
            front = squeeze(" ".join(t for t, *_box in lines(pdf, 1)))
            assert squeeze(region.name(lang)) in front, f"{pdf.name}: front does not name {region.name(lang)!r}"
            assert squeeze(region.name("ja")) in front, f"{pdf.name}: front does not name {region.name('ja')!r}"
            if lang == "ja":
                assert not re.search("中国(?!地方)", front), f"{pdf.name}: says 中国 (China) for a region"


# ----------------------------------------------------------------------------- products exist, crop marks

@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_card_sheet_fold_card_and_posters(leaflets, editions, lang):
    import pypdf

    sizes = {"sheet": (210, 297), "fold": (210, 297), "poster": (297, 420), "card": (85.6, 54)}
    for job in plan([lang], editions, list(sizes)):
        reader = pypdf.PdfReader(job.path(leaflets))
        assert len(reader.pages) == job.pages, f"{job}: {len(reader.pages)} pages"
        for page in reader.pages:
            w, h = float(page.trimbox.width) / MM, float(page.trimbox.height) / MM
            assert abs(w - sizes[job.format][0]) < 0.5 and abs(h - sizes[job.format][1]) < 0.5, f"{job}: {w}x{h} mm"


def dark_along(png: Path, marks: list[sheets.Box], dpi: int) -> list[sheets.Box]:
    """The marks along which the rendered page has no dark pixel."""
    from PIL import Image

    img = Image.open(png).convert("L")
    px = dpi / 25.4
    missing = []
    for m in marks:
        steps = [(m.x + m.w * k / 10, m.y + m.h * k / 10) for k in range(1, 10)]
        hits = 0
        for x, y in steps:
            around = [img.getpixel((round(x * px) + dx, round(y * px) + dy)) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
            hits += min(around) < 235  # a hairline at 100 dpi is a light grey, on white
        if hits < 7:
            missing.append(m)
    return missing


@pytest.mark.parametrize("fmt, grid", [("sheet", sheets.CARD_SHEET), ("fold", sheets.FOLD_SHEET)])
def test_crop_marks_are_printed_on_both_sides(leaflets, fmt, grid, tmp_path):
    """Every cut (and fold) has its marks in the margins, on the front and on the back, in every language."""
    dpi = 100
    for lang in LANGS:
        pdf = Job(lang, fmt, None).path(leaflets)
        stem = tmp_path / f"{lang}-{fmt}"
        subprocess.run(["pdftoppm", "-gray", "-png", "-r", str(dpi), str(pdf), str(stem)], check=True)
        for side in (1, 2):
            png = next(tmp_path.glob(f"{stem.name}-{side}.png"))
            marks = grid.crop_marks() + (grid.fold_marks() if fmt == "fold" else [])
            assert not dark_along(png, marks, dpi), f"{pdf.name} side {side}: crop marks missing"


def test_card_sheet_has_ten_working_qr_codes(leaflets, tmp_path):
    from helpsite.leaflets import qr

    pdf = Job("th", "sheet", None).path(leaflets)
    subprocess.run(["pdftoppm", "-png", "-r", "200", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(tmp_path / "s")],
                   check=True)
    res = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "s.png")], capture_output=True, text=True)
    assert res.stdout.split() == [qr.help_url("th")] * 10


# ----------------------------------------------------------------------------- layout boxes

@pytest.fixture(scope="session")
def laid_out(directory):
    """A few files laid out by WeasyPrint (layout only, no PDF): Thai, the longest script here."""
    out = {}
    for job in [Job("th", "sheet", None), Job("th", "fold", None), Job("th", "a4", "kanto-koshinetsu"),
                Job("th", "poster", "chugoku"), Job("tl", "poster", "kanto-koshinetsu")]:
        r = render.render_html(job, directory, epoch=0, author="test", base_url="https://example.org/")
        out[job.format if job.lang == "th" else f"{job.format}-{job.lang}"] = render.layout(r)
    return out


def boxes(page, cls: str) -> list:
    """The boxes of the elements with this class on a page (the element's outermost box only)."""
    seen, out = set(), []
    for box in walk(page._page_box):
        el = getattr(box, "element", None)
        if el is None or id(el) in seen or cls not in (el.get("class") or "").split():
            continue
        seen.add(id(el))
        out.append(box)
    return out


def mm_box(box) -> tuple[float, float, float, float]:
    return (box.position_x / PX_MM, box.position_y / PX_MM, box.margin_width() / PX_MM, box.margin_height() / PX_MM)


@pytest.mark.parametrize("fmt, front_cls, back_cls", [("sheet", "card-front", "card-back"), ("fold", "plain", "card-front")])
def test_every_card_front_and_back_line_up_within_1_mm(laid_out, fmt, front_cls, back_cls):
    """Long-edge duplex: the back of a card at x is at page width - x - card width, at the same y."""
    doc = laid_out[fmt]
    assert len(doc.pages) == 2
    fronts = [mm_box(b) for b in boxes(doc.pages[0], "cell")]
    backs = [mm_box(b) for b in boxes(doc.pages[1], "cell")]
    assert len(fronts) == len(backs) == {"sheet": 10, "fold": 4}[fmt]
    for x, y, w, h in fronts:
        want = (210 - x - w, y)
        assert any(abs(bx - want[0]) <= 1 and abs(by - want[1]) <= 1 and abs(bw - w) <= 1 and abs(bh - h) <= 1
                   for bx, by, bw, bh in backs), f"{fmt}: no back for the card at {x:.1f}, {y:.1f} mm"
    # the faces fill their cells: a face that overflowed its card would be cut off
    for page, cls in ((doc.pages[0], front_cls), (doc.pages[1], back_cls)):
        for b in boxes(page, cls):
            x, y, w, h = mm_box(b)
            assert abs(w - sheets.CARD[0]) < 0.2 and abs(h - sheets.CARD[1]) < 0.2, f"{fmt} {cls}: {w:.1f}x{h:.1f} mm"
    # the crop marks lie outside every card, on the page
    for page in doc.pages:
        marks = [mm_box(b) for b in boxes(page, "crop")]
        assert len(marks) == 2 * (len(sheets.CARD_SHEET.cut_xs()) + len(sheets.CARD_SHEET.cut_ys())) or fmt == "fold"
        assert marks
        for mx, my, mw, mh in marks:
            assert 0 < mx < 210 and 0 < my < 297
            assert not any(x + 0.1 < mx < x + w - 0.1 and y + 0.1 < my < y + h - 0.1 for x, y, w, h in fronts)


def text_sizes(page, cls: str) -> list[float]:
    """Font sizes (pt) of the text drawn inside elements of this class."""
    sizes = []
    for box in boxes(page, cls):
        for child in walk(box):
            if type(child).__name__ == "TextBox" and child.text.strip():
                sizes.append(child.style["font_size"] / PT_PX)
    return sizes


def test_type_sizes_for_arm_s_length_and_walls(laid_out):
    a4 = laid_out["a4"]
    assert min(text_sizes(a4.pages[0], "n110")) >= 36
    for cls in ("cname", "hours", "fallback"):
        sizes = text_sizes(a4.pages[1], cls)
        assert sizes and min(sizes) >= 9, f"A4 .{cls}: {sizes} pt"
    poster = laid_out["poster"]
    assert len(poster.pages) == 1
    assert min(text_sizes(poster.pages[0], "n110")) >= 96
    for cls in ("p-label", "p-num", "qr-title", "region-name"):
        sizes = text_sizes(poster.pages[0], cls)
        assert sizes and min(sizes) >= 20, f"poster .{cls}: {sizes} pt"


@pytest.mark.parametrize("key", ["poster", "poster-tl"])  # Thai, and Filipino (the longest lines)
def test_poster_foot_does_not_cover_the_blocks_above(laid_out, key):
    """The QR code and the footer sit at the foot of the poster; the blocks above must end before it
    (the QR code is an image: the text-over-text check of the built posters does not see it)."""
    page = laid_out[key].pages[0]
    foot_top = mm_box(boxes(page, "p-foot")[0])[1]
    for cls in ("danger", "line", "silent"):
        for b in boxes(page, cls):
            x, y, w, h = mm_box(b)
            assert y + h <= foot_top, f"{key} .{cls} ends at {y + h:.0f} mm, under the foot at {foot_top:.0f} mm"


NASTALIQ = re.compile("[\u0600-\u06ff]")  # Urdu letters, set in Noto Nastaliq Urdu


def overlaps(page_lines) -> list[tuple[str, str]]:
    """Pairs of text lines printed over each other. A line's box from pdftotext spans the font's whole
    ascent and descent, more than the line's height: only the middle 60 % of each box counts. Nastaliq
    (Urdu) spans 2.5 em (ascent 1.90, descent 0.60) on lines 1.8 em apart: there the middle 30 %."""
    def core(text: str, y0: float, y1: float) -> tuple[float, float]:
        edge = 0.35 if NASTALIQ.search(text) else 0.2
        return y0 + edge * (y1 - y0), y1 - edge * (y1 - y0)

    boxes_ = [(t, x0, *core(t, y0, y1), x1) for t, x0, y0, x1, y1 in page_lines]
    out = []
    for i, (t1, a0, b0, b1, a1) in enumerate(boxes_):
        for t2, c0, d0, d1, c1 in boxes_[i + 1:]:
            same_line = abs(b1 - d1) < 1.5  # poppler may cut one line in two (Thai marks): not an overlap
            if min(a1, c1) - max(a0, c0) > 1 and min(b1, d1) - max(b0, d0) > 0.5 and not same_line:
                out.append((t1, t2))
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_no_text_over_text(leaflets, editions, lang):
    """The feet of the A4 and of the poster are placed, not flowed: nothing may run under them."""
    for edition in editions:
        for job in (Job(lang, "a4", edition), Job(lang, "poster", edition)):
            for page in range(1, job.pages + 1):
                assert not overlaps(lines(job.path(leaflets), page)), f"{job} page {page}: text over text"
