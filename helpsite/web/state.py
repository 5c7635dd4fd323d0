"""Per-build state the hook needs: which language is being built, and the page texts for its search index."""
from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def current_language(config: MkDocsConfig) -> str:
    """The language of the build in progress, as the i18n plugin sees it."""
    plugin = config.plugins.get("i18n")
    lang = getattr(plugin, "current_language", None) if plugin else None
    return lang or config.theme.get("language") or "en"


@dataclass(frozen=True)
class SearchEntry:
    url: str
    title: str
    text: str


_entries: list[SearchEntry] = []


def reset_search_entries() -> None:
    _entries.clear()


def add_search_entry(page: Page, html: str) -> None:
    text = html_lib.unescape(_SPACE.sub(" ", _TAGS.sub(" ", html))).strip()
    _entries.append(SearchEntry(url=page.url, title=page.title or "", text=text))


def search_entries() -> list[SearchEntry]:
    return list(_entries)
