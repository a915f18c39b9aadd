//! The KPI panel: the selected item's KPIs, a definition editor, the
//! measurement grid per period with validation, and a chart of actual
//! against target with the at-risk band.

mod chart;

use crate::app::views::{View, ViewContext};
use egui::{Grid, RichText, Ui};

use crate::app::actions::Action;
use crate::app::widgets;
use crate::app::widgets::field::{self, Fields, LeftBehind};
use crate::command::{Command, parse_number};
use crate::model::{Direction, Frequency, Kpi, Period, PeriodKind, PlanInfo, Target, Unreadable};
use crate::workbench::Workbench;

pub(crate) use chart::chart;

#[derive(Default)]
pub struct KpiView {
    selected: Option<String>,
    fields: Fields,
    /// The KPI whose deletion waits for the user's confirmation.
    confirm_delete: Option<String>,
}

fn period_kind(f: Frequency) -> PeriodKind {
    match f {
        Frequency::Monthly => PeriodKind::Month,
        Frequency::Quarterly => PeriodKind::Quarter,
        Frequency::HalfYearly => PeriodKind::Half,
        Frequency::Annually => PeriodKind::Year,
    }
}

/// The periods a KPI is measured in: those of its frequency, or all.
pub fn kpi_periods<'a>(periods: &'a [Period], kpi: &Kpi) -> Vec<&'a Period> {
    let kind = period_kind(kpi.frequency);
    let of_kind: Vec<&Period> = periods.iter().filter(|p| p.kind == kind).collect();
    if of_kind.is_empty() {
        periods.iter().collect()
    } else {
        of_kind
    }
}

fn frequency_label(f: Frequency) -> &'static str {
    match f {
        Frequency::Monthly => "Monthly",
        Frequency::Quarterly => "Quarterly",
        Frequency::HalfYearly => "Half-yearly",
        Frequency::Annually => "Annually",
    }
}

fn fmt(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// Saves or parks the fields a KPI left behind.
fn settle(
    fields: &mut Fields,
    wb: &Workbench,
    left: Option<LeftBehind>,
    actions: &mut Vec<Action>,
) {
    let plan = wb.plan();
    fields.retain_owners(|id| plan.kpis.iter().any(|k| k.id == id));
    let Some(left) = left else { return };
    let Some(kpi) = plan.kpis.iter().find(|k| k.id == left.owner) else {
        return;
    };
    for (key, mut state) in left.states {
        if !state.dirty() {
            fields.park(&left.owner, &key, state);
            continue;
        }
        match kpi_command(&plan.info, kpi, &key, &state.text) {
            Ok(cmd) => actions.push(Action::Edit(cmd)),
            Err(e) => {
                state.error = Some(e.to_string());
                fields.park(&left.owner, &key, state);
            }
        }
    }
}

impl KpiView {
    pub(crate) fn fields(&mut self) -> &mut Fields {
        &mut self.fields
    }

    /// Shows this KPI when its item is next shown.
    pub(crate) fn select(&mut self, kpi: &str) {
        self.selected = Some(kpi.to_owned());
    }

    /// The view is not drawn this frame: typed text is saved if it is
    /// acceptable, otherwise kept (and reminded of) for its KPI.
    pub fn flush(&mut self, wb: &Workbench) -> Vec<Action> {
        let mut actions = Vec::new();
        let left = self.fields.leave();
        settle(&mut self.fields, wb, left, &mut actions);
        actions
    }

    fn definition(&mut self, ui: &mut Ui, info: &PlanInfo, kpi: &Kpi, actions: &mut Vec<Action>) {
        let put = |k: Kpi| Action::Edit(Command::PutKpi(Box::new(k)));
        Grid::new("kpi-def")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let mut field = |ui: &mut Ui, key: &str, label: &str, current: &str| {
                    let check = |t: &str| kpi_command(info, kpi, key, t).map(|_| ());
                    if let Some(v) =
                        self.fields
                            .edit(ui, key, label, current, key == "description", check)
                        && let Ok(cmd) = kpi_command(info, kpi, key, &v)
                    {
                        actions.push(Action::Edit(cmd));
                    }
                };
                field(ui, "name", "Name", &kpi.name);
                field(ui, "unit", "Unit", &kpi.unit);
                field(ui, "owner", "Owner", &kpi.owner);
                field(ui, "source", "Source", &kpi.source);
                field(ui, "description", "Description", &kpi.description);
                field(ui, "baseline", "Baseline", &fmt(kpi.baseline));
                field(
                    ui,
                    "margin",
                    "At-risk margin",
                    &fmt(Some(kpi.at_risk_margin)),
                );
                if kpi.direction == Direction::TargetBand {
                    field(ui, "tolerance", "Tolerance (±)", &fmt(Some(kpi.tolerance)));
                }
                let l = ui.label("Direction");
                let mut direction = kpi.direction;
                egui::ComboBox::from_id_salt("kpi-direction")
                    .selected_text(direction.label())
                    .show_ui(ui, |ui| {
                        for d in [
                            Direction::HigherIsBetter,
                            Direction::LowerIsBetter,
                            Direction::TargetBand,
                        ] {
                            ui.selectable_value(&mut direction, d, d.label());
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Frequency");
                let mut frequency = kpi.frequency;
                egui::ComboBox::from_id_salt("kpi-frequency")
                    .selected_text(frequency_label(frequency))
                    .show_ui(ui, |ui| {
                        for f in [
                            Frequency::Monthly,
                            Frequency::Quarterly,
                            Frequency::HalfYearly,
                            Frequency::Annually,
                        ] {
                            ui.selectable_value(&mut frequency, f, frequency_label(f));
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.end_row();
                if direction != kpi.direction || frequency != kpi.frequency {
                    let mut k = kpi.clone();
                    k.direction = direction;
                    k.frequency = frequency;
                    actions.push(put(k));
                }
            });
        if self.confirm_delete.as_deref() == Some(kpi.id.as_str()) {
            // Deleting takes its measurements with it: say what goes, and
            // ask, as deleting a tree item does.
            let n = kpi.measurements.len();
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(
                    RichText::new(format!(
                        "Delete the KPI “{}” and its {n} measurement{}? Undo (Ctrl+Z) brings them back.",
                        kpi.name,
                        if n == 1 { "" } else { "s" }
                    ))
                    .strong(),
                );
                ui.horizontal(|ui| {
                    if ui.button("Delete the KPI").clicked() {
                        actions.push(Action::Edit(Command::DeleteKpi {
                            kpi: kpi.id.clone(),
                        }));
                        self.confirm_delete = None;
                    }
                    if ui.button("Keep it").clicked() {
                        self.confirm_delete = None;
                    }
                });
            });
        } else if ui
            .button("Delete this KPI…")
            .on_hover_text("Asks first: the KPI's measurements go with it")
            .clicked()
        {
            self.confirm_delete = Some(kpi.id.clone());
        }
    }

    fn measurements(&mut self, ui: &mut Ui, wb: &Workbench, kpi: &Kpi, actions: &mut Vec<Action>) {
        let info = &wb.plan().info;
        let periods = kpi_periods(&info.periods, kpi);
        if periods.is_empty() {
            ui.label("The plan has no reporting periods yet: add them on the Plan page.");
            return;
        }
        ui.label(
            RichText::new(format!(
                "Measurements ({})",
                if kpi.unit.is_empty() {
                    "no unit"
                } else {
                    &kpi.unit
                }
            ))
            .strong(),
        );
        egui::ScrollArea::vertical()
            .id_salt("kpi-grid")
            .max_height(260.0)
            .show(ui, |ui| {
                Grid::new("kpi-measurements")
                    .num_columns(5)
                    .striped(true)
                    .spacing([8.0, 4.0])
                    .show(ui, |ui| {
                        ui.label(RichText::new("Period").strong());
                        ui.label(RichText::new("Target").strong());
                        ui.label(RichText::new("Actual").strong());
                        ui.label(RichText::new("Comment").strong());
                        ui.label(RichText::new("Status").strong());
                        ui.end_row();
                        for p in periods {
                            let label = p.label.as_str();
                            if wb.plan().is_locked(label) {
                                ui.label(format!("{label} (locked)"));
                                ui.label(fmt(kpi.target_for(label)));
                                let m = kpi.measurements.iter().find(|m| m.period == label);
                                ui.label(match m {
                                    Some(m) if m.value.is_none() => "missing".to_owned(),
                                    _ => fmt(kpi.value_for(label)),
                                });
                                ui.label(m.map_or("", |m| m.comment.as_str()));
                                match kpi.status_in(label) {
                                    Some(s) => {
                                        widgets::status_chip(ui, info, s);
                                    }
                                    None => {
                                        ui.label("");
                                    }
                                }
                                ui.end_row();
                                continue;
                            }
                            ui.label(label);
                            let m = kpi.measurements.iter().find(|m| m.period == label);
                            let actual = m.and_then(|m| m.value);
                            let comment = m.map_or("", |m| m.comment.as_str());
                            for (key, name, current, width) in [
                                (
                                    format!("t:{label}"),
                                    format!("Target {label}"),
                                    fmt(kpi.target_for(label)),
                                    70.0,
                                ),
                                (
                                    format!("a:{label}"),
                                    format!("Actual {label}"),
                                    fmt(actual),
                                    70.0,
                                ),
                                (
                                    format!("c:{label}"),
                                    format!("Comment {label}"),
                                    comment.to_owned(),
                                    140.0,
                                ),
                            ] {
                                if let Some(v) =
                                    self.grid_cell(ui, info, kpi, &key, &name, &current, width)
                                    && let Ok(cmd) = kpi_command(info, kpi, &key, &v)
                                {
                                    actions.push(Action::Edit(cmd));
                                }
                            }
                            match kpi.status_in(label) {
                                Some(s) => {
                                    widgets::status_chip(ui, info, s);
                                }
                                None if m.is_some_and(|m| m.value.is_none()) => {
                                    ui.label(RichText::new("missing").italics());
                                }
                                None => {
                                    ui.label("");
                                }
                            }
                            ui.end_row();
                        }
                    });
            });
    }

    /// A cell of the measurement grid: validates, shows the problem in
    /// place.
    #[allow(clippy::too_many_arguments)] // One cell's placement and identity.
    fn grid_cell(
        &mut self,
        ui: &mut Ui,
        info: &PlanInfo,
        kpi: &Kpi,
        key: &str,
        name: &str,
        current: &str,
        width: f32,
    ) -> Option<String> {
        let mut out = None;
        ui.vertical(|ui| {
            let state = self.fields.state(key, name, current);
            let response = ui.add(egui::TextEdit::singleline(&mut state.text).desired_width(width));
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
            let check = |t: &str| kpi_command(info, kpi, key, t).map(|_| ());
            out = field::finish(ui, &response, state, current, &check);
            if let Some(e) = &state.error {
                field::error_label(ui, e);
            }
        });
        out
    }
}

/// The command a KPI field's text makes, or why the text is not
/// acceptable. The same for a field on screen and one left behind.
fn kpi_command(info: &PlanInfo, kpi: &Kpi, key: &str, text: &str) -> Result<Command, Unreadable> {
    let non_negative = |t: &str| match parse_number(t)? {
        Some(x) if x < 0.0 => Err(Unreadable::Negative { value: x }),
        v => Ok(v.unwrap_or(0.0)),
    };
    let mut k = kpi.clone();
    match key {
        "name" if text.trim().is_empty() => return Err(Unreadable::Empty { what: "name" }),
        "name" => k.name = text.trim().to_owned(),
        "unit" => k.unit = text.trim().to_owned(),
        "owner" => k.owner = text.trim().to_owned(),
        "source" => k.source = text.to_owned(),
        "description" => k.description = text.to_owned(),
        "baseline" => k.baseline = parse_number(text)?,
        "margin" => k.at_risk_margin = non_negative(text)?,
        "tolerance" => k.tolerance = non_negative(text)?,
        _ => {
            let (kind, period) = key
                .split_once(':')
                .ok_or_else(|| Unreadable::UnknownField {
                    key: key.to_owned(),
                })?;
            let m = kpi.measurements.iter().find(|m| m.period == period);
            match kind {
                "t" => {
                    let value = parse_number(text)?;
                    k.targets.retain(|t| t.period != period);
                    if let Some(value) = value {
                        k.targets.push(Target {
                            period: period.to_owned(),
                            value,
                        });
                        k.targets.sort_by_key(|t| info.period_index(&t.period));
                    }
                }
                "a" => {
                    return Ok(Command::SetMeasurement {
                        kpi: kpi.id.clone(),
                        period: period.to_owned(),
                        value: parse_number(text)?,
                        comment: m.map(|m| m.comment.clone()).unwrap_or_default(),
                    });
                }
                _ => {
                    return Ok(Command::SetMeasurement {
                        kpi: kpi.id.clone(),
                        period: period.to_owned(),
                        value: m.and_then(|m| m.value),
                        comment: text.to_owned(),
                    });
                }
            }
        }
    }
    Ok(Command::PutKpi(Box::new(k)))
}

impl View for KpiView {
    fn ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>) -> Vec<Action> {
        let wb = cx.wb;
        let Some(item_id) = cx.item() else {
            return Vec::new();
        };
        let mut actions = Vec::new();
        let plan = wb.plan();
        let kpis: Vec<&Kpi> = plan.kpis.iter().filter(|k| k.item == item_id).collect();
        ui.horizontal(|ui| {
            ui.heading("KPIs");
            if ui.button("Add KPI").clicked() {
                let id = plan.fresh_kpi_id();
                actions.push(Action::Edit(Command::PutKpi(Box::new(Kpi::new(
                    &id, item_id, "New KPI",
                )))));
                self.selected = Some(id);
            }
        });
        if !self
            .selected
            .as_ref()
            .is_some_and(|s| kpis.iter().any(|k| k.id == *s))
        {
            self.selected = kpis.first().map(|k| k.id.clone());
        }
        let left = self
            .fields
            .begin(self.selected.as_deref().unwrap_or(""), wb.generation());
        settle(&mut self.fields, wb, left, &mut actions);
        if kpis.is_empty() {
            ui.label(RichText::new("No KPIs measure this item yet.").weak());
            return actions;
        }
        for k in &kpis {
            ui.horizontal_wrapped(|ui| {
                // The reading the roll-up uses for the latest figures.
                let latest = k
                    .reading(&plan.info, None)
                    .and_then(|r| r.status.map(|s| (r.period, s)));
                if ui
                    .selectable_label(self.selected.as_deref() == Some(k.id.as_str()), &k.name)
                    .clicked()
                {
                    self.selected = Some(k.id.clone());
                }
                match latest {
                    Some((period, status)) => {
                        widgets::status_chip(ui, &plan.info, status)
                            .on_hover_text(format!("as of {period}"));
                    }
                    None => {
                        ui.label(RichText::new("no data").weak());
                    }
                }
                if k.sample {
                    widgets::sample_badge(ui);
                }
            });
        }
        ui.separator();
        let Some(kpi) = kpis
            .iter()
            .find(|k| Some(&k.id) == self.selected.as_ref())
            .copied()
        else {
            return actions;
        };
        if kpi.sample {
            ui.horizontal(|ui| {
                widgets::sample_badge(ui);
                ui.label(RichText::new("Illustrative figures, not the city's.").italics());
            });
        }
        chart(ui, &plan.info, kpi, 200.0);
        egui::CollapsingHeader::new("Definition")
            .default_open(false)
            .show(ui, |ui| {
                self.definition(ui, &plan.info, kpi, &mut actions);
            });
        self.measurements(ui, wb, kpi, &mut actions);
        actions
    }
}
