//! Reading the plan from its tables and writing changed rows back.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::model::{
    ActionItem, Commentary, Decision, Item, Kpi, Measurement, Meeting, Plan, PlanInfo,
    ProgressNote, ProgressUpdate, RequestBy, StatusKind, Term, Touched, UpdateRequest,
};

/// A count or position as SQLite's integer.
fn n(value: usize) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn bad(what: &str, e: impl std::fmt::Display) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("{what}: {e}").into(),
    )
}

fn parse<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| bad(what, e))
}

/// A new row key that no other copy of the plan can have: rows two people
/// add in their own copies then merge side by side (`store::copies`).
pub(super) fn new_key() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Rows as stored, by key and content, so a rewrite keeps each unchanged
/// row's key: [`reuse_key`] hands out the key of the first stored row with
/// the same content, once.
type Stored = Vec<(String, Vec<String>)>;

fn reuse_key(stored: &mut Stored, content: &[&str]) -> String {
    match stored
        .iter()
        .position(|(_, c)| c.iter().map(String::as_str).eq(content.iter().copied()))
    {
        Some(i) => stored.remove(i).0,
        None => new_key(),
    }
}

fn term_key(term: Option<Term>) -> Option<&'static str> {
    term.map(|t| match t {
        Term::Short => "short",
        Term::Long => "long",
    })
}

/// Writes the touched parts of `plan` inside `tx`. Touched ids no longer in
/// the plan are deleted.
pub fn write(tx: &Transaction<'_>, plan: &Plan, touched: &Touched) -> rusqlite::Result<()> {
    if touched.info {
        tx.execute(
            "INSERT INTO plan (id, info) VALUES (1, ?1) ON CONFLICT(id) DO UPDATE SET info = excluded.info",
            [json(&plan.info)],
        )?;
    }
    for id in &touched.items {
        match plan.item(id) {
            Some(item) => write_item(tx, plan, item)?,
            None => {
                tx.execute("DELETE FROM items WHERE id = ?1", [id])?;
            }
        }
    }
    // Children are written after every touched item exists, so a new child
    // and its new parent can arrive in the same edit.
    for id in &touched.items {
        if let Some(item) = plan.item(id) {
            tx.execute("DELETE FROM alignments WHERE parent = ?1", [id])?;
            let mut stmt = tx.prepare_cached(
                "INSERT INTO alignments (parent, child, pos) VALUES (?1, ?2, ?3)",
            )?;
            for (pos, child) in item.children.iter().enumerate() {
                stmt.execute(params![id, child, n(pos)])?;
            }
        }
    }
    if touched.order {
        let mut stmt = tx.prepare_cached("UPDATE items SET pos = ?2 WHERE id = ?1")?;
        for (pos, item) in plan.items().iter().enumerate() {
            stmt.execute(params![item.id, n(pos)])?;
        }
    }
    for id in &touched.kpis {
        match plan.kpis.iter().position(|k| k.id == *id) {
            Some(pos) => write_kpi(tx, &plan.kpis[pos], pos)?,
            None => {
                tx.execute("DELETE FROM kpis WHERE id = ?1", [id])?;
            }
        }
    }
    if touched.locks {
        tx.execute("DELETE FROM locks", [])?;
        let mut stmt = tx.prepare_cached(
            "INSERT INTO locks (period, pos, locked_at, locked_by, snapshot) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (pos, l) in plan.locks.iter().enumerate() {
            stmt.execute(params![
                l.period,
                n(pos),
                l.locked_at,
                l.locked_by,
                l.snapshot
            ])?;
        }
    }
    if touched.commentary {
        write_commentary(tx, &plan.commentary)?;
    }
    if touched.meetings {
        write_meetings(tx, &plan.meetings)?;
    }
    if touched.requests {
        write_requests(tx, &plan.requests)?;
    }
    Ok(())
}

fn write_requests(tx: &Transaction<'_>, requests: &[UpdateRequest]) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM requests", [])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO requests (id, pos, period, sent_to, by, items, kpis, sent_at, sent_by, due,
             file, merged_at, merged_by, accepted, rejected)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    for (pos, r) in requests.iter().enumerate() {
        stmt.execute(params![
            r.id,
            n(pos),
            r.period,
            r.to,
            r.by.key(),
            json(&r.items),
            json(&r.kpis),
            r.sent_at,
            r.sent_by,
            r.due.map(|d| d.to_string()),
            r.file,
            r.merged_at,
            r.merged_by,
            n(r.accepted),
            n(r.rejected)
        ])?;
    }
    Ok(())
}

fn count(what: &str, value: i64) -> rusqlite::Result<usize> {
    usize::try_from(value).map_err(|e| bad(what, e))
}

fn read_requests(conn: &Connection) -> rusqlite::Result<Vec<UpdateRequest>> {
    let mut stmt = conn.prepare(
        "SELECT id, period, sent_to, by, items, kpis, sent_at, sent_by, due, file, merged_at,
                merged_by, accepted, rejected
         FROM requests ORDER BY pos",
    )?;
    let mut rows = stmt.query([])?;
    let mut requests = Vec::new();
    while let Some(r) = rows.next()? {
        let by: String = r.get(3)?;
        requests.push(UpdateRequest {
            id: r.get(0)?,
            period: r.get(1)?,
            to: r.get(2)?,
            by: RequestBy::parse(&by).ok_or_else(|| bad("request by", &by))?,
            items: parse("request items", &r.get::<_, String>(4)?)?,
            kpis: parse("request KPIs", &r.get::<_, String>(5)?)?,
            sent_at: r.get(6)?,
            sent_by: r.get(7)?,
            due: date("request due date", r.get(8)?)?,
            file: r.get(9)?,
            merged_at: r.get(10)?,
            merged_by: r.get(11)?,
            accepted: count("accepted", r.get(12)?)?,
            rejected: count("rejected", r.get(13)?)?,
        });
    }
    Ok(requests)
}

fn write_meetings(tx: &Transaction<'_>, meetings: &[Meeting]) -> rusqlite::Result<()> {
    // Decisions keep their keys across the rewrite (matched by content).
    let mut stored_decisions: std::collections::HashMap<String, Stored> =
        std::collections::HashMap::new();
    {
        let mut stmt =
            tx.prepare_cached("SELECT meeting, id, item, text FROM decisions ORDER BY pos")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            stored_decisions
                .entry(r.get(0)?)
                .or_default()
                .push((r.get(1)?, vec![r.get(2)?, r.get(3)?]));
        }
    }
    // Decisions and action items go with their meeting (ON DELETE CASCADE).
    tx.execute("DELETE FROM meetings", [])?;
    let mut meeting = tx.prepare_cached(
        "INSERT INTO meetings (id, pos, title, date, period, attendees, agenda, started_at, ended_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut decision = tx.prepare_cached(
        "INSERT INTO decisions (id, meeting, pos, item, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut action = tx.prepare_cached(
        "INSERT INTO action_items (id, meeting, pos, item, text, owner, due, closed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (pos, m) in meetings.iter().enumerate() {
        meeting.execute(params![
            m.id,
            n(pos),
            m.title,
            m.date.to_string(),
            m.period,
            json(&m.attendees),
            json(&m.agenda),
            m.started_at,
            m.ended_at
        ])?;
        let stored = stored_decisions.entry(m.id.clone()).or_default();
        for (pos, d) in m.decisions.iter().enumerate() {
            let key = reuse_key(stored, &[&d.item, &d.text]);
            decision.execute(params![key, m.id, n(pos), d.item, d.text])?;
        }
        for (pos, a) in m.actions.iter().enumerate() {
            action.execute(params![
                a.id,
                m.id,
                n(pos),
                a.item,
                a.text,
                a.owner,
                a.due.map(|d| d.to_string()),
                a.closed.map(|d| d.to_string())
            ])?;
        }
    }
    Ok(())
}

fn read_meetings(conn: &Connection) -> rusqlite::Result<Vec<Meeting>> {
    let mut stmt = conn.prepare(
        "SELECT id, title, date, period, attendees, agenda, started_at, ended_at
         FROM meetings ORDER BY pos",
    )?;
    let mut rows = stmt.query([])?;
    let mut meetings = Vec::new();
    while let Some(r) = rows.next()? {
        meetings.push(Meeting {
            id: r.get(0)?,
            title: r.get(1)?,
            date: date("meeting date", r.get(2)?)?.unwrap_or_default(),
            period: r.get(3)?,
            attendees: parse("attendees", &r.get::<_, String>(4)?)?,
            agenda: parse("agenda", &r.get::<_, String>(5)?)?,
            started_at: r.get(6)?,
            ended_at: r.get(7)?,
            decisions: Vec::new(),
            actions: Vec::new(),
        });
    }
    let index: std::collections::HashMap<String, usize> = meetings
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.clone(), i))
        .collect();
    let mut stmt =
        conn.prepare("SELECT meeting, item, text FROM decisions ORDER BY meeting, pos")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, String>(0)?) {
            meetings[i].decisions.push(Decision {
                item: r.get(1)?,
                text: r.get(2)?,
            });
        }
    }
    let mut stmt = conn.prepare(
        "SELECT meeting, id, item, text, owner, due, closed FROM action_items ORDER BY meeting, pos",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, String>(0)?) {
            meetings[i].actions.push(ActionItem {
                id: r.get(1)?,
                item: r.get(2)?,
                text: r.get(3)?,
                owner: r.get(4)?,
                due: date("action due date", r.get(5)?)?,
                closed: date("action closed date", r.get(6)?)?,
            });
        }
    }
    Ok(meetings)
}

fn write_commentary(tx: &Transaction<'_>, commentary: &[Commentary]) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM commentary", [])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO commentary (key, item, period, pos, commentary, recommendations)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (pos, c) in commentary.iter().enumerate() {
        // One commentary per item (or the plan) and period: that is its key.
        let key = format!("{}@{}", c.item.as_deref().unwrap_or(""), c.period);
        stmt.execute(params![
            key,
            c.item,
            c.period,
            n(pos),
            c.commentary,
            c.recommendations
        ])?;
    }
    Ok(())
}

fn write_item(tx: &Transaction<'_>, plan: &Plan, item: &Item) -> rusqlite::Result<()> {
    let pos = plan.position(&item.id).unwrap_or(0);
    let override_json = item.override_.as_ref().map(json);
    tx.prepare_cached(
        "INSERT INTO items (id, pos, level, title, alt_titles, description, term, owner, department,
             start, due, budget_planned, budget_actual, weight, milestones, source_note, override)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
         ON CONFLICT(id) DO UPDATE SET pos = excluded.pos, level = excluded.level, title = excluded.title,
             alt_titles = excluded.alt_titles, description = excluded.description, term = excluded.term,
             owner = excluded.owner, department = excluded.department,
             start = excluded.start, due = excluded.due,
             budget_planned = excluded.budget_planned, budget_actual = excluded.budget_actual,
             weight = excluded.weight, milestones = excluded.milestones,
             source_note = excluded.source_note, override = excluded.override",
    )?
    .execute(params![
        item.id,
        n(pos),
        n(item.level),
        item.title,
        json(&item.alt_titles),
        item.description,
        term_key(item.term),
        item.owner,
        item.department,
        item.start.map(|d| d.to_string()),
        item.due.map(|d| d.to_string()),
        item.budget_planned,
        item.budget_actual,
        item.weight,
        json(&item.milestones),
        item.source_note,
        override_json,
    ])?;
    // Notes keep their keys across the rewrite (matched by content).
    let mut stored: Stored = tx
        .prepare_cached("SELECT id, date, author, text FROM notes WHERE item = ?1 ORDER BY pos")?
        .query_map([&item.id], |r| {
            Ok((r.get(0)?, vec![r.get(1)?, r.get(2)?, r.get(3)?]))
        })?
        .collect::<rusqlite::Result<_>>()?;
    tx.execute("DELETE FROM notes WHERE item = ?1", [&item.id])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO notes (id, item, pos, date, author, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (pos, note) in item.notes.iter().enumerate() {
        let date = note.date.to_string();
        let key = reuse_key(&mut stored, &[&date, &note.author, &note.text]);
        stmt.execute(params![key, item.id, n(pos), date, note.author, note.text])?;
    }
    write_progress(tx, item)
}

/// An item's progress updates, replacing those stored.
pub(super) fn write_progress(tx: &Transaction<'_>, item: &Item) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM progress WHERE item = ?1")?
        .execute([&item.id])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO progress (item, pos, period, status, percent, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (pos, u) in item.updates.iter().enumerate() {
        stmt.execute(params![
            item.id,
            n(pos),
            u.period,
            u.status.key(),
            u.percent,
            u.note
        ])?;
    }
    Ok(())
}

fn write_kpi(tx: &Transaction<'_>, kpi: &Kpi, pos: usize) -> rusqlite::Result<()> {
    let mut definition = kpi.clone();
    definition.measurements.clear();
    tx.execute(
        "INSERT INTO kpis (id, pos, item, definition) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(id) DO UPDATE SET pos = excluded.pos, item = excluded.item, definition = excluded.definition",
        params![kpi.id, n(pos), kpi.item, json(&definition)],
    )?;
    tx.execute("DELETE FROM measurements WHERE kpi = ?1", [&kpi.id])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO measurements (kpi, pos, period, value, comment) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (pos, m) in kpi.measurements.iter().enumerate() {
        stmt.execute(params![kpi.id, n(pos), m.period, m.value, m.comment])?;
    }
    Ok(())
}

fn date(what: &str, text: Option<String>) -> rusqlite::Result<Option<chrono::NaiveDate>> {
    text.map(|t| t.parse().map_err(|e| bad(what, e)))
        .transpose()
}

/// Reads the whole plan from the tables.
pub fn read(conn: &Connection) -> rusqlite::Result<Plan> {
    let info = read_info(conn)?;
    let mut plan = Plan::new(info, read_items(conn, None)?, Vec::new());
    // New ids carry this file's id (every copy has its own).
    if let Ok(uid) = conn.query_row("SELECT uid FROM workbench", [], |r| r.get::<_, String>(0)) {
        plan.set_id_tag(&uid);
    }
    plan.kpis = read_kpis(conn, None)?;
    read_lists(conn, &mut plan)?;
    Ok(plan)
}

/// Which rows a partial read takes: those whose id is in the temporary
/// table of this name (one column, `id`).
type Only<'a> = Option<&'a str>;

fn only_clause(only: Only<'_>, column: &str) -> String {
    only.map_or_else(String::new, |t| {
        format!("WHERE {column} IN (SELECT id FROM temp.{t})")
    })
}

/// The plan's settings.
pub(super) fn read_info(conn: &Connection) -> rusqlite::Result<PlanInfo> {
    let info_json: Option<String> = conn
        .query_row("SELECT info FROM plan WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    match info_json {
        Some(text) => parse("plan settings", &text),
        None => Err(bad("plan", "the file holds no plan")),
    }
}

/// Items with their children, notes and progress, in document order: all,
/// or `only` those listed.
pub(super) fn read_items(conn: &Connection, only: Only<'_>) -> rusqlite::Result<Vec<Item>> {
    let mut items = Vec::new();
    let mut stmt = conn.prepare(&format!(
        "SELECT id, level, title, alt_titles, description, term, owner, department,
                start, due, budget_planned, budget_actual, weight, milestones, source_note, override
         FROM items {} ORDER BY pos, id",
        only_clause(only, "id")
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let term: Option<String> = r.get(5)?;
        let override_json: Option<String> = r.get(15)?;
        items.push(Item {
            level: usize::try_from(r.get::<_, i64>(1)?).map_err(|e| bad("level", e))?,
            title: r.get(2)?,
            alt_titles: parse("alternative titles", &r.get::<_, String>(3)?)?,
            description: r.get(4)?,
            term: match term.as_deref() {
                Some("short") => Some(Term::Short),
                Some("long") => Some(Term::Long),
                _ => None,
            },
            owner: r.get(6)?,
            department: r.get(7)?,
            start: date("start date", r.get(8)?)?,
            due: date("due date", r.get(9)?)?,
            budget_planned: r.get(10)?,
            budget_actual: r.get(11)?,
            weight: r.get(12)?,
            milestones: parse("milestones", &r.get::<_, String>(13)?)?,
            notes: Vec::new(),
            source_note: r.get(14)?,
            override_: override_json.map(|t| parse("override", &t)).transpose()?,
            updates: Vec::new(),
            children: Vec::new(),
            id,
        });
    }
    let index: std::collections::HashMap<String, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.clone(), i))
        .collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT parent, child FROM alignments {} ORDER BY parent, pos",
        only_clause(only, "parent")
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let parent: String = r.get(0)?;
        let child: String = r.get(1)?;
        if let Some(&p) = index.get(&parent) {
            items[p].children.push(child);
        }
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT item, date, author, text FROM notes {} ORDER BY item, pos",
        only_clause(only, "item")
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let item: String = r.get(0)?;
        let note = ProgressNote {
            date: date("note date", r.get(1)?)?.unwrap_or_default(),
            author: r.get(2)?,
            text: r.get(3)?,
        };
        if let Some(&i) = index.get(&item) {
            items[i].notes.push(note);
        }
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT item, period, status, percent, note FROM progress {} ORDER BY item, pos",
        only_clause(only, "item")
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let item: String = r.get(0)?;
        let status: String = r.get(2)?;
        let update = ProgressUpdate {
            period: r.get(1)?,
            status: StatusKind::parse(&status).ok_or_else(|| bad("progress status", &status))?,
            percent: r.get(3)?,
            note: r.get(4)?,
        };
        if let Some(&i) = index.get(&item) {
            items[i].updates.push(update);
        }
    }
    Ok(items)
}

/// KPIs with their measurements, in order: all, or `only` those listed.
pub(super) fn read_kpis(conn: &Connection, only: Only<'_>) -> rusqlite::Result<Vec<Kpi>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT definition FROM kpis {} ORDER BY pos, id",
        only_clause(only, "id")
    ))?;
    let mut kpis: Vec<Kpi> = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .map(|t| t.and_then(|t| parse("KPI", &t)))
        .collect::<rusqlite::Result<_>>()?;
    let index: std::collections::HashMap<String, usize> = kpis
        .iter()
        .enumerate()
        .map(|(i, k)| (k.id.clone(), i))
        .collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT kpi, period, value, comment FROM measurements {} ORDER BY kpi, pos",
        only_clause(only, "kpi")
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let kpi: String = r.get(0)?;
        if let Some(&i) = index.get(&kpi) {
            kpis[i].measurements.push(Measurement {
                period: r.get(1)?,
                value: r.get(2)?,
                comment: r.get(3)?,
            });
        }
    }
    Ok(kpis)
}

/// The plan's lists: locks, commentary, meetings and the register.
pub(super) fn read_lists(conn: &Connection, plan: &mut Plan) -> rusqlite::Result<()> {
    let mut stmt =
        conn.prepare("SELECT period, locked_at, locked_by, snapshot FROM locks ORDER BY pos")?;
    plan.locks = stmt
        .query_map([], |r| {
            Ok(crate::model::PeriodLock {
                period: r.get(0)?,
                locked_at: r.get(1)?,
                locked_by: r.get(2)?,
                snapshot: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn
        .prepare("SELECT item, period, commentary, recommendations FROM commentary ORDER BY pos")?;
    plan.commentary = stmt
        .query_map([], |r| {
            Ok(Commentary {
                item: r.get(0)?,
                period: r.get(1)?,
                commentary: r.get(2)?,
                recommendations: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    plan.meetings = read_meetings(conn)?;
    plan.requests = read_requests(conn)?;
    Ok(())
}
