"""Files the hook writes after a language is built: the '/' language chooser, each language's search
index and offline list, and /contacts.json for NGOs and other services."""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from mkdocs.config.defaults import MkDocsConfig

from helpsite import languages
from helpsite.i18n import translations
from helpsite.paths import OVERRIDES
from helpsite.web import csp, reader, state

# The help bar's written channel, also offered on '/' (in English and Japanese: no language chosen yet).
SILENT_TEXT = (
    "Cannot talk? Write to the police without giving your name: web form "
    "(the form is in Japanese; you can write in your language)"
)

CORE_PAGES_FOR_OFFLINE = "offline.json"
# What the service worker may save per language on a first visit (pages + styles + script), in bytes.
# A victim may have little data: a huge page must not be downloaded behind their back (the gate checks).
PRECACHE_BUDGET = 1_500_000


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def write_language_outputs(config: MkDocsConfig, lang: str) -> None:
    site = Path(config.site_dir)
    entries = state.search_entries()
    search = [
        {"url": e.url, "title": e.title, "text": e.text[:2000]}
        for e in entries
        if "/near-you/" not in e.url and not e.url.endswith("/search/")
    ]
    search += [{"url": e.url, "title": e.title, "text": ""} for e in entries if "/near-you/" in e.url]
    _write(site / lang / "search.json", json.dumps(search, ensure_ascii=False, separators=(",", ":")))
    # The nine pages a reader may need with no connection; the service worker caches them on first visit.
    core = [e.url for e in entries if "/near-you/" not in e.url and "translation-status" not in e.url]
    assets = sorted(p.relative_to(site).as_posix() for p in (site / "assets").rglob("*") if _offline_asset(p))
    _write(site / lang / CORE_PAGES_FOR_OFFLINE, json.dumps(sorted(core) + assets, separators=(",", ":")))


def _offline_asset(path: Path) -> bool:
    """Our script, the site's icon and the header's icons: what a page needs offline besides itself. The
    stylesheet file is named after its content after the site is built: helpsite.web.critical_css adds it."""
    return path.is_file() and (path.name in {"site.js", "favicon.svg"} or path.parent.name == "icons")


def write_site_outputs(config: MkDocsConfig) -> None:
    from helpsite.contacts import load_directory

    site = Path(config.site_dir)
    _write(site / "contacts.json", json.dumps(load_directory().to_json(), ensure_ascii=False, indent=1, default=str))
    _write(site / "index.html", render_chooser(config))
    _write(site / "404.html", render_chooser(config, not_found=True))


def move_language_404(config: MkDocsConfig, lang: str) -> None:
    """Material writes 404.html at the site root in every language build: keep it as /<lang>/404.html
    (the reader's language) and leave the root to the page that offers every language."""
    site = Path(config.site_dir)
    built = site / "404.html"
    if built.exists():
        (site / lang).mkdir(parents=True, exist_ok=True)
        built.replace(site / lang / "404.html")


def render_chooser(config: MkDocsConfig, not_found: bool = False) -> str:
    """'/' shows every language by its own name, with the emergency number, and nothing else.
    not_found: the same for /404.html, saying "page not found" in every language."""
    from helpsite.contacts import load_directory

    env = Environment(
        loader=FileSystemLoader(str(OVERRIDES)),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
    )
    rows = []
    for lang in languages.languages():
        tr = translations(lang.code)
        rows.append(
            {
                "code": lang.code,
                "html_lang": lang.html_lang,
                "hreflang": lang.hreflang,
                "dir": lang.direction,
                "name": lang.native_name,
                "english": lang.english_name,
                "choose": tr.gettext("Help in my language"),
                "danger": tr.gettext("In danger now? Call 110."),
                "not_found": tr.gettext("This page does not exist. Choose your language:") if not_found else "",
            }
        )
    bar = reader.help_bar(load_directory(), languages.source_language().code)
    env.install_gettext_translations(translations(languages.source_language().code), newstyle=True)
    return env.get_template("chooser.html").render(
        languages=rows,
        emergency=load_directory().emergency,
        silent_url=bar.silent_url,
        silent_texts=[
            (code, translations(code).gettext(SILENT_TEXT)) for code in (languages.source_language().code, "ja")
        ],
        config=config,
        not_found=not_found,
        root=urlsplit(config.site_url or "/").path or "/" if not_found else "",
        csp_policy=csp.policy(meta=True),
    )


_SITEMAP_ALTERNATE = re.compile(r'(<xhtml:link rel="alternate" hreflang=")([^"]+)(" href="[^"]*"/>)')
_SITEMAP_URL_END = re.compile(r"(\n?[ \t]*)</url>")


def sitemap_alternates(site: Path, site_url: str) -> None:
    """The pages' language alternates live in sitemap.xml only (not in every page's <head>, where they cost
    ~120 gzip bytes of the first round trip; search engines read either). mkdocs-static-i18n writes them with
    its locale codes: give them the language's hreflang (ja-easy is ja-x-easy) and an x-default, the chooser."""
    path = site / "sitemap.xml"
    if not path.exists():
        return
    text = _SITEMAP_ALTERNATE.sub(lambda m: f"{m[1]}{languages.get(m[2]).hreflang}{m[3]}",
                                  path.read_text(encoding="utf-8"))
    default = f'<xhtml:link rel="alternate" hreflang="x-default" href="{site_url}"/>'
    text = _SITEMAP_URL_END.sub(lambda m: f"{m[1]}    {default}{m[1]}</url>", text)
    path.write_text(text, encoding="utf-8")

