"""One lint finding: `docs/th/report.md:12: <rule>: <what> Fix: <how>`."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    path: str  # as given or relative to the project, e.g. docs/th/report.md
    line: int
    rule: str
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}: {self.what} Fix: {self.fix}"

    def github(self) -> str:
        """The same finding as a GitHub Actions annotation."""
        message = f"{self.rule}: {self.what} Fix: {self.fix}".replace("%", "%25").replace("\n", "%0A")
        return f"::error file={self.path},line={self.line},title={self.rule}::{message}"
