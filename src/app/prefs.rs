//! Window and UI preferences, kept in eframe's storage (never plan data).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::actions::Tab;

/// How many recent files the File menu lists.
pub const RECENT_LIMIT: usize = 8;

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub dark: bool,
    /// Light or dark as the system says, until the user picks one.
    /// Preferences saved before this existed read as false: their choice
    /// of `dark` stands.
    #[serde(default)]
    pub theme_follows_system: bool,
    /// The high-contrast theme (over the dark one): text at 7:1, thick
    /// focus and selection outlines.
    pub high_contrast: bool,
    /// High contrast as the system asks (where it says), until the user
    /// picks. Preferences saved before this existed read as false.
    #[serde(default)]
    pub contrast_follows_system: bool,
    pub zoom: f32,
    pub recent: Vec<PathBuf>,
    /// Collapsed item ids, per workbench file.
    pub collapsed: BTreeMap<String, BTreeSet<String>>,
    pub tab: Tab,
    /// The name recorded in the history; blank for the OS user.
    pub user_name: String,
    /// The first-run welcome (which asks for that name) has been answered.
    /// Preferences saved before it existed read as false, so their users
    /// are asked once too.
    #[serde(default)]
    pub welcomed: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            dark: false,
            theme_follows_system: true,
            high_contrast: false,
            contrast_follows_system: true,
            zoom: 1.0,
            recent: Vec::new(),
            collapsed: BTreeMap::new(),
            tab: Tab::Item,
            user_name: String::new(),
            welcomed: true,
        }
    }
}

impl Prefs {
    /// The preferences of someone opening Cairn for the first time: the
    /// welcome asks for the name the history will record.
    pub fn first_run() -> Self {
        Self {
            welcomed: false,
            ..Self::default()
        }
    }

    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &std::path::Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(RECENT_LIMIT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferences_saved_before_following_the_system_keep_their_choice() {
        let old: Prefs = serde_json::from_str(r#"{"dark": true, "high_contrast": false}"#)
            .expect("old preferences read");
        assert!(old.dark);
        assert!(!old.theme_follows_system, "their dark theme stands");
        assert!(!old.contrast_follows_system, "their contrast stands");
        let new = Prefs::default();
        assert!(new.theme_follows_system && new.contrast_follows_system);
    }
}
