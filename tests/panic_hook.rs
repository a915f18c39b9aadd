//! The last-resort panic hook: one readable line on stderr naming the log,
//! and the details in the log. Runs itself as a child process (with its own
//! CAIRN_HOME) so the hook and the panic stay out of this test process.

#[test]
fn a_panic_prints_one_line_and_logs_the_details() {
    if std::env::var_os("CAIRN_TEST_PANIC_CHILD").is_some() {
        cairn::store::crash::install_panic_hook();
        panic!("a test of the hook");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let out = std::process::Command::new(std::env::current_exe().expect("exe"))
        .args([
            "--exact",
            "a_panic_prints_one_line_and_logs_the_details",
            "--test-threads=1",
        ])
        .env("CAIRN_TEST_PANIC_CHILD", "1")
        .env("CAIRN_HOME", dir.path())
        .output()
        .expect("run the child");
    let err = String::from_utf8_lossy(&out.stderr);
    let log = dir.path().join("cairn-crash.log");
    let line = err
        .lines()
        .find(|l| l.starts_with("cairn: an internal error"))
        .unwrap_or_else(|| panic!("no hook line in: {err}"));
    assert!(line.contains(&log.display().to_string()), "{line}");
    assert!(
        !err.contains("panicked at"),
        "Rust's own message leaked: {err}"
    );
    let text = std::fs::read_to_string(&log).expect("the log was written");
    assert!(text.contains("a test of the hook"), "{text}");
    assert!(text.contains("panic_hook.rs"), "{text}");
}
