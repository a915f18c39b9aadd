//! Scale benchmarks without a window: opening a 10,000-initiative
//! workbench, JSON import and export, and report cards.
//! Run with `cargo bench --bench workbench`; see BENCHMARKS.md.

use std::hint::black_box;
use std::time::Duration;

use cairn::interchange::generate::{Size, plan};
use cairn::report::{self, Paper, ReportOptions, Scope};
use cairn::store::Store;
use cairn::workbench::Workbench;
use criterion::{Criterion, criterion_group, criterion_main};

/// The reference plan: 10 goals × 100 objectives × 10 initiatives,
/// 2,000 KPIs, 100,000 measurements.
const BIG: Size = Size::REFERENCE;

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = plan(BIG);
    let path = dir.path().join("big.cairn");
    drop(Store::create(&path, &big).expect("create"));
    let json = cairn::interchange::to_json(&big);

    let mut g = c.benchmark_group("scale");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    g.bench_function("open 10k workbench (read, validate, tree, roll-up)", |b| {
        b.iter(|| black_box(Workbench::open(&path).expect("open")));
    });
    g.bench_function("JSON import 10k items", |b| {
        b.iter(|| black_box(cairn::interchange::from_json(&json).expect("import")));
    });
    g.bench_function("JSON export 10k items", |b| {
        b.iter(|| black_box(cairn::interchange::to_json(&big)))
    });
    g.bench_function("report card, 1,000 objectives (PDF)", |b| {
        b.iter(|| {
            let card =
                report::build(&big, &ReportOptions::new(Scope::Plan, "FY2026")).expect("build");
            black_box(report::pdf::render(&card, Paper::Letter).expect("render"))
        });
    });
    g.finish();

    let phoenix = cairn::interchange::seeds::phoenix_with_sample_kpis().expect("seed");
    let mut g = c.benchmark_group("phoenix");
    g.bench_function("report card, whole plan (PDF)", |b| {
        b.iter(|| {
            let card =
                report::build(&phoenix, &ReportOptions::new(Scope::Plan, "FY2025")).expect("build");
            black_box(report::pdf::render(&card, Paper::Letter).expect("render"))
        });
    });
    g.bench_function("report card, whole plan (HTML)", |b| {
        b.iter(|| {
            let card =
                report::build(&phoenix, &ReportOptions::new(Scope::Plan, "FY2025")).expect("build");
            black_box(report::html::render(&card))
        });
    });
    g.finish();
}

criterion_group!(scale, benches);
criterion_main!(scale);
