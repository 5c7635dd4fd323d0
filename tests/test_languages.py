"""Languages come from mkdocs.yml and CLDR only (issue 11): a new language needs an entry plus files, no code.

The per-language settings (helpsite/languages.py) are tested on a copy of mkdocs.yml with the seven
languages of issue 11 switched on (their commented entries uncommented), so they are proven before the
translators' files arrive; the chooser is tested on the built site, for every language mkdocs.yml lists.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel import Locale

from helpsite import languages, officer
from helpsite.leaflets import fonts
from helpsite.leaflets.errors import LeafletError
from helpsite.paths import MKDOCS_YML
from tests.site_html import soup

NEW = ("ne", "km", "my", "mn", "fr", "si", "ur")
# A word in each new language's script, for the tofu check (help / language).
SAMPLES = {"ne": "मद्दत", "km": "ជំនួយ", "my": "အကူအညီ", "mn": "Тусламж", "fr": "Aide à l'étranger",
           "si": "උදව්", "ur": "مدد ۔ زبان"}


def uncommented_mkdocs(tmp_path: Path) -> Path:
    """mkdocs.yml with the commented issue-11 language entries switched on."""
    text = MKDOCS_YML.read_text(encoding="utf-8")
    text = re.sub(r"^        # (  )?(- locale: |  name: |  build: |  theme:|  extra:|    \w+: )", r"        \1\2",
                  text, flags=re.M)
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def seventeen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """helpsite.languages answering from the 17-language mkdocs.yml."""
    path = uncommented_mkdocs(tmp_path)
    real = languages.languages.__wrapped__
    monkeypatch.setattr(languages, "languages", lambda path_=None: real(path))
    return path


def test_the_commented_entries_are_the_seven_new_languages(seventeen):
    codes = languages.codes()
    assert codes[10:17] == list(NEW)  # after the ten first languages (Easy Japanese, ja-easy, comes after them)
    assert len(codes) == 18 and codes[17] == "ja-easy"


def test_directions_come_from_mkdocs_and_cldr(seventeen):
    assert {lang.code for lang in languages.languages() if lang.direction == "rtl"} == {"ur"}
    assert languages.get("ur").html_lang == "ur"
    assert (languages.get("tl").html_lang, languages.get("zh").html_lang) == ("fil", "zh-Hans")


def test_officer_names_are_the_names_officers_know(seventeen):
    expected = {"ne": "ネパール語", "km": "クメール語（カンボジア語）", "my": "ミャンマー語（ビルマ語）", "mn": "モンゴル語",
                "fr": "フランス語", "si": "シンハラ語", "ur": "ウルドゥー語", "tl": "タガログ語（フィリピノ語）", "zh": "中国語"}
    for code, name in expected.items():
        assert officer.language_name(code, "ja") == name, code
    assert officer.language_name("id", "id") == "Bahasa Indonesia"
    assert officer.language_name("ur", "ur") == "اردو"


@pytest.mark.parametrize("code", NEW)
def test_each_new_script_gets_an_installed_noto_font_and_passes_the_tofu_check(seventeen, code):
    stack = fonts.stack(code)
    expected = {"ne": "Noto Sans Devanagari", "km": "Noto Sans Khmer", "my": "Noto Sans Myanmar",
                "si": "Noto Sans Sinhala", "ur": "Noto Nastaliq Urdu"}
    assert stack == (("Noto Sans", expected[code]) if code in expected else ("Noto Sans",)), stack
    for family in stack:
        assert fonts.face(family).family == family  # fontconfig has it: no silent substitute
    fonts.check_coverage(SAMPLES[code] + " 0570-013904", code, f"sample/{code}")
    with pytest.raises(LeafletError, match=rf"sample/{code}: no font for 'ꦲ' U\+A9B2"):
        fonts.check_coverage("ꦲ", code, f"sample/{code}")  # Javanese: in none of the stacks


def test_nastaliq_gets_taller_lines(seventeen):
    assert (fonts.line_height("ur") or 0) >= 1.6  # Nastaliq: marks above and below the line need room
    assert fonts.line_height("fr") is None


def test_an_unknown_extra_key_is_refused(tmp_path: Path):
    path = uncommented_mkdocs(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("dir: rtl", "direction: rtl"), encoding="utf-8")
    with pytest.raises(SystemExit, match=r"language 'ur' has extra\.direction, which the site does not use\. Fix"):
        languages.languages.__wrapped__(path)


def test_no_language_code_is_typed_into_the_code():
    """Per-language tables belong in mkdocs.yml: no module keeps a dict keyed by a site language code."""
    root = MKDOCS_YML.parent
    # en and ja are the source and the officers' language; "id" is also every data entry's key
    other = [c for c in languages.codes() if c not in ("en", "ja", "id")] + list(NEW)
    table = re.compile(r"""[{,]\s*["'](%s)["']\s*:""" % "|".join(map(re.escape, other)))
    found = []
    for path in [*sorted((root / "helpsite").rglob("*.py")), root / "build_leaflets.py"]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if table.search(line) or re.search(r"""\bin \([^)]*["'](%s)["']""" % "|".join(other), line):
                found.append(f"{path.relative_to(root)}:{n}: {line.strip()}")
    assert not found, "\n".join(found)


def test_chooser_lists_every_language_by_its_own_name(site_dir: Path):
    html = soup(site_dir / "index.html")
    links = html.select("a.chooser__lang")
    assert [a["hreflang"] for a in links] == [lang.hreflang for lang in languages.languages()]
    for lang, link in zip(languages.languages(), links):
        cldr = Locale.parse(lang.babel_locale).get_language_name(lang.babel_locale)
        # CLDR's name, unless CLDR has none for the language (ja-easy: extra.native_name, やさしい日本語)
        expected = lang.setting("native_name") or cldr[:1].upper() + cldr[1:]
        assert link.find("strong").get_text() == expected, lang.code
        assert (link["lang"], link["dir"]) == (lang.html_lang, lang.direction), lang.code


@pytest.mark.parametrize(("language", "expected"), [("sw", "en"), ("lo", "en"), ("km", "km"), ("ne", "ne"), ("ur", "ur"),
                                                    ("th", "th")])
def test_material_without_interface_words_falls_back_to_english(language, expected):
    """Material has no partials/languages/sw.html: the hook uses its English words instead of failing. Our
    overrides give the few words for Khmer and Nepali (overrides/partials/languages/km.html, ne.html)."""
    from types import SimpleNamespace

    import material
    from jinja2 import Environment, FileSystemLoader

    from helpsite.paths import OVERRIDES
    from helpsite.web.layout import theme_language_fallback

    env = Environment(loader=FileSystemLoader([str(OVERRIDES), str(Path(material.__file__).parent / "templates")]))
    config = SimpleNamespace(theme={"language": language})
    theme_language_fallback(env, config)
    assert config.theme["language"] == expected
