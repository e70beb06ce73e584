pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import Kiosk.Backend

// One chapter of the story, on the one grid every chapter shares: on the left what it shows
// (the live map in the chapter's state, or its picture) with the display buttons low in its
// corner; on the right its text - where it stands in the story, the heading, the key figure,
// the lead sentence, the text - ending with "Next: <page> →", low on the screen. The text
// column starts at the same x on every page. On a tall screen what it shows runs across the
// top, the text under it, and the buttons (display, "See it on the map", "Next") stand in a
// row at the foot, where hands are.
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
    property var figure: null
    property int chapter: 0      // 1, 2, ... of `chapters`
    property int chapters: 0
    property var next: null      // {pageId, label} of the page after this one
    property StoryState story: null   // shared by the chapters: where the map was last (ChapterMap)
    readonly property bool current: Navigation.currentPage === pageId

    // the grid: the picture or map on the left, the text column on the right (tall screen:
    // the picture or map on top, the text column under it, the row of buttons at the foot)
    readonly property bool portrait: Theme.portrait
    readonly property real visualWidth: portrait ? width : Math.round(width * Theme.visualShare)
    readonly property real visualHeight: portrait ? Math.round(height * Theme.visualShare) : height
    readonly property real textX: portrait ? Theme.portraitSide : visualWidth + Theme.columnGap * 0.8
    readonly property real textY: portrait ? visualHeight + Theme.spaceS : 0
    readonly property real textWidth: portrait ? width - 2 * Theme.portraitSide - Theme.scrollRoom
                                               : width - textX - Theme.margin * 0.8
    readonly property real bottomGap: portrait ? Theme.space2xl : Theme.spaceL
    // tall screen: the row of buttons at the foot (the text ends above it), and its room
    // beside the display buttons
    readonly property real footTop: height - Theme.targetSize - bottomGap
    readonly property real footRoom: width - 2 * Theme.portraitSide - display.width - Theme.spaceL

    // the picture or the map (nothing: the key figure, large)
    Loader {
        id: visual
        objectName: "visual_" + pageRoot.pageId
        x: 0
        y: 0
        width: pageRoot.visualWidth
        height: pageRoot.visualHeight
        sourceComponent: pageRoot.mapView ? chapterMap : (pageRoot.image ? picture : null)
        Component {
            id: chapterMap
            ChapterMap {
                pageId: pageRoot.pageId
                view: pageRoot.mapView
                current: pageRoot.current
                story: pageRoot.story
                mapButton: !pageRoot.portrait   // tall screen: in the row at the foot
            }
        }
        Component {
            id: picture
            PagePicture { image: pageRoot.image; captionInset: Theme.space2xl }
        }
    }

    Flickable {
        id: flick
        objectName: "scroll_" + pageRoot.pageId
        x: pageRoot.textX
        y: pageRoot.textY
        width: pageRoot.textWidth + Theme.scrollRoom
        height: (pageRoot.portrait ? pageRoot.footTop - Theme.spaceL : pageRoot.height) - y
        contentWidth: width
        // "Next" stands low on the screen, or after the text when the text is longer (tall
        // screen: in the row at the foot)
        readonly property real nextY: Math.max(column.height + Theme.spaceS,
                                               height - foot.height - pageRoot.bottomGap)
        contentHeight: pageRoot.portrait ? column.height + Theme.spaceS : nextY + foot.height + pageRoot.bottomGap
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
            objectName: "text_" + pageRoot.pageId
            width: pageRoot.textWidth
            topPadding: Theme.chapterTop
            spacing: 0
            // paragraphs a line apart, list items closer (kiosk.content.markup makes the blocks)
            readonly property var blocks: I18n.t(pageRoot.blocks) || []

            PageHeading {
                pageId: pageRoot.pageId
                label: pageRoot.label
                title: pageRoot.title
                width: column.width
                titleSize: Theme.chapterTitleSize
                titleLineHeight: 1.04
                spacing: Theme.spaceL
                maxTitleLines: 2
                chapter: pageRoot.chapter
                chapters: pageRoot.chapters
            }

            // the key figure: a number from the text, large, and what it counts beside it
            Item {
                id: figure
                objectName: "figure_" + pageRoot.pageId
                visible: !!pageRoot.figure
                width: column.width
                // the caption beside the figure, or under it when the figure is wide (large text)
                readonly property bool beside: figureValue.implicitWidth <= width * 0.6
                height: visible ? (beside ? Math.max(figureValue.height, figureCaption.height)
                                          : figureCaption.y + figureCaption.height - Theme.spaceL) + Theme.spaceL
                                : 0
                Text {
                    id: figureValue
                    y: Theme.spaceL
                    textFormat: Text.PlainText
                    width: Math.min(implicitWidth, parent.width)
                    text: pageRoot.figure ? I18n.t(pageRoot.figure.value) : ""
                    color: Theme.accent
                    font.family: Theme.serif
                    font.pixelSize: Theme.figureSize
                    font.weight: Font.Bold
                    wrapMode: Text.WordWrap
                    lineHeight: 0.95
                }
                Text {
                    id: figureCaption
                    x: figure.beside ? figureValue.width + Theme.spaceL : 0
                    y: figure.beside ? Theme.spaceL + Math.max(0, (figureValue.height - height) / 2)
                                     : figureValue.y + figureValue.height + Theme.space3xs
                    width: parent.width - x
                    textFormat: Text.PlainText
                    text: pageRoot.figure ? I18n.t(pageRoot.figure.caption) : ""
                    color: Theme.muted
                    font.family: Theme.sans
                    font.pixelSize: Theme.smallSize
                    wrapMode: Text.WordWrap
                }
            }

            Repeater {
                model: column.blocks
                Item {
                    id: block
                    required property var modelData
                    required property int index
                    readonly property bool closeUnder: modelData.bullet && index > 0 && column.blocks[index - 1].bullet
                    readonly property bool lead: !!modelData.lead
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
                        objectName: block.lead ? "lead_" + pageRoot.pageId : ""
                        x: block.modelData.bullet ? Theme.indent : 0
                        y: block.index === 0 ? Theme.spaceL
                                             : block.closeUnder ? Theme.listGap
                                             : column.blocks[block.index - 1].lead ? Theme.spaceL : Theme.bodySize
                        width: parent.width - x
                        text: block.modelData.text
                        // safe: the backend escapes everything but <b> and <i> (kiosk.content.markup)
                        textFormat: Text.StyledText
                        Accessible.role: Accessible.StaticText
                        Accessible.name: block.modelData.plain   // the words, without markup
                        color: Theme.text
                        font.family: Theme.serif
                        font.pixelSize: block.lead ? Theme.leadTextSize : Theme.bodySize
                        wrapMode: Text.WordWrap
                        lineHeight: block.lead ? 1.08 : 1.16
                    }
                }
            }
        }

        // "Next: Terms →" (tall screen: "See it on the map" before it, at the foot of the page)
        Row {
            id: foot
            y: flick.nextY
            spacing: Theme.spaceS
            NavButton {
                id: mapButton
                objectName: visible ? "seeOnMap_" + pageRoot.pageId : ""
                visible: pageRoot.portrait && !!pageRoot.mapView
                text: I18n.t(Exhibit.ui.see_on_map)
                glyphName: "map"
                solid: true
                onClicked: { Analytics.note("control", "see_on_map"); Navigation.showOnMap(pageRoot.mapView) }
            }
            NavButton {
                id: nextButton
                objectName: "next_" + pageRoot.pageId
                visible: !!pageRoot.next
                text: pageRoot.next ? I18n.t(Exhibit.ui.next).replace("{page}", I18n.t(pageRoot.next.label)) + "  →" : ""
                solid: true
                // tall screen: no wider than the row leaves it (a long name is set smaller)
                width: pageRoot.portrait
                       ? Math.min(implicitWidth, pageRoot.footRoom - (mapButton.visible ? mapButton.width + foot.spacing : 0))
                       : implicitWidth
                onClicked: { Analytics.note("control", "next"); Navigation.show(pageRoot.next.pageId) }
            }
        }
    }
    // tall screen: "Next" (and "See it on the map") leave the scrolling text for the foot
    states: State {
        when: pageRoot.portrait
        ParentChange {
            target: foot
            parent: pageRoot
            x: pageRoot.width - Theme.portraitSide - foot.width
            y: pageRoot.footTop
        }
    }

    // more text below: a soft fade says "scroll"
    Rectangle {
        objectName: "scrollFade_" + pageRoot.pageId
        x: flick.x
        width: flick.width
        height: Theme.fadeHeight
        y: flick.y + flick.height - height
        // (the end of the scroll is "Next": the fade is for text still hidden, never over "Next")
        visible: flick.contentY + flick.height < column.height - 2
                 && flick.contentY + flick.height < flick.nextY
        gradient: Gradient {
            GradientStop { position: 0.0; color: "transparent" }
            GradientStop { position: 1.0; color: Theme.background }
        }
    }


    // large text and high contrast: low in the corner of the map or picture, where they stay
    // put whatever the text does (clear of the strip where this page peeks in beside another;
    // tall screen: at the left of the row at the foot)
    DisplayButtons {
        id: display
        x: pageRoot.portrait ? Theme.portraitSide : Theme.peek + Theme.spaceL
        y: pageRoot.height - height - Theme.space2xl
    }
}
