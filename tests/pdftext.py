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


def _rtl(word: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in word)


def reading_order(words: list[str]) -> list[str]:
    """The words of one line (left to right as drawn) in reading order: a line with right-to-left words reads
    from the right, and each run of left-to-right words in it (a number, "9:30 AM") keeps its own order."""
    if not any(_rtl(w) for w in words):
        return words
    out: list[str] = []
    run: list[str] = []  # left-to-right words met since the last right-to-left one
    for word in reversed(words):
        if _rtl(word):
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
    out = []
    for line in root.iter("line"):
        words = sorted(line.iter("word"), key=lambda w: float(w.get("xMin")))
        box = [float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
        out.append((" ".join(reading_order([w.text or "" for w in words])), *box))
    return out


def reading_text(pdf: Path) -> str:
    """The text of every line of the PDF, in reading order, one line a line."""
    return "\n".join(text for text, *_box in lines(pdf))
