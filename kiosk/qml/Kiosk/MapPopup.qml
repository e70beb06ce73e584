import QtQuick
import Kiosk

// A place's popup on the map: its name and its text. A tap on it closes it.
Rectangle {
    id: popup
    objectName: "hotspotPopup"

    property var place: ({})   // a row of HotspotList (texts are {language: text})
    signal dismissed()

    height: body.implicitHeight + 2 * Theme.padCard
    radius: Theme.radiusM
    color: Theme.surface
    border.color: Theme.accent
    border.width: Theme.hairline

    Column {
        id: body
        x: Theme.padCard; y: Theme.padCard
        width: parent.width - 2 * Theme.padCard
        spacing: Theme.spaceXs
        Text {
            textFormat: Text.PlainText  // never HTML: text from a file is text
            width: parent.width
            text: I18n.t(popup.place.title || {})
            color: Theme.accent
            font.family: Theme.serif
            font.pixelSize: Theme.bodySize
            font.weight: Font.Bold
            wrapMode: Text.WordWrap
        }
        Text {
            objectName: "hotspotText"
            width: parent.width
            text: I18n.t(popup.place.text || {})
            textFormat: Text.StyledText  // safe: escaped but for <b>, <i> (kiosk.content.markup)
            color: Theme.text
            font.family: Theme.serif
            font.pixelSize: Theme.bodySmallSize
            wrapMode: Text.WordWrap
            lineHeight: 1.25
        }
    }
    MouseArea {
        anchors.fill: parent
        onClicked: popup.dismissed()
        // to assistive technology: the place's name and text; pressing closes it
        Accessible.role: Accessible.Button
        Accessible.name: I18n.t(popup.place.title || {}) + ". " + I18n.t(popup.place.plainText || {})
        Accessible.onPressAction: popup.dismissed()
    }
}
