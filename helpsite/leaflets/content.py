"""What one leaflet or card says: its contacts (from data/, never typed in a template) and its facts.

The words themselves are gettext strings in the templates (leaflets/*.html); this module only picks
the contacts for an edition and turns them into plain values the templates print.

Rules (issue 4):
- national lines first (in the directory's priority order, 110 first), then the region's;
- a low-confidence contact or phone number is never printed; a medium one carries the shared
  "Please check this number before relying on it." note;
- a region without a sourced bureau number, or a prefecture without a sourced police number, gets the
  national fallback (immigration information centre; #9110 / 110) and the leaflet says so;
- a national line without any number stops the build of the file (the data is wrong, not the leaflet).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from helpsite.leaflets.errors import LeafletError
from helpsite.leaflets.model import EDITION_NATIONAL, FORMAT_CARD, Job

CARD_LINES = 3  # the wallet card carries the first three national lines


@dataclass(frozen=True)
class PhoneView:
    number: str
    tel: str | None      # helpsite.contacts.dial.tel_href: None for # codes (printed as text, no link)
    label: str = ""      # the phone's label, already in the reader's language
    mark: bool = False   # this number is from a secondary source: "*" please check
    free: bool = False


@dataclass(frozen=True)
class ContactView:
    id: str
    name: str
    phones: tuple[PhoneView, ...]
    hours: str
    check_note: bool  # some number carries the "*" mark (medium confidence)
    checked: Any = None  # PartialDate or datetime.date: compare, and format with format_checked()
    always_open: bool = False
    source_date: str = ""   # the source's own date in the reader's language ("" when undated)
    channel_note: str = ""  # e.g. chat and e-mail in the reader's language, when the phone is Japanese only
    choice: bool = False    # an embassy: the reader's choice


@dataclass(frozen=True)
class FallbackView:
    """An office with no sourced number: the leaflet names it and prints the national line instead."""

    office: str
    via: ContactView


@dataclass
class EditionView:
    id: str
    name: str
    bureau: ContactView | None = None
    bureau_fallback: FallbackView | None = None
    police: list[ContactView] = field(default_factory=list)
    police_fallback: ContactView | None = None  # #9110 for the prefectures without a sourced number
    police_fallback_count: int = 0
    bureaus: list[ContactView | FallbackView] = field(default_factory=list)  # national edition: all regions


def _cid(contact: Any) -> str:
    return str(getattr(contact, "id", None) or getattr(contact, "key", None) or contact.display_name("en"))


def _where(contact: Any) -> str:
    src = getattr(contact, "source_file", None) or getattr(contact, "file", None)
    return f"{src}" if src else "data/"


def _spoken(phone: Any) -> list[str]:
    languages = getattr(phone, "languages", None)
    return languages if isinstance(languages, list) else []


def _channel_languages(contact: Any) -> set[str]:
    return {code for ch in getattr(contact, "channels", []) or [] for code in (ch.spoken if hasattr(ch, "spoken") else [])}


def printable_phones(contact: Any, lang: str | None = None) -> list[Any]:
    """Numbers fit for print: callable lines (not a section's number), not low confidence, and, for
    per-language numbers, the reader's language, unless the service answers that language in writing
    (DV Soudan Plus: Japanese phone, chat and e-mail in ten languages)."""
    if getattr(contact, "confidence", "low") == "low":
        return []
    phones = [
        p for p in contact.phones
        if (getattr(p, "confidence", None) or contact.confidence) != "low" and getattr(p, "role", "line") == "line"
    ]
    if lang is not None and lang not in _channel_languages(contact) and getattr(contact, "kind", "") != "emergency":
        phones = [p for p in phones if not getattr(p, "per_language", False) or p.answers_in(lang)]
    return phones


def contact_name(contact: Any, lang: str, gettext=None) -> str:
    """The contact's name in ``lang`` from the data; else the catalog's translation of its English name
    (shared msgids such as 'Anonymous Reporting Line'); else the data's fallback name."""
    name = contact.display_name(lang)
    english = getattr(contact, "name_en", None) or contact.display_name("en")
    if gettext is not None and lang not in ("en",) and name == english:
        translated = gettext(english)
        if translated and translated != english:
            return translated
    return name


# gettext per language, registered by render.environment(): translates contact names (shared msgids).
GETTEXT: dict[str, Any] = {}


# (id(contact), lang) -> view: the same contact is on many leaflets; render.render_html clears it per build.
_VIEWS: dict[tuple[int, str], Any] = {}


def view(contact: Any, lang: str, gettext=None) -> ContactView | None:
    """The printable view of a contact, or None when it has no number we may print."""
    key = (id(contact), lang)
    if key not in _VIEWS:
        _VIEWS[key] = (contact, _view(contact, lang, gettext))
    return _VIEWS[key][1]


def _view(contact: Any, lang: str, gettext=None) -> ContactView | None:
    phones = printable_phones(contact, lang)
    if not phones:
        return None
    gettext = gettext or GETTEXT.get(lang) or (lambda text: text)
    marks = [(getattr(p, "confidence", None) or contact.confidence) == "medium" for p in phones]
    checked = getattr(contact, "checked", None)  # a PartialDate (helpsite.contacts) or a date
    source_date = getattr(contact, "source_date", None)
    note = ""
    if lang in _channel_languages(contact) and all(lang not in _spoken(p) for p in phones):
        kinds = [gettext(ch.name) for ch in contact.channels if lang in ch.spoken]
        spoken = ", ".join(dict.fromkeys(code for p in phones for code in _spoken(p)))
        note = gettext("Phone: %(phone_languages)s. In your language: %(channels)s.") % {
            "phone_languages": _language_names(spoken.split(", ") if spoken else [], lang),
            "channels": ", ".join(dict.fromkeys(kinds)),
        }
    labels = [_print_label(gettext(p.label), lang) if getattr(p, "label", None) else "" for p in phones]
    # two numbers with the same label (an embassy's two emergency lines): print it once, after the last
    labels = ["" if i + 1 < len(labels) and labels[i + 1] == label else label for i, label in enumerate(labels)]
    return ContactView(
        id=_cid(contact),
        name=contact_name(contact, lang, gettext),
        phones=tuple(
            PhoneView(p.number, p.tel, label, mark, getattr(p, "cost", None) == "free")
            for p, mark, label in zip(phones, marks, labels)
        ),
        hours=contact.hours_text(lang) or "",
        check_note=any(marks),
        checked=checked,
        always_open=bool(getattr(contact, "always_open", False)),
        source_date=source_date.format(lang) if hasattr(source_date, "format") else "",
        channel_note=note,
        choice=getattr(contact, "kind", "") == "embassy",
    )


_CJK_ASIDE = re.compile(r"\s*[(（][^)）]*[\u3000-\u9fff][^)）]*[)）]")


def _print_label(label: str, lang: str) -> str:
    """Labels keep the Japanese section name in brackets for an officer (審査部門); a leaflet in a language
    whose fonts have no Japanese drops that aside rather than print empty boxes."""
    from helpsite import languages

    return label if languages.data_language(lang) in ("ja", "zh", "ko") else _CJK_ASIDE.sub("", label)


def _language_names(codes: list[str], lang: str) -> str:
    from babel.lists import format_list

    from helpsite import languages

    locale = languages.get(lang).locale
    names = [locale.languages.get(code, code) for code in codes if code]
    return format_list(names, locale=locale) if names else ""


def national_lines(directory: Any, lang: str, job: Job) -> list[ContactView]:
    lines = []
    for contact in directory.national():
        if not list(getattr(contact, "phones", []) or []):
            raise LeafletError(
                f"{job.relpath}: national contact '{_cid(contact)}' ({_where(contact)}) has no phone number. "
                f"Add its number with source, check date and confidence, or take it off the national list."
            )
        v = view(contact, lang)
        if v is not None:
            lines.append(v)
    if not lines:
        raise LeafletError(f"{job.relpath}: the contacts data has no printable national line (all low confidence?)")
    # the embassies of the countries whose people read this language: last, marked as the reader's choice
    for contact in getattr(directory, "embassies", lambda _lang: [])(lang):
        v = view(contact, lang)
        if v is not None:
            lines.append(v)
    return lines


def edition_ids(directory: Any) -> list[str]:
    return [EDITION_NATIONAL] + [r.id for r in directory.regions]


def check_edition(directory: Any, edition: str, job: Job | None = None) -> None:
    ids = edition_ids(directory)
    if edition not in ids:
        raise LeafletError(
            f"{job.relpath if job else 'leaflets'}: unknown edition '{edition}'; the editions are {', '.join(ids)} "
            f"(regions from the contacts data)"
        )


def _fallback_for(directory: Any, region: Any, lang: str, job: Job):
    codes = list(region.prefecture_codes)
    if not codes:
        raise LeafletError(f"{job.relpath}: region '{region.id}' lists no prefectures in the contacts data")
    return directory.for_prefecture(codes[0])


def _need(v: ContactView | None, what: str, job: Job) -> ContactView:
    if v is None:
        raise LeafletError(
            f"{job.relpath}: the national fallback '{what}' has no printable number in the contacts data "
            f"(it must have a high- or medium-confidence phone)"
        )
    return v


def region_view(directory: Any, region: Any, lang: str, job: Job, with_police: bool = True) -> EditionView:
    ev = EditionView(id=region.id, name=region.name(lang))
    local = _fallback_for(directory, region, lang, job)
    bureau = directory.get(region.bureau_id) if region.bureau_id else None
    bv = view(bureau, lang) if bureau is not None else None
    if bv is not None:
        ev.bureau = bv
    else:
        office = bureau.display_name(lang) if bureau is not None else ev.name
        ev.bureau_fallback = FallbackView(office, _need(view(local.immigration_fallback, lang), "immigration_fallback", job))
    if with_police:
        missing = 0
        seen = set()
        for code in region.prefecture_codes:
            p = directory.for_prefecture(code)
            pv = view(p.police, lang) if p.police is not None else None
            if pv is None and not getattr(p.police_consultation, "national", True):
                pv = view(p.police_consultation, lang)  # Aichi, Akita, Chiba: their own consultation line
            if pv is not None:
                if pv.id not in seen:
                    ev.police.append(pv)
                    seen.add(pv.id)
            else:
                missing += 1
        ev.police_fallback_count = missing
        national_9110 = next(
            (c for c in directory.national() if getattr(c, "kind", None) == "police-consultation"), local.police_consultation
        )
        ev.police_fallback = _need(view(national_9110, lang), "police_consultation", job)
    return ev


def edition_view(directory: Any, job: Job, lang: str) -> EditionView | None:
    if job.format == FORMAT_CARD:
        return None
    check_edition(directory, job.edition, job)
    if job.edition == EDITION_NATIONAL:
        ev = EditionView(id=EDITION_NATIONAL, name="")
        for region in directory.regions:
            rv = region_view(directory, region, lang, job, with_police=False)
            ev.bureaus.append(rv.bureau or rv.bureau_fallback)
        return ev
    return region_view(directory, directory.region(job.edition), lang, job)


def emergency_number(directory: Any) -> str:
    phones = list(directory.emergency.phones)
    if not phones:
        raise LeafletError("contacts data: the emergency contact has no number")
    return phones[0].number


def _as_date(value: Any) -> dt.date:
    if hasattr(value, "earliest"):
        return value.earliest()
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def oldest_check(views: list[ContactView]) -> Any:
    """The oldest check date of the printed contacts: the leaflet is only as fresh as its stalest number."""
    dates = [v.checked for v in views if v.checked]
    return min(dates, key=_as_date) if dates else None


def newest_check(values: list[Any]) -> dt.date | None:
    dates = [_as_date(v) for v in values if v]
    return max(dates) if dates else None


def format_checked(value: Any, lang: str, babel_locale: str) -> str:
    if hasattr(value, "format"):
        return value.format(lang)
    from babel.dates import format_date

    return format_date(_as_date(value), "long", locale=babel_locale)
