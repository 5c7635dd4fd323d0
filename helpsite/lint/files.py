"""What the build reads must be plain files of a sane size inside the project.

A symbolic link committed under docs/ would publish whatever it points to (.git/config holds the CI
checkout token); a huge file or a YAML alias bomb would stall the build. The lint reports these, and
the build refuses to start on them (helpsite.build).
"""
from __future__ import annotations

import re
from pathlib import Path

from helpsite.lint.findings import Finding
from helpsite.lint.yamlcheck import first_anchor

CHECKED_FOLDERS = ("docs", "data", "locales", "overrides", "leaflets")
KB = 1024
# Far above today's largest files (contacts.yaml ~80 KB, a catalog ~20 KB, a page ~15 KB).
LIMITS = {".md": 256 * KB, ".yaml": 1024 * KB, ".yml": 1024 * KB, ".po": 1024 * KB, ".pot": 1024 * KB}
OTHER_LIMIT = 2048 * KB
# An id that becomes part of a path or URL: region, edition, language, prefecture slug.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def findings(root: Path) -> list[Finding]:
    out: list[Finding] = []
    for folder in CHECKED_FOLDERS:
        base = root / folder
        if base.is_symlink():
            out.append(Finding(folder, 1, "symlink", f"{folder}/ is a symbolic link.", "Make it a real folder."))
            continue
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            rel = _rel(path, root)
            if path.is_symlink():
                out.append(Finding(rel, 1, "symlink", f"a symbolic link (to {path.readlink()}); the build would "
                                   "publish or read what it points to.", "Replace it with a real file, or remove it."))
                continue
            if not path.is_file():
                continue
            size = path.stat().st_size
            limit = LIMITS.get(path.suffix, OTHER_LIMIT)
            if size > limit:
                out.append(Finding(rel, 1, "file-size", f"the file is {size // KB} KB; the limit for {path.suffix or 'this'} "
                                   f"files is {limit // KB} KB.", "Split it, or shrink the image."))
                continue
            if folder in ("data", "locales") and path.suffix in (".yaml", ".yml"):
                text = path.read_text(encoding="utf-8", errors="replace")
                try:
                    line = first_anchor(text)
                except Exception:  # noqa: BLE001 - a syntax error: the loader reports it with its line
                    line = None
                if line is not None:
                    out.append(Finding(rel, line + 1, "yaml-alias", "YAML anchors and aliases (& and *) are not "
                                       "allowed: a few of them can expand into gigabytes.", "Write each value out in full."))
    return out


def check_slug(value: str, what: str) -> str:
    """Return ``value`` if it is a safe path part; else raise ValueError naming the rule."""
    if not SLUG.match(value or ""):
        raise ValueError(f"{what} {value!r} must be lower-case letters, digits and dashes (it becomes part of a "
                         "file name). Fix: e.g. 'kinki'")
    return value


def inside(path: Path, folder: Path) -> Path:
    """``path`` resolved; raise ValueError if it is not inside ``folder``."""
    resolved = path.resolve()
    if not resolved.is_relative_to(folder.resolve()):
        raise ValueError(f"{path} would be written outside {folder}")
    return resolved
