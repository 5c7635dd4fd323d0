"""Phone-like sequences in text, whatever script the digits are written in.

The text is normalized before searching: NFKC (full-width and circled digits), every Unicode decimal
digit (Thai, Devanagari, …) to ASCII, kanji numerals to digits, every dash to '-'. Numbers are then
found by libphonenumber's matcher (Japan as the default region) and compared in E.164 form.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

_KANJI = str.maketrans("〇零一壱二弐三参四五六七八九", "00112233456789")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\u30fc\uff0d\ufe58\ufe63]")
# '#' plus three or four digits: a Japanese short code such as #9110.
_SHORT_CODE = re.compile(r"#\s*\d{3,4}(?!\d)")


def normalize(text: str, kanji: bool = True) -> str:
    """Digits in any script as ASCII digits (kanji numerals too unless ``kanji`` is False), dashes as '-'.
    Other characters stay as they are."""
    text = unicodedata.normalize("NFKC", text)
    out = []
    for ch in text:
        if ch.isdigit() and not ("0" <= ch <= "9"):
            value = unicodedata.digit(ch, None)
            out.append(str(value) if value is not None else ch)
        else:
            out.append(ch)
    text = "".join(out)
    return _DASHES.sub("-", text.translate(_KANJI) if kanji else text)


@dataclass(frozen=True)
class Found:
    text: str      # as written (normalized)
    e164: str      # '+81312345678', or the short code ('#9110')


# Opening hours ('09:00', '9.30') and ISO dates are not numbers anyone calls.
_TIME = re.compile(r"(?<!\d)\d{1,2}[:.]\d{2}(?![\d.:])|(?<!\d)\d{4}-\d{2}(?:-\d{2})?(?!\d)")
# A stretch that could hold a phone number: at least six digits with only separators between them.
_CANDIDATE = re.compile(r"\+?\d(?:[\s\-.()/]*\d){5,}")


def find(text: str) -> Iterator[Found]:
    """Every phone-like sequence in ``text`` (normalized first)."""
    norm = _TIME.sub(" ", normalize(text))
    for candidate in _CANDIDATE.finditer(norm):
        yield from _match(candidate.group(0))
    for match in _SHORT_CODE.finditer(norm):
        yield Found(match.group(0), "#" + re.sub(r"\D", "", match.group(0)))


@lru_cache(maxsize=65536)
def _match(candidate: str) -> tuple[Found, ...]:
    """libphonenumber decides what is a number; only candidate stretches go through it, each once."""
    return tuple(
        Found(m.raw_string, phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164))
        for m in phonenumbers.PhoneNumberMatcher(candidate, "JP", leniency=phonenumbers.Leniency.POSSIBLE)
    )


def e164(number: str) -> str:
    """A data number ('03-1234-5678', '#9110', '110') in the form find() reports."""
    text = normalize(number).strip()
    if text.startswith("#"):
        return "#" + re.sub(r"\D", "", text)
    digits = re.sub(r"\D", "", text)
    if len(digits) <= 4:
        return digits
    return phonenumbers.format_number(phonenumbers.parse(text, "JP"), phonenumbers.PhoneNumberFormat.E164)


def unknown(text: str, allowed: Iterable[str]) -> list[Found]:
    allowed = set(allowed)
    return [f for f in find(text) if f.e164 not in allowed]
