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

impl Rgb {
    /// As CSS writes it: `#1f2328`.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}
