"""A small stand-in for ``helpsite.contacts.load_directory()``, with the same shape, for tests.

Its numbers are placeholders (000-…), not real contacts, except the emergency 110 that the shared
msgid "In danger now? Call 110." names. Never use this for a real build.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from helpsite import languages


@dataclass(frozen=True)
class Phone:
    number: str
    tel: str
    confidence: str = "high"
    languages: tuple[str, ...] = ()


@dataclass
class Contact:
    id: str
    names: dict[str, str]
    phones: list[Phone]
    confidence: str = "high"
    checked: dt.date = dt.date(2026, 11, 20)
    hours: dict[str, str] = field(default_factory=dict)
    sources: tuple[str, ...] = ("https://example.org/source",)
    source_file: str = "data/fake.yml"
    # every language: the fake lines answer all readers, so no fake leaflet is cut to "few lines"
    languages: list[str] = field(default_factory=languages.codes)
    kind: str = "helpline"

    def display_name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["en"]

    def hours_text(self, lang: str) -> str:
        return self.hours.get(lang) or self.hours.get("en", "")


@dataclass
class Region:
    id: str
    bureau_id: str | None
    prefecture_codes: tuple[str, ...]
    names: dict[str, str]

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["en"]


@dataclass
class Local:
    bureau: Contact | None
    police: Contact | None
    police_consultation: Contact
    immigration_fallback: Contact


def _c(id, en, number, ja=None, confidence="high", hours=""):
    names = {"en": en}
    if ja:
        names["ja"] = ja
    phones = [Phone(number, number.replace("-", ""), confidence)] if number else []
    return Contact(id, names, phones, confidence, hours={"en": hours} if hours else {})


class FakeDirectory:
    def __init__(self) -> None:
        self.emergency = _c("police-110", "Police (emergency)", "110", "警察（緊急）", hours="24 hours")
        self.consult = _c("police-9110", "Police consultation", "#9110", "警察相談", hours="Weekdays")
        self.anon = _c("anonymous-line", "Anonymous Reporting Line", "0000-000-001", "匿名通報ダイヤル", hours="Weekdays")
        self.info = _c("isa-info", "Immigration information centre", "0000-000-002", "外国人在留総合インフォメーションセンター",
                       hours="Weekdays")
        self.legal = _c("legal", "Legal help line", "0000-000-003", confidence="medium")
        self.old = _c("old-line", "Old line", "0000-000-004", confidence="low")
        self.contacts = {c.id: c for c in [self.emergency, self.consult, self.anon, self.info, self.legal, self.old]}
        regions = [
            ("hokkaido", "Hokkaido", ("01",)),
            ("tohoku", "Tohoku", ("02", "03", "04", "05", "06", "07")),
            ("kanto-koshinetsu", "Kanto and Koshinetsu", ("08", "09", "10", "11", "12", "13", "14", "15", "19", "20")),
            ("chubu", "Chubu", ("16", "17", "18", "21", "22", "23", "24")),
            ("kinki", "Kinki", ("25", "26", "27", "28", "29", "30")),
            ("chugoku", "Chugoku", ("31", "32", "33", "34", "35")),
            ("shikoku", "Shikoku", ("36", "37", "38", "39")),
            ("kyushu-okinawa", "Kyushu and Okinawa", ("40", "41", "42", "43", "44", "45", "46", "47")),
        ]
        self.regions = []
        self.police = {}
        for i, (rid, en, prefs) in enumerate(regions):
            bureau = _c(f"bureau-{rid}", f"{en} immigration bureau", "" if rid == "shikoku" else f"0000-100-{i:03d}",
                        confidence="medium")
            self.contacts[bureau.id] = bureau
            self.regions.append(Region(rid, bureau.id, prefs, {"en": en}))
            pol = _c(f"police-{prefs[0]}", f"{en} prefectural police", f"0000-200-{i:03d}")
            self.contacts[pol.id] = pol
            self.police[prefs[0]] = pol

    def national(self):
        return [self.emergency, self.consult, self.anon, self.info, self.legal, self.old]

    def region(self, id):
        return next(r for r in self.regions if r.id == id)

    def get(self, id):
        return self.contacts[id]

    def for_prefecture(self, code):
        region = next(r for r in self.regions if code in r.prefecture_codes)
        return Local(self.contacts[region.bureau_id], self.police.get(code), self.consult, self.info)


def load_directory() -> FakeDirectory:
    return FakeDirectory()
