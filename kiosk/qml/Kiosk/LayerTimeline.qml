pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// The map's timeline: the years (1689, 1858, 1860) in order on one line, one big button
// each; the year shown is filled.
Item {
    id: timeline

    property LayerList layers: null
    property int current: -1      // the row of the layer shown
    signal chosen(int row)

    implicitWidth: years.implicitWidth
    implicitHeight: years.implicitHeight

    // the line through the years, from the first to the last (behind the solid buttons, so
    // it shows between them)
    Rectangle {
        objectName: "timelineLine"
        x: Theme.targetSize / 2
        width: Math.max(0, years.width - Theme.targetSize)
        height: Theme.rule
        anchors.verticalCenter: years.verticalCenter
        color: Theme.accent
    }

    Row {
        id: years
        spacing: Theme.space2xl

        Repeater {
            model: timeline.layers
            NavButton {
                required property string layerId
                required property var label
                required property int index
                objectName: "layer_" + layerId
                text: I18n.t(label)
                solid: true   // the line runs between the years, not through them
                checked: timeline.current === index
                onClicked: timeline.chosen(index)
            }
        }
    }
}
