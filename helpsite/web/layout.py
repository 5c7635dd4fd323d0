"""Where pages go and how they are labelled: English under /en/, language names from CLDR, translation notes."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from helpsite import languages
from helpsite.pages import content_hash, page_sources, split_front_matter, translation_meta


def name_languages_from_cldr(config: MkDocsConfig) -> None:
    """Give each language its name in itself, from Babel/CLDR, instead of a name typed into mkdocs.yml."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return
    for entry in plugin.config.languages:
        entry.name = languages.get(entry.locale).native_name


def move_source_language_into_folder(files: Files, source: str, site_dir: str) -> None:
    """The i18n plugin puts the default language at '/'. We want '/' for the language chooser and
    English under /en/ like every other language, so move English pages (and links to them)."""
    for file in files.documentation_pages():
        for alternate in getattr(file, "alternates", {}).values():
            if getattr(alternate, "locale", None) == source and not alternate.dest_uri.startswith(source + "/"):
                move_to_folder(alternate, source, site_dir)


def move_to_folder(file: File, folder: str, site_dir: str) -> None:
    """Give a file a destination under `folder/` (File's url and abs_dest_path are cached: reset them).
    The i18n plugin's copies carry a wrong dest_dir, so the site folder comes from the config."""
    file.dest_uri = f"{folder}/{file.dest_uri}"
    file.url = file._get_url()
    file.abs_dest_path = os.path.normpath(os.path.join(site_dir, file.dest_uri))


def escape_meta(page: Page) -> None:
    """Front matter is text, never markup: Material prints title and description without escaping,
    so they become escaped Markup here (printed as is by Material, not escaped twice by our templates)."""
    for key in ("title", "description"):
        value = page.meta.get(key)
        if value is not None and not isinstance(value, Markup):
            page.meta[key] = escape(str(value))


def annotate_translation(page: Page, lang: str, docs_dir: str) -> None:
    """Mark a translated page as draft or outdated, so the reader sees a short note in their language."""
    meta = translation_meta(page.meta)
    page.meta["_translation_draft"] = bool(meta and not meta.reviewed)
    page.meta["_translation_outdated"] = False
    if meta and meta.source:
        source = Path(docs_dir) / meta.source
        if source.exists() and content_hash(source) != meta.source_hash:
            page.meta["_translation_outdated"] = True
    page.meta["_english_url"] = _english_url(page, lang)
    # The facts of a page come from its sources; a translation shows those of the English page it renders.
    sources = page_sources(page.meta)
    if not sources and meta and meta.source and (Path(docs_dir) / meta.source).exists():
        sources = page_sources(split_front_matter((Path(docs_dir) / meta.source).read_text(encoding="utf-8"))[0])
    page.meta["_sources"] = sources


def _english_url(page: Page, lang: str) -> str | None:
    source = languages.source_language().code
    if lang == source:
        return None
    alternate = getattr(page.file, "alternates", {}).get(source)
    return alternate.url if alternate is not None else None


def page_context(context: dict[str, Any], page: Page, lang: str) -> dict[str, Any]:
    # No table of contents in the drawer (partials/toc.html is empty): with no headings, Material's nav-item.html
    # writes no hidden label to open them either. The page's headings keep their ids.
    page.toc = TableOfContents([])
    context["page_lang"] = lang
    context["source_lang"] = languages.source_language().code
    return context



def add_reader_globals(env: Any, config: MkDocsConfig, lang: str) -> None:
    """What every page of this language shows around its content: the help bar (110, one line in the
    reader's language, a written channel) and the quick exit's address, which mkdocs.yml may set per
    language (the i18n plugin's `extra:`) with a neutral default."""
    from helpsite.contacts import load_directory
    from helpsite.web import reader

    env.globals["help_bar"] = reader.help_bar(load_directory(), lang)
    env.globals["help_bar_lang"] = lang
    env.globals["help_bar_hours"] = reader.opening_hours
    # tojson (the help bar's data-hours) without spaces after , and : (bytes in every page's first round trip)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
    env.globals["help_bar_language"] = languages.get(lang).native_name
    env.globals["page_language"] = languages.get(lang)  # lang="…" and dir="…" of every page (base.html)
    env.globals["quick_exit_url"] = quick_exit_url(config, lang)
    env.globals["html_lang_of"] = lambda code: languages.get(code).html_lang  # ja-easy is lang="ja"
    env.globals["hreflang_of"] = lambda code: languages.get(code).hreflang


def theme_language_fallback(env: Any, config: MkDocsConfig) -> None:
    """Material has interface words (partials/languages/<code>.html) for many languages, not all (none for
    Nepali or Khmer): for one it lacks, its templates would stop the build with TemplateNotFound. Use the
    English words instead; the page's lang and dir come from helpsite.languages all the same."""
    from jinja2 import TemplateNotFound

    try:
        env.get_template(f"partials/languages/{config.theme.get('language')}.html")
    except TemplateNotFound:
        config.theme["language"] = "en"


def quick_exit_url(config: MkDocsConfig | dict[str, Any], lang: str) -> str:
    """extra.quick_exit_url of this language in the i18n plugin's list, else the site-wide one."""
    extra = config["extra"]
    default = extra.get("quick_exit_url")
    plugins = config["plugins"]
    entries = []
    if isinstance(plugins, list):  # mkdocs.yml read as plain YAML (tests, leaflets)
        for plugin in plugins:
            if isinstance(plugin, dict) and "i18n" in plugin:
                entries = plugin["i18n"].get("languages", [])
    elif plugins.get("i18n") is not None:
        entries = [dict(locale=e.locale, extra=dict(e.extra or {})) for e in plugins["i18n"].config.languages]
    for entry in entries:
        if entry.get("locale") == lang:
            return (entry.get("extra") or {}).get("quick_exit_url") or default
    return default
