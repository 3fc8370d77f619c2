-- KSO Desk schema, version 1.
CREATE TABLE department (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    name                TEXT NOT NULL,
    signing_limit_cents INTEGER NOT NULL,
    currency            TEXT NOT NULL DEFAULT 'EUR',
    created_at          TEXT NOT NULL
);

CREATE TABLE kpi (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name_et     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    unit        TEXT NOT NULL,
    higher_is_better INTEGER NOT NULL DEFAULT 1,
    sort_order  INTEGER NOT NULL
);

CREATE TABLE user_account (
    id            INTEGER PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('head', 'deputy', 'viewer')),
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL
);

CREATE TABLE position (
    id    INTEGER PRIMARY KEY,
    code  TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL
);

CREATE TABLE employee (
    id          INTEGER PRIMARY KEY,
    first_name  TEXT NOT NULL,
    last_name   TEXT NOT NULL,
    email       TEXT NOT NULL,
    phone       TEXT,
    start_date  TEXT NOT NULL,
    position_id INTEGER REFERENCES position(id),
    active      INTEGER NOT NULL DEFAULT 1,
    end_date    TEXT
);
CREATE UNIQUE INDEX employee_email ON employee (lower(email));

CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     INTEGER REFERENCES user_account(id),
    user_login  TEXT NOT NULL,
    user_name   TEXT NOT NULL,
    acting_as   TEXT,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT,
    before_json TEXT,
    after_json  TEXT
);
CREATE INDEX audit_entity ON audit (entity, entity_id);
