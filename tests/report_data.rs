//! The report model's figures, commentary stored in the file and the JSON
//! format, the HTML page, and `cairn report` on the command line.

use std::path::Path;
use std::process::{Command as Process, Output};

use cairn::command::Command;
use cairn::interchange;
use cairn::interchange::seeds;
use cairn::model::{Commentary, Override, StatusKind};
use cairn::report::{self, ReportOptions, Scope};
use cairn::workbench::Workbench;

#[test]
fn kpi_changes_are_computed_and_plan_changes_never_invented() {
    let plan = seeds::phoenix_with_sample_kpis().expect("seed");
    let card = report::build(&plan, &ReportOptions::new(Scope::Goal(4), "FY2024")).expect("card");
    assert_eq!(
        card.summary.percent.previous, None,
        "no snapshot, no previous"
    );
    assert_eq!(card.summary.percent.change(), None);
    assert_eq!(
        card.summary.percent.previous_period.as_deref(),
        Some("FY2023")
    );
    let csat = card.sections[0]
        .kpis
        .iter()
        .find(|k| k.name.starts_with("Customer satisfaction"))
        .expect("csat");
    assert_eq!(csat.actual.current, Some(80.0));
    assert_eq!(csat.actual.previous, Some(81.0));
    assert_eq!(csat.actual.change(), Some(-1.0));
    assert_eq!(csat.target, Some(82.0));
    assert_eq!(csat.trend.len(), 3, "FY2022..FY2024: {:?}", csat.trend);
    assert!(csat.sample && card.contains_sample);
    // A quarterly KPI on an annual card shows the year's last quarter.
    let response = card.sections[0]
        .kpis
        .iter()
        .find(|k| k.name.starts_with("Median response"))
        .expect("response");
    assert_eq!(response.actual.current, Some(24.0));
    assert_eq!(response.measured_in.as_deref(), Some("FY2024 Q4"));
    // FY2025's survey is recorded as missing: shown as missing, not 0.
    let card = report::build(&plan, &ReportOptions::new(Scope::Goal(4), "FY2025")).expect("card");
    let csat = &card.sections[0].kpis[0];
    assert_eq!(csat.actual.current, None);
    assert_eq!(csat.status, None);
    // The first year has no previous period.
    let card = report::build(&plan, &ReportOptions::new(Scope::Plan, "FY2022")).expect("card");
    assert_eq!(card.summary.percent.previous_period, None);
}

#[test]
fn grades_counts_links_and_overrides_reach_the_card() {
    let mut plan = seeds::Seed::Phoenix.plan().expect("seed");
    let tree = cairn::model::Tree::build(&plan);
    let id = |code: &str| {
        plan.items()[tree.item_by_code(code).expect(code)]
            .id
            .clone()
    };
    let (a, b, o, o11_id) = (id("1.1.1"), id("1.1.2"), id("1.2"), id("1.1"));
    let info = plan.info.clone();
    for (id, status) in [(&a, StatusKind::Completed), (&b, StatusKind::AtRisk)] {
        let item = plan.item_mut(id).expect("item");
        item.adopt_undated(&info, status, None).expect("periods");
    }
    plan.item_mut(&o).expect("o").override_ = Some(Override {
        status: Some(StatusKind::OnTrack),
        percent: None,
        reason: "Council approved the revised roadmap".into(),
        by: "CIO".into(),
        on: None,
    });
    // The grade as the first cards gave it: not-started work left out.
    let mut old_rule = plan.clone();
    old_rule.info.grading.rule.count_behind = false;
    let card = report::build(&old_rule, &ReportOptions::new(Scope::Plan, "FY2024")).expect("card");
    // (100 + 70) / 2 = 85: a B on the default scale.
    assert_eq!(card.sections[0].objectives[0].grade.as_deref(), Some("B"));
    // Under the default rule the objective's short-term initiatives not
    // started by the end of FY2024 (due to start by June 2023) count as
    // behind, with Off track's points; the long-term ones are left out.
    let card = report::build(&plan, &ReportOptions::new(Scope::Plan, "FY2024")).expect("card");
    let fy2024_end = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).expect("day");
    let objective = plan.item(&o11_id).expect("1.1");
    let behind = objective
        .children
        .iter()
        .filter_map(|c| plan.item(c))
        .filter(|i| i.status() == StatusKind::NotStarted)
        .filter(|i| {
            cairn::rules::grade::start_deadline(&plan.info, i).is_some_and(|d| d < fy2024_end)
        })
        .count();
    assert!(behind >= 1, "1.1 has short-term work not started");
    let points = |k: StatusKind| plan.info.status_points(k).expect("points");
    #[allow(clippy::cast_precision_loss)] // A handful of items.
    let expected = (points(StatusKind::Completed)
        + points(StatusKind::AtRisk)
        + behind as f64 * points(StatusKind::OffTrack))
        / (2 + behind) as f64;
    let letter = plan
        .info
        .grading
        .grade_for(Some(expected))
        .map(|g| g.grade.clone());
    assert_eq!(card.sections[0].objectives[0].grade, letter);
    assert_ne!(letter.as_deref(), Some("B"));
    assert_eq!(card.summary.distinct, 165);
    let total: usize = card.summary.shares.iter().map(|s| s.count).sum();
    assert_eq!(total, 165);
    let goal1 = &card.sections[0];
    let o11 = &goal1.objectives[0];
    assert_eq!((o11.done, o11.not_started), (1, 5));
    assert_eq!(o11.status.kind, StatusKind::AtRisk);
    let o12 = &goal1.objectives[1];
    assert!(o12.overridden.status && !o12.overridden.percent);
    assert!(o12.status.text().ends_with(" ✎"), "{}", o12.status.text());
    assert!(goal1.has_override());
    let row = &card.appendix.overrides[0];
    assert_eq!(row.code, "1.2");
    assert!(row.reason.contains("revised roadmap") && row.by == "CIO");
    // The appendix shows what the rule gave, which the override replaced.
    assert_eq!(row.replaced, "Not started, 0%");
    // Linked initiatives are marked and printed once per goal.
    let linked: Vec<_> = card
        .sections
        .iter()
        .flat_map(|s| &s.initiatives)
        .filter(|i| !i.also_at.is_empty())
        .collect();
    assert!(!linked.is_empty());
    for s in &card.sections {
        let mut titles: Vec<&str> = s.initiatives.iter().map(|i| i.title.as_str()).collect();
        let n = titles.len();
        titles.sort_unstable();
        titles.dedup();
        assert_eq!(titles.len(), n, "an initiative printed twice in {}", s.code);
    }
}

#[test]
fn commentary_is_a_command_with_history_undo_and_a_file_row() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("px.cairn");
    let plan = seeds::Seed::Phoenix.plan().expect("seed");
    let goal = plan.roots().next().expect("goal").id.clone();
    let mut wb = Workbench::create(&path, plan).expect("create");
    let before = wb.store().history_len();
    wb.apply(&Command::SetCommentary {
        item: Some(goal.clone()),
        period: "FY2024".into(),
        commentary: "Steady progress; the forecast is late.".into(),
        recommendations: "Assign a finance lead.".into(),
    })
    .expect("set");
    wb.apply(&Command::SetCommentary {
        item: None,
        period: "FY2024".into(),
        commentary: "The plan is moving.".into(),
        recommendations: String::new(),
    })
    .expect("set plan commentary");
    assert_eq!(wb.store().history_len(), before + 2);
    let err = wb
        .apply(&Command::SetCommentary {
            item: Some(goal.clone()),
            period: "FY1999".into(),
            commentary: "x".into(),
            recommendations: String::new(),
        })
        .expect_err("bad period");
    assert!(err.to_string().contains("FY1999"), "{err}");
    assert!(wb.undo().expect("undo"));
    assert!(wb.plan().commentary_for(None, "FY2024").is_none());
    assert!(wb.redo().expect("redo"));
    drop(wb);

    let mut wb = Workbench::open(&path).expect("reopen");
    let c = wb
        .plan()
        .commentary_for(Some(&goal), "FY2024")
        .expect("kept");
    assert_eq!(c.recommendations, "Assign a finance lead.");
    let card = report::build(wb.plan(), &ReportOptions::new(Scope::Plan, "FY2024")).expect("card");
    assert_eq!(
        card.sections[0]
            .notes
            .as_ref()
            .map(|n| n.commentary.as_str()),
        Some("Steady progress; the forecast is late.")
    );
    assert_eq!(
        card.summary
            .commentary
            .as_ref()
            .map(|n| n.commentary.as_str()),
        Some("The plan is moving.")
    );
    // Clearing both texts removes the entry, in the file too.
    wb.apply(&Command::SetCommentary {
        item: None,
        period: "FY2024".into(),
        commentary: String::new(),
        recommendations: String::new(),
    })
    .expect("clear");
    drop(wb);
    let wb = Workbench::open(&path).expect("reopen");
    assert!(wb.plan().commentary_for(None, "FY2024").is_none());
    assert_eq!(wb.plan().commentary.len(), 1);
}

#[test]
fn commentary_round_trips_through_json_and_is_checked() {
    let mut plan = seeds::Seed::Milwaukee.plan().expect("seed");
    let without = interchange::to_json(&plan);
    assert!(!without.contains("\"commentary\""), "left out when empty");
    let goal = plan.roots().next().expect("goal").id.clone();
    plan.commentary.push(Commentary {
        item: Some(goal),
        period: "FY2025".into(),
        commentary: "On course.".into(),
        recommendations: "Keep going.".into(),
    });
    let once = interchange::to_json(&plan);
    assert!(once.contains("\"commentary\""));
    let back = interchange::from_json(&once).expect("reads back");
    assert_eq!(back.commentary, plan.commentary);
    assert_eq!(interchange::to_json(&back), once);
    let bad = once.replace("\"period\": \"FY2025\"", "\"period\": \"FY1850\"");
    let err = interchange::from_json(&bad)
        .expect_err("unknown period")
        .to_string();
    assert!(
        err.contains("FY1850") && err.contains("commentary"),
        "{err}"
    );
}

#[test]
fn the_html_page_is_self_contained_escaped_and_labels_statuses_in_words() {
    let mut plan = seeds::phoenix_with_sample_kpis().expect("seed");
    let goal = plan.roots().next().expect("goal").id.clone();
    plan.item_mut(&goal).expect("goal").title = "Goal <script>alert(1)</script> & more".into();
    let card = report::build(&plan, &ReportOptions::new(Scope::Plan, "FY2024")).expect("card");
    let html = report::html::render(&card);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("<html lang=\"en-US\">"),
        "the plan's language"
    );
    assert!(!html.contains("<script>"), "title escaped");
    assert!(html.contains("Goal &lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
    // Links stay inside the page (the contents); nothing is fetched.
    assert!(!html.contains("src=") && !html.contains("href=\"http") && !html.contains("http"));
    assert!(html.contains("<a href=\"#attention\">What needs attention</a>"));
    assert!(html.contains("Contains sample data"));
    assert!(
        html.contains("○</span> Not started"),
        "chips carry symbol and word"
    );
    assert!(html.contains("<th scope=\"col\">Status</th>"));
    assert!(html.contains("Data as of 30 June 2024"));
    assert_eq!(html, report::html::render(&card), "deterministic");
}

fn cairn(args: &[&str], home: &Path) -> Output {
    Process::new(env!("CARGO_BIN_EXE_cairn"))
        .args(args)
        .env("CAIRN_HOME", home)
        .output()
        .expect("run cairn")
}

#[test]
fn cairn_report_writes_pdf_and_html_and_names_bad_choices() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let file = d.join("m.cairn");
    let f = file.to_str().expect("utf-8 path");
    assert!(
        cairn(&["new", f, "--seed", "milwaukee"], d)
            .status
            .success()
    );
    let out = cairn(
        &[
            "comment",
            f,
            "1",
            "--period",
            "FY2025",
            "--commentary",
            "Good year.",
        ],
        d,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = d.join("card.pdf");
    let p = pdf.to_str().expect("utf-8 path");
    let out = cairn(
        &[
            "report", f, "--scope", "goal:1", "--period", "FY2025", "--paper", "a4", "-o", p,
        ],
        d,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&pdf).expect("pdf written");
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("text");
    assert!(text.contains("Good year."));
    let html = d.join("card.html");
    let h = html.to_str().expect("utf-8 path");
    let out = cairn(
        &[
            "report",
            f,
            "--period",
            "FY2025",
            "--summary",
            "--html",
            "-o",
            h,
        ],
        d,
    );
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(&html)
            .expect("html")
            .contains("Report card summary")
    );

    let err = |args: &[&str]| {
        let out = cairn(args, d);
        assert!(!out.status.success());
        let e = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(e.starts_with("cairn: ") && !e.contains("panicked"), "{e}");
        e
    };
    let e = err(&["report", f, "--period", "FY2099", "-o", p]);
    assert!(e.contains("FY2099") && e.contains("FY2025 Q1"), "{e}");
    let e = err(&[
        "report", f, "--scope", "goal:12", "--period", "FY2025", "-o", p,
    ]);
    assert!(e.contains("goal:12") && e.contains("goal:5"), "{e}");
    let e = err(&[
        "report", f, "--scope", "branch", "--period", "FY2025", "-o", p,
    ]);
    assert!(e.contains("item:CODE"), "{e}");
    let e = err(&["report", f, "-o", p]);
    assert!(e.contains("--period") && e.contains("FY2024"), "{e}");
    let e = err(&[
        "report", f, "--period", "FY2025", "--paper", "legal", "-o", p,
    ]);
    assert!(e.contains("letter or a4"), "{e}");
}

#[test]
fn a_version_1_file_gains_the_commentary_table_when_opened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.cairn");
    drop(Workbench::create(&path, seeds::Seed::Milwaukee.plan().expect("seed")).expect("create"));
    {
        // Make it a file as the first release wrote it.
        let conn = rusqlite::Connection::open(&path).expect("sqlite");
        conn.execute_batch(
            "DROP TABLE workbench; DROP TABLE requests; DROP TABLE progress;
             DROP TABLE action_items; DROP TABLE decisions;
             DROP TABLE meetings; DROP TABLE locks; DROP TABLE commentary;
             ALTER TABLE items ADD COLUMN status TEXT NOT NULL DEFAULT 'not_started';
             ALTER TABLE items ADD COLUMN percent REAL;
             CREATE TABLE notes_v1 (item TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
                 pos INTEGER NOT NULL, date TEXT NOT NULL, author TEXT NOT NULL DEFAULT '',
                 text TEXT NOT NULL, PRIMARY KEY (item, pos));
             INSERT INTO notes_v1 SELECT item, pos, date, author, text FROM notes;
             DROP TABLE notes; ALTER TABLE notes_v1 RENAME TO notes;
             CREATE TABLE history_v1 (id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL,
                 action TEXT NOT NULL, item TEXT, field TEXT, old TEXT, new TEXT,
                 reason TEXT NOT NULL DEFAULT '');
             INSERT INTO history_v1 SELECT id, at, who, action, item, field, old, new, reason FROM history;
             DROP TABLE history; ALTER TABLE history_v1 RENAME TO history;
             PRAGMA user_version = 1;",
        )
        .expect("downgrade");
    }
    let mut wb = Workbench::open(&path).expect("opens and migrates");
    assert!(wb.plan().commentary.is_empty());
    wb.apply(&Command::SetCommentary {
        item: None,
        period: "FY2025".into(),
        commentary: "First commentary.".into(),
        recommendations: String::new(),
    })
    .expect("set");
    drop(wb);
    let wb = Workbench::open(&path).expect("reopen");
    assert_eq!(wb.plan().commentary.len(), 1);
    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    let version: i32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, cairn::store::schema::CURRENT_VERSION);
}
