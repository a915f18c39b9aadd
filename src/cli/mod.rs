//! The command line: the list of subcommands with their help, and their
//! dispatch to the family files beside this one (plan, edits, requests,
//! copies, report, history, meetings, backups, table), each of which holds
//! its commands' arguments; plain `cairn [FILE]` opens the window.

mod backups;
pub mod copies;
mod edits;
mod history;
mod kpis;
mod meetings;
mod plan;
mod report;
pub mod requests;
pub mod table;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::{Parser, Subcommand};

use crate::command::Command;
use crate::model::Plan;
use crate::store::Store;
use crate::workbench::Workbench;

/// Cairn: the strategic technology plan workbench.
#[derive(Parser, Debug)]
#[command(name = "cairn", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Cmd>,
    /// A workbench file to open in the window (default: your default workbench).
    pub file: Option<PathBuf>,
    /// Sign this command's edits with NAME (else CAIRN_USER, else the name
    /// given at the welcome prompt or in Settings, else the system account).
    #[arg(long = "as", global = true, value_name = "NAME")]
    pub as_name: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// Create a new workbench file from a city seed or blank.
    New(plan::NewArgs),
    /// Create a workbench from a plan document (JSON interchange format).
    Import(plan::ImportArgs),
    /// Write a workbench's plan as a JSON document, an .xlsx workbook or CSV.
    Export(plan::ExportArgs),
    /// Print the numbered plan tree with status and percent complete.
    Tree(plan::TreeArgs),
    /// Print counts per level.
    Stats(plan::StatsArgs),
    /// Set one field of an item (by code, e.g. 1.2.3): title, status, percent, owner, due, ...
    /// Exits 0 only once the edit is saved.
    ///
    /// With --stdin, reads one edit per line as CODE<TAB>FIELD<TAB>VALUE and
    /// prints "saved N" after each edit is saved; stops at the first bad line.
    Set(edits::SetArgs),
    /// Print a report card as PDF (or, with --html, as a web page).
    Report(report::ReportArgs),
    /// Set the office's commentary and recommendations on an item (or `plan`) for a period.
    Comment(edits::CommentArgs),
    /// Record an item's progress for a reporting period: its status,
    /// percent complete and a short note. What is not given is kept from
    /// the item's figures as of that period.
    Update(edits::UpdateArgs),
    /// Print the change history: who changed what, when, from what to what, and why.
    History(history::HistoryArgs),
    /// Lock a reporting period: keep a snapshot so its report card can be
    /// reprinted exactly, and make its figures read only.
    Lock(edits::LockArgs),
    /// Unlock a period (the reason is kept in the history).
    Unlock(edits::UnlockArgs),
    /// Write a synthetic plan (marked as sample data) to measure scale.
    Generate(plan::GenerateArgs),
    /// Print where the default workbench lives.
    Where,
    /// List the rolling backups kept in FILE.backups/: when each was taken,
    /// its size, the plan's title in it and the edits made since.
    Backups(backups::BackupsArgs),
    /// Replace a workbench with one of its backups. The file as it is is
    /// backed up first, so a restore can itself be undone.
    Restore(backups::RestoreArgs),
    /// Plan a review meeting; prints its id.
    ///
    /// The agenda is `at-risk` (everything at risk or off track), `due`
    /// (everything due in the fiscal quarter of the meeting) or item codes
    /// separated by commas (e.g. 1,2.3).
    Meeting(meetings::MeetingArgs),
    /// List the workbench's meetings with their ids.
    Meetings(meetings::MeetingsArgs),
    /// Print a meeting's minutes as PDF: attendees, and per agenda item the
    /// status before and after, decisions and action items.
    Minutes(meetings::MinutesArgs),
    /// Write an update request per owner (or department) into DIR: an .xlsx
    /// each, asking for this period's status, percent, due date and note
    /// of their initiatives and their KPIs' values. The requests are kept
    /// in the plan's register (see `cairn requests`).
    RequestUpdates(requests::RequestUpdatesArgs),
    /// List the register of update requests: who, how many items, sent,
    /// due, returned, and whether each is sent, outstanding or merged.
    Requests(requests::RequestsArgs),
    /// Merge returned update requests: shows each owner's changes old → new
    /// and conflicts with the plan, refuses files with problems (by sheet,
    /// row and column) and otherwise makes one edit naming each owner.
    MergeUpdates(requests::MergeUpdatesArgs),
    /// Write a copy of FILE for a colleague to OUTPUT. The copy remembers
    /// FILE and how it stood, so its edits can be merged back (`cairn merge`).
    Copy(copies::CopyArgs),
    /// Merge a colleague's copy (made with `cairn copy` or File → Save a
    /// copy…) back into FILE: shows each changed item, KPI or meeting with
    /// its fields as it was → as the copy has it, and conflicts (changed
    /// here too) with this file's value. Conflicts keep FILE's values unless
    /// taken; the copy's history comes along with its authors and times.
    Merge(copies::MergeArgs),
    /// Import a plan from a CSV file or a spreadsheet sheet whose columns are
    /// the levels (e.g. Goal, Focus area, Project) and optional fields
    /// (owner, department, status, percent, start, due, budget, term, notes);
    /// with --measurements, KPI measurements (KPI, period, value, comment).
    /// FILE is created when it does not exist. Prints what is imported; a
    /// table with problems is refused by row and column and nothing is written.
    ImportTable(table::ImportTableArgs),
    /// Record a KPI's value for a period (or --missing: recorded as
    /// missing, not zero). KPI is its name or id. A calculated KPI's values
    /// are read only; those reading this one are worked out again.
    Measure(kpis::MeasureArgs),
    /// List each KPI's value for a period (default: today's), its item, where
    /// the value came from (typed, or calculated with its formula), why it
    /// is missing, and its status; --json gives an array of objects.
    Kpis(kpis::KpisArgs),
}

use edits::{comment, set, set_from_stdin};
use history::history;
use plan::{export, import, new, stats, tree};
pub use plan::{stats_json, tree_text};

/// Runs a subcommand.
pub fn run(cmd: Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::New(plan::NewArgs {
            file,
            seed,
            sample_kpis,
        }) => new(&file, &seed, sample_kpis),
        Cmd::Import(plan::ImportArgs { json, output }) => import(&json, &output),
        Cmd::Export(plan::ExportArgs {
            file,
            json: _,
            xlsx,
            csv,
            table,
            output,
        }) => {
            if xlsx || csv {
                crate::cli::table::export(
                    &file,
                    &open(&file)?,
                    xlsx,
                    table.as_deref(),
                    output.as_deref(),
                )
            } else {
                export(&file, output.as_deref())
            }
        }
        Cmd::Tree(plan::TreeArgs { file }) => tree(&file),
        Cmd::Stats(plan::StatsArgs { file, json }) => stats(&file, json),
        Cmd::Set(edits::SetArgs {
            file,
            code,
            field,
            value,
            stdin,
            period,
        }) => match (code, field, value) {
            (Some(code), Some(field), Some(value)) if !stdin => {
                let mut wb = Workbench::open(&file)?;
                let recorded = set(&mut wb, &code, &field, &value, period.as_deref())?;
                tell_notices(&mut wb);
                if let Some(period) = recorded {
                    println!("{code} {field} recorded for {period}");
                }
                Ok(())
            }
            _ => set_from_stdin(&file, period.as_deref()),
        },
        Cmd::Meeting(meetings::MeetingArgs {
            file,
            title,
            date,
            period,
            attendees,
            agenda,
        }) => crate::cli::meetings::plan_meeting(
            &file,
            crate::cli::meetings::NewMeeting {
                title,
                date,
                period,
                attendees,
                agenda,
            },
        ),
        Cmd::Meetings(meetings::MeetingsArgs { file }) => crate::cli::meetings::list(&open(&file)?),
        Cmd::Minutes(meetings::MinutesArgs {
            file,
            meeting,
            paper,
            output,
            prepared_by,
            html,
            print_date,
        }) => crate::cli::meetings::minutes(
            &open_store(&file)?,
            &meeting,
            crate::cli::meetings::MinutesOut {
                paper: &paper,
                output: &output,
                html,
            },
            prepared_by,
            print_date.as_deref(),
        ),
        Cmd::Report(args) => report::run(&args),
        Cmd::Comment(edits::CommentArgs {
            file,
            code,
            period,
            commentary,
            recommendations,
        }) => comment(&file, &code, period, commentary, recommendations),
        Cmd::Update(edits::UpdateArgs {
            file,
            code,
            period,
            status,
            percent,
            note,
        }) => crate::cli::edits::update(
            &file,
            &code,
            crate::cli::edits::Given {
                period,
                status,
                percent,
                note,
            },
        ),
        Cmd::History(history::HistoryArgs {
            file,
            item,
            who,
            since,
            until,
            csv,
        }) => history(
            &file,
            item.as_deref(),
            who,
            since.as_deref(),
            until.as_deref(),
            csv,
        ),
        Cmd::Lock(edits::LockArgs { file, period }) => {
            let mut wb = Workbench::open(&file)?;
            let by = wb.store().user().to_owned();
            let done = format!("Locked {period} in {}.", file.display());
            apply(&mut wb, &Command::LockPeriod { period, by }, &done)
        }
        Cmd::Unlock(edits::UnlockArgs {
            file,
            period,
            reason,
        }) => {
            let mut wb = Workbench::open(&file)?;
            let done = format!("Unlocked {period} in {}.", file.display());
            apply(&mut wb, &Command::UnlockPeriod { period, reason }, &done)
        }
        Cmd::Generate(plan::GenerateArgs {
            file,
            items,
            kpis,
            measurements,
        }) => {
            if items == 0 {
                bail!("--items must be at least 1");
            }
            let plan = crate::interchange::generate::plan(crate::interchange::generate::Size {
                initiatives: items,
                kpis,
                measurements,
            });
            Store::create(&file, &plan)?;
            eprintln!(
                "Wrote {} items, {} KPIs and {} measurements (sample data) to {}.",
                plan.items().len(),
                plan.kpis.len(),
                plan.kpis
                    .iter()
                    .map(|k| k.measurements.len())
                    .sum::<usize>(),
                file.display()
            );
            Ok(())
        }
        Cmd::Measure(args) => kpis::measure(args),
        Cmd::Kpis(args) => kpis::kpis(args),
        Cmd::ImportTable(table::ImportTableArgs {
            file,
            table,
            measurements,
            sheet,
            map,
            map_value,
            keep_codes,
            name_plan,
            dry_run,
        }) => crate::cli::table::import_table(&crate::cli::table::ImportArgs {
            file,
            table,
            measurements,
            sheet,
            map,
            map_values: map_value,
            keep_codes,
            name_plan,
            dry_run,
        }),
        Cmd::RequestUpdates(requests::RequestUpdatesArgs {
            file,
            period,
            by,
            due,
            output,
        }) => crate::cli::requests::request_updates(
            &file,
            &crate::cli::requests::RequestArgs {
                period,
                by,
                due,
                output,
            },
        ),
        Cmd::Requests(requests::RequestsArgs { file }) => crate::cli::requests::list(&file),
        Cmd::MergeUpdates(requests::MergeUpdatesArgs {
            file,
            returned,
            dry_run,
            accept_conflicts,
        }) => crate::cli::requests::merge(&file, &returned, dry_run, accept_conflicts),
        Cmd::Copy(copies::CopyArgs { file, output }) => copies::copy(&file, &output),
        Cmd::Merge(copies::MergeArgs {
            file,
            other,
            dry_run,
            take,
            take_all,
            leave_out,
        }) => copies::merge(&file, &other, dry_run, &take, take_all, &leave_out),
        Cmd::Backups(backups::BackupsArgs { file }) => crate::cli::backups::list(&file),
        Cmd::Restore(backups::RestoreArgs { file, from }) => {
            crate::cli::backups::restore(&file, &from)
        }
        Cmd::Where => {
            let path = crate::store::paths::default_workbench()
                .context("could not find a data directory for this user")?;
            say(&format!("{}\n", path.display()))
        }
    }
}

/// Reads a workbench's plan. When no other Cairn has it open, it is opened
/// as a writer would (so SQLite tidies its journal files on close); when
/// one has, it is read read-only alongside it.
pub(crate) fn open(file: &Path) -> anyhow::Result<Plan> {
    open_store(file).map(|(_, plan)| plan)
}

/// Opens a workbench with its store (read-only if another Cairn has it open).
pub(crate) fn open_store(file: &Path) -> anyhow::Result<(Store, Plan)> {
    let (store, plan, _) = Store::open_or_share(file)?;
    Ok((store, plan))
}

/// Applies one edit, tells of a backup problem, then says `done`.
fn apply(wb: &mut Workbench, command: &Command, done: &str) -> anyhow::Result<()> {
    wb.apply(command)?;
    tell_notices(wb);
    eprintln!("{done}");
    Ok(())
}

/// The reporting period a figure typed on the command line is for: the one
/// named, which must be a period of the plan, else today's.
fn reporting_period(plan: &Plan, named: Option<&str>) -> anyhow::Result<String> {
    let labels = || {
        plan.info
            .periods_in_order()
            .iter()
            .map(|p| p.label.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match named {
        Some(p) if plan.info.period_rank(p).is_some() => Ok(p.to_owned()),
        Some(p) => bail!("the plan has no reporting period {p:?}; use one of: {}", labels()),
        None => plan
            .info
            .period_for_day(chrono::Local::now().date_naive())
            .map(|p| p.label.clone())
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "the plan has no reporting periods to record this for; add them in Plan settings"
                )
            }),
    }
}

/// Tells the user, on standard error, of a problem with the day's backup
/// (the edits themselves were saved).
pub(crate) fn tell_notices(wb: &mut Workbench) {
    if let Some(notice) = wb.take_notice() {
        eprintln!("cairn: {notice}");
    }
}

/// Writes to standard output. A closed pipe (`cairn tree F | head`) comes
/// back as an error that `main` ends on quietly.
pub fn say(text: &str) -> anyhow::Result<()> {
    say_bytes(text.as_bytes())
}

/// [`say`] for bytes.
pub fn say_bytes(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

/// Whether an error is standard output's reader going away (a closed pipe),
/// which ends a command quietly.
pub fn is_closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
