import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import Kiosk.Backend

// The pages side by side (swipe left/right) above the navigation bar.
Item {
    id: view

    SwipeView {
        id: pager
        objectName: "pager"
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: nav.top
        clip: true
        // Follows the backend - when it moves, and when pages are (re)created, since the
        // Container moves its index as items are added - and tells it where a visitor's
        // swipe came to rest (only that: index changes while pages are created are not theirs).
        function follow() { setCurrentIndex(Math.max(0, Navigation.currentIndex)) }
        onCountChanged: Qt.callLater(follow)  // after the Container has finished adjusting
        Component.onCompleted: follow()
        Connections {
            target: Navigation
            function onCurrentPageChanged() { pager.follow() }
        }
        Connections {
            target: pager.contentItem
            function onMovementEnded() { Navigation.showIndex(pager.currentIndex) }
        }

        Repeater {
            model: Exhibit.pages
            ExhibitPage {
                required property var modelData
                page: modelData
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
