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
            id: area
            required property bool closed
            required property var paths
            required property color stroke
            required property color fill
            required property color hatch
            required property bool dash
            width: layer.map.width
            height: layer.map.height
            transform: Scale { xScale: layer.k; yScale: layer.k }
            preferredRendererType: Shape.SoftwareRenderer
            LinearGradient {  // stripes for hatched areas, in picture pixels
                id: hatch
                x2: 16; y2: 16
                spread: ShapeGradient.RepeatSpread
                GradientStop { position: 0.0; color: area.hatch }
                GradientStop { position: 0.35; color: area.hatch }
                GradientStop { position: 0.4; color: "transparent" }
                GradientStop { position: 1.0; color: "transparent" }
            }
            ShapePath {
                fillGradient: area.hatch.a > 0 ? hatch : null
                strokeColor: area.closed ? "transparent" : area.stroke
                // a border keeps its width on the screen at any zoom
                strokeWidth: (area.closed ? 0 : Theme.mapLine) / Math.max(0.01, layer.k)
                strokeStyle: area.dash ? ShapePath.DashLine : ShapePath.SolidLine
                dashPattern: [4, 3]  // in line widths
                fillColor: area.closed ? area.fill : "transparent"
                capStyle: ShapePath.RoundCap
                joinStyle: ShapePath.RoundJoin
                PathMultiline { paths: area.paths }
            }
        }
    }
}
