//! What the command line and the window both show before a table import:
//! which sheets are read by default, and the lines of a plan import's
//! preview.

/// Sheets read first when none is named.
pub const PLAN_SHEETS: [&str; 1] = [super::export::PLAN_SHEET];
pub const MEASUREMENT_SHEETS: [&str; 2] = [super::export::MEASUREMENTS_SHEET, "Measurements"];

/// The lines of a plan import's preview.
pub fn plan_preview_lines(
    table: &super::plan_import::PlanTable,
    s: &super::plan_import::Summary,
) -> Vec<String> {
    let mut out = vec![format!("{}: {}", table.source, table.notes.join("; "))];
    if let Some(levels) = &s.levels_named {
        out.push(format!("The plan's levels become: {}", levels.join(" → ")));
    }
    if let Some(named) = &s.plan_named {
        out.push(format!("The plan is named: {named}"));
    }
    if let Some(periods) = &s.periods_added {
        out.push(format!(
            "The plan had no reporting periods; it gets {periods} to hold the table's status and percent"
        ));
    }
    if s.values_remembered > 0 {
        out.push(format!(
            "The plan remembers {} for the next import",
            crate::model::text::count(s.values_remembered, "value mapping")
        ));
    }
    out.push(format!("{} rows: {}", table.rows.len(), s.sentence()));
    const SHOWN: usize = 12;
    for (level, title, parent) in s.created.iter().take(SHOWN) {
        let name = s.levels.get(*level).map_or("Item", String::as_str);
        match parent {
            Some(p) => out.push(format!("  + {name} “{title}” under “{p}”")),
            None => out.push(format!("  + {name} “{title}”")),
        }
    }
    if s.created.len() > SHOWN {
        out.push(format!(
            "  … and {} more new items",
            s.created.len() - SHOWN
        ));
    }
    for (title, parent) in s.linked.iter().take(SHOWN) {
        out.push(format!("  linked: “{title}” also under “{parent}”"));
    }
    if s.linked.len() > SHOWN {
        out.push(format!("  … and {} more links", s.linked.len() - SHOWN));
    }
    for (title, field, old, new) in s.updated.iter().take(SHOWN) {
        out.push(format!(
            "  changed: “{title}” {}: “{old}” → “{new}”",
            field.key()
        ));
    }
    if s.updated.len() > SHOWN {
        out.push(format!("  … and {} more changes", s.updated.len() - SHOWN));
    }
    out
}
