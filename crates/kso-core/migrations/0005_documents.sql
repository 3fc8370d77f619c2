-- Version 5: the register of exported documents and their signatures, the trust anchors for
-- verifying signatures, and the signature's place and reason (department settings).

CREATE TABLE document (
    id          INTEGER PRIMARY KEY,
    -- KSO-2026-0007: a sequence per year.
    number      TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    -- The period or object the document is of: 2026-12, 2026, a contract number; '' if none.
    period      TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL,
    -- SHA-256 of the file as exported (unsigned), hex.
    sha256      TEXT NOT NULL,
    pages       INTEGER NOT NULL CHECK (pages > 0),
    size        INTEGER NOT NULL CHECK (size > 0),
    lang        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES user_account(id),
    acting_as   TEXT
);
CREATE INDEX document_sha256 ON document (sha256);

CREATE TABLE document_signature (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES document(id),
    signed_at   TEXT NOT NULL,
    signed_by   INTEGER NOT NULL REFERENCES user_account(id),
    acting_as   TEXT,
    -- The certificate's subject common name and the role written into the signature.
    signer      TEXT NOT NULL,
    role        TEXT NOT NULL,
    hash_alg    TEXT NOT NULL,
    key_source  TEXT NOT NULL CHECK (key_source IN ('p12', 'pkcs11')),
    -- SHA-256 of the file after this signature, hex.
    sha256      TEXT NOT NULL
);
CREATE INDEX document_signature_sha256 ON document_signature (sha256);
CREATE INDEX document_signature_document ON document_signature (document_id);

CREATE TABLE trust_anchor (
    id        INTEGER PRIMARY KEY,
    subject   TEXT NOT NULL,
    sha256    TEXT NOT NULL UNIQUE,
    der       BLOB NOT NULL,
    not_after TEXT NOT NULL,
    added_at  TEXT NOT NULL
);

ALTER TABLE department ADD COLUMN signing_location TEXT NOT NULL DEFAULT 'Tallinn';
ALTER TABLE department ADD COLUMN signing_reason TEXT NOT NULL DEFAULT '';
