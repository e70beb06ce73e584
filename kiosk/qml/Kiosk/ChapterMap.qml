pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// A chapter's live map: the story's spine. It shows the chapter's map state (a layer,
// centred on a place, that close); when a visitor arrives from another chapter it starts
// where that chapter's map was and moves - the border changing as the years cross-fade,
// the view flying to the new place. Two fingers pinch and pan it (one finger turns the
// page); "See it on the map", or a place, opens the full map there.
Item {
    id: chapter
    objectName: "chapterMap_" + pageId
    clip: true

    property string pageId
    required property var view        // {layer, x, y, zoom}: the chapter's map state
    property bool current: false      // the chapter is on screen
    property StoryState story: null   // shared: where the story's map was last (ExhibitView)
    property bool mapButton: true     // "See it on the map" in the corner (false: the page has it)
    readonly property ExhibitMap map: Exhibit.map
    readonly property int layerIndex: canvas.layerIndex   // public (tests): the layer shown

    // where the map stands before the visitor arrives (off screen: no one sees it move)
    function jump(state) {
        canvas.layerIndex = state.layer
        canvas.centreOn(state.x, state.y, state.zoom)
    }
    // the visitor arrives: from the last chapter's state (or the whole map) to this one
    function arrive() {
        const from = story ? story.mapState : null
        if (from)
            jump(from)
        else
            canvas.reset()
        canvas.layerIndex = view.layer   // the border changes (a cross-fade)
        canvas.flyTo(view.x, view.y, view.zoom)
        if (story)
            story.mapState = view
    }
    onCurrentChanged: if (current) arrive()
    // until then, this chapter's map shows what the visitor sees now, so it slides in unchanged
    Connections {
        target: chapter.story
        function onMapStateChanged() {
            if (!chapter.current && chapter.story.mapState)
                chapter.jump(chapter.story.mapState)
        }
    }
    Component.onCompleted: Qt.callLater(() => current ? arrive() : jump(view))

    MapCanvas {
        id: canvas
        anchors.fill: parent
        map: chapter.map
        panWithOneFinger: false
        // a place: the full map opens there, its popup open
        onSpotTapped: (row) => {
            const place = chapter.map.hotspots.get(row)
            Navigation.showOnMap({layer: canvas.layerIndex, x: place.px, y: place.py,
                                  zoom: Math.max(2, chapter.view.zoom), spot: row})
        }
    }

    // the year shown, large, in the map's corner
    Rectangle {
        objectName: "chapterYear_" + chapter.pageId
        x: Theme.space2xl
        y: Theme.space2xl
        width: year.implicitWidth + 2 * Theme.padButton
        height: year.implicitHeight + Theme.spaceL
        radius: Theme.radiusS
        color: Theme.background
        opacity: 0.92
        Text {
            id: year
            anchors.centerIn: parent
            textFormat: Text.PlainText
            text: I18n.t(chapter.map.layers.get(canvas.layerIndex).label || {})
            color: Theme.accent
            font.family: Theme.serif
            font.pixelSize: Theme.titleSmallSize
            font.weight: Font.Bold
        }
    }

    // the full map, in this chapter's state
    NavButton {
        objectName: visible ? "seeOnMap_" + chapter.pageId : ""
        visible: chapter.mapButton
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.space2xl
        text: I18n.t(Exhibit.ui.see_on_map)
        glyphName: "map"
        solid: true
        onClicked: { Analytics.note("control", "see_on_map"); Navigation.showOnMap(chapter.view) }
    }
}
