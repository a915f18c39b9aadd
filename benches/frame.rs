//! One frame of the real window, headless (egui layout plus tessellation),
//! on a 10,000-initiative plan with the tree fully expanded, and with a
//! filter typed; and opening the file through to the first frame.
//! Run with `cargo bench --bench frame`; see BENCHMARKS.md.

use std::hint::black_box;
use std::time::Duration;

use cairn::app::{CairnApp, Prefs};
use cairn::interchange::generate::{Size, plan};
use cairn::store::Store;
use cairn::workbench::Workbench;
use criterion::{Criterion, criterion_group, criterion_main};

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1440.0, 900.0),
        )),
        ..Default::default()
    }
}

/// Runs one frame and tessellates it, as eframe does before painting.
fn frame(ctx: &egui::Context, app: &mut CairnApp) -> usize {
    let out = ctx.run_ui(input(), |ui| app.show(ui));
    ctx.tessellate(out.shapes, out.pixels_per_point).len()
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.cairn");
    let big = plan(Size::REFERENCE);
    drop(Store::create(&path, &big).expect("create"));

    let mut g = c.benchmark_group("window");
    g.sample_size(50).measurement_time(Duration::from_secs(8));

    let ctx = egui::Context::default();
    let mut app = CairnApp::new(Workbench::open(&path), Prefs::default());
    for _ in 0..3 {
        frame(&ctx, &mut app); // Fonts and caches warm up, as on screen.
    }
    g.bench_function("frame, 10k plan, tree fully expanded", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app)))
    });

    app.set_filter_text("permitting");
    frame(&ctx, &mut app);
    g.bench_function("frame, 10k plan, filter typed", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app)))
    });
    app.set_filter_text("");

    g.sample_size(10);
    g.bench_function("open 10k workbench and show the first frame", |b| {
        b.iter(|| {
            let ctx = egui::Context::default();
            let mut app = CairnApp::new(Workbench::open(&path), Prefs::default());
            black_box(frame(&ctx, &mut app))
        });
    });
    g.finish();
}

criterion_group!(window, benches);
criterion_main!(window);
