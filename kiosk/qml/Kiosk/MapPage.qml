import QtQuick
import QtQuick.Shapes
import Kiosk
import Kiosk.Backend

// The map: pinch to zoom, drag to pan (with inertia), double-tap to zoom in; a timeline of
// layers (1689, 1858, 1860) with a legend in km²; hotspots with a popup. Labels and lines
// are drawn here, over the picture, so they stay sharp and can be translated.
Item {
    id: mapPage
    objectName: "page_map"

    // the page's name and title ({language: text}, from Exhibit.pages)
    property var label: ({})
    property var title: ({})
    readonly property ExhibitMap map: Exhibit.map
    readonly property int defaultLayer: map.startLayer
    property int layerIndex: defaultLayer
    property int openSpot: -1  // the row in map.hotspots whose popup is open
    readonly property var openPlace: map.hotspots.get(openSpot)
    readonly property var currentLayer: map.layers.get(layerIndex)
    readonly property ShapeList currentShapes: map.layers.shapes(layerIndex)

    function resetView() {
        openSpot = -1
        layerIndex = defaultLayer
        mapView.zoomTo(1, Qt.point(flick.width / 2, flick.height / 2))
        flick.cancelFlick()
        flick.contentX = -flick.leftMargin
        flick.contentY = -flick.topMargin
    }
    // a page's "See it on the map": that layer, centred on that point, that close
    function focusOn(view) {
        openSpot = -1
        layerIndex = view.layer
        const z = Math.max(1, Math.min(mapView.maxZoom, view.zoom))
        flick.resizeContent(mapView.fitWidth * z, mapView.fitWidth * z * map.height / map.width, Qt.point(0, 0))
        flick.contentX = view.x * mapView.k - flick.width / 2
        flick.contentY = view.y * mapView.k - flick.height / 2
        flick.returnToBounds()
    }
    Connections {
        target: Navigation
        function onMapRequestChanged() { if (Navigation.mapRequest.zoom) mapPage.focusOn(Navigation.mapRequest) }
    }

    // how far each place's marker stands from its place (MapLabels keeps near places'
    // markers and names apart; asked again when the zoom or a name's width changes)
    property var spotMoves: []
    function placeSpots() {
        const boxes = []
        for (let i = 0; i < spots.count; ++i) {
            const s = spots.itemAt(i)
            if (!s)
                return
            boxes.push({x: s.px * mapView.k, y: s.py * mapView.k,
                        left: s.reachLeft, right: s.reachRight, top: s.height / 2, bottom: s.height / 2})
        }
        spotMoves = MapLabels.place(boxes)
    }

    readonly property string resetName: "map"
    Component.onCompleted: Session.register(resetName, () => mapPage.resetView())
    Component.onDestruction: Session.unregister(resetName)

    Item {
        id: mapView
        objectName: "mapView"
        anchors.left: panel.right
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        clip: true

        readonly property real fitWidth: Math.min(width, height * mapPage.map.width / mapPage.map.height)
        readonly property real zoom: fitWidth > 0 ? flick.contentWidth / fitWidth : 1
        readonly property real maxZoom: 6
        readonly property real k: flick.contentWidth / mapPage.map.width   // screen px per picture px
        onKChanged: mapPage.placeSpots()

        // zoom to z (clamped) keeping the point p (in view coordinates) where it is
        function zoomTo(z, p) {
            const zz = Math.max(1, Math.min(maxZoom, z))
            flick.resizeContent(fitWidth * zz, fitWidth * zz * mapPage.map.height / mapPage.map.width,
                                Qt.point(p.x + flick.contentX, p.y + flick.contentY))
            flick.returnToBounds()
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
                const z = Math.max(1, Math.min(mapView.maxZoom, startWidth * activeScale / mapView.fitWidth))
                const c = centroid.position
                flick.resizeContent(mapView.fitWidth * z, mapView.fitWidth * z * mapPage.map.height / mapPage.map.width,
                                    Qt.point(c.x + flick.contentX, c.y + flick.contentY))
            }
        }

        Flickable {
            id: flick
            anchors.fill: parent
            contentWidth: mapView.fitWidth
            contentHeight: mapView.fitWidth * mapPage.map.height / mapPage.map.width
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
                        source: mapPage.map.picture.url || ""
                        sourceSize.width: mapPage.map.width || 1
                        asynchronous: true
                        smooth: true
                        mipmap: true
                    }

                    // a tap on the map closes the popup; a double tap zooms in there
                    // (a MouseArea, not a TapHandler: it stays calm under mixed touch and mouse)
                    MouseArea {
                        anchors.fill: parent
                        onClicked: mapPage.openSpot = -1
                        onDoubleClicked: (m) => mapView.zoomTo(mapView.zoom * 2,
                                             Qt.point(m.x - flick.contentX, m.y - flick.contentY))
                    }

                    // the layer's areas and borders, in picture pixels scaled to the zoom
                    Repeater {
                        model: mapPage.currentShapes
                        Shape {
                            id: area
                            required property bool closed
                            required property var paths
                            required property color stroke
                            required property color fill
                            required property color hatch
                            required property bool dash
                            width: mapPage.map.width
                            height: mapPage.map.height
                            transform: Scale { xScale: mapView.k; yScale: mapView.k }
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
                                strokeWidth: (area.closed ? 0 : Theme.s(5)) / Math.max(0.01, mapView.k)
                                strokeStyle: area.dash ? ShapePath.DashLine : ShapePath.SolidLine
                                dashPattern: [4, 3]
                                fillColor: area.closed ? area.fill : "transparent"
                                capStyle: ShapePath.RoundCap
                                joinStyle: ShapePath.RoundJoin
                                PathMultiline { paths: area.paths }
                            }
                        }
                    }

                    // hotspots: big round targets with the place's name
                    Repeater {
                        id: spots
                        model: mapPage.map.hotspots
                        onItemAdded: Qt.callLater(mapPage.placeSpots)
                        Item {
                            id: spot
                            required property string spotId
                            required property var title
                            required property bool labelLeft
                            required property real px
                            required property real py
                            required property int index
                            objectName: "hotspot_" + spotId
                            readonly property var move: mapPage.spotMoves[index] || ({dx: 0, dy: 0})
                            x: px * mapView.k - width / 2 + move.dx
                            y: py * mapView.k - height / 2 + move.dy
                            width: Theme.minTarget * 1.1
                            height: width
                            // how far the marker and its name reach left and right of its centre
                            readonly property real reachLeft: width / 2 + (labelLeft ? name.implicitWidth : 0)
                            readonly property real reachRight: width / 2 + (labelLeft ? 0 : name.implicitWidth)
                            onReachLeftChanged: Qt.callLater(mapPage.placeSpots)
                            onReachRightChanged: Qt.callLater(mapPage.placeSpots)
                            // a marker moved off its place points back to it
                            readonly property real moved: Math.hypot(move.dx, move.dy)
                            Rectangle {
                                visible: spot.moved > 1
                                x: spot.width / 2
                                y: spot.height / 2 - height / 2
                                width: spot.moved
                                height: Math.max(2, Theme.s(3))
                                transformOrigin: Item.Left
                                rotation: Math.atan2(-spot.move.dy, -spot.move.dx) * 180 / Math.PI
                                color: Theme.background
                            }
                            Rectangle {
                                visible: spot.moved > 1
                                width: Theme.s(12)
                                height: width
                                radius: width / 2
                                x: spot.width / 2 - spot.move.dx - width / 2
                                y: spot.height / 2 - spot.move.dy - height / 2
                                color: Theme.background
                            }
                            Rectangle {
                                anchors.centerIn: parent
                                width: parent.width * 0.42
                                height: width
                                radius: width / 2
                                color: mapPage.openSpot === spot.index ? Theme.text : Theme.accent
                                border.color: Theme.background
                                border.width: Math.max(2, Theme.s(3))
                            }
                            Text {
                                // the name beside the marker, on the side the content asks for;
                                // the name is part of the target
                                textFormat: Text.PlainText  // never HTML: text from a file is text
                                id: name
                                objectName: "hotspotLabel_" + spot.spotId
                                x: spot.labelLeft ? -implicitWidth : parent.width
                                anchors.verticalCenter: parent.verticalCenter
                                text: I18n.t(spot.title)
                                color: Theme.background
                                style: Text.Outline
                                styleColor: Qt.rgba(0.93, 0.89, 0.83, 0.85)
                                font.family: Theme.sans
                                font.pixelSize: Theme.smallSize
                                font.weight: Font.Bold
                                // TapHandlers, not MouseAreas: a two-finger pinch that starts
                                // on a place still zooms (a MouseArea would take the touch)
                                TapHandler {
                                    margin: Theme.s(12)
                                    onTapped: mapPage.openSpot = spot.index
                                }
                            }
                            TapHandler {
                                onTapped: mapPage.openSpot = spot.index
                            }
                        }
                    }
                }
            }
        }
    }

    // heading, timeline and legend: a panel on the left (controls low, where hands are)
    Rectangle {
        id: panel
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        width: Math.max(Theme.s(440), parent.width * 0.24)
        color: Theme.background

        Column {
            x: Theme.margin * 0.6
            y: Theme.s(70)
            width: parent.width - Theme.margin * 1.0
            spacing: Theme.s(18)
            Text {
                textFormat: Text.PlainText  // never HTML: text from a file is text
                text: I18n.t(mapPage.label).toUpperCase()
                color: Theme.accent
                font.family: Theme.sans
                font.pixelSize: Theme.smallSize
                font.weight: Font.Bold
                font.letterSpacing: Theme.s(3)
            }
            Text {
                textFormat: Text.PlainText  // never HTML: text from a file is text
                objectName: "title_map"
                width: parent.width
                text: I18n.t(mapPage.title)
                color: Theme.text
                font.family: Theme.serif
                font.pixelSize: Theme.titleSize * 0.75
                font.weight: Font.Bold
                wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText  // never HTML: text from a file is text
                objectName: "layerTitle"
                width: parent.width
                text: I18n.t(mapPage.currentLayer.title || {})
                color: Theme.text
                font.family: Theme.serif
                font.pixelSize: Theme.bodySize * 0.9
                wrapMode: Text.WordWrap
            }
            // legend: what each colour is, with areas in km²
            Repeater {
                model: mapPage.currentShapes
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
                    spacing: Theme.s(14)
                    Rectangle {
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
                                x: index * parent.width / 4 - width
                                y: -parent.height / 2
                                width: Theme.s(4); height: parent.height * 2
                                rotation: -45
                                color: entry.stroke
                            }
                        }
                    }
                    Text {
                        textFormat: Text.PlainText  // never HTML: text from a file is text
                        objectName: "legend_" + entry.featureId
                        width: panel.width - Theme.margin * 1.0 - Theme.s(48)
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

        // the timeline: one big button per layer, low on the screen
        Row {
            anchors.bottom: parent.bottom
            anchors.bottomMargin: Theme.s(28)
            x: Theme.margin * 0.6
            spacing: Theme.s(14)
            Repeater {
                model: mapPage.map.layers
                NavButton {
                    required property string layerId
                    required property var label
                    required property int index
                    objectName: "layer_" + layerId
                    text: I18n.t(label)
                    checked: mapPage.layerIndex === index
                    onClicked: { mapPage.layerIndex = index; mapPage.openSpot = -1 }
                }
            }
        }
    }

    NavButton {
        objectName: "mapReset"
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.s(28)
        text: I18n.t(Exhibit.ui.map_reset)
        solid: true
        onClicked: mapPage.resetView()
    }

    // the hotspot's text; a tap anywhere else closes it
    Rectangle {
        objectName: "hotspotPopup"
        visible: mapPage.openSpot >= 0
        anchors.horizontalCenter: mapView.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.s(40)
        width: Math.min(Theme.s(820), parent.width * 0.5)
        height: popupText.implicitHeight + Theme.s(60)
        radius: Theme.s(18)
        color: Theme.surface
        border.color: Theme.accent
        border.width: Math.max(1, Theme.s(2))
        Column {
            id: popupText
            x: Theme.s(30); y: Theme.s(30)
            width: parent.width - Theme.s(60)
            spacing: Theme.s(10)
            Text {
                textFormat: Text.PlainText  // never HTML: text from a file is text
                width: parent.width
                text: I18n.t(mapPage.openPlace.title || {})
                color: Theme.accent
                font.family: Theme.serif
                font.pixelSize: Theme.bodySize
                font.weight: Font.Bold
                wrapMode: Text.WordWrap
            }
            Text {
                objectName: "hotspotText"
                width: parent.width
                text: I18n.t(mapPage.openPlace.text || {})
                textFormat: Text.StyledText  // safe: escaped but for <b>, <i> (kiosk.content.markup)
                color: Theme.text
                font.family: Theme.serif
                font.pixelSize: Theme.bodySize * 0.85
                wrapMode: Text.WordWrap
                lineHeight: 1.25
            }
        }
        MouseArea { anchors.fill: parent; onClicked: mapPage.openSpot = -1 }
    }
}
