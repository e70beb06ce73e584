import QtQuick
import Kiosk
import Kiosk.Backend

// Invites a visitor to touch. The whole screen is one target; the touch that leaves it is
// used up here and never reaches the page underneath.
Item {
    id: screen
    objectName: "attractScreen"

    Rectangle { anchors.fill: parent; color: Theme.background }

    Image {
        id: picture
        anchors.fill: parent
        source: Exhibit.attract.image && width > 0 ? Exhibit.attract.image.url : ""
        sourceSize.width: Exhibit.attract.image ? Math.max(1, Math.min(Exhibit.attract.image.width, Math.ceil(width))) : 1
        fillMode: Image.PreserveAspectCrop
        asynchronous: true
        opacity: status === Image.Ready ? 0.42 : 0
        Behavior on opacity { NumberAnimation { duration: 800 } }
    }

    // darken towards the text so it always reads
    Rectangle {
        anchors.fill: parent
        gradient: Gradient {
            orientation: Gradient.Horizontal
            GradientStop { position: 0.0; color: Qt.rgba(0.078, 0.094, 0.114, 0.92) }
            GradientStop { position: 0.65; color: Qt.rgba(0.078, 0.094, 0.114, 0.55) }
            GradientStop { position: 1.0; color: Qt.rgba(0.078, 0.094, 0.114, 0.25) }
        }
    }

    Column {
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin * 1.3
        anchors.verticalCenter: parent.verticalCenter
        anchors.verticalCenterOffset: -Theme.s(60)
        width: parent.width * 0.62
        spacing: Theme.s(28)

        Rectangle { width: Theme.s(120); height: Theme.s(6); color: Theme.accent }

        Text {
            objectName: "attractTitle"
            width: parent.width
            text: Exhibit.attract.title || ""
            color: Theme.text
            font.family: Theme.serif
            font.pixelSize: Theme.displaySize * 1.25
            font.weight: Font.Bold
            wrapMode: Text.WordWrap
            lineHeight: 1.05
        }

        Text {
            width: parent.width
            text: Exhibit.attract.subtitle || ""
            visible: text.length > 0
            color: Theme.muted
            font.family: Theme.serif
            font.pixelSize: Theme.titleSize * 0.72
            wrapMode: Text.WordWrap
        }
    }

    // the invitation, in the lower part of the screen where hands are
    Rectangle {
        id: prompt
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.s(110)
        width: promptText.implicitWidth + Theme.s(120)
        height: Theme.targetSize * 1.1
        radius: height / 2
        color: Theme.accent

        Text {
            id: promptText
            anchors.centerIn: parent
            text: Exhibit.attract.prompt || ""
            color: Theme.accentText
            font.family: Theme.sans
            font.pixelSize: Theme.labelSize * 1.2
            font.weight: Font.Bold
        }

        SequentialAnimation on scale {
            loops: Animation.Infinite
            running: screen.visible
            NumberAnimation { from: 1.0; to: 1.05; duration: 1400; easing.type: Easing.InOutSine }
            NumberAnimation { from: 1.05; to: 1.0; duration: 1400; easing.type: Easing.InOutSine }
        }
    }

    TapHandler {
        gesturePolicy: TapHandler.WithinBounds
        grabPermissions: PointerHandler.TakeOverForbidden
        onTapped: Navigation.enter()
    }
}
