//! The card's navigation and exception pages in the PDF: the contents,
//! "What needs attention" and the compact one-line lists of completed and
//! not-started items under each goal.

use super::model::{InitiativeRow, ReportCard, Section, date_text};
use crate::model::StatusKind;
use crate::report::pdf_layout::{Cell, Col, Face, INK, MUTED, SMALL, Writer};
use crate::report::pdf_tags::Role;

/// Where a contents line's page number goes, once pages are known.
pub struct Slot {
    elem: usize,
    page: usize,
    right: f32,
    y: f32,
}

/// The contents: each section's title, one line each; the page numbers
/// are drawn by [`fill_contents`] once every page is laid out.
pub fn contents(w: &mut Writer, heading: &str, titles: &[String]) -> Vec<Slot> {
    let (x, cw) = (w.margin, w.content_width());
    let size = SMALL + 1.0;
    w.heading(2, heading, 16.0, 40.0);
    let mut slots = Vec::new();
    w.open(Role::L);
    for title in titles {
        let nw = w.measure("000", Face::Regular, size);
        let line = w.fit(title, Face::Regular, size, cw - nw - 12.0);
        w.ensure(13.0);
        w.y += 13.0;
        let y = w.y - 3.0;
        w.open(Role::LI);
        let elem = w.open(Role::LBody);
        w.tagged(Role::P, |w| {
            w.text_at(x, y, &line, Face::Regular, size, INK)
        });
        w.close();
        w.close();
        slots.push(Slot {
            elem,
            page: w.page_index(),
            right: x + cw,
            y,
        });
    }
    w.close();
    w.y += 8.0;
    slots
}

/// Prints each contents line's page number: the page of the bookmark with
/// its title (bookmarks are made by the section headings).
pub fn fill_contents(w: &mut Writer, slots: &[Slot], titles: &[String]) {
    let size = SMALL + 1.0;
    for (slot, title) in slots.iter().zip(titles) {
        let Some(page) = w
            .tags
            .bookmarks
            .iter()
            .find(|b| b.title == *title)
            .map(|b| b.page + 1)
        else {
            continue;
        };
        let n = page.to_string();
        let nw = w.measure(&n, Face::Regular, size);
        w.draw_into(slot.page, slot.elem, |w| {
            w.text_at(slot.right - nw, slot.y, &n, Face::Regular, size, INK);
        });
    }
}

/// "What needs attention": per goal, every item off track, at risk or
/// overdue, every KPI off target, with owner, change and commentary.
pub fn attention_page(w: &mut Writer, card: &ReportCard) {
    let (x, cw) = (w.margin, w.content_width());
    w.heading(2, "What needs attention", 16.0, 60.0);
    // The statuses listed here draw on the same KPIs as page 2's.
    if card.summary.uses_sample {
        w.mark_sample();
    }
    let rows: usize = card.attention.iter().map(|g| g.rows.len()).sum();
    let compared = card
        .summary
        .percent
        .previous_period
        .as_deref()
        .map_or_else(String::new, |p| format!(" since {p}"));
    let intro = if rows == 0 {
        format!(
            "Nothing in scope is off track, at risk or overdue in {}, and no KPI is off target.",
            card.period
        )
    } else {
        format!(
            "{rows} {} in {}: each with its owner, what changed{compared} and the office's commentary, grouped by {}.",
            if rows == 1 {
                "item needs attention"
            } else {
                "items need attention"
            },
            card.period,
            card.sections
                .first()
                .map_or("goal".into(), |s| s.level.to_lowercase())
        )
    };
    w.para(&intro, Face::Regular, 9.5, x, cw, INK);
    w.y += 4.0;
    let cols = [
        Col::left("Code", 0.7),
        Col::left("Item", 3.3),
        Col::left("Why", 2.5),
        Col::left("Owner", 1.7),
        Col::left("Change", 1.3),
        Col::left("Commentary", 2.7),
    ];
    for g in &card.attention {
        w.heading(3, &g.heading, 11.0, 50.0);
        let sample: Vec<bool> = g.rows.iter().map(|r| r.sample).collect();
        let rows: Vec<Vec<Cell>> = g
            .rows
            .iter()
            .map(|r| {
                let title = if r.sample {
                    format!("{}: {} [sample]", r.kind, r.title)
                } else {
                    format!("{}: {}", r.kind, r.title)
                };
                vec![
                    Cell::Text(r.code.clone()),
                    Cell::Text(title),
                    match &r.status {
                        Some(c) => Cell::Styled(
                            format!("{} {}", c.kind.symbol(), r.reason),
                            Face::Bold,
                            INK,
                        ),
                        None => Cell::Text(r.reason.clone()),
                    },
                    dash_if_blank(&r.owner),
                    dash_if_blank(&r.change),
                    dash_if_blank(&r.note),
                ]
            })
            .collect();
        w.table(&cols, &rows, &sample);
    }
}

/// Under a goal's table at compact detail: its completed and not-started
/// items, counted, one line each.
pub fn compact_lists(w: &mut Writer, s: &Section, compact: &[&InitiativeRow]) {
    let (x, cw) = (w.margin, w.content_width());
    for kind in [StatusKind::Completed, StatusKind::NotStarted] {
        let items: Vec<&&InitiativeRow> =
            compact.iter().filter(|i| i.status.kind == kind).collect();
        if items.is_empty() {
            continue;
        }
        let label = items[0].status.label.clone();
        let name = s.initiatives_name.to_lowercase();
        w.ensure(40.0);
        w.y += 4.0;
        w.para(
            &format!("{} {label}: {} {name}", kind.symbol(), items.len()),
            Face::Bold,
            SMALL + 0.5,
            x,
            cw,
            INK,
        );
        w.open(Role::L);
        for i in items {
            let mut line = format!("{}  {}", i.code, i.title);
            if let Some(t) = &i.term {
                line += &format!(" ({})", t.to_lowercase());
            }
            if !i.also_at.is_empty() {
                line += &format!(" — linked; also {}", i.also_at.join(", "));
            }
            if let Some(d) = i.due {
                line += &format!(" · due {}", date_text(d));
            }
            if !i.owner.is_empty() {
                line += &format!(" · {}", i.owner);
            }
            w.open(Role::LI);
            w.tagged(Role::LBody, |w| {
                w.para(&line, Face::Regular, SMALL, x + 8.0, cw - 8.0, MUTED);
            });
            w.close();
        }
        w.close();
    }
}

/// A table cell for text that may be blank: "—" in grey then.
pub(super) fn dash_if_blank(text: &str) -> Cell {
    if text.trim().is_empty() {
        Cell::Styled("—".into(), Face::Regular, MUTED)
    } else {
        Cell::Text(text.to_owned())
    }
}
