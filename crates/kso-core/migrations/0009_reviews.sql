-- KSO Desk schema, version 9: reviews and development (§ 3.7.5, § 3.7.10, § 3.7.11; Civil
-- Service Act § 30 and § 24(7)): development and probation interviews, training requests and
-- personnel proposals. Interview content is confidential: the audit trail records only what was
-- done to which interview, never its text.

-- The interviews' settings: the rating scale (a JSON list of labels, 1 = the first) and whether
-- the substitute acting for the head may see interviews and proposals.
CREATE TABLE review_settings (
    id                   INTEGER PRIMARY KEY CHECK (id = 1),
    scale                TEXT NOT NULL,
    substitute_may_see   INTEGER NOT NULL DEFAULT 0
);

-- A signed summary kept with an interview (the head's signature, then the employee's).
CREATE TABLE review_file (
    id         INTEGER PRIMARY KEY,
    file_name  TEXT NOT NULL,
    content    BLOB NOT NULL,
    sha256     TEXT NOT NULL,
    added_at   TEXT NOT NULL,
    added_by   TEXT NOT NULL
);

-- An interview: the annual development interview (one per employee and year) or the probation
-- interview (one per employee). Its content is one JSON body (reviews::ReviewBody).
CREATE TABLE review (
    id                INTEGER PRIMARY KEY,
    employee_id       INTEGER NOT NULL REFERENCES employee (id),
    kind              TEXT NOT NULL CHECK (kind IN ('annual', 'probation')),
    year              INTEGER NOT NULL,
    status            TEXT NOT NULL
                      CHECK (status IN ('planned', 'held', 'summary_given', 'commented', 'signed')),
    planned_on        TEXT,
    held_on           TEXT,
    summary_given_on  TEXT,
    commented_on      TEXT,
    signed_on         TEXT,
    -- Probation: its length in months and its last day (from the start date).
    probation_months  INTEGER CHECK (probation_months BETWEEN 1 AND 6),
    probation_end     TEXT,
    body              TEXT NOT NULL,
    file_id           INTEGER REFERENCES review_file (id),
    created_at        TEXT NOT NULL,
    created_by        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK ((kind = 'probation') = (probation_end IS NOT NULL))
);
CREATE UNIQUE INDEX review_one_annual ON review (employee_id, year) WHERE kind = 'annual';
CREATE UNIQUE INDEX review_one_probation ON review (employee_id) WHERE kind = 'probation';

-- A training request (§ 3.7.10), from an interview's training need or made directly. Approved
-- and done requests count against their budget line.
CREATE TABLE training (
    id              INTEGER PRIMARY KEY,
    employee_id     INTEGER NOT NULL REFERENCES employee (id),
    review_id       INTEGER REFERENCES review (id),
    need_id         INTEGER,
    course          TEXT NOT NULL,
    provider        TEXT NOT NULL,
    starts_on       TEXT NOT NULL,
    ends_on         TEXT NOT NULL,
    cost_cents      INTEGER NOT NULL CHECK (cost_cents >= 0),
    budget_line_id  INTEGER REFERENCES budget_line (id),
    status          TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'rejected', 'done')),
    decided_on      TEXT,
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    CHECK (status NOT IN ('approved', 'done') OR budget_line_id IS NOT NULL),
    CHECK (ends_on >= starts_on)
);
CREATE INDEX training_line ON training (budget_line_id) WHERE status IN ('approved', 'done');

-- A personnel proposal to management (§ 3.7.11).
CREATE TABLE proposal (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL
                   CHECK (kind IN ('hire', 'release', 'promotion', 'pay_change', 'allowance', 'reward')),
    employee_id    INTEGER REFERENCES employee (id),
    position_id    INTEGER REFERENCES position (id),
    justification  TEXT NOT NULL,
    amount_cents   INTEGER CHECK (amount_cents > 0),
    status         TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'decided')),
    submitted_on   TEXT,
    decided_on     TEXT,
    decision       TEXT CHECK (decision IN ('approved', 'partly', 'rejected')),
    decision_note  TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK ((status = 'decided') = (decision IS NOT NULL AND decided_on IS NOT NULL)),
    CHECK (employee_id IS NOT NULL OR position_id IS NOT NULL)
);
