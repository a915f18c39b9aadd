//! The card's cover page and the sample-data band.

use super::*;

pub(super) fn cover(w: &mut Writer, card: &ReportCard) {
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

pub(super) fn sample_band(w: &mut Writer, card: &ReportCard) {
    if !card.contains_sample {
        return;
    }
    let text =
        "Contains sample data: figures marked “sample” are illustrative, not the organisation’s.";
    let lines = w.wrap(text, Face::Bold, 11.0, w.content_width() - 16.0);
    let h = lines.len() as f32 * 15.0 + 12.0;
    w.ensure(h);
    let (x, y, cw) = (w.margin, w.y, w.content_width());
    w.rect(x, y, cw, h, SAMPLE_BAND);
    w.tagged(Role::P, |w| {
        for (i, line) in lines.iter().enumerate() {
            let base = y + 6.0 + 15.0 * (i as f32 + 1.0) - 4.0;
            w.text_at(x + 8.0, base, line, Face::Bold, 11.0, INK);
        }
    });
    w.mark_sample();
    w.y += h + 8.0;
}
