"""Where things live in the project, so no module hard-codes a path twice."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS_YML = ROOT / "mkdocs.yml"
DOCS = ROOT / "docs"
DATA = ROOT / "data"
LOCALES = ROOT / "locales"
OVERRIDES = ROOT / "overrides"
LEAFLETS = ROOT / "leaflets"
SITE = ROOT / "site"
