#![cfg(feature = "gui")]
//! A review meeting run in the window, headless through egui_kittest: walk
//! the agenda with the keys a clicker sends, change a status, record a
//! decision and an action item, leave with Esc, and find it all in the
//! minutes.

use cairn::app::{CairnApp, Prefs};
use cairn::command::Command;
use cairn::interchange::seeds;
use cairn::model::{AgendaEntry, Meeting, StatusKind, Tree};
use cairn::report::{Paper, minutes};
use cairn::store::Store;
use cairn::workbench::Workbench;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;
use common::window::wait_for_label;

struct Fixture {
    dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

fn id_at(plan: &cairn::model::Plan, code: &str) -> String {
    let tree = Tree::build(plan);
    plan.items()[tree.item_by_code(code).expect("code")]
        .id
        .clone()
}

fn title_at(plan: &cairn::model::Plan, code: &str) -> String {
    plan.item(&id_at(plan, code)).expect("item").title.clone()
}

/// Phoenix with a meeting planned on 1.4, 1.4.1 and 2.1.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("phoenix.cairn");
    let mut wb =
        Workbench::create(&path, seeds::phoenix_with_sample_kpis().expect("seed")).expect("create");
    let plan = wb.plan();
    let mut m = Meeting::new(
        "",
        "Q2 technology review",
        chrono::NaiveDate::from_ymd_opt(2025, 11, 20).expect("date"),
        "FY2026",
    );
    m.attendees = vec!["Jane Alvarez (CIO)".into(), "Sam Okafor (PMO)".into()];
    m.agenda = ["1.4", "1.4.1", "2.1"]
        .iter()
        .map(|c| AgendaEntry::new(&id_at(plan, c)))
        .collect();
    wb.apply(&Command::PutMeeting(Box::new(m)))
        .expect("plan meeting");
    drop(wb);
    Fixture { dir, path }
}

fn harness(f: &Fixture) -> Harness<'static, CairnApp> {
    let app = CairnApp::new(Workbench::open(&f.path), Prefs::default());
    let mut h = Harness::builder()
        .with_size([1920.0, 1080.0])
        .build_ui_state(|ui, app: &mut CairnApp| app.show(ui), app);
    h.run_steps(3);
    h
}

fn saved(f: &Fixture) -> cairn::model::Plan {
    Store::open_read_only(&f.path).expect("reopen").1
}

fn plan(h: &Harness<'_, CairnApp>) -> cairn::model::Plan {
    h.state().workbench().expect("wb").plan().clone()
}

fn type_into(h: &mut Harness<'_, CairnApp>, role: egui::Role, label: &str, text: &str) {
    let node = h.get_by_role_and_label(role, label);
    node.focus();
    h.run_steps(1);
    h.get_by_role_and_label(role, label).type_text(text);
    h.run_steps(1);
}

fn press(h: &mut Harness<'_, CairnApp>, key: Key) {
    h.key_press(key);
    h.run_steps(2);
}

#[test]
fn a_meeting_walks_its_agenda_edits_a_status_and_records_decisions_and_actions() {
    let f = fixture();
    let mut h = harness(&f);
    let p = plan(&h);
    let (t14, t141, t21) = (
        title_at(&p, "1.4"),
        title_at(&p, "1.4.1"),
        title_at(&p, "2.1"),
    );
    let item141 = id_at(&p, "1.4.1");

    h.get_by_label("Meetings").click();
    h.run_steps(3);
    h.get_by_label("Review meetings");
    h.get_by_label("▶ Present the meeting").click();
    h.run_steps(3);

    // Starting noted where each agenda item stood.
    let m = saved(&f).meetings[0].clone();
    assert!(m.started_at.is_some(), "the meeting is started");
    assert!(m.agenda.iter().all(|e| e.before.is_some()), "before noted");

    // Walk the agenda with the keys a clicker sends.
    h.get_by_label("Item 1 of 3");
    h.get_by_label(&t14);
    press(&mut h, Key::ArrowRight);
    h.get_by_label("Item 2 of 3");
    h.get_by_label(&t141);
    press(&mut h, Key::Space);
    h.get_by_label("Item 3 of 3");
    h.get_by_label(&t21);
    press(&mut h, Key::PageDown);
    h.get_by_label("Item 3 of 3");
    press(&mut h, Key::PageUp);
    h.get_by_label("Item 2 of 3");

    // Change the status in place: recorded as progress for the period the
    // meeting reviews, the same command as everywhere else.
    h.get_by_role_and_label(egui::Role::ComboBox, "Status")
        .click();
    h.run_steps(2);
    h.get_by_label("▲ At risk").click();
    h.run_steps(3);
    let after = saved(&f);
    assert_eq!(
        after.item(&item141).map(|i| i.status()),
        Some(StatusKind::AtRisk)
    );
    let history = Store::open_read_only(&f.path)
        .expect("reopen")
        .0
        .history(&cairn::store::HistoryFilter {
            item: Some(item141.clone()),
            ..Default::default()
        })
        .expect("history");
    let field = format!("progress {}", m.period);
    assert!(
        history
            .iter()
            .any(|r| r.entry.field.as_deref() == Some(field.as_str())
                && r.entry
                    .new
                    .as_deref()
                    .is_some_and(|n| n.starts_with("At risk"))),
        "the history records the status change for the meeting's period"
    );
    assert_eq!(
        after
            .item(&item141)
            .and_then(|i| i.update_for(&m.period))
            .map(|u| u.status),
        Some(StatusKind::AtRisk)
    );

    // A decision.
    type_into(
        &mut h,
        egui::Role::MultilineTextInput,
        "Decision",
        "Fund phase 2 of the cloud governance framework",
    );
    h.get_by_label("Record decision").click();
    h.run_steps(3);
    h.get_by_label("• Fund phase 2 of the cloud governance framework");

    // An action item with a bad due date is refused, nothing saved.
    type_into(
        &mut h,
        egui::Role::TextInput,
        "Action",
        "Draft the framework",
    );
    type_into(&mut h, egui::Role::TextInput, "Owner", "J. Smith");
    type_into(&mut h, egui::Role::TextInput, "Due", "31/01/2026");
    h.get_by_label("Record action item").click();
    h.run_steps(3);
    h.get_by_label_contains("due date:");
    assert!(saved(&f).meetings[0].actions.is_empty(), "nothing saved");
    // Corrected, it is recorded.
    let due = h.get_by_role_and_label(egui::Role::TextInput, "Due");
    due.focus();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "Due")
        .type_text("2026-01-31");
    h.run_steps(1);
    h.get_by_label("Record action item").click();
    h.run_steps(3);
    let m = saved(&f).meetings[0].clone();
    assert_eq!(m.actions.len(), 1);
    assert_eq!(m.actions[0].owner, "J. Smith");
    assert_eq!(m.actions[0].item, item141);
    h.get_by_label("Draft the framework");

    // Esc returns to the workbench, on the Meetings page.
    press(&mut h, Key::Escape);
    h.get_by_label("Review meetings");
    assert!(h.query_by_label("Item 2 of 3").is_none(), "left the slides");

    // End the meeting and print the minutes from the window.
    h.get_by_label("End the meeting").click();
    h.run_steps(3);
    let out = f.dir.path().join("minutes.pdf");
    let path_box = h.get_by_role_and_label(egui::Role::TextInput, "Save to");
    path_box.focus();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "Save to")
        .type_text(&out.display().to_string());
    h.run_steps(1);
    h.get_by_label("Print the minutes").click();
    h.run_steps(3);
    wait_for_label(&mut h, "Wrote the minutes");
    let text = pdf_extract::extract_text_from_mem(&std::fs::read(&out).expect("minutes written"))
        .expect("text");
    for wanted in [
        "Q2 technology review",
        "Jane Alvarez (CIO)",
        "Fund phase 2 of the cloud governance framework",
        "Draft the framework",
        "J. Smith",
        "2026-01-31",
        "Changed during the meeting",
    ] {
        assert!(text.contains(wanted), "the minutes say {wanted:?}:\n{text}");
    }
    let change = format!("progress {} Not started → At risk", m.period);
    assert!(
        text.contains(&change),
        "the minutes say {change:?}:\n{text}"
    );
    // Before and after as noted.
    let built = minutes::build(&saved(&f), &m.id, &minutes::MinutesOptions::default(), &[])
        .expect("minutes");
    let row = built
        .items
        .iter()
        .find(|i| i.code == "1.4.1")
        .expect("1.4.1 in the minutes");
    assert_eq!(
        row.before.as_ref().map(|b| b.chip.kind),
        Some(StatusKind::NotStarted)
    );
    assert_eq!(
        row.after.as_ref().map(|a| a.chip.kind),
        Some(StatusKind::AtRisk)
    );
    assert_eq!(built.after_label, "After");
    assert!(minutes::pdf::render(&built, Paper::A4).is_ok());

    // The same minutes as a web page, when the name ends in .html.
    let page = f.dir.path().join("minutes.html");
    let path_box = h.get_by_role_and_label(egui::Role::TextInput, "Save to");
    path_box.focus();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "Save to")
        .type_text(&page.display().to_string());
    h.run_steps(1);
    h.get_by_label("Print the minutes").click();
    h.run_steps(3);
    wait_for_label(&mut h, "Wrote the minutes (a web page)");
    let html = std::fs::read_to_string(&page).expect("page written");
    assert!(html.contains("Fund phase 2 of the cloud governance framework"));
}

#[test]
fn an_open_action_item_shows_on_its_item_until_closed() {
    let f = fixture();
    {
        let mut wb = Workbench::open(&f.path).expect("open");
        let m = wb.plan().meetings[0].id.clone();
        let item = id_at(wb.plan(), "1.4.1");
        wb.apply(&Command::AddAction {
            meeting: m,
            item,
            text: "Ask vendors for cloud governance templates".into(),
            owner: "R. Chen".into(),
            due: chrono::NaiveDate::from_ymd_opt(2026, 2, 1),
        })
        .expect("action");
    }
    let mut h = harness(&f);
    let p = plan(&h);
    let label = format!("1.4.1 {}", title_at(&p, "1.4.1"));
    let filter = h.get_by_role_and_label(egui::Role::TextInput, "Filter");
    filter.focus();
    filter.type_text("1.4.1");
    h.run_steps(3);
    h.get_by_label(&label).click();
    h.run_steps(3);
    h.get_by_label("Open action items (1)");
    h.get_by_label("1 action");
    h.get_by_label("Ask vendors for cloud governance templates");
    h.get_by_label("Close").click();
    h.run_steps(3);
    assert!(h.query_by_label("Open action items (1)").is_none());
    assert!(h.query_by_label("1 action").is_none(), "the tree mark goes");
    let a = &saved(&f).meetings[0].actions[0];
    assert!(a.closed.is_some(), "closed in the file");
}

#[test]
fn generated_agendas_add_what_is_at_risk_and_f5_presents() {
    let f = fixture();
    let mut h = harness(&f);
    h.get_by_label("Meetings").click();
    h.run_steps(3);
    h.get_by_label("+ New meeting").click();
    h.run_steps(4);
    assert_eq!(plan(&h).meetings.len(), 2, "a second meeting");
    h.get_by_label("Quarterly review");
    h.get_by_label("+ Everything at risk or off track").click();
    h.run_steps(3);
    let p = plan(&h);
    let wb = h.state().workbench().expect("wb");
    let expected = cairn::rules::agenda::at_risk(&p, wb.rollup());
    assert!(
        !expected.is_empty(),
        "the sample KPIs put something at risk"
    );
    let got: Vec<String> = p.meetings[1]
        .agenda
        .iter()
        .map(|e| e.item.clone())
        .collect();
    assert_eq!(got, expected);
    h.get_by_label_contains("Added");
    // F5 presents the meeting on the page in large type; Esc comes back
    // and the window's own style returns.
    let body =
        |h: &Harness<'_, CairnApp>| h.ctx.global_style().text_styles[&egui::TextStyle::Body].size;
    let normal = body(&h);
    press(&mut h, Key::F5);
    h.get_by_label(&format!("Item 1 of {}", expected.len()));
    assert!(body(&h) > normal * 1.4, "large type while presenting");
    press(&mut h, Key::Escape);
    h.get_by_label("Review meetings");
    assert!(
        (body(&h) - normal).abs() < f32::EPSILON,
        "the style comes back"
    );
}

#[test]
fn bad_input_in_a_meeting_shows_a_message_and_saves_nothing() {
    let f = fixture();
    let mut h = harness(&f);
    h.get_by_label("Meetings").click();
    h.run_steps(3);
    // A wrong date for the meeting.
    let date = h.get_by_role_and_label(egui::Role::TextInput, "Date");
    date.focus();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "Date")
        .type_text("2025-13-01");
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    h.get_by_label_contains("is not a date");
    assert_eq!(
        saved(&f).meetings[0].date.to_string(),
        "2025-11-20",
        "the date is unchanged"
    );
    // Text in the percent field during the meeting.
    h.get_by_label("▶ Present the meeting").click();
    h.run_steps(3);
    press(&mut h, Key::ArrowRight);
    h.get_by_label("Item 2 of 3");
    let before = saved(&f);
    let leaf = id_at(&before, "1.4.1");
    type_into(&mut h, egui::Role::TextInput, "Percent", "about half");
    h.key_press(Key::Enter);
    h.run_steps(3);
    h.get_by_label_contains("percent:");
    assert_eq!(
        saved(&f).item(&leaf).and_then(|i| i.percent()),
        before.item(&leaf).and_then(|i| i.percent()),
        "nothing saved"
    );
    // A real number is saved, through the same command as everywhere.
    let field = h.get_by_role_and_label(egui::Role::TextInput, "Percent");
    field.focus();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "Percent")
        .type_text("60");
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(saved(&f).item(&leaf).and_then(|i| i.percent()), Some(60.0));
}

#[test]
fn attendees_being_typed_survive_a_click_on_an_agenda_button() {
    let f = fixture();
    let mut h = harness(&f);
    h.get_by_label("Meetings").click();
    h.run_steps(3);
    let field = h.get_by_role_and_label(egui::Role::MultilineTextInput, "Attendees (one per line)");
    field.focus();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::End);
    h.get_by_role_and_label(egui::Role::MultilineTextInput, "Attendees (one per line)")
        .type_text("\nPriya Natarajan (Finance)");
    h.run_steps(1);
    // The keyboard is still in the attendees box.
    h.get_by_label("+ Everything at risk or off track").click();
    h.run_steps(4);
    let m = saved(&f).meetings[0].clone();
    assert_eq!(
        m.attendees,
        vec![
            "Jane Alvarez (CIO)".to_owned(),
            "Sam Okafor (PMO)".to_owned(),
            "Priya Natarajan (Finance)".to_owned()
        ]
    );
    assert!(m.agenda.len() > 3, "the agenda items were added too");
}

#[test]
fn a_meeting_title_being_typed_is_saved_when_another_page_is_shown() {
    let f = fixture();
    let mut h = harness(&f);
    h.get_by_label("Meetings").click();
    h.run_steps(3);
    type_into(
        &mut h,
        egui::Role::TextInput,
        "Meeting title",
        " (rescheduled)",
    );
    assert_eq!(
        saved(&f).meetings[0].title,
        "Q2 technology review",
        "not saved while typing"
    );
    // Ctrl+3 shows the Plan page: the Meetings page is not drawn again.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Num3);
    h.run_steps(3);
    h.get_by_label("Core values");
    assert_eq!(
        saved(&f).meetings[0].title,
        "Q2 technology review (rescheduled)"
    );
}

#[test]
fn minutes_are_never_printed_over_the_workbench() {
    let f = fixture();
    let mut h = harness(&f);
    let before = std::fs::read(&f.path).expect("read");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Num5);
    h.run_steps(3);
    let target = f.path.display().to_string();
    h.get_by_role_and_label(egui::Role::TextInput, "Save to")
        .focus();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "Save to")
        .type_text(&target);
    h.run_steps(1);
    h.get_by_label("Print the minutes").click();
    h.run_steps(3);
    h.get_by_label_contains("is the workbench that is open; nothing was written");
    assert_eq!(std::fs::read(&f.path).expect("read"), before);
}
