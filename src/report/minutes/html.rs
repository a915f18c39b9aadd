//! The minutes as one self-contained HTML page: the accessible companion
//! of the PDF (real tables with header cells, chips with symbol and word),
//! in the report cards' style.

use std::fmt::Write as _;

use super::{ActionRow, Mark, Minutes};
use crate::report::html::{chip, css, escape, hex};
use crate::report::model::{date_text, percent_text};
use crate::theme::palette::SAMPLE_BAND;

fn mark(m: Option<&Mark>) -> String {
    m.map_or_else(
        || "<span class=\"muted\">not noted</span>".to_owned(),
        |m| format!("{} {}", chip(&m.chip), percent_text(m.percent)),
    )
}

fn list(o: &mut String, title: &str, lines: &[String]) {
    let _ = writeln!(o, "<h4>{}</h4>", escape(title));
    if lines.is_empty() {
        o.push_str("<p class=\"muted\">None recorded.</p>\n");
        return;
    }
    o.push_str("<ul>\n");
    for l in lines {
        let _ = writeln!(o, "<li>{}</li>", escape(l));
    }
    o.push_str("</ul>\n");
}

fn actions(o: &mut String, rows: &[ActionRow], with_item: bool) {
    o.push_str("<table>\n<thead><tr>");
    if with_item {
        o.push_str("<th scope=\"col\">Item</th>");
    }
    o.push_str("<th scope=\"col\">Action</th><th scope=\"col\">Owner</th><th scope=\"col\">Due</th><th scope=\"col\">State</th></tr></thead>\n<tbody>\n");
    for a in rows {
        o.push_str("<tr>");
        if with_item {
            let _ = write!(o, "<td>{}</td>", escape(&a.code));
        }
        let _ = writeln!(
            o,
            "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&a.text),
            escape(&a.owner),
            a.due.map(|d| d.to_string()).unwrap_or_default(),
            escape(&a.state)
        );
    }
    o.push_str("</tbody>\n</table>\n");
}

/// Renders the minutes as one HTML page.
pub fn render(m: &Minutes) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<header>\n<p class=\"org\">{}</p>\n<p class=\"plan\">{}</p>\n<h1>Minutes: {}</h1>\n<dl class=\"cover\">\n<dt>Date</dt><dd>{}</dd>\n<dt>Period under review</dt><dd>{}</dd>\n<dt>State</dt><dd>{}</dd>\n<dt>Attendees</dt><dd>{}</dd>",
        escape(&m.doc_title()),
        css(),
        escape(&m.organisation),
        escape(&m.plan_line),
        escape(&m.title),
        date_text(m.date),
        escape(&m.period),
        escape(&m.state),
        if m.attendees.is_empty() {
            "None recorded.".to_owned()
        } else {
            escape(&m.attendees.join(", "))
        }
    );
    if !m.prepared_by.is_empty() {
        let _ = writeln!(o, "<dt>Prepared by</dt><dd>{}</dd>", escape(&m.prepared_by));
    }
    o.push_str("</dl>\n");
    if m.ended_at.is_none() {
        o.push_str("<p class=\"muted\">This meeting has not been ended: “Now” is the plan as it stands at printing.</p>\n");
    }
    if m.sample || m.items.iter().any(|i| i.sample) {
        let _ = writeln!(
            o,
            "<p class=\"sample\" role=\"note\" style=\"background:{}\">Some statuses draw on illustrative sample figures, not the city’s.</p>",
            hex(SAMPLE_BAND)
        );
    }
    let _ = writeln!(
        o,
        "</header>\n<h2>Agenda</h2>\n<table>\n<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Before</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">Decisions</th><th scope=\"col\" class=\"num\">Actions</th></tr></thead>\n<tbody>",
        escape(&m.after_label)
    );
    for i in &m.items {
        let _ = writeln!(
            o,
            "<tr><th scope=\"row\">{} {}{}</th><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&i.code),
            escape(&i.title),
            if i.deleted { " (since deleted)" } else { "" },
            mark(i.before.as_ref()),
            mark(i.after.as_ref()),
            i.decisions.len(),
            i.actions.len()
        );
    }
    o.push_str("</tbody>\n</table>\n");
    for i in &m.items {
        let _ = writeln!(
            o,
            "<section>\n<h3>{} {}</h3>\n<p class=\"org\">{}{}</p>\n<p>Before: {} · {}: {}</p>",
            escape(&i.code),
            escape(&i.title),
            escape(&i.level),
            if i.owner.is_empty() {
                String::new()
            } else {
                format!(" · Owner: {}", escape(&i.owner))
            },
            mark(i.before.as_ref()),
            escape(&m.after_label),
            mark(i.after.as_ref())
        );
        if !i.changes.is_empty() {
            list(&mut o, "Changed during the meeting", &i.changes);
        }
        list(&mut o, "Decisions", &i.decisions);
        o.push_str("<h4>Action items</h4>\n");
        if i.actions.is_empty() {
            o.push_str("<p class=\"muted\">None recorded.</p>\n");
        } else {
            actions(&mut o, &i.actions, false);
        }
        o.push_str("</section>\n");
    }
    o.push_str("<h2>All action items</h2>\n");
    let all: Vec<ActionRow> = m.actions().cloned().collect();
    if all.is_empty() {
        o.push_str("<p class=\"muted\">None recorded.</p>\n");
    } else {
        actions(&mut o, &all, true);
    }
    o.push_str("</body>\n</html>\n");
    o
}
