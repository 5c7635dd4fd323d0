"""Layout checks that must hold for any font: reflow at 320 px, and 150 % / 200 % text at 360 px.

Run on a page that is already loaded (each page is loaded once, and every check runs on it). The text
zoom of a phone's accessibility settings scales font sizes, not the viewport: it is emulated by scaling
the root font size, which every size in the site's CSS is relative to (rem / em).
"""
from __future__ import annotations

WIDTHS_JS = """() => {
  const doc = document.documentElement;
  const out = {scroll: doc.scrollWidth, client: doc.clientWidth, outside: []};
  for (const el of document.querySelectorAll('header a, header button, header label[for]')) {
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.left < -0.5 || r.right > doc.clientWidth + 0.5) {
      out.outside.push(el.tagName.toLowerCase() + ' "' + (el.textContent || el.getAttribute('aria-label') || '')
        .replace(/\\s+/g, ' ').trim().slice(0, 30) + '" spans ' + Math.round(r.left) + '..' + Math.round(r.right));
    }
  }
  const exit = document.querySelector('header [data-quick-exit]');
  out.exit = exit ? exit.checkVisibility({opacityProperty: true, visibilityProperty: true}) : null;
  return out;
}"""

# Parts of a page may be drawn only when they come near the screen (content-visibility: auto; site.css does
# this for contact cards, for the first paint); a reader who scrolls to one gets it drawn as if it were always
# there. axe and the layout checks see only what is drawn (axe files undrawn text under "incomplete", not
# passed), so the checks run with everything drawn: the page as the reader sees it while scrolling.
DRAW_EVERYTHING_JS = """() => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('* { content-visibility: visible !important; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""


def draw_everything(page) -> None:
    """Draw every part of the loaded page now, on screen or not (see DRAW_EVERYTHING_JS)."""
    page.evaluate(DRAW_EVERYTHING_JS)


SCALE_TEXT_JS = """(factor) => {
  const html = document.documentElement;
  html.style.removeProperty('font-size');
  const base = parseFloat(getComputedStyle(html).fontSize);
  html.style.setProperty('font-size', (base * factor) + 'px', 'important');
}"""

# (viewport width, text scale): 200 % zoom on a 640 px window is a 320 CSS px viewport (WCAG 1.4.10);
# 150 % and 200 % text at 360 px is a phone's text-size setting (WCAG 1.4.4).
SETUPS = [(320, 1.0), (360, 1.5), (360, 2.0)]


def layout_problems(page, path: str) -> list[str]:
    """Every way the loaded page fails to fit: sideways scrolling, or a header control outside the screen."""
    problems = []
    for width, scale in SETUPS:
        page.set_viewport_size({"width": width, "height": 640})
        page.evaluate(SCALE_TEXT_JS, scale)
        where = f"/{path} at {width} px, text {scale:.0%}"
        got = page.evaluate(WIDTHS_JS)
        if got["scroll"] > got["client"]:
            problems.append(f"{where} scrolls sideways: {got['scroll']} > {got['client']} px")
        problems += [f"{where}: {what} (screen 0..{got['client']})" for what in got["outside"]]
        if got["exit"] is False:
            problems.append(f"{where}: the quick exit is hidden")
    page.evaluate(SCALE_TEXT_JS, 1.0)
    return problems
