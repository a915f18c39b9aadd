//! Importing plans and KPI measurements from tables as real programs write
//! them (issue 8): every encoding and dialect quirk, "same as above"
//! cells, linked items, and broken tables refused by row and column with
//! nothing written.

use std::path::{Path, PathBuf};

use cairn::command::Command;
use cairn::interchange::seeds::{self, Seed};
use cairn::model::{Plan, StatusKind, Term, Tree};
use cairn::store::Store;
use cairn::table::read::read_bytes;
use cairn::table::{TableError, measurements_import, plan_import};
use cairn::workbench::Workbench;
use chrono::NaiveDate;

struct Bench {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn workbench(plan: Plan) -> Bench {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.cairn");
    drop(Store::create(&path, &plan).expect("create"));
    Bench { _dir: dir, path }
}

fn blank() -> Bench {
    workbench(Seed::Blank.plan().expect("blank"))
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Reads, maps by header and prepares a plan table for `plan`.
fn prepare(bytes: &[u8], name: &str, plan: &Plan) -> Result<plan_import::PlanTable, TableError> {
    let grid = read_bytes(bytes, name, None, &["Plan"])?;
    let mapping = plan_import::Mapping::guess(&grid.headers);
    plan_import::prepare(&grid, &mapping, plan)
}

/// Imports a plan table into the workbench as one command.
fn import(path: &Path, bytes: &[u8], name: &str) -> Plan {
    let mut wb = Workbench::open(path).expect("open");
    let table = prepare(bytes, name, wb.plan()).unwrap_or_else(|e| panic!("{e}"));
    wb.apply(&Command::ImportPlanTable(Box::new(table)))
        .unwrap_or_else(|e| panic!("{e}"));
    drop(wb);
    Store::open_read_only(path).expect("reopen").1
}

/// The problems a refused table is reported with.
fn problems(e: &TableError) -> Vec<String> {
    e.problems.iter().map(ToString::to_string).collect()
}

fn item_at<'a>(plan: &'a Plan, code: &str) -> &'a cairn::model::Item {
    let tree = Tree::build(plan);
    let pos = tree
        .item_by_code(code)
        .unwrap_or_else(|| panic!("no item {code}"));
    &plan.items()[pos]
}

/// Codes and titles of every placement, with the linked mark.
fn outline(plan: &Plan) -> Vec<String> {
    let tree = Tree::build(plan);
    tree.placements
        .iter()
        .map(|p| {
            format!(
                "{} {}{}",
                p.code,
                plan.items()[p.item].title,
                if p.linked { " (linked)" } else { "" }
            )
        })
        .collect()
}

#[test]
fn utf8_with_bom_crlf_and_quoted_commas_and_newlines() {
    let b = blank();
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(
        b"Goal,Objective,Initiative,Owner\r\n\
          \"Resilient services, for all\",Cloud,\"Move mail, calendar\r\nand files\",\"Lee, Pat\"\r\n\
          ,,\"Say \"\"hello\"\"\",Kim\r\n",
    );
    let plan = import(&b.path, &bytes, "bom.csv");
    assert_eq!(item_at(&plan, "1").title, "Resilient services, for all");
    let first = item_at(&plan, "1.1.1");
    assert_eq!(
        first.title, "Move mail, calendar\nand files",
        "line ends as \\n"
    );
    assert_eq!(first.owner, "Lee, Pat");
    assert_eq!(item_at(&plan, "1.1.2").title, "Say \"hello\"");
    // The BOM is not part of the first header: the first column is a level.
    assert_eq!(plan.info.levels, ["Goal", "Objective", "Initiative"]);
}

#[test]
fn utf8_without_bom_and_lf_line_ends() {
    let b = blank();
    let plan = import(
        &b.path,
        "Strategy,Task,Department\nSmart city – phase 2,Café Wi‑Fi in parks,Parks\n".as_bytes(),
        "plain.csv",
    );
    assert_eq!(plan.info.levels, ["Strategy", "Task"]);
    assert_eq!(item_at(&plan, "1.1").title, "Café Wi‑Fi in parks");
    assert_eq!(item_at(&plan, "1").title, "Smart city – phase 2");
}

#[test]
fn windows_1252_is_decoded() {
    let b = blank();
    // "Café", curly quotes and the euro sign as Windows-1252 bytes.
    let mut bytes = b"Goal,Project,Owner,Budget\r\n".to_vec();
    bytes.extend_from_slice(b"Caf\xe9 services,\x93Open data\x94 portal,Ren\xe9e,\x80 12.000\r\n");
    let plan = import(&b.path, &bytes, "ansi.csv");
    assert_eq!(item_at(&plan, "1").title, "Café services");
    let p = item_at(&plan, "1.1");
    assert_eq!(p.title, "“Open data” portal");
    assert_eq!(p.owner, "Renée");
    // A comma file: "12.000" is twelve with a decimal point.
    assert_eq!(p.budget_planned, Some(12.0));
}

#[test]
fn semicolons_decimal_commas_and_excels_sep_line() {
    let b = blank();
    let bytes = "sep=;\r\nZiel;Projekt;Fortschritt %;Budget;Fällig\r\n\
                 Digitale Verwaltung;E-Akte;87,5%;1.234.567,50;30.06.2025\r\n\
                 ;Portal;12;2.000;01.07.2025\r\n";
    let plan = import(&b.path, bytes.as_bytes(), "eu.csv");
    // "Fortschritt %" is not a field name Cairn knows: it is mapped below.
    assert_eq!(plan.info.levels.len(), 4);
    drop(plan);

    // With the columns mapped as a user would in the window or with --map.
    let b = blank();
    let grid = read_bytes(bytes.as_bytes(), "eu.csv", None, &[]).expect("read");
    let mapping = plan_import::Mapping::with_overrides(
        &grid.headers,
        &[
            "Fortschritt %=percent".into(),
            "Budget=budget_planned".into(),
            "Fällig=due".into(),
        ],
    )
    .expect("map");
    let mut wb = Workbench::open(&b.path).expect("open");
    let table = plan_import::prepare(&grid, &mapping, wb.plan()).expect("prepare");
    wb.apply(&Command::ImportPlanTable(Box::new(table)))
        .expect("apply");
    let plan = wb.plan();
    assert_eq!(plan.info.levels, ["Ziel", "Projekt"]);
    let e_akte = item_at(plan, "1.1");
    assert_eq!(e_akte.percent(), Some(87.5));
    assert_eq!(e_akte.budget_planned, Some(1_234_567.5));
    assert_eq!(e_akte.due, date(2025, 6, 30));
    let portal = item_at(plan, "1.2");
    assert_eq!(portal.budget_planned, Some(2000.0));
    assert_eq!(portal.due, date(2025, 7, 1));
}

#[test]
fn trailing_empty_rows_and_columns_are_dropped() {
    let grid = read_bytes(
        b"Goal,Project,Owner,,,\r\nA,B,Ann,,,\r\n,,,,,\r\n,,,,,\r\n\r\n",
        "t.csv",
        None,
        &[],
    )
    .expect("read");
    assert_eq!(grid.headers, ["Goal", "Project", "Owner"]);
    assert_eq!(grid.rows.len(), 1);
    let b = blank();
    let plan = import(
        &b.path,
        b"Goal,Project,Owner,,,\r\nA,B,Ann,,,\r\n,,,,,\r\n",
        "t.csv",
    );
    assert_eq!(plan.items().len(), 2);
    assert_eq!(item_at(&plan, "1.1").owner, "Ann");
}

#[test]
fn dates_as_text_in_many_spellings_and_as_excel_serials() {
    let b = blank();
    let plan = import(
        &b.path,
        b"Goal,Project,Start,Due\n\
          G,ISO,2024-07-01,2025-06-30\n\
          ,US,7/1/2024,6/30/2025\n\
          ,Named,1 Jul 2024,\"June 30, 2025\"\n\
          ,Serial,45474,45838\n\
          ,With time,2024-07-01T00:00:00,2025-06-30 00:00:00\n",
        "dates.csv",
    );
    for code in ["1.1", "1.2", "1.3", "1.4", "1.5"] {
        let item = item_at(&plan, code);
        assert_eq!(item.start, date(2024, 7, 1), "{}", item.title);
        assert_eq!(item.due, date(2025, 6, 30), "{}", item.title);
    }
}

#[test]
fn day_first_dates_are_recognised_from_the_column() {
    let b = blank();
    let plan = import(
        &b.path,
        b"Goal,Project,Due\nG,A,03/04/2025\n,B,13/04/2025\n",
        "dmy.csv",
    );
    assert_eq!(item_at(&plan, "1.1").due, date(2025, 4, 3));
    assert_eq!(item_at(&plan, "1.2").due, date(2025, 4, 13));
}

#[test]
fn numbers_with_thousands_separators_currency_and_percent_signs() {
    let b = blank();
    let plan = import(
        &b.path,
        b"Goal,Project,% complete,Budget,Actual cost,Status,Term\n\
          G,A,45%,\"$1,250,000\",\"(1,500)\",on track,Short-term\n\
          ,B,12.5 %,\"2,000.75\",0,At Risk,long\n",
        "numbers.csv",
    );
    let a = item_at(&plan, "1.1");
    assert_eq!(a.percent(), Some(45.0));
    assert_eq!(a.budget_planned, Some(1_250_000.0));
    assert_eq!(a.budget_actual, Some(-1500.0));
    assert_eq!(a.status(), StatusKind::OnTrack);
    assert_eq!(a.term, Some(Term::Short));
    let bb = item_at(&plan, "1.2");
    assert_eq!(bb.percent(), Some(12.5));
    assert_eq!(bb.budget_planned, Some(2000.75));
    assert_eq!(bb.status(), StatusKind::AtRisk);
    assert_eq!(bb.term, Some(Term::Long));
}

/// An .xlsx written the way Excel users fill one in: real dates, a date
/// left as a bare serial number, percentages formatted as %, a header that
/// does not start at A1 and trailing empty rows.
fn xlsx_fixture() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Read me").expect("name");
    notes
        .write_string(0, 0, "Projects are on the next sheet")
        .expect("write");
    let sheet = book.add_worksheet();
    sheet.set_name("Projects").expect("name");
    let pct = Format::new().set_num_format("0%");
    let day = Format::new().set_num_format("dd/mm/yyyy");
    let money = Format::new().set_num_format("#,##0");
    let headers = [
        "Goal",
        "Focus area",
        "Project",
        "Percent complete",
        "Due",
        "Budget",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet
            .write_string(2, 1 + u16::try_from(c).expect("col"), *h)
            .expect("header");
    }
    sheet.write_string(3, 1, "Secure systems").expect("w");
    sheet.write_string(3, 2, "Endpoints").expect("w");
    sheet.write_string(3, 3, "Patch servers").expect("w");
    sheet.write_number_with_format(3, 4, 0.45, &pct).expect("w");
    let due = ExcelDateTime::from_ymd(2025, 6, 30).expect("date");
    sheet
        .write_datetime_with_format(3, 5, &due, &day)
        .expect("w");
    sheet
        .write_number_with_format(3, 6, 1_250_000, &money)
        .expect("w");
    // Same goal and focus area: blank cells.
    sheet.write_string(4, 3, "Scan laptops").expect("w");
    sheet.write_number(4, 4, 80).expect("w");
    // A date typed as its serial number, unformatted.
    sheet.write_number(4, 5, 45_838).expect("w");
    // Trailing empty rows with formatting only.
    sheet.write_blank(9, 1, &pct).expect("w");
    book.save_to_buffer().expect("xlsx")
}

#[test]
fn xlsx_cells_keep_their_types_and_serial_dates_are_read() {
    let bytes = xlsx_fixture();
    let b = blank();
    let mut wb = Workbench::open(&b.path).expect("open");
    let grid = read_bytes(&bytes, "projects.xlsx", Some("projects"), &[]).expect("read");
    assert_eq!(grid.headers.len(), 6);
    assert_eq!(grid.column_name(3), "E (Percent complete)");
    let mapping = plan_import::Mapping::guess(&grid.headers);
    let table = plan_import::prepare(&grid, &mapping, wb.plan()).expect("prepare");
    assert_eq!(table.rows[0].row, 4, "rows are numbered as in the sheet");
    wb.apply(&Command::ImportPlanTable(Box::new(table)))
        .expect("apply");
    let plan = wb.plan();
    assert_eq!(plan.info.levels, ["Goal", "Focus area", "Project"]);
    let patch = item_at(plan, "1.1.1");
    assert_eq!(patch.percent(), Some(45.0));
    assert_eq!(patch.due, date(2025, 6, 30));
    assert_eq!(patch.budget_planned, Some(1_250_000.0));
    let scan = item_at(plan, "1.1.2");
    assert_eq!(scan.percent(), Some(80.0));
    assert_eq!(scan.due, date(2025, 6, 30));

    // Without a sheet name the first sheet is read, and it is no plan.
    let err = read_bytes(&bytes, "projects.xlsx", Some("Nope"), &[]).expect_err("no sheet");
    assert!(err.to_string().contains("Read me, Projects"), "{err}");
}

#[test]
fn the_milwaukee_table_with_blank_same_as_above_cells_and_linked_projects() {
    let b = blank();
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tables/milwaukee-projects.csv"),
    )
    .expect("fixture");
    let plan = import(&b.path, &bytes, "milwaukee-projects.csv");
    let seed = Seed::Milwaukee.plan().expect("seed");
    assert_eq!(plan.info.levels, seed.info.levels);
    assert_eq!(outline(&plan), outline(&seed));
    let stats = cairn::cli::stats_json(&plan);
    assert_eq!(
        stats.to_string(),
        r#"{"levels":[{"distinct":5,"name":"Goal","placements":5},{"distinct":18,"name":"Focus area","placements":18},{"distinct":63,"name":"Project","placements":65}]}"#
    );
}

#[test]
fn repeated_parent_cells_are_the_same_item_and_a_project_under_two_parents_is_linked() {
    let b = blank();
    let plan = import(
        &b.path,
        b"Goal,Focus area,Project,Owner\n\
          Secure systems,Endpoints,Patch servers,Ann\n\
          Secure systems,Endpoints,Scan laptops,\n\
          secure  SYSTEMS,Identity,Patch servers,\n\
          Modern apps,,,Bo\n",
        "repeat.csv",
    );
    assert_eq!(
        outline(&plan),
        [
            "1 Secure systems",
            "1.1 Endpoints",
            "1.1.1 Patch servers",
            "1.1.2 Scan laptops",
            "1.2 Identity",
            "1.2.1 Patch servers (linked)",
            "2 Modern apps",
        ]
    );
    assert_eq!(plan.items().len(), 6, "the linked project is one item");
    assert_eq!(item_at(&plan, "1.1.1").owner, "Ann");
    assert_eq!(plan.parents_of(&item_at(&plan, "1.1.1").id).len(), 2);
    assert_eq!(
        item_at(&plan, "2").owner,
        "Bo",
        "a goal row sets the goal's fields"
    );
}

#[test]
fn importing_into_an_existing_plan_updates_and_links_in_one_undoable_edit() {
    let b = workbench(Seed::Milwaukee.plan().expect("seed"));
    let before = Store::open_read_only(&b.path).expect("open").1;
    let focus = item_at(&before, "1.1").title.clone();
    let project = item_at(&before, "1.1.1").title.clone();
    let other_focus = item_at(&before, "2.1").title.clone();
    let goal2 = item_at(&before, "2").title.clone();
    let csv = format!(
        "Goal,Focus area,Project,Owner,Status\n\
         ,{focus:?},{project:?},IT Security (sample),at risk\n\
         {goal2:?},{other_focus:?},{project:?},,\n\
         {goal2:?},{other_focus:?},Pilot a new thing (sample),Ops,\n"
    );
    // The first row's goal is blank with no row above: refused.
    let err = prepare(csv.as_bytes(), "update.csv", &before).expect_err("refused");
    assert_eq!(
        problems(&err),
        ["row 2, column A (Goal): blank, and no row above gives the Goal this Project belongs to"]
    );
    let goal1 = item_at(&before, "1").title.clone();
    let csv = csv.replacen("\n,", &format!("\n{goal1:?},"), 1);
    let mut wb = Workbench::open(&b.path).expect("open");
    let history_before = wb.store().history_len();
    let table = prepare(csv.as_bytes(), "update.csv", wb.plan()).expect("prepare");
    let summary = plan_import::preview(&table, wb.plan()).expect("preview");
    assert_eq!(summary.created.len(), 1);
    assert_eq!(summary.linked.len(), 1);
    // The owner is a field; the status is progress for today's period.
    assert_eq!(summary.updated.len(), 1);
    assert_eq!(summary.progress.len(), 1);
    wb.apply(&Command::ImportPlanTable(Box::new(table)))
        .expect("apply");
    let plan = wb.plan().clone();
    assert_eq!(plan.items().len(), before.items().len() + 1);
    let id = item_at(&before, "1.1.1").id.clone();
    let p = plan.item(&id).expect("item");
    assert_eq!(p.owner, "IT Security (sample)");
    assert_eq!(p.status(), StatusKind::AtRisk);
    assert_eq!(
        plan.parents_of(&id).len(),
        2,
        "linked under a second focus area"
    );
    assert_eq!(plan.info.levels, before.info.levels, "existing levels kept");
    // One edit: one undo restores everything, and the history says what.
    assert_eq!(wb.undo_label(), Some("import table"));
    assert!(wb.store().history_len() >= history_before + 5);
    wb.undo().expect("undo");
    assert_eq!(wb.plan(), &before);
}

/// Refuses `bytes` and checks nothing was written to the workbench.
fn refused(bytes: &[u8], name: &str) -> Vec<String> {
    let b = workbench(Seed::Milwaukee.plan().expect("seed"));
    let file_before = std::fs::read(&b.path).expect("bytes");
    let wb = Workbench::open(&b.path).expect("open");
    let history = wb.store().history_len();
    let plan_before = wb.plan().clone();
    // Problems in cells are found reading the table; problems of the
    // table against the plan when the import is previewed.
    let found = match prepare(bytes, name, wb.plan()) {
        Err(err) => {
            let text = err.to_string();
            assert!(text.contains("nothing was written"), "{text}");
            problems(&err)
        }
        Ok(table) => vec![
            plan_import::preview(&table, wb.plan())
                .expect_err("refused")
                .to_string(),
        ],
    };
    assert_eq!(wb.plan(), &plan_before);
    assert_eq!(wb.store().history_len(), history);
    drop(wb);
    assert_eq!(std::fs::read(&b.path).expect("bytes"), file_before);
    found
}

#[test]
fn broken_tables_are_refused_by_row_and_column_and_nothing_is_written() {
    assert_eq!(
        refused(
            b"Goal,Focus area,Project,Status,Due,Percent complete\n\
              G,F,P1,Done-ish,2025-06-30,10\n\
              ,,P2,on track,31/31/2025,150\n",
            "bad.csv"
        ),
        [
            "row 2, column D (Status): \"Done-ish\" is not a status of the plan; map it to one of Not started, On track, At risk, Off track, On hold, Completed, Cancelled (--map-value \"Status:Done-ish=STATUS\")",
            "row 3, column E (Due): \"31/31/2025\" is not a date when read as month/day/year; write it as YYYY-MM-DD, e.g. 2025-06-30",
            "row 3, column F (Percent complete): 150 is outside 0–100",
        ]
    );
    assert_eq!(
        refused(
            b"Goal,Project,Owner\nG,\"never closed,Ann\nH,P,Bo\n",
            "quote.csv"
        ),
        [
            "row 2: a quoted field opened here is never closed (a \" is missing), so the rest of the file would be read as one cell"
        ]
    );
    assert_eq!(
        refused(b"Goal,Project,,Owner\nG,P,stray,Ann\n", "noheader.csv"),
        ["row 2, column C: the column has values but no header in row 1; name it or clear it"]
    );
    assert_eq!(
        refused(b"Goal,Project,Owner,owner\nG,P,Ann,Bo\n", "dup.csv"),
        [
            "row 1, column D (owner): the header \"owner\" is also used by column C; each column needs its own name"
        ]
    );
    assert_eq!(
        refused(
            b"Goal,Focus area,Project,Owner\nG,F,P,Ann\nG,F2,P,Bo\n",
            "conflict.csv"
        ),
        ["row 3, column D (Owner): \"Bo\" differs from row 2, which gives this Project \"Ann\""]
    );
    assert_eq!(
        refused(
            b"Goal,Project,Start,Due\nG,P,2025-07-01,2025-06-30\n",
            "order.csv"
        ),
        ["row 2, column D (Due): the due date 2025-06-30 is before the start date 2025-07-01"]
    );
    assert_eq!(
        refused(b"Goal,Focus area,Project,Task\nG,F,P,T\n", "deep.csv"),
        [
            "the table has 4 level columns (A (Goal), B (Focus area), C (Project), D (Task)) but the plan has 3 levels (Goal, Focus area, Project); map the extra columns to fields or ignore them"
        ]
    );
    assert_eq!(
        refused(b"Goal,Project,Owner\n,,Ann\n", "nolevel.csv"),
        [
            "row 2: the row has values but names no item: its level columns (A (Goal), B (Project)) are blank"
        ]
    );
    assert_eq!(
        refused(b"", "empty.csv"),
        ["is empty: there is no header row and no data"]
    );
    assert_eq!(
        refused(b"Goal,Project\r\n,,\r\n", "headonly.csv"),
        ["row 1: the table has a header row but no data rows"]
    );
    assert_eq!(
        refused(b"PK\x03\x04 not really a zip", "fake.xlsx").len(),
        1,
        "a damaged spreadsheet is one clear problem"
    );
}

#[test]
fn a_plan_level_beyond_an_existing_item_title_is_ambiguous_only_when_titles_repeat() {
    // Two distinct existing projects share a title: the table cannot say
    // which one a new parent means, so the import is refused.
    let mut plan = Seed::Blank.plan().expect("blank");
    let mut g = cairn::model::Item::new("g", 0, "G");
    let mut o1 = cairn::model::Item::new("o1", 1, "O1");
    let mut o2 = cairn::model::Item::new("o2", 1, "O2");
    let i1 = cairn::model::Item::new("i1", 2, "Same");
    let i2 = cairn::model::Item::new("i2", 2, "Same");
    o1.children.push("i1".into());
    o2.children.push("i2".into());
    g.children = vec!["o1".into(), "o2".into()];
    for item in [g, o1, o2, i1, i2] {
        plan.push_item(item);
    }
    plan.validate().expect("valid");
    // Under its own parent each is found without doubt.
    let table = prepare(
        b"Goal,Objective,Initiative,Owner\nG,O1,Same,A\nG,O2,Same,B\n",
        "ok.csv",
        &plan,
    )
    .expect("prepare");
    let mut copy = plan.clone();
    cairn::command::imports::plan_table::apply_summarised(&table, &mut copy).expect("apply");
    assert_eq!(copy.item("i1").map(|i| i.owner.as_str()), Some("A"));
    assert_eq!(copy.item("i2").map(|i| i.owner.as_str()), Some("B"));
    // Under a third parent it is ambiguous.
    let table =
        prepare(b"Goal,Objective,Initiative\nG,O3,Same\n", "amb.csv", &plan).expect("prepare");
    let err = plan_import::preview(&table, &plan)
        .expect_err("ambiguous")
        .to_string();
    assert!(
        err.starts_with("row 2: \"Same\" matches 2 existing Initiative items (1.1.1, 1.2.1)"),
        "{err}"
    );
}

// ---------------------------------------------------------------- measurements

fn phoenix() -> Bench {
    workbench(seeds::phoenix_with_sample_kpis().expect("seed"))
}

fn prepare_measurements(
    bytes: &[u8],
    name: &str,
    plan: &Plan,
) -> Result<measurements_import::MeasurementTable, TableError> {
    let grid = read_bytes(bytes, name, None, &["KPI measurements"])?;
    let mapping = measurements_import::Mapping::guess(&grid.headers);
    measurements_import::prepare(&grid, &mapping, plan)
}

#[test]
fn measurements_import_with_quirks_is_one_edit_with_history() {
    let b = phoenix();
    let mut wb = Workbench::open(&b.path).expect("open");
    let kpi = wb.plan().kpis[0].clone();
    let periods: Vec<String> = wb
        .plan()
        .info
        .periods
        .iter()
        .map(|p| p.label.clone())
        .collect();
    assert!(periods.iter().any(|p| p == "FY2025"), "{periods:?}");
    let fy2026 = wb
        .plan()
        .info
        .periods
        .iter()
        .find(|p| p.label == "FY2026")
        .expect("FY2026")
        .end;
    let csv = format!(
        "\u{feff}KPI;Period;Value;Comment\r\n\
         {name};FY2025;\"1.234,5\";sample figure\r\n\
         {name};{end};87,5%;period by its end date (sample)\r\n",
        name = kpi.name.to_uppercase(),
        end = fy2026.format("%d.%m.%Y"),
    );
    let table = prepare_measurements(csv.as_bytes(), "m.csv", wb.plan()).expect("prepare");
    let summary = measurements_import::preview(&table, wb.plan()).expect("preview");
    let had_2025 = kpi.measurements.iter().any(|m| m.period == "FY2025");
    assert_eq!(summary.added + summary.changed, 2);
    assert_eq!(summary.changed, usize::from(had_2025));
    let history = wb.store().history_len();
    wb.apply(&Command::ImportMeasurements(Box::new(table)))
        .expect("apply");
    assert_eq!(
        wb.store().history_len(),
        history + 3,
        "a summary and one entry per value"
    );
    let k = wb.plan().kpis.iter().find(|k| k.id == kpi.id).expect("kpi");
    assert_eq!(k.value_for("FY2025"), Some(1234.5));
    assert_eq!(k.value_for("FY2026"), Some(87.5));
    assert_eq!(wb.undo_label(), Some("import measurements"));
    wb.undo().expect("undo");
    assert_eq!(
        wb.plan().kpis.iter().find(|k| k.id == kpi.id).expect("kpi"),
        &kpi
    );
}

#[test]
fn missing_values_are_recorded_as_missing_not_zero() {
    let b = phoenix();
    let mut wb = Workbench::open(&b.path).expect("open");
    let kpi = wb.plan().kpis[1].clone();
    let csv = format!(
        "KPI id,Period,Value,Comment\n{id},FY2025,n/a,survey not run\n{id},2026,,\n",
        id = kpi.id
    );
    let table = prepare_measurements(csv.as_bytes(), "m.csv", wb.plan()).expect("prepare");
    wb.apply(&Command::ImportMeasurements(Box::new(table)))
        .expect("apply");
    let k = wb.plan().kpis.iter().find(|k| k.id == kpi.id).expect("kpi");
    for period in ["FY2025", "FY2026"] {
        let m = k
            .measurements
            .iter()
            .find(|m| m.period == period)
            .expect("recorded");
        assert_eq!(m.value, None, "{period} is missing, not zero");
    }
}

#[test]
fn broken_measurement_tables_are_refused_by_row_and_column() {
    let b = phoenix();
    let mut wb = Workbench::open(&b.path).expect("open");
    let kpi = wb.plan().kpis[0].clone();
    wb.apply(&Command::LockPeriod {
        period: "FY2023".into(),
        by: "test".into(),
    })
    .expect("lock");
    let file_plan = wb.plan().clone();
    let history = wb.store().history_len();
    let csv = format!(
        "KPI,Period,Value\n\
         No such KPI,FY2025,1\n\
         {n},FY2099,1\n\
         {n},FY2023,1\n\
         {n},FY2025,about ten\n\
         {n},FY2024,5\n\
         {n},fy2024,6\n\
         ,FY2024,6\n",
        n = kpi.name
    );
    let err = prepare_measurements(csv.as_bytes(), "m.csv", wb.plan()).expect_err("refused");
    let got = problems(&err);
    assert_eq!(
        got[0],
        "row 2, column A (KPI): there is no KPI named \"No such KPI\" in the plan"
    );
    assert!(
        got[1].starts_with(
            "row 3, column B (Period): \"FY2099\" is not a reporting period of the plan"
        ),
        "{}",
        got[1]
    );
    assert_eq!(
        got[2],
        "row 4, column B (Period): FY2023 is locked: its figures are read only (unlock it with a reason first)"
    );
    assert_eq!(
        got[3],
        "row 5, column C (Value): \"about ten\" is not a number"
    );
    assert_eq!(
        got[4],
        format!(
            "row 7: row 6 already gives a value for this KPI ({}) and period (FY2024)",
            kpi.id
        )
    );
    assert_eq!(got[5], "row 8, column A (KPI): the KPI is blank");
    assert_eq!(got.len(), 6);
    assert_eq!(wb.plan(), &file_plan);
    assert_eq!(wb.store().history_len(), history);
    // No column for the values at all.
    let err =
        prepare_measurements(b"KPI,Period\nx,FY2024\n", "m.csv", wb.plan()).expect_err("refused");
    assert_eq!(
        problems(&err),
        ["no column holds the values; map a column to value"]
    );
}

// ---------------------------------------------------------------- command line

fn cairn(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(args)
        .output()
        .expect("run cairn")
}

#[test]
fn cli_import_table_creates_a_workbench_and_refuses_a_broken_table_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let table = d.join("plan.csv");
    std::fs::write(
        &table,
        b"Goal;Focus area;Project;Lead;Status\r\nG;F;P;Ann;on track\r\n;;Q;Bo;at risk\r\n",
    )
    .expect("write");
    let file = d.join("plan.cairn");
    let f = file.to_str().expect("path");
    let t = table.to_str().expect("path");
    // A dry run writes nothing.
    let out = cairn(&["import-table", f, t, "--dry-run"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("created Goal 1, Focus area 1, Project 2"),
        "{err}"
    );
    assert!(err.contains("column D (Lead) → owner"), "{err}");
    assert!(!file.exists());
    let out = cairn(&["import-table", f, t]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(cairn(&["tree", f]).stdout).expect("utf-8");
    assert!(tree.contains("1.1.2 Project: Q [At risk"), "{tree}");

    // A broken table into the existing file: refused, file unchanged.
    let bad = d.join("bad.csv");
    std::fs::write(&bad, b"Goal,Focus area,Project,Due\nG,F,R,someday\n").expect("write");
    let before = std::fs::read(&file).expect("bytes");
    let out = cairn(&["import-table", f, bad.to_str().expect("path")]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("row 2, column D (Due): \"someday\" is not a date"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(std::fs::read(&file).expect("bytes"), before);

    // --map renames a column's role; a bad --map is refused.
    let out = cairn(&["import-table", f, t, "--map", "Lead=nonsense", "--dry-run"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("\"nonsense\" is not a role"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn damaged_inputs_are_refused_or_read_but_never_panic() {
    let plan = Seed::Milwaukee.plan().expect("seed");
    let csv = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tables/milwaukee-projects.csv"),
    )
    .expect("fixture");
    let xlsx = xlsx_fixture();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = |below: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % below as u64).expect("small")
    };
    let specials = [
        b'"', b',', b';', b'\r', b'\n', b'\t', 0xff, 0xe9, b'%', b'(',
    ];
    for round in 0..400 {
        let mut bytes = csv.clone();
        for _ in 0..1 + next(6) {
            let at = next(bytes.len());
            match next(3) {
                0 => bytes[at] = specials[next(specials.len())],
                1 => {
                    bytes.truncate(at);
                }
                _ => bytes.insert(at, specials[next(specials.len())]),
            }
            if bytes.is_empty() {
                break;
            }
        }
        if let Ok(table) = prepare(&bytes, "fuzz.csv", &plan) {
            let _ = plan_import::preview(&table, &plan);
        }
        if round % 10 == 0 {
            let cut = next(xlsx.len());
            let _ = read_bytes(&xlsx[..cut], "cut.xlsx", None, &[]);
        }
    }
}
