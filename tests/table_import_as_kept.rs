//! Spreadsheets as people keep them (issue 17): a title above the header,
//! tracker status words the plan does not use, outline codes before the
//! titles, and a blank plan named from the sheet. Fixtures are real .xlsx
//! files written as a person lays out a tracker in Excel.

use std::path::{Path, PathBuf};

use cairn::command::Command;
use cairn::interchange::seeds::Seed;
use cairn::model::{Plan, StatusKind, Tree};
use cairn::store::Store;
use cairn::table::read::{Grid, read_bytes};
use cairn::table::value_map::{self, ValueMap};
use cairn::table::{TableError, naming, plan_import};
use cairn::workbench::Workbench;

/// One row of the tracker: goal cell, action cell, lead, status, start, due.
type TrackerRow<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    (i32, u8, u8),
    (i32, u8, u8),
);

const TRACKER: [TrackerRow<'static>; 4] = [
    (
        "1. Modernize city services",
        "1.1 Replace legacy ERP",
        "Ann Lee",
        "In Progress",
        (2024, 7, 1),
        (2026, 6, 30),
    ),
    (
        "",
        "1.2 Open data portal",
        "Bo Kim",
        "Complete",
        (2024, 1, 15),
        (2025, 3, 31),
    ),
    (
        "2. Secure city systems",
        "2.1 Multi-factor authentication",
        "Cy Ortiz",
        "Not Started",
        (2025, 7, 1),
        (2028, 6, 30),
    ),
    (
        "",
        "2025 budget review",
        "Di Park",
        "Delayed",
        (2025, 1, 1),
        (2025, 12, 31),
    ),
];

/// A tracker as kept in Excel: a title in row 1, row 2 blank, a note in
/// row 3, the header in row 4, dates as dates.
fn tracker(rows: &[TrackerRow<'_>]) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Tracker").expect("name");
    let bold = Format::new().set_bold().set_font_size(16);
    let day = Format::new().set_num_format("mm/dd/yyyy");
    sheet
        .merge_range(0, 0, 0, 5, "City of Example Action Tracker", &bold)
        .expect("title");
    sheet
        .write_string(2, 0, "Status as of March 2025")
        .expect("note");
    for (c, h) in ["Goal", "Action", "Lead", "Status", "Start", "Due"]
        .iter()
        .enumerate()
    {
        sheet
            .write_string(3, u16::try_from(c).expect("col"), *h)
            .expect("header");
    }
    for (i, (goal, action, lead, status, start, due)) in rows.iter().enumerate() {
        let r = 4 + u32::try_from(i).expect("row");
        if !goal.is_empty() {
            sheet.write_string(r, 0, *goal).expect("w");
        }
        sheet.write_string(r, 1, *action).expect("w");
        sheet.write_string(r, 2, *lead).expect("w");
        sheet.write_string(r, 3, *status).expect("w");
        for (c, (y, m, d)) in [(4, start), (5, due)] {
            let date = ExcelDateTime::from_ymd(u16::try_from(*y).expect("y"), *m, *d).expect("d");
            sheet
                .write_datetime_with_format(r, c, &date, &day)
                .expect("w");
        }
    }
    book.save_to_buffer().expect("xlsx")
}

fn grid(bytes: &[u8]) -> Grid {
    read_bytes(bytes, "tracker.xlsx", None, &["Plan"]).unwrap_or_else(|e| panic!("{e}"))
}

fn problems(e: &TableError) -> Vec<String> {
    e.problems.iter().map(ToString::to_string).collect()
}

fn outline(plan: &Plan) -> Vec<String> {
    let tree = Tree::build(plan);
    tree.placements
        .iter()
        .map(|p| format!("{} {}", p.code, plan.items()[p.item].title))
        .collect()
}

/// The mapping by header, with every proposal taken and `extra` added.
fn mapping_with(grid: &Grid, plan: &Plan, extra: &[&str]) -> plan_import::Mapping {
    let mut m = plan_import::Mapping::guess(&grid.headers);
    for e in extra {
        let v = value_map::parse_entry(grid, &m, e, plan).unwrap_or_else(|e| panic!("{e}"));
        m.values.push(v);
    }
    for u in value_map::unmapped(grid, &m, plan) {
        if let Some(to) = u.proposal {
            m.values.push(ValueMap {
                column: u.column,
                from: u.value,
                to,
            });
        }
    }
    m
}

struct Bench {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn blank() -> Bench {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.cairn");
    drop(Store::create(&path, &Seed::Blank.plan().expect("blank")).expect("create"));
    Bench { _dir: dir, path }
}

fn saved(path: &Path) -> (Plan, usize) {
    let (store, plan) = Store::open_read_only(path).expect("reopen");
    (plan, store.history_len())
}

#[test]
fn the_header_is_found_below_the_title_and_rows_keep_their_numbers() {
    let g = grid(&tracker(&TRACKER));
    assert_eq!(g.header_row, 4);
    assert_eq!(
        g.headers,
        ["Goal", "Action", "Lead", "Status", "Start", "Due"]
    );
    assert_eq!(
        g.title_rows,
        ["City of Example Action Tracker", "Status as of March 2025"]
    );
    assert_eq!(
        g.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        [5, 6, 7, 8]
    );
    assert!(
        g.notes.iter().any(|n| n.contains("the header is row 4")),
        "{:?}",
        g.notes
    );
    // A sheet whose first row is its header reads as before.
    let plain = read_bytes(b"Goal,Project\nA,B\n", "plain.csv", None, &[]).expect("read");
    assert_eq!(plain.header_row, 1);
    assert!(plain.title_rows.is_empty());
}

#[test]
fn unknown_status_words_are_refused_by_row_and_column_until_mapped() {
    let g = grid(&tracker(&TRACKER));
    let plan = Seed::Blank.plan().expect("blank");
    let bare = plan_import::Mapping::guess(&g.headers);
    let err = plan_import::prepare(&g, &bare, &plan).expect_err("unmapped values");
    let p = problems(&err);
    // "Not Started" is the plan's own label (case aside): no problem.
    assert_eq!(p.len(), 3, "{p:#?}");
    assert!(
        p[0].starts_with("row 5, column D (Status): \"In Progress\" is not a status of the plan; map it to one of Not started, On track"),
        "{p:#?}"
    );
    assert!(
        p[2].starts_with("row 8, column D (Status): \"Delayed\"")
            && p[2].ends_with("(--map-value \"Status:Delayed=STATUS\")"),
        "{p:#?}"
    );

    // The obvious readings are proposed; "Delayed" is not obvious.
    let un = value_map::unmapped(&g, &bare, &plan);
    let proposed: Vec<(&str, Option<&str>, Vec<usize>)> = un
        .iter()
        .map(|u| (u.value.as_str(), u.proposal.as_deref(), u.rows.clone()))
        .collect();
    assert_eq!(
        proposed,
        [
            ("In Progress", Some("on_track"), vec![5]),
            ("Complete", Some("completed"), vec![6]),
            ("Delayed", None, vec![8]),
        ]
    );
    // Proposals alone leave "Delayed" refused, by its row.
    let m = mapping_with(&g, &plan, &[]);
    let err = plan_import::prepare(&g, &m, &plan).expect_err("Delayed");
    assert_eq!(problems(&err).len(), 1);
    assert!(problems(&err)[0].starts_with("row 8, column D (Status): \"Delayed\""));

    // Bad --map-value entries say what is wrong.
    let bad = |e: &str| {
        value_map::parse_entry(&g, &bare, e, &plan)
            .expect_err(e)
            .to_string()
    };
    assert!(bad("Status:Delayed=sideways").contains("\"sideways\" is not a status of the plan"));
    assert!(bad("Lead:Ann Lee=on_track").contains("column C (Lead) is not read as status or term"));
    assert!(bad("Colour:Red=at_risk").contains("name a column of the table"));
    assert!(bad("Status:Delayed").contains("write it as COLUMN:FROM=TO"));
    // The plan's label or its key both work.
    let ok = value_map::parse_entry(&g, &bare, "status : delayed = At risk", &plan).expect("ok");
    assert_eq!(
        (ok.column, ok.from.as_str(), ok.to.as_str()),
        (3, "delayed", "at_risk")
    );

    // Terms are mapped the same way.
    let csv = read_bytes(
        b"Goal,Project,Term\nG,P,0-2 years\n,Q,Long-term\n",
        "terms.csv",
        None,
        &[],
    )
    .expect("read");
    let mut m = plan_import::Mapping::guess(&csv.headers);
    let err = plan_import::prepare(&csv, &m, &plan).expect_err("0-2 years");
    assert_eq!(
        problems(&err),
        [
            "row 2, column C (Term): \"0-2 years\" is not a term; map it to short or long (--map-value \"Term:0-2 years=short\")"
        ]
    );
    m.values
        .push(value_map::parse_entry(&csv, &m, "Term:0-2 years=short", &plan).expect("term"));
    let t = plan_import::prepare(&csv, &m, &plan).expect("mapped");
    assert_eq!(t.rows[0].fields[0].text, "short");
    assert_eq!(t.values[0].field, "term");
}

#[test]
fn a_tracker_imports_with_codes_taken_off_values_mapped_and_remembered() {
    let b = blank();
    let bytes = tracker(&TRACKER);
    let g = grid(&bytes);
    let mut wb = Workbench::open(&b.path).expect("open");
    let m = mapping_with(&g, wb.plan(), &["Status:Delayed=at_risk"]);
    let mut table = plan_import::prepare(&g, &m, wb.plan()).unwrap_or_else(|e| panic!("{e}"));
    // The codes are gone from the titles; a year is no code.
    assert_eq!(
        table
            .rows
            .iter()
            .map(|r| r.path.join(" / "))
            .collect::<Vec<_>>(),
        [
            "Modernize city services / Replace legacy ERP",
            "Modernize city services / Open data portal",
            "Secure city systems / Multi-factor authentication",
            "Secure city systems / 2025 budget review",
        ]
    );
    // Into a blank plan: the name from the title, the timeframe from the dates.
    let (proposal, from) = naming::propose(&g, &table, &wb.plan().info).expect("a proposal");
    assert_eq!(
        proposal.sentence(),
        "City of Example — Action Tracker, 2024–2028"
    );
    assert!(from.contains("City of Example Action Tracker"), "{from}");
    assert!(from.contains("dates"), "{from}");
    table.naming = Some(proposal);
    wb.apply(&Command::ImportPlanTable(Box::new(table)))
        .unwrap_or_else(|e| panic!("{e}"));
    drop(wb);
    let (plan, _) = saved(&b.path);
    assert_eq!(
        outline(&plan),
        [
            "1 Modernize city services",
            "1.1 Replace legacy ERP",
            "1.2 Open data portal",
            "2 Secure city systems",
            "2.1 Multi-factor authentication",
            "2.2 2025 budget review",
        ]
    );
    let status = |t: &str| {
        plan.items()
            .iter()
            .find(|i| i.title == t)
            .map(|i| i.status())
            .expect(t)
    };
    assert_eq!(status("Replace legacy ERP"), StatusKind::OnTrack);
    assert_eq!(status("Open data portal"), StatusKind::Completed);
    assert_eq!(
        status("Multi-factor authentication"),
        StatusKind::NotStarted
    );
    assert_eq!(status("2025 budget review"), StatusKind::AtRisk);
    assert_eq!(plan.info.organisation, "City of Example");
    assert_eq!(plan.info.title, "Action Tracker");
    assert_eq!((plan.info.start_year, plan.info.end_year), (2024, 2028));
    assert_eq!(plan.info.levels, ["Goal", "Action"]);
    // The mappings are remembered and offered for the next sheet.
    assert_eq!(
        plan.info
            .value_aliases
            .iter()
            .map(|a| format!("{}: {} → {}", a.field, a.from, a.to))
            .collect::<Vec<_>>(),
        [
            "status: Delayed → at_risk",
            "status: In Progress → on_track",
            "status: Complete → completed",
        ]
    );
    let next = grid(&tracker(&TRACKER[3..]));
    let bare = plan_import::Mapping::guess(&next.headers);
    let un = value_map::unmapped(&next, &bare, &plan);
    assert_eq!(un.len(), 1);
    assert_eq!(un[0].proposal.as_deref(), Some("at_risk"));
    assert!(un[0].remembered);
    // A remembered mapping to no status is refused when a file is read.
    let mut bad = plan.clone();
    bad.info.value_aliases[0].to = "sideways".into();
    let err = bad.validate().expect_err("not a status");
    assert!(
        err.to_string().contains("\"Delayed\" → \"sideways\""),
        "{err}"
    );
}

#[test]
fn a_code_that_does_not_match_the_tree_is_refused_and_nothing_changes() {
    let b = blank();
    let bytes = tracker(&TRACKER);
    let g = grid(&bytes);
    let mut wb = Workbench::open(&b.path).expect("open");
    let m = mapping_with(&g, wb.plan(), &["Status:Delayed=at_risk"]);
    let table = plan_import::prepare(&g, &m, wb.plan()).unwrap_or_else(|e| panic!("{e}"));
    wb.apply(&Command::ImportPlanTable(Box::new(table)))
        .unwrap_or_else(|e| panic!("{e}"));
    // The same sheet again: codes match, nothing to change.
    let again = plan_import::prepare(&g, &m, wb.plan()).expect("again");
    let summary = plan_import::preview(&again, wb.plan()).expect("codes match");
    assert!(summary.created.is_empty() && summary.updated.is_empty());
    // An action written with its goal's code fits (the parent chain);
    // "1.1a" for what lands at 1.3 does not.
    let sub = |title: &str| {
        grid(&tracker(&[(
            "1. Modernize city services",
            title,
            "Ann Lee",
            "Not Started",
            (2025, 1, 1),
            (2026, 1, 1),
        )]))
    };
    let g1 = sub("1. Retire the old payroll");
    let t =
        plan_import::prepare(&g1, &mapping_with(&g1, wb.plan(), &[]), wb.plan()).expect("prepared");
    let summary = plan_import::preview(&t, wb.plan()).expect("the goal's code fits");
    assert_eq!(summary.created.len(), 1);
    let g2 = sub("1.1a Retire the old payroll");
    let t =
        plan_import::prepare(&g2, &mapping_with(&g2, wb.plan(), &[]), wb.plan()).expect("prepared");
    let err = plan_import::preview(&t, wb.plan()).expect_err("1.1a is not 1.3");
    assert!(
        err.to_string().contains(
            "row 5, column B (Action): the code \"1.1a\" does not match where \"Retire the old payroll\" is in the plan (1.3)"
        ),
        "{err}"
    );
    // Wrong codes: reported by row and column, the plan unchanged.
    let wrong = grid(&tracker(&[
        (
            "3. Modernize city services",
            "1.2 Replace legacy ERP",
            "Ann Lee",
            "In Progress",
            (2024, 7, 1),
            (2026, 6, 30),
        ),
        (
            "",
            "1.2 Open data portal",
            "Bo Kim",
            "Complete",
            (2024, 1, 15),
            (2025, 3, 31),
        ),
    ]));
    let wm = mapping_with(&wrong, wb.plan(), &[]);
    let t = plan_import::prepare(&wrong, &wm, wb.plan()).expect("prepared");
    let before = wb.plan().clone();
    let err = wb
        .apply(&Command::ImportPlanTable(Box::new(t.clone())))
        .expect_err("codes do not match");
    let text = err.to_string();
    assert!(
        text.contains("row 5, column A (Goal): the code \"3.\" does not match where \"Modernize city services\" is in the plan (1)"),
        "{text}"
    );
    assert!(
        text.contains("row 5, column B (Action): the code \"1.2\" does not match where \"Replace legacy ERP\" is in the plan (1.1)"),
        "{text}"
    );
    assert!(!text.contains("row 6"), "{text}");
    assert_eq!(wb.plan(), &before);
    // --keep-codes: the titles are taken as written (new items).
    let mut keep = wm.clone();
    keep.keep_codes = true;
    let t = plan_import::prepare(&wrong, &keep, wb.plan()).expect("prepared");
    assert_eq!(t.rows[0].path[1], "1.2 Replace legacy ERP");
}

// ---------------------------------------------------------------- command line

fn cairn(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(args)
        .output()
        .expect("run cairn")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn cli_imports_a_tracker_maps_values_and_names_the_plan_on_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let sheet = d.join("tracker.xlsx");
    std::fs::write(&sheet, tracker(&TRACKER)).expect("write");
    let s = sheet.to_str().expect("path");
    let file = d.join("plan.cairn");
    let f = file.to_str().expect("path");

    // "Delayed" has no obvious reading: refused, nothing written.
    let out = cairn(&["import-table", f, s]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("row 8, column D (Status): \"Delayed\" is not a status of the plan"),
        "{err}"
    );
    assert!(
        err.contains("--map-value \"Status:Delayed=STATUS\""),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!file.exists());

    // Mapped: imported; the obvious readings and the name are said.
    let out = cairn(&[
        "import-table",
        f,
        s,
        "--map-value",
        "Status:Delayed=at risk",
    ]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("column D (Status): \"Complete\" taken as Completed (the obvious reading"),
        "{err}"
    );
    assert!(err.contains("the header is row 4"), "{err}");
    assert!(
        err.contains(
            "The sheet suggests naming the plan City of Example — Action Tracker, 2024–2028"
        ),
        "{err}"
    );
    let tree = String::from_utf8(cairn(&["tree", f]).stdout).expect("utf-8");
    assert!(
        tree.starts_with("Organisation — Strategic Technology Plan"),
        "{tree}"
    );
    assert!(
        tree.contains("1.1 Action: Replace legacy ERP [On track"),
        "{tree}"
    );
    assert!(
        tree.contains("2.2 Action: 2025 budget review [At risk"),
        "{tree}"
    );

    // Again into the same plan: the plan remembers "Delayed".
    let out = cairn(&["import-table", f, s, "--dry-run"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("\"Delayed\" taken as At risk (as this plan's last import read it"),
        "{err}"
    );
    // --name-plan only names a blank plan.
    let out = cairn(&["import-table", f, s, "--name-plan"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("already has items"),
        "{}",
        stderr(&out)
    );

    // Into a new workbench with --name-plan: named from the sheet.
    let named = d.join("named.cairn");
    let n = named.to_str().expect("path");
    let out = cairn(&[
        "import-table",
        n,
        s,
        "--map-value",
        "Status:Delayed=off_track",
        "--name-plan",
    ]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("The plan is named: City of Example — Action Tracker, 2024–2028"),
        "{err}"
    );
    let tree = String::from_utf8(cairn(&["tree", n]).stdout).expect("utf-8");
    assert!(
        tree.starts_with("City of Example — Action Tracker 2024–2028"),
        "{tree}"
    );
    assert!(
        tree.contains("2.2 Action: 2025 budget review [Off track"),
        "{tree}"
    );

    // A bad --map-value is refused before anything is read into the plan.
    let before = std::fs::read(&named).expect("bytes");
    let out = cairn(&[
        "import-table",
        n,
        s,
        "--map-value",
        "Status:Delayed=sideways",
    ]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("\"sideways\" is not a status of the plan"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&named).expect("bytes"), before);
}
