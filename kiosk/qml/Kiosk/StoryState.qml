import QtQuick

// What the story's chapters share (ExhibitView has one): where the story's map was last
// shown, {layer, x, y, zoom}, so the next chapter's map starts there and moves on
// (ChapterMap); null at the start of a visit (the whole map).
Item {
    property var mapState: null
    visible: false
}
