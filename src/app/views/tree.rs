//! The plan tree (left panel): filter bar and one row per visible
//! placement, with status chip, percent bar and owner. Rows are laid out
//! only when scrolled into view.

use crate::app::views::{View, ViewContext};
use std::collections::BTreeSet;

use egui::{Align, DragAndDrop, Layout, RichText, Sense, Stroke, Ui, UiBuilder, Vec2, WidgetInfo};

use crate::app::actions::{Action, UiCommand};
use crate::app::views::filter::{Filter, visible_rows};
use crate::app::widgets;
use crate::command::Command;
use crate::model::{StatusKind, Term};
use crate::workbench::Workbench;

const ROW_HEIGHT: f32 = 26.0;

/// In a tree narrower than this (a laptop or projector), a row shows only
/// its status chip and its override and linked marks beside the title.
const COMPACT_BELOW: f32 = 480.0;

/// What is being dragged: an item from one of its placements.
#[derive(Clone, Debug)]
struct DragPayload {
    item: String,
    from_parent: Option<String>,
}

/// The tree panel's state.
#[derive(Default)]
pub struct TreeView {
    pub filter: Filter,
    rows: Vec<usize>,
    cache_key: Option<(u64, Filter, u64)>,
    collapsed_version: u64,
    /// The item being renamed in place, and the text so far.
    pub renaming: Option<(String, String)>,
    pub focus_filter: bool,
    pub scroll_to_selected: bool,
    /// Open action items per item id, for the plan generation given.
    open_actions: (Option<u64>, std::collections::HashMap<String, usize>),
    /// A row of the tree had the keyboard last frame: the selected row
    /// takes it when the arrows move the selection.
    had_focus: bool,
}

impl TreeView {
    /// Call when the collapsed set changes.
    pub fn collapsed_changed(&mut self) {
        self.collapsed_version += 1;
    }

    /// The visible rows (indexes into the tree's placements), recomputed
    /// only when the plan, the filter or the collapsed set changed.
    pub fn rows(&mut self, wb: &Workbench, collapsed: &BTreeSet<String>) -> &[usize] {
        let key = (wb.generation(), self.filter.clone(), self.collapsed_version);
        if self.cache_key.as_ref() != Some(&key) {
            self.rows = visible_rows(wb.plan(), wb.tree(), wb.rollup(), &self.filter, collapsed);
            self.cache_key = Some(key);
        }
        &self.rows
    }

    fn filter_bar(&mut self, ui: &mut Ui, wb: &Workbench) {
        let info = &wb.plan().info;
        ui.horizontal(|ui| {
            let label = ui.label("Filter");
            let response = ui.add(
                egui::TextEdit::singleline(&mut self.filter.text)
                    .hint_text("title, text or code")
                    .desired_width(ui.available_width() - 60.0),
            );
            let response = response.labelled_by(label.id);
            if std::mem::take(&mut self.focus_filter) {
                response.request_focus();
            }
            if self.filter.is_active() && ui.button("Clear").clicked() {
                self.filter = Filter::default();
                self.scroll_to_selected = true;
            }
        });
        ui.horizontal_wrapped(|ui| {
            let status_text = if self.filter.statuses.is_empty() {
                "Any status".to_owned()
            } else {
                format!("{} statuses", self.filter.statuses.len())
            };
            ui.menu_button(status_text, |ui| {
                for kind in StatusKind::ALL {
                    let mut on = self.filter.statuses.contains(&kind);
                    if ui.checkbox(&mut on, info.status_label(kind)).changed() {
                        if on {
                            self.filter.statuses.insert(kind);
                        } else {
                            self.filter.statuses.remove(&kind);
                        }
                    }
                }
            });
            let level_text = self
                .filter
                .level
                .map_or_else(|| "Any level".to_owned(), |l| info.level_name(l));
            let label = ui.label("Level");
            egui::ComboBox::from_id_salt("filter-level")
                .selected_text(level_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.level, None, "Any level");
                    for (l, name) in info.levels.iter().enumerate() {
                        ui.selectable_value(&mut self.filter.level, Some(l), name);
                    }
                })
                .response
                .labelled_by(label.id);
            let term_text = self.filter.term.map_or("Any term", Term::label);
            let label = ui.label("Term");
            egui::ComboBox::from_id_salt("filter-term")
                .selected_text(term_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.term, None, "Any term");
                    ui.selectable_value(
                        &mut self.filter.term,
                        Some(Term::Short),
                        Term::Short.label(),
                    );
                    ui.selectable_value(
                        &mut self.filter.term,
                        Some(Term::Long),
                        Term::Long.label(),
                    );
                })
                .response
                .labelled_by(label.id);
            ui.checkbox(&mut self.filter.at_risk_only, "At risk only");
        });
        ui.horizontal(|ui| {
            let label = ui.label("Owner or department");
            ui.add(egui::TextEdit::singleline(&mut self.filter.owner).desired_width(f32::INFINITY))
                .labelled_by(label.id);
        });
    }

    #[allow(clippy::too_many_arguments)] // one row's own facts; a struct of them would be read once
    fn row(
        &mut self,
        ui: &mut Ui,
        wb: &Workbench,
        row: usize,
        selected: bool,
        tab_stop: bool,
        collapsed: &BTreeSet<String>,
        actions: &mut Vec<Action>,
    ) -> bool {
        let plan = wb.plan();
        if self.open_actions.0 != Some(wb.generation()) {
            let mut counts = std::collections::HashMap::new();
            for (_, a) in plan.actions().filter(|(_, a)| a.is_open()) {
                *counts.entry(a.item.clone()).or_insert(0) += 1;
            }
            self.open_actions = (Some(wb.generation()), counts);
        }
        let placed = plan.items()[wb.tree().placements[row].item].id.as_str();
        let open_actions = self.open_actions.1.get(placed).copied();
        let placement = &wb.tree().placements[row];
        let item = &plan.items()[placement.item];
        let rolled = &wb.rollup().items[placement.item];
        let parent_id = placement.parent.map(|p| plan.items()[p].id.clone());
        let width = ui.available_width();
        // The tree is one stop for Tab (its selected row); the arrows move
        // within it.
        let sense = if tab_stop {
            Sense::click_and_drag()
        } else {
            Sense::CLICK | Sense::DRAG
        };
        let (rect, response) = ui.allocate_exact_size(Vec2::new(width, ROW_HEIGHT), sense);
        if tab_stop && selected && self.had_focus && !response.has_focus() {
            response.request_focus();
        }
        let accessible = format!("{} {}", placement.code, item.title);
        response.widget_info(|| {
            WidgetInfo::selected(egui::Role::TreeItem, true, selected, &accessible)
        });
        let has_children = !item.children.is_empty();
        let open = has_children && !collapsed.contains(&item.id);
        // What a screen reader says beyond the name: the level, where the
        // item sits among its siblings, whether its children show, and its
        // figures ("Initiative 1.1.3, On track, 40%").
        let (position, siblings) = sibling_position(plan, placement, &item.id);
        // AT-SPI (Linux) does not carry a tree item's expanded state, so
        // the words say it too.
        let state = match (has_children, open) {
            (false, _) => "",
            (true, true) => ", expanded",
            (true, false) => ", collapsed",
        };
        let description = format!(
            "{} {}{state}, {}, {}",
            plan.info.level_name(item.level),
            placement.code,
            plan.info.status_label(rolled.status),
            crate::model::text::percent_text(rolled.percent)
        );
        ui.ctx().accesskit_node_builder(response.id, |node| {
            node.set_level(placement.depth + 1);
            node.set_selected(selected);
            node.set_position_in_set(position);
            node.set_size_of_set(siblings);
            if has_children {
                node.set_expanded(open);
            }
            node.set_description(description);
        });

        // Drag and drop: drag a row onto a new parent (or onto a sibling to
        // go beside it); hold Ctrl (Cmd) to link instead of moving.
        if response.drag_started() {
            DragAndDrop::set_payload(
                ui.ctx(),
                DragPayload {
                    item: item.id.clone(),
                    from_parent: parent_id.clone(),
                },
            );
        }
        let hovered_payload = response.dnd_hover_payload::<DragPayload>();
        if let Some(payload) = response.dnd_release_payload::<DragPayload>() {
            let link = ui.input(|i| i.modifiers.command);
            if let Some(cmd) =
                drop_command(wb, &payload, placement.item, parent_id.as_deref(), link)
            {
                actions.push(Action::Edit(cmd));
            }
        }

        let visuals = ui.visuals();
        if selected {
            ui.painter()
                .rect_filled(rect, 3.0, visuals.selection.bg_fill);
        } else if response.hovered() {
            ui.painter()
                .rect_filled(rect, 3.0, visuals.widgets.hovered.weak_bg_fill);
        }
        // The keyboard's place, and in the high-contrast theme the
        // selection too, as an outline: seen without telling colours apart.
        let outline = visuals.selection.stroke;
        if response.has_focus() || (selected && outline.width >= 2.0) {
            ui.painter().rect_stroke(
                rect,
                3.0,
                Stroke::new(outline.width.max(2.0), outline.color),
                egui::StrokeKind::Inside,
            );
        }
        if hovered_payload.is_some() {
            ui.painter().rect_stroke(
                rect,
                3.0,
                Stroke::new(2.0, visuals.selection.stroke.color),
                egui::StrokeKind::Inside,
            );
        }

        let mut child = ui.new_child(
            UiBuilder::new()
                .max_rect(rect)
                .layout(Layout::left_to_right(Align::Center)),
        );
        child.style_mut().interaction.selectable_labels = false;
        child.add_space(4.0 + placement.depth as f32 * 18.0);
        if has_children {
            let verb = if open { "Collapse" } else { "Expand" };
            // Clicked, not a Tab stop: from the keyboard → and ← open and
            // close the selected row.
            let toggle = child
                .add(egui::Label::new(if open { "▼" } else { "▶" }).sense(Sense::CLICK))
                .on_hover_text(verb);
            // Announced in words, not as the arrow drawn.
            let spoken = format!("{verb} {} {}", placement.code, item.title);
            toggle.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &spoken));
            if toggle.clicked() {
                actions.push(Action::SetExpanded {
                    item: item.id.clone(),
                    expanded: !open,
                });
            }
        } else {
            child.add_space(18.0);
        }
        child.label(RichText::new(&placement.code).monospace().weak());
        // A narrow tree (a laptop or projector) keeps the title readable:
        // only the status chip stays beside it; percent and owner are in
        // the row's hover text and on the item's page.
        let compact = child.max_rect().width() < COMPACT_BELOW;
        let linked = wb.tree().is_linked(placement.item);
        let overridden = matches!(rolled.basis, crate::rules::rollup::Basis::Override { .. });
        let right_width = if compact {
            96.0 + if linked { 70.0 } else { 0.0 } + if overridden { 18.0 } else { 0.0 }
        } else {
            230.0
        };
        let title_width = (child.available_width() - right_width).max(40.0);
        let renaming_this =
            self.renaming.as_ref().is_some_and(|(id, _)| *id == item.id) && selected;
        if renaming_this {
            if let Some((_, text)) = self.renaming.as_mut() {
                let edit = child.add(egui::TextEdit::singleline(text).desired_width(title_width));
                let edit = edit.labelled_by(response.id);
                if !edit.has_focus() && !edit.lost_focus() {
                    edit.request_focus();
                }
                if edit.lost_focus() {
                    let escape = child.input(|i| i.key_pressed(egui::Key::Escape));
                    if !escape && text.trim() != item.title && !text.trim().is_empty() {
                        actions.push(Action::Edit(Command::SetField {
                            item: item.id.clone(),
                            field: crate::command::ItemField::Title,
                            value: text.clone(),
                        }));
                    }
                    self.renaming = None;
                }
            }
        } else {
            let mut title = RichText::new(&item.title);
            if item.level == 0 {
                title = title.strong();
            }
            child.allocate_ui_with_layout(
                Vec2::new(title_width, ROW_HEIGHT),
                Layout::left_to_right(Align::Center),
                |ui| {
                    ui.set_min_width(title_width);
                    // Put together only while hovered.
                    ui.add(
                        egui::Label::new(title)
                            .truncate()
                            .show_tooltip_when_elided(false),
                    )
                    .on_hover_ui(|ui| {
                        ui.label(format!(
                            "{} — {}, {} complete{}",
                            item.title,
                            plan.info.status_label(rolled.status),
                            crate::model::text::percent_text(rolled.percent),
                            if item.owner.is_empty() {
                                String::new()
                            } else {
                                format!(", owner {}", item.owner)
                            }
                        ));
                    });
                },
            );
        }
        child.with_layout(Layout::right_to_left(Align::Center), |ui| {
            ui.add_space(4.0);
            widgets::status_chip(ui, &plan.info, rolled.status);
            if !compact {
                widgets::percent_bar(ui, rolled.percent, 44.0);
            }
            if let crate::rules::rollup::Basis::Override { reason, .. } = &rolled.basis {
                ui.label(crate::model::text::OVERRIDE_MARK)
                    .on_hover_text(format!("Override: a person set these figures. {reason}"));
            }
            if linked {
                ui.label(RichText::new("⇄ linked").color(crate::app::widgets::ACCENT))
                    .on_hover_text(format!(
                        "Linked: this {} sits under several parents and counts once in totals",
                        plan.info.level_name(item.level).to_lowercase()
                    ));
            }
            if compact {
                return;
            }
            if let Some(n) = open_actions {
                ui.label(
                    RichText::new(format!("{n} action{}", if n == 1 { "" } else { "s" }))
                        .small()
                        .strong(),
                )
                .on_hover_text("Open action items from review meetings: see the item's page");
            }
            if !item.owner.is_empty() {
                ui.add(egui::Label::new(RichText::new(&item.owner).small().weak()).truncate());
            }
        });

        if response.clicked() {
            actions.push(Action::Select {
                item: item.id.clone(),
                code: Some(placement.code.clone()),
            });
        }
        if response.double_clicked() {
            actions.push(Action::Ui(UiCommand::EditItem));
        }
        response.context_menu(|ui| {
            actions.push(Action::Select {
                item: item.id.clone(),
                code: Some(placement.code.clone()),
            });
            for entry in UiCommand::CONTEXT_MENU {
                match entry {
                    None => {
                        ui.separator();
                    }
                    Some(c) if c.applies_to_row(plan, item, parent_id.as_deref()) => {
                        if ui
                            .button(c.row_label(plan, item))
                            .on_hover_text(c.tooltip())
                            .clicked()
                        {
                            actions.push(Action::Ui(c));
                        }
                    }
                    Some(_) => {}
                }
            }
        });
        response.has_focus()
    }
}

/// Where a placement sits among its siblings, counted from 1, and how many
/// siblings there are (itself included).
fn sibling_position(
    plan: &crate::model::Plan,
    placement: &crate::model::Placement,
    id: &str,
) -> (usize, usize) {
    let siblings: Vec<&str> = match placement.parent {
        Some(p) => plan.items()[p]
            .children
            .iter()
            .map(String::as_str)
            .collect(),
        None => plan.roots().map(|i| i.id.as_str()).collect(),
    };
    let at = siblings.iter().position(|s| *s == id).map_or(1, |i| i + 1);
    (at, siblings.len().max(1))
}

/// What dropping `payload` on the row of `target` means: onto a possible
/// parent → move (or link) under it; onto a sibling → move beside it.
fn drop_command(
    wb: &Workbench,
    payload: &DragPayload,
    target: usize,
    target_parent: Option<&str>,
    link: bool,
) -> Option<Command> {
    let plan = wb.plan();
    let dragged = plan.item(&payload.item)?;
    let target_item = &plan.items()[target];
    if target_item.id == dragged.id {
        return None;
    }
    let (new_parent, index) = if target_item.level + 1 == dragged.level {
        (target_item.id.clone(), target_item.children.len())
    } else if target_item.level == dragged.level {
        let parent = target_parent?;
        let siblings = &plan.item(parent)?.children;
        (
            parent.to_owned(),
            siblings
                .iter()
                .position(|c| *c == target_item.id)
                .unwrap_or(siblings.len()),
        )
    } else {
        return None;
    };
    if link {
        return Some(Command::LinkItem {
            item: dragged.id.clone(),
            parent: new_parent,
        });
    }
    let from = payload.from_parent.clone()?;
    if from == new_parent {
        // Reordering within the same parent.
        let siblings = &plan.item(&from)?.children;
        let current = siblings.iter().position(|c| *c == dragged.id)?;
        let delta = i32::try_from(index).ok()? - i32::try_from(current).ok()?;
        return (delta != 0).then(|| Command::Reorder {
            item: dragged.id.clone(),
            parent: Some(from),
            delta: delta.signum(),
        });
    }
    Some(Command::MoveItem {
        item: dragged.id.clone(),
        from,
        to: new_parent,
        index,
    })
}

impl View for TreeView {
    /// Draws the panel.
    fn ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>) -> Vec<Action> {
        let wb = cx.wb;
        let selection = cx.selection;
        let collapsed = cx.collapsed;
        let mut actions = Vec::new();
        self.filter_bar(ui, wb);
        ui.separator();
        let rows = self.rows(wb, collapsed).to_vec();
        if rows.is_empty() {
            ui.label(if self.filter.is_active() {
                "Nothing matches the filter."
            } else {
                "The plan is empty. Use Edit ▸ Add child to add a goal."
            });
            if wb.plan().items().is_empty() && ui.button("Add a first goal").clicked() {
                actions.push(Action::Edit(Command::AddItem {
                    parent: None,
                    title: format!("New {}", wb.plan().info.level_name(0).to_lowercase()),
                }));
            }
            return actions;
        }
        let selected_row = rows.iter().position(|&r| {
            let p = &wb.tree().placements[r];
            selection.code.as_deref() == Some(p.code.as_str())
                || (selection.code.is_none()
                    && selection.item.as_deref() == Some(wb.plan().items()[p.item].id.as_str()))
        });
        let mut scroll = egui::ScrollArea::vertical().auto_shrink([false, false]);
        if self.scroll_to_selected {
            if let Some(i) = selected_row {
                let y = (i as f32) * (ROW_HEIGHT + ui.spacing().item_spacing.y);
                scroll = scroll.vertical_scroll_offset((y - 200.0).max(0.0));
            }
            self.scroll_to_selected = false;
        }
        let tab_row = selected_row.unwrap_or(0);
        let mut focused = false;
        scroll.show_rows(ui, ROW_HEIGHT, rows.len(), |ui, range| {
            for i in range {
                let selected = Some(i) == selected_row;
                focused |= self.row(
                    ui,
                    wb,
                    rows[i],
                    selected,
                    i == tab_row,
                    collapsed,
                    &mut actions,
                );
            }
        });
        self.had_focus = focused;
        actions
    }
}
