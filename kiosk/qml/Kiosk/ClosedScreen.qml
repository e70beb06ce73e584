import QtQuick
import Kiosk
import Kiosk.Backend

// Outside the opening hours: dark and deliberate, nearly still (the text moves to another
// place once a minute, against burn-in). A touch brightens it for a while and goes no
// further: nothing underneath is pressed.
Rectangle {
    id: closed
    objectName: "closedScreen"
    anchors.fill: parent
    color: "#050607"

    property int minute: 0
    property bool awake: false

    Timer { interval: 60000; repeat: true; running: closed.visible; onTriggered: closed.minute += 1 }
    Timer { id: sleep; interval: 15000; onTriggered: closed.awake = false }

    MouseArea {
        anchors.fill: parent
        onPressed: { closed.awake = true; sleep.restart() }
    }

    Column {
        readonly property var places: [[0.18, 0.30], [0.42, 0.52], [0.22, 0.62], [0.40, 0.26]]
        readonly property var place: places[closed.minute % places.length]
        x: parent.width * place[0]
        y: parent.height * place[1]
        spacing: Theme.spaceL
        opacity: closed.awake ? 0.9 : 0.35
        Behavior on opacity { NumberAnimation { duration: 600 } }

        Text {
            textFormat: Text.PlainText  // never HTML: text from a file is text
            objectName: "closedTitle"
            text: I18n.t(Exhibit.ui.closed_title)
            color: Theme.text
            font.family: Theme.serif
            font.pixelSize: Theme.titleSize
        }
        Text {
            textFormat: Text.PlainText  // never HTML: text from a file is text
            text: I18n.t(Exhibit.ui.closed_hint)
            color: Theme.muted
            font.family: Theme.sans
            font.pixelSize: Theme.labelSize
        }
    }
}
