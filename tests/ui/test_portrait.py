"""A tall (portrait) screen, 1080x1920: the pages stack their parts - the map or picture
across the top, the text under it, the buttons low - at the same physical sizes as on a
wide screen, with nothing cut off, overlapping or out of reach."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF

from kiosk import proof, scene

TALL = (1080, 1920)
CHAPTERS = ["background", "negotiations", "terms", "aftermath"]
PAGES = [*CHAPTERS, "map", "credits"]
LANGUAGES = ["en", "ru", "zh-Hans"]


@pytest.fixture
def tall(open_kiosk, shipped_content):
    visitor = open_kiosk(shipped_content, size=TALL)
    visitor.enter("background")
    return visitor


def window_rect(v) -> QRectF:
    return QRectF(0, 0, v.window.width(), v.window.height())


def shown_in(v, name: str):
    """The item named ``name`` that is on screen, or None."""
    return next((i for i in v.find_all(name) if v.shows(i)), None)


def controls(v) -> list:
    """The buttons on screen (the other pages' stand beside the window)."""
    window = window_rect(v)
    return [
        i
        for i in scene.items(v.window.contentItem())
        if scene.shown(i) and "Button" in scene.class_name(i)  # (as the proof tells them)
        if scene.rect(i).intersects(window)
    ]


def open_page(v, page: str) -> None:
    v.tap(f"nav_{page}")
    v.go(page)
    if page == "map":  # the years play on a first visit: the visitor waits for the last
        v.find("page_map").setProperty("touring", False)
        view = map_view(v)
        v.qtbot.waitUntil(lambda: not view.property("busy"))
    v.next_frame()


def text_faults(item) -> list[tuple[str, str]]:
    """The shown texts under ``item`` that do not fit (cut off, too small: the proof's check)."""
    return [
        (t.property("text"), fault)
        for t in scene.items(item)
        if scene.is_text(t) and scene.shown(t)
        if (fault := scene.text_fit(t, *TALL))
    ]


def test_the_sizes_are_those_of_a_wide_screen(open_kiosk, shipped_content):
    """Turned on its side the screen keeps its type and targets: the same pixels (and so
    the same millimetres on the same glass) as at 1920x1080, not 56 % of them."""
    sizes = {}
    for size in [(1920, 1080), TALL]:
        v = open_kiosk(shipped_content, size=size)
        v.enter("background")
        lead = v.target("lead_background")
        sizes[size] = (
            lead.property("font").pixelSize(),
            v.target("next_background").height(),
            v.target("homeButton").height(),
        )
    assert sizes[TALL] == sizes[(1920, 1080)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_reads_whole_on_the_screen_and_passes_the_proofs_checks(
    tall, shipped_content, language
):
    """Each page in each language: its text inside the window and under the map or picture
    (never over it), nothing cut off, no page needs scrolling, and the proof's own checks
    (type in mm, targets, controls within reach, contrast from the pixels) find nothing."""
    v = tall
    v.kiosk.language.choose(language)
    where = proof.Locator(shipped_content)
    window = window_rect(v)
    problems = []
    for page in PAGES:
        open_page(v, page)
        root = v.find(f"page_{page}")
        texts = [i for i in scene.items(root) if scene.is_text(i) and scene.shown(i)]
        assert texts, page
        for text in texts:
            if scene.on_a_map(text) or scene.clipped_out(text):
                continue  # a name on the map: the map's edge cuts it, as it cuts the land
            r = scene.rect(text)
            assert r.left() >= 0 and r.right() <= window.right() + 0.5, (
                page,
                text.property("text"),
            )
        if page in CHAPTERS:
            visual = scene.rect(v.find(f"visual_{page}"))
            column = scene.rect(v.find(f"text_{page}"))
            assert visual.width() == pytest.approx(TALL[0])  # across the whole width, on top
            assert visual.top() == pytest.approx(0)
            assert column.top() >= visual.bottom(), page
            assert column.width() >= 0.8 * TALL[0], page  # one column, not a narrow strip
        image = v.window.grabWindow()
        problems += [str(p) for p in proof.check(v.kiosk, page, language, where, image)]
        problems += [str(p) for p in proof.budgets(v.kiosk, page, language, where)]
    assert problems == []


def test_no_sliver_of_the_next_page_shows(tall):
    """On a wide screen the next page peeks in at the right edge; on a tall one the page's
    picture runs across the whole width, and a sliver of the next one would look broken."""
    v = tall
    for page in CHAPTERS:
        open_page(v, page)
        for other in PAGES:
            if other == page:
                continue
            for item in v.find_all(f"page_{other}"):
                r = scene.rect(item)
                assert r.right() <= 0.5 or r.left() >= TALL[0] - 0.5, (page, other, r)


def test_the_buttons_stand_low_and_large_inside_the_window(tall):
    """On every page every control is at least the theme's target size and wholly inside the
    window; the display buttons, "See it on the map" and "Next" are in the lower third,
    where hands are."""
    v = tall
    target = v.kiosk.engine.singletonInstance("Kiosk", "Theme").property("targetSize")
    window = window_rect(v)
    for page in PAGES:
        open_page(v, page)
        shown = controls(v)
        names = {b.objectName() for b in shown}
        assert {"textSize", "contrast", "homeButton"} <= names, (page, names)
        for button in shown:
            r = scene.rect(button)
            assert window.contains(r), (page, button.objectName(), r)
            assert min(r.width(), r.height()) >= target - 0.5, (page, button.objectName(), r)
        low = ["textSize", "contrast"]
        if page in CHAPTERS:
            low.append(f"next_{page}")
        if page in ("background", "terms", "aftermath"):  # the chapters with a map
            low.append(f"seeOnMap_{page}")
        for name in low:
            button = shown_in(v, name)
            assert button is not None, (page, name)
            assert scene.rect(button).top() >= TALL[1] * 2 / 3, (page, name)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_navigation_bar_fits_and_each_button_opens_its_page(tall, language):
    """Home, the four chapters, the map, the sources and the three languages: every one
    shown in full (two rows), none cut off, each tap opens what it says."""
    v = tall
    v.tap(f"lang_{language}")
    v.qtbot.waitUntil(lambda: v.window.property("language") == language)
    bar = v.find("navBar")
    window = window_rect(v)
    names = ["homeButton", *(f"nav_{p}" for p in PAGES), *(f"lang_{c}" for c in LANGUAGES)]
    rects = {}
    for name in names:
        button = v.target(name)
        rects[name] = scene.rect(button)
        assert window.contains(rects[name]), (name, rects[name])
    # no two overlap
    for a in names:
        for b in names:
            if a < b:
                assert not rects[a].intersects(rects[b]), (a, b)
    assert text_faults(bar) == []
    for page in [*reversed(PAGES)]:
        v.tap(f"nav_{page}")
        v.go(page)
    v.tap("homeButton")
    v.qtbot.waitUntil(lambda: v.page == "attract")


def test_see_it_on_the_map_and_next_work_from_the_foot_of_the_page(tall):
    v = tall
    v.tap("next_background")
    v.go("negotiations")
    assert shown_in(v, "seeOnMap_negotiations") is None  # a picture: no map to see
    v.tap("nav_terms")
    v.go("terms")
    v.tap("seeOnMap_terms")
    v.go("map")
    asked = v.kiosk.navigation.mapRequest["zoom"]
    view = map_view(v)
    v.qtbot.waitUntil(lambda: view.property("zoom") == pytest.approx(asked, abs=0.05))


def map_view(v):
    page = v.find("page_map")
    return next(i for i in scene.items(page) if i.objectName() == "mapView")


def test_the_map_fills_the_width_above_its_legend_and_pinches_and_pans(tall):
    """The map page: the map across the whole width on top, the legend and the years under
    it; two fingers zoom, one pans."""
    v = tall
    open_page(v, "map")
    view = map_view(v)
    r = scene.rect(view)
    assert r.left() == pytest.approx(0) and r.width() == pytest.approx(TALL[0])
    assert r.top() == pytest.approx(0) and r.height() >= 0.4 * TALL[1]
    for name in ["layerTitle", "layerTimeline"]:
        assert scene.rect(shown_in(v, name)).top() >= r.bottom(), name
    centre = v.center(view)
    v.pinch(centre, 200, 600)
    v.qtbot.waitUntil(lambda: view.property("zoom") > 1.5)
    v.qtbot.waitUntil(lambda: not view.property("moving") and not view.property("flicking"))
    before = (view.property("contentX"), view.property("contentY"))
    v.drag(centre, centre + QPoint(250, 150))
    v.qtbot.waitUntil(lambda: (view.property("contentX"), view.property("contentY")) != before)


def test_the_idle_warning_and_the_picture_viewer_fit_the_tall_screen(tall, shipped_content):
    v = tall
    where = proof.Locator(shipped_content)
    open_page(v, "negotiations")
    frame = v.target("pictureFrame")  # a tap on the picture, away from its spots' names
    v.tap(frame.mapToScene(QPointF(frame.width() * 0.1, frame.height() * 0.1)).toPoint())
    viewer = v.find("pictureViewer")
    v.qtbot.waitUntil(lambda: viewer.property("opened"))
    image = v.find("pictureViewerImage")
    v.qtbot.waitUntil(lambda: image.property("progress") == 1)
    v.next_frame()
    assert scene.rect(image).width() >= 0.9 * TALL[0]  # the picture across the whole width
    assert text_faults(viewer) == []
    close = v.target("pictureClose")
    assert window_rect(v).contains(scene.rect(close))
    assert scene.rect(close).top() >= TALL[1] * 2 / 3  # within reach
    v.tap("pictureClose")
    v.qtbot.waitUntil(lambda: not viewer.property("opened"))
    v.kiosk.idle.configure(0.01, 60)
    v.kiosk.idle.set_active(True)
    v.qtbot.waitUntil(lambda: v.kiosk.idle.warning)
    v.next_frame()
    assert proof.check(v.kiosk, "idle-warning", "en", where, v.window.grabWindow()) == []


def test_the_attract_screens_audio_hint_wraps_clear_of_the_language_buttons(
    open_kiosk, shipped_content
):
    """At the sizes of a wide screen, a line of the audio hint (the Russian is long) would
    run under the languages' buttons at the bottom right: it wraps before them."""
    v = open_kiosk(shipped_content, size=TALL)
    v.qtbot.waitUntil(lambda: any(v.shows(b) for b in v.find_all("lang_en")))
    v.next_frame()
    hint = v.find("audioHint")
    lines = [t for t in scene.items(hint) if scene.is_text(t) and scene.shown(t)]
    assert len(lines) == len(LANGUAGES)
    buttons = [scene.rect(shown_in(v, f"lang_{code}")) for code in LANGUAGES]
    for line in lines:
        assert scene.text_fit(line, *TALL) == ""
        assert not any(scene.rect(line).intersects(b) for b in buttons), line.property("text")
