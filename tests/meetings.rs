//! Review meetings without a window: the commands, what they keep in the
//! file, generated agendas, and the minutes.

use cairn::command::{Command, ItemField};
use cairn::interchange::seeds;
use cairn::interchange::{from_json, to_json};
use cairn::model::{AgendaEntry, Meeting, Plan, StatusKind, Tree};
use cairn::report::{Paper, minutes};
use cairn::store::Store;
use cairn::workbench::{EditError, Workbench};
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn id_at(plan: &Plan, code: &str) -> String {
    let tree = Tree::build(plan);
    plan.items()[tree.item_by_code(code).expect("code")]
        .id
        .clone()
}

struct Setup {
    dir: tempfile::TempDir,
    path: std::path::PathBuf,
    wb: Workbench,
    meeting: String,
}

/// Phoenix with a meeting planned on 1.4 and 1.4.1.
fn setup() -> Setup {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.cairn");
    let mut wb =
        Workbench::create(&path, seeds::phoenix_with_sample_kpis().expect("seed")).expect("create");
    let mut m = Meeting::new("", "Q2 review", day(2025, 11, 20), "FY2026");
    m.attendees = vec!["  Jane Alvarez ".into(), String::new(), "Sam Okafor".into()];
    m.agenda = ["1.4", "1.4.1"]
        .iter()
        .map(|c| AgendaEntry::new(&id_at(wb.plan(), c)))
        .collect();
    wb.apply(&Command::PutMeeting(Box::new(m))).expect("plan");
    let meeting = wb.plan().meetings[0].id.clone();
    Setup {
        dir,
        path,
        wb,
        meeting,
    }
}

fn refused(wb: &mut Workbench, c: &Command) -> String {
    match wb.apply(c) {
        Err(EditError::Refused(m)) => m.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// A status or percent typed in the meeting: recorded for its period.
fn figure(wb: &Workbench, item: &str, field: ItemField, value: &str) -> Command {
    let period = wb.plan().meetings[0].period.clone();
    cairn::command::figure_edit(wb.plan(), item, &period, field, value).expect("figure")
}

#[test]
fn a_meeting_notes_before_and_after_and_keeps_decisions_and_actions_in_the_file() {
    let mut s = setup();
    let leaf = id_at(s.wb.plan(), "1.4.1");
    let m = s.meeting.clone();
    assert_eq!(
        s.wb.plan().meetings[0].attendees,
        ["Jane Alvarez", "Sam Okafor"],
        "names are trimmed and blank lines dropped"
    );
    s.wb.apply(&Command::StartMeeting { meeting: m.clone() })
        .expect("start");
    s.wb.apply(&figure(&s.wb, &leaf, ItemField::Status, "off_track"))
        .expect("status");
    s.wb.apply(&figure(&s.wb, &leaf, ItemField::Percent, "35"))
        .expect("percent");
    s.wb.apply(&Command::AddDecision {
        meeting: m.clone(),
        item: leaf.clone(),
        text: "Escalate the framework to the steering committee".into(),
    })
    .expect("decision");
    s.wb.apply(&Command::AddAction {
        meeting: m.clone(),
        item: leaf.clone(),
        text: "Book the steering committee".into(),
        owner: "Sam Okafor".into(),
        due: Some(day(2025, 12, 5)),
    })
    .expect("action");
    s.wb.apply(&Command::EndMeeting { meeting: m.clone() })
        .expect("end");
    // A later change does not alter what the ended meeting noted.
    s.wb.apply(&figure(&s.wb, &leaf, ItemField::Status, "completed"))
        .expect("later");
    drop(s.wb);

    let (store, plan) = Store::open_read_only(&s.path).expect("reopen");
    let meeting = &plan.meetings[0];
    assert_eq!(meeting.state(), "Held");
    let e = meeting.entry(&leaf).expect("on the agenda");
    assert_eq!(e.code, "1.4.1");
    assert_eq!(e.before.map(|b| b.status), Some(StatusKind::NotStarted));
    assert_eq!(e.after.map(|a| a.status), Some(StatusKind::OffTrack));
    assert_eq!(e.after.and_then(|a| a.percent), Some(35.0));
    assert_eq!(meeting.decisions.len(), 1);
    assert_eq!(meeting.actions[0].owner, "Sam Okafor");
    assert!(meeting.actions[0].is_open());
    assert_eq!(plan.open_actions_on(&leaf).count(), 1);

    // The minutes, as data and as a PDF.
    let history = minutes::history_for(&store, &plan, &meeting.id).expect("history");
    let built = minutes::build(
        &plan,
        &meeting.id,
        &minutes::MinutesOptions::default(),
        &history,
    )
    .expect("minutes");
    let row = built.items.iter().find(|i| i.code == "1.4.1").expect("row");
    assert!(row.changed());
    // Edits made while the meeting ran are listed under the item and its
    // parent on the agenda; the one made after it ended is not.
    let parent = built.items.iter().find(|i| i.code == "1.4").expect("1.4");
    for r in [row, parent] {
        assert!(
            r.changes
                .iter()
                .any(|c| c.contains("progress FY") && c.contains("Not started → Off track")),
            "{:?}",
            r.changes
        );
        assert!(
            // Status and percent are one period's progress: one change.
            r.changes.iter().any(|c| c.contains("Off track, 35%")),
            "{:?}",
            r.changes
        );
        assert!(
            !r.changes.iter().any(|c| c.contains("Completed")),
            "{:?}",
            r.changes
        );
    }
    assert_eq!(
        row.after.as_ref().map(|a| a.chip.kind),
        Some(StatusKind::OffTrack)
    );
    let pdf = minutes::pdf::render(&built, Paper::Letter).expect("pdf");
    let text = pdf_extract::extract_text_from_mem(&pdf.bytes).expect("text");
    for wanted in [
        "Minutes: Q2 review",
        "Jane Alvarez, Sam Okafor",
        "Escalate the framework to the steering committee",
        "Book the steering committee",
        "2025-12-05",
        "Not started",
        "Off track",
        "35%",
        "Changed during the meeting",
    ] {
        assert!(text.contains(wanted), "minutes say {wanted:?}:\n{text}");
    }
    // Reprinted, the same bytes.
    let again = minutes::pdf::render(&built, Paper::Letter).expect("pdf");
    assert_eq!(pdf.bytes, again.bytes);
}

#[test]
fn bad_meeting_edits_are_refused_and_change_nothing() {
    let mut s = setup();
    let m = s.meeting.clone();
    let other = id_at(s.wb.plan(), "3.1");
    let leaf = id_at(s.wb.plan(), "1.4.1");
    let before = s.wb.plan().clone();
    let msg = refused(
        &mut s.wb,
        &Command::AddDecision {
            meeting: m.clone(),
            item: other,
            text: "x".into(),
        },
    );
    assert!(msg.contains("not on the agenda"), "{msg}");
    let msg = refused(
        &mut s.wb,
        &Command::AddDecision {
            meeting: m.clone(),
            item: leaf.clone(),
            text: "   ".into(),
        },
    );
    assert!(msg.contains("decided"), "{msg}");
    let msg = refused(
        &mut s.wb,
        &Command::AddAction {
            meeting: "meeting-99".into(),
            item: leaf.clone(),
            text: "x".into(),
            owner: String::new(),
            due: None,
        },
    );
    assert!(msg.contains("no meeting"), "{msg}");
    let mut bad = s.wb.plan().meetings[0].clone();
    bad.period = "FY1999".into();
    let msg = refused(&mut s.wb, &Command::PutMeeting(Box::new(bad)));
    assert!(msg.contains("FY1999"), "{msg}");
    let mut bad = s.wb.plan().meetings[0].clone();
    bad.title = " ".into();
    assert!(refused(&mut s.wb, &Command::PutMeeting(Box::new(bad))).contains("title"));
    let msg = refused(&mut s.wb, &Command::EndMeeting { meeting: m.clone() });
    assert!(msg.contains("not started"), "{msg}");
    assert_eq!(*s.wb.plan(), before, "nothing changed in memory");
    drop(s.wb);
    assert_eq!(Store::open_read_only(&s.path).expect("reopen").1, before);
}

#[test]
fn an_agenda_item_with_records_stays_and_undo_takes_a_decision_back() {
    let mut s = setup();
    let m = s.meeting.clone();
    let leaf = id_at(s.wb.plan(), "1.4.1");
    s.wb.apply(&Command::AddDecision {
        meeting: m.clone(),
        item: leaf.clone(),
        text: "Keep going".into(),
    })
    .expect("decision");
    let mut fewer = s.wb.plan().meetings[0].clone();
    fewer.agenda.retain(|e| e.item != leaf);
    let msg = refused(&mut s.wb, &Command::PutMeeting(Box::new(fewer)));
    assert!(msg.contains("decisions or action items"), "{msg}");
    assert!(s.wb.undo().expect("undo"));
    assert!(s.wb.plan().meetings[0].decisions.is_empty());
    assert!(s.wb.redo().expect("redo"));
    assert_eq!(s.wb.plan().meetings[0].decisions.len(), 1);
}

#[test]
fn deleting_an_item_takes_it_off_agendas_not_yet_held_and_undo_puts_it_back() {
    let mut s = setup();
    let leaf = id_at(s.wb.plan(), "1.4.1");
    s.wb.apply(&Command::DeleteItem { item: leaf.clone() })
        .expect("delete");
    assert!(s.wb.plan().meetings[0].entry(&leaf).is_none());
    s.wb.undo().expect("undo");
    assert!(s.wb.plan().meetings[0].entry(&leaf).is_some());
    drop(s.wb);
    let (_, plan) = Store::open_read_only(&s.path).expect("reopen");
    assert!(plan.meetings[0].entry(&leaf).is_some(), "and in the file");
}

#[test]
fn a_held_meetings_minutes_keep_an_item_deleted_later() {
    let mut s = setup();
    let leaf = id_at(s.wb.plan(), "1.4.1");
    let title = s.wb.plan().item(&leaf).expect("item").title.clone();
    let m = s.meeting.clone();
    s.wb.apply(&Command::StartMeeting { meeting: m.clone() })
        .expect("start");
    s.wb.apply(&Command::EndMeeting { meeting: m.clone() })
        .expect("end");
    s.wb.apply(&Command::DeleteItem { item: leaf.clone() })
        .expect("delete");
    let built =
        minutes::build(s.wb.plan(), &m, &minutes::MinutesOptions::default(), &[]).expect("minutes");
    let row = built.items.iter().find(|i| i.title == title).expect("kept");
    assert!(row.deleted);
    assert_eq!(row.code, "1.4.1");
}

#[test]
fn meetings_travel_in_the_json_document() {
    let mut s = setup();
    let leaf = id_at(s.wb.plan(), "1.4.1");
    s.wb.apply(&Command::AddAction {
        meeting: s.meeting.clone(),
        item: leaf,
        text: "Write it up".into(),
        owner: String::new(),
        due: None,
    })
    .expect("action");
    let text = to_json(s.wb.plan());
    let back = from_json(&text).expect("reads");
    assert_eq!(back.meetings, s.wb.plan().meetings);
    assert_eq!(to_json(&back), text);
    // A document whose action item names an item off the agenda is refused.
    let mut doc: serde_json::Value = serde_json::from_str(&text).expect("json");
    doc["meetings"][0]["actions"][0]["item"] = serde_json::Value::from("nope");
    let err = from_json(&doc.to_string())
        .expect_err("refused")
        .to_string();
    assert!(err.contains("not on the agenda"), "{err}");
}

#[test]
fn generated_agendas() {
    let s = setup();
    let plan = s.wb.plan();
    let risky = cairn::rules::agenda::at_risk(plan, s.wb.rollup());
    assert!(!risky.is_empty(), "sample KPIs put objectives at risk");
    for id in &risky {
        let pos = plan.position(id).expect("item");
        let status = s.wb.rollup().items[pos].status;
        assert!(matches!(status, StatusKind::AtRisk | StatusKind::OffTrack));
        // Where the trouble starts: no child is in trouble too.
        for c in &plan.items()[pos].children {
            let cp = plan.position(c).expect("child");
            assert!(!matches!(
                s.wb.rollup().items[cp].status,
                StatusKind::AtRisk | StatusKind::OffTrack
            ));
        }
    }
    // Due this quarter: give one initiative a due date in the quarter of
    // the meeting and one just outside it.
    let mut wb = s.wb;
    let inside = id_at(wb.plan(), "2.1.1");
    let outside = id_at(wb.plan(), "2.1.2");
    for (id, due) in [(&inside, "2025-12-31"), (&outside, "2026-01-01")] {
        wb.apply(&Command::SetField {
            item: id.clone(),
            field: ItemField::Due,
            value: due.into(),
        })
        .expect("due");
    }
    let due = cairn::rules::agenda::due_in_quarter(wb.plan(), wb.rollup(), day(2025, 11, 20));
    assert!(due.contains(&inside), "due 31 December is in Oct–Dec");
    assert!(!due.contains(&outside));
    drop(s.dir);
}

#[test]
fn cairn_minutes_writes_the_pdf_and_names_unknown_meetings() {
    let s = setup();
    drop(s.wb);
    let exe = env!("CARGO_BIN_EXE_cairn");
    let out = s.dir.path().join("minutes.pdf");
    let run = std::process::Command::new(exe)
        .args(["minutes"])
        .arg(&s.path)
        .args(["--meeting", &s.meeting, "-o"])
        .arg(&out)
        .output()
        .expect("run");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text =
        pdf_extract::extract_text_from_mem(&std::fs::read(&out).expect("pdf")).expect("text");
    assert!(text.contains("Minutes: Q2 review"), "{text}");
    assert!(text.contains("has not been held"), "{text}");
    // The accessible page: real tables, chips with their words.
    let page = s.dir.path().join("minutes.html");
    let run = std::process::Command::new(exe)
        .args(["minutes"])
        .arg(&s.path)
        .args(["--meeting", &s.meeting, "--html", "-o"])
        .arg(&page)
        .output()
        .expect("run");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let html = std::fs::read_to_string(&page).expect("html");
    assert!(html.contains("<h1>Minutes: Q2 review</h1>"), "{html}");
    assert!(html.contains("Jane Alvarez, Sam Okafor"), "{html}");
    assert!(html.contains("<th scope=\"col\">Before</th>"), "{html}");
    let run = std::process::Command::new(exe)
        .args(["minutes"])
        .arg(&s.path)
        .args(["--meeting", "nope", "-o"])
        .arg(s.dir.path().join("x.pdf"))
        .output()
        .expect("run");
    assert!(!run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("\"nope\"") && err.contains(&s.meeting),
        "{err}"
    );
    assert!(!s.dir.path().join("x.pdf").exists());
    // `cairn meeting` plans one from the command line; `cairn meetings` lists it.
    let run = std::process::Command::new(exe)
        .args(["meeting"])
        .arg(&s.path)
        .args([
            "--title",
            "Budget check",
            "--date",
            "2026-01-15",
            "--period",
            "FY2026",
            "--agenda",
            "1,2.1",
        ])
        .output()
        .expect("run");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let id = String::from_utf8_lossy(&run.stdout).trim().to_owned();
    let list = std::process::Command::new(exe)
        .args(["meetings"])
        .arg(&s.path)
        .output()
        .expect("run");
    let listed = String::from_utf8_lossy(&list.stdout);
    assert!(
        listed.contains(&id) && listed.contains("Budget check"),
        "{listed}"
    );
}

#[test]
fn an_edit_undone_during_a_meeting_is_not_in_its_minutes() {
    let mut s = setup();
    let leaf = id_at(s.wb.plan(), "1.4.1");
    let m = s.meeting.clone();
    s.wb.apply(&Command::StartMeeting { meeting: m.clone() })
        .expect("start");
    // A slip of the hand, taken back; then a real change.
    s.wb.apply(&figure(&s.wb, &leaf, ItemField::Status, "cancelled"))
        .expect("slip");
    assert!(s.wb.undo().expect("undo"));
    s.wb.apply(&figure(&s.wb, &leaf, ItemField::Percent, "20"))
        .expect("percent");
    // And a status changed twice shows once, first to last.
    for status in ["at_risk", "off_track"] {
        s.wb.apply(&figure(&s.wb, &leaf, ItemField::Status, status))
            .expect("status");
    }
    s.wb.apply(&Command::EndMeeting { meeting: m.clone() })
        .expect("end");
    drop(s.wb);
    let (store, plan) = Store::open_read_only(&s.path).expect("reopen");
    let history = minutes::history_for(&store, &plan, &m).expect("history");
    let built =
        minutes::build(&plan, &m, &minutes::MinutesOptions::default(), &history).expect("minutes");
    let row = built.items.iter().find(|i| i.code == "1.4.1").expect("row");
    assert!(
        !row.changes.iter().any(|c| c.contains("Cancelled")),
        "the undone edit is listed: {:?}",
        row.changes
    );
    let status: Vec<&String> = row
        .changes
        .iter()
        .filter(|c| c.contains("progress"))
        .collect();
    assert_eq!(status.len(), 1, "{:?}", row.changes);
    assert!(status[0].contains("Not started → Off track"), "{status:?}");
    assert!(
        row.changes.iter().any(|c| c.contains("20%")),
        "{:?}",
        row.changes
    );
}
