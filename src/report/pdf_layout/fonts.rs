//! The three faces of the report font, and measuring, cleaning, wrapping
//! and fitting text in them.

use printpdf::{FontId, ParsedFont};

use super::Writer;
use crate::report::PdfError;

/// DejaVu Sans Condensed (Bitstream Vera licence; see assets/fonts/).
use crate::theme::fonts::{BOLD, ITALIC, REGULAR};

/// Printed in place of a character the font cannot show.
pub const REPLACEMENT: char = '□';

/// One of the three faces of the family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
    Italic,
}

impl Face {
    pub(super) fn index(self) -> usize {
        match self {
            Self::Regular => 0,
            Self::Bold => 1,
            Self::Italic => 2,
        }
    }

    /// Fixed resource names: the first six letters become the subset tag,
    /// so they are fixed too and reprints stay byte-identical.
    pub fn id(self) -> FontId {
        FontId(
            match self {
                Self::Regular => "CRNREG",
                Self::Bold => "CRNBLD",
                Self::Italic => "CRNITA",
            }
            .to_owned(),
        )
    }
}

/// The parsed font faces.
pub struct Fonts {
    pub faces: Vec<ParsedFont>,
    units_per_em: f32,
}

impl Fonts {
    /// Parses the embedded fonts.
    pub fn load() -> Result<Self, PdfError> {
        let mut faces = Vec::new();
        for bytes in [REGULAR, BOLD, ITALIC] {
            let face = ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or(PdfError::Font)?;
            faces.push(face);
        }
        let units_per_em = f32::from(faces[0].pdf_font_metrics.units_per_em.max(1));
        Ok(Self {
            faces,
            units_per_em,
        })
    }

    pub(super) fn glyph(&self, face: Face, c: char) -> Option<u16> {
        self.faces[face.index()]
            .lookup_glyph_index(u32::from(c))
            .filter(|g| *g != 0)
    }

    /// Width of `text` in points.
    pub fn width(&self, text: &str, face: Face, size: f32) -> f32 {
        let font = &self.faces[face.index()];
        let units: u32 = text
            .chars()
            .map(|c| {
                self.glyph(face, c)
                    .or_else(|| self.glyph(face, REPLACEMENT))
                    .map_or(0, |g| u32::from(font.get_horizontal_advance(g)))
            })
            .sum();
        let units = units as f32;
        units * size / self.units_per_em
    }
}

impl Writer {
    /// Replaces characters the font cannot show, visibly, and counts them.
    pub fn clean(&mut self, text: &str, face: Face) -> String {
        text.chars()
            .map(|c| {
                if c.is_control() {
                    ' '
                } else if self.fonts.glyph(face, c).is_some() || c == ' ' {
                    c
                } else if matches!(
                    c,
                    '\u{200b}'..='\u{200f}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}'
                ) {
                    // Zero-width and variation selectors print nothing anyway.
                    '\u{200b}'
                } else {
                    self.replaced += 1;
                    REPLACEMENT
                }
            })
            .filter(|c| *c != '\u{200b}')
            .collect()
    }

    /// Width of `text` in points.
    pub fn measure(&self, text: &str, face: Face, size: f32) -> f32 {
        self.fonts.width(text, face, size)
    }

    /// Wraps text to `max` points; paragraphs split at newlines. Lines
    /// break by the Unicode rules and at hyphenation points
    /// ([`super::pdf_wrap`]); right-to-left runs are put in visual order.
    pub fn wrap(&mut self, text: &str, face: Face, size: f32, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let para = self.clean(para, face);
            if para.chars().any(crate::report::pdf_wrap::is_joining) {
                self.unjoined += 1;
            }
            let fonts = &self.fonts;
            lines.extend(crate::report::pdf_wrap::wrap(&para, max, &|s| {
                fonts.width(s, face, size)
            }));
        }
        lines
    }

    /// Cuts `text` to fit `max` points, ending with "…" when cut.
    pub fn fit(&mut self, text: &str, face: Face, size: f32, max: f32) -> String {
        let text = self.clean(text, face);
        if self.measure(&text, face, size) <= max {
            return text;
        }
        let mut out = String::new();
        for c in text.chars() {
            out.push(c);
            if self.measure(&format!("{out}…"), face, size) > max {
                out.pop();
                break;
            }
        }
        format!("{}…", out.trim_end())
    }
}
