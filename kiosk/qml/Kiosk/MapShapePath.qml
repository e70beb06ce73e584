import QtQuick
import QtQuick.Shapes
import Kiosk

// How the map draws one border or area, from its style in the map data: the one drawing
// both the map (MapLayerShapes) and the legend's swatches (MapLegend) use, so a swatch is
// exactly what the map shows. An area is filled, or hatched: with a fill the stripes
// alternate the hatch and the fill colour (land run jointly: both owners' colours), without
// one they alternate with what lies below. A line keeps its width on the screen.
ShapePath {
    id: shapePath

    property bool area: true          // an area (else a line)
    property var paths: []            // lists of points, in the shape's own units
    property color stroke: "transparent"
    property color fill: "transparent"
    property color hatch: "transparent"
    property bool dash: false
    property real k: 1                // screen pixels per unit: stripes and lines keep their screen size
    readonly property bool hatched: hatch.a > 0
    // the gradient runs along the diagonal: a period of s * sqrt(2) across the stripes
    readonly property real stripeStep: Theme.mapStripe / Math.SQRT2 / Math.max(0.01, k)

    property LinearGradient stripes: LinearGradient {
        x2: shapePath.stripeStep
        y2: shapePath.stripeStep
        spread: ShapeGradient.RepeatSpread
        GradientStop { position: 0.0; color: shapePath.hatch }
        GradientStop { position: 0.46; color: shapePath.hatch }
        GradientStop { position: 0.54; color: shapePath.fill }
        GradientStop { position: 1.0; color: shapePath.fill }
    }

    fillGradient: area && hatched ? stripes : null
    fillColor: area ? fill : "transparent"
    strokeColor: area ? "transparent" : stroke
    strokeWidth: (area ? 0 : Theme.mapLine) / Math.max(0.01, k)
    strokeStyle: dash ? ShapePath.DashLine : ShapePath.SolidLine
    dashPattern: [4, 3]  // in line widths
    capStyle: ShapePath.RoundCap
    joinStyle: ShapePath.RoundJoin

    PathMultiline { paths: shapePath.paths }
}
