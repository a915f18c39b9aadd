//! Every released schema version has a fixture file made by the Cairn that
//! released it. Opening an older file keeps a backup beside it, then
//! upgrades it, and loses nothing.

use std::path::{Path, PathBuf};

use cairn::command::{Command, ItemField};
use cairn::model::{StatusKind, Tree};
use cairn::store::schema::CURRENT_VERSION;
use cairn::store::{Store, StoreError};
use cairn::workbench::Workbench;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_fixture(name: &str, dir: &Path) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(fixtures().join(name), &to).expect("copy fixture");
    to
}

fn version(path: &Path) -> i32 {
    rusqlite::Connection::open(path)
        .expect("sqlite")
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version")
}

#[test]
fn every_released_schema_version_has_a_fixture() {
    let names: Vec<String> = std::fs::read_dir(fixtures())
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    for v in 1..=CURRENT_VERSION {
        assert!(
            names
                .iter()
                .any(|n| n.ends_with(&format!("-schema-v{v}.cairn"))),
            "no fixture for schema version {v}: save a workbench made by that release as tests/fixtures/NAME-schema-v{v}.cairn"
        );
    }
}

#[test]
fn a_version_1_workbench_is_backed_up_then_upgraded_without_loss() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_fixture("phoenix-schema-v1.cairn", dir.path());
    let original = std::fs::read(&path).expect("bytes");
    let mut wb = Workbench::open(&path).expect("opens and upgrades");
    // The backup is the old file's content, still at version 1.
    let backup = dir.path().join("phoenix-schema-v1.v1-backup.cairn");
    assert!(backup.exists(), "no backup beside the file");
    assert_eq!(version(&backup), 1);
    assert!(original.len() > 1000);
    // Nothing was lost in the upgrade: the edits made by the v1 release.
    let plan = wb.plan();
    let tree = Tree::build(plan);
    let at = |code: &str| &plan.items()[tree.item_by_code(code).expect("code")];
    assert_eq!(at("1.1.1").status(), StatusKind::Completed);
    assert_eq!(at("1.2.1").percent(), Some(35.0));
    assert_eq!(at("1.2.1").status(), StatusKind::AtRisk);
    assert_eq!(
        at("2.1.3").due.map(|d| d.to_string()).as_deref(),
        Some("2026-06-30")
    );
    assert_eq!(plan.kpis.len(), 6);
    assert!(plan.kpis.iter().all(|k| k.sample));
    assert_eq!(wb.store().history_len(), 4);
    // It works as a current file.
    let id = at("1.3.1").id.clone();
    wb.apply(&Command::SetField {
        item: id,
        field: ItemField::Owner,
        value: "Partnerships office".into(),
    })
    .expect("edit after upgrade");
    drop(wb);
    assert_eq!(version(&path), CURRENT_VERSION);
    // Opening again makes no second backup.
    drop(Workbench::open(&path).expect("reopen"));
    assert!(
        !dir.path()
            .join("phoenix-schema-v1.v1-backup-2.cairn")
            .exists()
    );
}

#[test]
fn an_older_workbench_opened_read_only_asks_to_be_upgraded_and_stays_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_fixture("phoenix-schema-v1.cairn", dir.path());
    let before = std::fs::read(&path).expect("bytes");
    let err = Store::open_read_only(&path).err().expect("refused");
    assert!(
        matches!(err, StoreError::NeedsUpgrade { found: 1, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("older Cairn"));
    assert_eq!(std::fs::read(&path).expect("bytes"), before);
}

#[test]
fn the_current_version_fixture_opens_as_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_fixture(
        &format!("phoenix-schema-v{CURRENT_VERSION}.cairn"),
        dir.path(),
    );
    let wb = Workbench::open(&path).expect("opens");
    assert!(!wb.plan().locks.is_empty());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert!(
        !names.iter().any(|n| n.to_string_lossy().contains("backup")),
        "no backup for a current file"
    );
}

#[test]
fn a_version_2_workbench_gains_locks_and_keeps_its_commentary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_fixture("milwaukee-schema-v2.cairn", dir.path());
    let mut wb = Workbench::open(&path).expect("opens and upgrades");
    assert!(
        dir.path()
            .join("milwaukee-schema-v2.v2-backup.cairn")
            .exists()
    );
    assert_eq!(wb.plan().commentary.len(), 1);
    wb.apply(&Command::LockPeriod {
        period: "FY2025".into(),
        by: "test".into(),
    })
    .expect("lock after upgrade");
    drop(wb);
    assert_eq!(version(&path), CURRENT_VERSION);
}

#[test]
fn the_version_3_fixture_keeps_its_lock_and_snapshot() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_fixture("phoenix-schema-v3.cairn", dir.path());
    let wb = Workbench::open(&path).expect("opens");
    let lock = wb.plan().lock("FY2025").expect("locked");
    assert_eq!(lock.locked_by, "fixture");
    let snap = cairn::interchange::from_json(&lock.snapshot).expect("snapshot");
    assert_eq!(snap.items().len(), wb.plan().items().len());
}

/// A Cairn killed before SQLite checkpointed its write-ahead log leaves the
/// file header at the old format while the log holds the newer one. The
/// version is read through SQLite, so the file is not "upgraded" twice and
/// no misnamed backup appears.
#[test]
fn a_header_behind_an_uncheckpointed_log_is_not_taken_at_its_word() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_fixture("milwaukee-schema-v2.cairn", dir.path());
    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
         CREATE TABLE locks (period TEXT PRIMARY KEY, pos INTEGER NOT NULL, locked_at TEXT NOT NULL,
                             locked_by TEXT NOT NULL, snapshot TEXT NOT NULL);
         PRAGMA user_version = 3;",
    )
    .expect("write to the log only");
    // As if the process died: the log is never checkpointed.
    std::mem::forget(conn);
    let header = std::fs::read(&path).expect("bytes");
    assert_eq!(
        u32::from_be_bytes([header[60], header[61], header[62], header[63]]),
        2,
        "the header still says 2"
    );
    let wb = Workbench::open(&path).expect("opens");
    assert_eq!(wb.plan().commentary.len(), 1);
    let backups: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("backup"))
        .collect();
    // The file is at version 3 (in its log), so a backup, if any, is named
    // for version 3, never for the header's 2.
    let expected: Vec<String> = if CURRENT_VERSION > 3 {
        vec!["milwaukee-schema-v2.v3-backup.cairn".into()]
    } else {
        Vec::new()
    };
    assert_eq!(backups, expected, "named by the version SQLite reads");
}

#[test]
fn a_version_3_workbench_gains_meetings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_fixture("phoenix-schema-v3.cairn", dir.path());
    let mut wb = Workbench::open(&path).expect("opens and upgrades");
    assert!(wb.plan().meetings.is_empty());
    let first = wb.plan().roots().next().expect("a goal").id.clone();
    let mut m = cairn::model::Meeting::new(
        "",
        "After the upgrade",
        chrono::NaiveDate::from_ymd_opt(2025, 10, 1).expect("date"),
        "FY2026",
    );
    m.agenda.push(cairn::model::AgendaEntry::new(&first));
    wb.apply(&Command::PutMeeting(Box::new(m)))
        .expect("plan a meeting after the upgrade");
    drop(wb);
    assert_eq!(version(&path), CURRENT_VERSION);
    let (_, plan) = cairn::store::Store::open_read_only(&path).expect("reopen");
    assert_eq!(plan.meetings[0].title, "After the upgrade");
}

#[test]
fn the_version_4_fixture_keeps_its_meeting_decision_and_action() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_fixture("phoenix-schema-v4.cairn", dir.path());
    let wb = Workbench::open(&path).expect("opens");
    let m = &wb.plan().meetings[0];
    assert_eq!(m.state(), "Held");
    assert_eq!(m.attendees, ["Fixture Attendee"]);
    assert_eq!(m.decisions[0].text, "Fixture decision");
    assert_eq!(m.actions[0].owner, "Fixture Owner");
    assert_eq!(
        wb.plan().open_actions_on(&m.actions[0].item).count(),
        1,
        "the open action shows on its item"
    );
}

#[test]
fn a_version_4_workbench_turns_its_single_figures_into_period_updates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_fixture("phoenix-schema-v4.cairn", dir.path());
    // What a v4 release left: two initiatives with a status, one of them
    // last edited on 20 November 2025 (in FY2026 Q2), the other never.
    let (edited, unedited) = {
        let conn = rusqlite::Connection::open(&path).expect("sqlite");
        let leaf = |n: i64| -> String {
            conn.query_row(
                "SELECT id FROM items WHERE level = 2 ORDER BY pos LIMIT 1 OFFSET ?1",
                [n],
                |r| r.get(0),
            )
            .expect("leaf")
        };
        let (a, b) = (leaf(0), leaf(1));
        conn.execute(
            "UPDATE items SET status = 'at_risk', percent = 40 WHERE id = ?1",
            [&a],
        )
        .expect("status a");
        conn.execute("UPDATE items SET status = 'on_track' WHERE id = ?1", [&b])
            .expect("status b");
        conn.execute(
            "INSERT INTO history (at, who, action, item, field, old, new) VALUES
             ('2025-11-20T10:00:00Z', 'PMO', 'set', ?1, 'status', 'not_started', 'at_risk')",
            [&a],
        )
        .expect("history");
        (a, b)
    };
    let wb = Workbench::open(&path).expect("opens and upgrades");
    assert_eq!(version(&path), CURRENT_VERSION);
    assert!(
        dir.path()
            .join("phoenix-schema-v4.v4-backup.cairn")
            .exists()
    );
    let plan = wb.plan();
    let a = plan.item(&edited).expect("edited");
    assert_eq!(a.updates.len(), 1);
    assert_eq!(
        a.updates[0].period, "FY2026 Q2",
        "the period of its last edit"
    );
    assert_eq!(
        (a.updates[0].status, a.updates[0].percent),
        (cairn::model::StatusKind::AtRisk, Some(40.0))
    );
    assert_eq!(
        (a.status(), a.percent()),
        (cairn::model::StatusKind::AtRisk, Some(40.0))
    );
    // Never edited: the period containing today, else the latest begun.
    let b = plan.item(&unedited).expect("unedited");
    let today = chrono::Local::now().date_naive();
    let expected = plan
        .info
        .period_for_day(today)
        .expect("period")
        .label
        .clone();
    assert_eq!(b.updates.len(), 1);
    assert_eq!(b.updates[0].period, expected);
    // Nothing reported, nothing made up.
    let untouched = plan
        .items()
        .iter()
        .filter(|i| i.id != edited && i.id != unedited)
        .all(|i| i.updates.is_empty());
    assert!(untouched);
    // The upgraded file reopens as it is, with its updates.
    drop(wb);
    let (_, again) = cairn::store::Store::open_read_only(&path).expect("reopen");
    assert_eq!(again.item(&edited).map(|i| i.updates.len()), Some(1));
}

#[test]
fn the_version_5_fixture_keeps_its_progress_per_period() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_fixture("phoenix-schema-v5.cairn", dir.path());
    let wb = Workbench::open(&path).expect("opens");
    let plan = wb.plan();
    let tree = Tree::build(plan);
    let item = &plan.items()[tree.item_by_code("2.1.1").expect("2.1.1")];
    let periods: Vec<&str> = item.updates.iter().map(|u| u.period.as_str()).collect();
    assert_eq!(periods, ["FY2026 Q1", "FY2026 Q2"]);
    assert_eq!(item.updates[1].note, "Fixture slipped");
    assert_eq!(
        (item.status(), item.percent()),
        (StatusKind::AtRisk, Some(35.0))
    );
    let q1 = item.figures_at(&plan.info.periods_up_to(Some("FY2026 Q1")));
    assert_eq!(q1, (StatusKind::OnTrack, Some(20.0)));
}

#[test]
fn the_version_6_fixture_keeps_its_register_and_the_owners_in_its_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_fixture("phoenix-schema-v6.cairn", dir.path());
    let wb = Workbench::open(&path).expect("opens");
    let plan = wb.plan();
    assert_eq!(plan.requests.len(), 7);
    let dana = plan
        .requests
        .iter()
        .find(|r| r.to == "Dana Ruiz")
        .expect("Dana's request");
    assert_eq!(dana.items.len(), 3);
    assert!(dana.merged_at.is_some());
    assert_eq!((dana.accepted, dana.rejected), (1, 1));
    let outstanding = plan.requests.iter().filter(|r| r.merged_at.is_none());
    assert_eq!(outstanding.count(), 6);
    let history = wb
        .store()
        .history(&cairn::store::HistoryFilter::default())
        .expect("history");
    let merged: Vec<_> = history
        .iter()
        .filter(|r| r.entry.request == dana.id && !r.entry.author.is_empty())
        .collect();
    assert_eq!(merged.len(), 2, "the merge and the progress it brought");
    assert!(
        merged
            .iter()
            .all(|r| r.by() == "Dana Ruiz, accepted by pmo-analyst")
    );
}

#[test]
fn a_version_5_workbench_gains_an_empty_register() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_fixture("phoenix-schema-v5.cairn", dir.path());
    let wb = Workbench::open(&path).expect("opens and upgrades");
    assert!(wb.plan().requests.is_empty());
    assert_eq!(version(&path), CURRENT_VERSION);
    let history = wb
        .store()
        .history(&cairn::store::HistoryFilter::default())
        .expect("history");
    assert!(!history.is_empty());
    assert!(
        history
            .iter()
            .all(|r| r.entry.author.is_empty() && r.by() == r.who)
    );
}

/// Schema 8 keeps an item's figures in one place, per period. A file of
/// schema 7 could hold a status and percent on the item alone (set on an
/// item with no progress yet, or imported that way), which every card read
/// for every period; and on an item with progress, item figures that the
/// cards ignored. After the upgrade every card, for every period, reads
/// the same figures.
#[test]
fn a_version_7_workbench_upgrades_with_every_cards_figures_unchanged() {
    use std::collections::HashMap;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_fixture("phoenix-schema-v7.cairn", dir.path());
    // What schema 7 allowed: figures on items with no progress rows, and
    // an item's own figures out of step with its progress.
    let mut old: HashMap<String, (String, Option<f64>)> = HashMap::new();
    let mut with_progress: HashMap<String, Vec<(String, String, Option<f64>)>> = HashMap::new();
    {
        let conn = rusqlite::Connection::open(&path).expect("sqlite");
        conn.execute_batch(
            "UPDATE items SET status = 'completed', percent = NULL
              WHERE id IN (SELECT id FROM items i WHERE NOT EXISTS
                     (SELECT 1 FROM progress g WHERE g.item = i.id)
                     AND NOT EXISTS (SELECT 1 FROM alignments a WHERE a.parent = i.id)
                   ORDER BY id LIMIT 3);
             UPDATE items SET status = 'at_risk', percent = 55
              WHERE id IN (SELECT id FROM items i WHERE NOT EXISTS
                     (SELECT 1 FROM progress g WHERE g.item = i.id)
                     AND NOT EXISTS (SELECT 1 FROM alignments a WHERE a.parent = i.id)
                     AND status = 'not_started'
                   ORDER BY id DESC LIMIT 2);
             UPDATE items SET status = 'cancelled', percent = 5
              WHERE id IN (SELECT item FROM progress ORDER BY item LIMIT 1);",
        )
        .expect("schema 7 figures");
        let mut stmt = conn
            .prepare("SELECT id, status, percent FROM items")
            .expect("items");
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
            })
            .expect("query");
        for row in rows {
            let (id, status, percent) = row.expect("row");
            old.insert(id, (status, percent));
        }
        let mut stmt = conn
            .prepare("SELECT item, period, status, percent FROM progress ORDER BY item, pos")
            .expect("progress");
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get(3)?,
                ))
            })
            .expect("query");
        for row in rows {
            let (item, period, status, percent) = row.expect("row");
            with_progress
                .entry(item)
                .or_default()
                .push((period, status, percent));
        }
    }
    let undated = old
        .iter()
        .filter(|(id, (s, p))| {
            !with_progress.contains_key(*id) && (s != "not_started" || p.is_some())
        })
        .count();
    assert_eq!(undated, 5, "the file holds undated figures to move");

    let wb = Workbench::open(&path).expect("opens and upgrades");
    assert_eq!(version(&path), CURRENT_VERSION);
    let plan = wb.plan();
    // Schema 7's rule, written out here on its own: an item with no
    // progress had its own figures in every period; one with progress had
    // the latest up to the period, and before its first, not started.
    let old_rule = |id: &str, period: &str| -> (String, Option<f64>) {
        match with_progress.get(id) {
            None => old[id].clone(),
            Some(updates) => {
                let up_to = plan.info.periods_up_to(Some(period));
                up_to
                    .iter()
                    .rev()
                    .find_map(|p| updates.iter().find(|u| u.0 == *p))
                    .map_or(("not_started".into(), None), |u| (u.1.clone(), u.2))
            }
        }
    };
    for period in plan.info.periods_in_order() {
        let up_to = plan.info.periods_up_to(Some(&period.label));
        for item in plan.items().iter().filter(|i| i.children.is_empty()) {
            let (status, percent) = item.figures_at(&up_to);
            assert_eq!(
                (status.key().to_owned(), percent),
                old_rule(&item.id, &period.label),
                "{} in {}",
                item.id,
                period.label
            );
        }
    }
    // And the printed card's figures, by the one roll-up the card uses.
    for label in ["FY2022 Q1", "FY2024", "FY2026"] {
        let rollup = cairn::rules::rollup::roll_up(plan, Some(label));
        for (pos, item) in plan.items().iter().enumerate() {
            if item.children.is_empty() && item.override_.is_none() {
                let (status, _) = old_rule(&item.id, label);
                assert_eq!(
                    rollup.items[pos].status.key(),
                    status,
                    "{} {label}",
                    item.id
                );
            }
        }
        cairn::report::build(
            plan,
            &cairn::report::ReportOptions::new(cairn::report::Scope::Plan, label),
        )
        .expect("the card builds");
    }
}
