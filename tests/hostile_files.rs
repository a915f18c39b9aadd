//! Files that are not Cairn workbenches (or not ones this Cairn may write)
//! are refused with a clear message, and their bytes are left unchanged.

use std::path::Path;

use cairn::interchange::seeds::Seed;
use cairn::store::{Store, StoreError};

fn refused(path: &Path) -> String {
    let before = std::fs::read(path).expect("read before");
    let err = match Store::open(path) {
        Ok(_) => panic!("{} should be refused", path.display()),
        Err(e) => e,
    };
    let after = std::fs::read(path).expect("read after");
    assert!(
        before == after,
        "{} was changed by opening it",
        path.display()
    );
    // Sidecar files must not be left behind either.
    for ext in ["cairn-wal", "cairn-shm"] {
        assert!(!path.with_extension(ext).exists(), "left a {ext} file");
    }
    err.to_string()
}

fn phoenix_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("phoenix.cairn");
    drop(Store::create(&path, &Seed::Phoenix.plan().expect("seed")).expect("create"));
    path
}

#[test]
fn empty_text_and_random_files_are_not_workbenches() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.cairn");
    std::fs::write(&empty, b"").expect("write");
    let msg = refused(&empty);
    assert!(
        msg.contains("not a Cairn workbench") && msg.contains("empty"),
        "{msg}"
    );

    let text = dir.path().join("notes.cairn");
    std::fs::write(&text, "Goal 1: modernise everything\n".repeat(20)).expect("write");
    assert!(refused(&text).contains("not a database"));

    let random = dir.path().join("random.cairn");
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&random, bytes).expect("write");
    assert!(refused(&random).contains("not a Cairn workbench"));

    // An SQLite header and nothing else.
    let stub = dir.path().join("stub.cairn");
    std::fs::write(&stub, b"SQLite format 3\0").expect("write");
    assert!(refused(&stub).contains("not a Cairn workbench"));
}

#[test]
fn another_programs_database_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let other = dir.path().join("budget.cairn");
    {
        let conn = rusqlite::Connection::open(&other).expect("open");
        conn.execute_batch("CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO ledger VALUES (1, 2.5);")
            .expect("create");
    }
    let msg = refused(&other);
    assert!(msg.contains("another program"), "{msg}");
}

#[test]
fn a_truncated_workbench_is_reported_as_damaged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = phoenix_file(dir.path());
    let bytes = std::fs::read(&path).expect("read");
    for keep in [bytes.len() / 2, 4096, 200] {
        let cut = dir.path().join(format!("cut{keep}.cairn"));
        std::fs::write(&cut, &bytes[..keep]).expect("write");
        let msg = refused(&cut);
        assert!(
            msg.contains("damaged") || msg.contains("truncated"),
            "{msg}"
        );
    }
}

#[test]
fn a_workbench_from_a_newer_cairn_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = phoenix_file(dir.path());
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "user_version", 99).expect("bump");
        conn.pragma_update(None, "journal_mode", "DELETE")
            .expect("journal");
    }
    let msg = refused(&path);
    assert!(
        msg.contains("newer version of Cairn") && msg.contains("99"),
        "{msg}"
    );
}

#[test]
fn a_workbench_with_corrupt_plan_data_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = phoenix_file(dir.path());
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute("UPDATE plan SET info = '{\"nonsense\": true}'", [])
            .expect("corrupt");
        conn.pragma_update(None, "journal_mode", "DELETE")
            .expect("journal");
    }
    let msg = refused(&path);
    assert!(msg.contains("damaged"), "{msg}");
}

#[test]
fn a_missing_file_says_so() {
    let err = Store::open(Path::new("/nonexistent/dir/plan.cairn"))
        .err()
        .expect("refused");
    assert!(matches!(err, StoreError::Io { .. }), "{err}");
}

#[test]
fn creating_over_an_existing_file_is_refused_and_keeps_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("keep.cairn");
    std::fs::write(&path, "precious").expect("write");
    let err = Store::create(&path, &Seed::Blank.plan().expect("blank"))
        .err()
        .expect("refused");
    assert!(err.to_string().contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "precious");
}

/// Found by `cargo fuzz run open_file`: a version-2 workbench whose data
/// does not hold together (commentary on an item that does not exist). It
/// used to be upgraded, and a backup written, before the check failed, so
/// a refused file was changed.
#[test]
fn fuzz_regression_an_older_damaged_workbench_is_refused_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("crash.cairn");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz/open-file-crash-1.cairn"),
        &path,
    )
    .expect("copy");
    let msg = refused(&path);
    assert!(msg.contains("damaged"), "{msg}");
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("backup"))
        .collect();
    assert!(leftovers.is_empty(), "a backup was left: {leftovers:?}");
}

/// Found by looking at a real session: a workbench deleted while a killed
/// Cairn had left its write-ahead log beside it. A new workbench created at
/// the same path had the old log replayed into it, bringing back another
/// plan's rows. The orphaned log is now removed before the new file lands.
#[test]
fn a_new_workbench_ignores_the_log_of_a_deleted_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.cairn");
    drop(Store::create(&path, &Seed::Phoenix.plan().expect("seed")).expect("create"));
    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
         UPDATE items SET title = 'from the deleted file';",
    )
    .expect("write to the log only");
    // As if the process died; then someone deletes the workbench alone.
    std::mem::forget(conn);
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    assert!(std::path::PathBuf::from(&wal).exists(), "a log is left");
    std::fs::remove_file(&path).expect("delete the workbench");

    let milwaukee = Seed::Milwaukee.plan().expect("seed");
    drop(Store::create(&path, &milwaukee).expect("create anew"));
    let (_, plan) = Store::open_read_only(&path).expect("reopen");
    assert_eq!(plan.info.organisation, milwaukee.info.organisation);
    assert!(
        plan.items()
            .iter()
            .all(|i| i.title != "from the deleted file"),
        "no rows from the deleted file"
    );
    assert_eq!(plan.items().len(), milwaukee.items().len());
}
