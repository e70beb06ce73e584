pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk
import Kiosk.Backend

// Large buttons in the lower part of the screen: Home (a house); the story's chapters, numbered
// and joined by a line (they read as a sequence); the map, a tab of its own with a map icon;
// the sources, an (i); the languages (the chosen one outlined: the current page is the one
// filled "you are here" mark). On a tall screen in two rows: Home and the chapters; under
// them the map, the sources and the languages (one row would squeeze the labels).
Rectangle {
    id: bar
    objectName: "navBar"
    implicitHeight: (Theme.portrait ? 2 * Theme.targetSize + Theme.spaceS : Theme.targetSize) + 2 * Theme.spaceXl
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

    GridLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.space4xl
        anchors.rightMargin: Theme.space4xl
        anchors.topMargin: Theme.spaceXl
        anchors.bottomMargin: Theme.spaceXl
        columns: Theme.portrait ? 1 : 2
        rowSpacing: Theme.spaceS
        columnSpacing: Theme.spaceS

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spaceS

            NavButton {
                objectName: "homeButton"
                text: I18n.t(Exhibit.ui.home)
                glyphName: "home"
                iconOnly: true   // the house says it; its name is still read out
                Layout.preferredWidth: Theme.targetSize
                onClicked: { Analytics.note("control", "home"); Navigation.home() }
            }

            Item { Layout.preferredWidth: Theme.spaceS }

            // the chapters on a line, then the map and the sources (tall screen: the next row)
            Item {
                id: chapters
                Layout.fillWidth: true
                Layout.fillHeight: true
                // the line that joins the chapters (behind their opaque buttons)
                Rectangle {
                    objectName: "chapterLine"
                    readonly property Item first: bar.firstChapter
                    readonly property Item last: bar.lastChapter
                    visible: !!first && !!last && first !== last
                    x: first ? first.x + first.width / 2 : 0
                    width: last && first ? last.x + last.width / 2 - x : 0
                    y: chapterRow.height / 2 - height / 2
                    height: Theme.rule
                    color: Theme.line
                }
                RowLayout {
                    id: chapterRow
                    anchors.fill: parent
                    spacing: Theme.spaceS
                    Repeater {
                        id: pageButtons
                        model: Exhibit.pages
                        onItemAdded: Qt.callLater(bar.relink)
                        onItemRemoved: Qt.callLater(bar.relink)
                        PageButton {
                            // (tall screen: the map and the sources are in the next row)
                            shown: !Theme.portrait || kind === PageList.TextPage
                            pageFit: bar.pageFit
                            onFitChanged: if (kind === PageList.TextPage) bar.refit()
                        }
                    }
                }
            }
        }

        // the map and the sources (tall screen only), then the languages at the right
        RowLayout {
            visible: Theme.portrait || Language.languages.length > 1
            Layout.fillWidth: Theme.portrait
            Layout.fillHeight: true
            spacing: Theme.spaceS
            Repeater {
                model: Theme.portrait ? Exhibit.pages : null
                PageButton { shown: kind !== PageList.TextPage; pageFit: bar.pageFit }
            }
            Item { Layout.fillWidth: true; visible: Theme.portrait }
            Item { Layout.preferredWidth: Theme.spaceS; visible: languages.visible && !Theme.portrait }

            LanguageSwitcher { id: languages }
        }
    }

    // a page's button: a chapter (numbered), the map or the sources
    component PageButton: NavButton {
        required property string pageId
        required property var label
        required property int kind
        required property int chapter
        property bool shown: true   // in this row (the other row has it)
        property real pageFit: 1    // the bar's one type size for the page buttons
        visible: shown
        objectName: shown ? "nav_" + pageId : ""
        text: I18n.t(label)
        number: chapter > 0 ? String(chapter) : ""
        glyphName: kind === PageList.MapPage ? "map" : (kind === PageList.CreditsPage ? "info" : "")
        iconOnly: kind === PageList.CreditsPage
        solid: true
        checked: Navigation.currentPage === pageId
        labelPixelSize: Math.max(Theme.labelMinSize, Math.floor(Theme.labelSize * pageFit))
        // the chapters share the room; the map and the (i) take what they need
        Layout.fillWidth: kind === PageList.TextPage
        Layout.preferredWidth: kind === PageList.TextPage ? 1 : Math.max(Theme.targetSize, naturalWidth)
        // the map stands apart from the chapters
        Layout.leftMargin: kind === PageList.MapPage && !Theme.portrait ? Theme.space2xl : 0
        onClicked: Navigation.show(pageId)
    }

    // the first and the last chapter's buttons (numbered): the line joins them
    property Item firstChapter: null
    property Item lastChapter: null
    function relink() {
        let first = null, last = null
        for (let i = 0; i < pageButtons.count; i++) {
            const b = pageButtons.itemAt(i) as NavButton
            if (b && b.number !== "") {
                if (!first) first = b
                last = b
            }
        }
        firstChapter = first
        lastChapter = last
    }
}
