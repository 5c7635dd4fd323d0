"""Translation tracking: which translated pages are up to date, outdated, missing or not reviewed, and
which gettext messages are untranslated.

- `python -m helpsite.translations [--check] [--root DIR]` (what `make translations` runs)
- `report_markdown()`: the English "Translation status" page the site publishes
- `build_problems()`: (errors, warnings) for the site build
- `content_hash(path)`: the hash a translation records as `translation: source_hash:`
"""
from __future__ import annotations

from pathlib import Path

from helpsite.pages import content_hash as _content_hash
from helpsite.translations.report import build_problems, has_errors, report_markdown, report_text
from helpsite.translations.status import (
    INVALID,
    MISSING,
    NOT_REVIEWED,
    OUTDATED,
    SOURCE,
    UP_TO_DATE,
    CatalogStatus,
    PageStatus,
    Report,
    build_report,
    validate_translation_block,
)


def content_hash(path: Path | str) -> str:
    """The 12-character hash of an English page, as recorded in `translation: source_hash:`."""
    return _content_hash(Path(path))


__all__ = [
    "INVALID", "MISSING", "NOT_REVIEWED", "OUTDATED", "SOURCE", "UP_TO_DATE",
    "CatalogStatus", "PageStatus", "Report",
    "build_problems", "build_report", "content_hash", "has_errors", "report_markdown", "report_text",
    "validate_translation_block",
]
