use super::*;
use crate::model::Frequency;

fn kpi(id: &str, name: &str, formula: Option<&str>, values: &[(&str, Option<f64>)]) -> Kpi {
    Kpi {
        frequency: Frequency::Quarterly,
        formula: formula.map(str::to_owned),
        measurements: values
            .iter()
            .map(|(p, v)| Measurement {
                period: (*p).into(),
                value: *v,
                comment: String::new(),
            })
            .collect(),
        ..Kpi::new(id, "item-1", name)
    }
}

/// A plan of Phoenix's calendar (fiscal years from July, with quarters),
/// FY2022–FY2026, holding only `kpis`.
fn plan(kpis: Vec<Kpi>) -> Plan {
    let info = crate::model::PlanInfo {
        periods: crate::model::period::fiscal_periods(7, 2022, 2026, true),
        ..crate::model::PlanInfo::blank()
    };
    Plan::new(info, Vec::new(), kpis)
}

fn q(plan: &Plan, n: usize) -> String {
    plan.info
        .periods
        .iter()
        .filter(|p| p.kind == crate::model::PeriodKind::Quarter)
        .nth(n)
        .expect("quarter")
        .label
        .clone()
}

fn calls(q1: &str, q2: &str) -> Vec<Kpi> {
    vec![
        kpi(
            "k-ans",
            "Calls answered within 60 s",
            None,
            &[(q1, Some(90.0)), (q2, Some(45.0))],
        ),
        kpi(
            "k-rec",
            "Calls received",
            None,
            &[(q1, Some(120.0)), (q2, None)],
        ),
    ]
}

#[test]
fn a_percentage_of_two_kpis_is_worked_out_per_period() {
    let base = plan(Vec::new());
    let (q1, q2) = (q(&base, 0), q(&base, 1));
    let mut kpis = calls(&q1, &q2);
    kpis.push(kpi(
        "k-pct",
        "Answered in time",
        Some("[Calls answered within 60 s] / [Calls received] × 100"),
        &[],
    ));
    let mut p = plan(kpis);
    let changes = recalculate(&mut p);
    let pct = p.kpis.iter().find(|k| k.id == "k-pct").expect("kpi");
    assert_eq!(pct.value_for(&q1), Some(75.0));
    // Calls received is recorded as missing in Q2: the result is missing,
    // with the reason, never a number.
    let m2 = pct
        .measurements
        .iter()
        .find(|m| m.period == q2)
        .expect("q2");
    assert_eq!(m2.value, None);
    assert_eq!(
        m2.comment,
        format!("missing: Calls received has no {q2} value")
    );
    assert_eq!(changes.len(), 2);
    assert!(
        recalculate(&mut p).is_empty(),
        "nothing changes a second time"
    );
}

#[test]
fn coalesce_says_what_a_blank_counts_as() {
    let base = plan(Vec::new());
    let (q1, q2) = (q(&base, 0), q(&base, 1));
    let mut kpis = calls(&q1, &q2);
    kpis.push(kpi(
        "k-sum",
        "All calls",
        Some("coalesce([Calls received], 0) + [Calls answered within 60 s]"),
        &[],
    ));
    let mut p = plan(kpis);
    recalculate(&mut p);
    let k = p.kpis.iter().find(|k| k.id == "k-sum").expect("kpi");
    assert_eq!(k.value_for(&q1), Some(210.0));
    assert_eq!(k.value_for(&q2), Some(45.0));
}

#[test]
fn a_division_by_zero_is_missing_with_its_reason() {
    let base = plan(Vec::new());
    let q1 = q(&base, 0);
    let mut p = plan(vec![
        kpi("a", "A", None, &[(&q1, Some(5.0))]),
        kpi("b", "B", None, &[(&q1, Some(0.0))]),
        kpi("c", "Ratio", Some("[A] / [B]"), &[]),
    ]);
    recalculate(&mut p);
    let m = &p.kpis[2].measurements[0];
    assert_eq!(m.value, None);
    assert_eq!(m.comment, "missing: division by zero");
}

#[test]
fn the_functions_work_as_their_names_say() {
    let base = plan(Vec::new());
    let (q1, q2) = (q(&base, 0), q(&base, 1));
    let vals = |a: f64| vec![(q1.as_str(), Some(a)), (q2.as_str(), Some(a * 2.0))];
    let cases = [
        ("sum([A], [B], 1)", 1.0 + 3.0 + 1.0),
        ("avg([A], [B])", 2.0),
        ("min([A], [B])", 1.0),
        ("max([A], [B])", 3.0),
        ("round([A] / [B], 2)", 0.33),
        ("round([A] * 2.5)", 3.0),
        ("if([A] > [B], 10, 20)", 20.0),
        ("[A]/2", 0.5),
        ("([A] + [B]) * 2 − 1", 7.0),
    ];
    for (formula, want) in cases {
        let mut p = plan(vec![
            kpi("a", "A", None, &vals(1.0)),
            kpi("b", "B", None, &vals(3.0)),
            kpi("c", "C", Some(formula), &[]),
        ]);
        recalculate(&mut p);
        assert_eq!(p.kpis[2].value_for(&q1), Some(want), "{formula}");
    }
    // previous(): last period's value.
    let mut p = plan(vec![
        kpi("a", "A", None, &vals(1.0)),
        kpi("c", "Growth", Some("[A] - previous([A])"), &[]),
    ]);
    recalculate(&mut p);
    assert_eq!(p.kpis[1].value_for(&q2), Some(1.0));
    let first = &p.kpis[1].measurements[0];
    assert_eq!(first.value, None);
    assert!(first.comment.contains("first period"), "{}", first.comment);
}

#[test]
fn bad_formulas_are_refused_with_the_place_named() {
    let p = plan(vec![kpi("a", "A", None, &[]), kpi("b", "B", None, &[])]);
    let with = |f: &str| kpi("c", "C", Some(f), &[]);
    let refused = |f: &str| check(&p, &with(f)).expect_err(f).to_string();
    assert_eq!(
        refused("[A] + [Nope]"),
        "no KPI is named [Nope] (character 7)"
    );
    assert!(refused("[A] + ").contains("does not work out"));
    assert!(refused("[A").contains("character 1 has no closing ]"));
    assert!(refused("[A] = 5").contains("assignment"));
    assert!(refused("[A]; [B]").contains("cannot hold a ;"));
    assert!(refused("str::to_lowercase([A])").contains("not a function"));
    assert!(refused("[A] + \"X\"").contains("cannot hold text"));
    assert!(refused("random()").contains("not a function"));
    assert!(refused("[A] > [B]").contains("yes or no"));
    assert!(refused("if([A], 1, 2)").contains("does not work out"));
    assert_eq!(refused("[C] + 1"), "the formula of [C] uses [C] itself");
    assert!(
        check(&p, &with("[A] + [b]")).is_ok(),
        "names match without case"
    );
}

#[test]
fn a_ring_of_calculated_kpis_is_refused_naming_it() {
    let p = plan(vec![
        kpi("a", "A", None, &[]),
        kpi("b", "B", Some("[C] * 2"), &[]),
        kpi("c", "C", Some("[A] + 1"), &[]),
    ]);
    let changed = kpi("c", "C", Some("[B] + 1"), &[]);
    assert_eq!(
        check(&p, &changed).expect_err("ring").to_string(),
        "calculated KPIs would use each other in a ring: [C] → [B] → [C]"
    );
}

#[test]
fn a_calculated_kpi_reading_another_is_worked_out_after_it() {
    let base = plan(Vec::new());
    let q1 = q(&base, 0);
    // Defined in the "wrong" order: D reads C, which reads A.
    let mut p = plan(vec![
        kpi("d", "D", Some("[C] * 10"), &[]),
        kpi("c", "C", Some("[A] + 1"), &[]),
        kpi("a", "A", None, &[(&q1, Some(2.0))]),
    ]);
    recalculate(&mut p);
    assert_eq!(p.kpis[0].value_for(&q1), Some(30.0));
}

#[test]
fn a_locked_period_keeps_its_calculated_value() {
    let base = plan(Vec::new());
    let q1 = q(&base, 0);
    let mut p = plan(vec![
        kpi("a", "A", None, &[(&q1, Some(2.0))]),
        kpi("c", "C", Some("[A] * 2"), &[(&q1, Some(3.0))]),
    ]);
    p.locks.push(crate::model::PeriodLock {
        period: q1.clone(),
        locked_by: "pmo".into(),
        locked_at: "2026-01-01T00:00:00Z".into(),
        snapshot: String::new(),
    });
    assert!(recalculate(&mut p).is_empty());
    assert_eq!(p.kpis[1].value_for(&q1), Some(3.0));
}
