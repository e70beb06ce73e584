import QtQuick
import Kiosk

// One place on the map: a big round marker with the place's name beside it (both take the
// tap); a marker moved off its place (MapLabels) has a line back to a dot on the place.
// The chosen place (its popup open) is ringed. A place not there in the year shown (it was
// founded later) is hidden: not pressable, not in the accessibility tree.
Item {
    id: spot

    // the place, from HotspotList
    required property string spotId
    required property var title
    required property bool labelLeft
    required property real px   // where, in picture pixels
    required property real py
    required property int index
    property var shownName: null             // what the name says ({language: text}), e.g. with
                                             // the other side's name; default: the title
    property real k: 1                       // screen px per picture px
    property var move: ({dx: 0, dy: 0})      // how far the marker stands from its place
    property bool open: false                // its popup is open: ringed
    property bool present: true              // there in the year shown (else hidden)
    signal tapped()

    readonly property string nameText: I18n.t(shownName || title)
    objectName: "hotspot_" + spotId
    // to assistive technology: a button named by the place
    Accessible.role: Accessible.Button
    Accessible.name: nameText
    Accessible.ignored: !present
    Accessible.onPressAction: tapped()
    enabled: present
    visible: opacity > 0.001
    x: px * k - width / 2 + move.dx
    y: py * k - height / 2 + move.dy
    width: Theme.markerSize
    height: width
    // how far the marker and its name reach left and right of its centre
    readonly property real reachLeft: width / 2 + (labelLeft ? name.implicitWidth : 0)
    readonly property real reachRight: width / 2 + (labelLeft ? 0 : name.implicitWidth)
    // a marker moved off its place points back to it
    readonly property real moved: Math.hypot(move.dx, move.dy)
    Rectangle {
        visible: spot.moved > 1
        x: spot.width / 2
        y: spot.height / 2 - height / 2
        width: spot.moved
        height: Theme.rule
        transformOrigin: Item.Left
        rotation: Math.atan2(-spot.move.dy, -spot.move.dx) * 180 / Math.PI
        color: Theme.background
    }
    Rectangle {
        visible: spot.moved > 1
        width: Theme.s(12)  // the dot on the place itself (its own size)
        height: width
        radius: width / 2
        x: spot.width / 2 - spot.move.dx - width / 2
        y: spot.height / 2 - spot.move.dy - height / 2
        color: Theme.background
    }
    // the chosen place: a dark ring and a light one round the marker, seen on any ground
    Rectangle {
        objectName: "hotspotRing_" + spot.spotId
        visible: spot.open
        anchors.centerIn: parent
        width: parent.width * 0.95
        height: width
        radius: width / 2
        color: "transparent"
        border.color: Theme.background
        border.width: Theme.mapRing
        Rectangle {
            anchors.fill: parent
            anchors.margins: Theme.mapRing
            radius: width / 2
            color: "transparent"
            border.color: Theme.text
            border.width: Theme.mapRing / 2
        }
    }
    Rectangle {
        anchors.centerIn: parent
        width: parent.width * 0.42  // the marker's disc within its target
        height: width
        radius: width / 2
        color: spot.open ? Theme.text : Theme.accent
        border.color: Theme.background
        border.width: Theme.rule
    }
    Text {
        // the name beside the marker, on the side the content asks for;
        // the name is part of the target
        textFormat: Text.PlainText  // never HTML: text from a file is text
        id: name
        objectName: "hotspotLabel_" + spot.spotId
        x: spot.labelLeft ? -implicitWidth : parent.width
        anchors.verticalCenter: parent.verticalCenter
        text: spot.nameText
        color: Theme.background
        style: Text.Outline
        readonly property bool outlined: true   // kiosk.scene: its outline is its ground
        styleColor: Qt.rgba(0.93, 0.89, 0.83, 0.85)
        font.family: Theme.sans
        font.pixelSize: Theme.smallSize
        font.weight: Font.Bold
        // TapHandlers, not MouseAreas: a two-finger pinch that starts
        // on a place still zooms (a MouseArea would take the touch)
        TapHandler {
            margin: Theme.spaceS
            onTapped: spot.tapped()
        }
    }
    TapHandler {
        onTapped: spot.tapped()
    }
}
