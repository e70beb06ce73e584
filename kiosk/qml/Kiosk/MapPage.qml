pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// The map: pinch to zoom, drag to pan (with inertia), double-tap to zoom in; a timeline of
// layers (1689, 1858, 1860) with a legend of whose land is whose, in km²; names of the
// empires, rivers and seas; places with a popup beside them. Labels and lines are drawn
// here, over the picture, so they stay sharp and can be translated.
// On a visit's first entry the years play once (1689 -> 1858 -> 1860), unless a page's
// "See it on the map" opened it; any touch or key stops them.
// (The parts: MapCanvas, MapLayerShapes, MapShapePath, MapNameLabel, MapHotspot, MapLegend,
// LayerTimeline, MapPopup.)
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
    // audio mode: a place's popup is read out (its names, then its text)
    onOpenSpotChanged: {
        const place = map.hotspots.get(openSpot)   // (openPlace may not have followed yet)
        if (openSpot >= 0)
            Analytics.note("place", place.spotId)   // the visitor statistics: a place opened
        if (openSpot >= 0 && Speech.active)
            Speech.say(I18n.t(place.label || place.title || {}) + ".\n" + I18n.t(place.plainText || {}),
                       Language.code)
    }
    readonly property var currentLayer: map.layers.get(layerIndex)
    readonly property ShapeList currentShapes: map.layers.shapes(layerIndex)

    // a visitor chose a year: audio mode says what it shows (unless it is being said)
    function choose(row) {
        stopTour()
        layerIndex = row
        openSpot = -1
        Analytics.note("layer", map.layers.get(row).layerId)
        const said = I18n.t(map.layers.get(row).title || {})
        if (Speech.active && said !== "" && !(Speech.speaking && Speech.lastSpoken === said))
            Speech.say(said, Language.code)
    }

    function resetView() {
        stopTour()
        openSpot = -1
        layerIndex = defaultLayer
        mapView.reset()
    }
    // a page's "See it on the map": that layer, flying to that point, that close
    function focusOn(view) {
        stopTour()
        requested = true
        openSpot = -1
        layerIndex = view.layer
        mapView.flyTo(view.x, view.y, view.zoom)
        if (view.spot !== undefined && view.spot >= 0)
            openSpot = view.spot   // a place tapped on a chapter's map
    }
    Connections {
        target: Navigation
        function onMapRequestChanged() { if (Navigation.mapRequest.zoom) mapPage.focusOn(Navigation.mapRequest) }
        function onCurrentPageChanged() {
            if (Navigation.currentPage !== "map") {
                mapPage.stopTour()
                return
            }
            if (!mapPage.toured && !mapPage.requested && !Speech.active)
                mapPage.startTour()
            mapPage.toured = true
            mapPage.requested = false
        }
    }

    // -- the tour: the years play once -------------------------------------------------------
    property bool touring: false
    property bool toured: false      // this visit has been to the map (the Session reset clears it)
    property bool requested: false   // a page's "See it on the map" is opening the map
    property int tourStep: 2500      // ms each year stays
    function startTour() {
        openSpot = -1
        layerIndex = 0
        touring = map.layers.count > 1
    }
    function stopTour() { touring = false }
    Timer {
        interval: mapPage.tourStep
        repeat: true
        running: mapPage.touring
        onTriggered: {
            if (mapPage.layerIndex < mapPage.map.layers.count - 1)
                mapPage.layerIndex += 1
            if (mapPage.layerIndex >= mapPage.map.layers.count - 1)
                mapPage.stopTour()
        }
    }
    // any key (the keypad wakes), a language, audio mode: the visitor has taken over
    Connections {
        target: Keypad
        function onActiveChanged() { if (Keypad.active) mapPage.stopTour() }
    }
    Connections {
        target: Language
        function onCodeChanged() { mapPage.stopTour() }
    }
    Connections {
        target: Speech
        function onActiveChanged() { if (Speech.active) mapPage.stopTour() }
    }

    readonly property string resetName: "map"
    Component.onCompleted: {
        Session.register(resetName, () => { mapPage.resetView(); mapPage.toured = false })
        // made while a page's "See it on the map" is opening it (the pages load after the
        // first frame): go there
        if (Navigation.currentPage === "map" && Navigation.mapRequest.zoom)
            Qt.callLater(() => mapPage.focusOn(Navigation.mapRequest))
    }
    Component.onDestruction: Session.unregister(resetName)

    // the map beside the panel (tall screen: across the top, the panel under it)
    readonly property bool portrait: Theme.portrait
    MapCanvas {
        id: mapView
        x: mapPage.portrait ? 0 : panel.width
        width: parent.width - x
        // (tall screen: no taller than the whole map: no empty band over and under it)
        height: mapPage.portrait ? Math.round(Math.min(parent.height * Theme.mapShareTall,
                                                       width * mapPage.map.height / Math.max(1, mapPage.map.width)))
                                 : parent.height
        map: mapPage.map
        layerIndex: mapPage.layerIndex
        openSpot: mapPage.openSpot
        onSpotTapped: (row) => mapPage.openSpot = row
        onMapTapped: mapPage.openSpot = -1
        onTouched: mapPage.stopTour()
    }

    // heading, timeline and legend: a panel on the left (controls low, where hands are; tall
    // screen: the panel is under the map, the whole width)
    Rectangle {
        id: panel
        y: mapPage.portrait ? mapView.height : 0
        width: mapPage.portrait ? parent.width : Math.max(Theme.panelMinWidth, parent.width * 0.24)  // about a quarter of the page
        height: parent.height - y
        color: Theme.background

        // the heading and legend scroll if they outgrow the panel (large text)
        Flickable {
            id: panelScroll
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
            x: mapPage.portrait ? Theme.portraitSide : Theme.panelInset
            y: mapPage.portrait ? Theme.space2xl : Theme.panelTop
            width: panel.width - (mapPage.portrait ? 2 * Theme.portraitSide : Theme.margin)
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
            // legend: whose land each colour is, with areas in km²
            MapLegend {
                id: legend
                width: parent.width
                shapes: mapPage.currentShapes
                viewTop: panelScroll.contentY - panelText.y - y
                viewBottom: viewTop + panelScroll.height
            }
        }
        }

        // the timeline: the years on one line, one big button each, low on the screen
        LayerTimeline {
            id: timeline
            objectName: "layerTimeline"
            anchors.bottom: parent.bottom
            anchors.bottomMargin: Theme.space2xl
            x: panelText.x
            layers: mapPage.map.layers
            current: mapPage.layerIndex
            onChosen: (row) => mapPage.choose(row)
        }
    }

    // large text and high contrast, beside "Whole map"
    DisplayButtons {
        id: display
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

    // the place's popup, beside its place with a line to it; a tap anywhere else closes it
    Item {
        id: popupArea   // where it may stand: on the picture, above the buttons at the map's foot
        readonly property rect picture: mapView.pictureArea
        x: mapView.x + picture.x + Theme.spaceL
        y: mapView.y + picture.y + Theme.spaceL
        width: picture.width - 2 * Theme.spaceL
        // (tall screen: the buttons are under the map)
        height: Math.min(picture.y + picture.height,
                         mapView.height - (mapPage.portrait ? 0 : mapReset.height + Theme.space2xl))
                - picture.y - 2 * Theme.spaceL
        readonly property var at: mapView.openPlace   // in mapView's coordinates
        readonly property real gap: Theme.space2xl    // between the popup and its place
        // the place and its marker, from the map's coordinates to this item's
        readonly property real dx: mapView.x - x
        readonly property real dy: mapView.y - y
        readonly property real placeLeft: at ? Math.min(at.left, at.px - Theme.spaceS) + dx : 0
        readonly property real placeRight: at ? Math.max(at.right, at.px + Theme.spaceS) + dx : 0
        readonly property real middle: at ? at.y + dy : 0
        // the room beside the place on each side; the popup stands on the side away from the
        // place's name if it (nearly) fits there, else on the side with more room, as wide as
        // that allows
        readonly property real rightRoom: width - placeRight - gap
        readonly property real leftRoom: placeLeft - gap
        readonly property real wanted: 0.8 * Math.min(Theme.popupMeasure, mapView.width / 2)
        readonly property bool nameOnRight: at ? at.right - at.x > at.x - at.left : true
        readonly property real least: Theme.s(440)   // narrower, a popup is a column of words
        // the side away from the name if it has room enough, else the name's side if that
        // has, else the side with more room
        function awaySide(away, nameSide) {
            if (away >= least && away >= Math.min(wanted, 0.8 * nameSide))
                return true
            return nameSide >= least ? false : away >= nameSide
        }
        readonly property bool onRight: nameOnRight ? !awaySide(leftRoom, rightRoom) : awaySide(rightRoom, leftRoom)

        MapPopup {
            id: popup
            visible: mapPage.openSpot >= 0 && popupArea.at !== null
            width: Math.max(Theme.s(320), Math.min(Theme.popupMeasure, mapView.width / 2,
                                                  popupArea.onRight ? popupArea.rightRoom : popupArea.leftRoom))
            maxHeight: popupArea.height
            x: popupArea.onRight ? Math.min(popupArea.width - width, popupArea.placeRight + popupArea.gap)
                                 : Math.max(0, popupArea.placeLeft - popupArea.gap - width)
            y: Math.max(0, Math.min(popupArea.height - height, popupArea.middle - height / 2))
            place: mapPage.openPlace
            onDismissed: mapPage.openSpot = -1
        }
        // the leader: from the popup's near edge to the place's marker
        Rectangle {
            objectName: "popupLeader"
            visible: popup.visible
            readonly property real x0: popupArea.onRight ? popup.x : popup.x + popup.width
            readonly property real y0: Math.max(popup.y + Theme.radiusM, Math.min(popup.y + popup.height - Theme.radiusM, popupArea.middle))
            readonly property real x1: popupArea.at ? popupArea.at.x + popupArea.dx + (popupArea.onRight ? 1 : -1) * Theme.markerSize * 0.48 : 0
            readonly property real y1: popupArea.middle
            x: x0
            y: y0 - height / 2
            width: Math.hypot(x1 - x0, y1 - y0)
            height: Theme.rule
            transformOrigin: Item.Left
            rotation: Math.atan2(y1 - y0, x1 - x0) * 180 / Math.PI
            color: Theme.accent
        }
    }

    // a touch anywhere on the page while the years play stops them (a passive handler on the
    // page itself: the touch still does what it does - a year, a place, a pinch)
    PointHandler {
        enabled: mapPage.touring
        onActiveChanged: if (active) mapPage.stopTour()
    }
}
