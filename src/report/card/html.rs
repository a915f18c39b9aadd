//! The HTML renderer: one self-contained page (inline CSS, inline SVG, no
//! scripts, no external requests) for publishing and for screen readers.
//! Tables are real tables with header cells; status chips carry their
//! symbol and word, never colour alone.

use std::fmt::Write as _;

use super::model::{
    Chip, KpiRow, Notes, OVERRIDE_LEGEND, ReportCard, Section, StatusShare, change_text, date_text,
    marked_percent, percent_text, shares_text, trend_text, value_text,
};
use crate::theme::palette::{self, Rgb, SAMPLE_BAND, status_colour, status_text_colour};

pub use crate::report::escape::escape;

pub(in crate::report) fn hex(c: Rgb) -> String {
    c.css()
}

pub(in crate::report) fn chip(c: &Chip) -> String {
    format!(
        r#"<span class="chip" style="background:{};color:{}"><span aria-hidden="true">{}</span> {}{}</span>"#,
        hex(status_colour(c.kind)),
        hex(status_text_colour(c.kind)),
        escape(c.kind.symbol()),
        escape(&c.label),
        if c.overridden {
            concat!(" ", "✎", "<span class=\"sr\"> (override)</span>")
        } else {
            ""
        }
    )
}

/// The legend line for the override mark, under what shows one.
fn override_legend(o: &mut String) {
    let _ = writeln!(o, "<p class=\"muted\">{}</p>", escape(OVERRIDE_LEGEND));
}

/// Paragraphs from text with blank-line or newline breaks.
fn paras(text: &str) -> String {
    text.split('\n')
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", escape(p.trim())))
        .collect()
}

fn bar(shares: &[StatusShare], label: &str) -> String {
    let mut out = format!(
        r#"<div class="bar" role="img" aria-label="{}">"#,
        escape(label)
    );
    for s in shares.iter().filter(|s| s.count > 0) {
        let _ = write!(
            out,
            r#"<span style="width:{:.2}%;background:{}" title="{}: {}"></span>"#,
            s.percent,
            hex(status_colour(s.chip.kind)),
            escape(&s.chip.label),
            s.count
        );
    }
    out + "</div>"
}

/// A sparkline as inline SVG; missing values break the line.
fn spark(values: &[(String, Option<f64>)]) -> String {
    let known: Vec<f64> = values.iter().filter_map(|(_, v)| *v).collect();
    let (Some(lo), Some(hi)) = (
        known.iter().copied().reduce(f64::min),
        known.iter().copied().reduce(f64::max),
    ) else {
        return String::new();
    };
    let span = if (hi - lo).abs() < f64::EPSILON {
        1.0
    } else {
        hi - lo
    };
    let (w, h) = (60.0, 16.0);
    let step = if values.len() > 1 {
        w / (values.len() - 1) as f64
    } else {
        0.0
    };
    let mut paths = Vec::new();
    let mut run = String::new();
    for (i, (_, v)) in values.iter().enumerate() {
        if let Some(v) = v {
            let (x, y) = (step * i as f64, 2.0 + (h - 4.0) * (1.0 - (v - lo) / span));
            let _ = write!(
                run,
                "{}{x:.1},{y:.1} ",
                if run.is_empty() { "M" } else { "L" }
            );
        } else if !run.is_empty() {
            paths.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        paths.push(run);
    }
    let desc = trend_text(values);
    let mut svg = format!(
        r#"<svg class="spark" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{}">"#,
        escape(&desc)
    );
    for d in paths {
        let _ = write!(
            svg,
            r##"<path d="{}" fill="none" stroke="{}" stroke-width="1.2"/>"##,
            d.trim(),
            palette::MUTED.css()
        );
    }
    svg + "</svg>"
}

/// The page's style sheet, its colours from the one palette.
pub(in crate::report) fn css() -> String {
    const SHEET: &str = r"
body{font-family:'DejaVu Sans Condensed','DejaVu Sans',Arial,sans-serif;color:@ink@;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
h1{font-size:2rem;margin:.2rem 0;color:@accent@}h2{margin-top:2.2rem;border-bottom:1px solid @rule@}h3{margin-top:1.4rem}
.org{color:@muted@}.plan{font-size:1.3rem;font-weight:bold}
dl.cover{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dl.cover dt{font-weight:bold;color:@muted@}dl.cover dd{margin:0}
.sample{padding:.6rem .8rem;font-weight:bold;margin:1rem 0}
.glance{display:flex;gap:2rem;align-items:flex-start;flex-wrap:wrap}
.grade{font-size:3rem;font-weight:bold;background:@rule@;width:5rem;height:5rem;display:flex;align-items:center;justify-content:center}
.pct{font-size:1.8rem;font-weight:bold}.muted{color:@muted@;font-style:italic}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}
th,td{padding:.3rem .4rem;text-align:left;vertical-align:top;border-bottom:1px solid @rule@}
thead th{background:@rule@}tbody tr:nth-child(even){background:@shade@}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.chip{display:inline-block;padding:0 .35rem;font-weight:bold;font-size:.85rem;white-space:nowrap}
.bar{display:flex;height:1rem;background:@rule@;min-width:6rem}.bar span{display:block;height:100%}
.big.bar{height:1.4rem;margin:.3rem 0}
.overdue{color:@alert@;font-weight:bold}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}ul.legend{list-style:none;padding:0;display:flex;gap:.4rem 1.2rem;flex-wrap:wrap}ul.scale{list-style:none;padding:0;margin:0;font-size:.9rem}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
@media print{h2.section{break-before:page}tr{break-inside:avoid}}
";
    [
        ("@ink@", palette::INK),
        ("@accent@", palette::ACCENT),
        ("@rule@", palette::RULE),
        ("@muted@", palette::MUTED),
        ("@shade@", palette::SHADE),
        ("@alert@", palette::ERROR_RED),
    ]
    .iter()
    .fold(SHEET.to_owned(), |sheet, (token, colour)| {
        sheet.replace(token, &colour.css())
    })
}

/// Renders the card as one HTML page.
pub fn render(card: &ReportCard) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<meta name=\"author\" content=\"{}\">\n<style>{}</style>\n</head>\n<body>",
        escape(&card.language),
        escape(&card.title()),
        escape(&card.prepared_by),
        css()
    );
    cover(&mut o, card);
    summary(&mut o, card);
    if !card.summary_only {
        super::html_attention::contents(&mut o, card);
        super::html_attention::attention(&mut o, card);
        for s in &card.sections {
            section(&mut o, card, s);
        }
        appendix(&mut o, card);
    }
    o.push_str("</body>\n</html>\n");
    o
}

fn cover(o: &mut String, card: &ReportCard) {
    let _ = writeln!(
        o,
        "<header>\n<p class=\"org\">{}</p>\n<p class=\"plan\">{}</p>\n<h1>Report card{}</h1>\n<dl class=\"cover\">\n<dt>Scope</dt><dd>{}</dd>\n<dt>Reporting period</dt><dd>{} ({})</dd>",
        escape(&card.organisation_line()),
        escape(&card.plan_line()),
        if card.summary_only { " summary" } else { "" },
        escape(&card.scope),
        escape(&card.period),
        escape(&card.period_dates)
    );
    if !card.prepared_by.is_empty() {
        let _ = writeln!(
            o,
            "<dt>Prepared by</dt><dd>{}</dd>",
            escape(&card.prepared_by)
        );
    }
    if let Some(d) = card.print_date {
        let _ = writeln!(o, "<dt>Printed</dt><dd>{}</dd>", date_text(d));
    }
    o.push_str("</dl>\n");
    if card.contains_sample {
        let _ = writeln!(
            o,
            "<p class=\"sample\" role=\"note\" style=\"background:{}\">Contains sample data: figures marked “sample” are illustrative, not the organisation’s.</p>",
            hex(SAMPLE_BAND)
        );
    }
    o.push_str("</header>\n");
}

fn summary(o: &mut String, card: &ReportCard) {
    let s = &card.summary;
    let change = match (s.percent.change(), &s.percent.previous_period) {
        (Some(c), Some(p)) => format!("{} since {}", change_text(c), escape(p)),
        (None, Some(p)) => format!(
            "Change since {0} not shown: {0} is not locked and no progress was recorded per period.",
            escape(p)
        ),
        (_, None) => "No earlier period of this kind in the plan.".into(),
    };
    let grade = s.grade.clone().unwrap_or_else(|| "—".into());
    let _ = writeln!(
        o,
        "<main>\n<section aria-labelledby=\"glance\">\n<h2 id=\"glance\">{title}</h2>\n<div class=\"glance\">\n<div><div class=\"grade\" aria-label=\"Overall grade {g}\">{g}</div><div>Overall grade{m}{was}</div></div>\n{scale}<div><p class=\"pct\">{} complete</p><p class=\"muted\">{change}</p><p>{}</p><p>{basis}</p></div>\n</div>",
        percent_text(s.percent.current),
        s.score.map_or(
            "No score: nothing in scope has a graded status yet.".into(),
            |v| format!("Score {v:.0} of 100")
        ),
        g = escape(&grade),
        basis = escape(&s.grade_basis),
        title = escape(&s.title),
        was = match (&s.grade_before, &s.percent.previous_period) {
            (Some(b), Some(p)) => format!(" ({}: {})", escape(p), escape(b)),
            _ => String::new(),
        },
        scale = scale(card),
        m = if s.grade_meaning.is_empty() {
            String::new()
        } else {
            format!(": {}", escape(&s.grade_meaning))
        },
    );
    let _ = write!(
        o,
        "<h3>{} by status</h3>\n<div class=\"big bar\" role=\"img\" aria-label=\"{}\">",
        escape(&super::build::count_of(s.distinct, &s.counted)),
        escape(&shares_text(&s.shares))
    );
    for sh in s.shares.iter().filter(|s| s.count > 0) {
        let _ = write!(
            o,
            r#"<span style="width:{:.2}%;background:{}"></span>"#,
            sh.percent,
            hex(status_colour(sh.chip.kind))
        );
    }
    o.push_str("</div>\n<ul class=\"legend\">");
    for sh in s.shares.iter().filter(|s| s.count > 0) {
        let _ = write!(
            o,
            "<li>{} {} ({:.0}%)</li>",
            chip(&sh.chip),
            sh.count,
            sh.percent
        );
    }
    o.push_str("</ul>\n");
    if !s.rows.is_empty() {
        let _ = writeln!(
            o,
            "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">No.</th><th scope=\"col\">Title</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Grade</th><th scope=\"col\" class=\"num\">Complete</th><th scope=\"col\">Status mix</th></tr></thead>\n<tbody>",
            escape(&s.rows_name)
        );
        for r in &s.rows {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><th scope=\"row\">{}</th><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                escape(&r.code),
                escape(&r.title_text()),
                chip(&r.status),
                escape(&r.grade_text()),
                match r.percent.change() {
                    Some(c) => format!(
                        "{}<br><small>{}</small>",
                        marked_percent(r.percent.current, r.overridden.percent),
                        change_text(c)
                    ),
                    None => marked_percent(r.percent.current, r.overridden.percent),
                },
                bar(&r.shares, &shares_text(&r.shares))
            );
        }
        o.push_str("</tbody>\n</table>\n");
        if card.summary_has_override() {
            override_legend(o);
        }
    }
    if let Some(n) = &s.commentary {
        notes(o, n);
    }
    o.push_str("</section>\n");
    if card.summary_only {
        o.push_str("</main>\n");
    }
}

/// The grading scale beside the grade, the earned grade in bold.
fn scale(card: &ReportCard) -> String {
    let mut out = format!(
        "<div><strong>{}</strong><ul class=\"scale\">",
        escape(&card.appendix.grading_name)
    );
    for g in &card.appendix.grades {
        let earned = card.summary.grade.as_deref() == Some(g.grade.as_str());
        let _ = write!(
            out,
            "<li>{}{} from {:.0}: {}{}</li>",
            if earned { "<strong>" } else { "" },
            escape(&g.grade),
            g.min_score,
            escape(&g.meaning),
            if earned { " (this card)</strong>" } else { "" }
        );
    }
    out + "</ul></div>\n"
}

fn notes(o: &mut String, n: &Notes) {
    if !n.commentary.trim().is_empty() {
        let _ = writeln!(o, "<h3>Commentary</h3>\n{}", paras(&n.commentary));
    }
    if !n.recommendations.trim().is_empty() {
        let _ = writeln!(o, "<h3>Recommendations</h3>\n{}", paras(&n.recommendations));
    }
}

fn section(o: &mut String, card: &ReportCard, s: &Section) {
    let _ = writeln!(
        o,
        "<section aria-labelledby=\"{id}\">\n<h2 id=\"{id}\" class=\"section\">{}</h2>\n<p>{} <strong>Grade {}</strong> · <strong>{} complete</strong></p>\n<p class=\"muted\">{}</p>",
        escape(&s.heading()),
        chip(&s.status),
        escape(s.grade.as_deref().unwrap_or("—")),
        marked_percent(s.percent, s.overridden.percent),
        escape(&s.basis),
        id = super::html_attention::section_id(&s.code)
    );
    if s.has_override() {
        override_legend(o);
    }
    match &s.notes {
        Some(n) => notes(o, n),
        None => {
            let _ = writeln!(
                o,
                "<p class=\"muted\">No commentary recorded for {}.</p>",
                escape(&card.period)
            );
        }
    }
    if !s.objectives.is_empty() {
        let _ = writeln!(
            o,
            "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Title</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Grade</th><th scope=\"col\" class=\"num\">Complete</th><th scope=\"col\" class=\"num\">Done</th><th scope=\"col\" class=\"num\">Active</th><th scope=\"col\" class=\"num\">To start</th></tr></thead>\n<tbody>",
            escape(&s.objectives_name)
        );
        for r in &s.objectives {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><th scope=\"row\">{}{}</th><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                escape(&r.code),
                escape(&r.title),
                r.status_change().map(|w| escape(&w)).unwrap_or_default(),
                chip(&r.status),
                escape(&r.grade_text()),
                r.percent_text().replace('\n', "<br>"),
                r.done,
                r.in_progress,
                r.not_started
            );
        }
        o.push_str("</tbody>\n</table>\n");
    }
    if !s.initiatives.is_empty() {
        let _ = writeln!(
            o,
            "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Title</th><th scope=\"col\">Owner</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Complete</th></tr></thead>\n<tbody>",
            escape(&s.initiatives_name)
        );
        for r in &s.initiatives {
            let mut title = escape(&r.title);
            if let Some(t) = &r.term {
                let _ = write!(title, " ({})", escape(&t.to_lowercase()));
            }
            if !r.also_at.is_empty() {
                let _ = write!(title, " — linked; also {}", escape(&r.also_at.join(", ")));
            }
            if r.source_note {
                title.push_str(" †");
            }
            let due = match r.due {
                Some(d) if r.overdue => format!("<span class=\"overdue\">{d} overdue</span>"),
                Some(d) => d.to_string(),
                None => "—".into(),
            };
            let _ = writeln!(
                o,
                "<tr><td>{}</td><th scope=\"row\">{title}</th><td>{}</td><td>{due}</td><td>{}</td><td class=\"num\">{}</td></tr>",
                escape(&r.code),
                escape(&r.owner),
                chip(&r.status),
                percent_text(r.percent)
            );
        }
        o.push_str("</tbody>\n</table>\n");
    }
    if !s.kpis.is_empty() {
        o.push_str("<table>\n<caption>Key performance indicators</caption>\n<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">KPI</th><th scope=\"col\">Unit</th><th scope=\"col\" class=\"num\">Baseline</th><th scope=\"col\" class=\"num\">Target</th><th scope=\"col\" class=\"num\">Actual</th><th scope=\"col\">Trend</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n");
        for k in &s.kpis {
            kpi_row(o, k);
        }
        o.push_str("</tbody>\n</table>\n");
    }
    o.push_str("</section>\n");
}

fn kpi_row(o: &mut String, k: &KpiRow) {
    let opt = |v: Option<f64>| v.map_or_else(|| "—".into(), |v| value_text(Some(v)));
    let mut actual = match k.actual.current {
        Some(v) => value_text(Some(v)),
        None => "<span class=\"muted\">missing</span>".into(),
    };
    if let Some(p) = &k.measured_in {
        let _ = write!(actual, " <small>({})</small>", escape(p));
    }
    if let (Some(c), Some(p)) = (k.actual.change(), &k.actual.previous_period) {
        let sign = if c > 0.0 {
            "+"
        } else if c < 0.0 {
            "−"
        } else {
            "±"
        };
        let _ = write!(
            actual,
            "<br><small>{sign}{} vs {}</small>",
            value_text(Some(c.abs())),
            escape(p)
        );
    }
    let _ = writeln!(
        o,
        "<tr><td>{}</td><th scope=\"row\">{}{}</th><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{actual}</td><td>{}</td><td>{}</td></tr>",
        escape(&k.code),
        escape(&k.name),
        if k.sample {
            format!(
                " <span class=\"chip\" style=\"background:{}\">sample</span>",
                hex(SAMPLE_BAND)
            )
        } else {
            String::new()
        },
        format_args!(
            "{}<br><small>{}</small>",
            escape(&k.unit),
            escape(&k.direction.to_lowercase())
        ),
        opt(k.baseline),
        opt(k.target),
        spark(&k.trend),
        k.status
            .as_ref()
            .map_or("<span class=\"muted\">no status</span>".into(), chip)
    );
}

fn appendix(o: &mut String, card: &ReportCard) {
    let a = &card.appendix;
    let _ = write!(
        o,
        "<section aria-labelledby=\"appendix\">\n<h2 id=\"appendix\" class=\"section\">{}</h2>\n<h3>Roll-up rule</h3>\n<ul>\n",
        escape(super::model::APPENDIX_TITLE)
    );
    for r in &a.rules {
        let _ = writeln!(o, "<li>{}</li>", escape(r));
    }
    let _ = writeln!(
        o,
        "</ul>\n<table>\n<caption>Grading scale: {}</caption>\n<thead><tr><th scope=\"col\">Grade</th><th scope=\"col\" class=\"num\">From score</th><th scope=\"col\">Meaning</th></tr></thead>\n<tbody>",
        escape(&a.grading_name)
    );
    for g in &a.grades {
        let _ = writeln!(
            o,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{:.0}</td><td>{}</td></tr>",
            escape(&g.grade),
            g.min_score,
            escape(&g.meaning)
        );
    }
    o.push_str("</tbody>\n</table>\n<table>\n<caption>Grade points per status</caption>\n<thead><tr><th scope=\"col\">Status</th><th scope=\"col\">Grade points</th></tr></thead>\n<tbody>\n");
    for (c, p) in &a.points {
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td></tr>",
            chip(c),
            p.map_or("does not count".into(), |p| format!("{p:.0}"))
        );
    }
    o.push_str("</tbody>\n</table>\n<h3>Manual overrides</h3>\n");
    if a.overrides.is_empty() {
        o.push_str("<p class=\"muted\">No figure in scope was overridden.</p>\n");
    } else {
        o.push_str("<table>\n<thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Item</th><th scope=\"col\">Set to</th><th scope=\"col\">Reason</th><th scope=\"col\">By, on</th></tr></thead>\n<tbody>\n");
        for r in &a.overrides {
            let set = [
                r.status.as_ref().map(chip),
                r.percent.map(|p| percent_text(Some(p))),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            let set = format!("{set}<br><small>rule: {}</small>", escape(&r.replaced));
            let by = [
                r.by.clone(),
                r.on.map(|d| d.to_string()).unwrap_or_default(),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
            let _ = writeln!(
                o,
                "<tr><td>{}</td><th scope=\"row\">{}</th><td>{set}</td><td>{}</td><td>{}</td></tr>",
                escape(&r.code),
                escape(&r.title),
                escape(&r.reason),
                escape(&by)
            );
        }
        o.push_str("</tbody>\n</table>\n");
    }
    if !a.source_notes.is_empty() {
        o.push_str("<table>\n<caption>† Notes on the source text</caption>\n<thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Item</th><th scope=\"col\">Note</th></tr></thead>\n<tbody>\n");
        for (code, title, note) in &a.source_notes {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><th scope=\"row\">{}</th><td>{}</td></tr>",
                escape(code),
                escape(title),
                escape(note)
            );
        }
        o.push_str("</tbody>\n</table>\n");
    }
    let _ = writeln!(
        o,
        "<h3>The data</h3>\n<p>Data as of {} (end of {}).</p>",
        date_text(a.as_of),
        escape(&card.period)
    );
    if let Some((at, by)) = &a.locked {
        let _ = writeln!(
            o,
            "<p>{} was locked on {} by {}: this card shows the figures as they stood then, whatever has changed since.</p>",
            escape(&card.period),
            escape(at.get(..10).unwrap_or(at)),
            escape(by)
        );
    }
    if let Some(f) = &a.source_file {
        let _ = writeln!(o, "<p>Printed from {}.</p>", escape(f));
    }
    if !a.plan_source.is_empty() {
        let _ = writeln!(o, "<p>Plan text: {}</p>", escape(&a.plan_source));
    }
    o.push_str("</section>\n</main>\n");
}
