//! Applying a copy's changeset here with a conflict handler that settles
//! nothing on its own: a row this file changed too is left as it is here
//! and reported, unless the analyst chose the copy's for its subject.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::types::Value;
use rusqlite::{Connection, Transaction};

use super::super::rows;
use super::changeset::{self, Op, Row, orders_only};
use super::session::{self, Change, Resolution, Why};
use super::{ConflictKind, CopyError};
use crate::model::{Plan, Tree};

/// A row that conflicted, and its values here (per column, when SQLite
/// reports them).
#[derive(Clone, Debug)]
pub(super) struct Conflict {
    pub kind: ConflictKind,
    pub here: Vec<Option<Value>>,
}

/// What applying a changeset did.
#[derive(Debug, Default)]
pub(super) struct Applied {
    /// By row key.
    pub conflicts: HashMap<String, Conflict>,
    /// History rows this file already has (merged before).
    pub already: HashSet<String>,
    /// Other rows this file already has as the copy has them (merged
    /// before, or the same change made on both sides).
    pub same: HashSet<String>,
    /// Rows of the changeset not written.
    pub omitted: usize,
    /// Rows of the changeset written, history aside.
    pub written: usize,
    /// History rows written.
    pub history_brought: usize,
    /// Row key → subject, for the rows applied.
    pub subject_of: Arc<HashMap<String, String>>,
    /// The copy's changes to fields this file left alone, in rows kept as
    /// here because another field conflicts: they still go in.
    patches: Vec<Patch>,
}

/// Fields of one row to set: (column, value) pairs, and the row's key
/// columns and values.
#[derive(Debug, Default)]
struct Patch {
    table: String,
    key: Vec<(String, Value)>,
    set: Vec<(String, Value)>,
}

type Shared = Arc<Mutex<Applied>>;

/// Applies `bytes` to `conn` (inside the caller's transaction).
pub(super) fn apply(
    conn: &Connection,
    bytes: &[u8],
    subject_of: Arc<HashMap<String, String>>,
    take: Arc<BTreeSet<String>>,
) -> Result<Applied, CopyError> {
    let names = changeset::column_names(conn)?;
    let shared: Shared = Arc::new(Mutex::new(Applied {
        subject_of: Arc::clone(&subject_of),
        ..Applied::default()
    }));
    let state = Arc::clone(&shared);
    let names = Arc::new(names);
    let handler = move |kind: Why, item: &Change, here: &[Option<Value>]| {
        Ok(decide(&names, &subject_of, &take, &state, kind, item, here))
    };
    session::apply(conn, bytes, handler)?;
    let mut applied = std::mem::take(&mut *shared.lock().unwrap_or_else(PoisonError::into_inner));
    let patched = apply_patches(conn, &applied.patches)?;
    let removed = remove_dangling(conn, &mut applied)?;
    let (rows, history) = count_rows(bytes)?;
    applied.history_brought = history.saturating_sub(applied.already.len());
    let replaced_same = applied
        .same
        .iter()
        .filter(|k| !k.starts_with("history/"))
        .count();
    applied.written = (rows + history + patched)
        .saturating_sub(applied.omitted + removed)
        .saturating_sub(applied.history_brought)
        .saturating_sub(replaced_same);
    Ok(applied)
}

/// The rows of a changeset: (history aside, history).
fn count_rows(bytes: &[u8]) -> rusqlite::Result<(usize, usize)> {
    let (mut rows, mut history) = (0, 0);
    for item in session::changes(bytes)? {
        if item.table == "history" {
            history += 1;
        } else {
            rows += 1;
        }
    }
    Ok((rows, history))
}

fn decide(
    names: &changeset::Names,
    subject_of: &HashMap<String, String>,
    take: &BTreeSet<String>,
    state: &Shared,
    kind: Why,
    item: &Change,
    here: &[Option<Value>],
) -> Resolution {
    let (table, key) = changeset::item_key(item);
    let code = item.op;
    let n = item.pk.len();
    let no_names = Arc::default();
    let cols: &Arc<Vec<String>> = names.get(&table).unwrap_or(&no_names);
    let name = |i: usize| cols.get(i).map_or("", String::as_str);
    let taken = subject_of.get(&key).is_some_and(|s| take.contains(s));
    let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
    // A conflict to report: the copy's row goes in only when chosen.
    let keep = |state: &mut Applied, key: String, why: ConflictKind, here: Vec<Option<Value>>| {
        state.conflicts.insert(key, Conflict { kind: why, here });
        if taken {
            Resolution::Replace
        } else {
            state.omitted += 1;
            Resolution::Omit
        }
    };
    match kind {
        Why::Data => {
            let here: Vec<Option<Value>> = here.to_vec();
            // A real conflict: a field the copy changed (or removed) that
            // this file has changed to something else since.
            let real = (0..n).any(|i| {
                if orders_only(name(i)) {
                    return false;
                }
                let old = item.old[i].clone();
                if code == Op::Delete {
                    return old.is_some() && here[i] != old;
                }
                match item.new[i].clone() {
                    Some(new) => here[i] != old && here[i].as_ref() != Some(&new),
                    None => false,
                }
            });
            if real {
                if !taken && code == Op::Update {
                    // Fields only the copy changed still go in; only the
                    // conflicting ones keep this file's values.
                    let pk = &item.pk;
                    let mut patch = Patch {
                        table: table.clone(),
                        ..Patch::default()
                    };
                    for (i, now) in here.iter().enumerate() {
                        let old = item.old[i].clone();
                        if pk.get(i).copied().unwrap_or(false) {
                            if let Some(old) = old {
                                patch.key.push((name(i).to_owned(), old));
                            }
                            continue;
                        }
                        if let Some(new) = item.new[i].clone()
                            && !orders_only(name(i))
                            && *now == old
                            && Some(&new) != old.as_ref()
                        {
                            patch.set.push((name(i).to_owned(), new));
                        }
                    }
                    if !patch.set.is_empty() {
                        state.patches.push(patch);
                    }
                }
                keep(&mut state, key, ConflictKind::ChangedHere, here)
            } else {
                // Only the order differs, or this file already has the
                // copy's values: nothing to decide.
                let same = code != Op::Delete
                    && (0..n).all(|i| {
                        orders_only(name(i))
                            || item.new[i].clone().is_none_or(|new| here[i] == Some(new))
                    });
                if same {
                    state.same.insert(key);
                }
                Resolution::Replace
            }
        }
        Why::NotFound => {
            state.omitted += 1;
            if code == Op::Delete {
                // Removed on both sides.
                state.same.insert(key.clone());
            } else {
                // Changed in the copy, removed here: it cannot be changed.
                state.conflicts.insert(
                    key,
                    Conflict {
                        kind: ConflictKind::RemovedHere,
                        here: Vec::new(),
                    },
                );
            }
            Resolution::Omit
        }
        Why::AlreadyThere => {
            let here: Vec<Option<Value>> = here.to_vec();
            let same = (0..n).all(|i| orders_only(name(i)) || here[i] == item.new[i].clone());
            if table == "history" || same {
                // Already here (merged before, or added the same on both).
                state.omitted += 1;
                if table == "history" {
                    state.already.insert(key);
                } else {
                    state.same.insert(key);
                }
                Resolution::Omit
            } else {
                keep(&mut state, key, ConflictKind::AddedHereToo, here)
            }
        }
        Why::Constraint => {
            state.omitted += 1;
            state.conflicts.insert(
                key,
                Conflict {
                    kind: ConflictKind::Refused(
                        "it breaks a rule of the plan's file (a value out of range or used twice)"
                            .into(),
                    ),
                    here: Vec::new(),
                },
            );
            Resolution::Omit
        }
        // Rows that refer to something removed here are taken out after
        // the changeset, one by one, and reported (`remove_dangling`).
        Why::ForeignKey => Resolution::Omit,
    }
}

/// Sets the fields only the copy changed in rows kept as here; returns
/// how many rows were patched.
fn apply_patches(conn: &Connection, patches: &[Patch]) -> rusqlite::Result<usize> {
    for p in patches {
        let mut n = 0;
        let mut placeholder = || {
            n += 1;
            format!("?{n}")
        };
        let set: Vec<String> = p
            .set
            .iter()
            .map(|(c, _)| format!("{c} = {}", placeholder()))
            .collect();
        let key: Vec<String> = p
            .key
            .iter()
            .map(|(c, _)| format!("{c} = {}", placeholder()))
            .collect();
        let values = p.set.iter().chain(&p.key).map(|(_, v)| v);
        conn.execute(
            &format!(
                "UPDATE main.{} SET {} WHERE {}",
                p.table,
                set.join(", "),
                key.join(" AND ")
            ),
            rusqlite::params_from_iter(values),
        )?;
    }
    Ok(patches.len())
}

/// Takes out the rows the copy added that refer to something removed here
/// (a note on an item deleted here), reporting each; returns how many.
fn remove_dangling(conn: &Connection, applied: &mut Applied) -> rusqlite::Result<usize> {
    let mut removed = 0;
    // Removing a row cannot leave another dangling, but bound it anyway.
    for _ in 0..4 {
        let found: Vec<(String, i64, String)> = conn
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if found.is_empty() {
            break;
        }
        for (table, rowid, parent) in found {
            let cols = changeset::columns(conn, "main", &table)?;
            let pk: Vec<&str> = cols
                .iter()
                .filter(|(_, is_pk)| *is_pk)
                .map(|(n, _)| n.as_str())
                .collect();
            let sql = format!(
                "SELECT {} FROM main.{table} WHERE rowid = ?1",
                pk.iter()
                    .map(|c| format!("coalesce({c}, '')"))
                    .collect::<Vec<_>>()
                    .join(" || '|' || ")
            );
            let values: String = conn.query_row(&sql, [rowid], |r| r.get(0))?;
            let key = format!("{table}/{values}");
            applied.conflicts.insert(
                key,
                Conflict {
                    kind: ConflictKind::Refused(format!(
                        "it refers to {} that was removed here",
                        if parent == "items" {
                            "an item"
                        } else if parent == "kpis" {
                            "a KPI"
                        } else {
                            "a meeting"
                        }
                    )),
                    here: Vec::new(),
                },
            );
            conn.execute(
                &format!("DELETE FROM main.{table} WHERE rowid = ?1"),
                [rowid],
            )?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Numbers the history rows brought from the copy after this file's own
/// (`before`: this file's last number before the merge), in the copy's
/// order, keeping which rows made one edit together.
pub(super) fn renumber_history(
    tx: &Transaction<'_>,
    before: i64,
    history: &[&Row],
    applied: &Applied,
) -> rusqlite::Result<()> {
    let int = |v: Option<&Value>| match v {
        Some(Value::Integer(n)) => Some(*n),
        _ => None,
    };
    let mut brought: Vec<(i64, Option<i64>, String)> = history
        .iter()
        .filter(|r| !applied.already.contains(&r.key))
        .filter_map(|r| {
            let uid = match r.value("uid") {
                Some(Value::Text(t)) => t.clone(),
                _ => return None,
            };
            Some((int(r.value("id"))?, int(r.value("edit")), uid))
        })
        .collect();
    brought.sort();
    let renumbered: HashMap<i64, i64> = brought
        .iter()
        .zip(before + 1..)
        .map(|((old, _, _), new)| (*old, new))
        .collect();
    let mut stmt = tx.prepare("UPDATE history SET id = ?1, edit = ?2 WHERE uid = ?3")?;
    for (old, edit, uid) in &brought {
        let id = renumbered[old];
        let edit = edit.and_then(|e| renumbered.get(&e).copied()).unwrap_or(id);
        stmt.execute(rusqlite::params![id, edit, uid])?;
    }
    Ok(())
}

/// The merged plan: `plan` (this file's before the merge) with what the
/// changeset's `rows` touched read again from `tx`, its items put in tree
/// order (each where it first shows) and its KPIs in their order, and
/// those orders written, so positions from the two files that met are
/// made whole.
pub(super) fn refresh(
    tx: &Transaction<'_>,
    mut plan: Plan,
    rows: &[Row],
) -> Result<Plan, CopyError> {
    let mut items: BTreeSet<String> = BTreeSet::new();
    let mut kpis: BTreeSet<String> = BTreeSet::new();
    let mut info = false;
    let text = |v: Option<&Value>| match v {
        Some(Value::Text(t)) => Some(t.clone()),
        _ => None,
    };
    for row in rows {
        let (kind, id) = row.subject.split_once(':').unwrap_or(("", ""));
        match (row.table.as_str(), kind) {
            ("plan", _) => info = true,
            ("alignments", _) => {
                items.extend(text(row.value("parent")));
                items.extend(text(row.value("child")));
            }
            (_, "item") => {
                items.insert(id.to_owned());
            }
            (_, "kpi") => {
                kpis.insert(id.to_owned());
            }
            _ => {}
        }
    }
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS cairn_read (id TEXT PRIMARY KEY); DELETE FROM temp.cairn_read;",
    )?;
    let list = |ids: &BTreeSet<String>| -> rusqlite::Result<()> {
        tx.execute("DELETE FROM temp.cairn_read", [])?;
        let mut stmt = tx.prepare_cached("INSERT INTO temp.cairn_read (id) VALUES (?1)")?;
        for id in ids {
            stmt.execute([id])?;
        }
        Ok(())
    };
    if info {
        plan.info = rows::read_info(tx)?;
    }
    list(&items)?;
    let mut fresh: HashMap<String, crate::model::Item> = rows::read_items(tx, Some("cairn_read"))?
        .into_iter()
        .map(|i| (i.id.clone(), i))
        .collect();
    for id in &items {
        match fresh.remove(id) {
            Some(item) => plan.put_item(item),
            None => {
                plan.remove_item(id);
            }
        }
    }
    list(&kpis)?;
    let mut fresh: HashMap<String, crate::model::Kpi> = rows::read_kpis(tx, Some("cairn_read"))?
        .into_iter()
        .map(|k| (k.id.clone(), k))
        .collect();
    plan.kpis
        .retain(|k| !kpis.contains(&k.id) || fresh.contains_key(&k.id));
    for k in &mut plan.kpis {
        if let Some(new) = fresh.remove(&k.id) {
            *k = new;
        }
    }
    let mut added: Vec<crate::model::Kpi> = fresh.into_values().collect();
    added.sort_by(|a, b| a.id.cmp(&b.id));
    plan.kpis.extend(added);
    // KPIs of items removed go with them, as in the file.
    let kept: HashSet<String> = plan.items().iter().map(|i| i.id.clone()).collect();
    plan.kpis.retain(|k| kept.contains(&k.item));
    rows::read_lists(tx, &mut plan)?;
    let tree = Tree::build(&plan);
    let order: Vec<String> = tree
        .placements
        .iter()
        .filter(|p| !p.linked)
        .map(|p| plan.items()[p.item].id.clone())
        .collect();
    plan.reorder_items(&order);
    let mut stmt = tx.prepare_cached("UPDATE items SET pos = ?2 WHERE id = ?1 AND pos <> ?2")?;
    for (pos, item) in plan.items().iter().enumerate() {
        stmt.execute(rusqlite::params![
            item.id,
            i64::try_from(pos).unwrap_or(i64::MAX)
        ])?;
    }
    let mut stmt = tx.prepare_cached("UPDATE kpis SET pos = ?2 WHERE id = ?1 AND pos <> ?2")?;
    for (pos, kpi) in plan.kpis.iter().enumerate() {
        stmt.execute(rusqlite::params![
            kpi.id,
            i64::try_from(pos).unwrap_or(i64::MAX)
        ])?;
    }
    Ok(plan)
}
