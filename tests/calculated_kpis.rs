//! Calculated KPIs through the edit path: worked out in the same edit as
//! the input that changed, saved, undone together, read only, and a bad
//! formula refused with nothing changed.

use cairn::command::Command;
use cairn::interchange::seeds::Seed;
use cairn::model::Kpi;
use cairn::store::Store;
use cairn::workbench::{EditError, Workbench};

mod common;

fn kpi(id: &str, item: &str, name: &str, formula: Option<&str>) -> Kpi {
    Kpi {
        sample: true,
        formula: formula.map(str::to_owned),
        ..Kpi::new(id, item, name)
    }
}

fn measure(wb: &mut Workbench, kpi: &str, value: Option<f64>) -> Result<Option<String>, EditError> {
    wb.apply(&Command::SetMeasurement {
        kpi: kpi.into(),
        period: "FY2025".into(),
        value,
        comment: String::new(),
    })
}

fn saved_value(path: &std::path::Path, kpi: &str) -> Option<f64> {
    let (_, plan) = Store::open_read_only(path).expect("reopen");
    plan.kpis.iter().find(|k| k.id == kpi)?.value_for("FY2025")
}

#[test]
fn a_calculated_kpi_follows_its_inputs_in_the_same_edit_and_undo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.cairn");
    let mut wb = Workbench::create(&path, Seed::Phoenix.plan().expect("seed")).expect("create");
    let item = wb.plan().items()[0].id.clone();
    for k in [
        kpi("k-ans", &item, "Calls answered within 60 s", None),
        kpi("k-rec", &item, "Calls received", None),
        kpi(
            "k-pct",
            &item,
            "Answered in time",
            Some("[Calls answered within 60 s] / [Calls received] * 100"),
        ),
    ] {
        wb.apply(&Command::PutKpi(Box::new(k))).expect("put");
    }
    measure(&mut wb, "k-ans", Some(90.0)).expect("measure");
    measure(&mut wb, "k-rec", Some(120.0)).expect("measure");
    assert_eq!(
        saved_value(&path, "k-pct"),
        Some(75.0),
        "saved with its input"
    );

    measure(&mut wb, "k-rec", Some(100.0)).expect("measure");
    assert_eq!(saved_value(&path, "k-pct"), Some(90.0));
    // One undo takes back the input and the calculated value together.
    assert!(wb.undo().expect("undo"));
    assert_eq!(saved_value(&path, "k-pct"), Some(75.0));
    assert_eq!(saved_value(&path, "k-rec"), Some(120.0));

    // Missing is missing, with the reason, never a number.
    measure(&mut wb, "k-rec", None).expect("measure");
    let pct = wb
        .plan()
        .kpis
        .iter()
        .find(|k| k.id == "k-pct")
        .expect("kpi");
    let m = pct
        .measurements
        .iter()
        .find(|m| m.period == "FY2025")
        .expect("m");
    assert_eq!(m.value, None);
    assert_eq!(m.comment, "missing: Calls received has no FY2025 value");

    // Its values are read only.
    let refused = measure(&mut wb, "k-pct", Some(50.0)).expect_err("read only");
    assert!(refused.to_string().contains("read only"), "{refused}");
}

#[test]
fn a_formula_naming_an_unknown_kpi_or_itself_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.cairn");
    let mut wb = Workbench::create(&path, Seed::Phoenix.plan().expect("seed")).expect("create");
    let item = wb.plan().items()[0].id.clone();
    let before = wb.plan().kpis.len();
    let e = wb
        .apply(&Command::PutKpi(Box::new(kpi(
            "k-x",
            &item,
            "Ratio",
            Some("[Calls received] / 2"),
        ))))
        .expect_err("unknown");
    assert!(
        e.to_string()
            .contains("no KPI is named [Calls received] (character 1)"),
        "{e}"
    );
    let e = wb
        .apply(&Command::PutKpi(Box::new(kpi(
            "k-x",
            &item,
            "Ratio",
            Some("[Ratio] + 1"),
        ))))
        .expect_err("itself");
    assert!(e.to_string().contains("uses [Ratio] itself"), "{e}");
    assert_eq!(wb.plan().kpis.len(), before);
    let (_, plan) = Store::open_read_only(&path).expect("reopen");
    assert_eq!(plan.kpis.len(), before, "nothing written");
}

#[test]
fn the_command_line_records_a_value_and_lists_where_each_came_from() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.cairn");
    {
        let mut wb = Workbench::create(&path, Seed::Phoenix.plan().expect("seed")).expect("create");
        let item = wb.plan().items()[0].id.clone();
        for k in [
            kpi("k-a", &item, "Tickets closed", None),
            kpi("k-b", &item, "Tickets opened", None),
            kpi(
                "k-c",
                &item,
                "Closure rate",
                Some("[Tickets closed] / [Tickets opened] * 100"),
            ),
        ] {
            wb.apply(&Command::PutKpi(Box::new(k))).expect("put");
        }
    }
    let file = path.to_str().expect("path");
    let home = dir.path();
    for (kpi, value) in [("Tickets closed", "45"), ("tickets opened", "60")] {
        common::ok(&common::cairn(
            &["measure", file, kpi, "--period", "FY2025", value],
            home,
        ));
    }
    let out = common::ok(&common::cairn(
        &["kpis", file, "--period", "FY2025", "--json"],
        home,
    ));
    let rows: serde_json::Value = serde_json::from_str(&out).expect("json");
    let row = |name: &str| {
        rows.as_array()
            .expect("array")
            .iter()
            .find(|r| r["name"] == name)
            .cloned()
            .expect(name)
    };
    assert_eq!(row("Closure rate")["value"], 75.0);
    assert_eq!(row("Closure rate")["origin"], "calculated");
    assert_eq!(row("Tickets closed")["origin"], "typed");
    assert_eq!(row("Tickets closed")["item"], "1");

    // Text in the number, a calculated KPI, an unknown KPI: refused, nothing changed.
    for args in [
        [
            "measure",
            file,
            "Tickets closed",
            "--period",
            "FY2025",
            "lots",
        ],
        ["measure", file, "Closure rate", "--period", "FY2025", "80"],
        ["measure", file, "Nope", "--period", "FY2025", "1"],
    ] {
        let out = common::cairn(&args, home);
        assert!(!out.status.success(), "{args:?} was taken");
    }
    let again = common::ok(&common::cairn(
        &["kpis", file, "--period", "FY2025", "--json"],
        home,
    ));
    assert_eq!(again, out);
    let out = common::cairn(
        &[
            "measure",
            file,
            "Tickets opened",
            "--period",
            "FY2025",
            "--missing",
        ],
        home,
    );
    common::ok(&out);
    let text = common::ok(&common::cairn(&["kpis", file, "--period", "FY2025"], home));
    assert!(
        text.contains("missing: Tickets opened has no FY2025 value"),
        "{text}"
    );
}

#[test]
fn an_imported_plan_shows_its_calculated_kpis_and_a_bad_formula_is_refused() {
    let mut plan = Seed::Phoenix.plan().expect("seed");
    let item = plan.items()[0].id.clone();
    let mut typed = kpi("k-a", &item, "Tickets closed", None);
    typed.measurements.push(cairn::model::Measurement {
        period: "FY2025".into(),
        value: Some(21.0),
        comment: String::new(),
    });
    plan.kpis.push(typed);
    plan.kpis
        .push(kpi("k-c", &item, "Twice", Some("[Tickets closed] * 2")));
    let json = cairn::interchange::to_json(&plan);
    let back = cairn::interchange::from_json(&json).expect("import");
    let twice = back.kpis.iter().find(|k| k.id == "k-c").expect("kpi");
    assert_eq!(twice.value_for("FY2025"), Some(42.0));

    let bad = json.replace("[Tickets closed] * 2", "[Tickets shut] * 2");
    let e = cairn::interchange::from_json(&bad).expect_err("refused");
    assert!(
        e.to_string().contains("no KPI is named [Tickets shut]"),
        "{e}"
    );
}
