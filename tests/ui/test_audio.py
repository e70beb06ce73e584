"""Audio mode on the real window: three fingers held 2 s (or the keypad's audio key) turn
it on; each page says its title in the visitor's language; any input interrupts; the idle
reset turns it off.  (Tests hear nothing: KIOSK_AUDIO=null, tests/conftest.py.)"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

PAGES = ["background", "negotiations", "terms", "aftermath", "map", "credits"]


def hold_three_fingers(visitor) -> None:
    w, dev = visitor.window, visitor.touchscreen
    points = [QPoint(700, 500), QPoint(800, 520), QPoint(900, 540)]
    seq = QTest.touchEvent(w, dev)
    for i, p in enumerate(points):
        seq = seq.press(i, p, w)
    seq.commit()
    visitor.qtbot.waitUntil(lambda: visitor.window.property("audioMode"), timeout=3500)
    seq = QTest.touchEvent(w, dev)
    for i, p in enumerate(points):
        seq = seq.release(i, p, w)
    seq.commit()


@pytest.mark.parametrize("language", ["en", "ru", "zh-Hans"])
def test_three_fingers_start_audio_and_each_page_says_its_title(
    open_kiosk, shipped_content, language
):
    v = open_kiosk(shipped_content)
    v.enter("background")
    v.tap(f"lang_{language}")
    v.qtbot.waitUntil(lambda: v.window.property("language") == language)
    hold_three_fingers(v)
    for page in [*PAGES[1:], PAGES[0]]:  # (the first page is open already)
        v.tap(f"nav_{page}")
        v.go(page)
        title = v.find(f"title_{page}").property("text")
        v.qtbot.waitUntil(lambda title=title: v.window.property("lastSpoken") == title)
        assert v.window.property("lastSpokenLanguage") == language


def test_the_keypad_turns_audio_on_and_focus_is_announced(open_kiosk, shipped_content):
    v = open_kiosk(shipped_content, fullscreen=True, size=None)
    v.qtbot.waitUntil(lambda: v.kiosk.keypad._window is not None)
    v.key(Qt.Key.Key_Return)
    v.go("background")
    v.key(Qt.Key.Key_F2)  # the audio key
    v.qtbot.waitUntil(lambda: v.window.property("audioMode"))
    v.choose("nav_terms")
    v.go("terms")
    v.qtbot.waitUntil(lambda: v.window.property("lastSpoken") == "What the treaty said")
    v.key(Qt.Key.Key_Right)
    spoken = v.window.property("lastSpoken")
    assert ", button, " in spoken and " of " in spoken and spoken.endswith("Press Select to open")


def test_any_touch_interrupts_and_the_idle_reset_ends_audio_mode(open_kiosk, shipped_content):
    v = open_kiosk(shipped_content)
    v.enter("background")
    hold_three_fingers(v)
    v.tap("nav_terms")
    v.go("terms")
    v.qtbot.waitUntil(lambda: v.kiosk.speech.speaking)
    v.tap(v.find("title_terms"))  # a touch anywhere
    v.qtbot.waitUntil(lambda: not v.kiosk.speech.speaking, timeout=250)
    v.kiosk.session.reset()
    v.qtbot.waitUntil(lambda: v.page == "attract")
    assert v.window.property("audioMode") is False


def test_a_place_on_the_map_is_read_out(open_kiosk, shipped_content):
    v = open_kiosk(shipped_content)
    v.enter("background")
    hold_three_fingers(v)
    v.tap("nav_map")
    v.go("map")
    v.tap("hotspotLabel_aigun")
    v.qtbot.waitUntil(lambda: v.window.property("lastSpoken").startswith("Aigun.\n"))
    assert "28 May 1858" in v.window.property("lastSpoken")
