"""Who runs the site and where to report a wrong number (mkdocs.yml extra.operator, helpsite/operator.py):
placeholders warn on every build and make publishing fail; the site and the leaflets show the settings."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpsite import operator
from helpsite.paths import MKDOCS_YML, ROOT

PUBLIC_URL = "https://help.example-ngo.jp/"


def mkdocs_yml(tmp_path: Path, name: str, report: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(
        'site_name: t\nsite_url: !ENV [SITE_URL, "https://help-trafficking-japan.github.io/"]\n'
        f"extra:\n  operator:\n    name: {name}\n    report: {report}\n",
        encoding="utf-8",
    )
    return path


def test_the_project_still_holds_placeholders_and_a_preview_build_only_warns() -> None:
    # If this fails because the real operator was filled in: good, delete this test.
    assert operator.load().placeholders == ["name", "report"]
    warnings = operator.check(site_url="https://help-trafficking-japan.github.io/")
    assert len(warnings) == 1 and "still hold a placeholder" in warnings[0]


def test_publishing_with_the_placeholder_fails_the_build(tmp_path: Path) -> None:
    """`python -m helpsite.build` with a public SITE_URL stops before it builds anything."""
    out = tmp_path / "site"
    env = dict(os.environ, SITE_URL=PUBLIC_URL)
    result = subprocess.run([sys.executable, "-m", "helpsite.build", "--out", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    message = result.stdout + result.stderr
    assert f"publishing to {PUBLIC_URL} with placeholder operator settings" in message
    assert "extra.operator.name" in message and "Fix: write the real name" in message
    assert not out.exists()


def test_publishing_with_the_placeholder_fails_the_leaflets(tmp_path: Path) -> None:
    env = dict(os.environ, SITE_URL=PUBLIC_URL)
    result = subprocess.run([sys.executable, "build_leaflets.py", "--out", str(tmp_path / "l"), "--lang", "en"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "placeholder operator settings" in result.stdout + result.stderr


def test_real_settings_publish_and_an_email_becomes_a_mailto_link(tmp_path: Path) -> None:
    path = mkdocs_yml(tmp_path, "Anti-Trafficking Volunteers Japan", "numbers@atvj.jp")
    assert operator.check(site_url=PUBLIC_URL, path=path) == []
    assert operator.load(path=path).report_href == "mailto:numbers@atvj.jp"
    issue = mkdocs_yml(tmp_path, "ATVJ", "https://github.com/atvj/help/issues/new")
    assert operator.load(path=issue).report_href == "https://github.com/atvj/help/issues/new"


@pytest.mark.parametrize(
    ("name", "report", "error"),
    [
        ("ATVJ", "call us", "neither an e-mail address nor an https:// address"),
        ("''", "a@b.jp", "extra.operator.name is missing or empty"),
        ("ATVJ", "someone@example.org", "publishing to"),
    ],
)
def test_bad_or_placeholder_settings_name_the_file_and_the_fix(tmp_path, name, report, error) -> None:
    path = mkdocs_yml(tmp_path, name, report)
    with pytest.raises(operator.OperatorError) as exc:
        operator.check(site_url=PUBLIC_URL, path=path)
    assert str(path) in str(exc.value) and error in str(exc.value) and "Fix:" in str(exc.value)


def test_the_placeholder_is_the_site_url_default() -> None:
    assert operator.default_site_url(MKDOCS_YML) == "https://help-trafficking-japan.github.io/"
    assert not operator.publishing("https://help-trafficking-japan.github.io/")
    assert operator.publishing(PUBLIC_URL)


def test_publishing_with_the_placeholder_fails_a_plain_mkdocs_build(tmp_path: Path) -> None:
    """The hook stops `mkdocs build` too (deploy scripts may call MkDocs directly)."""
    out = tmp_path / "site"
    env = dict(os.environ, SITE_URL=PUBLIC_URL, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert f"publishing to {PUBLIC_URL} with placeholder operator settings" in result.stdout + result.stderr
    assert not out.exists()
