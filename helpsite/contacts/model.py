"""The contacts data model (pydantic 2). Loading and line numbers live in loader.py.

Conventions (also written at the top of data/contacts.yaml):
- ``checked`` is when someone last compared the entry with its sources. The research was read in
  November 2026 without a day, so most entries say ``2026-11`` (month precision). A month counts from
  its first day when deciding whether an entry is stale, so it is re-checked early rather than late.
- ``source_date`` is the date the source itself shows (year, month or day), when it shows one.
- ``confidence`` is high (official page), medium (secondary page) or low (old, truncated, unclear).
  Where the research gives a mixed level ("low-medium", "medium-high") the LOWER one is used.
- A phone without its own ``confidence`` inherits the contact's (filled in when loading).
- ``free`` means the call itself costs nothing (a 0120 free dial or 110); many services are free of
  charge but the caller pays for the call, and those say ``free: false``.
"""
from __future__ import annotations

import re
from datetime import date, time
from functools import lru_cache, total_ordering
from typing import Annotated, Any, Literal

import phonenumbers
from babel import Locale, UnknownLocaleError
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationInfo, field_validator, model_validator

from helpsite import languages
from helpsite.contacts import hours as _hours
from helpsite.contacts import vocabulary
from helpsite.contacts.dial import tel_href

Confidence = Literal["high", "medium", "low"]
CONFIDENCE_LEVELS = ("high", "medium", "low")

KINDS = (
    "emergency",            # 110
    "reporting",            # Anonymous Reporting Line
    "police-consultation",  # #9110
    "police",               # a prefectural police HQ or one of its lines
    "immigration-info",     # ISA information centre
    "immigration-bureau",   # one of the 8 Regional Immigration Services Bureaus
    "immigration-office",   # district office (支局) or branch office (出張所)
    "foreign-residents",    # FRESC and the prefectural one-stop consultation centres
    "legal",                # Houterasu
    "human-rights",         # MOJ human-rights line
    "dv",                   # DV lines
    "sexual-violence",      # #8891 one-stop centres
    "women-support",        # women's consultation and support centres
    "victim-support",       # crime victim support centres
    "labour",               # MHLW lines
    "intern",               # technical intern lines (OTIT, JITCO)
    "iom",                  # International Organization for Migration
    "ngo",                  # NGOs and shelters
    "helpline",             # general helplines (Yorisoi)
    "embassy",              # an embassy or consulate in Japan: the reader's choice, never pushed
)
Kind = Literal[KINDS]  # type: ignore[valid-type]

# What a call costs the caller. free: no charge for the call (110, 0120 free dial); caller-pays: the caller
# pays the call (0570 Navi Dial, ordinary numbers, #9110); unknown: no source says (pages say "not known").
Cost = Literal["free", "caller-pays", "unknown"]
COSTS = ("free", "caller-pays", "unknown")
NotFrom = Literal[tuple(vocabulary.NOT_FROM)]  # type: ignore[valid-type]
AfterKey = Literal[tuple(vocabulary.AFTER_CONTACT)]  # type: ignore[valid-type]
ChannelKind = Literal[tuple(vocabulary.CHANNEL_KINDS)]  # type: ignore[valid-type]

# Short numbers that phonenumbers cannot validate as JP numbers. Only these are accepted.
SHORT_CODES = frozenset({"110", "119", "#9110", "#8008", "#8891"})

_URL = re.compile(r"^https?://[^\s/]+\.[^\s]*$")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_PHONE_TEXT = re.compile(r"^[0-9()\- ]+$")


# --------------------------------------------------------------------------- dates
@total_ordering
class PartialDate:
    """A date known to the year, the month or the day: '2026', '2026-11', '2026-11-28'."""

    __slots__ = ("year", "month", "day")

    def __init__(self, year: int, month: int | None = None, day: int | None = None):
        self.year, self.month, self.day = year, month, day

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        text = str(value).strip()
        m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
        if not m:
            raise ValueError(
                f"date '{text}' does not parse. Fix: write YYYY-MM-DD, or YYYY-MM when the day is not known"
            )
        year, month, day = (int(g) if g else None for g in m.groups())
        try:
            date(year, month or 1, day or 1)
        except ValueError:
            raise ValueError(f"date '{text}' does not exist. Fix: write a real date as YYYY-MM-DD or YYYY-MM") from None
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def earliest(self) -> date:
        """The first day this date could mean (used for 'in the future' and 'stale')."""
        return date(self.year, self.month or 1, self.day or 1)

    def isoformat(self) -> str:
        return str(self)

    def format(self, lang: str) -> str:
        """'November 2026' / '2026年11月' / '28 Nov 2026' in the reader's language (CLDR skeletons)."""
        from babel.dates import format_skeleton

        locale = _hours._locale(lang)
        skeleton = {"day": "yMMMd", "month": "yMMMM", "year": "y"}[self.precision]
        return format_skeleton(skeleton, self.earliest(), locale=locale)

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PartialDate) and self._key() == other._key()

    def __lt__(self, other: PartialDate) -> bool:
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    __repr__ = __str__


def _check_date(value: Any) -> PartialDate:
    d = PartialDate.parse(value)
    if d.month is None:
        raise ValueError(f"check date '{d}' gives only a year. Fix: write at least the month you checked, as YYYY-MM")
    return d


CheckDate = Annotated[PartialDate, BeforeValidator(_check_date)]
SourceDate = Annotated[PartialDate, BeforeValidator(PartialDate.parse)]


def _today(info: ValidationInfo) -> date:
    ctx = info.context or {}
    return ctx.get("today") or date.today()


# --------------------------------------------------------------------------- small checks
@lru_cache(maxsize=512)
def _cldr_knows(code: str) -> bool:
    """Cached: Babel's Locale.parse is slow and the data names the same few languages a thousand times."""
    try:
        Locale.parse(code)
        return bool(Locale("en").languages.get(code))
    except (UnknownLocaleError, ValueError):
        return False


def check_language(code: Any) -> str:
    """An ISO 639-1 code that CLDR knows (e.g. 'en', 'th', 'tl' for Filipino/Tagalog, 'my' for Burmese)."""
    if not isinstance(code, str) or not re.fullmatch(r"[a-z]{2}", code):
        raise ValueError(
            f"language code {code!r} is not a two-letter ISO 639-1 code. Fix: use a code such as en, ja, th, vi, "
            "id, tl, zh, ko, es, pt, ne, my, km"
        )
    if not _cldr_knows(code):
        raise ValueError(
            f"unknown language code '{code}' (not in CLDR). Fix: use the ISO 639-1 code, e.g. tl for Filipino, "
            "my for Burmese, km for Khmer, ne for Nepali"
        )
    return code


def check_url(value: Any) -> str:
    if not isinstance(value, str) or not _URL.match(value.strip()):
        raise ValueError(f"{value!r} is not a web address. Fix: copy the full http:// or https:// address of the page")
    return value.strip()


def check_reader_language(code: Any) -> str:
    """A site language (a folder in mkdocs.yml, e.g. ja-easy) or an ISO 639-1 code: whom an entry is shown to."""
    from helpsite import languages

    if isinstance(code, str) and (code in languages.codes() or re.fullmatch(r"[a-z]{2}-[a-z]{4,8}", code)):
        check_language(code[:2])  # a variety of a language CLDR knows (ja-easy), in this build or not
        return code
    return check_language(code)


Language = Annotated[str, BeforeValidator(check_language)]
ReaderLanguage = Annotated[str, BeforeValidator(check_reader_language)]
Url = Annotated[str, BeforeValidator(check_url)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)


# --------------------------------------------------------------------------- hours
class HoursRule(_Model):
    """One line of a time table: some weekdays (or unspecified days) and one or more time ranges."""

    days: str | list[str] | None = None
    times: list[str] = Field(min_length=1)

    @field_validator("days")
    @classmethod
    def _days(cls, value: Any) -> Any:
        _hours.parse_days(value)
        return value

    @field_validator("times")
    @classmethod
    def _times(cls, value: list[str]) -> list[str]:
        for item in value:
            _hours.parse_time_range(item)
        return value

    @property
    def weekdays(self) -> tuple[int, ...] | None:
        """0 = Monday … 6 = Sunday; None when the source gives no days."""
        return _hours.parse_days(self.days)

    @property
    def time_ranges(self) -> list[tuple[time, time]]:
        return [_hours.parse_time_range(t) for t in self.times]


def _format_hours(rules: list[HoursRule], lang: str) -> str | None:
    return _hours.format_rules([(r.weekdays, r.time_ranges) for r in rules], lang)


class ClosedPeriod(_Model):
    """A yearly closure, e.g. the New Year holidays: from '12-29' to '01-03'."""

    start: str = Field(alias="from")
    end: str = Field(alias="to")

    @field_validator("start", "end")
    @classmethod
    def _month_day(cls, value: str) -> str:
        _hours.parse_month_day(value)
        return value

    def text(self, lang: str) -> str:
        return _hours.format_closure(_hours.parse_month_day(self.start), _hours.parse_month_day(self.end), lang)


# --------------------------------------------------------------------------- phones
def check_number(value: Any) -> str:
    """A Japanese number as written in the data (or an allowed short code); raises ValueError with the fix."""
    text = str(value).strip()
    if text.startswith("#") or len(re.sub(r"\D", "", text)) <= 4:
        if text in SHORT_CODES:
            return text
        raise ValueError(
            f"phone '{text}' is not an allowed short code. Fix: use one of {', '.join(sorted(SHORT_CODES))}, "
            "or add a new short code to SHORT_CODES in helpsite/contacts/model.py with its source"
        )
    if not _PHONE_TEXT.match(text):
        raise ValueError(
            f"phone '{text}' has characters other than digits, dashes, brackets and spaces. "
            "Fix: write the number only, and put any note in 'label'"
        )
    try:
        parsed = phonenumbers.parse(text, "JP")
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed) or parsed.country_code != 81:
        raise ValueError(
            f"phone '{text}' is not a valid Japanese number (phonenumbers). "
            "Fix: copy the number exactly from the source, with its area code"
        )
    return text


def check_label(value: Any) -> Any:
    if value is None:
        return value
    text = str(value).strip()
    if text not in vocabulary.PHONE_LABELS:
        raise ValueError(
            f"label '{text}' is not one of the known labels, so it could not be translated. Fix: use a label "
            "listed in helpsite/contacts/vocabulary.py (PHONE_LABELS), or add this one there and run make catalogs. "
            "Quote a label that contains ' #', or YAML cuts it off as a comment"
        )
    return text


Label = Annotated[str, BeforeValidator(check_label)]


def numbering_plan_cost(number: str) -> str | None:
    """What Japan's numbering plan makes a call cost, when it decides: 0120/0800 free dial is free for the
    caller; 0570 Navi Dial and ordinary area-code, mobile and 050 numbers are paid by the caller. None for
    short codes (110, #9110), which the data must source."""
    text = re.sub(r"\D", "", number)
    if number.startswith("#") or len(text) <= 4:
        return None
    if text.startswith(("0120", "0800")):
        return "free"
    return "caller-pays"


class Fact(_Model):
    """One sourced yes/no fact about a phone or channel (anonymity, name, interpreter, immigration)."""

    value: bool
    source: Url
    confidence: Confidence
    note: str | None = None


class AfterContact(_Model):
    """What happens after contact, in one of the fixed sentences of vocabulary.AFTER_CONTACT."""

    what: AfterKey  # type: ignore[valid-type]
    source: Url
    confidence: Confidence

    @property
    def text(self) -> str:
        return vocabulary.AFTER_CONTACT[self.what]


class LanguageTimes(_Model):
    """Languages that a line answers in only at some times or in some prefectures ("English weekdays")."""

    languages: list[Language] = Field(min_length=1)
    hours: list[HoursRule] = []
    always_open: bool = False
    prefectures: list[str] = []    # where this applies; empty = everywhere the line is
    interpreter: bool = False      # through an interpreter joining the call
    source: Url
    confidence: Confidence
    _places: list[Any] = PrivateAttr(default_factory=list)  # Prefecture objects, set by the Directory

    def hours_text(self, lang: str) -> str | None:
        return _format_hours(self.hours, lang)

    def place_names(self, lang: str) -> list[str]:
        return [p.name(lang) for p in self._places]


class _CallerFacts(_Model):
    """Facts a caller needs, each with its own source; None = no source says (pages say 'not known')."""

    anonymous: Fact | None = None          # may the caller stay anonymous?
    name_required: Fact | None = None      # must the caller give a name? (data for a later issue)
    interpreter: Fact | None = None        # is an interpreter offered? (data for a later issue)
    immigration_told: Fact | None = None   # is immigration told? (data for a later issue)
    after_contact: list[AfterContact] = []


class Phone(_CallerFacts):
    number: str
    label: Label | None = None          # one of vocabulary.PHONE_LABELS, e.g. 'from IP phones, PHS or abroad'
    role: Literal["line", "section"] = "line"  # section: a department's number, listed but never a call button
    confidence: Confidence | None = None  # None in the file = the contact's; filled in when loading
    languages: list[Language] | Literal["unknown"] | None = None  # None in the file = the contact's
    language_times: list[LanguageTimes] = []  # languages only at some hours or in some prefectures
    hours: list[HoursRule] = []         # when this number keeps its own hours
    cost: Cost | None = None            # None in the file = the contact's; required after that
    not_from: list[NotFrom] = []        # phones that cannot reach this number  # type: ignore[valid-type]
    source: Url | None = None           # when this number comes from a page other than the contact's sources
    _sources: list[str] = PrivateAttr(default_factory=list)
    _languages_own: bool = PrivateAttr(default=False)

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, value: Any) -> str:
        return check_number(value)

    @property
    def is_short_code(self) -> bool:
        return self.number in SHORT_CODES

    @property
    def tel(self) -> str | None:
        """The target of this number's tel: link (helpsite.contacts.dial.tel_href), None for # codes."""
        return tel_href(self.number)

    @property
    def callable(self) -> bool:
        """Shown as a call button: a line (not a section's number) that dials (not a # code)."""
        return self.role == "line"

    @property
    def spoken(self) -> list[str]:
        """The languages it answers in; [] when not known."""
        return self.languages if isinstance(self.languages, list) else []

    @property
    def per_language(self) -> bool:
        """A number for some languages only (its own list in the data, e.g. the labour hotline's English line)."""
        return self._languages_own and bool(self.spoken)

    def answers_in(self, lang: str) -> bool:
        return lang in self.spoken or any(lang in t.languages for t in self.language_times)

    @property
    def free(self) -> bool:
        return self.cost == "free"

    @property
    def sources(self) -> list[str]:
        """Where this number comes from: its own source, else its contact's sources."""
        return [self.source] if self.source else list(self._sources)

    def not_from_texts(self) -> list[str]:
        return [vocabulary.NOT_FROM[k] for k in self.not_from]

    @property
    def check_first(self) -> bool:
        """Low confidence: pages say 'please check before relying on it'; leaflets leave it out."""
        return self.confidence == "low"

    def hours_text(self, lang: str) -> str | None:
        return _format_hours(self.hours, lang)


class Channel(_CallerFacts):
    """A silent way in: a web form, an app, FAX, e-mail, chat or social media (first-class, with a source)."""

    kind: ChannelKind  # type: ignore[valid-type]
    url: Url | None = None
    number: str | None = None           # FAX number
    label: Label | None = None
    languages: list[Language] | Literal["unknown", "any"] = "unknown"
    hours: list[HoursRule] = []
    always_open: bool = False
    registration: bool | None = None    # prior registration needed (the 110 app)
    for_deaf: bool = False              # meant for deaf or speech-impaired people
    prefectures: list[str] = []         # where it applies (FAX 110 of one prefecture); empty = the contact's area
    source: Url
    confidence: Confidence
    checked: CheckDate | None = None

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, arbitrary_types_allowed=True)

    @field_validator("number", mode="before")
    @classmethod
    def _fax(cls, value: Any) -> Any:
        return None if value is None else check_number(value)

    @model_validator(mode="after")
    def _way_in(self) -> Channel:
        if not (self.url or self.number):
            raise ValueError("channel has neither 'url' nor 'number'. Fix: add the web address or the FAX number")
        return self

    @property
    def name(self) -> str:
        return vocabulary.CHANNEL_KINDS[self.kind]

    @property
    def spoken(self) -> list[str]:
        return self.languages if isinstance(self.languages, list) else []

    def hours_text(self, lang: str) -> str | None:
        return _format_hours(self.hours, lang)


# --------------------------------------------------------------------------- contacts
class Contact(_Model):
    id: str
    kind: Kind  # type: ignore[valid-type]
    name_ja: str | None = None
    name_en: str
    names: dict[Language, str] = {}      # names in other languages, when a source gives them
    phones: list[Phone] = []
    address_ja: str | None = None
    address_en: str | None = None
    address_confidence: Confidence | None = None  # when lower than the contact's
    url: Url | None = None
    web_form_url: Url | None = None
    languages: list[Language] | Literal["unknown"] = []  # 'unknown': no source says (pages say "not known")
    reader_languages: list[ReaderLanguage] = []   # embassies: shown to readers of these site languages only
    channels: list[Channel] = []
    national: bool = False
    region_id: str | None = None
    prefectures: list[str] = []
    hours: list[HoursRule] = []
    hours_confidence: Confidence | None = None    # when lower than the contact's (e.g. sources disagree)
    hours_vary_by_prefecture: bool = False        # #9110: the usual hours; each prefecture sets its own
    always_open: bool = False
    public_holidays: Literal["open", "closed"] | None = None
    closed_periods: list[ClosedPeriod] = []
    cost: Cost | None = None   # for all its phones unless a phone says otherwise
    sources: list[Url] = Field(min_length=1)
    checked: CheckDate
    source_date: SourceDate | None = None
    confidence: Confidence
    notes: str | None = None

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, arbitrary_types_allowed=True)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"id '{value}' must be lower-case words joined by dashes. Fix: e.g. 'bureau-tokyo'")
        return value

    @field_validator("prefectures", mode="before")
    @classmethod
    def _prefectures(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [f"{v:02d}" if isinstance(v, int) else str(v) for v in value]
        return value

    @field_validator("checked")
    @classmethod
    def _not_future(cls, value: PartialDate, info: ValidationInfo) -> PartialDate:
        today = _today(info)
        if value.earliest() > today:
            raise ValueError(
                f"check date {value} is in the future (today is {today.isoformat()}). "
                "Fix: write the date you actually compared the entry with its source"
            )
        return value

    @model_validator(mode="after")
    def _coherent(self) -> Contact:
        if not (self.national or self.region_id or self.prefectures or self.reader_languages):
            raise ValueError(
                "it covers no area. Fix: set 'national: true', a 'region_id', a list of 'prefectures' codes, "
                "or (embassies) 'reader_languages'"
            )
        if self.always_open and self.hours:
            raise ValueError("it has both 'always_open: true' and 'hours'. Fix: keep only one of them")
        if self.address_confidence and not (self.address_ja or self.address_en):
            raise ValueError("it has 'address_confidence' but no address. Fix: remove address_confidence")
        if self.hours_confidence and not (self.hours or any(p.hours for p in self.phones)):
            raise ValueError("it has 'hours_confidence' but no hours. Fix: remove hours_confidence")
        for phone in self.phones:
            if phone.confidence is None:
                phone.confidence = self.confidence
            phone._languages_own = phone.languages is not None
            if phone.languages is None and self.languages:
                phone.languages = self.languages if isinstance(self.languages, str) else list(self.languages)
            if phone.cost is None and self.cost is not None:
                phone.cost = self.cost
            phone._sources = list(self.sources)
        return self

    @property
    def spoken(self) -> list[str]:
        """The languages it answers in (any channel); [] when not known."""
        return self.languages if isinstance(self.languages, list) else []

    @property
    def free(self) -> bool:
        """Every phone of it is a free call."""
        return bool(self.phones) and all(p.cost == "free" for p in self.phones)

    @property
    def call_phones(self) -> list[Phone]:
        """Numbers offered as call buttons (sections' numbers are listed, not offered)."""
        return [p for p in self.phones if p.callable]

    @property
    def lower_hours_confidence(self) -> bool:
        return _lower(self.hours_confidence, self.confidence)

    @property
    def lower_address_confidence(self) -> bool:
        return _lower(self.address_confidence, self.confidence)

    # ---- API used by pages and leaflets
    def display_name(self, lang: str) -> str:
        if lang in self.names:
            return self.names[lang]
        if languages.data_language(lang) == "ja" and self.name_ja:
            return self.name_ja
        return self.name_en

    def hours_text(self, lang: str) -> str | None:
        """Opening hours in the reader's language, or None (not known, or see ``always_open``)."""
        return _format_hours(self.hours, lang)

    def hours_lines(self, lang: str) -> list[str]:
        """The same, one text per rule (e.g. weekdays / weekends on separate lines)."""
        return _hours.format_lines([(r.weekdays, r.time_ranges) for r in self.hours], lang)

    def closed_text(self, lang: str) -> list[str]:
        return [p.text(lang) for p in self.closed_periods]

    @property
    def check_first(self) -> bool:
        return self.confidence == "low"

    @property
    def printable_phones(self) -> list[Phone]:
        """Phones fit for print: callable lines, not low confidence."""
        return [p for p in self.phones if not p.check_first and p.callable]

    def covers(self, code: str, region_id: str | None = None) -> bool:
        return self.national or code in self.prefectures or (region_id is not None and self.region_id == region_id)


def _lower(level: str | None, than: str) -> bool:
    order = {"high": 2, "medium": 1, "low": 0}
    return level is not None and order[level] < order[than]


class ClosedContact(_Model):
    """A service that has closed: kept out of the contacts, with the reason."""

    id: str
    name_en: str
    name_ja: str | None = None
    reason: str
    sources: list[Url] = Field(min_length=1)
    checked: CheckDate
    confidence: Confidence

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)


class RejectedNumber(_Model):
    """A number the research says must not be used (for one contact, or anywhere)."""

    number: str
    contact_id: str | None = None
    reason: str
    sources: list[Url] = []


class NotFound(_Model):
    """A contact the research looked for and did not find (embassies): kept with the reason."""

    what: str
    reader_languages: list[ReaderLanguage] = []
    reason: str
    searched: str | None = None
    checked: CheckDate

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)


class ContactsFile(_Model):
    contacts: list[Contact]
    closed: list[ClosedContact] = []
    rejected: list[RejectedNumber] = []
    not_found: list[NotFound] = []


# --------------------------------------------------------------------------- places
class Region(_Model):
    """One Regional Immigration Services Bureau area; also one leaflet edition."""

    id: str
    bureau_id: str
    names: dict[Language, str]
    sources: list[Url] = Field(min_length=1)      # for which prefectures belong to this bureau
    confidence: Confidence                         # of that mapping
    checked: CheckDate
    notes: str | None = None
    prefecture_codes: list[str] = Field(default=[], exclude=True)  # filled in by the loader

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names.get(languages.data_language(lang)) or self.names["en"]


class Prefecture(_Model):
    code: str
    slug: str
    region_id: str
    names: dict[Language, str]
    region_confidence: Confidence | None = None   # None in the file = the region's; filled in when loading
    region_sources: list[Url] = []                # extra sources for this prefecture's bureau
    region_note: str | None = None

    @field_validator("code", mode="before")
    @classmethod
    def _code(cls, value: Any) -> str:
        text = f"{value:02d}" if isinstance(value, int) else str(value)
        if not re.fullmatch(r"\d{2}", text) or not 1 <= int(text) <= 47:
            raise ValueError(f"prefecture code '{text}' is not a JIS code. Fix: use two digits from \"01\" to \"47\", quoted")
        return text

    @field_validator("slug")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"slug '{value}' must be lower-case ASCII words joined by dashes. Fix: e.g. 'tokyo'")
        return value

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names.get(languages.data_language(lang)) or self.names["en"]


class PrefecturesFile(_Model):
    names_reviewed: bool
    prefectures: list[Prefecture]


class RegionsFile(_Model):
    names_reviewed: bool = False
    regions: list[Region]
