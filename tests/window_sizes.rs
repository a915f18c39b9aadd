#![cfg(feature = "gui")]
//! The window on a city laptop (1366×768), a meeting-room projector
//! (1280×720) and a small screen (1024×700), driven headless through
//! egui_kittest: every field, table column and the meeting's Decisions are
//! found by their labels and can be brought on screen; the first run asks
//! for the name the history records; removing data asks first; typed dates
//! are read as the importer reads them.

use cairn::app::{CairnApp, Prefs};
use cairn::command::Command;
use cairn::interchange::seeds;
use cairn::model::{AgendaEntry, Meeting, Tree};
use cairn::store::{HistoryFilter, Store};
use cairn::theme::palette::Rgb;
use cairn::workbench::Workbench;
use egui::{Key, Rect, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::window::type_over;

/// The projector, the city laptop, and a small screen.
const SIZES: [[f32; 2]; 3] = [[1280.0, 720.0], [1366.0, 768.0], [1024.0, 700.0]];

struct Fixture {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

/// Phoenix with its sample KPIs and a meeting on objective 3.1 (long
/// initiative titles, two KPIs).
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("phoenix.cairn");
    let mut wb =
        Workbench::create(&path, seeds::phoenix_with_sample_kpis().expect("seed")).expect("create");
    let mut m = Meeting::new(
        "",
        "Security review",
        chrono::NaiveDate::from_ymd_opt(2025, 11, 20).expect("date"),
        "FY2026",
    );
    m.agenda = vec![AgendaEntry::new(&id_at(wb.plan(), "3.1"))];
    wb.apply(&Command::PutMeeting(Box::new(m)))
        .expect("plan meeting");
    drop(wb);
    Fixture { _dir: dir, path }
}

fn harness_with(f: &Fixture, size: [f32; 2], prefs: Prefs) -> Harness<'static, CairnApp> {
    let app = CairnApp::new(Workbench::open(&f.path), prefs);
    let mut h = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut CairnApp| app.show(ui), app);
    h.run_steps(4);
    h
}

fn harness(f: &Fixture, size: [f32; 2]) -> Harness<'static, CairnApp> {
    harness_with(f, size, Prefs::default())
}

fn saved(f: &Fixture) -> cairn::model::Plan {
    Store::open_read_only(&f.path).expect("reopen").1
}

fn id_at(plan: &cairn::model::Plan, code: &str) -> String {
    let tree = Tree::build(plan);
    plan.items()[tree.item_by_code(code).expect("code")]
        .id
        .clone()
}

/// Selects the tree row of `code` through the filter box, as a user would.
fn select(h: &mut Harness<'_, CairnApp>, code: &str) {
    let plan = h.state().workbench().expect("wb").plan().clone();
    let title = plan.item(&id_at(&plan, code)).expect("item").title.clone();
    let filter = h.get_by_role_and_label(Role::TextInput, "Filter");
    filter.focus();
    filter.type_text(code);
    h.run_steps(2);
    h.get_by_label(&format!("{code} {title}")).click();
    h.run_steps(2);
    h.get_by_label("Clear").click();
    h.run_steps(3);
}

/// Whether `r` lies inside a window of `size`.
fn on_screen(r: Rect, size: [f32; 2]) -> bool {
    r.min.x >= -0.5 && r.min.y >= -0.5 && r.max.x <= size[0] + 0.5 && r.max.y <= size[1] + 0.5
}

/// Scrolls the widget `label` (of `role`) into view and says where it is.
fn bring_into_view(h: &mut Harness<'_, CairnApp>, role: Option<Role>, label: &str) -> Rect {
    let find = |h: &Harness<'_, CairnApp>| match role {
        Some(role) => h.get_by_role_and_label(role, label).rect(),
        None => h.get_by_label(label).rect(),
    };
    match role {
        Some(role) => h.get_by_role_and_label(role, label).scroll_to_me(),
        None => h.get_by_label(label).scroll_to_me(),
    }
    h.run_steps(3);
    find(h)
}

#[test]
fn an_objective_with_kpis_shows_every_field_and_its_kpis_at_each_size() {
    for size in SIZES {
        let f = fixture();
        let mut h = harness(&f, size);
        select(&mut h, "3.1");
        for label in [
            "Title",
            "Owner",
            "Start date",
            "Due date",
            "Planned budget",
            "Weight in roll-up",
        ] {
            let r = bring_into_view(&mut h, Some(Role::TextInput), label);
            assert!(
                on_screen(r, size),
                "{label} at {size:?} is at {r:?}, off the screen"
            );
            assert!(
                r.width() >= 150.0,
                "{label} at {size:?} is squeezed to {} points",
                r.width()
            );
        }
        let r = bring_into_view(&mut h, None, "Add KPI");
        assert!(on_screen(r, size), "the KPIs at {size:?} are off screen");
        assert!(
            h.query_all_by_label_contains("Phishing simulation click rate")
                .next()
                .is_some(),
            "the objective's KPI is listed at {size:?}"
        );
    }
}

#[test]
fn the_initiatives_table_reaches_every_column_at_each_size() {
    for size in SIZES {
        let f = fixture();
        let mut h = harness(&f, size);
        h.get_by_label("Initiatives").click();
        h.run_steps(3);
        for column in ["Owner", "Department", "Status", "Percent", "Due", "Term"] {
            let r = bring_into_view(&mut h, Some(Role::Button), column);
            assert!(
                on_screen(r, size),
                "the {column} column at {size:?} is at {r:?}, off the screen"
            );
        }
    }
}

#[test]
fn the_presentation_keeps_decisions_and_action_items_on_screen() {
    for size in SIZES {
        let f = fixture();
        let mut h = harness(&f, size);
        h.get_by_label("Meetings").click();
        h.run_steps(3);
        h.get_by_label("▶ Present the meeting").click();
        h.run_steps(4);
        if h.query_by_label("Record decision").is_none() {
            // A narrow screen shows the record as a tab beside the item.
            h.get_by_label("Decisions and actions").click();
            h.run_steps(3);
        }
        // On screen as the item comes up.
        for (role, label) in [
            (Role::MultilineTextInput, "Decision"),
            (Role::Button, "Record decision"),
            (Role::TextInput, "Action"),
        ] {
            let r = h.get_by_role_and_label(role, label).rect();
            assert!(
                on_screen(r, size),
                "{label} at {size:?} is at {r:?}, off the screen"
            );
        }
        // The controls never overlap the sample-data note.
        let previous = h.get_by_label("◀ Previous").rect();
        let note = h.get_by_label("some figures are illustrative").rect();
        assert!(
            !previous.intersects(note),
            "at {size:?} ◀ Previous {previous:?} overlaps the note {note:?}"
        );
        // A decision recorded on a small screen is kept.
        h.get_by_role_and_label(Role::MultilineTextInput, "Decision")
            .focus();
        h.run_steps(1);
        h.get_by_role_and_label(Role::MultilineTextInput, "Decision")
            .type_text("Fund the phishing training");
        h.run_steps(2);
        h.get_by_label("Record decision").click();
        h.run_steps(3);
        assert_eq!(
            saved(&f).meetings[0].decisions.len(),
            1,
            "at {size:?}: {:?} {:?}",
            h.state().message(),
            h.get_by_role_and_label(Role::MultilineTextInput, "Decision")
                .value()
        );
        // The rest a scroll away in the same column.
        for (role, label) in [
            (Role::TextInput, "Owner"),
            (Role::Button, "Record action item"),
        ] {
            let r = bring_into_view(&mut h, Some(role), label);
            assert!(
                on_screen(r, size),
                "{label} at {size:?} is at {r:?}, out of reach"
            );
        }
    }
}

#[test]
fn the_first_run_asks_for_the_name_the_history_records() {
    let f = fixture();
    let mut h = harness_with(&f, [1280.0, 720.0], Prefs::first_run());
    h.get_by_role_and_label(egui::Role::Dialog, "Welcome to Cairn");
    type_over(&mut h, "Your name in the history", "Dana Reyes");
    h.get_by_label("Save and start").click();
    h.run_steps(3);
    assert!(
        h.query_by_role_and_label(egui::Role::Dialog, "Welcome to Cairn")
            .is_none()
    );
    assert_eq!(h.state().prefs.user_name, "Dana Reyes");
    assert!(h.state().prefs.welcomed);
    // The next edit is recorded under that name.
    select(&mut h, "1.1");
    type_over(&mut h, "Owner", "Chief Information Officer");
    h.key_press(Key::Enter);
    h.run_steps(3);
    let rows = Store::open_read_only(&f.path)
        .expect("reopen")
        .0
        .history(&HistoryFilter::default())
        .expect("history");
    let last = rows.last().expect("a history row");
    assert_eq!(last.who, "Dana Reyes");
    // The name can be changed later in File → Settings…, not only on History.
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Settings…").click();
    h.run_steps(3);
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Your name in the history")
            .value()
            .as_deref(),
        Some("Dana Reyes")
    );
}

#[test]
fn skipping_the_welcome_records_the_computer_user_and_does_not_ask_again() {
    let f = fixture();
    let mut h = harness_with(&f, [1366.0, 768.0], Prefs::first_run());
    h.get_by_label("Skip").click();
    h.run_steps(3);
    assert!(
        h.query_by_role_and_label(egui::Role::Dialog, "Welcome to Cairn")
            .is_none()
    );
    assert!(h.state().prefs.welcomed);
    assert_eq!(h.state().prefs.user_name, "");
}

#[test]
fn getting_started_explains_the_window_and_lists_the_shortcuts() {
    let f = fixture();
    let mut h = harness(&f, [1280.0, 720.0]);
    h.key_press(Key::F1);
    h.run_steps(3);
    assert!(h.query_all_by_label("Getting started").next().is_some());
    h.get_by_label("Sample data");
    h.get_by_label("Keyboard shortcuts");
    h.get_by_label("Present the meeting");
}

#[test]
fn a_date_typed_as_people_write_it_is_saved_and_shown_as_iso() {
    let f = fixture();
    let mut h = harness(&f, [1280.0, 720.0]);
    select(&mut h, "1.1.1");
    let id = id_at(&saved(&f), "1.1.1");
    bring_into_view(&mut h, Some(Role::TextInput), "Due date");
    type_over(&mut h, "Due date", "9/30/2025");
    h.key_press(Key::Enter);
    h.run_steps(3);
    let due = saved(&f).item(&id).expect("item").due;
    assert_eq!(due, chrono::NaiveDate::from_ymd_opt(2025, 9, 30));
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Due date")
            .value()
            .as_deref(),
        Some("2025-09-30")
    );
    h.get_by_label("Tue 30 Sep 2025");
    // Not a date: said under the field, nothing saved.
    type_over(&mut h, "Due date", "31/31/2025");
    h.key_press(Key::Enter);
    h.run_steps(3);
    h.get_by_label_contains("is not a date");
    assert_eq!(saved(&f).item(&id).expect("item").due, due);
    // The calendar button sits beside the field.
    h.get_by_label("Calendar: Due date");
}

#[test]
fn removing_a_period_asks_first_and_one_in_use_is_kept_without_moving_the_page() {
    let f = fixture();
    let mut h = harness(&f, [1366.0, 768.0]);
    h.get_by_label("Plan").click();
    h.run_steps(3);
    let before = saved(&f).info.periods.len();
    // A period the sample KPIs measure cannot go.
    let plan = saved(&f);
    let used = plan
        .info
        .periods
        .iter()
        .find(|p| !plan.period_uses(&p.label).is_empty())
        .expect("a period in use")
        .label
        .clone();
    let lock_of = |h: &Harness<'_, CairnApp>, label: &str| {
        h.get_by_role_and_label(Role::Button, &format!("Lock {label}"))
            .rect()
    };
    bring_into_view(&mut h, Some(Role::Button), &format!("Lock {used}"));
    let row_before = lock_of(&h, &used);
    h.query_all_by_label("Remove…")
        .find(|n| (n.rect().center().y - row_before.center().y).abs() < 4.0)
        .expect("the period's Remove… button")
        .click();
    h.run_steps(3);
    h.get_by_label_contains(&format!("{used} is kept:"));
    assert_eq!(saved(&f).info.periods.len(), before, "nothing removed");
    assert_eq!(
        lock_of(&h, &used),
        row_before,
        "the refusal moved the row under the pointer"
    );
    h.get_by_label("OK").click();
    h.run_steps(2);
    // A new year nothing refers to goes, once confirmed.
    h.get_by_label_contains("with its quarters").scroll_to_me();
    h.run_steps(3);
    h.get_by_label_contains("with its quarters").click();
    h.run_steps(4);
    let added = saved(&f).info.periods.len();
    assert!(added > before, "a fiscal year was added");
    let last = saved(&f).info.periods.last().expect("period").label.clone();
    bring_into_view(&mut h, Some(Role::Button), &format!("Lock {last}"));
    let row = lock_of(&h, &last);
    h.query_all_by_label("Remove…")
        .find(|n| (n.rect().center().y - row.center().y).abs() < 4.0)
        .expect("its Remove… button")
        .click();
    h.run_steps(3);
    assert_eq!(saved(&f).info.periods.len(), added, "asked first");
    h.get_by_label_contains(&format!("Remove the period {last}?"));
    bring_into_view(&mut h, Some(Role::Button), "Remove");
    h.get_by_role_and_label(Role::Button, "Remove").click();
    h.run_steps(4);
    assert_eq!(
        saved(&f).info.periods.len(),
        added - 1,
        "removed once confirmed ({:?})",
        h.state().message()
    );
}

#[test]
fn a_row_edited_in_the_sorted_table_stays_until_sorted_again() {
    let f = fixture();
    let mut h = harness(&f, [1366.0, 768.0]);
    h.get_by_label("Initiatives").click();
    h.run_steps(3);
    h.get_by_role_and_label(Role::Button, "Status").click();
    h.run_steps(3);
    let code = "1.1.1";
    let label = format!("Status {code}");
    bring_into_view(&mut h, Some(Role::ComboBox), &label);
    let before = h.get_by_role_and_label(Role::ComboBox, &label).rect();
    h.get_by_role_and_label(Role::ComboBox, &label).click();
    h.run_steps(2);
    h.get_by_label("▲ At risk").click();
    h.run_steps(4);
    let id = id_at(&saved(&f), code);
    assert_eq!(
        saved(&f).item(&id).expect("item").status(),
        cairn::model::StatusKind::AtRisk
    );
    assert_eq!(
        h.get_by_role_and_label(Role::ComboBox, &label).rect(),
        before,
        "the edited row jumped away"
    );
    h.get_by_label("Sort again").click();
    h.run_steps(3);
    assert!(h.query_by_label("Sort again").is_none());
}

#[test]
fn text_in_both_themes_meets_wcag_aa_contrast() {
    let f = fixture();
    for dark in [false, true] {
        let prefs = Prefs {
            dark,
            ..Prefs::default()
        };
        let h = harness_with(&f, [1280.0, 720.0], prefs);
        let visuals = h.ctx.global_style().visuals.clone();
        let rgb = |c: egui::Color32| Rgb(c.r(), c.g(), c.b());
        for (what, fg) in [
            ("text", visuals.text_color()),
            ("weak text", visuals.weak_text_color()),
        ] {
            for (on, bg) in [
                ("panel", visuals.panel_fill),
                ("field", visuals.text_edit_bg_color()),
            ] {
                let ratio = rgb(fg).contrast(rgb(bg));
                assert!(
                    ratio >= 4.5,
                    "{what} on {on} ({}) is {ratio:.2}:1",
                    if dark { "dark" } else { "light" }
                );
            }
        }
    }
}

#[test]
fn a_refusal_is_shown_over_the_page_without_moving_it_and_can_be_closed() {
    use std::os::unix::fs::PermissionsExt as _;
    let f = fixture();
    std::fs::set_permissions(&f.path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let mut h = harness(&f, [1280.0, 720.0]);
    select(&mut h, "1.1.1");
    let title = h.get_by_role_and_label(Role::TextInput, "Title").rect();
    type_over(&mut h, "Owner", "Someone");
    h.key_press(Key::Enter);
    h.run_steps(3);
    h.get_by_label_contains("open read-only; changes cannot be saved");
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Title").rect(),
        title,
        "the message pushed the page"
    );
    h.get_by_role_and_label(Role::Button, "Close").click();
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("open read-only; changes cannot be saved")
            .is_none(),
        "closed"
    );
}
