//! The PDF renderer: a [`ReportCard`] onto Letter or A4 pages with embedded,
//! subset DejaVu fonts. The same card and paper give the same bytes: no
//! clock, no random ids.

use super::model::{
    APPENDIX_TITLE, Chip, Detail, InitiativeRow, OVERRIDE_LEGEND, ReportCard, Section, change_text,
    date_text, marked_percent, percent_text, shares_text, trend_text, value_text,
};
use crate::model::StatusKind;
use crate::report::pdf_layout::{
    ALERT, Align, BODY, Cell, Col, DocMeta, Face, Fonts, INK, MUTED, REPLACEMENT, RULE, SMALL,
    Spark, Writer, prepared_line,
};
use crate::report::pdf_tags::Role;
use crate::report::{Paper, ReportError};
use crate::theme::palette::{SAMPLE_BAND, status_colour};

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
    let fonts = Fonts::load().map_err(ReportError::Render)?;
    let mut w = Writer::new(fonts, paper.size_pt());
    // Cleaned first, so its replaced characters are counted in the note.
    let width = w.content_width();
    let header = w.fit(&running_header(card), Face::Regular, SMALL, width);
    cover(&mut w, card);
    summary(&mut w, card);
    if !card.summary_only {
        w.new_page();
        let titles = contents_titles(card);
        let slots = super::pdf_attention::contents(&mut w, CONTENTS, &titles);
        super::pdf_attention::attention_page(&mut w, card);
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
        super::pdf_attention::fill_contents(&mut w, &slots, &titles);
    }
    decorate(&mut w, card, &header);
    Ok(w)
}

fn cover(w: &mut Writer, card: &ReportCard) {
    let x = w.margin;
    let cw = w.content_width();
    if card.summary_only {
        w.para(&card.organisation_line(), Face::Regular, 10.0, x, cw, MUTED);
        w.tagged(Role::H1, |w| {
            w.para(
                &format!("{} · Report card summary", card.plan_line()),
                Face::Bold,
                15.0,
                x,
                cw,
                INK,
            );
        });
        w.para(
            &format!("{} · {} ({})", card.scope, card.period, card.period_dates),
            Face::Regular,
            BODY,
            x,
            cw,
            INK,
        );
        if !card.prepared_by.is_empty() {
            w.para(
                &format!("Prepared by {}", card.prepared_by),
                Face::Regular,
                BODY,
                x,
                cw,
                MUTED,
            );
        }
        sample_band(w, card);
        w.y += 4.0;
        return;
    }
    w.y = w.top + 60.0;
    w.para(&card.organisation_line(), Face::Regular, 13.0, x, cw, MUTED);
    w.y += 10.0;
    w.tagged(Role::H1, |w| {
        w.para(&card.plan_line(), Face::Bold, 22.0, x, cw, INK);
        w.y += 6.0;
        w.para(
            "Report card",
            Face::Bold,
            34.0,
            x,
            cw,
            status_colour(crate::model::StatusKind::Completed),
        );
    });
    w.y += 18.0;
    w.rule(RULE, 1.0);
    w.y += 14.0;
    let line = |w: &mut Writer, label: &str, value: &str| {
        w.para(label, Face::Bold, 10.0, x, cw, MUTED);
        w.para(value, Face::Regular, 14.0, x, cw, INK);
        w.y += 8.0;
    };
    line(w, "Scope", &card.scope);
    line(
        w,
        "Reporting period",
        &format!("{} ({})", card.period, card.period_dates),
    );
    if !card.prepared_by.is_empty() {
        line(w, "Prepared by", &card.prepared_by);
    }
    if let Some(d) = card.print_date {
        line(w, "Printed", &date_text(d));
    }
    w.y += 10.0;
    sample_band(w, card);
}

fn sample_band(w: &mut Writer, card: &ReportCard) {
    if !card.contains_sample {
        return;
    }
    let text =
        "Contains sample data: figures marked “sample” are illustrative, not the organisation’s.";
    let lines = w.wrap(text, Face::Bold, 11.0, w.content_width() - 16.0);
    #[allow(clippy::cast_precision_loss)]
    let h = lines.len() as f32 * 15.0 + 12.0;
    w.ensure(h);
    let (x, y, cw) = (w.margin, w.y, w.content_width());
    w.rect(x, y, cw, h, SAMPLE_BAND);
    w.tagged(Role::P, |w| {
        for (i, line) in lines.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let base = y + 6.0 + 15.0 * (i as f32 + 1.0) - 4.0;
            w.text_at(x + 8.0, base, line, Face::Bold, 11.0, INK);
        }
    });
    w.mark_sample();
    w.y += h + 8.0;
}

fn summary(w: &mut Writer, card: &ReportCard) {
    if !card.summary_only {
        w.new_page();
    }
    let s = &card.summary;
    w.heading(2, &s.title, 16.0, 120.0);
    if s.uses_sample {
        w.mark_sample();
    }
    let (x, top) = (w.margin, w.y + 4.0);
    // The overall grade, large, with the scale beside it.
    let grade = s.grade.clone().unwrap_or_else(|| "—".into());
    w.rect(x, top, 78.0, 78.0, RULE);
    let grade = w.fit(&grade, Face::Bold, 40.0, 70.0);
    let gw = w.measure(&grade, Face::Bold, 40.0);
    // Read as "Overall grade F (FY2026 Q1: F)".
    w.tagged(Role::P, |w| {
        w.text_at(x, top + 90.0, "Overall grade", Face::Bold, SMALL, MUTED);
        w.text_at(
            x + 39.0 - gw / 2.0,
            top + 54.0,
            &grade,
            Face::Bold,
            40.0,
            INK,
        );
        if let (Some(b), Some(p)) = (&s.grade_before, &s.percent.previous_period) {
            let was = w.fit(&format!("{p}: {b}"), Face::Regular, SMALL, 88.0);
            w.text_at(x, top + 101.0, &was, Face::Regular, SMALL, MUTED);
        }
    });
    let mut sy = top + 8.0;
    let sx = x + 92.0;
    let scale_title = w.fit(&card.appendix.grading_name, Face::Bold, SMALL, 150.0);
    w.tagged(Role::P, |w| {
        w.text_at(sx, sy, &scale_title, Face::Bold, SMALL, MUTED)
    });
    w.open(Role::L);
    for g in &card.appendix.grades {
        sy += 11.0;
        let mark = if s.grade.as_deref() == Some(g.grade.as_str()) {
            Face::Bold
        } else {
            Face::Regular
        };
        // Wrapped, never cut: a long meaning continues under itself.
        let head = format!("{}  from {:.0}  ", g.grade, g.min_score);
        let indent = w.measure(&head, mark, SMALL);
        let lines = w.wrap(&g.meaning, mark, SMALL, 188.0 - indent);
        w.open(Role::LI);
        w.tagged(Role::LBody, |w| {
            w.text_at(sx, sy, &head, mark, SMALL, INK);
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    sy += 10.0;
                }
                w.text_at(sx + indent, sy, line, mark, SMALL, INK);
            }
        });
        w.close();
    }
    w.close();
    // Percent complete and its change.
    let px = x + 285.0;
    let pw = w.content_width() - 285.0;
    let pct = format!("{} complete", percent_text(s.percent.current));
    w.tagged(Role::P, |w| {
        w.text_at(px, top + 24.0, &pct, Face::Bold, 22.0, INK)
    });
    let change = match (s.percent.change(), &s.percent.previous_period) {
        (Some(c), Some(p)) => format!("{} since {p}", change_text(c)),
        (None, Some(p)) => format!(
            "Change since {p} not shown: {p} is not locked and no progress was recorded per period."
        ),
        (_, None) => "No earlier period of this kind in the plan.".into(),
    };
    let saved = w.y;
    w.y = top + 30.0;
    w.para(&change, Face::Italic, SMALL, px, pw, MUTED);
    let score = s.score.map_or(
        "No score: nothing in scope has a graded status yet.".into(),
        |v| format!("Score {v:.0} of 100"),
    );
    let score = if s.grade.is_none() && !s.grade_meaning.is_empty() {
        format!("{score}. {}.", s.grade_meaning)
    } else {
        score
    };
    w.para(&score, Face::Regular, SMALL, px, pw, MUTED);
    w.para(&s.grade_basis, Face::Regular, SMALL, px, pw, INK);
    w.y = saved.max(top + 100.0).max(w.y).max(sy + 12.0);
    // The stacked bar of shares by status.
    w.y += 8.0;
    w.para(
        &format!(
            "{} by status",
            super::build::count_of(s.distinct, &s.counted)
        ),
        Face::Bold,
        BODY,
        x,
        w.content_width(),
        INK,
    );
    w.y += 3.0;
    let (bx, by, bw) = (w.margin, w.y, w.content_width());
    let alt = format!(
        "Status of {}: {}",
        super::build::count_of(s.distinct, &s.counted),
        shares_text(&s.shares)
    );
    w.figure(&alt, |w| {
        w.rect(bx, by, bw, 16.0, RULE);
        let mut cx = bx;
        for share in &s.shares {
            #[allow(clippy::cast_possible_truncation)]
            let sw = bw * (share.percent / 100.0) as f32;
            if sw > 0.0 {
                w.rect(cx, by, sw, 16.0, status_colour(share.chip.kind));
                cx += sw;
            }
        }
    });
    w.y += 22.0;
    let mut lx = w.margin;
    for share in s.shares.iter().filter(|s| s.count > 0) {
        let label = format!("{} ({:.0}%)", share.count, share.percent);
        let need = w.measure(&share.chip.text(), Face::Bold, SMALL)
            + 14.0
            + w.measure(&label, Face::Regular, SMALL);
        if lx + need > w.width - w.margin {
            lx = w.margin;
            w.y += 15.0;
        }
        let y = w.y;
        w.tagged(Role::P, |w| {
            let cw = w.chip(lx, y, &share.chip, SMALL);
            w.text_at(lx + cw + 4.0, y + 9.0, &label, Face::Regular, SMALL, INK);
        });
        lx += need + 10.0;
    }
    if s.distinct == 0 {
        w.para(
            &format!("No {} in scope yet.", s.counted.to_lowercase()),
            Face::Italic,
            BODY,
            x,
            w.content_width(),
            MUTED,
        );
    }
    w.y += 20.0;
    // One row per goal (none when the scope is a single lowest-level item).
    if s.rows_name.is_empty() {
        // Nothing below the chosen item.
    } else if s.rows.is_empty() {
        w.para(
            &format!("No {} in scope yet.", s.rows_name.to_lowercase()),
            Face::Italic,
            BODY,
            x,
            w.content_width(),
            MUTED,
        );
    } else {
        w.heading(3, &s.rows_name, 12.0, 40.0);
        let cols = [
            Col::left("No.", 0.6),
            Col::left("Title", 5.0),
            Col::left("Status", 1.9),
            Col::right("Grade", 0.8),
            Col::right("Complete", 1.2),
            Col::left("Status mix", 1.6),
        ];
        let rows: Vec<Vec<Cell>> = s
            .rows
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(r.code.clone()),
                    Cell::Text(r.title_text()),
                    Cell::Chip(r.status.clone()),
                    Cell::Styled(r.grade_text(), Face::Bold, INK),
                    Cell::Text(r.percent_text()),
                    Cell::Bar(
                        r.shares.iter().map(|s| (s.chip.kind, s.percent)).collect(),
                        format!(
                            "Status mix of {} {}: {}",
                            s.rows_name,
                            r.code,
                            shares_text(&r.shares)
                        ),
                    ),
                ]
            })
            .collect();
        w.table(&cols, &rows, &[]);
        if card.summary_has_override() {
            override_legend(w);
        }
    }
    if let Some(notes) = &s.commentary {
        notes_block(w, notes);
    }
}

/// The legend line for the override mark, under a table that shows one.
fn override_legend(w: &mut Writer) {
    let (x, cw) = (w.margin, w.content_width());
    w.y += 2.0;
    w.para(OVERRIDE_LEGEND, Face::Italic, SMALL, x, cw, MUTED);
}

fn notes_block(w: &mut Writer, notes: &super::model::Notes) {
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

fn section_pages(w: &mut Writer, card: &ReportCard, s: &Section) {
    let (x, cw) = (w.margin, w.content_width());
    // Its status draws on sample KPIs: the tag shows from its first page.
    if s.has_sample() {
        w.mark_sample();
    }
    w.continued = Some(format!("{} · {} (continued)", card.period, s.heading()));
    w.heading(2, &s.heading(), 15.0, 60.0);
    let y = w.y + 2.0;
    let chip_w = w.tagged(Role::P, |w| w.chip(x, y, &s.status, BODY));
    let line = format!(
        "Grade {}   ·   {} complete",
        s.grade.as_deref().unwrap_or("—"),
        marked_percent(s.percent, s.overridden.percent)
    );
    let line = w.clean(&line, Face::Bold);
    w.tagged(Role::P, |w| {
        w.text_at(x + chip_w + 10.0, y + 10.5, &line, Face::Bold, 11.0, INK)
    });
    w.y += 20.0;
    w.para(&s.basis, Face::Italic, SMALL, x, cw, MUTED);
    if s.has_override() {
        override_legend(w);
    }
    match &s.notes {
        Some(n) => notes_block(w, n),
        None => {
            w.y += 4.0;
            w.para(
                &format!("No commentary recorded for {}.", card.period),
                Face::Italic,
                SMALL,
                x,
                cw,
                MUTED,
            );
            w.y += 6.0;
        }
    }
    if !s.objectives.is_empty() {
        w.heading(3, &s.objectives_name, 12.0, 50.0);
        let cols = [
            Col::left("Code", 0.7),
            Col::left("Title", 4.6),
            Col::left("Status", 1.9),
            Col::right("Grade", 0.8),
            Col::right("Complete", 1.2),
            Col::right("Done", 0.8),
            Col::right("Active", 0.9),
            Col::right("To start", 1.1),
        ];
        let rows: Vec<Vec<Cell>> = s
            .objectives
            .iter()
            .map(|o| {
                let mut title = o.title.clone();
                if let Some(was) = o.status_change() {
                    title += &was;
                }
                if o.source_note {
                    title += " †";
                }
                vec![
                    Cell::Text(o.code.clone()),
                    Cell::Text(title),
                    Cell::Chip(o.status.clone()),
                    Cell::Styled(o.grade_text(), Face::Bold, INK),
                    Cell::Text(o.percent_text()),
                    Cell::Text(o.done.to_string()),
                    Cell::Text(o.in_progress.to_string()),
                    Cell::Text(o.not_started.to_string()),
                ]
            })
            .collect();
        w.table(&cols, &rows, &[]);
    }
    if !s.initiatives.is_empty() {
        let (listed, compact) = listed_initiatives(card, s);
        w.heading(3, &s.initiatives_name, 12.0, 50.0);
        let cols = [
            Col::left("Code", 0.8),
            Col::left("Title", 4.4),
            Col::left("Owner", 1.6),
            Col::left("Due", 1.4),
            Col::left("Status", 1.9),
            Col::right("Complete", 1.2),
        ];
        let rows: Vec<Vec<Cell>> = listed
            .iter()
            .map(|i| {
                let mut title = i.title.clone();
                if let Some(t) = &i.term {
                    title += &format!(" ({})", t.to_lowercase());
                }
                if !i.also_at.is_empty() {
                    title += &format!(" — linked; also {}", i.also_at.join(", "));
                }
                if i.source_note {
                    title += " †";
                }
                let due = match i.due {
                    Some(d) if i.overdue => {
                        Cell::Styled(format!("{d}\noverdue"), Face::Bold, ALERT)
                    }
                    Some(d) => Cell::Text(d.to_string()),
                    None => Cell::Styled("—".into(), Face::Regular, MUTED),
                };
                let pct = if i.completed_short() {
                    Cell::Styled(
                        format!("{}\nnot 100%", percent_text(i.percent)),
                        Face::Bold,
                        ALERT,
                    )
                } else {
                    Cell::Text(percent_text(i.percent))
                };
                vec![
                    Cell::Text(i.code.clone()),
                    Cell::Text(title),
                    dash_if_blank(&i.owner),
                    due,
                    Cell::Chip(i.status.clone()),
                    pct,
                ]
            })
            .collect();
        if rows.is_empty() {
            w.para(
                "None under way: every one is completed or not started (listed below).",
                Face::Italic,
                SMALL,
                x,
                cw,
                MUTED,
            );
        } else {
            w.table(&cols, &rows, &[]);
        }
        super::pdf_attention::compact_lists(w, s, &compact);
    }
    w.heading(3, "Key performance indicators", 12.0, 50.0);
    if s.kpis.is_empty() {
        w.para(
            &format!(
                "No KPI measures this {} or anything below it yet.",
                s.level.to_lowercase()
            ),
            Face::Italic,
            SMALL,
            x,
            cw,
            MUTED,
        );
    } else {
        kpi_table(w, s);
    }
}

fn kpi_table(w: &mut Writer, s: &Section) {
    let cols = [
        Col::left("Item", 0.6),
        Col::left("KPI", 2.8),
        Col::left("Unit", 1.1),
        Col::right("Baseline", 1.1),
        Col::right("Target", 0.9),
        Col::right("Actual", 1.3),
        Col::left("Trend", 1.6),
        Col::left("Status", 1.7),
    ];
    let rows: Vec<Vec<Cell>> = s
        .kpis
        .iter()
        .map(|k| {
            let name = if k.sample {
                format!("{} [sample]", k.name)
            } else {
                k.name.clone()
            };
            let mut actual = value_text(k.actual.current);
            if let Some(p) = &k.measured_in {
                actual += &format!("\n({p})");
            }
            if let (Some(c), Some(p)) = (k.actual.change(), &k.actual.previous_period) {
                actual += &format!("\n{} vs {p}", signed(c));
            }
            let actual = if k.actual.current.is_none() {
                Cell::Styled(actual, Face::Italic, MUTED)
            } else {
                Cell::Text(actual)
            };
            vec![
                Cell::Text(k.code.clone()),
                Cell::Text(name),
                // The direction, so a change reads as better or worse.
                Cell::Text(format!("{}\n{}", k.unit, k.direction.to_lowercase())),
                Cell::Text(opt(k.baseline)),
                Cell::Text(opt(k.target)),
                actual,
                Cell::Spark(Spark {
                    values: k.trend.iter().map(|(_, v)| *v).collect(),
                    target: k.target,
                    alt: format!(
                        "Trend of {}: {}{}",
                        k.name,
                        trend_text(&k.trend),
                        k.target.map_or_else(String::new, |t| format!(
                            "; target {}",
                            value_text(Some(t))
                        ))
                    ),
                }),
                k.status.clone().map_or_else(
                    || Cell::Styled("no status".into(), Face::Italic, MUTED),
                    Cell::Chip,
                ),
            ]
        })
        .collect();
    let sample: Vec<bool> = s.kpis.iter().map(|k| k.sample).collect();
    w.table(&cols, &rows, &sample);
    let (x, cw) = (w.margin, w.content_width());
    w.para(
        "Trend: the values of up to eight periods to this one, the latest marked with a dot; a gap is a missing value; the thin blue line is the target.",
        Face::Italic,
        SMALL,
        x,
        cw,
        MUTED,
    );
}

/// The initiatives the goal's table prints in full, and those listed one
/// line each below it (compact detail: completed ones at 100% and not
/// started ones that need no attention).
fn listed_initiatives<'s>(
    card: &ReportCard,
    s: &'s Section,
) -> (Vec<&'s InitiativeRow>, Vec<&'s InitiativeRow>) {
    s.initiatives.iter().partition(|i| {
        card.detail == Detail::Full
            || i.overdue
            || i.completed_short()
            || !matches!(
                i.status.kind,
                StatusKind::Completed | StatusKind::NotStarted
            )
    })
}

/// A table cell for text that may be blank: "—" in grey then.
pub(super) fn dash_if_blank(text: &str) -> Cell {
    if text.trim().is_empty() {
        Cell::Styled("—".into(), Face::Regular, MUTED)
    } else {
        Cell::Text(text.to_owned())
    }
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

fn appendix(w: &mut Writer, card: &ReportCard) {
    let a = &card.appendix;
    let (x, cw) = (w.margin, w.content_width());
    w.heading(2, APPENDIX_TITLE, 15.0, 60.0);
    w.heading(3, "Roll-up rule", 11.0, 30.0);
    for rule in &a.rules {
        let y = w.y;
        w.para(rule, Face::Regular, SMALL + 0.5, x + 10.0, cw - 10.0, INK);
        w.text_at(x, y + 8.0, "•", Face::Regular, SMALL + 0.5, INK);
        w.y += 2.0;
    }
    w.heading(3, &format!("Grading scale: {}", a.grading_name), 11.0, 40.0);
    let rows: Vec<Vec<Cell>> = a
        .grades
        .iter()
        .map(|g| {
            vec![
                Cell::Styled(g.grade.clone(), Face::Bold, INK),
                Cell::Text(format!("{:.0}", g.min_score)),
                Cell::Text(g.meaning.clone()),
            ]
        })
        .collect();
    let cols = [
        Col::left("Grade", 1.0),
        Col::right("From score", 1.2),
        Col::left("Meaning", 6.0),
    ];
    w.table(&cols, &rows, &[]);
    let rows: Vec<Vec<Cell>> = a
        .points
        .iter()
        .map(|(chip, pts)| {
            vec![
                Cell::Chip(chip.clone()),
                Cell::Text(pts.map_or("does not count".into(), |p| format!("{p:.0}"))),
            ]
        })
        .collect();
    let cols = [Col::left("Status", 2.0), Col::left("Grade points", 6.2)];
    w.table(&cols, &rows, &[]);
    w.heading(3, "Manual overrides", 11.0, 30.0);
    if a.overrides.is_empty() {
        w.para(
            "No figure in scope was overridden.",
            Face::Italic,
            SMALL,
            x,
            cw,
            MUTED,
        );
    } else {
        let rows: Vec<Vec<Cell>> = a
            .overrides
            .iter()
            .map(|o| {
                let what = [
                    o.status.as_ref().map(Chip::text),
                    o.percent.map(|p| percent_text(Some(p))),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
                let by = [
                    o.by.clone(),
                    o.on.map(|d| d.to_string()).unwrap_or_default(),
                ]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
                vec![
                    Cell::Text(o.code.clone()),
                    Cell::Text(o.title.clone()),
                    Cell::Text(format!("{what}\n(rule: {})", o.replaced)),
                    Cell::Text(o.reason.clone()),
                    Cell::Text(by),
                ]
            })
            .collect();
        let cols = [
            Col::left("Code", 0.7),
            Col::left("Item", 2.6),
            Col::left("Set to", 1.5),
            Col::left("Reason", 2.8),
            Col {
                title: "By, on",
                share: 1.3,
                align: Align::Left,
            },
        ];
        w.table(&cols, &rows, &[]);
    }
    if !a.source_notes.is_empty() {
        w.heading(3, "† Notes on the source text", 11.0, 30.0);
        let rows: Vec<Vec<Cell>> = a
            .source_notes
            .iter()
            .map(|(code, title, note)| {
                vec![
                    Cell::Text(code.clone()),
                    Cell::Text(title.clone()),
                    Cell::Text(note.clone()),
                ]
            })
            .collect();
        let cols = [
            Col::left("Code", 0.7),
            Col::left("Item", 3.0),
            Col::left("Note", 5.0),
        ];
        w.table(&cols, &rows, &[]);
    }
    w.heading(3, "The data", 11.0, 30.0);
    let mut lines = vec![format!(
        "Data as of {} (end of {}).",
        date_text(a.as_of),
        card.period
    )];
    if let Some((at, by)) = &a.locked {
        lines.push(format!(
            "{} was locked on {} by {}: this card shows the figures as they stood then, whatever has changed since.",
            card.period,
            at.get(..10).unwrap_or(at),
            by
        ));
    }
    if let Some(f) = &a.source_file {
        lines.push(format!("Printed from {f}."));
    }
    if !a.plan_source.is_empty() {
        lines.push(format!("Plan text: {}", a.plan_source));
    }
    if card.contains_sample {
        lines.push("Figures marked “sample” are illustrative, not the organisation’s; every page that prints them says so in its footer.".into());
    }
    for line in lines {
        w.para(&line, Face::Regular, SMALL + 0.5, x, cw, INK);
        w.y += 2.0;
    }
    if w.unjoined > 0 {
        w.para(
            &format!(
                "Right-to-left text prints in its reading order, but Arabic letters print unjoined: the report font is not shaped ({} passage{}). The HTML page shows them joined.",
                w.unjoined,
                if w.unjoined == 1 { "" } else { "s" },
            ),
            Face::Bold,
            SMALL + 0.5,
            x,
            cw,
            ALERT,
        );
    }
    // Drawn last, so every replacement on earlier pages is counted.
    if w.replaced > 0 {
        w.para(
            &format!(
                "Characters the report font cannot show were printed as “{REPLACEMENT}” ({} occurrence{} in the text).",
                w.replaced,
                if w.replaced == 1 { "" } else { "s" },
            ),
            Face::Bold,
            SMALL + 0.5,
            x,
            cw,
            ALERT,
        );
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
    w.finish(&meta).map_err(ReportError::Render)
}
