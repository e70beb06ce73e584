pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Kiosk
import Kiosk.Backend

// The credits, on one screen: the heading, then two groups side by side - where what
// visitors read and see comes from (the text, the map, the borders), and, past a rule and
// quieter, the software and typefaces, with the display buttons at its foot. Each group's
// heading is a ui word from the content. At normal size it fits the screen in every
// language; in large text it scrolls. On a tall screen the groups stand one under the other,
// the display buttons at the foot of the page.
Item {
    id: pageRoot
    objectName: "page_" + pageId

    property string pageId: "credits"
    property var label: ({})
    property var title: ({})
    property var blocks: ({})      // {language: [block]}: the sources
    property var software: ({})    // {language: [block]}: software and typefaces (may be empty)

    readonly property var sourceBlocks: I18n.t(blocks) || []
    readonly property var softwareBlocks: (software ? I18n.t(software) : []) || []
    readonly property bool hasSoftware: softwareBlocks.length > 0
    readonly property bool portrait: Theme.portrait
    readonly property real side: portrait ? Theme.portraitSide : Theme.margin
    readonly property real contentWidth: width - 2 * side
    // the sources take the larger share; the software column the rest, past a rule (tall
    // screen: each the whole width)
    readonly property real sourcesWidth: portrait ? contentWidth
        : hasSoftware ? Math.round(contentWidth * 0.68) : Math.min(contentWidth, Theme.textMeasure * 1.3)
    readonly property real softwareWidth: portrait ? contentWidth : contentWidth - sourcesWidth - Theme.columnGap
    readonly property real softwareX: Theme.margin + sourcesWidth + Theme.columnGap
    // the display buttons stand at the foot of the software (the short column), so the
    // sources have the page's whole height; without software, in large text or on a tall
    // screen, at the foot of the page, under the sources
    readonly property bool footBeside: hasSoftware && Theme.textScale === 1 && !portrait
    readonly property real bottomGap: Theme.space2xl

    // One screen at normal text size: when the sources would not fit, their type steps down
    // (at most two steps, to the small size; in large text the page scrolls instead). Any
    // change of text, language or size starts again from the full size.
    property int squeeze: 0
    readonly property var sourceSizes: [Theme.bodySmallSize, Math.round((Theme.bodySmallSize + Theme.smallSize) / 2),
                                        Theme.smallSize]
    function refit() {
        if (Theme.textScale === 1 && squeeze < sourceSizes.length - 1
                && flick.contentHeight > flick.height + 0.5)
            squeeze += 1
    }
    function unsqueeze() {
        squeeze = 0
        Qt.callLater(refit)
    }
    onSourceBlocksChanged: unsqueeze()
    onSoftwareBlocksChanged: unsqueeze()
    onWidthChanged: unsqueeze()
    onHeightChanged: unsqueeze()
    onPortraitChanged: unsqueeze()
    Connections {
        target: Theme
        function onTextScaleChanged() { pageRoot.unsqueeze() }
        function onUChanged() { pageRoot.unsqueeze() }
    }

    // one group's blocks: paragraphs a line apart, list items closer (as on every page)
    component Blocks: Column {
        id: group
        property var model: []
        property int size: Theme.bodySize
        property color ink: Theme.text
        property string family: Theme.serif
        property string name: ""
        Repeater {
            model: group.model
            Item {
                id: block
                required property var modelData
                required property int index
                readonly property bool closeUnder: modelData.bullet && index > 0 && group.model[index - 1].bullet
                width: group.width
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
                    objectName: group.name + "_" + block.index
                    x: block.modelData.bullet ? Theme.indent : 0
                    y: block.index === 0 ? 0 : block.closeUnder ? group.size * 0.4 : group.size * 0.7
                    width: parent.width - x
                    text: block.modelData.text
                    // safe: the backend escapes everything but <b> and <i> (kiosk.content.markup)
                    textFormat: Text.StyledText
                    Accessible.role: Accessible.StaticText
                    Accessible.name: block.modelData.plain   // the words, without markup
                    color: group.ink
                    font.family: group.family
                    font.pixelSize: group.size
                    wrapMode: Text.WordWrap
                    lineHeight: 1.25
                }
            }
        }
    }

    // a group's heading: a short accent rule, then the words
    component GroupHeading: Column {
        id: groupHeading
        property string text: ""
        property string name: ""
        spacing: Theme.spaceS
        bottomPadding: Theme.spaceM
        Rectangle { width: Theme.s(56); height: Theme.rule; color: Theme.accent }
        Text {
            objectName: groupHeading.name
            width: groupHeading.width
            textFormat: Text.PlainText  // never HTML: text from a file is text
            text: groupHeading.text
            Accessible.role: Accessible.Heading
            Accessible.name: text
            color: Theme.accent
            font.family: Theme.sans
            font.pixelSize: Theme.bodyMediumSize
            font.weight: Font.Bold
            wrapMode: Text.WordWrap
        }
    }

    Flickable {
        id: flick
        objectName: "scroll_" + pageRoot.pageId
        x: pageRoot.side
        width: pageRoot.contentWidth + Theme.scrollRoom
        height: pageRoot.footBeside ? pageRoot.height - pageRoot.bottomGap : foot.y - pageRoot.bottomGap
        contentWidth: width
        contentHeight: column.height + Theme.spaceS
        onContentHeightChanged: Qt.callLater(pageRoot.refit)
        flickableDirection: Flickable.VerticalFlick
        boundsBehavior: Flickable.StopAtBounds
        interactive: contentHeight > height
        clip: true
        ScrollIndicator.vertical: ScrollIndicator { }

        // a new visitor starts at the top of every page
        readonly property string resetName: "scroll:" + pageRoot.pageId
        Component.onCompleted: Session.register(resetName, () => { flick.cancelFlick(); flick.contentY = 0 })
        Component.onDestruction: Session.unregister(resetName)

        Column {
            id: column
            width: pageRoot.contentWidth
            topPadding: Theme.pageTop
            spacing: Theme.space2xl

            PageHeading {
                pageId: pageRoot.pageId
                label: pageRoot.label
                title: pageRoot.title
                width: column.width
                titleSize: Theme.titleSmallSize   // a quieter page than a chapter
                titleLineHeight: 1.0
            }

            // side by side, a rule between them (tall screen: one under the other)
            Item {
                width: column.width
                height: softwareGroup.visible ? Math.max(sources.height, softwareGroup.y + softwareGroup.height)
                                              : sources.height

                Column {
                    id: sources
                    objectName: "creditsSources"
                    width: pageRoot.sourcesWidth
                    GroupHeading {
                        name: "creditsSourcesHeading"
                        width: parent.width
                        text: I18n.t(Exhibit.ui.credits_sources)
                    }
                    Blocks {
                        name: "creditsSource"
                        width: parent.width
                        model: pageRoot.sourceBlocks
                        size: pageRoot.sourceSizes[pageRoot.squeeze]
                    }
                }

                // the two groups apart: a rule between them
                Rectangle {
                    visible: pageRoot.hasSoftware && !pageRoot.portrait
                    x: sources.width + Theme.columnGap / 2
                    width: Theme.hairline
                    height: Math.max(sources.height, softwareGroup.height)
                    color: Theme.line
                }

                Column {
                    id: softwareGroup
                    objectName: "creditsSoftware"
                    visible: pageRoot.hasSoftware
                    x: pageRoot.portrait ? 0 : sources.width + Theme.columnGap + Theme.hairline  // (past the rule)
                    y: pageRoot.portrait ? sources.height + Theme.space3xl : 0
                    width: pageRoot.softwareWidth - (pageRoot.portrait ? 0 : Theme.hairline)
                    bottomPadding: pageRoot.footBeside ? foot.height + pageRoot.bottomGap : 0  // clear of the buttons
                    GroupHeading {
                        name: "creditsSoftwareHeading"
                        width: parent.width
                        text: I18n.t(Exhibit.ui.credits_software)
                    }
                    Blocks {
                        name: "creditsSoftwareText"
                        width: parent.width
                        model: pageRoot.softwareBlocks
                        size: Theme.smallSize
                        ink: Theme.muted
                        family: Theme.sans
                    }
                }
            }
        }
    }

    // more text below (large text): a soft fade says "scroll"
    Rectangle {
        objectName: "scrollFade_" + pageRoot.pageId
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

    // low on the page, where hands are: large text and high contrast
    DisplayButtons {
        id: foot
        x: pageRoot.footBeside ? pageRoot.softwareX : pageRoot.side
        y: pageRoot.height - height - pageRoot.bottomGap
    }
}
