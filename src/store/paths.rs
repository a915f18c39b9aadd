//! Where Cairn keeps its default workbench.

use std::path::PathBuf;

/// The directory for Cairn's data: `$CAIRN_HOME` if set, otherwise the
/// platform's data directory (`~/.local/share/cairn` on Linux,
/// `~/Library/Application Support/org.cairn.Cairn` on macOS,
/// `%APPDATA%\cairn\Cairn\data` on Windows).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("CAIRN_HOME") {
        return Some(PathBuf::from(home));
    }
    directories::ProjectDirs::from("org", "cairn", "Cairn").map(|d| d.data_dir().to_owned())
}

/// The default workbench file, created on first run.
pub fn default_workbench() -> Option<PathBuf> {
    data_dir().map(|d| d.join("workbench.cairn"))
}

/// The default workbench, created from the Phoenix plan with its sample
/// KPIs if it does not exist yet.
pub fn ensure_default_workbench() -> anyhow::Result<PathBuf> {
    use anyhow::Context as _;
    let path = default_workbench().context("could not find a data directory for this user")?;
    if !path.exists() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("could not create {}", dir.display()))?;
        }
        let plan = crate::interchange::seeds::phoenix_with_sample_kpis()
            .context("the built-in Phoenix seed is unreadable")?;
        crate::store::Store::create(&path, &plan)?;
    }
    Ok(path)
}

/// Where printed cards, minutes and exports are offered to go: the user's
/// Documents folder (not the hidden data folder the workbench lives in);
/// `$CAIRN_OUTPUT_DIR` if set, else the home folder when there is no
/// Documents folder, else `fallback`.
pub fn output_dir(fallback: &std::path::Path) -> PathBuf {
    if let Some(dir) = std::env::var_os("CAIRN_OUTPUT_DIR") {
        return PathBuf::from(dir);
    }
    directories::UserDirs::new()
        .and_then(|u| {
            u.document_dir()
                .filter(|d| d.is_dir())
                .map(std::path::Path::to_path_buf)
                .or_else(|| Some(u.home_dir().to_path_buf()))
        })
        .unwrap_or_else(|| fallback.to_path_buf())
}
