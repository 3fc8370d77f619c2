-- Version 6 (issue 6): accounts linked to employees, the head's absences and substitutes
-- (§ 3.6), session and sensitive-data settings, and the hash-chained audit trail. The chain of
-- the records already there is sealed by `db::after_migration`, which then forbids changing
-- or deleting audit records.
ALTER TABLE user_account ADD COLUMN employee_id INTEGER REFERENCES employee(id);
ALTER TABLE user_account ADD COLUMN password_changed_at TEXT;

CREATE TABLE head_absence (
    id            INTEGER PRIMARY KEY,
    starts_on     TEXT NOT NULL,
    ends_on       TEXT NOT NULL,
    reason        TEXT NOT NULL,
    substitute_id INTEGER NOT NULL REFERENCES user_account(id),
    -- Set when the head ends the absence early (UTC instant).
    ended_at      TEXT,
    created_at    TEXT NOT NULL,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX head_absence_period ON head_absence (starts_on, ends_on);

ALTER TABLE department ADD COLUMN idle_lock_minutes INTEGER NOT NULL DEFAULT 10;
ALTER TABLE department ADD COLUMN deputy_sees_sensitive INTEGER NOT NULL DEFAULT 0;
ALTER TABLE department ADD COLUMN backups_kept INTEGER NOT NULL DEFAULT 7;

ALTER TABLE audit ADD COLUMN prev_hash TEXT;
ALTER TABLE audit ADD COLUMN hash TEXT;
CREATE INDEX audit_user ON audit (user_login);
CREATE INDEX audit_at ON audit (at);
