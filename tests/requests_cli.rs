//! The update cycle on the command line, as an analyst runs it: requests
//! written with `cairn request-updates`, listed with `cairn requests`, one
//! filled in the way a person would in Excel, reviewed with
//! `merge-updates --dry-run` (nothing written), merged (the history names
//! the owner), and refused when merged again.

use std::path::Path;
use std::process::Command;

mod common;
use common::xlsx::{Value, fill_in};

fn run(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(args)
        .current_dir(dir)
        .env("CAIRN_USER", "pmo-analyst")
        .env("CAIRN_HOME", dir.join("home"))
        .output()
        .expect("run cairn");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn requests_are_written_listed_filled_in_reviewed_merged_and_not_merged_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let ok = |args: &[&str]| {
        let (ok, out, err) = run(d, args);
        assert!(ok, "cairn {args:?}: {out}{err}");
        (out, err)
    };
    ok(&["new", "plan.cairn", "--seed", "phoenix", "--sample-kpis"]);
    ok(&["set", "plan.cairn", "1.1.1", "owner", "Dana Ruiz"]);
    ok(&["set", "plan.cairn", "1.1.2", "owner", "Dana Ruiz"]);
    let (out, _) = ok(&[
        "request-updates",
        "plan.cairn",
        "--period",
        "FY2026 Q2",
        "--due",
        "2026-01-20",
        "-o",
        "out",
    ]);
    assert!(out.contains("Dana Ruiz  2 initiatives"), "{out}");
    let file = std::fs::read_dir(d.join("out"))
        .expect("out")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains("Dana Ruiz"))
        .expect("Dana's request");
    let (out, _) = ok(&["requests", "plan.cairn"]);
    // Due 2026-01-20, so past due by now: outstanding.
    let dana = out
        .lines()
        .find(|l| l.contains("Dana Ruiz"))
        .expect("Dana's row");
    assert!(
        dana.contains("2026-01-20") && dana.ends_with("outstanding"),
        "{out}"
    );

    // Dana picks "At risk", types 40 and a note on her first initiative.
    let returned = d.join("Dana returned.xlsx");
    std::fs::write(
        &returned,
        fill_in(
            &file,
            &[
                ("sheet2", "G2", Value::Text("At risk")),
                ("sheet2", "H2", Value::Number(40.0)),
                ("sheet2", "J2", Value::Text("Vendor slipped two weeks")),
            ],
        ),
    )
    .expect("write the return");
    let before = std::fs::read(d.join("plan.cairn")).expect("bytes");
    let (out, err) = ok(&[
        "merge-updates",
        "plan.cairn",
        "Dana returned.xlsx",
        "--dry-run",
    ]);
    assert!(out.contains("status: — → At risk"), "{out}");
    assert!(out.contains("percent: — → 40"), "{out}");
    assert!(err.contains("Dry run: nothing was written"), "{err}");
    let (_, history, _) = run(d, &["history", "plan.cairn", "--item", "1.1.1"]);
    assert!(
        !history.contains("accepted by"),
        "the dry run wrote nothing: {history}"
    );
    assert_eq!(
        std::fs::read(d.join("plan.cairn")).expect("bytes").len(),
        before.len()
    );

    let (_, err) = ok(&["merge-updates", "plan.cairn", "Dana returned.xlsx"]);
    assert!(err.contains("1 row accepted"), "{err}");
    let (tree, _) = ok(&["tree", "plan.cairn"]);
    let line = tree
        .lines()
        .find(|l| l.trim_start().starts_with("1.1.1 "))
        .expect("1.1.1");
    assert!(line.contains("At risk") && line.contains("40%"), "{line}");
    let (history, _) = ok(&["history", "plan.cairn", "--item", "1.1.1"]);
    assert!(
        history.contains("Dana Ruiz, accepted by pmo-analyst"),
        "{history}"
    );
    let (out, _) = ok(&["requests", "plan.cairn"]);
    let dana = out
        .lines()
        .find(|l| l.contains("Dana Ruiz"))
        .expect("Dana's row");
    assert!(
        dana.contains("merged (1 accepted, 0 rejected, by pmo-analyst)"),
        "{out}"
    );

    let (merged_again, out, err) = run(d, &["merge-updates", "plan.cairn", "Dana returned.xlsx"]);
    assert!(!merged_again, "a merged request is refused: {out}{err}");
    assert!(
        format!("{out}{err}").contains("already merged"),
        "{out}{err}"
    );
}
