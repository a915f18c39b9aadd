//! What views ask for. Views draw and return [`Action`]s; the shell applies
//! them after the frame. Menus, keyboard shortcuts and tooltips all come
//! from the one [`UiCommand`] list, so a shortcut cannot exist without its
//! menu entry.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::command::Command;
use crate::interchange::seeds::Seed;

/// The main area's pages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Tab {
    #[default]
    Item,
    Initiatives,
    Plan,
    History,
    Compare,
    Meetings,
}

/// A request from a view to the shell.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Change the plan (saved at once, undoable).
    Edit(Command),
    /// Select an item, optionally at the placement with this code.
    Select { item: String, code: Option<String> },
    /// Run a menu command.
    Ui(UiCommand),
    /// Show a page.
    Show(Tab),
    /// Open a workbench file.
    OpenFile(std::path::PathBuf),
    /// Ask before deleting this item.
    ConfirmDelete(String),
    /// Ask which parent to link this item under.
    PickLinkParent(String),
    /// Expand or collapse an item in the tree.
    SetExpanded { item: String, expanded: bool },
    /// Show a message in the window.
    Message(String),
    /// Record edits under this name in the history (blank: the OS user).
    SetUserName(String),
    /// Start (or resume) presenting a meeting.
    Present(String),
    /// Leave the presentation for the workbench.
    EndPresentation,
    /// Replace the plan with this backup (the user has confirmed it).
    RestoreBackup(std::path::PathBuf),
    /// Write a meeting's minutes as a PDF.
    PrintMinutes {
        meeting: String,
        path: std::path::PathBuf,
        a4: bool,
    },
}

/// A command of the menus and keyboard shortcuts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiCommand {
    New(Seed),
    Open,
    SaveCopyAs,
    RestoreBackup,
    Print,
    Quit,
    Undo,
    Redo,
    AddChild,
    AddSibling,
    Rename,
    EditItem,
    Delete,
    LinkTo,
    MoveUp,
    MoveDown,
    SelectPrevious,
    SelectNext,
    Expand,
    Collapse,
    FocusFilter,
    ShowItem,
    ShowInitiatives,
    ShowPlan,
    ShowHistory,
    ShowCompare,
    ShowMeetings,
    PresentMeeting,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ToggleTheme,
    /// Import a plan or measurements from a spreadsheet, or export to one.
    ImportTable,
}

const fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

impl UiCommand {
    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Self::New(Seed::Blank) => "New blank workbench…",
            Self::New(Seed::Phoenix) => "New from the Phoenix plan…",
            Self::New(Seed::Milwaukee) => "New from the Milwaukee plan…",
            Self::Open => "Open…",
            Self::SaveCopyAs => "Save a copy as…",
            Self::RestoreBackup => "Restore from backup…",
            Self::Print => "Print report card…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::AddChild => "Add child",
            Self::AddSibling => "Add sibling",
            Self::Rename => "Rename",
            Self::EditItem => "Edit details",
            Self::Delete => "Delete…",
            Self::LinkTo => "Link under another parent…",
            Self::MoveUp => "Move up",
            Self::MoveDown => "Move down",
            Self::SelectPrevious => "Select previous",
            Self::SelectNext => "Select next",
            Self::Expand => "Expand",
            Self::Collapse => "Collapse",
            Self::FocusFilter => "Filter the tree",
            Self::ShowItem => "Item",
            Self::ShowInitiatives => "Initiatives table",
            Self::ShowPlan => "Plan page",
            Self::ShowHistory => "History",
            Self::ShowCompare => "Compare periods",
            Self::ShowMeetings => "Meetings",
            Self::PresentMeeting => "Present the meeting",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ZoomReset => "Actual size",
            Self::ToggleTheme => "Switch light/dark theme",
            Self::ImportTable => "Import or export a spreadsheet…",
        }
    }

    /// The keyboard shortcut, if any.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        Some(match self {
            Self::Open => cmd(Key::O),
            Self::SaveCopyAs => {
                KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S)
            }
            Self::Quit => cmd(Key::Q),
            Self::Print => cmd(Key::P),
            Self::Undo => cmd(Key::Z),
            Self::Redo => KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z),
            Self::AddChild => cmd(Key::Enter),
            Self::AddSibling => {
                KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Enter)
            }
            Self::Rename => plain(Key::F2),
            Self::EditItem => plain(Key::Enter),
            Self::Delete => plain(Key::Delete),
            Self::LinkTo => cmd(Key::L),
            Self::MoveUp => cmd(Key::ArrowUp),
            Self::MoveDown => cmd(Key::ArrowDown),
            Self::SelectPrevious => plain(Key::ArrowUp),
            Self::SelectNext => plain(Key::ArrowDown),
            Self::Expand => plain(Key::ArrowRight),
            Self::Collapse => plain(Key::ArrowLeft),
            Self::FocusFilter => cmd(Key::F),
            Self::ShowItem => cmd(Key::Num1),
            Self::ShowInitiatives => cmd(Key::Num2),
            Self::ShowPlan => cmd(Key::Num3),
            Self::ShowHistory => cmd(Key::Num4),
            Self::ShowCompare => cmd(Key::Num6),
            Self::ShowMeetings => cmd(Key::Num5),
            Self::PresentMeeting => plain(Key::F5),
            Self::ZoomIn => cmd(Key::Plus),
            Self::ZoomOut => cmd(Key::Minus),
            Self::ZoomReset => cmd(Key::Num0),
            Self::New(_) | Self::ToggleTheme | Self::ImportTable | Self::RestoreBackup => {
                return None;
            }
        })
    }

    /// Commands that act on the tree selection and must not fire while the
    /// user is typing in a text field.
    pub fn is_tree_key(self) -> bool {
        self.shortcut().is_some_and(|s| s.modifiers.is_none())
            || matches!(
                self,
                Self::MoveUp | Self::MoveDown | Self::AddChild | Self::AddSibling | Self::LinkTo
            )
    }

    /// Every command with a shortcut, most specific modifiers first so
    /// Ctrl+Shift+Z is seen before Ctrl+Z.
    pub const WITH_SHORTCUTS: [Self; 29] = [
        Self::Redo,
        Self::SaveCopyAs,
        Self::AddSibling,
        Self::Open,
        Self::Print,
        Self::Quit,
        Self::Undo,
        Self::AddChild,
        Self::Rename,
        Self::EditItem,
        Self::Delete,
        Self::LinkTo,
        Self::MoveUp,
        Self::MoveDown,
        Self::SelectPrevious,
        Self::SelectNext,
        Self::Expand,
        Self::Collapse,
        Self::FocusFilter,
        Self::ShowItem,
        Self::ShowInitiatives,
        Self::ShowPlan,
        Self::ShowHistory,
        Self::ShowCompare,
        Self::ShowMeetings,
        Self::PresentMeeting,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::ZoomReset,
    ];

    /// The menus: title and commands (None = separator).
    pub fn menus() -> [(&'static str, &'static [Option<Self>]); 4] {
        [
            (
                "File",
                &[
                    Some(Self::New(Seed::Blank)),
                    Some(Self::New(Seed::Phoenix)),
                    Some(Self::New(Seed::Milwaukee)),
                    None,
                    Some(Self::Open),
                    Some(Self::SaveCopyAs),
                    Some(Self::RestoreBackup),
                    Some(Self::ImportTable),
                    None,
                    Some(Self::Print),
                    None,
                    Some(Self::Quit),
                ],
            ),
            (
                "Edit",
                &[
                    Some(Self::Undo),
                    Some(Self::Redo),
                    None,
                    Some(Self::AddChild),
                    Some(Self::AddSibling),
                    Some(Self::Rename),
                    Some(Self::EditItem),
                    Some(Self::LinkTo),
                    Some(Self::MoveUp),
                    Some(Self::MoveDown),
                    None,
                    Some(Self::Delete),
                ],
            ),
            (
                "Tree",
                &[
                    Some(Self::SelectPrevious),
                    Some(Self::SelectNext),
                    Some(Self::Expand),
                    Some(Self::Collapse),
                    None,
                    Some(Self::FocusFilter),
                ],
            ),
            (
                "View",
                &[
                    Some(Self::ShowItem),
                    Some(Self::ShowInitiatives),
                    Some(Self::ShowPlan),
                    Some(Self::ShowHistory),
                    Some(Self::ShowCompare),
                    Some(Self::ShowMeetings),
                    None,
                    Some(Self::PresentMeeting),
                    None,
                    Some(Self::ZoomIn),
                    Some(Self::ZoomOut),
                    Some(Self::ZoomReset),
                    Some(Self::ToggleTheme),
                ],
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shortcut_is_in_a_menu_and_listed() {
        let in_menus: Vec<UiCommand> = UiCommand::menus()
            .iter()
            .flat_map(|(_, cmds)| cmds.iter().flatten().copied())
            .collect();
        for c in UiCommand::WITH_SHORTCUTS {
            assert!(
                c.shortcut().is_some(),
                "{c:?} is listed but has no shortcut"
            );
            assert!(
                in_menus.contains(&c),
                "{c:?} has a shortcut but no menu entry"
            );
        }
        for c in &in_menus {
            if c.shortcut().is_some() {
                assert!(
                    UiCommand::WITH_SHORTCUTS.contains(c),
                    "{c:?} is not in WITH_SHORTCUTS"
                );
            }
        }
    }

    #[test]
    fn shortcuts_are_distinct() {
        let all = UiCommand::WITH_SHORTCUTS;
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(
                    a.shortcut(),
                    b.shortcut(),
                    "{a:?} and {b:?} share a shortcut"
                );
            }
        }
    }
}
