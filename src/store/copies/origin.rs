//! Where a copy came from: taking a copy that records it, and opening a
//! copy beside its base to merge it.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::super::{Store, StoreError, schema, shown};
use super::CopyError;

/// The file a copy was taken from, and when and by whom.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CopyOrigin {
    /// Where the original was when the copy was taken.
    pub path: String,
    /// RFC 3339, UTC.
    pub taken_at: String,
    pub taken_by: String,
}

impl CopyOrigin {
    /// The history's reason for a merge of the copy at `copy`.
    pub fn describe(&self, copy: &Path) -> String {
        let name = copy.file_name().map_or_else(
            || copy.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        format!(
            "from {name}, a copy {} took on {}",
            self.taken_by,
            self.taken_at.get(..10).unwrap_or(&self.taken_at)
        )
    }
}

impl Store {
    /// This file's own id, the same in its backups and different in every
    /// copy taken from it.
    pub fn uid(&self) -> String {
        self.conn
            .query_row("SELECT uid FROM workbench", [], |r| r.get(0))
            .unwrap_or_default()
    }

    /// Where this file was copied from, if it is a copy.
    pub fn copy_origin(&self) -> Option<CopyOrigin> {
        self.conn
            .query_row(
                "SELECT origin_path, taken_at, taken_by FROM workbench WHERE origin IS NOT NULL",
                [],
                |r| {
                    Ok(CopyOrigin {
                        path: r.get(0)?,
                        taken_at: r.get(1)?,
                        taken_by: r.get(2)?,
                    })
                },
            )
            .optional()
            .ok()
            .flatten()
    }

    /// Writes a copy of the workbench to `path` for a colleague: a
    /// consistent snapshot that records this file and itself as it was
    /// taken, so its edits can be merged back ([`Store::merge_copy`]). The
    /// copy appears only when complete; a target that is a workbench (this
    /// one or another) is refused.
    pub fn save_copy(&self, path: &Path) -> Result<(), crate::store::output::OutputError> {
        crate::store::output::write_via_path(path, Some(&self.path), |tmp| self.write_copy(tmp))
    }

    fn write_copy(&self, tmp: &Path) -> rusqlite::Result<()> {
        self.conn
            .execute("VACUUM INTO ?1", [tmp.to_string_lossy()])?;
        // The base: the copy as taken, without a base of its own (this file
        // may itself be a copy).
        {
            let conn = Connection::open(tmp)?;
            conn.pragma_update(None, "journal_mode", "DELETE")?;
            conn.execute(
                "UPDATE workbench SET origin = NULL, origin_path = NULL, taken_at = NULL,
                     taken_by = NULL, base = NULL",
                [],
            )?;
            conn.execute_batch("VACUUM")?;
            conn.close().map_err(|(_, e)| e)?;
        }
        let base =
            std::fs::read(tmp).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        let conn = Connection::open(tmp)?;
        conn.execute(
            "UPDATE workbench SET uid = lower(hex(randomblob(16))), origin = ?1, origin_path = ?2,
                 taken_at = ?3, taken_by = ?4, base = ?5",
            rusqlite::params![
                self.uid(),
                shown(
                    &self
                        .path
                        .canonicalize()
                        .unwrap_or_else(|_| self.path.clone())
                ),
                super::super::now_rfc3339(),
                self.user,
                base
            ],
        )?;
        conn.close().map_err(|(_, e)| e)
    }
}

/// A copy opened to merge: the copy (`conn`'s `main`, read-only, or a
/// scratch clone of it once changes must be left out) with its base
/// attached as `base`, in a temporary folder that goes with this value.
pub(super) struct Work {
    pub conn: Connection,
    pub origin: CopyOrigin,
    pub copy_path: PathBuf,
    dir: tempfile::TempDir,
    cloned: bool,
}

impl Work {
    pub fn base_path(&self) -> String {
        self.dir
            .path()
            .join("base.cairn")
            .to_string_lossy()
            .into_owned()
    }

    /// Opens the copy at `other` for merging into `here`, refusing a file
    /// that is not a copy of `here`. The copy is only read; another Cairn
    /// may have it open.
    pub fn open(here: &Store, other: &Path) -> Result<Self, CopyError> {
        let path = shown(other);
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same(other, &here.path) {
            return Err(CopyError::Itself { path });
        }
        let conn = open_copy(other)?;
        let found = conn
            .query_row(
                "SELECT uid, origin, origin_path, taken_at, taken_by, base FROM workbench",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, Option<Vec<u8>>>(5)?,
                    ))
                },
            )
            .optional()?;
        let Some((uid, origin, origin_path, taken_at, taken_by, base)) = found else {
            return Err(CopyError::NotACopy { path });
        };
        if uid == here.uid() {
            return Err(CopyError::SameFile { path });
        }
        let (Some(origin), Some(base)) = (origin, base) else {
            return Err(CopyError::NotACopy { path });
        };
        let origin_path = origin_path.unwrap_or_default();
        if origin != here.uid() {
            return Err(CopyError::OtherOrigin {
                path,
                origin: origin_path,
            });
        }
        let dir = tempfile::tempdir().map_err(|e| CopyError::Failed(e.to_string()))?;
        let base_path = dir.path().join("base.cairn");
        std::fs::write(&base_path, &base).map_err(|e| CopyError::Failed(e.to_string()))?;
        drop(base);
        {
            // A base written by an older Cairn is brought to this schema,
            // as the copy itself must be.
            let damaged = |why: String| {
                CopyError::from(StoreError::Damaged {
                    path: path.clone(),
                    why: format!(
                        "its record of the workbench as it was copied cannot be read ({why}); ask for a new copy"
                    ),
                })
            };
            let mut base = Connection::open(&base_path).map_err(|e| damaged(e.to_string()))?;
            let version: i32 = base
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .map_err(|e| damaged(e.to_string()))?;
            if !(7..=schema::CURRENT_VERSION).contains(&version) {
                return Err(damaged(format!("file format {version}")));
            }
            schema::migrate(&mut base).map_err(|e| damaged(e.to_string()))?;
        }
        conn.execute("ATTACH ?1 AS base", [base_path.to_string_lossy()])?;
        Ok(Self {
            conn,
            origin: CopyOrigin {
                path: origin_path,
                taken_at: taken_at.unwrap_or_default(),
                taken_by: taken_by.unwrap_or_default(),
            },
            copy_path: other.to_owned(),
            dir,
            cloned: false,
        })
    }

    /// Makes `conn` a scratch clone of the copy that changes can be taken
    /// out of (nothing in it cascades); the copy itself is never changed.
    pub fn writable(&mut self) -> Result<&Connection, CopyError> {
        if !self.cloned {
            let clone = self.dir.path().join("copy.cairn");
            self.conn
                .execute("VACUUM main INTO ?1", [clone.to_string_lossy()])?;
            let conn = Connection::open(&clone)?;
            conn.pragma_update(None, "foreign_keys", false)?;
            conn.execute("ATTACH ?1 AS base", [self.base_path()])?;
            self.conn = conn;
            self.cloned = true;
        }
        Ok(&self.conn)
    }
}

/// Opens a copy read-only after the checks opening any workbench makes:
/// it is a Cairn workbench, not damaged, of this file format.
fn open_copy(other: &Path) -> Result<Connection, CopyError> {
    let path = shown(other);
    let head = super::super::header::sniff(other)?;
    if head.schema_version > schema::CURRENT_VERSION {
        return Err(StoreError::TooNew {
            path,
            found: head.schema_version,
            supported: schema::CURRENT_VERSION,
        }
        .into());
    }
    let conn = Connection::open_with_flags(
        other,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| StoreError::Io {
        path: path.clone(),
        message: e.to_string(),
    })?;
    let damaged = |why: String| StoreError::Damaged {
        path: path.clone(),
        why,
    };
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| damaged(e.to_string()))?;
    if check != "ok" {
        return Err(damaged(check).into());
    }
    let version: i32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| damaged(e.to_string()))?;
    if version < 7 {
        return Err(CopyError::NotACopy { path });
    }
    if version != schema::CURRENT_VERSION {
        return Err(StoreError::NeedsUpgrade {
            path,
            found: version,
        }
        .into());
    }
    Ok(conn)
}
