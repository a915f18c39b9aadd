#![cfg(feature = "gui")]
//! File safety in the window, driven headless as a user would: a save path
//! that is a workbench is refused in the dialog (which stays open to choose
//! again) and both files keep every byte; File → Restore from backup…
//! lists the day's copy and restores it after a confirmation.

use std::path::{Path, PathBuf};

use cairn::app::{CairnApp, Prefs};
use cairn::command::{Command, ItemField};
use cairn::interchange::to_json;
use cairn::store::Store;
use cairn::workbench::Workbench;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::window::{type_over, wait_for_label};

struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.cairn");
    drop(
        Store::create(
            &path,
            &cairn::interchange::seeds::phoenix_with_sample_kpis().expect("seed"),
        )
        .expect("create"),
    );
    Fixture { _dir: dir, path }
}

fn harness(path: &Path) -> Harness<'static, CairnApp> {
    let app = CairnApp::new(Workbench::open(path), Prefs::default());
    let mut h = Harness::builder()
        .with_size([1440.0, 1000.0])
        .build_ui_state(|ui, app: &mut CairnApp| app.show(ui), app);
    h.run_steps(3);
    h
}

#[test]
fn the_print_dialog_refuses_a_workbench_and_lets_the_user_choose_again() {
    let f = fixture();
    let other = f.path.with_file_name("old-plan.pdf");
    std::fs::copy(&f.path, &other).expect("copy");
    let mut h = harness(&f.path);
    let plan_bytes = std::fs::read(&f.path).expect("read");
    let other_bytes = std::fs::read(&other).expect("read");
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run_steps(2);
    for target in [&f.path, &other] {
        type_over(&mut h, "Save to", target.to_str().expect("path"));
        h.get_by_label("Print").click();
        h.run_steps(2);
        h.get_by_label_contains("nothing was written");
    }
    assert_eq!(std::fs::read(&f.path).expect("read"), plan_bytes);
    assert_eq!(std::fs::read(&other).expect("read"), other_bytes);
    // Still open: choose another name and print.
    let card = f.path.with_file_name("card.pdf");
    type_over(&mut h, "Save to", card.to_str().expect("path"));
    h.get_by_label("Print").click();
    wait_for_label(&mut h, "Saved ");
    assert!(std::fs::read(&card).expect("card").starts_with(b"%PDF"));
}

#[test]
fn the_spreadsheet_export_refuses_the_open_workbench() {
    let f = fixture();
    let mut h = harness(&f.path);
    let before = std::fs::read(&f.path).expect("read");
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Import or export a spreadsheet…").click();
    h.run_steps(4);
    type_over(&mut h, "Export to", f.path.to_str().expect("path"));
    h.get_by_label("Export .xlsx").click();
    h.run_steps(2);
    h.get_by_label_contains("is the workbench that is open; nothing was written");
    assert_eq!(std::fs::read(&f.path).expect("read"), before);
}

#[test]
fn file_restore_from_backup_lists_copies_and_restores_after_confirming() {
    let f = fixture();
    let original = to_json(&Store::open_read_only(&f.path).expect("open").1);
    {
        // The day's first edit takes the copy.
        let mut wb = Workbench::open(&f.path).expect("open");
        let item = wb.plan().items()[wb.tree().item_by_code("1.1.1").expect("1.1.1")]
            .id
            .clone();
        wb.apply(&Command::SetField {
            item,
            field: ItemField::Owner,
            value: "Someone Else".into(),
        })
        .expect("edit");
    }
    let mut h = harness(&f.path);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Restore from backup…").click();
    h.run_steps(4);
    h.get_by_role_and_label(egui::Role::Dialog, "Restore from backup");
    h.get_by_label("City of Phoenix — Strategic Technology Plan");
    h.get_by_label("Restore…").click();
    h.run_steps(2);
    // Nothing is replaced before the user confirms.
    h.get_by_label_contains("Replace the plan with the copy taken");
    let wb = h.state().workbench().expect("wb");
    assert_ne!(to_json(wb.plan()), original);
    h.get_by_label("Restore this copy").click();
    h.run_steps(3);
    h.get_by_label_contains("Restored the plan from");
    assert_eq!(to_json(h.state().workbench().expect("wb").plan()), original);
    drop(h);
    assert_eq!(
        to_json(&Store::open_read_only(&f.path).expect("open").1),
        original,
        "the file holds the restored plan"
    );
    let copies = cairn::store::backups::list(&f.path).expect("list");
    assert!(
        copies
            .iter()
            .any(|b| b.kind == cairn::store::backups::BackupKind::BeforeRestore),
        "the file as it was is kept: {copies:?}"
    );
}
