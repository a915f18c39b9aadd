#![cfg(feature = "gui")]
//! The window as a screen reader and a keyboard-only user meet it: the
//! AccessKit tree egui builds (what AT-SPI, and so Orca, reads) names
//! every control in words, tells each tree item its level, place and
//! state, names every dialog and reads messages out; and a quarterly cycle
//! is done from the keyboard alone.

use cairn::app::{CairnApp, Prefs};
use cairn::interchange::seeds;
use cairn::store::Store;
use cairn::workbench::Workbench;
use egui::accesskit::{Live, Role};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

mod common;

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

fn harness_with(f: &Fixture, prefs: Prefs) -> Harness<'static, CairnApp> {
    let app = CairnApp::new(Workbench::open(&f.path), prefs);
    let mut h = Harness::builder()
        .with_size([1366.0, 768.0])
        .build_ui_state(|ui, app: &mut CairnApp| app.show(ui), app);
    h.run_steps(3);
    h
}

fn harness(f: &Fixture) -> Harness<'static, CairnApp> {
    harness_with(f, Prefs::default())
}

/// The code and title of the item at `code`, as its tree row is named.
fn row_name(h: &Harness<'_, CairnApp>, code: &str) -> String {
    let plan = h.state().workbench().expect("wb").plan();
    let tree = cairn::model::Tree::build(plan);
    let item = &plan.items()[tree.item_by_code(code).expect("code")];
    format!("{code} {}", item.title)
}

fn press(h: &mut Harness<'_, CairnApp>, key: Key) {
    h.key_press(key);
    h.run_steps(2);
}

fn selected_row(h: &Harness<'_, CairnApp>) -> Option<String> {
    h.state().selection.code.clone()
}

#[test]
fn each_tree_item_tells_its_level_place_and_state() {
    let f = fixture();
    let mut h = harness(&f);
    let (goals, children_of_1, goal_label) = {
        let plan = h.state().workbench().expect("wb").plan();
        let first = plan.roots().next().expect("a goal");
        (
            plan.roots().count(),
            first.children.len(),
            plan.info.level_name(0),
        )
    };
    let goal = row_name(&h, "1");
    let node = h.get_by_role_and_label(Role::TreeItem, &goal);
    let data = node.accesskit_node().data().clone();
    assert_eq!(data.level(), Some(1), "a goal is at the top level");
    assert_eq!(data.position_in_set(), Some(1));
    assert_eq!(data.size_of_set(), Some(goals));
    assert_eq!(data.is_expanded(), Some(true), "its children show");
    let description = data.description().unwrap_or_default().to_owned();
    assert!(
        description.starts_with(&format!("{goal_label} 1, expanded, ")),
        "{description}"
    );
    assert!(
        description.ends_with('%') || description.ends_with("no figure"),
        "{description}"
    );

    let objective = row_name(&h, "1.2");
    let data = h
        .get_by_role_and_label(Role::TreeItem, &objective)
        .accesskit_node()
        .data()
        .clone();
    assert_eq!(data.level(), Some(2));
    assert_eq!(
        data.position_in_set(),
        Some(2),
        "the second of its siblings"
    );
    assert_eq!(data.size_of_set(), Some(children_of_1));

    // The expand button says what it does, to which item, in words.
    h.get_by_role_and_label(Role::Button, &format!("Collapse {goal}"))
        .click();
    h.run_steps(2);
    let data = h
        .get_by_role_and_label(Role::TreeItem, &goal)
        .accesskit_node()
        .data()
        .clone();
    assert_eq!(data.is_expanded(), Some(false), "collapsed now");
    assert!(
        data.description()
            .is_some_and(|d| d.contains(", collapsed, ")),
        "said in words too, for AT-SPI"
    );
    assert!(
        h.query_by_label(&objective).is_none(),
        "its children are hidden"
    );
    h.get_by_role_and_label(Role::Button, &format!("Expand {goal}"));
    assert!(
        h.query_all_by_label("▼").next().is_none() && h.query_all_by_label("▶").next().is_none(),
        "no control is announced as an arrow"
    );
}

#[test]
fn every_dialog_is_named_after_its_title_and_closes_with_escape() {
    let f = fixture();
    let h = harness_with(&f, Prefs::first_run());
    h.get_by_role_and_label(Role::Dialog, "Welcome to Cairn");
    drop(h);

    let mut h = harness(&f);
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run_steps(3);
    h.get_by_role_and_label(Role::Dialog, "Print report card");
    press(&mut h, Key::Escape);
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Print report card")
            .is_none(),
        "Escape closed it"
    );
    h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::P);
    h.run_steps(3);
    h.get_by_role_and_label(Role::Dialog, "Find a command");
    press(&mut h, Key::Escape);
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Find a command")
            .is_none()
    );

    // The first-run welcome too: Esc is its Skip.
    let mut h = harness_with(&f, Prefs::first_run());
    h.get_by_role_and_label(Role::Dialog, "Welcome to Cairn");
    press(&mut h, Key::Escape);
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Welcome to Cairn")
            .is_none(),
        "Esc skips the welcome"
    );
}

#[test]
fn the_command_palette_runs_any_menu_command_by_name() {
    let f = fixture();
    let mut h = harness(&f);
    h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::P);
    h.run_steps(3);
    let field = h.get_by_role_and_label(Role::TextInput, "Command");
    assert!(field.is_focused(), "the keyboard is in the palette's field");
    field.type_text("request upd");
    h.run_steps(2);
    press(&mut h, Key::Enter);
    h.run_steps(2);
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Find a command")
            .is_none()
    );
    h.get_by_role_and_label(Role::Dialog, "Request updates from owners");
}

#[test]
fn the_tree_is_walked_with_the_arrow_keys_home_and_end() {
    let f = fixture();
    let mut h = harness(&f);
    press(&mut h, Key::Home);
    assert_eq!(selected_row(&h).as_deref(), Some("1"));
    let data = h
        .get_by_role_and_label(Role::TreeItem, &row_name(&h, "1"))
        .accesskit_node()
        .data()
        .clone();
    assert_eq!(
        data.is_selected(),
        Some(true),
        "the reader hears it selected"
    );
    press(&mut h, Key::ArrowDown);
    assert_eq!(selected_row(&h).as_deref(), Some("1.1"));
    press(&mut h, Key::ArrowRight);
    assert_eq!(
        selected_row(&h).as_deref(),
        Some("1.1.1"),
        "into the children"
    );
    press(&mut h, Key::ArrowLeft);
    assert_eq!(selected_row(&h).as_deref(), Some("1.1"), "up to the parent");
    press(&mut h, Key::ArrowLeft);
    assert!(
        h.query_by_label(&row_name(&h, "1.1.1")).is_none(),
        "Left on an open item closes it"
    );
    press(&mut h, Key::End);
    let last = {
        let wb = h.state().workbench().expect("wb");
        let tree = wb.tree();
        let last = tree.placements.last().expect("rows");
        last.code.clone()
    };
    assert_eq!(selected_row(&h), Some(last));
}

#[test]
fn a_recorded_edit_is_read_out_as_it_appears() {
    let f = fixture();
    let mut h = harness(&f);
    let row = row_name(&h, "2.3.1");
    let filter = h.get_by_role_and_label(Role::TextInput, "Filter");
    filter.focus();
    filter.type_text("2.3.1");
    h.run_steps(2);
    h.get_by_label(&row).click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::ComboBox, "Status").click();
    h.run_steps(2);
    h.get_by_label("✖ Off track").click();
    h.run_steps(3);
    let message = h.get_by_label_contains("recorded for");
    assert_eq!(
        message.accesskit_node().data().live(),
        Some(Live::Polite),
        "a live region: the screen reader says it without being asked"
    );
}

/// Presses Tab (or Shift+Tab) until the control named `label` has the
/// keyboard, as a keyboard-only user would; fails after `most` presses.
fn tab_to(h: &mut Harness<'_, CairnApp>, role: Role, label: &str, back: bool, most: usize) {
    for _ in 0..most {
        if h.query_by_role_and_label(role, label)
            .is_some_and(|n| n.is_focused())
        {
            return;
        }
        let m = if back {
            Modifiers::SHIFT
        } else {
            Modifiers::NONE
        };
        h.key_press_modifiers(m, Key::Tab);
        h.run_steps(2);
    }
    panic!("{label:?} never took the keyboard in {most} presses of Tab");
}

fn saved(f: &Fixture) -> cairn::model::Plan {
    Store::open_read_only(&f.path).expect("reopen").1
}

#[test]
fn a_quarterly_update_is_done_from_the_keyboard_alone() {
    let f = fixture();
    let mut h = harness(&f);
    // Reach the first initiative with the arrows.
    press(&mut h, Key::Home);
    press(&mut h, Key::ArrowRight);
    press(&mut h, Key::ArrowRight);
    press(&mut h, Key::ArrowRight);
    assert_eq!(selected_row(&h).as_deref(), Some("1.1.1"));
    // Enter opens its editor; the period's status is just above the title.
    press(&mut h, Key::Enter);
    tab_to(&mut h, Role::ComboBox, "Status", true, 4);
    press(&mut h, Key::Space);
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::Enter);
    h.run_steps(2);
    let period = h
        .state()
        .workbench()
        .expect("wb")
        .plan()
        .info
        .periods
        .last()
        .expect("p")
        .label
        .clone();
    let status_now = |f: &Fixture| {
        let plan = saved(f);
        let tree = cairn::model::Tree::build(&plan);
        plan.items()[tree.item_by_code("1.1.1").expect("c")].clone()
    };
    assert_eq!(
        status_now(&f).status(),
        cairn::model::StatusKind::OnTrack,
        "saved at once"
    );
    // The note for the period, just above.
    tab_to(&mut h, Role::TextInput, "Progress note", true, 4);
    h.get_by_role_and_label(Role::TextInput, "Progress note")
        .type_text("Vendor on schedule");
    h.run_steps(1);
    press(&mut h, Key::Tab);
    let item = status_now(&f);
    let note = item
        .updates
        .iter()
        .map(|u| u.note.as_str())
        .collect::<Vec<_>>()
        .join("|");
    assert!(
        note.contains("Vendor on schedule"),
        "{note} (periods up to {period})"
    );
    // Percent complete, further down the form.
    tab_to(&mut h, Role::TextInput, "Percent complete", false, 40);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Percent complete")
        .type_text("40");
    h.run_steps(1);
    press(&mut h, Key::Tab);
    assert_eq!(status_now(&f).percent(), Some(40.0));

    // Send update requests: the palette, then Tab to the button, Enter.
    h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::P);
    h.run_steps(2);
    h.get_by_role_and_label(Role::TextInput, "Command")
        .type_text("request updates");
    h.run_steps(1);
    press(&mut h, Key::Enter);
    h.get_by_role_and_label(Role::Dialog, "Request updates from owners");
    let folder = f.path.with_file_name("requests");
    tab_to(&mut h, Role::TextInput, "Folder", false, 20);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Folder")
        .type_text(&folder.display().to_string());
    h.run_steps(1);
    tab_to(&mut h, Role::Button, "Write requests", false, 20);
    press(&mut h, Key::Enter);
    // The workbooks are written on a worker thread; wait as a user would.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::time::Instant::now() < deadline {
        h.run_steps(1);
        if !saved(&f).requests.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        !saved(&f).requests.is_empty(),
        "the requests were sent and registered"
    );
    assert!(
        std::fs::read_dir(&folder).expect("folder").count() > 0,
        "the workbooks are in the folder typed"
    );
    h.run_steps(2);
    // The register below is read as a table: the header and a row a request.
    let register = h
        .query_all_by_role(Role::Table)
        .find(|t| t.accesskit_node().data().column_count() == Some(7))
        .expect("the register is a table of seven columns");
    assert_eq!(
        register.accesskit_node().data().row_count(),
        Some(saved(&f).requests.len() + 1)
    );
    h.get_by_role_and_label(Role::ColumnHeader, "Who");

    // An owner returns the workbook with a KPI's value; its path
    // is typed, reviewed and accepted from the keyboard.
    let asks_a_kpi = |path: &std::path::Path| {
        common::xlsx::parts(&std::fs::read(path).expect("workbook"))
            .iter()
            .any(|(n, xml)| {
                n == "xl/worksheets/sheet3.xml" && String::from_utf8_lossy(xml).contains("r=\"G2\"")
            })
    };
    let mut sent: Vec<_> = std::fs::read_dir(&folder)
        .expect("folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| asks_a_kpi(p))
        .collect();
    sent.sort();
    let sent = sent.first().expect("a workbook asking for a KPI's value");
    let returned = f.path.with_file_name("returned.xlsx");
    std::fs::write(
        &returned,
        common::xlsx::fill_in(sent, &[("sheet3", "G2", common::xlsx::Value::Number(42.5))]),
    )
    .expect("write the return");
    tab_to(&mut h, Role::TextInput, "Or type its path:", false, 40);
    h.get_by_role_and_label(Role::TextInput, "Or type its path:")
        .type_text(&returned.display().to_string());
    h.run_steps(1);
    press(&mut h, Key::Enter);
    h.run_steps(2);
    h.get_by_label_contains("returned.xlsx (1 changed");
    tab_to(&mut h, Role::Button, "Accept selected", false, 40);
    press(&mut h, Key::Enter);
    h.run_steps(3);
    assert!(
        saved(&f)
            .requests
            .iter()
            .any(|r| r.merged_at.is_some() && r.accepted == 1),
        "the return was merged"
    );
    press(&mut h, Key::Escape);
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Request updates from owners")
            .is_none()
    );

    // Print the card: Ctrl+P, Tab to Print, Enter.
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run_steps(2);
    let card = f.path.with_file_name("card.pdf");
    tab_to(&mut h, Role::TextInput, "Save to", false, 30);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Save to")
        .type_text(&card.display().to_string());
    h.run_steps(1);
    tab_to(&mut h, Role::Button, "Print", false, 30);
    press(&mut h, Key::Enter);
    common::window::wait_for_label(&mut h, "Open it");
    assert!(
        std::fs::metadata(&card).is_ok_and(|m| m.len() > 0),
        "the card was written"
    );
    press(&mut h, Key::Escape);

    // Help, from F1.
    press(&mut h, Key::F1);
    h.get_by_label("Working from the keyboard");
}

/// The controls in the AccessKit tree with no name a screen reader could
/// say, as "role" strings.
fn unnamed_controls(h: &Harness<'_, CairnApp>) -> Vec<String> {
    fn walk(n: egui_kittest::kittest::AccessKitNode<'_>, out: &mut Vec<String>) {
        let control = matches!(
            n.role(),
            Role::Button
                | Role::TextInput
                | Role::MultilineTextInput
                | Role::ComboBox
                | Role::CheckBox
                | Role::SpinButton
                | Role::Slider
                | Role::TreeItem
                | Role::Tab
                | Role::Link
        );
        let label = n.label().unwrap_or_default();
        let words = label.chars().any(char::is_alphanumeric);
        if control && !words {
            out.push(format!("{:?} {label:?}", n.role()));
        }
        for c in n.children() {
            walk(c, out);
        }
    }
    let mut out = Vec::new();
    walk(h.root().accesskit_node(), &mut out);
    out
}

#[test]
fn every_control_on_every_page_and_dialog_has_a_name_in_words() {
    let f = fixture();
    let mut h = harness(&f);
    press(&mut h, Key::Home);
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::ArrowRight);
    press(&mut h, Key::ArrowRight);
    for (n, key) in [
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
    ]
    .into_iter()
    .enumerate()
    {
        h.key_press_modifiers(Modifiers::COMMAND, key);
        h.run_steps(3);
        let unnamed = unnamed_controls(&h);
        assert!(unnamed.is_empty(), "page {}: {unnamed:?}", n + 1);
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run_steps(2);
    for (command, dialog) in [
        ("print report", "Print report card"),
        ("request updates", "Request updates from owners"),
        ("import or export", "Import from a spreadsheet"),
        ("restore from", "Restore from backup"),
        ("find a command", "Find a command"),
    ] {
        h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::P);
        h.run_steps(2);
        h.get_by_role_and_label(Role::TextInput, "Command")
            .type_text(command);
        h.run_steps(1);
        press(&mut h, Key::Enter);
        h.run_steps(2);
        assert_eq!(
            h.query_all_by_role(Role::Dialog).count(),
            1,
            "{dialog}: one dialog, named once"
        );
        h.get_by_role_and_label(Role::Dialog, dialog);
        let unnamed = unnamed_controls(&h);
        assert!(unnamed.is_empty(), "{dialog}: {unnamed:?}");
        press(&mut h, Key::Escape);
        assert!(
            h.query_by_role_and_label(Role::Dialog, dialog).is_none(),
            "Esc closes {dialog}"
        );
    }
    press(&mut h, Key::F1);
    h.get_by_role_and_label(Role::Window, "Getting started");
    press(&mut h, Key::Escape);
    for (command, window) in [
        ("settings", "Settings"),
        ("getting started", "Getting started"),
        ("about cairn", "About Cairn"),
    ] {
        h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::P);
        h.run_steps(2);
        h.get_by_role_and_label(Role::TextInput, "Command")
            .type_text(command);
        h.run_steps(1);
        press(&mut h, Key::Enter);
        h.run_steps(2);
        h.get_by_role_and_label(Role::Window, window);
        let unnamed = unnamed_controls(&h);
        assert!(unnamed.is_empty(), "{window}: {unnamed:?}");
        press(&mut h, Key::Escape);
        assert!(
            h.query_by_role_and_label(Role::Window, window).is_none(),
            "Esc closes {window}"
        );
    }
}

#[test]
fn the_initiatives_table_is_a_table_with_column_headers() {
    let f = fixture();
    let mut h = harness(&f);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    h.run_steps(3);
    let initiatives = h
        .state()
        .workbench()
        .expect("wb")
        .plan()
        .items()
        .iter()
        .filter(|i| i.children.is_empty())
        .count();
    let table = h.get_by_role(Role::Table);
    let data = table.accesskit_node().data().clone();
    assert_eq!(data.column_count(), Some(9));
    assert_eq!(
        data.row_count(),
        Some(initiatives + 1),
        "a header row and one per initiative"
    );
    let headers = h.query_all_by_role(Role::ColumnHeader).count();
    assert_eq!(headers, 9);
    let first = h
        .query_all_by_role(Role::Cell)
        .find(|c| c.accesskit_node().data().row_index() == Some(1))
        .expect("a first row");
    assert_eq!(first.accesskit_node().data().column_index(), Some(0));
}

#[test]
fn the_history_is_a_table_with_column_headers() {
    let f = fixture();
    let mut h = harness(&f);
    press(&mut h, Key::Home);
    press(&mut h, Key::F2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    let goal = row_name(&h, "1");
    h.get_by_role_and_label(Role::TextInput, &goal)
        .type_text("Resilient services");
    h.run_steps(1);
    press(&mut h, Key::Enter);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num4);
    h.run_steps(3);
    let table = h.get_by_role(Role::Table);
    let data = table.accesskit_node().data().clone();
    assert_eq!(data.column_count(), Some(8));
    assert!(
        data.row_count().is_some_and(|r| r >= 2),
        "a header and the rename"
    );
    assert_eq!(h.query_all_by_role(Role::ColumnHeader).count(), 8);
    assert!(
        h.query_all_by_role(Role::Cell)
            .any(|c| c.accesskit_node().data().row_index() == Some(1)),
        "the rename's row"
    );
}

#[test]
fn the_comparison_is_a_table_with_column_headers() {
    let f = fixture();
    let mut h = harness(&f);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num6);
    h.run_steps(3);
    let table = h.get_by_role(Role::Table);
    let data = table.accesskit_node().data().clone();
    assert_eq!(data.column_count(), Some(9));
    let headers: Vec<String> = h
        .query_all_by_role(Role::ColumnHeader)
        .filter_map(|c| c.accesskit_node().label())
        .collect();
    assert_eq!(headers.len(), 9, "{headers:?}");
    assert!(
        headers.iter().any(|n| n.starts_with("Status ")),
        "{headers:?}"
    );
    assert!(
        h.query_all_by_role(Role::Cell)
            .any(|c| c.accesskit_node().data().column_index() == Some(8)),
        "a row's Change cell"
    );
}

#[test]
fn alt_alone_or_f10_takes_the_keyboard_to_the_menus() {
    let f = fixture();
    let mut h = harness(&f);
    let file_menu_focused = |h: &Harness<'_, CairnApp>| {
        h.query_by_role_and_label(Role::Button, "File")
            .is_some_and(|n| n.is_focused())
    };
    assert!(!file_menu_focused(&h));
    // Alt pressed and let go on its own.
    h.event(egui::Event::ModifiersChanged(Modifiers::ALT));
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.run_steps(3);
    assert!(file_menu_focused(&h), "Alt alone goes to the File menu");

    // Alt held with another key is a shortcut, not a tap.
    let mut h = harness(&f);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run_steps(3);
    assert!(
        !file_menu_focused(&h),
        "Alt+Down is not a trip to the menus"
    );

    let mut h = harness(&f);
    press(&mut h, Key::F10);
    h.run_steps(1);
    assert!(file_menu_focused(&h), "F10 goes to the File menu");
}

#[test]
fn high_contrast_follows_the_system_until_the_user_picks() {
    let f = fixture();
    let mut h = harness(&f);
    let high = |h: &Harness<'_, CairnApp>| {
        h.ctx.global_style().visuals.override_text_color.is_some()
            && h.ctx.theme() == egui::Theme::Dark
    };
    assert!(!high(&h));
    h.state_mut().system_asks_for_high_contrast(true);
    h.run_steps(2);
    assert!(high(&h), "the system asked for high contrast");
    h.state_mut().system_asks_for_high_contrast(false);
    h.run_steps(2);
    assert!(!high(&h), "and then no longer");

    // Once the user turns it on, the system's answer no longer overrides it.
    h.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::P);
    h.run_steps(2);
    h.get_by_role_and_label(Role::TextInput, "Command")
        .type_text("high-contrast");
    h.run_steps(1);
    press(&mut h, Key::Enter);
    assert!(high(&h), "turned on from the command palette");
    h.state_mut().system_asks_for_high_contrast(false);
    h.run_steps(2);
    assert!(high(&h), "the user's choice stands");
}
