//! The card's contents and "What needs attention" in the HTML page: the
//! same rows as the PDF's, from [`super::attention`].

use std::fmt::Write as _;

use super::model::{APPENDIX_TITLE, ReportCard};
use crate::report::escape::escape;

/// The anchor of a goal's section: "goal-3".
pub fn section_id(code: &str) -> String {
    format!(
        "sec-{}",
        code.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    )
}

/// The contents: in-page links to each part.
pub fn contents(o: &mut String, card: &ReportCard) {
    o.push_str("<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ol>\n");
    let _ = writeln!(
        o,
        "<li><a href=\"#glance\">{}</a></li>\n<li><a href=\"#attention\">What needs attention</a></li>",
        escape(&card.summary.title)
    );
    for s in &card.sections {
        let _ = writeln!(
            o,
            "<li><a href=\"#{}\">{}</a></li>",
            section_id(&s.code),
            escape(&s.heading())
        );
    }
    let _ = writeln!(
        o,
        "<li><a href=\"#appendix\">{}</a></li>\n</ol>\n</nav>",
        escape(APPENDIX_TITLE)
    );
}

/// "What needs attention", grouped by goal.
pub fn attention(o: &mut String, card: &ReportCard) {
    o.push_str("<section aria-labelledby=\"attention\">\n<h2 id=\"attention\" class=\"section\">What needs attention</h2>\n");
    let rows: usize = card.attention.iter().map(|g| g.rows.len()).sum();
    if rows == 0 {
        let _ = writeln!(
            o,
            "<p>Nothing in scope is off track, at risk or overdue in {}, and no KPI is off target.</p>",
            escape(&card.period)
        );
    } else {
        let _ = writeln!(
            o,
            "<p>{rows} {} in {}, with owner, what changed and the office's commentary.</p>",
            if rows == 1 {
                "item needs attention"
            } else {
                "items need attention"
            },
            escape(&card.period)
        );
    }
    let dash = |t: &str| {
        if t.trim().is_empty() {
            "—".to_owned()
        } else {
            escape(t)
        }
    };
    for g in &card.attention {
        let _ = writeln!(
            o,
            "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Item</th><th scope=\"col\">Why</th><th scope=\"col\">Owner</th><th scope=\"col\">Change</th><th scope=\"col\">Commentary</th></tr></thead>\n<tbody>",
            escape(&g.heading)
        );
        for r in &g.rows {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><th scope=\"row\">{}: {}{}</th><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&r.code),
                escape(&r.kind),
                escape(&r.title),
                if r.sample { " [sample]" } else { "" },
                r.status
                    .as_ref()
                    .map(|c| format!("<span aria-hidden=\"true\">{}</span> ", c.kind.symbol()))
                    .unwrap_or_default(),
                escape(&r.reason),
                dash(&r.owner),
                dash(&r.change),
                dash(&r.note)
            );
        }
        o.push_str("</tbody>\n</table>\n");
    }
    o.push_str("</section>\n");
}
