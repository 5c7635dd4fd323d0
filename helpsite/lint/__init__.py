"""Content lint for the Markdown pages: `python -m helpsite.lint [paths]` (default: all of docs/).

Each finding reads `docs/th/report.md:12: <rule>: <what> Fix: <how>`. Rules: script, iframe,
event-handler, javascript-link, external-embed, unsafe-html, invisible-character, phone-number,
broken-link, broken-anchor, front-matter, translation-block, encoding.
"""
from helpsite.lint.core import ALLOWED_KEYS, Linter, lint_paths
from helpsite.lint.findings import Finding

__all__ = ["ALLOWED_KEYS", "Finding", "Linter", "lint_paths"]
