//! Update requests at the reference scale (issue 17): writing one request
//! per owner for 200 owners over the 10k plan, and merging 200 returned
//! files (read with calamine, reviewed, applied as one edit and written).
//! Run with `cargo bench --bench requests`; see BENCHMARKS.md.

use std::hint::black_box;
use std::io::{Cursor, Read as _, Write as _};
use std::time::{Duration, Instant};

use cairn::command::Command;
use cairn::interchange::generate::{Size, plan};
use cairn::model::{Plan, RequestBy, Tree};
use cairn::requests::{RequestOptions, Review, plan_requests, write_requests};
use cairn::workbench::Workbench;
use criterion::{Criterion, criterion_group, criterion_main};

const BIG: Size = Size::REFERENCE;
const OWNERS: usize = 200;
const PERIOD: &str = "FY2026 Q2";

/// The 10k plan with its initiatives and KPIs shared among 200 owners.
fn owned() -> Plan {
    let mut p = plan(BIG);
    let ids: Vec<String> = p.items().iter().map(|i| i.id.clone()).collect();
    for (n, id) in ids.iter().enumerate() {
        if let Some(item) = p.item_mut(id) {
            item.owner = format!("Owner {:03}", n % OWNERS + 1);
        }
    }
    for (n, k) in p.kpis.iter_mut().enumerate() {
        k.owner = format!("Owner {:03}", n % OWNERS + 1);
    }
    p
}

fn options() -> RequestOptions {
    RequestOptions {
        period: PERIOD.into(),
        by: RequestBy::Owner,
        due: None,
        sent_by: "bench".into(),
        return_to: "bench".into(),
        at: "2026-01-05T10:00:00Z".into(),
    }
}

/// The request as an owner returns it: the first initiative's percent and
/// note typed in (the sheet's XML edited in the zip, as another program
/// saving it would).
fn filled_in(bytes: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("part");
        let name = f.name().expect("name").into_owned();
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("read");
        if name == "xl/worksheets/sheet2.xml" {
            let xml = String::from_utf8(data).expect("xml");
            let xml = replace_cell(&xml, "H2", "<v>55</v>", "");
            let xml = replace_cell(&xml, "J2", "<is><t>On plan</t></is>", " t=\"inlineStr\"");
            data = xml.into_bytes();
        }
        w.start_file(name.as_str(), opts).expect("start");
        w.write_all(&data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

fn replace_cell(xml: &str, at: &str, inner: &str, kind: &str) -> String {
    let open = format!("<c r=\"{at}\"");
    let Some(start) = xml.find(&open) else {
        return xml.to_owned();
    };
    let head_end = start + xml[start..].find('>').expect("tag");
    let end = if xml.as_bytes()[head_end - 1] == b'/' {
        head_end + 1
    } else {
        head_end + xml[head_end..].find("</c>").expect("close") + 4
    };
    let style = xml[start..head_end]
        .split_whitespace()
        .find(|a| a.starts_with("s=\""))
        .map(|s| format!(" {}", s.trim_end_matches('/')))
        .unwrap_or_default();
    format!(
        "{}<c r=\"{at}\"{style}{kind}>{inner}</c>{}",
        &xml[..start],
        &xml[end..]
    )
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = owned();
    let tree = Tree::build(&p);
    let requests = plan_requests(&p, &tree, &options()).expect("requests");
    assert_eq!(requests.len(), OWNERS);

    let mut g = c.benchmark_group("update requests");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    let mut n = 0;
    g.bench_function("write requests for 200 owners over the 10k plan", |b| {
        b.iter(|| {
            n += 1;
            let out = dir.path().join(format!("out{n}"));
            let requests = plan_requests(&p, &tree, &options()).expect("requests");
            let written =
                write_requests(&p, &tree, &requests, &out, "bench", &|| false).expect("write");
            black_box(written.len())
        });
    });

    // 200 requests sent and registered in a workbench, each returned with
    // one initiative filled in.
    let out = dir.path().join("sent");
    let written = write_requests(&p, &tree, &requests, &out, "bench", &|| false).expect("write");
    let returned: Vec<(String, Vec<u8>)> = written
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).expect("read");
            (
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                filled_in(&bytes),
            )
        })
        .collect();
    let mut wb = Workbench::create(&dir.path().join("plan.cairn"), p.clone()).expect("create");
    wb.apply(&Command::RegisterRequests(requests))
        .expect("register");
    g.bench_function(
        "merge 200 returned requests (read, review, one edit)",
        |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    let review = Review::build(wb.plan(), &returned);
                    assert!(review.problems.is_empty(), "{:?}", review.problems.first());
                    let merge = review
                        .merge(wb.plan(), &|_, _| true, "bench", "2026-01-21T09:00:00Z")
                        .expect("merge");
                    wb.apply(&Command::MergeUpdates(Box::new(merge)))
                        .expect("apply");
                    total += start.elapsed();
                    // Put the plan back for the next round (not timed).
                    wb.undo().expect("undo");
                }
                total
            });
        },
    );
    g.finish();
}

criterion_group!(requests, benches);
criterion_main!(requests);
