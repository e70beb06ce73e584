pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import Kiosk.Backend

// One page. With a picture: heading and text on the left, the picture on the right.
// Without: the heading on the left, the text on the right. "See it on the map" stands at
// the foot of the column that is not the text, so the text has the page's whole height
// (every page fits one screen at 1920x1080 in every language; longer text still scrolls).
Item {
    id: pageRoot
    objectName: "page_" + pageId

    // the page, as Exhibit.pages has it (texts are {language: text})
    property string pageId
    property var label: ({})
    property var title: ({})
    property var blocks: ({})
    property var image: null
    property var mapView: null
    readonly property bool hasImage: !!image
    readonly property real gap: Theme.columnGap
    // the left column: with a picture half the page (at most a comfortable measure), else a third
    readonly property real leftWidth: hasImage ? Math.min(Theme.columnMeasure, width * 0.5 - Theme.margin)
                                               : width * 0.33 - Theme.margin
    readonly property real textWidth: hasImage ? leftWidth
                                               : Math.min(Theme.textMeasure, width - 2 * Theme.margin - leftWidth - gap)
    readonly property real topY: Theme.pageTop
    readonly property real bottomGap: Theme.space2xl
    // the foot of the other column, where "See it on the map" stands
    readonly property real otherColumnX: hasImage ? flick.x + flick.width + Theme.pictureGap : Theme.margin

    Component {
        id: heading
        PageHeading {
            pageId: pageRoot.pageId
            label: pageRoot.label
            title: pageRoot.title
            width: pageRoot.leftWidth
            titleSize: pageRoot.hasImage ? Theme.titleSize : Theme.titleLargeSize
            titleLineHeight: 1.08
        }
    }

    // heading on its own (pages without a picture)
    Loader {
        active: !pageRoot.hasImage
        sourceComponent: heading
        x: Theme.margin
        y: pageRoot.topY
    }

    Flickable {
        id: flick
        objectName: "scroll_" + pageRoot.pageId
        x: pageRoot.hasImage ? Theme.margin : Theme.margin + pageRoot.leftWidth + pageRoot.gap
        width: pageRoot.textWidth + Theme.scrollRoom
        height: parent.height - pageRoot.bottomGap
        contentWidth: width
        contentHeight: column.height + Theme.spaceS
        flickableDirection: Flickable.VerticalFlick
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        ScrollIndicator.vertical: ScrollIndicator { }

        // a new visitor starts at the top of every page
        readonly property string resetName: "scroll:" + pageRoot.pageId
        Component.onCompleted: Session.register(resetName, () => { flick.cancelFlick(); flick.contentY = 0 })
        Component.onDestruction: Session.unregister(resetName)

        Column {
            id: column
            width: pageRoot.textWidth
            // without a picture the text starts level with the title beside it
            topPadding: pageRoot.hasImage ? pageRoot.topY : pageRoot.topY + Theme.headingLine + Theme.spaceXl
            // paragraphs a line apart, list items closer (kiosk.content.markup makes the blocks)
            readonly property var blocks: I18n.t(pageRoot.blocks) || []

            Loader { active: pageRoot.hasImage; sourceComponent: heading }

            Repeater {
                model: column.blocks
                Item {
                    id: block
                    required property var modelData
                    required property int index
                    readonly property bool closeUnder: modelData.bullet && index > 0 && column.blocks[index - 1].bullet
                    width: column.width
                    height: paragraph.y + paragraph.height
                    Text {
                        visible: block.modelData.bullet
                        y: paragraph.y
                        text: "•"
                        textFormat: Text.PlainText
                        color: Theme.accent
                        font: paragraph.font
                    }
                    Text {
                        id: paragraph
                        x: block.modelData.bullet ? Theme.indent : 0
                        y: block.index === 0 ? (pageRoot.hasImage ? Theme.bodySize : 0)
                                             : block.closeUnder ? Theme.listGap : Theme.bodySize
                        width: parent.width - x
                        text: block.modelData.text
                        // safe: the backend escapes everything but <b> and <i> (kiosk.content.markup)
                        textFormat: Text.StyledText
                        Accessible.role: Accessible.StaticText
                        Accessible.name: block.modelData.plain   // the words, without markup
                        color: Theme.text
                        font.family: Theme.serif
                        font.pixelSize: Theme.bodySize
                        wrapMode: Text.WordWrap
                        lineHeight: 1.32
                    }
                }
            }
        }
    }

    // "See it on the map": low on the page, where hands are
    NavButton {
        id: seeOnMap
        objectName: "seeOnMap_" + pageRoot.pageId
        visible: !!pageRoot.mapView
        x: pageRoot.otherColumnX
        anchors.bottom: parent.bottom
        anchors.bottomMargin: pageRoot.bottomGap
        text: I18n.t(Exhibit.ui.see_on_map)
        onClicked: Navigation.showOnMap(pageRoot.mapView)
    }

    // large text and high contrast, beside it
    DisplayButtons {
        x: seeOnMap.visible ? seeOnMap.x + seeOnMap.width + Theme.spaceS : pageRoot.otherColumnX
        anchors.bottom: parent.bottom
        anchors.bottomMargin: pageRoot.bottomGap
    }

    // more text below: a soft fade says "scroll"
    Rectangle {
        x: flick.x
        width: flick.width
        height: Theme.fadeHeight
        y: flick.y + flick.height - height
        visible: flick.contentY + flick.height < flick.contentHeight - 2
        gradient: Gradient {
            GradientStop { position: 0.0; color: "transparent" }
            GradientStop { position: 1.0; color: Theme.background }
        }
    }

    // the picture, in the right part of the page
    // (above "See it on the map" and the display buttons)
    Column {
        id: pictureColumn
        visible: pageRoot.hasImage
        x: pageRoot.otherColumnX
        y: pageRoot.topY
        width: pageRoot.width - x - Theme.pictureInset
        spacing: Theme.spaceL
        readonly property real room: pageRoot.height - y - pageRoot.bottomGap
                                     - seeOnMap.height - pageRoot.bottomGap
                                     - caption.height - credit.height - 2 * spacing

        Image {
            width: parent.width
            height: Math.min(pictureColumn.room,
                             pageRoot.hasImage ? width * pageRoot.image.height / pageRoot.image.width : 0)
            // decode at the size shown (never larger than the file): sharp, and no wasted memory;
            // not before the layout knows that size (0 would mean "full size")
            source: pageRoot.hasImage && width > 0 ? pageRoot.image.url : ""
            sourceSize.width: pageRoot.hasImage ? Math.max(1, Math.min(pageRoot.image.width, Math.ceil(width))) : 1
            fillMode: Image.PreserveAspectFit
            asynchronous: true
        }

        Text {
            textFormat: Text.PlainText  // never HTML: text from a file is text
            id: caption
            width: parent.width
            text: pageRoot.hasImage ? I18n.t(pageRoot.image.caption) : ""
            visible: text.length > 0
            color: Theme.text
            font.family: Theme.sans
            font.pixelSize: Theme.smallSize
            wrapMode: Text.WordWrap
            lineHeight: 1.2
        }

        Text {
            textFormat: Text.PlainText  // never HTML: text from a file is text
            id: credit
            width: parent.width
            text: pageRoot.hasImage ? I18n.t(pageRoot.image.credit) : ""
            visible: text.length > 0
            color: Theme.muted
            font.family: Theme.sans
            font.pixelSize: Theme.tinySize
            wrapMode: Text.WordWrap
        }
    }
}
