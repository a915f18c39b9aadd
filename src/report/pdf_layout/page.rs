//! One page being drawn, and the palette's colours as PDF colours.

use printpdf::{Color, Mm, Op, PdfFontHandle, Pt};

use super::Face;
use crate::theme::palette::Rgb;

/// One page being drawn.
#[derive(Default)]
pub struct Page {
    pub ops: Vec<Op>,
    /// The page prints sample (illustrative) values.
    pub sample: bool,
    /// The running header of a continuation page ("Goal 3: … (continued)").
    pub header: Option<String>,
    /// An artifact sequence is open at the end of `ops`: furniture drawn
    /// in a row shares one.
    pub(super) artifact_open: bool,
    /// The graphics state at the end of `ops`, so unchanged font, fill and
    /// stroke are not set again (they persist across text objects).
    font: Option<(Face, u32)>,
    fill: Option<Rgb>,
    stroke: Option<(Rgb, u32)>,
}

impl Page {
    /// A new page with `header` as its running header (a continuation).
    pub fn with_header(header: Option<String>) -> Self {
        Self {
            header,
            ..Self::default()
        }
    }

    /// The op setting `face` at `size`, unless it is already set.
    pub(super) fn set_font(&mut self, face: Face, size: f32) -> Option<Op> {
        let key = (face, size.to_bits());
        (self.font != Some(key)).then(|| {
            self.font = Some(key);
            Op::SetFont {
                font: PdfFontHandle::External(face.id()),
                size: Pt(size),
            }
        })
    }

    pub(super) fn set_fill(&mut self, ink: Rgb) -> Option<Op> {
        (self.fill != Some(ink)).then(|| {
            self.fill = Some(ink);
            Op::SetFillColor { col: colour(ink) }
        })
    }

    pub(super) fn set_stroke(&mut self, ink: Rgb, thickness: f32) -> Vec<Op> {
        let key = (ink, thickness.to_bits());
        if self.stroke == Some(key) {
            return Vec::new();
        }
        self.stroke = Some(key);
        vec![
            Op::SetOutlineColor { col: colour(ink) },
            Op::SetOutlineThickness { pt: Pt(thickness) },
        ]
    }

    /// Ends an open artifact sequence, before real content or the page's
    /// end.
    pub(super) fn close_artifact(&mut self) {
        if self.artifact_open {
            self.ops.push(Op::EndMarkedContent);
            self.artifact_open = false;
        }
    }
}

fn colour(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

/// Points to millimetres, for page sizes.
pub(super) fn mm(pt: f32) -> Mm {
    Mm(pt * 25.4 / 72.0)
}
