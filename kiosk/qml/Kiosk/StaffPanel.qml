pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// For staff only, opened by the hidden corner gesture: a PIN pad, then the staff menu
// (exit, reload the content now, diagnostics). While open it takes every touch.
Rectangle {
    id: panel
    objectName: "staffPanel"
    visible: Staff.state !== Staff.Closed
    anchors.fill: parent
    color: Qt.rgba(0, 0, 0, 0.82)

    property string pin: ""
    onVisibleChanged: pin = ""

    MouseArea { anchors.fill: parent }   // nothing underneath is touched

    Rectangle {
        anchors.centerIn: parent
        width: content.implicitWidth + 2 * Theme.padPanel
        height: content.implicitHeight + 2 * Theme.space4xl
        radius: Theme.radiusM
        color: Theme.surface
        border.color: Theme.line

        Column {
            id: content
            anchors.centerIn: parent
            spacing: Theme.spaceL

            Text {
                textFormat: Text.PlainText  // never HTML: text from a file is text
                objectName: "staffTitle"
                text: Staff.state === Staff.Menu ? Staff.words.menu_title : Staff.words.pad_title
                color: Theme.text
                font.family: Theme.sans
                font.pixelSize: Theme.headingSize
                font.weight: Font.Bold
            }
            Text {
                textFormat: Text.PlainText  // never HTML: text from a file is text
                objectName: "staffMessage"
                text: Staff.message
                visible: text !== ""
                color: Theme.accent
                font.family: Theme.sans
                font.pixelSize: Theme.labelSize
            }

            // the PIN pad
            Text {
                textFormat: Text.PlainText  // never HTML: text from a file is text
                visible: Staff.state === Staff.Pad
                text: panel.pin.length ? "●".repeat(panel.pin.length) : "-"
                color: Theme.text
                font.pixelSize: Theme.pinSize
            }
            Grid {
                visible: Staff.state === Staff.Pad
                columns: 3
                spacing: Theme.spaceS
                Repeater {
                    model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]
                    NavButton {
                        required property string modelData
                        objectName: "pin_" + modelData
                        width: Theme.keyWidth
                        text: modelData === "clear" ? Staff.words.clear : modelData === "ok" ? Staff.words.ok : modelData
                        solid: true
                        onClicked: {
                            if (modelData === "clear") panel.pin = ""
                            else if (modelData === "ok") { Staff.enterPin(panel.pin); panel.pin = "" }
                            else if (panel.pin.length < 12) panel.pin += modelData
                        }
                    }
                }
            }

            // the menu
            Column {
                visible: Staff.state === Staff.Menu
                spacing: Theme.space2xs
                Repeater {
                    model: Staff.diagnostics
                    Text {
                        textFormat: Text.PlainText  // never HTML: text from a file is text
                        required property string modelData
                        objectName: "staffDiagnostics"
                        width: Theme.cardMeasure
                        text: modelData
                        color: Theme.muted
                        font.family: Theme.sans
                        font.pixelSize: Theme.smallSize
                        wrapMode: Text.WrapAnywhere
                    }
                }
            }
            Row {
                spacing: Theme.spaceS
                NavButton {
                    objectName: "staffExit"
                    visible: Staff.state === Staff.Menu
                    text: Staff.words.exit
                    solid: true
                    onClicked: Staff.exit()
                }
                NavButton {
                    objectName: "staffReload"
                    visible: Staff.state === Staff.Menu
                    text: Staff.words.reload
                    solid: true
                    onClicked: Staff.reload()
                }
                NavButton {
                    objectName: "staffClose"
                    text: Staff.state === Staff.Menu ? Staff.words.back : Staff.words.cancel
                    solid: true
                    onClicked: Staff.close()
                }
            }
        }
    }
}
