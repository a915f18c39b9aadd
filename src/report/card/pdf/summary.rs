//! The period at a glance: the grade, percent complete, shares by status
//! and a row per goal.

use super::*;

pub(super) fn summary(w: &mut Writer, card: &ReportCard) {
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
            crate::report::card::build::count_of(s.distinct, &s.counted)
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
        crate::report::card::build::count_of(s.distinct, &s.counted),
        shares_text(&s.shares)
    );
    w.figure(&alt, |w| {
        w.rect(bx, by, bw, 16.0, RULE);
        let mut cx = bx;
        for share in &s.shares {
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
