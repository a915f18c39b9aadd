//! Never losing the plan: outputs never land on a workbench, an output or
//! backup killed mid-write leaves the old files as they were, a closed
//! pipe ends a command quietly, and rolling backups restore (and a restore
//! can itself be undone). Run as a user would, through the binary.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use cairn::interchange::to_json;
use cairn::store::Store;
use cairn::store::backups;

mod common;
use common::{cairn, ok};

fn refused(out: &Output) -> String {
    assert!(!out.status.success(), "should be refused");
    let err = String::from_utf8(out.stderr.clone()).expect("utf-8");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    err
}

fn phoenix(dir: &Path) -> PathBuf {
    let file = dir.join("plan.cairn");
    ok(&cairn(
        &["new", s(&file), "--seed", "phoenix", "--sample-kpis"],
        dir,
    ));
    file
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).expect("read")
}

/// Temporary files of interrupted writes in a folder.
fn partials(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".cairn-partial"))
        .collect()
}

#[test]
fn no_output_lands_on_a_workbench_or_its_journal_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let plan = phoenix(d);
    // Another workbench, named like a PDF.
    let other = d.join("other.pdf");
    std::fs::copy(&plan, &other).expect("copy");
    let before = bytes(&plan);
    let other_before = bytes(&other);
    let wal = d.join("plan.cairn-wal");
    let shm = d.join("plan.cairn-shm");
    let lock = d.join(".plan.cairn.lock");
    let targets: Vec<(&Path, &str)> = vec![
        (&plan, "is the workbench that is open"),
        (&other, "is a Cairn workbench"),
        (&wal, "write-ahead log of the workbench"),
        (&shm, "shared-memory index of the workbench"),
        (&lock, "lock file of the workbench"),
    ];
    for (target, says) in &targets {
        let t = s(target);
        let f = s(&plan);
        for args in [
            vec!["report", f, "--period", "FY2025", "-o", t],
            vec!["report", f, "--period", "FY2025", "--html", "-o", t],
            vec!["export", f, "--json", "-o", t],
            vec!["export", f, "--xlsx", "-o", t],
            vec!["export", f, "--csv", "-o", t],
        ] {
            let err = refused(&cairn(&args, d));
            assert!(err.contains(says), "{args:?}: {err}");
            assert!(err.contains(t), "names the file: {err}");
        }
    }
    assert_eq!(bytes(&plan), before, "the workbench is byte-identical");
    assert_eq!(bytes(&other), other_before, "the other workbench too");
    assert!(partials(d).is_empty(), "{:?}", partials(d));
    // The minutes and a saved copy are refused the same way.
    let (store, _) = Store::open(&plan).expect("open");
    assert!(store.save_copy(&plan).is_err());
    assert!(store.save_copy(&other).is_err());
    drop(store);
    assert_eq!(bytes(&plan), before);
    assert_eq!(bytes(&other), other_before);
    // An ordinary file is replaced whole.
    let card = d.join("card.pdf");
    std::fs::write(&card, b"old card").expect("write");
    ok(&cairn(
        &["report", s(&plan), "--period", "FY2025", "-o", s(&card)],
        d,
    ));
    assert!(bytes(&card).starts_with(b"%PDF"));
    assert!(partials(d).is_empty());
}

/// Waits until `done` holds, or panics after `secs` seconds.
fn wait_for(secs: u64, what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(secs),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Starts cairn held just before it renames a finished temporary file.
fn paused(args: &[&str], home: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(args)
        .env("CAIRN_HOME", home)
        .env("CAIRN_TEST_PAUSE_BEFORE_RENAME_MS", "60000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn")
}

#[test]
fn an_output_killed_mid_write_leaves_the_old_file_and_the_next_write_tidies_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let plan = phoenix(d);
    let card = d.join("card.pdf");
    std::fs::write(&card, b"last year's card").expect("write");
    let mut child = paused(
        &["report", s(&plan), "--period", "FY2025", "-o", s(&card)],
        d,
    );
    // The complete new card is sitting in a temporary file beside the
    // target, waiting to be renamed: kill Cairn there.
    wait_for(60, "the temporary card", || {
        partials(d).iter().any(|p| {
            std::fs::read(d.join(p)).is_ok_and(|b| b.ends_with(b"%%EOF\n") || b.ends_with(b"%%EOF"))
        })
    });
    child.kill().expect("kill");
    child.wait().expect("wait");
    assert_eq!(bytes(&card), b"last year's card", "the old card is intact");
    // The next write of that file removes what the killed one left.
    ok(&cairn(
        &["report", s(&plan), "--period", "FY2025", "-o", s(&card)],
        d,
    ));
    assert!(bytes(&card).starts_with(b"%PDF"));
    assert!(partials(d).is_empty(), "{:?}", partials(d));
}

/// Renames the one daily backup as if it had been taken `days` ago.
fn age_backups(plan: &Path, days: i64) -> PathBuf {
    let list = backups::list(plan).expect("list");
    assert_eq!(list.len(), 1, "{list:?}");
    let old = &list[0];
    let when = old.taken - chrono::Duration::days(days);
    let name = format!("plan-{}.cairn", when.format("%Y%m%d-%H%M%S"));
    let to = old.path.with_file_name(name);
    std::fs::rename(&old.path, &to).expect("rename");
    to
}

#[test]
fn a_backup_killed_midway_leaves_the_workbench_and_earlier_backups_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let plan = phoenix(d);
    ok(&cairn(&["set", s(&plan), "1.1.1", "percent", "10"], d));
    let earlier = age_backups(&plan, 1);
    let earlier_bytes = bytes(&earlier);
    let plan_bytes = bytes(&plan);
    let mut child = paused(&["set", s(&plan), "1.1.1", "percent", "20"], d);
    let folder = backups::folder(&plan);
    wait_for(60, "the backup's temporary file", || {
        !partials(&folder).is_empty()
    });
    child.kill().expect("kill");
    child.wait().expect("wait");
    assert_eq!(
        bytes(&earlier),
        earlier_bytes,
        "the earlier backup is intact"
    );
    assert_eq!(bytes(&plan), plan_bytes, "the edit never started");
    let (_, p) = Store::open_read_only(&plan).expect("the workbench reads");
    Store::open_read_only(&earlier).expect("the earlier backup reads");
    let tree = cairn::model::Tree::build(&p);
    let item = &p.items()[tree.item_by_code("1.1.1").expect("1.1.1")];
    assert_eq!(item.percent(), Some(10.0), "the saved edit is there");
    let listed = backups::list(&plan).expect("list");
    assert_eq!(
        listed.len(),
        1,
        "the killed backup is not listed: {listed:?}"
    );
    // The next edit takes the day's backup and removes the leftover.
    ok(&cairn(&["set", s(&plan), "1.1.1", "percent", "20"], d));
    assert_eq!(backups::list(&plan).expect("list").len(), 2);
    assert!(partials(&folder).is_empty(), "{:?}", partials(&folder));
}

#[test]
fn restore_round_trips_and_can_itself_be_undone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let plan = phoenix(d);
    let original = to_json(&Store::open_read_only(&plan).expect("open").1);
    // The day's first edit takes a copy of the plan as it was.
    ok(&cairn(&["set", s(&plan), "1.1.1", "percent", "35"], d));
    ok(&cairn(&["set", s(&plan), "1.1.2", "owner", "Ana Ruiz"], d));
    let edited = to_json(&Store::open_read_only(&plan).expect("open").1);
    let list = ok(&cairn(&["backups", s(&plan)], d));
    assert!(
        list.contains("City of Phoenix — Strategic Technology Plan"),
        "{list}"
    );
    assert!(
        list.contains("\t2\tdaily\t"),
        "two edits since the copy: {list}"
    );
    let copies = backups::list(&plan).expect("list");
    assert_eq!(copies.len(), 1);
    let name = copies[0]
        .path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();

    let out = cairn(&["restore", s(&plan), "--from", &name], d);
    ok(&out);
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(said.contains("before-restore"), "{said}");
    assert_eq!(
        to_json(&Store::open_read_only(&plan).expect("open").1),
        original,
        "the plan is the copy's"
    );
    let history = ok(&cairn(&["history", s(&plan)], d));
    assert!(history.contains("restore"), "{history}");

    // Undo the restore by restoring the copy it took first.
    let before = backups::list(&plan)
        .expect("list")
        .into_iter()
        .find(|b| b.kind == backups::BackupKind::BeforeRestore)
        .expect("a before-restore copy");
    ok(&cairn(&["restore", s(&plan), "--from", s(&before.path)], d));
    assert_eq!(
        to_json(&Store::open_read_only(&plan).expect("open").1),
        edited,
        "the edits are back"
    );
    let conn =
        rusqlite::Connection::open_with_flags(&plan, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the restored file");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity check");
    assert_eq!(check, "ok", "the restored file is whole");
}

#[test]
fn restore_refuses_what_is_not_a_backup_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let plan = phoenix(d);
    let before = bytes(&plan);
    let junk = d.join("junk.cairn");
    std::fs::write(&junk, b"not a workbench at all").expect("write");
    for from in [s(&junk), "no-such-backup.cairn", s(&plan)] {
        let out = cairn(&["restore", s(&plan), "--from", from], d);
        assert!(!out.status.success(), "{from}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{err}");
    }
    assert_eq!(bytes(&plan), before);
    assert!(
        backups::list(&plan).expect("list").is_empty(),
        "a refused restore takes no backup"
    );
}

#[test]
fn a_read_only_or_busy_workbench_takes_no_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let plan = phoenix(d);
    // Busy: another Cairn has it open for writing.
    let holder = cairn::workbench::Workbench::open(&plan).expect("open");
    let out = cairn(&["set", s(&plan), "1.1.1", "percent", "5"], d);
    assert!(!out.status.success());
    drop(holder);
    // Read-only.
    let mut perms = std::fs::metadata(&plan).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&plan, perms).expect("chmod");
    let out = cairn(&["set", s(&plan), "1.1.1", "percent", "5"], d);
    assert!(!out.status.success());
    assert!(!backups::folder(&plan).exists(), "no backups folder");
}

/// Runs cairn with its output read only as far as `keep` bytes, then the
/// pipe closed, as `| head -c keep` would.
fn head(args: &[&str], home: &Path, keep: usize) -> (std::process::ExitStatus, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(args)
        .env("CAIRN_HOME", home)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut buf = vec![0u8; keep];
    stdout.read_exact(&mut buf).expect("the first bytes");
    drop(stdout);
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    (child.wait().expect("wait"), err)
}

#[test]
fn a_closed_pipe_ends_tree_history_and_export_quietly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let big = d.join("big.cairn");
    ok(&cairn(
        &[
            "generate",
            s(&big),
            "--items",
            "3000",
            "--kpis",
            "50",
            "--measurements",
            "500",
        ],
        d,
    ));
    // History long enough to overflow a pipe's buffer.
    let plan = phoenix(d);
    let edits: String = (0..700)
        .map(|n| {
            format!("1.1.1\tdescription\tA description, revision {n}, long enough to fill a pipe\n")
        })
        .collect();
    let mut set = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(["set", s(&plan), "--stdin"])
        .env("CAIRN_HOME", d)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn");
    std::io::Write::write_all(&mut set.stdin.take().expect("stdin"), edits.as_bytes())
        .expect("write");
    assert!(set.wait().expect("wait").success());
    for args in [
        vec!["tree", s(&big)],
        vec!["export", s(&big), "--json"],
        vec!["export", s(&big), "--csv", "--table", "initiatives"],
        vec!["history", s(&plan)],
        vec!["history", s(&plan), "--csv"],
    ] {
        let (status, err) = head(&args, d, 100);
        assert!(status.success(), "{args:?}: {status:?} {err}");
        assert!(err.is_empty(), "{args:?} said: {err}");
    }
}
