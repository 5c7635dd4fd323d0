"""MkDocs hook: the glue between the pages, the contacts data, the catalogs and the i18n plugin.

mkdocs-static-i18n runs one MkDocs build per language; every event below runs once per language.
The work itself lives in helpsite.web; this module only wires it to MkDocs' events.
"""
from __future__ import annotations

import os
import sys
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from helpsite import languages
from helpsite.web import generated, inserts, layout, outputs, state


@event_priority(100)  # before the i18n plugin reads its languages
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    layout.name_languages_from_cldr(config)
    for code in languages.codes():
        if not str(layout.quick_exit_url(config, code) or "").startswith("https://"):
            raise PluginError(
                f"mkdocs.yml: the quick exit address for '{code}' (extra.quick_exit_url, or the language's "
                "extra: quick_exit_url under the i18n plugin) must be an https:// address of a neutral site."
            )
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Once per site build (the first language): stop on missing pages or untranslated messages."""
    if state.current_language(config) != languages.source_language().code:
        return
    from helpsite.translations import build_problems

    errors, warnings = build_problems()
    warnings = [*warnings, *_operator_warnings(config)]
    for warning in warnings:
        # Printed, not logged through MkDocs: --strict must not turn an outdated translation into a failure.
        print(f"WARNING -  {warning}", file=sys.stderr)
    if errors and os.environ.get("HELPSITE_PREVIEW"):
        # `make serve`: a translator mid-way through a page still gets a preview.
        for error in errors:
            print(f"WARNING -  (preview) {error}", file=sys.stderr)
    elif errors:
        raise PluginError("translations are incomplete:\n  " + "\n  ".join(errors))


def _operator_warnings(config: MkDocsConfig) -> list[str]:
    """Placeholder operator settings: a warning on every build, an error when publishing (helpsite/operator.py)."""
    from helpsite import operator

    try:
        return operator.check(config.site_url, config.extra)
    except operator.OperatorError as exc:
        raise PluginError(str(exc)) from None


@event_priority(-110)  # after the i18n plugin has picked this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    lang = state.current_language(config)
    state.reset_search_entries()  # a new language build starts here
    if lang == languages.source_language().code:
        inserts.reset()
    layout.move_source_language_into_folder(files, languages.source_language().code, config.site_dir)
    generated.add_pages(files, config, lang)
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    lang = state.current_language(config)
    inserts.prepare_environment(env, lang)
    layout.add_reader_globals(env, config, lang)
    layout.theme_language_fallback(env, config)
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = state.current_language(config)
    layout.escape_meta(page)
    inserts.check_markers(markdown, page)
    layout.annotate_translation(page, lang, config.docs_dir)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = state.current_language(config)
    html = inserts.render_markers(html, page, lang, config)
    if not generated.is_edition_page(page, lang):  # an old leaflet's page: not for search or offline
        state.add_search_entry(page, html)
    return html


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    from helpsite import operator

    context["site_operator"] = operator.load(config.extra)  # the footer's "Run by" line
    return layout.page_context(context, page, state.current_language(config))


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Furigana over kanji for languages that ask for it in mkdocs.yml (Easy Japanese)."""
    lang = state.current_language(config)
    if not languages.get(lang).furigana:
        return output
    from helpsite.web import furigana

    try:
        readings = furigana.load_readings(furigana.readings_path(lang))
    except furigana.ReadingsError as exc:
        raise PluginError(str(exc)) from None
    return furigana.annotate_html(output, readings)


def on_post_build(config: MkDocsConfig) -> None:
    lang = state.current_language(config)
    outputs.move_language_404(config, lang)
    outputs.write_language_outputs(config, lang)
    outputs.write_site_outputs(config)
