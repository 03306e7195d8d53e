pragma Singleton
import QtQuick

// Colours, type and sizes of the kiosk. Screens take every colour and size from here.
// Sizes are given for a 1080-pixel short side and scaled by `scale`, which Main sets from
// the window, so 1920x1080 and 1080x1920 share one set of sizes.
QtObject {
    id: theme

    property real scale: 1.0
    // Text size over the sizes below, for an easy mode with larger print (1.5: 150%).
    // Only type grows: spacing, buttons and pictures keep their size, and every layout
    // holds the pack's longest texts at 1.5 (tests/ui/test_text_fit.py).
    property real textScale: 1.0
    // Easy mode (kiosk.access, put here by the shell with textScale): the contrast palette
    // (darker ink, no faint grey on white, stronger borders, deeper accents: every text and
    // its background at least 4.5:1, tests/ui/test_access.py) and fewer items per row.
    property bool easy: false

    // Brand palette: deep blue with teal, a warm orange for prices and calls to action;
    // in easy mode, the contrast palette where a colour differs.
    readonly property color brand: "#0057B8"
    readonly property color brandBright: "#1A73E8"
    readonly property color brandDeep: "#0A2A5E"
    readonly property color brandNight: "#061A3A"
    readonly property color teal: theme.easy ? "#00696B" : "#00A3A6"
    readonly property color tealSoft: "#E0F5F5"
    readonly property color accent: theme.easy ? "#C24E00" : "#FF7A1A"
    readonly property color accentDeep: theme.easy ? "#A13C00" : "#D9580A"
    readonly property color accentSoft: "#FFF1E6"
    readonly property color background: "#EEF2F8"
    readonly property color backgroundGlow: "#DCE7F7"
    readonly property color surface: "#FFFFFF"
    readonly property color surfaceAlt: "#F5F7FB"
    readonly property color ink: theme.easy ? "#050B14" : "#0F1B2D"
    readonly property color inkSoft: theme.easy ? "#27354A" : "#4A5A72"
    readonly property color inkFaint: theme.easy ? "#3D4B60" : "#8493A8"
    readonly property color line: theme.easy ? "#7D8BA0" : "#DCE3EE"
    readonly property color onDark: "#FFFFFF"
    readonly property color onDarkSoft: theme.easy ? "#E3EBF7" : "#C4D3EA"
    readonly property color glass: "#26FFFFFF"
    readonly property color glassStrong: "#40FFFFFF"
    readonly property color shadow: "#0A2A5E"
    readonly property color scrim: "#C7061A3A"
    readonly property color imageScrim: "#99000000"
    readonly property color success: theme.easy ? "#0B7350" : "#14A06F"

    // Type. Noto Sans CJK SC carries both Chinese and Latin text.
    readonly property string fontFamily: "Noto Sans CJK SC"
    readonly property int fontHero: textPx(84)
    readonly property int fontDisplay: textPx(60)
    readonly property int fontTitle: textPx(46)
    readonly property int fontHeading: textPx(34)
    readonly property int fontLead: textPx(30)
    readonly property int fontBody: textPx(26)
    readonly property int fontSmall: textPx(22)
    readonly property int fontCaption: textPx(19)

    // Spacing and shapes.
    readonly property int margin: px(48)
    readonly property int gapLarge: px(40)
    readonly property int gap: px(24)
    readonly property int gapSmall: px(12)
    readonly property int radius: px(28)
    readonly property int radiusSmall: px(16)
    readonly property int topBarHeight: px(124)
    // A portrait top bar: two rows of finger-sized buttons with a gap around each.
    readonly property int topBarHeightTwoRows: 2 * (touchMin + px(12)) + 3 * gapSmall

    // Touch targets: nothing tappable under touchMin; primary buttons are buttonHeight.
    readonly property int touchMin: px(80)
    readonly property int buttonHeight: px(100)
    readonly property int iconSize: px(40)

    // Motion.
    readonly property int durationFast: 140
    readonly property int durationNormal: 300
    readonly property int durationSlow: 600
    // Changing screens: short, and the new screen slides in from this fraction of the width.
    readonly property int durationScreen: 180
    readonly property real screenSlide: 0.08

    function px(value: real): int {
        return Math.round(value * theme.scale)
    }

    // The room `value` design pixels of text need beyond their size at 100% (0 at 100%):
    // what a box sized for its texts grows by in easy mode, so that 100% keeps its looks.
    function textGrowth(value: real): int {
        return Math.max(0, Math.round(value * theme.scale * (theme.textScale - 1)))
    }

    // The band at the bottom of the attract loop that "Touch to start" takes (its margin,
    // its height, a gap) in a window whose short side is `shortSide`: a picture shown whole
    // keeps above it. From the window rather than `scale`, which the boot window, showing
    // last run's first picture, has not been given yet.
    function attractButtonBand(shortSide: real): int {
        const s = Math.max(0.3, shortSide / 1080)
        return Math.round(s * (72 + 128 + 24) + s * 104 * (theme.textScale - 1))
    }

    // A font size: scaled with the window, and by textScale.
    function textPx(value: real): int {
        return Math.round(value * theme.scale * theme.textScale)
    }

    // A pack's colour under white text: as given, or in easy mode darkened until white on it
    // reads at 4.5:1 (WCAG's relative luminance at most 0.183).
    function deepen(c: color): color {
        if (!theme.easy)
            return c
        let r = c.r, g = c.g, b = c.b
        for (let i = 0; i < 40 && theme.luminance(r, g, b) > 0.183; i++) {
            r *= 0.92; g *= 0.92; b *= 0.92
        }
        return Qt.rgba(r, g, b, c.a)
    }

    function luminance(r: real, g: real, b: real): real {
        const lin = v => v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }
}
