//! The schema, built by numbered migrations tracked in `PRAGMA user_version`.

use rusqlite::Connection;

/// Migrations in order; migration `n` (1-based) brings the schema to
/// version `n`. Released migrations are never edited, only appended.
const MIGRATIONS: &[&str] = &[
    // 1: the plan, its tree, KPIs, and the change history.
    r"
    CREATE TABLE plan (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        info TEXT NOT NULL                      -- PlanInfo as JSON
    );
    CREATE TABLE items (
        id TEXT PRIMARY KEY,
        pos INTEGER NOT NULL,                   -- document order
        level INTEGER NOT NULL CHECK (level >= 0),
        title TEXT NOT NULL,
        alt_titles TEXT NOT NULL DEFAULT '[]',  -- JSON list
        description TEXT NOT NULL DEFAULT '',
        term TEXT CHECK (term IN ('short', 'long')),
        owner TEXT NOT NULL DEFAULT '',
        department TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        percent REAL CHECK (percent BETWEEN 0 AND 100),
        start TEXT,
        due TEXT,
        budget_planned REAL,
        budget_actual REAL,
        weight REAL NOT NULL DEFAULT 1,
        milestones TEXT NOT NULL DEFAULT '[]',  -- JSON list
        source_note TEXT NOT NULL DEFAULT '',
        override TEXT                           -- JSON object or NULL
    );
    CREATE TABLE alignments (
        parent TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        child TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        PRIMARY KEY (parent, child)
    );
    CREATE INDEX alignments_child ON alignments(child);
    CREATE TABLE notes (
        item TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        date TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        PRIMARY KEY (item, pos)
    );
    CREATE TABLE kpis (
        id TEXT PRIMARY KEY,
        pos INTEGER NOT NULL,
        item TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        definition TEXT NOT NULL                -- Kpi as JSON, without measurements
    );
    CREATE INDEX kpis_item ON kpis(item);
    CREATE TABLE measurements (
        kpi TEXT NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        period TEXT NOT NULL,
        value REAL,                             -- NULL: missing, not zero
        comment TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (kpi, period)
    );
    CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,                       -- RFC 3339, UTC
        who TEXT NOT NULL,
        action TEXT NOT NULL,
        item TEXT,
        field TEXT,
        old TEXT,
        new TEXT,
        reason TEXT NOT NULL DEFAULT ''
    );
    ",
    // 2: the office's commentary and recommendations per item and period
    // (item NULL: the plan as a whole), printed on report cards.
    r"
    CREATE TABLE commentary (
        item TEXT REFERENCES items(id) ON DELETE CASCADE,
        period TEXT NOT NULL,
        pos INTEGER NOT NULL,
        commentary TEXT NOT NULL DEFAULT '',
        recommendations TEXT NOT NULL DEFAULT ''
    );
    CREATE UNIQUE INDEX commentary_item_period ON commentary(coalesce(item, ''), period);
    ",
    // 3: locked reporting periods, each with a snapshot of the plan (the
    // interchange document) as it stood when locked.
    r"
    CREATE TABLE locks (
        period TEXT PRIMARY KEY,
        pos INTEGER NOT NULL,
        locked_at TEXT NOT NULL,
        locked_by TEXT NOT NULL,
        snapshot TEXT NOT NULL
    );
    ",
    // 4: review meetings, with what each decided and the action items it
    // gave out. Agenda items are not foreign keys: a held meeting's minutes
    // keep an item that was later deleted, under the code and title it had.
    r"
    CREATE TABLE meetings (
        id TEXT PRIMARY KEY,
        pos INTEGER NOT NULL,
        title TEXT NOT NULL,
        date TEXT NOT NULL,
        period TEXT NOT NULL,
        attendees TEXT NOT NULL DEFAULT '[]',   -- JSON list of names
        agenda TEXT NOT NULL DEFAULT '[]',      -- JSON list of agenda entries
        started_at TEXT,                        -- RFC 3339, UTC
        ended_at TEXT
    );
    CREATE TABLE decisions (
        meeting TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        item TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (meeting, pos)
    );
    CREATE TABLE action_items (
        id TEXT PRIMARY KEY,
        meeting TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        item TEXT NOT NULL,
        text TEXT NOT NULL,
        owner TEXT NOT NULL DEFAULT '',
        due TEXT,
        closed TEXT                             -- day closed; NULL while open
    );
    CREATE INDEX action_items_item ON action_items(item);
    ",
    // 5: progress per reporting period: what was reported for an item for
    // "FY2026 Q2". The items' single status and percent become updates in
    // a step after this one (`upgrade::progress_from_single_values`), as
    // the period depends on the history and the plan's periods.
    r"
    CREATE TABLE progress (
        item TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        period TEXT NOT NULL,
        status TEXT NOT NULL,
        percent REAL,
        note TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (item, period)
    );
    -- Which edit a history row belongs to (the id of the edit's first
    -- row): an undo takes back a whole edit. NULL for rows written before.
    ALTER TABLE history ADD COLUMN edit INTEGER;
    ",
    // 6: the register of update requests sent to owners as spreadsheets,
    // and, on history rows merged from a returned request, who wrote the
    // figures (the owner; `who` is then the analyst who accepted them) and
    // the request's id.
    r"
    CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        pos INTEGER NOT NULL,
        period TEXT NOT NULL,
        sent_to TEXT NOT NULL,
        by TEXT NOT NULL CHECK (by IN ('owner', 'department')),
        items TEXT NOT NULL DEFAULT '[]',       -- JSON list of item ids
        kpis TEXT NOT NULL DEFAULT '[]',        -- JSON list of KPI ids
        sent_at TEXT NOT NULL,                  -- RFC 3339, UTC
        sent_by TEXT NOT NULL,
        due TEXT,                               -- YYYY-MM-DD
        file TEXT NOT NULL,
        merged_at TEXT,                         -- NULL while outstanding
        merged_by TEXT NOT NULL DEFAULT '',
        accepted INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0
    );
    ALTER TABLE history ADD COLUMN author TEXT NOT NULL DEFAULT '';
    ALTER TABLE history ADD COLUMN request TEXT NOT NULL DEFAULT '';
    ",
    // 7: merge-safe keys, so a colleague's copy can be merged as an SQLite
    // changeset (`store::copies`). Rows two people may add in their own
    // copies get keys no other copy can have: notes and decisions had their
    // position as key, history a local row number, commentary none (the
    // session extension ignores a table without a primary key). Rows kept
    // from before get keys derived from their old ones, the same in every
    // file upgraded from one plan. `workbench` names this file and, for a
    // copy, the file and the point it was taken from (`base`: the file as
    // it stood then, which the copy's edits are diffed against).
    r"
    CREATE TABLE workbench (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        uid TEXT NOT NULL,                      -- this file's own id
        origin TEXT,                            -- the uid of the file it was copied from
        origin_path TEXT,
        taken_at TEXT,                          -- RFC 3339, UTC
        taken_by TEXT,
        base BLOB                               -- that file as it stood then
    );
    INSERT INTO workbench (id, uid) VALUES (1, lower(hex(randomblob(16))));

    CREATE TABLE notes_v7 (
        id TEXT PRIMARY KEY,
        item TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        date TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL
    );
    INSERT INTO notes_v7 (id, item, pos, date, author, text)
        SELECT item || '/note/' || pos, item, pos, date, author, text FROM notes;
    DROP TABLE notes;
    ALTER TABLE notes_v7 RENAME TO notes;
    CREATE INDEX notes_item ON notes(item, pos);

    CREATE TABLE decisions_v7 (
        id TEXT PRIMARY KEY,
        meeting TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        item TEXT NOT NULL,
        text TEXT NOT NULL
    );
    INSERT INTO decisions_v7 (id, meeting, pos, item, text)
        SELECT meeting || '/decision/' || pos, meeting, pos, item, text FROM decisions;
    DROP TABLE decisions;
    ALTER TABLE decisions_v7 RENAME TO decisions;
    CREATE INDEX decisions_meeting ON decisions(meeting, pos);

    CREATE TABLE commentary_v7 (
        key TEXT PRIMARY KEY,                   -- item id (or '') and period
        item TEXT REFERENCES items(id) ON DELETE CASCADE,
        period TEXT NOT NULL,
        pos INTEGER NOT NULL,
        commentary TEXT NOT NULL DEFAULT '',
        recommendations TEXT NOT NULL DEFAULT ''
    );
    INSERT INTO commentary_v7 (key, item, period, pos, commentary, recommendations)
        SELECT coalesce(item, '') || '@' || period, item, period, pos, commentary, recommendations
        FROM commentary;
    DROP TABLE commentary;
    ALTER TABLE commentary_v7 RENAME TO commentary;

    -- `id` stays the row's place in this file's history (later rows larger;
    -- rows merged from a copy are numbered after this file's own); `uid` is
    -- the row's key everywhere.
    CREATE TABLE history_v7 (
        uid TEXT PRIMARY KEY,
        id INTEGER NOT NULL,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        action TEXT NOT NULL,
        item TEXT,
        field TEXT,
        old TEXT,
        new TEXT,
        reason TEXT NOT NULL DEFAULT '',
        edit INTEGER,
        author TEXT NOT NULL DEFAULT '',
        request TEXT NOT NULL DEFAULT ''
    );
    INSERT INTO history_v7 (uid, id, at, who, action, item, field, old, new, reason, edit, author, request)
        SELECT 'h' || id, id, at, who, action, item, field, old, new, reason, edit, author, request
        FROM history;
    DROP TABLE history;
    ALTER TABLE history_v7 RENAME TO history;
    CREATE INDEX history_id ON history(id);
    CREATE INDEX history_item ON history(item);
    ",
    // 8: one home for an initiative's progress. An item's status and
    // percent were kept twice, on the item and per period, and written by
    // two kinds of path; now they live only in `progress`, and the item's
    // current figures are its latest period's. A figure that was only on
    // the item becomes the first period's update: every card, for any
    // period, reads the same figures as before. A plan with such a figure
    // but no periods gets one, "Undated", to hold it.
    r"
    UPDATE plan SET info = json_set(info, '$.periods', json_array(json_object(
            'label', 'Undated', 'kind', 'other', 'start', date('now'), 'end', date('now'))))
        WHERE coalesce(json_array_length(info, '$.periods'), 0) = 0
          AND EXISTS (SELECT 1 FROM items i
                      WHERE (i.status <> 'not_started' OR i.percent IS NOT NULL)
                        AND NOT EXISTS (SELECT 1 FROM progress g WHERE g.item = i.id));
    INSERT INTO progress (item, pos, period, status, percent, note)
        SELECT i.id, 0,
               (SELECT json_extract(p.value, '$.label')
                  FROM plan, json_each(plan.info, '$.periods') AS p
                 ORDER BY json_extract(p.value, '$.end'), json_extract(p.value, '$.start') DESC
                 LIMIT 1),
               i.status, i.percent, ''
          FROM items i
         WHERE (i.status <> 'not_started' OR i.percent IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM progress g WHERE g.item = i.id);
    ALTER TABLE items DROP COLUMN status;
    ALTER TABLE items DROP COLUMN percent;
    -- The one home of the figures keeps the checks the items had.
    CREATE TABLE progress_v8 (
        item TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        pos INTEGER NOT NULL,
        period TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('not_started', 'on_track', 'at_risk',
            'off_track', 'on_hold', 'completed', 'cancelled')),
        percent REAL CHECK (percent BETWEEN 0 AND 100),
        note TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (item, period)
    );
    INSERT INTO progress_v8 (item, pos, period, status, percent, note)
        SELECT item, pos, period, status, percent, note FROM progress;
    DROP TABLE progress;
    ALTER TABLE progress_v8 RENAME TO progress;
    ",
];

/// The schema version this build writes and reads.
pub const CURRENT_VERSION: i32 = MIGRATIONS.len() as i32;

/// Brings a connection's schema from its `user_version` to the current one,
/// all in one transaction.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    migrate_in(&tx)?;
    tx.commit()
}

/// Applies the migrations a file lacks inside `tx`; the caller commits, or
/// drops the transaction to leave the file as it was.
pub fn migrate_in(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    migrate_in_until(tx, CURRENT_VERSION)
}

/// The items' single status and percent, before migration 8 moved them
/// into `progress`: an upgrade step that needs them runs at this version.
pub const LAST_WITH_ITEM_FIGURES: i32 = 7;

/// Applies the migrations a file lacks up to version `to` inside `tx`
/// (an upgrade step written in Rust runs between two of them).
pub fn migrate_in_until(tx: &rusqlite::Transaction<'_>, to: i32) -> rusqlite::Result<()> {
    let from: i32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (n, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .take(usize::try_from(to).unwrap_or(0))
        .skip(usize::try_from(from).unwrap_or(0))
    {
        tx.execute_batch(sql)?;
        tx.pragma_update(
            None,
            "user_version",
            i64::try_from(n + 1).unwrap_or(i64::MAX),
        )?;
    }
    Ok(())
}
