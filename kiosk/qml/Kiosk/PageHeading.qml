import QtQuick
import Kiosk

// A page's heading: its name as a small uppercase label above its serif title.
Column {
    id: heading

    // the page's id (the title is found as title_<pageId>), name and title ({language: text})
    property string pageId
    property var label: ({})
    property var title: ({})
    property int titleSize: Theme.titleSize
    property real titleLineHeight: 1

    spacing: Theme.spaceXl

    Text {
        // the page's name as a small heading above the title
        textFormat: Text.PlainText  // never HTML: text from a file is text
        text: I18n.t(heading.label).toUpperCase()
        color: Theme.accent
        font.family: Theme.sans
        font.pixelSize: Theme.smallSize
        font.weight: Font.Bold
        font.letterSpacing: Theme.tracking
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
        font.pixelSize: heading.titleSize
        font.weight: Font.Bold
        // at word boundaries; in large text a word longer than the column (a long Russian
        // word) breaks rather than being cut (at normal size the proof reports such a word)
        wrapMode: Theme.textScale > 1 ? Text.Wrap : Text.WordWrap
        lineHeight: heading.titleLineHeight
    }
}
