#![cfg(feature = "gui")]
//! The window's spreadsheet dialog, driven headless as a user would: type
//! the table's path, read it, check and change the column mapping, see the
//! preview, import. A broken table shows its problems by row and column
//! and nothing is written.

use std::path::{Path, PathBuf};

use cairn::app::{CairnApp, Prefs};
use cairn::interchange::seeds::Seed;
use cairn::model::Plan;
use cairn::store::Store;
use cairn::workbench::Workbench;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::window::{type_over, wait_for_label};

struct Fixture {
    dir: tempfile::TempDir,
    path: PathBuf,
}

fn fixture(seed: Seed) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.cairn");
    drop(Store::create(&path, &seed.plan().expect("seed")).expect("create"));
    Fixture { dir, path }
}

fn harness(f: &Fixture) -> Harness<'static, CairnApp> {
    let app = CairnApp::new(Workbench::open(&f.path), Prefs::default());
    let mut h = Harness::builder()
        .with_size([1440.0, 1000.0])
        .build_ui_state(|ui, app: &mut CairnApp| app.show(ui), app);
    h.run_steps(3);
    h
}

fn saved(f: &Fixture) -> (Plan, usize) {
    let (store, plan) = Store::open_read_only(&f.path).expect("reopen");
    (plan, store.history_len())
}

/// Opens the dialog from the File menu and reads `table`.
fn read_table(h: &mut Harness<'_, CairnApp>, table: &Path) {
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Import or export a spreadsheet…").click();
    h.run_steps(4);
    h.get_by_role_and_label(egui::Role::Dialog, "Import from a spreadsheet");
    type_over(h, "Table file", table.to_str().expect("path"));
    h.get_by_label("Read the table").click();
    h.run_steps(3);
}

#[test]
fn a_table_is_mapped_previewed_and_imported_as_one_edit() {
    let f = fixture(Seed::Blank);
    let table = f.dir.path().join("projects.csv");
    std::fs::write(
        &table,
        "\u{feff}Goal;Focus area;Project;Lead;Fortschritt\r\n\
         Secure systems;Endpoints;Patch servers;Ann;45%\r\n\
         ;;Scan laptops;Bo;10%\r\n",
    )
    .expect("write");
    let mut h = harness(&f);
    read_table(&mut h, &table);
    // The mapping is shown: Lead is read as the owner, and the unknown
    // header is taken as a fourth level until the user says otherwise.
    h.get_by_label_contains("column D (Lead) → owner");
    h.get_by_label_contains("created Goal 1, Focus area 1, Project 2, Fortschritt 2");
    h.get_by_label("E (Fortschritt)");
    h.get_by_role_and_label(egui::Role::ComboBox, "E (Fortschritt)")
        .click_accesskit();
    h.run_steps(4);
    h.get_by_label("Field: percent").click();
    h.run_steps(3);
    h.get_by_label_contains("created Goal 1, Focus area 1, Project 2;");
    h.get_by_label_contains("The plan's levels become: Goal → Focus area → Project");
    h.get_by_label_contains("+ Project “Scan laptops” under “Endpoints”");
    let (before, _) = saved(&f);
    assert!(
        before.items().is_empty(),
        "nothing is written by the preview"
    );

    h.get_by_label("Import").click();
    h.run_steps(3);
    assert!(
        h.query_by_role_and_label(egui::Role::Dialog, "Import from a spreadsheet")
            .is_none(),
        "the dialog closes"
    );
    let (plan, _) = saved(&f);
    assert_eq!(plan.info.levels, ["Goal", "Focus area", "Project"]);
    assert_eq!(plan.items().len(), 4);
    let scan = plan
        .items()
        .iter()
        .find(|i| i.title == "Scan laptops")
        .expect("imported");
    assert_eq!(scan.owner, "Bo");
    assert_eq!(scan.percent(), Some(10.0));
    // One edit: Ctrl+Z takes the whole import back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(saved(&f).0.items().is_empty());
}

#[test]
fn a_broken_table_shows_row_and_column_and_writes_nothing() {
    let f = fixture(Seed::Milwaukee);
    let table = f.dir.path().join("bad.csv");
    std::fs::write(
        &table,
        b"Goal,Focus area,Project,Due,Status\nG,F,P,someday,on track\n,,Q,2025-06-30,Done-ish\n",
    )
    .expect("write");
    let (before, history) = saved(&f);
    let mut h = harness(&f);
    read_table(&mut h, &table);
    h.get_by_label_contains("cannot be imported; nothing will be written");
    h.get_by_label_contains("row 2, column D (Due): \"someday\" is not a date");
    h.get_by_label_contains("row 3, column E (Status): \"Done-ish\" is not a status");
    // Import stays disabled; clicking it does nothing.
    h.get_by_label("Import").click();
    h.run_steps(3);
    h.get_by_role_and_label(egui::Role::Dialog, "Import from a spreadsheet");
    let (after, history_after) = saved(&f);
    assert_eq!(after, before);
    assert_eq!(history_after, history);

    // A file that is not there is said so, plainly.
    type_over(&mut h, "Table file", "/no/such/table.csv");
    h.get_by_label("Read the table").click();
    h.run_steps(2);
    h.get_by_label_contains("could not read /no/such/table.csv");
}

#[test]
fn the_dialog_exports_the_plan_to_xlsx() {
    let f = fixture(Seed::Milwaukee);
    let mut h = harness(&f);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Import or export a spreadsheet…").click();
    h.run_steps(4);
    let out = f.dir.path().join("out.xlsx");
    type_over(&mut h, "Export to", out.to_str().expect("path"));
    h.get_by_label("Export .xlsx").click();
    h.run_steps(2);
    wait_for_label(&mut h, "Saved ");
    let bytes = std::fs::read(&out).expect("written");
    let grid = cairn::table::read::read_bytes(&bytes, "out.xlsx", None, &["Plan"]).expect("read");
    assert_eq!(grid.headers[1..4], ["Goal", "Focus area", "Project"]);
    assert_eq!(grid.rows.len(), 5 + 18 + 65);
}

#[test]
fn a_tracker_s_values_are_mapped_in_a_step_remembered_and_the_plan_named() {
    let f = fixture(Seed::Blank);
    let table = f.dir.path().join("tracker.csv");
    std::fs::write(
        &table,
        "City of Example Action Tracker 2024–2028,,,\n\
         ,,,\n\
         Goal,Action,Lead,Status\n\
         1. Modernize city services,1.1 Replace legacy ERP,Ann,In Progress\n\
         ,1.2 Open data portal,Bo,Delayed\n",
    )
    .expect("write");
    let mut h = harness(&f);
    read_table(&mut h, &table);
    // The header is row 3; the value step lists what the plan does not
    // know, the obvious one prefilled, the other still to choose.
    h.get_by_label_contains("the header is row 3");
    h.get_by_label("D (Status): “In Progress” (row 4)");
    h.get_by_label("D (Status): “Delayed” (row 5)");
    h.get_by_label_contains("row 5, column D (Status): \"Delayed\" is not a status of the plan");
    // The blank plan's name as the title suggests it, in fields to edit.
    h.get_by_label_contains("Suggested from the sheet's title");
    type_over(&mut h, "Plan title", "Action Plan");
    h.run_steps(2);

    h.get_by_role_and_label(egui::Role::ComboBox, "D (Status): “Delayed” (row 5)")
        .click_accesskit();
    h.run_steps(4);
    h.get_by_label("At risk").click();
    h.run_steps(4);
    h.get_by_label_contains("The plan is named: City of Example — Action Plan, 2024–2028");
    h.get_by_label_contains("+ Action “Replace legacy ERP” under “Modernize city services”");
    h.get_by_label("Import").click();
    h.run_steps(3);
    let (plan, _) = saved(&f);
    assert_eq!(plan.info.organisation, "City of Example");
    assert_eq!(plan.info.title, "Action Plan");
    let status = |t: &str| {
        plan.items()
            .iter()
            .find(|i| i.title == t)
            .map(|i| i.status())
            .expect(t)
    };
    assert_eq!(status("Open data portal"), cairn::model::StatusKind::AtRisk);
    assert_eq!(
        status("Replace legacy ERP"),
        cairn::model::StatusKind::OnTrack
    );

    // Next time the plan offers what it remembers: nothing to choose.
    let again = f.dir.path().join("again.csv");
    std::fs::write(
        &again,
        "Goal,Action,Status\n1. Modernize city services,1.3 Retire payroll,Delayed\n",
    )
    .expect("write");
    read_table(&mut h, &again);
    h.get_by_label("C (Status): “Delayed” (row 2)");
    assert!(
        h.query_by_label_contains("is not a status of the plan")
            .is_none(),
        "the remembered mapping is offered"
    );
    h.get_by_label_contains("+ Action “Retire payroll” under “Modernize city services”");
}
