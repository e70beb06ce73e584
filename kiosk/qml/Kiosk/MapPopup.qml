import QtQuick
import Kiosk

// A place's popup on the map: its names and its text. A tap on it closes it. The map page
// stands it beside its place (never over it), with a leader line to it; a text taller than
// maxHeight scrolls.
Rectangle {
    id: popup
    objectName: "hotspotPopup"

    property var place: ({})   // a row of HotspotList (texts are {language: text})
    property real maxHeight: 10000
    signal dismissed()

    // the place's name with the other side's ("Vladivostok (Haishenwai)"), as on the map
    readonly property string heading: I18n.t(place.label || place.title || {})

    height: Math.min(maxHeight, body.implicitHeight + 2 * Theme.padCard)
    radius: Theme.radiusM
    color: Theme.surface
    border.color: Theme.accent
    border.width: Theme.hairline

    Flickable {
        id: scroller
        objectName: "hotspotPopupScroll"
        x: Theme.padCard; y: Theme.padCard
        width: parent.width - 2 * Theme.padCard
        height: parent.height - 2 * Theme.padCard
        contentHeight: body.implicitHeight
        boundsBehavior: Flickable.StopAtBounds
        interactive: contentHeight > height + 1
        clip: interactive

        MouseArea {  // inside the Flickable: a drag scrolls the text, a tap closes
            width: scroller.width
            height: Math.max(scroller.height, body.implicitHeight)
            onClicked: popup.dismissed()
        }
        Column {
            id: body
            width: scroller.width
            spacing: Theme.spaceXs
            Text {
                textFormat: Text.PlainText  // never HTML: text from a file is text
                width: parent.width
                text: popup.heading
                color: Theme.accent
                font.family: Theme.serif
                font.pixelSize: Theme.bodySize
                font.weight: Font.Bold
                wrapMode: Text.WordWrap
                // a name longer than the line (large text, a narrow popup) is set smaller
                fontSizeMode: Text.HorizontalFit
                minimumPixelSize: Theme.bodySmallSize
            }
            Text {
                objectName: "hotspotText"
                width: parent.width
                text: I18n.t(popup.place.text || {})
                textFormat: Text.StyledText  // safe: escaped but for <b>, <i> (kiosk.content.markup)
                color: Theme.text
                font.family: Theme.serif
                font.pixelSize: Theme.bodySmallSize
                wrapMode: Text.Wrap   // words; a word longer than the line breaks
                lineHeight: 1.25
            }
        }
    }
    // to assistive technology: the place's names and text; pressing closes it
    Item {
        anchors.fill: parent
        Accessible.role: Accessible.Button
        Accessible.name: popup.heading + ". " + I18n.t(popup.place.plainText || {})
        Accessible.onPressAction: popup.dismissed()
    }
}
