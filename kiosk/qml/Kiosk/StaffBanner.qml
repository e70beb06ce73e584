import QtQuick
import Kiosk
import Kiosk.Backend

// For curators in the preview (--windowed) only: what is wrong with content.yaml on disk
// while the kiosk goes on showing the last good version. Never shown in kiosk mode.
Rectangle {
    id: banner
    objectName: "staffBanner"
    readonly property var errors: Reload.errors
    readonly property int shown: 6

    visible: errors.length > 0
    width: parent.width
    height: column.implicitHeight + Theme.s(36)
    color: "#5c1a1a"

    Column {
        id: column
        x: Theme.s(32); y: Theme.s(18)
        width: parent.width - Theme.s(64)
        spacing: Theme.s(6)
        Text {
            textFormat: Text.PlainText  // never HTML: text from a file is text
            width: parent.width
            text: "Preview: the content file has mistakes - the kiosk keeps showing its last good version. "
                  + "Fix them and save; this disappears."
            color: "white"
            font.family: "Noto Sans"
            font.pixelSize: Theme.s(24)
            font.weight: Font.Bold
            wrapMode: Text.Wrap
        }
        Repeater {
            model: banner.errors.slice(0, banner.shown)
            Text {
                textFormat: Text.PlainText  // never HTML: text from a file is text
                required property string modelData
                objectName: "staffError"
                width: column.width
                text: modelData
                color: "#ffe3e3"
                font.family: "Noto Sans"
                font.pixelSize: Theme.s(20)
                wrapMode: Text.WrapAnywhere
            }
        }
        Text {
            textFormat: Text.PlainText  // never HTML: text from a file is text
            visible: banner.errors.length > banner.shown
            text: "... and " + (banner.errors.length - banner.shown) + " more (kiosk check lists them all)"
            color: "#ffe3e3"
            font.family: "Noto Sans"
            font.pixelSize: Theme.s(20)
        }
    }
}
