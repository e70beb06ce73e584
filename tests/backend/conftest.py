"""Backend tests run without a window; their clocks are injected."""

from __future__ import annotations

import pytest


class Clock:
    """A clock that moves only when a test says so (``clock.now += seconds``)."""

    def __init__(self, now: float = 1_700_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()
