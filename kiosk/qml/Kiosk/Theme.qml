pragma Singleton
import QtQuick
import Kiosk.Backend

// Colours, type and sizes. Sizes scale with the window (designed at 1920x1080) and never
// let a touch target fall below 15 mm on the glass.
QtObject {
    // set by Main.qml from the window and the configured screen size
    property real u: 1          // one design pixel at 1920x1080
    property real mm: 2.71      // screen pixels per millimetre

    function s(px) { return Math.round(px * u) }

    readonly property real minTarget: 15 * mm
    property real buttonMm: 0   // set by Main.qml from the content: 0 is the design size
    readonly property real targetSize: buttonMm > 0 ? buttonMm * mm : Math.max(s(104), 17 * mm)

    readonly property color background: "#14181d"
    readonly property color surface: "#1c2228"
    readonly property color line: "#343c45"
    readonly property color text: "#ece4d4"
    readonly property color muted: "#a99f8e"
    readonly property color accent: "#c8a25a"
    readonly property color accentText: "#16130d"

    // Chinese text is set in the Chinese cuts of the same typefaces (their Latin matches);
    // other languages in Noto, which falls back to those for the odd Chinese character.
    readonly property string serif: serifFor(Language.code)
    readonly property string sans: sansFor(Language.code)
    function serifFor(code) { return code.startsWith("zh") ? "Noto Serif CJK SC" : "Noto Serif" }
    function sansFor(code) { return code.startsWith("zh") ? "Noto Sans CJK SC" : "Noto Sans" }

    readonly property int displaySize: s(92)
    readonly property int titleSize: s(60)
    readonly property int bodySize: s(31)
    readonly property int labelSize: s(27)
    readonly property int smallSize: s(22)
    readonly property int margin: s(88)
}
