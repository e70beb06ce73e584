pragma Singleton
import QtQuick
import Kiosk.Backend

// Colours, type and sizes. Sizes scale with the window (designed at 1920x1080) and never
// let a touch target fall below 15 mm on the glass. Components take every size from here:
// the type scale, the spacing scale and the named layout sizes below (in design pixels).
QtObject {
    // set by Main.qml from the window and the configured screen size
    property real u: 1          // one design pixel at 1920x1080 (or 1080x1920)
    property bool portrait: false   // a tall screen: the pages stack their parts (set by Main.qml)
    property real mm: 2.71      // screen pixels per millimetre

    function s(px) { return Math.round(px * u) }

    // -- the visitor's display choices (the "Aa" and contrast buttons; the idle reset) -------
    property real textScale: 1          // 1, or largeText: reading text (not button labels) grows
    property bool highContrast: false   // white and yellow on black: text >= 7:1, lines >= 3:1
    readonly property real largeText: 1.4
    function toggleTextSize() { textScale = textScale > 1 ? 1 : largeText }
    function toggleContrast() { highContrast = !highContrast }
    function resetDisplay() { textScale = 1; highContrast = false }
    // a size of reading text: grows with the text scale
    function r(px) { return Math.round(px * u * textScale) }

    readonly property real minTarget: 15 * mm
    property real buttonMm: 0   // set by Main.qml from the content: 0 is the design size
    readonly property real targetSize: buttonMm > 0 ? buttonMm * mm : Math.max(s(104), 17 * mm)

    readonly property color background: highContrast ? "#000000" : "#14181d"
    readonly property color surface: highContrast ? "#000000" : "#1c2228"
    readonly property color line: highContrast ? "#ffffff" : "#343c45"
    readonly property color text: highContrast ? "#ffffff" : "#ece4d4"
    readonly property color muted: highContrast ? "#ffffff" : "#a99f8e"
    readonly property color accent: highContrast ? "#ffd75e" : "#c8a25a"
    readonly property color accentText: highContrast ? "#000000" : "#16130d"
    // staff only: the preview's banner about a broken content file
    readonly property color alert: "#5c1a1a"
    readonly property color alertText: "white"
    readonly property color alertDetail: "#ffe3e3"
    // the closed screen (outside the opening hours): dim, yet its words >= 4.5:1 at rest
    readonly property color closedBackground: "#050607"
    readonly property color closedText: "#b5ad9e"    // 9:1 on it (touched: the text colour)
    readonly property color closedMuted: "#968e80"   // 6:1 (touched: closedText)

    // Chinese text is set in the Chinese cuts of the same typefaces (their Latin matches);
    // other languages in Noto, which falls back to those for the odd Chinese character.
    readonly property string serif: textScale > 1 ? sans : serifFor(Language.code)  // large: sans
    readonly property string sans: sansFor(Language.code)
    function serifFor(code) { return code.startsWith("zh") ? "Noto Serif CJK SC" : "Noto Serif" }
    function sansFor(code) { return code.startsWith("zh") ? "Noto Sans CJK SC" : "Noto Sans" }

    // -- type scale (pixel sizes), largest first; design pixels at 1920x1080 in comments ----
    // The steps between the five base sizes keep the ratio they were designed with, so they
    // round from the base size at every window size exactly as they always have.
    readonly property int titleLargeSize: Math.round(titleSize * 1.12)  // 67: a page's title alone in its column
    readonly property int titleSize: r(60)                          // a page's title; the idle question; "closed"
    readonly property int chapterTitleSize: Math.round(titleSize * 0.88)  // 53: a chapter's title, over its text
    readonly property int titleSmallSize: Math.round(titleSize * 0.75)  // 45: the map page's title
    readonly property int pinSize: Math.round(labelSize * 1.4)      // 38: the dots of a PIN being typed
    readonly property int headingSize: Math.round(titleSize * 0.6)  // 36: the staff panel's title
    readonly property int leadSize: Math.round(labelSize * 1.2 * textScale)    // 32: the attract prompt; the idle hint
    readonly property int leadTextSize: r(35)                       // a page's first sentence (the lead)
    readonly property int figureSize: r(68)                         // a page's key figure
    readonly property int bodySize: r(31)                           // a page's text
    readonly property int labelLargeSize: Math.round(labelSize * 1.1 * textScale) // 30: the idle warning's buttons
    readonly property int countdownSize: Math.round(titleSize * 1.1)  // 66: the seconds in the idle ring
    readonly property int closedTitleSize: s(46)    // "The exhibit is closed", one line per language
    readonly property int closedLineSize: s(30)     // when it opens again, under each
    readonly property int bodyMediumSize: Math.round(bodySize * 0.9)    // 28: the map layer's title
    readonly property int labelSize: s(27)                          // buttons; short lines
    readonly property int bodySmallSize: Math.round(bodySize * 0.85)    // 26: a place's text in the map popup
    readonly property int alertTitleSize: s(24)                     // the staff banner's sentence
    readonly property int smallSize: r(22)                          // labels, captions, legend, place names
    readonly property int alertSize: s(20)                          // the staff banner's error lines
    readonly property int tinySize: Math.round(smallSize * 0.85)    // 19: picture credits
    // 19: the least a button label shrinks to, and never so small that a capital letter is
    // under 4.8 mm on the glass (Section 508 402.4; Noto Sans' capitals are 0.714 em)
    readonly property int labelMinSize: Math.max(Math.round(labelSize * 0.7), Math.ceil(4.8 * mm / 0.714))
    readonly property int tracking: s(3)                            // letter spacing of the small capital labels

    // -- spacing scale: gaps between neighbours and padding, smallest first ------------------
    readonly property int space3xs: s(6)      // lines of one notice
    readonly property int space2xs: s(8)      // lines of a list
    readonly property int spaceXs: s(10)      // a card's title and its text
    readonly property int spaceS: s(12)       // buttons side by side
    readonly property int spaceM: s(14)       // an icon or swatch and its words; a timeline's buttons
    readonly property int spaceL: s(18)       // the parts of a column
    readonly property int spaceXl: s(22)      // a small label and its title; the bar's padding
    readonly property int space2xl: s(28)     // controls from the bottom edge; the attract text's parts
    readonly property int space3xl: s(36)     // the idle card's parts
    readonly property int space4xl: s(40)     // corner controls from the edges; the bar's ends
    readonly property int padNarrow: s(20)    // each side of a language button's name
    readonly property int padCard: s(30)      // inside the map popup
    readonly property int padButton: s(32)    // each side of a button's label; the staff banner's sides
    readonly property int padPanel: s(48)     // each side of the staff panel
    readonly property int padDialog: s(60)    // above and below the idle card; each side of the prompt
    readonly property int padDialogSide: s(70) // each side of the idle card
    readonly property int scrollRoom: s(24)   // beside a scrolling text, for its scroll indicator

    // -- layout (a few are parts of the margin or the type, as they were designed) ------------
    readonly property int margin: s(88)           // a page's sides
    // a chapter's map or picture: its share of the page's width, at the left (on a tall
    // screen: of its height, on top)
    readonly property real visualShare: 0.35
    // how much of the next page shows at the right edge (none on a tall screen: there a
    // page's picture runs across the whole width, and the next one's would be a stray sliver)
    readonly property int peek: portrait ? 0 : s(44)
    readonly property int portraitSide: s(48)     // a page's sides on a tall screen
    readonly property int pageTop: s(84)          // a page's heading from the top
    readonly property int chapterTop: s(32)       // a chapter's heading from the top
    readonly property int columnGap: s(96)        // between a page's columns
    readonly property real pictureGap: columnGap * 0.6    // a page's text and its picture
    readonly property real pictureInset: margin * 0.75    // a picture from the page's right edge
    readonly property real attractInset: margin * 1.3     // the attract text from the left edge
    // the attract screen: its words stand on a dark band at the left, the map beside it
    readonly property real attractBand: 0.44      // the band's share of the screen's width
    readonly property int attractBandFade: s(140) // the band's soft right edge
    readonly property int attractTop: s(72)       // the attract text from the top edge
    readonly property int attractTitleSize: s(64)     // the exhibit's title (display type: "Aa" leaves it)
    readonly property int attractTitleOtherSize: s(40) // the title in the other languages
    readonly property int attractYearSize: s(132)     // the year the map shows
    readonly property int attractCaptionSize: r(30)   // what that year brought; the subtitle
    readonly property real panelInset: margin * 0.6       // the map panel's text from its left edge
    readonly property real mapShareTall: 0.6      // on a tall screen, the map page's map: its share of the height
    readonly property int panelTop: s(70)         // the map panel's text from the top
    readonly property int fadeHeight: s(110)      // the fade that says "more text below"
    readonly property real headingLine: smallSize * 1.36  // one line of the small label above a title
    readonly property real listGap: bodySize * 0.45       // between the items of a list (paragraphs: a line)
    readonly property int indent: s(34)           // a list item's text from its bullet
    // widths
    readonly property int textMeasure: s(1080)    // a page's text beside its heading
    readonly property int columnMeasure: s(860)   // a page's text beside its picture
    readonly property int cardMeasure: s(1100)    // the idle card; the staff diagnostics
    readonly property int popupMeasure: s(820)    // the map popup
    readonly property int panelMinWidth: s(440)   // the map panel
    // a page's picture (PagePicture) and the picture full screen (PictureViewer)
    readonly property int captionMinWidth: s(300)    // a portrait's caption beside it, at least
    readonly property int captionMeasure: s(900)     // a caption under a picture, at most
    readonly property int pictureBadge: s(56)        // the "enlarge" mark in a picture's corner
    readonly property int spotPopupMeasure: s(620)   // a "look closer" spot's popup
    readonly property color pictureGround: "#000000" // behind a picture shown full screen
    // lines and corners
    readonly property int hairline: Math.max(1, s(2))   // borders
    // the keypad's focus ring: light inside dark, >= 3:1 on any background (FocusRing)
    readonly property int focusWidth: Math.max(2, s(4))
    readonly property int focusGap: Math.max(2, s(4))
    readonly property color focusOuter: "#000000"
    readonly property color focusInner: "#ffffff"
    readonly property int rule: Math.max(2, s(3))       // a marker's ring, a leader line
    readonly property int mapLine: s(5)                 // a border drawn on the map
    readonly property int radiusS: s(14)                // buttons
    readonly property int radiusM: s(18)                // the map popup, the staff panel
    readonly property int radiusL: s(24)                // the idle card
    readonly property int ringSize: s(210)              // the idle warning's countdown ring
    readonly property int ringWidth: s(12)              // its stroke
    readonly property color ringTrack: highContrast ? "#595959" : line  // the time gone: fainter than the time left
    // targets that are larger than the smallest
    readonly property real markerSize: minTarget * 1.1     // a place on the map
    // -- the map's own inks (MapCanvas and its parts; the areas' colours are the map data's) --
    readonly property color mapLand: "#d4c8aa"     // the picture's parchment: behind a legend swatch
    readonly property int mapStripe: s(14)         // a hatching's stripe and its gap, across (map and legend)
    readonly property color mapInk: highContrast ? "#000000" : "#3b2f22"     // names on land (empires, ranges)
    readonly property color mapWater: highContrast ? "#000000" : "#173f63"   // rivers' and lakes' names
    readonly property color mapHalo: highContrast ? "#ffffff" : "#efe7d6"    // their outline: >= 9:1
    readonly property color mapSeaInk: highContrast ? "#ffffff" : "#d6e5f1"  // names on the sea
    readonly property color mapSeaHalo: highContrast ? "#000000" : "#14202c" // their outline
    readonly property int mapRing: s(5)            // the ring round the chosen place (dark, then light)
    readonly property real promptHeight: targetSize * 1.1  // "touch to begin"
    readonly property real keyWidth: targetSize * 1.3      // a key of the PIN pad
}
