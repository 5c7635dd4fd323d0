"""A correct PDF text layer for every script: /ActualText around the glyph clusters WeasyPrint maps wrong.

Why: WeasyPrint (70) writes one ToUnicode entry per glyph, filled first come first served from the
text of the cluster the glyph was first drawn in. When the shaper draws one character as several
glyphs, or draws glyphs out of the text's order, that map cannot be right: Thai SARA AM (ำ) is drawn
as NIKHAHIT + SARA AA, so after "ตา" has mapped the SARA AA glyph to "า", "ตำรวจ" reads "ตารวจ";
Khmer, Burmese, Sinhala and Devanagari draw some vowels before their consonant. The same upstream
defect: Kozea/WeasyPrint issue 2841 (open; the proposed fix, pull request 2869, was not merged).

What this does: while WeasyPrint draws a line, each cluster (Pango's; in Thai, Lao, Burmese and Khmer,
whose letters and marks Pango keeps apart, and in Arabic script, whose letters it keeps apart and Nastaliq draws on a slope, the word between two spaces or break opportunities) whose glyphs may not read as its text through the font's ToUnicode map (several glyphs, a glyph
moved up or down, or one glyph already mapped to other text) is wrapped in a marked-content span ``/Span <</ActualText (text)>> BDC … EMC``. PDF readers
(poppler's pdftotext, Acrobat, pdf.js) copy, search and read out the ActualText instead of the glyphs.
Everything else, and the drawing itself, is WeasyPrint's own. ``install()`` is idempotent.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_TOKEN = re.compile(r"<([0-9a-fA-F]*)>|(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)")
_installed = False


@dataclass
class _Cluster:
    glyphs: tuple[int, ...]
    text: str
    font: object  # WeasyPrint's pdf.fonts.Font (its to_unicode map)
    shifted: bool  # a glyph moved up or down (a mark): readers may put it on a line of its own
    parts: int = 1  # Pango clusters merged into this one (a base and its marks)

    def wrap(self) -> bool:
        """Whether the glyphs may read as something else than the text. Asked when the cluster is written: by
        then WeasyPrint has entered its glyphs in the font's ToUnicode map."""
        if self.shifted or len(self.glyphs) > 1:
            # Several glyphs (WeasyPrint gives the text to one of them, maybe drawn first), or a base with
            # marks drawn at offsets: pdftotext puts such a mark on a line of its own ("ภูมภ / ิ าค").
            return True
        return "".join(self.font.to_unicode.get(g, "") for g in self.glyphs) != self.text


# Scripts whose letters and marks Pango gives clusters of their own (Thai, Lao, Burmese, Khmer), so a
# mark drawn above or below can land on a line of its own in a reader. Devanagari and Sinhala syllables
# are one cluster already.
_OWN_CLUSTERS = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\ua9e0-\ua9ff\uaa60-\uaa7f]")
MAX_PARTS = 40  # a word longer than this (no break opportunity) is read in pieces, between syllables


# Arabic script (Urdu Nastaliq): each letter is a cluster of its own, drawn right to left and raised or
# lowered along the word's slope, so a reader splits the word into letters and the line into several.
_RTL_WORD = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def _joins_previous(previous: _Cluster, text: str, rtl: bool = False) -> bool:
    """Whether a cluster of ``text`` continues the word of the cluster before it (no space or break between).
    ``rtl``: the clusters come in drawing order, right to left text from its end, so ``text`` comes before."""
    if not text:
        return False
    if rtl:
        if not _RTL_WORD.match(text[-1]) or not _RTL_WORD.match(previous.text[0]):
            return False
    elif not _OWN_CLUSTERS.match(text[0]) or not _OWN_CLUSTERS.match(previous.text[-1]):
        return False
    return previous.parts < MAX_PARTS or unicodedata.category(text[0]) in ("Mn", "Mc")


def _pdf_text_string(text: str) -> bytes:
    """A PDF text string in UTF-16BE with its byte order mark, hex-encoded (no escaping needed)."""
    return b"<feff" + text.encode("utf-16-be").hex().encode() + b">"


def _clusters(stream, first_line, utf8: bytes) -> list[_Cluster]:
    """The line's clusters in drawing order, with their glyphs (as WeasyPrint writes them) and text."""
    from weasyprint.text.ffi import ffi, pango

    out: list[_Cluster] = []
    run = first_line.runs[0]
    while run != ffi.NULL:
        item = run.data
        run = run.next
        glyph_string = item.glyphs
        n = glyph_string.num_glyphs
        clusters = glyph_string.log_clusters
        infos = glyph_string.glyphs
        offset, length = item.item.offset, item.item.length
        rtl = item.item.analysis.level % 2
        font, _size = stream.add_font(item.item.analysis.font)
        gap = True  # a space or a break opportunity (an empty glyph) since the last cluster
        i = 0
        while i < n:
            j = i
            while j + 1 < n and clusters[j + 1] == clusters[i]:
                j += 1
            if rtl:
                end = length if i == 0 else clusters[i - 1]
            else:
                end = length if j == n - 1 else clusters[j + 1]
            text = utf8[offset + clusters[i]:offset + end].decode("utf-8", "replace")
            drawn = [k for k in range(i, j + 1) if infos[k].glyph != pango.PANGO_GLYPH_EMPTY]
            glyphs = tuple(infos[k].glyph for k in drawn)
            if any(g & pango.PANGO_GLYPH_UNKNOWN_FLAG for g in glyphs):
                return []  # tofu: the build refuses it anyway (render.py); leave WeasyPrint's text as it is
            shifted = any(infos[k].geometry.y_offset for k in drawn)
            if glyphs and out and not gap and out[-1].font is font and _joins_previous(out[-1], text, bool(rtl)):
                # Pango gives these letters and marks clusters of their own: read the word as one
                last = out[-1]
                joined = text + last.text if rtl else last.text + text
                out[-1] = _Cluster(last.glyphs + glyphs, joined, font, last.shifted or shifted, last.parts + 1)
            elif glyphs:
                out.append(_Cluster(glyphs, text, font, shifted))
            gap = not glyphs or text.isspace()
            i = j + 1
    return out


class _LineText:
    """Rewrites the TJ strings of one line, opening and closing ActualText spans around clusters."""

    def __init__(self, stream, show_text, clusters: list[_Cluster]) -> None:
        self.stream, self.show_text = stream, show_text
        self.glyphs = [(g, c) for c in clusters for g in c.glyphs]  # (glyph id, its cluster) in order
        self.pos = 0
        self.open: _Cluster | None = None
        self.valid = bool(clusters)

    def show(self, string: str) -> None:
        if not self.valid:
            self.show_text(string)
            return
        tokens = list(_TOKEN.finditer(string))
        if "".join(t.group(0) for t in tokens) != string.replace(" ", ""):
            self._give_up(string)
            return
        parts: list[str] = []  # TJ elements of the current segment
        for t in tokens:
            if t.group(2) is not None:
                parts.append(t.group(0))
                continue
            hexes = t.group(1)
            if len(hexes) % 4:
                self._give_up(string)  # one-byte codes (bitmap fonts): not ours
                return
            for k in range(0, len(hexes), 4):
                gid = int(hexes[k:k + 4], 16)
                if self.pos >= len(self.glyphs) or self.glyphs[self.pos][0] != gid:
                    self._flush(parts)
                    self._close()
                    self.valid = False
                    rest = "<" + hexes[k:] + ">" + string[t.end():]
                    self.show_text(rest)
                    return
                cluster = self.glyphs[self.pos][1]
                self.pos += 1
                if cluster is not self.open and (self.open is not None or cluster.wrap()):
                    # A span starts or ends here: end this TJ (runs of plain clusters stay one TJ, as before)
                    self._flush(parts)
                    self._close()
                    if cluster.wrap():
                        self.stream.begin_marked_content("Span", b"<< /ActualText " + _pdf_text_string(cluster.text) + b" >>")
                        self.open = cluster
                parts.append(f"<{hexes[k:k + 4]}>")
        self._flush(parts)

    def _flush(self, parts: list[str]) -> None:
        if parts:
            self.show_text(" ".join(parts))
            parts.clear()

    def _close(self) -> None:
        if self.open is not None:
            self.stream.end_marked_content()
            self.open = None

    def _give_up(self, string: str) -> None:
        self._close()
        self.valid = False
        self.show_text(string)

    def finish(self) -> None:
        self._close()


def install() -> None:
    """Wrap WeasyPrint's draw_first_line (module attribute, also used by its SVG text) once."""
    global _installed
    if _installed:
        return
    from weasyprint.draw import text as draw_text

    original = draw_text.draw_first_line

    def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
        layout = textbox.pango_layout
        seen: dict[str, object] = {}
        get_first_line = layout.get_first_line

        def capture_first_line():
            line, index = get_first_line()
            seen["line"] = line
            return line, index

        show_text = stream.show_text
        line_text: list[_LineText] = []

        def show(string):
            if not line_text:
                clusters = _clusters(stream, seen["line"], layout.text.encode()) if "line" in seen else []
                line_text.append(_LineText(stream, show_text, clusters))
            line_text[0].show(string)

        layout.get_first_line = capture_first_line
        stream.show_text = show
        try:
            return original(stream, textbox, text_overflow, block_ellipsis, matrix)
        finally:
            if line_text:
                line_text[0].finish()
            del layout.get_first_line
            del stream.show_text

    draw_text.draw_first_line = draw_first_line
    _installed = True
