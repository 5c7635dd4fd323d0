"""python -m helpsite.lint.yamlcheck FILE ...: every YAML file parses (mkdocs.yml's !ENV and
!!python/name tags are accepted). Errors name the file, the line and the column."""
from __future__ import annotations

import sys
from pathlib import Path

import yaml


class _Loader(yaml.SafeLoader):
    pass


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_Loader.add_multi_constructor("!", _any_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


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
