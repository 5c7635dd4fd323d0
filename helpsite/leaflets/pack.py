"""The print pack: per language, one ZIP with every leaflet, card and poster of that language, and a
README with each file's paper and printer settings, in the language and in English (issue 12).

The ZIP is deterministic: members in name order, stored (the PDFs are compressed already), with fixed
timestamps and permissions, so an unchanged rebuild gives the same bytes and the same checksum.
``packs.json`` beside manifest.json records each pack's size, SHA-256 and the settings of its files for the
Leaflets page; a pack whose files have not changed is not written again.
"""
from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpsite import i18n
from helpsite.leaflets.errors import LeafletError

PACKS = "packs.json"
SCHEMA = 1
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a ZIP can hold: no build time in the bytes
README = "README.txt"
MM_PER_PT = 25.4 / 72
PAPERS = {"A4": (210, 297), "A3": (297, 420)}


def N_(message: str) -> str:  # noqa: N802 - gettext marker: extracted by pybabel, translated at use
    return message


# The words of the settings, translated with the site's catalogs (the same msgids on the Leaflets page).
PAPER = N_("Paper: %(paper)s.")
BOTH_SIDES = N_("Print on both sides, flip on the long edge.")
ONE_SIDE = N_("Print on one side.")
SCALE = N_("Scale: Actual size (do not use Fit to page).")
PACK_TITLE = N_("Print pack: every leaflet in this language, with printer settings")


@dataclass(frozen=True)
class Settings:
    paper: str   # 'A4', 'A3' or 'W × H mm' (a card)
    pages: int

    def lines(self, gettext) -> list[str]:
        sides = gettext(BOTH_SIDES) if self.pages == 2 else gettext(ONE_SIDE)
        return [gettext(PAPER) % {"paper": self.paper}, sides, gettext(SCALE)]


# The products whose paper is known (tests/test_leaflets.py compares this with the PDFs the build makes).
# Any other format is measured from its PDF (settings_of), which costs a tenth of a second per file.
# The single card's page is the 85.6 × 54 mm card with 3 mm of bleed on each side (crop marks show the cut).
KNOWN: dict[str, Settings] = {"a4": Settings("A4", 2), "card": Settings("91.6 × 60 mm", 2)}


def settings_for(entry: dict[str, Any], path: Path) -> Settings:
    return KNOWN.get(entry.get("format", "")) or settings_of(path.read_bytes(), f"leaflets/{entry['path']}")


def settings_of(pdf: bytes, where: str) -> Settings:
    """Paper and sides from the PDF itself, so any product (leaflet, card sheet, poster) is described right."""
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        box = reader.pages[0].mediabox
        pages = len(reader.pages)
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds for a broken file
        raise LeafletError(f"{where}: cannot read the PDF for the print pack ({exc}); rebuild it with --force") from None
    w, h = sorted((float(box.width) * MM_PER_PT, float(box.height) * MM_PER_PT))
    for name, (pw, ph) in PAPERS.items():
        if abs(w - pw) < 2 and abs(h - ph) < 2:
            return Settings(name, pages)
    return Settings(f"{_mm(h)} × {_mm(w)} mm", pages)


def _mm(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, data in sorted(members):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.create_system = 3  # Unix, whatever machine builds it
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED
            zf.writestr(info, data)
    return buf.getvalue()


def readme(lang: str, files: list[tuple[str, Any, Settings]], directory: Any) -> str:
    """Each file's title and settings in the reader's language, then in English (files: name, LeafletFile, settings)."""
    from helpsite import languages
    from helpsite.i18n import translations
    from helpsite.web.leaflet_list import title

    source = languages.source_language().code
    blocks = []
    for code in dict.fromkeys([lang, source]):
        gettext = translations(code).gettext
        lines = [gettext(PACK_TITLE), ""]
        for name, leaflet, settings in files:
            lines += [name, f"  {title(leaflet, code, directory)}", *(f"  - {x}" for x in settings.lines(gettext)), ""]
        blocks.append("\n".join(lines))
    return ("-" * 60 + "\n\n").join(blocks)


def pack_name(lang: str) -> str:
    return f"{lang}/print-pack-{lang}.zip"


def load_packs(out: Path) -> dict[str, Any]:
    try:
        data = json.loads((out / PACKS).read_text(encoding="utf-8"))
        if data.get("schema") == SCHEMA:
            return data
    except (OSError, ValueError):
        pass
    return {"schema": SCHEMA, "packs": {}}


def write_packs(out: Path) -> dict[str, Any]:
    """One ZIP per language from the leaflets in ``out``'s manifest; skip a pack whose files did not change."""
    from helpsite.contacts import load_directory
    from helpsite.leaflets.build import load_manifest, write_atomic
    from helpsite.web.leaflet_list import LeafletFile

    out = Path(out)
    manifest = load_manifest(out)
    previous = load_packs(out)["packs"]
    by_lang: dict[str, list[dict[str, Any]]] = {}
    for e in manifest["files"]:
        by_lang.setdefault(e["lang"], []).append(e)
    packs: dict[str, Any] = {}
    directory = None
    for lang, entries in sorted(by_lang.items()):
        entries = sorted(entries, key=lambda e: e["path"])
        # the pack's README depends on the files, the paper table and the language's words for the settings
        catalog = i18n.po_path(lang)
        words = hashlib.sha256(catalog.read_bytes()).hexdigest() if catalog.exists() else ""
        key = hashlib.sha256(json.dumps([[[e["path"], e["sha256"]] for e in entries],
                                         sorted((k, repr(v)) for k, v in KNOWN.items()), words]).encode()).hexdigest()
        old = previous.get(lang)
        target = out / pack_name(lang)
        if old and old.get("input") == key and target.exists() and target.stat().st_size == old.get("bytes"):
            packs[lang] = old
            continue
        directory = directory or load_directory()
        files, members, described = [], [], []
        for e in entries:
            pdf = (out / e["path"]).read_bytes()
            settings = settings_for(e, out / e["path"])
            name = Path(e["path"]).name
            leaflet = LeafletFile(lang=lang, edition=e.get("edition") or "", format=e["format"], bytes=e["bytes"],
                                  path=e["path"])
            members.append((name, pdf))
            described.append((name, leaflet, settings))
            files.append({"path": e["path"], "paper": settings.paper, "pages": settings.pages})
        members.append((README, readme(lang, described, directory).encode("utf-8")))
        data = _zip(members)
        if not target.exists() or target.read_bytes() != data:
            write_atomic(target, data)
        packs[lang] = {"path": pack_name(lang), "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                       "input": key, "files": files}
    result = {"schema": SCHEMA, "packs": packs}
    text = (json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    if not (out / PACKS).exists() or (out / PACKS).read_bytes() != text:
        write_atomic(out / PACKS, text)
    return result
