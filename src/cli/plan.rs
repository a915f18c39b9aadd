//! `cairn new`, `import`, `export --json`, `tree` and `stats`: making a
//! workbench and reading its plan.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use super::{open, say};
use crate::interchange::{self, seeds::Seed};
use crate::model::Plan;
use crate::model::text::percent_text;
use crate::rules::rollup::{roll_up, totals};
use crate::store::Store;

/// The arguments of `cairn new` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct NewArgs {
    pub file: PathBuf,
    /// phoenix, milwaukee or blank.
    #[arg(long, default_value = "blank")]
    pub seed: String,
    /// Add the illustrative sample KPIs (Phoenix only; marked as sample data).
    #[arg(long)]
    pub sample_kpis: bool,
}

/// The arguments of `cairn import` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    pub json: PathBuf,
    #[arg(short, long)]
    pub output: PathBuf,
}

/// The arguments of `cairn export` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    pub file: PathBuf,
    /// JSON interchange format (the default).
    #[arg(long, conflicts_with_all = ["xlsx", "csv"])]
    pub json: bool,
    /// An .xlsx workbook: Plan, Initiatives and KPI measurements sheets (needs -o).
    #[arg(long, conflicts_with = "csv")]
    pub xlsx: bool,
    /// One table as CSV (see --table).
    #[arg(long)]
    pub csv: bool,
    /// With --csv: plan, initiatives or measurements (default: plan).
    #[arg(long, requires = "csv")]
    pub table: Option<String>,
    /// Output file (default: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// The arguments of `cairn tree` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct TreeArgs {
    pub file: PathBuf,
}

/// The arguments of `cairn stats` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct StatsArgs {
    pub file: PathBuf,
    #[arg(long)]
    pub json: bool,
}

/// The arguments of `cairn generate` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct GenerateArgs {
    pub file: PathBuf,
    /// Initiatives (the lowest level); 10 per objective, 10 goals.
    #[arg(long, default_value_t = 10_000)]
    pub items: usize,
    #[arg(long, default_value_t = 2_000)]
    pub kpis: usize,
    #[arg(long, default_value_t = 100_000)]
    pub measurements: usize,
}

pub(super) fn new(file: &Path, seed: &str, sample_kpis: bool) -> anyhow::Result<()> {
    let Some(seed) = Seed::parse(seed) else {
        bail!("unknown seed {seed:?}; use phoenix, milwaukee or blank");
    };
    let plan = if sample_kpis {
        if seed != Seed::Phoenix {
            bail!("sample KPIs exist only for the Phoenix seed");
        }
        crate::interchange::seeds::phoenix_with_sample_kpis()?
    } else {
        seed.plan()?
    };
    Store::create(file, &plan)?;
    eprintln!("Created {} from the {} seed.", file.display(), seed.key());
    Ok(())
}

pub(super) fn import(json: &Path, output: &Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(json)
        .with_context(|| format!("could not read {}", json.display()))?;
    let plan = interchange::from_json(&text)
        .with_context(|| format!("{} was not imported", json.display()))?;
    Store::create(output, &plan)?;
    eprintln!(
        "Imported {} items into {}.",
        plan.items().len(),
        output.display()
    );
    Ok(())
}

pub(super) fn export(file: &Path, output: Option<&Path>) -> anyhow::Result<()> {
    if let Some(out) = output {
        crate::store::output::check_target(out, Some(file))?;
    }
    let text = interchange::to_json(&open(file)?);
    match output {
        Some(out) => crate::store::output::write(out, text.as_bytes(), Some(file))?,
        None => say(&text)?,
    }
    Ok(())
}

/// The plan tree as text, one placement a line.
pub fn tree_text(plan: &Plan) -> String {
    let tree = crate::model::Tree::build(plan);
    let rollup = roll_up(plan, None);
    let mut out = format!(
        "{} — {} {}\n",
        plan.info.organisation,
        plan.info.title,
        plan.info.timeframe()
    );
    for p in &tree.placements {
        let item = &plan.items()[p.item];
        let r = &rollup.items[p.item];
        let mut line = format!(
            "{}{} {}: {} [{} {}]",
            "  ".repeat(p.depth),
            p.code,
            plan.info.level_name(item.level),
            item.title,
            plan.info.status_label(r.status),
            percent_text(r.percent)
        );
        if let Some(term) = item.term {
            line += &format!(" ({})", term.label().to_lowercase());
        }
        if p.linked {
            line += &format!(" (linked; also {})", tree.code_of(p.item).unwrap_or("?"));
        }
        out += &line;
        out.push('\n');
    }
    if plan.contains_sample_data() {
        out += "Contains sample data: KPI figures are illustrative, not the city's.\n";
    }
    out
}

pub(super) fn tree(file: &Path) -> anyhow::Result<()> {
    say(&tree_text(&open(file)?))
}

/// `{"levels": [{"name", "distinct", "placements"}, ...]}`.
pub fn stats_json(plan: &Plan) -> serde_json::Value {
    let tree = crate::model::Tree::build(plan);
    let counts = tree.placement_counts();
    let levels: Vec<serde_json::Value> = plan
        .info
        .levels
        .iter()
        .enumerate()
        .map(|(level, name)| {
            let at: Vec<usize> = plan
                .items()
                .iter()
                .enumerate()
                .filter(|(_, i)| i.level == level)
                .map(|(p, _)| p)
                .collect();
            serde_json::json!({
                "name": name,
                "distinct": at.len(),
                "placements": at.iter().map(|&p| counts[p]).sum::<usize>(),
            })
        })
        .collect();
    serde_json::json!({ "levels": levels })
}

pub(super) fn stats(file: &Path, json: bool) -> anyhow::Result<()> {
    let plan = open(file)?;
    if json {
        return say(&format!("{}\n", stats_json(&plan)));
    }
    let mut text = String::new();
    for level in stats_json(&plan)["levels"].as_array().into_iter().flatten() {
        text += &format!(
            "{}: {} ({} placements)\n",
            level["name"].as_str().unwrap_or("?"),
            level["distinct"],
            level["placements"]
        );
    }
    let rollup = roll_up(&plan, None);
    let t = totals(&plan, &rollup, None);
    text += &format!("Percent complete: {}\n", percent_text(t.percent));
    say(&text)
}
