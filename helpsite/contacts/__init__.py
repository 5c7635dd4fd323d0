"""Help contacts: one sourced data set (data/*.yaml), validated, for the pages, leaflets and /contacts.json.

    from helpsite.contacts import load_directory
    d = load_directory()
    d.for_prefecture("tokyo").bureau.phones[0].tel
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from helpsite.contacts.loader import (
    CONSULTATION_ID,
    EMERGENCY_ID,
    IMMIGRATION_FALLBACK_ID,
    DataError,
    load_files,
)
from helpsite.contacts.model import (
    ClosedContact,
    Contact,
    PartialDate,
    Phone,
    Prefecture,
    Region,
)

__all__ = [
    "load_directory", "DataError", "Directory", "Contact", "Phone", "Prefecture", "Region",
    "PrefectureHelp", "PartialDate", "ClosedContact",
]


@dataclass(frozen=True)
class PrefectureHelp:
    """Everything a prefecture page (or a leaflet) shows, in priority order of its parts."""

    prefecture: Prefecture
    region: Region
    bureau: Contact                      # the Regional Immigration Services Bureau
    immigration_offices: list[Contact]   # district/branch offices serving this prefecture (as sourced)
    police: Contact | None               # the prefectural police HQ, when the research found it
    police_consultation: Contact         # #9110: this prefecture's own consultation line where sourced
                                         # (with its direct number), else the national #9110; always there
    immigration_fallback: Contact        # ISA information centre 0570-013904
    national: list[Contact]              # same as Directory.national()
    local: list[Contact]                 # other contacts for this prefecture (police language lines, NGOs, centres)

    @property
    def bureau_confidence(self) -> str:
        """How sure the research is that this prefecture belongs to this bureau."""
        return self.prefecture.region_confidence or self.region.confidence

    @property
    def bureau_has_phone(self) -> bool:
        """False: show immigration_fallback (0570-013904) in the bureau's place."""
        return any(not p.check_first for p in self.bureau.call_phones)

    @property
    def police_has_phone(self) -> bool:
        """The HQ has a number to call (not only a section's number, like Aomori's)."""
        return self.police is not None and bool(self.police.call_phones)


class Directory:
    def __init__(self, loaded: Any, data_dir: Path):
        self.data_dir = data_dir
        self.contacts: list[Contact] = loaded.contacts.contacts
        self.closed: list[ClosedContact] = loaded.contacts.closed
        self.rejected = loaded.contacts.rejected
        self.not_found = loaded.contacts.not_found
        self.regions: list[Region] = loaded.regions
        self.prefectures: list[Prefecture] = sorted(loaded.prefectures, key=lambda p: p.code)
        # True only when every name is reviewed: data/*.yaml's flag and each locales/<lang>/names.yaml's.
        self.names_reviewed_by_lang: dict[str, bool] = getattr(loaded, "names_reviewed_by_lang", {})
        self.names_reviewed: bool = loaded.names_reviewed and all(self.names_reviewed_by_lang.values())
        self.locations: dict[str, tuple[str, int]] = loaded.locations
        self.notices: list[str] = getattr(loaded, "notices", [])  # confidence lowered by contacts.review
        self._by_id = {c.id: c for c in self.contacts}
        self._regions = {r.id: r for r in self.regions}
        self._prefs: dict[str, Prefecture] = {}
        for p in self.prefectures:
            self._prefs[p.code] = p
            self._prefs[p.slug] = p
        for c in self.contacts:  # language times name their prefectures in the reader's language
            for phone in c.phones:
                for t in phone.language_times:
                    t._places = [self._prefs[code] for code in t.prefectures if code in self._prefs]

    # ---- lookups
    def get(self, contact_id: str) -> Contact:
        try:
            return self._by_id[contact_id]
        except KeyError:
            raise KeyError(f"no contact '{contact_id}' in {self.data_dir}/contacts.yaml") from None

    def region(self, region_id: str) -> Region:
        try:
            return self._regions[region_id]
        except KeyError:
            raise KeyError(f"no region '{region_id}'; the regions are {', '.join(self._regions)}") from None

    def prefecture(self, code_or_slug: str | int) -> Prefecture:
        key = f"{code_or_slug:02d}" if isinstance(code_or_slug, int) else str(code_or_slug).strip().lower()
        try:
            return self._prefs[key]
        except KeyError:
            raise KeyError(f"no prefecture '{code_or_slug}' (use a JIS code '01'..'47' or a slug like 'tokyo')") from None

    @property
    def emergency(self) -> Contact:
        return self.get(EMERGENCY_ID)

    def national(self) -> list[Contact]:
        """National lines in the order a victim should try them (the order of data/contacts.yaml)."""
        return [c for c in self.contacts if c.national]

    def by_kind(self, kind: str) -> list[Contact]:
        return [c for c in self.contacts if c.kind == kind]

    def for_prefecture(self, code_or_slug: str | int) -> PrefectureHelp:
        pref = self.prefecture(code_or_slug)
        region = self.region(pref.region_id)
        police_hq = self._by_id.get(f"police-{pref.slug}")
        offices = [c for c in self.contacts if c.kind == "immigration-office" and pref.code in c.prefectures]
        used = {region.bureau_id, *(c.id for c in offices)} | ({police_hq.id} if police_hq else set())
        own_consultation = next(
            (c for c in self.contacts if c.kind == "police-consultation" and not c.national and pref.code in c.prefectures),
            None,
        )
        if own_consultation is not None:
            used.add(own_consultation.id)
        local = [c for c in self.contacts if not c.national and c.id not in used and pref.code in c.prefectures]
        return PrefectureHelp(
            prefecture=pref,
            region=region,
            bureau=self.get(region.bureau_id),
            immigration_offices=offices,
            police=police_hq,
            police_consultation=own_consultation or self.get(CONSULTATION_ID),
            immigration_fallback=self.get(IMMIGRATION_FALLBACK_ID),
            national=self.national(),
            local=local,
        )

    def embassies(self, lang: str) -> list[Contact]:
        """Embassies and consulates for readers of this site language (shown as the reader's choice)."""
        return [c for c in self.contacts if c.kind == "embassy" and lang in c.reader_languages]

    def channels(self, code: str | None = None) -> list[tuple[Contact, Any]]:
        """Silent channels (web form, app, FAX, e-mail, chat): national ones, plus this prefecture's."""
        out = []
        for c in self.contacts:
            for ch in c.channels:
                area = ch.prefectures or (c.prefectures if not c.national else [])
                if not area or (code is not None and code in area):
                    out.append((c, ch))
        return out

    def number_list(self) -> list[dict[str, Any]]:
        """Every number on this site's list, sorted by number: for the "Is this number real?" page.

        Each entry: number, digits (as the page's script compares them), the contact, the phone's label and
        role, and whether it is a FAX number."""
        from helpsite.contacts.dial import digits

        entries = []
        for c in self.contacts:
            for p in c.phones:
                entries.append({"number": p.number, "digits": digits(p.number), "contact": c, "label": p.label,
                                "role": p.role, "fax": False, "confidence": p.confidence})
            for ch in c.channels:
                if ch.number:
                    entries.append({"number": ch.number, "digits": digits(ch.number), "contact": c,
                                    "label": ch.label, "role": "line", "fax": True, "confidence": ch.confidence})
        return sorted(entries, key=lambda e: (e["digits"].lstrip("#"), e["contact"].id))

    @property
    def last_checked(self) -> PartialDate:
        return max(c.checked for c in self.contacts)

    # ---- JSON for /contacts.json
    def to_json(self) -> dict[str, Any]:
        def contact_json(c: Contact) -> dict[str, Any]:
            out = c.model_dump(mode="python", by_alias=True, exclude_none=True)
            out["checked"] = str(c.checked)
            if c.source_date is not None:
                out["source_date"] = str(c.source_date)
            for phone, raw in zip(c.phones, out.get("phones", [])):
                raw["tel"] = phone.tel  # helpsite.contacts.dial.tel_href; null for # codes (no link)
            return _plain(out)

        return {
            "schema_version": 1,
            "last_checked": str(self.last_checked),
            "confidence_levels": {
                "high": "official or government page",
                "medium": "secondary page (NGO, embassy, municipality, law firm, media)",
                "low": "old, truncated or unclear source: check before relying on it",
            },
            "contacts": [contact_json(c) for c in self.contacts],
            "closed": [_plain({**c.model_dump(mode="python"), "checked": str(c.checked)}) for c in self.closed],
            "not_found": [_plain({**n.model_dump(mode="python"), "checked": str(n.checked)}) for n in self.not_found],
            "regions": [
                _plain({**r.model_dump(mode="python"), "checked": str(r.checked), "prefecture_codes": list(r.prefecture_codes)})
                for r in self.regions
            ],
            "prefectures": [_plain(p.model_dump(mode="python", exclude_none=True)) for p in self.prefectures],
            "prefecture_names_reviewed": self.names_reviewed,
            "names_reviewed_by_language": dict(self.names_reviewed_by_lang),
        }


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v not in ([], {})}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, PartialDate):
        return str(value)
    return value


_cache: dict[tuple[Any, ...], Directory] = {}


def load_directory(path: Path | str | None = None, *, today: date | None = None) -> Directory:
    """Load and validate the data directory (default helpsite.paths.DATA). Cached until a file changes.

    Raises DataError with file:line, the entry and the fix.
    """
    from helpsite.paths import DATA

    from helpsite.contacts import names

    data_dir = Path(path) if path is not None else DATA
    stamps = tuple(
        (str(f), f.stat().st_mtime_ns if f.exists() else None)
        for f in (data_dir / "contacts.yaml", data_dir / "regions.yaml", data_dir / "prefectures.yaml",
                  *names.files(names.source_for(data_dir)))
    )
    key = (str(data_dir.resolve()), stamps, today)
    if key not in _cache:
        _cache[key] = Directory(load_files(data_dir, today=today), data_dir)
    return _cache[key]
