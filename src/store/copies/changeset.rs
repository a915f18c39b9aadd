//! Changesets between a file and a base attached beside it, made by the
//! session extension (`session.rs`), and read back as rows grouped by what they are about
//! (their subject: an item, a KPI, a meeting…).

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use rusqlite::Connection;
use rusqlite::types::Value;

pub(super) use super::session::Op;
use super::session::{self, Change};

/// The tables a merge brings across, in the order changes are applied
/// (parents before the rows that refer to them), and what each row is
/// about: the subject kind and the column naming it. The `workbench`
/// table (this file's id and origin) never travels.
pub(super) const TABLES: &[(&str, &str, &str)] = &[
    ("plan", "plan", ""),
    ("items", "item", "id"),
    ("alignments", "item", "child"),
    ("notes", "item", "item"),
    ("progress", "item", "item"),
    ("kpis", "kpi", "id"),
    ("measurements", "kpi", "kpi"),
    ("commentary", "commentary", "key"),
    ("locks", "lock", "period"),
    ("meetings", "meeting", "id"),
    ("decisions", "meeting", "meeting"),
    ("action_items", "meeting", "meeting"),
    ("requests", "request", "id"),
    ("history", "history", "uid"),
];

/// Columns that only order rows: a difference in them alone is no
/// conflict, and the order is made whole again after a merge.
pub(super) fn orders_only(column: &str) -> bool {
    column == "pos"
}

/// One changed row.
#[derive(Clone, Debug)]
pub(super) struct Row {
    pub table: String,
    pub op: Op,
    /// Table and primary key, e.g. "items/item-3f9a…".
    pub key: String,
    /// What it is about, e.g. "item:item-3f9a…".
    pub subject: String,
    /// The table's column names (shared by its rows).
    pub columns: Arc<Vec<String>>,
    /// Per column: the value before (`None`: not recorded).
    pub old: Vec<Option<Value>>,
    /// Per column: the value after (`None`: unchanged or not recorded).
    pub new: Vec<Option<Value>>,
}

impl Row {
    pub fn value(&self, column: &str) -> Option<&Value> {
        let i = self.columns.iter().position(|c| c == column)?;
        self.new[i].as_ref().or(self.old[i].as_ref())
    }

    pub fn old_value(&self, column: &str) -> Option<&Value> {
        let i = self.columns.iter().position(|c| c == column)?;
        self.old[i].as_ref()
    }

    pub fn new_value(&self, column: &str) -> Option<&Value> {
        let i = self.columns.iter().position(|c| c == column)?;
        self.new[i].as_ref()
    }

    /// The columns whose value changed (for an update), or all (insert,
    /// delete), except those that only order rows.
    pub fn changed_columns(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.columns.len()).filter(move |&i| {
            !orders_only(&self.columns[i])
                && match self.op {
                    Op::Update => self.new[i].is_some() && self.new[i] != self.old[i],
                    _ => true,
                }
        })
    }
}

/// The changes that turn `from` (an attached database) into `main`, for
/// every table a merge brings across.
pub(super) fn diff(conn: &Connection, from: &str) -> rusqlite::Result<Vec<u8>> {
    let tables: Vec<&str> = TABLES.iter().map(|(table, _, _)| *table).collect();
    session::diff(conn, from, &tables)
}

/// A table's column names (in order) and which make its primary key.
pub(super) fn columns(
    conn: &Connection,
    db: &str,
    table: &str,
) -> rusqlite::Result<Vec<(String, bool)>> {
    let mut stmt = conn.prepare(&format!("PRAGMA {db}.table_info({table})"))?;
    stmt.query_map([], |r| {
        Ok((r.get::<_, String>(1)?, r.get::<_, i64>(5)? > 0))
    })?
    .collect()
}

/// Every merged table's column names, in order.
pub(super) type Names = HashMap<String, Arc<Vec<String>>>;

pub(super) fn column_names(conn: &Connection) -> rusqlite::Result<Names> {
    let mut names = Names::new();
    for (table, _, _) in TABLES {
        let cols = columns(conn, "main", table)?;
        names.insert(
            (*table).to_owned(),
            Arc::new(cols.into_iter().map(|(n, _)| n).collect()),
        );
    }
    Ok(names)
}

/// A value as text (NULL: empty).
pub(super) fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Integer(n) => n.to_string(),
        Value::Real(x) => x.to_string(),
        Value::Text(t) => t.clone(),
        Value::Blob(b) => format!("{} bytes", b.len()),
    }
}

/// The key of the row a changeset item is about: its table and primary
/// key values.
pub(super) fn item_key(item: &Change) -> (String, String) {
    let values = if item.op == Op::Insert {
        &item.new
    } else {
        &item.old
    };
    let parts: Vec<String> = item
        .pk
        .iter()
        .zip(values)
        .filter(|(is_pk, _)| **is_pk)
        .map(|(_, v)| v.as_ref().map(text).unwrap_or_default())
        .collect();
    let key = format!("{}/{}", item.table, parts.join("|"));
    (item.table.clone(), key)
}

/// The rows of `changeset`, with their subjects. `conn`'s `main` and the
/// attached `other` are where a row's subject is looked up when the
/// changeset does not carry it (an update that left it unchanged).
pub(super) fn rows(conn: &Connection, other: &str, changeset: &[u8]) -> rusqlite::Result<Vec<Row>> {
    let names = column_names(conn)?;
    let mut rows = Vec::new();
    for item in session::changes(changeset)? {
        let (table, key) = item_key(&item);
        let columns = names.get(&table).map_or_else(Arc::default, Arc::clone);
        rows.push(Row {
            table,
            op: item.op,
            key,
            subject: String::new(),
            columns,
            old: item.old,
            new: item.new,
        });
    }
    for row in &mut rows {
        row.subject = subject(conn, other, row)?;
    }
    Ok(rows)
}

/// What `row` is about, e.g. "item:item-12" for a note on that item.
fn subject(conn: &Connection, other: &str, row: &Row) -> rusqlite::Result<String> {
    let Some((_, kind, column)) = TABLES.iter().find(|(t, _, _)| *t == row.table) else {
        return Ok(format!("{}:", row.table));
    };
    if column.is_empty() {
        return Ok(format!("{kind}:"));
    }
    if let Some(v) = row.value(column) {
        return Ok(format!("{kind}:{}", text(v)));
    }
    // An update of a row whose subject column did not change: look it up
    // by the primary key (an id for every such table).
    let id = row.value("id").map(text).unwrap_or_default();
    let found: Option<String> = conn
        .query_row(
            &format!(
                "SELECT {column} FROM main.{t} WHERE id = ?1
                 UNION ALL SELECT {column} FROM {other}.{t} WHERE id = ?1 LIMIT 1",
                t = row.table
            ),
            [&id],
            |r| r.get(0),
        )
        .ok();
    Ok(format!("{kind}:{}", found.unwrap_or(id)))
}

/// Puts every row of `subjects` in `conn`'s `main` back as it is in
/// `base`, so a diff made afterwards leaves those changes out.
pub(super) fn revert(
    conn: &Connection,
    base: &str,
    rows: &[Row],
    subjects: &BTreeSet<String>,
) -> rusqlite::Result<()> {
    let tx = conn.unchecked_transaction()?;
    for row in rows.iter().filter(|r| subjects.contains(&r.subject)) {
        let cols = columns(conn, "main", &row.table)?;
        let pk: Vec<(usize, &str)> = cols
            .iter()
            .enumerate()
            .filter(|(_, (_, is_pk))| *is_pk)
            .map(|(i, (name, _))| (i, name.as_str()))
            .collect();
        let clause = pk
            .iter()
            .enumerate()
            .map(|(n, (_, name))| format!("{name} = ?{}", n + 1))
            .collect::<Vec<_>>()
            .join(" AND ");
        let values: Vec<Value> = pk
            .iter()
            .map(|(i, _)| {
                row.new[*i]
                    .clone()
                    .or_else(|| row.old[*i].clone())
                    .unwrap_or(Value::Null)
            })
            .collect();
        tx.execute(
            &format!("DELETE FROM main.{} WHERE {clause}", row.table),
            rusqlite::params_from_iter(values.iter()),
        )?;
        tx.execute(
            &format!(
                "INSERT INTO main.{t} SELECT * FROM {base}.{t} WHERE {clause}",
                t = row.table
            ),
            rusqlite::params_from_iter(values.iter()),
        )?;
    }
    tx.commit()
}
