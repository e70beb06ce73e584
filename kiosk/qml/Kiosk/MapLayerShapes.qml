pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes
import Kiosk
import Kiosk.Backend

// The shapes of one map layer (its areas and borders, styled by the map data), drawn in
// picture pixels and scaled to the zoom.
Item {
    id: layer

    required property ExhibitMap map
    property ShapeList shapes: null
    property real k: 1   // screen px per picture px

    Repeater {
        model: layer.shapes
        Shape {
            id: piece
            required property string featureId
            required property bool closed
            required property var paths
            required property color stroke
            required property color fill
            required property color hatch
            required property bool dash
            objectName: "mapShape_" + featureId
            width: layer.map.width
            height: layer.map.height
            transform: Scale { xScale: layer.k; yScale: layer.k }
            preferredRendererType: Shape.SoftwareRenderer
            MapShapePath {
                objectName: "mapPath"
                area: piece.closed
                paths: piece.paths
                stroke: piece.stroke
                fill: piece.fill
                hatch: piece.hatch
                dash: piece.dash
                k: layer.k
            }
        }
    }
}
