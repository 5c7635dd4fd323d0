"""Easy Japanese (ja-easy): the guideline lint (helpsite/lint/easy_japanese.py), furigana
(helpsite/web/furigana.py) and the built pages (lang="ja", ruby with the authors' readings)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpsite.lint import easy_japanese
from helpsite.paths import ROOT
from helpsite.web import furigana
from tests.conftest import page_path

PAGE = """---
title: テスト
---

# テスト

短い文です。
この文はとても長くて、ひとつの文の中に、いくつものことを書いていて、読む人がわからなくなります。

- 警察に行かないわけではありません。
- 電話しないことはない。
"""


def test_the_lint_rejects_a_long_sentence_with_file_line_and_fix() -> None:
    findings = [str(f) for f in easy_japanese.check_text("docs/ja-easy/x.md", PAGE)]
    long = [f for f in findings if "characters" in f]
    assert len(long) == 1, findings
    assert long[0].startswith("docs/ja-easy/x.md:8: easy-japanese: a sentence of 48 characters")
    assert "Fix: Split it into short sentences" in long[0]


def test_the_lint_rejects_double_negatives_plain_and_polite() -> None:
    findings = [str(f) for f in easy_japanese.check_text("docs/ja-easy/x.md", PAGE)]
    doubles = [f for f in findings if "double negative" in f]
    assert [f.split(": ")[0] for f in doubles] == ["docs/ja-easy/x.md:10", "docs/ja-easy/x.md:11"], findings
    assert "〜ないわけではない" in doubles[0] and "Fix: Say it as a positive sentence" in doubles[0]
    assert easy_japanese.double_negatives("そうせざるを得ません。")
    assert easy_japanese.double_negatives("行けなくはない")
    # A plain negative and an obligation are not double negatives.
    assert not easy_japanese.double_negatives("返してもらえません。働かなければいけませんか。")


def test_the_lint_checks_the_catalog_for_double_negatives(tmp_path: Path) -> None:
    po = tmp_path / "messages.po"
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "You can call."\nmsgstr "電話できないことはありません。"\n', encoding="utf-8")
    findings = [str(f) for f in easy_japanese.check_catalog("locales/ja-easy/x.po", po)]
    assert len(findings) == 1 and findings[0].startswith("locales/ja-easy/x.po:4: easy-japanese: a double negative")


def test_the_ja_easy_pages_and_catalog_pass_the_lint() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "helpsite.lint", "docs/ja-easy", "locales/ja-easy/LC_MESSAGES/messages.po"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_furigana_aligns_readings_and_leaves_numbers_links_and_attributes_alone() -> None:
    html = (
        '<html><head><title>日本</title></head><body><p title="警察">届け出る <a href="tel:110">110番</a> '
        '&amp; 3回 <code>漢字</code> 日本</p></body></html>'
    )
    out = furigana.annotate_html(html, {"日本": "にほん"}).replace("<span>", "").replace("</span>", "")
    assert "<ruby>届<rt>とど</rt></ruby>け<ruby>出<rt>で</rt></ruby>る" in out
    assert '<a href="tel:110">110番</a>' in out  # a tel: link's text stays one string
    assert 'title="警察"' in out and "<title>日本</title>" in out and "<code>漢字</code>" in out
    assert "3<ruby>回<rt>かい</rt></ruby>" in out  # the digit has no ruby
    assert out.endswith("<ruby>日本<rt>にほん</rt></ruby></p></body></html>")


def test_text_in_another_language_gets_no_japanese_reading() -> None:
    html = '<body><ul><li><a lang="zh-Hans">中文<span>简体</span></a></li><li><a lang="ja">日本語</a></li></ul>中文</body>'
    out = furigana.annotate_html(html, {"日本語": "にほんご"})
    assert '<a lang="zh-Hans">中文<span>简体</span></a>' in out  # the nested span does not end the skip
    assert "<ruby>日本語<rt>にほんご</rt></ruby>" in out and out.endswith("<rt>ちゅうぶん</rt></ruby></span></body>")


def test_the_officers_japanese_gets_no_reading() -> None:
    html = '<body><p lang="ja" data-furigana="off">警察</p><p lang="ja">警察</p></body>'
    out = furigana.annotate_html(html, {})
    assert out == '<body><p lang="ja" data-furigana="off">警察</p><p lang="ja"><span><ruby>警察<rt>けいさつ</rt></ruby></span></p></body>'


def test_the_authors_readings_win_over_the_analyser() -> None:
    # UniDic reads 日本 alone as にっぽん; locales/ja-easy/readings.yaml says にほん.
    assert "<rt>にっぽん</rt>" in furigana.annotate_text("日本", {})
    readings = furigana.load_readings(furigana.readings_path("ja-easy"))
    assert readings["日本"] == "にほん"
    assert furigana.annotate_text("日本に来る", readings).startswith("<ruby>日本<rt>にほん</rt></ruby>")


def test_an_authors_reading_matches_whole_words_only() -> None:
    readings = {"私": "わたし", "外国人": "がいこくじん"}
    out = furigana.annotate_text("私は私立の外国人在留総合センターへ", readings)
    assert out.startswith("<ruby>私<rt>わたし</rt></ruby>は<ruby>私立<rt>しりつ</rt></ruby>")  # not 私 in 私立
    assert "<ruby>外国人<rt>がいこくじん</rt></ruby><ruby>在留<rt>ざいりゅう</rt></ruby>" in out


def test_leaflets_get_the_first_reading_of_a_word_in_brackets() -> None:
    out = furigana.annotate_html("<body><p>警察に電話。警察</p></body>", {}, brackets=True)
    assert out == '<body><p>警察<span class="yomi">（けいさつ）</span>に電話<span class="yomi">（でんわ）</span>。警察</p></body>'


def test_a_bad_reading_names_the_file_and_the_line(tmp_path: Path) -> None:
    path = tmp_path / "readings.yaml"
    path.write_text("# readings\n警察: けいさつ\n入管: nyukan\n", encoding="utf-8")
    with pytest.raises(furigana.ReadingsError, match=r"readings.yaml:3: the reading of '入管' is 'nyukan'\. Fix"):
        furigana.load_readings(path)


def test_a_built_ja_easy_page_is_japanese_with_ruby_from_the_readings(site_dir: Path) -> None:
    html = page_path(site_dir, "ja-easy", "your-rights.md").read_text(encoding="utf-8")
    assert re.search(r'<html lang="ja"', html)
    assert "<ruby>日本<rt>にほん</rt></ruby>" in html  # the authors' reading, not the analyser's にっぽん
    assert "<ruby>権利<rt>けんり</rt></ruby>" in html  # the analyser's
    assert "<rt>にっぽん</rt>" not in html
    # Call links keep their number as one string.
    home = page_path(site_dir, "ja-easy", "index.md").read_text(encoding="utf-8")
    for text in re.findall(r'<a [^>]*href="tel:[^"]*"[^>]*>(.*?)</a>', home, re.DOTALL):
        assert "<ruby>" not in text or not re.search(r"<ruby>[^<]*\d", text)
        assert not re.search(r"\d\s*<rt>", text)


def test_a_generated_prefecture_page_has_ruby(site_dir: Path) -> None:
    html = (site_dir / "ja-easy" / "near-you" / "tokyo" / "index.html").read_text(encoding="utf-8")
    assert "<ruby>東京<rt>とうきょう</rt></ruby>" in html
    # The bureau's name has the authors' reading, as one word.
    assert "<ruby>出入国在留管理局<rt>しゅつにゅうこくざいりゅうかんりきょく</rt></ruby>" in html
