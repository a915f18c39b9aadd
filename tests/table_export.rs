//! Exporting to .xlsx and CSV (issue 8), and export → import round trips
//! without loss: titles, levels, links, owners, statuses, percents, dates,
//! budgets, terms, notes and KPI measurements.

use std::io::Read as _;
use std::path::PathBuf;

use cairn::command::Command;
use cairn::interchange::seeds::{self, Seed};
use cairn::model::{Item, Kpi, Plan, StatusKind, Term, Tree};
use cairn::store::Store;
use cairn::table::export::{self, Which};
use cairn::table::read::{Cell, read_bytes};
use cairn::table::{measurements_import, plan_import};
use cairn::workbench::Workbench;
use chrono::NaiveDate;

struct Bench {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn workbench(plan: &Plan) -> Bench {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.cairn");
    drop(Store::create(&path, plan).expect("create"));
    Bench { _dir: dir, path }
}

/// The Milwaukee plan with every table field filled in. The figures are
/// invented for the test (the plan is marked as sample data).
fn milwaukee_filled() -> Plan {
    let mut plan = Seed::Milwaukee.plan().expect("seed");
    plan.info.sample = true;
    let ids: Vec<String> = plan.items().iter().map(|i| i.id.clone()).collect();
    let info = plan.info.clone();
    for (n, id) in ids.iter().enumerate() {
        let item = plan.item_mut(id).expect("item");
        item.owner = format!("Sample owner {}", n % 7);
        item.department = ["ITMD", "Police", "DPW", ""][n % 4].into();
        let status = StatusKind::ALL[n % StatusKind::ALL.len()];
        let percent = match n % 4 {
            0 => None,
            1 => Some(100.0 / 3.0),
            2 => Some(0.0),
            _ => Some(100.0),
        };
        item.updates.clear();
        item.adopt_undated(&info, status, percent).expect("periods");
        item.start = NaiveDate::from_ymd_opt(2024, 1 + u32::try_from(n % 12).expect("month"), 1);
        item.due = (n % 3 != 0)
            .then(|| NaiveDate::from_ymd_opt(2026, 6, 30))
            .flatten();
        item.budget_planned =
            (n % 2 == 0).then_some(1_234_567.89 + f64::from(u32::try_from(n).expect("n")));
        item.budget_actual = (n % 5 == 0).then_some(0.5);
        item.weight = if n % 6 == 0 { 2.5 } else { 1.0 };
        item.term = match n % 3 {
            0 => None,
            1 => Some(Term::Short),
            _ => Some(Term::Long),
        };
        if n % 9 == 0 {
            item.description = format!("Sample description {n}, with a comma\nand a second line");
        }
    }
    plan.validate().expect("valid");
    plan
}

/// Every placement's code with its item's table fields, and the levels.
fn table_view(plan: &Plan) -> Vec<String> {
    let tree = Tree::build(plan);
    let mut out = vec![plan.info.levels.join(" / ")];
    for p in &tree.placements {
        let i: &Item = &plan.items()[p.item];
        out.push(format!(
            "{} {}|{}|{}|{}|{}|{:?}|{:?}|{:?}|{:?}|{:?}|{}|{:?}|{:?}|{:?}",
            p.code,
            if p.linked { "linked" } else { "" },
            i.level,
            i.title,
            i.owner,
            i.department,
            i.status(),
            i.percent(),
            i.start,
            i.due,
            i.budget_planned,
            i.weight,
            i.budget_actual,
            i.term,
            (&i.description, &i.source_note),
        ));
    }
    out
}

fn import_plan(bytes: &[u8], name: &str) -> Plan {
    let b = workbench(&Seed::Blank.plan().expect("blank"));
    let mut wb = Workbench::open(&b.path).expect("open");
    let grid = read_bytes(bytes, name, None, &[export::PLAN_SHEET]).expect("read");
    let mapping = plan_import::Mapping::guess(&grid.headers);
    let table = plan_import::prepare(&grid, &mapping, wb.plan()).unwrap_or_else(|e| panic!("{e}"));
    wb.apply(&Command::ImportPlanTable(Box::new(table)))
        .unwrap_or_else(|e| panic!("{e}"));
    drop(wb);
    Store::open_read_only(&b.path).expect("reopen").1
}

#[test]
fn milwaukee_round_trips_through_xlsx_without_loss() {
    let plan = milwaukee_filled();
    let bytes = export::to_xlsx(&plan).expect("xlsx");
    let back = import_plan(&bytes, "milwaukee.xlsx");
    assert_eq!(table_view(&back), table_view(&plan));
    assert_eq!(
        cairn::cli::stats_json(&back),
        cairn::cli::stats_json(&plan),
        "63 distinct projects in 65 placements, as in the plan"
    );
}

#[test]
fn milwaukee_round_trips_through_csv_without_loss() {
    let plan = milwaukee_filled();
    let bytes = export::to_csv(&export::plan_table(&plan), true).expect("csv");
    let back = import_plan(&bytes, "milwaukee.csv");
    assert_eq!(table_view(&back), table_view(&plan));
}

#[test]
fn phoenix_round_trips_and_reimporting_its_own_export_changes_nothing() {
    let mut plan = seeds::phoenix_with_sample_kpis().expect("seed");
    // A plan that relabels its statuses exports and reads its own labels.
    for s in &mut plan.info.statuses {
        if s.kind == StatusKind::OnTrack {
            s.label = "Work in progress".into();
        }
    }
    let id = plan.items()[3].id.clone();
    let info = plan.info.clone();
    plan.item_mut(&id)
        .expect("item")
        .adopt_undated(&info, StatusKind::OnTrack, None)
        .expect("periods");
    let b = workbench(&plan);
    let bytes = export::to_xlsx(&plan).expect("xlsx");
    let grid = read_bytes(&bytes, "phoenix.xlsx", None, &[export::PLAN_SHEET]).expect("read");
    assert!(
        grid.rows
            .iter()
            .any(|r| r.cells.contains(&Cell::Text("Work in progress".into())))
    );
    let mut wb = Workbench::open(&b.path).expect("open");
    let mapping = plan_import::Mapping::guess(&grid.headers);
    let table = plan_import::prepare(&grid, &mapping, wb.plan()).unwrap_or_else(|e| panic!("{e}"));
    let summary = plan_import::preview(&table, wb.plan()).expect("preview");
    assert_eq!(summary.created, []);
    assert_eq!(summary.linked, []);
    assert_eq!(summary.updated, []);
    let before = wb.plan().clone();
    wb.apply(&Command::ImportPlanTable(Box::new(table)))
        .expect("apply");
    assert_eq!(wb.plan(), &before);

    // Into a blank workbench with the same status labels: the same tree.
    let mut blank = Seed::Blank.plan().expect("blank");
    blank.info.statuses = plan.info.statuses.clone();
    let b2 = workbench(&blank);
    let mut wb2 = Workbench::open(&b2.path).expect("open");
    let table = plan_import::prepare(&grid, &mapping, wb2.plan()).unwrap_or_else(|e| panic!("{e}"));
    wb2.apply(&Command::ImportPlanTable(Box::new(table)))
        .expect("apply");
    assert_eq!(table_view(wb2.plan()), table_view(&plan));
}

fn without_measurements(plan: &Plan) -> Plan {
    let mut p = plan.clone();
    for k in &mut p.kpis {
        k.measurements.clear();
    }
    p
}

fn import_measurements(plan: &Plan, bytes: &[u8], name: &str) -> Vec<Kpi> {
    let b = workbench(plan);
    let mut wb = Workbench::open(&b.path).expect("open");
    let grid = read_bytes(bytes, name, None, &[export::MEASUREMENTS_SHEET]).expect("read");
    let mapping = measurements_import::Mapping::guess(&grid.headers);
    let table =
        measurements_import::prepare(&grid, &mapping, wb.plan()).unwrap_or_else(|e| panic!("{e}"));
    wb.apply(&Command::ImportMeasurements(Box::new(table)))
        .unwrap_or_else(|e| panic!("{e}"));
    drop(wb);
    Store::open_read_only(&b.path).expect("reopen").1.kpis
}

#[test]
fn kpi_measurements_round_trip_through_xlsx_and_csv() {
    let mut plan = seeds::phoenix_with_sample_kpis().expect("seed");
    // A missing value and a comment travel too.
    plan.kpis[0].measurements[0].value = None;
    plan.kpis[0].measurements[0].comment = "Survey not run (sample)".into();
    let total: usize = plan.kpis.iter().map(|k| k.measurements.len()).sum();
    assert!(total > 20, "{total}");
    let empty = without_measurements(&plan);

    let xlsx = export::to_xlsx(&plan).expect("xlsx");
    assert_eq!(
        import_measurements(&empty, &xlsx, "phoenix.xlsx"),
        plan.kpis
    );

    let csv = export::to_csv(&export::measurements_table(&plan), false).expect("csv");
    assert_eq!(import_measurements(&empty, &csv, "m.csv"), plan.kpis);
    let text = String::from_utf8(csv).expect("utf-8");
    assert!(
        text.starts_with("KPI id,KPI,Item code,Item,Unit,Period,Value,Target,Comment,Sample\n")
    );
    assert!(text.contains(",sample data\n"), "sample figures are marked");
    assert!(
        text.contains(",missing,"),
        "a missing value is not written as zero"
    );
}

/// The XML of one part of an .xlsx file.
fn part(xlsx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("zip");
    let mut f = zip.by_name(name).expect("part");
    let mut s = String::new();
    f.read_to_string(&mut s).expect("read");
    s
}

#[test]
fn xlsx_has_a_sheet_each_with_frozen_headers_and_typed_cells() {
    let plan = milwaukee_filled();
    let xlsx = export::to_xlsx(&plan).expect("xlsx");
    let book = part(&xlsx, "xl/workbook.xml");
    for name in ["Plan", "Initiatives", "KPI measurements"] {
        assert!(book.contains(&format!("name=\"{name}\"")), "{book}");
    }
    for n in 1..=3 {
        let sheet = part(&xlsx, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(
            sheet.contains("ySplit=\"1\"") && sheet.contains("state=\"frozen\""),
            "sheet {n} freezes its header row"
        );
    }
    // Typed cells, as a spreadsheet program reads them back.
    let grid = read_bytes(&xlsx, "m.xlsx", Some("Plan"), &[]).expect("read");
    let col = |h: &str| grid.headers.iter().position(|x| x == h).expect("column");
    let row = grid
        .rows
        .iter()
        .find(|r| !r.cells[col("Due")].is_empty() && !r.cells[col("Budget planned")].is_empty())
        .expect("a row with a due date and a budget");
    assert!(
        matches!(row.cells[col("Due")], Cell::Date(_)),
        "{:?}",
        row.cells[col("Due")]
    );
    assert!(matches!(row.cells[col("Start")], Cell::Date(_)));
    assert!(matches!(
        row.cells[col("Budget planned")],
        Cell::Number { .. }
    ));
    assert!(matches!(row.cells[col("Weight")], Cell::Number { .. }));
    assert!(grid.rows.iter().any(
        |r| matches!(r.cells[col("Percent complete")], Cell::Number { value, .. } if value == 100.0)
    ));
    assert_eq!(grid.headers[1..4], ["Goal", "Focus area", "Project"]);
    assert_eq!(grid.headers.last().map(String::as_str), Some("Sample data"));

    // The initiatives sheet lists each project once.
    let init = read_bytes(&xlsx, "m.xlsx", Some("Initiatives"), &[]).expect("read");
    assert_eq!(init.rows.len(), 63);
    let also = init
        .headers
        .iter()
        .position(|h| h == "Also under")
        .expect("column");
    assert_eq!(
        init.rows
            .iter()
            .filter(|r| !r.cells[also].is_empty())
            .count(),
        2,
        "the two linked projects name their second place"
    );
}

#[test]
fn initiatives_csv_imports_as_a_plan_of_the_projects() {
    let plan = milwaukee_filled();
    let csv = export::to_csv(&Which::Initiatives.table(&plan), true).expect("csv");
    let back = import_plan(&csv, "initiatives.csv");
    let stats = cairn::cli::stats_json(&back);
    assert_eq!(stats["levels"][2]["distinct"], 63);
    assert_eq!(
        stats["levels"][2]["placements"], 63,
        "links are not in this table"
    );
}

fn cairn(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(args)
        .output()
        .expect("run cairn")
}

fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

#[test]
fn cli_export_xlsx_and_import_table_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let s = |p: &std::path::Path| p.to_str().expect("path").to_owned();
    let src = d.join("milwaukee.cairn");
    ok(&cairn(&["new", &s(&src), "--seed", "milwaukee"]));
    ok(&cairn(&["set", &s(&src), "1.1.1", "status", "at_risk"]));
    ok(&cairn(&["set", &s(&src), "1.1.1", "due", "2026-06-30"]));
    ok(&cairn(&["set", &s(&src), "1.1.1", "percent", "40"]));
    let xlsx = d.join("plan.xlsx");
    ok(&cairn(&["export", &s(&src), "--xlsx", "-o", &s(&xlsx)]));
    assert!(
        std::fs::read(&xlsx)
            .expect("xlsx")
            .starts_with(b"PK\x03\x04")
    );
    let copy = d.join("copy.cairn");
    ok(&cairn(&["import-table", &s(&copy), &s(&xlsx)]));
    let tree = |f: &std::path::Path| {
        let t = ok(&cairn(&["tree", &s(f)]));
        t.lines().skip(1).collect::<Vec<_>>().join("\n")
    };
    assert_eq!(tree(&copy), tree(&src));
    // Measurements import needs an existing workbench.
    let out = cairn(&[
        "import-table",
        &s(&d.join("none.cairn")),
        &s(&xlsx),
        "--measurements",
    ]);
    assert!(!out.status.success());
    // CSV of one table to standard output, without a byte-order mark.
    let csv = ok(&cairn(&[
        "export",
        &s(&src),
        "--csv",
        "--table",
        "initiatives",
    ]));
    assert!(csv.starts_with("Code,Goal,Focus area,Project,"), "{csv}");
    let out = cairn(&["export", &s(&src), "--xlsx"]);
    assert!(
        !out.status.success(),
        "an .xlsx is not written to the terminal"
    );
    let out = cairn(&["export", &s(&src), "--csv", "--table", "budget"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("use plan, initiatives or measurements"));
}
