//! One home for an initiative's progress (issue 25): whatever path an
//! analyst takes to record a figure for a period — `cairn set`, `set
//! --stdin`, the window's editor, a plan-table import, a meeting, undo and
//! redo — a returned update request or a colleague's copy that changes the
//! same figure for the same period is a conflict shown to a person, and the
//! analyst's value is kept until someone chooses otherwise.

use std::path::Path;
use std::process::Command as Process;

use cairn::command::{Command, ItemField, figure_edit};
use cairn::model::StatusKind;
use cairn::workbench::Workbench;

mod common;
use common::xlsx::{Value, fill_in};

const PERIOD: &str = "FY2026 Q2";
const ANALYST: &str = "pmo-analyst";

fn run(dir: &Path, user: &str, args: &[&str]) -> (bool, String, String) {
    run_with(dir, user, args, None)
}

fn run_with(dir: &Path, user: &str, args: &[&str], stdin: Option<&str>) -> (bool, String, String) {
    use std::io::Write as _;
    let mut cmd = Process::new(env!("CARGO_BIN_EXE_cairn"));
    cmd.args(args)
        .current_dir(dir)
        .env("CAIRN_USER", user)
        .env("CAIRN_HOME", dir.join("home"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("run cairn");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().expect("wait");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(dir: &Path, user: &str, args: &[&str]) -> String {
    let (ok, out, err) = run(dir, user, args);
    assert!(ok, "cairn {args:?}: {out}{err}");
    out + &err
}

/// The ways an analyst records "1.1.1 is off track in FY2026 Q2".
#[derive(Clone, Copy, Debug)]
enum Path_ {
    Set,
    SetStdin,
    Window,
    PlanTable,
    Meeting,
    UndoRedo,
}

const PATHS: [Path_; 6] = [
    Path_::Set,
    Path_::SetStdin,
    Path_::Window,
    Path_::PlanTable,
    Path_::Meeting,
    Path_::UndoRedo,
];

fn item_id(wb: &Workbench, code: &str) -> String {
    wb.plan().items()[wb.tree().item_by_code(code).expect(code)]
        .id
        .clone()
}

/// 1.1.1's figures recorded for the period, as the plan holds them now.
fn figures(dir: &Path) -> (StatusKind, Option<f64>) {
    let wb = Workbench::open(&dir.join("plan.cairn")).expect("open");
    let item = wb.plan().item(&item_id(&wb, "1.1.1")).expect("1.1.1");
    let u = item.update_for(PERIOD).expect("an update for the period");
    (u.status, u.percent)
}

/// Records 1.1.1 off track, 20 %, for the period along `path`.
fn analyst_records(dir: &Path, path: Path_) {
    let file = dir.join("plan.cairn");
    match path {
        Path_::Set => {
            let out = ok(
                dir,
                ANALYST,
                &[
                    "set",
                    "plan.cairn",
                    "1.1.1",
                    "status",
                    "off_track",
                    "--period",
                    PERIOD,
                ],
            );
            assert!(out.contains(&format!("recorded for {PERIOD}")), "{out}");
            ok(
                dir,
                ANALYST,
                &[
                    "set",
                    "plan.cairn",
                    "1.1.1",
                    "percent",
                    "20",
                    "--period",
                    PERIOD,
                ],
            );
        }
        Path_::SetStdin => {
            let (ok, out, err) = run_with(
                dir,
                ANALYST,
                &["set", "plan.cairn", "--stdin", "--period", PERIOD],
                Some("1.1.1\tstatus\tOff track\n1.1.1\tpercent\t20\n"),
            );
            assert!(ok, "{out}{err}");
            assert!(out.contains(&format!("recorded for {PERIOD}")), "{out}");
        }
        Path_::Window => {
            // What the item page's status picker and percent field emit.
            let mut wb = Workbench::open(&file).expect("open");
            let id = item_id(&wb, "1.1.1");
            let item = wb.plan().item(&id).expect("item");
            let status = Command::RecordProgress {
                item: id.clone(),
                update: item.update_at(
                    &wb.plan().info,
                    PERIOD,
                    Some(StatusKind::OffTrack),
                    None,
                    None,
                ),
            };
            wb.apply(&status).expect("status");
            let percent =
                figure_edit(wb.plan(), &id, PERIOD, ItemField::Percent, "20").expect("percent");
            wb.apply(&percent).expect("percent");
        }
        Path_::PlanTable => {
            let wb = Workbench::open(&file).expect("open");
            let tree = wb.tree();
            let title = |code: &str| {
                wb.plan().items()[tree.item_by_code(code).expect(code)]
                    .title
                    .replace('"', "\"\"")
            };
            let csv = format!(
                "Goal,Objective,Key initiative,Period,Status,Percent\n\"{}\",\"{}\",\"{}\",{PERIOD},Off track,20\n",
                title("1"),
                title("1.1"),
                title("1.1.1")
            );
            drop(wb);
            std::fs::write(dir.join("table.csv"), csv).expect("csv");
            ok(dir, ANALYST, &["import-table", "plan.cairn", "table.csv"]);
        }
        Path_::Meeting => {
            // The presentation's status picker and percent box: the
            // meeting's period.
            let mut wb = Workbench::open(&file).expect("open");
            let id = item_id(&wb, "1.1.1");
            let meeting = cairn::model::Meeting::new(
                "",
                "Quarterly review",
                chrono::NaiveDate::from_ymd_opt(2026, 1, 15).expect("day"),
                PERIOD,
            );
            wb.apply(&Command::PutMeeting(Box::new(meeting)))
                .expect("meeting");
            let m = wb.plan().meetings.last().expect("meeting").clone();
            for (field, text) in [(ItemField::Status, "off_track"), (ItemField::Percent, "20")] {
                let c = figure_edit(wb.plan(), &id, &m.period, field, text).expect("edit");
                wb.apply(&c).expect("apply");
            }
        }
        Path_::UndoRedo => {
            let mut wb = Workbench::open(&file).expect("open");
            let id = item_id(&wb, "1.1.1");
            for (field, text) in [(ItemField::Status, "Off track"), (ItemField::Percent, "20")] {
                let c = figure_edit(wb.plan(), &id, PERIOD, field, text).expect("edit");
                wb.apply(&c).expect("apply");
            }
            wb.undo().expect("undo");
            wb.undo().expect("undo");
            assert!(
                wb.plan()
                    .item(&id)
                    .expect("item")
                    .update_for(PERIOD)
                    .is_none_or(|u| u.status != StatusKind::OffTrack),
                "undone"
            );
            wb.redo().expect("redo");
            wb.redo().expect("redo");
        }
    }
    assert_eq!(
        figures(dir),
        (StatusKind::OffTrack, Some(20.0)),
        "{path:?} records the figure for {PERIOD}"
    );
}

/// A workbench with 1.1.1 owned by Dana Ruiz.
fn workbench(dir: &Path) {
    ok(dir, ANALYST, &["new", "plan.cairn", "--seed", "phoenix"]);
    ok(
        dir,
        ANALYST,
        &["set", "plan.cairn", "1.1.1", "owner", "Dana Ruiz"],
    );
}

/// Dana's request for the period, returned "Completed, 100".
fn dana_returns(dir: &Path) -> std::path::PathBuf {
    dana_returns_for(dir, PERIOD)
}

fn dana_returns_for(dir: &Path, period: &str) -> std::path::PathBuf {
    ok(
        dir,
        ANALYST,
        &[
            "request-updates",
            "plan.cairn",
            "--period",
            period,
            "-o",
            "out",
        ],
    );
    let file = std::fs::read_dir(dir.join("out"))
        .expect("out")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains("Dana Ruiz"))
        .expect("Dana's request");
    let returned = dir.join("returned.xlsx");
    std::fs::write(
        &returned,
        fill_in(
            &file,
            &[
                ("sheet2", "G2", Value::Text("Completed")),
                ("sheet2", "H2", Value::Number(100.0)),
            ],
        ),
    )
    .expect("write the return");
    returned
}

#[test]
fn a_returned_request_conflicts_with_the_analysts_figure_along_every_path() {
    for path in PATHS {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        workbench(d);
        let returned = dana_returns(d);
        analyst_records(d, path);
        let (_, review, err) = run(
            d,
            ANALYST,
            &["merge-updates", "plan.cairn", "returned.xlsx", "--dry-run"],
        );
        assert!(
            err.contains("1 conflict"),
            "{path:?}: the analyst's edit after the request went out is a conflict: {review}{err}"
        );
        assert!(
            review.contains("Off track") && review.contains("Completed"),
            "{path:?}: both values shown: {review}"
        );
        let (merged, out, err) = run(
            d,
            ANALYST,
            &["merge-updates", "plan.cairn", "returned.xlsx"],
        );
        assert!(merged, "{out}{err}");
        assert!(err.contains("not applied"), "{path:?}: {err}");
        assert_eq!(
            figures(d),
            (StatusKind::OffTrack, Some(20.0)),
            "{path:?}: the analyst's value is kept"
        );
        drop(returned);
    }
}

#[test]
fn a_colleagues_copy_conflicts_with_the_analysts_figure_along_every_path() {
    for path in PATHS {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        workbench(d);
        ok(d, ANALYST, &["copy", "plan.cairn", "-o", "dana.cairn"]);
        ok(
            d,
            "Dana Ruiz",
            &[
                "set",
                "dana.cairn",
                "1.1.1",
                "status",
                "completed",
                "--period",
                PERIOD,
            ],
        );
        analyst_records(d, path);
        let review = ok(
            d,
            ANALYST,
            &["merge", "plan.cairn", "dana.cairn", "--dry-run"],
        );
        assert!(
            review.contains("CONFLICT") && review.contains("1.1.1"),
            "{path:?}: the same figure changed in both files is a conflict: {review}"
        );
        ok(d, ANALYST, &["merge", "plan.cairn", "dana.cairn"]);
        assert_eq!(
            figures(d),
            (StatusKind::OffTrack, Some(20.0)),
            "{path:?}: the analyst's value is kept"
        );
    }
}

#[test]
fn the_issue_walk_set_after_the_request_went_out_is_a_conflict_not_an_overwrite() {
    // The walk from the issue: requests for FY2025 Q2, then `cairn set`
    // with no period (today's), then `set --period "FY2025 Q2"`.
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    workbench(d);
    let returned = dana_returns(d);
    // Without --period the figure goes to today's reporting period, and
    // says so; the request's period is left as it was sent.
    let out = ok(
        d,
        ANALYST,
        &["set", "plan.cairn", "1.1.1", "status", "off_track"],
    );
    let today = chrono::Local::now().date_naive();
    let wb = Workbench::open(&d.join("plan.cairn")).expect("open");
    let current = wb
        .plan()
        .info
        .period_for_day(today)
        .expect("period")
        .label
        .clone();
    drop(wb);
    assert!(out.contains(&format!("recorded for {current}")), "{out}");
    // The same edit for the request's period is a conflict.
    ok(
        d,
        ANALYST,
        &[
            "set",
            "plan.cairn",
            "1.1.1",
            "status",
            "off_track",
            "--period",
            PERIOD,
        ],
    );
    let (_, review, err) = run(
        d,
        ANALYST,
        &["merge-updates", "plan.cairn", "returned.xlsx", "--dry-run"],
    );
    assert!(err.contains("1 conflict"), "{review}{err}");
    drop(returned);
}

#[test]
fn a_set_with_no_period_conflicts_with_the_request_for_todays_period() {
    // The walk as an analyst does it on any day, the plan's end passed or
    // not: requests for the period of today, then `set` with no period.
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    workbench(d);
    let wb = Workbench::open(&d.join("plan.cairn")).expect("open");
    let today = chrono::Local::now().date_naive();
    let current = wb
        .plan()
        .info
        .period_for_day(today)
        .expect("period")
        .label
        .clone();
    drop(wb);
    dana_returns_for(d, &current);
    let out = ok(
        d,
        ANALYST,
        &["set", "plan.cairn", "1.1.1", "status", "off_track"],
    );
    assert!(out.contains(&format!("recorded for {current}")), "{out}");
    // A rejected conflict makes merge-updates exit non-zero, so only what
    // it says and what the plan keeps are checked here.
    let (_, review, err) = run(
        d,
        ANALYST,
        &["merge-updates", "plan.cairn", "returned.xlsx"],
    );
    let said = format!("{review}{err}");
    assert!(
        said.contains("status: CONFLICT") && said.contains("1 rejected"),
        "{said}"
    );
    let wb = Workbench::open(&d.join("plan.cairn")).expect("open");
    let item = wb.plan().item(&item_id(&wb, "1.1.1")).expect("1.1.1");
    let kept = item
        .update_for(&current)
        .expect("an update for today's period");
    assert_eq!(
        kept.status,
        StatusKind::OffTrack,
        "the analyst's figure is kept"
    );
}

#[test]
fn a_status_cannot_be_set_on_the_item_apart_from_a_period() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    workbench(d);
    let mut wb = Workbench::open(&d.join("plan.cairn")).expect("open");
    let id = item_id(&wb, "1.1.1");
    let err = wb
        .apply(&Command::SetField {
            item: id,
            field: ItemField::Status,
            value: "completed".into(),
        })
        .expect_err("refused");
    assert!(err.to_string().contains("reporting period"), "{err}");
    drop(wb);
    let (ok, _, err) = run(
        d,
        ANALYST,
        &[
            "set",
            "plan.cairn",
            "1.1.1",
            "status",
            "completed",
            "--period",
            "FY2031",
        ],
    );
    assert!(
        !ok && err.contains("no reporting period \"FY2031\""),
        "{err}"
    );
    let (ok, _, err) = run(
        d,
        ANALYST,
        &[
            "set",
            "plan.cairn",
            "1.1.1",
            "owner",
            "Sam",
            "--period",
            PERIOD,
        ],
    );
    assert!(
        !ok && err.contains("--period is for status and percent"),
        "{err}"
    );
}

#[test]
fn a_command_line_edit_is_signed_with_the_name_given_in_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let home = d.join("home");
    std::fs::create_dir_all(&home).expect("home");
    // The welcome prompt and Settings keep the name here.
    cairn::store::person::save_name(&home.join("person.json"), "Dana Reyes").expect("save");
    let cli = |args: &[&str], envs: &[(&str, &str)]| {
        let mut c = Process::new(env!("CARGO_BIN_EXE_cairn"));
        c.args(args)
            .current_dir(d)
            .env("CAIRN_HOME", &home)
            .env_remove("CAIRN_USER");
        for (k, v) in envs {
            c.env(k, v);
        }
        let out = c.output().expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    cli(&["new", "plan.cairn", "--seed", "phoenix"], &[]);
    cli(&["set", "plan.cairn", "1.1.1", "owner", "Sam Ito"], &[]);
    cli(
        &[
            "set",
            "plan.cairn",
            "1.1.2",
            "owner",
            "Lee",
            "--as",
            "Pat Kim",
        ],
        &[],
    );
    cli(
        &["set", "plan.cairn", "1.1.3", "owner", "Lee"],
        &[("CAIRN_USER", "ci-bot")],
    );
    let history = cli(&["history", "plan.cairn", "--csv"], &[]);
    let who: Vec<(String, String)> = csv::Reader::from_reader(history.as_bytes())
        .records()
        .map(|r| r.expect("row"))
        .map(|r| (r[1].to_owned(), r[3].to_owned()))
        .collect();
    assert!(
        who.contains(&("Dana Reyes".into(), "1.1.1".into())),
        "{who:?}"
    );
    assert!(who.contains(&("Pat Kim".into(), "1.1.2".into())), "{who:?}");
    assert!(who.contains(&("ci-bot".into(), "1.1.3".into())), "{who:?}");
    assert!(!history.contains("unknown"), "{history}");
}
