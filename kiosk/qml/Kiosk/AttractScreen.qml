import QtQuick
import Kiosk
import Kiosk.Backend

// Invites a visitor to touch. The whole screen is one target; the touch that leaves it is
// used up here and never reaches the page underneath.
Item {
    id: screen
    objectName: "attractScreen"

    // Burn-in: nothing stays put. The picture pans and the text wanders slowly (under
    // 1.5 % of the screen per minute), stepped once a second so an idle kiosk redraws
    // once a second, not sixty times. With reduced motion, the text cross-fades between
    // places every minute instead.
    readonly property bool reducedMotion: Exhibit.reducedMotion
    property bool started: true   // false: the picture and the language buttons wait for it
    property real elapsed: 0          // seconds on the attract screen
    readonly property real turn: 2 * Math.PI * elapsed / 900   // one slow cycle in 15 minutes
    readonly property real reach: Math.max(width, height) * 0.015

    Timer {
        interval: 1000
        repeat: true
        running: screen.visible
        onTriggered: screen.elapsed += 1
    }
    onVisibleChanged: if (visible) elapsed = 0

    Rectangle { anchors.fill: parent; color: Theme.background }

    Image {
        id: picture
        objectName: "attractPicture"
        width: parent.width + 4 * screen.reach
        height: parent.height + 4 * screen.reach
        x: -2 * screen.reach + (screen.reducedMotion ? 0 : 1.5 * screen.reach * Math.sin(screen.turn))
        y: -2 * screen.reach + (screen.reducedMotion ? 0 : screen.reach * Math.sin(screen.turn + 1))
        source: screen.started && Exhibit.attract.image && width > 0 ? Exhibit.attract.image.url : ""
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
        id: titleBlock
        objectName: "attractText"
        // where the text stands: a slow circle, or (reduced motion) one of four places
        readonly property int place: Math.floor(screen.elapsed / 60) % 4
        readonly property real dx: screen.reducedMotion ? [0, 1, 0, -1][place] * screen.reach
                                                        : screen.reach * Math.cos(screen.turn)
        readonly property real dy: screen.reducedMotion ? [-1, 0, 1, 0][place] * screen.reach
                                                        : screen.reach * Math.sin(screen.turn)
        x: Theme.attractInset + dx
        y: (parent.height - height) / 2 - Theme.attractLift + dy
        width: parent.width * 0.62
        spacing: Theme.space2xl
        // reduced motion: fade out just before each move, back in after it
        opacity: screen.reducedMotion && (screen.elapsed % 60 >= 57) ? 0 : 1
        Behavior on opacity { NumberAnimation { duration: 2500 } }

        // a short accent rule above the title (an ornament: its own size)
        Rectangle { width: Theme.s(120); height: Theme.s(6); color: Theme.accent }

        Text {
            textFormat: Text.PlainText  // never HTML: text from a file is text
            objectName: "attractTitle"
            width: parent.width
            text: I18n.t(Exhibit.attract.title)
            color: Theme.text
            font.family: Theme.serif
            font.pixelSize: Theme.displaySize
            font.weight: Font.Bold
            wrapMode: Text.WordWrap
            lineHeight: 1.05
        }

        Text {
            textFormat: Text.PlainText  // never HTML: text from a file is text
            width: parent.width
            text: I18n.t(Exhibit.attract.subtitle)
            visible: text.length > 0
            color: Theme.muted
            font.family: Theme.serif
            font.pixelSize: Theme.subtitleSize
            wrapMode: Text.WordWrap
        }
    }

    // how to start audio mode without seeing the screen: small, in every language at once,
    // bottom left (the languages' buttons are bottom right)
    Column {
        objectName: "audioHint"
        x: Theme.attractInset
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.spaceXl
        Repeater {
            model: Language.languages
            Text {
                required property var modelData
                textFormat: Text.PlainText  // never HTML: text from a file is text
                text: (Exhibit.ui.audio_start || {})[modelData.code] || ""
                color: Theme.text
                font.family: Theme.sansFor(modelData.code)
                font.pixelSize: Theme.smallSize
            }
        }
    }

    // the invitation, in the lower part of the screen where hands are
    Rectangle {
        id: prompt
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.promptLift
        width: promptText.implicitWidth + 2 * Theme.padDialog
        height: Theme.promptHeight
        radius: height / 2
        color: Theme.accent

        Text {
            textFormat: Text.PlainText  // never HTML: text from a file is text
            id: promptText
            anchors.centerIn: parent
            text: I18n.t(Exhibit.attract.prompt)
            color: Theme.accentText
            font.family: Theme.sans
            font.pixelSize: Theme.leadSize
            font.weight: Font.Bold
        }

        SequentialAnimation on scale {
            loops: Animation.Infinite
            running: screen.visible && !screen.reducedMotion
            NumberAnimation { from: 1.0; to: 1.05; duration: 1400; easing.type: Easing.InOutSine }
            NumberAnimation { from: 1.05; to: 1.0; duration: 1400; easing.type: Easing.InOutSine }
        }
    }

    // a touch or click anywhere: a MouseArea (not a TapHandler), which stays calm when a
    // mouse and a touch screen are used at once
    MouseArea {
        anchors.fill: parent
        onClicked: Navigation.enter()
        // to assistive technology: one big button, named by the title and the invitation
        Accessible.role: Accessible.Button
        Accessible.name: I18n.t(Exhibit.attract.title) + ". " + I18n.t(Exhibit.attract.prompt)
        Accessible.onPressAction: Navigation.enter()
    }

    // choosing a language starts the exhibit in it. Built just after the first frame (by
    // URL, so its buttons' Qt Quick Controls load then too): nobody touches that fast.
    Loader {
        id: languages
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.space4xl
        asynchronous: true
        active: screen.started
        source: Qt.resolvedUrl("LanguageSwitcher.qml")
        onLoaded: item.solid = true
    }
    Connections {
        target: languages.item
        function onChosen() { Navigation.enter() }
    }
}
