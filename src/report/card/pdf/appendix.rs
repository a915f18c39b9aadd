//! The appendix: the roll-up rule, the grading scale, every override,
//! notes on the source text and the data's as-of date.

use super::*;

pub(super) fn appendix(w: &mut Writer, card: &ReportCard) {
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
