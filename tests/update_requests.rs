//! Update requests: written by Cairn, filled in by another writer the way
//! a person would in Excel, returned, reviewed and merged; conflicts shown
//! and not applied; every invalid return refused by sheet, row and column
//! with nothing written; a request merged once only.

use std::path::{Path, PathBuf};

use cairn::command::{Command, ItemField};
use cairn::interchange::seeds;
use cairn::model::{Plan, RequestBy, RequestState, StatusKind, Tree};
use cairn::requests::{Field, RequestOptions, Review, plan_requests, write_requests};
use cairn::store::HistoryFilter;
use cairn::workbench::Workbench;

mod common;
use common::xlsx::{Value, fill_in};

const PERIOD: &str = "FY2026 Q2";
const OWNER: &str = "Dana Ruiz";

fn id(plan: &Plan, code: &str) -> String {
    let tree = Tree::build(plan);
    plan.items()[tree.item_by_code(code).expect("code")]
        .id
        .clone()
}

/// The Phoenix plan with Dana owning three initiatives and a KPI, Lee one
/// initiative; requests for FY2026 Q2 written into `out` and registered.
fn sent(dir: &Path) -> (Workbench, Vec<PathBuf>) {
    sent_with(dir, |_| {})
}

/// [`sent`], with the plan changed by `first` before anything else.
fn sent_with(dir: &Path, first: impl FnOnce(&mut Workbench)) -> (Workbench, Vec<PathBuf>) {
    let path = dir.join("plan.cairn");
    let mut wb =
        Workbench::create(&path, seeds::phoenix_with_sample_kpis().expect("seed")).expect("create");
    wb.set_user("pmo-analyst");
    first(&mut wb);
    for (code, owner) in [
        ("1.1.1", OWNER),
        ("1.1.2", OWNER),
        ("1.2.1", OWNER),
        ("2.1.1", "Lee Park"),
    ] {
        let item = id(wb.plan(), code);
        wb.apply(&Command::SetField {
            item,
            field: ItemField::Owner,
            value: owner.into(),
        })
        .expect("owner");
    }
    let mut kpi = wb.plan().kpis[0].clone();
    kpi.owner = OWNER.into();
    wb.apply(&Command::PutKpi(Box::new(kpi)))
        .expect("kpi owner");
    for k in wb.plan().kpis.clone().into_iter().skip(1) {
        let mut k = k;
        k.owner = String::new();
        wb.apply(&Command::PutKpi(Box::new(k))).expect("kpi owner");
    }
    let opts = RequestOptions {
        period: PERIOD.into(),
        by: RequestBy::Owner,
        due: chrono::NaiveDate::from_ymd_opt(2026, 1, 20),
        sent_by: "pmo-analyst".into(),
        return_to: "pmo-analyst".into(),
        at: "2026-01-05T10:00:00Z".into(),
    };
    let requests = plan_requests(wb.plan(), wb.tree(), &opts).expect("plan requests");
    let files = write_requests(
        wb.plan(),
        wb.tree(),
        &requests,
        &dir.join("out"),
        "pmo-analyst",
        &|| false,
    )
    .expect("write");
    wb.apply(&Command::RegisterRequests(requests))
        .expect("register");
    (wb, files)
}

fn dana(files: &[PathBuf]) -> PathBuf {
    files
        .iter()
        .find(|f| f.to_string_lossy().contains(OWNER))
        .expect("Dana's request")
        .clone()
}

fn review(wb: &Workbench, name: &str, bytes: Vec<u8>) -> Review {
    Review::build(wb.plan(), &[(name.to_owned(), bytes)])
}

fn accept_clean(review: &Review) -> impl Fn(usize, usize) -> bool + '_ {
    |i, j| !review.returned[i].rows[j].conflict()
}

#[test]
fn a_request_filled_in_elsewhere_is_merged_in_one_edit_naming_the_owner() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut wb, files) = sent(dir.path());
    assert_eq!(files.len(), 2, "one request per owner: {files:?}");
    let request = wb
        .plan()
        .requests
        .iter()
        .find(|r| r.to == OWNER)
        .expect("registered")
        .clone();
    assert_eq!((request.items.len(), request.kpis.len()), (3, 1));
    // Dana picks "At risk" in the drop-down for row 2, types 60 and a
    // note; row 3 only gets a new due date; row 4 stays blank. Her KPI
    // gets a value and a comment.
    let returned = fill_in(
        &dana(&files),
        &[
            ("sheet2", "G2", Value::Text("At risk")),
            ("sheet2", "H2", Value::Number(60.0)),
            ("sheet2", "J2", Value::Text("Vendor slipped two weeks")),
            ("sheet2", "I3", Value::Number(46_203.0)), // 2026-06-30
            ("sheet3", "G2", Value::Number(42.5)),
            ("sheet3", "H2", Value::Text("From the new dashboard")),
        ],
    );
    let review = review(&wb, "Dana.xlsx", returned);
    assert!(review.problems.is_empty(), "{:?}", review.problems);
    let r = &review.returned[0];
    assert_eq!((r.to.as_str(), r.rows.len(), r.unchanged), (OWNER, 3, 1));
    let first = &r.rows[0];
    let fields: Vec<(Field, &str, &str)> = first
        .changes
        .iter()
        .map(|c| (c.field, c.now.as_str(), c.new.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            (Field::Status, "—", "At risk"),
            (Field::Percent, "—", "60"),
            (Field::Note, "—", "Vendor slipped two weeks"),
        ]
    );
    assert_eq!(review.conflicts(), 0);
    let before = wb.plan().clone();
    let history_before = wb.store().history_len();
    let merge = review
        .merge(
            wb.plan(),
            &accept_clean(&review),
            "pmo-analyst",
            "2026-01-21T09:00:00Z",
        )
        .expect("merge");
    wb.apply(&Command::MergeUpdates(Box::new(merge)))
        .expect("applied");
    let plan = wb.plan();
    let item = plan.item(&id(plan, "1.1.1")).expect("item");
    let u = item.update_for(PERIOD).expect("update");
    assert_eq!(
        (u.status, u.percent, u.note.as_str()),
        (StatusKind::AtRisk, Some(60.0), "Vendor slipped two weeks")
    );
    let due = plan.item(&id(plan, "1.1.2")).and_then(|i| i.due);
    assert_eq!(due, chrono::NaiveDate::from_ymd_opt(2026, 6, 30));
    let m = plan.kpis[0]
        .measurements
        .iter()
        .find(|m| m.period == PERIOD)
        .expect("measurement");
    assert_eq!(
        (m.value, m.comment.as_str()),
        (Some(42.5), "From the new dashboard")
    );
    let reg = plan.request(&request.id).expect("register");
    assert_eq!(reg.state(chrono::NaiveDate::MIN), RequestState::Merged);
    assert_eq!(
        (reg.accepted, reg.rejected, reg.merged_by.as_str()),
        (3, 0, "pmo-analyst")
    );
    // The history names Dana as author, the analyst as who accepted, and
    // the request; it is one edit.
    let rows = wb
        .store()
        .history(&HistoryFilter::default())
        .expect("history");
    let merged: Vec<_> = rows.iter().skip(history_before).collect();
    assert!(merged.len() >= 4, "{merged:?}");
    assert!(merged.iter().all(|r| r.edit == merged[0].edit), "one edit");
    for r in &merged {
        assert_eq!(r.entry.author, OWNER);
        assert_eq!(r.entry.request, request.id);
        assert_eq!(r.who, "pmo-analyst");
    }
    assert_eq!(merged[0].by(), "Dana Ruiz, accepted by pmo-analyst");
    // Found by the owner's name too.
    let by_dana = wb
        .store()
        .history(&HistoryFilter {
            who: Some("dana".into()),
            ..HistoryFilter::default()
        })
        .expect("history");
    assert_eq!(by_dana.len(), merged.len());
    // One undo takes it all back, register included.
    assert_eq!(wb.undo_label(), Some("merge updates"));
    assert!(wb.undo().expect("undo"));
    assert!(*wb.plan() == before, "undo gives back the plan as it was");
    assert!(
        wb.plan()
            .request(&request.id)
            .is_some_and(|r| r.merged_at.is_none())
    );
}

#[test]
fn a_field_the_analyst_changed_after_sending_is_a_conflict_shown_and_not_applied() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut wb, files) = sent(dir.path());
    let a = id(wb.plan(), "1.1.1");
    // After sending, the analyst records 30% for 1.1.1 herself.
    let update = wb.plan().item(&a).expect("item").update_at(
        &wb.plan().info,
        PERIOD,
        Some(StatusKind::OnTrack),
        Some(Some(30.0)),
        None,
    );
    wb.apply(&Command::RecordProgress {
        item: a.clone(),
        update,
    })
    .expect("analyst's edit");
    let returned = fill_in(
        &dana(&files),
        &[
            ("sheet2", "H2", Value::Number(60.0)),
            ("sheet2", "J3", Value::Text("Procurement done")),
        ],
    );
    let review = review(&wb, "Dana.xlsx", returned);
    assert!(review.problems.is_empty(), "{:?}", review.problems);
    assert_eq!(review.conflicts(), 1);
    let r = &review.returned[0];
    let conflict = r.rows.iter().find(|row| row.conflict()).expect("conflict");
    let c = &conflict.changes[0];
    assert_eq!(
        (c.field, c.sent.as_str(), c.now.as_str(), c.new.as_str()),
        (Field::Percent, "—", "30", "60"),
        "both values shown"
    );
    let text = cairn::cli::requests::review_text(&review, false);
    assert!(
        text.contains("CONFLICT: sent —, the plan now has 30, Dana Ruiz returned 60"),
        "{text}"
    );
    let merge = review
        .merge(
            wb.plan(),
            &accept_clean(&review),
            "pmo-analyst",
            "2026-01-21T09:00:00Z",
        )
        .expect("merge");
    wb.apply(&Command::MergeUpdates(Box::new(merge)))
        .expect("applied");
    let plan = wb.plan();
    let u = plan
        .item(&a)
        .and_then(|i| i.update_for(PERIOD))
        .expect("update");
    assert_eq!(u.percent, Some(30.0), "the analyst's value stays");
    let b = plan
        .item(&id(plan, "1.1.2"))
        .and_then(|i| i.update_for(PERIOD));
    assert_eq!(b.map(|u| u.note.as_str()), Some("Procurement done"));
    let reg = plan
        .requests
        .iter()
        .find(|r| r.to == OWNER)
        .expect("register");
    assert_eq!((reg.accepted, reg.rejected), (1, 1));
}

/// A returned file with one bad cell: the problem's sheet, row, column.
fn refused(wb: &Workbench, returned: Vec<u8>) -> (String, Option<u32>, Option<String>, String) {
    let review = review(wb, "Dana.xlsx", returned);
    assert!(
        review.returned.is_empty(),
        "a file with problems is not merged"
    );
    assert_eq!(review.problems.len(), 1, "{:?}", review.problems);
    assert!(
        review
            .merge(
                wb.plan(),
                &|_, _| true,
                "pmo-analyst",
                "2026-01-21T09:00:00Z"
            )
            .is_err()
    );
    let p = &review.problems[0];
    (p.sheet.clone(), p.row, p.column.clone(), p.message.clone())
}

#[test]
fn every_invalid_return_is_refused_by_sheet_row_and_column_with_nothing_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (wb, files) = sent(dir.path());
    let path = dana(&files);
    let history = wb.store().history_len();
    let before = wb.plan().clone();
    let col = |c: &Option<String>| c.clone().unwrap_or_default();

    let (sheet, row, column, message) = refused(
        &wb,
        fill_in(&path, &[("sheet2", "H3", Value::Number(140.0))]),
    );
    assert_eq!((sheet.as_str(), row), ("Initiatives", Some(3)));
    assert!(col(&column).starts_with("H ("), "{column:?}");
    assert!(message.contains("140"), "{message}");

    let (sheet, row, column, message) = refused(
        &wb,
        fill_in(&path, &[("sheet2", "G4", Value::Text("Sort of"))]),
    );
    assert_eq!((sheet.as_str(), row), ("Initiatives", Some(4)));
    assert!(col(&column).starts_with("G ("), "{column:?}");
    assert!(message.contains("\"Sort of\" is not a status"), "{message}");

    let (sheet, row, column, message) = refused(
        &wb,
        fill_in(&path, &[("sheet2", "I2", Value::Text("next spring"))]),
    );
    assert_eq!((sheet.as_str(), row), ("Initiatives", Some(2)));
    assert!(col(&column).starts_with("I ("), "{column:?}");
    assert!(message.contains("is not a date"), "{message}");

    let (sheet, row, column, message) = refused(
        &wb,
        fill_in(&path, &[("sheet3", "G2", Value::Text("lots"))]),
    );
    assert_eq!((sheet.as_str(), row), ("KPIs", Some(2)));
    assert!(col(&column).starts_with("G ("), "{column:?}");
    assert!(message.contains("lots"), "{message}");

    // A row sorted out of place.
    let (sheet, row, column, message) = refused(
        &wb,
        fill_in(&path, &[("sheet2", "A3", Value::Text("9.9.9"))]),
    );
    assert_eq!((sheet.as_str(), row), ("Initiatives", Some(3)));
    assert!(col(&column).starts_with("A ("), "{column:?}");
    assert!(message.contains("must not be moved"), "{message}");

    // A workbook that is not one of ours: the plan's own export.
    let export = dir.path().join("export.xlsx");
    let bytes = cairn::table::export::to_xlsx(wb.plan()).expect("export");
    std::fs::write(&export, &bytes).expect("write");
    let (_, row, _, message) = refused(&wb, bytes);
    assert_eq!(row, None);
    assert!(
        message.contains("is not an update request written by Cairn"),
        "{message}"
    );

    // Several at once are all listed.
    let review = review(
        &wb,
        "Dana.xlsx",
        fill_in(
            &path,
            &[
                ("sheet2", "H2", Value::Number(-5.0)),
                ("sheet2", "H3", Value::Number(101.0)),
            ],
        ),
    );
    let rows: Vec<Option<u32>> = review.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, [Some(2), Some(3)]);

    assert_eq!(wb.store().history_len(), history, "nothing written");
    assert!(*wb.plan() == before);
}

#[test]
fn a_request_merged_twice_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut wb, files) = sent(dir.path());
    let returned = fill_in(&dana(&files), &[("sheet2", "H2", Value::Number(50.0))]);
    let first = review(&wb, "Dana.xlsx", returned.clone());
    let merge = first
        .merge(
            wb.plan(),
            &|_, _| true,
            "pmo-analyst",
            "2026-01-21T09:00:00Z",
        )
        .expect("merge");
    wb.apply(&Command::MergeUpdates(Box::new(merge.clone())))
        .expect("first merge");
    let history = wb.store().history_len();
    // Reading it again: refused with the date and who merged it.
    let (sheet, _, _, message) = refused(&wb, returned.clone());
    assert_eq!(sheet, "cairn");
    assert!(
        message.contains("was already merged on 2026-01-21 by pmo-analyst"),
        "{message}"
    );
    // The same edit applied again: refused by the command too.
    let again = wb.apply(&Command::MergeUpdates(Box::new(merge)));
    assert!(again.is_err_and(|e| e.to_string().contains("already merged")));
    // The same file dropped twice at once.
    wb.undo().expect("undo");
    let twice = Review::build(
        wb.plan(),
        &[
            ("a.xlsx".to_owned(), returned.clone()),
            ("b.xlsx".to_owned(), returned),
        ],
    );
    assert_eq!(twice.problems.len(), 1);
    assert!(
        twice.problems[0].message.contains("again"),
        "{:?}",
        twice.problems
    );
    assert_eq!(
        wb.store().history_len(),
        history + 1,
        "only the undo was written"
    );
}

#[test]
fn requests_refuse_a_folder_holding_files_of_the_same_names_and_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (wb, files) = sent(dir.path());
    let requests: Vec<_> = wb.plan().requests.clone();
    let before: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).expect("f")).collect();
    let err = write_requests(
        wb.plan(),
        wb.tree(),
        &requests,
        &dir.path().join("out"),
        "pmo-analyst",
        &|| false,
    )
    .expect_err("refused");
    assert!(
        matches!(err, cairn::requests::RequestError::Exists(_)),
        "{err}"
    );
    assert!(err.to_string().contains("already exists"), "{err}");
    let after: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).expect("f")).collect();
    assert_eq!(before, after);
}

/// A plan whose status label has a comma: the drop-down reads the labels
/// from the hidden sheet, so "Delayed, needs help" is one choice (an
/// explicit list would offer "Delayed" and "needs help"), and choosing it
/// comes back as that status.
#[test]
fn a_status_label_with_a_comma_is_one_choice_in_the_drop_down() {
    const LABEL: &str = "Delayed, needs help";
    let dir = tempfile::tempdir().expect("tempdir");
    let (wb, files) = sent_with(dir.path(), |wb| {
        let mut info = wb.plan().info.clone();
        for s in &mut info.statuses {
            if s.kind == StatusKind::AtRisk {
                s.label = LABEL.into();
            }
        }
        wb.apply(&Command::SetInfo(Box::new(info))).expect("label");
    });
    let bytes = std::fs::read(dana(&files)).expect("request");
    let parts = common::xlsx::parts(&bytes);
    let xml = |name: &str| {
        String::from_utf8(
            parts
                .iter()
                .find(|(n, _)| n == name)
                .expect("part")
                .1
                .clone(),
        )
        .expect("xml")
    };
    let items = xml("xl/worksheets/sheet2.xml");
    assert!(
        items.contains("<formula1>'cairn'!$M$2:$M$8</formula1>"),
        "the Status list is read from the hidden sheet: {}",
        &items[items.find("<dataValidations").unwrap_or(0)..]
            .chars()
            .take(600)
            .collect::<String>()
    );
    assert!(!items.contains(LABEL), "no explicit list with the label");
    assert!(xml("xl/sharedStrings.xml").contains(LABEL));
    let returned = fill_in(&dana(&files), &[("sheet2", "G2", Value::Text(LABEL))]);
    let review = review(&wb, "Dana.xlsx", returned);
    assert!(review.problems.is_empty(), "{:?}", review.problems);
    let change = &review.returned[0].rows[0].changes[0];
    assert_eq!((change.field, change.new.as_str()), (Field::Status, LABEL));
}

#[test]
fn a_percent_recorded_after_sending_leaves_the_status_sent_unconflicted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut wb, files) = sent(dir.path());
    let a = id(wb.plan(), "1.1.1");
    // Only a percent: the period's status is recorded as "Not started",
    // which is what the request showed for a period with nothing yet.
    let update = wb.plan().item(&a).expect("item").update_at(
        &wb.plan().info,
        PERIOD,
        None,
        Some(Some(30.0)),
        None,
    );
    wb.apply(&Command::RecordProgress {
        item: a.clone(),
        update,
    })
    .expect("analyst's edit");
    let returned = fill_in(
        &dana(&files),
        &[
            ("sheet2", "G2", Value::Text("On track")),
            ("sheet2", "H2", Value::Number(60.0)),
        ],
    );
    let review = review(&wb, "Dana.xlsx", returned);
    assert!(review.problems.is_empty(), "{:?}", review.problems);
    let row = &review.returned[0].rows[0];
    let conflicting: Vec<Field> = row
        .changes
        .iter()
        .filter(|c| c.conflict())
        .map(|c| c.field)
        .collect();
    assert_eq!(conflicting, [Field::Percent], "{:?}", row.changes);
    assert!(
        row.changes
            .iter()
            .any(|c| c.field == Field::Status && c.new == "On track"),
        "{:?}",
        row.changes
    );
}
