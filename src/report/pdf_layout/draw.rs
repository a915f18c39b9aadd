//! Drawing at the cursor: text, paragraphs, headings, rectangles, lines,
//! status chips and trend lines.

use printpdf::{Line, LinePoint, Op, PaintMode, Point, Pt, Rect, TextItem};

use super::{Face, INK, Writer, lead};
use crate::report::pdf_tags::Role;
use crate::theme::palette::Rgb;

impl Writer {
    /// Draws one line of already-clean text with its baseline at `y`.
    pub fn text_at(&mut self, x: f32, y: f32, text: &str, face: Face, size: f32, ink: Rgb) {
        if text.is_empty() {
            return;
        }
        let h = self.height;
        let page = self.page_mut();
        let state: Vec<Op> = [page.set_font(face, size), page.set_fill(ink)]
            .into_iter()
            .flatten()
            .collect();
        self.emit(state.into_iter().chain([
            Op::StartTextSection,
            Op::SetTextCursor {
                pos: Point {
                    x: Pt(x),
                    y: Pt(h - y),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]));
    }

    /// Fills a rectangle given by its top-left corner.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Rgb) {
        let page_h = self.height;
        let state = self.page_mut().set_fill(fill);
        self.emit(state.into_iter().chain([Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(page_h - y - h),
                width: Pt(w),
                height: Pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        }]));
    }

    /// Strokes a polyline.
    pub fn polyline(&mut self, points: &[(f32, f32)], ink: Rgb, thickness: f32) {
        if points.len() < 2 {
            return;
        }
        let h = self.height;
        let state = self.page_mut().set_stroke(ink, thickness);
        self.emit(
            state.into_iter().chain([Op::DrawLine {
                line: Line {
                    points: points
                        .iter()
                        .map(|&(x, y)| LinePoint {
                            p: Point {
                                x: Pt(x),
                                y: Pt(h - y),
                            },
                            bezier: false,
                        })
                        .collect(),
                    is_closed: false,
                },
            }]),
        );
    }

    /// A horizontal rule across the content area at the cursor.
    pub fn rule(&mut self, ink: Rgb, thickness: f32) {
        let (x0, x1, y) = (self.margin, self.width - self.margin, self.y);
        self.polyline(&[(x0, y), (x1, y)], ink, thickness);
    }

    /// Flowing text at the cursor, wrapped to `w`, breaking pages between
    /// lines.
    pub fn para(&mut self, text: &str, face: Face, size: f32, x: f32, w: f32, ink: Rgb) {
        let lines = self.wrap(text, face, size, w);
        if lines.iter().all(String::is_empty) {
            let blank = lines.len() as f32 * lead(size);
            self.y += blank;
            return;
        }
        self.tagged(Role::P, |w| {
            for line in lines {
                w.ensure(lead(size));
                w.y += lead(size);
                w.text_at(x, w.y - lead(size) * 0.27, &line, face, size, ink);
            }
        });
    }

    /// A heading of `level` (1 = the document's title, 2 = a section or
    /// goal, which also gets a bookmark) with space above; kept with at
    /// least `keep` points of what follows.
    pub fn heading(&mut self, level: u8, text: &str, size: f32, keep: f32) {
        let w = self.content_width();
        let lines = self.wrap(text, Face::Bold, size, w);
        let need = lines.len() as f32 * lead(size) + keep + 8.0;
        if !self.ensure(need) {
            self.y += 8.0;
        }
        if level == 2 {
            self.bookmark(text, 0);
        }
        self.tagged(Role::heading(level), |w| {
            for line in lines {
                w.y += lead(size);
                let (x, y) = (w.margin, w.y - lead(size) * 0.25);
                w.text_at(x, y, &line, Face::Bold, size, INK);
            }
        });
        self.y += 3.0;
    }

    /// A status chip at (x, top y); returns its width.
    pub fn chip(&mut self, x: f32, y: f32, chip: &crate::report::model::Chip, size: f32) -> f32 {
        self.tagged(Role::P, |me| me.chip_content(x, y, chip, size))
    }

    fn chip_content(
        &mut self,
        x: f32,
        y: f32,
        chip: &crate::report::model::Chip,
        size: f32,
    ) -> f32 {
        let text = self.clean(&chip.text(), Face::Bold);
        let w = self.measure(&text, Face::Bold, size) + 8.0;
        let h = size * 1.45;
        self.rect(x, y, w, h, crate::theme::palette::status_colour(chip.kind));
        self.text_at(
            x + 4.0,
            y + h - size * 0.42,
            &text,
            Face::Bold,
            size,
            crate::theme::palette::status_text_colour(chip.kind),
        );
        w
    }

    /// A sparkline in the box (x, y, w, h); missing values break the line.
    pub fn spark(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        values: &[Option<f64>],
        target: Option<f64>,
    ) {
        let mut known: Vec<f64> = values.iter().flatten().copied().collect();
        if known.is_empty() {
            return;
        }
        known.extend(target);
        let (Some(lo), Some(hi)) = (
            known.iter().copied().reduce(f64::min),
            known.iter().copied().reduce(f64::max),
        ) else {
            return;
        };
        let span = if (hi - lo).abs() < f64::EPSILON {
            1.0
        } else {
            hi - lo
        };
        let step = if values.len() > 1 {
            w / (values.len() - 1) as f32
        } else {
            0.0
        };
        let at = |v: f64| y + h - ((v - lo) / span) as f32 * h;
        if let Some(t) = target {
            // The target: a thin accent line across the plot.
            let ty = at(t);
            self.polyline(&[(x, ty), (x + w, ty)], crate::theme::palette::ACCENT, 0.5);
        }
        let mut run: Vec<(f32, f32)> = Vec::new();
        let mut dots = Vec::new();
        for (i, v) in values.iter().enumerate() {
            match v {
                Some(v) => {
                    let p = (x + step * i as f32, at(*v));
                    run.push(p);
                    dots.push(p);
                }
                None => {
                    self.polyline(&run, INK, 1.0);
                    run.clear();
                }
            }
        }
        self.polyline(&run, INK, 1.0);
        if let Some(&(lx, ly)) = dots.last() {
            self.rect(lx - 1.6, ly - 1.6, 3.2, 3.2, INK);
        }
    }
}
