//! The PDF renderer: a [`ReportCard`] onto Letter or A4 pages with embedded,
//! subset DejaVu fonts. The same card and paper give the same bytes: no
//! clock, no random ids.
//!
//! One file per part of the card: `cover.rs`, `summary.rs` (the period at
//! a glance), `section.rs` (a goal's pages), `appendix.rs`; this file lays
//! them out in order and finishes the document.

mod appendix;
mod cover;
mod section;
mod summary;

use crate::model::StatusKind;
use crate::report::card::model::{
    APPENDIX_TITLE, Chip, Detail, InitiativeRow, OVERRIDE_LEGEND, ReportCard, Section, change_text,
    date_text, marked_percent, percent_text, shares_text, trend_text, value_text,
};
use crate::report::pdf_layout::{
    ALERT, Align, BODY, Cell, Col, DocMeta, Face, Fonts, INK, MUTED, REPLACEMENT, RULE, SMALL,
    Spark, Writer, prepared_line,
};
use crate::report::pdf_tags::Role;
use crate::report::{Paper, ReportError};
use crate::theme::palette::{SAMPLE_BAND, status_colour};

use appendix::appendix;
use cover::cover;
use section::section_pages;
use summary::summary;

/// A rendered PDF.
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Characters the font could not show, printed as "□".
    pub replaced: usize,
}

/// Renders the card.
pub fn render(card: &ReportCard, paper: Paper) -> Result<Pdf, ReportError> {
    let w = layout(card, paper)?;
    let replaced = w.replaced;
    let pages = w.pages.len();
    let bytes = save(card, w)?;
    Ok(Pdf {
        bytes,
        pages,
        replaced,
    })
}

/// The contents list's heading.
const CONTENTS: &str = "Contents";

/// The sections the contents lists, in order: the titles of the card's
/// bookmarks.
fn contents_titles(card: &ReportCard) -> Vec<String> {
    let mut t = vec![
        card.summary.title.clone(),
        "What needs attention".to_owned(),
    ];
    t.extend(card.sections.iter().map(Section::heading));
    t.push(APPENDIX_TITLE.to_owned());
    t
}

fn layout(card: &ReportCard, paper: Paper) -> Result<Writer, ReportError> {
    let fonts = Fonts::load()?;
    let mut w = Writer::new(fonts, paper.size_pt());
    // Cleaned first, so its replaced characters are counted in the note.
    let width = w.content_width();
    let header = w.fit(&running_header(card), Face::Regular, SMALL, width);
    cover(&mut w, card);
    summary(&mut w, card);
    if !card.summary_only {
        w.new_page();
        let titles = contents_titles(card);
        let slots = crate::report::card::pdf_attention::contents(&mut w, CONTENTS, &titles);
        crate::report::card::pdf_attention::attention_page(&mut w, card);
        for (i, section) in card.sections.iter().enumerate() {
            // Compact cards let a goal start below the last when a third
            // of a page is left; full cards give each its own page.
            let room = w.bottom - w.y;
            if i == 0 || card.detail == Detail::Full || room < (w.bottom - w.top) / 3.0 {
                w.new_page();
            } else {
                w.y += 10.0;
                w.rule(RULE, 1.0);
                w.y += 6.0;
            }
            section_pages(&mut w, card, section);
            w.continued = None;
        }
        w.new_page();
        appendix(&mut w, card);
        crate::report::card::pdf_attention::fill_contents(&mut w, &slots, &titles);
    }
    decorate(&mut w, card, &header);
    Ok(w)
}

/// The legend line for the override mark, under a table that shows one.
fn override_legend(w: &mut Writer) {
    let (x, cw) = (w.margin, w.content_width());
    w.y += 2.0;
    w.para(OVERRIDE_LEGEND, Face::Italic, SMALL, x, cw, MUTED);
}

fn notes_block(w: &mut Writer, notes: &crate::report::card::model::Notes) {
    let (x, cw) = (w.margin, w.content_width());
    if !notes.commentary.trim().is_empty() {
        w.heading(3, "Commentary", 11.0, 30.0);
        w.para(&notes.commentary, Face::Regular, BODY, x, cw, INK);
    }
    if !notes.recommendations.trim().is_empty() {
        w.heading(3, "Recommendations", 11.0, 30.0);
        w.para(&notes.recommendations, Face::Regular, BODY, x, cw, INK);
    }
    w.y += 6.0;
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |v| value_text(Some(v)))
}

fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{}", value_text(Some(v)))
    } else if v < 0.0 {
        format!("−{}", value_text(Some(-v)))
    } else {
        "±0".into()
    }
}

fn running_header(card: &ReportCard) -> String {
    format!("{} · {} · {}", card.plan_line(), card.scope, card.period)
}

/// Adds the running header and footer, now that the page count is known.
fn decorate(w: &mut Writer, card: &ReportCard, header: &str) {
    let footer_left = prepared_line(&card.prepared_by, &card.organisation_line());
    w.decorate(header, &footer_left, card.summary_only);
}

fn save(card: &ReportCard, w: Writer) -> Result<Vec<u8>, ReportError> {
    let meta = DocMeta::new(
        card.title(),
        &card.prepared_by,
        &card.organisation,
        format!(
            "Report card on the {} for {}: {}",
            card.plan_line(),
            card.period,
            card.scope
        ),
        card.print_date,
    )
    .in_language(&card.language);
    w.finish(&meta).map_err(ReportError::from)
}
