"""The gettext catalogs in locales/: compile them, load them, and find what is still untranslated.

Site templates and leaflets both go through here, so a phrase is translated once.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from helpsite.paths import LOCALES

DOMAIN = "messages"


def po_path(lang: str, locales: Path = LOCALES) -> Path:
    return locales / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str, locales: Path = LOCALES) -> Path:
    return po_path(lang, locales).with_suffix(".mo")


@lru_cache(maxsize=32)
def read_catalog(lang: str, locales: Path = LOCALES) -> Catalog:
    path = po_path(lang, locales)
    if not path.exists():
        raise FileNotFoundError(
            f"{path}: missing catalog for '{lang}'. Create it with: "
            f"pybabel init -i locales/messages.pot -d locales -l {lang}"
        )
    with path.open("rb") as fh:
        return read_po(fh, locale=None, domain=DOMAIN)


@dataclass(frozen=True)
class CatalogGap:
    lang: str
    path: Path
    lineno: int
    msgid: str
    fuzzy: bool

    def __str__(self) -> str:
        what = "fuzzy (needs review)" if self.fuzzy else "untranslated"
        return f"{self.path}:{self.lineno}: {what} message {self.msgid!r}: write its msgstr and remove any 'fuzzy' flag"


def gaps(lang: str, msgids: set[str] | None = None, locales: Path = LOCALES) -> list[CatalogGap]:
    """Messages with no usable translation (empty or fuzzy). English needs none: msgid is the text."""
    catalog = read_catalog(lang, locales)
    path = po_path(lang, locales)
    result = []
    for message in catalog:
        if not message.id or (msgids is not None and _key(message.id) not in msgids):
            continue
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        empty = not all(strings)
        if lang != "en" and (empty or message.fuzzy):
            result.append(CatalogGap(lang, path, message.lineno, _key(message.id), message.fuzzy))
    if msgids is not None:
        known = {_key(m.id) for m in catalog if m.id}
        for missing in sorted(msgids - known):
            result.append(CatalogGap(lang, path, 0, missing, False))
    return result


def _key(msgid: str | tuple[str, ...]) -> str:
    return msgid[0] if isinstance(msgid, (tuple, list)) else msgid


def compile_catalogs(langs: list[str], locales: Path = LOCALES) -> list[Path]:
    """Compile every .po to .mo (build output, not committed). Fuzzy entries are left out."""
    written = []
    for lang in langs:
        catalog = read_catalog(lang, locales)
        target = mo_path(lang, locales)
        tmp = target.with_suffix(".mo.tmp")
        with tmp.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        tmp.replace(target)
        written.append(target)
    read_catalog.cache_clear()
    translations.cache_clear()
    return written


@lru_cache(maxsize=32)
def translations(lang: str, locales: Path = LOCALES) -> Translations:
    """gettext translations for one language, compiled from its .po when the .mo is missing or stale."""
    po, mo = po_path(lang, locales), mo_path(lang, locales)
    if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
        compile_catalogs([lang], locales)
    with mo.open("rb") as fh:
        return Translations(fh, domain=DOMAIN)
