//! Who is making edits on this machine: one name for the window and the
//! command line. The name given at the welcome prompt or in Settings is
//! kept in `person.json` in Cairn's data folder; every edit is signed with
//! [`who`].

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The person's preferences file, beside the default workbench.
pub fn file() -> Option<PathBuf> {
    super::paths::data_dir().map(|d| d.join("person.json"))
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Person {
    #[serde(default)]
    name: String,
}

/// The name saved at the welcome prompt or in Settings, if any. A file
/// that cannot be read counts as no name (the edit is still signed, with
/// the system account).
pub fn saved_name() -> Option<String> {
    saved_name_in(&file()?)
}

/// The name saved in the preferences file at `path`.
pub fn saved_name_in(path: &std::path::Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let person: Person = serde_json::from_str(&text).ok()?;
    let name = person.name.trim().to_owned();
    (!name.is_empty()).then_some(name)
}

/// Saves the name the person gave (blank: use the system account name) in
/// the preferences file at `path` (normally [`file`]).
pub fn save_name(path: &std::path::Path, name: &str) -> Result<(), super::output::OutputError> {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let text = serde_json::to_string_pretty(&Person {
        name: name.trim().to_owned(),
    })
    .unwrap_or_default();
    super::output::write(path, text.as_bytes(), None)
}

static SIGNED_AS: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Signs every edit this process makes with `name` (the command line's
/// `--as NAME`); a blank name changes nothing.
pub fn sign_as(name: &str) {
    if !name.trim().is_empty() {
        let _ = SIGNED_AS.set(name.trim().to_owned());
    }
}

/// The name edits are signed with: `explicit` (a name set for this
/// workbench), else the command line's `--as`, else `CAIRN_USER`, else the name saved in the preferences,
/// else the system account's name. Never "unknown".
pub fn who(explicit: Option<&str>) -> String {
    let given = |v: Option<String>| v.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    given(explicit.map(str::to_owned))
        .or_else(|| SIGNED_AS.get().cloned())
        .or_else(|| given(std::env::var("CAIRN_USER").ok()))
        .or_else(saved_name)
        .unwrap_or_else(system_account)
}

/// The system account's name: `USER`/`USERNAME`/`LOGNAME`, else the last
/// part of the home folder, else a plain description.
pub fn system_account() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .into_iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|v| v.trim().to_owned())
        .find(|v| !v.is_empty())
        .or_else(|| {
            directories::BaseDirs::new()
                .and_then(|d| {
                    d.home_dir()
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                })
                .filter(|n| !n.is_empty())
        })
        .unwrap_or_else(|| "this computer's user".to_owned())
}
