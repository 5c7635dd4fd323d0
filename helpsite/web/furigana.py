"""Furigana for Easy Japanese (ja-easy) pages: every kanji gets its reading in <ruby>.

Readers of Easy Japanese often know kana but not kanji, so the reading goes above each word. Readings
come from a morphological analyser (fugashi = MeCab with the UniDic dictionary of unidic-lite). Names the
analyser may read wrongly are written down by authors in ``locales/ja-easy/readings.yaml``
(surface: reading), and those always win.

Only text nodes of the page body are changed, never tags, attributes, entities, script or style, text
marked as another language (``lang="zh"``: a language's own name in the chooser) or with
``data-furigana="off"`` (the officer's Japanese on the officer panel), the text of a ``tel:`` link (a number must stay one string for the output gate and for copying), code, or
text already in ruby. Digits never get ruby.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

import yaml

from helpsite.paths import LOCALES



def readings_path(lang: str) -> Path:
    return LOCALES / lang / "readings.yaml"


KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ"
_HAS_KANJI = re.compile(f"[{KANJI}]")
_KANJI_RUNS = re.compile(f"([{KANJI}]+)")
_KANA_READING = re.compile(r"^[\u3041-\u309f\u30a1-\u30ffー]+$")

# Elements whose text stays as it is: not prose, or already annotated.
_RAW_TEXT = ("script", "style")
_SKIP = {
    "code", "pre", "kbd", "samp", "ruby", "rt", "rp", "textarea", "title", "svg", "math", "template", "head",
    "select", "option", "optgroup", "datalist",  # no markup allowed inside
}
# A tag, with quoted attribute values that may contain '>'; comments and doctype.
_TOKEN = re.compile(r"<!--.*?-->|<![^>]*>|<[A-Za-z/](?:\"[^\"]*\"|'[^']*'|[^'\">])*>", re.DOTALL)
_TAG_NAME = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Text in another language (a language's name in the chooser, an English link) gets no Japanese reading.
_OTHER_LANG = re.compile(r"""\slang\s*=\s*["']?(?!ja\b|ja-)[A-Za-z]""", re.IGNORECASE)
_FURIGANA_OFF = re.compile(r"""\sdata-furigana\s*=\s*["']?off""")  # e.g. the officer's Japanese
_TEL_HREF = re.compile(r"""\shref\s*=\s*(["']?)\s*tel:""", re.IGNORECASE)
_ENTITY = re.compile(r"(&(?:#\d+|#x[0-9a-fA-F]+|\w+);)")


class ReadingsError(ValueError):
    """A bad entry in the readings file: names the file, the line and the fix."""


def hiragana(kana: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in kana)


def katakana(kana: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in kana)


def load_readings(path: Path) -> dict[str, str]:
    """surface -> reading (hiragana). Errors name the file and the line."""
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise ReadingsError(f"{path}: not valid YAML ({exc}). Fix: write one 'surface: reading' per line.") from None
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise ReadingsError(f"{path}:1: expected a mapping. Fix: write one 'surface: reading' per line.")
    readings: dict[str, str] = {}
    for key, value in node.value:
        line = key.start_mark.line + 1
        surface, reading = str(key.value), str(value.value)
        if not _HAS_KANJI.search(surface):
            raise ReadingsError(f"{path}:{line}: '{surface}' has no kanji. Fix: list only words written with kanji.")
        if not _KANA_READING.match(reading):
            raise ReadingsError(
                f"{path}:{line}: the reading of '{surface}' is '{reading}'. Fix: write the reading in hiragana only."
            )
        if surface in readings:
            raise ReadingsError(f"{path}:{line}: '{surface}' is listed twice. Fix: keep one reading.")
        readings[surface] = hiragana(reading)
    return readings


@lru_cache(maxsize=1)
def _tagger():
    import fugashi  # imported here: only ja-easy pages need it, and it loads a dictionary

    return fugashi.Tagger()


def ruby(surface: str, reading: str, brackets: bool = False) -> str:
    """Ruby for one word: each kanji run gets the part of the reading the kana around it leave over
    (届け出る/とどけでる -> 届[とど]け出[で]る); if the kana do not line up, the whole word gets it."""
    parts = _KANJI_RUNS.split(surface)
    pattern = "".join("(.+?)" if i % 2 else re.escape(katakana(p)) for i, p in enumerate(parts))
    match = re.fullmatch(pattern, katakana(reading))
    if match is None:
        return _ruby_tag(surface, reading, brackets)
    groups = iter(match.groups())
    return "".join(_ruby_tag(p, next(groups), brackets) if i % 2 else p for i, p in enumerate(parts))


def _ruby_tag(base: str, reading: str, brackets: bool = False) -> str:
    if brackets:  # print: WeasyPrint 70 sets <rt> inline at full size, so the reading follows in brackets
        return f'{base}<span class="yomi">（{hiragana(reading)}）</span>'
    return f"<ruby>{base}<rt>{hiragana(reading)}</rt></ruby>"


def annotate_text(text: str, readings: dict[str, str], brackets: bool = False) -> str:
    """Plain text (no tags, no entities) with ruby on its kanji: the authors' readings first."""
    if not _HAS_KANJI.search(text):
        return text
    core = text.strip()  # MeCab drops spaces at the ends: keep them out of its way
    start = text.index(core)
    return text[:start] + _analyse(core, readings, brackets) + text[start + len(core) :]


MAX_WORDS_PER_NAME = 8  # an author's entry may span this many of the analyser's words (出入国/在留/管理/局)


def _analyse(text: str, readings: dict[str, str], brackets: bool) -> str:
    """Ruby word by word. An author's entry wins where the analyser's words join up to exactly that
    entry, so 私 is never matched inside 私立, and 外国人 is matched inside 外国人在留 (外国/人/在留)."""
    words = list(_tagger()(text))
    out = []
    i = 0
    while i < len(words):
        out.append(words[i].white_space)
        for j in range(min(len(words), i + MAX_WORDS_PER_NAME), i, -1):
            if j > i + 1 and any(w.white_space for w in words[i + 1 : j]):
                continue  # an entry never spans a space
            surface = "".join(w.surface for w in words[i:j])
            if surface in readings:
                out.append(ruby(surface, readings[surface], brackets))
                i = j
                break
        else:
            out.append(_word(words[i], brackets))
            i += 1
    result = "".join(out)
    # MeCab drops spaces it cannot attribute: never lose text.
    return result if _plain(result) == text else text


def _word(word, brackets: bool) -> str:
    surface = word.surface
    reading = getattr(word.feature, "kana", None)
    if _HAS_KANJI.search(surface) and reading and reading != "*" and _KANA_READING.match(reading):
        return ruby(surface, reading, brackets)
    return surface


def _plain(html: str) -> str:
    """The text without its readings: what the reader had before."""
    return re.sub(r"<rt>.*?</rt>|<span class=\"yomi\">.*?</span>|<[^>]+>", "", html)


def annotate_html(html: str, readings: dict[str, str], brackets: bool = False) -> str:
    """The page with ruby (or, for print, readings in brackets) on the kanji of its body's text nodes.
    In print, only a word's first reading is kept, so that a leaflet still fits its sheet."""
    result = "".join(_rewrite(html, lambda text: annotate_text(text, readings, brackets)))
    if not brackets:
        return result
    seen: set[tuple[str, str]] = set()

    def first_only(m: re.Match[str]) -> str:
        pair = (m.group(1), m.group(2))
        if pair in seen:
            return m.group(1)
        seen.add(pair)
        return m.group(0)

    return _BRACKETED.sub(first_only, result)


_BRACKETED = re.compile(f'([{KANJI}]+)<span class="yomi">（([\u3041-\u309fー]+)）</span>')
_READING_AS_TEXT = re.compile("（[\u3041-\u309fー]+）")


def without_readings(text: str) -> str:
    """A leaflet's text (pdftotext) without the readings in brackets: what the catalog says."""
    return _READING_AS_TEXT.sub("", text)


def _rewrite(html: str, change: Callable[[str], str]) -> Iterator[str]:
    skip: list[list] = []  # [name, depth] of open elements whose text stays as it is, innermost last
    in_body = False
    pos = 0
    while pos < len(html):
        m = _TOKEN.search(html, pos)
        end = m.start() if m else len(html)
        if end > pos:
            text = html[pos:end]
            yield _change_text(text, change) if in_body and not skip else text
        if m is None:
            break
        tag = m.group(0)
        yield tag
        pos = m.end()
        name_match = _TAG_NAME.match(tag)
        if not name_match:
            continue
        closing, name = name_match.group(1) == "/", name_match.group(2).lower()
        if name == "body":
            in_body = not closing
        elif name in _RAW_TEXT and not closing:
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(html, pos)
            stop = close.end() if close else len(html)
            yield html[pos:stop]
            pos = stop
        elif name in _VOID or tag.endswith("/>"):
            continue
        elif skip and skip[-1][0] == name:  # the same element nested in a skipped one
            skip[-1][1] += -1 if closing else 1
            if skip[-1][1] == 0:
                skip.pop()
        elif not closing and (
            name in _SKIP
            or (name == "a" and _TEL_HREF.search(tag))
            or _OTHER_LANG.search(tag)
            or _FURIGANA_OFF.search(tag)
        ):
            skip.append([name, 1])


def _change_text(text: str, change: Callable[[str], str]) -> str:
    """The text node with readings, in one <span> when it changed: in a flex container (a tile, a
    button-like link) the text then stays one flex item that wraps, instead of every <ruby> becoming
    an item of its own."""
    changed = "".join(part if i % 2 else change(part) for i, part in enumerate(_ENTITY.split(text)))
    if changed == text or "<ruby>" not in changed:
        return changed
    core = changed.strip()
    start = changed.index(core)
    return f"{changed[:start]}<span>{core}</span>{changed[start + len(core):]}"
