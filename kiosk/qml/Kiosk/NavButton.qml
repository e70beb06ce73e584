import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk

// A large touch button: at least 15 mm in both directions, no hover states.
AbstractButton {
    id: button
    property bool showHomeIcon: false
    property bool showContrastIcon: false   // a circle half filled (the contrast button)
    property bool solid: false   // over a picture: an opaque button
    property int labelPixelSize: Theme.labelSize
    property string fontFamily: Theme.sans
    // how far the label must shrink to fit at full size (1: it fits); a bar of buttons
    // uses the smallest, so its labels share one size
    readonly property real fit: Math.min(1, Math.max(1, width - Theme.space2xl - glyph.width) / Math.max(1, metrics.advanceWidth))

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
        color: button.checked ? Theme.accent : (button.pressed ? Theme.line : (button.solid ? Theme.surface : "transparent"))
        border.width: button.checked ? 0 : Theme.hairline
        border.color: Theme.line
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
            visible: button.showHomeIcon || button.showContrastIcon
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
                if (button.showContrastIcon) {
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
            textFormat: Text.PlainText  // never HTML: text from a file is text
            id: label
            anchors.verticalCenter: parent.verticalCenter
            text: button.text
            color: button.checked ? Theme.accentText : Theme.text
            font.family: button.fontFamily
            font.pixelSize: button.labelPixelSize
            font.weight: button.checked ? Font.Bold : Font.Normal
            visible: text !== ""
            width: Math.min(implicitWidth, row.parent.width - (glyph.visible ? glyph.width + row.spacing : 0))
            // a long word (Russian is long) gets a slightly smaller type before it is cut
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: Theme.labelMinSize
            elide: Text.ElideRight
        }
      }
    }
}
