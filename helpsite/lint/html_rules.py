"""Raw HTML and embedding rules: scripts, frames, event handlers, javascript: links, resources from
other hosts. Outbound links to official sites are fine; nothing may be *loaded* from elsewhere."""
from __future__ import annotations

import html
import re
from collections.abc import Iterator

_TAG = re.compile(r"<(?P<name>[a-zA-Z][\w-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>?")
_ATTR = re.compile(r"""(?P<name>[^\s=/>"']+)\s*(?:=\s*(?P<value>"[^"]*"|'[^']*'|[^\s>]+))?""")
_ATTR_LIST = re.compile(r"\{:?\s*(?P<attrs>[^{}]*)\}")
_EVENT = re.compile(r"(?:^|[\s\"'/])(?P<attr>on[a-z]+)\s*=", re.IGNORECASE)
_SCRIPT_URL = re.compile(
    r"(?P<scheme>j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|v\s*b\s*s\s*c\s*r\s*i\s*p\s*t)\s*:|data\s*:\s*text/html",
    re.IGNORECASE,
)
_MD_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*<?(?P<url>[^)\s>]+)")
_MD_IMAGE_REF = re.compile(r"!\[(?P<alt>(?:[^\]\\]|\\.)*)\](?:\[(?P<ref>[^\]]*)\])?")
_CSS_URL = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"])(?P<url>[^'\")\s]+)", re.IGNORECASE)

EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)

FRAME_TAGS = {"iframe", "frame", "frameset"}
EMBED_TAGS = {"img", "video", "audio", "source", "track", "embed", "object", "link", "input", "image", "use", "picture"}
URL_ATTRS = {"src", "srcset", "href", "data", "poster", "background", "xlink:href", "codebase"}
UNSAFE_TAGS = {"object", "embed", "applet", "form", "base", "meta", "style"}

SAFE_REMOTE = "Save the file under docs/assets/ and reference it with a relative path, or make it a plain link"


def _attrs(text: str) -> Iterator[tuple[str, str]]:
    for match in _ATTR.finditer(text):
        value = match["value"] or ""
        if value[:1] in "\"'":
            value = value[1:-1]
        yield match["name"].lower(), html.unescape(value)


def check_line(line: str, refs: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    """(rule, what, fix) for one line of Markdown with code spans already blanked out."""
    for tag in _TAG.finditer(line):
        name = tag["name"].lower()
        attrs = list(_attrs(tag["attrs"] or ""))
        if name == "script":
            yield (
                "script",
                "raw <script> tag in Markdown.",
                "Remove it. Pages must not run their own JavaScript; the site's scripts live in overrides/assets/.",
            )
        elif name in FRAME_TAGS:
            yield (
                "iframe",
                f"<{name}> embeds another page into this one.",
                "Remove it and link to the page instead: [Title](https://example.go.jp/page).",
            )
        if name in UNSAFE_TAGS:
            yield (
                "unsafe-html",
                f"<{name}> does not belong in a page (it can load, submit or restyle content).",
                "Remove it; write the content in plain Markdown.",
            )
        for attr, value in attrs:
            if attr.startswith("on") and len(attr) > 2:
                yield (
                    "event-handler",
                    f"inline event handler '{attr}=' on <{name}> runs JavaScript.",
                    "Remove the attribute. Pages must not run their own JavaScript.",
                )
            if attr in URL_ATTRS and name in EMBED_TAGS | FRAME_TAGS and name != "a":
                for url in (u.strip().split(" ")[0] for u in value.split(",")) if attr == "srcset" else [value]:
                    if EXTERNAL.match(url):
                        yield (
                            "external-embed",
                            f"<{name} {attr}=\"{url}\"> loads a resource from another host, which tells that host "
                            "who reads this page.",
                            SAFE_REMOTE + ".",
                        )
            if attr == "style":
                yield from _css(value, f"the style attribute of <{name}>")
    for block in _ATTR_LIST.finditer(line):
        for match in _EVENT.finditer(" " + block["attrs"]):
            yield (
                "event-handler",
                f"inline event handler '{match['attr']}=' in an attribute list {{ … }} runs JavaScript.",
                "Remove the attribute. Pages must not run their own JavaScript.",
            )
    if "<style" in line.lower() or "@import" in line.lower():
        yield from _css(line, "a style")
    unescaped = html.unescape(line)
    for match in _SCRIPT_URL.finditer(unescaped):
        scheme = re.sub(r"\s", "", match.group(0)).lower()
        yield (
            "javascript-link",
            f"'{scheme}' link runs code (or opens a page made of code) when tapped.",
            "Link to a page of this site (a .md file) or to an https:// address instead.",
        )
    for match in _MD_IMAGE.finditer(line):
        if EXTERNAL.match(match["url"]):
            yield (
                "external-embed",
                f"image ![…]({match['url']}) is loaded from another host, which tells that host who reads this page.",
                SAFE_REMOTE + ": [description](https://…).",
            )
    for match in _MD_IMAGE_REF.finditer(line):
        after = line[match.end() : match.end() + 1]
        if after == "(":
            continue  # inline image, handled above
        ref = (match["ref"] or match["alt"] or "").strip().lower()
        url = refs.get(ref)
        if url and EXTERNAL.match(url):
            yield (
                "external-embed",
                f"image ![…][{ref}] is loaded from another host ({url}), which tells that host who reads this page.",
                SAFE_REMOTE + ".",
            )


def _css(text: str, where: str) -> Iterator[tuple[str, str, str]]:
    for match in _CSS_URL.finditer(text):
        if EXTERNAL.match(match["url"]):
            yield (
                "external-embed",
                f"{where} loads '{match['url']}' from another host.",
                "Remove it. The site's styles live in overrides/assets/site.css and load nothing from elsewhere.",
            )
