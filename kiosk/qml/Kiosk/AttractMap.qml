pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// The attract loop's map: the picture with one year's areas and borders at a time
// (MapLayerShapes, styled by the map data), cross-fading from year to year. It is framed on
// the story - every year's shapes - in the part of the screen the words leave free (beside
// their band on a wide screen, between their bands on a tall one). With
// motion it moves a little closer to each year's own shapes as that year comes (a short
// animation, then the scene stands still); with reduced motion it never zooms or pans.
// Loaded (by URL) just after the first frame: the map is built when first asked for.
Item {
    id: view
    objectName: "attractMap"

    property int step: -1                 // the layer shown (-1: none)
    property bool animate: false          // this change is the loop's own tick: animate it
    property bool reducedMotion: false
    // the part of the screen the picture covers wherever it is big enough (the bands' edges),
    // and the part the story is framed in (inside that, clear of soft edges and buttons)
    property rect cover: Qt.rect(0, 0, width, height)
    property rect region: cover
    property bool dimmed: false           // faded out (reduced motion: while it changes place)
    property point shift: Qt.point(0, 0)  // reduced motion: its place now (against burn-in)

    readonly property ExhibitMap map: Exhibit.map
    readonly property int layerCount: map.layers.count
    // public (tests): how the map stands - screen px per picture px, and the picture's corner
    readonly property real zoom: canvas.scale * k0
    readonly property point corner: Qt.point(canvas.x, canvas.y)

    // each layer's shapes' bounds in picture pixels (measured from their paths), and the story:
    // all of them (the whole map when there are none)
    property list<rect> bounds: []
    readonly property rect story: {
        let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity
        for (const b of bounds) {
            if (b.width <= 0 && b.height <= 0)
                continue
            x0 = Math.min(x0, b.x); y0 = Math.min(y0, b.y)
            x1 = Math.max(x1, b.x + b.width); y1 = Math.max(y1, b.y + b.height)
        }
        return x1 > x0 ? Qt.rect(x0, y0, x1 - x0, y1 - y0) : Qt.rect(0, 0, map.width, map.height)
    }
    readonly property real closer: 0.4      // how far each year's framing leans to its own shapes
    readonly property real maxCloser: 1.4   // and how much closer than the story that may be
    readonly property real margin: 0.92     // some of the map around what is framed
    // the whole story in view; never narrower than the part it covers (a tall screen: the
    // whole width between the bands)
    readonly property real k0: Math.max(0.01, margin * fit(story), cover.width / Math.max(1, map.width))
    readonly property var frame: framing(reducedMotion ? -1 : step)

    function fit(r: rect): real {
        return Math.min(region.width / Math.max(1, r.width), region.height / Math.max(1, r.height))
    }
    // {k, x, y}: the zoom and the picture's corner for layer i's framing (-1: the story)
    function framing(i: int): var {
        let r = story
        const b = i >= 0 && i < bounds.length ? bounds[i] : Qt.rect(0, 0, 0, 0)
        if (b.width > 0 && b.height > 0) {
            const t = closer
            r = Qt.rect(r.x + (b.x - r.x) * t, r.y + (b.y - r.y) * t,
                        r.width + (b.width - r.width) * t, r.height + (b.height - r.height) * t)
        }
        const k = Math.max(k0, Math.min(k0 * maxCloser, margin * fit(r)))
        let x = region.x + region.width / 2 - (r.x + r.width / 2) * k + shift.x
        let y = region.y + region.height / 2 - (r.y + r.height / 2) * k + shift.y
        // the picture covers the free part of the screen wherever it is big enough to
        const w = map.width * k, h = map.height * k, c = cover
        x = w >= c.width ? Math.min(c.x, Math.max(c.x + c.width - w, x)) : c.x + (c.width - w) / 2
        y = h >= c.height ? Math.min(c.y, Math.max(c.y + c.height - h, y)) : c.y + (c.height - h) / 2
        return {k: k, x: x, y: y}
    }

    function measure() {
        const out = []
        for (let i = 0; i < measures.count; ++i) {
            const m = measures.itemAt(i) as LayerBounds
            out.push(m ? m.box() : Qt.rect(0, 0, 0, 0))
        }
        bounds = out
    }

    // reads the paths of one layer's shapes (draws nothing)
    component LayerBounds: Item {
        id: lb
        required property int index
        readonly property ShapeList shapes: view.map.picture ? view.map.layers.shapes(index) : null
        visible: false
        function box(): rect {
            let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity
            for (let j = 0; j < rows.count; ++j) {
                const row = rows.itemAt(j) as PathsOf
                for (const path of (row ? row.paths : []))
                    for (const p of path) {
                        x0 = Math.min(x0, p.x); y0 = Math.min(y0, p.y)
                        x1 = Math.max(x1, p.x); y1 = Math.max(y1, p.y)
                    }
            }
            return x1 >= x0 ? Qt.rect(x0, y0, x1 - x0, y1 - y0) : Qt.rect(0, 0, 0, 0)
        }
        Repeater {
            id: rows
            model: lb.shapes
            PathsOf {}
            onItemAdded: Qt.callLater(view.measure)
            onItemRemoved: Qt.callLater(view.measure)
        }
    }
    component PathsOf: Item {
        required property var paths
    }

    Repeater {
        id: measures
        model: view.map.layers
        LayerBounds {}
        onItemAdded: Qt.callLater(view.measure)
        onItemRemoved: Qt.callLater(view.measure)
    }

    // the picture and the shapes, at the story's zoom; closer by scaling (the shapes are not
    // drawn again while it moves)
    Item {
        id: canvas
        objectName: "attractCanvas"
        x: view.frame.x
        y: view.frame.y
        width: view.map.width * view.k0
        height: view.map.height * view.k0
        scale: view.frame.k / view.k0
        transformOrigin: Item.TopLeft
        opacity: view.dimmed ? 0 : 1
        visible: opacity > 0 && picture.status === Image.Ready   // (no borders on nothing)
        Behavior on x { enabled: view.animate; NumberAnimation { duration: 1600; easing.type: Easing.InOutSine } }
        Behavior on y { enabled: view.animate; NumberAnimation { duration: 1600; easing.type: Easing.InOutSine } }
        Behavior on scale { enabled: view.animate; NumberAnimation { duration: 1600; easing.type: Easing.InOutSine } }
        Behavior on opacity { enabled: view.animate; NumberAnimation { duration: 2000 } }

        Image {
            id: picture
            objectName: "attractMapPicture"
            anchors.fill: parent
            source: view.map.picture.url || ""
            sourceSize.width: view.map.width || 1   // as the map page asks: one picture, decoded once
            asynchronous: true
            smooth: true
            mipmap: true
        }

        Repeater {
            model: view.map.layers
            MapLayerShapes {
                required property int index
                objectName: "attractLayer_" + index
                map: view.map
                shapes: view.map.picture ? view.map.layers.shapes(index) : null  // (again after a reload)
                k: view.k0
                opacity: index === view.step ? 1 : 0
                visible: opacity > 0
                Behavior on opacity {
                    enabled: view.animate
                    NumberAnimation { duration: view.reducedMotion ? 2400 : 1200; easing.type: Easing.InOutQuad }
                }
            }
        }
    }
}
