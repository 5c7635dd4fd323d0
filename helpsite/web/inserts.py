"""Generated blocks inside Markdown pages: a line `<!-- insert: NAME [ARG] -->` becomes the HTML of
overrides/partials/inserts/NAME.html, rendered with the contacts data and the page's language.

This is how contacts reach the pages without a phone number ever being typed into Markdown.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal
from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from helpsite import languages, officer
from helpsite.i18n import translations
from helpsite.contacts.model import PartialDate
from helpsite.paths import OVERRIDES
from helpsite.web import csp, leaflet_list, reader
from helpsite.web.labels import kind_description

MARKER = re.compile(r"^<!-- insert: (?P<name>[a-z-]+)(?: (?P<arg>[\w-]+))? -->[ \t]*$", re.MULTILINE)
LOOSE_MARKER = re.compile(r"<!--\s*insert\b.*?-->")

# name -> does it take an argument?
INSERTS: dict[str, bool] = {
    "emergency": False,
    "national": False,
    "report-line": False,
    "prefectures": False,
    "prefecture": True,
    "officer-panel": False,
    "leaflets": False,
    "contacts-checked": False,
    "quick-exit-help": False,
    "remove-site": False,
    "key-facts": False,
    "search": False,
    "translation-status-link": False,
    "contact": True,  # one contact's card by its id in data/contacts.yaml: <!-- insert: contact dv-soudan-plus -->
    "operator": False,  # who runs the site and where to report a wrong number (mkdocs.yml extra.operator)
    "number-check": False,  # issue 10: the "Is this number real?" page
    "edition": True,  # issue 12: "is this leaflet still current?" for one edition ID (data/editions)
}

_envs: dict[str, Environment] = {}


class _SharedBytecode(BytecodeCache):
    """i18n runs one build, with a fresh Jinja environment, per language: compile each template once."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _SharedBytecode()


def reset() -> None:
    """Start a build afresh (mkdocs serve rebuilds in the same process after data or templates change)."""
    _envs.clear()
    card.cache_clear()
    core_pages.cache_clear()


def _is_ours(name: str | None) -> bool:
    return bool(name) and (OVERRIDES / str(name)).is_file()


def prepare_environment(env: Environment, lang: str) -> Environment:
    """Let Material's templates and ours use gettext from locales/ in the language being built."""
    env.bytecode_cache = _BYTECODE
    # Our templates escape what they print (titles, names and URLs from data, front matter, catalogs).
    # Material's own templates keep their setting: they print page HTML that is already escaped.
    env.autoescape = _is_ours
    env.globals["csp_policy"] = csp.policy(meta=True)
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(translations(lang), newstyle=True)
    return env


def _environment(config: MkDocsConfig, lang: str) -> Environment:
    """MkDocs renders page content before it makes the theme's environment, so inserts make their own."""
    if lang not in _envs:
        from helpsite.web.layout import add_reader_globals

        _envs[lang] = prepare_environment(config.theme.get_env(), lang)
        add_reader_globals(_envs[lang], config, lang)
    return _envs[lang]


def check_markers(markdown: str, page: Page) -> None:
    """Stop the build on a marker we do not know, naming the file, the line and the fix.
    Lines are counted in the file as written (MkDocs has already cut the front matter off `markdown`)."""
    source = page.file.src_uri
    raw = page.file.content_string if (page.file.abs_src_path or getattr(page.file, "_content", None)) else markdown
    for lineno, line in enumerate(raw.splitlines(), start=1):
        if not LOOSE_MARKER.search(line):
            continue
        match = MARKER.match(line.strip())
        if not match:
            raise PluginError(
                f"docs/{source}:{lineno}: malformed insert marker {line.strip()!r}. "
                "Fix: write it alone on its line as '<!-- insert: NAME -->'."
            )
        name, arg = match["name"], match["arg"]
        if name not in INSERTS:
            raise PluginError(
                f"docs/{source}:{lineno}: unknown insert '{name}'. Fix: use one of {', '.join(sorted(INSERTS))}."
            )
        if INSERTS[name] != (arg is not None):
            raise PluginError(
                f"docs/{source}:{lineno}: insert '{name}' "
                + ("needs an argument." if INSERTS[name] else "takes no argument.")
            )


def render_markers(html: str, page: Page, lang: str, config: MkDocsConfig) -> str:
    def replace(match: re.Match[str]) -> str:
        return render(match["name"], match["arg"], page, lang, config)

    return MARKER.sub(replace, html)


def render(name: str, arg: str | None, page: Page, lang: str, config: MkDocsConfig) -> str:
    template = _environment(config, lang).get_template(f"partials/inserts/{name}.html")
    try:
        return template.render(**_context(page, lang, config, arg))
    except KeyError as exc:  # an unknown contact id in <!-- insert: contact ID -->
        raise PluginError(
            f"docs/{page.file.src_uri}: insert '{name} {arg}': {exc.args[0]}. Fix: use the id of an entry there."
        ) from None


def _context(page: Page, lang: str, config: MkDocsConfig, arg: str | None) -> dict[str, Any]:
    from helpsite.contacts import load_directory

    directory = load_directory()
    locale = languages.get(lang).locale

    def url(target: str) -> str:
        """A site-root path such as 'th/near-you/tokyo/' made relative to this page."""
        return get_relative_url(target, page.url)

    return {
        "arg": arg,
        "lang": lang,
        "language": languages.get(lang),
        "languages": languages.languages(),
        "page": page,
        "config": config,
        "directory": directory,
        "url": url,
        "format_day": lambda value: format_checked(value, lang),
        "language_names": lambda codes: language_names(codes, locale),
        "size_kb": lambda size: format_decimal(max(1, round(size / 1024)), locale=locale) + " KB",
        "gettext_in": gettext_in,
        "html_lang_of": lambda code: languages.get(code).html_lang,
        "officer": officer,
        "reader_order": lambda contacts: reader.reader_order(contacts, lang),
        "arrange_prefecture": lambda help: reader.arrange_prefecture(help, lang, directory.emergency.id),
        "leaflet_title": lambda f: leaflet_list.title(f, lang, directory),
        "core_pages": lambda: core_pages(lang, tuple(n for n in config.nav or [] if isinstance(n, str))),
        "card": lambda contact, heading="h3", show_low=True: card(lang, contact.id, heading, show_low),
        "leaflets": leaflet_list.load,
        "print_packs": leaflet_list.packs,
        "settings_lines": leaflet_list.settings_lines,
        "print_runs": leaflet_list.by_settings,
        "printed_on": _printed_on,
        "edition_status": lambda edition_id: _edition_status(lang, edition_id, directory),
        "Markup": Markup,
        "site_operator": lambda: _operator(config),
    }


def _printed_on(record) -> str:
    from helpsite.leaflets.editions import printed_on

    return printed_on(record)


def _edition_status(lang: str, edition_id: str, directory: Any):
    """What changed since the leaflet edition ``edition_id`` was printed (helpsite.leaflets.editions)."""
    from helpsite.leaflets import editions

    for record in editions.load_all():
        if record.id == edition_id and record.lang == lang:
            return editions.status(record, directory)
    raise KeyError(f"no leaflet edition '{edition_id}' in {editions.editions_dir()}/{lang}/")


def _operator(config: MkDocsConfig):
    from helpsite import operator

    return operator.load(config.extra)


@lru_cache(maxsize=4096)
def card(lang: str, contact_id: str, heading: str, show_low: bool) -> Markup:
    """One contact's card. Cached: the same national lines appear on every prefecture page."""
    from helpsite.contacts import load_directory

    directory = load_directory()
    locale = languages.get(lang).locale
    env = _envs[lang]
    env.globals.setdefault("kind_description", kind_description)
    env.globals.setdefault("japanese_reader", languages.data_language(lang) == "ja")
    macro = env.get_template("partials/contact.html").module.card
    return Markup(
        macro(
            directory.get(contact_id),
            lang,
            heading,
            lambda value: format_checked(value, lang),
            lambda codes: language_names(codes, locale),
            show_low,
        )
    )


@lru_cache(maxsize=64)
def core_pages(lang: str, nav: tuple[str, ...]) -> list[dict[str, str]]:
    """The pages of the nav in this language, with their titles from front matter (for no-JS lists)."""
    from helpsite.pages import split_front_matter
    from helpsite.paths import DOCS

    result = []
    for name in nav:
        path = DOCS / lang / name
        if path.exists():
            meta, _, _ = split_front_matter(path.read_text(encoding="utf-8"))
            stem = name[: -len(".md")]
            url = f"{lang}/" if stem == "index" else f"{lang}/{stem}/"
            result.append({"url": url, "title": str(meta.get("title", stem))})
    return result


def format_checked(value: PartialDate, lang: str) -> str:
    """A check date in the reader's language, at the precision the data records ('November 2026')."""
    return value.format(lang)


def language_names(codes: list[str], locale: Locale) -> str:
    names = [locale.languages.get(code, code) for code in codes]
    return format_list(names, locale=locale) if names else ""


def gettext_in(lang: str) -> Callable[..., str]:
    """gettext in another language than the page's, for the Japanese half of the officer panel."""
    tr = translations(lang)

    def _(message: str, **variables: Any) -> str:
        text = tr.gettext(message)
        return text % variables if variables else text

    return _
