pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// The map itself: the picture, a layer's shapes, the names written on it and the places;
// one finger pans (with inertia), two fingers or a double tap zoom, from the whole map to
// six times closer. What a page that shows the map uses:
//   layerIndex         the layer shown (a row of map.layers): its shapes, and the places
//                      and names there in its year; a change cross-fades (600 ms)
//   flyTo(x, y, zoom)  an animated pan and zoom to the point (x, y) of the picture (its
//                      pixels), zoom times the whole map (900 ms)
//   centreOn(x, y, zoom) the same at once; reset(): the whole map, at once
//   openSpot           the row of the place whose popup is open (it is ringed)
//   spotTapped(row), mapTapped()   a place, or the map anywhere else, was touched
//   touched()          any touch on the map (a press, a pinch, a pan)
//   busy               moving by itself (a fly or a cross-fade): a picture taken now is not still
Item {
    id: mapView
    objectName: "mapView"
    clip: true

    required property ExhibitMap map
    property int layerIndex: map.startLayer
    property int openSpot: -1         // the row of the place whose popup is open
    // false: one finger is left to what holds the map (a chapter's map turns the page with
    // it); two fingers still pinch and pan
    property bool panWithOneFinger: true
    signal spotTapped(int row)        // a place's marker or name
    signal mapTapped()                // the map anywhere else
    signal touched()                  // a finger (or the mouse) on the map: pressed, pinched, panned

    readonly property real fitWidth: Math.min(width, height * map.width / map.height)
    readonly property real zoom: fitWidth > 0 ? flick.contentWidth / fitWidth : 1
    readonly property real maxZoom: 6
    readonly property real k: flick.contentWidth / map.width   // screen px per picture px
    readonly property bool busy: flying.running || fader.running
    // where the view is (for what stands over the map, such as a popup)
    readonly property real contentX: flick.contentX
    readonly property real contentY: flick.contentY
    // the part of this item the picture covers now (at the whole map, a band beside it is empty)
    readonly property rect pictureArea: {
        const x0 = Math.max(0, -flick.contentX), y0 = Math.max(0, -flick.contentY)
        return Qt.rect(x0, y0, Math.min(width, flick.contentWidth - flick.contentX) - x0,
                       Math.min(height, flick.contentHeight - flick.contentY) - y0)
    }
    onKChanged: placeSpots()

    // -- the year: which layer is shown, and fading from the one before ---------------------
    // the year of a layer (0: none) - a place or name with from/until outside it is hidden
    function yearOf(row) {
        return map.layers.count >= 0 ? (map.layers.get(row).year || 0) : 0
    }
    // is a place or name (fromYear, untilYear: 0 is no limit) there in the year of layer row?
    function existsIn(row, fromYear, untilYear) {
        const year = yearOf(row)
        return year <= 0 || ((fromYear <= 0 || fromYear <= year) && (untilYear <= 0 || untilYear >= year))
    }
    // how much of it shows now: all in the layer shown, fading while the layers cross-fade
    function shownness(fromYear, untilYear) {
        return (existsIn(layerIndex, fromYear, untilYear) ? fade : 0)
             + (existsIn(fadingFrom, fromYear, untilYear) ? 1 - fade : 0)
    }
    property int fadingFrom: layerIndex   // the layer fading out
    property real fade: 1                  // 0: the layer before, 1: layerIndex
    property int shownLayer: layerIndex    // (the one shown before a change)
    onLayerIndexChanged: {
        if (layerIndex === shownLayer)
            return
        fader.stop()
        fadingFrom = fade >= 0.5 ? shownLayer : fadingFrom
        shownLayer = layerIndex
        fade = 0
        fader.start()
        Qt.callLater(placeSpots)
    }
    NumberAnimation {
        id: fader
        target: mapView
        property: "fade"
        to: 1
        duration: 600
        easing.type: Easing.InOutQuad
        onFinished: { mapView.fadingFrom = mapView.layerIndex; mapView.placeSpots() }
    }

    // how tall the map is on screen when it is w wide
    function heightFor(w) { return w * map.height / map.width }

    // The one way the map's size changes: to z times the whole map (clamped), the point
    // `at` (content coordinates) staying where it is on the screen.
    function resize(z, at) {
        const zz = Math.max(1, Math.min(maxZoom, z))
        flick.resizeContent(fitWidth * zz, heightFor(fitWidth * zz), at)
    }

    // zoom to z (clamped) keeping the point p (in view coordinates) where it is
    function zoomTo(z, p) {
        flying.stop()
        resize(z, Qt.point(p.x + flick.contentX, p.y + flick.contentY))
        flick.returnToBounds()
    }

    // z times closer, the point (x, y) of the picture in the middle (as near as the edges allow)
    function centreOn(x, y, z) {
        flying.stop()
        show(x, y, z)
        flick.returnToBounds()
    }
    // the view at once: z times the whole map, (x, y) in the middle, kept inside the edges
    function show(x, y, z) {
        resize(z, Qt.point(0, 0))
        const minX = -flick.leftMargin, maxX = flick.contentWidth - flick.width + flick.rightMargin
        const minY = -flick.topMargin, maxY = flick.contentHeight - flick.height + flick.bottomMargin
        flick.contentX = Math.max(minX, Math.min(maxX, x * k - flick.width / 2))
        flick.contentY = Math.max(minY, Math.min(maxY, y * k - flick.height / 2))
    }

    // the whole map, centred, standing still
    function reset() {
        flying.stop()
        zoomTo(1, Qt.point(flick.width / 2, flick.height / 2))
        flick.cancelFlick()
        flick.contentX = -flick.leftMargin
        flick.contentY = -flick.topMargin
    }

    // -- flying: an animated pan and zoom -----------------------------------------------------
    // the picture point in the middle of the view now
    function centre() {
        return Qt.point((flick.contentX + flick.width / 2) / k, (flick.contentY + flick.height / 2) / k)
    }
    property var flight: ({x0: 0, y0: 0, z0: 1, x1: 0, y1: 0, z1: 1})
    property real flown: 0   // 0 to 1 along the flight
    function flyTo(x, y, z) {
        flying.stop()
        flick.cancelFlick()
        const c = centre()
        flight = {x0: c.x, y0: c.y, z0: zoom, x1: x, y1: y, z1: Math.max(1, Math.min(maxZoom, z))}
        flown = 0
        flying.start()
    }
    onFlownChanged: {
        if (!flying.running)
            return
        const f = flight, t = flown
        // the zoom changes evenly to the eye (geometrically), the centre in a straight line
        show(f.x0 + (f.x1 - f.x0) * t, f.y0 + (f.y1 - f.y0) * t, f.z0 * Math.pow(f.z1 / f.z0, t))
    }
    NumberAnimation {
        id: flying
        target: mapView
        property: "flown"
        from: 0
        to: 1
        duration: 900
        easing.type: Easing.InOutCubic
        onFinished: {
            const f = mapView.flight
            mapView.show(f.x1, f.y1, f.z1)
            flick.returnToBounds()
        }
    }

    // -- places and names ---------------------------------------------------------------------
    // how far each place's marker stands from its place (MapLabels keeps near places'
    // markers and names apart, and off the names written on the map; asked again when the
    // zoom, the year or a name's width changes), and which names are left out for want of
    // room (large text at the whole map: MapLabels.arrange)
    property var spotMoves: []
    property var crowded: []   // by row of map.names: true when left out
    function placeSpots() {
        const boxes = [], rows = []
        for (let i = 0; i < spots.count; ++i) {
            const s = spots.itemAt(i) as MapHotspot
            if (!s)
                return
            if (!s.present)
                continue
            rows.push(i)
            boxes.push({x: s.px * k, y: s.py * k,
                        left: s.reachLeft, right: s.reachRight, top: s.height / 2, bottom: s.height / 2})
        }
        const labels = [], nameRows = []
        for (let j = 0; j < names.count; ++j) {
            const n = names.itemAt(j) as MapNameLabel
            if (!n)
                return
            if (!n.inYear)
                continue
            nameRows.push(j)
            labels.push({x: n.px * k, y: n.py * k, width: n.width, height: n.height, angle: n.angle})
        }
        const laid = MapLabels.arrange(boxes, labels)
        const moves = []
        for (let r = 0; r < rows.length; ++r)
            moves[rows[r]] = laid.moves[r]
        const left = []
        for (let h = 0; h < laid.hidden.length; ++h)
            left[nameRows[laid.hidden[h]]] = true
        spotMoves = moves
        crowded = left
    }

    // The place whose popup is open, where it is in this view: its marker's centre (x, y),
    // its place (px, py) and the box of the marker with its name (left, top, right,
    // bottom); null when no place is open.
    readonly property var openPlace: {
        const s = openSpot >= 0 ? spots.itemAt(openSpot) as MapHotspot : null
        if (!s)
            return null
        const dx = flick.contentX, dy = flick.contentY, kk = k, move = spotMoves[openSpot] || {dx: 0, dy: 0}
        const x = s.px * kk + move.dx - dx, y = s.py * kk + move.dy - dy
        return {x: x, y: y, px: s.px * kk - dx, py: s.py * kk - dy,
                left: x - s.reachLeft, right: x + s.reachRight, top: y - s.height / 2, bottom: y + s.height / 2}
    }

    // two fingers: zoom about their centre (a handler, so it can take the touch from the
    // Flickable, which pans with one finger and keeps its inertia)
    PinchHandler {
        id: pinch
        target: null
        property real startWidth
        onActiveChanged: {
            if (active) {
                flying.stop()
                mapView.touched()
                startWidth = flick.contentWidth
            } else {
                flick.returnToBounds()
            }
        }
        onActiveScaleChanged: {
            const c = centroid.position
            mapView.resize(startWidth * activeScale / mapView.fitWidth,
                           Qt.point(c.x + flick.contentX, c.y + flick.contentY))
        }
        // the two fingers moving together pan (where one finger does not)
        property point last
        onCentroidChanged: {
            const c = centroid.position
            if (active && !mapView.panWithOneFinger) {
                flick.contentX -= c.x - last.x
                flick.contentY -= c.y - last.y
            }
            last = c
        }
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentWidth: mapView.fitWidth
        contentHeight: mapView.heightFor(mapView.fitWidth)
        // keep the map centred while it is smaller than the view: it never leaves the screen
        leftMargin: Math.max(0, (width - contentWidth) / 2)
        rightMargin: leftMargin
        topMargin: Math.max(0, (height - contentHeight) / 2)
        bottomMargin: topMargin
        boundsBehavior: Flickable.StopAtBounds
        maximumFlickVelocity: 4000
        interactive: mapView.panWithOneFinger
        onMovementStarted: { flying.stop(); mapView.touched() }

        Item {
            width: Math.max(flick.contentWidth, flick.width)
            height: Math.max(flick.contentHeight, flick.height)

            Item {
                id: canvas
                width: flick.contentWidth
                height: flick.contentHeight

                Image {
                    anchors.fill: parent
                    source: mapView.map.picture.url || ""
                    sourceSize.width: mapView.map.width || 1
                    asynchronous: true
                    smooth: true
                    mipmap: true
                }

                // a tap on the map closes the popup; a double tap zooms in there
                // (a MouseArea, not a TapHandler: it stays calm under mixed touch and mouse)
                MouseArea {
                    anchors.fill: parent
                    onPressed: mapView.touched()
                    onClicked: mapView.mapTapped()
                    onDoubleClicked: (m) => mapView.zoomTo(mapView.zoom * 2,
                                         Qt.point(m.x - flick.contentX, m.y - flick.contentY))
                }

                // each layer's areas and borders, in picture pixels scaled to the zoom: the
                // layer shown, and while the year changes the one before, fading out
                Repeater {
                    model: mapView.map.layers
                    MapLayerShapes {
                        required property int index
                        objectName: "mapLayer_" + index
                        map: mapView.map
                        shapes: mapView.map.layers.shapes(index)
                        k: mapView.k
                        opacity: index === mapView.layerIndex ? mapView.fade
                               : index === mapView.fadingFrom ? 1 - mapView.fade : 0
                        visible: opacity > 0.001
                    }
                }

                // the names written on the map: empires, rivers, lakes, seas, ranges
                Repeater {
                    id: names
                    model: mapView.map.names
                    onItemAdded: Qt.callLater(mapView.placeSpots)
                    MapNameLabel {
                        required property int index
                        required property int fromYear
                        required property int untilYear
                        k: mapView.k
                        inYear: mapView.existsIn(mapView.layerIndex, fromYear, untilYear)
                        crowded: mapView.crowded[index] === true
                        opacity: crowded ? 0 : mapView.shownness(fromYear, untilYear)
                        onWidthChanged: Qt.callLater(mapView.placeSpots)
                    }
                }

                // hotspots: big round targets with the place's name
                Repeater {
                    id: spots
                    model: mapView.map.hotspots
                    onItemAdded: Qt.callLater(mapView.placeSpots)
                    MapHotspot {
                        required property var label
                        required property int fromYear
                        required property int untilYear
                        shownName: label
                        k: mapView.k
                        move: mapView.spotMoves[index] || ({dx: 0, dy: 0})
                        open: mapView.openSpot === index
                        present: mapView.existsIn(mapView.layerIndex, fromYear, untilYear)
                        opacity: mapView.shownness(fromYear, untilYear)
                        onReachLeftChanged: Qt.callLater(mapView.placeSpots)
                        onReachRightChanged: Qt.callLater(mapView.placeSpots)
                        onTapped: { mapView.touched(); mapView.spotTapped(index) }
                    }
                }
            }
        }
    }
}
