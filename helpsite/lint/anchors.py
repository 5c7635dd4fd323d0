"""The ids MkDocs gives headings: render a page with the Markdown extensions of mkdocs.yml (and MkDocs'
own defaults), so anchors are checked with exactly the slug rules the site uses.

With the toc extension's default slugify, a heading in Thai, Japanese, Chinese or Korean gets an id like
`_1`, `_2` (the non-ASCII letters are dropped); an explicit id `## 見出し { #my-id }` is stable.
"""
from __future__ import annotations

import importlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import markdown
import yaml

from helpsite.languages import construct_untagged
from helpsite.pages import split_front_matter

MKDOCS_DEFAULT_EXTENSIONS = ["toc", "tables", "fenced_code"]
_ID = re.compile(r"""\s(?:id|name)\s*=\s*["']([^"']+)["']""")


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml like MkDocs does: !ENV gives the default, !!python/name imports."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if values else None
    return None


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    module, _, attr = suffix.rpartition(".")
    return getattr(importlib.import_module(module), attr)


def _python_apply(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    func = _python_name(loader, suffix, node)
    if isinstance(node, yaml.MappingNode):
        spec = loader.construct_mapping(node, deep=True)
        return func(*spec.get("args", []), **spec.get("kwds", {}))
    return func(*loader.construct_sequence(node, deep=True))


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/object/apply:", _python_apply)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", construct_untagged)
_Loader.add_multi_constructor("!", construct_untagged)


@lru_cache(maxsize=8)
def markdown_settings(mkdocs_yml: Path) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """(extension names, extension configs) as MkDocs would pass them to Python-Markdown."""
    names = list(MKDOCS_DEFAULT_EXTENSIONS)
    configs: dict[str, dict[str, Any]] = {}
    try:
        with mkdocs_yml.open(encoding="utf-8") as fh:
            config = yaml.load(fh, Loader=_Loader) or {}  # noqa: S506 - SafeLoader subclass
    except (OSError, yaml.YAMLError, ImportError, AttributeError):
        config = {}
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, dict):
            for name, options in entry.items():
                if name not in names:
                    names.append(name)
                configs[name] = dict(options or {})
        elif isinstance(entry, str) and entry not in names:
            names.append(entry)
    # Permalink symbols do not change ids; keep the rendering quiet and cheap.
    configs.setdefault("toc", {}).pop("permalink", None)
    return names, configs


def heading_ids_from_text(text: str, mkdocs_yml: Path) -> set[str]:
    names, configs = markdown_settings(mkdocs_yml)
    _meta, body, _line = split_front_matter(text)
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    try:
        rendered = md.convert(body)
    except Exception:  # an extension we cannot load here: fall back to the defaults
        md = markdown.Markdown(extensions=MKDOCS_DEFAULT_EXTENSIONS + ["attr_list", "md_in_html"])
        rendered = md.convert(body)
    return set(_ID.findall(rendered))


@lru_cache(maxsize=512)
def _cached(path: Path, mtime: float, size: int, mkdocs_yml: Path) -> frozenset[str]:
    return frozenset(heading_ids_from_text(path.read_text(encoding="utf-8"), mkdocs_yml))


def heading_ids(path: Path, mkdocs_yml: Path) -> frozenset[str]:
    stat = path.stat()
    return _cached(path, stat.st_mtime, stat.st_size, mkdocs_yml)
