//! A small flowing layout engine for the PDF renderer: a cursor that moves
//! down the page, text wrapped by measured glyph widths, tables whose rows
//! never split and whose header repeats on each new page. Coordinates are
//! points from the top-left corner; they are flipped when ops are emitted.
//!
//! `fonts.rs` the faces and measuring text, `page.rs` one page and
//! colours, `draw.rs` text, shapes, chips and trend lines, `table.rs`
//! tables, `finish.rs` the running header and footer and the finished
//! file with its metadata.

mod draw;
mod finish;
mod fonts;
mod page;
mod table;

use printpdf::Op;

use crate::report::pdf_tags::{Bookmark, Role, Tags};

pub use finish::{DocMeta, prepared_line};
pub use fonts::{Face, Fonts, REPLACEMENT};
pub use page::Page;
pub use table::{Align, Cell, Col, Spark};

/// Ink colours, from the one palette.
pub use crate::theme::palette::{ERROR_RED as ALERT, INK, MUTED, RULE, SHADE};

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
        self.pages.push(Page::with_header(self.continued.clone()));
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

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last].ops
    }
}
