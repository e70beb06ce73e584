import QtQuick
import Kiosk
import Kiosk.Backend

// The keypad's focus: a light ring inside a dark one round the control that has Qt's
// active focus, so it stands out (>= 3:1) on the dark panels and on the light map alike.
// Shown from the first keypad key until the next touch (Keypad.active).
Item {
    id: layer
    objectName: "focusRing"

    property Item target: null
    readonly property bool shown: Keypad.active && target !== null && target.visible
                                  && target.width > 0 && target.height > 0
    property rect box: Qt.rect(0, 0, 0, 0)

    visible: shown

    // where the target is, kept inside the window (the attract screen is one big control)
    function follow() {
        if (!target)
            return
        const p = target.mapToItem(layer, 0, 0)
        const out = Theme.focusGap + 2 * Theme.focusWidth
        const x0 = Math.max(out, p.x), y0 = Math.max(out, p.y)
        const x1 = Math.min(layer.width - out, p.x + target.width)
        const y1 = Math.min(layer.height - out, p.y + target.height)
        box = Qt.rect(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0))
    }
    onTargetChanged: follow()
    // controls move (pages slide, the map pans): follow them while the ring shows
    Timer {
        interval: 100
        repeat: true
        running: layer.shown
        triggeredOnStart: true
        onTriggered: layer.follow()
    }

    Rectangle {
        x: layer.box.x - Theme.focusGap - 2 * Theme.focusWidth
        y: layer.box.y - Theme.focusGap - 2 * Theme.focusWidth
        width: layer.box.width + 2 * (Theme.focusGap + 2 * Theme.focusWidth)
        height: layer.box.height + 2 * (Theme.focusGap + 2 * Theme.focusWidth)
        radius: Theme.radiusS + Theme.focusGap
        color: "transparent"
        border.color: Theme.focusOuter
        border.width: Theme.focusWidth
        Rectangle {
            anchors.fill: parent
            anchors.margins: Theme.focusWidth
            radius: parent.radius - Theme.focusWidth
            color: "transparent"
            border.color: Theme.focusInner
            border.width: Theme.focusWidth
        }
    }
}
