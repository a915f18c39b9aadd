//! A KPI's chart: actual against target with the at-risk band over the
//! KPI's periods. The key is drawn under the plot, never over the newest
//! points; the axes take in every value, target and band edge; hovering
//! names the period, value and target; and "Show as table" gives the same
//! figures as text a screen reader reaches. Missing values are gaps, never
//! zero.

use egui::{Grid, RichText, Stroke, Ui};
use egui_plot::{FilledArea, HoverPosition, Line, LineStyle, Plot, PlotPoints, Points};

use crate::app::widgets;
use crate::model::{Direction, Kpi, PlanInfo, StatusKind};
use crate::theme::palette;

use super::kpi_periods;

/// The part of the y range added above and below the figures.
const HEADROOM: f64 = 0.1;

/// The plot's ranges: x over every period shown (half a step either
/// side), y over every actual value, target and band edge with headroom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Bounds {
    pub x: [f64; 2],
    pub y: [f64; 2],
}

/// The edges of the bands around a target: (on-track low, on-track high,
/// at-risk low, at-risk high).
fn band(kpi: &Kpi, target: f64) -> (f64, f64, f64, f64) {
    let (m, t, v) = (kpi.at_risk_margin, kpi.tolerance, target);
    match kpi.direction {
        Direction::HigherIsBetter => (v, v, v - m, v),
        Direction::LowerIsBetter => (v, v, v, v + m),
        Direction::TargetBand => (v - t, v + t, v - t - m, v + t + m),
    }
}

/// The ranges a chart of `kpi` over the periods `labels` must show.
pub(crate) fn bounds(kpi: &Kpi, labels: &[&str]) -> Bounds {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    let mut take = |v: f64| {
        if v.is_finite() {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    };
    for label in labels {
        if let Some(v) = kpi.value_for(label) {
            take(v);
        }
        if let Some(t) = kpi.target_for(label) {
            let (a, b, c, d) = band(kpi, t);
            for v in [t, a, b, c, d] {
                take(v);
            }
        }
    }
    let y = if lo > hi {
        [0.0, 1.0]
    } else {
        let span = hi - lo;
        let pad = if span > 0.0 {
            span * HEADROOM
        } else {
            lo.abs().max(1.0) * HEADROOM
        };
        [lo - pad, hi + pad]
    };
    let last = labels.len().saturating_sub(1) as f64;
    Bounds {
        x: [-0.5, last + 0.5],
        y,
    }
}

/// "112%", "4.2 days", "7".
fn with_unit(v: f64, unit: &str) -> String {
    match unit.trim() {
        "" => format!("{v}"),
        "%" => format!("{v}%"),
        u => format!("{v} {u}"),
    }
}

/// One period's figures, as the hover text and the table show them.
struct Row<'a> {
    label: &'a str,
    target: Option<f64>,
    actual: Option<f64>,
    /// Recorded as missing (not zero).
    missing: bool,
    status: Option<StatusKind>,
}

impl Row<'_> {
    fn actual_text(&self, unit: &str) -> String {
        match self.actual {
            Some(v) => with_unit(v, unit),
            None if self.missing => "missing (not zero)".to_owned(),
            None => "no value".to_owned(),
        }
    }

    /// "FY2026 · 112% · target 100% · On track"; "FY2026 · no value · no
    /// target".
    fn hover(&self, info: &PlanInfo, unit: &str) -> String {
        let target = match self.target {
            Some(t) => format!("target {}", with_unit(t, unit)),
            None => "no target".to_owned(),
        };
        let mut text = format!("{} · {} · {target}", self.label, self.actual_text(unit));
        if let Some(s) = self.status {
            text += &format!(" · {}", info.status_label(s));
        }
        text
    }
}

fn rows<'a>(kpi: &Kpi, labels: &[&'a str]) -> Vec<Row<'a>> {
    labels
        .iter()
        .map(|label| Row {
            label,
            target: kpi.target_for(label),
            actual: kpi.value_for(label),
            missing: kpi
                .measurements
                .iter()
                .any(|m| m.period == *label && m.value.is_none()),
            status: kpi.status_in(label),
        })
        .collect()
}

/// Runs of consecutive measured periods: a missing period breaks the line.
fn segments(rows: &[Row<'_>]) -> Vec<Vec<[f64; 2]>> {
    let mut out: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut run = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        match r.actual {
            Some(v) => run.push([i as f64, v]),
            None if !run.is_empty() => out.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// The series' colours, from the status palette: actual blue, target
/// green, the at-risk band amber.
struct Colours {
    actual: egui::Color32,
    target: egui::Color32,
    risk_fill: egui::Color32,
    on_fill: egui::Color32,
}

fn colours(ui: &Ui) -> Colours {
    let c = |k| widgets::colour(palette::status_colour(k));
    // On a dark panel the lines are lightened towards the text colour so
    // they stand out as well as on a light one.
    let line = |k| {
        if ui.visuals().dark_mode {
            c(k).lerp_to_gamma(ui.visuals().strong_text_color(), 0.35)
        } else {
            c(k)
        }
    };
    Colours {
        actual: line(StatusKind::Completed),
        target: line(StatusKind::OnTrack),
        risk_fill: c(StatusKind::AtRisk).gamma_multiply(0.35),
        on_fill: c(StatusKind::OnTrack).gamma_multiply(0.25),
    }
}

/// The Id under which whether a KPI is shown as a table is kept while the
/// window is open (the KPI panel and the presentation share it).
fn table_id(kpi: &Kpi) -> egui::Id {
    egui::Id::unique(("kpi-chart-as-table", &kpi.id))
}

/// Actual against target, with the at-risk band, over the KPI's periods;
/// or, when the user chose, the same figures as a table.
pub(crate) fn chart(ui: &mut Ui, info: &PlanInfo, kpi: &Kpi, height: f32) {
    let shown = kpi_periods(&info.periods, kpi);
    let labels: Vec<&str> = shown.iter().map(|p| p.label.as_str()).collect();
    let rows = rows(kpi, &labels);
    let unit = kpi.unit.as_str();
    ui.horizontal_wrapped(|ui| {
        let title = format!(
            "{} ({})",
            kpi.name,
            if unit.is_empty() { "value" } else { unit }
        );
        ui.label(RichText::new(title).strong());
        let id = table_id(kpi);
        let mut as_table = ui.data(|d| d.get_temp::<bool>(id)).unwrap_or(false);
        if ui.checkbox(&mut as_table, "Show as table").changed() {
            ui.data_mut(|d| d.insert_temp(id, as_table));
        }
    });
    if ui
        .data(|d| d.get_temp::<bool>(table_id(kpi)))
        .unwrap_or(false)
    {
        table(ui, info, kpi, &rows);
    } else {
        plot(ui, info, kpi, &rows, height);
        key(ui, kpi);
    }
    let missing: Vec<&str> = kpi
        .measurements
        .iter()
        .filter(|m| m.value.is_none())
        .map(|m| m.period.as_str())
        .collect();
    if !missing.is_empty() {
        ui.label(
            RichText::new(format!("Missing (not zero): {}", missing.join(", ")))
                .italics()
                .weak(),
        );
    }
}

fn plot(ui: &mut Ui, info: &PlanInfo, kpi: &Kpi, rows: &[Row<'_>], height: f32) {
    let labels: Vec<&str> = rows.iter().map(|r| r.label).collect();
    let b = bounds(kpi, &labels);
    let c = colours(ui);
    let x = |i: usize| i as f64;
    let targets: Vec<(f64, f64)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.target.map(|t| (x(i), t)))
        .collect();
    let xs: Vec<f64> = targets.iter().map(|(x, _)| *x).collect();
    let edges: Vec<(f64, f64, f64, f64)> = targets.iter().map(|(_, t)| band(kpi, *t)).collect();
    let pick = |f: fn(&(f64, f64, f64, f64)) -> f64| edges.iter().map(f).collect::<Vec<f64>>();
    let (on_lo, on_hi, risk_lo, risk_hi) =
        (pick(|e| e.0), pick(|e| e.1), pick(|e| e.2), pick(|e| e.3));
    let hover: Vec<String> = rows.iter().map(|r| r.hover(info, &kpi.unit)).collect();
    let period_at = |x: f64| -> Option<usize> {
        let i = x.round();
        // Checked whole, non-negative and within the periods.
        (i >= 0.0 && (x - i).abs() <= 0.5 && (i as usize) < labels.len()).then_some(i as usize)
    };
    let axis_labels = labels.clone();
    Plot::new(("kpi-chart", &kpi.id))
        .height(height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .include_x(b.x[0])
        .include_x(b.x[1])
        .include_y(b.y[0])
        .include_y(b.y[1])
        .x_axis_formatter(move |mark, _| {
            let v = mark.value;
            if (v - v.round()).abs() > 1e-6 {
                return String::new();
            }
            period_at(v)
                .and_then(|i| axis_labels.get(i))
                .map(|l| (*l).to_owned())
                .unwrap_or_default()
        })
        .label_formatter(move |pos| {
            let p = match pos {
                HoverPosition::NearDataPoint { position, .. }
                | HoverPosition::Elsewhere { position } => position,
            };
            period_at(p.x).and_then(|i| hover.get(i).cloned())
        })
        .show(ui, |plot| {
            if !xs.is_empty() {
                plot.add(
                    FilledArea::new("At-risk band", &xs, &risk_lo, &risk_hi)
                        .fill_color(c.risk_fill)
                        .allow_hover(false),
                );
                if kpi.direction == Direction::TargetBand {
                    plot.add(
                        FilledArea::new("On-track band", &xs, &on_lo, &on_hi)
                            .fill_color(c.on_fill)
                            .allow_hover(false),
                    );
                }
                let points: Vec<[f64; 2]> = targets.iter().map(|(x, t)| [*x, *t]).collect();
                plot.add(
                    Line::new("Target", PlotPoints::from(points))
                        .color(c.target)
                        .style(LineStyle::dashed_loose()),
                );
            }
            let runs = segments(rows);
            for run in &runs {
                plot.add(
                    Line::new("Actual", PlotPoints::from(run.clone()))
                        .color(c.actual)
                        .width(2.0),
                );
            }
            let all: Vec<[f64; 2]> = runs.into_iter().flatten().collect();
            if !all.is_empty() {
                plot.add(
                    Points::new("Actual", PlotPoints::from(all))
                        .color(c.actual)
                        .radius(4.0),
                );
            }
        });
}

/// The key under the plot: each series' mark drawn as on the plot, then
/// its name.
fn key(ui: &mut Ui, kpi: &Kpi) {
    let c = colours(ui);
    let swatch = |ui: &mut Ui, draw: &dyn Fn(&egui::Painter, egui::Rect)| {
        let size = egui::vec2(ui.text_style_height(&egui::TextStyle::Body) * 1.6, 12.0);
        let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
        draw(ui.painter(), rect);
    };
    ui.horizontal_wrapped(|ui| {
        swatch(ui, &|p, r| {
            p.line_segment(
                [r.left_center(), r.right_center()],
                Stroke::new(2.0, c.actual),
            );
            p.circle_filled(r.center(), 4.0, c.actual);
        });
        ui.label("Actual");
        ui.add_space(8.0);
        swatch(ui, &|p, r| {
            let y = r.center().y;
            let w = r.width() / 5.0;
            for k in [0.0, 2.0, 4.0] {
                let x0 = r.left() + k * w;
                p.line_segment(
                    [egui::pos2(x0, y), egui::pos2(x0 + w, y)],
                    Stroke::new(1.5, c.target),
                );
            }
        });
        ui.label("Target");
        ui.add_space(8.0);
        swatch(ui, &|p, r| {
            p.rect_filled(r, 2.0, c.risk_fill);
        });
        ui.label("At-risk band");
        if kpi.direction == Direction::TargetBand {
            ui.add_space(8.0);
            swatch(ui, &|p, r| {
                p.rect_filled(r, 2.0, c.on_fill);
            });
            ui.label("On-track band");
        }
    });
}

/// The chart as text: Period, Target, Actual, Status per period.
fn table(ui: &mut Ui, info: &PlanInfo, kpi: &Kpi, rows: &[Row<'_>]) {
    if rows.is_empty() {
        ui.label(RichText::new("No reporting periods to show.").weak());
        return;
    }
    let unit = kpi.unit.as_str();
    Grid::new(("kpi-chart-table", &kpi.id))
        .striped(true)
        .num_columns(4)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for h in ["Period", "Target", "Actual", "Status"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for r in rows {
                ui.label(r.label);
                ui.label(
                    r.target
                        .map_or_else(|| "—".to_owned(), |t| with_unit(t, unit)),
                );
                ui.label(match (r.actual, r.missing) {
                    (None, false) => "—".to_owned(),
                    _ => r.actual_text(unit),
                });
                match r.status {
                    Some(s) => {
                        widgets::status_chip(ui, info, s);
                    }
                    None => {
                        ui.label("—");
                    }
                }
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Frequency, Measurement, Target};

    fn kpi(direction: Direction) -> Kpi {
        let m = |p: &str, v: Option<f64>| Measurement {
            period: p.to_owned(),
            value: v,
            comment: String::new(),
        };
        let t = |p: &str, v: f64| Target {
            period: p.to_owned(),
            value: v,
        };
        Kpi {
            id: "k".into(),
            item: "i".into(),
            name: "Uptime".into(),
            description: String::new(),
            unit: "%".into(),
            direction,
            baseline: None,
            baseline_period: None,
            targets: vec![t("FY2024", 95.0), t("FY2025", 96.0), t("FY2026", 97.0)],
            tolerance: 1.0,
            at_risk_margin: 5.0,
            frequency: Frequency::Annually,
            owner: String::new(),
            source: String::new(),
            sample: false,
            formula: None,
            measurements: vec![
                m("FY2024", Some(93.0)),
                m("FY2025", None),
                m("FY2026", Some(112.0)),
            ],
        }
    }

    const LABELS: [&str; 3] = ["FY2024", "FY2025", "FY2026"];

    #[test]
    fn a_value_above_the_targets_is_inside_the_bounds_with_headroom() {
        let b = bounds(&kpi(Direction::HigherIsBetter), &LABELS);
        // 112 is above every target (97): it is inside, not on the edge.
        assert!(b.y[1] > 112.0, "{b:?}");
        // The at-risk band's lower edge (95 - 5) is inside too.
        assert!(b.y[0] < 90.0, "{b:?}");
        assert!(
            b.x[0] < 0.0 && b.x[1] > 2.0,
            "every period is inside: {b:?}"
        );
    }

    #[test]
    fn the_band_of_a_target_band_kpi_is_inside_the_bounds() {
        let mut k = kpi(Direction::TargetBand);
        k.measurements.clear();
        let b = bounds(&k, &LABELS);
        // 95 - 1 - 5 = 89 and 97 + 1 + 5 = 103.
        assert!(b.y[0] < 89.0 && b.y[1] > 103.0, "{b:?}");
        let mut k = kpi(Direction::LowerIsBetter);
        k.measurements.clear();
        let b = bounds(&k, &LABELS);
        assert!(b.y[1] > 102.0, "the at-risk band above 97: {b:?}");
    }

    #[test]
    fn a_kpi_without_figures_has_a_usable_range() {
        let mut k = kpi(Direction::HigherIsBetter);
        k.measurements.clear();
        k.targets.clear();
        let b = bounds(&k, &[]);
        assert!(b.y[0] < b.y[1] && b.x[0] < b.x[1], "{b:?}");
        k.targets = vec![Target {
            period: "FY2024".into(),
            value: 0.0,
        }];
        k.at_risk_margin = 0.0;
        let b = bounds(&k, &LABELS);
        assert!(b.y[0] < 0.0 && b.y[1] > 0.0, "{b:?}");
    }

    #[test]
    fn a_missing_value_breaks_the_line_and_is_never_zero() {
        let k = kpi(Direction::HigherIsBetter);
        let rows = rows(&k, &LABELS);
        assert_eq!(segments(&rows), vec![vec![[0.0, 93.0]], vec![[2.0, 112.0]]]);
        assert_eq!(rows[1].actual_text("%"), "missing (not zero)");
    }

    #[test]
    fn the_hover_text_names_the_period_value_target_and_status() {
        let k = kpi(Direction::HigherIsBetter);
        let mut info = PlanInfo::blank();
        for s in &mut info.statuses {
            if s.kind == StatusKind::OnTrack {
                s.label = "Green".into();
            }
        }
        let rows = rows(&k, &LABELS);
        assert_eq!(
            rows[2].hover(&info, &k.unit),
            "FY2026 · 112% · target 97% · Green"
        );
        assert_eq!(
            rows[1].hover(&info, &k.unit),
            "FY2025 · missing (not zero) · target 96%"
        );
        let none = super::rows(&k, &["FY2030"]);
        assert_eq!(
            none[0].hover(&info, &k.unit),
            "FY2030 · no value · no target"
        );
    }
}
