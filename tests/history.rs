//! The change history: every edit says who, when, what, old and new value
//! and why; `cairn history` exports it.

use std::process::Command;

fn cairn(args: &[&str], user: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(args)
        .env("CAIRN_USER", user)
        .output()
        .expect("run")
}

#[test]
fn history_records_every_edit_and_exports_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("p.cairn");
    let f = f.to_str().expect("path");
    assert!(
        cairn(&["new", f, "--seed", "phoenix"], "alice")
            .status
            .success()
    );
    assert!(
        cairn(&["set", f, "1.1.1", "status", "completed"], "alice")
            .status
            .success()
    );
    assert!(
        cairn(&["set", f, "1.1.1", "percent", "100"], "bob")
            .status
            .success()
    );
    assert!(
        cairn(
            &["set", f, "2.1", "owner", "Web team, Digital \"Services\""],
            "bob"
        )
        .status
        .success()
    );

    let out = cairn(&["history", f, "--csv"], "carol");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "when", "who", "action", "code", "item", "field", "old", "new", "reason", "author",
            "request", "reviewer"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][1], "alice");
    assert_eq!(&rows[0][3], "1.1.1");
    assert_eq!(&rows[0][4], "City of Phoenix/ITS Strategic Technology Plan");
    // A status is recorded for today's reporting period, which the
    // history names.
    assert!(rows[0][5].starts_with("progress FY"), "{:?}", &rows[0]);
    assert_eq!((&rows[0][6], &rows[0][7]), ("Not started", "Completed"));
    assert!(
        rows[0][0].ends_with('Z') && rows[0][0].contains('T'),
        "an RFC 3339 time: {}",
        &rows[0][0]
    );
    // Commas and quotes survive the CSV.
    assert_eq!(&rows[2][7], "Web team, Digital \"Services\"");

    let out = cairn(
        &["history", f, "--item", "1.1.1", "--who", "bob", "--csv"],
        "carol",
    );
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 1);
    assert!(rows[0][5].starts_with("progress FY"), "{:?}", &rows[0]);
    assert!(rows[0][7].ends_with("100%"), "{:?}", &rows[0]);

    let today = chrono::Utc::now().date_naive();
    let tomorrow = today.succ_opt().expect("date").to_string();
    let out = cairn(&["history", f, "--since", &tomorrow, "--csv"], "carol");
    assert_eq!(
        csv::Reader::from_reader(out.stdout.as_slice())
            .records()
            .count(),
        0
    );
    let out = cairn(
        &["history", f, "--until", &today.to_string(), "--csv"],
        "carol",
    );
    assert_eq!(
        csv::Reader::from_reader(out.stdout.as_slice())
            .records()
            .count(),
        3
    );

    let out = cairn(&["history", f, "--since", "last week"], "carol");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--since"));
    let out = cairn(&["history", f, "--item", "9.9"], "carol");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no item has the code"));
}
