import QtQuick
import Kiosk
import Kiosk.Backend

// "Are you still there?" with a countdown. Any touch dismisses it; that touch is swallowed
// by the activity filter, so it never presses what lies underneath.
Item {
    id: overlay
    objectName: "idleWarning"
    visible: Idle.warning

    // a second guard: nothing under the overlay can be pressed while it shows
    MouseArea {
        anchors.fill: parent
        acceptedButtons: Qt.AllButtons
        hoverEnabled: false
        // to assistive technology: the question is a button that says "I am still here"
        Accessible.role: Accessible.Button
        Accessible.name: I18n.t(Exhibit.ui.idle_question) + " " + I18n.t(Exhibit.ui.idle_hint)
        Accessible.onPressAction: Idle.dismiss()
    }

    Rectangle { anchors.fill: parent; color: Theme.background; opacity: 0.88 }

    Rectangle {
        anchors.centerIn: card
        width: card.width + 2 * Theme.padDialogSide
        height: card.height + 2 * Theme.padDialog
        radius: Theme.radiusL
        color: Theme.surface
        border.color: Theme.line
        border.width: Theme.hairline
    }

    Column {
        id: card
        anchors.centerIn: parent
        width: Math.min(parent.width * 0.7, Theme.cardMeasure)
        spacing: Theme.space3xl

        Text {
            textFormat: Text.PlainText  // never HTML: text from a file is text
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: I18n.t(Exhibit.ui.idle_question)
            color: Theme.text
            font.family: Theme.serif
            font.pixelSize: Theme.titleSize
            font.weight: Font.Bold
            wrapMode: Text.WordWrap
        }

        Text {
            textFormat: Text.PlainText  // never HTML: text from a file is text
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: I18n.t(Exhibit.ui.idle_hint)
            color: Theme.text
            font.family: Theme.sans
            font.pixelSize: Theme.leadSize
            wrapMode: Text.WordWrap
        }

        Text {
            textFormat: Text.PlainText  // never HTML: text from a file is text
            objectName: "idleCountdown"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: (I18n.t(Exhibit.ui.idle_countdown) || "{seconds}").replace("{seconds}", Idle.secondsLeft)
            color: Theme.accent
            font.family: Theme.sans
            font.pixelSize: Theme.labelLargeSize
            font.weight: Font.Bold
        }
    }
}
