"""The built pages as parsed HTML, for the tests that read site/ without a browser.

Each page is parsed once per test process and shared (parsing is most of the cost of these tests: 1,500
pages of about 100 KB). The trees are shared, so tests read them and never change them: text without some
elements comes from text_without(), not from taking those elements out. Tests that walk every page of a
language share one xdist group per language (by_language), so one process parses that language's pages.
"""
from __future__ import annotations

import functools
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, CData, NavigableString, Tag


@functools.lru_cache(maxsize=None)
def _parsed(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def soup(path: Path) -> BeautifulSoup:
    """The page at path, parsed once per process: read it, do not change it."""
    return _parsed(Path(path))


def text_without(tag: Tag, hidden: list[Tag], separator: str = "", strip: bool = False) -> str:
    """tag.get_text(separator, strip) as if the elements in hidden (and what they hold) were not there."""
    gone = {id(h) for h in hidden}
    strings = (s for s in tag.find_all(string=True)
               if type(s) in (NavigableString, CData) and not any(id(p) in gone for p in s.parents))
    if strip:
        return separator.join(s.strip() for s in strings if s.strip())
    return separator.join(strings)


def without_readings(tag: Tag, separator: str = "", strip: bool = False) -> str:
    """The text of tag without its furigana (Easy Japanese's <rt>)."""
    return text_without(tag, tag.select("rt"), separator, strip)


def by_language(lang: str) -> pytest.MarkDecorator:
    """The xdist group of the tests that walk every page of one language: its pages are parsed once."""
    return pytest.mark.xdist_group(name=f"html-{lang}")


def lang_params(langs: list[str]) -> list:
    return [pytest.param(lang, id=lang, marks=by_language(lang)) for lang in langs]
