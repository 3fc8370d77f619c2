-- KSO Desk schema, version 7: indicators with definitions (§ 2.3), annual targets with their
-- history (§ 3.7.4), monthly actuals entered by hand, imported tickets and calls, mapping
-- profiles, import batches and the computed monthly figures.

ALTER TABLE kpi ADD COLUMN numerator_et TEXT NOT NULL DEFAULT '';
ALTER TABLE kpi ADD COLUMN numerator_en TEXT NOT NULL DEFAULT '';
ALTER TABLE kpi ADD COLUMN denominator_et TEXT NOT NULL DEFAULT '';
ALTER TABLE kpi ADD COLUMN denominator_en TEXT NOT NULL DEFAULT '';
ALTER TABLE kpi ADD COLUMN computation TEXT
    CHECK (computation IN ('on_time', 'quality', 'satisfaction', 'first_level', 'calls_sla', 'right_team'));

-- The six indicators' definitions are filled in by db::after_migration from
-- service::default_kpis (one text for new and upgraded databases).

CREATE TABLE kpi_target (
    kpi_code TEXT NOT NULL REFERENCES kpi (code) ON UPDATE CASCADE,
    year     INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    value    INTEGER NOT NULL,
    PRIMARY KEY (kpi_code, year)
) WITHOUT ROWID;

-- Every setting and revision of a target, oldest first.
CREATE TABLE kpi_target_revision (
    id         INTEGER PRIMARY KEY,
    kpi_code   TEXT NOT NULL,
    year       INTEGER NOT NULL,
    changed_on TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    old_value  INTEGER,
    new_value  INTEGER NOT NULL,
    reason     TEXT NOT NULL
);
CREATE INDEX kpi_target_revision_by_target ON kpi_target_revision (kpi_code, year, id);

-- A month's figure entered by hand; it replaces a computed one of the same month.
CREATE TABLE kpi_actual (
    kpi_code    TEXT NOT NULL REFERENCES kpi (code) ON UPDATE CASCADE,
    month       INTEGER NOT NULL, -- YYYYMM
    numerator   INTEGER NOT NULL CHECK (numerator >= 0),
    denominator INTEGER NOT NULL CHECK (denominator > 0),
    note        TEXT NOT NULL,
    entered_by  TEXT NOT NULL,
    entered_at  TEXT NOT NULL,
    PRIMARY KEY (kpi_code, month)
) WITHOUT ROWID;

CREATE TABLE kpi_setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE kpi_profile (
    name    TEXT PRIMARY KEY COLLATE NOCASE,
    format  TEXT NOT NULL,
    builtin INTEGER NOT NULL DEFAULT 0,
    body    TEXT NOT NULL -- the profile as JSON
);

CREATE TABLE kpi_batch (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('tickets', 'calls')),
    format      TEXT NOT NULL,
    profile     TEXT NOT NULL,
    -- The profile's interpretation as it was at the import (shown with the figures).
    definition  TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    inserted    INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    rejected    INTEGER NOT NULL,
    first_month INTEGER, -- YYYYMM of the earliest and latest record read
    last_month  INTEGER
);

-- Tickets keyed by their system and key: a re-import updates them in place. Instants are Unix
-- seconds; months (YYYYMM) are Tallinn calendar months. `flags` holds what the profile read
-- (see kpi::import::flag), so a year's six figures come from one index-only scan.
CREATE TABLE kpi_ticket (
    system         TEXT NOT NULL,
    key_sort       TEXT NOT NULL, -- store::tickets::sort_key(ext_key)
    ext_key        TEXT NOT NULL,
    title          TEXT NOT NULL,
    status         TEXT NOT NULL,
    grp            TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    resolved_at    INTEGER,
    due_at         INTEGER,
    resolved_month INTEGER,
    flags          INTEGER NOT NULL,
    satisfaction   INTEGER,
    batch_id       INTEGER NOT NULL,
    PRIMARY KEY (system, key_sort)
) WITHOUT ROWID;
CREATE INDEX kpi_ticket_by_month ON kpi_ticket (resolved_month, flags);

CREATE TABLE kpi_call (
    system     TEXT NOT NULL,
    call_id    TEXT NOT NULL,
    queue      TEXT NOT NULL,
    entered_at INTEGER NOT NULL,
    month      INTEGER NOT NULL,
    outcome    INTEGER NOT NULL, -- 0 answered, 1 abandoned, 2 timeout
    wait_s     INTEGER NOT NULL,
    batch_id   INTEGER NOT NULL,
    PRIMARY KEY (system, call_id)
) WITHOUT ROWID;
CREATE INDEX kpi_call_by_month ON kpi_call (month, outcome, wait_s);

-- The computed monthly figures, refreshed in the transaction of every import and settings
-- change, so the dashboard reads a few dozen rows.
CREATE TABLE kpi_computed (
    kpi_code    TEXT NOT NULL,
    month       INTEGER NOT NULL,
    numerator   INTEGER NOT NULL,
    denominator INTEGER NOT NULL,
    PRIMARY KEY (kpi_code, month)
) WITHOUT ROWID;
