"""Live reload: a curator saves content.yaml while the kiosk runs."""

from __future__ import annotations

import os

import pytest


@pytest.fixture
def content(write_content, minimal):
    return write_content(minimal)


def title(visitor, page="one") -> str | None:
    """The page title a visitor sees now (None while the pages are being rebuilt)."""
    shown = [t for t in visitor.find_all(f"title_{page}") if visitor.shows(t)]
    return shown[0].property("text") if shown else None


def banner_shown(visitor) -> bool:
    return any(visitor.shows(b) for b in visitor.find_all("staffBanner"))


def banner_errors(visitor) -> list[str]:
    return [t.property("text") for t in visitor.find_all("staffError")]


def save(path, text: str, *, rename: bool = False) -> None:
    """Save as an editor does: in place, or (rename) a temporary file renamed over the old one."""
    if rename:
        tmp = path.with_name(f".{path.name}.swp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    else:
        path.write_text(text, encoding="utf-8")


def enter(visitor, page="one"):
    visitor.tap(visitor.find("attractScreen"))
    visitor.go(page)


def test_preview_applies_a_good_edit_at_once_and_keeps_the_page(open_kiosk, content, minimal):
    visitor = open_kiosk(content)  # windowed: the curator's preview
    enter(visitor)
    visitor.tap("nav_two")
    visitor.go("two")
    save(content, minimal.replace("title: Page two", "title: Page deux"))
    visitor.qtbot.waitUntil(lambda: title(visitor, "two") == "Page deux", timeout=5000)
    assert visitor.page == "two"
    assert not banner_shown(visitor)


def test_a_broken_edit_keeps_the_last_good_content_and_shows_the_errors_to_staff(
    open_kiosk, content, minimal
):
    visitor = open_kiosk(content)
    enter(visitor)
    save(content, minimal.replace("title: Page one", "titel: Page one"))
    visitor.qtbot.waitUntil(lambda: banner_shown(visitor), timeout=5000)
    (error,) = banner_errors(visitor)
    assert error.endswith(
        ":7:5: the 1st page (one), titel: unknown key 'titel' - did you mean 'title'?"
    )
    assert title(visitor) == "Page one"  # the last good version stays on screen
    save(content, minimal.replace("title: Page one", "title: Page one, corrected"))  # fixed
    visitor.qtbot.waitUntil(lambda: title(visitor) == "Page one, corrected", timeout=5000)
    assert not banner_shown(visitor)


def test_rename_style_saves_are_followed_every_time(open_kiosk, content, minimal):
    visitor = open_kiosk(content)
    enter(visitor)
    for n in range(3):  # the watch comes back after each rename
        save(content, minimal.replace("title: Page one", f"title: Version {n}"), rename=True)
        visitor.qtbot.waitUntil(lambda n=n: title(visitor) == f"Version {n}", timeout=5000)
    save(content, "attract: [", rename=True)
    visitor.qtbot.waitUntil(lambda: banner_shown(visitor), timeout=5000)
    assert title(visitor) == "Version 2"


def test_a_broken_picture_is_noticed_too(open_kiosk, content):
    visitor = open_kiosk(content)
    enter(visitor)
    picture = content.with_name("pic.png")
    good = picture.read_bytes()
    picture.write_bytes(good[:40])  # truncated
    visitor.qtbot.waitUntil(lambda: banner_shown(visitor), timeout=5000)
    assert "pic.png" in banner_errors(visitor)[0]
    picture.write_bytes(good)
    visitor.qtbot.waitUntil(lambda: not banner_shown(visitor), timeout=5000)


def test_kiosk_mode_waits_for_the_attract_screen_and_never_shows_the_banner(
    open_kiosk, content, minimal, caplog
):
    visitor = open_kiosk(content, preview=False)
    enter(visitor)
    reload = visitor.kiosk.reload
    caplog.set_level("INFO", logger="kiosk.backend.reload")
    with visitor.qtbot.waitSignal(reload.checked, timeout=5000):
        save(content, minimal.replace("title: Page one", "titel: Page one"))
    assert not banner_shown(visitor)  # broken: logged only
    with visitor.qtbot.waitSignal(reload.checked, timeout=5000):
        save(content, minimal.replace("title: Page one", "title: Next visitor's page"))
    assert reload.waiting
    # the technician reads in the log what was noticed, what was fixed, and when it shows
    said = [r.getMessage() for r in caplog.records if r.name == "kiosk.backend.reload"]
    assert said[0] == f"noticed a change to {content.resolve()}: checking it"
    assert f"{content} is fixed: no errors any more" in said
    assert said[-1] == (
        f"a new version of {content} is good; it is shown when the kiosk stands on its attract "
        "screen: at the latest 105 s after the last touch (the idle timeout of 90 s and its "
        "15 s warning)"
    )
    assert title(visitor) == "Page one"  # nothing changes under the visitor's finger
    visitor.kiosk.session.reset()  # the visitor left: idle reset, back to the attract screen
    visitor.qtbot.waitUntil(lambda: not reload.waiting, timeout=5000)
    enter(visitor)
    visitor.qtbot.waitUntil(lambda: title(visitor) == "Next visitor's page", timeout=5000)
