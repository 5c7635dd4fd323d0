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


def card_height(view: Any, scale: float = 1.0) -> float:
    """Estimated height in points of a contact card (leaflets/_macros.html contact or compact), its type
    set ``scale`` times the base sizes (see TYPE_SCALES)."""
    k = scale
    h = 7.0 * k + _lines(getattr(view, "name", "") or getattr(view, "office", ""), 9 * k) * 10.4 * k
    phones = getattr(view, "phones", ()) or ()
    if phones:
        h += 16.5 * k + sum(_lines(f"{p.number} {p.label}", 9.5 * k) * 11 * k for p in phones[1:])
    else:  # a fallback office: one line of explanation
        h += 2 * 10.4 * k
    hours = getattr(view, "hours", "") or ""
    h += (_lines(hours, 9 * k) * 10.4 * k) if hours or getattr(view, "always_open", False) else 0
    h += _lines(getattr(view, "channel_note", ""), 9 * k) * 10.4 * k
    h += 10.4 * k if getattr(view, "choice", False) else 0
    return h + 3.4 * k  # the gap under a card


def balanced(items: Sequence[Any], cols: int = 3, scale: float = 1.0) -> list[list[Any]]:
    """The items in reading order, cut into ``cols`` runs whose tallest run is as short as possible."""
    items = list(items)
    heights = [card_height(i, scale) for i in items]
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


def rows_height(items: Sequence[Any], cols: int = 3, scale: float = 1.0) -> float:
    """Estimated height of cards in rows of ``cols`` (each row as tall as its tallest card)."""
    items = list(items)
    return sum(max(card_height(i, scale) for i in items[k:k + cols]) for k in range(0, len(items), cols))


def back_height(national: Sequence[Any], edition: Any, scale: float = 1.0) -> float:
    """Estimated height in points of side 2 above the officer panel: headings, the national columns,
    the region's cards (or the bureaus), the footer."""
    heading = 27.0
    cols = balanced(national, scale=scale)
    h = heading + max(sum(card_height(c, scale) for c in col) for col in cols)
    h += heading + 4
    if getattr(edition, "bureaus", None):
        h += rows_height(edition.bureaus, scale=scale)
    else:
        region = [v for v in [getattr(edition, "bureau", None) or getattr(edition, "bureau_fallback", None),
                              *getattr(edition, "police", []), getattr(edition, "police_fallback", None)] if v]
        h += rows_height(region, scale=scale)
    return h + 4 * 10.4  # the footer's lines


# Side 2 takes the largest type whose estimated height leaves this much room above the officer panel
# (the panel takes 46-56 mm; the estimate errs by up to 15 %). print.css has a class per scale.
BACK_ROOM_PT = 590.0
TYPE_SCALES = (1.3, 1.15, 1.0)


def back_scale(national: Sequence[Any], edition: Any) -> float:
    """The type scale of side 2: 1.0 where the numbers fill it; larger where they leave it half empty."""
    for scale in TYPE_SCALES:
        if scale == 1.0 or back_height(national, edition, scale) <= BACK_ROOM_PT:
            return scale
    return 1.0
