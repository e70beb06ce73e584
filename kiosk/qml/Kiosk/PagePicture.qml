pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// A page's picture in the area it is given (set its x, y, width, height), laid out by its
// shape: a portrait stands full height with its caption beside it, a landscape fills the
// width with its caption under it, a panorama is a wide band (its ends cropped, at most
// half of it) with its caption under it. In an area wide enough for the whole picture at
// full height and its caption beside it (a tall screen's page), it stands so, whatever its
// shape: larger than over its caption. Where the picture is cropped to fill its frame
// (a little: at most a fifth of it; else it is shown whole, smaller), its `focus` point
// stays in view. Its "look closer" spots are markers on it (a tap opens the spot's text);
// a tap anywhere else shows the picture full screen (PictureViewer, in Main.qml).
Item {
    id: picture
    objectName: "pagePicture"

    // the picture as Exhibit presents it: {url, width, height, caption, credit, focus, spots}
    property var image: null
    property int openSpot: -1   // the spot whose text is open (-1: none)
    // the caption's distance from the area's outer edge (a picture that runs to the
    // window's edge wants its caption inset)
    property real captionInset: 0

    readonly property bool hasImage: !!image && image.width > 0 && image.height > 0
    readonly property real aspect: hasImage ? image.width / image.height : 1
    // the shape decides the layout
    readonly property real portraitBelow: 0.9    // narrower than this: a portrait
    readonly property real panoramaAbove: 2.2    // wider than this: a panorama
    readonly property string shape: aspect < portraitBelow ? "portrait"
                                                           : (aspect > panoramaAbove ? "panorama" : "landscape")
    readonly property real maxCrop: 0.2           // of a picture's width or height, to fill its frame
    readonly property real panoramaMaxCrop: 0.5   // of a panorama's width, for a taller band
    readonly property real panoramaBand: 0.45     // a panorama's band: this share of the height, if it can
    readonly property real gap: Theme.spaceL      // the picture and its caption

    readonly property bool hasCaption: caption.text.length > 0 || credit.text.length > 0
    // a portrait's caption stands beside it when that leaves the picture most of the width;
    // any picture's does when the whole picture at full height leaves it room (room for its
    // words in large text too)
    readonly property bool beside: hasCaption && width - gap - Theme.captionMinWidth >= width * 0.45
                                   && (shape === "portrait"
                                       || height * aspect <= width - gap - Theme.captionMinWidth * Theme.textScale)

    // the frame the picture fills, in this item's coordinates
    readonly property rect frame: {
        const W = width, H = height, a = aspect
        if (!hasImage || W <= 0 || H <= 0)
            return Qt.rect(0, 0, 0, 0)
        if (beside || (shape === "portrait" && !hasCaption)) {
            const maxW = hasCaption ? W - gap - Theme.captionMinWidth : W
            const w0 = H * a
            if (w0 <= maxW)
                return Qt.rect(0, 0, w0, H)             // full height
            if (1 - maxW / w0 <= maxCrop)
                return Qt.rect(0, 0, maxW, H)           // full height, its sides cropped a little
            return Qt.rect(0, 0, maxW, maxW / a)        // whole, narrower
        }
        const room = H - (hasCaption ? captionBlock.implicitHeight + gap : 0)
        const h0 = W / a
        if (shape === "panorama" && h0 <= room) {
            // a band: taller than the whole panorama would be (its ends cropped), never over half cropped
            const band = Math.min(room, Math.max(h0, Math.min(H * panoramaBand, h0 / (1 - panoramaMaxCrop))))
            return Qt.rect(0, 0, W, band)
        }
        if (h0 <= room)
            return Qt.rect(0, 0, W, h0)                 // full width
        if (1 - room / h0 <= maxCrop)
            return Qt.rect(0, 0, W, room)               // full width, top and bottom cropped a little
        return Qt.rect(0, 0, room * a, room)            // whole, smaller
    }
    // the picture drawn to cover the frame, its focus as near the middle as the edges allow
    readonly property real cover: hasImage ? Math.max(frame.width / image.width, frame.height / image.height) : 1
    readonly property real paintedWidth: hasImage ? image.width * cover : 0
    readonly property real paintedHeight: hasImage ? image.height * cover : 0
    readonly property point focusPoint: hasImage && image.focus ? Qt.point(image.focus.x, image.focus.y)
                                                               : Qt.point(0.5, 0.5)
    readonly property real imageX: Math.min(0, Math.max(frame.width - paintedWidth,
                                                        frame.width / 2 - focusPoint.x * paintedWidth))
    readonly property real imageY: Math.min(0, Math.max(frame.height - paintedHeight,
                                                        frame.height / 2 - focusPoint.y * paintedHeight))

    function spotTapped(row) {
        if (openSpot !== row)
            Analytics.note("control", "picture_spot")
        openSpot = openSpot === row ? -1 : row
    }
    // a tap on a spot (its marker or name) is not a tap on the picture: both handlers see
    // it, so the picture's asks where it was ((x, y) in `from`'s coordinates)
    function overSpot(from: Item, x: real, y: real): bool {
        const m = Theme.spaceS   // (a name's TapHandler reaches this far past it)
        for (let i = 0; i < spotRepeater.count; ++i) {
            const wrapper = spotRepeater.itemAt(i)
            const spot = wrapper && wrapper.children.length > 0 ? wrapper.children[0] : null
            if (!spot || !spot.visible)
                continue
            const p = spot.mapFromItem(from, x, y)
            const r = spot.childrenRect
            if (spot.contains(p) || (p.x >= r.x - m && p.x <= r.x + r.width + m
                                     && p.y >= r.y - m && p.y <= r.y + r.height + m))
                return true
        }
        return false
    }
    // the full-screen viewer (Main.qml has one, over everything)
    function viewer(): PictureViewer {
        const root = picture.Window.contentItem
        for (let i = 0; root && i < root.children.length; ++i) {
            const loader = root.children[i] as Loader
            if (loader && loader.objectName === "pictureViewerLoader")
                return loader.item as PictureViewer
        }
        return null
    }
    function enlarge() {
        const v = viewer()
        if (v && hasImage) {
            Analytics.note("control", "picture")
            const spot = openSpot
            openSpot = -1
            v.open(image, spot)
        }
    }

    // an open spot is closed for the next visitor (registered only while one is open)
    property string resetName: ""
    onOpenSpotChanged: {
        if (openSpot >= 0 && hasImage) {
            if (!resetName) {
                resetName = "pictureSpot:" + image.url
                Session.register(resetName, () => { picture.openSpot = -1 })
            }
            const spot = image.spots[openSpot]
            if (Speech.active)   // audio mode: the spot's name, then its text
                Speech.say(I18n.t(spot.title) + ".\n" + I18n.t(spot.plainText), Language.code)
        } else if (resetName) {
            Session.unregister(resetName)
            resetName = ""
        }
    }
    onImageChanged: openSpot = -1
    Component.onDestruction: if (resetName) Session.unregister(resetName)

    Item {
        id: frameItem
        objectName: "pictureFrame"
        x: picture.frame.x
        y: picture.frame.y
        width: picture.frame.width
        height: picture.frame.height
        clip: true

        Image {
            id: shown
            objectName: "pagePictureImage"
            x: picture.imageX
            y: picture.imageY
            width: picture.paintedWidth
            height: picture.paintedHeight
            // decode at the size shown (never larger than the file): sharp, and no wasted
            // memory; not before the layout knows that size (0 would mean "full size")
            source: picture.hasImage && width > 0 ? picture.image.url : ""
            sourceSize.width: picture.hasImage ? Math.max(1, Math.min(picture.image.width, Math.ceil(width))) : 1
            asynchronous: true
            smooth: true
        }

        // the whole picture is the control that shows it full screen
        MouseArea {
            objectName: "pictureEnlarge"
            anchors.fill: parent
            onClicked: (m) => { if (!picture.overSpot(frameItem, m.x, m.y)) picture.enlarge() }
            Accessible.role: Accessible.Button
            Accessible.name: I18n.t(Exhibit.ui.picture_open)
            Accessible.description: caption.text
            Accessible.onPressAction: picture.enlarge()
        }

        // the "enlarge" mark, in the corner: two arrows apart
        Rectangle {
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.margins: Theme.spaceS
            width: Theme.pictureBadge
            height: width
            radius: Theme.radiusS
            color: Qt.rgba(0, 0, 0, 0.55)
            border.color: Qt.rgba(1, 1, 1, 0.35)
            border.width: Theme.hairline
            Canvas {
                anchors.fill: parent
                anchors.margins: parent.width * 0.24
                property color ink: "white"
                onPaint: {
                    const c = getContext("2d"), w = width, h = height, t = w * 0.34
                    c.reset()
                    c.strokeStyle = ink
                    c.lineWidth = Math.max(2, w * 0.12)
                    c.lineCap = "round"
                    c.lineJoin = "round"
                    c.beginPath()
                    c.moveTo(0, t); c.lineTo(0, 0); c.lineTo(t, 0); c.moveTo(0, 0); c.lineTo(w * 0.4, h * 0.4)
                    c.moveTo(w, h - t); c.lineTo(w, h); c.lineTo(w - t, h); c.moveTo(w, h); c.lineTo(w * 0.6, h * 0.6)
                    c.stroke()
                }
            }
        }
    }

    // the spots, over the picture (not clipped: a name may reach past its edge)
    Item {
        id: spotLayer
        x: frameItem.x + shown.x
        y: frameItem.y + shown.y
        width: shown.width
        height: shown.height
        Repeater {
            id: spotRepeater
            model: picture.hasImage ? picture.image.spots : []
            Item {
                id: spotItem
                required property var modelData
                required property int index
                // as wide as its name reaches (a caption beside the picture starts after it)
                implicitWidth: hotspot.visible ? hotspot.x + hotspot.width / 2 + hotspot.reachRight : 0
                MapHotspot {
                    id: hotspot
                    objectName: "pictureSpot_" + spotId
                    spotId: spotItem.modelData.spotId
                    title: spotItem.modelData.title
                    labelLeft: spotItem.modelData.labelLeft
                    px: spotItem.modelData.x * picture.image.width
                    py: spotItem.modelData.y * picture.image.height
                    index: spotItem.index
                    k: picture.cover
                    open: picture.openSpot === spotItem.index
                    // cropped away: not there
                    visible: px * k + shown.x >= 0 && px * k + shown.x <= frameItem.width
                             && py * k + shown.y >= 0 && py * k + shown.y <= frameItem.height
                    onTapped: picture.spotTapped(spotItem.index)
                }
            }
        }
    }

    // how far right the spots' names reach past the picture (a caption beside it starts
    // after them): each spot is as wide as its name reaches
    readonly property real spotsRight: Math.max(frame.x + frame.width,
                                                spotLayer.x + spotLayer.childrenRect.x + spotLayer.childrenRect.width)

    Column {
        id: captionBlock
        objectName: "pictureCaption"
        x: picture.beside ? picture.spotsRight + picture.gap
                          : picture.frame.x + picture.captionInset
        y: picture.beside ? Math.max(0, picture.frame.height - height) : picture.frame.height + picture.gap
        width: picture.beside ? picture.width - x - picture.captionInset
                              : Math.min(picture.width - picture.captionInset, Theme.captionMeasure)
        spacing: Theme.spaceXs
        visible: picture.hasCaption

        Text {
            textFormat: Text.PlainText  // never HTML: text from a file is text
            id: caption
            objectName: "pictureCaptionText"
            width: parent.width
            text: picture.hasImage ? I18n.t(picture.image.caption) : ""
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
            objectName: "pictureCreditText"
            width: parent.width
            text: picture.hasImage ? I18n.t(picture.image.credit) : ""
            visible: text.length > 0
            color: Theme.muted
            font.family: Theme.sans
            font.pixelSize: Theme.tinySize
            wrapMode: Text.WordWrap
        }
    }

    // the open spot's text, beside it
    PictureSpotPopup {
        id: spotPopup
        visible: picture.openSpot >= 0 && picture.hasImage
        spot: visible ? picture.image.spots[picture.openSpot] : ({})
        at: visible ? Qt.point(spotLayer.x + spotPopup.spot.x * picture.paintedWidth,
                               spotLayer.y + spotPopup.spot.y * picture.paintedHeight)
                    : Qt.point(0, 0)
        bounds: Qt.rect(0, 0, picture.width, picture.height)
        onDismissed: picture.openSpot = -1
    }
}
