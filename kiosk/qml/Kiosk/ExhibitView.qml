pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// The pages side by side (swipe left/right) above the navigation bar.
Item {
    id: view

    // What the chapters share: where the story's map was last shown (a new visit starts
    // from the whole map)
    StoryState {
        id: story
        objectName: "story"
        Component.onCompleted: Session.register("story", () => { story.mapState = null })
        Component.onDestruction: Session.unregister("story")
    }

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
            required property var figure
            required property int chapter
            required property int chapters
            required property var next
            required property var software
            // a page is a little narrower than the screen: the next one peeks in at the right
            // edge, so a visitor sees there is more to swipe to
            width: pager.width - Theme.peek
            height: pager.height
            sourceComponent: kind === PageList.MapPage ? mapPage
                           : kind === PageList.CreditsPage ? creditsPage : textPage
            Component {
                id: textPage
                ExhibitPage {
                    pageId: slot.pageId
                    label: slot.label
                    title: slot.title
                    blocks: slot.blocks
                    image: slot.image
                    mapView: slot.mapView
                    figure: slot.figure
                    chapter: slot.chapter
                    chapters: slot.chapters
                    next: slot.next
                    story: story
                }
            }
            Component { id: mapPage; MapPage { label: slot.label; title: slot.title } }
            Component {
                id: creditsPage
                CreditsPage {
                    pageId: slot.pageId
                    label: slot.label
                    title: slot.title
                    blocks: slot.blocks
                    software: slot.software
                }
            }
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
