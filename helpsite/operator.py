"""Who runs the site and where a reader reports a wrong number: `extra.operator` in mkdocs.yml.

    extra:
      operator:
        name: …      # the person or organisation answerable for the site
        report: …    # an e-mail address or an https:// page (an issue form) for "this number is wrong"

The About page, the footer and the A4 leaflets show both. A value that still contains PLACEHOLDER (or
an example.org/example.com address) is not real yet: every build then prints a warning, and a published
build (a SITE_URL other than site_url's default in mkdocs.yml) stops, because a printed leaflet or a
public page must name someone real.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpsite.languages import site_config
from helpsite.paths import MKDOCS_YML

PLACEHOLDER_MARK = "PLACEHOLDER"
_EXAMPLE_HOST = re.compile(r"(^|[@./])example\.(org|com|net)(/|$)", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s/]+@[^@\s/]+\.[^@\s/]+$")


@dataclass(frozen=True)
class Operator:
    name: str
    report: str  # as written in mkdocs.yml: an e-mail address or an https:// address

    @property
    def report_href(self) -> str:
        return f"mailto:{self.report}" if _EMAIL.match(self.report) else self.report

    @property
    def placeholders(self) -> list[str]:
        """The keys that still hold a placeholder."""
        return [key for key, value in (("name", self.name), ("report", self.report)) if is_placeholder(value)]


class OperatorError(ValueError):
    """mkdocs.yml's extra.operator is missing or wrong; the message names the file and the fix."""


def is_placeholder(value: str) -> bool:
    return PLACEHOLDER_MARK.lower() in value.lower() or bool(_EXAMPLE_HOST.search(value))


def load(extra: dict[str, Any] | None = None, path: Path = MKDOCS_YML) -> Operator:
    """extra.operator from mkdocs.yml (or from an already loaded `extra`)."""
    if extra is None:
        extra = site_config(path).get("extra") or {}
    block = extra.get("operator")
    fix = "Fix: add 'operator:' with 'name:' and 'report:' (an e-mail address or an https:// page) under 'extra:'."
    if not isinstance(block, dict):
        raise OperatorError(f"{path}: extra.operator is missing. {fix}")
    name, report = block.get("name"), block.get("report")
    for key, value in (("name", name), ("report", report)):
        if not isinstance(value, str) or not value.strip():
            raise OperatorError(f"{path}: extra.operator.{key} is missing or empty. {fix}")
    report = report.strip()
    if not (_EMAIL.match(report) or report.startswith("https://")):
        raise OperatorError(
            f"{path}: extra.operator.report {report!r} is neither an e-mail address nor an https:// address. {fix}"
        )
    return Operator(name.strip(), report)


def default_site_url(path: Path = MKDOCS_YML) -> str | None:
    """The default of `site_url: !ENV [SITE_URL, "…"]`: the placeholder address used until publishing."""
    value = site_config(path).get("site_url")
    return value[-1] if isinstance(value, list) and value else None


def publishing(site_url: str | None = None, path: Path = MKDOCS_YML) -> bool:
    """A build for the public: its address (SITE_URL) is not the placeholder default of mkdocs.yml."""
    url = site_url if site_url is not None else os.environ.get("SITE_URL", "")
    default = default_site_url(path)
    return bool(url) and url.rstrip("/") != (default or "").rstrip("/")


def check(site_url: str | None = None, extra: dict[str, Any] | None = None, path: Path = MKDOCS_YML) -> list[str]:
    """Warnings while the operator settings hold placeholders; raises OperatorError when publishing."""
    operator = load(extra, path)
    keys = operator.placeholders
    if not keys:
        return []
    settings = ", ".join(f"extra.operator.{k} ({getattr(operator, k)!r})" for k in keys)
    if publishing(site_url, path):
        raise OperatorError(
            f"{path}: publishing to {site_url or os.environ.get('SITE_URL')} with placeholder operator settings: "
            f"{settings}. The site and the leaflets must say who runs them and where to report a wrong number. "
            "Fix: write the real name and a real e-mail address or https:// page there."
        )
    return [
        f"{path}: {settings} still hold a placeholder. Fine for a preview; publishing (SITE_URL set to the public "
        "address) will fail until they name the real operator and a real way to report a wrong number."
    ]
