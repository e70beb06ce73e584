pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// A page's picture full screen, over everything but the idle warning and the staff panel
// (Main.qml has one; PagePicture opens it): a black ground, the picture as large as the
// screen allows; two fingers or a double tap zoom (up to twice the file's pixels), one
// finger pans (with inertia); its "look closer" spots; the caption along the bottom and a
// big Close button low on the right. The idle reset closes it. Built only while open.
Item {
    id: viewer
    objectName: "pictureViewer"

    property var image: null   // the picture as Exhibit presents it (null: closed)
    property int openSpot: -1  // the spot whose text is open
    readonly property bool opened: image !== null
    visible: opened

    function open(picture, spot) {
        image = picture
        openSpot = spot ?? -1
    }
    function close() {
        openSpot = -1
        image = null
    }

    // the next visitor finds it closed (registered only while it is open)
    onOpenedChanged: {
        if (opened)
            Session.register("pictureViewer", () => viewer.close())
        else
            Session.unregister("pictureViewer")
    }
    Component.onDestruction: if (opened) Session.unregister("pictureViewer")
    // audio mode: a spot's name, then its text
    onOpenSpotChanged: {
        if (openSpot >= 0 && opened && Speech.active) {
            const spot = image.spots[openSpot]
            Speech.say(I18n.t(spot.title) + ".\n" + I18n.t(spot.plainText), Language.code)
        }
    }

    // nothing under it takes a touch
    MouseArea {
        anchors.fill: parent
        enabled: viewer.opened
    }
    Rectangle {
        anchors.fill: parent
        color: Theme.pictureGround
    }

    Loader {
        anchors.fill: parent
        active: viewer.opened
        sourceComponent: Item {
            id: sheet

            readonly property var image: viewer.image
            readonly property real aspect: image.width / image.height
            readonly property real fitWidth: Math.min(stage.width, stage.height * aspect)
            readonly property real zoom: fitWidth > 0 ? flick.contentWidth / fitWidth : 1
            // up to twice the file's own pixels (at least twice the screen's fit)
            readonly property real maxZoom: Math.max(2, Math.min(8, 2 * image.width / Math.max(1, fitWidth)))
            readonly property real k: flick.contentWidth / image.width   // screen px per picture px

            function heightFor(w) { return w / aspect }
            // The one way the picture's size changes: to z times the fit (clamped), the point
            // `at` (content coordinates) staying where it is on the screen.
            function resize(z, at) {
                const zz = Math.max(1, Math.min(maxZoom, z))
                flick.resizeContent(fitWidth * zz, heightFor(fitWidth * zz), at)
            }
            // a tap on a spot (its marker or name) is not a tap on the picture: both
            // handlers see it, so the picture's asks where it was
            function overSpot(from: Item, x: real, y: real): bool {
                const m = Theme.spaceS   // (a name's TapHandler reaches this far past it)
                for (let i = 0; i < spotRepeater.count; ++i) {
                    const wrapper = spotRepeater.itemAt(i)
                    const spot = wrapper && wrapper.children.length > 0 ? wrapper.children[0] : null
                    if (!spot)
                        continue
                    const p = spot.mapFromItem(from, x, y)
                    const r = spot.childrenRect
                    if (spot.contains(p) || (p.x >= r.x - m && p.x <= r.x + r.width + m
                                             && p.y >= r.y - m && p.y <= r.y + r.height + m))
                        return true
                }
                return false
            }
            // zoom to z (clamped) keeping the point p (in view coordinates) where it is
            function zoomTo(z, p) {
                resize(z, Qt.point(p.x + flick.contentX, p.y + flick.contentY))
                flick.returnToBounds()
            }

            // the picture's area: the screen above the caption and Close
            Item {
                id: stage
                objectName: "pictureStage"
                width: parent.width
                height: parent.height - foot.height
                clip: true

                // two fingers: zoom about their centre (a handler, so it can take the touch
                // from the Flickable, which pans with one finger and keeps its inertia)
                PinchHandler {
                    target: null
                    property real startWidth
                    onActiveChanged: {
                        if (active)
                            startWidth = flick.contentWidth
                        else
                            flick.returnToBounds()
                    }
                    onActiveScaleChanged: {
                        const c = centroid.position
                        sheet.resize(startWidth * activeScale / sheet.fitWidth,
                                     Qt.point(c.x + flick.contentX, c.y + flick.contentY))
                    }
                }

                Flickable {
                    id: flick
                    objectName: "pictureFlick"
                    anchors.fill: parent
                    contentWidth: sheet.fitWidth
                    contentHeight: sheet.heightFor(sheet.fitWidth)
                    // keep the picture centred while it is smaller than the screen
                    leftMargin: Math.max(0, (width - contentWidth) / 2)
                    rightMargin: leftMargin
                    topMargin: Math.max(0, (height - contentHeight) / 2)
                    bottomMargin: topMargin
                    boundsBehavior: Flickable.StopAtBounds
                    maximumFlickVelocity: 4000

                    Item {
                        width: Math.max(flick.contentWidth, flick.width)
                        height: Math.max(flick.contentHeight, flick.height)

                        Item {
                            id: canvas
                            width: flick.contentWidth
                            height: flick.contentHeight

                            Image {
                                objectName: "pictureViewerImage"
                                anchors.fill: parent
                                source: sheet.image.url
                                // decoded larger than on the page: up to twice the screen, never
                                // more than the file
                                sourceSize.width: Math.ceil(sheet.image.width
                                                            * Math.min(1, 2 * viewer.width / sheet.image.width,
                                                                       2 * viewer.height / sheet.image.height))
                                asynchronous: true
                                smooth: true
                                mipmap: true
                            }

                            // a tap closes a spot's text; a double tap zooms in there (out again
                            // from the closest)
                            MouseArea {
                                anchors.fill: parent
                                onClicked: (m) => { if (!sheet.overSpot(canvas, m.x, m.y)) viewer.openSpot = -1 }
                                onDoubleClicked: (m) => sheet.zoomTo(sheet.zoom >= sheet.maxZoom * 0.99 ? 1 : sheet.zoom * 2,
                                                                     Qt.point(m.x - flick.contentX, m.y - flick.contentY))
                            }

                            Repeater {
                                id: spotRepeater
                                model: sheet.image.spots
                                Item {
                                    id: spotItem
                                    required property var modelData
                                    required property int index
                                    MapHotspot {
                                        objectName: "viewerSpot_" + spotId
                                        spotId: spotItem.modelData.spotId
                                        title: spotItem.modelData.title
                                        labelLeft: spotItem.modelData.labelLeft
                                        px: spotItem.modelData.x * sheet.image.width
                                        py: spotItem.modelData.y * sheet.image.height
                                        index: spotItem.index
                                        k: sheet.k
                                        open: viewer.openSpot === spotItem.index
                                        onTapped: {
                                            if (viewer.openSpot !== spotItem.index)
                                                Analytics.note("control", "picture_spot")
                                            viewer.openSpot = viewer.openSpot === spotItem.index ? -1 : spotItem.index
                                        }
                                    }
                                }
                            }
                        }
                    }
                }

                // the open spot's text, beside it
                PictureSpotPopup {
                    id: popup
                    objectName: "viewerSpotPopup"
                    visible: viewer.openSpot >= 0
                    spot: visible ? sheet.image.spots[viewer.openSpot] : ({})
                    at: visible ? Qt.point(popup.spot.x * flick.contentWidth - flick.contentX,
                                           popup.spot.y * flick.contentHeight - flick.contentY)
                                : Qt.point(0, 0)
                    bounds: Qt.rect(0, 0, stage.width, stage.height)
                    onDismissed: viewer.openSpot = -1
                }
            }

            // along the bottom: the caption and credit, and Close
            Item {
                id: foot
                objectName: "pictureViewerFoot"
                anchors.bottom: parent.bottom
                width: parent.width
                height: Math.max(words.implicitHeight, close.height) + 2 * Theme.space2xl

                Column {
                    id: words
                    x: Theme.margin
                    anchors.verticalCenter: parent.verticalCenter
                    width: close.x - x - Theme.columnGap
                    spacing: Theme.spaceXs
                    Text {
                        textFormat: Text.PlainText  // never HTML: text from a file is text
                        objectName: "pictureViewerCaption"
                        width: parent.width
                        text: I18n.t(sheet.image.caption)
                        visible: text.length > 0
                        color: Theme.text
                        font.family: Theme.sans
                        font.pixelSize: Theme.smallSize
                        wrapMode: Text.WordWrap
                        lineHeight: 1.2
                    }
                    Text {
                        textFormat: Text.PlainText  // never HTML: text from a file is text
                        width: parent.width
                        text: I18n.t(sheet.image.credit)
                        visible: text.length > 0
                        color: Theme.muted
                        font.family: Theme.sans
                        font.pixelSize: Theme.tinySize
                        wrapMode: Text.WordWrap
                    }
                }

                NavButton {
                    id: close
                    objectName: "pictureClose"
                    anchors.right: parent.right
                    anchors.rightMargin: Theme.space4xl
                    anchors.bottom: parent.bottom
                    anchors.bottomMargin: Theme.space2xl
                    text: I18n.t(Exhibit.ui.picture_close)
                    solid: true
                    onClicked: viewer.close()
                }
            }
        }
    }
}
