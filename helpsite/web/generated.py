"""Pages made from data rather than Markdown files: one page per prefecture, the search page,
and (in English only) the translation status report. Each exists in every language build."""
from __future__ import annotations

import html

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from helpsite import languages
from helpsite.i18n import translations

NEAR_YOU = "near-you"


def _gettext(lang: str):
    return translations(lang).gettext


def _make(config: MkDocsConfig, src_uri: str, content: str, lang: str) -> File:
    file = File.generated(config, src_uri, content=content)
    file.locale = lang
    file.localization = lang
    file.locale_alternate_of = lang
    file.norm_src_uri = src_uri.split("/", 1)[1]
    return file


def _with_alternates(config: MkDocsConfig, files: Files, lang: str, rel: str, content: str) -> None:
    file = _make(config, f"{lang}/{rel}", content, lang)
    alternates = {lang: file}
    for other in languages.codes():
        if other != lang:
            alternates[other] = File.generated(config, f"{other}/{rel}", content="")
    file.alternates = alternates
    files.append(file)
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        i18n.i18n_files_per_language.setdefault(lang, []).append(file)


def add_pages(files: Files, config: MkDocsConfig, lang: str) -> None:
    _ = _gettext(lang)
    from helpsite.contacts import load_directory

    directory = load_directory()
    for prefecture in directory.prefectures:
        title = _("Help in %(place)s") % {"place": prefecture.name(lang)}
        content = (
            "---\n"
            f"title: {_yaml_str(title)}\n"
            f"description: {_yaml_str(_('Police, immigration and help lines for %(place)s.') % {'place': prefecture.name(lang)})}\n"
            "---\n\n"
            f"# {html.escape(title, quote=False)}\n\n<!-- insert: prefecture {prefecture.code} -->\n"
        )
        _with_alternates(config, files, lang, f"{NEAR_YOU}/{prefecture.slug}.md", content)

    search_title = _("Search")
    _with_alternates(
        config,
        files,
        lang,
        "search.md",
        f"---\ntitle: {_yaml_str(search_title)}\n---\n\n# {html.escape(search_title, quote=False)}\n\n<!-- insert: search -->\n",
    )

    add_edition_pages(files, config, lang)

    if lang == languages.source_language().code:
        from helpsite.translations import report_markdown

        file = _make(config, f"{lang}/translation-status.md", report_markdown(), lang)
        file.alternates = {lang: file}
        files.append(file)


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def add_edition_pages(files: Files, config: MkDocsConfig, lang: str) -> None:
    """One page per recorded leaflet edition of this language (data/editions): "is this leaflet still
    current?", the address a printed leaflet carries (helpsite.leaflets.editions). Only in its own language."""
    from helpsite.leaflets import editions

    _ = _gettext(lang)
    title = _("Is this leaflet still current?")
    for record in editions.load_all():
        if record.lang != lang:
            continue
        description = _("Leaflet edition %(id)s: what changed since it was printed.") % {"id": record.id}
        content = (
            "---\n"
            f"title: {_yaml_str(title)}\n"
            f"description: {_yaml_str(description)}\n"
            "---\n\n"
            f"# {html.escape(title, quote=False)}\n\n<!-- insert: edition {record.id} -->\n"
        )
        file = _make(config, f"{lang}/{editions.PAGE_FOLDER}/{record.id}.md", content, lang)
        file.alternates = {lang: file}
        files.append(file)



def is_edition_page(page, lang: str) -> bool:
    from helpsite.leaflets.editions import PAGE_FOLDER

    return page.file.src_uri.startswith(f"{lang}/{PAGE_FOLDER}/")
