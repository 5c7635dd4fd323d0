"""Scripts on paper and in the lint: line-break opportunities (helpsite/leaflets/breaks.py) and the
Zawgyi check (helpsite/lint/zawgyi.py). Fast: no PDF here (the PDFs: tests/test_leaflets.py)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from helpsite.leaflets import breaks
from helpsite.lint import zawgyi
from helpsite.paths import ROOT

ZWSP, WJ = breaks.ZWSP, breaks.WJ

# Burmese "thank you" typed on a Zawgyi phone, and the same words in Unicode.
ZAWGYI = "ေက်းဇူးတင္ပါတယ္"
UNICODE_MY = "ကျေးဇူးတင်ပါတယ်"


@pytest.mark.parametrize("text, lang, words", [
    ("ตำรวจจังหวัดไอจิ", "th", ["ตำรวจ", "จังหวัด"]),
    ("ភាសាខ្មែរជាភាសាផ្លូវការរបស់ប្រទេសកម្ពុជា", "km", ["ភាសាខ្មែរ", "ជា", "ប្រទេស", "កម្ពុជា"]),
    ("မြန်မာနိုင်ငံသည်အရှေ့တောင်အာရှတွင်တည်ရှိသည်", "my", ["မြန်မာနိုင်ငံ", "သည်"]),
    ("ພາສາລາວເປັນພາສາທາງການ", "lo", ["ພາສາ", "ລາວ", "ເປັນ"]),
])
def test_dictionary_scripts_get_icu_word_breaks(text, lang, words):
    # By script, not by the page's language: a Khmer name on an English leaflet breaks the same way.
    for page_lang in (lang, "en"):
        out = breaks.break_text(text, page_lang)
        assert out.replace(ZWSP, "") == text
        pieces = out.split(ZWSP)
        assert len(pieces) > 2, out
        for w in words:
            assert w in pieces, f"{w!r} not a whole piece of {pieces}"


def test_japanese_phrases_stay_whole_and_katakana_words_never_split():
    text = "外国人在留総合インフォメーションセンターに電話してください。"
    out = breaks.break_text(text, "ja")
    assert out.replace(WJ, "") == text
    # no break opportunity inside センター (a word joiner between every two of its letters)
    assert WJ.join("センター") in out
    assert breaks.break_text(text, "zh") == text  # Chinese breaks between any two characters: untouched
    # a phrase too long for a cell may break where kanji and katakana meet, never inside a word or its ending
    long = breaks.break_text("IP電話・プリペイド携帯から", "ja")
    assert WJ.join("プリペイド") in long and WJ.join("携帯から") in long
    assert f"ド{WJ}携" not in long


def test_korean_keeps_words_whole():
    assert breaks.break_text("도와주세요 경찰", "ko") == f"도{WJ}와{WJ}주{WJ}세{WJ}요 경{WJ}찰"


def test_insert_breaks_only_in_body_text_never_numbers_links_or_attributes():
    html = ('<html lang="th"><head><title>ตำรวจจังหวัด</title></head><body>'
            '<p title="ตำรวจจังหวัด">ตำรวจจังหวัดไอจิ <a href="tel:0570013904">0570-013904</a></p>'
            '<div lang="ja">センターに電話</div><style>p{}</style></body>')
    out = breaks.insert_breaks(html, "th")
    assert '<title>ตำรวจจังหวัด</title>' in out and 'title="ตำรวจจังหวัด"' in out
    assert f"ตำรวจ{ZWSP}จังหวัด" in out
    assert '<a href="tel:0570013904">0570-013904</a>' in out
    assert f"セ{WJ}ン{WJ}タ{WJ}ー" in out  # the Japanese element follows Japanese rules


def test_keep_together_names_are_not_broken():
    name = "สำนักงานตรวจคนเข้าเมืองประจำภูมิภาคนาโกย่า"
    assert "นาโกย่า" in breaks.keep_together()
    out = breaks.insert_breaks(f"<body><p>{name}</p></body>", "th")
    assert '<span class="nobr">นาโกย่า</span>' in out
    assert ZWSP not in out.split('class="nobr">')[1].split("<")[0]


def test_zawgyi_is_found_and_unicode_is_not():
    assert zawgyi.zawgyi_runs(f"Thanks: {ZAWGYI}")
    assert not zawgyi.zawgyi_runs(f"Thanks: {UNICODE_MY}")


def test_lint_rejects_a_zawgyi_page_with_file_line_and_fix(tmp_path):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    page = tmp_path / "docs" / "my" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text(f"---\ntitle: x\n---\n\n{UNICODE_MY}\n\n{ZAWGYI}\n", encoding="utf-8")
    found = zawgyi.findings(tmp_path)
    assert [(f.path, f.line, f.rule) for f in found] == [("docs/my/index.md", 7, "zawgyi")]
    assert "Unicode" in found[0].fix and "Zawgyi" in found[0].what
    # and the lint command fails on it, naming the file and the line
    res = subprocess.run([sys.executable, "-m", "helpsite.lint", "--root", str(tmp_path), str(page)],
                         capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 1
    assert "docs/my/index.md:7: zawgyi:" in res.stdout


def test_the_project_has_no_zawgyi():
    assert zawgyi.findings(ROOT) == []


def test_burmese_pages_say_what_to_do_about_zawgyi():
    import jinja2
    from babel.support import NullTranslations

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")), extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(NullTranslations(), newstyle=True)
    template = env.get_template("partials/zawgyi-note.html")
    assert "Zawgyi" in template.render(help_bar_lang="my")
    for lang in ("th", "en", "ja"):
        assert template.render(help_bar_lang=lang).strip() == ""
