"""Long text still fits its side of the A4.

Each side's flow (``.flow`` in leaflets/leaflet.html) runs above a placed foot (``.cutzone``: the officer
panel, and the numbers behind it), which must stay where it is for the cut-out to work in duplex. A
language whose words are long (Burmese, Khmer, Sinhala) can run the flow into the foot. After layout, such
a flow is scaled down from its top (a CSS transform: the foot does not move) just enough to end above the
foot, and the file is laid out again. The scale depends only on the file's own layout, so a file made
alone or in a batch gets the same bytes.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

FLOW = '<div class="flow">'
PX_PER_MM = 96 / 25.4
GAP_PX = 2 * PX_PER_MM  # keep this much paper between the flow and the foot
MIN_SCALE = 0.6  # below this the text is too small to read: the tests' overlap check then fails loudly


def walk(box: Any) -> Iterator[Any]:
    """A box and everything in it, also inside absolutely placed boxes."""
    yield box
    for child in getattr(box, "children", None) or []:
        yield from walk(child)


def first_box(page: Any, cls: str) -> Any | None:
    for box in walk(page._page_box):
        element = getattr(box, "element", None)
        if element is not None and cls in (element.get("class") or "").split():
            return box
    return None


def _scale(flow: Any, limit: float) -> float:
    top, bottom = flow.position_y, flow.position_y + flow.margin_height()
    if bottom <= limit or bottom <= top:
        return 1.0
    return max(MIN_SCALE, math.floor((limit - top) / (bottom - top) * 100) / 100)


def scales(pages: list[Any]) -> list[float]:
    """Per page, the scale that makes its flow end above the highest foot of the file (1.0 when it fits, or
    has no foot). The highest: printed double-sided, side 1's flow must not run behind side 2's panel
    either, and a long language's panel is taller than the numbers behind it."""
    feet = [foot for foot in (first_box(page, "cutzone") for page in pages) if foot is not None]
    if not feet:
        return [1.0] * len(pages)
    limit = min(foot.position_y for foot in feet) - GAP_PX
    out = []
    for page in pages:
        flow = first_box(page, "flow")
        out.append(1.0 if flow is None else _scale(flow, limit))
    return out


def shrink(html: str, side_scales: list[float]) -> str:
    """The HTML with the n-th side's flow scaled by side_scales[n] (sides that fit are left alone)."""
    parts = html.split(FLOW)
    out = parts[0]
    for n, part in enumerate(parts[1:]):
        scale = side_scales[n] if n < len(side_scales) else 1.0
        if scale < 1.0:
            out += f'<div class="flow" style="transform: scale({scale:.2f}); transform-origin: 50% 0">' + part
        else:
            out += FLOW + part
    return out
