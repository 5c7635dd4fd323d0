"""The built pages, parsed the way a browser parses them (Lexbor, a WHATWG HTML parser), with every
URL resolved by the WHATWG URL rules (ada). What the page would load or run must be the site's own."""
from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

import ada_url
from selectolax.lexbor import LexborHTMLParser, LexborNode

from helpsite.gate import numbers
from helpsite.web import csp

# Attributes that hold a URL the browser fetches or navigates to.
URL_ATTRS = ("href", "src", "action", "formaction", "poster", "data", "cite", "xlink:href", "manifest",
             "codebase", "archive", "longdesc", "usemap", "icon", "lowsrc", "dynsrc", "profile", "classid")
# Attributes that load or report something however their value reads.
BANNED_ATTRS = {
    "style": "a style attribute can load images (url(), image-set()) and hide or move text",
    "ping": "ping= reports every tap on the link to another address",
    "background": "background= loads an image, possibly from another host",
    "srcset": "srcset= loads images from addresses the page does not show",
    "imagesrcset": "imagesrcset= loads images from addresses the page does not show",
}
BANNED_TAGS = {
    "iframe": "embeds another page", "frame": "embeds another page", "frameset": "embeds other pages",
    "object": "embeds a plugin or another page", "embed": "embeds a plugin", "applet": "embeds a plugin",
    "base": "changes where every relative link points",
    "feimage": "an SVG filter image loads an image from an address", "portal": "embeds another page",
}
# Messaging apps open a chat with whoever the link names: only the contacts data may make one.
CHAT_HOSTS = ("wa.me", "whatsapp.com", "line.me", "lin.ee", "t.me", "telegram.me", "viber.com", "m.me")
TEXT_ATTRS = ("alt", "title", "aria-label", "placeholder", "content", "value", "aria-description")


@dataclass(frozen=True)
class Rules:
    origin: str                    # 'https://help.example.org'
    site_url: str                  # 'https://help.example.org/' (ends with '/')
    tel_hrefs: frozenset[str]      # every 'tel:…' the contacts data makes
    numbers: frozenset[str]        # every number of the data, as numbers.e164 gives it
    scripts: frozenset[str]        # absolute URLs of the site's own scripts
    data_links: frozenset[str]     # web addresses in the contacts data (sources may be http://)
    policy: str                    # the CSP every page must carry
    # numbers some printed leaflet edition carried (data/editions): allowed only struck out, in <del>,
    # on the "is this leaflet still current?" pages, never as a call link
    retired: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Hit:
    rule: str
    what: str
    fix: str
    needles: tuple[str, ...]       # text to look for in the source files
    digits: str | None = None


def _resolve(value: str, base: str) -> ada_url.URL | None:
    try:
        return ada_url.URL(value.strip(), base)
    except ValueError:
        return None


def _origin(url: ada_url.URL) -> str:
    return f"{url.protocol}//{url.host}"


_TEMPLATE = re.compile(r"<(/?)template\b", re.I)
_SHA256 = re.compile(r"[0-9a-f]{64}")


def check_html(text: str, page_url: str, rules: Rules) -> Iterator[Hit]:
    # A <template>'s content is a separate fragment that a tree walk does not enter: read it as an ordinary
    # element, so its links and numbers are checked like the rest of the page (the help bar uses one).
    tree = LexborHTMLParser(_TEMPLATE.sub(r"<\1div data-template", text))
    has_csp = False
    for node in tree.root.traverse(include_text=False):
        tag = (node.tag or "").lower()
        if tag.startswith("-"):
            continue  # comments, doctype
        attrs = {k.lower(): (v or "") for k, v in (node.attributes or {}).items()}
        yield from _element(tag, attrs, node, page_url, rules)
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "content-security-policy":
            has_csp = has_csp or attrs.get("content", "") == rules.policy
    if not has_csp and text.lstrip()[:15].lower().startswith("<!doctype html"):
        yield Hit("csp-meta", "the page has no Content-Security-Policy <meta> with the site's policy",
                  "Build with the project's templates (overrides/main.html adds it); do not write whole HTML pages.",
                  ("<html",))
    yield from _phone_text(tree, rules)


def _element(tag: str, attrs: dict[str, str], node: LexborNode, page_url: str, rules: Rules) -> Iterator[Hit]:
    if tag in BANNED_TAGS:
        yield Hit("unsafe-element", f"<{tag}> {BANNED_TAGS[tag]}", "Remove it; write plain Markdown.", (f"<{tag}",))
    if tag == "script":
        src = attrs.get("src")
        url = _resolve(src, page_url) if src else None
        if url is None or url.href not in rules.scripts:
            shown = f"src={src!r}" if src else "inline code"
            yield Hit("script", f"a <script> ({shown}) that is not the site's own file",
                      "Remove it. Pages never run their own JavaScript.", ("<script", src or ""))
    if tag == "style":
        digest = "sha256-" + base64.b64encode(hashlib.sha256((node.text() or "").encode()).digest()).decode()
        if digest not in csp.style_hashes(rules.policy):
            yield Hit("style", "an inline <style> block that the site's policy does not list",
                      "Remove it; the site's styles live in overrides/assets/.", ("<style",))
    if tag == "meta" and "http-equiv" in attrs and attrs["http-equiv"].lower() != "content-security-policy":
        yield Hit("unsafe-element", f"<meta http-equiv={attrs['http-equiv']!r}> can redirect or change the page",
                  "Remove it.", ("http-equiv",))
    if tag == "meta" and attrs.get("http-equiv", "").lower() == "content-security-policy" \
            and attrs.get("content", "") != rules.policy:
        yield Hit("csp-meta", "a Content-Security-Policy <meta> other than the site's policy",
                  "Remove it; helpsite/web/csp.py holds the one policy.", ("content-security-policy",))
    for name, value in attrs.items():
        if name.startswith("on") and len(name) > 2:
            yield Hit("event-handler", f"'{name}=' on <{tag}> runs JavaScript", "Remove the attribute.", (name,))
        elif name in BANNED_ATTRS:
            yield Hit("unsafe-attribute", f"'{name}=' on <{tag}>: {BANNED_ATTRS[name]}", "Remove the attribute.",
                      (f"{name}=", name))
    for name in URL_ATTRS:
        if name in attrs:
            yield from _url(tag, name, attrs[name], attrs, page_url, rules)


def _url(tag: str, name: str, value: str, attrs: dict[str, str], page_url: str, rules: Rules) -> Iterator[Hit]:
    url = _resolve(value, page_url)
    shown = value.strip()[:120]
    if url is None:
        yield Hit("bad-url", f"<{tag} {name}={shown!r}> is not a valid address", "Write a relative link to a page.",
                  (shown,))
        return
    navigates = tag in ("a", "area") and name == "href"
    if url.protocol in ("https:", "http:") and _origin(url) == rules.origin:
        return
    if navigates and url.protocol == "tel:":
        if url.href not in rules.tel_hrefs and f"tel:{value.strip()[4:]}" not in rules.tel_hrefs:
            digits = re.sub(r"\D", "", numbers.normalize(ada_url.URL(url.href).pathname))
            yield Hit("phone-link", f"a tel: link ({shown!r}) that the contacts data did not make",
                      "Phone numbers live in data/contacts.yaml with their source; use an insert line.",
                      ("tel:", "tel&", "%74el"), digits or None)
        return
    if navigates and value.strip() in rules.data_links:
        return
    if navigates and url.protocol == "https:":
        host = url.hostname.lower()
        if any(host == h or host.endswith("." + h) for h in CHAT_HOSTS):
            yield Hit("chat-link", f"a messaging-app link ({shown!r}) that the contacts data did not make",
                      "Contacts, with their source, live in data/contacts.yaml.", (host, shown))
        return
    if tag == "img" and name == "src" and url.protocol == "data:" and url.pathname.startswith("image/") \
            and not url.pathname.startswith("image/svg"):
        return
    if url.protocol in ("https:", "http:"):
        what = f"<{tag} {name}={shown!r}> " + ("links to" if navigates else "loads something from") + " another host"
        fix = "Link with https:// only." if navigates else "Save the file under docs/ and use a relative path."
    else:
        what = f"<{tag} {name}={shown!r}> uses the '{url.protocol}' scheme"
        fix = "Link to a page of this site or to an https:// address."
    yield Hit("url", what, fix, (shown, url.hostname or url.protocol))


def _phone_text(tree: LexborHTMLParser, rules: Rules) -> Iterator[Hit]:
    for node in tree.css("del"):
        # An old number from a recorded edition, shown struck out as "on the leaflet": not a number to call.
        if not numbers.unknown(node.text(deep=True, separator=" "), rules.numbers | rules.retired):
            node.decompose()
    for node in tree.css("code.checksum"):
        # A file's SHA-256 (the print pack on the Leaflets page): 64 hex digits, nothing to call.
        if _SHA256.fullmatch(node.text(deep=True).strip()):
            node.decompose()
    texts = []
    for node in tree.root.traverse(include_text=False):
        if (node.tag or "").lower() in ("script", "style"):
            continue
        for name, value in (node.attributes or {}).items():
            if name.lower() in TEXT_ATTRS and value:
                texts.append(value)
    title = tree.css_first("title")
    if title is not None:
        texts.append(title.text())
    if tree.body is not None:
        # Text joined with nothing between elements: a number split by <em>, tags or entities is found.
        texts.append(tree.body.text(deep=True, separator=""))
        texts.append(tree.body.text(deep=True, separator=" "))
    seen = set()
    for text in ["\n".join(texts)]:
        for found in numbers.unknown(text, rules.numbers):
            if found.e164 in seen:
                continue
            seen.add(found.e164)
            yield Hit("phone-number", f"'{found.text.strip()}' looks like a phone number that is not in the contacts data",
                      "Numbers live in data/contacts.yaml with their source; show them with an insert line.",
                      (), re.sub(r"\D", "", found.e164.removeprefix("+81")))
