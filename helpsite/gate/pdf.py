"""The built leaflets: every number in their text and every link annotation must come from the data,
and a PDF carries no attachment, script or launch action."""
from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterator
from urllib.parse import unquote

from pypdf import PdfReader

from helpsite.gate import numbers
from helpsite.gate.html import CHAT_HOSTS, Hit, Rules

_ACTIONS_REFUSED = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/GoToR", "/GoToE", "/RichMediaExecute"}


def check_pdf(data: bytes, rules: Rules) -> Iterator[Hit]:
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = list(reader.pages)
    except Exception as exc:  # pypdf raises many kinds on a broken file
        yield Hit("pdf", f"the PDF cannot be read ({exc})", "Rebuild it (make site).", ())
        return
    root = reader.trailer["/Root"]
    names = root.get("/Names")
    names = names.get_object() if names is not None else {}
    if "/EmbeddedFiles" in names:
        yield Hit("pdf-attachment", "the PDF carries an attached file",
                  "Remove the link or element that attaches it (rel=\"attachment\" in a catalog message).",
                  ('rel="attachment"', "rel=attachment", "file:"))
    if "/JavaScript" in names or "/OpenAction" in root:
        yield Hit("pdf-script", "the PDF runs an action when opened", "Remove it.", ())
    text = [pdf_text(data)]
    for page in pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/FileAttachment":
                yield Hit("pdf-attachment", "a page carries an attached file", "Remove what attaches it.",
                          ('rel="attachment"', "file:"))
            action = annot.get("/A")
            action = action.get_object() if action is not None else None
            if not action:
                continue
            kind = action.get("/S")
            if kind in _ACTIONS_REFUSED:
                yield Hit("pdf-action", f"a link runs a {kind} action", "Remove the link.", ())
            if kind == "/URI":
                yield from _uri(str(action.get("/URI", "")), rules)
    for found in numbers.unknown("\n".join(text), rules.numbers):
        yield Hit("phone-number", f"'{found.text.strip()}' looks like a phone number that is not in the contacts data",
                  "Numbers live in data/contacts.yaml with their source.", (),
                  re.sub(r"\D", "", found.e164.removeprefix("+81")))


def pdf_text(data: bytes) -> str:
    """The text a reader sees (poppler's pdftotext: fast, and it reads the fonts' ToUnicode maps)."""
    result = subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"pdftotext failed ({result.stderr.decode(errors='replace').strip()})")
    return result.stdout.decode("utf-8", errors="replace")


def _uri(uri: str, rules: Rules) -> Iterator[Hit]:
    lower = uri.lower()
    if lower.startswith("tel:"):
        if uri not in rules.tel_hrefs:
            digits = re.sub(r"\D", "", numbers.normalize(unquote(uri[4:])))
            yield Hit("phone-link", f"a tel: link ({uri!r}) that the contacts data did not make",
                      "Numbers live in data/contacts.yaml; leaflet messages carry no links.", ("tel:",),
                      digits.removeprefix("81") or None)
        return
    if lower.startswith(rules.site_url.lower()):
        return
    if lower.startswith("https://"):
        host = lower[8:].split("/")[0].split(":")[0]
        if any(host == h or host.endswith("." + h) for h in CHAT_HOSTS):
            yield Hit("chat-link", f"a messaging-app link ({uri!r})", "Contacts live in data/contacts.yaml.", (host,))
        return
    yield Hit("url", f"a link to {uri[:120]!r}", "Leaflets link only to https:// addresses.", (uri[:60],))
