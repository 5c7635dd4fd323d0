"""`python -m helpsite.i18n_compile [--update]`: merge locales/messages.pot into every language's
catalog (with --update) and compile them all to .mo. The languages come from mkdocs.yml."""
from __future__ import annotations

import argparse
import subprocess
import sys

from helpsite import languages
from helpsite.i18n import compile_catalogs, po_path
from helpsite.paths import LOCALES, ROOT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--update", action="store_true", help="merge messages.pot into each .po first")
    args = parser.parse_args(argv)
    codes = languages.codes()
    pybabel = [sys.executable, "-m", "babel.messages.frontend"]
    for code in codes:
        command = "update" if po_path(code).exists() else "init"
        if args.update or command == "init":
            # the file by its folder, the locale by CLDR's name: pybabel cannot parse a folder such as ja-easy
            subprocess.run(
                [*pybabel, command, "-i", str(LOCALES / "messages.pot"), "-o", str(po_path(code)),
                 "-l", languages.get(code).babel_locale]
                + (["--ignore-obsolete", "--no-fuzzy-matching", "--ignore-pot-creation-date"] if command == "update" else []),
                check=True,
                cwd=ROOT,
            )
    compile_catalogs(codes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
