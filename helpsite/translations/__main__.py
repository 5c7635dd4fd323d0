"""python -m helpsite.translations [--check] [--all] [--markdown] [--root DIR]

Prints the translation status: pages x languages, then the gettext catalogs. Exit status 0 (it is a
report); with --check, 1 when a page or catalog is missing, invalid or has untranslated messages (CI).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpsite.translations.report import has_errors, report_markdown, report_text
from helpsite.translations.status import build_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpsite.translations", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when something is missing (for CI)")
    parser.add_argument("--markdown", action="store_true", help="print the Markdown page the site publishes")
    parser.add_argument("--all", action="store_true", help="list every untranslated catalog message")
    parser.add_argument("--root", type=Path, default=None, help="project folder (default: this project)")
    args = parser.parse_args(argv)
    if args.markdown:
        sys.stdout.write(report_markdown(args.root))
        return 0
    report = build_report(args.root)
    sys.stdout.write(report_text(report, limit=None if args.all else 10))
    if args.check and has_errors(report):
        print("\n--check: translations are incomplete (see above).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
