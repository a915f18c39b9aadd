//! What views ask for. Views draw and return [`Action`]s; the shell applies
//! them after the frame. Menus, keyboard shortcuts and tooltips all come
//! from the one [`UiCommand`] list, so a shortcut cannot exist without its
//! menu entry.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::command::Command;
use crate::interchange::seeds::Seed;
use crate::model::{Item, Plan};

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
    /// Set the size of text and controls (1.0 is 100 %).
    SetZoom(f32),
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
    /// The first-run welcome was answered (or skipped).
    Welcomed,
    /// Replace the plan with this backup (the user has confirmed it).
    RestoreBackup(std::path::PathBuf),
    /// Record update requests just written in the register; if that is
    /// refused, the files are removed again (nothing half-sent).
    RegisterRequests {
        requests: Vec<crate::model::UpdateRequest>,
        files: Vec<std::path::PathBuf>,
    },
    /// Merge a colleague's copy with the choices made in its review.
    MergeCopy {
        path: std::path::PathBuf,
        choices: crate::store::copies::CopyChoices,
    },
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
    /// Take the selected placement's item off that parent (it has others).
    Unlink,
    MoveUp,
    MoveDown,
    SelectPrevious,
    SelectNext,
    /// The first row of the tree.
    SelectFirst,
    /// The last row of the tree.
    SelectLast,
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
    /// The high-contrast theme, on or off.
    HighContrast,
    /// Import a plan or measurements from a spreadsheet, or export to one.
    ImportTable,
    /// This computer's settings: the name the history records, theme, zoom.
    Settings,
    /// Help → Getting started.
    GettingStarted,
    /// Help → About Cairn: the version, the open file and its backups.
    About,
    /// Write update requests for owners, see the register, merge returns.
    RequestUpdates,
    /// Review and merge a colleague's copy of the workbench.
    MergeCopy,
    /// Every menu command by name, for the keyboard.
    CommandPalette,
    /// Give the keyboard to the menu bar (F10, or Alt alone).
    FocusMenu,
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
            Self::Unlink => "Remove this link",
            Self::MoveUp => "Move up",
            Self::MoveDown => "Move down",
            Self::SelectPrevious => "Select previous",
            Self::SelectNext => "Select next",
            Self::SelectFirst => "Select first",
            Self::SelectLast => "Select last",
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
            Self::HighContrast => "High-contrast theme",
            Self::ImportTable => "Import or export a spreadsheet…",
            Self::Settings => "Settings…",
            Self::GettingStarted => "Getting started",
            Self::About => "About Cairn",
            Self::RequestUpdates => "Request updates…",
            Self::MergeCopy => "Merge a copy…",
            Self::CommandPalette => "Find a command…",
            Self::FocusMenu => "Go to the menu bar",
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
            Self::SelectFirst => plain(Key::Home),
            Self::SelectLast => plain(Key::End),
            Self::CommandPalette => {
                KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::P)
            }
            Self::FocusMenu => plain(Key::F10),
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
            Self::GettingStarted => plain(Key::F1),
            Self::New(_)
            | Self::About
            | Self::ToggleTheme
            | Self::HighContrast
            | Self::ImportTable
            | Self::RequestUpdates
            | Self::MergeCopy
            | Self::RestoreBackup
            | Self::Settings
            | Self::Unlink => {
                return None;
            }
        })
    }

    /// A second shortcut some keyboards need: Ctrl+= zooms in where "+"
    /// is Shift+= (US layouts).
    pub fn alternate_shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            Self::ZoomIn => Some(cmd(Key::Equals)),
            _ => None,
        }
    }

    /// Consumes the command's shortcut (or its alternate) if pressed.
    pub fn pressed(self, input: &mut egui::InputState) -> bool {
        self.shortcut().is_some_and(|s| input.consume_shortcut(&s))
            || self
                .alternate_shortcut()
                .is_some_and(|s| input.consume_shortcut(&s))
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

    /// Every command, in menu order: the one list menus, the tab strip,
    /// shortcuts and tooltips come from.
    pub const ALL: [Self; 46] = [
        Self::New(Seed::Blank),
        Self::New(Seed::Phoenix),
        Self::New(Seed::Milwaukee),
        Self::Open,
        Self::SaveCopyAs,
        Self::RestoreBackup,
        Self::ImportTable,
        Self::RequestUpdates,
        Self::MergeCopy,
        Self::Print,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::AddChild,
        Self::AddSibling,
        Self::Rename,
        Self::EditItem,
        Self::Delete,
        Self::LinkTo,
        Self::Unlink,
        Self::MoveUp,
        Self::MoveDown,
        Self::SelectPrevious,
        Self::SelectNext,
        Self::SelectFirst,
        Self::SelectLast,
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
        Self::ToggleTheme,
        Self::HighContrast,
        Self::Settings,
        Self::CommandPalette,
        Self::FocusMenu,
        Self::GettingStarted,
        Self::About,
    ];

    /// The commands that show a page, in the tab strip's order (their
    /// order in [`Self::ALL`]).
    pub fn tabs() -> impl Iterator<Item = (Self, Tab)> {
        Self::ALL
            .into_iter()
            .filter_map(|c| c.tab().map(|t| (c, t)))
    }

    /// The page a Show command shows.
    pub fn tab(self) -> Option<Tab> {
        Some(match self {
            Self::ShowItem => Tab::Item,
            Self::ShowInitiatives => Tab::Initiatives,
            Self::ShowPlan => Tab::Plan,
            Self::ShowHistory => Tab::History,
            Self::ShowCompare => Tab::Compare,
            Self::ShowMeetings => Tab::Meetings,
            _ => return None,
        })
    }

    /// The short label of a page's tab (the menu says more).
    pub fn tab_label(self) -> &'static str {
        match self {
            Self::ShowInitiatives => "Initiatives",
            Self::ShowPlan => "Plan",
            other => other.label(),
        }
    }

    /// Every command with a shortcut, most specific modifiers first so
    /// Ctrl+Shift+Z is seen before Ctrl+Z.
    /// Worked out once: the keyboard handler asks every frame.
    pub fn with_shortcuts() -> &'static [Self] {
        static ORDER: std::sync::OnceLock<Vec<UiCommand>> = std::sync::OnceLock::new();
        ORDER.get_or_init(Self::shortcut_order)
    }

    fn shortcut_order() -> Vec<Self> {
        let weight = |c: &Self| {
            c.shortcut().map_or(0, |s| {
                let m = s.modifiers;
                usize::from(m.alt) + usize::from(m.shift) + usize::from(m.command || m.ctrl)
            })
        };
        let mut out: Vec<Self> = Self::ALL
            .into_iter()
            .filter(|c| c.shortcut().is_some())
            .collect();
        out.sort_by_key(|c| std::cmp::Reverse(weight(c)));
        out
    }

    /// What the command does, shown when the pointer rests on it.
    pub fn tooltip(self) -> &'static str {
        match self {
            Self::New(Seed::Blank) => "Create a new, empty workbench file",
            Self::New(Seed::Phoenix) => {
                "Create a new workbench from the City of Phoenix Strategic Technology Plan 2022–2026"
            }
            Self::New(Seed::Milwaukee) => {
                "Create a new workbench from the City of Milwaukee Strategic Technology Plan 2024–2028"
            }
            Self::Open => "Open another workbench file",
            Self::SaveCopyAs => {
                "Write a copy of this workbench for a colleague; it remembers this file, so File → Merge a copy… brings its edits back"
            }
            Self::MergeCopy => {
                "Bring in the edits made in a copy of this workbench since it was taken, after a review of every change and conflict"
            }
            Self::RestoreBackup => {
                "List this file's daily backups and put one back (the file as it is is backed up first)"
            }
            Self::ImportTable => {
                "Import a plan or KPI measurements from a CSV or spreadsheet, or export to .xlsx"
            }
            Self::RequestUpdates => {
                "Send each owner a spreadsheet asking for this period's figures, see which came back, and merge the returned ones"
            }
            Self::Print => "Print a report card as PDF or a web page",
            Self::Quit => "Close the window; every edit is already saved",
            Self::Undo => "Undo the last edit",
            Self::Redo => "Redo the last undone edit",
            Self::AddChild => "Add an item under the selected one",
            Self::AddSibling => "Add an item beside the selected one",
            Self::Rename => "Rename the selected item in the tree",
            Self::EditItem => "Edit the selected item's details",
            Self::Delete => "Delete the selected item (asks first; Ctrl+Z undoes it)",
            Self::LinkTo => "Show the selected item under another parent too (counted once)",
            Self::Unlink => "Take the item off this parent; it stays under its other parents",
            Self::MoveUp => "Move the selected item up among its siblings",
            Self::MoveDown => "Move the selected item down among its siblings",
            Self::SelectPrevious => "Select the row above",
            Self::SelectNext => "Select the row below",
            Self::SelectFirst => "Select the first row of the tree",
            Self::SelectLast => "Select the last row of the tree",
            Self::CommandPalette => "Run any menu command by typing its name",
            Self::FocusMenu => {
                "Move the keyboard to the menu bar: Tab or the arrows along it, Enter opens a menu"
            }
            Self::Expand => "Show the selected item's children",
            Self::Collapse => "Hide the selected item's children",
            Self::FocusFilter => "Filter the tree by title, code, status, owner or department",
            Self::ShowItem => "The selected item: its fields, figures, KPIs and notes",
            Self::ShowInitiatives => "Every initiative in a sortable table",
            Self::ShowPlan => {
                "The plan's statements, levels, statuses, grades, periods and backups"
            }
            Self::ShowHistory => "Who changed what, when, and why",
            Self::ShowCompare => "Compare the plan's figures between two periods",
            Self::ShowMeetings => "Plan review meetings, present them and print their minutes",
            Self::PresentMeeting => "Present the meeting full screen, one agenda item at a time",
            Self::ZoomIn => "Make everything larger",
            Self::ZoomOut => "Make everything smaller",
            Self::ZoomReset => "Back to the normal size",
            Self::ToggleTheme => "Switch between the light and dark themes",
            Self::HighContrast => {
                "White text on black at 7:1 or more, with thick outlines for focus and selection"
            }
            Self::Settings => {
                "The name the history records for your edits, the theme and the zoom on this computer"
            }
            Self::GettingStarted => {
                "What the tree, the pages, grades and sample data are, and the keyboard shortcuts"
            }
            Self::About => {
                "This Cairn's version, the file open and where its backups are: what to quote when asking for help"
            }
        }
    }

    /// The tree's context menu (None = separator): the same commands as
    /// the Edit menu, acting on the row clicked.
    pub const CONTEXT_MENU: [Option<Self>; 9] = [
        Some(Self::AddChild),
        Some(Self::AddSibling),
        Some(Self::Rename),
        Some(Self::LinkTo),
        Some(Self::Unlink),
        Some(Self::MoveUp),
        Some(Self::MoveDown),
        None,
        Some(Self::Delete),
    ];

    /// The label on a row's context menu: the plan's own level names where
    /// the command makes an item ("Add initiative", "Add objective beside
    /// it").
    pub fn row_label(self, plan: &Plan, item: &Item) -> String {
        match self {
            Self::AddChild => format!(
                "Add {}",
                plan.info.level_name(item.level + 1).to_lowercase()
            ),
            Self::AddSibling => format!(
                "Add {} beside it",
                plan.info.level_name(item.level).to_lowercase()
            ),
            _ => self.label().to_owned(),
        }
    }

    /// Whether the command applies to a row of the tree: `item` shown
    /// under `parent`.
    pub fn applies_to_row(self, plan: &Plan, item: &Item, parent: Option<&str>) -> bool {
        match self {
            Self::AddChild => item.level + 1 < plan.info.levels.len(),
            Self::LinkTo => item.level > 0,
            Self::Unlink => parent.is_some() && plan.parents_of(&item.id).len() > 1,
            _ => true,
        }
    }

    /// The menus: title and commands (None = separator).
    pub fn menus() -> [(&'static str, &'static [Option<Self>]); 5] {
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
                    Some(Self::RequestUpdates),
                    Some(Self::MergeCopy),
                    None,
                    Some(Self::Print),
                    None,
                    Some(Self::Settings),
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
                    Some(Self::Unlink),
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
                    Some(Self::SelectFirst),
                    Some(Self::SelectLast),
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
                    Some(Self::HighContrast),
                ],
            ),
            (
                "Help",
                &[
                    Some(Self::GettingStarted),
                    Some(Self::CommandPalette),
                    Some(Self::FocusMenu),
                    None,
                    Some(Self::About),
                ],
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_people_know_run_the_commands_they_expect() {
        // Worked out from what desktop programs do, not read off the code.
        let expected = [
            (cmd(Key::Z), UiCommand::Undo),
            (
                KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z),
                UiCommand::Redo,
            ),
            (cmd(Key::O), UiCommand::Open),
            (cmd(Key::P), UiCommand::Print),
            (cmd(Key::Q), UiCommand::Quit),
            (cmd(Key::F), UiCommand::FocusFilter),
            (plain(Key::F1), UiCommand::GettingStarted),
            (plain(Key::F2), UiCommand::Rename),
            (plain(Key::F5), UiCommand::PresentMeeting),
            (plain(Key::Delete), UiCommand::Delete),
        ];
        for (keys, command) in expected {
            let found: Vec<UiCommand> = UiCommand::with_shortcuts()
                .iter()
                .copied()
                .filter(|c| c.shortcut() == Some(keys))
                .collect();
            assert_eq!(found, [command], "{keys:?}");
        }
        let with_keys = UiCommand::ALL
            .iter()
            .filter(|c| c.shortcut().is_some())
            .count();
        assert_eq!(
            UiCommand::with_shortcuts().len(),
            with_keys,
            "every command with a key is in the list the keyboard reads"
        );
    }

    #[test]
    fn shortcuts_are_distinct() {
        let all = UiCommand::with_shortcuts();
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

    #[test]
    fn every_command_is_in_a_menu_with_a_tooltip() {
        let in_menus: Vec<UiCommand> = UiCommand::menus()
            .iter()
            .flat_map(|(_, cmds)| cmds.iter().flatten().copied())
            .collect();
        for c in UiCommand::ALL {
            assert!(in_menus.contains(&c), "{c:?} has no menu entry");
            assert!(c.tooltip().len() > 10, "{c:?} has no tooltip");
        }
        for c in &in_menus {
            assert!(UiCommand::ALL.contains(c), "{c:?} is not in ALL");
        }
    }

    #[test]
    fn ctrl_shift_z_is_seen_before_ctrl_z() {
        let order = UiCommand::with_shortcuts();
        let at = |c| order.iter().position(|x| *x == c).expect("listed");
        assert!(at(UiCommand::Redo) < at(UiCommand::Undo));
        assert!(at(UiCommand::SaveCopyAs) < at(UiCommand::FocusFilter));
    }
}
