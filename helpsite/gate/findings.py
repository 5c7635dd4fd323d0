"""One refused thing in the built output, and where it came from."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    output: str   # the built file, relative to the site folder ('th/report/index.html')
    source: str   # 'docs/th/report.md:12', 'locales/th/LC_MESSAGES/messages.po:88', or the likely file
    rule: str
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.source}: {self.rule}: {self.what} (in {self.output}). Fix: {self.fix}"
