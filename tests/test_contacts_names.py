"""locales/<lang>/names.yaml: names in the languages other than English and Japanese (issue 11).

Each case works on a copy of the project's data, mkdocs.yml and names files in tmp_path, so a new language
is tested by adding it to that mkdocs.yml, as a maintainer would.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from helpsite import languages
from helpsite.contacts import DataError
from helpsite.contacts.loader import load_files
from helpsite.paths import DATA, LOCALES, MKDOCS_YML


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copy(MKDOCS_YML, tmp_path / "mkdocs.yml")
    for names in LOCALES.glob("**/names*.yaml"):
        target = tmp_path / "locales" / names.relative_to(LOCALES)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(names, target)
    return tmp_path


def add_language(project: Path, code: str) -> None:
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    entry = f"        - locale: {code}\n          name: {code}\n          build: true\n"
    path.write_text(text.replace("\nnav:", "", 1).replace("        - locale: pt\n", entry + "        - locale: pt\n", 1)
                    + "\nnav: []\n", encoding="utf-8")
    languages.languages.cache_clear()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_names_come_from_locales(project):
    loaded = load_files(project / "data")
    tokyo = next(p for p in loaded.prefectures if p.slug == "tokyo")
    assert (tokyo.name("ja"), tokyo.name("th"), tokyo.name("ko")) == ("東京都", "โตเกียว", "도쿄도")
    bureau = next(c for c in loaded.contacts.contacts if c.id == "bureau-tokyo")
    assert bureau.display_name("vi") != bureau.name_en
    assert loaded.names_reviewed_by_lang == {code: False for code in languages.codes() if code not in ("en", "ja")}


def test_a_new_language_is_a_mkdocs_entry_plus_its_names_file(project):
    add_language(project, "sw")
    with pytest.raises(DataError, match=r"locales/sw/names\.yaml: the names in 'sw' are missing\. Fix: copy"):
        load_files(project / "data")
    names = project / "locales" / "sw" / "names.yaml"
    names.parent.mkdir()
    shutil.copy(project / "locales" / "names-template.yaml", names)
    edit(names, "  tokyo: Tokyo\n", "  tokyo: Tokyo (sw)\n")
    # an embassy is needed only in the languages it is shown in
    edit(names, '  embassy-korea: "Embassy of the Republic of Korea in Japan"\n', "")
    loaded = load_files(project / "data")
    assert next(p for p in loaded.prefectures if p.slug == "tokyo").name("sw") == "Tokyo (sw)"
    assert loaded.names_reviewed_by_lang["sw"] is False


def test_a_missing_key_names_the_file_and_the_key(project):
    names = project / "locales" / "th" / "names.yaml"
    line = line_of(names, "prefectures:")
    edit(names, "  tokyo: ", "  # tokyo: ")
    with pytest.raises(DataError) as err:
        load_files(project / "data")
    assert re.search(rf"locales/th/names\.yaml:{line}: prefectures: 'tokyo' is missing\. Fix: add the line "
                     r"'  tokyo: <the name in th>'", str(err.value)), str(err.value)


def test_a_missing_contact_of_the_template_is_an_error(project):
    names = project / "locales" / "es" / "names.yaml"
    edit(names, "  police-9110: ", "  # police-9110: ")
    with pytest.raises(DataError, match=r"locales/es/names\.yaml:\d+: contacts: 'police-9110' is missing"):
        load_files(project / "data")


def test_a_key_not_in_the_data_is_an_error(project):
    names = project / "locales" / "ko" / "names.yaml"
    edit(names, "  tokyo: ", "  tokio: 도쿄\n  tokyo: ")
    line = line_of(names, "tokio:")
    with pytest.raises(DataError, match=rf"locales/ko/names\.yaml:{line}: prefectures: 'tokio' is not a slug in "
                                        r"data/prefectures\.yaml\. Fix"):
        load_files(project / "data")


def test_an_empty_name_is_an_error(project):
    names = project / "locales" / "pt" / "names.yaml"
    edit(names, "  police-110: ", "  police-110: ''\n  # was: ")
    with pytest.raises(DataError, match=r"locales/pt/names\.yaml:\d+: contacts: 'police-110' has no name"):
        load_files(project / "data")


def test_data_keeps_only_english_and_japanese_names(project):
    prefs = project / "data" / "prefectures.yaml"
    edit(prefs, "names: {en: Tokyo, ja: 東京都}", "names: {en: Tokyo, ja: 東京都, th: โตเกียว}")
    with pytest.raises(DataError, match=r"data/prefectures\.yaml:\d+: prefecture '13': a name in th in the data\. "
                                        r"Fix: move it to locales/th/names\.yaml"):
        load_files(project / "data")


def test_the_template_names_every_prefecture_and_region():
    loaded = load_files(DATA)  # loading checks the template against the data
    template = (LOCALES / "names-template.yaml").read_text(encoding="utf-8")
    for p in loaded.prefectures:
        assert f"\n  {p.slug}: " in template
    for r in loaded.regions:
        assert f"\n  {r.id}: " in template


def test_a_variety_of_japanese_without_names_file_uses_the_japanese_names(project):
    add_language(project, "ja-easy")
    (project / "locales" / "ja-easy" / "names.yaml").unlink(missing_ok=True)  # the project's own has one
    path = project / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "        - locale: ja-easy\n          name: ja-easy\n          build: true\n",
        "        - locale: ja-easy\n          name: ja-easy\n          build: true\n          extra:\n            babel_locale: ja\n"),
        encoding="utf-8")
    languages.languages.cache_clear()
    loaded = load_files(project / "data")
    tokyo = next(p for p in loaded.prefectures if p.slug == "tokyo")
    assert tokyo.name("ja-easy") == "東京都"
    bureau = next(c for c in loaded.contacts.contacts if c.id == "bureau-tokyo")
    assert bureau.display_name("ja-easy") == bureau.name_ja
    assert "ja-easy" not in loaded.names_reviewed_by_lang
