//! A goal's pages: its objectives, initiatives and KPIs.

use super::*;

pub(super) fn section_pages(w: &mut Writer, card: &ReportCard, s: &Section) {
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
                    crate::report::card::pdf_attention::dash_if_blank(&i.owner),
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
        crate::report::card::pdf_attention::compact_lists(w, s, &compact);
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

pub(super) fn kpi_table(w: &mut Writer, s: &Section) {
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
pub(super) fn listed_initiatives<'s>(
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
