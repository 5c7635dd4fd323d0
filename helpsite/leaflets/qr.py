"""QR codes as vector SVG (segno), pointing to a language's help page on the site."""
from __future__ import annotations

import base64
import io
import os
from functools import lru_cache

import segno

from helpsite.languages import site_config
from helpsite.leaflets.errors import LeafletError
from helpsite.paths import MKDOCS_YML


def site_url() -> str:
    """``site_url`` from mkdocs.yml; ``!ENV [SITE_URL, default]`` takes $SITE_URL, else the default."""
    value = site_config().get("site_url")
    if isinstance(value, list):  # !ENV [SITE_URL, "https://…/"]
        names, default = value[:-1], value[-1]
        value = next((os.environ[n] for n in names if os.environ.get(n)), default)
    if not value or not isinstance(value, str) or not value.startswith(("https://", "http://")):
        raise LeafletError(f"{MKDOCS_YML}: site_url is {value!r}; set it to the site's address, e.g. https://example.org/")
    if not value.endswith("/"):
        raise LeafletError(f"{MKDOCS_YML}: site_url {value!r} must end with '/' (the leaflets append '<lang>/')")
    return value


def help_url(lang: str, base: str | None = None) -> str:
    """The language's home page: it is the help page."""
    return f"{base or site_url()}{lang}/"


def svg(url: str) -> str:
    """The QR code of ``url`` as SVG markup (one path, no XML declaration), scalable to any size."""
    code = segno.make(url, error="m", micro=False)
    buf = io.BytesIO()
    code.save(buf, kind="svg", xmldecl=False, svgns=True, border=2, dark="#000", light="#fff",
              nl=False, title=None, desc=None, svgclass=None, lineclass=None, omitsize=True)
    return buf.getvalue().decode("ascii")


@lru_cache(maxsize=64)
def data_uri(url: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg(url).encode("ascii")).decode("ascii")
