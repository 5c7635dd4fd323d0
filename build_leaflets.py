#!/usr/bin/env python3
"""Build the printable leaflets and wallet cards into site/leaflets/<lang>/ (see helpsite/leaflets/).

    python build_leaflets.py                         # the whole set (all languages, editions, formats)
    python build_leaflets.py --lang th --lang vi     # some languages
    python build_leaflets.py --edition kinki --format a4 --jobs 2
    python build_leaflets.py --force                 # rebuild even what has not changed

Unchanged files are skipped (content hash). Bad input stops the file concerned, names what to fix,
leaves the leaflets already built in place, and makes the command exit with status 1.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from helpsite.paths import SITE


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out += [x.strip() for x in v.split(",") if x.strip()]
    return out


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Build the printable help leaflets (A4) and wallet cards (PDF).")
    p.add_argument("--lang", action="append", metavar="CODE", help="language code (repeat or comma-separate; default: all)")
    p.add_argument("--edition", action="append", metavar="ID",
                   help="edition: 'national' or a region id such as kinki (repeat or comma-separate; default: all)")
    p.add_argument("--format", action="append", metavar="FORMAT",
                   help="a4, card, sheet (A4 of cards), fold (A4 of fold-over cards) or poster (A3) (default: all)")
    p.add_argument("--jobs", "-j", type=int, default=0, help="parallel workers (default: number of CPUs)")
    p.add_argument("--out", type=Path, default=SITE / "leaflets", help="output folder (default: site/leaflets)")
    p.add_argument("--force", action="store_true", help="rebuild every file, even when its inputs did not change")
    p.add_argument("--quiet", "-q", action="store_true", help="print only errors and the summary")
    p.add_argument("--editions", type=Path, default=None,
                   help="the edition changelog to add this build's editions to (default: data/editions; "
                        "'-' records nothing)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from helpsite import languages
    from helpsite.leaflets import FORMATS, LeafletError, plan
    from helpsite.leaflets.model import EDITIONED
    from helpsite.leaflets.build import build, print_progress
    from helpsite.leaflets.content import edition_ids

    def fail(message: str) -> int:
        print(f"build_leaflets.py: error: {message}", file=sys.stderr)
        return 2

    known = languages.codes()
    langs = _split(args.lang) or known
    bad = [c for c in langs if c not in known]
    if bad:
        return fail(f"unknown language {', '.join(map(repr, bad))}; the languages are {', '.join(known)} (mkdocs.yml)")
    formats = _split(args.format) or list(FORMATS)
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        return fail(f"unknown format {', '.join(map(repr, bad))}; use {', '.join(FORMATS)}")
    if args.jobs < 0:
        return fail("--jobs must be 0 (one per CPU) or more")

    if os.environ.get("LEAFLETS_FAKE_DATA") == "1":  # tests only: placeholder numbers
        from helpsite.leaflets.fake import load_directory
    else:
        try:
            from helpsite.contacts import load_directory
        except ImportError as exc:
            return fail(f"the contacts package is missing ({exc}); it lives in helpsite/contacts/")
    try:
        directory = load_directory()
    except Exception as exc:  # DataError and friends: already name the file and line
        return fail(f"contacts data: {exc}")

    editions_all = edition_ids(directory)
    editions = _split(args.edition) or editions_all
    bad = [e for e in editions if e not in editions_all]
    if bad:
        return fail(f"unknown edition {', '.join(map(repr, bad))}; the editions are {', '.join(editions_all)}")
    if args.edition and not args.format:
        formats = list(EDITIONED)  # an edition was asked for: cards have none

    try:
        jobs = plan(langs, editions, formats)
    except ValueError as exc:
        return fail(str(exc))
    progress = None
    if not args.quiet:
        progress = print_progress
    from helpsite.leaflets import editions as edition_log

    record_to = None if str(args.editions) == "-" or os.environ.get("LEAFLETS_FAKE_DATA") == "1" \
        else (args.editions or edition_log.editions_dir())
    try:
        report = build(jobs, directory, args.out, workers=args.jobs, force=args.force, progress=progress,
                       editions=record_to)
        if not report.failed:  # the print pack holds complete sets only
            from helpsite.leaflets.pack import write_packs

            write_packs(args.out)
    except LeafletError as exc:
        return fail(str(exc))
    for o in report.failed if args.quiet else []:
        print(f"error: {o.job.relpath}: {o.message}", file=sys.stderr)
    print(
        f"leaflets: {report.count('built')} built, {report.count('skipped')} unchanged, "
        f"{report.count('failed')} failed, in {report.seconds:.1f}s -> {args.out}",
        file=sys.stderr,
    )
    if report.failed:
        print(f"build_leaflets.py: {len(report.failed)} file(s) not built; the previous versions were left in place.",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
