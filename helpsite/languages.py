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


# What a language may set under its `extra:` in mkdocs.yml (plugins > i18n > languages). Everything has a
# default from CLDR, so most languages set nothing; a new key here is documented in CONTRIBUTING.md.
EXTRA_KEYS = {
    "babel_locale": "the CLDR locale, when CLDR knows the language under another code (tl: fil, zh: zh_Hans)",
    "html_lang": "the BCP 47 tag for lang=\"…\" (default: babel_locale, e.g. fil, zh-Hans)",
    "dir": "ltr or rtl (default: CLDR's text direction of the locale)",
    "own_name": "the language's name in itself on the officer panel, where readers use another than CLDR's (id)",
    "officer_name": "the language's name in Japanese as officers know it, where CLDR's is not (tl, zh)",
    "font": "the leaflet font family for the script, where the default Noto Sans <Script> is not the right one",
    "quick_exit_url": "where the quick exit goes for readers of this language (see extra.quick_exit_url)",
    "hreflang": "the tag of the alternate links, where the code is not a BCP 47 tag (ja-easy: ja-x-easy)",
    "data_language": "the code the `languages` of phones in data/ use for these readers (ja-easy: ja)",
    "native_name": "the language's name in itself, where CLDR has none (ja-easy: やさしい日本語)",
    "english_name": "the language's name in English, where CLDR has none (ja-easy: Easy Japanese)",
    "furigana": "true: readings over kanji on the web and in brackets on leaflets (ja-easy; helpsite/web/furigana.py)",
}


@dataclass(frozen=True)
class Language:
    code: str  # the folder name under docs/ and locales/, and the URL prefix
    babel_locale: str  # the CLDR locale Babel uses (tl is CLDR's "fil")
    default: bool
    extra: tuple[tuple[str, str], ...] = ()  # the language's `extra:` in mkdocs.yml (hashable: the class is cached)

    def setting(self, key: str) -> str | None:
        return dict(self.extra).get(key)

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.babel_locale)

    @property
    def native_name(self) -> str:
        """The language's name in itself: extra.native_name, else CLDR's (never typed by hand unless CLDR has
        none, as for Easy Japanese): the chooser, the language switch."""
        if self.setting("native_name"):
            return self.setting("native_name")
        name = self.locale.get_language_name(self.babel_locale) or self.code
        return name[:1].upper() + name[1:]

    @property
    def own_name(self) -> str:
        """The name the reader shows an officer after "My language:": extra.own_name, else native_name."""
        return self.setting("own_name") or self.native_name

    @property
    def officer_name(self) -> str:
        """The language's name in Japanese, as officers know it: extra.officer_name, else CLDR's."""
        return self.setting("officer_name") or Locale.parse("ja").languages.get(self.locale.language, self.code)

    @property
    def direction(self) -> str:
        """'rtl' or 'ltr': extra.dir, else CLDR's text direction (Urdu: rtl)."""
        return self.setting("dir") or self.locale.text_direction

    @property
    def script(self) -> str:
        """The ISO 15924 script the language is written in, from CLDR's likely subtags (ur: Arab, ne: Deva)."""
        from babel.core import get_global

        if self.locale.script:
            return self.locale.script
        likely = get_global("likely_subtags").get(self.locale.language, "")
        parts = likely.split("_")
        return parts[1] if len(parts) > 2 else "Latn"

    @property
    def english_name(self) -> str:
        """The language's name in English (translation report): extra.english_name, else CLDR's."""
        return self.setting("english_name") or self.locale.get_language_name("en") or self.code

    @property
    def html_lang(self) -> str:
        """BCP 47 tag for lang="…": extra.html_lang, else the CLDR locale (fil, zh-Hans)."""
        return self.setting("html_lang") or self.babel_locale.replace("_", "-")

    @property
    def hreflang(self) -> str:
        """The tag of this language's alternate links: extra.hreflang, else the code (tl, zh). Unique per
        language (ja-easy: ja-x-easy), so search engines do not take two languages for one."""
        return self.setting("hreflang") or self.code

    @property
    def speaks(self) -> str:
        """The code a phone's `languages` in data/ use for this language: extra.data_language (ja-easy: ja)."""
        return self.setting("data_language") or self.code

    @property
    def furigana(self) -> bool:
        """Readings over kanji on the web, in brackets on leaflets (helpsite/web/furigana.py): extra.furigana."""
        return str(self.setting("furigana")).lower() == "true"


LRI, PDI = "\u2066", "\u2069"  # Unicode bidi isolation: left-to-right isolate, pop directional isolate


def isolate_ltr(text: str, direction: str) -> str:
    """Left-to-right text (a time, a number, an address) kept in its order inside right-to-left text.
    Browsers and Pango (the leaflets) both honour the isolate characters; ltr text is returned as is."""
    return f"{LRI}{text}{PDI}" if direction == "rtl" and text else text


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
        unknown = sorted(set(extra) - set(EXTRA_KEYS))
        if unknown:
            raise SystemExit(
                f"{path}: language '{code}' has extra.{unknown[0]}, which the site does not use. Fix: check the "
                f"spelling; the keys are {', '.join(EXTRA_KEYS)} (helpsite/languages.py)"
            )
        if extra.get("dir") not in (None, "ltr", "rtl"):
            raise SystemExit(f"{path}: language '{code}' has extra.dir '{extra['dir']}'. Fix: write 'dir: rtl' or 'dir: ltr'")
        babel_locale = extra.get("babel_locale", code)
        try:
            Locale.parse(babel_locale)
        except Exception as exc:  # babel raises several kinds here
            raise SystemExit(
                f"{path}: language '{code}' has babel_locale '{babel_locale}', which CLDR does not know "
                f"({exc}). Set extra.babel_locale to a CLDR locale such as 'fil' or 'zh_Hans'."
            ) from exc
        result.append(Language(code=code, babel_locale=babel_locale, default=bool(entry.get("default")),
                               extra=tuple((str(k), str(v)) for k, v in extra.items())))
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
