//! Tables: columns, cells, and rows that never split with a header that
//! repeats on each new page.

use super::{Face, INK, RULE, SHADE, SMALL, Writer, lead};
use crate::report::pdf_tags::Role;
use crate::theme::palette::Rgb;

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

impl Writer {
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
