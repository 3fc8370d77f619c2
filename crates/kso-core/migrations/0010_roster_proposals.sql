-- Version 10: what the roster proposals need: cells the head locked, the employees' wishes, the
-- weights of the proposal's objective, and a proposal waiting to be accepted or discarded.
CREATE TABLE roster_lock (
    employee_id INTEGER NOT NULL REFERENCES employee(id),
    date        TEXT NOT NULL,
    PRIMARY KEY (employee_id, date)
);

-- 'on': wants to work this shift that day; 'off': wants that day off (no shift type) or not
-- this shift.
CREATE TABLE shift_request (
    id            INTEGER PRIMARY KEY,
    employee_id   INTEGER NOT NULL REFERENCES employee(id),
    date          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('on', 'off')),
    shift_type_id INTEGER REFERENCES shift_type(id) ON DELETE CASCADE,
    note          TEXT NOT NULL DEFAULT '',
    CHECK (kind = 'off' OR shift_type_id IS NOT NULL)
);
CREATE INDEX shift_request_date ON shift_request (date);

CREATE TABLE roster_weights (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    uncovered_hour INTEGER NOT NULL DEFAULT 1000,
    request        INTEGER NOT NULL DEFAULT 200,
    fairness       INTEGER NOT NULL DEFAULT 40,
    over_cover     INTEGER NOT NULL DEFAULT 20,
    norm_hour      INTEGER NOT NULL DEFAULT 1,
    change         INTEGER NOT NULL DEFAULT 50,
    allow_overtime INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE roster_proposal (
    month      TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    seed       INTEGER NOT NULL,
    seconds    INTEGER NOT NULL,
    elapsed_ms INTEGER NOT NULL,
    moves      INTEGER NOT NULL,
    objective  INTEGER NOT NULL,
    stopped    INTEGER NOT NULL DEFAULT 0
);

-- The cells the proposal changes: the shift before (what accepting expects to find) and after.
CREATE TABLE roster_proposal_cell (
    month       TEXT NOT NULL REFERENCES roster_proposal(month) ON DELETE CASCADE,
    employee_id INTEGER NOT NULL REFERENCES employee(id),
    date        TEXT NOT NULL,
    before_type INTEGER,
    after_type  INTEGER,
    PRIMARY KEY (month, employee_id, date)
);
