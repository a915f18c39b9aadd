//! Every kind of edit, one after another on the Phoenix plan: after each,
//! the file reopened holds what the window shows, the tree and roll-up kept
//! up to date in place equal ones built afresh, undo gives back the plan as
//! it was (in memory and in the file) and redo the plan as it became.

use std::collections::BTreeSet;

use cairn::command::requests::{Accepted, Merge, MergedRequest};
use cairn::command::{Command, ItemField};
use cairn::interchange::{seeds, to_json};
use cairn::model::{
    AgendaEntry, Kpi, Meeting, Milestone, Override, Plan, ProgressNote, ProgressUpdate, RequestBy,
    StatusKind, Tree, UpdateRequest,
};
use cairn::rules::rollup::roll_up;
use cairn::store::Store;
use cairn::table::read::read_bytes;
use cairn::table::{measurements_import, plan_import};
use cairn::workbench::Workbench;
use chrono::NaiveDate;

/// The name of a command's variant. The match has no catch-all, so a new
/// variant does not compile until it is named here and in [`ALL`].
fn variant(c: &Command) -> &'static str {
    match c {
        Command::SetField { .. } => "SetField",
        Command::SetOverride { .. } => "SetOverride",
        Command::AddItem { .. } => "AddItem",
        Command::DeleteItem { .. } => "DeleteItem",
        Command::MoveItem { .. } => "MoveItem",
        Command::LinkItem { .. } => "LinkItem",
        Command::UnlinkItem { .. } => "UnlinkItem",
        Command::Reorder { .. } => "Reorder",
        Command::RecordProgress { .. } => "RecordProgress",
        Command::SetInfo(_) => "SetInfo",
        Command::AddNote { .. } => "AddNote",
        Command::SetMilestones { .. } => "SetMilestones",
        Command::PutKpi(_) => "PutKpi",
        Command::DeleteKpi { .. } => "DeleteKpi",
        Command::SetMeasurement { .. } => "SetMeasurement",
        Command::SetCommentary { .. } => "SetCommentary",
        Command::LockPeriod { .. } => "LockPeriod",
        Command::UnlockPeriod { .. } => "UnlockPeriod",
        Command::PutMeeting(_) => "PutMeeting",
        Command::DeleteMeeting { .. } => "DeleteMeeting",
        Command::StartMeeting { .. } => "StartMeeting",
        Command::EndMeeting { .. } => "EndMeeting",
        Command::AddDecision { .. } => "AddDecision",
        Command::RemoveDecision { .. } => "RemoveDecision",
        Command::AddAction { .. } => "AddAction",
        Command::SetActionClosed { .. } => "SetActionClosed",
        Command::RemoveAction { .. } => "RemoveAction",
        Command::ImportPlanTable(_) => "ImportPlanTable",
        Command::ImportMeasurements(_) => "ImportMeasurements",
        Command::RegisterRequests(_) => "RegisterRequests",
        Command::MergeUpdates(_) => "MergeUpdates",
    }
}

const ALL: [&str; 31] = [
    "SetField",
    "SetOverride",
    "AddItem",
    "DeleteItem",
    "MoveItem",
    "LinkItem",
    "UnlinkItem",
    "Reorder",
    "RecordProgress",
    "SetInfo",
    "AddNote",
    "SetMilestones",
    "PutKpi",
    "DeleteKpi",
    "SetMeasurement",
    "SetCommentary",
    "LockPeriod",
    "UnlockPeriod",
    "PutMeeting",
    "DeleteMeeting",
    "StartMeeting",
    "EndMeeting",
    "AddDecision",
    "RemoveDecision",
    "AddAction",
    "SetActionClosed",
    "RemoveAction",
    "ImportPlanTable",
    "ImportMeasurements",
    "RegisterRequests",
    "MergeUpdates",
];

fn id(plan: &Plan, code: &str) -> String {
    let tree = Tree::build(plan);
    let pos = tree
        .item_by_code(code)
        .unwrap_or_else(|| panic!("no {code}"));
    plan.items()[pos].id.clone()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn meeting(plan: &Plan) -> String {
    plan.meetings.last().expect("a meeting").id.clone()
}

fn action(plan: &Plan) -> String {
    plan.meetings
        .last()
        .and_then(|m| m.actions.last())
        .expect("an action")
        .id
        .clone()
}

/// One edit, made from the plan as the ones before left it.
type Step = Box<dyn Fn(&Plan) -> Command>;

/// The edits, in order.
#[allow(clippy::too_many_lines)] // One list of every kind of edit reads best whole.
fn script() -> Vec<Step> {
    vec![
        Box::new(|p| Command::SetField {
            item: id(p, "1.1.1"),
            field: ItemField::Title,
            value: "Renamed initiative".into(),
        }),
        Box::new(|p| {
            cairn::command::figure_edit(
                p,
                &id(p, "2.1.1"),
                "FY2026",
                ItemField::Status,
                "off track",
            )
            .expect("figure")
        }),
        Box::new(|p| Command::SetOverride {
            item: id(p, "1"),
            value: Some(Override {
                status: Some(StatusKind::AtRisk),
                percent: Some(15.0),
                reason: "Vendor delay not yet in the figures".into(),
                by: "CIO".into(),
                on: None,
            }),
        }),
        Box::new(|p| Command::SetOverride {
            item: id(p, "1"),
            value: None,
        }),
        Box::new(|p| Command::AddItem {
            parent: Some(id(p, "1.1")),
            title: "A new initiative".into(),
        }),
        Box::new(|_| Command::AddItem {
            parent: None,
            title: "A new goal".into(),
        }),
        Box::new(|p| Command::MoveItem {
            item: id(p, "1.1.1"),
            from: id(p, "1.1"),
            to: id(p, "1.2"),
            index: 0,
        }),
        Box::new(|p| Command::LinkItem {
            item: id(p, "1.2.2"),
            parent: id(p, "1.3"),
        }),
        Box::new(|p| Command::UnlinkItem {
            item: id(p, "1.2.2"),
            parent: id(p, "1.3"),
        }),
        Box::new(|p| Command::Reorder {
            item: id(p, "1.2.2"),
            parent: Some(id(p, "1.2")),
            delta: -1,
        }),
        Box::new(|p| Command::Reorder {
            item: id(p, "2"),
            parent: None,
            delta: -1,
        }),
        Box::new(|p| {
            let mut info = p.info.clone();
            info.vision = "A vision edited for the test".into();
            Command::SetInfo(Box::new(info))
        }),
        Box::new(|p| Command::RecordProgress {
            item: id(p, "3.1.2"),
            update: ProgressUpdate {
                period: "FY2026 Q1".into(),
                status: StatusKind::AtRisk,
                percent: Some(40.0),
                note: "Vendor slipped".into(),
            },
        }),
        Box::new(|p| {
            cairn::command::figure_edit(p, &id(p, "3.1.2"), "FY2026", ItemField::Percent, "45")
                .expect("figure")
        }),
        Box::new(|p| Command::AddNote {
            item: id(p, "3.1.1"),
            note: ProgressNote {
                date: day(2025, 10, 1),
                author: "PMO".into(),
                text: "Contract signed".into(),
            },
        }),
        Box::new(|p| Command::SetMilestones {
            item: id(p, "3.1.1"),
            milestones: vec![Milestone {
                title: "Pilot live".into(),
                due: Some(day(2026, 3, 31)),
                done: false,
            }],
        }),
        Box::new(|p| {
            let mut kpi = p.kpis[0].clone();
            kpi.name = "An edited KPI name".into();
            Command::PutKpi(Box::new(kpi))
        }),
        Box::new(|p| {
            let mut kpi: Kpi = p.kpis[0].clone();
            kpi.id = "k-new-for-test".into();
            kpi.item = id(p, "4.1");
            kpi.name = "A new KPI".into();
            Command::PutKpi(Box::new(kpi))
        }),
        Box::new(|p| Command::SetMeasurement {
            kpi: p.kpis[1].id.clone(),
            period: "FY2025".into(),
            value: Some(12.5),
            comment: "from the test".into(),
        }),
        Box::new(|_| Command::DeleteKpi {
            kpi: "k-new-for-test".into(),
        }),
        Box::new(|p| Command::SetCommentary {
            item: Some(id(p, "2")),
            period: "FY2025".into(),
            commentary: "Behind on hiring".into(),
            recommendations: "Fund two posts".into(),
        }),
        Box::new(|_| Command::LockPeriod {
            period: "FY2024".into(),
            by: "CIO".into(),
        }),
        Box::new(|_| Command::UnlockPeriod {
            period: "FY2024".into(),
            reason: "A late correction".into(),
        }),
        Box::new(|p| {
            let mut m = Meeting::new("", "Q2 review", day(2025, 11, 20), "FY2026");
            m.agenda = vec![AgendaEntry::new(&id(p, "1.2"))];
            Command::PutMeeting(Box::new(m))
        }),
        Box::new(|p| Command::StartMeeting {
            meeting: meeting(p),
        }),
        Box::new(|p| Command::AddDecision {
            meeting: meeting(p),
            item: id(p, "1.2"),
            text: "Proceed with the pilot".into(),
        }),
        Box::new(|p| Command::RemoveDecision {
            meeting: meeting(p),
            index: 0,
        }),
        Box::new(|p| Command::AddAction {
            meeting: meeting(p),
            item: id(p, "1.2"),
            text: "Send the revised schedule".into(),
            owner: "Sam".into(),
            due: Some(day(2025, 12, 1)),
        }),
        Box::new(|p| Command::SetActionClosed {
            action: action(p),
            on: Some(day(2025, 11, 28)),
        }),
        Box::new(|p| Command::RemoveAction { action: action(p) }),
        Box::new(|p| Command::EndMeeting {
            meeting: meeting(p),
        }),
        Box::new(|p| Command::DeleteMeeting {
            meeting: meeting(p),
        }),
        Box::new(|p| {
            Command::RegisterRequests(vec![UpdateRequest {
                id: "R-test-001".into(),
                period: "FY2026 Q2".into(),
                to: "Dana Ruiz".into(),
                by: RequestBy::Owner,
                items: vec![id(p, "3.1.2")],
                kpis: vec![p.kpis[1].id.clone()],
                sent_at: "2026-01-05T10:00:00Z".into(),
                sent_by: "pmo".into(),
                due: Some(day(2026, 1, 20)),
                file: "Dana Ruiz - FY2026 Q2.xlsx".into(),
                merged_at: None,
                merged_by: String::new(),
                accepted: 0,
                rejected: 0,
            }])
        }),
        Box::new(|p| {
            Command::MergeUpdates(Box::new(Merge {
                accepted_by: "pmo".into(),
                at: "2026-01-21T09:00:00Z".into(),
                requests: vec![MergedRequest {
                    request: "R-test-001".into(),
                    author: "Dana Ruiz".into(),
                    changes: vec![
                        Accepted::Progress {
                            item: id(p, "3.1.2"),
                            update: ProgressUpdate {
                                period: "FY2026 Q2".into(),
                                status: StatusKind::OnTrack,
                                percent: Some(70.0),
                                note: "Back on plan".into(),
                            },
                        },
                        Accepted::Due {
                            item: id(p, "3.1.2"),
                            due: Some(day(2026, 9, 30)),
                        },
                        Accepted::Measurement {
                            kpi: p.kpis[1].id.clone(),
                            period: "FY2026 Q2".into(),
                            value: Some(77.0),
                            comment: "from Dana".into(),
                        },
                    ],
                    accepted: 2,
                    rejected: 0,
                }],
            }))
        }),
        Box::new(|p| Command::DeleteItem { item: id(p, "1.3") }),
        Box::new(|p| {
            let grid = read_bytes(
                b"Goal,Objective,Initiative,Owner\nImported goal,Imported objective,Imported initiative,Ann\n",
                "plan.csv",
                None,
                &["Plan"],
            )
            .expect("read");
            let mapping = plan_import::Mapping::guess(&grid.headers);
            let table = plan_import::prepare(&grid, &mapping, p).expect("prepare");
            Command::ImportPlanTable(Box::new(table))
        }),
        Box::new(|p| {
            let csv = format!(
                "KPI id,Period,Value,Comment\n{id},FY2024,41,test\n{id},FY2025,43,\n",
                id = p.kpis[2].id
            );
            let grid =
                read_bytes(csv.as_bytes(), "m.csv", None, &["KPI measurements"]).expect("read");
            let mapping = measurements_import::Mapping::guess(&grid.headers);
            let table = measurements_import::prepare(&grid, &mapping, p).expect("prepare");
            Command::ImportMeasurements(Box::new(table))
        }),
    ]
}

/// Fails with the first line where two plans' JSON differ.
fn same(a: &Plan, b: &Plan, what: &str) {
    if a == b {
        return;
    }
    let (a, b) = (to_json(a), to_json(b));
    let line = a
        .lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or(0);
    panic!(
        "{what}: the plans differ at JSON line {line}:\n  {}\n  {}",
        a.lines().nth(line).unwrap_or("(end)"),
        b.lines().nth(line).unwrap_or("(end)")
    );
}

/// The file holds the plan in memory, and the derived tree and roll-up
/// equal ones built afresh.
fn consistent(wb: &Workbench, what: &str) {
    let saved = Store::open_read_only(wb.path()).expect("reopen").1;
    same(&saved, wb.plan(), &format!("{what}: file against memory"));
    assert!(
        *wb.tree() == Tree::build(wb.plan()),
        "{what}: the tree kept up to date differs from one built afresh"
    );
    assert_eq!(
        wb.rollup().items,
        roll_up(wb.plan(), None).items,
        "{what}: the roll-up kept up to date differs from one built afresh"
    );
}

#[test]
fn every_command_applies_reopens_undoes_and_redoes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.cairn");
    let mut wb =
        Workbench::create(&path, seeds::phoenix_with_sample_kpis().expect("seed")).expect("create");
    let mut seen = BTreeSet::new();
    for make in script() {
        let command = make(wb.plan());
        let name = variant(&command);
        seen.insert(name);
        let before = wb.plan().clone();
        wb.apply(&command)
            .unwrap_or_else(|e| panic!("{name}: refused: {e}"));
        let after = wb.plan().clone();
        assert!(after != before, "{name} changed nothing");
        consistent(&wb, &format!("{name} applied"));
        assert!(wb.undo().expect("undo"), "{name}: nothing to undo");
        same(wb.plan(), &before, &format!("{name} undone"));
        consistent(&wb, &format!("{name} undone"));
        assert!(wb.redo().expect("redo"), "{name}: nothing to redo");
        same(wb.plan(), &after, &format!("{name} redone"));
        consistent(&wb, &format!("{name} redone"));
    }
    let missing: Vec<&str> = ALL.iter().copied().filter(|n| !seen.contains(n)).collect();
    assert!(missing.is_empty(), "never exercised: {missing:?}");
}

#[test]
fn a_refused_edit_in_place_leaves_the_plan_and_file_as_they_were() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.cairn");
    let mut wb =
        Workbench::create(&path, seeds::phoenix_with_sample_kpis().expect("seed")).expect("create");
    let before = wb.plan().clone();
    let goal = id(wb.plan(), "1");
    let leaf = id(wb.plan(), "1.1.1");
    let refused = [
        // Refused by the command itself, after nothing changed.
        Command::SetField {
            item: leaf.clone(),
            field: ItemField::Percent,
            value: "lots".into(),
        },
        // Refused by the check after the change: an item cannot sit under
        // a parent two levels up.
        Command::LinkItem {
            item: leaf,
            parent: goal.clone(),
        },
        // Refused after the change by the check of what it touched.
        Command::SetOverride {
            item: goal,
            value: Some(Override {
                percent: Some(140.0),
                status: None,
                reason: "typo".into(),
                by: String::new(),
                on: None,
            }),
        },
    ];
    for command in &refused {
        assert!(wb.apply(command).is_err(), "{command:?} was accepted");
        same(wb.plan(), &before, &format!("{} refused", variant(command)));
        consistent(&wb, variant(command));
    }
    assert_eq!(wb.store().history_len(), 0);
    assert!(wb.undo_label().is_none());
}
