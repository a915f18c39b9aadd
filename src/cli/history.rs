//! `cairn history`: who changed what, when, from what to what, and why.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::bail;

use super::{open_store, say_bytes};

/// The arguments of `cairn history` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct HistoryArgs {
    pub file: PathBuf,
    /// Only this item (by code, e.g. 2.1.3).
    #[arg(long)]
    pub item: Option<String>,
    /// Only changes by people whose name contains this.
    #[arg(long)]
    pub who: Option<String>,
    /// Only changes on or after this day (YYYY-MM-DD, UTC).
    #[arg(long)]
    pub since: Option<String>,
    /// Only changes on or before this day (YYYY-MM-DD, UTC).
    #[arg(long)]
    pub until: Option<String>,
    /// Write CSV (with a header row) instead of a table.
    #[arg(long)]
    pub csv: bool,
}

pub(super) fn history(
    file: &Path,
    item: Option<&str>,
    who: Option<String>,
    since: Option<&str>,
    until: Option<&str>,
    csv: bool,
) -> anyhow::Result<()> {
    let day = |label: &str, text: Option<&str>| -> anyhow::Result<Option<chrono::NaiveDate>> {
        text.map(|t| crate::command::parse_date(t).map_err(|e| anyhow::anyhow!("--{label}: {e}")))
            .transpose()
            .map(Option::flatten)
    };
    let (store, plan) = open_store(file)?;
    let tree = crate::model::Tree::build(&plan);
    let item_id = match item {
        Some(code) => {
            let Some(pos) = tree.item_by_code(code) else {
                bail!("no item has the code {code:?} in {}", file.display());
            };
            Some(plan.items()[pos].id.clone())
        }
        None => None,
    };
    let filter = crate::store::HistoryFilter {
        item: item_id,
        who,
        since: day("since", since)?,
        until: day("until", until)?,
        after: None,
    };
    let rows = store.history(&filter)?;
    let describe = |id: &Option<String>| -> (String, String) {
        let Some(id) = id else {
            return (String::new(), String::new());
        };
        match plan.position(id) {
            Some(pos) => (
                tree.code_of(pos).unwrap_or("").to_owned(),
                plan.items()[pos].title.clone(),
            ),
            None => (String::new(), format!("(deleted item {id})")),
        }
    };
    if csv {
        let mut w = ::csv::Writer::from_writer(Vec::new());
        w.write_record([
            "when", "who", "action", "code", "item", "field", "old", "new", "reason", "author",
            "request", "reviewer",
        ])?;
        for r in &rows {
            let (code, title) = describe(&r.entry.item);
            let opt = |v: &Option<String>| v.clone().unwrap_or_default();
            w.write_record([
                &r.at,
                &r.who,
                &r.entry.action,
                &code,
                &title,
                &opt(&r.entry.field),
                &opt(&r.entry.old),
                &opt(&r.entry.new),
                &r.entry.reason,
                &r.entry.author,
                &r.entry.request,
                &r.reviewer().unwrap_or_default(),
            ])?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| anyhow::anyhow!("{}", e.error()))?;
        return say_bytes(&bytes);
    }
    // For people: the plan's labels and local time (the CSV keeps the
    // stored keys and UTC for scripts).
    let labels = crate::report::history::HistoryLabels::new(&plan, &tree);
    let mut out = std::io::stdout().lock();
    for r in &rows {
        let c = labels.show(r);
        let mut line = format!("{}  {}  {}", c.when, c.who, c.action);
        if !c.item.is_empty() {
            line += &format!(" {}", c.item);
        }
        if !c.field.is_empty() {
            line += &format!(" [{}]", c.field);
        }
        if r.entry.old.is_some() || r.entry.new.is_some() {
            line += &format!(": {:?} → {:?}", c.old, c.new);
        }
        if !c.reason.is_empty() {
            line += &format!(" (reason: {})", c.reason);
        }
        if !r.entry.request.is_empty() {
            line += &format!(" (request {})", r.entry.request);
        }
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    if rows.is_empty() {
        eprintln!("No changes match.");
    }
    Ok(())
}
