pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Large labelled buttons in the lower part of the screen: Home, one per page, the languages.
Rectangle {
    id: bar
    implicitHeight: Theme.targetSize + 2 * Theme.spaceXl
    color: Theme.surface

    // one type size for the page buttons: the largest at which every label fits
    property real pageFit: 1
    function refit() {
        let fit = 1
        for (let i = 0; i < pageButtons.count; i++) {
            const b = pageButtons.itemAt(i) as NavButton
            if (b) fit = Math.min(fit, b.fit)
        }
        pageFit = Math.max(0.7, fit)
    }

    Rectangle { anchors.top: parent.top; width: parent.width; height: 1; color: Theme.line }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.space4xl
        anchors.rightMargin: Theme.space4xl
        anchors.topMargin: Theme.spaceXl
        anchors.bottomMargin: Theme.spaceXl
        spacing: Theme.spaceS

        NavButton {
            objectName: "homeButton"
            text: I18n.t(Exhibit.ui.home)
            showHomeIcon: true
            onClicked: Navigation.enter()
        }

        Item { Layout.preferredWidth: Theme.spaceS }

        Repeater {
            id: pageButtons
            model: Exhibit.pages
            NavButton {
                required property string pageId
                required property var label
                objectName: "nav_" + pageId
                text: I18n.t(label)
                checked: Navigation.currentPage === pageId
                labelPixelSize: Math.floor(Theme.labelSize * bar.pageFit)
                onFitChanged: bar.refit()
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                onClicked: Navigation.show(pageId)
            }
        }

        Item { Layout.preferredWidth: Theme.spaceS; visible: languages.visible }

        LanguageSwitcher { id: languages }
    }
}
