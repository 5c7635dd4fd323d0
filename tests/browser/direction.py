"""Text direction checks, run on a page that is already loaded (one load per page, see test_page_accessibility).

For every page, in the direction its language has (helpsite.languages: mkdocs.yml `dir:` or CLDR, Urdu rtl):
- <html dir> is that direction;
- the header is laid out in it: the quick exit sits at the inline end (right in ltr, left in rtl);
- every phone number reads left to right: its element's computed direction is ltr and isolated from the
  text around it, and its first digit is drawn left of its last one;
- the Japanese officer panel lines stay left to right.
A new right-to-left language is checked as soon as it is in mkdocs.yml: nothing here names a language.
"""
from __future__ import annotations

DIRECTION_JS = """() => {
  const out = {dir: document.documentElement.getAttribute('dir'), exit: null, numbers: [], ja: []};
  const exit = document.querySelector('header [data-quick-exit]');
  if (exit && exit.checkVisibility()) {
    const r = exit.getBoundingClientRect();
    out.exit = {left: r.left, right: r.right, width: document.documentElement.clientWidth};
  }
  for (const el of document.querySelectorAll('.call__number, .number-list__number')) {
    if (!el.checkVisibility() || el.textContent.trim().length < 2) continue;
    const cs = getComputedStyle(el);
    const text = el.firstChild && el.firstChild.nodeType === 3 ? el.firstChild : null;
    let order = null;
    if (text) {
      const t = text.textContent, first = t.search(/\\d/), last = t.search(/\\d[^\\d]*$/);
      if (first >= 0 && last > first) {
        const at = i => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1); return r.getBoundingClientRect(); };
        const a = at(first), b = at(last);
        if (Math.abs(a.top - b.top) < 2) order = a.left < b.left;  // on one line: the first digit is left
      }
    }
    out.numbers.push({text: el.textContent.trim(), direction: cs.direction, bidi: cs.unicodeBidi, ltr_order: order});
  }
  for (const el of document.querySelectorAll('.officer-panel__ja')) {
    out.ja.push({direction: getComputedStyle(el).direction, lang: el.getAttribute('lang')});
  }
  return out;
}"""


def direction_problems(page, path: str, expected: str) -> list[str]:
    """What is wrong with the text direction of the loaded page; `expected` is 'ltr' or 'rtl'."""
    got = page.evaluate(DIRECTION_JS)
    problems = []
    if (got["dir"] or "ltr") != expected:
        problems.append(f"/{path}: <html dir={got['dir']!r}>, expected {expected!r}")
    exit_ = got["exit"]
    if exit_ is not None:
        # the quick exit hugs the inline end of the header: its far edge within a quarter of the screen
        at_end = exit_["right"] > exit_["width"] * 0.75 if expected == "ltr" else exit_["left"] < exit_["width"] * 0.25
        if not at_end:
            problems.append(f"/{path}: the quick exit spans {exit_['left']:.0f}..{exit_['right']:.0f} px of "
                            f"{exit_['width']} px; in {expected} it belongs at the {'right' if expected == 'ltr' else 'left'}")
    for n in got["numbers"]:
        if n["direction"] != "ltr" or n["bidi"] not in ("isolate", "isolate-override", "plaintext"):
            problems.append(f"/{path}: number {n['text']!r} has direction {n['direction']}, unicode-bidi {n['bidi']}: "
                            "it must read left to right, isolated (dir=\"ltr\")")
        if n["ltr_order"] is False:
            problems.append(f"/{path}: number {n['text']!r} is drawn right to left")
    for ja in got["ja"]:
        if ja["direction"] != "ltr" or ja["lang"] != "ja":
            problems.append(f"/{path}: a Japanese officer line is {ja['direction']} (lang {ja['lang']!r}); it stays ltr")
    return problems
