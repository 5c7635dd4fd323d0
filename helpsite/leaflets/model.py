"""The leaflet set: one A4 leaflet per language and edition, one wallet card per language.

Editions: ``national`` plus one per immigration region (the ids come from the contacts data).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EDITION_NATIONAL = "national"
FORMAT_A4 = "a4"
FORMAT_CARD = "card"
FORMATS = (FORMAT_A4, FORMAT_CARD)


@dataclass(frozen=True, order=True)
class Job:
    """One PDF to make."""

    lang: str
    format: str
    edition: str | None  # None for the wallet card (it is the same everywhere in Japan)

    @property
    def filename(self) -> str:
        if self.format == FORMAT_CARD:
            return f"wallet-card-{self.lang}.pdf"
        return f"help-leaflet-{self.lang}-{self.edition}-a4.pdf"

    @property
    def relpath(self) -> str:
        """Path under the output folder, with '/' (also the key in manifest.json)."""
        return f"{self.lang}/{self.filename}"

    def path(self, out: Path) -> Path:
        return out / self.lang / self.filename

    @property
    def template(self) -> str:
        return "card.html" if self.format == FORMAT_CARD else "leaflet.html"

    def __str__(self) -> str:
        return self.relpath


def plan(
    langs: list[str],
    editions: list[str],
    formats: list[str] | tuple[str, ...] = FORMATS,
) -> list[Job]:
    """Every file for these languages, editions and formats, in a stable order (cards first: they are quick)."""
    from helpsite.lint.files import check_slug

    for lang in langs:
        check_slug(lang, "language code (mkdocs.yml)")
    for edition in editions:
        check_slug(edition, "edition id (data/regions.yaml)")
    jobs: list[Job] = []
    for lang in langs:
        if FORMAT_CARD in formats:
            jobs.append(Job(lang, FORMAT_CARD, None))
        if FORMAT_A4 in formats:
            jobs.extend(Job(lang, FORMAT_A4, edition) for edition in editions)
    return jobs
