pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes
import Kiosk
import Kiosk.Backend

// The legend of a map layer: what each colour is (whose land), with areas in km². Each
// swatch is drawn as the map draws its area or line (MapShapePath: the same fill, the same
// hatching, the same line), on a patch of the map's parchment.
Column {
    id: legend

    property ShapeList shapes: null
    // the part of the legend in view, in its own coordinates (it scrolls with large text):
    // a swatch not wholly in it is not drawn (a software Shape leaked past the scrolling's clip)
    property real viewTop: -1e9
    property real viewBottom: 1e9

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
            required property bool dash
            visible: I18n.t(name) !== ""
            spacing: Theme.spaceM
            Rectangle {
                id: swatch
                objectName: "swatch_" + entry.featureId
                // a patch of the map: an area's colour, or a piece of a line
                width: Theme.s(38); height: Theme.s(28)
                anchors.verticalCenter: parent.verticalCenter
                color: Theme.mapLand
                border.color: entry.closed ? entry.stroke : "transparent"
                border.width: entry.closed ? Theme.hairline : 0
                // (no clip of its own: the path stays inside; the panel clips)
                // drawn only when wholly in view (the Shape is not clipped by the scrolling)
                opacity: entry.y + y >= legend.viewTop && entry.y + y + height <= legend.viewBottom ? 1 : 0
                Shape {
                    anchors.fill: parent
                    visible: swatch.opacity > 0
                    preferredRendererType: Shape.SoftwareRenderer
                    MapShapePath {
                        objectName: "swatchPath"
                        area: entry.closed
                        // an area fills the patch; a line crosses it
                        paths: entry.closed
                               ? [[Qt.point(0, 0), Qt.point(swatch.width, 0), Qt.point(swatch.width, swatch.height),
                                   Qt.point(0, swatch.height), Qt.point(0, 0)]]
                               : [[Qt.point(Theme.s(6), swatch.height / 2), Qt.point(swatch.width - Theme.s(6), swatch.height / 2)]]
                        stroke: entry.stroke
                        fill: entry.fill
                        hatch: entry.hatch
                        dash: entry.dash
                        k: 1
                    }
                }
            }
            Text {
                textFormat: Text.PlainText  // never HTML: text from a file is text
                objectName: "legend_" + entry.featureId
                width: legend.width - swatch.width - entry.spacing
                anchors.verticalCenter: parent.verticalCenter
                text: I18n.t(entry.name) + (entry.closed && entry.areaKm2 > 0
                      ? " — " + I18n.area(entry.areaKm2) : "")
                color: Theme.text
                font.family: Theme.sans
                font.pixelSize: Theme.smallSize
                wrapMode: Text.Wrap   // words; a word longer than the line (large text) breaks
            }
        }
    }
}
