"""Reading the Markdown pages: front matter, translation metadata and the content hash translators record."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any


from helpsite.paths import DOCS

HASH_LENGTH = 12


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """Return (front matter, body, line number where the body starts), exactly as MkDocs reads them."""
    from mkdocs.utils.meta import get_data

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    body, meta = get_data(text)
    return meta, body, text.count("\n") - body.count("\n") + 1


def content_hash(path: Path) -> str:
    """Short SHA-256 of an English page; a translation records the hash of the version it was made from."""
    data = path.read_bytes().replace(b"\r\n", b"\n")
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


@dataclass(frozen=True)
class TranslationMeta:
    source: str
    source_hash: str
    status: str  # machine-drafted | reviewed
    reviewed_by: str | None
    reviewed_on: str | None

    @property
    def reviewed(self) -> bool:
        return self.status == "reviewed"


def translation_meta(meta: dict[str, Any]) -> TranslationMeta | None:
    block = meta.get("translation")
    if not isinstance(block, dict):
        return None
    return TranslationMeta(
        source=str(block.get("source", "")),
        source_hash=str(block.get("source_hash", "")),
        status=str(block.get("status", "machine-drafted")),
        reviewed_by=block.get("reviewed_by"),
        reviewed_on=str(block["reviewed_on"]) if block.get("reviewed_on") else None,
    )


def page_names(docs: Path = DOCS, source_lang: str = "en") -> list[str]:
    """The page file names every language must have: those of the English folder."""
    return sorted(p.relative_to(docs / source_lang).as_posix() for p in (docs / source_lang).rglob("*.md"))


def page_sources(meta: dict[str, Any]) -> list[dict[str, str]]:
    """The `sources:` of a page's front matter as [{title, url}]: each item is a URL, or a mapping with
    `title:` (what the source is, e.g. "Labour Standards Act, Article 5") and `url:` (left out only for a
    printed source with no address, such as the 2008 government brochure)."""
    items = meta.get("sources") or []
    result = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, str):
            result.append({"title": "", "url": item})
        elif isinstance(item, dict) and (item.get("url") or item.get("title")):
            result.append({"title": str(item.get("title") or ""), "url": str(item.get("url") or "")})
    return result
