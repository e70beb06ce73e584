import QtQuick
import Kiosk
import Kiosk.Backend

// The kiosk's one window: the attract screen, or the exhibit.
Window {
    id: root

    // Public test contract: the id of the page shown, or "attract".
    readonly property string currentPage: Navigation.currentPage
    // Public test contract: the language visitors read (a code such as en, ru, zh-Hans).
    readonly property string language: Language.code
    // Screen pixels per millimetre on the glass (Theme.mm), for Python (the staff corner, the proof).
    readonly property real pxPerMm: Theme.mm
    // Full-screen and frameless for visitors; a normal window for a curator's preview.
    required property bool kioskMode

    width: 1920
    height: 1080
    visibility: kioskMode ? Window.FullScreen : Window.Windowed
    flags: kioskMode ? (Qt.Window | Qt.FramelessWindowHint) : Qt.Window
    minimumWidth: 640
    minimumHeight: 360
    color: Theme.background
    title: I18n.t(Exhibit.attract.title) || "Kiosk"

    // Set by Python once the first frame is out: what is not on it is built after it.
    property bool started: false
    // Public test contract: the visitor's display choices ("Aa" and contrast buttons)
    readonly property real textScale: Theme.textScale
    readonly property bool highContrast: Theme.highContrast
    // Public test contract: audio mode, and what it last began to say (and in which language)
    readonly property bool audioMode: Speech.active
    readonly property string lastSpoken: Speech.lastSpoken
    readonly property string lastSpokenLanguage: Speech.lastSpokenLanguage
    Component.onCompleted: Session.register("display", () => Theme.resetDisplay())

    // one design pixel: the long side against 1920, the short against 1080, so a tall
    // (portrait) screen gets the same physical sizes as a wide one
    Binding {
        target: Theme
        property: "u"
        value: Math.min(Math.max(root.width, root.height) / 1920, Math.min(root.width, root.height) / 1080)
    }
    // (never while the window is still being sized: a page would lay out tall for nothing)
    Binding { target: Theme; property: "portrait"; value: root.width > 0 && root.height > root.width }
    Binding { target: Theme; property: "buttonMm"; value: Exhibit.buttonMm }
    Binding {
        target: Theme
        property: "mm"
        value: Math.hypot(root.width, root.height) / (Exhibit.screenDiagonalIn * 25.4)
    }

    // The pages are built in the background while the attract screen is already showing:
    // the first frame comes sooner, and no visitor can touch that fast.
    Loader {
        id: exhibit
        objectName: "exhibitLoader"
        anchors.fill: parent
        asynchronous: true
        active: root.started
        source: Qt.resolvedUrl("ExhibitView.qml")
        visible: root.currentPage !== "attract"
    }

    AttractScreen {
        started: root.started
        anchors.fill: parent
        visible: root.currentPage === "attract" && Schedule.open   // closed: no motion underneath
    }

    // a page's picture full screen, over the pages and their bar; the idle warning over
    // that (both built just after the first frame: no visitor can need them sooner)
    Loader {
        objectName: "pictureViewerLoader"
        anchors.fill: parent
        active: root.started
        source: Qt.resolvedUrl("PictureViewer.qml")
    }
    Loader {
        anchors.fill: parent
        active: root.started
        source: Qt.resolvedUrl("IdleWarning.qml")
    }

    // outside the opening hours (loaded only then)
    Loader {
        // sized only while active: an idle full-window item changed how touches reach the map
        width: active ? root.width : 0
        height: active ? root.height : 0
        active: !Schedule.open
        source: Qt.resolvedUrl("ClosedScreen.qml")
    }

    // staff only, in the preview: what is wrong with the content file (loaded when needed)
    Loader {
        width: root.width
        active: Reload.errors.length > 0
        source: Qt.resolvedUrl("StaffBanner.qml")
    }

    // staff only (the corner gesture + PIN); loaded when first needed
    Loader {
        width: active ? root.width : 0
        height: active ? root.height : 0
        active: Staff.state !== Staff.Closed
        source: Qt.resolvedUrl("StaffPanel.qml")
    }

    // the keypad's focus (over everything, the staff panel included)
    FocusRing {
        anchors.fill: parent
        target: root.activeFocusItem
    }
}
