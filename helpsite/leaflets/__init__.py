"""Printable leaflets, posters and wallet cards (WeasyPrint).

The parts:
- ``model``: what the set is (languages x editions x formats: A4, A3 poster, card, card sheet, fold-over
  sheet) and where each file goes;
- ``sheets``: where the cards go on an A4 sheet, the crop and fold marks, backs for long-edge duplex;
- ``columns``: side 2's contact cards in balanced columns, and its type scale;
- ``content``: the words and contacts of one file, from the catalogs and ``data/`` (never typed in a template);
- ``fonts``: the Noto faces per script, and the tofu check;
- ``qr``: the QR code (segno, vector SVG) pointing to the language's help page;
- ``render``: Jinja2 HTML -> WeasyPrint PDF (tagged, deterministic bytes);
- ``build``: content-hash skipping, parallel jobs, temp file + rename, manifest.json.
"""
from helpsite.leaflets.errors import LeafletError
from helpsite.leaflets.model import EDITION_NATIONAL, FORMATS, Job, plan

__all__ = ["EDITION_NATIONAL", "FORMATS", "Job", "LeafletError", "plan"]
