#![cfg(feature = "gui")]
//! The window, driven headless through egui_kittest as a user would: by
//! the labels on screen and the keyboard. No GPU, no display.

use cairn::app::{CairnApp, Prefs};
use cairn::interchange::seeds;
use cairn::interchange::to_json;
use cairn::model::StatusKind;
use cairn::store::Store;
use cairn::workbench::Workbench;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::window::type_over;

struct Fixture {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("phoenix.cairn");
    drop(Store::create(&path, &seeds::phoenix_with_sample_kpis().expect("seed")).expect("create"));
    Fixture { _dir: dir, path }
}

fn harness(f: &Fixture) -> Harness<'static, CairnApp> {
    let app = CairnApp::new(Workbench::open(&f.path), Prefs::default());
    let mut h = Harness::builder()
        .with_size([1440.0, 900.0])
        .build_ui_state(|ui, app: &mut CairnApp| app.show(ui), app);
    h.run_steps(3);
    h
}

fn saved(f: &Fixture) -> cairn::model::Plan {
    Store::open_read_only(&f.path).expect("reopen").1
}

fn id_at(plan: &cairn::model::Plan, code: &str) -> String {
    let tree = cairn::model::Tree::build(plan);
    plan.items()[tree.item_by_code(code).expect("code")]
        .id
        .clone()
}

fn title_at(plan: &cairn::model::Plan, code: &str) -> String {
    plan.item(&id_at(plan, code)).expect("item").title.clone()
}

/// Clicks the tree row of `code`, finding it through the filter box when it
/// is scrolled out of view, as a user would.
fn click_row(h: &mut Harness<'_, CairnApp>, code: &str) {
    let title = title_at(h.state().workbench().expect("wb").plan(), code);
    let label = format!("{code} {title}");
    let filtered = h.query_by_label(&label).is_none();
    if filtered {
        let filter = h.get_by_role_and_label(egui::Role::TextInput, "Filter");
        filter.focus();
        filter.type_text(code);
        h.run_steps(2);
    }
    h.get_by_label(&label).click();
    h.run_steps(2);
    if filtered {
        h.get_by_label("Clear").click();
        h.run_steps(3);
        assert!(
            h.query_by_label(&label).is_some(),
            "the selected row stays in view"
        );
    }
}

/// Scrolls the pane under the label `over` down by `steps` wheel turns.
fn scroll_down(h: &mut Harness<'_, CairnApp>, over: &str, steps: usize) {
    let at = h.get_by_label(over).rect().center();
    h.hover_at(at);
    for _ in 0..steps {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -400.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(1);
    }
}

fn replace_text(h: &mut Harness<'_, CairnApp>, role_label: &str, text: &str) {
    let node = h.get_by_role_and_label(egui::Role::TextInput, role_label);
    node.focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, role_label)
        .type_text(text);
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
}

#[test]
fn selecting_an_item_shows_its_details_and_kpis() {
    let f = fixture();
    let mut h = harness(&f);
    click_row(&mut h, "1.5");
    h.get_by_label("Objective 1.5");
    h.get_by_label("Critical applications with a successful DR test in the year");
    assert!(
        h.query_all_by_label("SAMPLE DATA").count() >= 2,
        "sample data is marked"
    );
    click_row(&mut h, "1.5.3");
    h.get_by_label("Key initiative 1.5.3");
}

#[test]
fn renaming_in_the_details_persists_to_the_file_and_undo_redo_work() {
    let f = fixture();
    let mut h = harness(&f);
    click_row(&mut h, "1.2.1");
    replace_text(&mut h, "Title", "COP Smart City strategic plan (revised)");
    let id = id_at(&saved(&f), "1.2.1");
    assert_eq!(
        saved(&f).item(&id).map(|i| i.title.clone()).as_deref(),
        Some("COP Smart City strategic plan (revised)")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        saved(&f).item(&id).map(|i| i.title.clone()).as_deref(),
        Some("COP Smart City strategic plan")
    );
    h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
    h.run_steps(2);
    assert_eq!(
        saved(&f).item(&id).map(|i| i.title.clone()).as_deref(),
        Some("COP Smart City strategic plan (revised)")
    );
}

#[test]
fn f2_renames_in_the_tree() {
    let f = fixture();
    let mut h = harness(&f);
    click_row(&mut h, "1.1.4");
    h.key_press(Key::F2);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "1.1.4 IT investment forecast")
        .type_text("IT investment forecast FY2027");
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(
        title_at(&saved(&f), "1.1.4"),
        "IT investment forecast FY2027"
    );
}

#[test]
fn a_bad_percent_shows_an_error_and_saves_nothing() {
    let f = fixture();
    let mut h = harness(&f);
    let before = to_json(&saved(&f));
    click_row(&mut h, "2.1.1");
    replace_text(&mut h, "Percent complete", "about half");
    h.get_by_label_contains("is not a number");
    replace_text(&mut h, "Due date", "2025-13-40");
    h.get_by_label_contains("is not a date");
    assert_eq!(to_json(&saved(&f)), before);
    replace_text(&mut h, "Percent complete", "50");
    assert_eq!(
        saved(&f)
            .item(&id_at(&saved(&f), "2.1.1"))
            .and_then(|i| i.percent()),
        Some(50.0)
    );
}

#[test]
fn a_bad_number_in_a_kpi_field_shows_an_error_and_saves_nothing() {
    let f = fixture();
    let mut h = harness(&f);
    let before = to_json(&saved(&f));
    click_row(&mut h, "3.1");
    replace_text(&mut h, "Actual FY2026", "n/a yet");
    h.get_by_label_contains("\"n/a yet\" is not a number");
    assert_eq!(to_json(&saved(&f)), before);
    replace_text(&mut h, "Actual FY2026", "5.5");
    let plan = saved(&f);
    let kpi = plan.kpis.iter().find(|k| k.id == "k-phish").expect("kpi");
    assert_eq!(kpi.value_for("FY2026"), Some(5.5));
}

#[test]
fn a_status_change_updates_the_parents_roll_up() {
    let f = fixture();
    let mut h = harness(&f);
    click_row(&mut h, "2.3.1");
    h.get_by_role_and_label(egui::Role::ComboBox, "Status")
        .click();
    h.run_steps(2);
    h.get_by_label("✖ Off track").click();
    h.run_steps(3);
    let wb = h.state().workbench().expect("wb");
    let objective = wb.plan().position(&id_at(wb.plan(), "2.3")).expect("pos");
    let goal = wb.plan().position(&id_at(wb.plan(), "2")).expect("pos");
    assert_eq!(wb.rollup().items[objective].status, StatusKind::OffTrack);
    assert_eq!(wb.rollup().items[goal].status, StatusKind::OffTrack);
    let plan = saved(&f);
    assert_eq!(
        plan.item(&id_at(&plan, "2.3.1")).map(|i| i.status()),
        Some(StatusKind::OffTrack)
    );
    // The parent's details say how the figure was derived.
    click_row(&mut h, "2.3");
    h.get_by_label_contains("Derived from");
}

#[test]
fn adding_moving_linking_and_deleting_items() {
    let f = fixture();
    let mut h = harness(&f);
    let before = saved(&f).items().len();
    // Add a child through the context menu.
    click_row(&mut h, "4.4");
    let title = title_at(h.state().workbench().expect("wb").plan(), "4.4");
    h.get_by_label(&format!("4.4 {title}")).click_secondary();
    h.run_steps(2);
    h.get_by_label("Add key initiative").click();
    h.run_steps(3);
    let plan = saved(&f);
    assert_eq!(plan.items().len(), before + 1);
    let obj = plan.item(&id_at(&plan, "4.4")).expect("4.4");
    let new_id = obj.children.last().expect("child").clone();
    assert_eq!(
        plan.item(&new_id).map(|i| i.title.as_str()),
        Some("New key initiative")
    );
    // The new item is selected and being renamed in place.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    let code = format!("4.4.{}", obj.children.len());
    h.get_by_role_and_label(egui::Role::TextInput, &format!("{code} New key initiative"))
        .type_text("Service desk chatbot pilot");
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(title_at(&saved(&f), &code), "Service desk chatbot pilot");

    // Move it up with Ctrl+Up.
    h.key_press_modifiers(Modifiers::COMMAND, Key::ArrowUp);
    h.run_steps(2);
    let plan = saved(&f);
    let kids = &plan.item(&id_at(&plan, "4.4")).expect("4.4").children;
    assert_eq!(kids[kids.len() - 2], new_id);

    // Link it under 4.5 too (Ctrl+L, then pick the parent).
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run_steps(2);
    let target = title_at(&plan, "4.5");
    h.get_by_role_and_label(egui::Role::TextInput, "Find")
        .type_text("Speed to Market");
    h.run_steps(2);
    h.get_by_role_and_label(egui::Role::Button, &format!("4.5 {target}"))
        .click();
    h.run_steps(3);
    let plan = saved(&f);
    assert_eq!(
        plan.parents_of(&new_id).len(),
        2,
        "message: {:?}",
        h.state().message()
    );
    assert!(
        h.query_all_by_label("⇄ linked").count() >= 2,
        "linked placements are marked"
    );

    // Remove the link from its row's context menu, which offers the same
    // commands as the Edit menu.
    let under_45 = plan.item(&id_at(&plan, "4.5")).expect("4.5").children.len();
    h.get_by_label(&format!("4.5.{under_45} Service desk chatbot pilot"))
        .click_secondary();
    h.run_steps(2);
    h.get_by_label("Remove this link").click();
    h.run_steps(3);
    let plan = saved(&f);
    assert_eq!(
        plan.parents_of(&new_id).len(),
        1,
        "{:?}",
        h.state().message()
    );
    let under_44 = plan.item(&id_at(&plan, "4.4")).expect("4.4").children.len();
    click_row(&mut h, &format!("4.4.{}", under_44 - 1));

    // Delete it: the Delete key asks first.
    h.key_press(Key::Delete);
    h.run_steps(2);
    h.get_by_role_and_label(egui::Role::Dialog, "Delete this item?");
    h.get_by_label("Delete").click();
    h.run_steps(3);
    let plan = saved(&f);
    assert!(plan.item(&new_id).is_none());
    assert_eq!(plan.items().len(), before);
}

#[test]
fn keyboard_moves_and_collapses_the_tree() {
    let f = fixture();
    let mut h = harness(&f);
    click_row(&mut h, "1");
    h.key_press(Key::ArrowDown);
    h.run_steps(2);
    assert_eq!(h.state().selection.code.as_deref(), Some("1.1"));
    h.key_press(Key::ArrowLeft); // Collapse 1.1.
    h.run_steps(2);
    h.key_press(Key::ArrowDown);
    h.run_steps(2);
    assert_eq!(
        h.state().selection.code.as_deref(),
        Some("1.2"),
        "1.1's children are hidden"
    );
    assert!(
        h.query_by_label("1.1.1 City of Phoenix/ITS Strategic Technology Plan")
            .is_none()
    );
}

#[test]
fn the_filter_keeps_ancestors_of_matches() {
    let f = fixture();
    let mut h = harness(&f);
    let filter = h.get_by_role_and_label(egui::Role::TextInput, "Filter");
    filter.focus();
    filter.type_text("report card");
    h.run_steps(3);
    let plan = saved(&f);
    assert!(
        h.query_by_label(&format!("1.3 {}", title_at(&plan, "1.3")))
            .is_some()
    );
    assert!(
        h.query_by_label(&format!("1.3.5 {}", title_at(&plan, "1.3.5")))
            .is_some()
    );
    assert!(
        h.query_by_label(&format!("1.1 {}", title_at(&plan, "1.1")))
            .is_none()
    );
}

#[test]
fn the_initiatives_table_and_plan_page_open() {
    let f = fixture();
    let mut h = harness(&f);
    h.get_by_label("Initiatives").click();
    h.run_steps(3);
    h.get_by_label("Key initiatives");
    h.get_by_label("Plan").click();
    h.run_steps(3);
    h.get_by_label("Core values");
    h.get_by_label("Fiscal year and reporting periods");
}

#[test]
fn dragging_a_row_onto_another_parent_moves_it() {
    let f = fixture();
    let mut h = harness(&f);
    let plan = saved(&f);
    let moved = id_at(&plan, "1.1.2");
    let row = |code: &str| format!("{code} {}", title_at(&plan, code));
    let from = h.get_by_label(&row("1.1.2")).rect().center();
    let to = h.get_by_label(&row("1.2")).rect().center();
    h.hover_at(from);
    h.run_steps(1);
    h.drag_at(from);
    h.run_steps(1);
    for step in 1..=6 {
        h.hover_at(from + (to - from) * (step as f32 / 6.0));
        h.run_steps(1);
    }
    h.drop_at(to);
    h.run_steps(3);
    let after = saved(&f);
    assert_eq!(after.parents_of(&moved), vec![id_at(&plan, "1.2").as_str()]);
    assert_eq!(
        id_at(&after, "1.2.4"),
        moved,
        "appended under the new parent"
    );
}

#[test]
fn enter_puts_the_keyboard_in_the_title_field() {
    let f = fixture();
    let mut h = harness(&f);
    click_row(&mut h, "1.3.2");
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert!(
        h.get_by_role_and_label(egui::Role::TextInput, "Title")
            .is_focused()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "Title")
        .type_text("Industry partnerships");
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(title_at(&saved(&f), "1.3.2"), "Industry partnerships");
}

#[test]
fn the_initiatives_table_shows_parents_and_edits_status_in_place() {
    let f = fixture();
    let mut h = harness(&f);
    h.get_by_label("Initiatives").click();
    h.run_steps(3);
    h.get_by_role_and_label(egui::Role::ColumnHeader, "Parent(s)");
    h.get_by_role_and_label(egui::Role::ComboBox, "Status 1.1.1")
        .click();
    h.run_steps(2);
    h.get_by_label("✔ Completed").click();
    h.run_steps(3);
    let plan = saved(&f);
    assert_eq!(
        plan.item(&id_at(&plan, "1.1.1")).map(|i| i.status()),
        Some(StatusKind::Completed)
    );
}

#[test]
fn ctrl_p_prints_a_report_card_in_the_background() {
    let f = fixture();
    let mut h = harness(&f);
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run_steps(2);
    h.get_by_role_and_label(egui::Role::Dialog, "Print report card");
    let out = f.path.with_file_name("card.pdf");
    let path = h.get_by_role_and_label(egui::Role::TextInput, "Save to");
    path.focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "Save to")
        .type_text(out.to_str().expect("path"));
    h.run_steps(1);
    h.get_by_label("Print").click();
    // The card is written on a worker thread; wait for it as a user would.
    for _ in 0..200 {
        h.run_steps(1);
        if h.query_by_label_contains("Saved ").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.get_by_label_contains("pages.");
    let bytes = std::fs::read(&out).expect("the card was written");
    assert!(bytes.starts_with(b"%PDF"));
}

#[test]
fn commentary_typed_in_the_details_is_saved_for_the_period() {
    let f = fixture();
    let mut h = harness(&f);
    click_row(&mut h, "3");
    // Scroll the details pane down to the commentary, as a user would.
    scroll_down(&mut h, "Goal 3", 12);
    let field = h.get_by_role_and_label(egui::Role::MultilineTextInput, "Commentary");
    field.focus();
    h.get_by_role_and_label(egui::Role::MultilineTextInput, "Commentary")
        .type_text("Phishing rates fell again.");
    h.run_steps(1);
    // Leaving the field saves it.
    h.get_by_role_and_label(egui::Role::MultilineTextInput, "Recommendations")
        .focus();
    h.run_steps(3);
    let plan = saved(&f);
    let goal3 = id_at(&plan, "3");
    let c = plan
        .commentary
        .iter()
        .find(|c| c.item.as_deref() == Some(goal3.as_str()))
        .expect("saved");
    assert_eq!(c.commentary, "Phishing rates fell again.");
    assert!(plan.info.period_index(&c.period).is_some());
}

#[test]
fn the_history_tab_shows_who_changed_what() {
    let f = fixture();
    // Wide, so the tree shows owners beside titles (a narrow tree keeps
    // them for the row's hover text).
    let app = CairnApp::new(Workbench::open(&f.path), Prefs::default());
    let mut h = Harness::builder()
        .with_size([1920.0, 1080.0])
        .build_ui_state(|ui, app: &mut CairnApp| app.show(ui), app);
    h.run_steps(3);
    click_row(&mut h, "1.1.3");
    replace_text(&mut h, "Owner", "Business relationship team");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num4);
    h.run_steps(3);
    h.get_by_label("Every change to this file, kept for the life of the file.");
    // The new value shows in the history table (and as the owner in the tree).
    assert!(h.query_all_by_label("Business relationship team").count() >= 2);
    h.get_by_label("Owner");
    // The item is named by code and title (the tree row has the same name).
    assert!(
        h.query_all_by_label_contains("1.1.3 ITS business relationship")
            .count()
            >= 2
    );
    // A name set in the window is recorded for later edits.
    let name = h.get_by_role_and_label(egui::Role::TextInput, "Your name in the history");
    name.focus();
    h.get_by_role_and_label(egui::Role::TextInput, "Your name in the history")
        .type_text("Dana Analyst");
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(h.state().prefs.user_name, "Dana Analyst");
    assert_eq!(
        h.state().workbench().expect("wb").store().user(),
        "Dana Analyst"
    );
}

#[test]
fn locking_a_period_in_the_window_makes_its_kpi_values_read_only_and_compares() {
    let f = fixture();
    let mut h = harness(&f);
    h.get_by_label("Plan").click();
    h.run_steps(3);
    // The periods are far down the plan page: scroll to them.
    scroll_down(&mut h, "The plan", 30);
    h.get_by_label("Lock FY2024").click();
    h.run_steps(3);
    assert!(saved(&f).is_locked("FY2024"));
    h.get_by_label_contains("Locked ");
    // The KPI grid shows FY2024 read only.
    click_row(&mut h, "3.1");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run_steps(3);
    h.get_by_label("FY2024 (locked)");
    assert!(
        h.query_by_label("Actual FY2024").is_none(),
        "no input for a locked period"
    );
    h.get_by_role_and_label(egui::Role::TextInput, "Actual FY2026");
    // Compare shows both periods, one from its snapshot.
    h.get_by_label("Compare periods").click();
    h.run_steps(3);
    h.get_by_label_contains("FY2026: open");
    h.get_by_role_and_label(egui::Role::ComboBox, "From")
        .click();
    h.run_steps(2);
    h.query_all_by_label("FY2024")
        .last()
        .expect("FY2024 in the list")
        .click_accesskit();
    h.run_steps(3);
    h.get_by_label_contains("FY2024: locked");
}

#[cfg(unix)]
#[test]
fn a_read_only_file_opens_with_a_banner_and_edits_are_refused_visibly() {
    use std::os::unix::fs::PermissionsExt as _;
    let f = fixture();
    std::fs::set_permissions(&f.path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let mut h = harness(&f);
    h.get_by_label_contains("This file is read-only");
    click_row(&mut h, "1.1.1");
    replace_text(&mut h, "Owner", "Someone");
    h.get_by_label_contains("open read-only; changes cannot be saved");
    assert_eq!(
        saved(&f)
            .items()
            .iter()
            .filter(|i| i.owner == "Someone")
            .count(),
        0
    );
}

/// The text in the text field labelled `label`.
fn field_text(h: &Harness<'_, CairnApp>, label: &str) -> String {
    h.get_by_role_and_label(egui::Role::TextInput, label)
        .value()
        .unwrap_or_default()
}

#[test]
fn an_invalid_value_survives_clicking_another_item_until_esc_discards_it() {
    let f = fixture();
    let mut h = harness(&f);
    let before = to_json(&saved(&f));
    click_row(&mut h, "1.1.1");
    let was = field_text(&h, "Percent complete");
    type_over(&mut h, "Percent complete", "7O");
    // The keyboard is still in the field when another item is clicked.
    click_row(&mut h, "1.1.2");
    h.run_steps(2);
    assert_eq!(to_json(&saved(&f)), before, "nothing saved");
    h.get_by_label_contains("Not saved: 1.1.1 Percent complete \"7O\"");
    // Coming back shows the typed text and what is wrong with it.
    click_row(&mut h, "1.1.1");
    h.run_steps(2);
    assert_eq!(field_text(&h, "Percent complete"), "7O");
    h.get_by_label_contains("is not a number");
    // Esc in the field puts the saved value back.
    h.get_by_role_and_label(egui::Role::TextInput, "Percent complete")
        .focus();
    h.run_steps(1);
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert_eq!(field_text(&h, "Percent complete"), was);
    assert!(h.query_by_label_contains("is not a number").is_none());
    assert!(h.query_by_label_contains("Not saved:").is_none());
    // Going elsewhere and back: it stays discarded.
    click_row(&mut h, "1.1.2");
    assert!(h.query_by_label_contains("Not saved:").is_none());
    assert_eq!(to_json(&saved(&f)), before, "nothing saved");
}

#[test]
fn the_reminder_goes_to_the_invalid_value_or_discards_it() {
    let f = fixture();
    let mut h = harness(&f);
    click_row(&mut h, "1.1.1");
    replace_text(&mut h, "Percent complete", "7O");
    h.get_by_label_contains("is not a number");
    click_row(&mut h, "1.1.2");
    h.run_steps(2);
    h.get_by_label("Go to it").click();
    h.run_steps(3);
    assert_eq!(h.state().selection.code.as_deref(), Some("1.1.1"));
    assert_eq!(field_text(&h, "Percent complete"), "7O");
    click_row(&mut h, "1.1.2");
    h.run_steps(2);
    h.get_by_label("Discard").click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("Not saved:").is_none());
    click_row(&mut h, "1.1.1");
    assert_ne!(field_text(&h, "Percent complete"), "7O");
}

#[test]
fn a_valid_value_still_being_typed_is_saved_when_another_item_is_clicked() {
    let f = fixture();
    let mut h = harness(&f);
    click_row(&mut h, "1.1.1");
    type_over(&mut h, "Percent complete", "42");
    click_row(&mut h, "1.1.2");
    h.run_steps(2);
    let plan = saved(&f);
    assert_eq!(
        plan.item(&id_at(&plan, "1.1.1")).and_then(|i| i.percent()),
        Some(42.0)
    );
}

#[test]
fn a_valid_value_still_being_typed_is_saved_when_another_page_is_shown() {
    let f = fixture();
    let mut h = harness(&f);
    click_row(&mut h, "1.1.1");
    type_over(&mut h, "Owner", "Enterprise architecture");
    // Ctrl+3 shows the Plan page: the Item page is not drawn again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    h.run_steps(3);
    h.get_by_label("Core values");
    let plan = saved(&f);
    assert_eq!(
        plan.item(&id_at(&plan, "1.1.1")).map(|i| i.owner.as_str()),
        Some("Enterprise architecture")
    );
}

#[test]
fn a_note_typed_for_one_item_is_not_added_to_another() {
    let f = fixture();
    let mut h = harness(&f);
    click_row(&mut h, "1.1.1");
    scroll_down(&mut h, "Key initiative 1.1.1", 12);
    h.get_by_role_and_label(egui::Role::MultilineTextInput, "New note")
        .focus();
    h.run_steps(1);
    h.get_by_role_and_label(egui::Role::MultilineTextInput, "New note")
        .type_text("Vendor shortlist agreed.");
    h.run_steps(1);
    click_row(&mut h, "1.1.2");
    assert_eq!(
        h.get_by_role_and_label(egui::Role::MultilineTextInput, "New note")
            .value()
            .unwrap_or_default(),
        "",
        "the other item's note is not shown here"
    );
    click_row(&mut h, "1.1.1");
    assert_eq!(
        h.get_by_role_and_label(egui::Role::MultilineTextInput, "New note")
            .value()
            .unwrap_or_default(),
        "Vendor shortlist agreed.",
        "the note is still there for its item"
    );
}

#[test]
fn compare_periods_has_a_menu_entry_and_ctrl_6() {
    let f = fixture();
    let mut h = harness(&f);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num6);
    h.run_steps(3);
    h.get_by_label("Compare two periods");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run_steps(3);
    assert!(h.query_by_label("Compare two periods").is_none());
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Compare periods").click();
    h.run_steps(3);
    h.get_by_label("Compare two periods");
}

#[test]
fn the_history_tab_shows_each_new_edit_as_it_is_made() {
    let f = fixture();
    let mut h = harness(&f);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num4);
    h.run_steps(2);
    h.get_by_label_contains("0 changes, newest first");
    click_row(&mut h, "2.2");
    h.key_press_modifiers(Modifiers::COMMAND, Key::ArrowDown);
    h.run_steps(3);
    h.get_by_label_contains("1 change, newest first");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    // The undo is recorded too: history is never rewritten.
    h.get_by_label_contains("2 changes, newest first");
    h.get_by_label("undo move down");
}

#[test]
fn the_item_tab_records_progress_for_the_period_chosen() {
    let f = fixture();
    let mut h = harness(&f);
    click_row(&mut h, "2.2.1");
    h.get_by_role_and_label(egui::Role::ComboBox, "Progress for")
        .click();
    h.run_steps(2);
    h.get_by_label("FY2026 Q1").click();
    h.run_steps(2);
    h.get_by_role_and_label(egui::Role::ComboBox, "Status")
        .click();
    h.run_steps(2);
    h.get_by_label("▲ At risk").click();
    h.run_steps(3);
    replace_text(&mut h, "Percent complete", "35");
    replace_text(&mut h, "Progress note", "Vendor slipped a month");
    let plan = saved(&f);
    let item = plan.item(&id_at(&plan, "2.2.1")).expect("item");
    let u = item
        .update_for("FY2026 Q1")
        .expect("an update for FY2026 Q1");
    assert_eq!(
        (u.status, u.percent, u.note.as_str()),
        (StatusKind::AtRisk, Some(35.0), "Vendor slipped a month")
    );
    // The next quarter shows what FY2026 Q1 reported, as "before".
    h.get_by_role_and_label(egui::Role::ComboBox, "Progress for")
        .click();
    h.run_steps(2);
    h.get_by_label("FY2026 Q2").click();
    h.run_steps(2);
    h.get_by_label_contains("Before — FY2026 Q1: At risk, 35%: Vendor slipped a month");
}

#[test]
fn the_grade_rule_is_set_on_the_plan_page() {
    let f = fixture();
    // A tall window, so the whole Plan page is on screen.
    let app = CairnApp::new(Workbench::open(&f.path), Prefs::default());
    let mut h = Harness::builder()
        .with_size([1440.0, 5000.0])
        .build_ui_state(|ui, app: &mut CairnApp| app.show(ui), app);
    h.run_steps(3);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    h.run_steps(3);
    h.get_by_label_contains("counts as off track");
    h.get_by_label(
        "Count work not started that should have started by the period's end as behind (off track)",
    )
    .click();
    h.run_steps(4);
    let rule = saved(&f).info.grading.rule;
    assert!(
        !rule.count_behind,
        "the rule is saved with the plan: {:?}",
        h.state().message()
    );
    h.get_by_label_contains("not started are left out");
}

#[test]
fn deleting_a_kpi_asks_first_and_names_its_measurements() {
    let f = fixture();
    let app = CairnApp::new(Workbench::open(&f.path), Prefs::default());
    // Tall, so the KPI editor's buttons are on screen.
    let mut h = Harness::builder()
        .with_size([1440.0, 2400.0])
        .build_ui_state(|ui, app: &mut CairnApp| app.show(ui), app);
    h.run_steps(3);
    click_row(&mut h, "3.1");
    let count = saved(&f).kpis.len();
    let phish = saved(&f)
        .kpis
        .iter()
        .find(|k| k.id == "k-phish")
        .expect("kpi")
        .clone();
    // The delete button sits with the KPI's definition.
    h.get_by_label("Definition").click();
    h.run_steps(2);
    h.get_by_label("Delete this KPI…").click();
    h.run_steps(2);
    assert_eq!(
        saved(&f).kpis.len(),
        count,
        "nothing deleted on the first click"
    );
    let n = phish.measurements.len();
    h.get_by_label_contains(&format!("and its {n} measurement"));
    h.get_by_label("Keep it").click();
    h.run_steps(2);
    assert_eq!(saved(&f).kpis.len(), count);
    h.get_by_label("Delete this KPI…").click();
    h.run_steps(2);
    h.get_by_label("Delete the KPI").click();
    h.run_steps(3);
    assert_eq!(saved(&f).kpis.len(), count - 1);
    assert!(!saved(&f).kpis.iter().any(|k| k.id == "k-phish"));
}

#[test]
fn ctrl_equals_zooms_in_as_ctrl_plus_does() {
    let f = fixture();
    let mut h = harness(&f);
    let before = h.ctx.zoom_factor();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run_steps(3);
    assert!(
        h.ctx.zoom_factor() > before + 0.05,
        "{}",
        h.ctx.zoom_factor()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run_steps(3);
    assert!((h.ctx.zoom_factor() - 1.0).abs() < 1e-3);
}

#[test]
fn help_about_names_the_version_the_open_file_and_its_backups() {
    let f = fixture();
    let mut h = harness(&f);
    let path = f.path.display().to_string();
    let shown_before = h.query_all_by_label(&path).count();
    h.get_by_label("Help").click();
    h.run_steps(2);
    h.get_by_label("About Cairn").click();
    h.run_steps(3);
    h.get_by_label(&format!("Cairn {}", env!("CARGO_PKG_VERSION")));
    assert_eq!(
        h.query_all_by_label(&path).count(),
        shown_before + 1,
        "About names the open file"
    );
    let backups = cairn::store::backups::folder(&f.path);
    h.get_by_label(&backups.display().to_string());
}
