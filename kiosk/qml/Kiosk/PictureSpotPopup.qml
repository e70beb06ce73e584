import QtQuick
import Kiosk

// A "look closer" spot's popup: its name and its text, beside the spot and never over it
// (below it when there is room, else above, else to the side with more room), inside
// `bounds`. A tap on it closes it.
Rectangle {
    id: popup
    objectName: "pictureSpotPopup"

    property var spot: ({})             // {title, text, plainText} (texts are {language: text})
    property point at: Qt.point(0, 0)   // the spot's centre, in the parent's coordinates
    property rect bounds: Qt.rect(0, 0, parent ? parent.width : 0, parent ? parent.height : 0)
    readonly property real clearance: Theme.markerSize / 2 + Theme.spaceS   // kept free around the spot
    readonly property real edge: Theme.spaceS                               // from the bounds
    signal dismissed()

    width: Math.min(Theme.spotPopupMeasure, bounds.width - 2 * edge)
    height: body.implicitHeight + 2 * Theme.padCard
    radius: Theme.radiusM
    color: Theme.surface
    border.color: Theme.accent
    border.width: Theme.hairline

    // where it stands: {x, y} in the parent's coordinates
    readonly property point place: {
        const b = bounds, w = width, h = height, c = clearance, e = edge
        const clampX = (x) => Math.max(b.x + e, Math.min(b.x + b.width - e - w, x))
        const clampY = (y) => Math.max(b.y + e, Math.min(b.y + b.height - e - h, y))
        if (at.y + c + h <= b.y + b.height - e)     // below
            return Qt.point(clampX(at.x - w / 2), at.y + c)
        if (at.y - c - h >= b.y + e)                // above
            return Qt.point(clampX(at.x - w / 2), at.y - c - h)
        const left = at.x - b.x > b.x + b.width - at.x   // beside, where there is more room
        return Qt.point(left ? Math.max(b.x + e, at.x - c - w) : Math.min(b.x + b.width - e - w, at.x + c),
                        clampY(at.y - h / 2))
    }
    x: place.x
    y: place.y

    Column {
        id: body
        x: Theme.padCard; y: Theme.padCard
        width: parent.width - 2 * Theme.padCard
        spacing: Theme.spaceXs
        Text {
            textFormat: Text.PlainText  // never HTML: text from a file is text
            objectName: "pictureSpotTitle"
            width: parent.width
            text: I18n.t(popup.spot.title || {})
            color: Theme.accent
            font.family: Theme.serif
            font.pixelSize: Theme.bodySize
            font.weight: Font.Bold
            wrapMode: Text.WordWrap
        }
        Text {
            objectName: "pictureSpotText"
            width: parent.width
            text: I18n.t(popup.spot.text || {})
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
        // to assistive technology: the spot's name and text; pressing closes it
        Accessible.role: Accessible.Button
        Accessible.name: I18n.t(popup.spot.title || {}) + ". " + I18n.t(popup.spot.plainText || {})
        Accessible.onPressAction: popup.dismissed()
    }
}
