#![cfg(feature = "gui")]
//! Issue 16, the KPI chart and the History tab, driven headless as a user
//! would at laptop sizes (1280×720, 1366×768): the chart can be read as a
//! table, hovering names the period, value and target; the history speaks
//! the plan's words (status labels, KPI names, local time with its zone)
//! and its Reason and New value columns are on screen.

use cairn::app::{CairnApp, Prefs};
use cairn::command::Command;
use cairn::interchange::seeds;
use cairn::model::StatusKind;
use cairn::model::fields::ItemField;
use cairn::store::{HistoryFilter, Store};
use cairn::workbench::Workbench;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;

const REASON: &str = "Quarterly invoice from the cloud broker arrived late; the figure is the \
                      broker's estimate and will be replaced when the final invoice is booked";

struct Fixture {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

/// Phoenix with sample KPIs, after three edits: the disaster-recovery KPI
/// measured at 112 for FY2026 (above every target), item 1.1.3 set at
/// risk, and cloud spending measured with a long comment.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("phoenix.cairn");
    drop(Store::create(&path, &seeds::phoenix_with_sample_kpis().expect("seed")).expect("create"));
    let mut wb = Workbench::open(&path).expect("open");
    let item = {
        let tree = cairn::model::Tree::build(wb.plan());
        wb.plan().items()[tree.item_by_code("1.1.3").expect("1.1.3")]
            .id
            .clone()
    };
    assert_eq!(
        wb.plan().item(&item).expect("item").status(),
        StatusKind::NotStarted
    );
    for c in [
        Command::SetMeasurement {
            kpi: "k-drtest".into(),
            period: "FY2026".into(),
            value: Some(112.0),
            comment: String::new(),
        },
        cairn::command::figure_edit(wb.plan(), &item, "FY2026", ItemField::Status, "at_risk")
            .expect("figure"),
        Command::SetMeasurement {
            kpi: "k-cloudspend".into(),
            period: "FY2026".into(),
            value: Some(104.5),
            comment: REASON.into(),
        },
    ] {
        wb.apply(&c).expect("edit");
    }
    drop(wb);
    Fixture { _dir: dir, path }
}

fn harness(f: &Fixture, size: [f32; 2]) -> Harness<'static, CairnApp> {
    let app = CairnApp::new(Workbench::open(&f.path), Prefs::default());
    let mut h = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut CairnApp| app.show(ui), app);
    h.run_steps(3);
    h
}

/// Clicks the tree row of `code`, through the filter box as a user would
/// when it is not in view.
fn click_row(h: &mut Harness<'_, CairnApp>, code: &str) {
    let plan = h.state().workbench().expect("wb").plan();
    let tree = cairn::model::Tree::build(plan);
    let title = plan.items()[tree.item_by_code(code).expect("code")]
        .title
        .clone();
    let label = format!("{code} {title}");
    let filter = h.get_by_role_and_label(egui::Role::TextInput, "Filter");
    filter.focus();
    filter.type_text(code);
    h.run_steps(2);
    h.get_by_label(&label).click();
    h.run_steps(2);
    h.get_by_label("Clear").click();
    h.run_steps(3);
}

/// Some node labelled `label` lies wholly on the screen of `size`.
fn on_screen(h: &Harness<'_, CairnApp>, label: &str, size: [f32; 2]) {
    let rects: Vec<egui::Rect> = h.query_all_by_label(label).map(|n| n.rect()).collect();
    assert!(
        rects.iter().any(|r| r.min.x >= 0.0
            && r.max.x <= size[0] + 0.5
            && r.min.y >= 0.0
            && r.max.y <= size[1] + 0.5),
        "{label:?} is off screen at {size:?}: {rects:?}"
    );
}

#[test]
fn the_kpi_chart_reads_as_a_table_and_names_the_hovered_period() {
    let size = [1280.0, 720.0];
    // (The window's other "Target" labels are the measurement grid's.)
    let f = fixture();
    let mut h = harness(&f, size);
    click_row(&mut h, "1.5");
    // The key is under the plot, in words.
    on_screen(&h, "At-risk band", size);
    on_screen(&h, "Target", size);
    // Hovering the newest period names it, its value and its target.
    let key = h.get_by_label("At-risk band").rect();
    let checkbox = h
        .get_by_role_and_label(egui::Role::CheckBox, "Show as table")
        .rect();
    // The plot lies between the title row and the key, across the KPI
    // panel at the window's right; the newest period is at its right end.
    let y = (checkbox.max.y + key.min.y) / 2.0;
    h.hover_at(egui::pos2(size[0] - 45.0, y));
    h.run_steps(2);
    h.get_by_label_contains("FY2026 · 112% · target 100%");
    h.hover_at(egui::pos2(10.0, 10.0));
    h.run_steps(1);

    // The same figures as a table, by label. (The measurement grid below
    // has its own Period and Status headings and status chips: the table
    // adds one of each.)
    let info = h.state().workbench().expect("wb").plan().info.clone();
    let on_track = format!(
        "{} {}",
        StatusKind::OnTrack.symbol(),
        info.status_label(StatusKind::OnTrack)
    );
    let count = |h: &Harness<'_, CairnApp>, label: &str| h.query_all_by_label(label).count();
    let before: Vec<usize> = ["Period", "Status", on_track.as_str()]
        .iter()
        .map(|l| count(&h, l))
        .collect();
    assert!(h.query_by_label("112%").is_none());
    h.get_by_role_and_label(egui::Role::CheckBox, "Show as table")
        .click();
    h.run_steps(2);
    let after: Vec<usize> = ["Period", "Status", on_track.as_str()]
        .iter()
        .map(|l| count(&h, l))
        .collect();
    assert!(
        after.iter().zip(&before).all(|(a, b)| a > b),
        "the table has Period and Status headings and the FY2026 status {on_track}: {before:?} → {after:?}"
    );
    // Values with their unit: FY2026 actual and target, FY2025 actual.
    for label in ["112%", "100%", "62%"] {
        h.get_by_label(label);
    }
    assert!(
        h.query_by_label("At-risk band").is_none(),
        "the table replaces the plot"
    );
    // The choice is kept for the KPI while the window is open.
    click_row(&mut h, "3.1");
    assert!(h.query_by_label("112%").is_none());
    click_row(&mut h, "1.5");
    h.get_by_label("112%");
    h.get_by_role_and_label(egui::Role::CheckBox, "Show as table")
        .click();
    h.run_steps(2);
    h.get_by_label("At-risk band");
}

fn history_in_the_plans_words(size: [f32; 2]) {
    let f = fixture();
    let mut h = harness(&f, size);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num4);
    h.run_steps(3);
    h.get_by_label_contains("3 changes, newest first");
    // Status keys as the plan's labels.
    h.get_by_label("Not started");
    h.get_by_label("At risk");
    // A status is recorded for a period, and the history names it.
    h.get_by_label("Progress FY2026");
    // A KPI by its name, never its id.
    h.get_by_label("Cloud spending against budget FY2026");
    h.get_by_label("Critical applications with a successful DR test in the year FY2026");
    for raw in ["not_started", "at_risk", "k-cloudspend", "k-drtest"] {
        assert!(
            h.query_by_label_contains(raw).is_none(),
            "{raw:?} is an internal key"
        );
    }
    // The time in this computer's zone, with the zone.
    let rows = Store::open_read_only(&f.path)
        .expect("reopen")
        .0
        .history(&HistoryFilter::default())
        .expect("history");
    let newest = rows.last().expect("a row");
    let when = cairn::report::history::local_time(&newest.at);
    assert!(when.contains(" UTC+") || when.contains(" UTC-"), "{when}");
    assert!(h.query_all_by_label(&when).count() >= 1, "{when} is shown");
    // Every column is on screen, the long reason too (cut, in full on
    // hover and for a screen reader).
    for label in [
        "When (local time)",
        "Who",
        "Item",
        "Field",
        "Old value",
        "New value",
        "Reason",
    ] {
        on_screen(&h, label, size);
    }
    let reason = h.get_by_label(REASON).rect();
    assert!(
        reason.min.x < size[0] - 60.0,
        "the reason starts on screen: {reason:?}"
    );
    h.get_by_label("104.5");

    // A filter that finds nothing says so.
    let who = h.get_by_role_and_label(egui::Role::TextInput, "Person");
    who.focus();
    h.get_by_role_and_label(egui::Role::TextInput, "Person")
        .type_text("nobody at all");
    h.run_steps(3);
    h.get_by_label_contains("No changes match");
}

#[test]
fn the_history_speaks_the_plans_words_at_1280_by_720() {
    history_in_the_plans_words([1280.0, 720.0]);
}

#[test]
fn the_history_speaks_the_plans_words_at_1366_by_768() {
    history_in_the_plans_words([1366.0, 768.0]);
}
