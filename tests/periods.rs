//! Locked periods: a snapshot keeps the figures, the period becomes read
//! only, its report card reprints byte for byte, and the next period's card
//! shows the change since it.

use std::process::Command as Process;

use cairn::command::{Command, ItemField};
use cairn::interchange::seeds;
use cairn::interchange::{from_json, to_json};
use cairn::model::Tree;
use cairn::report::{self, Paper, ReportOptions, Scope};
use cairn::workbench::{EditError, Workbench};

fn phoenix(dir: &std::path::Path) -> Workbench {
    Workbench::create(
        &dir.join("plan.cairn"),
        seeds::phoenix_with_sample_kpis().expect("seed"),
    )
    .expect("create")
}

fn set(wb: &mut Workbench, code: &str, field: ItemField, value: &str) {
    let pos = wb.tree().item_by_code(code).expect("code");
    let item = wb.plan().items()[pos].id.clone();
    wb.apply(&Command::SetField {
        item,
        field,
        value: value.into(),
    })
    .expect("edit");
}

/// Records an item's status for a period, as the item page does.
fn record(wb: &mut Workbench, code: &str, status: &str, period: &str) {
    let pos = wb.tree().item_by_code(code).expect("code");
    let item = wb.plan().items()[pos].id.clone();
    let edit = cairn::command::figure_edit(wb.plan(), &item, period, ItemField::Status, status)
        .expect("figure");
    wb.apply(&edit).expect("edit");
}

fn card(wb: &Workbench, period: &str) -> Vec<u8> {
    let built = report::build(wb.plan(), &ReportOptions::new(Scope::Plan, period)).expect("build");
    report::pdf::render(&built, Paper::Letter)
        .expect("render")
        .bytes
}

fn text(pdf: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(pdf).expect("text")
}

#[test]
fn a_locked_periods_card_reprints_byte_for_byte_after_later_edits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = phoenix(dir.path());
    record(&mut wb, "1.1.1", "completed", "FY2025");
    record(&mut wb, "2.1.1", "at_risk", "FY2025");
    let first = card(&wb, "FY2025");
    wb.apply(&Command::LockPeriod {
        period: "FY2025".into(),
        by: "CIO office".into(),
    })
    .expect("lock");
    let at_lock = card(&wb, "FY2025");
    // The live card and the locked card differ only by the lock note.
    assert!(text(&at_lock).contains("was locked on"));
    assert!(text(&first).contains("2.1.1") == text(&at_lock).contains("2.1.1"));
    // A year of work later...
    record(&mut wb, "1.1.2", "completed", "FY2026");
    record(&mut wb, "2.1.1", "off_track", "FY2026");
    set(&mut wb, "2", ItemField::Title, "Renamed goal");
    assert!(card(&wb, "FY2026") != at_lock);
    // ...the FY2025 card is the same, byte for byte, even after reopening.
    let path = wb.path().to_owned();
    drop(wb);
    let wb = Workbench::open(&path).expect("reopen");
    assert!(card(&wb, "FY2025") == at_lock, "the locked card changed");
    assert!(!text(&at_lock).contains("Renamed goal"));
}

#[test]
fn a_locked_period_is_read_only_and_unlocking_needs_a_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = phoenix(dir.path());
    wb.apply(&Command::LockPeriod {
        period: "FY2024".into(),
        by: "CIO office".into(),
    })
    .expect("lock");
    let before = to_json(wb.plan());
    let refused = |wb: &mut Workbench, c: Command| {
        let err = wb.apply(&c).expect_err("refused");
        assert!(matches!(err, EditError::Refused(_)), "{err}");
        assert!(err.to_string().contains("FY2024 is locked"), "{err}");
    };
    refused(
        &mut wb,
        Command::SetMeasurement {
            kpi: "k-phish".into(),
            period: "FY2024".into(),
            value: Some(1.0),
            comment: String::new(),
        },
    );
    refused(
        &mut wb,
        Command::SetCommentary {
            item: None,
            period: "FY2024".into(),
            commentary: "Late note".into(),
            recommendations: String::new(),
        },
    );
    let mut kpi = wb
        .plan()
        .kpis
        .iter()
        .find(|k| k.id == "k-phish")
        .cloned()
        .expect("kpi");
    kpi.targets
        .iter_mut()
        .filter(|t| t.period == "FY2024")
        .for_each(|t| t.value = 99.0);
    refused(&mut wb, Command::PutKpi(Box::new(kpi)));
    assert_eq!(to_json(wb.plan()), before);
    // Other periods stay open.
    wb.apply(&Command::SetMeasurement {
        kpi: "k-phish".into(),
        period: "FY2026".into(),
        value: Some(5.0),
        comment: String::new(),
    })
    .expect("an open period");
    let err = wb
        .apply(&Command::UnlockPeriod {
            period: "FY2024".into(),
            reason: "  ".into(),
        })
        .expect_err("needs a reason");
    assert!(err.to_string().contains("reason"));
    wb.apply(&Command::UnlockPeriod {
        period: "FY2024".into(),
        reason: "Audit correction of the phishing figure".into(),
    })
    .expect("unlock");
    let history = wb
        .store()
        .history(&cairn::store::HistoryFilter::default())
        .expect("history");
    let last = history.last().expect("entry");
    assert_eq!(last.entry.action, "unlock period");
    assert_eq!(last.entry.reason, "Audit correction of the phishing figure");
    wb.apply(&Command::SetMeasurement {
        kpi: "k-phish".into(),
        period: "FY2024".into(),
        value: Some(7.9),
        comment: "Corrected".into(),
    })
    .expect("editable again");
}

#[test]
fn the_next_periods_card_shows_the_change_since_a_locked_period() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = phoenix(dir.path());
    record(&mut wb, "1.1.1", "completed", "FY2024");
    wb.apply(&Command::LockPeriod {
        period: "FY2024".into(),
        by: "CIO office".into(),
    })
    .expect("lock");
    for code in ["1.1.2", "1.1.3", "1.1.4", "1.1.5", "1.1.6", "1.1.7"] {
        record(&mut wb, code, "completed", "FY2025");
    }
    let built =
        report::build(wb.plan(), &ReportOptions::new(Scope::Plan, "FY2025")).expect("build");
    let change = built
        .summary
        .percent
        .change()
        .expect("a change since FY2024");
    assert!(
        change > 3.0,
        "six more of 165 initiatives completed: {change}"
    );
    let goal1 = &built.summary.rows[0];
    assert!(goal1.percent.change().expect("goal change") > 0.0);
    let words = text(
        &report::pdf::render(&built, Paper::Letter)
            .expect("render")
            .bytes,
    );
    assert!(
        words.contains("since FY2024"),
        "{}",
        &words[..words.len().min(2000)]
    );
    // Without a lock, the change comes from the progress recorded for
    // each period (1.1.1 in FY2024, six more in FY2025).
    wb.apply(&Command::UnlockPeriod {
        period: "FY2024".into(),
        reason: "test".into(),
    })
    .expect("unlock");
    let built =
        report::build(wb.plan(), &ReportOptions::new(Scope::Plan, "FY2025")).expect("build");
    assert!(
        built.summary.percent.change().is_some_and(|c| c > 0.0),
        "{:?}",
        built.summary.percent.change()
    );
}

#[test]
fn locks_round_trip_through_json_and_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("p.cairn");
    let fs = f.to_str().expect("path");
    let run = |args: &[&str]| {
        Process::new(env!("CARGO_BIN_EXE_cairn"))
            .args(args)
            .env("CAIRN_USER", "pat")
            .output()
            .expect("run")
    };
    assert!(run(&["new", fs, "--seed", "milwaukee"]).status.success());
    let out = run(&["lock", fs, "FY2025"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["lock", fs, "FY2025"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("already locked"));
    let out = run(&["export", fs, "--json"]);
    let json = String::from_utf8(out.stdout).expect("utf-8");
    let plan = from_json(&json).expect("re-import");
    assert_eq!(plan.locks.len(), 1);
    assert_eq!(plan.locks[0].locked_by, "pat");
    assert_eq!(to_json(&plan), json);
    let tree = Tree::build(&from_json(&plan.locks[0].snapshot).expect("snapshot"));
    assert_eq!(tree.placements.len(), 5 + 18 + 65);
    let out = run(&["unlock", fs, "FY2025"]);
    assert!(!out.status.success(), "--reason is required");
    assert!(
        run(&["unlock", fs, "FY2025", "--reason", "Reopened for the audit"])
            .status
            .success()
    );
}

#[test]
fn a_card_compares_with_any_locked_period_chosen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = phoenix(dir.path());
    wb.apply(&Command::LockPeriod {
        period: "FY2023".into(),
        by: "CIO office".into(),
    })
    .expect("lock");
    for code in ["1.1.1", "1.1.2", "1.1.3"] {
        record(&mut wb, code, "completed", "FY2024");
    }
    wb.apply(&Command::LockPeriod {
        period: "FY2024".into(),
        by: "CIO office".into(),
    })
    .expect("lock");
    for code in ["1.1.4", "1.1.5"] {
        record(&mut wb, code, "completed", "FY2026");
    }
    let with = |compare: Option<&str>| {
        let mut opts = ReportOptions::new(Scope::Plan, "FY2026");
        opts.compare = compare.map(str::to_owned);
        report::build(wb.plan(), &opts)
    };
    // Against the previous period (FY2025, not locked): the change from
    // the progress recorded for FY2026 (1.1.4 and 1.1.5 completed).
    assert!(
        with(None)
            .expect("build")
            .summary
            .percent
            .change()
            .is_some_and(|c| c > 0.0)
    );
    let since_2024 = with(Some("FY2024"))
        .expect("build")
        .summary
        .percent
        .change()
        .expect("change");
    let since_2023 = with(Some("FY2023"))
        .expect("build")
        .summary
        .percent
        .change()
        .expect("change");
    assert!(
        since_2023 > since_2024 && since_2024 > 0.0,
        "{since_2023} vs {since_2024}"
    );
    let card = with(Some("FY2023")).expect("build");
    let words = text(
        &report::pdf::render(&card, Paper::Letter)
            .expect("render")
            .bytes,
    );
    assert!(words.contains("since FY2023"));
    let err = with(Some("FY1999")).expect_err("unknown period");
    assert!(err.to_string().contains("FY1999"));
}
