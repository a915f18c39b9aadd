//! `cairn report`: print a report card as PDF or a web page.

use std::path::PathBuf;

use anyhow::bail;

/// What `cairn report` was asked for.
#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// The workbench.
    pub file: PathBuf,
    /// plan, goal:N or item:CODE.
    #[arg(long, default_value = "plan")]
    pub scope: String,
    /// The reporting period's label, e.g. FY2024.
    #[arg(long)]
    pub period: Option<String>,
    /// letter or a4.
    #[arg(long, default_value = "letter")]
    pub paper: String,
    /// Output file.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Write a self-contained HTML page instead of a PDF.
    #[arg(long)]
    pub html: bool,
    /// Only the one-page summary card.
    #[arg(long)]
    pub summary: bool,
    /// compact (default: completed and not-started items one line each
    /// under their counts) or full (every item in the goal's table).
    #[arg(long, default_value = "compact")]
    pub detail: String,
    /// Who prepared the card (default: the plan's owner).
    #[arg(long)]
    pub prepared_by: Option<String>,
    /// Print this date (YYYY-MM-DD) on the cover; none by default, so reprints are identical.
    #[arg(long)]
    pub print_date: Option<String>,
    /// Compare with this period instead of the previous one; its figures
    /// come from its snapshot when it is locked.
    #[arg(long)]
    pub compare: Option<String>,
}

/// Prints the card and writes it (never onto a workbench).
pub fn run(args: &ReportArgs) -> anyhow::Result<()> {
    use crate::report::{self, Paper, ReportOptions, Scope};
    crate::store::output::check_target(&args.output, Some(&args.file))?;
    let plan = super::open(&args.file)?;
    let Some(paper) = Paper::parse(&args.paper) else {
        bail!("unknown paper {:?}; use letter or a4", args.paper);
    };
    let scope = Scope::parse(&args.scope)?;
    let labels: Vec<&str> = plan.info.periods.iter().map(|p| p.label.as_str()).collect();
    let Some(period) = &args.period else {
        if labels.is_empty() {
            bail!("--period is needed, but the plan has no reporting periods yet");
        }
        bail!("--period is needed; use one of: {}", labels.join(", "));
    };
    let print_date = args
        .print_date
        .as_deref()
        .map(crate::command::parse_date)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--print-date: {e}"))?
        .flatten();
    let Some(detail) = crate::report::model::Detail::parse(&args.detail) else {
        bail!("unknown detail {:?}; use compact or full", args.detail);
    };
    let opts = ReportOptions {
        summary_only: args.summary,
        detail,
        compare: args.compare.clone(),
        prepared_by: args.prepared_by.clone(),
        print_date,
        source_file: args
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned()),
        ..ReportOptions::new(scope, period)
    };
    let card = report::build(&plan, &opts)?;
    let bytes = if args.html {
        report::html::render(&card).into_bytes()
    } else {
        report::pdf::render(&card, paper)?.bytes
    };
    crate::store::output::write(&args.output, &bytes, Some(&args.file))?;
    Ok(())
}
