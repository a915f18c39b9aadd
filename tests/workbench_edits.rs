//! Edits through the command path: saved at once, undoable, and refused
//! edits change neither the file nor the plan.

use cairn::command::{Command, ItemField};
use cairn::interchange::seeds::Seed;
use cairn::interchange::to_json;
use cairn::model::StatusKind;
use cairn::store::Store;
use cairn::workbench::{EditError, Workbench};

fn phoenix(dir: &std::path::Path) -> Workbench {
    Workbench::create(&dir.join("plan.cairn"), Seed::Phoenix.plan().expect("seed")).expect("create")
}

fn id_at(wb: &Workbench, code: &str) -> String {
    let pos = wb.tree().item_by_code(code).expect("code");
    wb.plan().items()[pos].id.clone()
}

fn set(
    wb: &mut Workbench,
    code: &str,
    field: ItemField,
    value: &str,
) -> Result<Option<String>, EditError> {
    let item = id_at(wb, code);
    if field.is_progress() {
        // Status and percent are recorded for a period, as the window does.
        let edit = cairn::command::figure_edit(wb.plan(), &item, "FY2026", field, value)
            .map_err(EditError::Refused)?;
        return wb.apply(&edit);
    }
    wb.apply(&Command::SetField {
        item,
        field,
        value: value.into(),
    })
}

fn reopen(wb: &Workbench) -> cairn::model::Plan {
    Store::open_read_only(wb.path()).expect("reopen").1
}

#[test]
fn a_status_change_is_saved_and_rolls_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = phoenix(dir.path());
    set(&mut wb, "1.1.1", ItemField::Status, "off track").expect("set");
    let goal = wb.tree().item_by_code("1").expect("goal");
    assert_eq!(wb.rollup().items[goal].status, StatusKind::OffTrack);
    let saved = reopen(&wb);
    assert_eq!(
        saved.item(&id_at(&wb, "1.1.1")).map(|i| i.status()),
        Some(StatusKind::OffTrack)
    );
    assert_eq!(wb.store().history_len(), 1);
}

#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = phoenix(dir.path());
    let before = to_json(&reopen(&wb));
    for (field, value) in [
        (ItemField::Percent, "lots"),
        (ItemField::Percent, "140"),
        (ItemField::Due, "2025-02-30"),
        (ItemField::Due, "next Tuesday"),
        (ItemField::Status, "finished-ish"),
        (ItemField::Title, "   "),
        (ItemField::BudgetPlanned, "12 apples"),
    ] {
        let err = set(&mut wb, "2.1.1", field, value).expect_err("refused");
        assert!(matches!(err, EditError::Refused(_)), "{err}");
        assert!(err.to_string().contains(field.key()), "{err}");
    }
    assert_eq!(to_json(&reopen(&wb)), before);
    assert_eq!(to_json(wb.plan()), before);
    assert_eq!(wb.store().history_len(), 0);
    assert_eq!(wb.undo_label(), None);
}

#[test]
fn typed_numbers_accept_what_people_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = phoenix(dir.path());
    set(&mut wb, "2.1.1", ItemField::BudgetPlanned, "$1,250,000").expect("budget");
    set(&mut wb, "2.1.1", ItemField::Percent, "45%").expect("percent");
    let item = reopen(&wb)
        .item(&id_at(&wb, "2.1.1"))
        .cloned()
        .expect("item");
    assert_eq!(item.budget_planned, Some(1_250_000.0));
    assert_eq!(item.percent(), Some(45.0));
}

#[test]
fn undo_and_redo_restore_the_file_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = phoenix(dir.path());
    let original = to_json(wb.plan());
    set(
        &mut wb,
        "1.2.1",
        ItemField::Title,
        "Smart City strategic plan, revised",
    )
    .expect("rename");
    let g1 = id_at(&wb, "1");
    let new = wb
        .apply(&Command::AddItem {
            parent: Some(id_at(&wb, "1.2")),
            title: "Smart City pilot".into(),
        })
        .expect("add")
        .expect("focus");
    wb.apply(&Command::DeleteItem {
        item: id_at(&wb, "1.3"),
    })
    .expect("delete");
    assert_eq!(wb.plan().item(&g1).map(|g| g.children.len()), Some(4));
    assert!(wb.plan().item(&new).is_some());
    let edited = to_json(wb.plan());
    while wb.undo().expect("undo") {}
    assert_eq!(to_json(wb.plan()), original);
    assert_eq!(to_json(&reopen(&wb)), original);
    while wb.redo().expect("redo") {}
    assert_eq!(to_json(wb.plan()), edited);
    assert_eq!(to_json(&reopen(&wb)), edited);
}

#[test]
fn move_link_unlink_and_reorder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = phoenix(dir.path());
    let item = id_at(&wb, "1.1.1");
    let (from, to) = (id_at(&wb, "1.1"), id_at(&wb, "2.3"));
    wb.apply(&Command::MoveItem {
        item: item.clone(),
        from: from.clone(),
        to: to.clone(),
        index: 0,
    })
    .expect("move");
    assert_eq!(
        wb.tree().code_of(wb.plan().position(&item).expect("pos")),
        Some("2.3.1")
    );
    wb.apply(&Command::LinkItem {
        item: item.clone(),
        parent: from.clone(),
    })
    .expect("link");
    assert_eq!(wb.plan().parents_of(&item).len(), 2);
    // Linked items are counted once in the plan totals.
    let t = cairn::rules::rollup::totals(wb.plan(), wb.rollup(), None);
    assert_eq!(
        t.distinct,
        cairn::cli::stats_json(wb.plan())["levels"][2]["distinct"]
            .as_u64()
            .expect("n") as usize
    );
    wb.apply(&Command::UnlinkItem {
        item: item.clone(),
        parent: to.clone(),
    })
    .expect("unlink");
    assert_eq!(wb.plan().parents_of(&item), vec![from.as_str()]);
    let err = wb
        .apply(&Command::UnlinkItem {
            item: item.clone(),
            parent: from.clone(),
        })
        .expect_err("only placement");
    assert!(err.to_string().contains("only placement"));
    // A goal cannot become a child of an objective.
    let err = wb
        .apply(&Command::LinkItem {
            item: id_at(&wb, "2"),
            parent: from.clone(),
        })
        .expect_err("wrong level");
    assert!(err.to_string().contains("one level up"));
    let second_goal = id_at(&wb, "2");
    wb.apply(&Command::Reorder {
        item: second_goal.clone(),
        parent: None,
        delta: -1,
    })
    .expect("reorder");
    assert_eq!(id_at(&wb, "1"), second_goal);
    assert_eq!(
        reopen(&wb).roots().next().map(|g| g.id.clone()),
        Some(second_goal)
    );
}

#[test]
fn deleting_an_objective_keeps_initiatives_linked_elsewhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = phoenix(dir.path());
    let linked = wb
        .plan()
        .items()
        .iter()
        .find(|i| i.title == "Develop IT governance communications strategy")
        .map(|i| i.id.clone())
        .expect("linked item");
    let parents: Vec<String> = wb
        .plan()
        .parents_of(&linked)
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    assert_eq!(parents.len(), 2);
    wb.apply(&Command::DeleteItem {
        item: parents[0].clone(),
    })
    .expect("delete");
    assert!(wb.plan().item(&linked).is_some());
    assert_eq!(reopen(&wb).parents_of(&linked), vec![parents[1].as_str()]);
}

#[test]
fn an_override_needs_a_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = phoenix(dir.path());
    let item = id_at(&wb, "3.1");
    let mut o = cairn::model::Override {
        status: Some(StatusKind::AtRisk),
        percent: None,
        reason: " ".into(),
        by: "CIO".into(),
        on: None,
    };
    assert!(
        wb.apply(&Command::SetOverride {
            item: item.clone(),
            value: Some(o.clone())
        })
        .is_err()
    );
    o.reason = "Staffing gap in the security team".into();
    wb.apply(&Command::SetOverride {
        item: item.clone(),
        value: Some(o),
    })
    .expect("override");
    let pos = wb.plan().position(&item).expect("pos");
    assert_eq!(wb.rollup().items[pos].status, StatusKind::AtRisk);
    assert!(
        wb.rollup().items[pos]
            .basis
            .explain()
            .contains("Staffing gap")
    );
}
