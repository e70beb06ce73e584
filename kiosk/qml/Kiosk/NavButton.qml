import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// A large touch button: at least 15 mm in both directions, no hover states.
AbstractButton {
    id: button
    property bool showHomeIcon: false
    property bool showContrastIcon: false   // a circle half filled (the contrast button)
    property string glyphName: showHomeIcon ? "home" : (showContrastIcon ? "contrast" : "")  // or "map", "info"
    property bool solid: false   // over a picture: an opaque button
    // checked as "chosen" (a language): outlined, not filled - the page is the one "you are here"
    property bool outlineWhenChecked: false
    readonly property bool filled: checked && !outlineWhenChecked
    property string number: ""   // a chapter's number before its label
    property bool iconOnly: false   // the icon alone (the label is still its accessible name)
    property int labelPixelSize: Theme.labelSize
    property string fontFamily: Theme.sans
    // how far the label must shrink to fit at full size (1: it fits); a bar of buttons
    // uses the smallest, so its labels share one size
    readonly property real fit: Math.min(1, Math.max(1, width - Theme.space2xl - glyph.width
                                                     - (number !== "" ? numberMetrics.advanceWidth + Theme.spaceM : 0))
                                            / Math.max(1, metrics.advanceWidth))

    // its width with every part at full size (a button that takes the room it needs)
    readonly property real naturalWidth: 2 * sidePadding
        + (glyphName !== "" ? Theme.labelSize * 1.1 + (iconOnly ? 0 : Theme.spaceM) : 0)
        + (number !== "" ? numberMetrics.advanceWidth + Theme.spaceM : 0)
        + (iconOnly ? 0 : metrics.advanceWidth)
    TextMetrics {
        id: numberMetrics
        text: button.number
        font.family: button.fontFamily
        font.pixelSize: Theme.labelSize
        font.weight: Font.Bold
    }
    TextMetrics {
        id: metrics
        text: button.text
        font.family: button.fontFamily
        font.pixelSize: Theme.labelSize
        font.weight: Font.Bold
    }

    implicitHeight: Theme.targetSize
    property real sidePadding: Theme.padButton   // each side of the label
    implicitWidth: Math.max(Theme.targetSize, implicitContentWidth + 2 * sidePadding)
    Layout.minimumWidth: Theme.targetSize
    focusPolicy: Qt.NoFocus
    hoverEnabled: false
    Accessible.name: text   // what a screen reader says (the label, in the visitor's language)

    background: Rectangle {
        radius: Theme.radiusS
        color: button.filled ? Theme.accent : (button.pressed ? Theme.line : (button.solid ? Theme.surface : "transparent"))
        border.width: button.filled ? 0 : (button.checked ? Theme.focusWidth : Theme.hairline)
        border.color: button.checked ? Theme.accent : Theme.line
    }

    contentItem: Item {
      implicitWidth: row.implicitWidth
      implicitHeight: row.implicitHeight
      Row {
        id: row
        anchors.centerIn: parent
        width: Math.min(implicitWidth, parent.width)
        spacing: Theme.spaceM
        Canvas {
            id: glyph
            visible: button.glyphName !== ""
            width: visible ? label.font.pixelSize * 1.1 : 0   // the house, a little taller than the word
            height: width
            anchors.verticalCenter: parent.verticalCenter
            property color ink: label.color
            onInkChanged: requestPaint()
            onPaint: {
                var c = getContext("2d"), w = width, h = height
                c.reset()
                c.strokeStyle = ink
                c.lineWidth = Math.max(2, w * 0.1)
                c.lineJoin = "round"
                if (button.glyphName === "info") {   // an i in a circle: the sources
                    c.beginPath(); c.arc(w / 2, h / 2, w * 0.42, 0, 2 * Math.PI); c.stroke()
                    c.fillStyle = ink
                    c.beginPath(); c.arc(w / 2, h * 0.3, w * 0.07, 0, 2 * Math.PI); c.fill()
                    c.beginPath(); c.moveTo(w / 2, h * 0.45); c.lineTo(w / 2, h * 0.74); c.stroke()
                    return
                }
                if (button.glyphName === "map") {    // a folded map
                    c.beginPath()
                    c.moveTo(w * 0.08, h * 0.22); c.lineTo(w * 0.36, h * 0.1); c.lineTo(w * 0.64, h * 0.22)
                    c.lineTo(w * 0.92, h * 0.1); c.lineTo(w * 0.92, h * 0.78); c.lineTo(w * 0.64, h * 0.9)
                    c.lineTo(w * 0.36, h * 0.78); c.lineTo(w * 0.08, h * 0.9); c.closePath()
                    c.moveTo(w * 0.36, h * 0.1); c.lineTo(w * 0.36, h * 0.78)
                    c.moveTo(w * 0.64, h * 0.22); c.lineTo(w * 0.64, h * 0.9)
                    c.stroke()
                    return
                }
                if (button.glyphName === "contrast") {
                    const r = w * 0.4
                    c.beginPath(); c.arc(w / 2, h / 2, r, 0, 2 * Math.PI); c.stroke()
                    c.fillStyle = ink
                    c.beginPath(); c.arc(w / 2, h / 2, r, Math.PI / 2, 3 * Math.PI / 2); c.closePath(); c.fill()
                    return
                }
                c.beginPath()
                c.moveTo(w * 0.1, h * 0.5); c.lineTo(w * 0.5, h * 0.12); c.lineTo(w * 0.9, h * 0.5)
                c.moveTo(w * 0.22, h * 0.42); c.lineTo(w * 0.22, h * 0.88); c.lineTo(w * 0.78, h * 0.88)
                c.lineTo(w * 0.78, h * 0.42)
                c.stroke()
            }
        }
        Text {
            // a chapter's number, in the accent colour (the sequence reads 1 2 3 4)
            id: numberLabel
            textFormat: Text.PlainText
            visible: button.number !== ""
            anchors.verticalCenter: parent.verticalCenter
            text: button.number
            color: button.filled ? Theme.accentText : Theme.accent
            font.family: Theme.sans
            font.pixelSize: button.labelPixelSize
            font.weight: Font.Bold
        }
        Text {
            textFormat: Text.PlainText  // never HTML: text from a file is text
            id: label
            anchors.verticalCenter: parent.verticalCenter
            text: button.text
            color: button.filled ? Theme.accentText : (button.checked ? Theme.accent : Theme.text)
            font.family: button.fontFamily
            font.pixelSize: button.labelPixelSize
            font.weight: button.checked ? Font.Bold : Font.Normal
            visible: text !== "" && !button.iconOnly
            width: Math.min(implicitWidth, row.parent.width - (glyph.visible ? glyph.width + row.spacing : 0)
                                             - (numberLabel.visible ? numberLabel.implicitWidth + row.spacing : 0))
            // a long word (Russian is long) gets a slightly smaller type before it is cut
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: Theme.labelMinSize
            elide: Text.ElideRight
        }
      }
    }
}
