//! Progress kept per reporting period and the grade rule (issue 14): an
//! update is for a period; a card for any period uses that period's
//! figures, locked or not; locking freezes a period's updates; a grade says
//! what it rests on and is withheld when it rests on too little.

mod common;

use std::path::Path;

use cairn::command::{Command, ItemField};
use cairn::interchange::{from_json, seeds, to_json};
use cairn::model::{Plan, ProgressUpdate, StatusKind, Tree};
use cairn::report::{self, ReportError, ReportOptions, Scope};
use cairn::rules::grade::{Graded, grade};
use cairn::rules::rollup::{roll_up, totals};
use cairn::workbench::{EditError, Workbench};
use common::{cairn, ok};

fn id(plan: &Plan, code: &str) -> String {
    let tree = Tree::build(plan);
    plan.items()[tree.item_by_code(code).expect("code")]
        .id
        .clone()
}

fn phoenix(dir: &Path) -> Workbench {
    Workbench::create(
        &dir.join("p.cairn"),
        seeds::phoenix_with_sample_kpis().expect("seed"),
    )
    .expect("create")
}

fn record(wb: &mut Workbench, code: &str, period: &str, status: StatusKind, percent: f64) {
    let item = id(wb.plan(), code);
    wb.apply(&Command::RecordProgress {
        item,
        update: ProgressUpdate {
            period: period.into(),
            status,
            percent: Some(percent),
            note: format!("{period} report"),
        },
    })
    .unwrap_or_else(|e| panic!("{code} {period}: {e}"));
}

fn card(wb: &Workbench, scope: Scope, period: &str, compare: Option<&str>) -> report::ReportCard {
    let mut opts = ReportOptions::new(scope, period);
    opts.compare = compare.map(str::to_owned);
    report::build(wb.plan(), &opts).expect("card")
}

#[test]
fn each_period_keeps_its_own_figures_and_cards_compare_them_without_locks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = phoenix(dir.path());
    record(&mut wb, "1.1.1", "FY2026 Q1", StatusKind::OnTrack, 20.0);
    record(&mut wb, "1.1.1", "FY2026 Q2", StatusKind::AtRisk, 45.0);
    let item = id(wb.plan(), "1.1.1");
    // The current figures are the latest period's.
    let now = wb.plan().item(&item).expect("item");
    assert_eq!(
        (now.status(), now.percent()),
        (StatusKind::AtRisk, Some(45.0))
    );
    // Each period's roll-up reads that period's update.
    let pos = wb.plan().position(&item).expect("pos");
    let at = |period: &str| {
        let r = &roll_up(wb.plan(), Some(period)).items[pos];
        (r.status, r.percent)
    };
    assert_eq!(at("FY2026 Q1"), (StatusKind::OnTrack, Some(20.0)));
    assert_eq!(at("FY2026 Q2"), (StatusKind::AtRisk, Some(45.0)));
    assert_eq!(at("FY2025 Q4"), (StatusKind::NotStarted, Some(0.0)));
    // A quarter's card, with no period locked, shows the change since the
    // quarter before from the progress recorded for it.
    let q2 = card(&wb, Scope::Item("1.1".into()), "FY2026 Q2", None);
    assert_eq!(
        q2.summary.percent.previous_period.as_deref(),
        Some("FY2026 Q1")
    );
    let objective = roll_up(wb.plan(), Some("FY2026 Q1")).items
        [wb.plan().position(&id(wb.plan(), "1.1")).expect("pos")]
    .percent;
    assert!(q2.summary.percent.previous.is_some());
    assert_eq!(q2.summary.percent.previous, objective);
    assert!(
        q2.summary.percent.change().is_some_and(|c| c > 0.0),
        "{:?}",
        q2.summary.percent
    );
    // The goal's card shows the objective's change, in words.
    let goal = card(&wb, Scope::Goal(1), "FY2026 Q2", None);
    let o11 = &goal.sections[0].objectives[0];
    assert_eq!(o11.code, "1.1");
    assert!(o11.before.is_some());
    assert!(o11.percent_text().contains("▲ +"), "{}", o11.percent_text());
    assert!(
        o11.status_change().is_some_and(|w| w.contains("was ")),
        "{:?}",
        o11.status_change()
    );
    // The update is in the history, for its period.
    let history = wb.store().history(&Default::default()).expect("history");
    let last = &history.last().expect("row").entry;
    assert_eq!(last.field.as_deref(), Some("progress FY2026 Q2"));
    assert_eq!(last.new.as_deref(), Some("At risk, 45%: FY2026 Q2 report"));
    // And in the file and the JSON document.
    drop(wb);
    let (_, saved) =
        cairn::store::Store::open_read_only(&dir.path().join("p.cairn")).expect("open");
    assert_eq!(saved.item(&item).expect("item").updates.len(), 2);
    let again = from_json(&to_json(&saved)).expect("json");
    assert_eq!(again.item(&item), saved.item(&item));
}

#[test]
fn a_locked_periods_updates_are_frozen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = phoenix(dir.path());
    record(&mut wb, "2.1.1", "FY2025 Q4", StatusKind::OnTrack, 30.0);
    wb.apply(&Command::LockPeriod {
        period: "FY2025 Q4".into(),
        by: "CIO".into(),
    })
    .expect("lock");
    let item = id(wb.plan(), "2.1.1");
    let refused = wb.apply(&Command::RecordProgress {
        item: item.clone(),
        update: ProgressUpdate {
            period: "FY2025 Q4".into(),
            status: StatusKind::OffTrack,
            percent: Some(10.0),
            note: String::new(),
        },
    });
    assert!(
        matches!(refused, Err(EditError::Refused(ref r)) if r.to_string().contains("FY2025 Q4 is locked")),
        "{refused:?}"
    );
    // The item's status is the locked period's: changing it would change
    // that period's figures.
    let edit = cairn::command::figure_edit(
        wb.plan(),
        &item,
        "FY2025 Q4",
        ItemField::Status,
        "off track",
    )
    .expect("an edit");
    let refused = wb.apply(&edit);
    assert!(refused.is_err(), "{refused:?}");
    // A later period takes it.
    record(&mut wb, "2.1.1", "FY2026 Q1", StatusKind::OffTrack, 30.0);
    assert_eq!(
        wb.plan().item(&item).expect("item").status(),
        StatusKind::OffTrack
    );
}

#[test]
fn an_update_on_a_derived_item_or_for_an_unknown_period_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = phoenix(dir.path());
    let before = wb.plan().clone();
    for (code, period) in [("1.1", "FY2026 Q1"), ("1.1.1", "FY2031")] {
        let item = id(wb.plan(), code);
        let r = wb.apply(&Command::RecordProgress {
            item,
            update: ProgressUpdate {
                period: period.into(),
                status: StatusKind::OnTrack,
                percent: None,
                note: String::new(),
            },
        });
        assert!(r.is_err(), "{code} {period}");
    }
    assert_eq!(wb.plan(), &before);
    assert_eq!(wb.store().history_len(), 0);
}

#[test]
fn not_started_work_that_should_have_started_counts_as_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let wb = phoenix(dir.path());
    let plan = wb.plan();
    // Phoenix with sample KPIs: every initiative not started.
    let r = roll_up(plan, Some("FY2025"));
    let t = totals(plan, &r, None);
    assert_eq!(t.distinct, 165);
    // By the end of FY2025 the short-term window (two years from July
    // 2021) has passed: those initiatives count as behind, the long-term
    // ones are not yet due and are left out.
    assert!(t.coverage.graded > 40, "{:?}", t.coverage);
    assert!(t.coverage.graded < 165, "{:?}", t.coverage);
    let g = grade(&plan.info, t.score, &t.coverage);
    assert!(
        matches!(g, Graded::Letter(l) if l.grade == "F" || l.grade == "D"),
        "0% complete with most short-term work not started cannot grade well: {g:?}"
    );
    // Page 2 says what the grade rests on, and the rule.
    let c = report::build(plan, &ReportOptions::new(Scope::Plan, "FY2025")).expect("card");
    assert!(
        c.summary.grade_basis.starts_with(&format!(
            "Graded on {} of 165 key initiatives",
            t.coverage.graded
        )),
        "{}",
        c.summary.grade_basis
    );
    assert!(c.summary.grade_basis.contains("counts as off track"));
}

#[test]
fn a_grade_resting_on_two_items_is_no_grade() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut plan = seeds::phoenix_with_sample_kpis().expect("seed");
    // Without counting work behind, and without KPIs, only what was
    // reported is graded.
    plan.info.grading.rule.count_behind = false;
    plan.kpis.clear();
    let mut wb = Workbench::create(&dir.path().join("p.cairn"), plan).expect("create");
    record(&mut wb, "1.1.1", "FY2026 Q1", StatusKind::OnTrack, 50.0);
    record(&mut wb, "1.1.2", "FY2026 Q1", StatusKind::OffTrack, 10.0);
    let plan = wb.plan();
    let r = roll_up(plan, Some("FY2026 Q1"));
    let t = totals(plan, &r, None);
    assert_eq!((t.coverage.graded, t.coverage.gradable), (2, 165));
    assert_eq!(grade(&plan.info, t.score, &t.coverage), Graded::TooFew);
    let c = card(&wb, Scope::Plan, "FY2026 Q1", None);
    assert_eq!(c.summary.grade, None);
    assert_eq!(c.summary.grade_meaning, "Not graded: too few updates");
    assert!(
        c.summary
            .grade_basis
            .starts_with("Graded on 2 of 165 key initiatives."),
        "{}",
        c.summary.grade_basis
    );
    // Objective 1.1 itself rests on its own two of few initiatives: graded.
    let pos = plan.position(&id(plan, "1.1")).expect("pos");
    let rolled = &r.items[pos];
    assert_eq!(rolled.coverage.graded, 2);
    assert!(rolled.coverage.gradable >= 2);
}

#[test]
fn compare_accepts_only_a_period_that_ends_before_the_card_begins() {
    let dir = tempfile::tempdir().expect("tempdir");
    let wb = phoenix(dir.path());
    for bad in ["FY2025", "FY2025 Q3", "FY2026"] {
        let mut opts = ReportOptions::new(Scope::Plan, "FY2025");
        opts.compare = Some(bad.into());
        match report::build(wb.plan(), &opts) {
            Err(e @ ReportError::BadCompare { .. }) => {
                let text = e.to_string();
                assert!(
                    text.contains("Choose an earlier period, e.g. FY2024"),
                    "{text}"
                );
            }
            other => panic!("--compare {bad} was taken: {:?}", other.map(|_| ())),
        }
    }
    let mut opts = ReportOptions::new(Scope::Plan, "FY2025");
    opts.compare = Some("FY2024 Q4".into());
    assert!(report::build(wb.plan(), &opts).is_ok());
}

#[test]
fn cairn_update_records_progress_and_says_what_is_wrong() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path().join("home");
    let file = dir.path().join("p.cairn");
    let f = file.to_str().expect("path");
    ok(&cairn(&["new", f, "--seed", "phoenix"], &home));
    ok(&cairn(
        &[
            "update",
            f,
            "3.2.1",
            "--period",
            "FY2026 Q2",
            "--status",
            "At risk",
            "--percent",
            "45",
            "--note",
            "Vendor slipped",
        ],
        &home,
    ));
    // Only the note for the next quarter: status and percent carry over.
    ok(&cairn(
        &[
            "update",
            f,
            "3.2.1",
            "--period",
            "FY2026 Q3",
            "--note",
            "Recovering",
        ],
        &home,
    ));
    let (_, plan) = cairn::store::Store::open_read_only(&file).expect("open");
    let item = plan.item(&id(&plan, "3.2.1")).expect("item");
    assert_eq!(item.updates.len(), 2);
    assert_eq!(item.updates[1].status, StatusKind::AtRisk);
    assert_eq!(item.updates[1].percent, Some(45.0));
    assert_eq!(item.updates[1].note, "Recovering");
    for (args, says) in [
        (vec!["--period", "FY2099"], "no reporting period \"FY2099\""),
        (
            vec!["--period", "FY2026 Q2", "--status", "late"],
            "\"late\" is not a status",
        ),
        (
            vec!["--period", "FY2026 Q2", "--percent", "140"],
            "outside 0–100",
        ),
        (
            vec!["--period", "FY2026 Q2", "--percent", "lots"],
            "--percent \"lots\"",
        ),
    ] {
        let mut all = vec!["update", f, "3.2.1"];
        all.extend(args);
        let out = cairn(&all, &home);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{err}");
    }
    let (_, after) = cairn::store::Store::open_read_only(&file).expect("open");
    assert_eq!(after, plan, "refused updates changed nothing");
}

#[test]
fn a_derived_status_names_what_drove_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = phoenix(dir.path());
    record(&mut wb, "2.1.2", "FY2026 Q1", StatusKind::OffTrack, 10.0);
    let plan = wb.plan();
    let tree = Tree::build(plan);
    let r = roll_up(plan, Some("FY2026 Q1"));
    let objective = &r.items[plan.position(&id(plan, "2.1")).expect("pos")];
    assert_eq!(objective.status, StatusKind::OffTrack);
    let title = &plan.items()[tree.item_by_code("2.1.2").expect("code")].title;
    assert_eq!(
        objective.driver_text(plan, &tree),
        format!("Off track because of 2.1.2 {title}")
    );
    // The card prints it beside the figures.
    let c = card(&wb, Scope::Item("2.1".into()), "FY2026 Q1", None);
    assert!(
        c.sections[0]
            .basis
            .contains(&format!("because of 2.1.2 {title}")),
        "{}",
        c.sections[0].basis
    );
    // A status from a KPI names the KPI and the period it was measured in.
    let mut kpi_driven = 0;
    for period in ["FY2024", "FY2025", "FY2026"] {
        let r = roll_up(plan, Some(period));
        for rolled in &r.items {
            if let Some(cairn::rules::rollup::Driver::Kpi {
                period: measured, ..
            }) = &rolled.driver
            {
                let text = rolled.driver_text(plan, &tree);
                assert!(text.contains("because of the KPI "), "{text}");
                assert!(text.ends_with(&format!("({measured})")), "{text}");
                kpi_driven += 1;
            }
        }
    }
    assert!(kpi_driven > 0, "the sample KPIs drive some status");
}

#[test]
fn a_table_with_a_period_column_records_each_rows_progress_for_its_period() {
    use cairn::table::plan_import;
    use cairn::table::read::read_bytes;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = phoenix(dir.path());
    let plan = wb.plan();
    let title = |code: &str| plan.item(&id(plan, code)).expect("item").title.clone();
    let (g, o, i) = (title("1"), title("1.1"), title("1.1.1"));
    // One row per initiative and quarter, as an office keeps a tracker;
    // quarters given by label and by the date they end.
    let csv = format!(
        "Goal,Objective,Key initiative,Period,Status,% complete,Progress note\n\
         \"{g}\",\"{o}\",\"{i}\",FY2026 Q1,On track,20%,Kick-off done\n\
         \"{g}\",\"{o}\",\"{i}\",12/31/2025,At risk,35%,Vendor slipped\n"
    );
    let grid = read_bytes(csv.as_bytes(), "tracker.csv", None, &["Plan"]).expect("read");
    let mapping = plan_import::Mapping::guess(&grid.headers);
    let table = plan_import::prepare(&grid, &mapping, wb.plan()).unwrap_or_else(|e| panic!("{e}"));
    let summary = plan_import::preview(&table, wb.plan()).expect("preview");
    assert_eq!(summary.progress.len(), 2, "{summary:?}");
    assert!(
        summary.sentence().ends_with("2 progress updates"),
        "{}",
        summary.sentence()
    );
    wb.apply(&Command::ImportPlanTable(Box::new(table)))
        .expect("import");
    let item = wb.plan().item(&id(wb.plan(), "1.1.1")).expect("item");
    let got: Vec<(&str, StatusKind, Option<f64>, &str)> = item
        .updates
        .iter()
        .map(|u| (u.period.as_str(), u.status, u.percent, u.note.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "FY2026 Q1",
                StatusKind::OnTrack,
                Some(20.0),
                "Kick-off done"
            ),
            (
                "FY2026 Q2",
                StatusKind::AtRisk,
                Some(35.0),
                "Vendor slipped"
            ),
        ]
    );
    // An unknown period is refused by row and column, changing nothing.
    let before = wb.plan().clone();
    let bad = format!(
        "Goal,Objective,Key initiative,Period,Status\n\"{g}\",\"{o}\",\"{i}\",FY2031 Q9,At risk\n"
    );
    let grid = read_bytes(bad.as_bytes(), "bad.csv", None, &["Plan"]).expect("read");
    let mapping = plan_import::Mapping::guess(&grid.headers);
    let err = plan_import::prepare(&grid, &mapping, wb.plan()).expect_err("refused");
    let text = err.to_string();
    assert!(
        text.contains("row 2") && text.contains("D (Period)"),
        "{text}"
    );
    assert_eq!(wb.plan(), &before);
}
