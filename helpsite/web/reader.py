"""Contacts arranged for the person reading: lines that speak the page's language first, then help
that is not the police, then the police and immigration. Everything here is read from the contacts
data (each contact's kind and languages, each phone's languages, cost and hours); no template keeps a
list of contacts of its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from helpsite import languages
from helpsite.contacts import Contact, Phone, PrefectureHelp

# Kinds that are the police or immigration. Some readers fear both; they come after the other help.
AUTHORITY_KINDS = frozenset(
    {
        "emergency",
        "reporting",
        "police-consultation",
        "police",
        "immigration-info",
        "immigration-bureau",
        "immigration-office",
    }
)


def is_authority(contact: Contact) -> bool:
    return contact.kind in AUTHORITY_KINDS


def phone_speaks(phone: Phone, contact: Contact, lang: str) -> bool:
    """A phone's own languages when the data gives them, otherwise its contact's."""
    return languages.data_language(lang) in (phone.languages or contact.languages)


def speaks(contact: Contact, lang: str) -> bool:
    """The line answers in `lang` by some channel (a phone, or the contact's languages, e.g. chat)."""
    lang = languages.data_language(lang)
    return lang in contact.languages or any(lang in p.languages for p in contact.phones)


def reader_order(contacts: Iterable[Contact], lang: str) -> list[Contact]:
    """In-language lines first, then other help, then police and immigration; the data's order within."""
    items = list(contacts)
    return sorted(items, key=lambda c: (not speaks(c, lang), is_authority(c), items.index(c)))


@dataclass(frozen=True)
class PrefectureArrangement:
    """The contacts of one prefecture page, in the sections they are shown in, each contact once."""

    in_language: list[Contact]
    other_help: list[Contact]
    police: list[Contact]
    immigration: list[Contact]


def arrange_prefecture(help: PrefectureHelp, lang: str, emergency_id: str) -> PrefectureArrangement:
    # The HQ only where it has a number to call (Aomori's is a section's number), and this prefecture's
    # own consultation line in place of the national one (Aichi, Akita, Chiba).
    police = [c for c in (help.police if help.police_has_phone else None, help.police_consultation) if c is not None]
    immigration = [help.bureau]
    if not help.bureau_has_phone:
        immigration.append(help.immigration_fallback)
    immigration += help.immigration_offices
    replaced = {c.id for c in help.national if c.kind == "police-consultation"} - {help.police_consultation.id}
    everything: list[Contact] = []
    for c in [*police, *immigration, *help.local, *help.national]:
        if c.id != emergency_id and c.id not in replaced and c not in everything:
            everything.append(c)
    in_language = [c for c in reader_order(everything, lang) if speaks(c, lang)]
    rest = [c for c in everything if c not in in_language]
    return PrefectureArrangement(
        in_language=in_language,
        other_help=[c for c in rest if not is_authority(c)],
        police=[c for c in rest if c.kind not in {"immigration-info", "immigration-bureau", "immigration-office"} and is_authority(c)],
        immigration=[c for c in rest if c.kind in {"immigration-info", "immigration-bureau", "immigration-office"}],
    )


@dataclass(frozen=True)
class LineChoice:
    """The one line the help bar offers in the reader's language."""

    contact: Contact
    phone: Phone

    @property
    def free(self) -> bool | None:
        return self.phone.free if self.phone.free is not None else self.contact.free


def help_line(national: Iterable[Contact], lang: str) -> LineChoice | None:
    """The national line, not police or immigration, whose phone answers in `lang`: open around the
    clock first, then in the order of the data (the order a victim should try them); an information line
    (INFORMATION_KINDS) only when there is no such line. Phones the data marks as low confidence are
    never offered here."""
    lines = help_lines(national, lang)
    return lines[0] if lines else None


# Information lines of an authority (no enforcement): offered only where no other line speaks the language,
# so that a reader of Urdu, French or Sinhala still gets one line in her language (the ISA's centre answers
# in 17). Its name on the bar says whose line it is.
INFORMATION_KINDS = frozenset({"immigration-info"})


def help_lines(national: Iterable[Contact], lang: str) -> list[LineChoice]:
    """All such lines, best first (see help_line). With JavaScript the help bar may show a later one
    when it is open now and the first is not."""
    national = list(national)
    return _lines(national, lang, lambda c: not is_authority(c)) or _lines(
        national, lang, lambda c: c.kind in INFORMATION_KINDS
    )


def _lines(national: list[Contact], lang: str, allowed: Callable[[Contact], bool]) -> list[LineChoice]:
    candidates: list[tuple[tuple[bool, int], LineChoice]] = []
    for index, contact in enumerate(national):
        if not allowed(contact):
            continue
        for phone in contact.phones:
            if phone.check_first or not phone_speaks(phone, contact, lang):
                continue
            always = contact.always_open and not phone.hours
            candidates.append(((not always, index), LineChoice(contact, phone)))
            break
    return [choice for _, choice in sorted(candidates, key=lambda item: item[0])]


def opening_hours(choice: LineChoice) -> dict | None:
    """When the line answers, for the script that prefers an open line: {"always": true}, or
    {"rules": [[weekdays 0=Mon..6 or null, [["09:30", "18:15"], ...]], ...]}, or None when not known."""
    if choice.contact.always_open and not choice.phone.hours:
        return {"always": True}
    rules = choice.phone.hours or choice.contact.hours
    if not rules:
        return None
    return {
        "rules": [
            [list(r.weekdays) if r.weekdays is not None else None,
             [[start.strftime("%H:%M"), end.strftime("%H:%M")] for start, end in r.time_ranges]]
            for r in rules
        ]
    }


@dataclass(frozen=True)
class HelpBar:
    """What the help bar under the header holds, in one language."""

    emergency: Contact
    line: LineChoice | None
    silent: Contact | None   # a line the reader can reach in writing
    silent_url: str | None = None  # its web form (a "web-form" channel in the data)
    alternatives: tuple[LineChoice, ...] = ()  # later lines, in case the first is closed now


def silent_form(national: Iterable[Contact]) -> tuple[Contact | None, str | None]:
    """The first national line that takes a written report on a web form (a "web-form" channel in the
    data), and that form's address: the silent way in, on the help bar and on the posters."""
    for contact in national:
        for ch in getattr(contact, "channels", None) or []:  # the leaflet tests' stand-in contacts have none
            if ch.kind == "web-form" and ch.url:
                return contact, str(ch.url)
    return None, None


def help_bar(directory, lang: str) -> HelpBar:
    national = directory.national()
    silent, silent_url = silent_form(national)
    lines = help_lines(national, lang)
    return HelpBar(
        emergency=directory.emergency,
        line=lines[0] if lines else None,
        silent=silent,
        silent_url=str(silent_url) if silent_url else None,
        alternatives=tuple(lines[1:4]),
    )
