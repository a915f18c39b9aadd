//! Rolling backups of a workbench in `NAME.backups/` beside it.
//!
//! The first time each day that a workbench is written to, before the
//! edit, the store takes a consistent copy with SQLite's online backup API
//! ([`Store::backup_now`]) and prunes old copies by the plan's
//! [`BackupPolicy`]. A copy is written to a temporary file and renamed, so
//! a Cairn killed mid-backup leaves the workbench and the earlier copies as
//! they were. [`Store::restore_from`] first backs up the file as it is, so
//! a restore can itself be undone.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{Datelike as _, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};

use super::{Store, StoreError, header, schema, shown};
use crate::model::{BackupPolicy, Plan};

/// Why a copy was taken; the tag ends its file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackupKind {
    /// The day's first edit.
    Daily,
    /// The file as it was just before a restore replaced it.
    BeforeRestore,
}

impl BackupKind {
    fn tag(self) -> &'static str {
        match self {
            Self::Daily => "",
            Self::BeforeRestore => "-before-restore",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Daily => "daily",
            Self::BeforeRestore => "before a restore",
        }
    }
}

/// One backup on disk.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    pub path: PathBuf,
    /// When it was taken (local time, from its name).
    pub taken: NaiveDateTime,
    pub kind: BackupKind,
    pub size: u64,
    /// The plan's title in the copy, or why it cannot be read, as the
    /// words the restore list shows (a message, not an error to handle:
    /// a backup is compared and cloned, which SQLite's errors are not).
    pub title: Result<String, String>,
    /// History rows in the copy.
    pub history_len: Option<usize>,
}

impl Backup {
    /// "193 kB", "1.2 MB".
    pub fn size_text(&self) -> String {
        let kb = self.size as f64 / 1e3;
        if kb >= 1e3 {
            format!("{:.1} MB", kb / 1e3)
        } else {
            format!("{:.0} kB", kb.max(1.0))
        }
    }

    /// Changes recorded in the workbench since this copy was taken, when
    /// the copy is an ancestor of it (`None` for a copy ahead of the file,
    /// e.g. after restoring an older one).
    pub fn edits_since(&self, workbench_history_len: usize) -> Option<usize> {
        self.history_len
            .and_then(|n| workbench_history_len.checked_sub(n))
    }
}

/// `plan.cairn` → `plan.cairn.backups/`.
pub fn folder(workbench: &Path) -> PathBuf {
    let name = workbench
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    workbench.with_file_name(format!("{name}.backups"))
}

/// Whether `path` is itself a backup (in a `.backups` folder): backups
/// take no backups of their own.
pub fn is_backup(path: &Path) -> bool {
    path.parent()
        .and_then(Path::file_name)
        .is_some_and(|n| n.to_string_lossy().ends_with(".backups"))
}

fn stem(workbench: &Path) -> String {
    workbench
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

const STAMP: &str = "%Y%m%d-%H%M%S";

/// `plan-20261201-091500.cairn` (or `…-before-restore.cairn`).
fn file_name(workbench: &Path, taken: NaiveDateTime, kind: BackupKind) -> String {
    format!(
        "{}-{}{}.{}",
        stem(workbench),
        taken.format(STAMP),
        kind.tag(),
        super::EXTENSION
    )
}

/// Reads when and why a copy was taken from its name.
fn parse_name(workbench: &Path, name: &str) -> Option<(NaiveDateTime, BackupKind)> {
    let rest = name
        .strip_prefix(&format!("{}-", stem(workbench)))?
        .strip_suffix(&format!(".{}", super::EXTENSION))?;
    let stamp = rest.get(..15)?;
    let taken = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    let kind = match &rest[15..] {
        "" => BackupKind::Daily,
        "-before-restore" => BackupKind::BeforeRestore,
        _ => return None,
    };
    Some((taken, kind))
}

/// The plan's title and history length in a copy, read without changing
/// it; an unreadable title comes back as the words the restore list shows.
fn peek(path: &Path) -> (Result<String, String>, Option<usize>) {
    let conn = match Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) {
        Ok(c) => c,
        Err(e) => return (Err(e.to_string()), None),
    };
    let title = conn
        .query_row("SELECT info FROM plan WHERE id = 1", [], |r| {
            r.get::<_, String>(0)
        })
        .map_err(|e| e.to_string())
        .and_then(|info| {
            serde_json::from_str::<serde_json::Value>(&info)
                .map_err(|e| e.to_string())
                .map(|v| {
                    let title = v["title"].as_str().unwrap_or_default();
                    match v["organisation"].as_str() {
                        Some(org) if !org.is_empty() => format!("{org} — {title}"),
                        _ => title.to_owned(),
                    }
                })
        });
    let history = conn
        .query_row("SELECT count(*) FROM history", [], |r| r.get::<_, i64>(0))
        .ok()
        .and_then(|n| usize::try_from(n).ok());
    (title, history)
}

/// The backups of `workbench`, newest first. A missing folder is an empty
/// list; files that are not its backups are left out.
pub fn list(workbench: &Path) -> Result<Vec<Backup>, StoreError> {
    let dir = folder(workbench);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(StoreError::Io {
                path: shown(&dir),
                message: e.to_string(),
            });
        }
    };
    let mut found: Vec<Backup> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let (taken, kind) = parse_name(workbench, &name)?;
            let path = entry.path();
            if !header::is_workbench(&path) {
                return None;
            }
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            let (title, history_len) = peek(&path);
            Some(Backup {
                path,
                taken,
                kind,
                size,
                title,
                history_len,
            })
        })
        .collect();
    found.sort_by(|a, b| b.taken.cmp(&a.taken).then(b.path.cmp(&a.path)));
    Ok(found)
}

/// The copies to remove under `policy`, given copies newest first and
/// today's date: the newest copy of each of the last `daily` days, `weekly`
/// ISO weeks and `monthly` months is kept, and every copy from today.
pub fn to_prune(backups: &[Backup], policy: &BackupPolicy, today: NaiveDate) -> Vec<PathBuf> {
    let mut keep: HashSet<&Path> = HashSet::new();
    let mut slot = |key: &dyn Fn(NaiveDate) -> (i32, u32), limit: u32| {
        let mut seen: Vec<(i32, u32)> = Vec::new();
        for b in backups {
            let k = key(b.taken.date());
            if seen.contains(&k) {
                continue;
            }
            if seen.len() >= limit as usize {
                break;
            }
            seen.push(k);
            keep.insert(&b.path);
        }
    };
    slot(&|d| (d.year(), d.ordinal()), policy.daily);
    slot(
        &|d| (d.iso_week().year(), d.iso_week().week()),
        policy.weekly,
    );
    slot(&|d| (d.year(), d.month()), policy.monthly);
    backups
        .iter()
        .filter(|b| b.taken.date() != today && !keep.contains(b.path.as_path()))
        .map(|b| b.path.clone())
        .collect()
}

fn now_local() -> NaiveDateTime {
    let now = chrono::Local::now().naive_local();
    now.with_nanosecond_zero()
}

trait NoNanos {
    fn with_nanosecond_zero(self) -> Self;
}

impl NoNanos for NaiveDateTime {
    fn with_nanosecond_zero(self) -> Self {
        use chrono::Timelike as _;
        self.with_nanosecond(0).unwrap_or(self)
    }
}

impl Store {
    /// Takes a consistent copy of the workbench now, into its backups
    /// folder; returns the copy's path.
    pub fn backup_now(&self, kind: BackupKind) -> Result<PathBuf, StoreError> {
        let dir = folder(&self.path);
        std::fs::create_dir_all(&dir).map_err(|e| StoreError::WriteFailed {
            path: shown(&dir),
            message: format!("could not make the backups folder: {e}"),
        })?;
        crate::store::output::remove_abandoned_in(&dir);
        let mut taken = now_local();
        let mut target = dir.join(file_name(&self.path, taken, kind));
        // Two copies in one second (a restore right after the day's copy)
        // get the next free second.
        while target.exists() {
            taken += chrono::Duration::seconds(1);
            target = dir.join(file_name(&self.path, taken, kind));
        }
        crate::store::output::write_via_path(&target, Some(&self.path), |tmp| {
            self.conn
                .backup(
                    rusqlite::MAIN_DB,
                    tmp,
                    None::<fn(rusqlite::backup::Progress)>,
                )
                .and_then(|()| {
                    // One self-contained file: reading a copy later leaves
                    // no -wal or -shm beside it.
                    let copy = Connection::open(tmp)?;
                    copy.pragma_update(None, "journal_mode", "DELETE")?;
                    copy.close().map_err(|(_, e)| e)
                })
        })
        .map_err(|e| StoreError::WriteFailed {
            path: shown(&target),
            message: format!("the backup was not taken: {e}"),
        })?;
        Ok(target)
    }

    /// The day's backup, taken before the day's first edit: does nothing
    /// when a copy from today exists, the file is read-only or is itself a
    /// backup. Prunes old copies after taking one.
    pub(super) fn daily_backup(&mut self, policy: &BackupPolicy) -> Result<(), StoreError> {
        let today = chrono::Local::now().date_naive();
        if self.read_only || self.backup_checked == Some(today) || is_backup(&self.path) {
            return Ok(());
        }
        self.backup_checked = Some(today);
        let existing = list(&self.path)?;
        if existing.iter().any(|b| b.taken.date() == today) {
            return Ok(());
        }
        self.backup_now(BackupKind::Daily)?;
        let all = list(&self.path)?;
        for old in to_prune(&all, policy, today) {
            let _ = std::fs::remove_file(old);
        }
        Ok(())
    }

    /// A problem taking the day's backup, once: the edit itself went ahead.
    pub fn take_backup_notice(&mut self) -> Option<String> {
        self.backup_notice.take()
    }

    /// Replaces the workbench's contents with the copy at `source`, after
    /// backing up the file as it is (the returned path). The copy is
    /// checked first; a copy that is not a readable Cairn workbench changes
    /// nothing. Returns the plan as restored and the pre-restore copy.
    pub fn restore_from(&mut self, source: &Path) -> Result<(Plan, PathBuf), StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: shown(&self.path),
            });
        }
        if std::fs::canonicalize(source).ok() == std::fs::canonicalize(&self.path).ok() {
            return Err(StoreError::Io {
                path: shown(source),
                message: "this is the open workbench itself, not a backup of it".into(),
            });
        }
        let checked = checked_copy(source)?;
        let before = self.backup_now(BackupKind::BeforeRestore)?;
        let path = shown(&self.path);
        let failed = |e: &dyn std::fmt::Display| StoreError::WriteFailed {
            path: path.clone(),
            message: format!("the restore did not complete: {e}"),
        };
        self.conn
            .restore(
                rusqlite::MAIN_DB,
                checked.path(),
                None::<fn(rusqlite::backup::Progress)>,
            )
            .map_err(|e| failed(&e))?;
        // The copy is kept in rollback-journal mode; the workbench is not.
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| failed(&e))?;
        let plan = super::rows::read(&self.conn).map_err(|e| failed(&e))?;
        let name = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let entry = super::HistoryEntry {
            action: "restore".into(),
            new: Some(name),
            reason: format!(
                "restored from a backup; the file as it was is kept as {}",
                before
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
            ..super::HistoryEntry::default()
        };
        self.insert_history(&[entry]).map_err(|e| failed(&e))?;
        self.identity = super::file_identity(&self.path);
        Ok((plan, before))
    }
}

/// A copy ready to restore from: the source itself when it is a current
/// workbench that reads cleanly, or an upgraded temporary copy of an older
/// one.
enum Checked {
    Source(PathBuf),
    Upgraded {
        _dir: tempfile::TempDir,
        path: PathBuf,
    },
}

impl Checked {
    fn path(&self) -> &Path {
        match self {
            Self::Source(p) | Self::Upgraded { path: p, .. } => p,
        }
    }
}

fn checked_copy(source: &Path) -> Result<Checked, StoreError> {
    let head = header::sniff(source)?;
    if head.schema_version > schema::CURRENT_VERSION {
        return Err(StoreError::TooNew {
            path: shown(source),
            found: head.schema_version,
            supported: schema::CURRENT_VERSION,
        });
    }
    match Store::open_read_only(source) {
        Ok(_) => Ok(Checked::Source(source.to_owned())),
        Err(StoreError::NeedsUpgrade { .. }) => {
            let dir = tempfile::tempdir().map_err(|e| StoreError::Io {
                path: shown(source),
                message: format!("could not make a folder to upgrade the copy in: {e}"),
            })?;
            let copy = dir.path().join("restore.cairn");
            std::fs::copy(source, &copy).map_err(|e| StoreError::Io {
                path: shown(source),
                message: e.to_string(),
            })?;
            drop(Store::open(&copy)?);
            Ok(Checked::Upgraded {
                _dir: dir,
                path: copy,
            })
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: &str) -> Backup {
        let taken = NaiveDateTime::parse_from_str(&format!("{day} 09:00:00"), "%Y-%m-%d %H:%M:%S")
            .expect("date");
        Backup {
            path: PathBuf::from(day),
            taken,
            kind: BackupKind::Daily,
            size: 0,
            title: Ok(String::new()),
            history_len: None,
        }
    }

    #[test]
    fn names_round_trip() {
        let wb = Path::new("/x/plan.cairn");
        let taken = NaiveDateTime::parse_from_str("2026-12-01 09:15:00", "%Y-%m-%d %H:%M:%S")
            .expect("date");
        for kind in [BackupKind::Daily, BackupKind::BeforeRestore] {
            let name = file_name(wb, taken, kind);
            assert_eq!(parse_name(wb, &name), Some((taken, kind)), "{name}");
        }
        assert_eq!(parse_name(wb, "other-20261201-091500.cairn"), None);
        assert_eq!(parse_name(wb, "plan-2026.cairn"), None);
    }

    #[test]
    fn pruning_keeps_seven_days_four_weeks_twelve_months() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        // A copy every day for two years, newest first.
        let backups: Vec<Backup> = (0..730)
            .map(|n| at(&(today - chrono::Duration::days(n)).to_string()))
            .collect();
        let gone: HashSet<PathBuf> = to_prune(&backups, &BackupPolicy::default(), today)
            .into_iter()
            .collect();
        let kept: Vec<&Backup> = backups.iter().filter(|b| !gone.contains(&b.path)).collect();
        // 7 days (Nov 25 – Dec 1), the newest of 4 ISO weeks (3 of them
        // already kept as days), and the newest of 12 months (Dec 1 and
        // Nov 30 already kept): 7 + 2 + 10.
        assert!(kept.len() <= 7 + 4 + 12, "{}", kept.len());
        for n in 0..7 {
            let day = (today - chrono::Duration::days(n)).to_string();
            assert!(kept.iter().any(|b| b.path == Path::new(&day)), "{day}");
        }
        assert!(kept.iter().any(|b| b.path == Path::new("2026-01-31")));
        assert!(kept.iter().any(|b| b.path == Path::new("2026-11-22")));
        assert!(!kept.iter().any(|b| b.path == Path::new("2025-12-31")));
        assert!(!kept.iter().any(|b| b.path == Path::new("2026-11-20")));
    }
}
