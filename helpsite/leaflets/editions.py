"""Editions: what a printed leaflet said, so a reader can ask years later "is this leaflet still current?".

An edition is one leaflet (language x region x format) with the numbers and hours it printed. Its ID is a
short hash of exactly that content: unchanged data gives the same ID, a changed number or hours a new one.

The build keeps a changelog in the repository, ``data/editions/<lang>/<id>.json`` (one small file per
edition, written once and never changed; see HACKING.md, "Editions"), so every edition ever printed stays
answerable on a clean, shallow clone. The site makes one static page per record (``<lang>/e/<id>/``) that
compares the record with today's data (``status``).
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable

from helpsite.leaflets.errors import LeafletError
from helpsite.paths import DATA

EDITIONS = DATA / "editions"
ID_LENGTH = 8
# Base32 without 0/o, 1/l/i: an ID typed from a photo of a wall cannot be misread.
_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
PAGE_FOLDER = "e"  # the edition page: <site>/<lang>/e/<id>/


@dataclass(frozen=True)
class PrintedContact:
    id: str
    numbers: tuple[str, ...]
    hours: str = ""


@dataclass(frozen=True)
class Record:
    """One edition as printed."""

    id: str
    lang: str
    edition: str     # 'national', a region id, or 'card'
    format: str
    printed: str     # YYYY-MM-DD: the date on the leaflet when the edition was first made
    contacts: tuple[PrintedContact, ...] = field(default_factory=tuple)

    def to_json(self) -> str:
        data = asdict(self)
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str, where: str = "edition record") -> "Record":
        try:
            data = json.loads(text)
            contacts = tuple(
                PrintedContact(str(c["id"]), tuple(str(n) for n in c["numbers"]), str(c.get("hours") or ""))
                for c in data["contacts"]
            )
            return cls(str(data["id"]), str(data["lang"]), str(data["edition"]), str(data["format"]),
                       str(data["printed"]), contacts)
        except (ValueError, KeyError, TypeError) as exc:
            raise LeafletError(f"{where}: not a valid edition record ({exc}). Fix: restore it from Git "
                               "(git checkout -- data/editions/); records are never edited by hand.") from None


def printed_contacts(views: Iterable[Any]) -> tuple[PrintedContact, ...]:
    """The numbers and hours of the contact views a leaflet prints (helpsite.leaflets.content), in order."""
    out: dict[str, PrintedContact] = {}
    for v in views:
        if v is not None and v.id not in out:
            out[v.id] = PrintedContact(v.id, tuple(p.number for p in v.phones), v.hours or "")
    return tuple(out.values())


def edition_id(lang: str, edition: str, fmt: str, contacts: tuple[PrintedContact, ...]) -> str:
    """Short hash of what matters on the paper: language, region, format and every printed number and hours."""
    payload = json.dumps([lang, edition, fmt, [asdict(c) for c in contacts]], ensure_ascii=False, sort_keys=True)
    n = int.from_bytes(hashlib.sha256(payload.encode("utf-8")).digest()[:8], "big")
    chars = []
    for _ in range(ID_LENGTH):
        n, r = divmod(n, len(_ALPHABET))
        chars.append(_ALPHABET[r])
    return "".join(chars)


def make_record(lang: str, edition: str | None, fmt: str, views: Iterable[Any], printed: str) -> Record:
    contacts = printed_contacts(views)
    name = edition or fmt
    return Record(edition_id(lang, name, fmt, contacts), lang, name, fmt, printed, contacts)


def page_path(record_or_lang: Record | str, edition_id_: str | None = None) -> str:
    """The edition page's path under the site root, e.g. 'th/e/7q3fk2m9/'."""
    if isinstance(record_or_lang, Record):
        return f"{record_or_lang.lang}/{PAGE_FOLDER}/{record_or_lang.id}/"
    return f"{record_or_lang}/{PAGE_FOLDER}/{edition_id_}/"


def editions_dir() -> Path:
    """The changelog folder; tests point HELPSITE_EDITIONS_DIR at a copy."""
    return Path(os.environ.get("HELPSITE_EDITIONS_DIR") or EDITIONS)


def record_path(folder: Path, record: Record) -> Path:
    return folder / record.lang / f"{record.id}.json"


def remember(records: Iterable[Record], folder: Path) -> list[Path]:
    """Write the records not yet in the changelog; never rewrite one (its first print date stays).

    With CI set, a new record is an error: it must be committed, or the edition page would vanish
    from the next build made from a clean clone."""
    new = [(record_path(folder, r), r) for r in records if not record_path(folder, r).exists()]
    new = list(dict((str(p), (p, r)) for p, r in new).values())
    if new and os.environ.get("CI"):
        listed = ", ".join(str(p.relative_to(folder.parent.parent)) if p.is_relative_to(folder.parent.parent) else str(p)
                           for p, _r in new[:5])
        raise LeafletError(
            f"{len(new)} leaflet edition(s) are not in the changelog ({listed}{' …' if len(new) > 5 else ''}). "
            "Fix: run `make site` and commit data/editions/.")
    for path, record in new:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(record.to_json(), encoding="utf-8")
        os.replace(tmp, path)
    return [p for p, _r in new]


def load_all(folder: Path | None = None) -> list[Record]:
    """Every recorded edition, by language then ID."""
    folder = folder or editions_dir()
    records = []
    for path in sorted(folder.glob("*/*.json")):
        record = Record.from_json(path.read_text(encoding="utf-8"), str(path))
        if path.stem != record.id or path.parent.name != record.lang:
            raise LeafletError(f"{path}: the file name does not match its id '{record.id}' and language "
                               f"'{record.lang}'. Fix: restore it from Git (git checkout -- data/editions/).")
        records.append(record)
    return records


def retired_numbers(records: Iterable[Record]) -> set[str]:
    """Every number some edition printed: an edition page may show them as 'was' (struck out)."""
    return {n for r in records for c in r.contacts for n in c.numbers}


# ----------------------------------------------------------------------------- today vs. the paper

@dataclass(frozen=True)
class Change:
    contact_id: str
    name: str                         # today's name in the reader's language (or the id, if the line is gone)
    old_numbers: tuple[str, ...]
    new_phones: tuple[Any, ...]       # today's PhoneViews (number, tel); () when the line is no longer printed
    old_hours: str = ""
    new_hours: str = ""
    gone: bool = False                # no longer on the current leaflet
    added: bool = False               # on the current leaflet, not on the printed one

    @property
    def new_numbers(self) -> tuple[str, ...]:
        return tuple(p.number for p in self.new_phones)

    @property
    def numbers_changed(self) -> bool:
        return self.old_numbers != self.new_numbers

    @property
    def hours_changed(self) -> bool:
        return self.old_hours != self.new_hours


@dataclass(frozen=True)
class Status:
    record: Record
    current_id: str | None            # today's edition of the same leaflet (None: the region is gone)
    changes: tuple[Change, ...]

    @property
    def current(self) -> bool:
        return self.current_id == self.record.id or (self.current_id is not None and not self.changes)


def current_views(directory: Any, lang: str, edition: str, fmt: str) -> list[Any] | None:
    """The contact views today's leaflet of this kind prints (the same code as the leaflet: render.printed_views)."""
    from helpsite.leaflets import render
    from helpsite.leaflets.model import EDITION_NATIONAL, EDITIONED, Job

    if fmt in EDITIONED:
        from helpsite.leaflets.content import edition_ids

        if edition not in edition_ids(directory):
            return None
    # the cards (single, sheet, fold-over) are the same everywhere in Japan: no edition
    job = Job(lang, fmt, (edition or EDITION_NATIONAL) if fmt in EDITIONED else None)
    render.environment(lang)  # registers the language's gettext for the contact views
    return render.printed_views(job, directory)


def status(record: Record, directory: Any) -> Status:
    """What changed since ``record`` was printed: per printed contact, its numbers and hours then and now."""
    from helpsite.leaflets import content, render

    render.environment(record.lang)
    today = current_views(directory, record.lang, record.edition, record.format)
    now_by_id: dict[str, Any] = {}
    current_id = None
    if today is not None:
        now_by_id = {v.id: v for v in today if v is not None}
        current_id = make_record(record.lang, record.edition, record.format, today, record.printed).id
    changes: list[Change] = []
    printed_ids = {c.id for c in record.contacts}
    for old in record.contacts:
        v = now_by_id.get(old.id)
        if v is None:
            # Not on today's leaflet: say what the data says of it now (maybe a changed region), or that it is gone.
            try:
                v = content.view(directory.get(old.id), record.lang)
            except KeyError:
                v = None
            if v is None or today is not None:
                changes.append(Change(old.id, v.name if v else old.id, old.numbers,
                                      tuple(v.phones) if v else (), old.hours,
                                      (v.hours or "") if v else "", gone=True))
                continue
        new_numbers = tuple(p.number for p in v.phones)
        if new_numbers != old.numbers or (v.hours or "") != old.hours:
            changes.append(Change(old.id, v.name, old.numbers, tuple(v.phones), old.hours, v.hours or ""))
    for v in today or []:
        if v is not None and v.id not in printed_ids:
            changes.append(Change(v.id, v.name, (), tuple(v.phones), "", v.hours or "", added=True))
    return Status(record, current_id, tuple(changes))


def printed_on(record: Record) -> str:
    """The print date as the leaflet printed it, in the edition's language."""
    import datetime as dt

    from helpsite import languages
    from helpsite.leaflets.content import format_checked

    return format_checked(dt.date.fromisoformat(record.printed), record.lang, languages.get(record.lang).babel_locale)
