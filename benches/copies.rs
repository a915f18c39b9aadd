//! Merging a colleague's copy at the reference scale (issue 17): a copy of
//! the 10k plan in which 10,000 rows changed (every initiative's owner),
//! reviewed, and merged through the session extension as one edit.
//! Run with `cargo bench --bench copies`; see BENCHMARKS.md.

use std::hint::black_box;
use std::time::{Duration, Instant};

use cairn::interchange::generate::{Size, plan};
use cairn::store::copies::CopyChoices;
use cairn::workbench::Workbench;
use criterion::{Criterion, criterion_group, criterion_main};

const BIG: Size = Size::REFERENCE;

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.cairn");
    let mut wb = Workbench::create(&path, plan(BIG)).expect("create");
    let copy = dir.path().join("colleague.cairn");
    wb.store().save_copy(&copy).expect("copy");
    {
        // The colleague's edits: 10,000 item rows changed.
        let conn = rusqlite::Connection::open(&copy).expect("copy");
        let changed = conn
            .execute(
                "UPDATE items SET owner = 'Dana Ruiz' WHERE id IN (SELECT id FROM items ORDER BY pos LIMIT 10000)",
                [],
            )
            .expect("edit");
        assert_eq!(changed, 10_000);
    }
    let review = wb.review_copy(&copy).expect("review");
    assert_eq!(
        review.changes.len(),
        10_000,
        "one change per initiative row"
    );

    let mut g = c.benchmark_group("merge a copy");
    g.sample_size(10).measurement_time(Duration::from_secs(40));
    g.bench_function("review a copy with 10,000 changed rows", |b| {
        b.iter(|| black_box(wb.review_copy(&copy).expect("review").changes.len()));
    });
    g.bench_function(
        "merge a 10,000-row changeset (diff, apply, order, check, one edit)",
        |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    let merged = wb
                        .merge_copy(&copy, &CopyChoices::default())
                        .expect("merge");
                    total += start.elapsed();
                    assert_eq!(merged.rows, 10_000);
                    // Put the plan back for the next round (not timed).
                    wb.undo().expect("undo");
                }
                total
            });
        },
    );
    g.finish();
}

criterion_group!(copies, benches);
criterion_main!(copies);
