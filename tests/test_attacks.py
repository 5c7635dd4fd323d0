"""Issue 14: every class of attack a malicious pull request tried, one "pull request" each, refused with
a message that names the file.

Each test makes the smallest project (a temporary folder with only what that attack touches) and runs it
through the real entry point of the layer that must stop it: the lint (`python -m helpsite.lint`), the
contacts loader (`helpsite.contacts.load_directory`, which `make site` and `make check-contacts` use),
the leaflet renderer, or the output gate (`helpsite.gate`, which `helpsite.build` runs on every built
page and leaflet before the swap). Built pages are made from the attack's Markdown with Python-Markdown
(the renderer MkDocs uses) so no test needs a whole site build; tests/test_atomic_build.py holds the one
real end-to-end build of an attack.
"""
from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

import markdown
import pytest

from helpsite.contacts import DataError, load_directory
from helpsite.gate import check_leaflet, check_page, rules_for
from helpsite.lint.__main__ import main as lint_main
from helpsite.paths import ROOT
from helpsite.web import csp

SITE_URL = "https://help.example.org/"
VALID_DATA = ROOT / "tests" / "fixtures" / "contacts" / "valid"


@pytest.fixture(scope="module")
def rules():
    return rules_for(load_directory(), SITE_URL)


def built_page(body_markdown: str, title: str = "Report") -> str:
    """The page MkDocs would make from this Markdown body, in our frame (CSP meta, our script)."""
    body = markdown.markdown(body_markdown, extensions=["attr_list", "md_in_html", "tables"])
    return textwrap.dedent(f"""\
        <!doctype html><html lang="th"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="{csp.policy(meta=True)}">
        <title>{title}</title><script src="../../assets/site.js" defer></script></head>
        <body><main>{body}</main></body></html>""")


def pull_request(tmp_path: Path, page: str, lang: str = "th", name: str = "report.md") -> Path:
    """A copy of the real project's mkdocs.yml and pages of one language, with one page replaced."""
    (tmp_path / "docs").mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for code in ("en", lang):
        shutil.copytree(ROOT / "docs" / code, tmp_path / "docs" / code)
    (tmp_path / "docs" / lang / name).write_text(page, encoding="utf-8")
    return tmp_path


def lint(root: Path, capsys, *paths: str) -> str:
    code = lint_main(["--root", str(root), *[str(root / p) for p in paths]])
    out = capsys.readouterr()
    assert code == 1, f"the lint passed:\n{out.out}{out.err}"
    return out.out


def gate(rules, page_html: str, rel: str = "th/report/index.html") -> list[str]:
    return [str(p) for p in check_page(page_html, rel, rules, ROOT)]


FRONT = "---\ntitle: Report\ndescription: How to report.\n---\n\n"


# ------------------------------------------------------------------------------------------ pages
def test_front_matter_closed_with_dots_is_read_as_mkdocs_reads_it(tmp_path, capsys):
    page = "---\ntitle: Report\n...\n<script src=https://evil.example/t.js></script>\n---\n\n# Report\n"
    out = lint(pull_request(tmp_path, page), capsys, "docs/th/report.md")
    assert "docs/th/report.md:4: script:" in out


def test_html_in_title_is_refused_by_the_lint_and_escaped_in_the_page(tmp_path, capsys):
    page = '---\ntitle: "Report<img src=x onerror=alert(1)>"\ndescription: x\n---\n\n# Report\n'
    out = lint(pull_request(tmp_path, page), capsys, "docs/th/report.md")
    assert "docs/th/report.md:2: front-matter: 'title:' contains HTML markup" in out
    from types import SimpleNamespace

    from helpsite.web.layout import escape_meta

    fake = SimpleNamespace(meta={"title": "Report<img src=x onerror=alert(1)>"})
    escape_meta(fake)
    assert str(fake.meta["title"]) == "Report&lt;img src=x onerror=alert(1)&gt;"


def test_tag_split_over_two_lines_is_refused_by_the_gate(rules):
    found = gate(rules, built_page('Report here.\n\n<img src="a.png"\nonerror="alert(1)">\n'))
    assert any(p.startswith("docs/th/report.md") and "event-handler" in p for p in found), found


def test_backslash_and_slashless_urls_are_resolved_like_a_browser(rules):
    found = gate(rules, built_page('<img src="\\\\evil.example/t.png" alt="">\n\n<a href="javascript:alert(1)">x</a>'))
    assert any("url" in p and "another host" in p for p in found), found
    assert any("'javascript:' scheme" in p for p in found), found


def test_css_image_set_escapes_and_svg_filter_images_background_ping(rules):
    attacks = {
        'style="background:image-set(\'https://evil.example/t.png\' 1x)"': "unsafe-attribute",
        "<style>p{background:\\75rl(https://evil.example/t.png)}</style>": "style",
        '<svg><filter id="f"><feImage href="https://evil.example/t.png"/></filter></svg>': "unsafe-element",
        '<table background="https://evil.example/t.png"><tr><td>x</td></tr></table>': "unsafe-attribute",
        '<a href="report.md" ping="https://evil.example/p">x</a>': "unsafe-attribute",
    }
    for markup, rule in attacks.items():
        html = built_page(f"<p {markup}>x</p>" if markup.startswith("style") else markup)
        found = gate(rules, html)
        assert any(f": {rule}:" in p for p in found), (markup, found)


# ------------------------------------------------------------------------------------------ numbers
@pytest.mark.parametrize("text", [
    '<a href="&#116;el:+81312345678">call</a>',              # entity-encoded tel:
    '<a href="tel:%2B81312345678">call</a>',                  # percent-encoded tel:
])
def test_encoded_tel_links_are_refused(rules, text):
    found = gate(rules, built_page(text))
    assert any(": phone-link:" in p for p in found), found


@pytest.mark.parametrize("text", [
    "โทร ๐๓-๑๒๓๔-๕๖๗๘",                  # Thai digits
    "電話 〇三-一二三四-五六七八",           # kanji numerals
    "call ⓪③-①②③④-⑤⑥⑦⑧",                # circled digits
    "call 03-<em>1234</em>-5678",          # split by emphasis
    "call 03&#45;1234&#45;5678",           # split by entities
    "call ０３−１２３４−５６７８",           # full width
])
def test_numbers_in_any_script_or_split_are_refused(rules, text):
    found = gate(rules, built_page(text))
    assert any(": phone-number:" in p for p in found), (text, found)


def test_data_numbers_pass_and_name_no_problem(rules):
    directory = load_directory()
    phone = directory.get("isa-information-centre").phones[0]
    html = built_page(f'<a href="tel:{phone.tel}">{phone.number}</a> and 110, #9110, open 09:00-17:00, 2026-11-29.')
    assert gate(rules, html) == []


@pytest.mark.parametrize("link", ["https://wa.me/819012345678", "https://line.me/ti/p/~evil"])
def test_whatsapp_and_line_links_are_refused(rules, link):
    found = gate(rules, built_page(f"[chat with us]({link})"))
    assert any(": chat-link:" in p for p in found), found


def test_the_gate_names_the_markdown_page_and_line(rules, tmp_path):
    page = FRONT + "# Report\n\nText.\n\nCall 03-<em>9876</em>-5432 now.\n"
    root = pull_request(tmp_path, page)
    found = [str(p) for p in check_page(built_page(page.split("---\n", 2)[2]), "th/report/index.html", rules, root)]
    assert any(p.startswith("docs/th/report.md:10: phone-number:") for p in found), found


# ------------------------------------------------------------------------------------------ catalogs
def _catalog_pr(tmp_path: Path, msgid: str, msgstr: str) -> Path:
    po = tmp_path / "locales" / "th" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                  f'#: leaflets/leaflet.html:1\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n', encoding="utf-8")
    (tmp_path / "docs").mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


@pytest.mark.parametrize("msgid,msgstr,words", [
    ("Help is free and confidential.", 'ฟรี <a href=\\"tel:+81312345678\\">03-1234-5678</a>', "markup its msgid does not have"),
    ("Help is free and confidential.", 'ฟรี <a rel=\\"attachment\\" href=\\"file:///etc/hostname\\">x</a>', "address its msgid"),
    ("Help is free and confidential.", "ฟรี โทร ๐๓๑๒๓๔๕๖๗๘", "digits its msgid does not have"),
    ("Help in %(place)s", "ช่วยเหลือ 100% %(place)s", "stray '%'"),
    ("Help in %(place)s", "ช่วยเหลือ", "placeholders differ"),
])
def test_catalog_messages_are_linted(tmp_path, capsys, msgid, msgstr, words):
    root = _catalog_pr(tmp_path, msgid, msgstr)
    out = lint(root, capsys, "locales/th/LC_MESSAGES/messages.po")
    assert "locales/th/LC_MESSAGES/messages.po:6: catalog:" in out and words in out, out


def test_weasyprint_fetches_nothing_outside_the_project(tmp_path):
    from helpsite.leaflets.errors import LeafletError
    from helpsite.leaflets.render import _weasy

    from helpsite.leaflets.render import _write

    with pytest.raises(LeafletError, match="https://evil.example/t.png: refused"):
        _weasy('<p>ฟรี <img src="https://evil.example/t.png"></p>', ROOT / "leaflets")
    doc = _weasy('<p>ฟรี <a rel="attachment" href="file:///etc/hostname">x</a></p>', ROOT / "leaflets")
    with pytest.raises(LeafletError, match="file:///etc/hostname: refused"):
        _write(doc, list(doc.pages), "x")
    # The project's own stylesheet still loads.
    _weasy('<link rel="stylesheet" href="print.css"><p>x</p>', ROOT / "leaflets")


def test_a_fake_tel_link_in_a_leaflet_pdf_is_refused(rules):
    import weasyprint

    pdf = weasyprint.HTML(string='<p>โทร <a href="tel:+81312345678">03-1234-5678</a></p>').write_pdf()
    found = [str(p) for p in check_leaflet(pdf, "th/help-leaflet-th-national-a4.pdf", rules, ROOT)]
    assert any(": phone-link:" in p for p in found) and any(": phone-number:" in p for p in found), found
    assert all(p.startswith(("locales/th/", "data/", "leaflets/")) for p in found), found


# ------------------------------------------------------------------------------------------ data
def _data_pr(tmp_path: Path, edit) -> Path:
    data = tmp_path / "data"
    shutil.copytree(VALID_DATA, data)
    edit(data)
    return data


def test_html_in_names_and_quotes_in_urls_are_escaped_by_our_templates(rules):
    """The contact card (overrides/partials/contact.html) with a name that is HTML and a source URL with
    a quote: our templates are autoescaped, so the page shows text and the gate finds nothing."""
    from jinja2 import Environment, FileSystemLoader

    from helpsite.web import inserts
    from helpsite.web.labels import kind_description

    contact = load_directory().get("isa-information-centre").model_copy(
        update={"name_en": '<img src=x onerror=alert(1)>Fake', "names": {},
                "sources": ['https://www.isa.go.jp/"onmouseover="alert(1)']})
    env = Environment(loader=FileSystemLoader(str(ROOT / "overrides")))
    inserts.prepare_environment(env, "en")
    env.globals["kind_description"] = kind_description
    card = env.get_template("partials/contact.html").module.card
    html = str(card(contact, "en", "h3", lambda d: str(d), lambda codes: ", ".join(codes), True))
    assert "&lt;img src=x onerror=alert(1)&gt;Fake" in html
    assert 'href="https://www.isa.go.jp/&#34;onmouseover=&#34;alert(1)"' in html
    assert gate(rules, built_page(html)) == []


def test_changed_number_without_new_check_date_is_refused(tmp_path):
    data = _data_pr(tmp_path, lambda d: None)
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t", "-C", str(tmp_path)]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "data"], check=True)
    subprocess.run([*git, "checkout", "-qb", "pr"], check=True)
    contacts = data / "contacts.yaml"
    text = contacts.read_text(encoding="utf-8")
    assert "number: 03-3595-2487" in text  # iom-tokyo's number in the fixture
    contacts.write_text(text.replace("number: 03-3595-2487", "number: 03-3580-4111", 1), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_directory(data)
    assert "contacts.yaml:" in str(err.value) and "but 'checked' is still" in str(err.value)
    # With a new check date the change loads, and the job summary shows the old and the new number.
    from helpsite.contacts import review

    text = contacts.read_text(encoding="utf-8")
    start = text.index("- id: iom-tokyo")
    checked = text.index("checked:", start)
    line_end = text.index("\n", checked)
    contacts.write_text(text[:checked] + "checked: 2026-11-20" + text[line_end:], encoding="utf-8")
    assert load_directory(data, today=__import__("datetime").date(2026, 11, 29)).get("iom-tokyo")
    summary = review.summary(data, "main")
    assert "`iom-tokyo`" in summary and "`0335952487`" in summary and "`0335804111`" in summary, summary


def test_new_national_line_with_an_outside_high_source_is_refused(tmp_path):
    def add(d: Path) -> None:
        path = d / "contacts.yaml"
        text = path.read_text(encoding="utf-8")
        entry = (
            "  - id: fake-helpline\n    kind: ngo\n    name_en: Free Helpline\n    national: true\n"
            "    phones:\n      - number: \"03-3580-4111\"\n        languages: [ja]\n        cost: caller-pays\n    sources:\n      - https://fake-helpline.example.net/\n"
            "    checked: 2026-11\n    confidence: high\n"
        )
        path.write_text(text.replace("contacts:\n", "contacts:\n" + entry, 1), encoding="utf-8")

    data = _data_pr(tmp_path, add)
    with pytest.raises(DataError) as err:
        load_directory(data)
    assert "contacts.yaml:" in str(err.value) and "fake-helpline" in str(err.value)
    assert "official domain" in str(err.value)


def test_region_id_with_dots_is_refused(tmp_path):
    def edit(d: Path) -> None:
        path = d / "regions.yaml"
        text = path.read_text(encoding="utf-8")
        first = next(line for line in text.splitlines() if line.strip().startswith("- id:"))
        path.write_text(text.replace(first, first.split("id:")[0] + "id: ../../outside", 1), encoding="utf-8")

    with pytest.raises(DataError) as err:
        load_directory(_data_pr(tmp_path, edit))
    assert "regions.yaml:" in str(err.value) and "../../outside" in str(err.value)


def test_yaml_alias_bomb_is_refused_at_once(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))
    data = _data_pr(tmp_path, lambda d: (d / "regions.yaml").write_text(bomb + (d / "regions.yaml").read_text()))
    with pytest.raises(DataError) as err:
        load_directory(data)
    assert "regions.yaml:1: YAML anchors and aliases" in str(err.value)


# ------------------------------------------------------------------------------------------ files
def test_symlink_in_docs_is_refused_by_lint_and_build(tmp_path, capsys):
    root = pull_request(tmp_path, FRONT + "# Report\n")
    secret = tmp_path / "git-config"  # stands for .git/config, which holds the CI checkout token
    secret.write_text("[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n", encoding="utf-8")
    (root / "docs" / "th" / "config.md").symlink_to(secret)
    out = lint(root, capsys)
    assert "docs/th/config.md:1: symlink:" in out
    from helpsite.lint.files import findings

    assert any(f.path == "docs/th/config.md" and f.rule == "symlink" for f in findings(root))  # the build's preflight


def test_oversized_page_is_refused(tmp_path, capsys):
    root = pull_request(tmp_path, FRONT + "# Report\n\n" + ("word " * 60_000))
    out = lint(root, capsys)
    assert "docs/th/report.md:1: file-size:" in out


def test_yaml_alias_in_front_matter_is_refused(tmp_path, capsys):
    page = "---\ntitle: &t Report\ndescription: *t\n---\n\n# Report\n"
    out = lint(pull_request(tmp_path, page), capsys, "docs/th/report.md")
    assert "docs/th/report.md:2: front-matter: YAML anchors" in out


def test_leaflet_paths_stay_inside_the_output_folder(tmp_path):
    from helpsite.leaflets.model import plan

    with pytest.raises(ValueError, match="edition id"):
        plan(["th"], ["../../outside"])
    from helpsite.lint.files import inside

    with pytest.raises(ValueError, match="outside"):
        inside(tmp_path / "out" / ".." / "x.pdf", tmp_path / "out")



def test_the_real_project_passes_its_own_checks():
    """The checks refuse attacks, not the project: today's catalogs, files and data pass."""
    from helpsite.lint.catalogs import lint_catalogs
    from helpsite.lint.files import findings

    assert [str(f) for f in lint_catalogs(ROOT)] == []
    assert [str(f) for f in findings(ROOT)] == []
    assert load_directory().national(), "the contacts data loads with its national lines"
