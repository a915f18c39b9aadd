#![cfg(feature = "gui")]
//! The window's update requests, driven headless as a user would: File →
//! Request updates…, pick the folder, write the requests (in the
//! background), see them in the register; drop a returned file on the
//! window, see the change, accept the selected rows.

use std::path::PathBuf;

use cairn::app::{CairnApp, Prefs};
use cairn::command::{Command, ItemField};
use cairn::interchange::seeds;
use cairn::model::{StatusKind, Tree};
use cairn::store::{HistoryFilter, Store};
use cairn::workbench::Workbench;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::window::{type_over, wait_for_label};
use common::xlsx::{Value, fill_in};

/// A file dropped on the window, as the windowing system hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn code_id(wb: &Workbench, code: &str) -> String {
    let tree = Tree::build(wb.plan());
    wb.plan().items()[tree.item_by_code(code).expect("code")]
        .id
        .clone()
}

/// The Phoenix plan (sample KPIs) at `path`, with Dana Ruiz owning 1.1.1
/// and 1.1.2, open as the analyst.
fn dana_owns_two(path: &std::path::Path) -> Workbench {
    let mut wb =
        Workbench::create(path, seeds::phoenix_with_sample_kpis().expect("seed")).expect("create");
    wb.set_user("pmo-analyst");
    for code in ["1.1.1", "1.1.2"] {
        let item = code_id(&wb, code);
        wb.apply(&Command::SetField {
            item,
            field: ItemField::Owner,
            value: "Dana Ruiz".into(),
        })
        .expect("owner");
    }
    wb
}

/// The window on `path`, as the analyst, after its first frames.
fn window(path: &std::path::Path) -> Harness<'static, CairnApp> {
    let prefs = Prefs {
        user_name: "pmo-analyst".into(),
        ..Prefs::default()
    };
    let app = CairnApp::new(Workbench::open(path), prefs);
    let mut h = Harness::builder()
        .with_size([1440.0, 1000.0])
        .build_ui_state(|ui, app: &mut CairnApp| app.show(ui), app);
    h.run_steps(3);
    h
}

#[test]
fn requests_are_written_from_the_window_and_a_dropped_return_is_reviewed_and_merged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.cairn");
    drop(dana_owns_two(&path));
    let mut h = window(&path);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Request updates…").click();
    h.run_steps(4);
    h.get_by_role_and_label(egui::Role::Dialog, "Request updates from owners");
    h.get_by_label("No update requests have been sent from this plan.");
    // The period chosen is a real one; the folder is typed.
    let out = dir.path().join("requests");
    type_over(&mut h, "Folder", out.to_str().expect("path"));
    // The period offered is the one today falls in (else the latest begun).
    let period = h
        .state()
        .workbench()
        .and_then(|wb| {
            wb.plan()
                .info
                .period_for_day(chrono::Local::now().date_naive())
                .map(|p| p.label.clone())
        })
        .expect("a period");
    h.get_by_role_and_label(egui::Role::ComboBox, "Period to ask about");
    h.get_by_label("Write requests").click();
    wait_for_label(&mut h, "update requests into");
    h.run_steps(3);
    // The register lists them, each "sent" (no due date was given).
    assert!(
        h.query_by_label("No update requests have been sent from this plan.")
            .is_none()
    );
    assert_eq!(h.query_all_by_label("sent").count(), 6);
    let file: PathBuf = out.join(format!("Dana Ruiz - {period}.xlsx"));
    assert!(
        file.exists(),
        "{:?}",
        std::fs::read_dir(&out).map(|d| d
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect::<Vec<_>>())
    );

    // Dana picks a status and types a percent for her first initiative.
    let returned = dir.path().join("returned.xlsx");
    std::fs::write(
        &returned,
        fill_in(
            &file,
            &[
                ("sheet2", "G2", Value::Text("On track")),
                ("sheet2", "H2", Value::Number(25.0)),
            ],
        ),
    )
    .expect("write returned");
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(returned)));
    h.run_steps(4);
    h.get_by_label_contains("Dana Ruiz — returned.xlsx (1 changed, 1 unchanged)");
    h.get_by_label_contains("percent: — → 25");
    h.get_by_label("Accept selected").click();
    h.run_steps(4);

    let (store, plan) = Store::open_read_only(&path).expect("reopen");
    let tree = Tree::build(&plan);
    let item = &plan.items()[tree.item_by_code("1.1.1").expect("code")];
    let u = item.update_for(&period).expect("merged");
    assert_eq!((u.status, u.percent), (StatusKind::OnTrack, Some(25.0)));
    let rows = store.history(&HistoryFilter::default()).expect("history");
    let last = rows.last().expect("row");
    assert_eq!(last.by(), "Dana Ruiz, accepted by pmo-analyst");
    assert!(plan.requests[0].merged_at.is_some());
}

/// The analyst changed an initiative's figures after sending: in the
/// window the owner's row for it is a conflict, shown with the value sent,
/// the plan's value now and the owner's, and left unticked; accepting the
/// selected rows merges the other row and keeps the analyst's figures.
#[test]
fn a_conflict_in_a_dropped_return_is_shown_unticked_and_not_applied() {
    use cairn::model::{ProgressUpdate, RequestBy};
    use cairn::requests::{RequestOptions, plan_requests, write_requests};
    const PERIOD: &str = "FY2026 Q2";
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.cairn");
    let file = {
        let mut wb = dana_owns_two(&path);
        let opts = RequestOptions {
            period: PERIOD.into(),
            by: RequestBy::Owner,
            due: None,
            sent_by: "pmo-analyst".into(),
            return_to: "pmo-analyst".into(),
            at: "2026-01-05T10:00:00Z".into(),
        };
        let requests = plan_requests(wb.plan(), wb.tree(), &opts).expect("requests");
        let out = dir.path().join("out");
        let files = write_requests(
            wb.plan(),
            wb.tree(),
            &requests,
            &out,
            "pmo-analyst",
            &|| false,
        )
        .expect("write");
        wb.apply(&Command::RegisterRequests(requests))
            .expect("register");
        // After sending, the analyst records 1.1.1's figures himself.
        let item = code_id(&wb, "1.1.1");
        wb.apply(&Command::RecordProgress {
            item,
            update: ProgressUpdate {
                period: PERIOD.into(),
                status: StatusKind::AtRisk,
                percent: Some(30.0),
                note: String::new(),
            },
        })
        .expect("progress");
        files
            .into_iter()
            .find(|f| f.to_string_lossy().contains("Dana Ruiz"))
            .expect("Dana's request")
    };
    // Dana returns figures for both of her initiatives.
    let returned = dir.path().join("returned.xlsx");
    std::fs::write(
        &returned,
        fill_in(
            &file,
            &[
                ("sheet2", "H2", Value::Number(25.0)),
                ("sheet2", "H3", Value::Number(60.0)),
            ],
        ),
    )
    .expect("write returned");
    let mut h = window(&path);
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(returned)));
    h.run_steps(4);
    h.get_by_label_contains("Dana Ruiz — returned.xlsx (2 changed");
    h.get_by_label_contains(
        "percent: conflict — sent —, the plan now has 30, Dana Ruiz returned 25",
    );
    h.get_by_label_contains("percent: — → 60");
    h.get_by_label("Accept selected").click();
    h.run_steps(4);

    let (_, plan) = Store::open_read_only(&path).expect("reopen");
    let tree = Tree::build(&plan);
    let update = |code: &str| {
        plan.items()[tree.item_by_code(code).expect("code")]
            .update_for(PERIOD)
            .and_then(|u| u.percent)
    };
    assert_eq!(update("1.1.1"), Some(30.0), "the conflict was not applied");
    assert_eq!(update("1.1.2"), Some(60.0), "the other row was");
}
