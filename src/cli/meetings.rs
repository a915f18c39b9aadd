//! The command line's meeting commands: `cairn meeting` (plan one),
//! `cairn meetings` (list them) and `cairn minutes` (print the minutes).

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use crate::command::{Command, parse_date};
use crate::model::{AgendaEntry, Meeting, Plan};
use crate::workbench::Workbench;

/// The arguments of `cairn meeting` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct MeetingArgs {
    pub file: PathBuf,
    #[arg(long)]
    pub title: String,
    /// The meeting's day, YYYY-MM-DD.
    #[arg(long)]
    pub date: String,
    /// The reporting period under review, e.g. FY2025.
    #[arg(long)]
    pub period: String,
    /// An attendee (repeat for each).
    #[arg(long = "attendee")]
    pub attendees: Vec<String>,
    #[arg(long, default_value = "at-risk")]
    pub agenda: String,
}

/// The arguments of `cairn meetings` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct MeetingsArgs {
    pub file: PathBuf,
}

/// The arguments of `cairn minutes` (its help is on [`super::Cmd`]).
#[derive(clap::Args, Debug)]
pub struct MinutesArgs {
    pub file: PathBuf,
    /// The meeting's id (see `cairn meetings`).
    #[arg(long)]
    pub meeting: String,
    /// letter or a4.
    #[arg(long, default_value = "letter")]
    pub paper: String,
    #[arg(short, long)]
    pub output: PathBuf,
    /// Who prepared the minutes (default: the plan's owner).
    #[arg(long)]
    pub prepared_by: Option<String>,
    /// Write a self-contained HTML page instead of a PDF.
    #[arg(long)]
    pub html: bool,
    /// Print this date (YYYY-MM-DD) in the metadata; none by default, so reprints are identical.
    #[arg(long)]
    pub print_date: Option<String>,
}

/// What `cairn meeting` was asked for.
pub struct NewMeeting {
    pub title: String,
    pub date: String,
    pub period: String,
    pub attendees: Vec<String>,
    pub agenda: String,
}

/// The agenda asked for: `at-risk`, `due`, or item codes.
fn agenda(wb: &Workbench, date: chrono::NaiveDate, spec: &str) -> anyhow::Result<Vec<String>> {
    let plan = wb.plan();
    let ids = match spec.trim() {
        "at-risk" => crate::rules::agenda::at_risk(plan, wb.rollup()),
        "due" => crate::rules::agenda::due_in_quarter(plan, wb.rollup(), date),
        codes => {
            let mut ids = Vec::new();
            for code in codes.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                let Some(pos) = wb.tree().item_by_code(code) else {
                    bail!("--agenda: no item has the code {code:?}");
                };
                let id = plan.items()[pos].id.clone();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            ids
        }
    };
    if ids.is_empty() {
        bail!(
            "--agenda {spec:?} gives an empty agenda; use at-risk, due, or item codes such as 1,2.3"
        );
    }
    Ok(ids)
}

pub fn plan_meeting(file: &Path, args: NewMeeting) -> anyhow::Result<()> {
    let date = parse_date(&args.date)
        .map_err(|e| anyhow::anyhow!("--date: {e}"))?
        .context("--date: give the meeting's day as YYYY-MM-DD")?;
    let mut wb = Workbench::open(file)?;
    let mut meeting = Meeting::new("", &args.title, date, &args.period);
    meeting.attendees = args.attendees;
    meeting.agenda = agenda(&wb, date, &args.agenda)?
        .iter()
        .map(|id| AgendaEntry::new(id))
        .collect();
    wb.apply(&Command::PutMeeting(Box::new(meeting)))?;
    crate::cli::tell_notices(&mut wb);
    let id = wb
        .plan()
        .meetings
        .last()
        .map(|m| m.id.clone())
        .unwrap_or_default();
    crate::cli::say(&format!("{id}\n"))
}

pub fn list(plan: &Plan) -> anyhow::Result<()> {
    let mut text = String::new();
    if plan.meetings.is_empty() {
        text += "No meetings yet. Plan one with `cairn meeting FILE --title ... --date ... --period ...`.\n";
    }
    for m in &plan.meetings {
        let open = m.actions.iter().filter(|a| a.is_open()).count();
        text += &format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}, {open} open\t{}\n",
            m.id,
            m.date,
            m.period,
            m.state(),
            crate::model::text::count(m.agenda.len(), "agenda item"),
            crate::model::text::count(m.decisions.len(), "decision"),
            crate::model::text::count(m.actions.len(), "action item"),
            m.title
        );
    }
    crate::cli::say(&text)
}

/// Where and how `cairn minutes` writes.
pub struct MinutesOut<'a> {
    pub paper: &'a str,
    pub output: &'a Path,
    pub html: bool,
}

pub fn minutes(
    (store, plan): &(crate::store::Store, Plan),
    meeting: &str,
    out: MinutesOut<'_>,
    prepared_by: Option<String>,
    print_date: Option<&str>,
) -> anyhow::Result<()> {
    use crate::report::{Paper, minutes};
    let (paper, output) = (out.paper, out.output);
    let Some(paper) = Paper::parse(paper) else {
        bail!("unknown paper {paper:?}; use letter or a4");
    };
    let print_date = print_date
        .map(parse_date)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--print-date: {e}"))?
        .flatten();
    let opts = minutes::MinutesOptions {
        prepared_by,
        print_date,
    };
    let (bytes, _) = crate::report::minutes::print::print(
        store,
        plan,
        meeting,
        &opts,
        (!out.html).then_some(paper),
    )?;
    crate::store::output::write(output, &bytes, Some(store.path()))?;
    Ok(())
}
