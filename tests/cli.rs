//! The command line, run as a user would: exit codes, stdout and stderr.

use std::path::Path;
use std::process::Output;

mod common;
use common::{cairn, ok};

fn fails(out: &Output) -> String {
    assert!(
        !out.status.success(),
        "should fail; stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8(out.stderr.clone()).expect("utf-8");
    assert!(err.starts_with("cairn: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn stats_json_reports_the_seed_counts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    for (seed, expect) in [
        ("phoenix", None),
        (
            "milwaukee",
            Some(
                r#"{"levels":[{"distinct":5,"name":"Goal","placements":5},{"distinct":18,"name":"Focus area","placements":18},{"distinct":63,"name":"Project","placements":65}]}"#,
            ),
        ),
    ] {
        let file = d.join(format!("{seed}.cairn"));
        let f = file.to_str().expect("path");
        ok(&cairn(&["new", f, "--seed", seed], d));
        let out = ok(&cairn(&["stats", f, "--json"], d));
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        assert_eq!(v["levels"][0]["distinct"], 5);
        if let Some(expect) = expect {
            assert_eq!(out.trim(), expect);
        } else {
            assert_eq!(v["levels"][1]["name"], "Objective");
            assert_eq!(v["levels"][1]["distinct"], 25);
        }
    }
}

#[test]
fn export_import_export_gives_the_same_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let a = d.join("a.cairn");
    let b = d.join("b.cairn");
    let (ja, jb) = (d.join("a.json"), d.join("b.json"));
    let s = |p: &Path| p.to_str().expect("path").to_owned();
    ok(&cairn(
        &["new", &s(&a), "--seed", "phoenix", "--sample-kpis"],
        d,
    ));
    ok(&cairn(&["set", &s(&a), "2.1.3", "percent", "35"], d));
    ok(&cairn(&["set", &s(&a), "2.1.3", "status", "at_risk"], d));
    ok(&cairn(&["set", &s(&a), "2.1.3", "due", "2026-06-30"], d));
    ok(&cairn(&["export", &s(&a), "--json", "-o", &s(&ja)], d));
    ok(&cairn(&["import", &s(&ja), "-o", &s(&b)], d));
    ok(&cairn(&["export", &s(&b), "--json", "-o", &s(&jb)], d));
    let (x, y) = (
        std::fs::read(&ja).expect("a"),
        std::fs::read(&jb).expect("b"),
    );
    assert!(x == y, "exports differ");
    let text = String::from_utf8(x).expect("utf-8");
    assert!(text.contains("\"percent\": 35.0") && text.contains("\"due\": \"2026-06-30\""));
}

#[test]
fn tree_shows_codes_status_percent_and_links() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let f = d.join("p.cairn");
    let f = f.to_str().expect("path");
    ok(&cairn(&["new", f, "--seed", "phoenix"], d));
    ok(&cairn(&["set", f, "1.1.1", "status", "completed"], d));
    let out = ok(&cairn(&["tree", f], d));
    assert!(out.starts_with("City of Phoenix — Strategic Technology Plan 2022–2026\n"));
    assert!(out.contains("\n  1.1 Objective: Invest in and promote technologies"));
    assert!(out.contains("1.1.1 Key initiative: City of Phoenix/ITS Strategic Technology Plan [Completed 100%] (short-term)"));
    // One of seven initiatives done: 1.1 is on track at 14%.
    assert!(
        out.contains("city departments and our residents [On track 14%]"),
        "{out}"
    );
    assert!(out.contains("(linked; also 2.1."));
}

#[test]
fn bad_documents_are_refused_with_the_place_and_nothing_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let good = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/milwaukee-2024-2028.json"
    ))
    .expect("seed");
    let cases = [
        (
            "unknown-level",
            good.replacen("\"level\": \"Project\"", "\"level\": \"Task\"", 1),
            "Task",
        ),
        (
            "missing-parent",
            good.replacen("\"p1.1.1\",", "\"p9.9.9\",", 1),
            "p9.9.9",
        ),
        (
            "duplicate-id",
            good.replacen("\"id\": \"p1.1.2\"", "\"id\": \"p1.1.1\"", 1),
            "p1.1.1",
        ),
        (
            "wrong-type",
            good.replacen("\"start_year\": 2024", "\"start_year\": \"2024\"", 1),
            "line",
        ),
        ("not-json", "Goal,Focus area,Project\n".to_owned(), "line 1"),
    ];
    for (name, text, needle) in cases {
        let json = d.join(format!("{name}.json"));
        std::fs::write(&json, text).expect("write");
        let out_file = d.join(format!("{name}.cairn"));
        let err = fails(&cairn(
            &[
                "import",
                json.to_str().expect("p"),
                "-o",
                out_file.to_str().expect("p"),
            ],
            d,
        ));
        assert!(err.contains(needle), "{name}: {err}");
        assert!(!out_file.exists(), "{name}: a file was written");
    }
}

#[test]
fn errors_exit_non_zero_with_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let f = d.join("p.cairn");
    let fs = f.to_str().expect("path");
    assert!(fails(&cairn(&["tree", fs], d)).contains("No such file"));
    ok(&cairn(&["new", fs, "--seed", "milwaukee"], d));
    assert!(fails(&cairn(&["new", fs, "--seed", "milwaukee"], d)).contains("already exists"));
    assert!(fails(&cairn(&["new", "x.cairn", "--seed", "chicago"], d)).contains("unknown seed"));
    assert!(fails(&cairn(&["set", fs, "9.9", "title", "x"], d)).contains("no item has the code"));
    assert!(fails(&cairn(&["set", fs, "1.1", "colour", "x"], d)).contains("unknown field"));
    assert!(fails(&cairn(&["set", fs, "1.1.1", "percent", "abc"], d)).contains("not a number"));
    let text = d.join("notes.cairn");
    std::fs::write(&text, "hello").expect("write");
    assert!(
        fails(&cairn(&["stats", text.to_str().expect("p"), "--json"], d))
            .contains("not a Cairn workbench")
    );
}

#[test]
fn the_default_workbench_is_created_in_the_data_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = ok(&cairn(&["where"], dir.path()));
    assert_eq!(
        out.trim(),
        dir.path().join("workbench.cairn").to_str().expect("p")
    );
}

#[test]
fn a_refused_edit_says_why_once_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let file = d.join("mk.cairn");
    let f = file.to_str().expect("path");
    ok(&cairn(&["new", f, "--seed", "milwaukee"], d));
    let before = std::fs::read(&file).expect("read");
    let err = fails(&cairn(&["set", f, "1.1", "status", "on_track"], d));
    assert_eq!(
        err.matches("takes its figures from its children").count(),
        1,
        "{err}"
    );
    assert_eq!(std::fs::read(&file).expect("read"), before);
}
