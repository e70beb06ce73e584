pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// The pages side by side (swipe left/right) above the navigation bar.
Item {
    id: view

    ListView {
        id: pager
        objectName: "pager"
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: nav.top
        clip: true
        orientation: ListView.Horizontal
        snapMode: ListView.SnapOneItem
        highlightRangeMode: ListView.StrictlyEnforceRange
        highlightMoveDuration: 300
        boundsBehavior: Flickable.StopAtBounds
        cacheBuffer: Math.max(1, width * Exhibit.pages.count)  // all pages stay built (and keep their scroll)
        model: Exhibit.pages

        // on the map, one finger pans the map: pages change by the navigation bar there
        // (set in follow(), deferred: a binding here looped when a swipe ended on the map)

        delegate: Loader {
            id: slot
            required property string pageId
            required property int kind
            required property var label
            required property var title
            required property var blocks
            required property var image
            required property var mapView
            width: pager.width
            height: pager.height
            sourceComponent: kind === PageList.MapPage ? mapPage : textPage
            Component {
                id: textPage
                ExhibitPage {
                    pageId: slot.pageId
                    label: slot.label
                    title: slot.title
                    blocks: slot.blocks
                    image: slot.image
                    mapView: slot.mapView
                }
            }
            Component { id: mapPage; MapPage { label: slot.label; title: slot.title } }
        }

        // Follows the backend (deferred, so never inside a flick's own update) and tells it
        // where a visitor's swipe came to rest - unless the backend moved on while the swipe
        // was still sliding (a button, the idle reset): then the newer choice wins, and the
        // pager goes there when the slide ends.
        property bool overtaken: false
        function follow() {
            if (moving) {
                overtaken = true
                return
            }
            interactive = Navigation.currentPage !== "map"
            const index = Math.max(0, Navigation.currentIndex)
            if (currentIndex !== index)
                currentIndex = index
        }
        onCountChanged: Qt.callLater(follow)
        Connections {
            target: Navigation
            function onCurrentPageChanged() { Qt.callLater(pager.follow) }
        }
        onMovementStarted: overtaken = false
        onMovementEnded: {
            if (overtaken) {
                overtaken = false
                follow()
            } else {
                Navigation.showIndex(currentIndex)
            }
        }
    }

    NavBar {
        id: nav
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
    }
}
