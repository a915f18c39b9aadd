//! Small widgets shared by the views: status chips, percent bars, badges.

pub mod confirm;
pub mod field;

use egui::{Color32, CornerRadius, RichText, Sense, Stroke, Ui, Vec2};

use crate::command::Command;
use crate::model::{Item, PlanInfo, StatusKind};

use crate::app::actions::Action;
use crate::theme::palette::{self, Rgb};

/// The red of error and warning text (the palette's `ERROR_RED`).
pub const ERROR: Color32 = colour(palette::ERROR_RED);

/// The accent blue of links and the tree's "linked" mark.
pub const ACCENT: Color32 = colour(palette::ACCENT);

/// A palette colour as egui's.
pub const fn colour(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

/// Gives a control without a label of its own (a cell of a table, the
/// second of two numbers beside one label) the name a screen reader says.
pub fn name(response: &egui::Response, name: impl Into<String>) {
    let name = name.into();
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_label(name);
    });
}

/// Where a node drawn by a container is, for a screen reader's magnifier
/// and review cursor (egui gives bounds to widgets, not to containers).
fn set_bounds(node: &mut egui::accesskit::Node, rect: egui::Rect) {
    if rect.is_finite() {
        node.set_bounds(egui::accesskit::Rect {
            x0: rect.min.x.into(),
            y0: rect.min.y.into(),
            x1: rect.max.x.into(),
            y1: rect.max.y.into(),
        });
    }
}

/// Marks the cell `ui` of a table for a screen reader, with its row and
/// column (row 0 is the header). egui_extras' tables have no roles of
/// their own.
pub fn table_cell(ui: &Ui, row: usize, column: usize) {
    ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
        set_bounds(node, ui.max_rect());
        node.set_role(egui::accesskit::Role::Cell);
        node.set_row_index(row);
        node.set_column_index(column);
    });
}

/// Marks `ui` as the header of `column`, named `name`: what a screen
/// reader says for the column.
pub fn column_header(ui: &Ui, column: usize, name: &str) {
    ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
        set_bounds(node, ui.max_rect());
        node.set_role(egui::accesskit::Role::ColumnHeader);
        node.set_label(name);
        node.set_row_index(0);
        node.set_column_index(column);
    });
}

/// Marks `ui` as holding a table of `rows` rows (the header included) and
/// `columns` columns.
pub fn table(ui: &Ui, rows: usize, columns: usize) {
    ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
        set_bounds(node, ui.max_rect().intersect(ui.clip_rect()));
        node.set_role(egui::accesskit::Role::Table);
        node.set_row_count(rows);
        node.set_column_count(columns);
    });
}

/// A dialog's title: its heading, and the name a screen reader announces
/// for the dialog (a modal has no title bar to name it).
pub fn dialog_title(ui: &mut Ui, title: impl Into<String>) -> egui::Response {
    let title = title.into();
    // The modal's own area is the dialog a screen reader meets; name it,
    // rather than add a second dialog inside it.
    let modal = ui
        .stack()
        .iter()
        .find(|s| s.kind() == Some(egui::UiKind::Modal))
        .map(|s| s.unique_id);
    let id = modal.unwrap_or_else(|| ui.unique_id());
    ui.ctx().accesskit_node_builder(id, |node| {
        node.set_role(egui::accesskit::Role::Dialog);
        node.set_label(title.clone());
    });
    ui.heading(title)
}

/// A status chip: colour, symbol and the plan's label, never colour alone.
pub fn status_chip(ui: &mut Ui, info: &PlanInfo, kind: StatusKind) -> egui::Response {
    let text = format!("{} {}", kind.symbol(), info.status_label(kind));
    let fill = colour(palette::status_colour(kind));
    let fg = colour(palette::status_text_colour(kind));
    egui::Frame::new()
        .fill(fill)
        .corner_radius(CornerRadius::same(6))
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| ui.label(RichText::new(text).color(fg).small()))
        .inner
}

/// A thin percent-complete bar with the figure beside it.
pub fn percent_bar(ui: &mut Ui, percent: Option<f64>, width: f32) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, 8.0), Sense::hover());
    let painter = ui.painter();
    let visuals = ui.visuals();
    painter.rect_filled(rect, 3.0, visuals.extreme_bg_color);
    if let Some(p) = percent {
        let mut filled = rect;
        let share = (p / 100.0).clamp(0.0, 1.0) as f32;
        filled.set_width(rect.width() * share);
        painter.rect_filled(
            filled,
            3.0,
            colour(palette::status_colour(StatusKind::Completed)),
        );
    }
    painter.rect_stroke(
        rect,
        3.0,
        Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
        egui::StrokeKind::Inside,
    );
    response.on_hover_text(crate::model::text::percent_text(percent) + " complete")
}

/// The "sample data" badge shown wherever sample figures appear.
pub fn sample_badge(ui: &mut Ui) -> egui::Response {
    egui::Frame::new()
        .fill(colour(palette::SAMPLE_BAND))
        .corner_radius(CornerRadius::same(4))
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(
                RichText::new("SAMPLE DATA")
                    .small()
                    .strong()
                    .color(Color32::BLACK),
            )
        })
        .inner
        .on_hover_text("Illustrative figures shipped with Cairn, not the city's.")
}

/// The width a status drop-down needs to show the plan's longest status
/// label whole in the current font ("◌ Not started", never "Not sta…").
pub fn status_width(ui: &Ui, info: &PlanInfo) -> f32 {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let widest = StatusKind::ALL
        .iter()
        .map(|k| {
            ui.painter()
                .layout_no_wrap(
                    format!("{} {}", k.symbol(), info.status_label(*k)),
                    font.clone(),
                    Color32::WHITE,
                )
                .size()
                .x
        })
        .fold(0.0, f32::max);
    let spacing = ui.spacing();
    widest + spacing.icon_width + spacing.icon_spacing + 2.0 * spacing.button_padding.x + 4.0
}

/// A heading for a form section.
pub fn section(ui: &mut Ui, title: &str) {
    ui.add_space(8.0);
    ui.label(RichText::new(title).strong().size(15.0));
    ui.separator();
}

/// A status picker for a leaf item, listing the plan's labels with their
/// symbols. Returns its response (for the caller to name it) and the edit,
/// when another status was chosen.
/// A status drop-down for an item. With `period`, it shows and records the
/// item's progress for that period (the percent and note recorded for it
/// are kept); without, the item's current status.
pub fn status_picker(
    ui: &mut Ui,
    info: &PlanInfo,
    item: &Item,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    width: Option<f32>,
    period: &str,
) -> (egui::Response, Option<Action>) {
    let shown = item.figures_at(&info.periods_up_to(Some(period))).0;
    let mut status = shown;
    let combo = egui::ComboBox::from_id_salt(id_salt)
        .selected_text(format!("{} {}", status.symbol(), info.status_label(status)))
        .height(480.0)
        .width(width.unwrap_or_else(|| status_width(ui, info)));
    let response = combo
        .show_ui(ui, |ui| {
            for kind in StatusKind::ALL {
                ui.selectable_value(
                    &mut status,
                    kind,
                    format!("{} {}", kind.symbol(), info.status_label(kind)),
                );
            }
        })
        .response;
    let response = response.on_hover_text(format!("Recorded for {period}"));
    let edit = (status != shown).then(|| {
        Action::Edit(Command::RecordProgress {
            item: item.id.clone(),
            update: item.update_at(info, period, Some(status), None, None),
        })
    });
    (response, edit)
}
