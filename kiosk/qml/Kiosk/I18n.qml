pragma Singleton
import QtQuick
import Kiosk.Backend

// Texts come as { language code: text } with every offered language filled in (the
// backend puts the default language's text where a translation is missing).
QtObject {
    // The text in the visitor's language; a binding that calls this follows Language.code.
    function t(text) {
        return text ? (text[Language.code] ?? "") : ""
    }

    // An area in km², in the visitor's language: rounded to the thousand ("609,000 km²"); in
    // Chinese to two significant digits, with 万 ("61万平方公里", as the texts write it:
    // kiosk.content.typography.format_area_zh, which a test keeps equal to this), never
    // broken between the number and its unit ("61万/平方公里").
    function area(km2) {
        if (!Language.code.startsWith("zh")) {
            const n = (Math.round(km2 / 1000) * 1000).toLocaleString(Qt.locale(Language.code), "f", 0)
            return t(Exhibit.ui.area).replace("{area}", n)
        }
        const text = t(Exhibit.ui.area).replace("{area}", chineseNumber(twoDigits(km2)))
        let out = text.charAt(0)
        for (let i = 1; i < text.length; ++i) {  // a word joiner next to each Chinese character
            const chinese = text.charCodeAt(i - 1) >= 0x2e80 || text.charCodeAt(i) >= 0x2e80
            out += (chinese && text[i - 1] !== " " && text[i] !== " " ? "\u2060" : "") + text[i]
        }
        return out
    }

    // x rounded half up to two significant digits (typography.round_significant)
    function twoDigits(x) {
        if (x < 1)
            return 0
        const step = Math.pow(10, Math.max(String(Math.floor(x + 0.5)).length - 2, 0))
        return Math.floor(x / step + 0.5) * step
    }

    // A whole number with 万 and 亿, as Chinese writes it (typography.chinese_number):
    // 9800, 7.8万, 61万, 1.2亿.
    function chineseNumber(n) {
        const a = Math.abs(n)
        if (a < 1e4)
            return String(n)
        const unit = a < 1e8 ? 1e4 : 1e8
        const rest = String(a % unit).padStart(String(unit).length - 1, "0").replace(/0+$/, "")
        return (n < 0 ? "-" : "") + Math.floor(a / unit) + (rest ? "." + rest : "")
                + (unit === 1e4 ? "万" : "亿")
    }
}
