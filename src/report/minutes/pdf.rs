//! The minutes as a PDF, on the report cards' layout engine: the same
//! fonts, status chips, tables and page furniture. The same minutes and
//! paper give the same bytes.

use super::{ActionRow, Mark, Minutes, MinutesItem};
use crate::report::model::{date_text, percent_text};
use crate::report::pdf::Pdf;
use crate::report::pdf_layout::{
    ALERT, BODY, Cell, Col, DocMeta, Face, Fonts, INK, MUTED, RULE, SMALL, Writer, prepared_line,
};
use crate::report::pdf_tags::Role;
use crate::report::{Paper, ReportError};

/// Renders the minutes.
pub fn render(minutes: &Minutes, paper: Paper) -> Result<Pdf, ReportError> {
    let fonts = Fonts::load()?;
    let mut w = Writer::new(fonts, paper.size_pt());
    let width = w.content_width();
    let header = w.fit(
        &format!("Minutes · {} · {}", minutes.title, date_text(minutes.date)),
        Face::Regular,
        SMALL,
        width,
    );
    front(&mut w, minutes);
    overview(&mut w, minutes);
    for item in &minutes.items {
        item_block(&mut w, minutes, item);
    }
    action_summary(&mut w, minutes);
    let footer = prepared_line(&minutes.prepared_by, &minutes.organisation);
    w.decorate(&header, &footer, false);
    let replaced = w.replaced;
    let pages = w.pages.len();
    let meta = DocMeta::new(
        minutes.doc_title(),
        &minutes.prepared_by,
        &minutes.organisation,
        format!(
            "Minutes of the review of the {} for {}",
            minutes.plan_line, minutes.period
        ),
        minutes.print_date,
    )
    .in_language(&minutes.language);
    let bytes = w.finish(&meta).map_err(ReportError::from)?;
    Ok(Pdf {
        bytes,
        pages,
        replaced,
    })
}

fn time_of(rfc3339: Option<&str>) -> Option<String> {
    let t = chrono::DateTime::parse_from_rfc3339(rfc3339?).ok()?;
    Some(t.format("%H:%M UTC").to_string())
}

fn front(w: &mut Writer, m: &Minutes) {
    let (x, cw) = (w.margin, w.content_width());
    w.para(&m.organisation, Face::Regular, 10.0, x, cw, MUTED);
    w.para(&m.plan_line, Face::Regular, 10.0, x, cw, MUTED);
    w.y += 6.0;
    w.tagged(Role::H1, |w| {
        w.para(
            &format!("Minutes: {}", m.title),
            Face::Bold,
            20.0,
            x,
            cw,
            INK,
        );
    });
    w.y += 2.0;
    let when = match (
        time_of(m.started_at.as_deref()),
        time_of(m.ended_at.as_deref()),
    ) {
        (Some(s), Some(e)) => format!(", {s} to {e}"),
        (Some(s), None) => format!(", from {s}"),
        _ => String::new(),
    };
    w.para(
        &format!(
            "{}{when} · Review of {} · {}",
            date_text(m.date),
            m.period,
            m.state
        ),
        Face::Regular,
        11.0,
        x,
        cw,
        INK,
    );
    if m.ended_at.is_none() {
        w.y += 2.0;
        let note = if m.started_at.is_none() {
            "This meeting has not been held: these are the agenda and the plan as it stands."
        } else {
            "This meeting has not been ended: the “Now” column shows the plan as it stands at printing."
        };
        w.para(note, Face::Italic, BODY, x, cw, ALERT);
    }
    if m.sample {
        w.mark_sample();
        w.para(
            "The plan in this workbench is illustrative sample data, not the city's.",
            Face::Bold,
            BODY,
            x,
            cw,
            ALERT,
        );
    }
    w.heading(2, "Attendees", 12.0, 20.0);
    let attendees = if m.attendees.is_empty() {
        "None recorded.".to_owned()
    } else {
        m.attendees.join(", ")
    };
    w.para(&attendees, Face::Regular, BODY + 0.5, x, cw, INK);
}

fn mark_cell(mark: Option<&Mark>) -> Vec<Cell> {
    match mark {
        Some(m) => vec![
            Cell::Chip(m.chip.clone()),
            Cell::Text(percent_text(m.percent)),
        ],
        None => vec![
            Cell::Styled("not noted".into(), Face::Italic, MUTED),
            Cell::Text(String::new()),
        ],
    }
}

fn overview(w: &mut Writer, m: &Minutes) {
    w.heading(2, "Agenda", 12.0, 40.0);
    if m.items.is_empty() {
        w.para(
            "Nothing was on the agenda.",
            Face::Italic,
            BODY,
            w.margin,
            w.content_width(),
            MUTED,
        );
        return;
    }
    let after = if m.after_label == "After" {
        "After"
    } else {
        "Now"
    };
    let cols = [
        Col::left("Item", 3.6),
        Col::left("Before", 1.25),
        Col::right("%", 0.45),
        Col::left(after, 1.25),
        Col::right("%", 0.45),
        Col::right("Decisions", 0.9),
        Col::right("Actions", 0.7),
    ];
    let rows: Vec<Vec<Cell>> = m
        .items
        .iter()
        .map(|i| {
            let mut row = vec![Cell::Text(item_label(i))];
            row.extend(mark_cell(i.before.as_ref()));
            row.extend(mark_cell(i.after.as_ref()));
            row.push(Cell::Text(i.decisions.len().to_string()));
            row.push(Cell::Text(i.actions.len().to_string()));
            row
        })
        .collect();
    let sample: Vec<bool> = m.items.iter().map(|i| i.sample).collect();
    w.table(&cols, &rows, &sample);
    if sample.contains(&true) {
        w.para(
            "Some of these statuses draw on illustrative sample KPI values, not the city's; their pages say so in the footer.",
            Face::Italic,
            SMALL,
            w.margin,
            w.content_width(),
            MUTED,
        );
    }
}

fn item_label(i: &MinutesItem) -> String {
    let mut s = if i.code.is_empty() {
        i.title.clone()
    } else {
        format!("{} {}", i.code, i.title)
    };
    if i.deleted {
        s.push_str(" (since deleted)");
    }
    s
}

fn item_block(w: &mut Writer, m: &Minutes, i: &MinutesItem) {
    let (x, cw) = (w.margin, w.content_width());
    w.heading(2, &item_label(i), 12.0, 50.0);
    if i.sample {
        w.mark_sample();
    }
    let mut line = Vec::new();
    if !i.level.is_empty() {
        line.push(i.level.clone());
    }
    if !i.owner.is_empty() {
        line.push(format!("Owner: {}", i.owner));
    }
    if !line.is_empty() {
        w.para(&line.join(" · "), Face::Regular, BODY, x, cw, MUTED);
    }
    // Before and after as chips, so the change is seen at a glance.
    w.ensure(22.0);
    let y = w.y + 3.0;
    let label = |w: &mut Writer, cx: &mut f32, text: &str| {
        w.text_at(*cx, y + 9.5, text, Face::Bold, BODY, INK);
        *cx += w.measure(text, Face::Bold, BODY) + 5.0;
    };
    // One paragraph: "Before: ● On track 40% After: ✖ Off track 45% changed".
    w.tagged(Role::P, |w| {
        let mut cx = x;
        label(w, &mut cx, "Before:");
        cx = chip_or_text(w, cx, y, i.before.as_ref());
        cx += 14.0;
        label(w, &mut cx, &format!("{}:", m.after_label));
        cx = chip_or_text(w, cx, y, i.after.as_ref());
        if i.changed() {
            w.text_at(cx + 10.0, y + 9.5, "changed", Face::Italic, BODY, ALERT);
        }
    });
    w.y += 20.0;
    if !i.changes.is_empty() {
        w.y += 4.0;
        w.para(
            "Changed during the meeting",
            Face::Bold,
            BODY + 0.5,
            x,
            cw,
            INK,
        );
        bullets(w, &i.changes);
    }
    w.y += 4.0;
    w.para("Decisions", Face::Bold, BODY + 0.5, x, cw, INK);
    bullets(w, &i.decisions);
    w.y += 4.0;
    w.para("Action items", Face::Bold, BODY + 0.5, x, cw, INK);
    if i.actions.is_empty() {
        bullets(w, &[]);
        w.y += 4.0;
    } else {
        action_table(w, &i.actions, false);
    }
    w.rule(RULE, 0.6);
}

/// An indented bulleted list, or "None recorded." when empty.
fn bullets(w: &mut Writer, lines: &[String]) {
    let (x, cw) = (w.margin + 10.0, w.content_width() - 10.0);
    if lines.is_empty() {
        w.para("None recorded.", Face::Italic, BODY, x, cw, MUTED);
    }
    for line in lines {
        w.para(&format!("• {line}"), Face::Regular, BODY, x, cw, INK);
    }
}

fn chip_or_text(w: &mut Writer, x: f32, y: f32, mark: Option<&Mark>) -> f32 {
    match mark {
        Some(m) => {
            let cw = w.chip(x, y, &m.chip, BODY);
            let pct = percent_text(m.percent);
            w.text_at(x + cw + 5.0, y + 9.5, &pct, Face::Regular, BODY, INK);
            x + cw + 5.0 + w.measure(&pct, Face::Regular, BODY)
        }
        None => {
            w.text_at(x, y + 9.5, "not noted", Face::Italic, BODY, MUTED);
            x + w.measure("not noted", Face::Italic, BODY)
        }
    }
}

fn action_table(w: &mut Writer, actions: &[ActionRow], with_item: bool) {
    let mut cols = Vec::new();
    if with_item {
        cols.push(Col::left("Item", 0.7));
    }
    cols.extend([
        Col::left("Action", 4.0),
        Col::left("Owner", 1.6),
        Col::left("Due", 1.1),
        Col::left("State", 1.2),
    ]);
    let rows: Vec<Vec<Cell>> = actions
        .iter()
        .map(|a| {
            let mut row = Vec::new();
            if with_item {
                row.push(Cell::Text(a.code.clone()));
            }
            row.extend([
                Cell::Text(a.text.clone()),
                Cell::Text(a.owner.clone()),
                Cell::Text(a.due.map(|d| d.to_string()).unwrap_or_default()),
                Cell::Text(a.state.clone()),
            ]);
            row
        })
        .collect();
    w.table(&cols, &rows, &[]);
}

fn action_summary(w: &mut Writer, m: &Minutes) {
    let all: Vec<ActionRow> = m.actions().cloned().collect();
    w.heading(2, "All action items", 12.0, 40.0);
    if all.is_empty() {
        w.para(
            "None recorded.",
            Face::Italic,
            BODY,
            w.margin,
            w.content_width(),
            MUTED,
        );
    } else {
        action_table(w, &all, true);
    }
}
