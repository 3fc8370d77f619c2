-- Version 4: budget lines, suppliers and contracts (§ 3.7.8–3.7.9, § 3.7.13, § 3.8.2).
-- Money is integer cents; VAT rates are basis points (2400 = 24 %).

-- A state agency cannot deduct input VAT, so by default the budget counts VAT-inclusive cost.
ALTER TABLE department ADD COLUMN budget_includes_vat INTEGER NOT NULL DEFAULT 1;

CREATE TABLE budget_line (
    id             INTEGER PRIMARY KEY,
    year           INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    code           TEXT NOT NULL,
    name           TEXT NOT NULL,
    approved_cents INTEGER NOT NULL CHECK (approved_cents >= 0),
    UNIQUE (year, code)
);

CREATE TABLE supplier (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    reg_code TEXT NOT NULL UNIQUE,
    vat_no   TEXT NOT NULL DEFAULT '',
    contact  TEXT NOT NULL DEFAULT '',
    email    TEXT NOT NULL DEFAULT '',
    phone    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE contract (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    subject       TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL CHECK (kind IN ('goods', 'services')),
    cpv           TEXT NOT NULL DEFAULT '',
    supplier_id   INTEGER NOT NULL REFERENCES supplier(id),
    -- The current value excluding VAT (after amendments) and the value first signed.
    value_cents          INTEGER NOT NULL CHECK (value_cents >= 0),
    original_value_cents INTEGER NOT NULL CHECK (original_value_cents >= 0),
    vat_rate_bp   INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
    vat_overridden INTEGER NOT NULL DEFAULT 0,
    start_date    TEXT NOT NULL,
    end_date      TEXT NOT NULL,
    -- Stored state; "in force" and "ended" follow from the dates of a signed contract.
    state         TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'signed', 'terminated')),
    signed_on     TEXT,
    signer_capacity TEXT CHECK (signer_capacity IN ('head', 'acting_head', 'director')),
    signer_name   TEXT,
    signed_ref    TEXT NOT NULL DEFAULT '',
    terminated_on TEXT,
    termination_reason TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    CHECK (end_date >= start_date)
);
CREATE INDEX contract_supplier ON contract (supplier_id);

-- How a contract's value (excl. VAT) falls over budget lines, and so over budget years.
CREATE TABLE contract_share (
    contract_id    INTEGER NOT NULL REFERENCES contract(id) ON DELETE CASCADE,
    budget_line_id INTEGER NOT NULL REFERENCES budget_line(id),
    value_cents    INTEGER NOT NULL CHECK (value_cents >= 0),
    PRIMARY KEY (contract_id, budget_line_id)
);
CREATE INDEX contract_share_line ON contract_share (budget_line_id);

CREATE TABLE contract_amendment (
    id            INTEGER PRIMARY KEY,
    contract_id   INTEGER NOT NULL REFERENCES contract(id),
    seq           INTEGER NOT NULL,
    date          TEXT NOT NULL,
    reason        TEXT NOT NULL,
    value_before  INTEGER NOT NULL,
    value_after   INTEGER NOT NULL,
    start_before  TEXT NOT NULL,
    start_after   TEXT NOT NULL,
    end_before    TEXT NOT NULL,
    end_after     TEXT NOT NULL,
    subject_before TEXT NOT NULL,
    subject_after TEXT NOT NULL,
    signer_capacity TEXT NOT NULL CHECK (signer_capacity IN ('head', 'acting_head', 'director')),
    signer_name   TEXT NOT NULL,
    signed_ref    TEXT NOT NULL DEFAULT '',
    UNIQUE (contract_id, seq)
);

CREATE TABLE contract_deliverable (
    id          INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL REFERENCES contract(id),
    title       TEXT NOT NULL,
    due_date    TEXT NOT NULL,
    accepted_on TEXT,
    accepted_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contract_deliverable_contract ON contract_deliverable (contract_id);

CREATE TABLE contract_invoice (
    id             INTEGER PRIMARY KEY,
    contract_id    INTEGER NOT NULL REFERENCES contract(id),
    budget_line_id INTEGER NOT NULL REFERENCES budget_line(id),
    number         TEXT NOT NULL,
    date           TEXT NOT NULL,
    amount_cents   INTEGER NOT NULL CHECK (amount_cents >= 0),
    vat_cents      INTEGER NOT NULL CHECK (vat_cents >= 0),
    paid_on        TEXT,
    UNIQUE (contract_id, number)
);
CREATE INDEX contract_invoice_contract ON contract_invoice (contract_id);
CREATE INDEX contract_invoice_line ON contract_invoice (budget_line_id);

CREATE TABLE contract_document (
    id          INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL REFERENCES contract(id),
    name        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    content     BLOB NOT NULL,
    added_at    TEXT NOT NULL,
    added_by    TEXT NOT NULL
);
CREATE INDEX contract_document_contract ON contract_document (contract_id);
