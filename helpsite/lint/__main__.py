"""python -m helpsite.lint [--github] [--fix-invisible] [PATH ...]   (default: all of docs/)

Exit status 0: no findings; 1: findings (each printed as file:line: rule: what Fix: how).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpsite.lint import catalogs, chars, easy_japanese, readability, zawgyi
from helpsite.lint import files as files_check
from helpsite.lint.core import Linter


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpsite.lint", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="Markdown files or folders (default: docs/)")
    parser.add_argument("--root", type=Path, default=None, help="project folder (default: this project)")
    parser.add_argument("--github", action="store_true", help="also print GitHub Actions annotations")
    parser.add_argument(
        "--fix-invisible", action="store_true", help="delete invisible and bidirectional control characters"
    )
    args = parser.parse_args(argv)
    linter = Linter(args.root)
    files = linter.files(args.paths)
    if args.paths and not files and not any(str(p).endswith(".po") for p in args.paths):
        print(f"no Markdown files in: {' '.join(args.paths)}", file=sys.stderr)
    if args.fix_invisible:
        for path in files:
            text = path.read_text(encoding="utf-8")
            cleaned = chars.remove(text)
            if cleaned != text:
                path.write_text(cleaned, encoding="utf-8")
                print(f"{path}: removed {len(text) - len(cleaned)} invisible character(s)")
    findings = []
    for path in files:
        findings.extend(linter.lint_file(path))
    findings.extend(readability.check(linter, files))  # plain English: helpsite/lint/readability.py
    # Catalogs: all of locales/ by default, or the .po files named.
    po_files = [Path(p) for p in args.paths if str(p).endswith(".po")] if args.paths else catalogs.catalog_files(linter.root)
    for path in po_files:
        findings.extend(catalogs.lint_catalog(path, linter.root))
    # Easy Japanese guidelines (sentence length, double negatives): helpsite/lint/easy_japanese.py
    findings.extend(easy_japanese.check(linter, [*files, *po_files]))
    # Data, catalogs and pages: no symlinks, no oversized files, no YAML anchors (the build refuses them too).
    if not args.paths:
        findings.extend(files_check.findings(linter.root))
    # Burmese in Unicode only (docs/my/, locales/my/, data/): helpsite/lint/zawgyi.py
    findings.extend(zawgyi.findings(linter.root, None if not args.paths else [Path(p) for p in files + po_files]))
    for finding in findings:
        print(finding)
        if args.github:
            print(finding.github())
    if findings:
        print(f"\n{len(findings)} problem(s) in {len({f.path for f in findings})} file(s). "
              "CONTRIBUTING.md explains each rule.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
