"""Jinja2 HTML for one leaflet or card, and the PDF made from it by WeasyPrint.

The HTML is built in the main process (cheap); its hash decides whether the PDF must be made again.
The PDF is made in a worker: check the catalog gaps and the fonts, then WeasyPrint, tagged, with a
fixed date (SOURCE_DATE_EPOCH) so the same input gives the same bytes.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jinja2
from babel.dates import format_date
from babel.support import NullTranslations
from jinja2.ext import extract_from_ast
from markupsafe import Markup

from helpsite import i18n, languages, officer
from helpsite.leaflets import breaks, columns, content, editions, fit, fonts, qr, sheets
from helpsite.leaflets.errors import LeafletError
from helpsite.leaflets.model import CARD_FORMATS, FORMAT_A4, FORMAT_FOLD, FORMAT_POSTER, Job
from helpsite.paths import LEAFLETS, LOCALES, ROOT
from helpsite.web.reader import help_line, silent_form

PANEL_TEMPLATE = "panel.html"


def N_(message: str) -> str:  # noqa: N802 - gettext marker: extracted by pybabel, translated at use
    return message


# Contact names the catalogs translate when the data has no name in the reader's language (shared msgids).
SHARED_CONTACT_NAMES = (N_("Anonymous Reporting Line"),)
PANEL_LANG = "ja"  # the officer side of the panel
PANEL_LANG_FOR_JA = "en"  # the Japanese leaflet pairs Japanese with English


@dataclass(frozen=True)
class Rendered:
    job: Job
    html: str
    title: str
    # (language code, template msgids) pairs to check in the catalogs before making the PDF
    needs: tuple[tuple[str, frozenset[str]], ...]
    record: "editions.Record | None" = None  # the edition as printed (helpsite.leaflets.editions)


def _translations(lang: str, locales: Path):
    if lang == languages.source_language().code and not i18n.po_path(lang, locales).exists():
        return NullTranslations()
    try:
        return i18n.translations(lang, locales)
    except FileNotFoundError as exc:
        raise LeafletError(
            f"{i18n.po_path(lang, locales)}: no catalog for '{lang}'. Create it: "
            f"pybabel init -i locales/messages.pot -d locales -l {lang}"
        ) from exc


def _bytecode_dir() -> Path:
    path = ROOT / ".cache" / "leaflets" / "jinja"
    path.mkdir(parents=True, exist_ok=True)
    return path


@lru_cache(maxsize=None)
def environment(lang: str, templates: Path = LEAFLETS, locales: Path = LOCALES) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(_bytecode_dir())),
    )
    t = _translations(lang, locales)
    env.install_gettext_translations(t, newstyle=True)
    env.leaflet_gettext = t.gettext  # plain gettext for Python-side strings (titles, checks)
    direction = languages.get(lang).direction if lang in languages.codes() else "ltr"
    env.globals["ltr"] = lambda text: languages.isolate_ltr(str(text), direction)  # URLs inside rtl text
    content.GETTEXT[lang] = t.gettext
    return env


@lru_cache(maxsize=None)
def template_msgids(name: str, templates: Path = LEAFLETS) -> frozenset[str]:
    """The gettext msgids a template (and the templates it extends or imports) uses."""
    env = environment(languages.source_language().code, templates)
    source, _, _ = env.loader.get_source(env, name)
    ast = env.parse(source)
    ids = set()
    for _lineno, _func, message in extract_from_ast(ast, babel_style=False):
        message = message[0] if isinstance(message, tuple) else message
        if message:
            ids.add(message)
    for node in ast.find_all((jinja2.nodes.Extends, jinja2.nodes.FromImport, jinja2.nodes.Include, jinja2.nodes.Import)):
        ref = getattr(node, "template", None)
        if isinstance(ref, jinja2.nodes.Const):
            ids |= template_msgids(ref.value, templates)
    return frozenset(ids)


def panel(lang: str, reader: str, templates: Path, locales: Path) -> dict[str, Any]:
    """The officer panel in `lang` for a reader of `reader`'s edition (language names: helpsite.officer)."""
    env = environment(lang, templates, locales)
    html = env.get_template(PANEL_TEMPLATE).render(language_name=officer.language_name(reader, lang))
    return {"lang": fonts.html_lang(lang), "font_stack": fonts.css_stack(lang), "html": Markup(html), "code": lang,
            "dir": languages.get(lang).direction, "line_height": fonts.line_height(lang)}


def made_date(epoch: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc)


def render_html(job: Job, directory: Any, *, epoch: int, author: str, base_url: str,
                templates: Path = LEAFLETS, locales: Path = LOCALES) -> Rendered:
    """The leaflet's HTML (with its title) and what its catalogs must contain. Raises LeafletError."""
    try:
        lang = languages.get(job.lang)
    except KeyError as exc:
        raise LeafletError(f"{job.relpath}: {exc.args[0]}") from exc
    env = environment(job.lang, templates, locales)
    gettext = env.leaflet_gettext

    national, line, edition = _contents(job, directory)
    pocket = national if job.format in CARD_FORMATS else content.pocket_lines(national, line)

    # "In danger now? Call 110." is a shared msgid: its number must be the data's emergency number.
    emergency = content.emergency_number(directory)
    danger = gettext("In danger now? Call 110.")
    if job.format not in CARD_FORMATS and emergency not in danger:
        raise LeafletError(
            f"{job.relpath}: the translation of 'In danger now? Call 110.' in '{job.lang}' ({danger!r}) does not "
            f"contain the emergency number {emergency} from the contacts data. Fix {i18n.po_path(job.lang, locales)}."
        )

    views = _views(job, national, line, edition)
    checked = content.oldest_check(views)
    other = PANEL_LANG_FOR_JA if job.lang == PANEL_LANG else job.lang

    title = gettext("Help for victims of human trafficking")
    if job.format in CARD_FORMATS:
        title = f"{gettext('Help in Japan')} ({lang.native_name})"
    elif edition is not None and edition.name:
        title = f"{title} ({edition.name})"
    else:
        title = f"{title} ({gettext('Japan')})"

    # The site's name in the reader's language (the site_name in mkdocs.yml is English).
    author = gettext("Help for trafficking victims in Japan")
    url = qr.help_url(job.lang, base_url)
    made = made_date(epoch)
    panel_a = panel(PANEL_LANG, job.lang, templates, locales)
    # side 2's type: larger where the numbers would leave it half empty (estimated, helpsite/leaflets/columns.py)
    back_scale = columns.back_scale(national, edition) if job.format == FORMAT_A4 else 1.0
    record = editions.make_record(job.lang, job.edition, job.format, views, made.date().isoformat())
    html = env.get_template(job.template).render(
        edition_record=record,
        edition_date=format_date(made.date(), "medium", locale=lang.babel_locale),  # short: the back is full
        # the short address to type from a photo of a wall: without https://
        edition_url=(base_url + editions.page_path(record)).split("://", 1)[-1],
        machine_drafted=not translation_reviewed(job.lang, locales),
        few_lines=content.few_lines(directory, job.lang),
        en_font_stack=fonts.css_stack("en"),
        english=lambda text: text,  # the English of a line printed in both languages
        html_lang=fonts.html_lang(job.lang),
        text_dir=lang.direction,
        line_height=fonts.line_height(job.lang),
        font_stack=fonts.css_stack(job.lang),
        title=title,
        author=author,
        description=gettext("Forced to work or to sell sex? You can get help."),
        made_iso=made.strftime("%Y-%m-%dT%H:%M:%SZ"),
        national=national,
        pocket=pocket,
        line=line,
        language_name=lang.native_name,
        silent_url=silent_form(directory.national())[1],
        edition=edition,
        danger=danger.partition(emergency),
        any_check_note=any(v.check_note for v in views),
        checked=content.format_checked(checked, job.lang, lang.babel_locale) if checked else "",
        help_url=url,
        qr_data_uri=qr.data_uri(url),
        panel_a=panel_a,
        panel_b=panel(other, job.lang, templates, locales),
        plain=_plain_words(job.lang, panel_a),
        grid=sheets.FOLD_SHEET if job.format == FORMAT_FOLD else sheets.CARD_SHEET,
        columns=lambda items: columns.balanced(items, scale=back_scale),
        back_scale=back_scale,
        job=job,  # for _edition_footer.html: job.lang, job.format, job.edition
        operator=_operator(),
    )
    if lang.furigana:  # Easy Japanese: readings after the kanji, in brackets (helpsite/web/furigana.py)
        from helpsite.web import furigana

        html = furigana.annotate_html(html, furigana.load_readings(furigana.readings_path(job.lang)), brackets=True)
    # after the readings: the analyser must see whole words, not words cut by break opportunities
    html = breaks.insert_breaks(html, fonts.html_lang(job.lang), locales)
    main_ids = template_msgids(job.template, templates)
    panel_ids = template_msgids(PANEL_TEMPLATE, templates)
    needs = ((job.lang, main_ids | panel_ids), (PANEL_LANG, panel_ids), (other, panel_ids))
    return Rendered(job, html, title, needs, record)


def _contents(job: Job, directory: Any) -> tuple[list[content.ContactView], content.ContactView | None,
                                                 content.EditionView | None]:
    """The national lines a product prints (a card's pocket lines), the reader's line, and the edition."""
    national = content.national_lines(directory, job.lang, job)
    line = _reader_line(directory, job.lang, national)
    if job.format in CARD_FORMATS:
        national = content.pocket_lines(national, line)
    return national, line, content.edition_view(directory, job, job.lang)


def _views(job: Job, national: list[content.ContactView], line: content.ContactView | None,
           edition: content.EditionView | None) -> list[content.ContactView]:
    """Every contact view the product prints: what the "Last checked" date and its edition record cover."""
    if job.format == FORMAT_POSTER:
        views = [national[0]] + ([line] if line else [])  # what the poster prints
    else:
        views = list(national)
    if edition is not None and job.format == FORMAT_A4:
        views += [v for v in [edition.bureau, *edition.police, edition.police_fallback] if v]
        views += [b for b in edition.bureaus if isinstance(b, content.ContactView)]
        if edition.bureau_fallback:
            views.append(edition.bureau_fallback.via)
    return views


def printed_views(job: Job, directory: Any) -> list[content.ContactView]:
    """Every contact view the leaflet ``job`` prints: what its edition record keeps (helpsite.leaflets.editions)."""
    return _views(job, *_contents(job, directory))


def translation_reviewed(lang: str, locales: Path = LOCALES) -> bool:
    """Has a native speaker reviewed this language's leaflet words? (helpsite.translations.status.catalog_review)"""
    if lang == languages.source_language().code:
        return True
    from helpsite.translations.status import catalog_review

    return catalog_review(lang, locales).reviewed


def _reader_line(directory: Any, lang: str, national: list[content.ContactView]) -> content.ContactView | None:
    """The site's help-bar line (helpsite/web/reader.py): the first national line, not the police, whose
    phone answers in the reader's language; as printed, with that one phone. None if there is none."""
    try:
        choice = help_line(directory.national(), lang)
    except AttributeError:  # the tests' stand-in directory (fake.py) has no kinds or languages
        return None
    if choice is None:
        return None
    printed = next((v for v in national if v.id == choice.contact.id), None)
    phone = next((p for p in printed.phones if p.number == choice.phone.number), None) if printed else None
    if phone is None:  # not printable (low confidence): print nothing rather than guess
        return None
    return dataclasses.replace(printed, phones=(phone,), check_note=phone.mark)


# The outside of the fold-over card: an ordinary word card, nothing about help (no catalog strings: the
# words are Japanese with their reading, or English with Japanese for a reader of Japanese).
PLAIN_JA = ("にほんご", (("こんにちは", "konnichiwa"), ("ありがとう", "arigatou"), ("すみません", "sumimasen"),
                        ("おねがいします", "onegaishimasu"), ("はい", "hai"), ("いいえ", "iie"), ("みず", "mizu"),
                        ("えき", "eki")))
PLAIN_EN = ("English", (("Hello", "こんにちは"), ("Thank you", "ありがとう"), ("Excuse me", "すみません"),
                        ("Please", "おねがいします"), ("Yes", "はい"), ("No", "いいえ"), ("Water", "みず"),
                        ("Station", "えき")))


def _plain_words(lang: str, panel_ja: dict[str, Any]) -> dict[str, Any]:
    title, words = PLAIN_EN if lang == PANEL_LANG else PLAIN_JA
    return {"title": title, "words": words, "lang": panel_ja["lang"], "font_stack": panel_ja["font_stack"]}


@lru_cache(maxsize=1)
def _operator():
    """Who runs the site and where to report a wrong number (mkdocs.yml extra.operator), for the footer.
    Read once per build (build() clears it): parsing mkdocs.yml for each of 200 files took seconds."""
    from helpsite import operator

    try:
        return operator.load()
    except operator.OperatorError as exc:
        raise LeafletError(str(exc)) from None


# ----------------------------------------------------------------------------- checks before the PDF

def check_catalogs(r: Rendered, locales: Path = LOCALES) -> None:
    problems = []
    for code, ids in r.needs:
        if code == languages.source_language().code:
            continue
        try:
            problems += [str(g) for g in i18n.gaps(code, set(ids), locales)]
        except FileNotFoundError as exc:
            problems.append(str(exc))
    if problems:
        listed = "\n  ".join(dict.fromkeys(problems))
        raise LeafletError(f"{r.job.relpath}: {len(problems)} leaflet string(s) missing a translation:\n  {listed}")


class _TextByLang(HTMLParser):
    """Collects the visible text (and alt text) of an HTML page, per ``lang`` attribute."""

    VOID = {"meta", "link", "img", "br", "hr", "input"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.text: dict[str, list[str]] = {}
        self.skip = 0

    def _lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        lang = a.get("lang") or self._lang()
        if a.get("alt"):
            self.text.setdefault(lang, []).append(a["alt"])
        if tag in ("style", "script", "head"):
            self.skip += 1
        if tag in self.VOID:
            return
        self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        if tag in ("style", "script", "head"):
            self.skip -= 1
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.skip:
            self.text.setdefault(self._lang(), []).append(data)


def text_by_lang(r: Rendered) -> dict[str, str]:
    """The document's text per language code (the reader's language for text without a lang)."""
    parser = _TextByLang()
    parser.feed(r.html)
    by_code = {fonts.html_lang(c): c for c in languages.codes()}
    out: dict[str, str] = {}
    for tag, chunks in parser.text.items():
        code = by_code.get(tag, r.job.lang)
        out[code] = out.get(code, "") + "".join(chunks)
    return out


def check_fonts(r: Rendered) -> dict[str, str]:
    """Stop (LeafletError) if a character has no glyph in its language's fonts; return the text per language."""
    texts = text_by_lang(r)
    for code, text in texts.items():
        fonts.check_coverage(text, code, r.job.relpath)
    return texts


# ----------------------------------------------------------------------------- the PDF

class _WarningsToErrors(logging.Handler):
    """WeasyPrint logs font problems (slow fontTools subsetting, missing glyphs) as warnings: collect them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


FONT_CACHE = ROOT / ".cache" / "leaflets" / "fonts"


DOC_START, DOC_END = "<!--doc-->", "<!--/doc-->"  # one file's body (base.html)


def _split_doc(r: Rendered) -> tuple[str, str, str]:
    """(head up to <body>, the file's body, tail) of a rendered file."""
    head, rest = r.html.split(DOC_START, 1)
    body, tail = rest.split(DOC_END, 1)
    return head, body, tail


def _head_key(head: str) -> str:
    """The head without the <title> (the only per-file part of it; set per PDF below)."""
    start, end = head.find("<title>"), head.find("</title>")
    return head[:start] + head[end:] if start >= 0 <= end else head


def font_text(rendered: list[Rendered]) -> dict[str, str]:
    """The characters per language of a set of documents (the union), sorted: the text the fonts are cut to."""
    chars: dict[str, set[str]] = {}
    for r in rendered:
        for code, text in text_by_lang(r).items():
            chars.setdefault(code, set()).update(text)
    return {code: "".join(sorted(c)) for code, c in sorted(chars.items())}


def _weasy(html: str, templates: Path):
    import weasyprint

    from helpsite.leaflets import textlayer
    from helpsite.leaflets.fetcher import FONT_CACHE as FETCHABLE_FONTS, ProjectFetcher, Refused

    textlayer.install()  # /ActualText where WeasyPrint's ToUnicode map reads wrong (Thai ำ, Khmer, ...)

    fetcher = ProjectFetcher((templates, FETCHABLE_FONTS, FONT_CACHE))
    try:
        return weasyprint.HTML(string=html, base_url=str(templates) + "/", url_fetcher=fetcher).render(
            pdf_variant="pdf/ua-1", hinting=False, full_fonts=False)
    except Refused as exc:
        raise LeafletError(str(exc)) from None


def _write(doc, pages, title: str) -> bytes:
    import copy

    part = doc.copy(pages)
    part.metadata = copy.copy(doc.metadata)
    part.metadata.title = title
    from helpsite.leaflets.fetcher import Refused

    try:
        return part.write_pdf(
            pdf_variant="pdf/ua-1",
            pdf_identifier=True,  # md5 of the content: deterministic
            uncompressed_pdf=False,
            hinting=False,
            full_fonts=False,
        )
    except Refused as exc:  # an attachment (rel="attachment") is fetched here
        raise LeafletError(str(exc)) from None


def render_pdfs(rs: list[Rendered], templates: Path = LEAFLETS, texts: dict[str, str] | None = None,
                font_cache: Path = FONT_CACHE) -> list[bytes]:
    """The PDFs of several files of one language, laid out together; the same bytes as one at a time.

    Loading the fonts and the CSS is a large part of a small document's time, so the files of a language
    (same head) are laid out as one document, each body after the other (each starts a new page), and
    each PDF is written from its own pages (Job.pages). A page's layout does not depend on the other
    files' pages, and each PDF's fonts are subset to the glyphs of its own pages, so a file made alone
    (``[r]``) has exactly the bytes it has in a batch. ``texts`` (the characters the fonts are cut to)
    must not depend on the batch either: the build passes the union over the language's whole set
    (font_text). A file with more pages than it should have makes the batch fall back to one document
    per file (same bytes again; the tests then see the extra page).
    """
    if not rs:
        return []
    texts = texts if texts is not None else font_text(rs)
    faces = fonts.font_face_css("".join(texts.values()), sorted(texts), font_cache)
    style = f"<style>{faces}</style>\n</head>"
    parts = [_split_doc(r) for r in rs]
    handler = _WarningsToErrors()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        # A new FontConfiguration per document (WeasyPrint's default): reusing one across documents
        # makes the bytes depend on what the process made before (not reproducible).
        out: list[bytes | None] | None = None
        if len(rs) > 1 and len({_head_key(p[0]) for p in parts}) == 1:
            head, _body, tail = parts[0]
            html = head.replace("</head>", style, 1) + "".join(p[1] for p in parts) + tail
            doc = _weasy(html, templates)
            if len(doc.pages) == sum(r.job.pages for r in rs):
                out, at = [], 0
                for r in rs:
                    pages = doc.pages[at:at + r.job.pages]
                    # a side whose text runs into its foot: this file is laid out again, alone (below)
                    out.append(_write(doc, pages, r.title) if min(fit.scales(pages)) == 1.0 else None)
                    at += r.job.pages
        if out is None:
            out = [None] * len(rs)
        for i, r in enumerate(rs):
            if out[i] is None:
                html = r.html.replace("</head>", style, 1)
                doc = _weasy(html, templates)
                side_scales = fit.scales(doc.pages)
                if min(side_scales) < 1.0:
                    doc = _weasy(fit.shrink(html, side_scales), templates)
                out[i] = _write(doc, list(doc.pages), r.title)
    finally:
        logger.removeHandler(handler)
    bad = [m for m in handler.messages if "fontTools" in m or "subset" in m.lower() or "glyph" in m.lower()]
    if bad:
        where = ", ".join(r.job.relpath for r in rs)
        raise LeafletError(f"{where}: WeasyPrint font problem: {'; '.join(dict.fromkeys(bad))}")
    return [b for b in out if b is not None]


def layout(r: Rendered, templates: Path = LEAFLETS, font_cache: Path = FONT_CACHE):
    """The WeasyPrint document of one file, laid out as the build lays it out (for tests that measure
    boxes: ``page._page_box.descendants()``, positions in CSS px)."""
    texts = font_text([r])
    faces = fonts.font_face_css("".join(texts.values()), sorted(texts), font_cache)
    html = r.html.replace("</head>", f"<style>{faces}</style>\n</head>", 1)
    doc = _weasy(html, templates)
    side_scales = fit.scales(doc.pages)
    return _weasy(fit.shrink(html, side_scales), templates) if min(side_scales) < 1.0 else doc


def render_pdf(r: Rendered, templates: Path = LEAFLETS, texts: dict[str, str] | None = None,
               font_cache: Path = FONT_CACHE) -> bytes:
    """One PDF (see render_pdfs; ``texts`` defaults to this document's own characters)."""
    return render_pdfs([r], templates, texts, font_cache)[0]
