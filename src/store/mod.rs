//! The workbench file: one SQLite database per plan, extension `.cairn`.
//!
//! Files are sniffed before SQLite opens them ([`header::sniff`]), so a file
//! that is not a Cairn workbench, or one written by a newer Cairn, is refused
//! with its bytes untouched. Every write happens in one transaction.

pub mod backups;
pub mod copies;
pub mod crash;
pub mod header;
pub mod net;
pub mod output;
pub mod paths;
pub mod person;
mod rows;
pub mod schema;
mod upgrade;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::model::Plan;
pub use crate::model::Touched;

/// The file extension of a workbench.
pub const EXTENSION: &str = "cairn";

/// Everything that can go wrong with a workbench file, in words for users.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("{path} is not a Cairn workbench: {why}")]
    NotAWorkbench { path: String, why: String },
    #[error(
        "{path} was written by a newer version of Cairn (file format {found}; this Cairn reads up to {supported}). Update Cairn to open it."
    )]
    TooNew {
        path: String,
        found: i32,
        supported: i32,
    },
    #[error("{path} is damaged: {why}")]
    Damaged { path: String, why: String },
    #[error("{path} already exists; choose another name or remove it first")]
    Exists { path: String },
    #[error(
        "could not save to {path}: {message}. Nothing was changed; the file keeps its last saved state."
    )]
    WriteFailed { path: String, message: String },
    #[error("{path} is open read-only; changes cannot be saved")]
    ReadOnly { path: String },
    #[error(
        "{path} is already open in another Cairn window or command. Close it there first, or open it read-only to look without changing it."
    )]
    InUse { path: String },
    #[error(
        "{path} was written by an older Cairn (file format {found}) and must be upgraded before it can be read; open it for writing once (a backup of the old file is kept beside it)"
    )]
    NeedsUpgrade { path: String, found: i32 },
}

/// One entry of the change history.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HistoryEntry {
    pub action: String,
    pub item: Option<String>,
    pub field: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: String,
    /// Who wrote the figures, when not the person making the edit: the
    /// owner who returned an update request (the edit's `who` accepted it).
    pub author: String,
    /// The update request the change was merged from, if any.
    pub request: String,
}

impl HistoryEntry {
    /// An entry for `action` on `item` (or the plan as a whole), with no
    /// field, values or reason yet.
    pub fn new(action: &str, item: Option<&str>) -> Self {
        Self {
            action: action.into(),
            item: item.map(str::to_owned),
            ..Self::default()
        }
    }
}

/// An open workbench file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    /// The name written as "who" in the history.
    user: String,
    /// The file's identity when opened, to notice it being removed.
    identity: Option<(u64, u64)>,
    /// Held while the file is open for writing, so a second Cairn cannot
    /// write to it at the same time. Released by the OS if Cairn dies.
    _lock: Option<std::fs::File>,
    /// The day the daily backup was last seen to, so it is checked once a
    /// day rather than on every edit.
    backup_checked: Option<chrono::NaiveDate>,
    /// Why the day's backup could not be taken, for the caller to show.
    backup_notice: Option<String>,
}

/// Where the copy of an older workbench goes before it is upgraded:
/// `plan.cairn` → `plan.v1-backup.cairn` (or `plan.v1-backup-2.cairn`, …).
pub fn backup_path(path: &Path, version: i32) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    (1..)
        .map(|n| {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            path.with_file_name(format!("{stem}.v{version}-backup{suffix}.{EXTENSION}"))
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| path.with_extension("backup"))
}

/// Identifies the file on disk, to notice it being removed or replaced.
fn file_identity(path: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some((0, 0))
    }
}

/// How many times to try the writer's lock, 25 ms apart.
const LOCK_ATTEMPTS: u32 = 12;

/// The lock file beside a workbench: `.NAME.lock`.
fn lock_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.lock"))
}

/// Takes the writer's lock: `Ok(Some)` when held, `Ok(None)` when no lock
/// file can be made (the folder is read-only), `Err(InUse)` when another
/// Cairn holds it.
fn take_lock(path: &Path) -> Result<Option<std::fs::File>, StoreError> {
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(path))
    else {
        return Ok(None);
    };
    // Wait a moment before calling the file busy: a lock can be held
    // briefly by a process that is just closing it, or by a child process
    // between fork and exec.
    for attempt in 0..LOCK_ATTEMPTS {
        match file.try_lock() {
            Ok(()) => return Ok(Some(file)),
            Err(std::fs::TryLockError::WouldBlock) if attempt + 1 < LOCK_ATTEMPTS => {
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            Err(std::fs::TryLockError::WouldBlock) => break,
            Err(std::fs::TryLockError::Error(_)) => return Ok(None),
        }
    }
    Err(StoreError::InUse { path: shown(path) })
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.busy_timeout(std::time::Duration::from_secs(2))?;
    Ok(())
}

fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn insert_history(
    tx: &rusqlite::Transaction<'_>,
    at: &str,
    who: &str,
    history: &[HistoryEntry],
) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO history (uid, id, at, who, action, item, field, old, new, reason, edit, author, request)
         VALUES (lower(hex(randomblob(16))), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    // Rows are numbered after the file's last; the edit is named by its
    // first row's number.
    let first: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM history", [], |r| {
        r.get(0)
    })?;
    for (n, h) in (first..).zip(history) {
        stmt.execute(rusqlite::params![
            n, at, who, h.action, h.item, h.field, h.old, h.new, h.reason, first, h.author,
            h.request
        ])?;
    }
    Ok(())
}

/// Who is making changes: `CAIRN_USER`, else the name saved in the
/// preferences, else the system account (see [`person::who`]).
pub fn current_user() -> String {
    person::who(None)
}

impl Store {
    /// Writes `plan` to a new workbench at `path`. The file appears only
    /// when complete: it is written beside the target and renamed.
    pub fn create(path: &Path, plan: &Plan) -> Result<Self, StoreError> {
        if path.exists() {
            return Err(StoreError::Exists { path: shown(path) });
        }
        plan.validate().map_err(|why| StoreError::WriteFailed {
            path: shown(path),
            message: format!("the plan is not valid: {why}"),
        })?;
        let tmp = path.with_extension("cairn-partial");
        let _ = std::fs::remove_file(&tmp);
        let failed = |e: &dyn std::fmt::Display| StoreError::WriteFailed {
            path: shown(path),
            message: e.to_string(),
        };
        let result = (|| -> rusqlite::Result<()> {
            let mut conn = Connection::open(&tmp)?;
            conn.pragma_update(None, "application_id", header::APPLICATION_ID)?;
            configure(&conn)?;
            schema::migrate(&mut conn)?;
            let tx = conn.transaction()?;
            rows::write(&tx, plan, &Touched::all(plan))?;
            tx.commit()?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.close().map_err(|(_, e)| e)
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(failed(&e));
        }
        // A log left beside a workbench that was deleted (say, by a Cairn
        // that was killed) belongs to that old file: SQLite would replay it
        // into this new one. There is no file at `path`, so it is an orphan.
        for suffix in ["-wal", "-shm"] {
            let mut orphan = path.as_os_str().to_owned();
            orphan.push(suffix);
            let orphan = PathBuf::from(orphan);
            if orphan.exists()
                && let Err(e) = std::fs::remove_file(&orphan)
            {
                let _ = std::fs::remove_file(&tmp);
                return Err(failed(&format!(
                    "{} is left over from a deleted workbench and could not be removed: {e}",
                    orphan.display()
                )));
            }
        }
        // Durable before it takes the name, and the name durable after, as
        // every other file Cairn writes (`output::write`).
        if let Err(e) = std::fs::File::open(&tmp).and_then(|f| f.sync_all()) {
            let _ = std::fs::remove_file(&tmp);
            return Err(failed(&e));
        }
        if let Err(e) = std::fs::rename(&tmp, path) {
            let _ = std::fs::remove_file(&tmp);
            return Err(failed(&e));
        }
        output::sync_folder(&output::folder_of(path));
        Self::open(path).map(|(store, _)| store)
    }

    /// Opens a workbench for reading and writing and reads its plan.
    /// Refuses, without changing a byte, anything that is not a Cairn
    /// workbench of this version or older, and a workbench another Cairn
    /// has open. A file without write permission opens read-only.
    pub fn open(path: &Path) -> Result<(Self, Plan), StoreError> {
        Self::open_mode(path, false)
    }

    /// Opens a workbench only to read it; works while another Cairn has it
    /// open.
    pub fn open_read_only(path: &Path) -> Result<(Self, Plan), StoreError> {
        Self::open_mode(path, true)
    }

    /// Opens for writing or, when another Cairn has the file open, read-only
    /// beside it; the second value is then why it is read-only.
    pub fn open_or_share(path: &Path) -> Result<(Self, Plan, Option<StoreError>), StoreError> {
        match Self::open(path) {
            Ok((store, plan)) => Ok((store, plan, None)),
            Err(busy @ StoreError::InUse { .. }) => {
                Self::open_read_only(path).map(|(store, plan)| (store, plan, Some(busy)))
            }
            Err(e) => Err(e),
        }
    }

    fn open_mode(path: &Path, want_read_only: bool) -> Result<(Self, Plan), StoreError> {
        let head = header::sniff(path)?;
        if head.schema_version > schema::CURRENT_VERSION {
            return Err(StoreError::TooNew {
                path: shown(path),
                found: head.schema_version,
                supported: schema::CURRENT_VERSION,
            });
        }
        if head.schema_version < 1 {
            return Err(StoreError::Damaged {
                path: shown(path),
                why: "it has no schema".into(),
            });
        }
        let mut read_only =
            want_read_only || std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
        let lock = if read_only { None } else { take_lock(path)? };
        if lock.is_none() {
            read_only = true;
        }
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let damaged = |e: &dyn std::fmt::Display| StoreError::Damaged {
            path: shown(path),
            why: e.to_string(),
        };
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::Io {
            path: shown(path),
            message: e.to_string(),
        })?;
        configure(&conn).map_err(|e| damaged(&e))?;
        let check: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| damaged(&e))?;
        if check != "ok" {
            return Err(damaged(&check));
        }
        // The header can lag behind a write-ahead log that was never
        // checkpointed (Cairn was killed); SQLite's own answer is the truth.
        let version: i32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| damaged(&e))?;
        if version > schema::CURRENT_VERSION {
            return Err(StoreError::TooNew {
                path: shown(path),
                found: version,
                supported: schema::CURRENT_VERSION,
            });
        }
        let plan = if version < schema::CURRENT_VERSION {
            if read_only {
                return Err(StoreError::NeedsUpgrade {
                    path: shown(path),
                    found: version,
                });
            }
            // Keep the file as the older Cairn wrote it, then upgrade, read
            // and check the plan in one transaction: if the upgraded plan
            // does not hold together, the transaction is dropped and the
            // file stays exactly as it was (and the backup is removed).
            let backup = backup_path(path, version);
            conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()])
                .map_err(|e| StoreError::WriteFailed {
                    path: shown(&backup),
                    message: format!("could not write the backup made before upgrading: {e}"),
                })?;
            let upgraded = (|| {
                let tx = conn.transaction().map_err(|e| damaged(&e))?;
                if version < 5 {
                    schema::migrate_in_until(&tx, schema::LAST_WITH_ITEM_FIGURES)
                        .map_err(|e| damaged(&e))?;
                    let info = rows::read(&tx).map_err(|e| damaged(&e))?.info;
                    let today = chrono::Local::now().date_naive();
                    upgrade::progress_from_single_values(&tx, &info, today)
                        .map_err(|e| damaged(&e))?;
                }
                schema::migrate_in(&tx).map_err(|e| damaged(&e))?;
                let plan = rows::read(&tx).map_err(|e| damaged(&e))?;
                plan.validate().map_err(|why| damaged(&why))?;
                tx.commit().map_err(|e| damaged(&e))?;
                Ok(plan)
            })();
            match upgraded {
                Ok(plan) => plan,
                Err(e) => {
                    drop(conn);
                    let _ = std::fs::remove_file(&backup);
                    return Err(e);
                }
            }
        } else {
            let plan = rows::read(&conn).map_err(|e| damaged(&e))?;
            plan.validate().map_err(|why| damaged(&why))?;
            plan
        };
        Ok((
            Self {
                conn,
                path: path.to_owned(),
                read_only,
                identity: file_identity(path),
                user: current_user(),
                _lock: lock,
                backup_checked: None,
                backup_notice: None,
            },
            plan,
        ))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Writes the touched parts of `plan` and the history entries in one
    /// transaction. On error nothing is written.
    pub fn save(
        &mut self,
        plan: &Plan,
        touched: &Touched,
        history: &[HistoryEntry],
    ) -> Result<(), StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: shown(&self.path),
            });
        }
        let path = shown(&self.path);
        if file_identity(&self.path) != self.identity {
            return Err(StoreError::WriteFailed {
                path,
                message: "the file was moved, replaced or deleted while it was open".into(),
            });
        }
        // The day's first edit is preceded by a backup. A backup that
        // cannot be taken does not stop the edit; the caller is told.
        if let Err(e) = self.daily_backup(&plan.info.backups) {
            self.backup_notice = Some(format!("No backup was taken today: {e}"));
        }
        let at = now_rfc3339();
        let who = self.user.clone();
        let result = (|| -> rusqlite::Result<()> {
            let tx = self.conn.transaction()?;
            rows::write(&tx, plan, touched)?;
            insert_history(&tx, &at, &who, history)?;
            tx.commit()
        })();
        result.map_err(|e| StoreError::WriteFailed {
            path,
            message: e.to_string(),
        })
    }

    /// Appends history rows on their own (a restore's record).
    fn insert_history(&mut self, history: &[HistoryEntry]) -> rusqlite::Result<()> {
        let tx = self.conn.transaction()?;
        insert_history(&tx, &now_rfc3339(), &self.user, history)?;
        tx.commit()
    }

    /// The id of the latest history row (0 when there is none): a view
    /// holding rows up to it is up to date.
    pub fn last_history_id(&self) -> i64 {
        self.conn
            .query_row("SELECT coalesce(max(id), 0) FROM history", [], |r| r.get(0))
            .unwrap_or(0)
    }

    /// The number of history entries (for tests and the status bar).
    pub fn history_len(&self) -> usize {
        self.conn
            .query_row("SELECT count(*) FROM history", [], |r| r.get::<_, i64>(0))
            .map_or(0, |n| usize::try_from(n).unwrap_or(0))
    }
}

impl Store {
    /// Caps the file at `pages` database pages, as a full disk would. Used
    /// by tests of failed writes; no part of Cairn calls it otherwise.
    pub fn limit_pages(&self, pages: u32) -> Result<(), StoreError> {
        self.conn
            .pragma_update(None, "max_page_count", pages)
            .map_err(|e| StoreError::WriteFailed {
                path: shown(&self.path),
                message: e.to_string(),
            })
    }

    /// The file's size in database pages.
    pub fn page_count(&self) -> u32 {
        self.conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap_or(0)
    }
}

/// One row of the change history as stored: the entry, and when and by
/// whom it was made.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryRow {
    /// The row's place in the history: later rows have larger ids.
    pub id: i64,
    /// The edit it belongs to (its first row's id); rows of one edit are
    /// undone together.
    pub edit: i64,
    /// RFC 3339 time, UTC.
    pub at: String,
    pub who: String,
    pub entry: HistoryEntry,
}

impl HistoryRow {
    /// Who made the change as people read it: the person, or for figures
    /// merged from an update request the owner who wrote them and the
    /// person who accepted them ("Dana Ruiz, accepted by pmo").
    /// Who reviewed and accepted an edit someone else wrote (the analyst
    /// who merged an owner's returned request): `who`, when the row has an
    /// author of its own.
    pub fn reviewer(&self) -> Option<String> {
        (!self.entry.author.is_empty()).then(|| self.who.clone())
    }

    pub fn by(&self) -> String {
        if self.entry.author.is_empty() {
            self.who.clone()
        } else {
            format!("{}, accepted by {}", self.entry.author, self.who)
        }
    }
}

/// Which history rows to read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HistoryFilter {
    /// Only rows about this item id.
    pub item: Option<String>,
    /// Only rows by people whose name contains this (case-insensitive).
    pub who: Option<String>,
    /// Only rows on or after this day (UTC).
    pub since: Option<chrono::NaiveDate>,
    /// Only rows on or before this day (UTC).
    pub until: Option<chrono::NaiveDate>,
    /// Only rows after this one (by [`HistoryRow::id`]): what a view that
    /// has the rows up to it still lacks.
    pub after: Option<i64>,
}

impl Store {
    /// Sets the name recorded as "who" for the edits that follow (a name
    /// given with `--as` or set in the preferences); blank means the one
    /// [`person::who`] finds.
    pub fn set_user(&mut self, name: &str) {
        self.user = person::who(Some(name));
    }

    /// The name recorded as "who".
    pub fn user(&self) -> &str {
        &self.user
    }

    /// History rows matching `filter`, oldest first.
    pub fn history(&self, filter: &HistoryFilter) -> Result<Vec<HistoryRow>, StoreError> {
        let failed = |e: rusqlite::Error| StoreError::Damaged {
            path: shown(&self.path),
            why: format!("the history could not be read: {e}"),
        };
        let since = filter.since.map(|d| d.to_string());
        // Rows are stored with RFC 3339 times; the day after `until` bounds it.
        let until = filter
            .until
            .and_then(|d| d.succ_opt())
            .map(|d| d.to_string());
        let who = filter
            .who
            .as_ref()
            .map(|w| format!("%{}%", w.trim().to_lowercase()));
        let mut stmt = self
            .conn
            .prepare(
                "SELECT at, who, action, item, field, old, new, reason, id, edit, author, request FROM history
                 WHERE (?1 IS NULL OR item = ?1)
                   AND (?2 IS NULL OR lower(who) LIKE ?2 OR lower(author) LIKE ?2)
                   AND (?3 IS NULL OR at >= ?3)
                   AND (?4 IS NULL OR at < ?4)
                   AND (?5 IS NULL OR id > ?5)
                 ORDER BY id",
            )
            .map_err(failed)?;
        let rows = stmt
            .query_map(
                rusqlite::params![filter.item, who, since, until, filter.after],
                |r| {
                    Ok(HistoryRow {
                        id: r.get(8)?,
                        edit: r.get::<_, Option<i64>>(9)?.unwrap_or(r.get(8)?),
                        at: r.get(0)?,
                        who: r.get(1)?,
                        entry: HistoryEntry {
                            action: r.get(2)?,
                            item: r.get(3)?,
                            field: r.get(4)?,
                            old: r.get(5)?,
                            new: r.get(6)?,
                            reason: r.get(7)?,
                            author: r.get(10)?,
                            request: r.get(11)?,
                        },
                    })
                },
            )
            .map_err(failed)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(failed)
    }
}
