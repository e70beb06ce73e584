pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// A name written on the map: an empire, a river, a lake, a sea, a range or an island, in
// the visitor's language with the other side's name ("Amur (Heilongjiang)"). Lettered by
// its kind - empires and ranges in spaced capitals, water in italics, the sea light on dark
// - with an outline like the places' names; turned to its slope (a river's name follows
// its river). Chinese on a steep slope is set as Chinese maps set it: each character
// upright, one after the other down the line (brackets turn with the line). Text, not a
// button: a touch goes to the map.
Item {
    id: name

    // the name, from NameList
    required property string nameId
    required property string kind      // empire, river, lake, sea, range, island
    required property var label        // {language: "name (other name)"}
    required property real px          // its middle, in picture pixels
    required property real py
    required property real angle       // its slope: degrees, positive rising to the right
    property real k: 1                 // screen px per picture px
    property bool inYear: true         // there in the year the map shows
    property bool crowded: false       // left out for want of room (MapLabels.arrange)
    readonly property bool present: inYear && !crowded

    readonly property string text: I18n.t(label)
    readonly property bool onSea: kind === "sea"
    readonly property bool water: kind === "river" || kind === "lake" || onSea
    readonly property bool spaced: kind === "empire" || kind === "range"
    readonly property bool chinese: Language.code.startsWith("zh")
    // upright characters down a steep line (read from the top: a rising line is read down)
    readonly property bool stepped: chinese && Math.abs(angle) >= 45
    readonly property real slope: stepped && angle > 0 ? angle - 180 : angle

    objectName: "mapName_" + nameId
    width: stepped ? steps.implicitWidth : whole.implicitWidth
    height: stepped ? steps.implicitHeight : whole.implicitHeight
    x: px * k - width / 2
    y: py * k - height / 2
    rotation: -slope
    visible: opacity > 0.001
    // to assistive technology: text (a screen reader may read it; the keypad skips it)
    Accessible.role: Accessible.StaticText
    Accessible.name: text
    Accessible.ignored: !present

    // the lettering of its kind (Texts, not a component of their own: kiosk.scene and the
    // proof check Texts' size and contrast)
    readonly property color ink: onSea ? Theme.mapSeaInk : (water ? Theme.mapWater : Theme.mapInk)
    readonly property color halo: onSea ? Theme.mapSeaHalo : Theme.mapHalo
    readonly property font lettering: Qt.font({
        family: water ? Theme.serif : Theme.sans,
        italic: water && !chinese,   // (Chinese has no italics)
        pixelSize: kind === "empire" ? Theme.bodySmallSize : onSea ? Math.round(Theme.bodySize * 0.8) : Theme.smallSize,
        weight: kind === "empire" || onSea ? Font.DemiBold : Font.Medium,
        capitalization: spaced ? Font.AllUppercase : Font.MixedCase,
        letterSpacing: spaced || onSea ? Theme.tracking : 0
    })

    Text {
        id: whole
        objectName: "mapNameText_" + name.nameId
        visible: !name.stepped
        textFormat: Text.PlainText  // never HTML: text from a file is text
        text: name.text
        color: name.ink
        style: Text.Outline
        styleColor: name.halo
        readonly property bool outlined: true   // kiosk.scene: its outline is its ground
        font: name.lettering
    }
    Row {
        id: steps
        visible: name.stepped
        Repeater {
            model: name.stepped ? Array.from(name.text) : []
            Item {
                id: step
                required property string modelData
                readonly property bool bracket: "（）()《》".indexOf(modelData) >= 0
                width: letter.font.pixelSize * (bracket ? 0.8 : 1.1)   // (a CJK character is square)
                height: letter.implicitHeight
                Text {
                    id: letter
                    anchors.centerIn: parent
                    textFormat: Text.PlainText
                    text: step.modelData
                    color: name.ink
                    style: Text.Outline
                    styleColor: name.halo
                    readonly property bool outlined: true   // kiosk.scene: its outline is its ground
                    font: name.lettering
                    rotation: step.bracket ? 0 : name.slope   // upright (a bracket turns with the line)
                }
            }
        }
    }
}
