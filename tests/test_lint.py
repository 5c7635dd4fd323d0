"""Content lint: every rule gets a bad file and the exact message (file:line: rule: what Fix: how)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpsite.lint import Linter, lint_paths
from helpsite.lint import phones
from helpsite.paths import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "lint"


@pytest.fixture(scope="module")
def findings() -> dict[str, list[str]]:
    """All findings of the fixture project, by file."""
    result: dict[str, list[str]] = {}
    for finding in lint_paths([FIXTURE / "docs"], root=FIXTURE):
        result.setdefault(finding.path, []).append(str(finding))
    return result


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the fixture project, for files the repository must not hold."""
    shutil.copytree(FIXTURE, tmp_path / "p")
    return tmp_path / "p"


def lint_one(root: Path, rel: str, text: str) -> list[str]:
    path = root / rel
    path.write_text(text, encoding="utf-8")
    return [str(f) for f in Linter(root).lint_file(path)]


def test_good_pages_have_no_findings(findings):
    for good in ("docs/en/index.md", "docs/en/other.md", "docs/th/index.md", "docs/th/other.md"):
        assert findings.get(good) is None, findings.get(good)


def test_script(findings):
    assert findings["docs/en/bad-script.md"] == [
        "docs/en/bad-script.md:7: script: raw <script> tag in Markdown. Fix: Remove it. Pages must not run their "
        "own JavaScript; the site's scripts live in overrides/assets/."
    ]


def test_iframe(findings):
    got = findings["docs/en/bad-iframe.md"]
    assert got[0] == (
        "docs/en/bad-iframe.md:5: iframe: <iframe> embeds another page into this one. Fix: Remove it and link to "
        "the page instead: [Title](https://example.go.jp/page)."
    )
    assert got[1].startswith("docs/en/bad-iframe.md:5: external-embed: <iframe src=\"https://maps.example.com/embed\">")


def test_event_handlers(findings):
    assert findings["docs/en/bad-handler.md"] == [
        "docs/en/bad-handler.md:5: event-handler: inline event handler 'onclick=' on <a> runs JavaScript. "
        "Fix: Remove the attribute. Pages must not run their own JavaScript.",
        "docs/en/bad-handler.md:7: event-handler: inline event handler 'onmouseover=' in an attribute list { … } "
        "runs JavaScript. Fix: Remove the attribute. Pages must not run their own JavaScript.",
    ]


def test_javascript_links_even_entity_encoded(findings):
    message = (
        "javascript-link: 'javascript:' link runs code (or opens a page made of code) when tapped. "
        "Fix: Link to a page of this site (a .md file) or to an https:// address instead."
    )
    assert findings["docs/en/bad-javascript.md"] == [
        f"docs/en/bad-javascript.md:5: {message}",
        f"docs/en/bad-javascript.md:7: {message}",
    ]


def test_external_embeds(findings):
    got = findings["docs/en/bad-embed.md"]
    fix = "Fix: Save the file under docs/assets/ and reference it with a relative path, or make it a plain link"
    assert got[0] == (
        "docs/en/bad-embed.md:5: external-embed: image ![…](https://tracker.example.com/logo.png) is loaded from "
        f"another host, which tells that host who reads this page. {fix}: [description](https://…)."
    )
    heads = [line.split(" loads", 1)[0].split(" is loaded", 1)[0] for line in got]
    assert heads[1:] == [
        'docs/en/bad-embed.md:7: external-embed: <img src="http://tracker.example.com/pixel.gif">',
        'docs/en/bad-embed.md:9: external-embed: <video poster="//cdn.example.com/p.jpg">',
        'docs/en/bad-embed.md:9: external-embed: <source src="https://cdn.example.com/v.mp4">',
        'docs/en/bad-embed.md:11: external-embed: <link href="https://fonts.example.com/css">',
        "docs/en/bad-embed.md:13: external-embed: image ![…][map]",
        "docs/en/bad-embed.md:17: unsafe-html: <object> does not belong in a page (it can load, submit or restyle "
        "content). Fix: Remove it; write the content in plain Markdown.",
        'docs/en/bad-embed.md:17: external-embed: <object data="https://example.com/x.swf">',
    ]
    assert not any(":19:" in line for line in got), "a local image is fine"


def test_outbound_links_to_official_sites_are_fine(project):
    assert lint_one(project, "docs/en/out.md", "---\ntitle: Out\n---\n\n[MOJ](https://www.moj.go.jp/isa/)\n"
                    "<a href=\"https://www.npa.go.jp/\">NPA</a>\n") == []


@pytest.mark.parametrize(
    "char, name",
    [
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
        ("\u2028", "U+2028 LINE SEPARATOR"),
        ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE (byte order mark)"),
        ("\u00ad", "U+00AD SOFT HYPHEN"),
    ],
)
def test_invisible_and_bidi_characters(project, char, name):
    got = lint_one(project, "docs/en/hidden.md", f"---\ntitle: Hidden\n---\n\n# Hidden\n\nabc{char}def\n")
    assert got == [
        f"docs/en/hidden.md:7: invisible-character: {name} at column 4: an invisible or text-direction control "
        "character can hide or reorder what the text says. Fix: Delete it (in most editors: put the cursor after it "
        "and press Backspace; `python -m helpsite.lint --fix-invisible FILE` removes them all)."
    ]


@pytest.mark.parametrize(
    "text",
    [
        "\u0db4\u0dca\u200d\u0dbb",  # Sinhala ප්‍ර: ZWJ after the al-lakuna
        "\u0dc0\u0dca\u200d\u0dba",  # Sinhala ව්‍ය
        "\u0915\u094d\u200d\u0937",  # Devanagari half form: ZWJ after the virama
        "\u0645\u06cc\u200c\u062e",  # Urdu: ZWNJ between two Arabic letters
    ],
)
def test_joiners_that_are_spelling_are_allowed(project, text):
    assert lint_one(project, "docs/en/joined.md", f"---\ntitle: Joined\n---\n\n# Joined\n\n{text}\n") == []


@pytest.mark.parametrize("text", ["ab\u200dc", "\u0db4\u200d\u0dbb", "\u0dca\u200d1", "1\u200c2"])
def test_joiners_elsewhere_are_refused(project, text):
    got = lint_one(project, "docs/en/joined.md", f"---\ntitle: Joined\n---\n\n# Joined\n\n{text}\n")
    assert len(got) == 1 and "invisible-character: U+200" in got[0]


def test_fix_invisible_removes_them(project):
    path = project / "docs/en/hidden.md"
    path.write_text("---\ntitle: Hidden\n---\n\nab\u202ec\u200bd \u0db4\u0dca\u200d\u0dbb\n", encoding="utf-8")
    from helpsite.lint.__main__ import main

    assert main(["--root", str(project), "--fix-invisible", str(path)]) == 0
    assert path.read_text(encoding="utf-8").endswith("abcd \u0db4\u0dca\u200d\u0dbb\n")  # the Sinhala ZWJ stays


PHONE_FIX = (
    "Fix: Contacts live in data/contacts.yaml with their source and check date; show them with an insert line "
    "such as <!-- insert: emergency --> or <!-- insert: national --> instead."
)


def test_phone_numbers(findings):
    got = findings["docs/en/bad-phone.md"]
    expected = [
        (3, "0120-123-456", 19),
        (8, "03-5253-1111", 6),
        (9, "0570-000-911", 18),
        (10, "+81-3-5253-1111", 14),
        (11, "110", 17),
        (12, "#9110", 23),
        (13, "tel:0312345678", 11),
    ]
    assert got == [
        f"docs/en/bad-phone.md:{line}: phone-number: '{number}' (column {col}) looks like a phone number typed "
        f"into the page. {PHONE_FIX}"
        for line, number, col in expected
    ]


def test_full_width_phone_numbers(project):
    got = lint_one(project, "docs/en/wide.md",
                   "---\ntitle: Wide\n---\n\n電話：０３－５２５３－１１１１\n１１０番に電話\n＃９１１０\n")
    assert [g.split(" looks")[0] for g in got] == [
        "docs/en/wide.md:5: phone-number: '０３－５２５３－１１１１' (column 4)",
        "docs/en/wide.md:6: phone-number: '１１０' (column 1)",
        "docs/en/wide.md:7: phone-number: '＃９１１０' (column 1)",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "In 2004, the government made a plan.",
        "Since 2005, IOM helps victims.",
        "1. Make your screen bright.",
        "110. a list item",
        "Checked on 2025-01-15.",
        "〒100-8977 Tokyo",
        "Open 9:00-17:00.",
        "About 1,100 people, 3.5 percent, 100%.",
        "source_hash-like text a03125253111b",
    ],
)
def test_not_phone_numbers(text):
    assert phones.find(text) == []


def test_translation_block_hashes_are_not_phone_numbers(project):
    text = (project / "docs/th/other.md").read_text(encoding="utf-8").replace("0a1b2c3d4e5f", "031234567890")
    assert lint_one(project, "docs/th/other.md", text) == []


def test_broken_links_and_anchors(findings):
    got = findings["docs/en/bad-links.md"]
    assert got == [
        "docs/en/bad-links.md:7: broken-link: 'no-such-page.md' does not exist (looked for docs/en/no-such-page.md). "
        "Fix: Link to an existing page of the same language; file names are the same in every language "
        "(those of docs/en/).",
        "docs/en/bad-links.md:8: broken-anchor: 'other.md#third-part': docs/en/other.md has no heading with id "
        "'third-part' (its ids: other-page, second-part). Fix: Link to an existing heading id. Headings in Thai, "
        "Japanese, Chinese or Korean get ids like _1, _2 on this site; to link to one, give it an explicit id: "
        "## Heading { #my-id }.",
        "docs/en/bad-links.md:9: broken-link: '/en/other/' is an absolute link; it breaks when the site is not at "
        "the root of its host. Fix: Use a relative link to the Markdown file, e.g. [Report a case](report.md).",
        "docs/en/bad-links.md:10: broken-link: 'other/' links to a folder, not to a page. Fix: Link to the Markdown "
        "file itself, e.g. 'other.md' or 'other/index.md'.",
        "docs/en/bad-links.md:11: broken-link: '../th/other.md' points into another language folder "
        "(docs/th/other.md). Fix: Link to the page in the same language, docs/en/…; readers switch language with "
        "the language menu.",
        "docs/en/bad-links.md:12: broken-anchor: '#nowhere': docs/en/bad-links.md has no heading with id 'nowhere' "
        "(its ids: bad-links). Fix: Link to an existing heading id. Headings in Thai, Japanese, Chinese or Korean "
        "get ids like _1, _2 on this site; to link to one, give it an explicit id: ## Heading { #my-id }.",
    ]


def test_links_in_another_language_resolve_in_its_folder(findings):
    got = findings["docs/th/bad-links.md"]
    assert got[0].startswith(
        "docs/th/bad-links.md:13: broken-link: 'no-such-page.md' does not exist (looked for docs/th/no-such-page.md)."
    )
    # A Thai heading gets the id _1 with the site's toc settings, so its text is not an anchor.
    assert got[1].startswith(
        "docs/th/bad-links.md:14: broken-anchor: 'other.md#ส่วนที่สอง': docs/th/other.md has no heading with id "
        "'ส่วนที่สอง' (its ids: _1, second)."
    )
    # The translation status page is generated in English only.
    assert got[2].startswith("docs/th/bad-links.md:15: broken-link: 'translation-status.md' does not exist")
    assert len(got) == 3


def test_anchor_ids_match_what_mkdocs_generates(project):
    """The ids come from Python-Markdown with mkdocs.yml's extensions: the same ones the site gets."""
    from helpsite.lint.anchors import heading_ids_from_text

    ids = heading_ids_from_text(
        "# ขอความช่วยเหลือ\n\n## 1. Stop trafficking\n\n## Tiếng Việt\n\n## 日本語\n\n## Foo { #bar }\n",
        project / "mkdocs.yml",
    )
    assert ids == {"_1", "1-stop-trafficking", "tieng-viet", "_2", "bar"}


def test_front_matter_keys(findings):
    assert findings["docs/en/bad-front-matter.md"] == [
        "docs/en/bad-front-matter.md:3: front-matter: key 'author' does not belong in the front matter (allowed: "
        "title, description, translation, hide, sources). Fix: Remove it.",
        "docs/en/bad-front-matter.md:4: front-matter: key 'template' does not belong in the front matter (allowed: "
        "title, description, translation, hide, sources). Fix: Remove it.",
        "docs/en/bad-front-matter.md:5: front-matter: 'hide: sidebar' is not something the theme can hide. "
        "Fix: Use a list of: navigation, toc, footer, path, tags, feedback.",
    ]


def test_front_matter_yaml_error_and_missing(project):
    got = lint_one(project, "docs/en/broken.md", "---\ntitle: a: b\n---\n\n# x\n")
    assert got[0].startswith("docs/en/broken.md:2: front-matter: the front matter is not valid YAML")
    got = lint_one(project, "docs/en/none.md", "# No front matter\n")
    assert got == [
        "docs/en/none.md:1: front-matter: the page has no front matter. Fix: Start the file with '---', a line "
        "'title: …', a line 'description: …' and '---' (see CONTRIBUTING.md)."
    ]


def test_translation_block(findings):
    got = findings["docs/th/bad-translation.md"]
    fix = (
        "Fix: Write the block as in CONTRIBUTING.md: translation: with source: en/bad-translation.md, source_hash:, "
        "status: machine-drafted or reviewed, reviewed_by:, reviewed_on:."
    )
    assert got[0] == (
        "docs/th/bad-translation.md:4: translation-block: 'translation: source:' is 'en/index.md', it must be "
        f"'en/bad-translation.md'. {fix}"
    )
    assert got[1].startswith("docs/th/bad-translation.md:5: translation-block: 'translation: source_hash:' is 12345")
    assert got[2] == (
        "docs/th/bad-translation.md:6: translation-block: 'translation: status:' is 'done', it must be one of: "
        f"machine-drafted, reviewed. {fix}"
    )
    assert got[3].startswith(
        "docs/th/bad-translation.md:7: translation-block: 'translation: translator:' is not a known key"
    )


def test_translation_block_on_english_page(project):
    got = lint_one(project, "docs/en/extra.md", "---\ntitle: X\ntranslation:\n  source: en/x.md\n---\n\n# X\n")
    assert got == [
        "docs/en/extra.md:3: front-matter: 'translation:' belongs on translated pages, not on the en source page. "
        "Fix: Remove the block."
    ]


def test_cli_exit_status_and_format(tmp_path):
    bad = subprocess.run(
        [sys.executable, "-m", "helpsite.lint", "--root", str(FIXTURE), str(FIXTURE / "docs/en/bad-script.md")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert bad.returncode == 1
    assert bad.stdout.startswith("docs/en/bad-script.md:7: script: raw <script> tag in Markdown. Fix: ")
    good = subprocess.run(
        [sys.executable, "-m", "helpsite.lint", "--root", str(FIXTURE), str(FIXTURE / "docs/en/index.md")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert (good.returncode, good.stdout) == (0, "")


def test_github_annotation_format():
    from helpsite.lint import Finding

    finding = Finding("docs/th/report.md", 12, "script", "raw <script> tag.", "Remove it.")
    assert finding.github() == "::error file=docs/th/report.md,line=12,title=script::script: raw <script> tag. Fix: Remove it."


def test_the_real_pages_pass_the_lint():
    """The project's own pages: the same check as `make lint` and the pre-commit hook."""
    problems = [str(f) for f in lint_paths()]
    assert problems == [], "\n".join(problems)


def test_yaml_check(tmp_path):
    from helpsite.lint.yamlcheck import main

    bad = tmp_path / "bad.yaml"
    bad.write_text("a: 1\n  b: 2\n", encoding="utf-8")
    assert main([str(ROOT / "mkdocs.yml")]) == 0
    assert main([str(bad)]) == 1
