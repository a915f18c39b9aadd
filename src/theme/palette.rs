//! Status colours and symbols, shared by the window and printed reports so
//! green means the same on screen and on paper. Plain RGB: no egui here.

use crate::model::StatusKind;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// The fill colour of a status chip. Chosen to stay distinguishable for
/// the common colour-vision deficiencies; chips always carry their word
/// and symbol too.
pub fn status_colour(kind: StatusKind) -> Rgb {
    match kind {
        StatusKind::NotStarted => Rgb(0x9a, 0xa0, 0xa6),
        StatusKind::OnTrack => Rgb(0x1a, 0x7f, 0x37),
        StatusKind::AtRisk => Rgb(0xe3, 0x9b, 0x0b),
        StatusKind::OffTrack => Rgb(0xc5, 0x22, 0x1f),
        StatusKind::OnHold => Rgb(0x6f, 0x42, 0xc1),
        StatusKind::Completed => Rgb(0x0b, 0x5c, 0xad),
        StatusKind::Cancelled => Rgb(0x57, 0x60, 0x6a),
    }
}

/// Text colour readable on the chip's fill.
pub fn status_text_colour(kind: StatusKind) -> Rgb {
    match kind {
        StatusKind::AtRisk | StatusKind::NotStarted => Rgb(0x1f, 0x23, 0x28),
        _ => Rgb(0xff, 0xff, 0xff),
    }
}

/// The band used to mark sample data.
pub const SAMPLE_BAND: Rgb = Rgb(0xff, 0xe0, 0x82);

/// The red of error messages, in the window and in print.
pub const ERROR_RED: Rgb = Rgb(0xc5, 0x22, 0x1f);

/// Print and page colours: body text, secondary text, rules and table
/// heads, alternate table rows.
pub const INK: Rgb = Rgb(0x1f, 0x23, 0x28);
pub const MUTED: Rgb = Rgb(0x57, 0x60, 0x6a);
pub const RULE: Rgb = Rgb(0xd0, 0xd7, 0xde);
pub const SHADE: Rgb = Rgb(0xf3, 0xf5, 0xf7);

/// The accent blue: headings in print, links and the "linked" mark in the
/// tree (the same blue as Completed).
pub const ACCENT: Rgb = Rgb(0x0b, 0x5c, 0xad);

/// The presentation's projector colours: near-black room-friendly
/// background and panels, bright text, dimmed text, and a warning red
/// light enough to read on the dark panels.
pub mod projector {
    use super::Rgb;

    pub const BACKGROUND: Rgb = Rgb(0x0b, 0x0d, 0x10);
    pub const PANEL: Rgb = Rgb(0x1b, 0x1f, 0x24);
    pub const TEXT: Rgb = Rgb(0xf5, 0xf6, 0xf7);
    pub const DIM: Rgb = Rgb(0xb8, 0xbf, 0xc7);
    pub const WARN: Rgb = Rgb(0xff, 0x8a, 0x80);
}

/// The window's text colours over egui's panels (gray 27 dark, 248
/// light) and text fields (gray 10 dark, 255 light): body text, and the
/// weak text of hints and secondary labels, which egui's defaults draw at
/// about 2.7:1. Both meet WCAG AA's 4.5:1 (tested below).
pub mod window {
    use super::Rgb;

    pub const DARK_PANEL: Rgb = Rgb(27, 27, 27);
    pub const DARK_FIELD: Rgb = Rgb(10, 10, 10);
    pub const DARK_TEXT: Rgb = Rgb(190, 190, 190);
    pub const DARK_WEAK: Rgb = Rgb(145, 145, 145);
    pub const LIGHT_PANEL: Rgb = Rgb(248, 248, 248);
    pub const LIGHT_FIELD: Rgb = Rgb(255, 255, 255);
    pub const LIGHT_TEXT: Rgb = Rgb(60, 60, 60);
    pub const LIGHT_WEAK: Rgb = Rgb(105, 105, 105);
    /// The high-contrast theme: text at 7:1 or more on every background,
    /// and focus and selection drawn as thick outlines, so they show
    /// without telling colours apart.
    pub const HC_BACKGROUND: Rgb = Rgb(0, 0, 0);
    pub const HC_FIELD: Rgb = Rgb(0, 0, 0);
    pub const HC_TEXT: Rgb = Rgb(255, 255, 255);
    pub const HC_WEAK: Rgb = Rgb(220, 220, 220);
    pub const HC_OUTLINE: Rgb = Rgb(255, 255, 255);
    pub const HC_FOCUS: Rgb = Rgb(255, 230, 0);
    pub const HC_SELECTION: Rgb = Rgb(0, 40, 120);
    pub const HC_HOVER: Rgb = Rgb(50, 50, 50);
}

impl Rgb {
    /// Relative luminance (WCAG 2.1).
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// The WCAG contrast ratio of two colours, 1 to 21.
    pub fn contrast(self, other: Self) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// As CSS writes it: `#1f2328`.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHITE: Rgb = Rgb(255, 255, 255);

    /// The high-contrast theme holds WCAG AAA (7:1) for its text on every
    /// background it is drawn on, and its focus outline stands out 7:1
    /// from the background too.
    #[test]
    fn the_high_contrast_theme_meets_seven_to_one() {
        use window::*;
        for (what, fg, bg) in [
            ("text", HC_TEXT, HC_BACKGROUND),
            ("hint", HC_WEAK, HC_BACKGROUND),
            ("text in a field", HC_TEXT, HC_FIELD),
            ("selected text", HC_TEXT, HC_SELECTION),
            ("text under the pointer", HC_TEXT, HC_HOVER),
            ("hint under the pointer", HC_WEAK, HC_HOVER),
            ("focus outline", HC_FOCUS, HC_BACKGROUND),
            ("control outline", HC_OUTLINE, HC_BACKGROUND),
        ] {
            let ratio = fg.contrast(bg);
            assert!(ratio >= 7.0, "{what}: {ratio:.2}:1");
        }
        // Worked by hand: white on black is (1.05)/(0.05) = 21:1.
        assert!((HC_TEXT.contrast(HC_BACKGROUND) - 21.0).abs() < 1e-9);
    }

    /// Every text colour against every background it is drawn on, in the
    /// window (both themes), on paper, in the HTML and on the projector:
    /// at least 4.5:1 (WCAG 2.1 AA for body text).
    #[test]
    fn every_text_colour_meets_wcag_aa_on_its_background() {
        let mut pairs = vec![
            ("dark text on panel", window::DARK_TEXT, window::DARK_PANEL),
            (
                "dark text in a field",
                window::DARK_TEXT,
                window::DARK_FIELD,
            ),
            ("dark hint on panel", window::DARK_WEAK, window::DARK_PANEL),
            (
                "dark hint in a field",
                window::DARK_WEAK,
                window::DARK_FIELD,
            ),
            (
                "light text on panel",
                window::LIGHT_TEXT,
                window::LIGHT_PANEL,
            ),
            (
                "light hint on panel",
                window::LIGHT_WEAK,
                window::LIGHT_PANEL,
            ),
            (
                "light hint in a field",
                window::LIGHT_WEAK,
                window::LIGHT_FIELD,
            ),
            ("ink on paper", INK, WHITE),
            ("muted on paper", MUTED, WHITE),
            ("muted on shaded rows", MUTED, SHADE),
            ("ink on table heads", INK, RULE),
            ("ink on the sample band", INK, SAMPLE_BAND),
            ("error red on paper", ERROR_RED, WHITE),
            ("accent on paper", ACCENT, WHITE),
            ("projector text", projector::TEXT, projector::PANEL),
            ("projector dim", projector::DIM, projector::PANEL),
            ("projector warning", projector::WARN, projector::PANEL),
        ];
        for kind in StatusKind::ALL {
            pairs.push(("status chip", status_text_colour(kind), status_colour(kind)));
        }
        for (what, fg, bg) in pairs {
            let c = fg.contrast(bg);
            assert!(c >= 4.5, "{what}: {} on {} is {c:.2}:1", fg.css(), bg.css());
        }
    }

    #[test]
    fn contrast_is_the_wcag_ratio() {
        assert!((Rgb(0, 0, 0).contrast(WHITE) - 21.0).abs() < 1e-9);
        assert!((WHITE.contrast(WHITE) - 1.0).abs() < 1e-9);
        // egui's default weak text on its dark panel, which the window no
        // longer uses: about 2.7:1.
        assert!(Rgb(95, 95, 95).contrast(window::DARK_PANEL) < 3.0);
    }
}
