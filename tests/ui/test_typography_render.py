"""Qt honours the typography (kiosk.content.typography): a QML Text, in the kiosk's fonts,
never breaks a line inside a Chinese name or title, never leaves one Chinese character alone
on the last line, never starts a Russian line with a dash or ends one with a one-letter word
- and the word joiner draws nothing.

A Text does not tell which characters went on which line, but it does tell each line's width
(``lineLaidOut``).  So the lines are read from a ``QTextLayout`` of the same characters, font,
width and wrap mode, once the Text's line widths are checked to be exactly those."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, QUrl
from PySide6.QtGui import QFont, QImage, QTextLayout, QTextOption
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtQuick import QQuickItem

from kiosk.content.markup import blocks
from kiosk.content.typography import NBSP, WORD_JOINER, format_area_zh, typeset

REPO = Path(__file__).resolve().parents[2]

PX = 40  # the test texts' type size in pixels
SERIF, SERIF_ZH, SANS_ZH = "Noto Serif", "Noto Serif CJK SC", "Noto Sans CJK SC"

ZH_NAMES = ["黑龙江", "穆拉维约夫", "奕山"]
ZH = (
    "清朝正忙于镇压太平天国运动，又在第二次鸦片战争中节节败退。俄国东西伯利亚总督穆拉维约夫"
    "在黑龙江沿岸集结军队和哥萨克。1858年5月28日，穆拉维约夫与黑龙江将军奕山签订了《瑷珲条约》，"
    "中俄《北京条约》确认了《瑷珲条约》。"
)
ZH_ENDS = [  # paragraphs that leave a character alone at some width
    "中国史学界一般认为，1858至1860年间中国共失去100多万平方公里土地（包括库页岛）。",
    "俄国一心想成为太平洋上的海上强国。清政府提出的抗议也无人理会。",
    "《瑷珲条约》把黑龙江定为边界。",
]
RU = (
    "Император Сяньфэн видел в договоре способ выиграть время. В 1859 году цинский двор "
    "отказался от договора и наказал И Шаня. Земли общего владения — нынешний Приморский "
    "край и юг Хабаровского края — отошли к России, а с ними и побережье. Это около "
    "600 000 км² земли, и у Китая с тех пор нет выхода к Японскому морю."
)
WIDTHS = range(10 * PX, 30 * PX, 7)  # 10 to 30 Chinese characters wide, in 7 px steps

TEXT_QML = b"""
import QtQuick
Text {
    property var widths: []
    onLineLaidOut: (line) => widths.push(line.implicitWidth)
}
"""


@pytest.fixture(scope="module")
def engine(qapp):
    from kiosk.app import _load_fonts_once

    _load_fonts_once(cjk=True)  # the kiosk's own fonts, loaded as the kiosk loads them
    engine = QQmlEngine()
    yield engine
    engine.deleteLater()


@dataclass
class Shown:
    """A QML Text and how it is set."""

    item: QQuickItem
    family: str
    styled: bool
    wrap: str


@pytest.fixture
def text_item(engine):
    """A QML Text as the kiosk's pages show theirs: ``(family, styled, wrap) -> Shown``."""
    made = []

    def make(family: str, styled: bool, wrap: str = "WordWrap") -> Shown:
        component = QQmlComponent(engine)
        component.setData(TEXT_QML, QUrl())
        item = component.create()
        assert item is not None, component.errors()
        item.setProperty("font", font(family))
        item.setProperty("textFormat", 4 if styled else 0)  # Text.StyledText, Text.PlainText
        item.setProperty("wrapMode", {"WordWrap": 1, "Wrap": 4}[wrap])  # Text.WordWrap, Text.Wrap
        made.append((component, item))
        return Shown(item, family, styled, wrap)

    yield make
    for _, item in made:
        item.deleteLater()


def font(family: str) -> QFont:
    f = QFont(family)
    f.setPixelSize(PX)
    return f


def layout(text: str, family: str, width: float, wrap: str) -> list[tuple[str, float]]:
    """``(characters, natural width)`` of each line Qt makes of ``text`` at ``width``."""
    lay = QTextLayout(text, font(family))
    option = QTextOption()
    option.setWrapMode(
        QTextOption.WrapMode.WordWrap
        if wrap == "WordWrap"
        else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    )
    lay.setTextOption(option)
    lay.beginLayout()
    lines = []
    while (line := lay.createLine()).isValid():
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        lines.append((text[start : start + length], line.naturalTextWidth()))
    lay.endLayout()
    return lines


def lines_of(shown: Shown, text: str, width: float) -> list[str]:
    """The lines of the QML Text ``shown`` showing ``text`` at ``width``."""
    item = shown.item
    item.setProperty("text", text)
    item.setProperty("widths", [])
    item.setWidth(width)
    QMetaObject.invokeMethod(item, "forceLayout")
    count = item.property("lineCount")
    widths = item.property("widths")  # a list, or a QJSValue holding one
    got = (widths.toVariant() if hasattr(widths, "toVariant") else widths)[-count:]
    # the characters the Text shows: StyledText reads a U+00A0 as a space, &nbsp; as U+00A0
    chars = text.replace(NBSP, " ").replace("&nbsp;", NBSP) if shown.styled else text
    lines = layout(chars, shown.family, width, shown.wrap)
    assert [round(w, 3) for w in got] == [round(w, 3) for _, w in lines], (text, width)
    return [chars for chars, _ in lines]


# -- what must not happen -------------------------------------------------------------------


def split_names(lines: list[str], names: list[str]) -> list[str]:
    """Names and 《titles》 broken across two lines."""
    text, found, at = "".join(lines), [], 0
    ends = set()
    for line in lines[:-1]:
        at += len(line)
        ends.add(at)
    patterns = [f"{WORD_JOINER}?".join(map(re.escape, n)) for n in names] + ["《[^》]*》"]
    for pattern in patterns:
        for m in re.finditer(pattern, text):
            if any(m.start() < end < m.end() for end in ends):
                found.append(m.group().replace(WORD_JOINER, ""))
    return found


def lone_last(lines: list[str]) -> str:
    """The one character alone on the last line (besides punctuation), or ''."""
    last = re.sub(r"[\s\u2060。，、；：！？）》」”]", "", lines[-1])
    return last if len(lines) > 1 and len(last) < 2 else ""


def russian_faults(lines: list[str]) -> list[str]:
    """Lines that start with a dash, or end with a one-letter word."""
    return [
        line
        for i, line in enumerate(lines)
        if (i > 0 and line.lstrip().startswith(("—", "–")))
        or (i < len(lines) - 1 and re.search(r"(?:^|\s)[^\W\d_]$", line.rstrip()))
    ]


# -- Chinese ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("family", "wrap"), [(SERIF_ZH, "WordWrap"), (SANS_ZH, "Wrap")])
def test_chinese_names_and_titles_never_break(text_item, family, wrap):
    item = text_item(family, styled=True, wrap=wrap)
    before = {n for w in WIDTHS for n in split_names(lines_of(item, ZH, w), ZH_NAMES)}
    assert {"黑龙江", "穆拉维约夫", "《瑷珲条约》", "《北京条约》"} <= before  # the sweep finds it
    text = "".join(b["text"] for b in blocks(ZH, "zh-Hans", ZH_NAMES))  # the lead, the rest
    for w in WIDTHS:
        assert split_names(lines_of(item, text, w), ZH_NAMES) == [], w


@pytest.mark.parametrize("text", ZH_ENDS)
def test_no_chinese_character_is_left_alone_on_the_last_line(text_item, text):
    item = text_item(SERIF_ZH, styled=False)
    assert any(lone_last(lines_of(item, text, w)) for w in range(4 * PX, 30 * PX, 3))
    typeset_text = typeset(text, "zh-Hans")
    for w in range(4 * PX, 30 * PX, 3):
        assert lone_last(lines_of(item, typeset_text, w)) == "", w


# -- Russian -------------------------------------------------------------------------------


@pytest.mark.parametrize("styled", [False, True])
def test_no_russian_line_starts_with_a_dash_or_ends_with_a_one_letter_word(text_item, styled):
    item = text_item(SERIF, styled=styled)
    before = [f for w in WIDTHS for f in russian_faults(lines_of(item, RU, w))]
    assert any(f.lstrip().startswith("—") for f in before)  # the sweep finds both faults
    assert any(re.search(r"\s[^\W\d_]$", f.rstrip()) for f in before)
    text = blocks(RU, "ru")[1]["text"] if styled else typeset(RU, "ru")
    assert ("&nbsp;" in text) == styled  # StyledText needs the entity: it breaks at U+00A0
    if styled:
        text = blocks(RU, "ru")[0]["text"] + " " + text  # the lead and the rest, one text
    for w in WIDTHS:
        assert russian_faults(lines_of(item, text, w)) == [], w


def test_a_no_break_space_character_breaks_in_styled_text(text_item):
    """Why StyledText gets ``&nbsp;``: Qt's StyledText parser breaks at a U+00A0 character."""
    plain, styled = text_item(SERIF, styled=False), text_item(SERIF, styled=True)
    text = typeset(RU, "ru")
    assert any(russian_faults(lines_of(styled, text, w)) for w in WIDTHS)
    assert not any(russian_faults(lines_of(plain, text, w)) for w in WIDTHS)


# -- invisible -------------------------------------------------------------------------------


WINDOW_QML = b"""
import QtQuick
import QtQuick.Window
Window {
    width: 900; height: 80; color: "black"
    property alias text: label.text
    property alias family: label.font.family
    property alias format: label.textFormat
    Text { id: label; x: 10; y: 10; color: "white"; font.pixelSize: 40 }
}
"""


@pytest.fixture
def picture(engine, qtbot):
    """``(text, family, styled) -> QImage`` of a window showing only that text."""
    component = QQmlComponent(engine)
    component.setData(WINDOW_QML, QUrl())
    window = component.create()
    assert window is not None, component.errors()
    window.show()
    qtbot.waitExposed(window)

    def grab(text: str, family: str, styled: bool = False) -> QImage:
        window.setProperty("format", 4 if styled else 0)  # Text.StyledText, Text.PlainText
        window.setProperty("family", family)
        window.setProperty("text", text)
        with qtbot.waitSignal(window.frameSwapped, timeout=5000):
            window.requestUpdate()
        return window.grabWindow()

    yield grab
    window.close()
    window.deleteLater()


@pytest.mark.parametrize("family", [SERIF_ZH, SANS_ZH, SERIF])
def test_the_word_joiner_draws_nothing(picture, family):
    text = "黑龙江以北《瑷珲条约》" if "CJK" in family else "Noto Serif 1858"
    joined = WORD_JOINER.join(text)
    shown = picture(text, family)
    assert picture(joined, family) == shown  # no box, no space: the very same pixels
    assert picture(joined.replace("北", "南").replace("1", "7"), family) != shown  # it can tell
    styled = blocks("黑龙江以北", "zh-Hans", ["黑龙江"])[0]["text"]
    assert WORD_JOINER in styled
    assert picture(styled, SERIF_ZH, styled=True) == picture("黑龙江以北", SERIF_ZH)


def test_a_no_break_space_looks_like_a_space(picture):
    assert picture("около 600&nbsp;000&nbsp;км²", SERIF, styled=True) == picture(
        "около 600 000 км²", SERIF, styled=True
    )


# -- the map legend in Chinese -----------------------------------------------------------------


def test_the_chinese_map_legend_writes_areas_with_wan(open_kiosk, shipped_content):
    layers = json.loads((REPO / "assets" / "map" / "layers.geojson").read_text(encoding="utf-8"))
    km2 = {f["properties"]["id"]: f["properties"].get("area_km2") for f in layers["features"]}
    visitor = open_kiosk(shipped_content)
    visitor.enter("background")
    visitor.tap("lang_zh-Hans")
    visitor.tap("nav_map")
    visitor.go("map")
    visitor.tap("layer_1858")
    visitor.qtbot.waitUntil(lambda: bool(visitor.find_all("legend_joint-1858")))
    for fid, wan in (
        ("ceded-1858", "61万"),
        ("joint-1858", "31万"),
        ("undetermined-1689", "7.8万"),
    ):
        text = visitor.find(f"legend_{fid}").property("text")
        # as typography writes it, and never broken between the number and its unit
        assert text.endswith(" — " + typeset(format_area_zh(km2[fid]), "zh-Hans")), text
        assert text.replace(WORD_JOINER, "").endswith(f" — {wan}平方公里")
    # I18n.area and typography.format_area_zh round and write alike (half up, 万 and 亿)
    i18n = visitor.kiosk.engine.singletonInstance("Kiosk", "I18n")
    for value in (0.4, 950, 8437, 9999.6, 78_349, 99_960, 615_000, 625_000, 1_234_567, 1.26e8):
        shown = QMetaObject.invokeMethod(
            i18n, "area", Q_RETURN_ARG("QVariant"), Q_ARG("QVariant", value)
        )
        assert shown == typeset(format_area_zh(value), "zh-Hans"), value
