"""Line-break opportunities for the leaflets, the same as the browser's, put into the HTML before WeasyPrint.

Pango (and so WeasyPrint) breaks Thai with libthai's dictionary, does not break Khmer, Burmese and Lao
runs at all (they overflow), breaks Japanese between any two characters (セン|ター) and Korean between
any two syllables. Chromium uses ICU. So, in the text of the body (never in attributes, the head or
numbers), by script:

- Thai, Lao, Khmer, Burmese: a ZERO WIDTH SPACE at each of ICU's line-break opportunities
  (icu4py's LineBreaker, ICU's dictionaries: the browser's word boundaries).
- Japanese (text in a ``lang="ja"`` element): BudouX phrases, kept whole with WORD JOINERs between
  their letters, so a line breaks between phrases only (the web does the same with
  ``word-break: auto-phrase``). A phrase too long for a narrow cell (a long official name) may
  break where kanji and katakana meet, never inside a katakana word (never セン|ター).
- Korean: WORD JOINERs between the syllables of a word (``word-break: keep-all``, which WeasyPrint 70
  ignores): Korean breaks between words.
- Names ICU does not know (Japanese place names written in Thai, ``…ภูมิภาคนาโก|ย่า``): each line of
  ``locales/<lang>/keep-together.txt`` is kept on one line (``<span class="nobr">``, print.css), in
  every language's text. Translators add names there; no code change.

The inserted characters draw nothing and are not in the PDF's text layer (Pango draws them as empty
glyphs, textlayer.py skips those), so copying, searching and the output gate see the plain text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from helpsite.paths import LOCALES

ZWSP = "\u200b"
WJ = "\u2060"
KEEP_FILE = "keep-together.txt"

# Scripts without spaces between words that ICU breaks with a dictionary, and the ICU locale for each.
_DICTIONARY_SCRIPTS = {
    "th": "\u0e00-\u0e7f",
    "lo": "\u0e80-\u0eff",
    "km": "\u1780-\u17ff\u19e0-\u19ff",
    "my": "\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f",
}
_DICTIONARY_RUN = re.compile("[" + "".join(_DICTIONARY_SCRIPTS.values()) + "]{2,}")
_SCRIPT_OF = [(re.compile(f"[{r}]"), loc) for loc, r in _DICTIONARY_SCRIPTS.items()]

# Japanese letters a phrase keeps together: kana, the prolonged sound mark, kanji and iteration marks.
_JA_LETTER = "\u3005\u3006\u303b\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_JA_PAIR = re.compile(f"(?<=[{_JA_LETTER}])(?=[{_JA_LETTER}])")
LONG_PHRASE = 12  # letters: a longer BudouX phrase (a long official name) may break between its kanji
_HANGUL_PAIR = re.compile("(?<=[\uac00-\ud7a3])(?=[\uac00-\ud7a3])")

_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)([^>]*?)(/?)\s*>")
_LANG_ATTR = re.compile(r"""\slang\s*=\s*["']?([A-Za-z-]+)""")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_RAW = {"script", "style"}


@lru_cache(maxsize=None)
def keep_together(locales: Path = LOCALES) -> tuple[str, ...]:
    """Every language's names to keep on one line (locales/*/keep-together.txt), longest first."""
    words: set[str] = set()
    for path in sorted(locales.glob(f"*/{KEEP_FILE}")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                words.add(line)
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _budoux():
    import budoux

    return budoux.load_default_japanese_parser()


def _icu_locale(run: str) -> str:
    for pattern, loc in _SCRIPT_OF:
        if pattern.match(run):
            return loc
    return "und"


def _icu_breaks(run: str) -> str:
    from icu4py.breakers import LineBreaker

    return ZWSP.join(LineBreaker(run, _icu_locale(run)))


def _kind(ch: str) -> str:
    if "\u3041" <= ch <= "\u309f":
        return "hiragana"
    if "\u30a0" <= ch <= "\u30ff" or "\u31f0" <= ch <= "\u31ff" or "\uff66" <= ch <= "\uff9f":
        return "katakana"
    return "kanji" if re.match(f"[{_JA_LETTER}]", ch) else "other"


def _japanese_phrase(phrase: str) -> str:
    if len(phrase) <= LONG_PHRASE:
        return _JA_PAIR.sub(WJ, phrase)
    # Too long for a narrow cell (a long official name): it may break where the kind of letter changes
    # (外国人在留総合|インフォメーションセンター), never before hiragana (endings stay with their word).
    out = [phrase[0]]
    for before, ch in zip(phrase, phrase[1:]):
        kinds = _kind(before), _kind(ch)
        if "other" not in kinds and (kinds[0] == kinds[1] or kinds[1] == "hiragana"):
            out.append(WJ)
        out.append(ch)
    return "".join(out)


def _japanese(text: str) -> str:
    if not re.search(f"[{_JA_LETTER}]", text):
        return text
    return "".join(_japanese_phrase(phrase) for phrase in _budoux().parse(text))


def break_text(text: str, lang: str) -> str:
    """Plain text with the break opportunities of ``lang`` (the language of its element) put in."""
    if lang.split("-")[0] == "ja":
        text = _japanese(text)
    elif lang.split("-")[0] == "ko":
        text = _HANGUL_PAIR.sub(WJ, text)
    return _DICTIONARY_RUN.sub(lambda m: _icu_breaks(m.group(0)), text)


@lru_cache(maxsize=65536)  # the same texts recur in every edition (the front, the panel, national lines)
def _escape_free(text: str, lang: str, keep: tuple[str, ...]) -> str:
    """break_text on the text between entities (``&amp;`` …), with the names to keep wrapped in a span."""
    out = []
    for piece in re.split(r"(&[#a-zA-Z0-9]+;)", text):
        if not piece or piece.startswith("&"):
            out.append(piece)
            continue
        names = [k for k in keep if k in piece]
        if not names:
            out.append(break_text(piece, lang))
            continue
        split = re.split("(" + "|".join(re.escape(k) for k in names) + ")", piece)
        for i, part in enumerate(split):
            out.append(f'<span class="nobr">{part}</span>' if i % 2 else break_text(part, lang))
    return "".join(out)


def insert_breaks(html: str, default_lang: str, locales: Path = LOCALES) -> str:
    """The leaflet's HTML with break opportunities in the text of its body (see the module's doc)."""
    head, sep, body = html.partition("<body")
    if not sep:
        return html
    keep = keep_together(locales)
    stack: list[tuple[str, str]] = []
    raw = 0
    out: list[str] = []
    for piece in _TAG_OR_TEXT.split(sep + body):
        if not piece:
            continue
        tag = _TAG.match(piece) if piece.startswith("<") else None
        if tag:
            closing, name, attrs, selfclosing = tag.group(1), tag.group(2).lower(), tag.group(3), tag.group(4)
            if closing:
                while stack:
                    if stack.pop()[0] == name:
                        break
                raw -= name in _RAW
            elif name not in _VOID and not selfclosing:
                lang_attr = _LANG_ATTR.search(attrs)
                stack.append((name, lang_attr.group(1) if lang_attr else (stack[-1][1] if stack else default_lang)))
                raw += name in _RAW
            out.append(piece)
        elif piece.startswith("<") or raw:
            out.append(piece)  # a comment, or the text of a script/style
        else:
            out.append(_escape_free(piece, stack[-1][1] if stack else default_lang, keep))
    return head + "".join(out)
