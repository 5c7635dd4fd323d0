"""Process-wide state for the browser fixture. pytest imports tests/browser/conftest.py as `conftest`, and
the browser test modules import it again as `tests.browser.conftest`; both copies import this one
module, so a worker process starts Playwright and Chromium once."""
from __future__ import annotations

from typing import Any

STATE: dict[str, Any] = {"users": 0}
