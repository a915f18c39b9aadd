//! What one edit costs, on the 10,000-initiative plan and on Phoenix, in
//! the same run: one `set` through the workbench (apply, check, write,
//! commit, undo record, roll-up), 200 scripted edits as `cairn set --stdin`
//! applies them, and a bare one-row SQLite commit on the same file so the
//! edit's own cost can be told from the disk's.
//! Run with `cargo bench --bench edits`; see BENCHMARKS.md.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use cairn::command::{Command, ItemField};
use cairn::interchange::generate::{Size, plan};
use cairn::model::Plan;
use cairn::store::Store;
use cairn::workbench::Workbench;
use criterion::{Criterion, criterion_group};

const BIG: Size = Size::REFERENCE;

/// 200 edits of the kinds people script: status, percent, owner, title,
/// spread over the plan's lowest-level items.
fn script(plan: &Plan, round: usize) -> Vec<Command> {
    let lowest = plan.info.levels.len() - 1;
    let leaves: Vec<&str> = plan
        .items()
        .iter()
        .filter(|i| i.level == lowest)
        .map(|i| i.id.as_str())
        .collect();
    (0..200)
        .map(|n| {
            let item = leaves[(n * 7919 + round) % leaves.len()].to_owned();
            let (field, value) = match n % 4 {
                0 => (
                    ItemField::Status,
                    ["on_track", "at_risk"][round % 2].to_owned(),
                ),
                1 => (ItemField::Percent, format!("{}", (n + round) % 100)),
                2 => (ItemField::Owner, format!("Owner {}", (n + round) % 13)),
                _ => (
                    ItemField::Title,
                    format!("Scripted title {n} round {round}"),
                ),
            };
            if field.is_progress() {
                // As `cairn set` records them: for a reporting period.
                cairn::command::figure_edit(plan, &item, "FY2026 Q2", field, &value)
                    .expect("a figure edit")
            } else {
                Command::SetField { item, field, value }
            }
        })
        .collect()
}

/// Two rounds of the script, so consecutive edits of an item alternate
/// between values; made before timing starts.
fn edits_to_time(plan: &Plan) -> Vec<Command> {
    let mut commands = script(plan, 0);
    commands.extend(script(plan, 1));
    commands
}

fn create(dir: &Path, name: &str, plan: &Plan) -> std::path::PathBuf {
    let path = dir.join(name);
    drop(Store::create(&path, plan).expect("create"));
    path
}

/// A one-row commit on a copy of the workbench file: what the disk costs.
fn bare_commit(path: &Path, copy: &Path) -> rusqlite::Connection {
    std::fs::copy(path, copy).expect("copy");
    let conn = rusqlite::Connection::open(copy).expect("open copy");
    conn.execute_batch("CREATE TABLE IF NOT EXISTS bench_commit (n INTEGER)")
        .expect("table");
    conn
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = create(dir.path(), "big.cairn", &plan(BIG));
    let phoenix = create(
        dir.path(),
        "phoenix.cairn",
        &cairn::interchange::seeds::phoenix_with_sample_kpis().expect("seed"),
    );
    let mut g = c.benchmark_group("edits");
    g.sample_size(30).measurement_time(Duration::from_secs(8));
    for (name, path) in [("10k", &big), ("Phoenix", &phoenix)] {
        let mut wb = Workbench::open(path).expect("open");
        let commands = edits_to_time(wb.plan());
        let mut next = commands.iter().cycle();
        g.bench_function(format!("one edit, {name} plan (with its commit)"), |b| {
            b.iter(|| {
                let command = next.next().expect("cycle");
                black_box(wb.apply(command).expect("edit"))
            });
        });
        let conn = bare_commit(path, &dir.path().join(format!("{name}-copy.cairn")));
        g.bench_function(format!("a bare one-row commit, {name} file"), |b| {
            b.iter(|| {
                conn.execute("INSERT INTO bench_commit VALUES (1)", [])
                    .expect("insert")
            });
        });
    }
    g.finish();

    let mut g = c.benchmark_group("scripted");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    for (name, path) in [("10k", &big), ("Phoenix", &phoenix)] {
        let mut wb = Workbench::open(path).expect("open");
        let mut round = 0;
        g.bench_function(format!("200 scripted edits, {name} plan"), |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    let commands = script(wb.plan(), round);
                    round += 1;
                    let start = Instant::now();
                    for command in &commands {
                        black_box(wb.apply(command).expect("edit"));
                    }
                    spent += start.elapsed();
                }
                spent
            });
        });
    }
    g.finish();
}

/// The target is a ratio, so both plans are timed here alternately, in
/// the same run, and the ratio of the medians is printed.
fn ratio() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut big = Workbench::open(&create(dir.path(), "big.cairn", &plan(BIG))).expect("open");
    let mut phoenix = Workbench::open(&create(
        dir.path(),
        "phoenix.cairn",
        &cairn::interchange::seeds::phoenix_with_sample_kpis().expect("seed"),
    ))
    .expect("open");
    let time = |wb: &mut Workbench, round: usize| {
        let commands = script(wb.plan(), round);
        let start = Instant::now();
        for command in &commands {
            wb.apply(command).expect("edit");
        }
        start.elapsed().as_secs_f64()
    };
    let (mut b, mut p) = (Vec::new(), Vec::new());
    for round in 0..9 {
        b.push(time(&mut big, round));
        p.push(time(&mut phoenix, round));
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (b, p) = (median(&mut b), median(&mut p));
    println!(
        "200 scripted edits, 9 alternating runs: 10k plan median {:.1} ms, Phoenix {:.1} ms, ratio {:.2} (target ≤ 3)",
        b * 1e3,
        p * 1e3,
        b / p
    );
}

criterion_group!(edits, benches);

fn main() {
    edits();
    ratio();
    Criterion::default().configure_from_args().final_summary();
}
