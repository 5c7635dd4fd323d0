"""Names of prefectures, regions and contacts in the site's languages other than English and Japanese.

data/*.yaml keep the English and Japanese names (the ones sources give). Every other configured language
(mkdocs.yml) has locales/<lang>/names.yaml, so adding a language is a mkdocs.yml entry plus files:

    reviewed: false          # true once a native speaker has checked every name
    prefectures: {<slug in data/prefectures.yaml>: name, ...}   # all 47
    regions:     {<id in data/regions.yaml>: name, ...}         # all 8
    contacts:    {<id in data/contacts.yaml>: name, ...}        # those listed in locales/names-template.yaml

locales/names-template.yaml is the contract: the contacts it lists are the ones whose names are translated
(an embassy, shown only to the readers of its reader_languages, is needed only in those languages). A
missing key, a key that is not in the data, or an empty name stops loading with file:line and the fix.
A variety of English or Japanese (Easy Japanese: babel_locale ja) may leave names.yaml out: it then uses
the data's names in that language.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpsite.contacts.loader import DataError, Lines, read_yaml
from helpsite.contacts.loader import _display as display
from helpsite.contacts.loader import _line_for as line_for

NAMES_FILE = "names.yaml"
TEMPLATE = "names-template.yaml"
IN_DATA = ("en", "ja")  # the languages whose names stay in data/*.yaml
SECTIONS = ("prefectures", "regions", "contacts")


@dataclass(frozen=True)
class NamesSource:
    """Where the names live and which languages must have them."""

    locales: Path
    langs: tuple[str, ...]  # configured languages other than IN_DATA, in mkdocs.yml order
    # A variety of English or Japanese (ja-easy: CLDR language ja) without its own names.yaml uses the
    # data's names in that language: {code: "ja"}.
    varieties: tuple[tuple[str, str], ...] = ()


def source_for(data_dir: Path) -> NamesSource | None:
    """The project around data_dir (its mkdocs.yml and locales/), or None for a bare data folder (test fixtures)."""
    root = data_dir.resolve().parent
    mkdocs_yml = root / "mkdocs.yml"
    if not mkdocs_yml.is_file():
        return None
    from helpsite import languages

    others = [lang for lang in languages.languages(mkdocs_yml) if lang.code not in IN_DATA]
    varieties = tuple((lang.code, lang.locale.language) for lang in others if lang.locale.language in IN_DATA)
    return NamesSource(root / "locales", tuple(lang.code for lang in others), varieties)


def files(source: NamesSource | None) -> list[Path]:
    """The files names are read from (for a cache key)."""
    if source is None:
        return []
    return [source.locales / TEMPLATE] + [source.locales / lang / NAMES_FILE for lang in source.langs]


@dataclass
class _Names:
    path: Path
    data: dict[str, Any]
    lines: Lines


def _read(path: Path, lang: str | None) -> _Names:
    if not path.is_file():
        what = f"the names in '{lang}' are missing" if lang else "the template is missing"
        raise DataError(f"{display(path)}: {what}. Fix: copy locales/{TEMPLATE} to {display(path)} and put each "
                        f"name in the language (mkdocs.yml lists '{lang}')", path)
    data, lines = read_yaml(path)
    if not isinstance(data, dict):
        raise DataError(f"{display(path)}:1: expected 'reviewed:', 'prefectures:', 'regions:' and 'contacts:'. "
                        f"Fix: start from locales/{TEMPLATE}", path, 1)
    for key in data:
        if key not in ("reviewed", *SECTIONS):
            line = line_for((key,), lines, key=True)
            raise DataError(f"{display(path)}:{line}: unknown key '{key}'. Fix: the file has only 'reviewed', "
                            f"{', '.join(SECTIONS)} (see locales/{TEMPLATE})", path, line)
    if not isinstance(data.get("reviewed"), bool):
        line = line_for(("reviewed",), lines)
        raise DataError(f"{display(path)}:{line}: 'reviewed' must be true or false. Fix: write 'reviewed: false' "
                        "until a native speaker has checked every name", path, line)
    for section in SECTIONS:
        value = data.get(section)
        if not isinstance(value, dict):
            line = line_for((section,), lines)
            raise DataError(f"{display(path)}:{line}: '{section}:' must be a list of 'key: name' lines. "
                            f"Fix: copy that part of locales/{TEMPLATE}", path, line)
        for key, name in value.items():
            if not isinstance(name, str) or not name.strip():
                line = line_for((section, key), lines)
                raise DataError(f"{display(path)}:{line}: {section}: '{key}' has no name. Fix: write the name "
                                "after the colon (quote it if it contains ':' or '#')", path, line)
    return _Names(path, data, lines)


def _check_keys(names: _Names, known: dict[str, set[str]], required: dict[str, list[str]], lang: str) -> None:
    for section in SECTIONS:
        given = names.data[section]
        for key in given:
            if key not in known[section]:
                line = line_for((section, key), names.lines, key=True)
                where = {"prefectures": "a slug in data/prefectures.yaml", "regions": "an id in data/regions.yaml",
                         "contacts": "an id in data/contacts.yaml"}[section]
                raise DataError(f"{display(names.path)}:{line}: {section}: '{key}' is not {where}. Fix: correct "
                                "its spelling, or remove it if that entry left the data", names.path, line)
        for key in (k for k in required[section] if k not in given):
            line = line_for((section,), names.lines, key=True)
            raise DataError(f"{display(names.path)}:{line}: {section}: '{key}' is missing. Fix: add the line "
                            f"'  {key}: <the name in {lang}>' under '{section}:' (locales/{TEMPLATE} lists every key)",
                            names.path, line)


def apply(source: NamesSource | None, contacts: list[Any], regions: list[Any], prefectures: list[Any]) -> dict[str, bool]:
    """Fill the models' `names` from locales/<lang>/names.yaml. Returns {lang: reviewed}."""
    if source is None:
        return {}
    known = {
        "prefectures": {p.slug for p in prefectures},
        "regions": {r.id for r in regions},
        "contacts": {c.id for c in contacts},
    }
    template = _read(source.locales / TEMPLATE, None)
    all_keys = {"prefectures": [p.slug for p in prefectures], "regions": [r.id for r in regions]}
    _check_keys(template, known, all_keys | {"contacts": []}, "English")
    translated = list(template.data["contacts"])
    by_id = {c.id: c for c in contacts}
    reviewed: dict[str, bool] = {}
    varieties = dict(source.varieties)
    for lang in source.langs:
        if lang in varieties and not (source.locales / lang / NAMES_FILE).is_file():
            base = varieties[lang]
            for item in (*prefectures, *regions):
                item.names[lang] = item.names[base]
            for contact in contacts:
                name = contact.name_ja if base == "ja" else contact.name_en
                if name:
                    contact.names[lang] = name
            continue
        names = _read(source.locales / lang / NAMES_FILE, lang)
        needed = [k for k in translated if not by_id[k].reader_languages or lang in by_id[k].reader_languages]
        _check_keys(names, known, all_keys | {"contacts": needed}, lang)
        for p in prefectures:
            p.names[lang] = names.data["prefectures"][p.slug]
        for r in regions:
            r.names[lang] = names.data["regions"][r.id]
        for key, name in names.data["contacts"].items():
            by_id[key].names[lang] = name
        reviewed[lang] = names.data["reviewed"]
    return reviewed
