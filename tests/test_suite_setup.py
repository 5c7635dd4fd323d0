"""The test suite's own set-up: the xdist groups that keep a costly fixture (a build, a browser) in one
process must really reach the scheduler (pytest-xdist marks them in the node ID; under pytest 9 that mark
was silently lost, and every "built once" fixture was built once per process)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.xdist_group(name="suite-check")


def test_xdist_groups_reach_the_scheduler(request: pytest.FixtureRequest) -> None:
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("runs under `make test` (pytest -n 2 --dist loadgroup)")
    assert request.node.nodeid.endswith("@suite-check"), request.node.nodeid
