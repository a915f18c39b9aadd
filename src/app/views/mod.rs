//! The window's views: the tree, the tabs beside it and the presentation.

pub mod action_items;
pub mod compare;
pub mod details;
pub mod filter;
pub mod history;
pub mod initiatives;
pub mod kpis;
pub mod meetings;
pub mod plan;
pub mod presentation;
pub mod tree;

use std::collections::BTreeSet;

use egui::Ui;

use crate::app::{Action, Selection};
use crate::workbench::Workbench;

/// What every view is given each frame.
pub struct ViewContext<'a> {
    pub wb: &'a Workbench,
    pub selection: &'a Selection,
    /// The tree branches the user folded.
    pub collapsed: &'a BTreeSet<String>,
    /// The name the user gave for the history.
    pub user_name: &'a str,
}

impl ViewContext<'_> {
    /// The selected item's id, if one is selected.
    pub fn selected_item(&self) -> Option<&str> {
        self.selection.item.as_deref()
    }

    /// The selected item's id, if one is selected and still in the plan.
    pub fn item(&self) -> Option<&str> {
        self.selected_item()
            .filter(|id| self.wb.plan().item(id).is_some())
    }
}

/// The one shape of a view: it draws itself from the workbench and
/// returns what the user asked for; the shell applies that after the frame.
pub trait View {
    fn ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>) -> Vec<Action>;
}
