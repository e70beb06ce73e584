import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Large labelled buttons in the lower part of the screen: Home, then one per page.
Rectangle {
    id: bar
    implicitHeight: Theme.targetSize + 2 * Theme.s(22)
    color: Theme.surface

    Rectangle { anchors.top: parent.top; width: parent.width; height: 1; color: Theme.line }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.s(40)
        anchors.rightMargin: Theme.s(40)
        anchors.topMargin: Theme.s(22)
        anchors.bottomMargin: Theme.s(22)
        spacing: Theme.s(18)

        NavButton {
            objectName: "homeButton"
            text: Exhibit.ui.home || "Home"
            showHomeIcon: true
            onClicked: Navigation.enter()
        }

        Item { Layout.preferredWidth: Theme.s(24) }

        Repeater {
            model: Exhibit.pages
            NavButton {
                required property var modelData
                required property int index
                objectName: "nav_" + modelData.id
                text: modelData.label
                checked: Navigation.currentPage === modelData.id
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                onClicked: Navigation.show(modelData.id)
            }
        }
    }
}
