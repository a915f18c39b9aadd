//! Merging a colleague's copy: a copy taken from a workbench, edited by
//! another analyst while the workbench moves on, then reviewed and merged
//! back with the session extension. Clean edits come in, a conflict is
//! shown with both values and not applied unless taken, the copy's history
//! comes along with its authors and times, one undo takes the merge back,
//! and a file that is not a copy of this one is refused with nothing
//! changed.

use std::path::Path;
use std::process::Command as Process;

use cairn::command::{Command, ItemField};
use cairn::interchange::seeds;
use cairn::model::{Plan, ProgressNote, Tree};
use cairn::store::HistoryFilter;
use cairn::store::copies::{ChangeKind, ConflictKind, CopyChoices, CopyError};
use cairn::workbench::{EditError, Workbench};

const PMO: &str = "pmo-analyst";
const DANA: &str = "Dana Ruiz";

fn id(plan: &Plan, code: &str) -> String {
    let tree = Tree::build(plan);
    plan.items()[tree.item_by_code(code).expect("code")]
        .id
        .clone()
}

fn set(wb: &mut Workbench, code: &str, field: ItemField, value: &str) {
    let item = id(wb.plan(), code);
    wb.apply(&Command::SetField {
        item,
        field,
        value: value.into(),
    })
    .expect("set");
}

fn note(wb: &mut Workbench, code: &str, author: &str, text: &str) {
    let item = id(wb.plan(), code);
    wb.apply(&Command::AddNote {
        item,
        note: ProgressNote {
            date: "2026-11-20".parse().expect("date"),
            author: author.into(),
            text: text.into(),
        },
    })
    .expect("note");
}

/// The Milwaukee plan at `dir/plan.cairn` and a copy of it at
/// `dir/dana.cairn`, each open with its analyst's name.
fn plan_and_copy(dir: &Path) -> (Workbench, Workbench) {
    let path = dir.join("plan.cairn");
    let mut wb =
        Workbench::create(&path, seeds::Seed::Milwaukee.plan().expect("seed")).expect("create");
    wb.set_user(PMO);
    set(&mut wb, "1.1.4", ItemField::Owner, "Sam Ito");
    wb.store().save_copy(&dir.join("dana.cairn")).expect("copy");
    let mut copy = Workbench::open(&dir.join("dana.cairn")).expect("open copy");
    copy.set_user(DANA);
    (wb, copy)
}

/// The copy changes an owner and adds a note (clean) and retitles 1.1.3,
/// which the workbench retitles too (the conflict); the workbench also
/// adds a note of its own on the same item as the copy's note.
fn one_conflict_two_clean(dir: &Path) -> (Workbench, std::path::PathBuf) {
    let (mut wb, mut copy) = plan_and_copy(dir);
    set(&mut copy, "1.1.1", ItemField::Owner, DANA);
    note(&mut copy, "1.1.2", DANA, "Broker quotes received");
    set(
        &mut copy,
        "1.1.3",
        ItemField::Title,
        "Deploy a social media records tool",
    );
    let copy_path = copy.path().to_owned();
    drop(copy);
    set(
        &mut wb,
        "1.1.3",
        ItemField::Title,
        "Deploy an enterprise records tool",
    );
    note(&mut wb, "1.1.2", PMO, "Budget approved");
    (wb, copy_path)
}

#[test]
fn a_copy_merges_two_clean_edits_and_shows_one_conflict_without_applying_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut wb, copy) = one_conflict_two_clean(dir.path());
    let history_before = wb.store().history_len();

    let review = wb.review_copy(&copy).expect("review");
    assert_eq!(review.origin.taken_by, PMO);
    let titles: Vec<&str> = review.changes.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(review.changes.len(), 3, "{titles:?}");
    let conflicts: Vec<_> = review.conflicts().collect();
    assert_eq!(conflicts.len(), 1, "{:?}", review.changes);
    let conflict = conflicts[0];
    assert_eq!(conflict.conflict, Some(ConflictKind::ChangedHere));
    assert!(conflict.title.starts_with("1.1.3 "), "{}", conflict.title);
    let field = &conflict.fields[0];
    assert_eq!(field.field, "Title");
    assert_eq!(
        field.was,
        "Deploy an enterprise social media records management tool"
    );
    assert_eq!(field.copy, "Deploy a social media records tool");
    assert_eq!(
        field.here.as_deref(),
        Some("Deploy an enterprise records tool")
    );
    let owner = review
        .changes
        .iter()
        .find(|c| c.title.starts_with("1.1.1 "))
        .expect("owner change");
    assert_eq!(owner.conflict, None);
    assert_eq!(
        (
            owner.fields[0].field.as_str(),
            owner.fields[0].copy.as_str()
        ),
        ("Owner", DANA)
    );
    // The review wrote nothing.
    assert_eq!(wb.store().history_len(), history_before);

    let merged = wb
        .merge_copy(&copy, &CopyChoices::default())
        .expect("merge");
    assert_eq!((merged.kept, merged.taken), (1, 0));
    let plan = wb.plan();
    assert_eq!(plan.item(&id(plan, "1.1.1")).expect("1.1.1").owner, DANA);
    assert_eq!(
        plan.item(&id(plan, "1.1.3")).expect("1.1.3").title,
        "Deploy an enterprise records tool",
        "the conflict is not applied"
    );
    // Both analysts' notes on 1.1.2 are kept: their keys cannot collide.
    let notes: Vec<&str> = plan
        .item(&id(plan, "1.1.2"))
        .expect("1.1.2")
        .notes
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes.contains(&"Budget approved") && notes.contains(&"Broker quotes received"));

    // The copy's history came along: Dana's three edits with their times,
    // numbered after this file's own, then the merge by the analyst.
    let copy_history = cairn::store::Store::open_read_only(&copy)
        .expect("copy")
        .0
        .history(&HistoryFilter::default())
        .expect("history");
    let dana_times: Vec<String> = copy_history
        .iter()
        .filter(|r| r.who == DANA)
        .map(|r| r.at.clone())
        .collect();
    assert_eq!(dana_times.len(), 3);
    let history = wb
        .store()
        .history(&HistoryFilter::default())
        .expect("history");
    let brought: Vec<_> = history.iter().filter(|r| r.who == DANA).collect();
    assert_eq!(
        brought.iter().map(|r| r.at.clone()).collect::<Vec<_>>(),
        dana_times
    );
    let own_last = history
        .iter()
        .filter(|r| r.who == PMO && r.entry.action != "merge copy")
        .map(|r| r.id)
        .max()
        .expect("own rows");
    assert!(brought.iter().all(|r| r.id > own_last));
    let merge = history.last().expect("merge row");
    assert_eq!(
        (merge.who.as_str(), merge.entry.action.as_str()),
        (PMO, "merge copy")
    );
    assert!(
        merge.entry.reason.contains("dana.cairn"),
        "{}",
        merge.entry.reason
    );

    // It stays merged on disk, and the file is sound.
    let path = wb.path().to_owned();
    drop(wb);
    let mut wb = Workbench::open(&path).expect("reopen");
    assert_eq!(
        wb.plan()
            .item(&id(wb.plan(), "1.1.1"))
            .expect("1.1.1")
            .owner,
        DANA
    );

    // Merging the same copy again brings nothing new but the conflict,
    // still kept as here.
    let again = wb.review_copy(&copy).expect("review again");
    assert_eq!(again.history, 0);
    assert_eq!(
        again
            .changes
            .iter()
            .map(|c| c.conflict.clone())
            .collect::<Vec<_>>(),
        vec![Some(ConflictKind::ChangedHere)]
    );
    let check: String = rusqlite::Connection::open(&path)
        .expect("sqlite")
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
}

#[test]
fn the_copys_side_of_a_conflict_is_taken_only_when_chosen_and_one_undo_takes_the_merge_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut wb, copy) = one_conflict_two_clean(dir.path());
    let before = wb.plan().clone();
    let review = wb.review_copy(&copy).expect("review");
    let subject = review.conflicts().next().expect("conflict").subject.clone();
    let choices = CopyChoices {
        take_copy: [subject].into(),
        ..CopyChoices::default()
    };
    let merged = wb.merge_copy(&copy, &choices).expect("merge");
    assert_eq!((merged.kept, merged.taken), (0, 1));
    let title = |wb: &Workbench| {
        let plan = wb.plan();
        plan.item(&id(plan, "1.1.3")).expect("1.1.3").title.clone()
    };
    assert_eq!(title(&wb), "Deploy a social media records tool");
    assert_eq!(wb.undo_label(), Some("merge copy"));
    assert!(wb.undo().expect("undo"));
    assert_eq!(title(&wb), "Deploy an enterprise records tool");
    assert_eq!(
        wb.plan().items(),
        before.items(),
        "undo puts every item back"
    );
    let path = wb.path().to_owned();
    drop(wb);
    let wb = Workbench::open(&path).expect("reopen");
    assert_eq!(title(&wb), "Deploy an enterprise records tool");
    assert_eq!(wb.plan().items(), before.items());
}

#[test]
fn a_change_left_out_stays_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut wb, copy) = one_conflict_two_clean(dir.path());
    let review = wb.review_copy(&copy).expect("review");
    let owner = review
        .changes
        .iter()
        .find(|c| c.title.starts_with("1.1.1 "))
        .expect("owner change")
        .subject
        .clone();
    let merged = wb
        .merge_copy(
            &copy,
            &CopyChoices {
                leave_out: [owner].into(),
                ..CopyChoices::default()
            },
        )
        .expect("merge");
    assert_eq!(merged.left_out, 1);
    let plan = wb.plan();
    assert_eq!(plan.item(&id(plan, "1.1.1")).expect("1.1.1").owner, "");
    assert_eq!(plan.item(&id(plan, "1.1.2")).expect("1.1.2").notes.len(), 2);
}

#[test]
fn items_added_in_both_files_are_both_kept_and_a_removal_of_what_changed_here_is_a_conflict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut wb, mut copy) = plan_and_copy(dir.path());
    let parent = id(wb.plan(), "1.1");
    for (w, title) in [
        (&mut wb, "Pilot records retention"),
        (&mut copy, "Train records liaisons"),
    ] {
        w.apply(&Command::AddItem {
            parent: Some(parent.clone()),
            title: title.into(),
        })
        .expect("add");
    }
    // The copy removes 1.1.4, which this file changed since (a note).
    let removed = id(copy.plan(), "1.1.4");
    copy.apply(&Command::DeleteItem {
        item: removed.clone(),
    })
    .expect("delete");
    let copy_path = copy.path().to_owned();
    drop(copy);
    note(&mut wb, "1.1.4", PMO, "Data governance draft circulated");

    let review = wb.review_copy(&copy_path).expect("review");
    let removal = review
        .changes
        .iter()
        .find(|c| c.subject == format!("item:{removed}"))
        .expect("the removal");
    assert_eq!(removal.kind, ChangeKind::Removed);
    assert_eq!(removal.conflict, Some(ConflictKind::RemovedInCopy));
    let added = review
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::Added)
        .expect("the copy's new item");
    assert_eq!(added.conflict, None);

    wb.merge_copy(&copy_path, &CopyChoices::default())
        .expect("merge");
    let plan = wb.plan();
    let children: Vec<&str> = plan
        .item(&parent)
        .expect("1.1")
        .children
        .iter()
        .filter_map(|c| plan.item(c))
        .map(|i| i.title.as_str())
        .collect();
    assert!(
        children.contains(&"Pilot records retention"),
        "{children:?}"
    );
    assert!(children.contains(&"Train records liaisons"), "{children:?}");
    let kept = plan.item(&removed).expect("1.1.4 is kept: it changed here");
    assert_eq!(kept.notes.len(), 1);
    plan.validate().expect("the merged plan holds together");
}

#[test]
fn a_file_that_is_not_a_copy_of_this_workbench_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut wb, copy) = plan_and_copy(dir.path());
    drop(copy);
    let before = (wb.plan().clone(), wb.store().history_len());
    let unchanged = |wb: &Workbench| {
        assert_eq!(wb.plan(), &before.0);
        assert_eq!(wb.store().history_len(), before.1);
    };
    // Itself.
    let path = wb.path().to_owned();
    let e = wb.review_copy(&path).expect_err("itself");
    assert!(matches!(e, CopyError::Itself { .. }), "{e}");
    // The file copied in a file manager: same file, no record of a copy.
    let plain = dir.path().join("plain.cairn");
    std::fs::copy(&path, &plain).expect("copy bytes");
    let e = wb.review_copy(&plain).expect_err("plain copy");
    assert!(e.to_string().contains("Save a copy"), "{e}");
    // Another city's workbench, and a copy taken from it.
    let other = dir.path().join("phoenix.cairn");
    let other_wb =
        Workbench::create(&other, seeds::Seed::Phoenix.plan().expect("seed")).expect("create");
    let e = wb.review_copy(&other).expect_err("not a copy");
    assert!(matches!(e, CopyError::NotACopy { .. }), "{e}");
    other_wb
        .store()
        .save_copy(&dir.path().join("phoenix-copy.cairn"))
        .expect("copy");
    let e = wb
        .review_copy(&dir.path().join("phoenix-copy.cairn"))
        .expect_err("copy of another");
    assert!(e.to_string().contains("another workbench"), "{e}");
    // Not a workbench at all, and a file that is not there.
    let text = dir.path().join("notes.cairn");
    std::fs::write(&text, "minutes of the meeting").expect("write");
    let e = wb
        .merge_copy(&text, &CopyChoices::default())
        .expect_err("text");
    assert!(matches!(e, EditError::Copy(_)), "{e}");
    assert!(e.to_string().contains("not a Cairn workbench"), "{e}");
    assert!(wb.review_copy(&dir.path().join("missing.cairn")).is_err());
    unchanged(&wb);
    assert_eq!(
        wb.undo_label(),
        Some("set"),
        "no merge was recorded for undo"
    );
}

#[test]
fn the_command_line_copies_reviews_and_merges() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = env!("CARGO_BIN_EXE_cairn");
    let run = |user: &str, args: &[&str]| {
        let out = Process::new(bin)
            .args(args)
            .current_dir(dir.path())
            .env("CAIRN_USER", user)
            .env("CAIRN_HOME", dir.path().join("home"))
            .output()
            .expect("run");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    assert!(run(PMO, &["new", "plan.cairn", "--seed", "milwaukee"]).0);
    let (ok, out, err) = run(PMO, &["copy", "plan.cairn", "-o", "dana.cairn"]);
    assert!(ok, "{out}{err}");
    assert!(run(DANA, &["set", "dana.cairn", "1.1.2", "status", "on_track"]).0);
    assert!(run(DANA, &["set", "dana.cairn", "1.1.3", "owner", DANA]).0);
    assert!(run(PMO, &["set", "plan.cairn", "1.1.3", "owner", "Sam Ito"]).0);
    let (ok, out, err) = run(PMO, &["merge", "plan.cairn", "dana.cairn", "--dry-run"]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("CONFLICT 1.1.3"), "{out}");
    assert!(out.contains("(here: Sam Ito)"), "{out}");
    // Recorded for today's reporting period, where the figure lives.
    assert!(
        out.contains("Progress FY") && out.contains(": — → On track"),
        "{out}"
    );
    assert!(out.contains("nothing was written"), "{out}");
    let (ok, _, err) = run(
        PMO,
        &["merge", "plan.cairn", "dana.cairn", "--take", "item:nope"],
    );
    assert!(
        !ok && err.contains("not one of the copy's changes"),
        "{err}"
    );
    let (ok, out, err) = run(PMO, &["merge", "plan.cairn", "dana.cairn", "--take-all"]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("1 taken from the copy"), "{out}");
    let (_, tree, _) = run(PMO, &["tree", "plan.cairn"]);
    assert!(tree.contains("1.1.2 Project: Complete application for and maintain cyber liability insurance [On track"), "{tree}");
    let (_, history, _) = run(PMO, &["history", "plan.cairn"]);
    assert!(
        history.contains(DANA) && history.contains("merge copy"),
        "{history}"
    );
}

#[test]
fn an_upgraded_file_gets_merge_safe_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v6.cairn");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/phoenix-schema-v6.cairn"),
        &path,
    )
    .expect("fixture");
    let wb = Workbench::open(&path).expect("upgrade");
    assert_eq!(wb.store().uid().len(), 32);
    drop(wb);
    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    let (rows, uids, ids): (i64, i64, i64) = conn
        .query_row(
            "SELECT count(*), count(DISTINCT uid), count(DISTINCT id) FROM history",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("history");
    assert!(rows > 0);
    assert_eq!(
        (uids, ids),
        (rows, rows),
        "every history row keeps its number and gets a key"
    );
}

/// Both analysts record a value for the same KPI and period: the copy's
/// row is an insert where this file has one already, a conflict shown with
/// both values; the KPI values they did not both touch come in.
#[test]
fn the_same_kpi_value_recorded_in_both_files_is_a_conflict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.cairn");
    let mut wb =
        Workbench::create(&path, seeds::phoenix_with_sample_kpis().expect("seed")).expect("create");
    wb.set_user(PMO);
    let copy_path = dir.path().join("dana.cairn");
    wb.store().save_copy(&copy_path).expect("copy");
    let kpi = wb.plan().kpis[0].clone();
    let period = wb.plan().info.periods.last().expect("period").label.clone();
    let other = wb.plan().kpis[1].id.clone();
    let record = |w: &mut Workbench, kpi: &str, value: f64| {
        w.apply(&Command::SetMeasurement {
            kpi: kpi.into(),
            period: period.clone(),
            value: Some(value),
            comment: String::new(),
        })
        .expect("measurement");
    };
    {
        let mut copy = Workbench::open(&copy_path).expect("open copy");
        copy.set_user(DANA);
        record(&mut copy, &kpi.id, 80.0);
        record(&mut copy, &other, 12.0);
    }
    record(&mut wb, &kpi.id, 75.0);

    let review = wb.review_copy(&copy_path).expect("review");
    let conflict = review
        .changes
        .iter()
        .find(|c| c.subject == format!("kpi:{}", kpi.id))
        .expect("the KPI");
    assert_eq!(conflict.conflict, Some(ConflictKind::AddedHereToo));
    assert_eq!(conflict.title, format!("KPI: {}", kpi.name));
    let value = &conflict.fields[0];
    assert_eq!(value.field, format!("Value {period}"));
    assert_eq!((value.was.as_str(), value.copy.as_str()), ("—", "80"));
    assert!(value.here.is_some(), "this file's value is shown too");
    let clean = review
        .changes
        .iter()
        .find(|c| c.subject == format!("kpi:{other}"))
        .expect("the other KPI");
    assert_eq!(clean.conflict, None);

    wb.merge_copy(&copy_path, &CopyChoices::default())
        .expect("merge");
    let value_of = |wb: &Workbench, id: &str| {
        wb.plan()
            .kpis
            .iter()
            .find(|k| k.id == id)
            .and_then(|k| k.measurements.iter().find(|m| m.period == period))
            .and_then(|m| m.value)
    };
    assert_eq!(
        value_of(&wb, &kpi.id),
        Some(75.0),
        "this file's value is kept"
    );
    assert_eq!(value_of(&wb, &other), Some(12.0));
}

/// The copy changes two fields of one item and this file one of them: the
/// conflict is that field alone. Kept as here, the other field still
/// comes in; taken, both do.
#[test]
fn a_conflict_on_one_field_does_not_hold_back_the_items_other_changes() {
    for take in [false, true] {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut wb, mut copy) = plan_and_copy(dir.path());
        set(&mut copy, "1.1.3", ItemField::Owner, DANA);
        set(
            &mut copy,
            "1.1.3",
            ItemField::Title,
            "Social media records tool",
        );
        let copy_path = copy.path().to_owned();
        drop(copy);
        set(
            &mut wb,
            "1.1.3",
            ItemField::Title,
            "Enterprise records tool",
        );

        let review = wb.review_copy(&copy_path).expect("review");
        let change = review.conflicts().next().expect("the conflict");
        let fields: Vec<(&str, bool)> = change
            .fields
            .iter()
            .map(|f| (f.field.as_str(), f.here.is_some()))
            .collect();
        assert_eq!(fields, [("Title", true), ("Owner", false)], "{change:?}");
        let choices = if take {
            CopyChoices {
                take_copy: [change.subject.clone()].into(),
                ..CopyChoices::default()
            }
        } else {
            CopyChoices::default()
        };
        wb.merge_copy(&copy_path, &choices).expect("merge");
        let plan = wb.plan();
        let item = plan.item(&id(plan, "1.1.3")).expect("1.1.3");
        assert_eq!(item.owner, DANA, "the owner comes in either way");
        let title = if take {
            "Social media records tool"
        } else {
            "Enterprise records tool"
        };
        assert_eq!(item.title, title);
    }
}

/// A copy changed outside Cairn: a value the file's rules refuse (a
/// percent of 140) is a change that cannot go in, shown and left out while
/// the rest comes in; a copy whose recorded base is not a workbench is
/// refused with nothing changed.
#[test]
fn a_copy_tampered_with_outside_cairn_changes_nothing_it_should_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut wb, mut copy) = plan_and_copy(dir.path());
    set(&mut copy, "1.1.1", ItemField::Owner, DANA);
    let copy_path = copy.path().to_owned();
    let bad = id(copy.plan(), "1.1.2");
    drop(copy);
    {
        let conn = rusqlite::Connection::open(&copy_path).expect("sqlite");
        // The CHECK constraint is what stops it; turn it off as another
        // tool might.
        conn.execute_batch("PRAGMA ignore_check_constraints = ON")
            .expect("pragma");
        conn.execute(
            "INSERT INTO progress (item, pos, period, status, percent, note)
             SELECT ?1, 0, json_extract(info, '$.periods[0].label'), 'on_track', 140, '' FROM plan",
            [&bad],
        )
        .expect("tamper");
    }
    let review = wb.review_copy(&copy_path).expect("review");
    let refused = review
        .changes
        .iter()
        .find(|c| c.subject == format!("item:{bad}"))
        .expect("the tampered item");
    assert!(
        matches!(refused.conflict, Some(ConflictKind::Refused(_))),
        "{refused:?}"
    );
    wb.merge_copy(&copy_path, &CopyChoices::default())
        .expect("merge");
    let plan = wb.plan();
    assert_eq!(plan.item(&bad).expect("1.1.2").percent(), None);
    assert_eq!(plan.item(&id(plan, "1.1.1")).expect("1.1.1").owner, DANA);

    // A base that is not a workbench.
    let before = (wb.plan().clone(), wb.store().history_len());
    {
        let conn = rusqlite::Connection::open(&copy_path).expect("sqlite");
        conn.execute("UPDATE workbench SET base = x'00010203'", [])
            .expect("tamper");
    }
    let e = wb
        .merge_copy(&copy_path, &CopyChoices::default())
        .expect_err("refused");
    assert!(e.to_string().contains("ask for a new copy"), "{e}");
    assert_eq!((wb.plan().clone(), wb.store().history_len()), before);
}
