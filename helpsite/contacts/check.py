"""Editor report: which contacts to verify next.

    python -m helpsite.contacts.check [--today YYYY-MM-DD] [--data DIR] [--months 12]

Lists every contact whose check date is older than twelve months, and every entry still missing a
phone number, each with file:line. Always exits 0 (it is a to-do list, not a test); bad data still
stops with the loader's DataError message and exit code 1.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from helpsite.contacts import DataError, Directory, load_directory


def months_ago(today: date, months: int) -> date:
    year, month = divmod(today.year * 12 + (today.month - 1) - months, 12)
    day = min(today.day, 28) if month + 1 == 2 else min(today.day, 30 if month + 1 in (4, 6, 9, 11) else 31)
    return date(year, month + 1, day)


def report(directory: Directory, today: date, months: int = 12) -> list[str]:
    cutoff = months_ago(today, months)

    def where(contact_id: str) -> str:
        file, line = directory.locations[contact_id]
        return f"{file}:{line}"

    stale = sorted(
        (c for c in directory.contacts if c.checked.earliest() < cutoff),
        key=lambda c: (c.checked, directory.locations[c.id][1]),
    )
    no_phone = sorted((c for c in directory.contacts if not c.phones), key=lambda c: directory.locations[c.id][1])
    low_only = sorted(
        (c for c in directory.contacts if c.phones and all(p.check_first for p in c.phones)),
        key=lambda c: directory.locations[c.id][1],
    )

    out = [f"Contacts to verify (today {today.isoformat()}; stale = checked before {cutoff.isoformat()})", ""]
    out.append(f"Checked more than {months} months ago ({len(stale)}):")
    out += [f"  {where(c.id)}: {c.id}: checked {c.checked}; compare it with its sources again" for c in stale] or ["  none"]
    out.append("")
    out.append(f"Missing a phone number ({len(no_phone)}):")
    out += [
        f"  {where(c.id)}: {c.id} ({c.kind}): no phone number; find one on an official page and add it with its source"
        for c in no_phone
    ] or ["  none"]
    out.append("")
    out.append(f"Only low-confidence phone numbers, left off the leaflets ({len(low_only)}):")
    out += [
        f"  {where(c.id)}: {c.id}: {', '.join(p.number for p in c.phones)}; confirm on an official page" for c in low_only
    ] or ["  none"]
    out.append("")
    out.append(f"Rated high without an official source, shown as medium ({len(directory.notices)}):")
    out += [f"  {n}" for n in directory.notices] or ["  none"]
    unknown = [(c, p, what) for c in directory.contacts for p in c.phones
               for what, missing in (("cost", p.cost == "unknown"), ("languages", p.languages == "unknown"),
                                     ("anonymity", p.anonymous is None)) if missing and p.callable]
    out.append(f"Facts no source gives yet, shown as 'not known' ({len(unknown)}):")
    out += [f"  {where(c.id)}: {c.id}: {p.number}: {what} not known; find it on an official page and add it "
            "with its source" for c, p, what in unknown if what != "anonymity"] or ["  none"]
    out.append(f"  (and {sum(1 for *_, w in unknown if w == 'anonymity')} numbers whose anonymity no source states)")
    return out


def main(argv: list[str] | None = None, *, today: date | None = None, stream: TextIO | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpsite.contacts.check", description=__doc__.splitlines()[0])
    parser.add_argument("--today", type=date.fromisoformat, help="pretend today is this date (YYYY-MM-DD)")
    parser.add_argument("--data", type=Path, help="data directory (default: data/)")
    parser.add_argument("--months", type=int, default=12, help="how old a check may be (default 12)")
    args = parser.parse_args(argv)
    stream = stream or sys.stdout
    today = args.today or today or date.today()
    try:
        directory = load_directory(args.data, today=today)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    print("\n".join(report(directory, today, args.months)), file=stream)
    return 0


if __name__ == "__main__":
    sys.exit(main())
