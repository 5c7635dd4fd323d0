"""What WeasyPrint may read while it makes a leaflet: the project's templates and fonts, nothing else.

No network (a catalog message with <img src="https://…"> would tell a host who builds the leaflets),
no file outside the project (<a rel="attachment" href="file:///etc/hostname"> would put a file of the
build machine into every PDF). A refused URL stops the PDF with a LeafletError naming it.
"""
from __future__ import annotations

from pathlib import Path
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher

from helpsite.paths import LEAFLETS, ROOT

FONT_CACHE = ROOT / ".cache" / "leaflets" / "fonts"
DATA_TYPES = ("data:image/svg+xml", "data:image/png")  # the QR codes the templates embed


class Refused(FatalURLFetchingError):
    """A URL the leaflets may not load (fatal: WeasyPrint does not swallow it)."""


class ProjectFetcher(URLFetcher):
    def __init__(self, allowed: tuple[Path, ...] = (LEAFLETS, FONT_CACHE)) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.allowed = tuple(p.resolve() for p in allowed)

    def fetch(self, url, headers=None):
        if url.startswith(DATA_TYPES):
            return super().fetch(url, headers)
        if url.startswith("file://"):
            path = Path(url2pathname(url[len("file://"):].split("?")[0].split("#")[0])).resolve()
            if any(path.is_relative_to(folder) for folder in self.allowed) and path.is_file():
                return super().fetch(url, headers)
        raise Refused(f"{url[:200]}: refused; leaflets load only the project's templates (leaflets/) and fonts. "
                      "Fix: remove the link or image that points there (in a catalog message: translate the words only)")
