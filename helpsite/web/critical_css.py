"""First paint from the first round trip: every page carries the CSS of its first screen inline, and the rest
comes in one cached file that does not hold the first paint.

The templates link Material's main.css and palette.css and our own site.css and dark.css, as MkDocs and
`mkdocs serve` expect. After the build, this step reads every built page, keeps only the rules of Material's
stylesheets whose classes, ids, attributes and elements occur somewhere on the site (Material's CSS is
mostly for features we do not use; attribute selectors need a value some page has), keeps our own stylesheets
whole, and makes two stylesheets of the result:

- THE CRITICAL STYLE, inline in <head> of every page (the same bytes everywhere, so the CSP allows it by one
  hash, helpsite.web.csp): the rules of that stylesheet that the first screen of a page can need at 360 x 640
  before anyone touches it (FIRST_SCREEN below), in both colour schemes;
- THE WHOLE STYLESHEET, as one file named after its content (assets/stylesheets/site.<hash>.css), linked at
  the end of <body>: Chromium paints what is above such a link without waiting for it. Being the whole
  stylesheet in its own order (not "the rest"), it leaves every page styled exactly as one stylesheet would:
  the critical rules only come first. Browsers cache it; the service worker saves it with the pages.
"""
from __future__ import annotations

import base64
import fnmatch
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from markupsafe import escape as html_escape
from pathlib import Path

import tinycss2

from helpsite.web.compress import gzipped
from helpsite.web.outputs import CORE_PAGES_FOR_OFFLINE

# A run of stylesheet links, as the templates write them (one per line, nothing else between).
LINKS = re.compile(r'(?:[ \t]*<link rel="stylesheet" href="(?P<href>[^"]+)">\s*)+')
ONE_LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)">')
# Material's own stylesheets are purged; ours are kept whole (they are small and written for this site).
PURGED = re.compile(r"assets/stylesheets/(main|palette)\.[0-9a-f]+\.min\.css$")


# ---- THE FIRST SCREEN: the one hand-picked list (what any page shows at 360 x 640 before it is touched) ----
# The first frame is the page WITHOUT JavaScript: site.js is deferred, and Chromium runs it only once the
# stylesheet file linked before </body> has come (the parser waits at that link), so what the script shows
# (the search form, the officer's choices, the number check) comes with the whole stylesheet.
# Found by looking at every page template in every language at 360 x 640 with JavaScript off (the classes and
# elements on screen): the header with the quick exit and the closed language list, the help bar, the heading
# and the first blocks of a page (the emergency box, place buttons, the top of a contact card, the officer
# panel, the machine-translation note, an edition page's answer). Not the language chooser at '/' (it links
# the stylesheet file in <head>: see inline_stylesheets), nor the drawer (closed), nor the footer: it reaches
# the first screen of very short pages only (an edition page), and its rules and colours would cost about 150
# gzip bytes on every page (it is styled a moment later).
# tests/browser/test_first_paint.py compares screenshots with and without the stylesheet file: add a class
# here when one shows a difference.
# A rule goes inline when every class its selector names matches a pattern here and every element is listed.
FIRST_SCREEN_CLASSES = (
    # Material's frame: the header, the closed language list, the page grid; the drawer only as hidden
    "md-header*", "md-select", "md-select__inner", "md-select__list", "md-icon", "md-logo", "md-ellipsis",
    "md-container", "md-main*", "md-grid", "md-content*", "md-typeset", "md-sidebar", "md-sidebar--primary",
    "md-overlay", "md-toggle",
    # ours
    "quick-exit", "quick-exit__*", "quick-exit--header", "help-bar*", "visually-hidden",
    "call", "call--emergency", "call--big", "call__label", "call__number", "emergency*",
    "places*", "place", "contacts", "contact", "contact__name", "translation-note",
    "officer-panel", "officer-panel__line", "officer-panel__ja", "officer-panel__own", "edition-status*",
)
FIRST_SCREEN_ELEMENTS = frozenset(
    "html body header nav main article aside section div p h1 h2 h3 ul ol li a span strong em ruby rt svg img "
    "label button".split()
)
# Rules of those blocks that a first screen still never shows: the open language list's arrow, Material's
# second header title (it slides in on scroll, with its JavaScript), lists inside lists.
NOT_ON_FIRST_SCREEN = re.compile(r"\.md-select__inner:after|\.md-header__topic\+")
_NESTED_LISTS = 2  # a selector naming this many ol/ul elements is about a list inside a list
# Not in the first frame: states a reader's touch or the page's script brings (site.js: data-presses), and print.
# :focus-visible stays: a keyboard reader may press Tab before the stylesheet file has come.
_NOT_STILL = re.compile(r":(hover|focus|focus-within|active|checked|target|visited)(?![\w-])|::?-webkit-scrollbar"
                        r"|\[data-presses")
_NOT_STILL_MEDIA = re.compile(r"\bprint\b")
# Declarations that change nothing in a still first frame (the whole stylesheet brings them a moment later);
# outline-color only colours an outline, which only a focus style draws (ours sets its own colour).
_MOTION = re.compile(r"(-webkit-|-moz-)?(transition|animation|cursor|will-change|scroll-snap|outline-color|"
                     r"-webkit-tap-highlight-color|-webkit-print-color-adjust|print-color-adjust|color-adjust|scrollbar)")


def _on_first_screen(selector: str) -> bool:
    if _NOT_STILL.search(selector) or NOT_ON_FIRST_SCREEN.search(selector):
        return False
    simple = _PSEUDO.sub("", selector)
    simple = re.sub(r'"[^"]*"|\'[^\']*\'', "", simple)
    if re.search(r"#-?[_a-zA-Z]", simple):
        return False
    for name in re.findall(r"\.(-?[_a-zA-Z][\w-]*)", simple):
        if not any(fnmatch.fnmatchcase(name, pattern) for pattern in FIRST_SCREEN_CLASSES):
            return False
    simple = re.sub(r"\[[^\]]*\]", "", simple)
    elements = re.findall(r"(?:^|[\s>+~(,])([a-z][a-z0-9]*)\b", simple)
    if sum(e in ("ol", "ul") for e in elements) >= _NESTED_LISTS:
        return False
    return all(e in FIRST_SCREEN_ELEMENTS for e in elements)


def _first_screen_rules(rules: Iterable) -> list[str]:
    out: list[str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
            kept = [s for s in selectors if _on_first_screen(s)]
            declarations = [d for d in _declarations(rule.content) if not _MOTION.fullmatch(d.name)]
            if kept and declarations:
                out.append(",".join(kept) + "{" + _serialize_declarations(declarations) + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
            prelude = tinycss2.serialize(rule.prelude).strip()
            if _NOT_STILL_MEDIA.search(prelude):
                continue
            inner = _first_screen_rules(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True))
            if inner:
                out.append(f"@{rule.lower_at_keyword} {prelude}{{{''.join(inner)}}}")
        # @keyframes: no animation in a still frame.
    return out


def critical_css(css: str) -> str:
    """The rules of `css` (the whole, purged stylesheet) that the first screen needs, in their order, and the
    custom properties they read."""
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    return _drop_unused("".join(_first_screen_rules(rules)))


_START_TAG = re.compile(r"<([a-zA-Z][\w-]*)(\s[^>]*)?>")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


class _Tokens:
    """The class names, ids, attribute names (and their values) and element names that occur in the site's
    pages. A regular expression over the start tags is enough here, and 20 times faster than a parser."""

    def __init__(self) -> None:
        self.classes: set[str] = set()
        self.ids: set[str] = set()
        self.attributes: set[str] = set()
        self.values: dict[str, set[str]] = {}
        self.elements: set[str] = {"html", "body"}

    def feed(self, html: str) -> None:
        for tag in _START_TAG.finditer(html):
            self.elements.add(tag[1].lower())
            for name, *values in _ATTRIBUTE.findall(tag[2] or ""):
                value = next((v for v in values if v), "")
                self.attributes.add(name.lower())
                self.values.setdefault(name.lower(), set()).add(value)
                if name == "class":
                    self.classes.update(value.split())
                elif name == "id":
                    self.ids.add(value)


_PSEUDO = re.compile(r"::?[\w-]+(\((?:[^()]|\([^()]*\))*\))?")


_ATTRIBUTE_SELECTOR = re.compile(
    r"""\[\s*([\w-]+)\s*([~|^$*]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]+))\s*([iIsS])?\s*\]""")
_VALUE_TESTS = {
    "=": lambda v, x: v == x,
    "~=": lambda v, x: x in v.split(),
    "|=": lambda v, x: v == x or v.startswith(x + "-"),
    "^=": lambda v, x: v.startswith(x),
    "$=": lambda v, x: v.endswith(x),
    "*=": lambda v, x: x in v,
}


def _value_used(match: re.Match, used: _Tokens) -> bool:
    """[name=value] (and ^= $= *= ~= |=): some page has that attribute with a matching value. Material's rules
    for its other palettes, its search and its JavaScript's states go; the site's script sets none of them."""
    name, op, wanted = match[1].lower(), match[2], next((v for v in match.group(3, 4, 5) if v is not None), "")
    fold = (match[6] or "").lower() == "i"
    values = used.values.get(name, ())
    test = _VALUE_TESTS[op]
    return any(test(v.lower() if fold else v, wanted.lower() if fold else wanted) for v in values)


def _selector_used(selector: str, used: _Tokens | None) -> bool:
    """Conservative: a selector stays unless it names a class, id, attribute or element that no page has.
    With used=None every selector stays (our own stylesheets: only comments and white space go)."""
    if used is None:
        return True
    simple = _PSEUDO.sub("", selector)
    simple = re.sub(r'"[^"]*"|\'[^\']*\'', "", simple)  # attribute values are not names
    if any(c not in used.classes for c in re.findall(r"\.(-?[_a-zA-Z][\w-]*)", simple)):
        return False
    if any(i not in used.ids for i in re.findall(r"#(-?[_a-zA-Z][\w-]*)", simple)):
        return False
    if any(a not in used.attributes for a in re.findall(r"\[\s*([\w-]+)", simple)):
        return False
    if not all(_value_used(m, used) for m in _ATTRIBUTE_SELECTOR.finditer(selector)):
        return False
    simple = re.sub(r"\[[^\]]*\]", "", simple)
    return all(t in used.elements for t in re.findall(r"(?:^|[\s>+~(,])([a-z][a-z0-9]*)\b", simple))


def _declarations(content: list) -> list:
    return [d for d in tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True)
            if d.type == "declaration"]


def _purge_rules(rules: Iterable, used: _Tokens | None) -> list[str]:
    out: list[str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
            kept = [s for s in selectors if _selector_used(s, used)]
            if kept:
                out.append(",".join(kept) + "{" + _serialize_declarations(_declarations(rule.content)) + "}")
        elif rule.type == "at-rule":
            keyword = rule.lower_at_keyword
            if keyword in ("media", "supports") and rule.content is not None:
                inner = _purge_rules(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True), used)
                if inner:
                    prelude = tinycss2.serialize(rule.prelude).strip()
                    out.append(f"@{keyword} {prelude}{{{''.join(inner)}}}")
            elif keyword == "keyframes":
                out.append(tinycss2.serialize([rule]))
            # @font-face (web fonts) and @page (Material's print margins) are not for this site.
    return out


def _serialize_declarations(declarations: list) -> str:
    parts = []
    for d in declarations:
        value = tinycss2.serialize(d.value).strip()
        value = re.sub(r"\s*\n\s*", " ", value)
        parts.append(f"{d.name}:{value}{' !important' if d.important else ''}")
    return ";".join(parts)


def _drop_unused(css: str) -> str:
    """Remove custom properties that nothing reads, and keyframes that nothing plays (to a fixed point)."""
    while True:
        read = set(re.findall(r"var\(\s*(--[\w-]+)", css))
        rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
        shorter = "".join(_without_unread(rules, read, css))
        if shorter == css:
            return css
        css = shorter


def _without_unread(rules: Iterable, read: set[str], whole: str) -> list[str]:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [d for d in _declarations(rule.content) if not d.name.startswith("--") or d.name in read]
            if kept:
                out.append(tinycss2.serialize(rule.prelude).strip() + "{" + _serialize_declarations(kept) + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports"):
            inner = _without_unread(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True), read, whole)
            if inner:
                out.append(f"@{rule.lower_at_keyword} {tinycss2.serialize(rule.prelude).strip()}{{{''.join(inner)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword == "keyframes":
            name = tinycss2.serialize(rule.prelude).strip()
            if re.search(rf"animation(-name)?:[^;}}]*\b{re.escape(name)}\b", whole):
                out.append(tinycss2.serialize([rule]))
    return out


def stylesheet_for(site: Path, hrefs: list[str], used: _Tokens) -> str:
    parts = []
    for href in hrefs:
        path = site / href
        css = path.read_text(encoding="utf-8")
        if PURGED.search(href):
            rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
            parts.append(_drop_unused("".join(_purge_rules(rules, used))))
        else:
            parts.append("".join(_purge_rules(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True), None)))
    return "".join(parts)


def linked_file(site: Path, page: Path, href: str) -> Path:
    """The file in the built site that a link on page points at (relative to the page, or root-relative)."""
    target = (site / href.lstrip("/")) if href.startswith("/") else (page.parent / href)
    return target.resolve()


def _site_relative(page: Path, site: Path, href: str) -> str:
    """A stylesheet's path in the site. 404.html links from the site root ('/assets/…'): it is served at
    any depth."""
    return linked_file(site, page, href).relative_to(site.resolve()).as_posix()


_VERBATIM = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.S | re.I)
_BLANK_RUN = re.compile(r"\n\s+")
# Block-level elements (and those of <head>): white space between a tag and one of these renders as nothing.
_BLOCK = frozenset(
    "html head body meta link title style div p ul ol li nav header footer main article aside section h1 h2 h3 h4 "
    "h5 h6 table thead tbody tr td th form fieldset legend dl dt dd blockquote hr figure figcaption".split()
)
_TAG_BREAK_TAG = re.compile(r"(<(/?)([a-zA-Z][\w-]*)\b[^<>]*>)\n(?=<(/?)([a-zA-Z][\w-]*))")


def _between_tags(match: re.Match) -> str:
    if match[3].lower() in _BLOCK or match[5].lower() in _BLOCK:
        return match[1]
    return match[0]


def collapse_whitespace(html: str) -> str:
    """Drop the templates' indentation and blank lines: a run of white space that holds a line break renders
    as one space, so one line break keeps the page as it was, and none at all between two tags when one of
    them is a block's (nothing renders there). <pre>, <textarea> and <script> stay as written."""
    parts = _VERBATIM.split(html)
    out = []
    for i, part in enumerate(parts):
        kind = i % 3  # split() with two groups: text, the verbatim element, its tag name
        if kind == 0:
            out.append(_TAG_BREAK_TAG.sub(_between_tags, _BLANK_RUN.sub("\n", part)))
        elif kind == 1:
            out.append(part)
    return "".join(out)


def style_hash(css: str) -> str:
    """The CSP hash of the inline <style>: sha256-… of its exact text (quoted in a policy)."""
    return "sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()


STYLESHEET_DIR = "assets/stylesheets"
# Issue 13: the first paint of these pages waits for at most this many gzip bytes (the HTML with its inline
# style, plus any render-blocking stylesheet or script): what one round trip brings (TCP's first window is ten
# packets, 14,600 bytes, the response's headers included). 14 kB as the issue counts them (1 kB = 1000 bytes).
# tests/test_inline_css.py holds the build to it; scripts/bench_site.py reports it.
FIRST_PAINT_PAGES = ("en/", "th/get-help-near-you/", "zh/near-you/tokyo/")
FIRST_PAINT_BUDGET = 14_000
_BLOCKING = re.compile(
    r'<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"[^>]*>|<script\b(?![^>]*\b(?:defer|async|type="module"))[^>]*src="([^"]+)"',
)


def first_paint_bytes(site: Path, path: str) -> int:
    """gzip bytes (as helpsite.web.compress writes them) the first paint waits for: the page, and each
    stylesheet or script in <head> that blocks rendering. A stylesheet linked in <body> does not hold the paint
    of what is above it."""
    page = site / path / "index.html" if not path.endswith(".html") else site / path
    html = page.read_text(encoding="utf-8")
    total = len(gzipped(html.encode("utf-8")))
    head = html.split("</head>", 1)[0]
    for match in _BLOCKING.finditer(head):
        href = match[1] or match[2]
        if href.startswith(("http:", "https:", "//")):
            continue  # another host (Material's default Google Fonts): blocks too, but is not ours to count
        total += len(gzipped(linked_file(site, page, href).read_bytes()))
    return total


def stylesheet_name(css: str) -> str:
    """The whole stylesheet's path in the site, named after its content (a changed file is a new name)."""
    return f"{STYLESHEET_DIR}/site.{hashlib.sha256(css.encode('utf-8')).hexdigest()[:10]}.css"


@dataclass(frozen=True)
class InlinedStyle:
    """What inline_stylesheets did: how many pages it changed, the sizes in bytes of the critical style and of
    the whole stylesheet, the critical style's CSP hash, and the stylesheet file's path in the site."""

    pages: int
    critical_bytes: int
    whole_bytes: int
    hash: str
    stylesheet: str


def inline_stylesheets(site: Path, policy_for: Callable[[str], tuple[str, str]]) -> InlinedStyle:
    """Put the critical style into every page's <head> and its hash into the page's CSP <meta>, write the whole
    stylesheet as one file and link it at the end of every page's <body>, and add it to every language's
    offline list. policy_for(hash) gives (the policy the templates wrote, the policy with this hash)."""
    pages = sorted(site.rglob("*.html"))
    used = _Tokens()
    texts = {}
    for page in pages:
        texts[page] = page.read_text(encoding="utf-8")
        used.feed(texts[page])
    # Every page links the same stylesheets (the chooser a subset of them, in the same order): one text for
    # all, in the order of the page that links the most (the cascade depends on it).
    hrefs: list[str] = []
    for page, text in texts.items():
        found = [_site_relative(page, site, m[1]) for m in ONE_LINK.finditer(text)]
        if len(found) > len(hrefs):
            hrefs = found
    css = stylesheet_for(site, hrefs, used)
    critical = critical_css(css)
    name = stylesheet_name(css)
    (site / name).parent.mkdir(parents=True, exist_ok=True)
    (site / name).write_text(css, encoding="utf-8")
    element = f"<style>{critical}</style>\n"
    digest = style_hash(critical)
    old_policy, new_policy = (str(html_escape(p)) for p in policy_for(digest))
    changed = 0
    for page, text in texts.items():
        first = ONE_LINK.search(text)
        if not first:
            continue
        # The page's way to the site root, as its own links wrote it ("../../", or "/" on the 404 page).
        href = first[1]
        prefix = href[: len(href) - len(_site_relative(page, site, href))]
        link = f'<link rel="stylesheet" href="{prefix}{name}">\n'
        if any(PURGED.search(m[1]) for m in ONE_LINK.finditer(text)):
            new = LINKS.sub(lambda _m: element, text, count=1)
            if ONE_LINK.search(new):
                raise RuntimeError(f"{page}: stylesheet links outside the one run in <head>; keep them together")
            end = new.rindex("</body>")
            new = f"{new[:end]}{link}{new[end:]}"
        else:
            # The language chooser ('/' and 404.html, chooser.html, outside Material's frame): its own layout
            # is not in the critical style (it would cost every page ~170 gzip bytes), so it waits for the
            # stylesheet file, linked in <head>.
            new = LINKS.sub(lambda _m: link, text, count=1)
        new = new.replace(f'content="{old_policy}"', f'content="{new_policy}"')
        page.write_text(collapse_whitespace(new), encoding="utf-8")
        changed += 1
    for offline in site.glob(f"*/{CORE_PAGES_FOR_OFFLINE}"):
        _add_to_offline_list(offline, name)
    return InlinedStyle(pages=changed, critical_bytes=len(critical.encode("utf-8")),
                        whole_bytes=len(css.encode("utf-8")), hash=digest, stylesheet=name)


def _add_to_offline_list(path: Path, asset: str) -> None:
    """The service worker saves what <lang>/offline.json lists: the pages, then the assets, sorted."""
    entries = json.loads(path.read_text(encoding="utf-8"))
    pages = [e for e in entries if not e.startswith("assets/")]
    assets = sorted({e for e in entries if e.startswith("assets/")} | {asset})
    path.write_text(json.dumps(pages + assets, separators=(",", ":")), encoding="utf-8")
