pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// For curators in the preview (--windowed) only: what is wrong with content.yaml on disk
// while the kiosk goes on showing the last good version. Never shown in kiosk mode.
// Its sentences are staff words (kiosk/backend/staffwords.py) in the visitors' language;
// the errors themselves stay as `kiosk check` words them.
Rectangle {
    id: banner
    objectName: "staffBanner"
    readonly property var errors: Reload.errors
    readonly property int shown: 6

    visible: errors.length > 0
    width: parent.width
    height: column.implicitHeight + 2 * Theme.spaceL
    color: Theme.alert

    Column {
        id: column
        x: Theme.padButton; y: Theme.spaceL
        width: parent.width - 2 * Theme.padButton
        spacing: Theme.space3xs
        Text {
            textFormat: Text.PlainText  // never HTML: text from a file is text
            width: parent.width
            text: Staff.words.banner
            color: Theme.alertText
            font.family: Theme.sans
            font.pixelSize: Theme.alertTitleSize
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
                color: Theme.alertDetail
                font.family: Theme.sans
                font.pixelSize: Theme.alertSize
                wrapMode: Text.WrapAnywhere
            }
        }
        Text {
            textFormat: Text.PlainText  // never HTML: text from a file is text
            visible: banner.errors.length > banner.shown
            text: Staff.words.banner_more.replace("{count}", banner.errors.length - banner.shown)
            color: Theme.alertDetail
            font.family: Theme.sans
            font.pixelSize: Theme.alertSize
        }
    }
}
