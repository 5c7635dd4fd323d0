"""First paint from the first round trip: every page carries its whole stylesheet inline, and no
indentation.

The templates link Material's main.css and palette.css and our own site.css and dark.css, as MkDocs and
`mkdocs serve` expect. After the build, this step reads every built page, keeps only the rules of Material's
stylesheets whose classes, ids, attributes and elements occur somewhere on the site (Material's CSS is
mostly for features we do not use), keeps our own stylesheets whole, and puts the result into each page as
one <style> element in place of the <link> elements. The same bytes go into every page, so the CSP allows
them by one hash (helpsite.web.csp) instead of 'unsafe-inline'.
"""
from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Iterable
from markupsafe import escape as html_escape
from pathlib import Path

import tinycss2

# A run of stylesheet links, as the templates write them (one per line, nothing else between).
LINKS = re.compile(r'(?:[ \t]*<link rel="stylesheet" href="(?P<href>[^"]+)">\s*)+')
ONE_LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)">')
# Material's own stylesheets are purged; ours are kept whole (they are small and written for this site).
PURGED = re.compile(r"assets/stylesheets/(main|palette)\.[0-9a-f]+\.min\.css$")


_START_TAG = re.compile(r"<([a-zA-Z][\w-]*)(\s[^>]*)?>")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


class _Tokens:
    """The class names, ids, attribute names and element names that occur in the site's pages.
    A regular expression over the start tags is enough here, and 20 times faster than a parser."""

    def __init__(self) -> None:
        self.classes: set[str] = set()
        self.ids: set[str] = set()
        self.attributes: set[str] = set()
        self.elements: set[str] = {"html", "body"}

    def feed(self, html: str) -> None:
        for tag in _START_TAG.finditer(html):
            self.elements.add(tag[1].lower())
            for name, *values in _ATTRIBUTE.findall(tag[2] or ""):
                value = next((v for v in values if v), "")
                self.attributes.add(name.lower())
                if name == "class":
                    self.classes.update(value.split())
                elif name == "id":
                    self.ids.add(value)


_PSEUDO = re.compile(r"::?[\w-]+(\((?:[^()]|\([^()]*\))*\))?")


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


def _site_relative(page: Path, site: Path, href: str) -> str:
    """A stylesheet's path in the site. 404.html links from the site root ('/assets/…'): it is served at
    any depth."""
    target = site / href.lstrip("/") if href.startswith("/") else page.parent / href
    return target.resolve().relative_to(site.resolve()).as_posix()


_VERBATIM = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.S | re.I)
_BLANK_RUN = re.compile(r"\n\s+")


def collapse_whitespace(html: str) -> str:
    """Drop the templates' indentation and blank lines: a run of white space that holds a line break renders
    as one space, so one line break keeps the page as it was. <pre>, <textarea> and <script> stay as written."""
    parts = _VERBATIM.split(html)
    out = []
    for i, part in enumerate(parts):
        kind = i % 3  # split() with two groups: text, the verbatim element, its tag name
        if kind == 0:
            out.append(_BLANK_RUN.sub("\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out)


def style_hash(css: str) -> str:
    """The CSP hash of the inline <style>: sha256-… of its exact text (quoted in a policy)."""
    return "sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()


def inline_stylesheets(site: Path, policy_for: Callable[[str], tuple[str, str]]) -> tuple[int, int, str]:
    """Put the purged stylesheet into every page, and its hash into the page's CSP <meta>: policy_for(hash)
    gives (the policy the templates wrote, the policy with this hash). Returns (pages, CSS bytes, hash)."""
    pages = sorted(site.rglob("*.html"))
    used = _Tokens()
    texts = {}
    for page in pages:
        texts[page] = page.read_text(encoding="utf-8")
        used.feed(texts[page])
    # Every page links the same stylesheets (the chooser a subset of them, in the same order): one <style>
    # text for all, in the order of the page that links the most (the cascade depends on it).
    hrefs: list[str] = []
    for page, text in texts.items():
        found = [_site_relative(page, site, m[1]) for m in ONE_LINK.finditer(text)]
        if len(found) > len(hrefs):
            hrefs = found
    css = stylesheet_for(site, hrefs, used)
    element = f"<style>{css}</style>\n"
    digest = style_hash(css)
    old_policy, new_policy = (str(html_escape(p)) for p in policy_for(digest))
    changed = 0
    for page, text in texts.items():
        new, count = LINKS.subn(lambda _m: element, text, count=1)
        if count:
            if ONE_LINK.search(new):
                raise RuntimeError(f"{page}: stylesheet links outside the one run in <head>; keep them together")
            new = new.replace(f'content="{old_policy}"', f'content="{new_policy}"')
            page.write_text(collapse_whitespace(new), encoding="utf-8")
            changed += 1
    return changed, len(css.encode("utf-8")), digest

