//! A small flowing layout engine for the PDF renderer: a cursor that moves
//! down the page, text wrapped by measured glyph widths, tables whose rows
//! never split and whose header repeats on each new page. Coordinates are
//! points from the top-left corner; they are flipped when ops are emitted.

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
};

use super::pdf_tags::{Bookmark, Role, Tags};
use crate::theme::palette::Rgb;

/// DejaVu Sans Condensed (Bitstream Vera licence; see assets/fonts/).
use crate::theme::fonts::{BOLD, ITALIC, REGULAR};

/// Printed in place of a character the font cannot show.
pub const REPLACEMENT: char = '□';

/// Ink colours, from the one palette.
pub use crate::theme::palette::{ERROR_RED as ALERT, INK, MUTED, RULE, SHADE};

/// One of the three faces of the family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
    Italic,
}

impl Face {
    fn index(self) -> usize {
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
    pub fn load() -> Result<Self, String> {
        let mut faces = Vec::new();
        for bytes in [REGULAR, BOLD, ITALIC] {
            let face = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
                .ok_or("the embedded report font could not be read")?;
            faces.push(face);
        }
        let units_per_em = f32::from(faces[0].pdf_font_metrics.units_per_em.max(1));
        Ok(Self {
            faces,
            units_per_em,
        })
    }

    fn glyph(&self, face: Face, c: char) -> Option<u16> {
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
        #[allow(clippy::cast_precision_loss)] // Widths are far below 2^24.
        let units = units as f32;
        units * size / self.units_per_em
    }
}

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
    artifact_open: bool,
    /// The graphics state at the end of `ops`, so unchanged font, fill and
    /// stroke are not set again (they persist across text objects).
    font: Option<(Face, u32)>,
    fill: Option<Rgb>,
    stroke: Option<(Rgb, u32)>,
}

impl Page {
    /// The op setting `face` at `size`, unless it is already set.
    fn set_font(&mut self, face: Face, size: f32) -> Option<Op> {
        let key = (face, size.to_bits());
        (self.font != Some(key)).then(|| {
            self.font = Some(key);
            Op::SetFont {
                font: PdfFontHandle::External(face.id()),
                size: Pt(size),
            }
        })
    }

    fn set_fill(&mut self, ink: Rgb) -> Option<Op> {
        (self.fill != Some(ink)).then(|| {
            self.fill = Some(ink);
            Op::SetFillColor { col: colour(ink) }
        })
    }

    fn set_stroke(&mut self, ink: Rgb, thickness: f32) -> Vec<Op> {
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
    fn close_artifact(&mut self) {
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

/// Horizontal alignment in a table column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A table column: title, share of the table width, alignment.
pub struct Col {
    pub title: &'static str,
    pub share: f32,
    pub align: Align,
}

impl Col {
    pub const fn left(title: &'static str, share: f32) -> Self {
        Self {
            title,
            share,
            align: Align::Left,
        }
    }

    pub const fn right(title: &'static str, share: f32) -> Self {
        Self {
            title,
            share,
            align: Align::Right,
        }
    }
}

/// What a table cell holds.
pub enum Cell {
    Text(String),
    /// Text in another face and colour.
    Styled(String, Face, Rgb),
    /// A status chip: symbol and word on the status colour.
    Chip(crate::report::model::Chip),
    /// A small trend line of values (missing ones break the line), with
    /// its text alternative.
    Spark(Spark),
    /// A small stacked bar of shares (percent) by status, with its text
    /// alternative.
    Bar(Vec<(crate::model::StatusKind, f64)>, String),
}

/// A KPI's trend for a table cell: its values, oldest first (`None`:
/// missing, which breaks the line), its target (drawn as a thin line the
/// scale includes) and the text alternative.
pub struct Spark {
    pub values: Vec<Option<f64>>,
    pub target: Option<f64>,
    pub alt: String,
}

/// The layout state: pages, cursor, fonts.
pub struct Writer {
    pub fonts: Fonts,
    pub pages: Vec<Page>,
    pub width: f32,
    pub height: f32,
    pub margin: f32,
    /// Top of the content area (below the running header).
    pub top: f32,
    /// Bottom of the content area (above the footer).
    pub bottom: f32,
    /// Cursor: the top of the next thing drawn.
    pub y: f32,
    /// Characters the font could not show, printed as [`REPLACEMENT`].
    pub replaced: usize,
    /// Paragraphs with Arabic letters, which print unjoined (unshaped).
    pub unjoined: usize,
    /// The logical structure of what is drawn (tagged PDF).
    pub tags: Tags,
    /// The running header new pages get while a section continues.
    pub continued: Option<String>,
    /// The page being drawn onto by [`Self::draw_into`], when not the last.
    drawing_on: Option<usize>,
}

/// The footer's tag on a page that prints sample values.
const SAMPLE_TAG: &str = "Sample data on this page";

/// Body text size and line height.
pub const BODY: f32 = 9.5;
pub const SMALL: f32 = 8.0;

fn lead(size: f32) -> f32 {
    size * 1.32
}

impl Writer {
    /// A writer with one empty page.
    pub fn new(fonts: Fonts, (width, height): (f32, f32)) -> Self {
        let margin = 50.0;
        let mut w = Self {
            fonts,
            pages: Vec::new(),
            width,
            height,
            margin,
            top: 62.0,
            bottom: height - 52.0,
            y: 0.0,
            replaced: 0,
            unjoined: 0,
            tags: Tags::default(),
            continued: None,
            drawing_on: None,
        };
        w.new_page();
        w
    }

    /// Width of the content area.
    pub fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin
    }

    /// Starts a new page with the cursor at the top. Marked content open
    /// on the old page is closed there and continues on the new one.
    pub fn new_page(&mut self) {
        let open = self.tags.content.take();
        if open.is_some() {
            self.ops().push(Op::EndMarkedContent);
        }
        if let Some(last) = self.pages.last_mut() {
            last.close_artifact();
        }
        self.pages.push(Page {
            header: self.continued.clone(),
            ..Page::default()
        });
        self.y = self.top;
        if open.is_some() {
            self.begin_content();
        }
    }

    /// Index of the page being drawn.
    pub fn page_index(&self) -> usize {
        self.drawing_on
            .unwrap_or_else(|| self.pages.len().saturating_sub(1))
    }

    /// Draws `f` onto the earlier page `page` (by index) as more content
    /// of structure element `elem`: for what is known only once every page
    /// is laid out, such as the contents' page numbers.
    pub fn draw_into(&mut self, page: usize, elem: usize, f: impl FnOnce(&mut Self)) {
        if page >= self.pages.len() || self.tags.content.is_some() {
            return;
        }
        let moved = self.pages.remove(page);
        self.pages.push(moved);
        self.drawing_on = Some(page);
        self.tags.reopen(elem);
        self.begin_content();
        f(self);
        self.end_content();
        self.tags.close();
        self.drawing_on = None;
        if let Some(moved) = self.pages.pop() {
            self.pages.insert(page, moved);
        }
    }

    /// Opens marked content for the innermost open structure element.
    fn begin_content(&mut self) {
        let page = self.page_index();
        let (role, mcid) = self.tags.begin(page);
        let mut props = std::collections::BTreeMap::new();
        props.insert("MCID".to_owned(), printpdf::DictItem::Int(mcid));
        self.page_mut().close_artifact();
        self.ops().push(Op::BeginMarkedContentWithProperties {
            tag: role.name().to_owned(),
            properties: printpdf::DictItem::Dict { map: props },
        });
    }

    fn end_content(&mut self) {
        if self.tags.content.take().is_some() {
            self.ops().push(Op::EndMarkedContent);
        }
    }

    /// Opens a structure element (a section, a table, a row).
    pub fn open(&mut self, role: Role) -> usize {
        self.tags.open(role)
    }

    /// Closes the innermost open structure element.
    pub fn close(&mut self) {
        self.tags.close();
    }

    /// Draws `f` as the content of one new element of `role`; inside
    /// content already open, `f` simply adds to it.
    pub fn tagged<R>(&mut self, role: Role, f: impl FnOnce(&mut Self) -> R) -> R {
        if self.tags.content.is_some() {
            return f(self);
        }
        self.tags.open(role);
        self.begin_content();
        let r = f(self);
        self.end_content();
        self.tags.close();
        r
    }

    /// Draws `f` as a figure described by `alt`.
    pub fn figure<R>(&mut self, alt: &str, f: impl FnOnce(&mut Self) -> R) -> R {
        let outer = self.tags.content.take();
        if outer.is_some() {
            self.ops().push(Op::EndMarkedContent);
        }
        let id = self.tags.open(Role::Figure);
        self.tags.elems[id].alt = Some(alt.to_owned());
        self.begin_content();
        let r = f(self);
        self.end_content();
        self.tags.close();
        if outer.is_some() {
            self.begin_content();
        }
        r
    }

    /// A bookmark to the cursor's place on the current page.
    pub fn bookmark(&mut self, title: &str, depth: u8) {
        let (page, y) = (self.page_index(), self.y);
        self.tags.bookmarks.push(Bookmark {
            title: title.to_owned(),
            depth,
            page,
            y,
        });
    }

    /// Adds drawing ops: as they are inside open marked content, else as
    /// an artifact (page furniture, rules, shading).
    fn emit(&mut self, ops: impl IntoIterator<Item = Op>) {
        let artifact = self.tags.content.is_none();
        let page = self.page_mut();
        if artifact && !page.artifact_open {
            page.ops.push(Op::BeginMarkedContent {
                tag: "Artifact".into(),
            });
            page.artifact_open = true;
        }
        page.ops.extend(ops);
    }

    fn page_mut(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Marks the current page as printing sample values.
    pub fn mark_sample(&mut self) {
        if let Some(p) = self.pages.last_mut() {
            p.sample = true;
        }
    }

    /// Starts a new page unless `h` points still fit below the cursor.
    pub fn ensure(&mut self, h: f32) -> bool {
        if self.y + h > self.bottom && self.y > self.top {
            self.new_page();
            true
        } else {
            false
        }
    }

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
            if para.chars().any(super::pdf_wrap::is_joining) {
                self.unjoined += 1;
            }
            let fonts = &self.fonts;
            lines.extend(super::pdf_wrap::wrap(&para, max, &|s| {
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

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last].ops
    }

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
            #[allow(clippy::cast_precision_loss)] // A handful of lines.
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
        #[allow(clippy::cast_precision_loss)] // A handful of lines.
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
        #[allow(clippy::cast_precision_loss)] // A handful of points.
        let step = if values.len() > 1 {
            w / (values.len() - 1) as f32
        } else {
            0.0
        };
        #[allow(clippy::cast_possible_truncation)]
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
                    #[allow(clippy::cast_precision_loss)]
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

    /// Draws a table at the cursor: rows never split, the header repeats on
    /// each new page. `sample[i]` marks rows printing sample values.
    pub fn table(&mut self, cols: &[Col], rows: &[Vec<Cell>], sample: &[bool]) {
        let size = SMALL + 0.5;
        let lh = lead(size);
        let pad = 3.5;
        let total: f32 = cols.iter().map(|c| c.share).sum();
        let widths: Vec<f32> = cols
            .iter()
            .map(|c| c.share / total * self.content_width())
            .collect();
        let header_h = lh + 2.0 * pad;
        for (r, row) in rows.iter().enumerate() {
            let mut cells: Vec<Vec<String>> = Vec::with_capacity(row.len());
            for (c, cell) in row.iter().enumerate() {
                let w = widths.get(c).copied().unwrap_or(40.0) - 2.0 * pad;
                cells.push(match cell {
                    Cell::Text(s) => self.wrap(s, Face::Regular, size, w),
                    Cell::Styled(s, face, _) => self.wrap(s, *face, size, w),
                    Cell::Chip(_) | Cell::Spark(..) | Cell::Bar(..) => vec![String::new()],
                });
            }
            // A trend line gets room to be read: three lines' height.
            let floor = if row.iter().any(|c| matches!(c, Cell::Spark(_))) {
                3
            } else {
                1
            };
            let most = cells.iter().map(Vec::len).max().unwrap_or(1).max(floor);
            // A row taller than a page is cut, visibly, to what fits.
            let room = self.bottom - self.top - header_h - 2.0 * pad;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let fits = ((room / lh).floor() as usize).max(1);
            let shown = most.min(fits);
            if most > fits {
                for lines in &mut cells {
                    if lines.len() > fits {
                        lines.truncate(fits);
                        if let Some(last) = lines.last_mut() {
                            last.push_str(" …");
                        }
                    }
                }
            }
            #[allow(clippy::cast_precision_loss)]
            let row_h = shown as f32 * lh + 2.0 * pad;
            let first = r == 0;
            let broke = self.ensure(row_h + if first { header_h } else { 0.0 });
            if first {
                self.open(Role::Table);
                self.table_header(cols, &widths, header_h, size, pad, true);
            } else if broke {
                // Repeated on a continuation page: furniture, not a row.
                self.table_header(cols, &widths, header_h, size, pad, false);
            }
            self.open(Role::TR);
            if sample.get(r).copied().unwrap_or(false) {
                self.mark_sample();
            }
            if r % 2 == 1 {
                let (x, y, w) = (self.margin, self.y, self.content_width());
                self.rect(x, y, w, row_h, SHADE);
            }
            let mut x = self.margin;
            for (c, cell) in row.iter().enumerate() {
                let w = widths.get(c).copied().unwrap_or(40.0);
                let align = cols.get(c).map_or(Align::Left, |c| c.align);
                self.open(Role::TD);
                self.begin_content();
                match cell {
                    Cell::Text(_) | Cell::Styled(..) => {
                        let (face, ink) = match cell {
                            Cell::Styled(_, f, i) => (*f, *i),
                            _ => (Face::Regular, INK),
                        };
                        for (i, line) in cells[c].iter().enumerate() {
                            #[allow(clippy::cast_precision_loss)]
                            let base = self.y + pad + lh * (i as f32 + 1.0) - lh * 0.27;
                            let tx = match align {
                                Align::Left => x + pad,
                                Align::Right => x + w - pad - self.measure(line, face, size),
                            };
                            self.text_at(tx, base, line, face, size, ink);
                        }
                    }
                    Cell::Chip(chip) => {
                        let y = self.y + pad;
                        self.chip(x + pad, y, chip, size - 0.5);
                    }
                    Cell::Bar(shares, alt) => {
                        let (bx, by, bw) = (x + pad, self.y + pad + 1.5, w - 2.0 * pad);
                        self.figure(alt, |me| {
                            me.rect(bx, by, bw, lh - 3.0, RULE);
                            let mut cx = bx;
                            for (kind, pct) in shares {
                                #[allow(clippy::cast_possible_truncation)]
                                let sw = bw * (*pct / 100.0) as f32;
                                let fill = crate::theme::palette::status_colour(*kind);
                                me.rect(cx, by, sw, lh - 3.0, fill);
                                cx += sw;
                            }
                        });
                    }
                    Cell::Spark(sp) => {
                        let y = self.y + pad + 2.0;
                        let h = row_h - 2.0 * pad - 4.0;
                        self.figure(&sp.alt, |me| {
                            me.spark(x + pad, y, w - 2.0 * pad, h, &sp.values, sp.target);
                        });
                    }
                }
                self.end_content();
                self.close();
                x += w;
            }
            self.close();
            self.y += row_h;
            self.rule(RULE, 0.4);
        }
        if !rows.is_empty() {
            self.close();
        }
        self.y += 6.0;
    }

    /// The header row; `tagged` for the table's first, else an artifact.
    fn table_header(
        &mut self,
        cols: &[Col],
        widths: &[f32],
        h: f32,
        size: f32,
        pad: f32,
        tagged: bool,
    ) {
        let (x0, y0, w) = (self.margin, self.y, self.content_width());
        self.rect(x0, y0, w, h, RULE);
        if tagged {
            self.open(Role::TR);
        }
        let mut x = self.margin;
        for (col, width) in cols.iter().zip(widths) {
            if tagged {
                let th = self.open(Role::TH);
                self.tags.elems[th].scope = Some("Column");
                self.begin_content();
            }
            let title = self.fit(col.title, Face::Bold, size, width - 2.0 * pad);
            let tx = match col.align {
                Align::Left => x + pad,
                Align::Right => x + width - pad - self.measure(&title, Face::Bold, size),
            };
            self.text_at(
                tx,
                self.y + h - pad - size * 0.3,
                &title,
                Face::Bold,
                size,
                INK,
            );
            if tagged {
                self.end_content();
                self.close();
            }
            x += width;
        }
        if tagged {
            self.close();
        }
        self.y += h;
    }
}

/// What a PDF says about itself in its metadata.
pub struct DocMeta {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// Printed as the creation date when given; never the clock, so a
    /// reprint gives the same bytes.
    pub print_date: Option<chrono::NaiveDate>,
    /// The document's language (BCP 47).
    pub lang: String,
}

impl DocMeta {
    /// Metadata naming the one who prepared the document, else the
    /// organisation, as its author.
    pub fn new(
        title: String,
        prepared_by: &str,
        organisation: &str,
        subject: String,
        print_date: Option<chrono::NaiveDate>,
    ) -> Self {
        Self {
            title,
            author: if prepared_by.is_empty() {
                organisation
            } else {
                prepared_by
            }
            .to_owned(),
            subject,
            print_date,
            lang: "en-US".into(),
        }
    }

    /// The same, in `lang` (BCP 47); blank keeps "en-US".
    #[must_use]
    pub fn in_language(mut self, lang: &str) -> Self {
        if !lang.trim().is_empty() {
            lang.trim().clone_into(&mut self.lang);
        }
        self
    }
}

/// The footer's left side: "Prepared by NAME", else the organisation.
pub fn prepared_line(prepared_by: &str, organisation: &str) -> String {
    if prepared_by.is_empty() {
        organisation.to_owned()
    } else {
        format!("Prepared by {prepared_by}")
    }
}

fn mm(pt: f32) -> Mm {
    Mm(pt * 25.4 / 72.0)
}

/// Deflates every stream that allows it, at zlib's default level: within
/// a few percent of lopdf's best level on page content, in a third of the
/// time, which the 1,000-objective card needs.
fn compress(doc: &mut lopdf::Document) {
    use std::io::Write as _;
    for obj in doc.objects.values_mut() {
        let lopdf::Object::Stream(st) = obj else {
            continue;
        };
        if !st.allows_compression || st.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        if enc.write_all(&st.content).is_err() {
            continue;
        }
        if let Ok(packed) = enc.finish()
            && packed.len() + 19 < st.content.len()
        {
            st.dict.set("Filter", "FlateDecode");
            st.set_content(packed);
        }
    }
}

/// FNV-1a, for a document id that depends only on the content.
fn fnv(bytes: &[u8], seed: u64) -> u64 {
    bytes.iter().fold(seed, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Writer {
    /// Adds the running header (on every page but the first, unless
    /// `header_on_first`) and the footer with "Page X of Y" and the sample
    /// tag, now that the page count is known.
    pub fn decorate(&mut self, header: &str, footer_left: &str, header_on_first: bool) {
        let total = self.pages.len();
        // Left of the centred sample tag, so the two never overlap.
        let tag_w = self.measure(SAMPLE_TAG, Face::Bold, SMALL) + 10.0;
        let room = (self.content_width() - tag_w) / 2.0 - 12.0;
        let footer_left = self.fit(footer_left, Face::Regular, SMALL, room);
        for i in 0..total {
            // Draw onto page i by temporarily making it the last page.
            let page = self.pages.remove(i);
            self.pages.push(page);
            let (m, right) = (self.margin, self.width - self.margin);
            if i > 0 || header_on_first {
                let y = 34.0;
                let own = self.pages.last().and_then(|p| p.header.clone());
                let text = match own {
                    Some(h) => self.fit(&h, Face::Regular, SMALL, right - m),
                    None => header.to_owned(),
                };
                self.text_at(m, y, &text, Face::Regular, SMALL, MUTED);
                self.polyline(&[(m, y + 6.0), (right, y + 6.0)], RULE, 0.6);
            }
            let fy = self.height - 30.0;
            self.polyline(&[(m, fy - 12.0), (right, fy - 12.0)], RULE, 0.6);
            self.text_at(m, fy, &footer_left, Face::Regular, SMALL, MUTED);
            let n = format!("Page {} of {total}", i + 1);
            let nw = self.measure(&n, Face::Regular, SMALL);
            self.text_at(right - nw, fy, &n, Face::Regular, SMALL, MUTED);
            if self.pages.last().is_some_and(|p| p.sample) {
                let tag = SAMPLE_TAG;
                let tw = self.measure(tag, Face::Bold, SMALL);
                let cx = (self.width - tw) / 2.0;
                self.rect(
                    cx - 5.0,
                    fy - 9.5,
                    tw + 10.0,
                    13.0,
                    crate::theme::palette::SAMPLE_BAND,
                );
                self.text_at(cx, fy, tag, Face::Bold, SMALL, INK);
            }
            if let Some(page) = self.pages.pop() {
                self.pages.insert(i, page);
            }
        }
    }

    /// The finished PDF: fonts embedded and subset, metadata set, and an
    /// id derived from the content, so the same pages give the same bytes.
    pub fn finish(self, meta: &DocMeta) -> Result<Vec<u8>, String> {
        use lopdf::{Object, StringFormat};
        let mut doc = PdfDocument::new(&meta.title);
        for (face, font) in [Face::Regular, Face::Bold, Face::Italic]
            .into_iter()
            .zip(self.fonts.faces)
        {
            doc.resources
                .fonts
                .map
                .insert(face.id(), printpdf::PdfFont::new(font));
        }
        let info = &mut doc.metadata.info;
        info.author.clone_from(&meta.author);
        info.subject.clone_from(&meta.subject);
        info.creator = "Cairn".into();
        info.producer = "Cairn report cards (printpdf)".into();
        let (pw, ph) = (mm(self.width), mm(self.height));
        let tags = self.tags;
        let mut pages = self.pages;
        for p in &mut pages {
            p.close_artifact();
        }
        doc.pages = pages
            .into_iter()
            .map(|p| PdfPage::new(pw, ph, p.ops))
            .collect();
        let mut warnings = Vec::new();
        let mut lo = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
        let date = meta
            .print_date
            .map(|d| d.format("D:%Y%m%d000000Z").to_string());
        if let Ok(Object::Reference(id)) = lo.trailer.get(b"Info").cloned()
            && let Ok(Object::Dictionary(dict)) = lo.get_object_mut(id)
        {
            for key in [
                "CreationDate",
                "ModDate",
                "Identifier",
                "GTS_PDFXVersion",
                "Trapped",
            ] {
                dict.remove(key.as_bytes());
            }
            if let Some(date) = &date {
                dict.set(
                    "CreationDate",
                    Object::String(date.clone().into_bytes(), StringFormat::Literal),
                );
            }
        }
        super::pdf_tags::write(
            &mut lo,
            &tags,
            &super::pdf_tags::Catalog {
                title: &meta.title,
                author: &meta.author,
                subject: &meta.subject,
                lang: &meta.lang,
            },
        )?;
        let id = |h: u64| Object::String(h.to_be_bytes().to_vec(), StringFormat::Hexadecimal);
        lo.trailer.set("ID", Object::Array(vec![id(0), id(0)]));
        compress(&mut lo);
        // The id hashes every stream (pages, fonts, metadata) and the
        // object count: the same content gives the same id, with one save.
        let mut hash = 0xcbf2_9ce4_8422_2325;
        for obj in lo.objects.values() {
            if let Object::Stream(st) = obj {
                hash = fnv(&st.content, hash);
            }
        }
        hash = fnv(&lo.objects.len().to_be_bytes(), hash);
        lo.trailer.set(
            "ID",
            Object::Array(vec![id(hash), id(fnv(&hash.to_be_bytes(), hash))]),
        );
        let mut bytes = Vec::new();
        lo.save_to(&mut bytes).map_err(|e| e.to_string())?;
        Ok(bytes)
    }
}
