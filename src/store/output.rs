//! Writing every file Cairn makes other than the workbench itself: report
//! cards, minutes, exports, copies and backups.
//!
//! Two rules hold for all of them:
//! - **Nothing lands on a workbench.** A target that is the open workbench,
//!   any existing Cairn workbench (known by its header, whatever its name),
//!   or a workbench's `-wal`, `-shm`, `-journal` or lock file is refused
//!   before a byte is written ([`check_target`]).
//! - **Outputs are atomic.** The bytes go to a hidden temporary file in the
//!   target's folder, are flushed to disk, and only then renamed over the
//!   target. A failed write removes its temporary file; one left by a
//!   writer that was killed is removed by the next write to the same
//!   target. The old file stays as it was until the new one is complete.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::store::header;

/// Why an output was not written. Every message says that nothing was.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{path} is the workbench that is open; nothing was written. Choose another file name.")]
    OpenWorkbench { path: String },
    #[error(
        "{path} is a Cairn workbench; writing there would replace a plan, so nothing was written. Choose another file name."
    )]
    Workbench { path: String },
    #[error(
        "{path} is the {what} of the workbench {workbench}; nothing was written. Choose another file name."
    )]
    WorkbenchPart {
        path: String,
        what: &'static str,
        workbench: String,
    },
    #[error("{path} is a folder; nothing was written. Give a file name.")]
    Folder { path: String },
    #[error(
        "could not write {path}: {message}. Nothing was written; a file already there is as it was."
    )]
    Io { path: String, message: String },
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// The path as the file system resolves it, for comparing two paths: the
/// file itself when it exists, else its (resolved) folder and name.
fn resolved(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let name = path.file_name().map(std::ffi::OsStr::to_os_string);
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    match (std::fs::canonicalize(&parent), name) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_owned(),
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    resolved(a) == resolved(b)
}

/// The workbench a journal or lock file belongs to, and what it is to it:
/// `plan.cairn-wal` → (`plan.cairn`, "write-ahead log"), `.plan.cairn.lock`
/// → (`plan.cairn`, "lock file").
fn workbench_part(path: &Path) -> Option<(PathBuf, &'static str)> {
    let name = path.file_name()?.to_str()?;
    for (suffix, what) in [
        ("-wal", "write-ahead log"),
        ("-shm", "shared-memory index"),
        ("-journal", "rollback journal"),
    ] {
        if let Some(base) = name.strip_suffix(suffix)
            && !base.is_empty()
        {
            return Some((path.with_file_name(base), what));
        }
    }
    let base = name.strip_prefix('.')?.strip_suffix(".lock")?;
    (!base.is_empty()).then(|| (path.with_file_name(base), "lock file"))
}

/// Refuses a target that is, or belongs to, a workbench: the open one
/// (`open`) or any other on disk.
pub fn check_target(path: &Path, open: Option<&Path>) -> Result<(), OutputError> {
    if path.is_dir() {
        return Err(OutputError::Folder { path: shown(path) });
    }
    if open.is_some_and(|open| same_file(path, open)) {
        return Err(OutputError::OpenWorkbench { path: shown(path) });
    }
    if path.exists() && header::is_workbench(path) {
        return Err(OutputError::Workbench { path: shown(path) });
    }
    if let Some((base, what)) = workbench_part(path)
        && (open.is_some_and(|open| same_file(&base, open))
            || (base.exists() && header::is_workbench(&base)))
    {
        return Err(OutputError::WorkbenchPart {
            path: shown(path),
            what,
            workbench: shown(&base),
        });
    }
    Ok(())
}

/// The folder a target is written in ("." for a bare name).
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// The marker in the names of temporary files.
const PARTIAL: &str = ".cairn-partial";

/// A temporary file beside the target, locked while it is being written so
/// that a later writer can tell a live one from one left by a killed
/// process.
struct Partial {
    path: PathBuf,
    file: Option<std::fs::File>,
}

impl Partial {
    fn create(target: &Path) -> std::io::Result<Self> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = folder_of(target).join(format!(".{name}.{}-{n}{PARTIAL}", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        // Locking is a courtesy to later writers; a file system without
        // locks still gets atomic writes.
        let _ = file.try_lock();
        Ok(Self {
            path,
            file: Some(file),
        })
    }

    fn file(&mut self) -> std::io::Result<&mut std::fs::File> {
        self.file
            .as_mut()
            .ok_or_else(|| std::io::Error::other("the temporary file is closed"))
    }

    /// Flushes the bytes to disk and renames the file over `target`.
    fn commit(mut self, target: &Path) -> std::io::Result<()> {
        if let Some(file) = self.file.as_mut() {
            file.flush()?;
            file.sync_all()?;
        }
        pause_for_tests();
        // Close before renaming: Windows cannot rename an open file.
        self.file = None;
        std::fs::rename(&self.path, target)?;
        sync_folder(&folder_of(target));
        Ok(())
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        // Reached with the file still present only when the write failed.
        self.file = None;
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Makes a rename durable (Unix; elsewhere the rename is enough).
pub(crate) fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// For tests of interrupted writes only: `CAIRN_TEST_PAUSE_BEFORE_RENAME_MS`
/// holds a complete temporary file that long before it is renamed, so a
/// test can kill the process at that moment. Unset, it costs nothing.
pub(crate) fn pause_for_tests() {
    if let Some(ms) = std::env::var_os("CAIRN_TEST_PAUSE_BEFORE_RENAME_MS")
        .and_then(|v| v.to_str().and_then(|v| v.parse::<u64>().ok()))
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// Removes temporary files that killed writers left for `target`: those
/// whose lock can be taken (a live writer holds its own).
fn remove_abandoned(target: &Path) {
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    remove_abandoned_matching(&folder_of(target), &format!(".{name}."));
}

/// Removes every temporary file that a killed writer left in `folder` (a
/// folder only Cairn writes, such as a workbench's backups).
pub(crate) fn remove_abandoned_in(folder: &Path) {
    remove_abandoned_matching(folder, ".");
}

fn remove_abandoned_matching(folder: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if !(file_name.starts_with(prefix) && file_name.ends_with(PARTIAL)) {
            continue;
        }
        let path = entry.path();
        let Ok(file) = std::fs::OpenOptions::new().write(true).open(&path) else {
            continue;
        };
        if file.try_lock().is_ok() {
            drop(file);
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Writes `bytes` to `path` atomically, refusing a workbench target.
pub fn write(path: &Path, bytes: &[u8], open: Option<&Path>) -> Result<(), OutputError> {
    write_with(path, open, |file| file.write_all(bytes))
}

/// Like [`write`], for a writer that streams into the file.
pub fn write_with(
    path: &Path,
    open: Option<&Path>,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), OutputError> {
    check_target(path, open)?;
    let failed = |e: std::io::Error| OutputError::Io {
        path: shown(path),
        message: e.to_string(),
    };
    remove_abandoned(path);
    let mut partial = Partial::create(path).map_err(failed)?;
    fill(partial.file().map_err(failed)?).map_err(failed)?;
    partial.commit(path).map_err(failed)
}

/// Writes a file that a library makes at a path of its own choosing (such
/// as SQLite's `VACUUM INTO` or backup, which need a path that does not
/// exist yet): `make` writes the temporary path given, which is then
/// renamed over `path`.
pub fn write_via_path<E: std::fmt::Display>(
    path: &Path,
    open: Option<&Path>,
    make: impl FnOnce(&Path) -> Result<(), E>,
) -> Result<(), OutputError> {
    check_target(path, open)?;
    let failed = |message: String| OutputError::Io {
        path: shown(path),
        message,
    };
    remove_abandoned(path);
    let partial = Partial::create(path).map_err(|e| failed(e.to_string()))?;
    // The library creates the file itself; keep only the lock's name.
    let _ = std::fs::remove_file(&partial.path);
    make(&partial.path).map_err(|e| failed(e.to_string()))?;
    if let Ok(f) = std::fs::File::open(&partial.path) {
        let _ = f.sync_all();
    }
    partial.commit(path).map_err(|e| failed(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_and_lock_names_map_to_their_workbench() {
        let p = Path::new("/x/plan.cairn-wal");
        assert_eq!(
            workbench_part(p),
            Some((PathBuf::from("/x/plan.cairn"), "write-ahead log"))
        );
        assert_eq!(
            workbench_part(Path::new("/x/.plan.cairn.lock")),
            Some((PathBuf::from("/x/plan.cairn"), "lock file"))
        );
        assert_eq!(workbench_part(Path::new("/x/card.pdf")), None);
        assert_eq!(workbench_part(Path::new("/x/-wal")), None);
    }
}
