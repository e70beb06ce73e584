pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// The map's timeline: one big button per layer (1689, 1858, 1860).
Row {
    id: timeline

    property LayerList layers: null
    property int current: -1      // the row of the layer shown
    signal chosen(int row)

    spacing: Theme.spaceM

    Repeater {
        model: timeline.layers
        NavButton {
            required property string layerId
            required property var label
            required property int index
            objectName: "layer_" + layerId
            text: I18n.t(label)
            checked: timeline.current === index
            onClicked: timeline.chosen(index)
        }
    }
}
