"""Phone numbers as people dial them: the ONE place that turns a number into a ``tel:`` link target.

Everything that writes a ``tel:`` link (pages, leaflets, /contacts.json) calls :func:`tel_href`, and a
checker that wants to know which ``tel:`` links are legitimate can call it too: a link is legitimate when
its target equals ``tel_href(number)`` for a number in data/contacts.yaml.

Rules (issue 10):
- ``#`` short codes (#9110, #8008, #8891) get NO link: iOS refuses ``#`` in ``tel:`` links, so pages show
  the code as text to dial, with the prefecture's own direct number beside it where one is sourced;
- free-dial (0120, 0800) and Navi Dial (0570) numbers, and any number phonenumbers says cannot be dialled
  from abroad, keep the national form (``tel:0120924839``): in +81 form they often do not connect;
- 3-digit emergency numbers stay as they are (``tel:110``);
- every other number gets the international E.164 form (``tel:+81352967112``), which also works from a
  foreign SIM card.
"""
from __future__ import annotations

import re
import unicodedata

import phonenumbers
from phonenumbers import PhoneNumberType

# Number types that only work inside Japan, whatever phonenumbers' metadata says about dialling them from
# abroad (the research: "0570 ... from IP phones, PHS or overseas: 03-..."; 0120 free dial is domestic).
_DOMESTIC_ONLY_TYPES = frozenset({PhoneNumberType.TOLL_FREE, PhoneNumberType.SHARED_COST, PhoneNumberType.UAN})
_DOMESTIC_ONLY_PREFIXES = ("0120", "0800", "0570")


def digits(text: str) -> str:
    """The digits of a number as a reader might type it: full-width digits, spaces, dashes, brackets, +81.

    '＋８１ ３-５７９６-７１１２' -> '0357967112'; '#9110' -> '#9110'; '+81 (0)3 ...' -> '03...'.
    The same rule is written in overrides/assets/check-number.js (the browser cannot call Python).
    """
    text = unicodedata.normalize("NFKC", text or "").strip()
    text = text.replace("(0)", "")
    hash_ = "#" if text.startswith("#") else ""
    plus = text.startswith("+")
    only = re.sub(r"\D", "", text)
    if plus and only.startswith("81"):
        only = "0" + only[2:]
    elif not hash_ and only.startswith("81") and len(only) >= 11:
        only = "0" + only[2:]
    return hash_ + only


def is_short_code(number: str) -> bool:
    return number.startswith("#") or len(re.sub(r"\D", "", number)) <= 4


def tel_href(number: str) -> str | None:
    """The target of a ``tel:`` link for a number as written in data/contacts.yaml, or None (no link).

    '110' -> '110'; '#9110' -> None; '0120-924-839' -> '0120924839'; '0570-013904' -> '0570013904';
    '03-5796-7112' -> '+81357967112'.
    """
    text = number.strip()
    if text.startswith("#"):
        return None
    if is_short_code(text):
        return re.sub(r"\D", "", text)
    parsed = phonenumbers.parse(text, "JP")
    national = re.sub(r"\D", "", text)
    domestic = (
        national.startswith(_DOMESTIC_ONLY_PREFIXES)
        or phonenumbers.number_type(parsed) in _DOMESTIC_ONLY_TYPES
        or not phonenumbers.can_be_internationally_dialled(parsed)
    )
    if domestic:
        return national
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
