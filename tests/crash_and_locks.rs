//! A governance record must never lose an edit: edits reported as saved
//! survive SIGKILL, a second Cairn cannot write to an open workbench, and a
//! read-only file opens read-only.

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use cairn::command::{Command as Edit, ItemField};
use cairn::interchange::seeds::Seed;
use cairn::model::Tree;
use cairn::store::{Store, StoreError};
use cairn::workbench::{EditError, Workbench};

fn phoenix(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("plan.cairn");
    drop(Store::create(&path, &Seed::Phoenix.plan().expect("seed")).expect("create"));
    path
}

/// A small deterministic generator, so trials are repeatable.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

#[test]
fn edits_reported_saved_survive_sigkill() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = phoenix(dir.path());
    let plan = Store::open_read_only(&path).expect("open").1;
    let tree = Tree::build(&plan);
    let codes: Vec<String> = tree
        .placements
        .iter()
        .filter(|p| !p.linked && plan.items()[p.item].level == 2)
        .map(|p| p.code.clone())
        .collect();
    let mut rng = Lcg(7);
    let trials = 40;
    let mut acked_total = 0;
    let mut edit_no = 0usize;
    for trial in 0..trials {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cairn"))
            .args(["set", path.to_str().expect("path"), "--stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let mut stdin = child.stdin.take().expect("stdin");
        let first = edit_no;
        // Feed plenty of edits from a thread; the child may die at any line.
        let lines: Vec<String> = (0..400)
            .map(|i| {
                let n = first + i;
                format!(
                    "{}\ttitle\tTrial {trial} edit {n}\n",
                    codes[n % codes.len()]
                )
            })
            .collect();
        edit_no += lines.len();
        let feeder = std::thread::spawn(move || {
            for l in lines {
                if stdin.write_all(l.as_bytes()).is_err() {
                    break;
                }
            }
        });
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(n) = line
                    .strip_prefix("saved ")
                    .and_then(|n| n.parse::<usize>().ok())
                    && tx.send(n).is_err()
                {
                    break;
                }
            }
        });
        std::thread::sleep(Duration::from_millis(20 + rng.next(120)));
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        let _ = feeder.join();
        let _ = reader.join();
        let acked: Vec<usize> = rx.try_iter().collect();
        acked_total += acked.len();

        // Every acknowledged edit (line numbers are 1-based) is in the file:
        // each item holds that edit or a later one.
        let (_, after) = Store::open_read_only(&path).expect("reopen after kill");
        let after_tree = Tree::build(&after);
        for &line in &acked {
            let n = first + line - 1;
            let code = &codes[n % codes.len()];
            let title = &after.items()[after_tree.item_by_code(code).expect("code")].title;
            let got: usize = title
                .rsplit(' ')
                .next()
                .and_then(|x| x.parse().ok())
                .unwrap_or(0);
            assert!(
                title.starts_with(&format!("Trial {trial} edit ")) && got >= n,
                "trial {trial}: edit {n} to {code} was reported saved but the title is {title:?}"
            );
        }
        let conn = rusqlite::Connection::open(&path).expect("sqlite");
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("check");
        assert_eq!(check, "ok", "trial {trial}");
    }
    eprintln!("{trials} kill trials, {acked_total} acknowledged edits, 0 lost");
    assert!(
        acked_total > 0,
        "the child never acknowledged an edit: the test proves nothing"
    );
}

#[test]
fn a_second_cairn_cannot_write_to_an_open_workbench() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = phoenix(dir.path());
    let first = Workbench::open(&path).expect("first");
    let before = std::fs::read(&path).expect("bytes");
    let err = Store::open(&path).err().expect("second writer refused");
    assert!(matches!(err, StoreError::InUse { .. }), "{err}");
    assert!(err.to_string().contains("already open"));
    assert_eq!(std::fs::read(&path).expect("bytes"), before);

    // Looking is allowed; writing is not.
    let mut looker = Workbench::open_read_only(&path).expect("read-only");
    assert!(looker.store().is_read_only());
    let id = looker.plan().roots().next().expect("goal").id.clone();
    let err = looker
        .apply(&Edit::SetField {
            item: id,
            field: ItemField::Owner,
            value: "Someone".into(),
        })
        .expect_err("read-only");
    assert!(
        matches!(err, EditError::Store(StoreError::ReadOnly { .. })),
        "{err}"
    );

    // The command line says so too.
    let out = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(["set", path.to_str().expect("p"), "1", "owner", "x"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already open"));
    // Reading commands still work.
    let out = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(["stats", path.to_str().expect("p"), "--json"])
        .output()
        .expect("run");
    assert!(out.status.success());

    drop(first);
    if let Err(e) = Workbench::open(&path) {
        panic!("the lock is released on close: {e}");
    }
}

#[cfg(unix)]
#[test]
fn a_file_without_write_permission_opens_read_only_and_stays_unchanged() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = phoenix(dir.path());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = std::fs::read(&path).expect("bytes");
    let mut wb = Workbench::open(&path).expect("opens");
    assert!(wb.store().is_read_only());
    let id = wb.plan().roots().next().expect("goal").id.clone();
    let err = wb
        .apply(&Edit::SetField {
            item: id,
            field: ItemField::Title,
            value: "Changed".into(),
        })
        .expect_err("refused");
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_eq!(
        wb.plan().roots().next().map(|g| g.title.as_str()),
        Some(
            "Deliver resilient IT services and capabilities aligned with current and future city needs"
        )
    );
    drop(wb);
    assert_eq!(std::fs::read(&path).expect("bytes"), before);
}

#[test]
fn a_workbench_removed_while_open_refuses_edits_and_keeps_the_plan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = phoenix(dir.path());
    let mut wb = Workbench::open(&path).expect("open");
    let moved = dir.path().join("elsewhere.cairn");
    std::fs::rename(&path, &moved).expect("move the file away");
    let id = wb.plan().roots().next().expect("goal").id.clone();
    let before = cairn::interchange::to_json(wb.plan());
    let err = wb
        .apply(&Edit::SetField {
            item: id,
            field: ItemField::Owner,
            value: "CIO".into(),
        })
        .expect_err("refused");
    assert!(
        err.to_string().contains("moved, replaced or deleted"),
        "{err}"
    );
    assert_eq!(
        cairn::interchange::to_json(wb.plan()),
        before,
        "the window keeps the last saved plan"
    );
    assert_eq!(wb.undo_label(), None);
}

#[test]
fn a_full_disk_fails_the_edit_with_a_message_and_keeps_the_last_saved_state() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = phoenix(dir.path());
    let mut wb = Workbench::open(&path).expect("open");
    let pages = wb.store().page_count();
    wb.store().limit_pages(pages).expect("limit");
    let id = wb.plan().roots().next().expect("goal").id.clone();
    let before = cairn::interchange::to_json(wb.plan());
    let big = "Minutes of the review. ".repeat(4000);
    let err = wb
        .apply(&Edit::SetField {
            item: id.clone(),
            field: ItemField::Description,
            value: big.clone(),
        })
        .expect_err("the disk is full");
    assert!(
        matches!(err, EditError::Store(StoreError::WriteFailed { .. })),
        "{err}"
    );
    assert!(err.to_string().contains("Nothing was changed"), "{err}");
    assert_eq!(cairn::interchange::to_json(wb.plan()), before);
    drop(wb);
    let (_, saved) = Store::open_read_only(&path).expect("reopen");
    assert_eq!(
        cairn::interchange::to_json(&saved),
        before,
        "the file is at its last committed state"
    );
    // With room again, the same edit goes through.
    let mut wb = Workbench::open(&path).expect("open");
    wb.apply(&Edit::SetField {
        item: id,
        field: ItemField::Description,
        value: big,
    })
    .expect("saved");
}
