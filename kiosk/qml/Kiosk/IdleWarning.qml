import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Shapes
import Kiosk
import Kiosk.Backend

// "Are you still there?": a ring that empties as the seconds run out, the seconds in its
// middle, and two large buttons - Continue, and Start again (the idle reset, now). The
// overlay takes every touch press to release, so nothing underneath is ever pressed; a
// touch anywhere but "Start again" continues when it is lifted (Idle, kiosk/backend/idle.py,
// sees to that and swallows the rest of a touch the warning goes under). Keys: the keypad
// moves between the two buttons (it stays inside the warning); any other key continues.
Item {
    id: overlay
    objectName: "idleWarning"
    visible: Idle.warning

    // the focus goes to "Continue" while the warning shows, and back where it was after
    property Item focusBefore: null
    onVisibleChanged: {
        if (visible) {
            focusBefore = Window.activeFocusItem
            continueButton.forceActiveFocus()
        } else if (focusBefore) {
            if (focusBefore.visible)
                focusBefore.forceActiveFocus()
            focusBefore = null
        }
    }
    // a key that is not the keypad's (the keypad takes its own before they get here)
    Keys.onPressed: (event) => { event.accepted = true; Idle.dismiss() }

    // nothing under the overlay can be pressed while it shows: it holds every touch
    MouseArea {
        anchors.fill: parent
        acceptedButtons: Qt.AllButtons
        hoverEnabled: false
        onClicked: Idle.dismiss()
        onWheel: (wheel) => { wheel.accepted = true }
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

    // one of the two answers: a large button, the first of them filled
    component Choice: AbstractButton {
        id: choice
        property bool primary: false
        implicitHeight: Theme.targetSize * 1.1
        implicitWidth: Math.max(Theme.targetSize * 2.5, label.implicitWidth + 2 * Theme.padButton)
        focusPolicy: Qt.NoFocus   // the keypad gives it the focus, a touch never does
        hoverEnabled: false
        Accessible.role: Accessible.Button
        Accessible.name: text
        background: Rectangle {
            radius: Theme.radiusS
            color: choice.primary ? (choice.pressed ? Qt.darker(Theme.accent, 1.2) : Theme.accent)
                                  : (choice.pressed ? Theme.line : Theme.surface)
            border.width: choice.primary ? 0 : Theme.hairline
            border.color: Theme.text
        }
        contentItem: Text {
            id: label
            textFormat: Text.PlainText  // never HTML: text from a file is text
            text: choice.text
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            color: choice.primary ? Theme.accentText : Theme.text
            font.family: Theme.sans
            font.pixelSize: Theme.labelLargeSize
            font.weight: Font.Bold
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: Theme.labelMinSize
            elide: Text.ElideRight
            Accessible.ignored: true
        }
    }

    Column {
        id: card
        anchors.centerIn: parent
        width: Math.min(parent.width * 0.7, Theme.cardMeasure)
        spacing: Theme.space3xl

        Text {
            objectName: "idleQuestion"
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

        // the countdown: an arc that empties over settings.idle.warning_s, the seconds inside
        // (the arc steps once a second with a short slide: one brief animation a second)
        Item {
            id: ring
            objectName: "idleRing"
            anchors.horizontalCenter: parent.horizontalCenter
            width: Theme.ringSize
            height: Theme.ringSize
            readonly property real remaining: Math.max(0, Math.min(1, Idle.secondsLeft / Math.max(0.001, Idle.warningSeconds)))
            property real shown: remaining   // what the arc draws (slides to `remaining`)
            Behavior on shown {
                enabled: overlay.visible
                NumberAnimation { duration: 350; easing.type: Easing.OutCubic }
            }
            Accessible.role: Accessible.StaticText
            Accessible.name: (I18n.t(Exhibit.ui.idle_countdown) || "{seconds}").replace("{seconds}", Idle.secondsLeft)

            Shape {
                anchors.fill: parent
                preferredRendererType: Shape.CurveRenderer
                ShapePath {   // the whole circle, faint: the time there was
                    fillColor: "transparent"
                    strokeColor: Theme.ringTrack
                    strokeWidth: Theme.ringWidth
                    capStyle: ShapePath.FlatCap
                    PathAngleArc {
                        centerX: ring.width / 2
                        centerY: ring.height / 2
                        radiusX: (ring.width - Theme.ringWidth) / 2
                        radiusY: radiusX
                        startAngle: 0
                        sweepAngle: 360
                    }
                }
                ShapePath {   // the time left, from twelve o'clock clockwise
                    fillColor: "transparent"
                    strokeColor: Theme.accent
                    strokeWidth: Theme.ringWidth
                    capStyle: ShapePath.RoundCap
                    PathAngleArc {
                        centerX: ring.width / 2
                        centerY: ring.height / 2
                        radiusX: (ring.width - Theme.ringWidth) / 2
                        radiusY: radiusX
                        startAngle: -90
                        sweepAngle: 360 * ring.shown
                    }
                }
            }

            Text {
                objectName: "idleSeconds"
                anchors.centerIn: parent
                textFormat: Text.PlainText
                text: Idle.secondsLeft
                color: Theme.text
                font.family: Theme.sansFor("en")   // digits: the same in every language
                font.pixelSize: Theme.countdownSize
                font.weight: Font.Bold
                Accessible.ignored: true   // the ring says it, with its words
            }
        }

        Row {
            id: choices
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: Theme.space2xl
            readonly property real each: Math.min(Math.max(continueButton.implicitWidth, restartButton.implicitWidth),
                                                  (card.width + 2 * Theme.padDialogSide - spacing) / 2)
            Choice {
                id: continueButton
                objectName: "idleContinue"
                primary: true
                width: choices.each
                text: I18n.t(Exhibit.ui.idle_continue)
                onClicked: Idle.dismiss()
            }
            Choice {
                id: restartButton
                objectName: "idleRestart"
                width: choices.each
                text: I18n.t(Exhibit.ui.idle_restart)
                onClicked: { Analytics.note("control", "idle_restart"); Idle.restart() }
            }
        }
    }
}
