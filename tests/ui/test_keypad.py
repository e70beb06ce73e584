"""A navigation keypad alone: arrows move a visible focus in reading order and wrap, Enter
presses, Backspace goes back - in kiosk mode, where every other key is swallowed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

PAGES = ["background", "negotiations", "terms", "aftermath", "map", "credits"]
K = Qt.Key


@pytest.fixture
def kiosk_mode(open_kiosk, shipped_content):
    visitor = open_kiosk(shipped_content, fullscreen=True, size=None)
    visitor.qtbot.waitUntil(lambda: visitor.kiosk.keypad._window is not None)  # armed
    return visitor


def test_enter_on_the_attract_screen_starts_the_exhibit(kiosk_mode):
    kiosk_mode.key(K.Key_Return)
    kiosk_mode.go("background")


def test_the_keypad_alone_reaches_every_page_layer_place_and_language(kiosk_mode):
    v = kiosk_mode
    v.key(K.Key_Return)
    v.go("background")
    for page in PAGES:
        v.choose(f"nav_{page}")
        v.go(page)
    v.choose("nav_map")
    v.go("map")
    for layer in ["1689", "1858", "1860"]:
        v.choose(f"layer_{layer}")
        v.qtbot.waitUntil(lambda layer=layer: v.find(f"layer_{layer}").property("checked"))
    spots = v.kiosk.exhibit.map.hotspots.column("spotId")
    assert len(spots) == 6
    for spot in spots:
        v.choose(f"hotspot_{spot}")
        v.qtbot.waitUntil(v.find("hotspotPopup").isVisible)
        v.key(K.Key_Backspace)  # closes the popup, stays on the map
        v.qtbot.waitUntil(lambda: not v.find("hotspotPopup").isVisible())
        assert v.page == "map"
    v.choose("lang_ru")
    v.qtbot.waitUntil(lambda: v.window.property("language") == "ru")
    v.choose("lang_zh-Hans")
    v.qtbot.waitUntil(lambda: v.window.property("language") == "zh-Hans")


def test_backspace_goes_back_screen_by_screen_to_the_attract_screen(kiosk_mode):
    v = kiosk_mode
    v.key(K.Key_Return)
    v.go("background")
    v.choose("nav_terms")
    v.go("terms")
    v.choose("nav_credits")
    v.go("credits")
    for expected in ["terms", "background", "attract"]:
        v.key(K.Key_Backspace)
        v.qtbot.waitUntil(lambda expected=expected: v.page == expected)


def test_the_focus_wraps_round_and_never_leaves_the_screen(kiosk_mode):
    v = kiosk_mode
    v.key(K.Key_Return)
    v.go("background")
    v.key(K.Key_Right)
    first = v.focused()
    seen = [first]
    for _ in range(40):
        v.key(K.Key_Right)
        if v.focused() == first:
            break
        seen.append(v.focused())
    else:
        raise AssertionError(f"the focus never came back round: {seen}")
    assert {"homeButton", "nav_map", "lang_en", "seeOnMap_background"} <= set(seen)
    # (the places on the chapter's own map are on this screen; no other page's controls are)
    assert not any(
        name.startswith(("layer_", "seeOnMap_terms", "next_negotiations")) for name in seen
    )
    v.key(K.Key_Left)  # and back the other way
    assert v.focused() == seen[-1]


def test_the_ring_shows_for_keys_and_goes_at_a_touch(kiosk_mode):
    v = kiosk_mode
    ring = v.find("focusRing")
    assert not ring.isVisible()
    v.key(K.Key_Return)
    v.go("background")
    v.key(K.Key_Right)
    v.qtbot.waitUntil(ring.isVisible)
    v.tap(v.find("nav_terms"))
    v.qtbot.waitUntil(lambda: not ring.isVisible())


def test_other_keys_do_nothing_in_kiosk_mode(kiosk_mode):
    v = kiosk_mode
    v.key(K.Key_Return)
    v.go("background")
    v.choose("nav_terms")
    v.go("terms")
    for key in (K.Key_Escape, K.Key_Tab, K.Key_Q, K.Key_F4):
        v.key(key)
    v.key(K.Key_Backspace, Qt.KeyboardModifier.AltModifier)
    assert v.page == "terms" and v.window.isVisible()


def test_a_curator_can_give_the_keypad_other_keys(open_kiosk, write_content, minimal):
    keys = "settings:\n  keypad:\n    next: [N]\n    activate: [S]\n"
    v = open_kiosk(write_content(keys + minimal), fullscreen=True, size=None)
    v.qtbot.waitUntil(lambda: v.kiosk.keypad._window is not None)
    v.key(K.Key_S)
    v.go("one")
    v.tap(v.find("title_one"))  # a touch: the ring goes
    v.qtbot.waitUntil(lambda: not v.find("focusRing").isVisible())
    v.key(K.Key_Right)  # no longer a keypad key here
    assert not v.find("focusRing").isVisible()
    v.key(K.Key_N)
    v.qtbot.waitUntil(v.find("focusRing").isVisible)


def test_the_idle_reset_hides_the_ring(kiosk_mode):
    v = kiosk_mode
    v.key(K.Key_Return)
    v.go("background")
    v.key(K.Key_Right)
    v.qtbot.waitUntil(v.find("focusRing").isVisible)
    v.kiosk.session.reset()
    v.qtbot.waitUntil(lambda: v.page == "attract" and not v.find("focusRing").isVisible())


def test_a_key_is_activity_and_dismisses_the_idle_warning(open_kiosk, write_content, minimal):
    settings = "settings:\n  idle:\n    timeout_s: 0.3\n    warning_s: 30\n"
    v = open_kiosk(write_content(settings + minimal), fullscreen=True, size=None)
    v.qtbot.waitUntil(lambda: v.kiosk.keypad._window is not None)
    v.key(K.Key_Return)
    v.qtbot.waitUntil(lambda: v.page == "one")
    v.qtbot.waitUntil(v.find("idleWarning").isVisible, timeout=3000)
    # the keypad moves between the warning's two answers (focus starts on Continue)
    v.key(K.Key_Right)
    assert v.focused() == "idleRestart" and v.find("idleWarning").isVisible()
    v.key(K.Key_Left)
    v.key(K.Key_Return)  # Continue: the visitor is still there
    v.qtbot.waitUntil(lambda: not v.find("idleWarning").isVisible())
    assert v.page == "one"


def test_a_numeric_keypads_keys_get_through_the_lockdown(kiosk_mode):
    """A USB keypad's Enter, + and - come with KeypadModifier: still the keypad's keys."""
    v = kiosk_mode
    v.key(K.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    v.go("background")
    v.key(K.Key_Right, Qt.KeyboardModifier.KeypadModifier)
    v.qtbot.waitUntil(v.find("focusRing").isVisible)
