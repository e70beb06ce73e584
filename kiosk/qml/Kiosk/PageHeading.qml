pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// A page's heading: its name as a small uppercase label above its serif title.
Column {
    id: heading

    // the page's id (the title is found as title_<pageId>), name and title ({language: text})
    property string pageId
    property var label: ({})
    property var title: ({})
    property int titleSize: Theme.titleSize
    property real titleLineHeight: 1
    // at most this many lines: a longer title (a long Russian one) is set smaller (0: no limit)
    property int maxTitleLines: 0
    property int chapter: 0     // a chapter's place in the story: 1, 2, ... of `chapters`
    property int chapters: 0

    // the title's size: smaller when at full size it would run past maxTitleLines (measured
    // on one line, with room for the words' ragged ends; never under 70 %; large text as is)
    TextMetrics {
        id: titleMetrics
        text: I18n.t(heading.title)
        font.family: Theme.serif
        font.pixelSize: heading.titleSize
        font.weight: Font.Bold
    }
    readonly property int fittedSize: {
        if (maxTitleLines <= 0 || Theme.textScale > 1 || width <= 0)
            return titleSize
        const room = maxTitleLines * width * (maxTitleLines > 1 ? 0.85 : 1)
        const scale = Math.min(1, room / Math.max(1, titleMetrics.advanceWidth))
        return Math.max(Math.round(titleSize * 0.7), Math.floor(titleSize * scale))
    }

    spacing: Theme.spaceXl

    Row {
        spacing: Theme.spaceL
        Text {
            // the page's name as a small heading above the title
            textFormat: Text.PlainText  // never HTML: text from a file is text
            anchors.verticalCenter: parent.verticalCenter
            text: I18n.t(heading.label).toUpperCase()
            color: Theme.accent
            font.family: Theme.sans
            font.pixelSize: Theme.smallSize
            font.weight: Font.Bold
            font.letterSpacing: Theme.tracking
        }
        // where a chapter stands in the story: a segment per chapter, and "2 of 4"
        Row {
            objectName: "progress_" + heading.pageId
            visible: heading.chapters > 1
            anchors.verticalCenter: parent.verticalCenter
            spacing: Theme.space3xs
            Repeater {
                model: heading.chapters
                Rectangle {
                    id: segment
                    required property int index
                    anchors.verticalCenter: parent.verticalCenter
                    width: Theme.s(30)
                    height: Theme.s(6)
                    radius: height / 2
                    color: segment.index < heading.chapter ? Theme.accent : Theme.line
                }
            }
            Text {
                textFormat: Text.PlainText
                leftPadding: Theme.spaceXs
                anchors.verticalCenter: parent.verticalCenter
                text: I18n.t(Exhibit.ui.chapter_of).replace("{n}", heading.chapter)
                                                   .replace("{total}", heading.chapters)
                color: Theme.muted
                font.family: Theme.sans
                font.pixelSize: Theme.smallSize
            }
        }
    }
    Text {
        textFormat: Text.PlainText  // never HTML: text from a file is text
        objectName: "title_" + heading.pageId
        width: heading.width
        text: I18n.t(heading.title)
        Accessible.role: Accessible.Heading
        Accessible.name: text
        color: Theme.text
        font.family: Theme.serif
        font.pixelSize: heading.fittedSize
        font.weight: Font.Bold
        // at word boundaries; in large text a word longer than the column (a long Russian
        // word) breaks rather than being cut (at normal size the proof reports such a word)
        wrapMode: Theme.textScale > 1 ? Text.Wrap : Text.WordWrap
        lineHeight: heading.titleLineHeight
    }
}
