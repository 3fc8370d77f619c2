-- KSO Desk schema, version 8: job descriptions (§ 3.4–3.5), versioned per position, with their
-- approval by the deputy director for support, the holders' acknowledgements and templates.

-- A signed PDF kept with a version: the deputy director's approval or a holder's signature.
CREATE TABLE job_file (
    id         INTEGER PRIMARY KEY,
    file_name  TEXT NOT NULL,
    content    BLOB NOT NULL,
    sha256     TEXT NOT NULL,
    added_at   TEXT NOT NULL,
    added_by   TEXT NOT NULL
);

-- A version of a position's job description. Its sections are one JSON body (jobs::JobBody).
-- A version is written only while it is a draft; a change to a submitted or approved version
-- is a new draft version. Which approved version is in force on a day follows from the dates
-- (jobs::in_force): the approved one with the latest `in_force_from` on or before the day.
CREATE TABLE job_version (
    id             INTEGER PRIMARY KEY,
    position_id    INTEGER NOT NULL REFERENCES position (id),
    version        INTEGER NOT NULL CHECK (version > 0),
    status         TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved')),
    body           TEXT NOT NULL,
    -- The version this one was written from (same or another position), or a template's name.
    based_on       INTEGER REFERENCES job_version (id),
    template       TEXT,
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    submitted_at   TEXT,
    submitted_by   TEXT,
    -- The approval as recorded: who approved (the deputy director for support), when, the
    -- reference, or the approving signed PDF kept in the document register.
    approved_by    TEXT,
    approved_on    TEXT,
    approval_ref   TEXT,
    approval_file  INTEGER REFERENCES job_file (id),
    in_force_from  TEXT,
    recorded_by    TEXT,
    UNIQUE (position_id, version),
    CHECK ((status = 'approved') = (approved_on IS NOT NULL AND in_force_from IS NOT NULL))
);
-- At most one open (draft or submitted) version per position.
CREATE UNIQUE INDEX job_version_one_open ON job_version (position_id) WHERE status <> 'approved';
-- Approved versions take force on distinct days, so one is in force at a time.
CREATE UNIQUE INDEX job_version_in_force ON job_version (position_id, in_force_from)
    WHERE status = 'approved';

-- A holder's acknowledgement of an approved version: a date, or the PDF the employee signed.
CREATE TABLE job_acknowledgement (
    version_id      INTEGER NOT NULL REFERENCES job_version (id),
    employee_id     INTEGER NOT NULL REFERENCES employee (id),
    acknowledged_on TEXT NOT NULL,
    file_id         INTEGER REFERENCES job_file (id),
    recorded_by     TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    PRIMARY KEY (version_id, employee_id)
) WITHOUT ROWID;

-- Named starting points for a new description.
CREATE TABLE job_template (
    name       TEXT PRIMARY KEY COLLATE NOCASE,
    body       TEXT NOT NULL,
    builtin    INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
