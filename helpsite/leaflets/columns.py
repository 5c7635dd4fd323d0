"""Contact cards in three balanced columns, chosen here instead of by CSS ``columns``: WeasyPrint balances
CSS columns by laying them out again and again, which doubled the time of an A4 leaflet.

The height of a card is estimated from its text (lines of name, numbers, hours at the print sizes of
print.css); a wrong guess only leaves a column a little longer than the others.
"""
from __future__ import annotations

import math
import unicodedata
from typing import Any, Sequence

CARD_WIDTH_PT = 152.0  # the text width of a card on the A4 (58.6 mm less its padding)


def _text_width(text: str, size: float) -> float:
    """Rough advance of a text in points: wide (CJK) characters 1 em, marks nothing, the rest 0.55 em."""
    width = 0.0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += size if unicodedata.east_asian_width(ch) in ("W", "F") else 0.55 * size
    return width


def _lines(text: str, size: float) -> int:
    return max(1, math.ceil(_text_width(text, size) / CARD_WIDTH_PT)) if text else 0


def card_height(view: Any) -> float:
    """Estimated height in points of a contact card (leaflets/_macros.html contact or compact)."""
    h = 7.0 + _lines(getattr(view, "name", "") or getattr(view, "office", ""), 9) * 10.4
    phones = getattr(view, "phones", ()) or ()
    if phones:
        h += 16.5 + sum(_lines(f"{p.number} {p.label}", 9.5) * 11 for p in phones[1:])
    else:  # a fallback office: one line of explanation
        h += 2 * 10.4
    hours = getattr(view, "hours", "") or ""
    h += (_lines(hours, 9) * 10.4) if hours or getattr(view, "always_open", False) else 0
    h += _lines(getattr(view, "channel_note", ""), 9) * 10.4
    h += 10.4 if getattr(view, "choice", False) else 0
    return h + 3.4  # the gap under a card


def balanced(items: Sequence[Any], cols: int = 3) -> list[list[Any]]:
    """The items in reading order, cut into ``cols`` runs whose tallest run is as short as possible."""
    items = list(items)
    heights = [card_height(i) for i in items]
    n = len(items)
    best: tuple[float, list[int]] = (math.inf, [])

    def search(start: int, left: int, cuts: list[int], tallest: float) -> None:
        nonlocal best
        if tallest >= best[0]:
            return
        if left == 1:
            total = max(tallest, sum(heights[start:]))
            if total < best[0]:
                best = (total, cuts + [n])
            return
        for end in range(start, n + 1):
            search(end, left - 1, cuts + [end], max(tallest, sum(heights[start:end])))

    search(0, cols, [], 0.0)
    out, start = [], 0
    for end in best[1]:
        out.append(items[start:end])
        start = end
    return out
