"""The leaflet set, per language: one A4 leaflet and one A3 poster per edition, the wallet card (one card,
for print shops), an A4 sheet of wallet cards and an A4 sheet of fold-over cards (for home printers).

Editions: ``national`` plus one per immigration region (the ids come from the contacts data).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EDITION_NATIONAL = "national"
FORMAT_A4 = "a4"
FORMAT_CARD = "card"
FORMAT_SHEET = "sheet"    # A4, ten wallet cards with crop marks; backs placed for long-edge duplex
FORMAT_FOLD = "fold"      # A4, four fold-over cards (an ordinary card outside, the numbers inside)
FORMAT_POSTER = "poster"  # A3, one per edition
FORMATS = (FORMAT_A4, FORMAT_CARD, FORMAT_SHEET, FORMAT_FOLD, FORMAT_POSTER)
EDITIONED = (FORMAT_A4, FORMAT_POSTER)  # one file per edition; the cards are the same everywhere in Japan
CARD_FORMATS = (FORMAT_CARD, FORMAT_SHEET, FORMAT_FOLD)

# Pages per file: a batch of files is laid out as one document and cut into files by these counts.
PAGES = {FORMAT_A4: 2, FORMAT_CARD: 2, FORMAT_SHEET: 2, FORMAT_FOLD: 2, FORMAT_POSTER: 1}

_FILENAMES = {
    FORMAT_A4: "help-leaflet-{lang}-{edition}-a4.pdf",
    FORMAT_CARD: "wallet-card-{lang}.pdf",
    FORMAT_SHEET: "wallet-card-sheet-{lang}-a4.pdf",
    FORMAT_FOLD: "fold-card-sheet-{lang}-a4.pdf",
    FORMAT_POSTER: "poster-{lang}-{edition}-a3.pdf",
}
_TEMPLATES = {FORMAT_A4: "leaflet.html", FORMAT_CARD: "card.html", FORMAT_SHEET: "cardsheet.html",
              FORMAT_FOLD: "foldcard.html", FORMAT_POSTER: "poster.html"}


@dataclass(frozen=True, order=True)
class Job:
    """One PDF to make."""

    lang: str
    format: str
    edition: str | None  # None for the cards (they are the same everywhere in Japan)

    @property
    def filename(self) -> str:
        return _FILENAMES[self.format].format(lang=self.lang, edition=self.edition)

    @property
    def relpath(self) -> str:
        """Path under the output folder, with '/' (also the key in manifest.json)."""
        return f"{self.lang}/{self.filename}"

    def path(self, out: Path) -> Path:
        return out / self.lang / self.filename

    @property
    def template(self) -> str:
        return _TEMPLATES[self.format]

    @property
    def pages(self) -> int:
        return PAGES[self.format]

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
        jobs.extend(Job(lang, f, None) for f in CARD_FORMATS if f in formats)
        for f in EDITIONED:
            if f in formats:
                jobs.extend(Job(lang, f, edition) for edition in editions)
    return jobs
