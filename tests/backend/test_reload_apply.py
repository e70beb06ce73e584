"""Live reload without a window: a good edit is applied when it is safe (at once in the
preview), a broken one never; the file is read when ``check_now`` is called."""

from __future__ import annotations

import pytest

from kiosk.backend.reload import Reload
from kiosk.content import open_content

GOOD = "title: Page one"


@pytest.fixture
def setup(qapp, write_content, minimal):
    path = write_content(minimal)
    current, issues = open_content(path, None)
    assert not issues
    applied: list = []
    safe = [False]
    reload = Reload()

    def start(preview: bool) -> Reload:
        reload.start(
            path, current, None, apply=applied.append, safe=lambda: safe[0], preview=preview
        )
        return reload

    yield path, start, applied, safe, minimal
    reload.stop()


def test_a_good_edit_waits_until_it_is_safe(setup):
    path, start, applied, safe, minimal = setup
    reload = start(preview=False)
    path.write_text(minimal.replace(GOOD, "title: Version two"), encoding="utf-8")
    reload.check_now()
    assert applied == [] and reload.waiting and reload.errors == []
    safe[0] = True
    reload.apply_if_safe()
    assert len(applied) == 1 and not reload.waiting
    assert applied[0].data["pages"][0]["title"] == "Version two"


def test_the_preview_applies_at_once_and_says_what_is_wrong(setup):
    path, start, applied, _safe, minimal = setup
    reload = start(preview=True)
    path.write_text("attract: [", encoding="utf-8")
    reload.check_now()
    assert applied == [] and reload.errors and "content.yaml" in reload.errors[0]
    path.write_text(minimal.replace(GOOD, "title: Fixed"), encoding="utf-8")
    reload.check_now()
    assert reload.errors == [] and len(applied) == 1


def test_kiosk_mode_logs_errors_but_shows_none(setup):
    path, start, applied, _safe, _minimal = setup
    reload = start(preview=False)
    path.write_text("attract: [", encoding="utf-8")
    reload.check_now()
    assert reload.errors == [] and reload.last_errors and applied == []


def test_the_staff_can_apply_a_waiting_version_now(setup):
    path, start, applied, _safe, minimal = setup
    reload = start(preview=False)
    path.write_text(minimal.replace(GOOD, "title: Now"), encoding="utf-8")
    reload.check_now()
    reload.apply_now()
    assert len(applied) == 1
    reload.apply_if_safe()  # the kiosk is still not safe: nothing more
    assert len(applied) == 1
