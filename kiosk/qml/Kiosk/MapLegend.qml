pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// The legend of a map layer: what each colour is, with areas in km².
Column {
    id: legend

    property ShapeList shapes: null

    spacing: Theme.spaceL

    Repeater {
        model: legend.shapes
        Row {
            id: entry
            required property string featureId
            required property var name
            required property bool closed
            required property int areaKm2
            required property color stroke
            required property color fill
            required property color hatch
            readonly property bool hatched: hatch.a > 0
            visible: I18n.t(name) !== ""
            spacing: Theme.spaceM
            Rectangle {
                id: swatch
                // a patch of an area's colour, or a stroke for a line (its own geometry)
                width: Theme.s(34); height: entry.closed ? Theme.s(24) : Theme.s(6)
                anchors.verticalCenter: parent.verticalCenter
                color: entry.hatched ? "transparent"
                       : entry.closed ? Qt.rgba(entry.fill.r, entry.fill.g, entry.fill.b, 0.9) : entry.stroke
                border.color: entry.hatched ? entry.stroke : "transparent"
                border.width: entry.hatched ? 1 : 0
                clip: true
                Repeater {  // the hatching of the map, drawn small
                    model: entry.hatched ? 5 : 0
                    Rectangle {
                        required property int index
                        x: index * swatch.width / 4 - width
                        y: -swatch.height / 2
                        width: Theme.s(4); height: swatch.height * 2
                        rotation: -45
                        color: entry.stroke
                    }
                }
            }
            Text {
                textFormat: Text.PlainText  // never HTML: text from a file is text
                objectName: "legend_" + entry.featureId
                width: legend.width - swatch.width - entry.spacing
                text: I18n.t(entry.name) + (entry.closed && entry.areaKm2 > 0
                      ? " — " + I18n.area(entry.areaKm2) : "")
                color: Theme.text
                font.family: Theme.sans
                font.pixelSize: Theme.smallSize
                wrapMode: Text.WordWrap
            }
        }
    }
}
