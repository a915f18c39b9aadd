//! Importing 100,000 KPI measurements from a CSV table into a workbench
//! (issue 8: "100,000 rows in under a second"), end to end: decode the
//! file, map and check every row, apply the one import command and write
//! it and its history in one transaction. Also the read-and-check part
//! alone, and the .xlsx export of the same plan.
//! Run with `cargo bench --bench table_import`; see BENCHMARKS.md.

use std::hint::black_box;
use std::time::Duration;

use cairn::command::Command;
use cairn::interchange::generate::{Size, plan};
use cairn::store::Store;
use cairn::table::read::read_bytes;
use cairn::table::{export, measurements_import};
use cairn::workbench::Workbench;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

/// The reference plan of the scale benchmarks: 10,000 initiatives, 2,000
/// KPIs with 50 quarterly values each (sample data).
const BIG: Size = Size::REFERENCE;

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let full = plan(BIG);
    let csv = export::to_csv(&export::measurements_table(&full), true).expect("csv");
    let mut empty = full.clone();
    for k in &mut empty.kpis {
        k.measurements.clear();
    }
    let template = dir.path().join("template.cairn");
    drop(Store::create(&template, &empty).expect("create"));
    let rows = read_bytes(&csv, "m.csv", None, &[])
        .expect("read")
        .rows
        .len();
    assert_eq!(rows, 100_000);

    let mut g = c.benchmark_group("table import");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function(
        "100k measurements CSV into a workbench (read, check, write)",
        |b| {
            let mut n = 0;
            b.iter_batched(
                || {
                    n += 1;
                    let path = dir.path().join(format!("run{n}.cairn"));
                    std::fs::copy(&template, &path).expect("copy");
                    Workbench::open(&path).expect("open")
                },
                |mut wb| {
                    let grid = read_bytes(&csv, "m.csv", None, &[]).expect("read");
                    let mapping = measurements_import::Mapping::guess(&grid.headers);
                    let table =
                        measurements_import::prepare(&grid, &mapping, wb.plan()).expect("prepare");
                    wb.apply(&Command::ImportMeasurements(Box::new(table)))
                        .expect("apply");
                    wb
                },
                BatchSize::PerIteration,
            );
        },
    );
    g.bench_function("100k measurements CSV read and checked (no write)", |b| {
        b.iter(|| {
            let grid = read_bytes(&csv, "m.csv", None, &[]).expect("read");
            let mapping = measurements_import::Mapping::guess(&grid.headers);
            black_box(measurements_import::prepare(&grid, &mapping, &empty).expect("prepare"))
        });
    });
    g.bench_function("xlsx export, 10k items and 100k measurements", |b| {
        b.iter(|| black_box(export::to_xlsx(&full).expect("xlsx")));
    });
    g.finish();
}

criterion_group!(table_import, benches);
criterion_main!(table_import);
