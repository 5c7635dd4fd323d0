"""python -m helpsite.lint.yamlcheck FILE ...: every YAML file parses (mkdocs.yml's !ENV and
!!python/name tags are accepted). Errors name the file, the line and the column."""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from helpsite.languages import PermissiveLoader as _Loader


def first_anchor(text: str) -> int | None:
    """The 0-based line of the first YAML anchor (&x) or alias (*x), or None. Aliases let a few lines
    expand into gigabytes (an "alias bomb"); the project's files never need them. Parsing events does
    not expand anything, so this is fast on any input."""
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return event.start_mark.line
    return None


def check(path: Path) -> str | None:
    try:
        with path.open(encoding="utf-8") as fh:
            list(yaml.load_all(fh, Loader=_Loader))  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        col = f" (column {mark.column + 1})" if mark else ""
        return f"{where}: yaml: {exc.problem or exc.context}{col}. Fix: check the indentation and quoting there."
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return f"{path}:1: yaml: {exc}. Fix: save the file as UTF-8 YAML."
    return None


def main(argv: list[str] | None = None) -> int:
    errors = [e for e in (check(Path(p)) for p in (argv if argv is not None else sys.argv[1:])) if e]
    for error in errors:
        print(error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
