//! A small safe layer over SQLite's session extension: the three things a
//! copy merge needs — the changeset between two databases, its rows, and
//! applying it with a conflict handler.
//!
//! It calls the `sqlite3session_*` / `sqlite3changeset_*` functions that
//! libsqlite3-sys's pregenerated bindings already declare, so the build
//! needs no bindgen and no libclang (rusqlite's `session` feature turns on
//! libsqlite3-sys's `buildtime_bindgen`). The bundled SQLite is compiled
//! with the session extension by `LIBSQLITE3_FLAGS` in
//! `.cargo/config.toml`.
//!
//! Every row is copied out of SQLite into owned values before any caller
//! sees it, so no pointer outlives the call that produced it.
#![allow(unsafe_code)]

use std::ffi::{CStr, CString, c_char, c_int, c_uchar, c_void};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

use rusqlite::types::Value;
use rusqlite::{Connection, ffi};

/// What a changed row does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Op {
    Insert,
    Update,
    Delete,
}

/// One row of a changeset, copied out of SQLite.
#[derive(Clone, Debug)]
pub(super) struct Change {
    pub table: String,
    pub op: Op,
    /// Per column: whether it is part of the primary key.
    pub pk: Vec<bool>,
    /// Per column: the value before (`None` for an insert, and for an
    /// update's columns that are neither key nor changed).
    pub old: Vec<Option<Value>>,
    /// Per column: the value after (`None` for a delete, and for an
    /// update's unchanged columns).
    pub new: Vec<Option<Value>>,
}

/// Why SQLite asks the handler about a row (`SQLITE_CHANGESET_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Why {
    /// The row is here, but not as the changeset expects it.
    Data,
    /// The row to change or delete is not here.
    NotFound,
    /// A row to insert is here already.
    AlreadyThere,
    /// The change breaks a constraint.
    Constraint,
    /// Foreign keys would dangle once the changeset is applied.
    ForeignKey,
}

/// What the handler tells SQLite to do with the row. (A handler stops the
/// whole apply by returning an error.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Resolution {
    Omit,
    Replace,
}

/// The changeset that turns the attached database `from` into `main`, for
/// `tables` in that order.
pub(super) fn diff(conn: &Connection, from: &str, tables: &[&str]) -> rusqlite::Result<Vec<u8>> {
    let from = c_string(from)?;
    let tables = tables
        .iter()
        .map(|t| c_string(t))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let main = c_string("main")?;
    // SAFETY: the handle is live for `conn`'s borrow; the session is made
    // and deleted here, on this thread, and never escapes.
    unsafe {
        let db = conn.handle();
        let mut session: *mut ffi::sqlite3_session = ptr::null_mut();
        check(
            db,
            ffi::sqlite3session_create(db, main.as_ptr(), &raw mut session),
        )?;
        let result = (|| {
            for table in &tables {
                check(db, ffi::sqlite3session_attach(session, table.as_ptr()))?;
                let mut message: *mut c_char = ptr::null_mut();
                let rc = ffi::sqlite3session_diff(
                    session,
                    from.as_ptr(),
                    table.as_ptr(),
                    &raw mut message,
                );
                if rc != ffi::SQLITE_OK {
                    let text = taken_message(message);
                    return Err(failure(rc, text));
                }
                ffi::sqlite3_free(message.cast());
            }
            let mut size: c_int = 0;
            let mut buffer: *mut c_void = ptr::null_mut();
            check(
                db,
                ffi::sqlite3session_changeset(session, &raw mut size, &raw mut buffer),
            )?;
            let bytes = copy_bytes(buffer.cast_const().cast(), size);
            ffi::sqlite3_free(buffer);
            Ok(bytes)
        })();
        ffi::sqlite3session_delete(session);
        result
    }
}

/// The rows of a changeset, in order. A changeset that is not one (cut
/// short, or not SQLite's) is an error, not a panic.
pub(super) fn changes(bytes: &[u8]) -> rusqlite::Result<Vec<Change>> {
    let size = size_of(bytes)?;
    let mut buffer = bytes.to_vec();
    // SAFETY: the iterator reads `buffer`, which lives past `finalize`;
    // every value is copied out before the next step.
    unsafe {
        let mut iter: *mut ffi::sqlite3_changeset_iter = ptr::null_mut();
        let rc = ffi::sqlite3changeset_start(&raw mut iter, size, buffer.as_mut_ptr().cast());
        if rc != ffi::SQLITE_OK {
            return Err(failure(rc, None));
        }
        let mut rows = Vec::new();
        let result = loop {
            match ffi::sqlite3changeset_next(iter) {
                ffi::SQLITE_ROW => match read(iter) {
                    Ok(change) => rows.push(change),
                    Err(e) => break Err(e),
                },
                ffi::SQLITE_DONE => break Ok(()),
                rc => break Err(failure(rc, None)),
            }
        };
        let finalized = ffi::sqlite3changeset_finalize(iter);
        result?;
        if finalized != ffi::SQLITE_OK {
            return Err(failure(finalized, None));
        }
        Ok(rows)
    }
}

/// Applies a changeset to `conn`'s `main`. `handler` is asked about every
/// row SQLite cannot apply as it stands, with the row and (for `Data` and
/// `AlreadyThere`) the values the row has here.
pub(super) fn apply<F>(conn: &Connection, bytes: &[u8], handler: F) -> rusqlite::Result<()>
where
    F: FnMut(Why, &Change, &[Option<Value>]) -> rusqlite::Result<Resolution>,
{
    struct Context<F> {
        handler: F,
        /// The first error or panic inside the handler: reported once the
        /// apply has been aborted.
        failed: Option<rusqlite::Error>,
    }

    unsafe extern "C" fn on_conflict<F>(
        context: *mut c_void,
        kind: c_int,
        iter: *mut ffi::sqlite3_changeset_iter,
    ) -> c_int
    where
        F: FnMut(Why, &Change, &[Option<Value>]) -> rusqlite::Result<Resolution>,
    {
        // SAFETY: `context` is the `Context<F>` that `apply` passed and
        // keeps alive for the whole call; SQLite calls back on this thread.
        let context = unsafe { &mut *context.cast::<Context<F>>() };
        if context.failed.is_some() {
            return ffi::SQLITE_CHANGESET_ABORT;
        }
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let kind = match kind {
                ffi::SQLITE_CHANGESET_DATA => Why::Data,
                ffi::SQLITE_CHANGESET_NOTFOUND => Why::NotFound,
                ffi::SQLITE_CHANGESET_CONFLICT => Why::AlreadyThere,
                ffi::SQLITE_CHANGESET_CONSTRAINT => Why::Constraint,
                ffi::SQLITE_CHANGESET_FOREIGN_KEY => Why::ForeignKey,
                other => {
                    return Err(failure(
                        ffi::SQLITE_MISUSE,
                        Some(format!("unknown conflict {other}")),
                    ));
                }
            };
            // SAFETY: `iter` is valid for the length of this callback.
            let change = unsafe { read(iter) }?;
            let here = if matches!(kind, Why::Data | Why::AlreadyThere) {
                // SAFETY: as above; conflicting values exist for these two.
                unsafe { conflicting(iter, change.pk.len()) }
            } else {
                Vec::new()
            };
            (context.handler)(kind, &change, &here)
        }));
        match outcome {
            Ok(Ok(Resolution::Omit)) => ffi::SQLITE_CHANGESET_OMIT,
            Ok(Ok(Resolution::Replace)) => ffi::SQLITE_CHANGESET_REPLACE,
            Ok(Err(e)) => {
                context.failed = Some(e);
                ffi::SQLITE_CHANGESET_ABORT
            }
            Err(_) => {
                context.failed = Some(failure(
                    ffi::SQLITE_ABORT,
                    Some("the merge stopped on an internal error; nothing was applied".into()),
                ));
                ffi::SQLITE_CHANGESET_ABORT
            }
        }
    }

    let size = size_of(bytes)?;
    let mut buffer = bytes.to_vec();
    let mut context = Context {
        handler,
        failed: None,
    };
    // SAFETY: the handle is live for `conn`'s borrow; `buffer` and
    // `context` outlive the call, which runs the callback synchronously.
    let rc = unsafe {
        let db = conn.handle();
        let rc = ffi::sqlite3changeset_apply(
            db,
            size,
            buffer.as_mut_ptr().cast(),
            None,
            Some(on_conflict::<F>),
            (&raw mut context).cast(),
        );
        if rc == ffi::SQLITE_OK {
            Ok(())
        } else {
            Err(error_of(db, rc))
        }
    };
    if let Some(e) = context.failed {
        return Err(e);
    }
    rc
}

/// The row the iterator stands on.
///
/// # Safety
/// `iter` must be a live changeset iterator standing on a row.
unsafe fn read(iter: *mut ffi::sqlite3_changeset_iter) -> rusqlite::Result<Change> {
    unsafe {
        let mut table: *const c_char = ptr::null();
        let mut columns: c_int = 0;
        let mut code: c_int = 0;
        let mut indirect: c_int = 0;
        let rc = ffi::sqlite3changeset_op(
            iter,
            &raw mut table,
            &raw mut columns,
            &raw mut code,
            &raw mut indirect,
        );
        if rc != ffi::SQLITE_OK {
            return Err(failure(rc, None));
        }
        let table = if table.is_null() {
            String::new()
        } else {
            CStr::from_ptr(table).to_string_lossy().into_owned()
        };
        let op = match code {
            ffi::SQLITE_INSERT => Op::Insert,
            ffi::SQLITE_DELETE => Op::Delete,
            _ => Op::Update,
        };
        let n = usize::try_from(columns).unwrap_or(0);
        let mut flags: *mut c_uchar = ptr::null_mut();
        let mut pk_columns: c_int = 0;
        let rc = ffi::sqlite3changeset_pk(iter, &raw mut flags, &raw mut pk_columns);
        if rc != ffi::SQLITE_OK {
            return Err(failure(rc, None));
        }
        let pk = (0..n)
            .map(|i| !flags.is_null() && *flags.add(i) != 0)
            .collect();
        let mut old = Vec::with_capacity(n);
        let mut new = Vec::with_capacity(n);
        for i in 0..columns {
            old.push(if op == Op::Insert {
                None
            } else {
                column(iter, i, ffi::sqlite3changeset_old)
            });
            new.push(if op == Op::Delete {
                None
            } else {
                column(iter, i, ffi::sqlite3changeset_new)
            });
        }
        Ok(Change {
            table,
            op,
            pk,
            old,
            new,
        })
    }
}

/// The values the conflicting row has here.
///
/// # Safety
/// `iter` must be the iterator of a `Data` or `AlreadyThere` callback.
unsafe fn conflicting(iter: *mut ffi::sqlite3_changeset_iter, n: usize) -> Vec<Option<Value>> {
    (0..c_int::try_from(n).unwrap_or(0))
        .map(|i| unsafe { column(iter, i, ffi::sqlite3changeset_conflict) })
        .collect()
}

type Getter = unsafe extern "C" fn(
    *mut ffi::sqlite3_changeset_iter,
    c_int,
    *mut *mut ffi::sqlite3_value,
) -> c_int;

/// One column's value through `get` (`None` when SQLite has none).
///
/// # Safety
/// `iter` must be live and `get` valid for its current row.
unsafe fn column(iter: *mut ffi::sqlite3_changeset_iter, i: c_int, get: Getter) -> Option<Value> {
    unsafe {
        let mut value: *mut ffi::sqlite3_value = ptr::null_mut();
        if get(iter, i, &raw mut value) != ffi::SQLITE_OK || value.is_null() {
            return None;
        }
        Some(match ffi::sqlite3_value_type(value) {
            ffi::SQLITE_INTEGER => Value::Integer(ffi::sqlite3_value_int64(value)),
            ffi::SQLITE_FLOAT => Value::Real(ffi::sqlite3_value_double(value)),
            ffi::SQLITE_TEXT => {
                let text = ffi::sqlite3_value_text(value);
                let size = ffi::sqlite3_value_bytes(value);
                let bytes = copy_bytes(text, size);
                Value::Text(String::from_utf8_lossy(&bytes).into_owned())
            }
            ffi::SQLITE_BLOB => {
                let blob = ffi::sqlite3_value_blob(value);
                let size = ffi::sqlite3_value_bytes(value);
                Value::Blob(copy_bytes(blob.cast(), size))
            }
            _ => Value::Null,
        })
    }
}

/// Copies `size` bytes from SQLite's memory (none when null or empty).
///
/// # Safety
/// `data` must point at `size` readable bytes, or be null.
unsafe fn copy_bytes(data: *const u8, size: c_int) -> Vec<u8> {
    match usize::try_from(size) {
        Ok(n) if n > 0 && !data.is_null() => {
            unsafe { std::slice::from_raw_parts(data, n) }.to_vec()
        }
        _ => Vec::new(),
    }
}

/// Takes SQLite's error message and frees it.
///
/// # Safety
/// `message` must be null or allocated by SQLite.
unsafe fn taken_message(message: *mut c_char) -> Option<String> {
    if message.is_null() {
        return None;
    }
    unsafe {
        let text = CStr::from_ptr(message).to_string_lossy().into_owned();
        ffi::sqlite3_free(message.cast());
        Some(text)
    }
}

/// `rc` as an error with the connection's message.
///
/// # Safety
/// `db` must be a live handle.
unsafe fn error_of(db: *mut ffi::sqlite3, rc: c_int) -> rusqlite::Error {
    let message = unsafe {
        let text = ffi::sqlite3_errmsg(db);
        (!text.is_null()).then(|| CStr::from_ptr(text).to_string_lossy().into_owned())
    };
    failure(rc, message)
}

/// # Safety
/// `db` must be a live handle.
unsafe fn check(db: *mut ffi::sqlite3, rc: c_int) -> rusqlite::Result<()> {
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(unsafe { error_of(db, rc) })
    }
}

fn failure(rc: c_int, message: Option<String>) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(ffi::Error::new(rc), message)
}

fn c_string(text: &str) -> rusqlite::Result<CString> {
    CString::new(text)
        .map_err(|_| failure(ffi::SQLITE_MISUSE, Some(format!("{text:?} holds a NUL"))))
}

fn size_of(bytes: &[u8]) -> rusqlite::Result<c_int> {
    c_int::try_from(bytes.len()).map_err(|_| {
        failure(
            ffi::SQLITE_TOOBIG,
            Some("the changes are too large to merge".into()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair() -> Connection {
        let conn = Connection::open_in_memory().expect("open");
        conn.execute_batch(
            "ATTACH ':memory:' AS base;
             CREATE TABLE main.t (id TEXT PRIMARY KEY, name TEXT, n INTEGER);
             CREATE TABLE base.t (id TEXT PRIMARY KEY, name TEXT, n INTEGER);
             INSERT INTO base.t VALUES ('a', 'Alpha', 1), ('b', 'Beta', 2), ('c', 'Gamma', 3);
             INSERT INTO main.t VALUES ('a', 'Alpha', 1), ('b', 'Beta two', 2), ('d', 'Delta', 4);",
        )
        .expect("tables");
        conn
    }

    /// Puts main back as base, then makes a different edit to 'b'.
    fn edit_b_differently(conn: &Connection) {
        conn.execute_batch(
            "DELETE FROM main.t; INSERT INTO main.t SELECT * FROM base.t;
             UPDATE main.t SET name = 'Beta three' WHERE id = 'b';",
        )
        .expect("reset");
    }

    #[test]
    fn a_diff_reads_back_as_the_rows_that_changed() {
        let conn = pair();
        let bytes = diff(&conn, "base", &["t"]).expect("diff");
        let mut rows = changes(&bytes).expect("rows");
        rows.sort_by_key(|r| format!("{:?}", r.op));
        let ops: Vec<Op> = rows.iter().map(|r| r.op).collect();
        assert_eq!(ops, [Op::Delete, Op::Insert, Op::Update]);
        let update = &rows[2];
        assert_eq!(update.table, "t");
        assert_eq!(update.pk, [true, false, false]);
        assert_eq!(update.old[0], Some(Value::Text("b".into())));
        assert_eq!(update.new[1], Some(Value::Text("Beta two".into())));
        assert_eq!(update.new[2], None, "an unchanged column has no new value");
        assert_eq!(rows[1].new[2], Some(Value::Integer(4)));
    }

    #[test]
    fn applying_reports_a_conflict_with_the_values_here() {
        let conn = pair();
        let bytes = diff(&conn, "base", &["t"]).expect("diff");
        edit_b_differently(&conn);
        let mut seen = Vec::new();
        apply(&conn, &bytes, |kind, change, here| {
            seen.push((kind, change.table.clone(), here.to_vec()));
            Ok(Resolution::Omit)
        })
        .expect("apply");
        assert_eq!(seen.len(), 1, "{seen:?}");
        assert_eq!(seen[0].0, Why::Data);
        assert_eq!(seen[0].2[1], Some(Value::Text("Beta three".into())));
        let names: Vec<String> = conn
            .prepare("SELECT name FROM main.t ORDER BY id")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("names");
        assert_eq!(
            names,
            ["Alpha", "Beta three", "Delta"],
            "the rest applied, 'b' kept"
        );
    }

    #[test]
    fn a_handler_error_aborts_and_changes_nothing() {
        let conn = pair();
        let bytes = diff(&conn, "base", &["t"]).expect("diff");
        edit_b_differently(&conn);
        let err = apply(&conn, &bytes, |_, _, _| {
            Err(failure(ffi::SQLITE_ABORT, Some("no".into())))
        })
        .expect_err("aborted");
        assert!(err.to_string().contains("no"), "{err}");
        let ids: Vec<String> = conn
            .prepare("SELECT id FROM main.t ORDER BY id")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("ids");
        assert_eq!(ids, ["a", "b", "c"], "no insert or delete applied");
    }

    #[test]
    fn bytes_that_are_not_a_changeset_are_an_error() {
        assert!(changes(b"not a changeset at all").is_err());
        let conn = pair();
        let bytes = diff(&conn, "base", &["t"]).expect("diff");
        assert!(changes(&bytes[..bytes.len() / 2]).is_err(), "cut short");
    }
}
