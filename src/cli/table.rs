//! `cairn import-table` and `cairn export --xlsx|--csv`.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail};

use crate::command::Command;
use crate::model::{Plan, PlanInfo};
use crate::store::Store;
use crate::workbench::Workbench;

use crate::table::export::{self, Which};
use crate::table::preview::{MEASUREMENT_SHEETS, PLAN_SHEETS, plan_preview_lines};
use crate::table::{measurements_import, naming, normalize, plan_import, read, value_map};

/// The arguments of `cairn import-table` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct ImportTableArgs {
    pub file: PathBuf,
    pub table: PathBuf,
    /// Import KPI measurements into FILE instead of a plan.
    #[arg(long)]
    pub measurements: bool,
    /// The sheet of a spreadsheet (default: "Plan" or "KPI measurements", else the first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Change how a column is read: HEADER=ROLE, where ROLE is level, ignore or a
    /// field (owner, status, due, ...; for measurements kpi, kpi_id, period, value, comment).
    #[arg(long = "map", value_name = "HEADER=ROLE")]
    pub map: Vec<String>,
    /// Read a status or term value as the plan's: "Status:In Progress=on_track"
    /// (TO is the plan's label or key). Obvious ones and those the plan remembers
    /// are taken and said; other unknown values are refused.
    #[arg(long = "map-value", value_name = "COLUMN:FROM=TO")]
    pub map_value: Vec<String>,
    /// Keep outline codes in titles ("1.1 Replace legacy ERP") instead of taking
    /// them off and checking them against the tree.
    #[arg(long)]
    pub keep_codes: bool,
    /// Into a blank workbench: name the plan and its timeframe as the sheet's
    /// title rows and dates propose (printed without this flag).
    #[arg(long)]
    pub name_plan: bool,
    /// Show what would be imported and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// What `cairn import-table` was asked for.
#[derive(Clone, Debug, Default)]
pub struct ImportArgs {
    /// The workbench; created from the table when it does not exist.
    pub file: PathBuf,
    /// The CSV file or spreadsheet.
    pub table: PathBuf,
    /// Import KPI measurements instead of a plan.
    pub measurements: bool,
    /// The spreadsheet's sheet.
    pub sheet: Option<String>,
    /// `HEADER=ROLE` entries changing the matched columns.
    pub map: Vec<String>,
    /// `COLUMN:FROM=TO` entries reading a status or term value as the plan's.
    pub map_values: Vec<String>,
    /// Keep outline codes in titles instead of taking them off.
    pub keep_codes: bool,
    /// Into a blank workbench: name the plan as the sheet proposes.
    pub name_plan: bool,
    /// Show what would be imported; write nothing.
    pub dry_run: bool,
}

/// Runs `cairn import-table`.
pub fn import_table(args: &ImportArgs) -> anyhow::Result<()> {
    let preferred: &[&str] = if args.measurements {
        &MEASUREMENT_SHEETS
    } else {
        &PLAN_SHEETS
    };
    let exists = args.file.exists();
    if args.measurements && !exists {
        bail!(
            "{} does not exist; measurements are imported into a workbench that has the KPIs",
            args.file.display()
        );
    }
    if args.measurements && (!args.map_values.is_empty() || args.keep_codes || args.name_plan) {
        bail!("--map-value, --keep-codes and --name-plan are for plan tables, not measurements");
    }
    let grid = read::read_path(&args.table, args.sheet.as_deref(), preferred)?;
    if args.measurements {
        let mut wb = Workbench::open(&args.file)?;
        let mapping = measurements_import::Mapping::with_overrides(&grid.headers, &args.map)
            .map_err(|e| anyhow!(e))?;
        let table = measurements_import::prepare(&grid, &mapping, wb.plan())?;
        let summary = measurements_import::preview(&table, wb.plan())
            .map_err(|e| anyhow!("{} was not imported: {e}", grid.source))?;
        eprintln!("{}: {}", table.source, table.notes.join("; "));
        eprintln!("{} rows: {}", table.rows.len(), summary.sentence());
        if args.dry_run {
            eprintln!("Dry run: nothing was written.");
            return Ok(());
        }
        wb.apply(&Command::ImportMeasurements(Box::new(table)))?;
        crate::cli::tell_notices(&mut wb);
        eprintln!("Saved to {}.", args.file.display());
        return Ok(());
    }
    let mut mapping =
        plan_import::Mapping::with_overrides(&grid.headers, &args.map).map_err(|e| anyhow!(e))?;
    mapping.keep_codes = args.keep_codes;
    if exists {
        let mut wb = Workbench::open(&args.file)?;
        let table = prepare_plan(&grid, &mut mapping, wb.plan(), args)?;
        let summary = plan_import::preview(&table, wb.plan())
            .map_err(|e| anyhow!("{} was not imported: {e}", grid.source))?;
        for line in plan_preview_lines(&table, &summary) {
            eprintln!("{line}");
        }
        if args.dry_run {
            eprintln!("Dry run: nothing was written.");
            return Ok(());
        }
        wb.apply(&Command::ImportPlanTable(Box::new(table)))?;
        crate::cli::tell_notices(&mut wb);
        eprintln!("Saved to {}.", args.file.display());
        return Ok(());
    }
    let mut info = PlanInfo::blank();
    info.source = format!("Imported from the table {}", grid.source);
    let mut plan = Plan::new(info, Vec::new(), Vec::new());
    let table = prepare_plan(&grid, &mut mapping, &plan, args)?;
    let (_, summary) = crate::command::imports::plan_table::apply_summarised(&table, &mut plan)
        .map_err(|e| anyhow!("{} was not imported: {e}", grid.source))?;
    plan.validate()
        .map_err(|e| anyhow!("{} was not imported: {e}", grid.source))?;
    for line in plan_preview_lines(&table, &summary) {
        eprintln!("{line}");
    }
    if args.dry_run {
        eprintln!("Dry run: nothing was written.");
        return Ok(());
    }
    Store::create(&args.file, &plan)?;
    eprintln!("Created {}.", args.file.display());
    Ok(())
}

/// Reads the value mappings (`--map-value`, then what the plan remembers
/// and the obvious ones, each said), prepares the table and, into a blank
/// plan, proposes its name (applied with `--name-plan`).
fn prepare_plan(
    grid: &read::Grid,
    mapping: &mut plan_import::Mapping,
    plan: &Plan,
    args: &ImportArgs,
) -> anyhow::Result<plan_import::PlanTable> {
    for entry in &args.map_values {
        let v = value_map::parse_entry(grid, mapping, entry, plan).map_err(|e| anyhow!(e))?;
        mapping
            .values
            .retain(|o| !(o.column == v.column && normalize(&o.from) == normalize(&v.from)));
        mapping.values.push(v);
    }
    for u in value_map::unmapped(grid, mapping, plan) {
        let Some(to) = u.proposal else { continue };
        let label = value_map::targets(u.field, plan)
            .into_iter()
            .find(|(k, _)| *k == to)
            .map_or_else(|| to.clone(), |(_, l)| l);
        eprintln!(
            "column {}: {:?} taken as {label} ({}; --map-value \"{}:{}=…\" reads it otherwise)",
            grid.column_name(u.column),
            u.value,
            if u.remembered {
                "as this plan's last import read it"
            } else {
                "the obvious reading"
            },
            grid.headers[u.column],
            u.value
        );
        mapping.values.push(value_map::ValueMap {
            column: u.column,
            from: u.value,
            to,
        });
    }
    let mut table = plan_import::prepare(grid, mapping, plan)?;
    if plan.items().is_empty()
        && let Some((naming, rests)) = naming::propose(grid, &table, &plan.info)
    {
        if args.name_plan {
            table.naming = Some(naming);
        } else {
            eprintln!(
                "The sheet suggests naming the plan {} (from {rests}); add --name-plan to name it so, or name it later.",
                naming.sentence()
            );
        }
    } else if args.name_plan {
        bail!(
            "--name-plan names a blank plan from the sheet's title and dates; {} already has items",
            args.file.display()
        );
    }
    Ok(table)
}

/// Runs `cairn export --xlsx` or `--csv [--table plan|initiatives|measurements]`.
pub fn export(
    workbench: &Path,
    plan: &Plan,
    xlsx: bool,
    table: Option<&str>,
    output: Option<&Path>,
) -> anyhow::Result<()> {
    let bytes = if xlsx {
        if table.is_some() {
            bail!("--table picks one table for --csv; the .xlsx workbook holds all three");
        }
        if output.is_none() {
            bail!("--xlsx needs -o FILE.xlsx (a workbook is not written to the terminal)");
        }
        export::to_xlsx(plan).map_err(|e| anyhow!(e))?
    } else {
        let name = table.unwrap_or("plan");
        let Some(which) = Which::parse(name) else {
            bail!("unknown table {name:?}; use plan, initiatives or measurements");
        };
        // A byte-order mark tells Excel the file is UTF-8; not on a terminal.
        export::to_csv(&which.table(plan), output.is_some()).map_err(|e| anyhow!(e))?
    };
    match output {
        Some(out) => crate::store::output::write(out, &bytes, Some(workbench))?,
        None => crate::cli::say_bytes(&bytes)?,
    }
    Ok(())
}
