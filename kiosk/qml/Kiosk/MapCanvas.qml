pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// The map itself: the picture, a layer's shapes and the places; one finger pans (with
// inertia), two fingers or a double tap zoom, from the whole map to six times closer.
Item {
    id: mapView
    objectName: "mapView"
    clip: true

    required property ExhibitMap map
    property ShapeList shapes: null   // the layer shown
    property int openSpot: -1         // the row of the place whose popup is open
    signal spotTapped(int row)        // a place's marker or name
    signal mapTapped()                // the map anywhere else

    readonly property real fitWidth: Math.min(width, height * map.width / map.height)
    readonly property real zoom: fitWidth > 0 ? flick.contentWidth / fitWidth : 1
    readonly property real maxZoom: 6
    readonly property real k: flick.contentWidth / map.width   // screen px per picture px
    onKChanged: placeSpots()

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
        resize(z, Qt.point(p.x + flick.contentX, p.y + flick.contentY))
        flick.returnToBounds()
    }

    // z times closer, the point (x, y) of the picture in the middle
    function centreOn(x, y, z) {
        resize(z, Qt.point(0, 0))
        flick.contentX = x * k - flick.width / 2
        flick.contentY = y * k - flick.height / 2
        flick.returnToBounds()
    }

    // the whole map, centred, standing still
    function reset() {
        zoomTo(1, Qt.point(flick.width / 2, flick.height / 2))
        flick.cancelFlick()
        flick.contentX = -flick.leftMargin
        flick.contentY = -flick.topMargin
    }

    // how far each place's marker stands from its place (MapLabels keeps near places'
    // markers and names apart; asked again when the zoom or a name's width changes)
    property var spotMoves: []
    function placeSpots() {
        const boxes = []
        for (let i = 0; i < spots.count; ++i) {
            const s = spots.itemAt(i) as MapHotspot
            if (!s)
                return
            boxes.push({x: s.px * k, y: s.py * k,
                        left: s.reachLeft, right: s.reachRight, top: s.height / 2, bottom: s.height / 2})
        }
        spotMoves = MapLabels.place(boxes)
    }

    // two fingers: zoom about their centre (a handler, so it can take the touch from the
    // Flickable, which pans with one finger and keeps its inertia)
    PinchHandler {
        id: pinch
        target: null
        property real startWidth
        onActiveChanged: {
            if (active)
                startWidth = flick.contentWidth
            else
                flick.returnToBounds()
        }
        onActiveScaleChanged: {
            const c = centroid.position
            mapView.resize(startWidth * activeScale / mapView.fitWidth,
                           Qt.point(c.x + flick.contentX, c.y + flick.contentY))
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
                    onClicked: mapView.mapTapped()
                    onDoubleClicked: (m) => mapView.zoomTo(mapView.zoom * 2,
                                         Qt.point(m.x - flick.contentX, m.y - flick.contentY))
                }

                // the layer's areas and borders, in picture pixels scaled to the zoom
                MapLayerShapes {
                    map: mapView.map
                    shapes: mapView.shapes
                    k: mapView.k
                }

                // hotspots: big round targets with the place's name
                Repeater {
                    id: spots
                    model: mapView.map.hotspots
                    onItemAdded: Qt.callLater(mapView.placeSpots)
                    MapHotspot {
                        k: mapView.k
                        move: mapView.spotMoves[index] || ({dx: 0, dy: 0})
                        open: mapView.openSpot === index
                        onReachLeftChanged: Qt.callLater(mapView.placeSpots)
                        onReachRightChanged: Qt.callLater(mapView.placeSpots)
                        onTapped: mapView.spotTapped(index)
                    }
                }
            }
        }
    }
}
