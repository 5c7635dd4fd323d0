"""A PDF's text in reading order, right-to-left lines included (Urdu), from poppler's word boxes.

Why not plain ``pdftotext``: the leaflets give each Urdu word its text as one /ActualText span in logical
order (helpsite/leaflets/textlayer.py, as the PDF specification asks). Poppler stores a span's characters
left to right across the word's box, as if they were drawn in visual order, and its plain-text output then
reverses every right-to-left word ("کیا" comes out "ایک"). Its word boxes (-bbox-layout) keep each word as
the span says; only the order of the words on a right-to-left line is visual, and is put back here.
"""
from __future__ import annotations

import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

from helpsite import languages
from helpsite.web.furigana import without_readings


def _direction(word: str) -> str:
    """R for a right-to-left word, L for a left-to-right one (letters or digits), N for punctuation ("-", ":")."""
    kinds = {unicodedata.bidirectional(ch) for ch in word}
    if kinds & {"R", "AL"}:
        return "R"
    return "L" if kinds & {"L", "EN", "AN"} else "N"


def _word(word: str) -> str:
    """A right-to-left word poppler glued from several spans ("کوشینتسو-کانتو": two words' spans and the
    hyphen between them, stored left to right): its pieces in reading order, each piece as its span says."""
    if _direction(word) != "R":
        return word
    pieces = re.findall(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+|[^\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+", word)
    return "".join(reversed(pieces))


def reading_order(words: list[str]) -> list[str]:
    """The words of one line (left to right as drawn) in reading order: a line with right-to-left words reads
    from the right, and each run of left-to-right words in it (a number, "9:30 AM – 6:15 PM") keeps its own
    order. Punctuation between two left-to-right words belongs to their run, else to the right-to-left text."""
    kinds = [_direction(w) for w in words]
    if "R" not in kinds:
        return words
    strong = [i for i, k in enumerate(kinds) if k != "N"]
    for i, k in enumerate(kinds):
        if k == "N":
            before = [kinds[j] for j in strong if j < i][-1:]
            after = [kinds[j] for j in strong if j > i][:1]
            kinds[i] = "L" if before == after == ["L"] else "R"
    out: list[str] = []
    run: list[str] = []  # left-to-right words met since the last right-to-left one
    for word, kind in zip(reversed(words), reversed(kinds)):
        if kind == "R":
            out += reversed(run)
            run = []
            out.append(word)
        else:
            run.append(word)
    return out + list(reversed(run))


def lines(pdf: Path, page: int | None = None) -> list[tuple[str, float, float, float, float]]:
    """(text, xMin, yMin, xMax, yMax) of every line (of one page, or all), in points from the top left."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    xml = subprocess.run(["pdftotext", "-bbox-layout", *pages, str(pdf), "-"],
                         check=True, capture_output=True, text=True).stdout
    root = ET.fromstring(re.sub(r'xmlns="[^"]*"', "", xml, count=1))
    # Easy Japanese: the readings in brackets are printed once per word, so side 1 and side 2 differ by them
    furigana = pdf.parent.name in languages.codes() and languages.get(pdf.parent.name).furigana
    out = []
    for line in root.iter("line"):
        words = sorted(line.iter("word"), key=lambda w: float(w.get("xMin")))
        box = [float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
        text = " ".join(reading_order([_word(w.text or "") for w in words]))
        out.append((without_readings(text) if furigana else text, *box))
    return out


def reading_text(pdf: Path) -> str:
    """The text of every line of the PDF, in reading order, one line a line."""
    return "\n".join(text for text, *_box in lines(pdf))
