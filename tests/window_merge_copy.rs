#![cfg(feature = "gui")]
//! File → Merge a copy… in the window, driven headless as a user would:
//! the copy's path typed (no file chooser here), the review with the
//! conflict and its two values, Merge; then Ctrl+Z, and the merge again
//! taking the copy's side of the conflict.

use cairn::app::{CairnApp, Prefs};
use cairn::command::{Command, ItemField};
use cairn::interchange::seeds;
use cairn::model::Tree;
use cairn::workbench::Workbench;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::window::type_over;

fn code_id(wb: &Workbench, code: &str) -> String {
    let tree = Tree::build(wb.plan());
    wb.plan().items()[tree.item_by_code(code).expect("code")]
        .id
        .clone()
}

fn set(wb: &mut Workbench, code: &str, field: ItemField, value: &str) {
    let item = code_id(wb, code);
    wb.apply(&Command::SetField {
        item,
        field,
        value: value.into(),
    })
    .expect("set");
}

fn field(h: &Harness<'_, CairnApp>, code: &str, get: fn(&cairn::model::Item) -> String) -> String {
    let wb = h.state().workbench().expect("workbench");
    get(wb.plan().item(&code_id(wb, code)).expect("item"))
}

#[test]
fn a_copy_is_reviewed_and_merged_from_the_window_and_its_conflict_taken_only_when_ticked() {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
        eprintln!("a desktop session is reachable: File → Merge a copy… would show a real chooser");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.cairn");
    let copy = dir.path().join("dana.cairn");
    {
        let mut wb =
            Workbench::create(&path, seeds::Seed::Milwaukee.plan().expect("seed")).expect("create");
        wb.set_user("pmo-analyst");
        wb.store().save_copy(&copy).expect("copy");
        let mut theirs = Workbench::open(&copy).expect("copy");
        theirs.set_user("Dana Ruiz");
        set(&mut theirs, "1.1.1", ItemField::Owner, "Dana Ruiz");
        set(
            &mut theirs,
            "1.1.3",
            ItemField::Title,
            "Social media records tool",
        );
        set(
            &mut wb,
            "1.1.3",
            ItemField::Title,
            "Enterprise records tool",
        );
    }
    let prefs = Prefs {
        user_name: "pmo-analyst".into(),
        ..Prefs::default()
    };
    let app = CairnApp::new(Workbench::open(&path), prefs);
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_ui_state(|ui, app: &mut CairnApp| app.show(ui), app);
    h.run_steps(3);
    let title = |i: &cairn::model::Item| i.title.clone();
    let owner = |i: &cairn::model::Item| i.owner.clone();

    for take in [false, true] {
        h.get_by_label("File").click();
        h.run_steps(2);
        h.get_by_label("Merge a copy…").click();
        h.run_steps(3);
        // No chooser can be shown here: the path is typed.
        type_over(&mut h, "The copy to merge", copy.to_str().expect("path"));
        h.get_by_label("Review").click();
        h.run_steps(3);
        h.get_by_label_contains("dana.cairn: a copy pmo-analyst took of");
        h.get_by_label_contains("2 changes, 1 conflict");
        h.get_by_label("Conflict: changed here too since the copy was taken");
        // Both values of the conflict are on screen with the original.
        // (This file's title shows on the page behind the dialog too.)
        assert!(h.query_all_by_label("Enterprise records tool").count() >= 2);
        h.get_by_label("Social media records tool");
        h.get_by_label("Deploy an enterprise social media records management tool");
        if take {
            h.get_by_label("Take the copy's").click();
            h.run_steps(2);
        }
        h.get_by_label("Merge").click();
        h.run_steps(3);
        assert!(
            h.query_by_label("Conflict: changed here too since the copy was taken")
                .is_none()
        );
        let message = h.state().message().unwrap_or_default().to_owned();
        assert!(message.starts_with("Merged the copy"), "{message}");
        assert_eq!(field(&h, "1.1.1", owner), "Dana Ruiz");
        let expected = if take {
            "Social media records tool"
        } else {
            "Enterprise records tool"
        };
        assert_eq!(field(&h, "1.1.3", title), expected);
        if !take {
            // One undo takes the whole merge back.
            h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
            h.run_steps(2);
            assert_eq!(field(&h, "1.1.1", owner), "");
        }
    }
    let wb = Workbench::open_read_only(&path).expect("reopen");
    assert_eq!(
        wb.plan().item(&code_id(&wb, "1.1.3")).expect("1.1.3").title,
        "Social media records tool"
    );
}

#[test]
fn a_copy_says_in_the_status_bar_where_it_came_from() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.cairn");
    let copy = dir.path().join("dana.cairn");
    {
        let wb =
            Workbench::create(&path, seeds::Seed::Milwaukee.plan().expect("seed")).expect("create");
        wb.store().save_copy(&copy).expect("copy");
    }
    for (file, shown) in [(&copy, true), (&path, false)] {
        let app = CairnApp::new(Workbench::open(file), Prefs::default());
        let mut h = Harness::builder()
            .with_size([1366.0, 768.0])
            .build_ui_state(|ui, app: &mut CairnApp| app.show(ui), app);
        h.run_steps(3);
        assert_eq!(
            h.query_by_label("copy of plan.cairn").is_some(),
            shown,
            "{}",
            file.display()
        );
    }
}

/// A copy that changed more than a page of items: the review shows a
/// hundred at a time, conflicts first, with Previous and Next.
#[test]
fn a_big_review_is_paged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.cairn");
    let copy = dir.path().join("dana.cairn");
    let items = {
        let wb =
            Workbench::create(&path, seeds::Seed::Phoenix.plan().expect("seed")).expect("create");
        wb.store().save_copy(&copy).expect("copy");
        wb.plan().items().len()
    };
    assert!(items > 100);
    rusqlite::Connection::open(&copy)
        .expect("copy")
        .execute("UPDATE items SET owner = 'Dana Ruiz'", [])
        .expect("edit the copy");
    let app = CairnApp::new(Workbench::open(&path), Prefs::default());
    let mut h = Harness::builder()
        .with_size([1280.0, 720.0])
        .build_ui_state(|ui, app: &mut CairnApp| app.show(ui), app);
    h.run_steps(2);
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
        eprintln!("a desktop session is reachable: File → Merge a copy… would show a real chooser");
        return;
    }
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Merge a copy…").click();
    h.run_steps(3);
    type_over(&mut h, "The copy to merge", copy.to_str().expect("path"));
    h.get_by_label("Review").click();
    h.run_steps(3);
    h.get_by_label(&format!("Changes 1–100 of {items}"));
    // The dialog settles its size over a few frames before it is clicked.
    h.run_steps(8);
    h.get_by_label("Next ▶").click();
    h.run_steps(3);
    h.get_by_label(&format!("Changes 101–{items} of {items}"));
}
