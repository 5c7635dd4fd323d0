"""The leaflets the site lists: read from the manifest that build_leaflets.py writes."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from helpsite.paths import SITE

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class LeafletFile:
    lang: str
    edition: str
    format: str
    bytes: int
    path: str  # relative to the leaflets folder, e.g. 'th/help-leaflet-th-national-a4.pdf'


def title(leaflet: LeafletFile, lang: str, directory) -> str:
    """'A4 leaflet: Kanto and Koshinetsu' (or the poster, the card, the sheets) in the reader's language."""
    from helpsite.i18n import translations

    _ = translations(lang).gettext
    if leaflet.edition == "national":
        edition = _("National edition")
    else:
        try:
            edition = directory.region(leaflet.edition).name(lang)
        except KeyError:
            edition = leaflet.edition
    if leaflet.format == "card":
        return _("Wallet card")
    if leaflet.format == "sheet":
        return _("Wallet cards: ten on an A4 sheet, with crop marks")
    if leaflet.format == "fold":
        return _("Fold-over cards on an A4 sheet: an ordinary card outside, the numbers inside")
    if leaflet.format == "poster":
        return _("A3 poster: %(edition)s") % {"edition": edition}
    return _("A4 leaflet: %(edition)s") % {"edition": edition}


def leaflets_dir() -> Path:
    """Where the leaflets of this build are: the build script points here before the site moves into place."""
    return Path(os.environ.get("HELPSITE_LEAFLETS_DIR", SITE / "leaflets"))


def load() -> list[LeafletFile]:
    path = leaflets_dir() / MANIFEST
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = data["files"] if isinstance(data, dict) else data
    files = [
        LeafletFile(
            lang=e["lang"], edition=e.get("edition") or "", format=e["format"], bytes=int(e["bytes"]), path=e["path"]
        )
        for e in entries
    ]
    return sorted(files, key=_order)


# The A4 leaflets first, then the posters (each: national, then the regions north to south), then the cards.
_FORMAT_ORDER = {"a4": 0, "poster": 1, "card": 2, "sheet": 3, "fold": 4}


def _order(leaflet: LeafletFile) -> tuple[int, int]:
    from helpsite.contacts import load_directory

    regions = [r.id for r in load_directory().regions]
    rank = _FORMAT_ORDER.get(leaflet.format, len(_FORMAT_ORDER))
    if leaflet.edition in ("", "national"):
        return (rank, -1)
    return (rank, regions.index(leaflet.edition) if leaflet.edition in regions else len(regions))


@dataclass(frozen=True)
class PrintPack:
    """One language's ZIP of every leaflet (helpsite/leaflets/pack.py), and each file's printer settings."""

    lang: str
    path: str
    bytes: int
    sha256: str
    settings: dict[str, tuple[str, int]]  # leaflet path -> (paper, pages)


def packs() -> dict[str, PrintPack]:
    """The print packs by language, from packs.json (empty before the leaflets are built)."""
    from helpsite.leaflets.pack import PACKS

    path = leaflets_dir() / PACKS
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        lang: PrintPack(lang, p["path"], int(p["bytes"]), p["sha256"],
                        {f["path"]: (f["paper"], int(f["pages"])) for f in p["files"]})
        for lang, p in data.get("packs", {}).items()
    }


def settings_lines(paper: str, pages: int, lang: str) -> list[str]:
    """A file's paper and printer settings in ``lang`` (the words of the print pack's README)."""
    from helpsite.i18n import translations
    from helpsite.leaflets.pack import Settings

    return Settings(paper, pages).lines(translations(lang).gettext)


def by_settings(files: list[LeafletFile], pack: PrintPack | None) -> list[tuple[tuple[str, int] | None, list[LeafletFile]]]:
    """The files in their order, in runs that print the same way (paper, pages): the Leaflets page states
    each run's printer settings once, above its files."""
    runs: list[tuple[tuple[str, int] | None, list[LeafletFile]]] = []
    for f in files:
        key = pack.settings.get(f.path) if pack else None
        if runs and runs[-1][0] == key:
            runs[-1][1].append(f)
        else:
            runs.append((key, [f]))
    return runs
