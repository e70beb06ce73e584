"""Curators' pictures of any shape (PagePicture), full screen (PictureViewer) and their
"look closer" spots - laid out at 1920x1080 and driven by real touches.

The pictures are made here: each has a magenta disc where its ``focus`` is (and a green
one where its spot is), so a test can see on the rendered screen that the focus stayed in
view.  The layout tests put a PagePicture in a fixed area of the kiosk's window (a harness,
as the page grid around it is another engineer's); the last tests go through the exhibit's
own page.  Set PICTURE_SHOTS=<folder> to keep the screenshots.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtQuick import QQuickItem

from kiosk import scene
from kiosk.backend.exhibit import _image

AREA = QRectF(88, 84, 1000, 850)  # the right half of a page at 1920x1080, roughly
FOCUS = QColor("#ff00ff")
SPOT = QColor("#00c000")

# name: (width, height, focus, spot) - focus and spot as fractions of the picture
PICTURES = {
    "portrait": (900, 1400, (0.5, 0.22), (0.3, 0.7)),
    "landscape": (1600, 1000, (0.5, 0.5), (0.7, 0.35)),
    # far to the right: a band cropped about the middle would lose it
    "panorama": (3600, 800, (0.88, 0.5), (0.8, 0.4)),
}

CONTENT = """\
settings:
  languages:
    - {code: en, name: English}
    - {code: ru, name: Русский}
    - {code: zh-Hans, name: 中文}
attract:
  title: Pictures
  prompt: Touch
pages:
  - id: one
    label: One
    title: Page one
    body: First page.
"""

PAGE = """\
  - id: {name}
    label: {Name}
    title: A {name}
    body: A page with a {name} picture.
    image:
      file: {name}.png
      caption:
        en: A {name} picture, made for this test. Its caption is two lines long at the most.
        ru: Изображение для проверки. Подпись занимает не больше двух строк.
        zh-Hans: 为测试制作的图片。说明文字最多两行。
      credit: "Test picture, public domain"
      focus: {{x: {fx}, y: {fy}}}
      spots:
        - id: mark
          x: {sx}
          y: {sy}
          title:
            en: The mark
            ru: Отметка
            zh-Hans: 标记
          text:
            en: A green **mark** on the picture.
            ru: Зелёная **отметка** на изображении.
            zh-Hans: 图片上的绿色**标记**。
"""

TAIL = """\
credits:
  title: Credits
  body: Nobody.
"""


def make_picture(path: Path, w: int, h: int, focus, spot) -> None:
    """A calm two-tone picture with a magenta disc at the focus and a green one at the spot."""
    img = QImage(w, h, QImage.Format.Format_RGB32)
    img.fill(QColor("#5d6b78"))
    p = QPainter(img)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#8a7a5c"))
    p.drawRect(0, h // 2, w, h - h // 2)
    r = min(w, h) * 0.04
    for (fx, fy), colour in ((focus, FOCUS), (spot, SPOT)):
        p.setBrush(colour)
        p.drawEllipse(QPointF(fx * w, fy * h), r, r)
    p.end()
    assert img.save(str(path))


@pytest.fixture
def pictures_content(tmp_path) -> Path:
    text = CONTENT
    for name, (w, h, (fx, fy), (sx, sy)) in PICTURES.items():
        make_picture(tmp_path / f"{name}.png", w, h, (fx, fy), (sx, sy))
        text += PAGE.format(name=name, Name=name.title(), fx=fx, fy=fy, sx=sx, sy=sy)
    path = tmp_path / "content.yaml"
    path.write_text(text + TAIL, encoding="utf-8")
    return path


def presented(visitor, name: str, **changes) -> dict:
    """The picture of page ``name`` as the kiosk presents it, focus and spots included."""
    snapshot = visitor.kiosk.exhibit._snapshot
    img = next(p["image"] for p in snapshot.data["pages"] if p["id"] == name)
    img = {**img, **changes}
    return _image(snapshot, img["file"], img["caption"], img["credit"], img["focus"], img["spots"])


HARNESS = b"""
import QtQuick
import Kiosk
Rectangle {
    color: Theme.background
    property Item picture: picture
    PagePicture { id: picture; objectName: "harness" }
}
"""


def harness(visitor, image: dict, area: QRectF = AREA) -> QQuickItem:
    """A PagePicture in ``area`` of the window, on a plain page of its own that covers the
    exhibit, under the full-screen viewer (as a page is)."""
    component = QQmlComponent(visitor.kiosk.engine)
    component.setData(HARNESS, "harness.qml")
    ground = component.create()
    assert ground is not None, component.errorString()
    root = visitor.window.contentItem()
    QQmlEngine.setObjectOwnership(ground, QQmlEngine.ObjectOwnership.CppOwnership)
    ground.setParent(root)
    ground.setParentItem(root)
    ground.stackBefore(viewer(visitor).parentItem())  # (the viewer's Loader)
    ground.setWidth(root.width())
    ground.setHeight(root.height())
    visitor.harness_items.append(ground)
    item = ground.property("picture")
    item.setX(area.x())
    item.setY(area.y())
    item.setWidth(area.width())
    item.setHeight(area.height())
    item.setProperty("image", image)
    picture_loaded(visitor, item)
    return item


def child(item: QQuickItem, name: str) -> QQuickItem:
    found = [i for i in scene.items(item) if i.objectName() == name]
    assert found, f"no {name} in {item.objectName()}"
    return found[0]


def viewer(visitor) -> QQuickItem:
    return visitor.find("pictureViewer")


def picture_loaded(visitor, item: QQuickItem) -> None:
    image = child(item, "pagePictureImage")
    visitor.qtbot.waitUntil(lambda: image.property("progress") == 1, timeout=5000)
    visitor.next_frame()


def shot(visitor, name: str) -> QImage:
    visitor.next_frame()
    img = visitor.window.grabWindow()
    if folder := os.environ.get("PICTURE_SHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        img.save(str(Path(folder) / f"{name}.png"))
    return img


def near(c: QColor, want: QColor) -> bool:
    return (
        max(abs(c.red() - want.red()), abs(c.green() - want.green()), abs(c.blue() - want.blue()))
        < 40
    )


def spot_centre(item: QQuickItem) -> QPoint:
    """The centre of a spot's marker (its target), in window coordinates."""
    return scene.centre(item)


@pytest.fixture
def pictures(open_kiosk, pictures_content):
    visitor = open_kiosk(pictures_content)
    visitor.harness_items = []
    visitor.enter("one")
    yield visitor
    for item in visitor.harness_items:
        item.setParentItem(None)
        item.deleteLater()


# -- layout ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ru", "zh-Hans"])
@pytest.mark.parametrize("name", list(PICTURES))
def test_each_shape_has_its_layout_inside_its_area(pictures, name, language):
    pictures.kiosk.language.choose(language)
    item = harness(pictures, presented(pictures, name))
    frame = scene.rect(child(item, "pictureFrame"))
    caption = scene.rect(child(item, "pictureCaption"))
    text = child(item, "pictureCaptionText")
    shot(pictures, f"layout-{name}-{language}")

    inside = AREA.adjusted(-0.5, -0.5, 0.5, 0.5)
    assert inside.contains(frame) and inside.contains(caption)
    assert scene.shown(text) and text.property("text") and not text.property("truncated")
    assert not frame.intersects(caption)  # nothing overlaps
    w, h, *_ = PICTURES[name]
    if name == "portrait":  # full height, the caption beside it, level with its foot
        assert frame.height() == pytest.approx(AREA.height(), abs=1)
        assert caption.left() >= frame.right() and caption.bottom() == pytest.approx(
            frame.bottom(), abs=1
        )
    else:  # full width, the caption under it
        assert frame.width() == pytest.approx(AREA.width(), abs=1)
        assert caption.top() >= frame.bottom()
    if name == "landscape":  # whole: nothing cropped
        assert frame.height() == pytest.approx(AREA.width() * h / w, abs=1)
    if name == "panorama":  # a band, taller than the whole picture would be; at most half cropped
        assert AREA.width() * h / w < frame.height() <= 2 * AREA.width() * h / w + 1
    # the spot's marker stands on the picture's green disc
    spot = child(item, "pictureSpot_mark")
    assert scene.shown(spot) and frame.contains(QPointF(spot_centre(spot)))


def test_decoded_at_the_size_shown(pictures):
    item = harness(pictures, presented(pictures, "landscape"))
    image = child(item, "pagePictureImage")
    assert image.property("sourceSize").width() == pytest.approx(image.width(), abs=1)
    assert image.property("sourceSize").width() < PICTURES["landscape"][0]


@pytest.mark.parametrize(
    "focus, kept", [({"x": 0.88, "y": 0.5}, True), ({"x": 0.5, "y": 0.5}, False)]
)
def test_the_focus_decides_the_crop(pictures, focus, kept):
    """The panorama's band is cropped: its focus (far right) stays in view - and with the
    focus in the middle, that far-right point is what gets cropped away."""
    item = harness(pictures, presented(pictures, "panorama", focus=focus))
    image = child(item, "pagePictureImage")
    frame = scene.rect(child(item, "pictureFrame"))
    assert image.width() > frame.width() + 1  # cropped
    disc = image.mapToScene(QPointF(0.88 * image.width(), 0.5 * image.height()))
    assert frame.contains(disc) == kept
    if kept:  # and it is on the screen, magenta
        img = shot(pictures, "focus-panorama")
        dpr = img.devicePixelRatio()
        assert near(img.pixelColor(int(disc.x() * dpr), int(disc.y() * dpr)), FOCUS)


def test_large_text_keeps_the_caption_inside(pictures):
    pictures.kiosk.language.choose("ru")
    item = harness(pictures, presented(pictures, "landscape"))
    before = scene.rect(child(item, "pictureFrame"))
    pictures.tap("textSize")
    pictures.qtbot.waitUntil(lambda: pictures.window.property("textScale") > 1)
    pictures.next_frame()
    frame = scene.rect(child(item, "pictureFrame"))
    caption = scene.rect(child(item, "pictureCaption"))
    shot(pictures, "layout-landscape-large-ru")
    assert AREA.adjusted(-0.5, -0.5, 0.5, 0.5).contains(caption)
    assert not frame.intersects(caption)
    assert frame.height() <= before.height()


# -- spots ----------------------------------------------------------------------------------


def test_a_spot_opens_its_text_beside_it(pictures):
    item = harness(pictures, presented(pictures, "landscape"))
    spot = child(item, "pictureSpot_mark")
    popup = child(item, "pictureSpotPopup")
    assert not popup.isVisible()
    pictures.tap(spot_centre(spot))
    pictures.qtbot.waitUntil(popup.isVisible)
    shot(pictures, "spot-open")
    text = child(popup, "pictureSpotText").property("text")
    assert "<b>mark</b>" in text  # Markdown, as StyledText
    assert not scene.rect(popup).intersects(scene.rect(spot))  # never over its spot
    assert AREA.adjusted(-0.5, -0.5, 0.5, 0.5).contains(scene.rect(popup))
    assert not viewer(pictures).property("opened")  # a spot's tap is not the picture's
    assert any(p.startswith("pictureSpot:") for p in pictures.kiosk.session.parts)
    pictures.tap(scene.centre(popup))  # a tap on the text closes it
    pictures.qtbot.waitUntil(lambda: not popup.isVisible())
    pictures.tap(spot_centre(spot))  # the spot again: open, and again: closed
    pictures.qtbot.waitUntil(popup.isVisible)
    pictures.next_frame()
    pictures.tap(spot_centre(spot))
    pictures.qtbot.waitUntil(lambda: not popup.isVisible())
    pictures.next_frame()
    assert not viewer(pictures).property("opened")


def test_the_idle_reset_closes_a_spot(pictures):
    item = harness(pictures, presented(pictures, "portrait"))
    pictures.tap(spot_centre(child(item, "pictureSpot_mark")))
    popup = child(item, "pictureSpotPopup")
    pictures.qtbot.waitUntil(popup.isVisible)
    pictures.kiosk.session.reset()
    pictures.qtbot.waitUntil(lambda: not popup.isVisible())
    assert not any(p.startswith("pictureSpot:") for p in pictures.kiosk.session.parts)


# -- full screen ----------------------------------------------------------------------------


def open_viewer(visitor, item: QQuickItem) -> QQuickItem:
    frame = child(item, "pictureFrame")
    visitor.tap(frame.mapToScene(QPointF(frame.width() * 0.1, frame.height() * 0.1)).toPoint())
    shown = viewer(visitor)
    visitor.qtbot.waitUntil(lambda: shown.property("opened"))
    image = visitor.find("pictureViewerImage")
    visitor.qtbot.waitUntil(lambda: image.property("progress") == 1, timeout=5000)
    visitor.next_frame()
    return shown


def viewer_zoom(visitor) -> float:
    """How much larger than the screen's fit the full-screen picture is drawn."""
    flick = visitor.find("pictureFlick")
    stage = visitor.find("pictureStage")
    shown = visitor.find("pictureViewer").property("image")
    fit = min(stage.width(), stage.height() * shown["width"] / shown["height"])
    return flick.property("contentWidth") / fit


def test_a_tap_opens_it_full_screen_a_pinch_zooms_and_close_closes(pictures):
    item = harness(pictures, presented(pictures, "landscape"))
    shown = open_viewer(pictures, item)
    assert scene.rect(shown) == QRectF(0, 0, 1920, 1080)  # the whole window
    image = pictures.find("pictureViewerImage")
    # decoded larger than on the page, never larger than the file
    assert image.property("sourceSize").width() == PICTURES["landscape"][0]
    shot(pictures, "viewer-landscape")
    assert viewer_zoom(pictures) == pytest.approx(1.0)
    pictures.pinch(scene.centre(pictures.find("pictureStage")), 200, 600)
    pictures.qtbot.waitUntil(lambda: viewer_zoom(pictures) > 1.8)
    shot(pictures, "viewer-landscape-zoomed")
    close = pictures.find("pictureClose")
    r = scene.rect(close)
    mm = pictures.window.property("pxPerMm")
    assert min(r.width(), r.height()) >= 15 * mm  # a big target
    assert r.top() > 1080 * 2 / 3  # low on the screen
    assert close.property("text") == "Close"
    pictures.tap(close)
    pictures.qtbot.waitUntil(lambda: not shown.property("opened"))
    assert not pictures.find_all("pictureViewerImage")  # built only while open
    assert "pictureViewer" not in pictures.kiosk.session.parts


def test_a_double_tap_zooms_in(pictures):
    item = harness(pictures, presented(pictures, "portrait"))
    open_viewer(pictures, item)
    centre = scene.centre(pictures.find("pictureStage")) + QPoint(0, 100)
    pictures.tap(centre)
    pictures.tap(centre)
    pictures.qtbot.waitUntil(lambda: viewer_zoom(pictures) > 1.5)
    shot(pictures, "viewer-portrait-double-tap")
    # it grew about the point tapped: the same point of the picture is under the finger
    # (the portrait fills the screen's height before the zoom)
    stage = pictures.find("pictureStage")
    flick = pictures.find("pictureFlick")
    local = stage.mapFromScene(QPointF(centre))
    under = (local.y() + flick.property("contentY")) / flick.property("contentHeight")
    assert under == pytest.approx(local.y() / stage.height(), abs=0.02)


def test_the_idle_reset_closes_it(pictures):
    item = harness(pictures, presented(pictures, "portrait"))
    shown = open_viewer(pictures, item)
    assert "pictureViewer" in pictures.kiosk.session.parts
    pictures.kiosk.session.reset()
    pictures.qtbot.waitUntil(lambda: not shown.property("opened"))


def test_spots_in_full_screen_open_their_text(pictures):
    pictures.kiosk.language.choose("zh-Hans")
    item = harness(pictures, presented(pictures, "panorama"))
    open_viewer(pictures, item)
    spot = pictures.find("viewerSpot_mark")
    popup = pictures.find("viewerSpotPopup")
    pictures.tap(spot_centre(spot))
    pictures.qtbot.waitUntil(popup.isVisible)
    shot(pictures, "viewer-spot-zh")
    assert "<b>标记</b>" in child(popup, "pictureSpotText").property("text")
    assert not scene.rect(popup).intersects(scene.rect(spot))
    assert pictures.find("pictureViewer").property("opened")  # still open
    pictures.next_frame()
    stage = pictures.find("pictureStage")  # a tap on the picture elsewhere closes the text
    pictures.tap(stage.mapToScene(QPointF(stage.width() * 0.1, stage.height() * 0.5)).toPoint())
    pictures.qtbot.waitUntil(lambda: not popup.isVisible())


def test_the_close_button_is_in_the_accessibility_tree(pictures):
    """A screen reader (and the keypad) finds Close by its name, in the visitor's language."""
    pictures.kiosk.language.choose("ru")
    item = harness(pictures, presented(pictures, "landscape"))
    names = [name for role, name, _a, _i in scene.accessible_nodes(pictures.window)]
    assert "Увеличить изображение" in names  # the picture itself
    open_viewer(pictures, item)
    nodes = {
        name: (role, actions) for role, name, actions, _i in scene.accessible_nodes(pictures.window)
    }
    assert "Закрыть" in nodes and "Press" in nodes["Закрыть"][1]


# -- the exhibit's own page --------------------------------------------------------------------


def test_the_page_picture_opens_over_the_navigation_bar(pictures):
    pictures.tap("nav_landscape")
    pictures.go("landscape")
    page = pictures.find("page_landscape")
    item = next(i for i in scene.items(page) if i.objectName() == "pagePicture")
    picture_loaded(pictures, item)
    shot(pictures, "page-landscape")
    shown = open_viewer(pictures, item)
    shot(pictures, "page-landscape-viewer")
    # a touch where the navigation bar is reaches the viewer, not the bar
    home = pictures.find("homeButton")
    pictures.tap(scene.centre(home))
    pictures.next_frame()
    assert pictures.page == "landscape" and shown.property("opened")


# -- the shipped close-up ----------------------------------------------------------------------


def spot_boxes(items: list[QQuickItem]) -> list[QRectF]:
    """Each spot's marker with its name, in window coordinates."""
    boxes = []
    for spot in items:
        box = scene.rect(spot)
        for label in scene.items(spot):
            if label.objectName().startswith("hotspotLabel_"):
                box = box.united(scene.rect(label))
        boxes.append(box)
    return boxes


@pytest.mark.parametrize("language", ["en", "ru", "zh-Hans"])
def test_the_shipped_closeup_spots_stand_apart(open_kiosk, shipped_content, language):
    """The negotiations page's close-up: its three places, their markers and names apart
    from each other, on the page and full screen."""
    visitor = open_kiosk(shipped_content)
    visitor.harness_items = []
    visitor.enter(visitor.kiosk.exhibit.page_ids()[0])
    visitor.kiosk.language.choose(language)
    item = harness(visitor, presented(visitor, "negotiations"))
    spots = [i for i in scene.items(item) if i.objectName().startswith("pictureSpot_")]
    assert len(spots) == 3 and all(scene.shown(s) for s in spots)
    frame = scene.rect(child(item, "pictureFrame"))
    boxes = spot_boxes(spots)
    shot(visitor, f"closeup-{language}")
    assert all(frame.contains(b) for b in boxes)  # names too stay on the picture
    assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    open_viewer(visitor, item)
    spots = [
        i
        for i in scene.items(visitor.find("pictureViewer"))
        if i.objectName().startswith("viewerSpot_")
    ]
    boxes = spot_boxes(spots)
    shot(visitor, f"closeup-viewer-{language}")
    assert len(spots) == 3
    assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    for ground in visitor.harness_items:
        ground.setParentItem(None)
        ground.deleteLater()
