pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// The map: pinch to zoom, drag to pan (with inertia), double-tap to zoom in; a timeline of
// layers (1689, 1858, 1860) with a legend in km²; hotspots with a popup. Labels and lines
// are drawn here, over the picture, so they stay sharp and can be translated.
// (The parts: MapCanvas, MapLayerShapes, MapHotspot, MapLegend, LayerTimeline, MapPopup.)
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
    // audio mode: a place's popup is read out (its name, then its text)
    onOpenSpotChanged: {
        const place = map.hotspots.get(openSpot)   // (openPlace may not have followed yet)
        if (openSpot >= 0 && Speech.active)
            Speech.say(I18n.t(place.title || {}) + ".\n" + I18n.t(place.plainText || {}),
                       Language.code)
    }
    readonly property var currentLayer: map.layers.get(layerIndex)
    readonly property ShapeList currentShapes: map.layers.shapes(layerIndex)

    function resetView() {
        openSpot = -1
        layerIndex = defaultLayer
        mapView.reset()
    }
    // a page's "See it on the map": that layer, centred on that point, that close
    function focusOn(view) {
        openSpot = -1
        layerIndex = view.layer
        mapView.centreOn(view.x, view.y, view.zoom)
    }
    Connections {
        target: Navigation
        function onMapRequestChanged() { if (Navigation.mapRequest.zoom) mapPage.focusOn(Navigation.mapRequest) }
    }

    readonly property string resetName: "map"
    Component.onCompleted: Session.register(resetName, () => mapPage.resetView())
    Component.onDestruction: Session.unregister(resetName)

    MapCanvas {
        id: mapView
        anchors.left: panel.right
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        map: mapPage.map
        shapes: mapPage.currentShapes
        openSpot: mapPage.openSpot
        onSpotTapped: (row) => mapPage.openSpot = row
        onMapTapped: mapPage.openSpot = -1
    }

    // heading, timeline and legend: a panel on the left (controls low, where hands are)
    Rectangle {
        id: panel
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        width: Math.max(Theme.panelMinWidth, parent.width * 0.24)  // about a quarter of the page
        color: Theme.background

        // the heading and legend scroll if they outgrow the panel (large text)
        Flickable {
            objectName: "panelScroll"
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.bottom: timeline.top
            anchors.bottomMargin: Theme.spaceL
            contentHeight: panelText.y + panelText.implicitHeight
            boundsBehavior: Flickable.StopAtBounds
            clip: true

        Column {
            id: panelText
            x: Theme.panelInset
            y: Theme.panelTop
            width: panel.width - Theme.margin
            spacing: Theme.spaceL
            PageHeading {
                width: parent.width
                spacing: Theme.spaceL
                pageId: "map"
                label: mapPage.label
                title: mapPage.title
                titleSize: Theme.titleSmallSize
            }
            Text {
                textFormat: Text.PlainText  // never HTML: text from a file is text
                objectName: "layerTitle"
                width: parent.width
                text: I18n.t(mapPage.currentLayer.title || {})
                color: Theme.text
                font.family: Theme.serif
                font.pixelSize: Theme.bodyMediumSize
                wrapMode: Text.WordWrap
            }
            // legend: what each colour is, with areas in km²
            MapLegend {
                width: parent.width
                shapes: mapPage.currentShapes
            }
        }
        }

        // the timeline: one big button per layer, low on the screen
        LayerTimeline {
            id: timeline
            anchors.bottom: parent.bottom
            anchors.bottomMargin: Theme.space2xl
            x: Theme.panelInset
            layers: mapPage.map.layers
            current: mapPage.layerIndex
            onChosen: (row) => { mapPage.layerIndex = row; mapPage.openSpot = -1 }
        }
    }

    // large text and high contrast, beside "Whole map"
    DisplayButtons {
        anchors.right: mapReset.left
        anchors.rightMargin: Theme.spaceS
        anchors.bottom: mapReset.bottom
    }

    NavButton {
        id: mapReset
        objectName: "mapReset"
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.space2xl
        text: I18n.t(Exhibit.ui.map_reset)
        solid: true
        onClicked: mapPage.resetView()
    }

    // the hotspot's text; a tap anywhere else closes it
    MapPopup {
        visible: mapPage.openSpot >= 0
        anchors.horizontalCenter: mapView.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.space4xl
        width: Math.min(Theme.popupMeasure, parent.width * 0.5)  // at most half the page
        place: mapPage.openPlace
        onDismissed: mapPage.openSpot = -1
    }
}
