-- Version 3: the staffing table (§ 3.1), employee details, absences, and the 24/7 duty roster.
ALTER TABLE position ADD COLUMN classification TEXT NOT NULL DEFAULT '';
ALTER TABLE position ADD COLUMN fte_milli INTEGER NOT NULL DEFAULT 1000;
ALTER TABLE position ADD COLUMN reports_to INTEGER REFERENCES position(id);
ALTER TABLE position ADD COLUMN approved_on TEXT;
ALTER TABLE position ADD COLUMN directive_no TEXT NOT NULL DEFAULT '';

ALTER TABLE employee ADD COLUMN contract_type TEXT NOT NULL DEFAULT 'employee'
    CHECK (contract_type IN ('official', 'employee'));
ALTER TABLE employee ADD COLUMN weekly_minutes INTEGER NOT NULL DEFAULT 2400;
ALTER TABLE employee ADD COLUMN birth_date TEXT;

CREATE TABLE employee_skill (
    employee_id INTEGER NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
    skill       TEXT NOT NULL,
    PRIMARY KEY (employee_id, skill)
);

CREATE TABLE absence (
    id          INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES employee(id),
    kind        TEXT NOT NULL
        CHECK (kind IN ('annual_leave', 'sick_leave', 'training', 'business_trip', 'other')),
    start_date  TEXT NOT NULL,
    end_date    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    CHECK (end_date >= start_date)
);
CREATE INDEX absence_employee ON absence (employee_id, start_date);

CREATE TABLE shift_type (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    start_minute   INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    length_minutes INTEGER NOT NULL CHECK (length_minutes BETWEEN 60 AND 1440),
    skills         TEXT NOT NULL DEFAULT '',
    active         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE coverage_need (
    shift_type_id INTEGER NOT NULL REFERENCES shift_type(id) ON DELETE CASCADE,
    day_kind      TEXT NOT NULL CHECK (day_kind IN ('weekday', 'weekend', 'holiday')),
    skill         TEXT NOT NULL DEFAULT '',
    min           INTEGER NOT NULL CHECK (min >= 0),
    optimal       INTEGER NOT NULL CHECK (optimal >= min),
    PRIMARY KEY (shift_type_id, day_kind, skill)
);

CREATE TABLE coverage_override (
    date          TEXT NOT NULL,
    shift_type_id INTEGER NOT NULL REFERENCES shift_type(id) ON DELETE CASCADE,
    skill         TEXT NOT NULL DEFAULT '',
    min           INTEGER NOT NULL CHECK (min >= 0),
    optimal       INTEGER NOT NULL CHECK (optimal >= min),
    PRIMARY KEY (date, shift_type_id, skill)
);

CREATE TABLE roster_month (
    month        TEXT PRIMARY KEY,
    status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    published_at TEXT,
    published_by TEXT
);

CREATE TABLE assignment (
    employee_id   INTEGER NOT NULL REFERENCES employee(id),
    date          TEXT NOT NULL,
    shift_type_id INTEGER NOT NULL REFERENCES shift_type(id),
    PRIMARY KEY (employee_id, date)
);
CREATE INDEX assignment_date ON assignment (date);

-- Changes to a published month: who, when, acting as whom, which cell, and why.
CREATE TABLE roster_change (
    id          INTEGER PRIMARY KEY,
    month       TEXT NOT NULL,
    at          TEXT NOT NULL,
    user_login  TEXT NOT NULL,
    user_name   TEXT NOT NULL,
    acting_as   TEXT,
    employee_id INTEGER NOT NULL REFERENCES employee(id),
    date        TEXT NOT NULL,
    before_code TEXT,
    after_code  TEXT,
    reason      TEXT NOT NULL
);
CREATE INDEX roster_change_month ON roster_change (month, at);

ALTER TABLE department ADD COLUMN reference_months INTEGER NOT NULL DEFAULT 4
    CHECK (reference_months BETWEEN 1 AND 4);

-- A department set up before this version gets the default 24/7 shifts and needs.
INSERT INTO shift_type (code, name, start_minute, length_minutes)
SELECT 'P', 'Päevane vahetus', 480, 720 WHERE EXISTS (SELECT 1 FROM department);
INSERT INTO shift_type (code, name, start_minute, length_minutes)
SELECT 'Ö', 'Öine vahetus', 1200, 720 WHERE EXISTS (SELECT 1 FROM department);
INSERT INTO coverage_need (shift_type_id, day_kind, skill, min, optimal)
SELECT s.id, k.kind, '', CASE WHEN s.code = 'P' AND k.kind = 'weekday' THEN 2 ELSE 1 END,
       CASE WHEN s.code = 'P' AND k.kind = 'weekday' THEN 3 ELSE 2 END
FROM shift_type s, (SELECT 'weekday' AS kind UNION ALL SELECT 'weekend' UNION ALL SELECT 'holiday') k;
