"""The site's languages, read from the one place they are kept: the i18n plugin in mkdocs.yml.

Everything else (the hook, the leaflets, the catalogs, the tests) asks this module.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

from helpsite.paths import MKDOCS_YML


class PermissiveLoader(yaml.SafeLoader):
    """mkdocs.yml may carry !ENV or !!python/name tags; we only need plain data."""


def construct_untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    """Read a tagged node as the plain scalar, list or mapping it holds."""
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


PermissiveLoader.add_multi_constructor("!", construct_untagged)
PermissiveLoader.add_multi_constructor("tag:yaml.org,2002:python/", construct_untagged)


@dataclass(frozen=True)
class Language:
    code: str  # the folder name under docs/ and locales/, and the URL prefix
    babel_locale: str  # the CLDR locale Babel uses (tl is CLDR's "fil")
    default: bool
    # Optional settings from the language's `extra:` in mkdocs.yml, for a variety CLDR does not name,
    # such as Easy Japanese (ja-easy): the lang attribute, the language the data's `languages` use,
    # and the names (else CLDR's).
    html_lang_tag: str | None = None
    hreflang_tag: str | None = None
    data_language: str | None = None
    own_name: str | None = None
    own_english_name: str | None = None
    furigana: bool = False  # readings in <ruby> over kanji on the web (helpsite/web/furigana.py)

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.babel_locale)

    @property
    def native_name(self) -> str:
        """The language's name in itself, from CLDR (never typed by hand unless CLDR has none)."""
        if self.own_name:
            return self.own_name
        name = self.locale.get_language_name(self.babel_locale) or self.code
        return name[:1].upper() + name[1:]

    @property
    def english_name(self) -> str:
        if self.own_english_name:
            return self.own_english_name
        return self.locale.get_language_name("en") or self.code

    @property
    def html_lang(self) -> str:
        return self.html_lang_tag or self.code

    @property
    def hreflang(self) -> str:
        """The tag of this language's alternate links: unique per language (ja-easy: ja-x-easy), so search
        engines do not take two languages for one."""
        return self.hreflang_tag or self.html_lang

    @property
    def speaks(self) -> str:
        """The code a phone's `languages` in data/ use for this language (ja-easy readers: ja)."""
        return self.data_language or self.code


def load_mkdocs_config(path: Path = MKDOCS_YML) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=PermissiveLoader)  # noqa: S506 - permissive *safe* loader


def _i18n_plugin(config: dict[str, Any], path: Path) -> dict[str, Any]:
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"]
    raise SystemExit(f"{path}: no 'i18n' plugin under 'plugins:'. Add mkdocs-static-i18n with its languages.")


@lru_cache(maxsize=4)
def languages(path: Path = MKDOCS_YML) -> tuple[Language, ...]:
    """All configured languages, in the order of mkdocs.yml."""
    plugin = _i18n_plugin(load_mkdocs_config(path), path)
    result = []
    for entry in plugin.get("languages", []):
        code = entry["locale"]
        extra = entry.get("extra") or {}
        babel_locale = extra.get("babel_locale", code)
        try:
            Locale.parse(babel_locale)
        except Exception as exc:  # babel raises several kinds here
            raise SystemExit(
                f"{path}: language '{code}' has babel_locale '{babel_locale}', which CLDR does not know "
                f"({exc}). Set extra.babel_locale to a CLDR locale such as 'fil' or 'zh_Hans'."
            ) from exc
        result.append(
            Language(
                code=code,
                babel_locale=babel_locale,
                default=bool(entry.get("default")),
                html_lang_tag=extra.get("html_lang"),
                hreflang_tag=extra.get("hreflang"),
                data_language=extra.get("data_language"),
                own_name=extra.get("native_name"),
                own_english_name=extra.get("english_name"),
                furigana=bool(extra.get("furigana")),
            )
        )
    if not result:
        raise SystemExit(f"{path}: the i18n plugin lists no languages.")
    return tuple(result)


def codes(path: Path = MKDOCS_YML) -> list[str]:
    return [lang.code for lang in languages(path)]


def get(code: str, path: Path = MKDOCS_YML) -> Language:
    for lang in languages(path):
        if lang.code == code:
            return lang
    raise KeyError(f"unknown language '{code}'; the languages are {', '.join(codes(path))} (from {path})")


def data_language(code: str) -> str:
    """The code data/ uses for a site language's speakers (ja-easy -> ja); unknown codes as they are."""
    for lang in languages():
        if lang.code == code:
            return lang.speaks
    return code


def source_language(path: Path = MKDOCS_YML) -> Language:
    """English: the language every translation is made from."""
    for lang in languages(path):
        if lang.default:
            return lang
    return languages(path)[0]


def site_config(path: Path = MKDOCS_YML) -> dict[str, Any]:
    """The parts of mkdocs.yml the leaflets need too: site_url and extra."""
    return load_mkdocs_config(path)
