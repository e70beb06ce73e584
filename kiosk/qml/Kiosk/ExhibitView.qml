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
        // follows the backend; tells it where a visitor's swipe came to rest (and only
        // that: index changes while pages are being created are not the visitor's)
        currentIndex: Math.max(0, Navigation.currentIndex)
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
