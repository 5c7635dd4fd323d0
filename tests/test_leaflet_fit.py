"""A long language's A4 still fits: each side's flow ends above the highest cut-out foot of the file
(helpsite/leaflets/fit.py), and a language that fits is left untouched."""
from __future__ import annotations

import pytest

from helpsite import languages
from helpsite.contacts import load_directory
from helpsite.leaflets import Job, fit, render

pytestmark = pytest.mark.xdist_group(name="leaflets")


def _laid_out(lang: str):
    r = render.render_html(Job(lang, "a4", "national"), load_directory(), epoch=0, author="t",
                           base_url="https://example.org/")
    return r, render.layout(r)


@pytest.mark.parametrize("lang", [code for code in ("my", "en") if code in languages.codes()])
def test_flow_ends_above_the_highest_foot(lang: str) -> None:
    r, doc = _laid_out(lang)
    feet = [fit.first_box(page, "cutzone") for page in doc.pages]
    limit = min(foot.position_y for foot in feet if foot is not None)
    for n, page in enumerate(doc.pages):
        flow = fit.first_box(page, "flow")
        style = flow.element.get("style") or ""
        # a transformed flow is drawn smaller than its layout box: compare what is drawn
        scale = float(style.split("scale(")[1].split(")")[0]) if "scale(" in style else 1.0
        drawn_bottom = flow.position_y + flow.margin_height() * scale
        assert drawn_bottom <= limit, f"{lang} side {n + 1}: flow ends at {drawn_bottom:.0f}px, foot at {limit:.0f}px"
    if lang == "en":
        assert "scale(" not in r.html and all(s == 1.0 for s in fit.scales(doc.pages))  # English fits as it is
