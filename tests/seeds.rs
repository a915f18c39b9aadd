//! The shipped seeds: faithful counts and texts, and byte-exact round trips
//! through a workbench file.

use cairn::interchange::seeds::{self, Seed};
use cairn::interchange::{from_json, to_json};
use cairn::model::{Plan, StatusKind, Tree};
use cairn::store::Store;

fn level_counts(plan: &Plan) -> Vec<(String, usize, usize)> {
    let v = cairn::cli::stats_json(plan);
    v["levels"]
        .as_array()
        .expect("levels")
        .iter()
        .map(|l| {
            (
                l["name"].as_str().expect("name").to_owned(),
                l["distinct"].as_u64().expect("distinct") as usize,
                l["placements"].as_u64().expect("placements") as usize,
            )
        })
        .collect()
}

fn titled<'a>(plan: &'a Plan, title: &str) -> &'a cairn::model::Item {
    plan.items()
        .iter()
        .find(|i| i.title == title)
        .unwrap_or_else(|| panic!("no item titled {title:?}"))
}

#[test]
fn phoenix_has_five_goals_twenty_five_objectives_and_linked_initiatives() {
    let plan = Seed::Phoenix.plan().expect("phoenix seed");
    let counts = level_counts(&plan);
    assert_eq!(counts[0], ("Goal".into(), 5, 5));
    assert_eq!(counts[1], ("Objective".into(), 25, 25));
    assert_eq!(counts[2].0, "Key initiative");
    // Three initiatives stand under two objectives each.
    assert_eq!(counts[2].2, counts[2].1 + 3);
    for title in [
        "Develop IT governance communications strategy",
        "Review/update IT governance communications strategy",
        "Modernize/overhaul phoenix.gov and search",
    ] {
        assert_eq!(
            plan.parents_of(&titled(&plan, title).id).len(),
            2,
            "{title}"
        );
    }
    // Every objective has short- and long-term initiatives, except where
    // the published table is empty or cut off (3.3, 3.4).
    let tree = Tree::build(&plan);
    for obj in plan.items().iter().filter(|i| i.level == 1) {
        assert!(!obj.children.is_empty(), "{} has no initiatives", obj.title);
        let code = tree
            .code_of(plan.position(&obj.id).expect("pos"))
            .expect("code");
        let has_long = obj
            .children
            .iter()
            .any(|c| plan.item(c).and_then(|i| i.term) == Some(cairn::model::Term::Long));
        assert!(
            has_long || ["3.3", "3.4"].contains(&code),
            "{code} has no long-term initiative"
        );
    }
}

#[test]
fn phoenix_texts_are_the_plans_own() {
    let plan = Seed::Phoenix.plan().expect("phoenix seed");
    assert_eq!(
        plan.info.vision,
        "To be recognized as the best-in-class IT services organization within municipal government."
    );
    assert!(
        plan.info
            .mission
            .starts_with("Deliver secure, responsible, sustainable, and flexible IT services")
    );
    assert_eq!(plan.info.levels, ["Goal", "Objective", "Key initiative"]);
    assert_eq!(plan.info.fiscal_year_start_month, 7);
    // Goal 3 keeps one wording as title and the other two as alternatives.
    let g3 = plan.roots().nth(2).expect("goal 3");
    let mut wordings = vec![g3.title.clone()];
    wordings.extend(g3.alt_titles.iter().cloned());
    for w in [
        "Secure city information resources from cybersecurity vulnerabilities",
        "Secure city information resources from cybersecurity threats and vulnerabilities",
        "Reduce cyber risk by securing city information resources",
    ] {
        assert!(wordings.iter().any(|x| x == w), "missing wording {w:?}");
    }
    // Run-together initiatives are split.
    titled(&plan, "IT investment forecast");
    titled(
        &plan,
        "ITS business relationship management (BRM) program assessment",
    );
    // The truncated 3.4 item keeps its text and says so.
    let cut = titled(
        &plan,
        "Establish repeatable risk assessment process to assess network,",
    );
    assert!(cut.source_note.to_lowercase().contains("truncated"));
    // The report-card sentence survives in the free sections.
    assert!(
        plan.info
            .sections
            .iter()
            .any(|s| s.text.contains("report card"))
    );
    assert!(!plan.info.notes.is_empty(), "judgment calls are recorded");
    assert!(!plan.contains_sample_data());
    assert!(
        plan.items()
            .iter()
            .all(|i| i.status() == StatusKind::NotStarted && i.percent().is_none())
    );
}

#[test]
fn milwaukee_has_its_focus_areas_projects_values_and_principles() {
    let plan = Seed::Milwaukee.plan().expect("milwaukee seed");
    assert_eq!(
        level_counts(&plan),
        vec![
            ("Goal".into(), 5, 5),
            ("Focus area".into(), 18, 18),
            ("Project".into(), 63, 65)
        ]
    );
    assert_eq!(plan.info.core_values.len(), 4);
    assert_eq!(plan.info.core_values[0].name, "Transparency");
    assert_eq!(plan.info.guiding_principles.len(), 6);
    assert!(
        plan.info
            .vision
            .starts_with("Milwaukee will be a regional leader")
    );
    assert!(
        plan.info
            .mission
            .starts_with("To empower City of Milwaukee government")
    );
    assert!(
        plan.info
            .sections
            .iter()
            .any(|s| s.title.starts_with("Business Environment"))
    );
    let truncated: Vec<_> = plan
        .items()
        .iter()
        .filter(|i| i.source_note.to_lowercase().contains("truncated"))
        .collect();
    assert_eq!(truncated.len(), 1);
    assert!(truncated[0].title.ends_with("vulnerability"));
    assert_eq!(
        plan.roots().next().map(|g| g.title.as_str()),
        Some("Secure information technology systems and data from targeted and accidental threats")
    );
}

fn round_trip_through_file(json: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.cairn");
    let plan = from_json(json).expect("seed parses");
    drop(Store::create(&path, &plan).expect("create"));
    let (_, back) = Store::open(&path).expect("open");
    to_json(&back)
}

#[test]
fn seed_to_file_to_export_gives_the_seed_bytes() {
    for json in [seeds::PHOENIX_JSON, seeds::MILWAUKEE_JSON] {
        let exported = round_trip_through_file(json);
        assert!(exported == json, "export differs from the seed");
    }
}

#[test]
fn sample_kpis_are_flagged_and_round_trip() {
    let plan = seeds::phoenix_with_sample_kpis().expect("sample");
    assert!(plan.kpis.len() >= 4);
    assert!(plan.kpis.iter().all(|k| k.sample));
    assert!(plan.contains_sample_data());
    // A missing value is stored as missing, not as zero.
    assert!(
        plan.kpis
            .iter()
            .any(|k| k.measurements.iter().any(|m| m.value.is_none()))
    );
    let json = to_json(&plan);
    assert_eq!(round_trip_through_file(&json), json);
}
